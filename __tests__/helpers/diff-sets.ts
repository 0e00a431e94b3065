// Rendered sets made by hand for the diff tests: RGBA pictures drawn in memory (no fonts, no
// system libraries beyond sharp), written as PNG with a report.json whose sha256 and sizes are
// the files' own, like a `storeshots render --out` folder.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { buildReport } from '../../src/report/index.js';
import type { ImageRecord } from '../../src/report/types.js';
import type { Raw } from '../../src/diff/compare.js';

/** A vertical gradient (so the picture is not flat), width x height. */
export function picture(width: number, height: number, seed = 0): Raw {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = (40 + seed * 13 + Math.floor((y / height) * 120)) % 256;
      data[i + 1] = 60 + Math.floor((x / width) * 60);
      data[i + 2] = 200 - Math.floor((y / height) * 80);
      data[i + 3] = 255;
    }
  }
  return { data, width, height };
}

export const clone = (r: Raw): Raw => ({ ...r, data: Uint8Array.from(r.data) });

/** Fills a rectangle (in place) with one colour. */
export function fillRect(r: Raw, x0: number, y0: number, w: number, h: number, rgb: [number, number, number]): Raw {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) r.data.set([...rgb, 255], (y * r.width + x) * 4);
  return r;
}

/**
 * An anti-aliased white disc on the picture, drawn by 4x4 supersampling: moving its centre by a
 * fraction of a pixel changes only the grey edge pixels (anti-aliasing), the kind of noise a font
 * rasteriser update makes.
 */
export function disc(r: Raw, cx: number, cy: number, radius: number): Raw {
  for (let y = Math.floor(cy - radius - 1); y <= cy + radius + 1; y++) {
    for (let x = Math.floor(cx - radius - 1); x <= cx + radius + 1; x++) {
      let cover = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++)
          cover += (x + (sx + 0.5) / 4 - cx) ** 2 + (y + (sy + 0.5) / 4 - cy) ** 2 <= radius ** 2 ? 1 : 0;
      const a = cover / 16;
      const i = (y * r.width + x) * 4;
      for (let c = 0; c < 3; c++) r.data[i + c] = Math.round(r.data[i + c]! * (1 - a) + 255 * a);
    }
  }
  return r;
}

export const png = (r: Raw, compressionLevel = 6, adaptiveFiltering = false) =>
  sharp(r.data, { raw: { width: r.width, height: r.height, channels: 4 } })
    .removeAlpha()
    .png({ compressionLevel, adaptiveFiltering })
    .toBuffer();

export interface SetImageSpec {
  locale: string;
  preset: string;
  slide: string;
  index?: number;
  /** Path in the set (default flat layout). */
  path?: string;
  bytes: Buffer;
}

/** Writes the images and a report.json into `dir`; returns the records. */
export async function writeSet(dir: string, specs: SetImageSpec[]): Promise<ImageRecord[]> {
  const sizes = await Promise.all(specs.map((s) => sharp(s.bytes).metadata()));
  const records = specs.map((s, n) => {
    const index = s.index ?? n + 1;
    const rel = s.path ?? `${s.locale}/${s.preset}/${String(index).padStart(2, '0')}-${s.slide}.png`;
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), s.bytes);
    return {
      path: rel,
      locale: s.locale,
      preset: s.preset,
      slide: s.slide,
      index,
      width: sizes[n]!.width,
      height: sizes[n]!.height,
      format: 'png' as const,
      bytes: s.bytes.length,
      sha256: sha256(s.bytes),
      cached: false,
    };
  });
  writeFileSync(path.join(dir, 'report.json'), `${JSON.stringify(buildReport(records, []), null, 2)}\n`);
  return records;
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;
