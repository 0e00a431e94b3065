// What a path really is before anything opens it: a FIFO would block a read forever, /dev/zero
// never ends, a folder is not an image. Used by validate and by the renderer alike.
import { closeSync, constants, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { sniffFormat, type ImageFormat } from './image.js';

/** Why `abs` is not a plain file ("is a folder", "is a named pipe (FIFO)", ...), or undefined when it is one. */
export function notAFile(abs: string): string | undefined {
  let link: Stats;
  try {
    link = lstatSync(abs);
  } catch {
    return 'does not exist';
  }
  let st: Stats;
  try {
    st = statSync(abs);
  } catch {
    return 'is a broken symlink (its target does not exist)';
  }
  if (st.isFile()) return undefined;
  const kind = st.isDirectory()
    ? 'a folder'
    : st.isFIFO()
      ? 'a named pipe (FIFO)'
      : st.isCharacterDevice() || st.isBlockDevice()
        ? 'a device'
        : st.isSocket()
          ? 'a socket'
          : 'not a regular file';
  return link.isSymbolicLink() ? `is a symlink to ${kind}, not a file` : `is ${kind}, not a file`;
}

/** The image format a plain file's first bytes announce (reads at most 64 bytes). */
export function sniffFile(abs: string): ImageFormat | 'svg' | undefined {
  const buf = Buffer.alloc(64);
  // O_NONBLOCK: should the path have become a FIFO since it was checked, the open does not wait for a writer.
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  let n: number;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  const head = buf.subarray(0, n);
  const found = sniffFormat(head);
  if (found) return found;
  if (/^(\uFEFF)?\s*(<\?xml|<svg|<!DOCTYPE svg)/i.test(head.toString('utf8'))) return 'svg';
  return undefined;
}

const NAMES: Record<string, string> = {
  png: 'PNG',
  jpeg: 'JPEG',
  gif: 'GIF',
  webp: 'WebP',
  heif: 'HEIC/HEIF',
  avif: 'AVIF',
  bmp: 'BMP',
  tiff: 'TIFF',
  svg: 'SVG',
};

/**
 * Why an input image cannot be used, from its first bytes: only PNG and JPEG are taken (what the
 * stores take); other formats are named, whatever the file's extension says.
 */
export function notPngOrJpeg(abs: string): string | undefined {
  const format = sniffFile(abs);
  if (format === 'png' || format === 'jpeg') return undefined;
  const ext = /\.([a-z0-9]+)$/i.exec(abs)?.[1]?.toLowerCase();
  if (!format) return 'is not an image: its first bytes match no image format; use a PNG or JPEG file';
  const named = ext && ext !== format ? ` named .${ext}` : '';
  const hint =
    format === 'heif' ? ' (an iPhone photo: export it as PNG or JPEG, e.g. with Preview or `sips -s format png`)' : '';
  const name = NAMES[format]!;
  return `is really ${name === 'AVIF' || name === 'SVG' ? 'an' : 'a'} ${name} image${named}; screenshots, backgrounds and frames must be PNG or JPEG${hint}`;
}
