// Several images drawn into one (allscreenshots' "compose": docs/render-api.md#compose-jobs): the
// placement is plain numbers (layoutCompose, also the layout preview's answer), the drawing is sharp's
// composite over one background; a capture's card (its label strip, border, rounded corners and shadow)
// is drawn with the canvas and the shipped fonts, then composited the same way. The service hands the
// result to the one render core as a screenshot.
import { familyChain, cssFont } from './fonts.js';
import { canvas, sharp as loadSharp } from './native.js';

export type ComposeLayout = 'grid' | 'horizontal' | 'vertical' | 'masonry' | 'partitioning' | 'mondrian';

export interface ComposeOptions {
  /** `auto`: horizontal for up to 3 portrait images, vertical for up to 3 landscape ones, else a grid. */
  layout: ComposeLayout | 'auto';
  /** Grid (and masonry) columns; default ceil(sqrt(n)). */
  columns?: number;
  /** Pixels between images. */
  spacing: number;
  /** Pixels around the whole composition. */
  padding: number;
  /** Where a smaller image sits in its row or cell, vertically (in a vertical stack images are centred across). */
  alignment: 'top' | 'center' | 'bottom';
  /** Each image scaled to this width first (aspect kept). */
  thumbnailWidth?: number;
  /** The whole composition scaled down (never up) to fit these. */
  maxWidth?: number;
  maxHeight?: number;
  /** What each card adds around its image: a border on every side, a label strip (top or bottom). */
  frame?: { border: number; label: number; labelAt: 'top' | 'bottom' };
}

export interface Placement {
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ComposeLayoutResult {
  layout: ComposeLayout;
  width: number;
  height: number;
  /** Each capture's card (its image with border and label strip). */
  placements: Placement[];
  /** The factor the whole was scaled down by (1: not scaled). */
  scale: number;
}

/** The layout `auto` stands for, for these sizes. */
export function resolveLayout(sizes: Array<{ width: number; height: number }>, layout: ComposeOptions['layout']) {
  if (layout !== 'auto') return layout;
  if (sizes.length > 3) return 'grid';
  const portrait = sizes.filter((s) => s.height >= s.width).length;
  return portrait * 2 >= sizes.length ? 'horizontal' : 'vertical';
}

type Size = { width: number; height: number };

/**
 * Rows of equal height, every row as wide as the others (a justified gallery): the images, in order,
 * are split into rows = ceil(n / columns) runs by the linear partition of their aspect ratios (the
 * split whose widest row, at a common height, is narrowest), then each row is scaled to the width of a
 * grid row of the same columns.
 */
function partitionRows(aspects: number[], rows: number): number[][] {
  const n = aspects.length;
  const k = Math.min(rows, n);
  const prefix = [0];
  for (const a of aspects) prefix.push(prefix[prefix.length - 1]! + a);
  // best[j][i]: the smallest largest row sum splitting the first i images into j rows.
  const best = Array.from({ length: k + 1 }, () => Array<number>(n + 1).fill(Number.POSITIVE_INFINITY));
  const cut = Array.from({ length: k + 1 }, () => Array<number>(n + 1).fill(0));
  best[0]![0] = 0;
  for (let j = 1; j <= k; j++)
    for (let i = j; i <= n; i++)
      for (let m = j - 1; m < i; m++) {
        const v = Math.max(best[j - 1]![m]!, prefix[i]! - prefix[m]!);
        if (v < best[j]![i]!) {
          best[j]![i] = v;
          cut[j]![i] = m;
        }
      }
  const out: number[][] = [];
  let i = n;
  for (let j = k; j >= 1; j--) {
    const m = cut[j]![i]!;
    out.unshift(Array.from({ length: i - m }, (_, t) => m + t));
    i = m;
  }
  return out;
}

/** Where each card goes (in input order) and the composition's size: numbers only. */
export function layoutCompose(
  input: Array<{ width: number; height: number }>,
  o: ComposeOptions,
  /** The largest side the result may have (the render core's largest canvas). */
  maxSide: number,
): ComposeLayoutResult {
  if (!input.length) throw new Error('nothing to compose');
  const b = o.frame?.border ?? 0;
  const lh = o.frame?.label ?? 0;
  const images = input.map((s) =>
    o.thumbnailWidth
      ? { width: o.thumbnailWidth, height: Math.max(1, Math.round((s.height * o.thumbnailWidth) / s.width)) }
      : s,
  );
  const card = (s: Size): Size => ({ width: s.width + 2 * b, height: s.height + 2 * b + lh });
  const layout = resolveLayout(images, o.layout);
  const n = images.length;
  const cols =
    layout === 'horizontal' ? n : layout === 'vertical' ? 1 : Math.min(n, o.columns ?? Math.ceil(Math.sqrt(n)));
  let placements: Placement[];
  let width: number;
  let height: number;
  if (layout === 'masonry') {
    // Columns as wide as the narrowest image (never scaled up); each image to that width, aspect kept,
    // in order, into the column that is shortest so far (the leftmost of equals).
    const imgW = Math.min(...images.map((s) => s.width));
    const colW = imgW + 2 * b;
    const bottoms = Array<number>(cols).fill(o.padding);
    placements = images.map((s, i) => {
      const c = card({ width: imgW, height: Math.max(1, Math.round((s.height * imgW) / s.width)) });
      const col = bottoms.indexOf(Math.min(...bottoms));
      const p = { index: i, x: o.padding + col * (colW + o.spacing), y: bottoms[col]!, ...c };
      bottoms[col] = p.y + c.height + o.spacing;
      return p;
    });
    width = 2 * o.padding + cols * colW + (cols - 1) * o.spacing;
    height = Math.max(...bottoms) - o.spacing + o.padding;
  } else if (layout === 'partitioning') {
    const rows = partitionRows(
      images.map((s) => s.width / s.height),
      Math.ceil(n / cols),
    );
    // Every row as wide as a grid row of `cols` cells the size of the widest image.
    const inner = cols * (Math.max(...images.map((s) => s.width)) + 2 * b) + (cols - 1) * o.spacing;
    placements = [];
    let y = o.padding;
    for (const row of rows) {
      const free = inner - (row.length - 1) * o.spacing - row.length * 2 * b;
      const sum = row.reduce((a, i) => a + images[i]!.width / images[i]!.height, 0);
      const h = Math.max(1, Math.round(free / sum));
      let x = o.padding;
      row.forEach((i, t) => {
        const s = images[i]!;
        // The last image takes what rounding left, so every row ends at the same x.
        const w =
          t === row.length - 1
            ? Math.max(1, o.padding + inner - x - 2 * b)
            : Math.max(1, Math.round((s.width * h) / s.height));
        const c = card({ width: w, height: h });
        placements.push({ index: i, x, y, ...c });
        x += c.width + o.spacing;
      });
      y += h + 2 * b + lh + o.spacing;
    }
    width = inner + 2 * o.padding;
    height = y - o.spacing + o.padding;
  } else if (layout === 'mondrian') {
    // The grid's rectangle, cut with no gaps but the spacing (a treemap): the images, in order, halved
    // (the first half the larger), the rectangle split across its longer side in proportion to the
    // halves' areas, and so on down to one image a cell; each image is cropped to fill its cell.
    const cards = images.map(card);
    const rows = Math.ceil(n / cols);
    const cellW = Math.max(...cards.map((s) => s.width));
    const cellH = Math.max(...cards.map((s) => s.height));
    width = 2 * o.padding + cols * cellW + (cols - 1) * o.spacing;
    height = 2 * o.padding + rows * cellH + (rows - 1) * o.spacing;
    placements = [];
    const area = (l: number[]) => l.reduce((a, i) => a + cards[i]!.width * cards[i]!.height, 0);
    const cut = (l: number[], x: number, y: number, w: number, h: number): void => {
      if (l.length === 1) {
        placements.push({ index: l[0]!, x, y, width: Math.max(1, w), height: Math.max(1, h) });
        return;
      }
      const a = l.slice(0, Math.ceil(l.length / 2));
      const b2 = l.slice(a.length);
      const share = area(a) / area(l);
      if (w >= h) {
        const wa = Math.max(1, Math.round((w - o.spacing) * share));
        cut(a, x, y, wa, h);
        cut(b2, x + wa + o.spacing, y, w - wa - o.spacing, h);
      } else {
        const ha = Math.max(1, Math.round((h - o.spacing) * share));
        cut(a, x, y, w, ha);
        cut(b2, x, y + ha + o.spacing, w, h - ha - o.spacing);
      }
    };
    cut(
      images.map((_, i) => i),
      o.padding,
      o.padding,
      width - 2 * o.padding,
      height - 2 * o.padding,
    );
  } else {
    const sizes = images.map(card);
    const rows = Math.ceil(n / cols);
    // Grid cells are all the size of the largest card; a row's height is its tallest card.
    const cellW = Math.max(...sizes.map((s) => s.width));
    const cellH = Math.max(...sizes.map((s) => s.height));
    const colW = layout === 'horizontal' ? sizes.map((s) => s.width) : Array<number>(cols).fill(cellW);
    const rowH = layout === 'vertical' ? sizes.map((s) => s.height) : Array<number>(rows).fill(cellH);
    const xOf = (c: number) => o.padding + colW.slice(0, c).reduce((a, v) => a + v + o.spacing, 0);
    const yOf = (r: number) => o.padding + rowH.slice(0, r).reduce((a, v) => a + v + o.spacing, 0);
    placements = sizes.map((s, i) => {
      const c = i % cols;
      const r = Math.floor(i / cols);
      const freeX = colW[c]! - s.width;
      const freeY = rowH[r]! - s.height;
      const dy = o.alignment === 'top' ? 0 : o.alignment === 'bottom' ? freeY : Math.floor(freeY / 2);
      return { index: i, x: xOf(c) + Math.floor(freeX / 2), y: yOf(r) + dy, width: s.width, height: s.height };
    });
    width = xOf(colW.length) - o.spacing + o.padding;
    height = yOf(rowH.length) - o.spacing + o.padding;
  }
  placements.sort((p, q) => p.index - q.index);
  // Scaled down (never up) to the limits asked and the largest canvas.
  const scale = Math.min(
    1,
    (o.maxWidth ?? width) / width,
    (o.maxHeight ?? height) / height,
    maxSide / width,
    maxSide / height,
  );
  if (scale === 1) return { layout, width, height, placements, scale };
  const at = (v: number) => Math.floor(v * scale);
  return {
    layout,
    width: Math.max(1, at(width)),
    height: Math.max(1, at(height)),
    scale,
    placements: placements.map((p) => ({
      index: p.index,
      x: at(p.x),
      y: at(p.y),
      width: Math.max(1, at(p.width)),
      height: Math.max(1, at(p.height)),
    })),
  };
}

export interface Rgba {
  r: number;
  g: number;
  b: number;
  alpha: number;
}

/** `#rrggbb`, `#rrggbbaa`, `rgb(r,g,b)`, `rgba(r,g,b,a)` or `transparent` as sharp's colour. */
export function parseColor(c: string): Rgba {
  if (c === 'transparent') return { r: 0, g: 0, b: 0, alpha: 0 };
  const m = /^#([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$/.exec(c);
  if (m) {
    const v = (i: number) => Number.parseInt(m[1]!.slice(i, i + 2), 16);
    return { r: v(0), g: v(2), b: v(4), alpha: m[2] ? Number.parseInt(m[2], 16) / 255 : 1 };
  }
  const f = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*(\d*\.?\d+)\s*)?\)$/.exec(c);
  if (f) {
    const [r, g, b] = [f[1], f[2], f[3]].map(Number) as [number, number, number];
    const alpha = f[4] === undefined ? 1 : Number(f[4]);
    if (r <= 255 && g <= 255 && b <= 255 && alpha <= 1 && (f[4] === undefined || c.startsWith('rgba')))
      return { r, g, b, alpha };
  }
  throw new Error(`colour ${c} is not #RRGGBB, #RRGGBBAA, rgb(r, g, b) or rgba(r, g, b, a) (0-255, alpha 0-1)`);
}

const css = (c: Rgba) => `rgba(${c.r}, ${c.g}, ${c.b}, ${c.alpha})`;

/** How each capture's card is drawn (allscreenshots' LabelConfig, BorderConfig, ShadowConfig). */
export interface ComposeDecor {
  labels?: {
    position: 'top' | 'bottom';
    fontSize: number;
    fontColor: string;
    background: string;
    padding: number;
    /** Each capture's text, in input order (none: the strip is drawn empty, so cards stay alike). */
    texts: Array<string | undefined>;
  };
  border?: { width: number; color: string; radius: number };
  shadow?: { color: string; blur: number; offsetX: number; offsetY: number };
}

/** The label strip's height: one line of the font size (1.2 em) and the padding above and below. */
export const labelHeight = (l: NonNullable<ComposeDecor['labels']>) => Math.ceil(l.fontSize * 1.2) + 2 * l.padding;

/** The frame layoutCompose leaves around each image for these decorations. */
export function frameOf(d: ComposeDecor): ComposeOptions['frame'] {
  if (!d.labels && !d.border) return undefined;
  return {
    border: d.border?.width ?? 0,
    label: d.labels ? labelHeight(d.labels) : 0,
    labelAt: d.labels?.position ?? 'bottom',
  };
}

type Ctx = ReturnType<ReturnType<ReturnType<typeof canvas>['createCanvas']>['getContext']>;

function roundRect(ctx: Ctx, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  if (r > 0) ctx.roundRect(x, y, w, h, Math.min(r, w / 2, h / 2));
  else ctx.rect(x, y, w, h);
}

/** `text`, cut with an ellipsis to fit `max` pixels. */
function ellipsize(ctx: Ctx, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${chars.slice(0, mid).join('')}…`).width <= max) lo = mid;
    else hi = mid - 1;
  }
  return lo ? `${chars.slice(0, lo).join('')}…` : '';
}

/** A layer to composite: PNG bytes and where its top-left corner goes (it may reach past the canvas). */
interface Layer {
  png: Buffer;
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * One capture's shadow as a layer: the card's shape is drawn far off the layer with the shadow offset
 * back onto it, so only the shadow lands (the card itself is drawn later, over every shadow).
 */
async function drawShadow(p: Placement, d: ComposeDecor, s: number): Promise<Layer> {
  const sh = d.shadow!;
  const px = (v: number) => (v > 0 ? Math.max(1, Math.round(v * s)) : 0);
  const blur = px(sh.blur);
  const r = px(d.border?.radius ?? 0);
  const [ox, oy] = [Math.round(sh.offsetX * s), Math.round(sh.offsetY * s)];
  // Room around the card for the blur (Skia's blur reaches about one blur radius) and the offset.
  const m = 2 * blur + Math.max(Math.abs(ox), Math.abs(oy));
  const layer = canvas().createCanvas(p.width + 2 * m, p.height + 2 * m);
  const ctx = layer.getContext('2d');
  const away = layer.width + p.width + 100;
  ctx.shadowColor = css(parseColor(sh.color));
  ctx.shadowBlur = blur;
  ctx.shadowOffsetX = ox + away;
  ctx.shadowOffsetY = oy;
  ctx.fillStyle = '#000';
  roundRect(ctx, m - away, m, p.width, p.height, r);
  ctx.fill();
  return { png: await layer.encode('png'), left: p.x - m, top: p.y - m, width: layer.width, height: layer.height };
}

/**
 * One capture's card as a layer: the label strip, the image (already sized, drawn 1:1) and the border
 * on top, all clipped to the rounded corners (outside them the layer is clear: the background shows).
 */
async function drawCard(image: Buffer, p: Placement, d: ComposeDecor, s: number): Promise<Layer> {
  const c = canvas();
  const px = (v: number) => (v > 0 ? Math.max(1, Math.round(v * s)) : 0);
  const b = px(d.border?.width ?? 0);
  const r = px(d.border?.radius ?? 0);
  const lh = d.labels ? px(labelHeight(d.labels)) : 0;
  const layer = c.createCanvas(p.width, p.height);
  const ctx = layer.getContext('2d');
  roundRect(ctx, 0, 0, p.width, p.height, r);
  ctx.clip();
  const top = d.labels?.position === 'top';
  const imgY = b + (top ? lh : 0);
  const imgH = Math.max(1, p.height - 2 * b - lh);
  const imgW = Math.max(1, p.width - 2 * b);
  ctx.drawImage(await c.loadImage(image), b, imgY, imgW, imgH);
  if (d.labels) {
    const l = d.labels;
    const y = top ? b : imgY + imgH;
    ctx.fillStyle = css(parseColor(l.background));
    ctx.fillRect(b, y, imgW, lh);
    const text = l.texts[p.index];
    if (text) {
      ctx.font = cssFont(500, Math.max(1, Math.round(l.fontSize * s)), familyChain({ locale: 'en', userFonts: [] }));
      ctx.fillStyle = css(parseColor(l.fontColor));
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(ellipsize(ctx, text, imgW - 2 * px(l.padding)), b + imgW / 2, y + lh / 2);
    }
  }
  if (b) {
    ctx.strokeStyle = css(parseColor(d.border!.color));
    // A stroke of twice the width along the edge, its outer half clipped away: exactly `b` inside the card.
    ctx.lineWidth = 2 * b;
    roundRect(ctx, 0, 0, p.width, p.height, r);
    ctx.stroke();
  }
  return { png: await layer.encode('png'), left: p.x, top: p.y, width: p.width, height: p.height };
}

/** Draws the images (PNG or JPEG bytes) into one PNG as layoutCompose places them. */
export async function composeImages(
  images: Buffer[],
  sizes: Array<{ width: number; height: number }>,
  o: ComposeOptions & { background: string; decor?: ComposeDecor },
  maxSide: number,
): Promise<ComposeLayoutResult & { png: Buffer }> {
  const sharp = loadSharp();
  const d = o.decor ?? {};
  const placed = layoutCompose(sizes, { ...o, frame: frameOf(d) }, maxSide);
  const plain = !d.labels && !d.border && !d.shadow;
  const W = placed.width;
  const H = placed.height;
  const f = frameOf(d);
  const px = (v: number) => (v > 0 ? Math.max(1, Math.round(v * placed.scale)) : 0);
  const b = px(f?.border ?? 0);
  const lh = px(f?.label ?? 0);
  // The part of a layer inside the canvas (a shadow may reach past the edge).
  const clip = async (l: Layer) => {
    const x0 = Math.max(0, l.left);
    const y0 = Math.max(0, l.top);
    const x1 = Math.min(W, l.left + l.width);
    const y1 = Math.min(H, l.top + l.height);
    if (x0 === l.left && y0 === l.top && x1 === l.left + l.width && y1 === l.top + l.height)
      return { input: l.png, left: l.left, top: l.top };
    const input = await sharp(l.png)
      .extract({ left: x0 - l.left, top: y0 - l.top, width: x1 - x0, height: y1 - y0 })
      .png()
      .toBuffer();
    return { input, left: x0, top: y0 };
  };
  const cards = await Promise.all(
    placed.placements.map(async (p) => {
      const sized = await sharp(images[p.index]!)
        // Mondrian's cells are not the images' shapes: cropped to fill (centred), never stretched.
        .resize(Math.max(1, p.width - 2 * b), Math.max(1, p.height - 2 * b - lh), {
          fit: placed.layout === 'mondrian' ? 'cover' : 'fill',
        })
        .png()
        .toBuffer();
      if (plain) return { input: sized, left: p.x, top: p.y };
      return clip(await drawCard(sized, p, d, placed.scale));
    }),
  );
  // Every shadow before every card: a card's shadow never falls on a neighbour's card.
  const shadows = d.shadow
    ? await Promise.all(placed.placements.map(async (p) => clip(await drawShadow(p, d, placed.scale))))
    : [];
  const layers = [...shadows, ...cards];
  const png = await sharp({
    create: { width: W, height: H, channels: 4, background: parseColor(o.background) },
  })
    .composite(layers)
    .png()
    .toBuffer();
  return { ...placed, png };
}
