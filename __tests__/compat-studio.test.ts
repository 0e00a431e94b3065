// App Screenshot Studio's builder API (https://appscreenshotstudio.com/docs/api) against the real
// `storeshots serve`: its documented requests sent literally (base URL swapped), answered with its
// envelope, its error shape and codes, rate-limit headers and credits_remaining in every answer; the
// render's PNG links open without a key. docs/render-api.md#app-screenshot-studio says what differs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngSize } from '../src/util/png.js';
import { cleanup, KEY, OTHER_KEY, SCREEN_PNG, startService, type ServerHandle } from './helpers/server.js';

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** Studio's documented way to call it: `Authorization: Bearer sk_live_…` and a JSON body. */
async function studio(base: string, method: string, path: string, body?: unknown, key = KEY): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

function expectError(r: Answer, status: number, code: string): void {
  expect(r.status).toBe(status);
  expect(r.body).toMatchObject({ success: false, code });
  expect(typeof r.body.error).toBe('string');
}

describe('App Screenshot Studio compatibility', () => {
  let s: ServerHandle;
  let shots: http.Server;
  let shotsUrl: string;
  beforeAll(async () => {
    shots = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(SCREEN_PNG));
    await new Promise<void>((r) => shots.listen(0, '127.0.0.1', r));
    const { port } = shots.address() as AddressInfo;
    shotsUrl = `http://127.0.0.1:${port}/home.png`;
    s = await startService({
      env: {
        STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${port}`,
        STORESHOTS_MONTHLY_QUOTA: '3',
        STORESHOTS_RATE_LIMIT: '1000',
      },
    });
  });
  afterAll(async () => {
    await s?.stop();
    if (s) cleanup(s.data);
    await new Promise((r) => shots?.close(r));
  });

  it('runs the documented flow: create, list, get, update, render all cards, delete', async () => {
    // POST /projects, the documented body.
    const created = await studio(s.url, 'POST', '/projects', {
      device_id: 'iphone-6.9', // or "android-phone"
      name: 'My App Screenshots', // optional
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      success: true,
      data: { name: 'My App Screenshots', device_id: 'iphone-6.9', canvas_state: { cards: [] } },
      credits_remaining: 3,
    });
    const id = created.body.data.id as string;
    // Rate-limit headers on every answer.
    expect(Number(created.headers.get('x-ratelimit-limit'))).toBe(1000);
    expect(Number(created.headers.get('x-ratelimit-remaining'))).toBeLessThan(1000);
    expect(Number(created.headers.get('x-ratelimit-reset'))).toBeGreaterThan(1_700_000_000);

    const list = await studio(s.url, 'GET', '/projects');
    expect(list.body).toMatchObject({ success: true, credits_remaining: 3 });
    expect(list.body.data.map((p: any) => p.id)).toEqual([id]);

    const got = await studio(s.url, 'GET', `/projects/${id}`);
    expect(got.body).toMatchObject({ success: true, data: { id, canvas_state: { cards: [] } }, credits_remaining: 3 });

    // PATCH /projects/:id with the documented fields.
    const updated = await studio(s.url, 'PATCH', `/projects/${id}`, {
      name: 'Updated Name', // optional
      device_id: 'android-phone', // optional
      canvas_state: {
        cards: [{ headline: 'Track every **habit**', screenshot: { url: shotsUrl } }, { headline: 'Plan your week' }],
      }, // optional
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ name: 'Updated Name', device_id: 'android-phone' });

    // POST /projects/:id/render, no body needed.
    const rendered = await studio(s.url, 'POST', `/projects/${id}/render`);
    expect(rendered.status).toBe(200);
    expect(rendered.body.success).toBe(true);
    expect(rendered.body.credits_remaining).toBe(1);
    const images = rendered.body.data.images as Array<{
      card_index: number;
      url: string;
      width: number;
      height: number;
    }>;
    expect(images.map((i) => [i.card_index, i.width, i.height])).toEqual([
      [0, 1080, 1920],
      [1, 1080, 1920],
    ]);
    for (const image of images) {
      const res = await fetch(image.url); // a plain link, no key
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(pngSize(Buffer.from(await res.arrayBuffer()))).toEqual({ width: image.width, height: image.height });
    }

    const deleted = await studio(s.url, 'DELETE', `/projects/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ success: true });
    expectError(await studio(s.url, 'GET', `/projects/${id}`), 404, 'NOT_FOUND');
  });

  it('keeps codebase_context in the canvas state, as the documented create does', async () => {
    const r = await studio(s.url, 'POST', '/projects', {
      device_id: 'iphone-6.9',
      name: 'My App Screenshots',
      codebase_context: {
        readme_summary: 'A habit tracking app...',
        key_screens: ['Dashboard', 'Settings', 'Profile'],
        color_tokens: { primary: '#7C3AED' },
        target_audience: 'busy professionals',
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.data.canvas_state).toEqual({
      cards: [],
      codebaseContext: {
        readme_summary: 'A habit tracking app...',
        key_screens: ['Dashboard', 'Settings', 'Profile'],
        color_tokens: { primary: '#7C3AED' },
        target_audience: 'busy professionals',
      },
    });
    await studio(s.url, 'DELETE', `/projects/${r.body.data.id}`);
  });

  it('answers errors as {success: false, error, code} with the documented codes', async () => {
    expectError(await studio(s.url, 'GET', '/projects', undefined, ''), 401, 'UNAUTHORIZED');
    expectError(await studio(s.url, 'GET', '/projects', undefined, 'sk_live_wrong'), 401, 'UNAUTHORIZED');
    expectError(await studio(s.url, 'GET', '/projects/prj_nope'), 404, 'NOT_FOUND');

    const id = (await studio(s.url, 'POST', '/projects', { device_id: 'iphone-6.9' })).body.data.id as string;
    // Another key's project is not found.
    expectError(await studio(s.url, 'GET', `/projects/${id}`, undefined, OTHER_KEY), 404, 'NOT_FOUND');

    const bad = await studio(s.url, 'PATCH', `/projects/${id}`, { canvas_state: { cards: [{ headline: 42 }] } });
    expectError(bad, 400, 'VALIDATION_ERROR');
    expect(bad.body.field).toBe('canvas_state.cards[0].headline');
    expect(bad.body.credits_remaining).toBe(1);
    const device = await studio(s.url, 'POST', '/projects', { device_id: 'nokia-3310' });
    expectError(device, 400, 'VALIDATION_ERROR');
    expect(device.body.field).toBe('device_id');
    expectError(await studio(s.url, 'POST', '/projects', { name: 'no device' }), 400, 'VALIDATION_ERROR');

    // Two cards, one credit left: NO_CREDITS, and nothing rendered.
    await studio(s.url, 'PATCH', `/projects/${id}`, {
      canvas_state: { cards: [{ headline: 'a' }, { headline: 'b' }] },
    });
    const broke = await studio(s.url, 'POST', `/projects/${id}/render`);
    expectError(broke, 402, 'NO_CREDITS');
    expect(broke.body.credits_remaining).toBe(1);

    // Chat is out of scope: a clear 501 in the same shape.
    const chat = await studio(s.url, 'POST', `/projects/${id}/chat`, {
      message: 'Create 5 App Store screenshots for a fitness app called FitPro',
    });
    expectError(chat, 501, 'NOT_IMPLEMENTED');
    expect(chat.body.error).toMatch(/PATCH \/projects\/:id canvas_state/);

    expectError(await studio(s.url, 'GET', '/nothing-here'), 404, 'NOT_FOUND');
    await studio(s.url, 'DELETE', `/projects/${id}`);
  });
});

describe('App Screenshot Studio rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After once the key is over its rate', async () => {
    const s = await startService({ env: { STORESHOTS_RATE_LIMIT: '2', STORESHOTS_RATE_WINDOW_SECONDS: '100000' } });
    try {
      expect((await studio(s.url, 'GET', '/projects')).status).toBe(200);
      const second = await studio(s.url, 'GET', '/projects');
      expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
      const third = await studio(s.url, 'GET', '/projects');
      expectError(third, 429, 'RATE_LIMITED');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(third.headers.get('x-ratelimit-remaining')).toBe('0');
    } finally {
      await s.stop();
      cleanup(s.data);
    }
  });
});
