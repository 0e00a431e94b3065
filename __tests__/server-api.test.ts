// The render API's contract (docs/render-api.md) against the real `storeshots serve` on loopback: auth, errors
// with their param, limits (413, 429, 402), idempotency and bulk. Rendering itself is in server-render.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  b64,
  cleanup,
  KEY,
  OTHER_KEY,
  ROOT,
  SCREEN_JPG,
  SCREEN_PNG,
  startService,
  tempData,
  type ServerHandle,
} from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const slide = (extra: Record<string, unknown> = {}) => ({
  headline: 'Track every habit',
  screenshot: { data: b64(SCREEN_PNG) },
  ...extra,
});
const asyncRender = (extra: Record<string, unknown> = {}) => ({
  async: true,
  canvas: { preset: 'appstore.iphone_6_9' },
  slides: [slide()],
  ...extra,
});

async function createdCount(url: string): Promise<number> {
  const r = await fetch(`${url}/metrics`);
  const m = /^storeshots_renders_created_total (\d+)$/m.exec(await r.text());
  return m ? Number(m[1]) : 0;
}

describe('render API', () => {
  let s: ServerHandle;
  beforeAll(async () => {
    s = await startService({ env: { STORESHOTS_ALLOW_PRIVATE_URLS: '1' } });
  });
  afterAll(async () => {
    await s?.stop();
    if (s) cleanup(s.data);
  });

  it('serves its OpenAPI document, health and metrics without a key', async () => {
    const doc = await api(s.url, 'GET', '/v1/openapi.json', undefined, { key: null });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/renders',
        '/v1/renders/{id}',
        '/v1/renders/{id}/images/{index}',
        '/v1/renders/{id}/archive',
        '/v1/renders/{id}/cancel',
        '/v1/bulk',
        '/v1/webhook_endpoints',
        '/v1/webhook_endpoints/{id}',
        '/v1/events',
        '/v1/events/{id}',
        '/v1/events/{id}/retry',
      ]),
    );
    expect(Object.keys(doc.body.webhooks)).toEqual(['webhook-endpoint-event']);
    const health = await api(s.url, 'GET', '/healthz', undefined, { key: null });
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const metrics = await fetch(`${s.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).toMatch(/# TYPE storeshots_http_requests_total counter/);
  });

  it('needs a valid key, as a bearer token or X-API-Key', async () => {
    const none = await api(s.url, 'POST', '/v1/renders', asyncRender(), { key: null });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await api(s.url, 'GET', '/v1/renders/rnd_x', undefined, { key: 'sk_wrong' })).status).toBe(401);
    const x = await api(s.url, 'POST', '/v1/renders', asyncRender(), { key: null, headers: { 'x-api-key': KEY } });
    expect(x.status).toBe(202);
  });

  it('answers async: true with 202, id, "processing" and a polling URL; the render belongs to its key', async () => {
    const r = await api(
      s.url,
      'POST',
      '/v1/renders',
      asyncRender({ metadata: { pr: 42 }, slides: [slide(), slide(), slide()] }),
    );
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'processing', metadata: { pr: 42 }, total_steps: 3 });
    expect(r.body.done_steps).toBeLessThanOrEqual(3);
    expect(r.body.id).toMatch(/^rnd_[0-9a-f]{24}$/);
    expect(r.body.polling_url).toBe(`/v1/renders/${r.body.id}`);
    const mine = await api(s.url, 'GET', r.body.polling_url);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      id: r.body.id,
      metadata: { pr: 42 },
      canvas: { preset: 'appstore.iphone_6_9', width: 1320, height: 2868 },
    });
    expect(['queued', 'processing', 'succeeded']).toContain(mine.body.status);
    expect(Date.parse(mine.body.expires_at)).toBeGreaterThan(Date.parse(mine.body.created_at));
    const theirs = await api(s.url, 'GET', r.body.polling_url, undefined, { key: OTHER_KEY });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('render_not_found');
    // And it ends well: a valid request renders, its progress counting up to the images made.
    const progress: number[] = [mine.body.done_steps];
    const done = await waitFor(
      async () => {
        const p = (await api(s.url, 'GET', r.body.polling_url)).body;
        expect(p.total_steps).toBe(3);
        expect(p.done_steps).toBe(p.status === 'succeeded' ? 3 : p.images.length);
        progress.push(p.done_steps);
        return ['succeeded', 'failed'].includes(p.status) ? p : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 5, what: 'the render to end' },
    );
    expect([done.status, done.error]).toEqual(['succeeded', null]);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(3);
  });

  it('names the field at fault in param', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ slides: [slide()] }, 'canvas', 'parameter_missing'],
      [{ canvas: { preset: 'appstore.iphone_69' }, slides: [slide()] }, 'canvas.preset', 'unknown_preset'],
      [{ canvas: {}, slides: [slide()] }, 'canvas', 'parameter_missing'],
      [
        { canvas: { preset: 'play.phone' }, slides: Array.from({ length: 11 }, () => ({ headline: 'x' })) },
        'slides',
        'too_many_items',
      ],
      [
        { canvas: { preset: 'play.phone' }, slides: [{ headline: 'a' }, { headline: 3 }] },
        'slides[1].headline',
        'invalid_request',
      ],
      [
        { canvas: { preset: 'play.phone' }, slides: [{ screenshot: { url: 'http://x/a.png', data: 'AAAA' } }] },
        'slides[0].screenshot',
        'invalid_request',
      ],
      [
        { canvas: { preset: 'play.phone' }, slides: [{ headline: 'x', colour: 'red' }] },
        'slides[0].colour',
        'parameter_unknown',
      ],
      [{ canvas: { preset: 'play.phone' }, theme: 'auror', slides: [{ headline: 'x' }] }, 'theme', 'unknown_theme'],
      [
        {
          canvas: { preset: 'play.phone' },
          style: { background: { image: '/etc/passwd' } },
          slides: [{ headline: 'x' }],
        },
        'style.background.image',
        'invalid_request',
      ],
      [
        {
          canvas: { preset: 'play.phone' },
          slides: [{ headline: 'x', style: { headline: { font: '../../secret.ttf' } } }],
        },
        'slides[0].style.headline.font',
        'invalid_request',
      ],
      [{ canvas: { preset: 'play.phone' }, slides: [{ id: 'a' }, { id: 'a' }] }, 'slides[1].id', 'invalid_request'],
      [
        {
          canvas: { preset: 'play.phone' },
          slides: [{ headline: 'x', screenshot: { data: b64(Buffer.from('GIF89a not a png')) } }],
        },
        'slides[0].screenshot',
        'unsupported_image',
      ],
      [
        { canvas: { preset: 'play.phone' }, slides: [{ headline: 'x' }], webhook_url: 'http://127.0.0.1:9/hook' },
        'webhook_secret',
        'parameter_missing',
      ],
      [
        {
          canvas: { preset: 'play.phone' },
          slides: [{ headline: 'x' }],
          github_dispatch: { repository: 'o/r' },
          webhook_secret: 's',
        },
        'github_dispatch',
        'dispatch_not_configured',
      ],
    ];
    for (const [body, param, code] of cases) {
      const r = await api(s.url, 'POST', '/v1/renders', body);
      expect(r.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(r.body.error, JSON.stringify(body).slice(0, 120)).toMatchObject({ code, param });
      expect(typeof r.body.error.message).toBe('string');
    }
    const json = await api(s.url, 'POST', '/v1/renders', undefined, {
      raw: '{"canvas":',
      headers: { 'content-type': 'application/json' },
    });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('invalid_json');
    const missing = await api(s.url, 'GET', '/v1/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('takes screenshots as multipart file parts', async () => {
    const form = new FormData();
    form.set(
      'request',
      JSON.stringify({
        async: true,
        canvas: { preset: 'play.phone' },
        slides: [{ headline: 'one' }, { headline: 'two', screenshot: { file: 'second' } }],
      }),
    );
    form.set('slides[0].screenshot', new Blob([SCREEN_PNG], { type: 'image/png' }), 'a.png');
    form.set('second', new Blob([SCREEN_JPG], { type: 'image/jpeg' }), 'b.jpg');
    const r = await api(s.url, 'POST', '/v1/renders', undefined, { raw: form });
    expect(r.status).toBe(202);
    const bad = new FormData();
    bad.set(
      'request',
      JSON.stringify({
        async: true,
        canvas: { preset: 'play.phone' },
        slides: [{ headline: 'one', screenshot: { file: 'nope' } }],
      }),
    );
    const rb = await api(s.url, 'POST', '/v1/renders', undefined, { raw: bad });
    expect(rb.status).toBe(400);
    expect(rb.body.error.param).toBe('slides[0].screenshot');
  });

  it('replays the same key and body, refuses the same key with another body (422)', async () => {
    const key = `idem-${Date.now()}`;
    const first = await api(s.url, 'POST', '/v1/renders', asyncRender(), { headers: { 'idempotency-key': key } });
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await api(s.url, 'POST', '/v1/renders', asyncRender(), { headers: { 'idempotency-key': key } });
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const other = await api(s.url, 'POST', '/v1/renders', asyncRender({ locale: 'de-DE' }), {
      headers: { 'idempotency-key': key },
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    // Keys are per API key: another key may use the same string for its own render.
    const theirs = await api(s.url, 'POST', '/v1/renders', asyncRender(), {
      key: OTHER_KEY,
      headers: { 'idempotency-key': key },
    });
    expect(theirs.status).toBe(202);
    expect(theirs.body.id).not.toBe(first.body.id);
    const long = await api(s.url, 'POST', '/v1/renders', asyncRender(), {
      headers: { 'idempotency-key': 'k'.repeat(201) },
    });
    expect(long.status).toBe(400);
    expect(long.body.error.param).toBe('Idempotency-Key');
  });

  it('makes one render from 10 concurrent requests with one Idempotency-Key', async () => {
    const before = await createdCount(s.url);
    const key = `concurrent-${Date.now()}`;
    const all = await Promise.all(
      Array.from({ length: 10 }, () =>
        api(s.url, 'POST', '/v1/renders', asyncRender(), { headers: { 'idempotency-key': key } }),
      ),
    );
    expect(all.map((r) => r.status)).toEqual(Array(10).fill(202));
    expect(new Set(all.map((r) => r.body.id)).size).toBe(1);
    expect(all.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    expect((await createdCount(s.url)) - before).toBe(1);
  });

  it('does not keep a key whose request was invalid (it can be retried fixed)', async () => {
    const key = `invalid-${Date.now()}`;
    const bad = await api(
      s.url,
      'POST',
      '/v1/renders',
      { ...asyncRender(), canvas: { preset: 'nope' } },
      { headers: { 'idempotency-key': key } },
    );
    expect(bad.status).toBe(400);
    const fixed = await api(s.url, 'POST', '/v1/renders', asyncRender(), { headers: { 'idempotency-key': key } });
    expect(fixed.status).toBe(202);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
  });

  it("lists the key's renders newest first, with a cursor", async () => {
    const a = await api(s.url, 'POST', '/v1/renders', asyncRender(), { key: OTHER_KEY });
    const b = await api(s.url, 'POST', '/v1/renders', asyncRender(), { key: OTHER_KEY });
    const page = await api(s.url, 'GET', '/v1/renders?limit=1', undefined, { key: OTHER_KEY });
    expect(page.body).toMatchObject({ object: 'list', has_more: true });
    expect(page.body.data.map((r: { id: string }) => r.id)).toEqual([b.body.id]);
    const next = await api(s.url, 'GET', `/v1/renders?limit=1&starting_after=${b.body.id}`, undefined, {
      key: OTHER_KEY,
    });
    expect(next.body.data[0].id).toBe(a.body.id);
    const mine = await api(s.url, 'GET', '/v1/renders?limit=100');
    expect(mine.body.data.some((r: { id: string }) => r.id === a.body.id)).toBe(false);
    expect((await api(s.url, 'GET', '/v1/renders?limit=500')).body.error.param).toBe('limit');
  });

  it('takes up to 20 renders in bulk, reporting each failure with its param', async () => {
    const r = await api(s.url, 'POST', '/v1/bulk', {
      renders: [
        asyncRender(),
        { canvas: { preset: 'nope' }, slides: [{ headline: 'x' }] },
        { canvas: { width: 1080, height: 1920 }, slides: [slide()] },
      ],
    });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ submitted: 2, failed: 1 });
    expect(r.body.renders[0]).toMatchObject({ index: 0, status: 'processing' });
    expect(r.body.renders[1]).toMatchObject({
      index: 1,
      error: { code: 'unknown_preset', param: 'renders[1].canvas.preset' },
    });
    expect(r.body.renders[2].polling_url).toBe(`/v1/renders/${r.body.renders[2].id}`);
    const custom = await api(s.url, 'GET', r.body.renders[2].polling_url);
    expect(custom.body.canvas).toEqual({ preset: 'play.phone', width: 1080, height: 1920 });
    const tooMany = await api(s.url, 'POST', '/v1/bulk', { renders: Array.from({ length: 21 }, () => asyncRender()) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.param).toBe('renders');
  });
});

describe('limits', () => {
  let s: ServerHandle;
  beforeAll(async () => {
    s = await startService({
      env: {
        STORESHOTS_MAX_BODY_BYTES: '4096',
        STORESHOTS_MAX_SCREENSHOT_BYTES: '2048',
        STORESHOTS_RATE_LIMIT: '5',
        STORESHOTS_RATE_WINDOW_SECONDS: '3600',
        STORESHOTS_MONTHLY_QUOTA: '2',
      },
    });
  });
  afterAll(async () => {
    await s?.stop();
    if (s) cleanup(s.data);
  });

  it('answers an oversized body with 413', async () => {
    const big = {
      canvas: { preset: 'play.phone' },
      slides: [{ headline: 'x', screenshot: { data: 'A'.repeat(8000) } }],
    };
    const r = await api(s.url, 'POST', '/v1/renders', big, { key: OTHER_KEY });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
    const form = new FormData();
    form.set('request', JSON.stringify({ canvas: { preset: 'play.phone' }, slides: [{ headline: 'x' }] }));
    form.set('slides[0].screenshot', new Blob([Buffer.alloc(3000, 1)]), 'a.png');
    const up = await api(s.url, 'POST', '/v1/renders', undefined, { raw: form, key: OTHER_KEY });
    expect(up.status).toBe(413);
  });

  it('answers 402 past the monthly quota', async () => {
    const r = await api(
      s.url,
      'POST',
      '/v1/renders',
      {
        async: true,
        canvas: { preset: 'play.phone' },
        slides: [{ headline: 'a' }, { headline: 'b' }, { headline: 'c' }],
      },
      { key: OTHER_KEY },
    );
    expect(r.status).toBe(402);
    expect(r.body.error.code).toBe('quota_exceeded');
  });

  it('answers 429 with Retry-After and RateLimit headers over the rate, per key', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof api<any>>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await api(s.url, 'GET', '/v1/renders/rnd_000000000000000000000000');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    expect(last!.body.error.code).toBe('rate_limited');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('ratelimit-limit')).toBe('5');
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
    // Another key has its own bucket (it spent 3 of 5 above).
    expect(
      (await api(s.url, 'GET', '/v1/renders/rnd_000000000000000000000000', undefined, { key: OTHER_KEY })).status,
    ).toBe(404);
  });
});

describe('configuration', () => {
  it('reads keys from --keys FILE (comments and blank lines ignored) and stops cleanly on SIGTERM', async () => {
    const data = tempData();
    const file = path.join(data, 'keys.txt');
    writeFileSync(file, '# render keys\nsk_from_file\n\n  sk_second  \n');
    const s = await startService({ data, env: { STORESHOTS_API_KEYS: undefined }, args: ['--keys', file] });
    try {
      expect((await api(s.url, 'GET', '/v1/renders', undefined, { key: 'sk_from_file' })).status).toBe(200);
      expect((await api(s.url, 'GET', '/v1/renders', undefined, { key: 'sk_second' })).status).toBe(200);
      expect((await api(s.url, 'GET', '/v1/renders', undefined, { key: '# render keys' })).status).toBe(401);
      expect((await api(s.url, 'GET', '/v1/renders', undefined, { key: KEY })).status).toBe(401);
    } finally {
      expect(await s.stop()).toBe(0);
      cleanup(data);
    }
  });

  it('refuses a second server on the same --data', async () => {
    const s = await startService();
    try {
      const second = spawnSync(
        process.execPath,
        [path.join(ROOT, 'bin/storeshots.js'), 'serve', '--port', '0', '--data', s.data],
        { env: process.env, encoding: 'utf8', timeout: 60_000 },
      );
      expect(second.status).toBe(2);
      expect(second.stderr).toMatch(/another storeshots serve \(pid \d+\) uses --data/);
    } finally {
      await s.stop();
      cleanup(s.data);
    }
  });

  it('refuses to serve beyond loopback without API keys, and rejects bad numbers', () => {
    const data = tempData();
    const env = { ...process.env, STORESHOTS_API_KEYS: '' };
    const open = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/storeshots.js'), 'serve', '--host', '0.0.0.0', '--port', '0', '--data', data],
      { env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(open.status).toBe(2);
    expect(open.stderr).toMatch(/without API keys/);
    const bad = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/storeshots.js'), 'serve', '--port', '0', '--data', data],
      { env: { ...env, STORESHOTS_API_KEYS: 'k', STORESHOTS_RATE_LIMIT: 'lots' }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Expected an integer >= 0 for STORESHOTS_RATE_LIMIT but received "lots"/);
    cleanup(data);
  });
});
