// Decode memory is bounded across concurrent renders (issue #13, item 15): the render workers take
// each image's decode memory from one shared budget. Workers count what they hold in shared memory
// (pool.ts/worker.ts); the test reads the peak from /metrics after four renders of a 7-megapixel
// screenshot on two workers, with a budget that fits one such image at a time. Without the budget
// both workers decode at once and the peak is twice one image. (RSS is measured in bench/, not here.)
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, cleanup, pollUntilEnded, startService, type ServerHandle } from './helpers/server.js';

const W = 2000;
const H = 3556; // 9:16, a phone screenshot for play.phone (1080x1920)
/** One image's cost as the service estimates it (budget.ts): the screenshot 3x as RGBA, the output canvas 2x. */
const ONE = W * H * 4 * 3 + 1080 * 1920 * 4 * 2;
const BUDGET = Math.ceil((ONE * 1.5) / 1024 / 1024) * 1024 * 1024;

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`^${name} (\\d+(?:\\.\\d+)?(?:e\\+?\\d+)?)$`, 'm').exec(text);
  if (!m) throw new Error(`no ${name} in /metrics`);
  return Number(m[1]);
}

describe('decode memory budget shared by the render workers', () => {
  let s: ServerHandle;
  let png: Buffer;
  beforeAll(async () => {
    png = await sharp({ create: { width: W, height: H, channels: 3, background: { r: 30, g: 120, b: 200 } } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    s = await startService({
      env: { STORESHOTS_WORKERS: '2', STORESHOTS_CONCURRENCY: '2', STORESHOTS_DECODE_BUDGET_BYTES: String(BUDGET) },
    });
  });
  afterAll(async () => {
    await s?.stop();
    if (s) cleanup(s.data);
  });

  it('never has more decode memory in flight than the budget, and every render still succeeds', async () => {
    expect(png.length).toBeLessThan(200_000);
    const body = {
      async: true,
      canvas: { preset: 'play.phone' },
      slides: [
        { headline: 'Big', screenshot: { data: png.toString('base64') } },
        { headline: 'Bigger', screenshot: { data: png.toString('base64') } },
      ],
    };
    const created = await Promise.all(Array.from({ length: 2 }, () => api(s.url, 'POST', '/v1/renders', body)));
    expect(created.map((r) => r.status)).toEqual([202, 202]);
    for (const r of created) {
      const done = await pollUntilEnded(s.url, r.body.id);
      expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
      expect(done.images).toHaveLength(2);
    }
    const peak = await metric(s.url, 'storeshots_decode_bytes_held_peak');
    expect(peak).toBeGreaterThanOrEqual(ONE * 0.99); // the workers did hold an image's worth
    expect(peak).toBeLessThanOrEqual(BUDGET);
    expect(await metric(s.url, 'storeshots_decode_bytes_held')).toBe(0);
    expect(await metric(s.url, 'storeshots_decode_budget_bytes')).toBe(BUDGET);
  }, 180_000);
});
