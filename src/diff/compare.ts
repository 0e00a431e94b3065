// Comparing two images pixel by pixel: pixelmatch counts the pixels whose colours differ
// perceptibly (OKLab distance above 0.1) and leaves out anti-aliasing, so a re-encode or a
// renderer's edge noise scores 0 while a changed word does not. Images of different sizes are
// compared on the larger canvas, every pixel outside either image counting as changed.
import pixelmatch from 'pixelmatch';
import { sharp } from '../render/native.js';
import { UserError, errorMessage } from '../util/errors.js';
import type { Box } from './types.js';

/** RGBA pixels. */
export interface Raw {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface Comparison {
  /** The compared canvas (the larger of both sizes). */
  width: number;
  height: number;
  /** Pixels that differ perceptibly. */
  pixels: number;
  /** pixels / (width * height). */
  score: number;
  regions: Box[];
  /** pixelmatch's picture: the head faded to grey, changed pixels red, anti-aliasing yellow (RGBA, width x height). */
  output: Uint8Array;
}

/** pixelmatch's per-pixel colour threshold (its default): smaller would count JPEG noise. */
export const PIXEL_THRESHOLD = 0.1;
const RED: readonly [number, number, number] = [255, 0, 0];
/** The box colour: not a colour pixelmatch draws, so boxes never count as changed pixels. */
const BOX: readonly [number, number, number] = [255, 0, 200];

/** Decodes any image sharp reads (a file, or its bytes) into RGBA; one it cannot read is the user's input error. */
export async function decodeImage(file: string | Buffer): Promise<Raw> {
  try {
    const { data, info } = await sharp()(file, { failOn: 'error' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (e) {
    if (e instanceof UserError) throw e;
    const what = typeof file === 'string' ? file : 'The image';
    throw new UserError(`${what} cannot be read as an image (${errorMessage(e).split('\n')[0]})`);
  }
}

function pad(img: Raw, width: number, height: number): Uint8Array {
  if (img.width === width && img.height === height) return img.data;
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < img.height; y++)
    out.set(img.data.subarray(y * img.width * 4, (y + 1) * img.width * 4), y * width * 4);
  return out;
}

/** Compares base and head. Sizes may differ. */
export function compareRaw(base: Raw, head: Raw): Comparison {
  const width = Math.max(base.width, head.width);
  const height = Math.max(base.height, head.height);
  const a = pad(base, width, height);
  const b = pad(head, width, height);
  const output = new Uint8Array(width * height * 4);
  let pixels = pixelmatch(a, b, output, width, height, {
    threshold: PIXEL_THRESHOLD,
    includeAA: false,
    alpha: 0.15,
    diffColor: [...RED],
    checkerboard: false,
  });
  if (base.width !== head.width || base.height !== head.height) {
    // Outside the smaller image nothing matches, whatever colour the padding (transparent, so
    // white to pixelmatch) compared as.
    pixels = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const outside = x >= base.width || y >= base.height || x >= head.width || y >= head.height;
        if (outside) output.set([...RED, 255], i);
        if (outside || isRed(output, i)) pixels++;
      }
    }
  }
  const regions = pixels ? findRegions(output, width, height) : [];
  return { width, height, pixels, score: pixels / (width * height), regions, output };
}

const isRed = (px: Uint8Array, i: number) => px[i] === RED[0] && px[i + 1] === RED[1] && px[i + 2] === RED[2];

/**
 * Boxes around the changed areas: the red pixels of pixelmatch's output binned into cells (about
 * 1/96 of the longer side), cells up to two apart joined (the letters of a line make one box), one
 * box per group, padded by a cell so the box frames the change.
 */
export function findRegions(output: Uint8Array, width: number, height: number): Box[] {
  const cell = Math.max(8, Math.ceil(Math.max(width, height) / 96));
  const gw = Math.ceil(width / cell);
  const gh = Math.ceil(height / cell);
  const hit = new Uint8Array(gw * gh);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / cell) * gw;
    for (let x = 0; x < width; x++) if (isRed(output, (y * width + x) * 4)) hit[row + Math.floor(x / cell)] = 1;
  }
  const seen = new Uint8Array(gw * gh);
  const boxes: Box[] = [];
  for (let start = 0; start < hit.length; start++) {
    if (!hit[start] || seen[start]) continue;
    let [x0, y0, x1, y1] = [gw, gh, -1, -1];
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const c = stack.pop()!;
      const cx = c % gw;
      const cy = (c - cx) / gw;
      [x0, y0, x1, y1] = [Math.min(x0, cx), Math.min(y0, cy), Math.max(x1, cx), Math.max(y1, cy)];
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const nx = cx + dx;
          const ny = cy + dy;
          if (nx < 0 || ny < 0 || nx >= gw || ny >= gh) continue;
          const n = ny * gw + nx;
          if (hit[n] && !seen[n]) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
    }
    const x = Math.max(0, (x0 - 1) * cell);
    const y = Math.max(0, (y0 - 1) * cell);
    boxes.push({ x, y, width: Math.min(width, (x1 + 2) * cell) - x, height: Math.min(height, (y1 + 2) * cell) - y });
  }
  return boxes.sort((p, q) => p.y - q.y || p.x - q.x);
}

/** Draws box outlines onto RGBA pixels (in place), thick enough to see in a thumbnail. */
export function drawBoxes(img: Raw, boxes: Box[]): void {
  const t = Math.max(3, Math.round(Math.max(img.width, img.height) / 300));
  const fill = (x0: number, y0: number, x1: number, y1: number, c: readonly number[]) => {
    for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) img.data.set(c, (y * img.width + x) * 4);
    }
  };
  for (const b of boxes) {
    const [x0, y0, x1, y1] = [b.x, b.y, b.x + b.width, b.y + b.height];
    const c = [...BOX, 255];
    fill(x0, y0, x1, y0 + t, c);
    fill(x0, y1 - t, x1, y1, c);
    fill(x0, y0, x0 + t, y1, c);
    fill(x1 - t, y0, x1, y1, c);
  }
}

const png = (img: Raw) =>
  sharp()(img.data, { raw: { width: img.width, height: img.height, channels: 4 } })
    .removeAlpha()
    .png({ compressionLevel: 6 })
    .toBuffer();

/** The diff image: pixelmatch's picture with the changed areas boxed. */
export async function diffImagePng(cmp: Comparison): Promise<Buffer> {
  const img = { data: Uint8Array.from(cmp.output), width: cmp.width, height: cmp.height };
  drawBoxes(img, cmp.regions);
  return png(img);
}

/** Before and after next to each other on a dark strip, changed areas boxed on both, at most `maxHeight` px high. */
export async function sideBySidePng(base: Raw, head: Raw, regions: Box[], maxHeight = 1600): Promise<Buffer> {
  const gap = Math.max(16, Math.round(Math.max(base.width, head.width) / 40));
  const width = base.width + gap + head.width;
  const height = Math.max(base.height, head.height);
  const boxed = (img: Raw) => {
    const copy = { data: Uint8Array.from(img.data), width: img.width, height: img.height };
    drawBoxes(copy, regions);
    return sharp()(copy.data, { raw: { width: copy.width, height: copy.height, channels: 4 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
  };
  const [left, right] = await Promise.all([boxed(base), boxed(head)]);
  const joined = await sharp()({
    create: { width, height, channels: 4, background: { r: 17, g: 24, b: 39, alpha: 1 } },
  })
    .composite([
      { input: left, left: 0, top: 0 },
      { input: right, left: base.width + gap, top: 0 },
    ])
    .raw()
    .toBuffer({ resolveWithObject: true });
  const out = sharp()(joined.data, {
    raw: { width: joined.info.width, height: joined.info.height, channels: 4 },
  }).removeAlpha();
  if (height > maxHeight) out.resize({ height: maxHeight });
  return out.png({ compressionLevel: 6 }).toBuffer();
}
