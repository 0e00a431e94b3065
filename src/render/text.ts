// Text layout without pixels: highlights, break opportunities (UAX #14 plus kinsoku and
// dictionary word breaks for Thai-like scripts), balanced wrapping, auto-fit and bidi runs.
// Everything here is pure given a `measure` function, so tests assert numbers, not images.
import LineBreaker from 'linebreak';
import bidiModule, { type Bidi, type BidiCharTypeName } from 'bidi-js';

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
  // An unmatched ** is text, not markup: give the user back what they wrote.
  if (open >= 0)
    return { text: raw, spans: spans.length ? parseHighlights(raw.slice(0, raw.lastIndexOf('**'))).spans : [] };
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

/** Positions (code-unit offsets, ascending, excluding 0, including text.length) where a line may end. */
export function breakOpportunities(text: string, locale: string): { breaks: number[]; required: Set<number> } {
  const set = new Set<number>();
  const required = new Set<number>();
  const lb = new LineBreaker(text);
  for (let bk = lb.nextBreak(); bk; bk = lb.nextBreak()) {
    set.add(bk.position);
    if (bk.required && bk.position < text.length) required.add(bk.position);
  }
  if (DICTIONARY_SCRIPT.test(text)) {
    let seg = segmenters.get(locale);
    if (!seg) {
      seg = new Intl.Segmenter(safeLocale(locale), { granularity: 'word' });
      segmenters.set(locale, seg);
    }
    for (const s of seg.segment(text)) if (s.index > 0 && DICTIONARY_SCRIPT.test(text[s.index] ?? '')) set.add(s.index);
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
  return { breaks, required };
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
  /** Width with its trailing spaces, and without (when it ends a line). */
  width: number;
  trimmedWidth: number;
  /** A required break (newline) follows this piece. */
  hardBreak: boolean;
}

export const REF_SIZE = 100;

export type Measure = (text: string) => number;

export function pieces(text: string, locale: string, measureAtRef: Measure): Piece[] {
  const { breaks, required } = breakOpportunities(text, locale);
  const out: Piece[] = [];
  let start = 0;
  for (const end of breaks) {
    const s = text.slice(start, end);
    const clean = s.replace(/[\r\n]+$/, '');
    out.push({
      start,
      end,
      width: measureAtRef(clean),
      trimmedWidth: measureAtRef(clean.trimEnd()),
      hardBreak: required.has(end),
    });
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

/**
 * Balanced wrapping: the narrowest width that keeps the greedy line count, so lines come out
 * of similar length and a lone last word moves up a partner where that is possible.
 */
export function wrapBalanced(ps: Piece[], maxWidth: number, scale: number): WrapResult {
  const greedy = wrapGreedy(ps, maxWidth, scale);
  if (greedy.lines.length < 2 || greedy.tooWide) return greedy;
  let lo = 0;
  let hi = maxWidth;
  for (let k = 0; k < 24; k++) {
    const mid = (lo + hi) / 2;
    const r = wrapGreedy(ps, mid, scale);
    if (r.lines.length <= greedy.lines.length && !r.tooWide) hi = mid;
    else lo = mid;
  }
  return wrapGreedy(ps, hi, scale);
}

export interface FitInput {
  pieces: Piece[];
  maxWidth: number;
  maxLines: number;
  maxSize: number;
  minSize: number;
}

/** The largest size (to 0.5 px) at which the text wraps into maxLines within maxWidth; may be below minSize. */
export function fitSize(f: FitInput): number {
  const fits = (size: number) => {
    const r = wrapGreedy(f.pieces, f.maxWidth, size / REF_SIZE);
    return !r.tooWide && r.lines.length <= f.maxLines;
  };
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

/** Embedding levels of a paragraph (UAX #9), with the base direction of the locale. */
export function bidiLevels(text: string, rtl: boolean): Uint8Array {
  bidi ??= bidiFactory();
  return bidi.getEmbeddingLevels(forBidi(bidi, text), rtl ? 'rtl' : 'ltr').levels;
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
    { levels, paragraphs: [{ start: 0, end: text.length - 1, level: levels[0] ?? 0 }] },
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
