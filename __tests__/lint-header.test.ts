// The header reader against real encoder output (sharp), and against files cut short or lying about their type.
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { readImageFacts, UnreadableImageError } from '../src/lint/header.js';
import { sniffFormat } from '../src/util/image.js';

const solid = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({
    create: {
      width,
      height,
      channels,
      background: channels === 4 ? { r: 10, g: 20, b: 30, alpha: 1 } : { r: 10, g: 20, b: 30 },
    },
  });

describe('readImageFacts', () => {
  it('reads an RGB PNG: size, colour type 2, 8-bit, no alpha, sha256 and byte count', async () => {
    const buf = await solid(1320, 2868).png().toBuffer();
    const f = readImageFacts(buf);
    expect(f).toMatchObject({
      format: 'png',
      width: 1320,
      height: 2868,
      hasAlpha: false,
      colorModel: 'rgb',
      bitDepth: 8,
      pngColorType: 2,
      bytes: buf.length,
    });
    expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('flags an RGBA PNG as alpha even when every pixel is opaque', async () => {
    const f = readImageFacts(await solid(40, 30, 4).png().toBuffer());
    expect(f.hasAlpha).toBe(true);
    expect(f.alphaReason).toMatch(/colour type 6/);
  });

  it('tells greyscale, indexed and 16-bit PNGs apart', async () => {
    const grey = readImageFacts(await solid(20, 20).toColourspace('b-w').png().toBuffer());
    expect(grey).toMatchObject({ colorModel: 'gray', pngColorType: 0 });
    const pal = readImageFacts(await solid(20, 20).png({ palette: true }).toBuffer());
    expect(pal).toMatchObject({ colorModel: 'palette', pngColorType: 3 });
    const deep = readImageFacts(await solid(20, 20).toColourspace('rgb16').png().toBuffer());
    expect(deep).toMatchObject({ colorModel: 'rgb', bitDepth: 16 });
  });

  it('reads the PNG density (pHYs) in DPI', async () => {
    const f = readImageFacts(await solid(20, 20).withMetadata({ density: 144 }).png().toBuffer());
    expect(f.dpi).toBe(144);
  });

  it('reads a JPEG frame header: size, 3 components, no alpha, and a CMYK one as CMYK', async () => {
    const rgb = readImageFacts(await solid(1206, 2622).jpeg().toBuffer());
    expect(rgb).toMatchObject({
      format: 'jpeg',
      width: 1206,
      height: 2622,
      components: 3,
      colorModel: 'rgb',
      hasAlpha: false,
    });
    const cmyk = readImageFacts(await solid(64, 48).toColourspace('cmyk').jpeg().toBuffer());
    expect(cmyk.components).toBe(4);
    expect(['cmyk', 'ycck']).toContain(cmyk.colorModel);
  });

  it('reads the colour space of an embedded ICC profile', async () => {
    const p3 = readImageFacts(await solid(16, 16).withIccProfile('p3').png().toBuffer());
    expect(p3.iccSpace).toBe('RGB');
    expect(p3.iccName).toMatch(/P3/i);
    const cmyk = readImageFacts(await solid(16, 16).toColourspace('cmyk').withIccProfile('cmyk').jpeg().toBuffer());
    expect(cmyk.iccSpace).toBe('CMYK');
  });

  it('knows other formats by their first bytes, whatever the file is called', async () => {
    expect(sniffFormat(await solid(8, 8).webp().toBuffer())).toBe('webp');
    expect(sniffFormat(await solid(8, 8).gif().toBuffer())).toBe('gif');
    expect(sniffFormat(await solid(8, 8).tiff().toBuffer())).toBe('tiff');
    expect(readImageFacts(await solid(8, 8).webp().toBuffer()).format).toBe('webp');
  });

  it('refuses empty, cut-short and non-image files with a reason', async () => {
    const png = await solid(200, 100).png().toBuffer();
    const jpg = await solid(200, 100).jpeg().toBuffer();
    const cases: Array<[Buffer, RegExp]> = [
      [Buffer.alloc(0), /empty/],
      [png.subarray(0, 30), /truncated PNG/],
      [png.subarray(0, png.length - 12), /truncated PNG/],
      [jpg.subarray(0, Math.floor(jpg.length / 2)), /truncated/],
      [Buffer.from('<!doctype html><p>not an image'), /not an image/],
    ];
    for (const [buf, re] of cases) {
      expect(() => readImageFacts(buf)).toThrow(UnreadableImageError);
      expect(() => readImageFacts(buf)).toThrow(re);
    }
  });
});
