// The PNG reader lint uses (src/lint/header.ts), from src/, on PNGs built chunk by chunk: each way a
// file can be broken is refused with its own message, and the chunks that change what lint reports
// (tRNS, acTL, pHYs, sRGB, iCCP, Adam7 interlacing) are read. The same messages reach users through
// `storeshots lint` (render-hostile-images.test.ts runs those through the CLI).
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImageFacts, UnreadableImageError } from '../src/lint/header.js';
import { pngChunk as chunk } from './helpers/png.js';

const SIG = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
function ihdr(width: number, height: number, colorType = 2, interlace = 0): Buffer {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(width, 0);
  d.writeUInt32BE(height, 4);
  d[8] = 8;
  d[9] = colorType;
  d[12] = interlace;
  return chunk('IHDR', d);
}
/** An 8-bit RGB image's pixel data: one filter byte and 3 bytes a pixel per row. */
const rgbData = (w: number, h: number) => deflateSync(Buffer.alloc(h * (1 + 3 * w)));
const png = (...chunks: Buffer[]) => Buffer.concat([SIG, ...chunks]);
const IEND = chunk('IEND', Buffer.alloc(0));
const refused = (buf: Buffer) => {
  try {
    readImageFacts(buf);
  } catch (e) {
    expect(e).toBeInstanceOf(UnreadableImageError);
    return (e as Error).message;
  }
  throw new Error('read without error');
};

describe('a broken PNG is refused, naming what is wrong', () => {
  it('a first chunk that is not IHDR, or an IHDR too short to hold a header', () => {
    expect(refused(png(chunk('IDAT', rgbData(2, 2)), IEND))).toBe('broken PNG: the first chunk is not IHDR');
    expect(refused(png(chunk('IHDR', Buffer.alloc(12)), chunk('IDAT', rgbData(2, 2)), IEND))).toBe(
      'broken PNG: the first chunk is not IHDR',
    );
  });

  it('a chunk that runs past the end of the file, with its type and offset', () => {
    const whole = png(ihdr(2, 2), chunk('IDAT', rgbData(2, 2)), IEND);
    // Cut inside the IDAT chunk, which starts after the signature (8) and the IHDR chunk (25).
    expect(refused(whole.subarray(0, 45))).toBe(
      'truncated PNG: the IDAT chunk at byte 33 runs past the end of the file',
    );
    // Its 4-byte CRC is part of the chunk: one byte short of it is cut short too.
    const idatEnd = 33 + 12 + rgbData(2, 2).length;
    expect(refused(whole.subarray(0, idatEnd - 1))).toMatch(/^truncated PNG: the IDAT chunk at byte 33 runs past/);
  });

  it('no IHDR at all, no image data, no IEND', () => {
    expect(refused(SIG)).toBe('truncated PNG: no IHDR chunk');
    expect(refused(png(ihdr(2, 2), IEND))).toBe('truncated PNG: no image data (IDAT); the file was cut short');
    expect(refused(png(ihdr(2, 2), chunk('IDAT', rgbData(2, 2))))).toBe(
      'truncated PNG: no IEND chunk; the file was cut short',
    );
  });

  it('an unknown colour type, and a zero width or height', () => {
    expect(refused(png(ihdr(2, 2, 1), chunk('IDAT', rgbData(2, 2)), IEND))).toBe('broken PNG: unknown colour type 1');
    expect(refused(png(ihdr(0, 2), chunk('IDAT', rgbData(0, 2)), IEND))).toBe('broken PNG: zero width or height');
    expect(refused(png(ihdr(2, 0), chunk('IDAT', rgbData(2, 0)), IEND))).toBe('broken PNG: zero width or height');
  });

  it('pixel data that is not zlib, ends early, is longer than the header promises, or fails its checksum', () => {
    expect(refused(png(ihdr(4, 4), chunk('IDAT', Buffer.from('not a zlib stream')), IEND))).toMatch(
      /^broken PNG: the pixel data is not a valid zlib stream \(.+\); the store cannot decode it$/,
    );
    // 4x4 RGB: 4 rows of 1 + 12 bytes = 52.
    expect(refused(png(ihdr(4, 4), chunk('IDAT', rgbData(4, 3)), IEND))).toBe(
      'broken PNG: the pixel data ends after 39 of 52 bytes; the file was cut short or is corrupt',
    );
    expect(refused(png(ihdr(4, 4), chunk('IDAT', rgbData(4, 5)), IEND))).toBe(
      'broken PNG: the pixel data inflates to more than the 52 bytes a 4x4 image holds',
    );
    // One byte more than the header promises is already too much.
    expect(refused(png(ihdr(4, 4), chunk('IDAT', deflateSync(Buffer.alloc(53))), IEND))).toBe(
      'broken PNG: the pixel data inflates to more than the 52 bytes a 4x4 image holds',
    );
    const z = rgbData(4, 4);
    z[z.length - 1] = z[z.length - 1]! ^ 0xff;
    expect(refused(png(ihdr(4, 4), chunk('IDAT', z), IEND))).toBe(
      'broken PNG: the pixel data fails its zlib checksum (Adler-32); the file is corrupt',
    );
    // A stream cut before its end (no final block).
    const cut = rgbData(4, 4).subarray(0, 6);
    expect(refused(png(ihdr(4, 4), chunk('IDAT', cut), IEND))).toBe(
      'broken PNG: the pixel data stops before its end; the file was cut short or is corrupt',
    );
  });

  it('the pixel data split over several IDAT chunks is read as one stream', () => {
    const z = rgbData(4, 4);
    const f = readImageFacts(png(ihdr(4, 4), chunk('IDAT', z.subarray(0, 5)), chunk('IDAT', z.subarray(5)), IEND));
    expect([f.width, f.height]).toEqual([4, 4]);
  });

  it('over 40 MP is refused before inflating; 40 MP exactly is inflated', () => {
    expect(refused(png(ihdr(8000, 5001), chunk('IDAT', deflateSync(Buffer.alloc(8))), IEND))).toBe(
      '8000x5001 is 40 MP, over the 40 MP this tool decodes (no store takes an image that large)',
    );
    expect(refused(png(ihdr(8000, 5000), chunk('IDAT', deflateSync(Buffer.alloc(8))), IEND))).toBe(
      `broken PNG: the pixel data ends after 8 of ${5000 * (1 + 3 * 8000)} bytes; the file was cut short or is corrupt`,
    );
  });
});

describe('the chunks lint reports on', () => {
  const ok = (...extra: Buffer[]) => png(ihdr(4, 4), ...extra, chunk('IDAT', rgbData(4, 4)), IEND);

  it('tRNS makes an RGB image transparent, with the reason; acTL makes it animated', () => {
    const plain = readImageFacts(ok());
    expect([plain.hasAlpha, plain.alphaReason, plain.animated]).toEqual([false, undefined, undefined]);
    const t = readImageFacts(ok(chunk('tRNS', Buffer.alloc(6))));
    expect([t.hasAlpha, t.alphaReason]).toEqual([true, 'a tRNS transparency chunk (PNG colour type 2, RGB)']);
    expect(readImageFacts(ok(chunk('acTL', Buffer.alloc(8)))).animated).toBe(true);
  });

  it('pHYs in pixels per metre gives the dpi; an unknown unit gives none', () => {
    const phys = (ppm: number, unit: number) => {
      const d = Buffer.alloc(9);
      d.writeUInt32BE(ppm, 0);
      d.writeUInt32BE(ppm, 4);
      d[8] = unit;
      return chunk('pHYs', d);
    };
    expect(readImageFacts(ok(phys(2835, 1))).dpi).toBe(72);
    expect(readImageFacts(ok(phys(5669, 1))).dpi).toBe(144);
    expect(readImageFacts(ok(phys(2835, 0))).dpi).toBeUndefined();
    expect(readImageFacts(ok(phys(2835, 2))).dpi).toBeUndefined();
    expect(readImageFacts(ok(chunk('pHYs', Buffer.alloc(8)))).dpi).toBeUndefined();
  });

  it('sRGB says RGB; an iCCP profile that cannot be read keeps its name', () => {
    expect(readImageFacts(ok(chunk('sRGB', Buffer.from([0])))).iccSpace).toBe('RGB');
    const iccp = Buffer.concat([Buffer.from('Broken profile\0\0', 'latin1'), Buffer.from('not zlib')]);
    const f = readImageFacts(ok(chunk('iCCP', iccp)));
    expect([f.iccName, f.iccSpace]).toEqual(['Broken profile', undefined]);
    // No name (the NUL first): nothing is read from it.
    const g = readImageFacts(ok(chunk('iCCP', Buffer.from('\0\0xyz', 'latin1'))));
    expect([g.iccName, g.iccSpace]).toEqual([undefined, undefined]);
  });

  it('an Adam7-interlaced PNG holds the bytes of its seven passes, not of its rows', async () => {
    for (const [w, h] of [
      [1, 1],
      [3, 5],
      [9, 9],
      [13, 7],
    ] as const) {
      const buf = await sharp({ create: { width: w, height: h, channels: 3, background: '#123456' } })
        .png({ progressive: true })
        .toBuffer();
      const f = readImageFacts(buf);
      expect([f.width, f.height]).toEqual([w, h]);
      // The same data under a non-interlaced header is refused: the pass sizes differ from the rows'.
      const data = buf.subarray(33);
      if (w * h > 1) {
        const flat = Buffer.concat([SIG, ihdr(w, h), data]);
        expect(() => readImageFacts(flat)).toThrow(UnreadableImageError);
      }
    }
  });
});
