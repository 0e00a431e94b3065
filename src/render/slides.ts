// Slides without a device (feature list, stats, quote with social proof) and the before/after
// split: their text blocks, shapes and devices in the area below (or above) the headline. Every
// text is fitted like a headline (auto-fit to its column and lines) and, per kind, set at one size
// across the set (contentSizes, like the headline's shared size). Pure: numbers tests can assert.
import type { TextStyle } from '../manifest/types.js';
import type { Job, ResolvedText } from '../plan/types.js';
import type { Decor } from './decor.js';
import {
  placeText,
  prepare,
  type DevicePlacement,
  type PlaceDevice,
  type Prepared,
  type TextBlock,
  type TextMeasurer,
  wrapAt,
} from './layout.js';
import { fitSize } from './text.js';
import type { Box, ContentKind, SetFacts } from './types.js';

/** How each kind of content text is set: which text style it takes after, its sizes (of the type reference), weight and lines. */
const SPEC: Record<
  ContentKind,
  { from: 'headline' | 'subtitle'; size: number; min: number; weight: number; lines: number; align: TextStyle['align'] }
> = {
  item: { from: 'subtitle', size: 0.064, min: 0.036, weight: 600, lines: 2, align: 'start' },
  icon: { from: 'subtitle', size: 0.07, min: 0.05, weight: 400, lines: 1, align: 'center' },
  stat: { from: 'headline', size: 0.15, min: 0.07, weight: 800, lines: 1, align: 'center' },
  'stat-label': { from: 'subtitle', size: 0.044, min: 0.03, weight: 500, lines: 2, align: 'center' },
  quote: { from: 'headline', size: 0.07, min: 0.042, weight: 700, lines: 6, align: 'center' },
  source: { from: 'subtitle', size: 0.042, min: 0.03, weight: 600, lines: 2, align: 'center' },
  label: { from: 'subtitle', size: 0.046, min: 0.032, weight: 700, lines: 1, align: 'center' },
  rating: { from: 'subtitle', size: 0.042, min: 0.03, weight: 600, lines: 1, align: 'center' },
  award: { from: 'headline', size: 0.05, min: 0.034, weight: 800, lines: 2, align: 'center' },
};

/** The type reference (what fractional sizes are a fraction of): as for text-top. */
const refOf = (job: Job) => Math.min(job.size.width, job.size.height * 0.55);
const padOf = (job: Job) => (job.style.padding ?? 0.07) * Math.min(job.size.width, job.size.height);

/** Inner measures of the content, from the canvas alone (so every slide of a set agrees). */
function measures(job: Job) {
  const ref = refOf(job);
  const pad = padOf(job);
  const safeW = job.size.width - 2 * pad;
  const inner = ref * 0.05;
  const icon = ref * 0.135;
  return {
    ref,
    pad,
    safeW,
    inner,
    icon,
    gap: ref * 0.03,
    radius: ref * 0.045,
    /** Text column of each kind. */
    width: {
      item: safeW - icon - 3 * inner,
      icon,
      stat: safeW - 2 * inner,
      'stat-label': safeW - 2 * inner,
      quote: safeW * 0.92,
      source: safeW * 0.92,
      label: safeW / 2 - inner,
      rating: safeW,
      award: safeW * 0.56,
    } satisfies Record<ContentKind, number>,
  };
}

interface Fitted extends Prepared {
  fit: number;
  width: number;
  kind: ContentKind;
}

function prep(
  job: Job,
  tm: TextMeasurer,
  kind: ContentKind,
  text: ResolvedText | string | undefined,
): Fitted | undefined {
  const raw = typeof text === 'string' ? text : text?.text;
  const s = SPEC[kind];
  const style: TextStyle = {
    ...job.style[s.from],
    size: s.size,
    'min-size': s.min,
    weight: s.weight,
    'max-lines': s.lines,
    align: s.align,
    uppercase: kind === 'label' || kind === 'source' ? job.style[s.from]?.uppercase : false,
  };
  const p = prepare(kind, raw, style, job, 'text-top', tm, {
    size: s.size,
    min: s.min,
    weight: s.weight,
    lines: s.lines,
  });
  if (!p) return undefined;
  const width = measures(job).width[kind];
  const fit = fitSize({
    pieces: p.pieces,
    loose: p.loose,
    maxWidth: width,
    maxLines: p.maxLines,
    maxSize: p.maxSize,
    minSize: p.minSize,
  });
  return { ...p, kind, fit, width };
}

/** Every content text of a job, prepared and fitted to its own column, in reading order by role. */
function contentTexts(job: Job, tm: TextMeasurer) {
  const c = job.content ?? {};
  const k = job.style.layout;
  const one = (kind: ContentKind, t: ResolvedText | string | undefined) => prep(job, tm, kind, t);
  return {
    items:
      k === 'feature-list'
        ? (c.items ?? []).map((it) => ({ icon: one('icon', it.icon), text: one('item', it.text) }))
        : [],
    stats:
      k === 'stats'
        ? (c.stats ?? []).map((st) => ({ value: one('stat', st.value), label: one('stat-label', st.label) }))
        : [],
    quote: k === 'quote' ? one('quote', c.quote?.text) : undefined,
    source: k === 'quote' ? one('source', c.quote?.source) : undefined,
    award: k === 'quote' ? one('award', c.award) : undefined,
    rating: k === 'quote' && c.rating ? one('rating', c.rating.count) : undefined,
    labels:
      k === 'before-after'
        ? { before: one('label', c.labels?.before), after: one('label', c.labels?.after) }
        : { before: undefined, after: undefined },
  };
}

function allFitted(t: ReturnType<typeof contentTexts>): Fitted[] {
  return [
    ...t.items.flatMap((i) => [i.icon, i.text]),
    ...t.stats.flatMap((s) => [s.value, s.label]),
    t.quote,
    t.source,
    t.award,
    t.rating,
    t.labels.before,
    t.labels.after,
  ].filter((x): x is Fitted => !!x);
}

/**
 * The sizes a slide's content takes on its own: each text's fit to its column and lines, then all
 * of them scaled down together (never below each kind's minimum) until the stack fits the height
 * below the headline. `areaOf` lays the slide out (layout.ts) for that height.
 */
export function ownSizes(job: Job, tm: TextMeasurer, facts: SetFacts, areaOf: AreaOf): SetFacts['content'] {
  const fitted = allFitted(contentTexts(job, tm));
  if (!fitted.length) return undefined;
  const at = (scale: number) => {
    const sizes: NonNullable<SetFacts['content']> = {};
    for (const f of fitted) {
      const own = Math.max(f.minSize, Math.min(f.fit, f.maxSize) * scale);
      sizes[f.kind] = Math.min(sizes[f.kind] ?? Infinity, own);
    }
    return sizes;
  };
  const placed = areaOf(job);
  if (!placed) return at(1);
  for (let scale = 1; scale > 0.3; scale -= 0.05) {
    const sizes = at(scale);
    const c = contentLayout({ job, area: placed.area, tm, facts: { ...facts, content: sizes }, place: placed.place });
    if (!c.overflow) return sizes;
  }
  return at(0);
}

/** Where a slide's content goes and its device placer, from its layout (slide-layout.ts). */
export type AreaOf = (job: Job) => { area: Box; place: PlaceDevice } | undefined;

/**
 * One size per kind of content text across the set: the smallest any slide needs (to fit its
 * column, its lines and the height below its headline), never below the kind's minimum (the
 * headline's rule, src/render/layout.ts setFacts). Undefined: no content.
 */
export function contentSizes(setJobs: Job[], tm: TextMeasurer, facts: SetFacts, areaOf: AreaOf): SetFacts['content'] {
  const out: NonNullable<SetFacts['content']> = {};
  for (const job of setJobs) {
    if (job.style['lock-type-size'] === false) continue;
    for (const [kind, size] of Object.entries(ownSizes(job, tm, facts, areaOf) ?? {}) as Array<[ContentKind, number]>)
      out[kind] = Math.min(out[kind] ?? Infinity, size);
  }
  return Object.keys(out).length ? out : undefined;
}

type Sized = Fitted & { size: number };

function sized(f: Fitted | undefined, facts: SetFacts): Sized | undefined {
  if (!f) return undefined;
  const own = Math.max(f.minSize, Math.min(f.fit, f.maxSize));
  const locked = facts.content?.[f.kind];
  return { ...f, size: locked === undefined ? own : Math.min(f.maxSize, locked) };
}

/** A #rrggbb colour's channels; other colours (named, rgb()) count as light. */
function rgb(color: string | undefined): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{6})$/i.exec(color ?? '');
  if (!m) return undefined;
  const n = Number.parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
const isLight = (color: string | undefined) => {
  const c = rgb(color);
  return !c || 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] > 140;
};
const withAlpha = (color: string, a: number, dflt: string) => {
  const c = rgb(color);
  return c ? `rgba(${c[0]},${c[1]},${c[2]},${a})` : dflt;
};

/** What a content layout adds to the slide. */
export interface ContentLayout {
  blocks: TextBlock[];
  decor: Decor[];
  devices: DevicePlacement[];
  /** The content's height is more than the area holds (its blocks are marked overflowing). */
  overflow: boolean;
}

interface Row {
  height: number;
  place: (y: number) => void;
}

/** Rows stacked and centred in the area, the gaps between them growing up to `maxGap` to fill it. */
function stack(rows: Row[], area: Box, gap: number, maxGap: number): boolean {
  const content = rows.reduce((h, r) => h + r.height, 0);
  const n = Math.max(1, rows.length - 1);
  const g = rows.length > 1 ? Math.min(maxGap, Math.max(gap, (area.height - content) / n / 3)) : 0;
  const total = content + g * (rows.length - 1);
  let y = area.y + Math.max(0, (area.height - total) / 2);
  for (const r of rows) {
    r.place(y);
    y += r.height + g;
  }
  return total > area.height + 1;
}

export interface ContentInput {
  job: Job;
  /** The area under (text-top) the headline. */
  area: Box;
  tm: TextMeasurer;
  facts: SetFacts;
  place: PlaceDevice;
}

/** The content of a feature-list, stats, quote or before-after slide. */
export function contentLayout({ job, area, tm, facts, place }: ContentInput): ContentLayout {
  const m = measures(job);
  const t = contentTexts(job, tm);
  const out: ContentLayout = { blocks: [], decor: [], devices: [], overflow: false };
  const head = job.style.headline ?? {};
  const textColor = job.style.subtitle?.color ?? head.color ?? '#ffffff';
  const light = isLight(head.color ?? '#ffffff');
  const cardFill = light ? 'rgba(255,255,255,0.14)' : 'rgba(15,23,42,0.06)';
  const accent = head.accent ?? head.color ?? '#ffffff';
  const x0 = m.pad;
  const blockOf = (f: Sized, box: Box, color: string, align: 'center' | 'start' = 'center'): TextBlock => {
    const [b] = placeText([f], box, job, tm, align, facts);
    b!.color = color;
    b!.accent = accent;
    return b!;
  };
  const heightOf = (f: Sized | undefined) => (f ? f.size * f.lineHeight * linesOf(f) : 0);
  const rows: Row[] = [];
  const layout = job.style.layout;

  if (layout === 'feature-list') {
    for (const it of t.items) {
      const icon = sized(it.icon, facts);
      const text = sized(it.text, facts);
      if (!text) continue;
      // The tile and the padding shrink with the text when the list is fitted to the height.
      const k = text.size / text.maxSize;
      const tile = m.icon * k;
      const inner = m.inner * k;
      const h = Math.max(tile, heightOf(text)) + 2 * inner;
      rows.push({
        height: h,
        place: (y) => {
          const card: Box = { x: x0, y, width: m.safeW, height: h };
          out.decor.push({ type: 'card', box: card, radius: m.radius * k, fill: cardFill });
          // The icon on the reading side's start; the line after it.
          const iconX = job.rtl ? card.x + card.width - m.inner - tile : card.x + m.inner;
          const iconBox: Box = { x: iconX, y: y + (h - tile) / 2, width: tile, height: tile };
          out.decor.push({ type: 'card', box: iconBox, radius: tile * 0.3, fill: withAlpha(accent, 0.22, cardFill) });
          if (icon) out.blocks.push(blockOf(icon, iconBox, textColor));
          const textX = job.rtl ? card.x + m.inner : iconX + tile + m.inner;
          out.blocks.push(blockOf(text, { x: textX, y, width: m.width.item, height: h }, textColor, 'start'));
        },
      });
    }
    out.overflow = stack(rows, area, m.gap, m.gap * 2.2);
  } else if (layout === 'stats') {
    for (const st of t.stats) {
      const value = sized(st.value, facts);
      const label = sized(st.label, facts);
      if (!value) continue;
      const vh = value.size * 1.05;
      const lh = heightOf(label);
      const h = vh + lh + 2 * m.inner + (label ? m.inner * 0.3 : 0);
      rows.push({
        height: h,
        place: (y) => {
          out.decor.push({
            type: 'card',
            box: { x: x0, y, width: m.safeW, height: h },
            radius: m.radius,
            fill: cardFill,
          });
          const w = m.width.stat;
          out.blocks.push(
            blockOf({ ...value, lineHeight: 1.05 }, { x: x0 + m.inner, y: y + m.inner, width: w, height: vh }, accent),
          );
          if (label)
            out.blocks.push(
              blockOf(label, { x: x0 + m.inner, y: y + m.inner + vh + m.inner * 0.3, width: w, height: lh }, textColor),
            );
        },
      });
    }
    out.overflow = stack(rows, area, m.gap, m.gap * 2.5);
  } else if (layout === 'quote') {
    const c = job.content ?? {};
    const award = sized(t.award, facts);
    if (award) {
      const ah = heightOf(award);
      const lh = Math.max(ah * 1.5, m.ref * 0.16);
      rows.push({
        height: lh,
        place: (y) => {
          const w = m.width.award;
          const bx = x0 + (m.safeW - w) / 2;
          out.blocks.push(blockOf(award, { x: bx, y, width: w, height: lh }, head.color ?? '#ffffff'));
          const lw = lh * 0.42;
          const color = head.color ?? '#ffffff';
          out.decor.push({
            type: 'laurel',
            box: { x: bx - lw - m.inner * 0.3, y, width: lw, height: lh },
            side: 'left',
            color,
          });
          out.decor.push({
            type: 'laurel',
            box: { x: bx + w + m.inner * 0.3, y, width: lw, height: lh },
            side: 'right',
            color,
          });
        },
      });
    }
    if (c.rating) {
      const stars = c.rating.stars;
      const size = m.ref * 0.075;
      const gap = size * 0.18;
      const count = sized(t.rating, facts);
      const ch = heightOf(count);
      rows.push({
        height: size + (count ? m.inner * 0.4 + ch : 0),
        place: (y) => {
          const rowW = 5 * size + 4 * gap;
          out.decor.push({
            type: 'stars',
            x: x0 + (m.safeW - rowW) / 2,
            y,
            size,
            gap,
            stars,
            fill: '#fbbf24',
            empty: light ? 'rgba(255,255,255,0.28)' : 'rgba(15,23,42,0.15)',
          });
          if (count)
            out.blocks.push(
              blockOf(count, { x: x0, y: y + size + m.inner * 0.4, width: m.safeW, height: ch }, textColor),
            );
        },
      });
    }
    const quote = sized(t.quote, facts);
    const source = sized(t.source, facts);
    if (quote) {
      const mark = m.ref * 0.1;
      const qh = heightOf(quote);
      rows.push({
        height: mark * 0.8 + qh,
        place: (y) => {
          out.decor.push({ type: 'quote-mark', x: x0 + (m.safeW - mark) / 2, y, size: mark, color: accent });
          const w = m.width.quote;
          out.blocks.push(
            blockOf(
              quote,
              { x: x0 + (m.safeW - w) / 2, y: y + mark * 0.8, width: w, height: qh },
              head.color ?? '#ffffff',
            ),
          );
        },
      });
    }
    if (source) {
      const sh = heightOf(source);
      rows.push({
        height: sh,
        place: (y) => {
          const w = m.width.source;
          out.blocks.push(blockOf(source, { x: x0 + (m.safeW - w) / 2, y, width: w, height: sh }, accent));
        },
      });
    }
    out.overflow = stack(rows, area, m.gap * 1.5, m.gap * 3);
  } else if (layout === 'before-after') {
    const before = sized(t.labels.before, facts);
    const after = sized(t.labels.after, facts);
    const lh = Math.max(heightOf(before), heightOf(after));
    const pill = lh + m.inner * 0.8;
    const half = (m.safeW - m.gap) / 2;
    // Before on the reading side's start.
    const startX = job.rtl ? x0 + half + m.gap : x0;
    const endX = job.rtl ? x0 : x0 + half + m.gap;
    const labelRow = lh ? pill + m.gap : 0;
    const devArea = (x: number): Box => ({ x, y: area.y + labelRow, width: half, height: area.height - labelRow });
    const a = place(devArea(startX), 'primary');
    const b = place(devArea(endX), 'second');
    out.devices.push(a, b);
    const pillFor = (f: Sized | undefined, dev: DevicePlacement, fill: string, color: string) => {
      if (!f) return;
      const w = Math.min(half, tm.width(f.text, { ...f.font, size: f.size }) + m.inner * 2.4);
      const box: Box = {
        x: dev.outer.x + (dev.outer.width - w) / 2,
        y: dev.outer.y - m.gap - pill,
        width: w,
        height: pill,
      };
      out.decor.push({ type: 'card', box, radius: pill / 2, fill });
      out.blocks.push(blockOf(f, box, color));
    };
    pillFor(before, a, cardFill, textColor);
    pillFor(after, b, accent, isLight(accent) ? '#111827' : '#ffffff');
    const cy = Math.max(a.screen.y + a.screen.height / 2, b.screen.y + b.screen.height / 2);
    out.decor.push({
      type: 'arrow',
      cx: x0 + m.safeW / 2,
      cy,
      r: m.ref * 0.055,
      fill: '#ffffff',
      color: '#111827',
      pointsLeft: job.rtl,
    });
  }
  if (out.overflow) for (const b of out.blocks) b.overflow = true;
  return out;
}

/** The block's line count at its size in its column (placeText wraps the same way). */
const linesOf = (f: Sized) => wrapAt(f, f.size, f.width).lines.length;
