// Rendering through the real service with the real renderer: sync and async renders, image and
// archive downloads, cancel, time-out and expiry.
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffImage } from '../src/server/image-info.js';
import {
  api,
  b64,
  cleanup,
  pollUntilEnded,
  receiver,
  SCREEN_IPAD,
  SCREEN_JPG,
  SCREEN_PNG,
  startService,
  type ServerHandle,
} from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('rendering', () => {
  let s: ServerHandle;
  beforeAll(async () => {
    s = await startService();
  });
  afterAll(async () => {
    await s?.stop();
    if (s) cleanup(s.data);
  });

  it('renders synchronously: 200 with the finished render, images downloadable as bytes, base64 and a fastlane zip', async () => {
    const r = await api(s.url, 'POST', '/v1/renders', {
      canvas: { preset: 'appstore.iphone_6_9' },
      locale: 'en-US',
      slides: [
        {
          id: 'home',
          headline: 'Track every **habit**',
          subtitle: 'Streaks and stats',
          screenshot: { data: b64(SCREEN_PNG) },
        },
      ],
      metadata: { sha: 'abc123' },
    });
    expect(r.status).toBe(200);
    const render = r.body;
    expect(render).toMatchObject({ status: 'succeeded', error: null, credits_used: 1, metadata: { sha: 'abc123' } });
    expect(render.images).toHaveLength(1);
    const img = render.images[0];
    expect(img).toMatchObject({
      index: 1,
      slide: 'home',
      width: 1320,
      height: 2868,
      format: 'png',
      path: 'fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png',
    });
    // One iPhone 6.9" image alone: the service's lint says the 6.3" set may be required too, and nothing else.
    expect(render.lint.findings.map((f: { rule: string; severity: string }) => `${f.severity} ${f.rule}`)).toEqual([
      'warning appstore.required-slot',
    ]);
    expect(Date.parse(render.completed_at)).toBeGreaterThanOrEqual(Date.parse(render.started_at));

    const bytes = await api(s.url, 'GET', `/v1/renders/${render.id}/images/1`);
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('content-type')).toBe('image/png');
    const buf = bytes.body as Buffer;
    expect(sniffImage(buf)).toEqual({ format: 'png', width: 1320, height: 2868 });
    expect(sha(buf)).toBe(img.sha256);
    expect(buf.length).toBe(img.bytes);

    const enc = await api(s.url, 'GET', `/v1/renders/${render.id}/images/1?encoding=base64`);
    expect(enc.body).toMatchObject({ index: 1, content_type: 'image/png', sha256: img.sha256 });
    expect(Buffer.from(enc.body.data, 'base64').equals(buf)).toBe(true);

    const zip = await api(s.url, 'GET', `/v1/renders/${render.id}/archive`);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(zip.body as Buffer));
    expect(Object.keys(files)).toEqual(['fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png']);
    expect(sha(files['fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png']!)).toBe(img.sha256);

    expect((await api(s.url, 'GET', `/v1/renders/${render.id}/images/2`)).status).toBe(404);
  });

  it('renders asynchronously: 202, then polling reaches succeeded; Play images land in supply folders', async () => {
    const r = await api(s.url, 'POST', '/v1/renders', {
      async: true,
      canvas: { preset: 'play.phone' },
      locale: 'de-DE',
      output: { format: 'jpeg', quality: 85 },
      slides: [
        { id: 'home', headline: 'Jede Gewohnheit im Blick', screenshot: { data: b64(SCREEN_PNG) } },
        {
          id: 'stats',
          headline: { lines: ['Deine', 'Statistik'] },
          screenshot: { data: b64(SCREEN_JPG) },
          style: { background: { color: '#111827' } },
        },
      ],
    });
    expect(r.status).toBe(202);
    const seen: string[] = [];
    const done = await pollUntilEnded(s.url, r.body.id, undefined, seen);
    expect(done.status).toBe('succeeded');
    expect(seen.at(-1)).toBe('succeeded');
    expect(
      done.images.map((i: { slide: string; format: string; width: number }) => [i.slide, i.format, i.width]),
    ).toEqual([
      ['home', 'jpeg', 1080],
      ['stats', 'jpeg', 1080],
    ]);
    const zip = unzipSync(new Uint8Array((await api(s.url, 'GET', `/v1/renders/${r.body.id}/archive`)).body as Buffer));
    expect(Object.keys(zip).sort()).toEqual([
      'fastlane/metadata/android/de-DE/images/phoneScreenshots/01_home.jpg',
      'fastlane/metadata/android/de-DE/images/phoneScreenshots/02_stats.jpg',
    ]);
    expect(sniffImage(zip['fastlane/metadata/android/de-DE/images/phoneScreenshots/02_stats.jpg']!)?.format).toBe(
      'jpeg',
    );
  });

  it("fails a render whose text no font covers, with the renderer's message (sync: 422 with the render)", async () => {
    const r = await api(s.url, 'POST', '/v1/renders', {
      canvas: { preset: 'play.phone' },
      slides: [{ headline: 'Hieroglyph \u{13000}' }],
    });
    expect(r.status).toBe(422);
    expect(r.body.status).toBe('failed');
    expect(r.body.error.code).toBe('render_failed');
    expect(r.body.error.message).toMatch(/no font covers/);
    expect((await api(s.url, 'GET', `/v1/renders/${r.body.id}/archive`)).status).toBe(409);
  });
});

describe('cancel, time-out and expiry', () => {
  it('cancels a queued render (and a processing one) while one worker is busy', async () => {
    const s = await startService({
      env: {
        STORESHOTS_WORKERS: '1',
        STORESHOTS_CONCURRENCY: '1',
        STORESHOTS_ALLOW_PRIVATE_URLS: '1',
        STORESHOTS_WEBHOOK_SECRET: 'whsec_c',
      },
    });
    const hook = await receiver([200]);
    try {
      const slides = Array.from({ length: 10 }, (_, i) => ({
        id: `s${i}`,
        headline: `Slide ${i}`,
        screenshot: { data: b64(SCREEN_IPAD) },
      }));
      const busy = await api(s.url, 'POST', '/v1/renders', {
        async: true,
        canvas: { preset: 'appstore.ipad_13' },
        slides,
      });
      const queued = await api(s.url, 'POST', '/v1/renders', {
        async: true,
        canvas: { preset: 'play.phone' },
        slides: [{ headline: 'later' }],
        webhook_url: hook.url,
      });
      const before = await api(s.url, 'GET', `/v1/renders/${queued.body.id}`);
      expect(before.body.status).toBe('queued');
      expect((await api(s.url, 'GET', `/v1/renders/${busy.body.id}`)).body.status).toBe('processing');

      const canceled = await api(s.url, 'POST', `/v1/renders/${queued.body.id}/cancel`);
      expect(canceled.status).toBe(200);
      expect(canceled.body).toMatchObject({ status: 'canceled', started_at: null, images: [] });
      expect((await api(s.url, 'POST', `/v1/renders/${queued.body.id}/cancel`)).body.status).toBe('canceled');

      const stop = await api(s.url, 'POST', `/v1/renders/${busy.body.id}/cancel`);
      expect(stop.body.status).toBe('canceled');
      const after = await api(s.url, 'GET', `/v1/renders/${queued.body.id}`);
      expect(after.body).toMatchObject({ status: 'canceled', started_at: null });
      // A render that ended cannot be canceled.
      const ok = await api(s.url, 'POST', '/v1/renders', {
        canvas: { preset: 'play.wear' },
        slides: [{ headline: 'x' }],
      });
      expect(ok.body.status).toBe('succeeded');
      const late = await api(s.url, 'POST', `/v1/renders/${ok.body.id}/cancel`);
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('render_not_cancelable');
      // The canceled render stays canceled after the queue drained, and its webhook said so.
      expect((await api(s.url, 'GET', `/v1/renders/${queued.body.id}`)).body.status).toBe('canceled');
      const [event] = await hook.next(1);
      expect(event!.headers['x-asa-event']).toBe('render.canceled');
      expect(JSON.parse(event!.body).data).toMatchObject({ id: queued.body.id, status: 'canceled' });
    } finally {
      await hook.close();
      await s.stop();
      cleanup(s.data);
    }
  });

  it('fails a render that exceeds the render time-out', async () => {
    const s = await startService({ env: { STORESHOTS_RENDER_TIMEOUT_MS: '1' } });
    try {
      const r = await api(s.url, 'POST', '/v1/renders', {
        canvas: { preset: 'appstore.iphone_6_9' },
        slides: [{ headline: 'slow' }],
      });
      expect(r.status).toBe(504);
      expect(r.body).toMatchObject({ status: 'failed', error: { code: 'render_timeout' } });
    } finally {
      await s.stop();
      cleanup(s.data);
    }
  });

  it('expires results: files deleted, the render answers 410', async () => {
    const s = await startService({ env: { STORESHOTS_RESULT_TTL_SECONDS: '0', STORESHOTS_SWEEP_INTERVAL_MS: '20' } });
    try {
      const r = await api(s.url, 'POST', '/v1/renders', {
        async: true,
        canvas: { preset: 'play.wear' },
        slides: [{ headline: 'gone soon', screenshot: { data: b64(SCREEN_PNG) } }],
      });
      const g = await waitFor(
        async () => {
          const got = await api(s.url, 'GET', `/v1/renders/${r.body.id}`);
          return got.status === 200 ? undefined : got;
        },
        { timeoutMs: 50_000, intervalMs: 0, what: 'the render to expire' },
      );
      expect(g.status).toBe(410);
      expect(g.body.error.code).toBe('render_expired');
      expect(existsSync(path.join(s.data, 'renders', r.body.id))).toBe(false);
      expect((await api(s.url, 'GET', `/v1/renders/${r.body.id}/images/1`)).status).toBe(410);
    } finally {
      await s.stop();
      cleanup(s.data);
    }
  });
});
