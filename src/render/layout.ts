// Layout: where text and devices go, and at which type size. Pure: it reads the job, the set's
// shared facts and a text measurer, and returns numbers (tests assert them without pixels).
import type { Job } from '../plan/types.js';
import type { LayoutKind, Style, TextStyle } from '../manifest/types.js';
import type { Box, ContentKind, SetFacts } from './types.js';
import type { Decor } from './decor.js';

export type { SetFacts };
import type { Size } from '../store/presets.js';
import { autoModel, geometry, MODEL_IDS, MODELS, type ModelId } from './devices.js';
import { defaultLineHeight } from './coverage.js';
import {
  bidiLevels,
  chooseWrap,
  fitSize,
  parseHighlights,
  pieces,
  REF_SIZE,
  unbreakableWords,
  visualRuns,
  type Piece,
  type VisualRun,
} from './text.js';

/** Font of one text block, as the measurer and the drawing need it. */
export interface FontSpec {
  chain: string[];
  weight: number;
  size: number;
  lang: string;
  /** Letter spacing in em. */
  letterSpacing: number;
}

export interface TextMeasurer {
  /** Advance width of `text` shaped in `font` (px). */
  width(text: string, font: FontSpec): number;
  /** Font families for a text style in a locale (fallback chain). */
  chain(style: TextStyle, job: Job): string[];
}

export interface RunLayout extends VisualRun {
  text: string;
  x: number;
  width: number;
  /** The accent ranges as canvas x intervals [left, right) of the shaped run (advance edges of their clusters). */
  accentX: Array<[number, number]>;
}

export interface LineLayout {
  text: string;
  x: number;
  width: number;
  /** Alphabetic baseline. */
  baseline: number;
  top: number;
  runs: RunLayout[];
}

export interface TextBlock {
  kind: 'headline' | 'subtitle' | 'app-name' | ContentKind;
  text: string;
  font: FontSpec;
  minFontSize: number;
  fitFontSize: number;
  lineHeight: number;
  align: 'left' | 'right' | 'center';
  color: string;
  accent: string;
  shadow: boolean;
  box: Box;
  lines: LineLayout[];
  /** Union of the lines' advance boxes (line-height tall). */
  inked: Box;
  overflow: boolean;
  /** Words no line of the column holds at this size even hyphenated: they would be cut off. */
  unbreakable: string[];
  /** This block sets its set's shared size below what the other slides would take (facts.shrunk). */
  shrinksSet?: { size: number; without: number };
}

export interface DevicePlacement {
  model: ModelId;
  /** A user frame PNG (absolute), when style.device.frame names one. */
  frameFile?: string;
  which: 'primary' | 'second' | 'third';
  outer: Box;
  /** The screen, unrotated by tilt (tilt turns the whole device about the outer box's centre). */
  screen: Box;
  screenRadius: number;
  landscape: boolean;
  tilt: number;
  color: string;
  fit: 'crop' | 'letterbox';
  shadow: boolean;
}

export interface SlideLayout {
  width: number;
  height: number;
  kind: LayoutKind;
  rtl: boolean;
  /** Canvas minus the outer padding: text always stays inside it. */
  safe: Box;
  textArea?: Box;
  blocks: TextBlock[];
  devices: DevicePlacement[];
  /** full-bleed: the screenshot covers the canvas and a scrim sits behind the text. */
  fullBleed: boolean;
  /** Where the device(s) go below or above the text (text-top, text-bottom and the kinds slide-layout.ts adds). */
  deviceArea?: Box;
  /** Shapes drawn by code between the devices and the text: cards, stars, laurels (decor.ts). */
  decor?: Decor[];
}

/** Pixel sizes of the job's screenshots (from their headers), for frame none and aspect checks. */
export interface ShotSizes {
  primary?: Size;
  second?: Size;
  third?: Size;
}

/** Layouts slide-layout.ts completes: several devices, or content instead of a device. */
export const EXTENDED_KINDS: ReadonlySet<LayoutKind> = new Set([
  'fan',
  'phone-tablet',
  'feature-list',
  'stats',
  'before-after',
  'quote',
]);

const LANDSCAPE = (w: number, h: number) => w > h * 1.15;

/** The layout actually used: text above/below becomes text beside on landscape canvases. */
export function effectiveKind(job: Job): LayoutKind {
  const k = job.style.layout ?? 'text-top';
  if (k === 'feature') return k;
  if (LANDSCAPE(job.size.width, job.size.height)) {
    if (k === 'text-top') return 'text-left';
    if (k === 'text-bottom') return 'text-right';
  } else if (k === 'text-left') return 'text-top';
  else if (k === 'text-right') return 'text-bottom';
  if ((k === 'two-devices' || k === 'fan' || k === 'phone-tablet' || k === 'before-after') && !job.screenshot)
    return 'text-top';
  return k;
}

/** What a fractional type size is a fraction of: the width for portrait, less on wide canvases. */
function typeRef(w: number, h: number, kind: LayoutKind): number {
  if (kind === 'feature') return h;
  // Text beside the device has a narrower column but the whole height: size it like a portrait page.
  if (kind === 'text-left' || kind === 'text-right') return Math.min(w * 0.5, h * 0.8);
  return Math.min(w, h * 0.55);
}

const px = (v: number | undefined, ref: number, dflt: number) => {
  const x = v ?? dflt;
  return x > 1 ? x : x * ref;
};

function padding(job: Job): number {
  return (job.style.padding ?? 0.07) * Math.min(job.size.width, job.size.height);
}

/** Where text may go for a layout kind (before vertical placement): x, width. */
function textColumn(job: Job, kind: LayoutKind): { x: number; width: number } {
  const { width: W } = job.size;
  const pad = padding(job);
  const safeW = W - 2 * pad;
  if (kind === 'text-left' || kind === 'text-right' || kind === 'feature') {
    const hasDevice = kind !== 'feature' || !!job.screenshot;
    const colW = hasDevice ? safeW * (kind === 'feature' ? 0.5 : 0.4) : safeW;
    const textOnLeft = (kind === 'text-left' || kind === 'feature') !== job.rtl || !hasDevice;
    return { x: textOnLeft ? pad : W - pad - colW, width: colW };
  }
  return { x: pad, width: safeW };
}

export interface Prepared {
  kind: TextBlock['kind'];
  style: TextStyle;
  text: string;
  spans: Array<[number, number]>;
  pieces: Piece[];
  /** The same text with loose breaks (hyphenation, CJK breaks inside words): where strict ones do not fit. */
  loose: () => Piece[];
  font: FontSpec;
  maxSize: number;
  minSize: number;
  maxLines: number;
  lineHeight: number;
}

export function prepare(
  kind: Prepared['kind'],
  raw: string | undefined,
  style: TextStyle | undefined,
  job: Job,
  lk: LayoutKind,
  tm: TextMeasurer,
  defaults: { size: number; min: number; weight: number; lines: number },
): Prepared | undefined {
  if (!raw?.trim()) return undefined;
  const st = style ?? {};
  const ref = typeRef(job.size.width, job.size.height, lk);
  let { text, spans } = parseHighlights(raw.trim());
  if (st.uppercase) text = text.toLocaleUpperCase(job.locale);
  const maxSize = px(st.size, ref, defaults.size);
  const minSize = Math.min(maxSize, px(st['min-size'], ref, defaults.min));
  const font: FontSpec = {
    chain: tm.chain(st, job),
    weight: st.weight ?? defaults.weight,
    size: REF_SIZE,
    lang: job.locale,
    letterSpacing: st['letter-spacing'] ?? 0,
  };
  const measure = (t: string) => tm.width(t, font);
  const ps = pieces(text, job.locale, measure);
  let loose: Piece[] | undefined;
  return {
    kind,
    style: st,
    text,
    spans,
    pieces: ps,
    // Hyphenation and emergency breaks are worked out only for a block that needs them.
    loose: () => (loose ??= pieces(text, job.locale, measure, true)),
    font,
    maxSize,
    minSize,
    maxLines: st['max-lines'] ?? defaults.lines,
    lineHeight: st['line-height'] ?? defaultLineHeight(font.chain),
  };
}

function prepareAll(job: Job, tm: TextMeasurer): { kind: LayoutKind; items: Prepared[] } {
  const kind = effectiveKind(job);
  if (kind === 'device-only') return { kind, items: [] };
  const s: Style = job.style;
  const items: Prepared[] = [];
  if (kind === 'feature' && job.appName) {
    const p = prepare(
      'app-name',
      job.appName,
      { ...s.subtitle, weight: 700, size: 0.075, 'min-size': 0.05, uppercase: false },
      job,
      kind,
      tm,
      { size: 0.075, min: 0.05, weight: 700, lines: 1 },
    );
    if (p) items.push(p);
  }
  const h = prepare(
    'headline',
    job.headline?.text,
    kind === 'feature' ? { ...s.headline, size: 0.12, 'min-size': 0.07 } : s.headline,
    job,
    kind,
    tm,
    { size: 0.085, min: 0.05, weight: 800, lines: 3 },
  );
  if (h) items.push(h);
  const sub = prepare(
    'subtitle',
    job.subtitle?.text,
    kind === 'feature' ? { ...s.subtitle, size: 0.06, 'min-size': 0.04 } : s.subtitle,
    job,
    kind,
    tm,
    { size: 0.042, min: 0.03, weight: 500, lines: 2 },
  );
  if (sub) items.push(sub);
  return { kind, items };
}

/** Each block's own fit: the largest size that wraps into its lines and column. */
function ownFits(
  job: Job,
  tm: TextMeasurer,
): { kind: LayoutKind; items: Array<Prepared & { fit: number }>; column: { x: number; width: number } } {
  const { kind, items } = prepareAll(job, tm);
  const column = textColumn(job, kind);
  return {
    kind,
    column,
    items: items.map((p) => ({
      ...p,
      fit: fitSize({
        pieces: p.pieces,
        loose: p.loose,
        maxWidth: column.width,
        maxLines: p.maxLines,
        maxSize: p.maxSize,
        minSize: p.minSize,
      }),
    })),
  };
}

function stackGap(sizes: { headline?: number }): number {
  return (sizes.headline ?? 0) * 0.35;
}

/** Lines of a block at a size: the balanced wrap of its strict pieces, or of its loose ones where only those fit. */
export function wrapAt(p: Prepared, size: number, maxWidth: number) {
  return chooseWrap({ strict: p.pieces, loose: p.loose }, maxWidth, p.maxLines, size / REF_SIZE);
}

function stackHeight(items: Array<Prepared & { size: number }>, maxWidth: number): number {
  let h = 0;
  for (const [i, p] of items.entries()) {
    const lines = wrapAt(p, p.size, maxWidth).lines.length;
    if (i > 0) h += gapBefore(p, items[i - 1]!);
    h += lines * p.size * p.lineHeight;
  }
  return h;
}

function gapBefore(p: Prepared & { size: number }, prev: Prepared & { size: number }): number {
  if (prev.kind === 'app-name') return prev.size * 0.5;
  return p.kind === 'subtitle' ? stackGap({ headline: prev.size }) : 0;
}

/** A slide that pulls its set's shared size down by this share or more of the others' size is named in a warning. */
const SHRINK_WARNING = 0.1;

/**
 * The set's shared facts: one headline size and one subtitle size for every slide (the smallest
 * any slide needs, never below the style's minimum), and the tallest text stack at those sizes.
 * Computed from plan.all, so filters and shards never change a set's look.
 */
export function setFacts(setJobs: Job[], tm: TextMeasurer): SetFacts {
  const fits = setJobs.map((j) => ({ job: j, ...ownFits(j, tm) }));
  const lockable = fits.filter((f) => f.job.style['lock-type-size'] !== false);
  const shrunk: NonNullable<SetFacts['shrunk']> = [];
  const lock = (kind: 'headline' | 'subtitle') => {
    const xs = lockable.flatMap((f) => f.items.filter((i) => i.kind === kind).map((i) => ({ ...i, job: f.job })));
    if (xs.length === 0) return undefined;
    const floor = Math.max(...xs.map((x) => x.minSize));
    const own = xs.map((x) => Math.max(floor, Math.min(x.fit, x.maxSize)));
    const size = Math.min(...own);
    // The slide that sets the size, when the others would all be set larger without it.
    const k = own.indexOf(size);
    const others = Math.min(...own.filter((_, i) => i !== k));
    if (xs.length > 1 && others - size >= Math.max(1, others * SHRINK_WARNING))
      shrunk.push({ kind, slide: xs[k]!.job.slide, at: xs[k]!.job.source.slide, size, without: others });
    return size;
  };
  const facts: SetFacts = { headlineSize: lock('headline'), subtitleSize: lock('subtitle'), textHeight: 0 };
  if (shrunk.length) facts.shrunk = shrunk;
  for (const f of fits) {
    const sized = f.items.map((i) => ({ ...i, size: sizeFor(i, f.job, facts) }));
    facts.textHeight = Math.max(facts.textHeight, stackHeight(sized, f.column.width));
  }
  return facts;
}

function sizeFor(p: Prepared & { fit: number }, job: Job, facts: SetFacts): number {
  const own = Math.max(p.minSize, Math.min(p.fit, p.maxSize));
  if (job.style['lock-type-size'] === false || p.kind === 'app-name') return own;
  const locked = p.kind === 'headline' ? facts.headlineSize : facts.subtitleSize;
  return locked === undefined ? own : Math.min(p.maxSize, locked);
}

function alignOf(st: TextStyle, rtl: boolean, dflt: 'center' | 'start'): 'left' | 'right' | 'center' {
  const a = st.align ?? dflt;
  if (a === 'center' || a === 'left' || a === 'right') return a;
  return (a === 'start') !== rtl ? 'left' : 'right';
}

/** The sizes for a warning when this slide's block is the one that pulls its set's size down. */
function shrinking(facts: SetFacts, job: Job, kind: Prepared['kind']): TextBlock['shrinksSet'] {
  const s = facts.shrunk?.find((x) => x.kind === kind && x.slide === job.slide);
  return s && { size: s.size, without: s.without };
}

/** Places a stack of blocks in a box: vertically centred, each line aligned in the box. */
export function placeText(
  items: Array<Prepared & { fit: number; size: number }>,
  box: Box,
  job: Job,
  tm: TextMeasurer,
  dfltAlign: 'center' | 'start',
  facts: SetFacts,
): TextBlock[] {
  const total = stackHeight(items, box.width);
  let y = box.y + Math.max(0, (box.height - total) / 2);
  const out: TextBlock[] = [];
  items.forEach((p, i) => {
    if (i > 0) y += gapBefore(p, items[i - 1]!);
    const size = p.size;
    const font = { ...p.font, size };
    const wrap = wrapAt(p, size, box.width);
    const levels = bidiLevels(p.text, job.rtl);
    const lh = size * p.lineHeight;
    const align = alignOf(p.style, job.rtl, dfltAlign);
    const lines: LineLayout[] = wrap.lines.map(([a, b], k) => {
      const start = wrap.pieces[a]!.start;
      const end = wrap.pieces[b]!.end;
      const hyphen = k < wrap.lines.length - 1 ? wrap.pieces[b]!.hyphen : undefined;
      const runs = visualRuns(p.text, levels, start, end, p.spans);
      let x = 0;
      const placed = runs.map((r) => {
        const text = p.text.slice(r.start, r.end);
        const w = tm.width(text, font);
        const run: RunLayout = { ...r, text, x, width: w, accentX: [] };
        x += w;
        return run;
      });
      // A line broken inside a word ends with a hyphen, in the colour of the letter before it.
      let hyphenRun: RunLayout | undefined;
      if (hyphen) {
        const last = placed[placed.length - 1];
        const w = tm.width(hyphen, font);
        const at = last && !last.rtl ? last.end : end;
        hyphenRun = { start: at, end: at, rtl: false, accents: [], text: hyphen, x, width: w, accentX: [] };
        placed.push(hyphenRun);
        x += w;
      }
      const accentedBefore = p.spans.some(([a, b]) => a <= end - 1 && end - 1 < b);
      const width = x;
      const left =
        align === 'left' ? box.x : align === 'right' ? box.x + box.width - width : box.x + (box.width - width) / 2;
      for (const r of placed) {
        r.x += left;
        r.accentX =
          r === hyphenRun ? (accentedBefore ? [[r.x, r.x + r.width]] : []) : accentIntervals(p.text, r, font, tm);
      }
      const top = y + k * lh;
      // Centre the em box in the line: caps and ideographs sit optically centred.
      return {
        text: p.text.slice(start, end).replaceAll('\u00ad', '').trim() + (hyphen ?? ''),
        x: left,
        width,
        top,
        baseline: top + lh / 2 + size * 0.36,
        runs: placed,
      };
    });
    const height = lines.length * lh;
    const minX = Math.min(...lines.map((l) => l.x));
    const maxX = Math.max(...lines.map((l) => l.x + l.width));
    // Judged on the lines at the size they are set in: fitSize's answer is a lower bound in half-pixel
    // steps, so p.fit < p.minSize can hold for a block that fits at its minimum size.
    const overflow = wrap.tooWide || lines.length > p.maxLines || maxX - minX > box.width + 1;
    const unbreakable = overflow ? unbreakableWords(p.text, p.loose(), box.width, size) : [];
    const textBox: Box = { x: box.x, y, width: box.width, height };
    out.push({
      kind: p.kind,
      text: p.text,
      font,
      minFontSize: p.minSize,
      fitFontSize: p.fit,
      lineHeight: lh,
      align,
      color: p.style.color ?? '#ffffff',
      accent: p.style.accent ?? p.style.color ?? '#ffffff',
      shadow: p.style.shadow ?? false,
      box: textBox,
      lines,
      inked: { x: minX, y, width: maxX - minX, height },
      overflow,
      unbreakable,
      shrinksSet: shrinking(facts, job, p.kind),
    });
    y += height;
  });
  return out;
}

const ARABIC_LETTER = /^(?=\p{Script=Arabic})[\p{L}\p{M}]$/u;
const TATWEEL = '\u0640';

/**
 * Where a run's accent ranges are, in canvas x. The run is shaped whole; the advance up to a
 * code-unit offset inside it is the width of the text before it, measured with a tatweel after
 * it (less the tatweel's own width) where an Arabic letter continues the word, so its last letter
 * keeps the joined form it has in the whole run (a zero-width joiner at the end of a measured
 * string does not join in Skia).
 */
function accentIntervals(text: string, r: RunLayout, font: FontSpec, tm: TextMeasurer): Array<[number, number]> {
  const edge = (k: number) => {
    if (k <= r.start) return 0;
    if (k >= r.end) return r.width;
    const before = text.slice(r.start, k);
    const joins = ARABIC_LETTER.test(String.fromCodePoint(text.codePointAt(k)!)) && ARABIC_LETTER.test(before.at(-1)!);
    const w = joins ? tm.width(before + TATWEEL, font) - tm.width(TATWEEL, font) : tm.width(before, font);
    return Math.min(r.width, w);
  };
  return r.accents.map(([a, b]) => {
    const e0 = edge(a);
    const e1 = edge(b);
    return r.rtl ? [r.x + r.width - e1, r.x + r.width - e0] : [r.x + e0, r.x + e1];
  });
}

function fitBox(area: Box, aspect: number, scale = 1): Box {
  let w = Math.min(area.width, area.height * aspect) * scale;
  let h = w / aspect;
  if (h > area.height * scale) {
    h = area.height * scale;
    w = h * aspect;
  }
  return { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
}

export function resolveModel(job: Job): { model: ModelId; frameFile?: string } {
  const f = job.style.device?.frame ?? 'auto';
  if (f === 'auto') return { model: autoModel(job.device, job.presetId) };
  if (/\.png$/i.test(f)) return { model: 'none', frameFile: f };
  if ((MODEL_IDS as string[]).includes(f)) return { model: f as ModelId };
  return { model: autoModel(job.device, job.presetId) };
}

/** What a layout of several devices sets for one of them: another model (a tablet beside a phone), its own tilt. */
export interface DeviceOverride {
  model?: ModelId;
  tilt?: number;
}

/** One device placed in an area; frameAspect is the user frame PNG's aspect when there is one. */
function placeDevice(
  job: Job,
  area: Box,
  which: DevicePlacement['which'],
  shot: Size | undefined,
  frame: { aspect: number; screen: Box } | undefined,
  scale: number,
  over: DeviceOverride = {},
): DevicePlacement {
  const d = job.style.device ?? {};
  const resolved = resolveModel(job);
  const model = over.model ?? resolved.model;
  const frameFile = over.model ? undefined : resolved.frameFile;
  if (over.model) frame = undefined;
  const spec = MODELS[model];
  const landscapeCanvas = LANDSCAPE(job.size.width, job.size.height);
  // The feature graphic is wide, but the phone on it stands upright.
  const rotate = spec.rotates && (job.landscape || (landscapeCanvas && effectiveKind(job) !== 'feature'));
  const shotAspect = shot ? shot.width / shot.height : job.size.width / job.size.height;
  let outer: Box;
  let screen: Box;
  let radius: number;
  if (frame) {
    outer = fitBox(area, frame.aspect, scale);
    const k = outer.width;
    screen = {
      x: outer.x + frame.screen.x * k,
      y: outer.y + frame.screen.y * k,
      width: frame.screen.width * k,
      height: frame.screen.height * k,
    };
    radius = 0;
  } else {
    const g = geometry(spec, rotate, model === 'none' ? shotAspect : undefined);
    outer = fitBox(area, g.outerW / g.outerH, scale);
    const k = outer.width / g.outerW;
    screen = {
      x: outer.x + g.screen.x * k,
      y: outer.y + g.screen.y * k,
      width: g.screen.width * k,
      height: g.screen.height * k,
    };
    radius = spec.screenRadius * k;
  }
  const dx = (d['offset-x'] ?? 0) * job.size.width * (job.rtl ? -1 : 1);
  const dy = (d['offset-y'] ?? 0) * job.size.height;
  const shift = (b: Box): Box => ({ ...b, x: b.x + dx, y: b.y + dy });
  return {
    model,
    frameFile,
    which,
    outer: shift(outer),
    screen: shift(screen),
    screenRadius: radius,
    landscape: rotate,
    tilt: (over.tilt ?? leaning(d.tilt ?? 0, d['tilt-direction'])) * (job.rtl ? -1 : 1),
    color: d.color ?? 'black',
    fit: d.fit ?? 'crop',
    shadow: d.shadow ?? true,
  };
}

/** A tilt turned to the set's direction (right: clockwise, the top leans right); the size is kept. */
export function leaning(tilt: number, direction: 'left' | 'right' | undefined): number {
  if (!direction) return tilt;
  return (direction === 'right' ? 1 : -1) * Math.abs(tilt);
}

/** Places one device of the job in an area (slide-layout.ts's several devices use it with overrides). */
export type PlaceDevice = (
  area: Box,
  which: DevicePlacement['which'],
  scale?: number,
  over?: DeviceOverride,
) => DevicePlacement;

export interface LayoutInput {
  job: Job;
  facts: SetFacts;
  measurer: TextMeasurer;
  shots?: ShotSizes;
  /** A user frame PNG's aspect and transparent screen box (in units of its width). */
  frame?: { aspect: number; screen: Box };
}

/** The whole layout of one job. */
export function layoutJob(input: LayoutInput): SlideLayout {
  return layoutWith(input).layout;
}

/** The layout, and the device placer slide-layout.ts completes the extended kinds with. */
export function layoutWith({ job, facts, measurer: tm, shots = {}, frame }: LayoutInput): {
  layout: SlideLayout;
  place: PlaceDevice;
} {
  const { width: W, height: H } = job.size;
  const pad = padding(job);
  const safe: Box = { x: pad, y: pad, width: W - 2 * pad, height: H - 2 * pad };
  const { kind, items, column } = ownFits(job, tm);
  const sized = items.map((p) => ({ ...p, size: sizeFor(p, job, facts) }));
  const scale = job.style.device?.scale ?? 1;
  const hasShot = !!job.screenshot;
  const textH = Math.max(facts.textHeight, stackHeight(sized, column.width));
  const gap = pad * 0.9;
  const layout: SlideLayout = {
    width: W,
    height: H,
    kind,
    rtl: job.rtl,
    safe,
    blocks: [],
    devices: [],
    fullBleed: false,
  };
  const place: PlaceDevice = (area, which, s = scale, over) =>
    placeDevice(
      job,
      area,
      which,
      which === 'primary' ? shots.primary : (shots[which] ?? shots.primary),
      frame,
      s,
      over,
    );

  switch (kind) {
    case 'device-only': {
      if (hasShot) layout.devices.push(place(safe, 'primary'));
      break;
    }
    case 'text-left':
    case 'text-right':
    case 'feature': {
      const textArea: Box = { x: column.x, y: safe.y, width: column.width, height: safe.height };
      layout.textArea = textArea;
      layout.blocks = placeText(sized, textArea, job, tm, kind === 'feature' && hasShot ? 'start' : 'center', facts);
      if (hasShot) {
        const devX = column.x === pad ? column.x + column.width + gap : pad;
        const devW = safe.width - column.width - gap;
        const area: Box =
          kind === 'feature'
            ? // The feature graphic's device runs off the bottom edge, like a phone held up to the camera.
              { x: devX, y: H * 0.12, width: devW, height: H * 1.25 }
            : { x: devX, y: safe.y, width: devW, height: safe.height };
        layout.devices.push(place(area, 'primary'));
      }
      break;
    }
    default: {
      const top = kind !== 'text-bottom';
      const hasText = sized.length > 0;
      const tH = hasText ? textH : 0;
      const textArea: Box = {
        x: column.x,
        y: top ? safe.y + pad * 0.35 : H - pad - tH,
        width: column.width,
        height: tH,
      };
      if (hasText) {
        layout.textArea = textArea;
        layout.blocks = placeText(sized, textArea, job, tm, 'center', facts);
      }
      const area: Box = top
        ? {
            x: safe.x,
            y: textArea.y + tH + (hasText ? gap : 0),
            width: safe.width,
            height: H - pad - (textArea.y + tH + (hasText ? gap : 0)),
          }
        : { x: safe.x, y: safe.y, width: safe.width, height: textArea.y - gap - safe.y };
      layout.deviceArea = area;
      if (kind === 'full-bleed') layout.fullBleed = hasShot;
      else if (EXTENDED_KINDS.has(kind)) {
        // Completed by slide-layout.ts.
      } else if (kind === 'two-devices' && hasShot) {
        // Two devices side by side, overlapping a little; the second sits lower and behind.
        const w = area.width * 0.56;
        const back: Box = {
          x: job.rtl ? area.x : area.x + area.width - w,
          y: area.y + area.height * 0.08,
          width: w,
          height: area.height * 0.92,
        };
        const front: Box = {
          x: job.rtl ? area.x + area.width - w : area.x,
          y: area.y,
          width: w,
          height: area.height * 0.92,
        };
        layout.devices.push(place(back, 'second'), place(front, 'primary'));
      } else if (hasShot) layout.devices.push(place(area, 'primary'));
    }
  }
  return { layout, place };
}
