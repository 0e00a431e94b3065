// A user's own frame PNG: the screen is the transparent region around the image's centre,
// found by flood fill, so any vendor's frame works without configuration.
import path from 'node:path';
import type { Job } from '../plan/types.js';
import type { Box } from './types.js';
import { RenderError, errorMessage } from '../util/errors.js';
import { probeImage } from './images.js';
import { sharp } from './native.js';

export interface UserFrame {
  file: string;
  width: number;
  height: number;
  rgba: Buffer;
  /** Outer aspect, and the screen in units of the frame's width (what layout takes). */
  aspect: number;
  screen: Box;
}

const cache = new Map<string, UserFrame>();

/** Bounding box of the transparent region (alpha < 128) 4-connected to the centre pixel. */
export function transparentRegion(alpha: Uint8Array, w: number, h: number): Box | undefined {
  const cx = w >> 1;
  const cy = h >> 1;
  if (alpha[cy * w + cx]! >= 128) return undefined;
  const seen = new Uint8Array(w * h);
  const stack = [cy * w + cx];
  seen[cy * w + cx] = 1;
  let x0 = cx,
    x1 = cx,
    y0 = cy,
    y1 = cy;
  while (stack.length) {
    const i = stack.pop()!;
    const x = i % w;
    const y = (i - x) / w;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    for (const n of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1]) {
      if (n >= 0 && !seen[n] && alpha[n]! < 128) {
        seen[n] = 1;
        stack.push(n);
      }
    }
  }
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

export async function loadUserFrame(job: Job, ref: string): Promise<UserFrame> {
  const file = path.resolve(job.baseDir, ref);
  const hit = cache.get(file);
  if (hit) return hit;
  await probeImage(file, 'frame PNG');
  let data: Buffer;
  let info: { width: number; height: number };
  try {
    ({ data, info } = await sharp()(file, { failOn: 'truncated' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true }));
  } catch (e) {
    throw new RenderError(`cannot decode frame PNG ${file}: ${errorMessage(e).split('\n')[0]}`);
  }
  const { width: w, height: h } = info;
  const alpha = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) alpha[i] = data[i * 4 + 3]!;
  const box = transparentRegion(alpha, w, h);
  if (
    !box ||
    box.width * box.height < w * h * 0.1 ||
    (box.x === 0 && box.y === 0 && box.width === w && box.height === h)
  ) {
    throw new RenderError(
      `frame PNG ${file} has no transparent screen area around its centre: the screen must be transparent and enclosed by the frame`,
    );
  }
  const f: UserFrame = {
    file,
    width: w,
    height: h,
    rgba: data,
    aspect: w / h,
    screen: { x: box.x / w, y: box.y / w, width: box.width / w, height: box.height / w },
  };
  cache.set(file, f);
  return f;
}
