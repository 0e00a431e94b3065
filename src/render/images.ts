// Reading images safely: the header is checked before any pixel is decoded, so a 20000x20000
// PNG (a decompression bomb) is refused up front; corrupt and truncated files name themselves.
import { RenderError, errorMessage } from '../util/errors.js';
import { notAFile, notPngOrJpeg } from '../util/files.js';
import type { Size } from '../store/presets.js';
import { cachedDecode, decodedImage, type Holds } from './decode-cache.js';
import { freeNow } from '../util/free.js';
import { canvas, sharp, type CanvasModule } from './native.js';

/** Largest input accepted: 40 megapixels and 16384 px a side (a 6K screenshot is 20 MP). */
export const MAX_PIXELS = 40_000_000;
export const MAX_SIDE = 16384;

export interface ImageInfo extends Size {
  file: string;
  /** EXIF orientation (1-8) when the file carries one other than 1: width and height are already as displayed. */
  orientation?: number;
}

/**
 * Size from the file's header (no decoding), as displayed: an EXIF orientation of 5-8 swaps the
 * sides, as every decode here applies it (sharp's rotate()) and the stores' own pipelines do.
 * Throws a RenderError naming the file; only plain PNG and JPEG files are opened.
 */
export async function probeImage(file: string, what: string): Promise<ImageInfo> {
  const why = notAFile(file);
  if (why === 'does not exist') throw new RenderError(`${what} not found: ${file}`);
  if (why) throw new RenderError(`${what} ${file} ${why}`);
  const format = notPngOrJpeg(file);
  if (format) throw new RenderError(`${what} ${file} ${format}`);
  let meta;
  try {
    meta = await sharp()(file, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw new RenderError(`cannot read ${what} ${file}: not a readable PNG or JPEG image (${firstLine(e)})`);
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw new RenderError(`cannot read ${what} ${file}: no image size in its header`);
  if (width * height > MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE) {
    throw new RenderError(
      `${what} ${file} is ${width}x${height} (${((width * height) / 1e6).toFixed(0)} MP); the largest image accepted is ${MAX_PIXELS / 1e6} MP and ${MAX_SIDE} px a side: export it at the device's resolution`,
    );
  }
  return {
    file,
    width,
    height,
    ...(meta.orientation && meta.orientation !== 1 ? { orientation: meta.orientation } : {}),
  };
}

export interface RawImage extends Size {
  data: Buffer;
}

/** Decodes, orients, converts to sRGB and resizes to exactly width x height, as RGBA. */
export async function loadResized(
  file: string,
  what: string,
  size: Size,
  opts: {
    fit: 'cover' | 'contain' | 'fill';
    blur?: number;
    background?: string | { r: number; g: number; b: number; alpha: number };
  } = { fit: 'cover' },
): Promise<RawImage> {
  await probeImage(file, what);
  try {
    // Decoded once per process and resized from memory (decode-cache.ts: the worker pool's
    // reuse across presets and panoramic neighbours); the same path everywhere keeps renders byte-identical.
    const src = await decodedImage(file, async () => {
      const { data, info } = await sharp()(file, { limitInputPixels: MAX_PIXELS, failOn: 'truncated' })
        .rotate()
        .toColourspace('srgb')
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true });
      return { data, info: { width: info.width, height: info.height, channels: info.channels } };
    });
    let img = sharp()(src.data, { raw: src.info }).resize(
      Math.max(1, Math.round(size.width)),
      Math.max(1, Math.round(size.height)),
      {
        fit: opts.fit,
        kernel: 'lanczos3',
        background: opts.background ?? '#000000',
        position: 'centre',
      },
    );
    if (opts.blur && opts.blur >= 0.3) img = img.blur(opts.blur);
    const { data, info } = await img.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (e) {
    throw new RenderError(`cannot decode ${what} ${file}: the file is corrupt or truncated (${firstLine(e)})`);
  }
}

/**
 * Decodes, orients and converts to sRGB, into a canvas of the image's own size (for drawImage to
 * scale). Kept in the thread's decode cache, so every preset and slide that shows it reuses it;
 * the canvas stays valid until `holds` releases it. `prepare` changes the decoded pixels in place
 * before they are kept (its `kind` names what it does: the key of that form of the file).
 */
export async function loadCanvas(
  file: string,
  what: string,
  holds: Holds,
  prepare?: { kind: string; apply: (c: InstanceType<CanvasModule['Canvas']>, size: Size) => void },
): Promise<{ canvas: InstanceType<CanvasModule['Canvas']>; width: number; height: number }> {
  await probeImage(file, what);
  try {
    return await cachedDecode(
      file,
      prepare ? `canvas|${prepare.kind}` : 'canvas',
      async () => {
        const { data, info } = await sharp()(file, { limitInputPixels: MAX_PIXELS, failOn: 'truncated' })
          .rotate()
          .toColourspace('srgb')
          .ensureAlpha()
          .raw({ depth: 'uchar' })
          .toBuffer({ resolveWithObject: true });
        const { createCanvas, ImageData } = canvas();
        const c = createCanvas(info.width, info.height);
        c.getContext('2d').putImageData(
          new ImageData(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height),
          0,
          0,
        );
        freeNow(data);
        prepare?.apply(c, info);
        return { canvas: c, width: info.width, height: info.height };
      },
      (v) => v.width * v.height * 4,
      // Skia's pixels live outside the JS heap: free them when the entry goes, not at some later GC.
      (v) => {
        v.canvas.width = 0;
        v.canvas.height = 0;
      },
      holds,
    );
  } catch (e) {
    throw new RenderError(`cannot decode ${what} ${file}: the file is corrupt or truncated (${firstLine(e)})`);
  }
}

function firstLine(e: unknown): string {
  return errorMessage(e).split('\n')[0]!.trim();
}
