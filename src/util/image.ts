// An image's format from its first bytes (magic numbers), whatever its name or Content-Type says.
import { isPng } from './png.js';

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'heif' | 'avif' | 'bmp' | 'tiff';

/** The format the first bytes announce, or undefined. */
export function sniffFormat(buf: Buffer): ImageFormat | undefined {
  if (isPng(buf)) return 'png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  const ascii = (a: number, b: number) => buf.subarray(a, b).toString('latin1');
  if (buf.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'gif';
  if (buf.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (buf.length >= 12 && ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1', 'heim', 'heis'].includes(brand)) return 'heif';
  }
  if (buf.length >= 2 && ascii(0, 2) === 'BM') return 'bmp';
  if (buf.length >= 4 && (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*')) return 'tiff';
  return undefined;
}
