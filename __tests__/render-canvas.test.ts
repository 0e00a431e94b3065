// A render thread reuses one canvas per image size (src/render/draw.ts): nothing of the previous
// image may show through the next one, even where the next one's background is translucent.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderJobToBuffer } from '../src/render/index.js';
import type { Style } from '../src/manifest/types.js';
import { variant } from './fixtures/render/jobs.js';

const size = { width: 540, height: 960 };
const corner = async (png: Buffer) => {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { channels: info.channels, rgb: [...data.subarray(0, 3)] };
};

describe('the reused canvas', () => {
  it('starts each image from transparent pixels: a translucent background does not show the previous image', async () => {
    const translucent = variant(
      'en-US/play.phone/home',
      { size },
      { layout: 'device-only', background: { color: '#ff000080', gradient: undefined } as Style['background'] },
    );
    const opaque = variant(
      'en-US/play.phone/stats',
      { size },
      { background: { color: '#00ff00', gradient: undefined } as Style['background'] },
    );
    const fresh = await renderJobToBuffer(translucent, [translucent]);
    await renderJobToBuffer(opaque, [opaque]);
    const reused = await renderJobToBuffer(translucent, [translucent]);
    // Written without alpha (the stores refuse it); the corner is the background colour, no green in it.
    expect(await corner(fresh.buffer)).toEqual({ channels: 3, rgb: [255, 0, 0] });
    expect(await corner(reused.buffer)).toEqual({ channels: 3, rgb: [255, 0, 0] });
    expect(reused.buffer.equals(fresh.buffer)).toBe(true);
  });
});
