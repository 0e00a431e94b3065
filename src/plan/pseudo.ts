// Pseudo-localization: the base text made about 40% longer, with accented letters and wide
// characters (fullwidth brackets, W/M-shaped padding), so overflow, clipped accents and a
// missing glyph show before real translations exist. `pseudo-rtl` also wraps each word in
// RIGHT-TO-LEFT OVERRIDE ... POP DIRECTIONAL FORMATTING (as Android's ar-XB does): Latin shows
// mirrored, and the job is laid out right-to-left (job.rtl). Markup and placeholders
// (**accent**, %@, %1$s, {name}, {{count}}) pass through unchanged.
const ACCENTS: Record<string, string> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'í',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ó',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'ú',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Å',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Í',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ó',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Ú',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};

/** Padding letters: wide ones, so the expansion costs width, not only characters. */
const PAD = ['ŵ', 'ɱ', 'ẅ', 'ǿ'];

/** Every character pseudo text may add (fonts must cover these; the render tests check it). */
export const PSEUDO_CHARACTERS = [
  ...new Set([...Object.values(ACCENTS), ...PAD, '［', '］', '\u200F', '\u202E', '\u202C']),
].join('');

export const PSEUDO_EXPANSION = 0.4;

const PROTECTED =
  /(\*\*|%(?:\d+\$)?[-+ 0#]*\d*(?:\.\d+)?(?:ll|l|h|z|q)?[@dDiuUxXoOfFeEgGcCsSpaA%]|\{\{[^{}]*\}\}|\{[^{}]*\}|\n)/u;

export function pseudoLocalize(text: string, rtl = false): string {
  const parts = text.split(PROTECTED);
  let out = '';
  parts.forEach((part, i) => {
    // Odd indexes are the protected tokens the split kept.
    if (i % 2 === 1) {
      out += part;
      return;
    }
    out += part.replace(/\p{L}[\p{L}\p{M}'’]*/gu, (word) => {
      const letters = [...word];
      const pad = Math.ceil(letters.length * PSEUDO_EXPANSION);
      return (
        letters.map((c) => ACCENTS[c] ?? c).join('') +
        Array.from({ length: pad }, (_, k) => PAD[k % PAD.length]).join('')
      );
    });
  });
  const wrapped = `［${out}］`;
  if (!rtl) return wrapped;
  // Each word on its own (as Android's ar-XB does), so the text reads right-to-left however a
  // renderer wraps it: RLM + RIGHT-TO-LEFT OVERRIDE + word + POP DIRECTIONAL FORMATTING + RLM.
  return wrapped.replace(/[^\s]+/g, (w) => `\u200F\u202E${w}\u202C\u200F`);
}
