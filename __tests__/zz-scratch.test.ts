import { it } from 'vitest';
import sharp from 'sharp';
import { renderJobToBuffer } from '../src/render/index.js';
import { variant } from './fixtures/render/jobs.js';
const px = async (b: Buffer) => { const { data, info } = await sharp(b).raw().ensureAlpha().toBuffer({ resolveWithObject: true }); return [info.channels, ...data.subarray(0, 4)]; };
it('x', async () => {
  const size = { width: 540, height: 960 };
  const t = variant('en-US/play.phone/home', { size }, { background: { color: '#ff000080', gradient: undefined } as any, layout: 'device-only' });
  const o = variant('en-US/play.phone/stats', { size }, { background: { color: '#00ff00' } as any });
  const first = await renderJobToBuffer(t, [t]);
  console.log(await px(first.buffer));
  await renderJobToBuffer(o, [o]);
  const second = await renderJobToBuffer(t, [t]);
  console.log(await px(second.buffer), first.buffer.equals(second.buffer));
});
