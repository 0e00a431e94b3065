// Reads what an image file really is from its bytes: format, pixel size, alpha, colour model,
// bit depth, ICC colour space and DPI. No decoding and no native code, so a renamed JPEG, a
// truncated PNG or an RGBA file cannot slip past the way it can past a file name or a renderer's
// intentions (docs/store-rules.md#what-lint-checks).
import { inflateSync } from 'node:zlib';
import { freeNow } from '../util/free.js';
import { sha256 } from '../util/hash.js';
import { sniffFormat, type ImageFormat } from '../util/image.js';

export type ColorModel = 'rgb' | 'gray' | 'palette' | 'cmyk' | 'ycck' | 'unknown';

export interface ImageFacts {
  format: ImageFormat;
  /** 0 when the format's size is not read (only PNG and JPEG are parsed fully). */
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  /** True when the file carries an alpha channel or transparency, whatever the pixels hold. */
  hasAlpha: boolean;
  /** Why hasAlpha is true, for the message (e.g. "PNG colour type 6, RGBA"). */
  alphaReason?: string;
  colorModel: ColorModel;
  /** Bits per channel. */
  bitDepth?: number;
  /** PNG colour type (0, 2, 3, 4, 6). */
  pngColorType?: number;
  /** JPEG component count (1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK). */
  components?: number;
  /** Colour space of an embedded ICC profile ('RGB', 'GRAY', 'CMYK', ...) and its description. */
  iccSpace?: string;
  iccName?: string;
  /** Resolution stored in the file (PNG pHYs in metres, JPEG JFIF density), dots per inch. */
  dpi?: number;
  animated?: boolean;
  /** EXIF orientation (1-8) of a JPEG, when it has one: 5-8 show the picture turned a quarter. */
  orientation?: number;
}

/** Largest image whose pixel data is verified (the renderer's input limit, src/render/images.ts MAX_PIXELS). */
export const MAX_VERIFY_PIXELS = 40_000_000;

/** The file is not an image this reader understands, or it is cut short. */
export class UnreadableImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableImageError';
  }
}

/**
 * Parses a whole file's bytes. Throws UnreadableImageError with a reason a user can act on.
 *
 * `known`: facts this function returned before for some bytes (kept with a render cache entry, or
 * read in the render thread that encoded the image). They are returned as they are only when these
 * bytes have their SHA-256 and length, so the facts are still those of the bytes read here: the
 * PNG's pixel data is not inflated twice, and bytes changed in any way are read afresh.
 */
export function readImageFacts(buf: Buffer, known?: ImageFacts): ImageFacts {
  if (buf.length === 0) throw new UnreadableImageError('the file is empty (0 bytes)');
  const hash = sha256(buf);
  if (known && known.bytes === buf.length && known.sha256 === hash) return { ...known };
  const format = sniffFormat(buf);
  if (!format)
    throw new UnreadableImageError(
      'not an image: the first bytes match no image format (PNG, JPEG, GIF, WebP, HEIF, AVIF, BMP, TIFF)',
    );
  const base = { bytes: buf.length, sha256: hash };
  if (format === 'png') return { ...base, ...readPng(buf) };
  if (format === 'jpeg') return { ...base, ...readJpeg(buf) };
  return { ...base, format, width: 0, height: 0, hasAlpha: false, colorModel: 'unknown' };
}

type Parsed = Omit<ImageFacts, 'bytes' | 'sha256'>;

const PNG_MODELS: Record<number, { model: ColorModel; channels: number; alpha: boolean; name: string }> = {
  0: { model: 'gray', channels: 1, alpha: false, name: 'greyscale' },
  2: { model: 'rgb', channels: 3, alpha: false, name: 'RGB' },
  3: { model: 'palette', channels: 1, alpha: false, name: 'indexed colour' },
  4: { model: 'gray', channels: 2, alpha: true, name: 'greyscale with alpha' },
  6: { model: 'rgb', channels: 4, alpha: true, name: 'RGBA' },
};

function readPng(buf: Buffer): Parsed {
  let off = 8;
  let ihdr: { width: number; height: number; bitDepth: number; colorType: number; interlace: number } | undefined;
  let trns = false;
  let iccSpace: string | undefined;
  let iccName: string | undefined;
  let dpi: number | undefined;
  let animated = false;
  let idat = false;
  let iend = false;
  const idats: Buffer[] = [];
  while (off + 8 <= buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const start = off + 8;
    const end = start + len;
    if (end + 4 > buf.length)
      throw new UnreadableImageError(`truncated PNG: the ${type} chunk at byte ${off} runs past the end of the file`);
    const data = buf.subarray(start, end);
    if (!ihdr) {
      if (type !== 'IHDR' || len < 13) throw new UnreadableImageError('broken PNG: the first chunk is not IHDR');
      ihdr = {
        width: data.readUInt32BE(0),
        height: data.readUInt32BE(4),
        bitDepth: data[8]!,
        colorType: data[9]!,
        interlace: data[12]!,
      };
    } else if (type === 'tRNS') trns = true;
    else if (type === 'acTL') animated = true;
    else if (type === 'pHYs' && len >= 9 && data[8] === 1) dpi = Math.round(data.readUInt32BE(0) * 0.0254);
    else if (type === 'sRGB') iccSpace ??= 'RGB';
    else if (type === 'iCCP') {
      const nul = data.indexOf(0);
      if (nul > 0) {
        try {
          const icc = parseIcc(inflateSync(data.subarray(nul + 2)));
          iccSpace = icc.space;
          iccName = icc.name ?? data.toString('latin1', 0, nul);
        } catch {
          iccName = data.toString('latin1', 0, nul);
        }
      }
    } else if (type === 'IDAT') {
      idat = true;
      idats.push(data);
    } else if (type === 'IEND') {
      iend = true;
      break;
    }
    off = end + 4;
  }
  if (!ihdr) throw new UnreadableImageError('truncated PNG: no IHDR chunk');
  if (!idat || !iend)
    throw new UnreadableImageError(
      `truncated PNG: ${idat ? 'no IEND chunk' : 'no image data (IDAT)'}; the file was cut short`,
    );
  const m = PNG_MODELS[ihdr.colorType];
  if (!m) throw new UnreadableImageError(`broken PNG: unknown colour type ${ihdr.colorType}`);
  if (ihdr.width === 0 || ihdr.height === 0) throw new UnreadableImageError('broken PNG: zero width or height');
  verifyPngData(idats, ihdr.width, ihdr.height, ihdr.bitDepth * m.channels, ihdr.interlace === 1);
  const hasAlpha = m.alpha || trns;
  return {
    format: 'png',
    width: ihdr.width,
    height: ihdr.height,
    hasAlpha,
    alphaReason: m.alpha
      ? `PNG colour type ${ihdr.colorType}, ${m.name}`
      : trns
        ? `a tRNS transparency chunk (PNG colour type ${ihdr.colorType}, ${m.name})`
        : undefined,
    colorModel: m.model,
    bitDepth: ihdr.bitDepth,
    pngColorType: ihdr.colorType,
    iccSpace,
    iccName,
    dpi,
    animated: animated || undefined,
  };
}

/** Bytes the decompressed pixel data must have: one filter byte per row, of each Adam7 pass when interlaced. */
function pngRawSize(width: number, height: number, bitsPerPixel: number, adam7: boolean): number {
  const row = (w: number) => (w > 0 ? 1 + Math.ceil((w * bitsPerPixel) / 8) : 0);
  if (!adam7) return height * row(width);
  const passes: Array<[number, number, number, number]> = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ];
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w > 0 && h > 0) total += h * row(w);
  }
  return total;
}

/**
 * Inflates the pixel data (node's zlib: it checks the Adler-32 too) and checks it holds exactly the
 * bytes the header promises: a PNG whose data is not zlib, is cut short or is a bomb is refused
 * here as the store would refuse it. Bounded by the renderer's pixel limit, and the output by the
 * size the header promises (at most 160 MB for a 40 MP RGBA image; store-sized images are a tenth of that).
 */
function verifyPngData(idats: Buffer[], width: number, height: number, bitsPerPixel: number, adam7: boolean): void {
  if (width * height > MAX_VERIFY_PIXELS) {
    throw new UnreadableImageError(
      `${width}x${height} is ${((width * height) / 1e6).toFixed(0)} MP, over the ${MAX_VERIFY_PIXELS / 1e6} MP this tool decodes (no store takes an image that large)`,
    );
  }
  const expected = pngRawSize(width, height, bitsPerPixel, adam7);
  let raw: Buffer;
  try {
    // One output buffer of the expected size (+1 to see a longer stream): zlib's default 16 KB chunks
    // cost ~900 allocations and a 15 MB copy per 1320x2868 image (a fifth of lint's time, and memory).
    raw = inflateSync(Buffer.concat(idats), { maxOutputLength: expected + 1, chunkSize: Math.max(64, expected + 1) });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new UnreadableImageError(
        `broken PNG: the pixel data inflates to more than the ${expected} bytes a ${width}x${height} image holds`,
      );
    }
    if (err.code === 'Z_DATA_ERROR' && /incorrect data check/i.test(err.message)) {
      throw new UnreadableImageError(
        'broken PNG: the pixel data fails its zlib checksum (Adler-32); the file is corrupt',
      );
    }
    if (err.code === 'Z_BUF_ERROR') {
      throw new UnreadableImageError(
        `broken PNG: the pixel data stops before its end; the file was cut short or is corrupt`,
      );
    }
    throw new UnreadableImageError(
      `broken PNG: the pixel data is not a valid zlib stream (${err.message}); the store cannot decode it`,
    );
  }
  if (raw.length !== expected) {
    throw new UnreadableImageError(
      raw.length < expected
        ? `broken PNG: the pixel data ends after ${raw.length} of ${expected} bytes; the file was cut short or is corrupt`
        : `broken PNG: the pixel data inflates to more than the ${expected} bytes a ${width}x${height} image holds`,
    );
  }
  // Only its length was wanted: give the 8-17 MB back now (a render thread checks every image it encodes).
  freeNow(raw, { whole: true });
}

/** The EXIF orientation tag (0x0112) of an APP1 Exif segment's TIFF data, if present. */
function exifOrientation(tiff: Buffer): number | undefined {
  if (tiff.length < 8) return undefined;
  const le = tiff.toString('latin1', 0, 2) === 'II';
  if (!le && tiff.toString('latin1', 0, 2) !== 'MM') return undefined;
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return undefined;
  const n = u16(ifd);
  for (let i = 0; i < n && i < 512; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > tiff.length) break;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : undefined;
    }
  }
  return undefined;
}

/** Reads a JPEG's EXIF orientation from the segments before its image data (a prefix of the file is enough). */
export function jpegOrientation(buf: Buffer): number | undefined {
  if (!(buf[0] === 0xff && buf[1] === 0xd8)) return undefined;
  let off = 2;
  while (off + 4 <= buf.length && buf[off] === 0xff) {
    const marker = buf[off + 1]!;
    if (marker === 0xff) {
      off += 1;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break;
    const len = buf.readUInt16BE(off + 2);
    if (len < 2) break;
    if (marker === 0xe1 && buf.toString('latin1', off + 4, off + 10) === 'Exif\0\0') {
      return exifOrientation(buf.subarray(off + 10, Math.min(buf.length, off + 2 + len)));
    }
    off += 2 + len;
  }
  return undefined;
}

// SOF markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function readJpeg(buf: Buffer): Parsed {
  let off = 2;
  let sof: { width: number; height: number; precision: number; components: number } | undefined;
  let adobeTransform: number | undefined;
  let dpi: number | undefined;
  const iccParts: Buffer[] = [];
  let scanAt = -1;
  while (off + 4 <= buf.length) {
    if (buf[off] !== 0xff) throw new UnreadableImageError(`broken JPEG: expected a marker at byte ${off}`);
    const marker = buf[off + 1]!;
    if (marker === 0xff) {
      off += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      off += 2;
      continue;
    }
    if (marker === 0xd9) break;
    const len = buf.readUInt16BE(off + 2);
    const start = off + 4;
    const end = off + 2 + len;
    if (len < 2 || end > buf.length)
      throw new UnreadableImageError(`truncated JPEG: the segment at byte ${off} runs past the end of the file`);
    const data = buf.subarray(start, end);
    if (isSof(marker) && data.length >= 6) {
      sof = { precision: data[0]!, height: data.readUInt16BE(1), width: data.readUInt16BE(3), components: data[5]! };
    } else if (marker === 0xe0 && data.toString('latin1', 0, 5) === 'JFIF\0' && data.length >= 12) {
      const units = data[7];
      const x = data.readUInt16BE(8);
      if (units === 1) dpi = x;
      else if (units === 2) dpi = Math.round(x * 2.54);
    } else if (marker === 0xe2 && data.toString('latin1', 0, 12) === 'ICC_PROFILE\0') {
      iccParts.push(data.subarray(14));
    } else if (marker === 0xee && data.toString('latin1', 0, 5) === 'Adobe' && data.length >= 12) {
      adobeTransform = data[11];
    } else if (marker === 0xda) {
      scanAt = end;
      break; // start of scan: the headers are over
    }
    off = end;
  }
  if (!sof) throw new UnreadableImageError('truncated or broken JPEG: no frame header (SOF) before the image data');
  if (sof.width === 0 || sof.height === 0) throw new UnreadableImageError('broken JPEG: zero width or height');
  // Entropy-coded data never holds FF D9, so an end-of-image marker after the scan means the file is whole.
  if (scanAt < 0 || buf.lastIndexOf(Buffer.from([0xff, 0xd9])) < scanAt) {
    throw new UnreadableImageError('truncated JPEG: no end-of-image marker; the file was cut short');
  }
  let icc: { space?: string; name?: string } = {};
  if (iccParts.length) {
    try {
      icc = parseIcc(Buffer.concat(iccParts));
    } catch {
      /* an unreadable profile is reported as no profile */
    }
  }
  const c = sof.components;
  const colorModel: ColorModel =
    c === 1 ? 'gray' : c === 3 ? 'rgb' : c === 4 ? (adobeTransform === 2 ? 'ycck' : 'cmyk') : 'unknown';
  return {
    format: 'jpeg',
    width: sof.width,
    height: sof.height,
    hasAlpha: false,
    colorModel,
    bitDepth: sof.precision,
    components: c,
    iccSpace: icc.space,
    iccName: icc.name,
    dpi,
    orientation: jpegOrientation(buf),
  };
}

/** The data colour space (header bytes 16-19) and the description of an ICC profile. */
export function parseIcc(p: Buffer): { space?: string; name?: string } {
  if (p.length < 132) return {};
  const space = p.toString('latin1', 16, 20).trim();
  let name: string | undefined;
  const count = p.readUInt32BE(128);
  for (let i = 0; i < Math.min(count, 100); i++) {
    const e = 132 + i * 12;
    if (e + 12 > p.length) break;
    if (p.toString('latin1', e, e + 4) !== 'desc') continue;
    const off = p.readUInt32BE(e + 4);
    const size = p.readUInt32BE(e + 8);
    if (off + size > p.length || size < 12) break;
    const tag = p.subarray(off, off + size);
    const type = tag.toString('latin1', 0, 4);
    if (type === 'desc') {
      const n = tag.readUInt32BE(8);
      name = tag.toString('latin1', 12, Math.min(12 + n, tag.length)).replace(/\0+$/, '');
    } else if (type === 'mluc' && tag.length >= 28) {
      const len = tag.readUInt32BE(20);
      const at = tag.readUInt32BE(24);
      const raw = tag.subarray(at, Math.min(at + len, tag.length));
      // UTF-16BE -> string
      let s = '';
      for (let k = 0; k + 1 < raw.length; k += 2) s += String.fromCharCode(raw.readUInt16BE(k));
      name = s.replace(/\0+$/, '');
    }
    break;
  }
  return { space, name };
}
