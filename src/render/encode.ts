// Encoding: RGB without alpha at exactly the canvas size, no metadata, byte-identical
// for the same pixels (callers write the bytes atomically, util/atomic.ts).
import { crc32 } from 'node:zlib';
import type { OutputFormat } from '../plan/types.js';
import { sharp } from './native.js';

export async function encodeRgba(
  rgba: Buffer,
  width: number,
  height: number,
  format: OutputFormat,
  quality: number,
  compression?: 'fast',
  /** Keep the alpha channel (PNG only): rounded marketing assets, never store screenshots. */
  opts: { alpha?: boolean } = {},
): Promise<Buffer> {
  // No EXIF and no ICC profile: untagged RGB is read as sRGB. JPEG's JFIF header says 72 dpi.
  const raw = sharp()(rgba, { raw: { width, height, channels: 4 } });
  const img = opts.alpha && format === 'png' ? raw : raw.removeAlpha();
  if (format === 'jpeg') return img.jpeg({ quality, chromaSubsampling: '4:4:4', mozjpeg: false }).toBuffer();
  // Settings chosen by measurement (BENCHMARKS.md, "Encoding"): adaptive filtering costs about 3x the
  // time of none for files 11% smaller. Level 6, unfiltered; output.compression 'fast' takes level 3
  // (about half the CPU time, files about 13% larger).
  const compressionLevel = compression === 'fast' ? 3 : 6;
  return setPngDpi(await img.png({ compressionLevel, adaptiveFiltering: false, palette: false }).toBuffer(), 72);
}

/**
 * Rewrites the PNG's pHYs chunk to `dpi` (libvips writes 25.4 dpi for raw input, and sharp can
 * only change it by adding an EXIF block, which is the stray metadata we keep out).
 */
export function setPngDpi(png: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  for (let i = 8; i + 12 <= png.length; ) {
    const len = png.readUInt32BE(i);
    const type = png.toString('latin1', i + 4, i + 8);
    if (type === 'pHYs' && len === 9) {
      png.writeUInt32BE(ppm, i + 8);
      png.writeUInt32BE(ppm, i + 12);
      png[i + 16] = 1;
      png.writeUInt32BE(crc32(png.subarray(i + 4, i + 17)), i + 17);
      return png;
    }
    if (type === 'IDAT') break;
    i += 12 + len;
  }
  // No pHYs at all: insert one after IHDR (always the first chunk, 25 bytes).
  const data = Buffer.alloc(9);
  data.writeUInt32BE(ppm, 0);
  data.writeUInt32BE(ppm, 4);
  data[8] = 1;
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  chunk.write('pHYs', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

/** A PNG (or JPEG) re-encoded as WebP at `quality` (the web-screenshot surface's `format: webp`). */
export async function encodeWebp(image: Buffer, quality: number): Promise<Buffer> {
  return sharp()(image).webp({ quality }).toBuffer();
}
