// Text layout without pixels: highlights, break opportunities (UAX #14 plus kinsoku and
// dictionary word breaks for Thai-like scripts), balanced wrapping, auto-fit and bidi runs.
// Everything here is pure given a `measure` function, so tests assert numbers, not images.
import LineBreaker from 'linebreak';
import bidiModule, { type Bidi, type BidiCharTypeName } from 'bidi-js';
import { hyphenationPoints, hyphenFor, phraseBoundaries } from './breaks.js';

// bidi-js is CommonJS whose module.exports is the factory; its typings describe an ES default.
const bidiFactory = bidiModule as unknown as () => Bidi;

export interface Highlighted {
  /** The text with `**` markers removed. */
  text: string;
  /** Code-unit ranges [start, end) drawn in the accent colour. */
  spans: Array<[number, number]>;
}

/** `Track every **habit**` -> text without markers plus the highlighted ranges. */
export function parseHighlights(raw: string): Highlighted {
  const spans: Array<[number, number]> = [];
  let text = '';
  let open = -1;
  const parts = raw.split('**');
  parts.forEach((part, i) => {
    if (i > 0) {
      if (open < 0) open = text.length;
      else {
        if (text.length > open) spans.push([open, text.length]);
        open = -1;
      }
    }
    text += part;
  });
  // An unmatched ** is text, not markup: it stays as the user wrote it, and the pairs before it
  // are still accents (their ranges are offsets into the text returned, markers removed).
  if (open >= 0) {
    const at = raw.lastIndexOf('**');
    const head = parseHighlights(raw.slice(0, at));
    return { text: head.text + raw.slice(at), spans: head.spans };
  }
  return { text, spans };
}

// Kinsoku shori (JIS X 4051): characters that may not start a line, and ones that may not end one.
const NO_LINE_START = new Set([
  ...'、。，．・：；？！゛゜ヽヾゝゞ々〻ー）］｝〉》」』】〕〗〙〟’”»‥…ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ,.:;?!)]}%',
]);
const NO_LINE_END = new Set([...'（［｛〈《「『【〔〖〘〝‘“«([{']);

export function isNoLineStart(ch: string): boolean {
  return NO_LINE_START.has(ch);
}

export function isNoLineEnd(ch: string): boolean {
  return NO_LINE_END.has(ch);
}

// Scripts written without spaces between words, where UAX #14 needs a dictionary (class SA).
const DICTIONARY_SCRIPT = /[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF]/;
const segmenters = new Map<string, Intl.Segmenter>();
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
// Letters and digits of the scripts UAX #14 breaks between any two characters (Hangul, kana, Han).
const CJK =
  /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u3006\u30fc\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

export interface BreakOpportunities {
  breaks: number[];
  required: Set<number>;
  /** Breaks inside a word, where a line that ends draws a hyphen (soft hyphens; pattern points when loose). */
  hyphens: Set<number>;
  /** Loose breaks that the strict rules do not allow (a wrap uses as few as it can). */
  looseOnly: Set<number>;
}

/**
 * Positions (code-unit offsets, ascending, excluding 0, including text.length) where a line may end.
 * Strict (the default) is how the language is set: Korean breaks at spaces (keep-all), Japanese
 * and Chinese between BudouX phrases, words only at a soft hyphen. Loose is the fall-back when
 * the strict breaks would shrink the text too far: words hyphenate by the language's patterns and
 * CJK text breaks between any two characters (kinsoku still holds in both).
 */
export function breakOpportunities(text: string, locale: string, loose = false): BreakOpportunities {
  const set = new Set<number>();
  const required = new Set<number>();
  const hyphens = new Set<number>();
  const lb = new LineBreaker(text);
  for (let bk = lb.nextBreak(); bk; bk = lb.nextBreak()) {
    set.add(bk.position);
    if (bk.required && bk.position < text.length) required.add(bk.position);
    if (text[bk.position - 1] === '\u00ad' && bk.position < text.length) hyphens.add(bk.position);
  }
  if (DICTIONARY_SCRIPT.test(text)) {
    let seg = segmenters.get(locale);
    if (!seg) {
      seg = new Intl.Segmenter(safeLocale(locale), { granularity: 'word' });
      segmenters.set(locale, seg);
    }
    for (const s of seg.segment(text)) if (s.index > 0 && DICTIONARY_SCRIPT.test(text[s.index] ?? '')) set.add(s.index);
  }
  if (!loose) {
    const phrases = phraseBoundaries(text, locale);
    const keepAll = /^ko\b/i.test(locale);
    if (phrases || keepAll) {
      for (const p of set) {
        if (p >= text.length || required.has(p)) continue;
        const before = text[p - 1]!;
        const after = text[p]!;
        // keep-all: no break between two letters of a Korean word; phrases: none inside a BudouX phrase.
        if (keepAll && WORD_CHAR.test(before) && WORD_CHAR.test(after)) set.delete(p);
        else if (phrases && CJK.test(before) && CJK.test(after) && !phrases.has(p)) set.delete(p);
      }
    }
  } else {
    // A dictionary word too long for the line breaks between clusters rather than run off the canvas.
    if (DICTIONARY_SCRIPT.test(text))
      for (const g of graphemes.segment(text))
        if (g.index > 0 && DICTIONARY_SCRIPT.test(text[g.index]!) && DICTIONARY_SCRIPT.test(text[g.index - 1]!))
          set.add(g.index);
    for (const p of hyphenationPoints(text, locale)) {
      if (set.has(p)) continue;
      set.add(p);
      hyphens.add(p);
    }
  }
  // UAX #14 breaks after a space: an opening mark followed by a space (French « Bonjour ») must
  // not be left at the end of the line either, so look back past the spaces.
  const lastBefore = (p: number) => {
    let i = p - 1;
    while (i > 0 && (text[i] === ' ' || text[i] === '\u00a0' || text[i] === '\u202f')) i--;
    return text[i]!;
  };
  const breaks = [...set]
    .filter(
      (p) => p === text.length || required.has(p) || (!NO_LINE_START.has(text[p]!) && !NO_LINE_END.has(lastBefore(p))),
    )
    .sort((a, b) => a - b);
  const looseOnly = new Set<number>();
  if (loose) {
    const strict = new Set(breakOpportunities(text, locale).breaks);
    for (const p of breaks) if (!strict.has(p)) looseOnly.add(p);
  }
  return { breaks, required, hyphens, looseOnly };
}

function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** A piece between two break opportunities, measured once at REF_SIZE. */
export interface Piece {
  start: number;
  end: number;
  /** Width with its trailing spaces, and without (when it ends a line; then with its hyphen, if any). */
  width: number;
  trimmedWidth: number;
  /** A required break (newline) follows this piece. */
  hardBreak: boolean;
  /** The piece ends inside a word: a line ending here draws `hyphen` after it. */
  hyphen?: string;
  /** The break after the piece is a loose one (inside a word or phrase): used only when needed. */
  looseOnly?: boolean;
}

export const REF_SIZE = 100;

export type Measure = (text: string) => number;

/** Pieces of a text between its break opportunities (strict, or loose: see breakOpportunities). */
export function pieces(text: string, locale: string, measureAtRef: Measure, loose = false): Piece[] {
  const { breaks, required, hyphens, looseOnly } = breakOpportunities(text, locale, loose);
  const hyphen = hyphenFor(locale);
  const out: Piece[] = [];
  let start = 0;
  for (const end of breaks) {
    // A soft hyphen is invisible inside a line; where a line ends at one, a real hyphen is drawn.
    const clean = text
      .slice(start, end)
      .replace(/[\r\n]+$/, '')
      .replaceAll('\u00ad', '');
    const piece: Piece = {
      start,
      end,
      width: measureAtRef(clean),
      trimmedWidth: measureAtRef(clean.trimEnd()),
      hardBreak: required.has(end),
    };
    if (looseOnly.has(end)) piece.looseOnly = true;
    if (hyphens.has(end)) {
      piece.hyphen = hyphen;
      piece.trimmedWidth = measureAtRef(clean + hyphen);
    }
    out.push(piece);
    start = end;
  }
  return out;
}

export interface WrapResult {
  /** Index ranges into pieces, [first, last] inclusive. */
  lines: Array<[number, number]>;
  /** Widest line at the scale used, and whether any single piece was wider than the limit. */
  widest: number;
  tooWide: boolean;
}

/** Greedy first-fit wrapping of pieces scaled by `scale` into `maxWidth`. */
export function wrapGreedy(ps: Piece[], maxWidth: number, scale: number): WrapResult {
  const lines: Array<[number, number]> = [];
  let first = 0;
  let acc = 0;
  let widest = 0;
  let tooWide = false;
  const close = (last: number) => {
    const w = lineWidth(ps, first, last, scale);
    widest = Math.max(widest, w);
    if (w > maxWidth + 0.01) tooWide = true;
    lines.push([first, last]);
    first = last + 1;
    acc = 0;
  };
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    if (i > first && acc + p.trimmedWidth * scale > maxWidth + 0.01) close(i - 1);
    acc += p.width * scale;
    if (p.hardBreak) close(i);
  }
  if (first < ps.length) close(ps.length - 1);
  return { lines, widest, tooWide };
}

function lineWidth(ps: Piece[], first: number, last: number, scale: number): number {
  let w = 0;
  for (let i = first; i < last; i++) w += ps[i]!.width;
  return (w + ps[last]!.trimmedWidth) * scale;
}

/** A line ending after this piece ends inside a word (hyphenated) or inside a phrase (a loose break). */
const breaksWord = (p: Piece) => p.hyphen !== undefined || p.looseOnly === true;

/**
 * Balanced wrapping: the greedy line count, with the lines as even as they can be (the least sum
 * of squared line widths, as Chromium's score-based `text-wrap: balance` does), so a lone last
 * word moves up a partner where that is possible. Never at the price of more hyphenated line
 * ends than the fewest any wrap into that many lines needs.
 */
export function wrapBalanced(ps: Piece[], maxWidth: number, scale: number): WrapResult {
  const greedy = wrapGreedy(ps, maxWidth, scale);
  const n = ps.length;
  const count = greedy.lines.length;
  // Headlines have a few lines; a text of hundreds of lines (hostile or not) keeps the greedy wrap.
  if (count < 2 || greedy.tooWide || count * n > 200_000) return greedy;
  // A hyphen or a break inside a word or phrase costs more than any evenness can gain.
  const hyphenCost = count * (maxWidth + 1) ** 2;
  // best[k][j]: least cost of pieces [0, j) in k lines; from[k][j]: where its last line starts.
  const best = Array.from({ length: count + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const from = Array.from({ length: count + 1 }, () => new Array<number>(n + 1).fill(-1));
  best[0]![0] = 0;
  for (let k = 1; k <= count; k++)
    for (let j = 1; j <= n; j++) {
      // Last line [i, j - 1]: no hard break inside it, and a hard break before it ends the previous line.
      let w = ps[j - 1]!.trimmedWidth * scale;
      for (let i = j - 1; i >= 0; i--) {
        if (i < j - 1) {
          if (ps[i]!.hardBreak) break;
          w += ps[i]!.width * scale;
        }
        if (w > maxWidth + 0.01) break;
        const prev = best[k - 1]![i]!;
        if (prev === Infinity) continue;
        const cost = prev + w * w + (j < n && breaksWord(ps[j - 1]!) ? hyphenCost : 0);
        if (cost < best[k]![j]!) {
          best[k]![j] = cost;
          from[k]![j] = i;
        }
      }
    }
  if (best[count]![n] === Infinity) return greedy;
  const lines: Array<[number, number]> = [];
  for (let k = count, j = n; k > 0; k--) {
    const i = from[k]![j]!;
    lines.unshift([i, j - 1]);
    j = i;
  }
  const widest = Math.max(...lines.map(([a, b]) => lineWidth(ps, a, b, scale)));
  return { lines, widest, tooWide: false };
}

/**
 * The text's pieces two ways: strict (how the language is set) and loose (hyphenated words,
 * CJK breaks anywhere), used only where the strict ones would not fit (chooseWrap).
 */
export interface BreakSets {
  strict: Piece[];
  /** Computed only when a wrap or fit needs it (a function), or given. */
  loose: Piece[] | (() => Piece[]);
}

const looseOf = (l: Piece[] | (() => Piece[])) => (typeof l === 'function' ? l() : l);

/** Lines at a scale: the balanced strict wrap when it fits, else the balanced loose one when that fits. */
export function chooseWrap(
  b: BreakSets,
  maxWidth: number,
  maxLines: number,
  scale: number,
): WrapResult & { pieces: Piece[] } {
  const strict = wrapBalanced(b.strict, maxWidth, scale);
  if ((!strict.tooWide && strict.lines.length <= maxLines) || b.loose === b.strict)
    return { ...strict, pieces: b.strict };
  const ps = looseOf(b.loose);
  const loose = wrapBalanced(ps, maxWidth, scale);
  if (!loose.tooWide && loose.lines.length <= maxLines) return { ...loose, pieces: ps };
  return { ...strict, pieces: b.strict };
}

export interface FitInput {
  pieces: Piece[];
  /** Pieces with loose breaks (hyphenation), tried when the strict fit is below HYPHENATE_BELOW of maxSize. */
  loose?: Piece[] | (() => Piece[]);
  maxWidth: number;
  maxLines: number;
  maxSize: number;
  minSize: number;
}

/**
 * Hyphenation (and CJK breaks inside words) takes the strain before a block shrinks below this
 * share of its largest size: a headline is set a little smaller rather than hyphenated, but a
 * long compound never drags the set down to its minimum.
 */
export const HYPHENATE_BELOW = 0.85;

/** The largest size (to 0.5 px) at which the text wraps into maxLines within maxWidth; may be below minSize. */
export function fitSize(f: FitInput): number {
  const strict = largest(f, (size) => fitsWith(f.pieces, f, size));
  if (!f.loose || f.loose === f.pieces || strict >= Math.max(f.minSize, f.maxSize * HYPHENATE_BELOW)) return strict;
  const loose = looseOf(f.loose);
  return Math.max(
    strict,
    largest(f, (size) => fitsWith(loose, f, size)),
  );
}

function fitsWith(ps: Piece[], f: FitInput, size: number): boolean {
  const r = wrapGreedy(ps, f.maxWidth, size / REF_SIZE);
  return !r.tooWide && r.lines.length <= f.maxLines;
}

function largest(f: FitInput, fits: (size: number) => boolean): number {
  if (fits(f.maxSize)) return f.maxSize;
  let lo = Math.min(4, f.minSize / 2);
  let hi = f.maxSize;
  if (!fits(lo)) return lo;
  while (hi - lo > 0.5) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return Math.floor(lo * 2) / 2;
}

/**
 * The words of a text no line can hold at `size` even with loose breaks (hyphenated, or broken
 * between any two CJK characters): they would run past the column. Empty when everything fits.
 */
export function unbreakableWords(text: string, loose: Piece[], maxWidth: number, size: number): string[] {
  const out: string[] = [];
  for (const p of loose)
    if (p.trimmedWidth * (size / REF_SIZE) > maxWidth + 0.01) {
      // Name the whole word the piece belongs to, as the user wrote it.
      let a = p.start;
      let b = p.end;
      while (b > a && /\s/.test(text[b - 1]!)) b--;
      while (a > 0 && !/\s/.test(text[a - 1]!)) a--;
      while (b < text.length && !/\s/.test(text[b]!)) b++;
      const word = text.slice(a, b).trim().replaceAll('\u00ad', '');
      if (!out.includes(word)) out.push(word);
    }
  return out;
}

export interface VisualRun {
  start: number;
  end: number;
  rtl: boolean;
  /** Code-unit ranges [start, end) of this run drawn in the accent colour (ascending, within the run). */
  accents: Array<[number, number]>;
}

let bidi: Bidi | undefined;

// A character of each bidi class inside the Basic Multilingual Plane (none of them a bracket).
const STAND_IN: Record<BidiCharTypeName, string> = {
  L: 'A',
  R: '\u05d0',
  AL: '\u0627',
  EN: '0',
  ES: '+',
  ET: '#',
  AN: '\u0660',
  CS: ',',
  NSM: '\u0300',
  BN: '\u00ad',
  B: '\u2029',
  S: '\t',
  WS: ' ',
  ON: '!',
  LRO: '\u202d',
  RLO: '\u202e',
  LRE: '\u202a',
  RLE: '\u202b',
  PDF: '\u202c',
  LRI: '\u2066',
  RLI: '\u2067',
  FSI: '\u2068',
  PDI: '\u2069',
};

/**
 * The text as bidi-js should see it. bidi-js classifies UTF-16 code units, so both halves of a
 * surrogate pair (emoji 🔥, CJK Extension B 𠮷, Adlam) read as L (lojjic/bidi-js#9) and an emoji
 * beside a Latin name in RTL text lands on the wrong side. Each half is replaced by a BMP
 * character of the whole code point's class (bidi-js looks that up correctly by code point),
 * so the offsets, and the levels, stay those of the real text.
 */
function forBidi(b: Bidi, text: string): string {
  if (!/[\ud800-\udbff]/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    if (ch.length === 1) out += ch;
    else {
      const stand = STAND_IN[b.getBidiCharTypeName(ch)];
      out += stand + stand;
    }
  }
  return out;
}

// The base level of the paragraph each levels array of bidiLevels belongs to (0 or 1). It is not
// the first character's level: an RTL paragraph that starts with a Latin word has level 2 there.
const paragraphLevels = new WeakMap<Uint8Array, number>();

/** Embedding levels of a paragraph (UAX #9), with the base direction of the locale. */
export function bidiLevels(text: string, rtl: boolean): Uint8Array {
  bidi ??= bidiFactory();
  const { levels } = bidi.getEmbeddingLevels(forBidi(bidi, text), rtl ? 'rtl' : 'ltr');
  paragraphLevels.set(levels, rtl ? 1 : 0);
  return levels;
}

/**
 * The runs of one line [start, end) in visual order, left to right. A run has one direction and
 * is shaped whole: an accent inside an Arabic word (ب**صحتك**) is a range of the run, coloured
 * when drawn, never a run of its own, so the letters on both sides of it still join.
 */
export function visualRuns(
  text: string,
  levels: Uint8Array,
  start: number,
  end: number,
  spans: Array<[number, number]>,
): VisualRun[] {
  bidi ??= bidiFactory();
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) return [];
  const order = Array.from({ length: end - start }, (_, i) => start + i);
  const segs = bidi.getReorderSegments(
    forBidi(bidi, text),
    // Line ends reset to the paragraph's level (UAX #9 L1): trailing controls such as U+2069 or a
    // soft hyphen, and spaces before them, go to the line end of the paragraph's direction.
    { levels, paragraphs: [{ start: 0, end: text.length - 1, level: paragraphLevels.get(levels) ?? levels[0] ?? 0 }] },
    start,
    end - 1,
  );
  for (const seg of segs) {
    const a = seg[0]! - start;
    const b = seg[1]! - start;
    const rev = order.slice(a, b + 1).reverse();
    order.splice(a, rev.length, ...rev);
  }
  const runs: VisualRun[] = [];
  for (const i of order) {
    const rtl = (levels[i]! & 1) === 1;
    const last = runs[runs.length - 1];
    if (last && last.rtl === rtl && (rtl ? i === last.start - 1 : i === last.end)) {
      if (rtl) last.start = i;
      else last.end = i + 1;
    } else runs.push({ start: i, end: i + 1, rtl, accents: [] });
  }
  for (const r of runs) {
    for (const [s, e] of spans) {
      const a = Math.max(s, r.start);
      const b = Math.min(e, r.end);
      if (a < b) r.accents.push([a, b]);
    }
    r.accents.sort((x, y) => x[0] - y[0]);
  }
  // A run boundary never falls inside a surrogate pair: both halves share a level (forBidi), and
  // reversal keeps the halves of an RTL pair adjacent.
  return runs;
}
