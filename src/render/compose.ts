// Several images drawn into one (allscreenshots' "compose": docs/render-api.md#compose-jobs): the
// placement is plain numbers (layoutCompose, also the layout preview's answer), the drawing is sharp's
// composite over one background. The service hands the result to the one render core as a screenshot.
import { sharp as loadSharp } from './native.js';

export type ComposeLayout = 'grid' | 'horizontal' | 'vertical';

export interface ComposeOptions {
  /** `auto`: horizontal for up to 3 portrait images, vertical for up to 3 landscape ones, else a grid. */
  layout: ComposeLayout | 'auto';
  /** Grid columns; default ceil(sqrt(n)). */
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
  placements: Placement[];
}

/** The layout `auto` stands for, for these sizes. */
export function resolveLayout(sizes: Array<{ width: number; height: number }>, layout: ComposeOptions['layout']) {
  if (layout !== 'auto') return layout;
  if (sizes.length > 3) return 'grid';
  const portrait = sizes.filter((s) => s.height >= s.width).length;
  return portrait * 2 >= sizes.length ? 'horizontal' : 'vertical';
}

/** Where each image goes (in input order) and the composition's size: numbers only. */
export function layoutCompose(
  input: Array<{ width: number; height: number }>,
  o: ComposeOptions,
  /** The largest side the result may have (the render core's largest canvas). */
  maxSide: number,
): ComposeLayoutResult {
  if (!input.length) throw new Error('nothing to compose');
  const sizes = input.map((s) =>
    o.thumbnailWidth
      ? { width: o.thumbnailWidth, height: Math.max(1, Math.round((s.height * o.thumbnailWidth) / s.width)) }
      : s,
  );
  const layout = resolveLayout(sizes, o.layout);
  const n = sizes.length;
  const cols =
    layout === 'horizontal' ? n : layout === 'vertical' ? 1 : Math.min(n, o.columns ?? Math.ceil(Math.sqrt(n)));
  const rows = Math.ceil(n / cols);
  // Grid cells are all the size of the largest image; a row's height is its tallest image.
  const cellW = Math.max(...sizes.map((s) => s.width));
  const cellH = Math.max(...sizes.map((s) => s.height));
  const colW = layout === 'horizontal' ? sizes.map((s) => s.width) : Array<number>(cols).fill(cellW);
  const rowH = layout === 'vertical' ? sizes.map((s) => s.height) : Array<number>(rows).fill(cellH);
  const xOf = (c: number) => o.padding + colW.slice(0, c).reduce((a, b) => a + b + o.spacing, 0);
  const yOf = (r: number) => o.padding + rowH.slice(0, r).reduce((a, b) => a + b + o.spacing, 0);
  const placements = sizes.map((s, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const freeX = colW[c]! - s.width;
    const freeY = rowH[r]! - s.height;
    const dy = o.alignment === 'top' ? 0 : o.alignment === 'bottom' ? freeY : Math.floor(freeY / 2);
    return { index: i, x: xOf(c) + Math.floor(freeX / 2), y: yOf(r) + dy, width: s.width, height: s.height };
  });
  const width = xOf(colW.length) - o.spacing + o.padding;
  const height = yOf(rowH.length) - o.spacing + o.padding;
  // Scaled down (never up) to the limits asked and the largest canvas.
  const scale = Math.min(
    1,
    (o.maxWidth ?? width) / width,
    (o.maxHeight ?? height) / height,
    maxSide / width,
    maxSide / height,
  );
  if (scale === 1) return { layout, width, height, placements };
  const at = (v: number) => Math.floor(v * scale);
  return {
    layout,
    width: Math.max(1, at(width)),
    height: Math.max(1, at(height)),
    placements: placements.map((p) => ({
      index: p.index,
      x: at(p.x),
      y: at(p.y),
      width: Math.max(1, at(p.width)),
      height: Math.max(1, at(p.height)),
    })),
  };
}

/** `#rrggbb`, `#rrggbbaa` or `transparent` as sharp's colour. */
export function parseBackground(bg: string): { r: number; g: number; b: number; alpha: number } {
  if (bg === 'transparent') return { r: 0, g: 0, b: 0, alpha: 0 };
  const m = /^#([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$/.exec(bg);
  if (!m) throw new Error(`background ${bg} is not #RRGGBB, #RRGGBBAA or transparent`);
  const v = (i: number) => Number.parseInt(m[1]!.slice(i, i + 2), 16);
  return { r: v(0), g: v(2), b: v(4), alpha: m[2] ? Number.parseInt(m[2], 16) / 255 : 1 };
}

/** Draws the images (PNG or JPEG bytes) into one PNG as layoutCompose places them. */
export async function composeImages(
  images: Buffer[],
  sizes: Array<{ width: number; height: number }>,
  o: ComposeOptions & { background: string },
  maxSide: number,
): Promise<ComposeLayoutResult & { png: Buffer }> {
  const sharp = loadSharp();
  const placed = layoutCompose(sizes, o, maxSide);
  const layers = await Promise.all(
    placed.placements.map(async (p) => ({
      input: await sharp(images[p.index]!).resize(p.width, p.height, { fit: 'fill' }).png().toBuffer(),
      left: p.x,
      top: p.y,
    })),
  );
  const png = await sharp({
    create: { width: placed.width, height: placed.height, channels: 4, background: parseBackground(o.background) },
  })
    .composite(layers)
    .png()
    .toBuffer();
  return { ...placed, png };
}
