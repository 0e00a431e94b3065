// Pseudo-localization: text about 40% longer, with accented and wide characters, so overflow
// shows before real translations exist; the RTL variant wraps it in right-to-left marks.
const ACCENTS: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ó', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ó', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};
const PAD = ['ﾟ', 'ẅ', 'ǿ'];

export function pseudoLocalize(text: string, rtl = false): string {
  const words = text.split(/(\s+)/);
  const out = words
    .map((w) => {
      if (/^\s+$/.test(w) || w.startsWith('**')) return w.replace(/[A-Za-z]/g, (c) => ACCENTS[c] ?? c);
      const accented = [...w].map((c) => ACCENTS[c] ?? c).join('');
      // About 40% longer: pad each word by ~0.4 of its length.
      const pad = Math.ceil(w.length * 0.4);
      return accented + Array.from({ length: pad }, (_, i) => PAD[i % PAD.length]).join('');
    })
    .join('');
  const wrapped = `[${out}]`;
  return rtl ? `\u202E${wrapped}\u202C` : wrapped;
}
