// Drawing: background, devices (with their screenshots), then text, onto one canvas; and what
// lint needs to know about the text (sizes, boxes, colour and the colour behind it).
import type { Job } from '../plan/types.js';
import type { Box, TextLayoutInfo } from './types.js';
import { RenderError } from '../util/errors.js';
import { backgroundFile, drawBackground, sliceOf } from './background.js';
import { cachedLayer, fileKey, fitsBudget, Holds } from './decode-cache.js';
import { autoModel, MODELS } from './devices.js';
import { drawDeviceOver, drawDeviceUnder, hasUnderPart, rawToCanvas, type ScreenShot } from './frames.js';
import { loadCanvas, loadResized, type ImageInfo } from './images.js';
import type { DevicePlacement, RunLayout, SlideLayout, TextBlock } from './layout.js';
import { applyFont } from './measure.js';
import { canvas, type CanvasModule } from './native.js';
import type { UserFrame } from './userframe.js';
import { autoColour } from './text-colour.js';
import { cleanStatusBar, statusBarLayout } from './statusbar.js';
import { drawCallouts, layoutCallouts } from './callout.js';
import { drawDecor } from './decor.js';

type Canvas = InstanceType<CanvasModule['Canvas']>;
type Ctx = ReturnType<Canvas['getContext']>;

export interface DrawAssets {
  shots: { primary?: ImageInfo; second?: ImageInfo; third?: ImageInfo };
  frame?: UserFrame;
  /** Devices of neighbouring slides that reach into this one (panoramic sets), already shifted. */
  neighbours?: Array<{ placement: DevicePlacement; shot?: ImageInfo }>;
}

/**
 * A screenshot at full resolution (decoded once per thread and kept as a canvas), for drawScreen
 * to crop or letterbox and scale into the screen in one high-quality drawImage.
 */
async function screenImage(
  job: Job,
  p: DevicePlacement,
  shot: ImageInfo | undefined,
  holds: Holds,
): Promise<ScreenShot | undefined> {
  if (!shot) return undefined;
  // The status bar cleaned or hidden (statusbar.ts) right after decoding, in the decoded canvas: kept
  // in the decode LRU under its own key (by file, mode, model and direction), so a screenshot that
  // serves many slides and locales is decoded and cleaned once per thread, and no copy of the
  // capture as it was is kept beside it.
  const mode = job.style['status-bar'] ?? 'keep';
  const model = p.model === 'none' ? autoModel(job.device, job.presetId) : p.model;
  const rtl = job.rtl;
  const clean =
    mode !== 'keep' && statusBarLayout(model, shot, rtl)
      ? {
          kind: `status-bar|${mode}|${model}|${rtl ? 'rtl' : 'ltr'}`,
          apply: (c: Canvas, size: { width: number; height: number }) => cleanStatusBar(c, size, mode, model, rtl),
        }
      : undefined;
  const img = await loadCanvas(shot.file, 'screenshot', holds, clean);
  const image = img.canvas;
  return { image, width: img.width, height: img.height, fit: p.fit === 'letterbox' ? 'contain' : 'cover' };
}

/** Refuses a screenshot whose shape is far from the screen it goes into (it would be mostly cropped away). */
export function checkAspect(job: Job, p: DevicePlacement, shot: ImageInfo): void {
  if (p.model === 'none' && !p.frameFile) return;
  const a = shot.width / shot.height;
  const b = p.screen.width / p.screen.height;
  const ratio = Math.max(a / b, b / a);
  if (ratio > 1.45) {
    const spec = p.frameFile ? 'the frame PNG' : `the ${MODELS[p.model].id}${p.landscape ? ' (landscape)' : ''} screen`;
    throw new RenderError(
      `screenshot ${shot.file} is ${shot.width}x${shot.height} (aspect ${a.toFixed(2)}) but ${spec} of ${job.id} has aspect ${b.toFixed(2)}: ` +
        `supply a screenshot of that device, or set style.device.frame (e.g. none) for this slide`,
    );
  }
}

interface Placed {
  placement: DevicePlacement;
  shot?: ImageInfo;
}

/** The devices in drawing order: neighbours reaching in from the sides first, then the slide's own. */
function devicesOf(layout: SlideLayout, assets: DrawAssets): Placed[] {
  if (layout.fullBleed) return [];
  return [
    ...(assets.neighbours ?? []),
    ...layout.devices.map((p) => ({
      placement: p,
      shot: p.which === 'primary' ? assets.shots.primary : (assets.shots[p.which] ?? assets.shots.primary),
    })),
  ];
}

/**
 * What the base layer's pixels depend on, as a key: the canvas size, the background (its style,
 * this slide's slice of a panoramic one, and an image background's file by path, mtime and size)
 * and the first device's placement when its body goes in the layer. Undefined: not kept.
 */
function baseKey(job: Job, layout: SlideLayout, first: Placed | undefined): string | undefined {
  const { width: W, height: H } = layout;
  if (layout.fullBleed || !fitsBudget(W * H * 4)) return undefined;
  const bg = job.style.background ?? {};
  let image: string | undefined;
  if (bg.image) {
    image = fileKey(backgroundFile(job, bg.image));
    if (!image) return undefined;
  }
  const p = first && hasUnderPart(first.placement, !!first.placement.frameFile) ? first.placement : undefined;
  const device = p && {
    model: p.model,
    outer: p.outer,
    screen: p.screen,
    screenRadius: p.screenRadius,
    landscape: p.landscape,
    tilt: p.tilt,
    color: p.color,
    shadow: p.shadow,
  };
  return JSON.stringify({ W, H, bg, slice: bg.panoramic ? sliceOf(job) : undefined, image, device });
}

/**
 * The background and the first device's body and shadow: the pixels every image of a set with the
 * same look starts from. Drawn onto `c` once per thread and kept as a layer (decode-cache.ts, in the
 * decode budget); later images copy it, pixel for pixel, instead of drawing it again.
 */
async function drawBase(
  c: Canvas,
  job: Job,
  layout: SlideLayout,
  first: Placed | undefined,
  holds: Holds,
): Promise<void> {
  const ctx = c.getContext('2d');
  const draw = async () => {
    await drawBackground(ctx, job);
    if (first) drawDeviceUnder(ctx, first.placement, !!first.placement.frameFile);
  };
  const key = baseKey(job, layout, first);
  if (!key) return draw();
  let drawn = false;
  const layer = await cachedLayer(
    key,
    async () => {
      await draw();
      drawn = true;
      return copyOf(c);
    },
    (l) => l.width * l.height * 4,
    (l) => {
      l.width = 0;
      l.height = 0;
    },
    holds,
  );
  if (!drawn) blit(c, layer);
}

/** `src`'s pixels onto `dst` of the same size, replacing them exactly (no blending, no resampling). */
function blit(dst: Canvas, src: Canvas): void {
  const d = dst.getContext('2d');
  d.save();
  d.setTransform(1, 0, 0, 1, 0, 0);
  d.globalCompositeOperation = 'copy';
  d.globalAlpha = 1;
  d.imageSmoothingEnabled = false;
  d.drawImage(src, 0, 0);
  d.restore();
}

function copyOf(c: Canvas): Canvas {
  const out = canvas().createCanvas(c.width, c.height);
  blit(out, c);
  return out;
}

async function drawDevices(
  ctx: Ctx,
  job: Job,
  devices: Placed[],
  assets: DrawAssets,
  holds: Holds,
): Promise<ScreenShot | undefined> {
  let primary: ScreenShot | undefined;
  const frameCanvas = assets.frame
    ? rawToCanvas(assets.frame.rgba, assets.frame.width, assets.frame.height)
    : undefined;
  // The first device's under part is in the base layer (drawBase).
  for (const [i, { placement, shot }] of devices.entries()) {
    const frame = placement.frameFile ? frameCanvas : undefined;
    if (i > 0) drawDeviceUnder(ctx, placement, !!frame);
    const screen = await screenImage(job, placement, shot, holds);
    if (placement.which === 'primary' && shot === assets.shots.primary) primary = screen;
    drawDeviceOver(ctx, placement, screen, frame);
  }
  return primary;
}

async function drawFullBleed(ctx: Ctx, layout: SlideLayout, shot: ImageInfo | undefined): Promise<void> {
  if (!shot) return;
  const img = await loadResized(
    shot.file,
    'screenshot',
    { width: layout.width, height: layout.height },
    { fit: 'cover' },
  );
  ctx.drawImage(rawToCanvas(img.data, img.width, img.height), 0, 0);
  if (!layout.textArea) return;
  // A scrim under the text keeps it legible over any screenshot.
  const a = layout.textArea;
  const top = a.y < layout.height / 2;
  const y0 = top ? 0 : a.y - layout.safe.y;
  const y1 = top ? a.y + a.height + layout.safe.y : layout.height;
  const g = ctx.createLinearGradient(0, top ? y0 : y1, 0, top ? y1 : y0);
  g.addColorStop(0, 'rgba(0,0,0,0.62)');
  g.addColorStop(0.7, 'rgba(0,0,0,0.35)');
  g.addColorStop(1, 'rgba(0,0,0,0)');
  ctx.fillStyle = g;
  ctx.fillRect(0, y0, layout.width, y1 - y0);
}

/** Average colour of a box of the canvas, as #rrggbb (what lint's contrast check compares against). */
export function averageColor(ctx: Ctx, box: Box, W: number, H: number): string {
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  const w = Math.max(1, Math.min(W - x, Math.ceil(box.width)));
  const h = Math.max(1, Math.min(H - y, Math.ceil(box.height)));
  const d = ctx.getImageData(x, y, w, h).data;
  // Every 4th pixel in each direction is plenty for an average.
  let r = 0,
    g = 0,
    b = 0,
    n = 0;
  for (let yy = 0; yy < h; yy += 4) {
    for (let xx = 0; xx < w; xx += 4) {
      const i = (yy * w + xx) * 4;
      r += d[i]!;
      g += d[i + 1]!;
      b += d[i + 2]!;
      n++;
    }
  }
  const hex = (v: number) =>
    Math.round(v / n)
      .toString(16)
      .padStart(2, '0');
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}

/** A CSS colour as #rrggbb (the canvas parses it); alpha is dropped. */
export function hexColor(ctx: Ctx, color: string): string {
  ctx.save();
  ctx.fillStyle = '#000000';
  ctx.fillStyle = color;
  const v = String(ctx.fillStyle);
  ctx.restore();
  if (/^#[0-9a-f]{6}$/i.test(v)) return v.toLowerCase();
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(v);
  return m ? `#${[m[1], m[2], m[3]].map((c) => Number(c).toString(16).padStart(2, '0')).join('')}` : '#000000';
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A block whose colour (or accent) is auto, with it chosen against the background behind it (text-colour.ts). */
function resolveAuto(job: Job, b: TextBlock, background: string, hex: (css: string) => string): TextBlock {
  if (b.color !== 'auto' && b.accent !== 'auto') return b;
  const own = b.kind === 'headline' ? job.style.headline : job.style.subtitle;
  const color = b.color === 'auto' ? autoColour(own ?? {}, job.style, background, hex) : b.color;
  return { ...b, color, accent: b.accent === 'auto' ? color : b.accent };
}

function drawText(ctx: Ctx, block: TextBlock): void {
  ctx.save();
  applyFont(ctx, block.font);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  if (block.shadow) {
    ctx.shadowColor = 'rgba(0,0,0,0.35)';
    ctx.shadowBlur = block.font.size * 0.18;
    ctx.shadowOffsetY = block.font.size * 0.04;
  }
  for (const line of block.lines) {
    for (const run of line.runs) {
      ctx.direction = run.rtl ? 'rtl' : 'ltr';
      // An RTL run is anchored at its right edge: that is where its first character goes.
      ctx.textAlign = run.rtl ? 'right' : 'left';
      const at = run.rtl ? run.x + run.width : run.x;
      if (run.accentX.length === 0) {
        ctx.fillStyle = block.color;
        ctx.fillText(run.text, at, line.baseline);
        continue;
      }
      // The run is shaped and drawn whole, twice: once in the base colour clipped to where no
      // accent is, once in the accent colour clipped to the accents. Each pixel gets one colour
      // (no fringe of the other at glyph edges) and letters join across the colour change.
      for (const [color, xs] of colourBands(run, block.font.size)) {
        ctx.save();
        ctx.beginPath();
        for (const [a, b] of xs) ctx.rect(a, line.top - block.font.size, b - a, block.lineHeight + 2 * block.font.size);
        ctx.clip();
        ctx.fillStyle = color === 'accent' ? block.accent : block.color;
        ctx.fillText(run.text, at, line.baseline);
        ctx.restore();
      }
    }
  }
  ctx.restore();
}

/**
 * The x bands of a run in each colour. Bands reaching the run's ends extend by `margin` beyond
 * them, so ink outside the advances (swashes, the shadow) keeps the colour of its end.
 */
function colourBands(
  run: Pick<RunLayout, 'x' | 'width' | 'accentX'>,
  margin: number,
): Array<['base' | 'accent', Array<[number, number]>]> {
  const lo = run.x - margin;
  const hi = run.x + run.width + margin;
  const accents = run.accentX
    .map(([a, b]): [number, number] => [a <= run.x + 0.01 ? lo : a, b >= run.x + run.width - 0.01 ? hi : b])
    .sort((p, q) => p[0] - q[0]);
  const base: Array<[number, number]> = [];
  let from = lo;
  for (const [a, b] of accents) {
    if (a > from) base.push([from, a]);
    from = Math.max(from, b);
  }
  if (from < hi) base.push([from, hi]);
  return [
    ['base', base],
    ['accent', accents],
  ];
}

// Canvases of finished images, returned by releaseCanvas once their pixels are read, for the next
// image of the same size: a render thread reuses one canvas per size instead of allocating (and
// leaving to the garbage collector, which does not see Skia's memory) 8-22 MB an image.
const spare = new Map<string, Canvas>();

function takeCanvas(W: number, H: number): Canvas {
  const k = `${W}x${H}`;
  const c = spare.get(k);
  if (!c) return canvas().createCanvas(W, H);
  spare.delete(k);
  // As new: transparent pixels, default state (transform, clip, styles).
  c.getContext('2d').reset();
  return c;
}

/** Gives a canvas from drawJob back for reuse; the caller must not touch it afterwards. */
export function releaseCanvas(c: Canvas): void {
  const k = `${c.width}x${c.height}`;
  spare.delete(k);
  spare.set(k, c);
  // A couple of sizes at most (a batch is one device's screenshot, so usually one size).
  for (const [key, old] of spare) {
    if (spare.size <= 2) break;
    spare.delete(key);
    old.width = 0;
    old.height = 0;
  }
}

/** Draws a job's layout; returns the canvas and the text facts lint reads. */
export async function drawJob(
  job: Job,
  layout: SlideLayout,
  assets: DrawAssets,
): Promise<{ canvas: Canvas; text: TextLayoutInfo[] }> {
  // What this image reads from the thread's cache (decoded screenshots, cleaned copies, layers)
  // stays alive until it is drawn, whatever other images of the thread evict meanwhile.
  const holds = new Holds();
  try {
    return await drawWith(job, layout, assets, holds);
  } finally {
    holds.release();
  }
}

async function drawWith(
  job: Job,
  layout: SlideLayout,
  assets: DrawAssets,
  holds: Holds,
): Promise<{ canvas: Canvas; text: TextLayoutInfo[] }> {
  const { width: W, height: H } = layout;
  const c = takeCanvas(W, H);
  const ctx = c.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  const devices = devicesOf(layout, assets);
  // Refused before anything is drawn (or kept): a screenshot far from its screen's shape.
  for (const { placement, shot } of devices) if (shot) checkAspect(job, placement, shot);
  await drawBase(c, job, layout, devices[0], holds);
  let shown: ScreenShot | undefined;
  if (layout.fullBleed) await drawFullBleed(ctx, layout, assets.shots.primary);
  else shown = await drawDevices(ctx, job, devices, assets, holds);
  if (layout.decor) drawDecor(ctx, layout.decor, layout.rtl);
  // Call-outs over the devices, under the text; magnified from the screenshot as shown (status bar included).
  const callouts = layoutCallouts(job, layout, assets.shots.primary);
  if (callouts.length) {
    const src =
      shown?.image ??
      (assets.shots.primary && (await loadCanvas(assets.shots.primary.file, 'screenshot', holds)).canvas);
    drawCallouts(ctx, callouts, src);
  }
  const text: TextLayoutInfo[] = [];
  const blocks: TextBlock[] = [];
  for (const laid of layout.blocks) {
    const background = averageColor(ctx, laid.inked, W, H);
    const b = resolveAuto(job, laid, background, (c) => hexColor(ctx, c));
    blocks.push(b);
    if (b.kind !== 'app-name' && b.kind !== 'icon') {
      text.push({
        kind: b.kind,
        text: b.text,
        fontSize: b.font.size,
        minFontSize: b.minFontSize,
        fitFontSize: b.fitFontSize,
        lines: b.lines.map((l) => l.text),
        box: b.box,
        inked: b.inked,
        overflow: b.overflow,
        color: hexColor(ctx, b.color),
        background,
        missingGlyphs: [],
        ...(callouts.some((c) => overlap(c.box, b.inked)) ? { underCallout: true } : {}),
        ...(b.shrinksSet ? { shrinksSet: b.shrinksSet } : {}),
      });
    }
  }
  for (const b of blocks) drawText(ctx, b);
  return { canvas: c, text };
}
