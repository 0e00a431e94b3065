// Encoding: RGB without alpha at exactly the canvas size, no metadata, byte-identical
// for the same pixels; files are written atomically so a reader never sees half an image.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OutputFormat } from '../plan/types.js';
import { sharp } from './native.js';

export async function encodeRgba(rgba: Buffer, width: number, height: number, format: OutputFormat, quality: number): Promise<Buffer> {
  // No EXIF and no ICC profile: untagged RGB is read as sRGB. (sharp can only set a PNG's dpi
  // through an EXIF block, which is exactly the stray metadata we keep out; JPEG's JFIF says 72.)
  const img = sharp()(rgba, { raw: { width, height, channels: 4 } }).removeAlpha();
  return format === 'jpeg'
    ? img.jpeg({ quality, chromaSubsampling: '4:4:4', mozjpeg: false }).toBuffer()
    : img.png({ compressionLevel: 6, adaptiveFiltering: true, palette: false }).toBuffer();
}

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Writes via a temporary file in the same folder and a rename. */
export function writeAtomic(file: string, data: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
