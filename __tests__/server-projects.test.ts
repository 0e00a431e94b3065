// Projects (docs/render-api.md#projects) against the real `storeshots serve` on loopback: CRUD with the
// renders' pagination, screenshots uploaded to a project and referenced by cards, a render of every
// card through the render core (signed links that work without a key), the key's ownership, quotas
// and every hostile canvas state answered with a 4xx naming the field, never a 500. A restart keeps
// projects and their uploads.
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngSize } from '../src/util/png.js';
import {
  api,
  cleanup,
  KEY,
  OTHER_KEY,
  SCREEN_JPG,
  SCREEN_PNG,
  startService,
  tempData,
  type ServerHandle,
} from './helpers/server.js';

/** A multipart body of file parts. */
function files(...parts: Array<[field: string, name: string, bytes: Buffer]>): FormData {
  const form = new FormData();
  for (const [field, name, bytes] of parts) form.append(field, new Blob([new Uint8Array(bytes)]), name);
  return form;
}

const upload = (base: string, id: string, form: FormData, key = KEY) =>
  api(base, 'POST', `/v1/projects/${id}/screenshots`, undefined, { raw: form, key });

/** A loopback image host (the service reaches it through STORESHOTS_ALLOW_HOSTS). */
async function imageHost(): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/shots/home.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(SCREEN_JPG);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, close: () => new Promise((r) => server.close(() => r())) };
}

describe('projects', () => {
  let s: ServerHandle;
  let host: Awaited<ReturnType<typeof imageHost>>;
  beforeAll(async () => {
    host = await imageHost();
    s = await startService({
      env: {
        STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${host.port}`,
        STORESHOTS_MAX_SCREENSHOT_BYTES: String(64 * 1024),
        STORESHOTS_MAX_PROJECTS: '4',
        STORESHOTS_MAX_PROJECT_BYTES: String(12 * 1024),
        STORESHOTS_MONTHLY_QUOTA: '5',
      },
    });
  });
  afterAll(async () => {
    await s?.stop();
    if (s) cleanup(s.data);
    await host?.close();
  });

  it('creates, uploads, patches, renders every card through the render core, lists and deletes', async () => {
    const created = await api(s.url, 'POST', '/v1/projects', { name: 'Habits', preset: 'play.phone' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      object: 'project',
      name: 'Habits',
      preset: 'play.phone',
      canvas_state: { cards: [] },
      screenshots: [],
      credits_remaining: 5,
    });

    const up = await upload(s.url, id, files(['file', 'home.png', SCREEN_PNG]));
    expect(up.status).toBe(201);
    expect(up.body.data).toHaveLength(1);
    expect(up.body.data[0]).toMatchObject({ name: 'home.png', width: 390, height: 844, format: 'png' });
    const uploadId = up.body.data[0].id as string;

    const patched = await api(s.url, 'PATCH', `/v1/projects/${id}`, {
      name: 'Habits 2',
      canvas_state: {
        theme: 'midnight',
        cards: [
          { id: 'home', headline: 'Every habit in **view**', screenshot: { upload: uploadId } },
          { headline: 'From the web', screenshot: { url: `${host.url}/shots/home.jpg` } },
        ],
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe('Habits 2');
    expect(patched.body.canvas_state.cards).toHaveLength(2);

    const r = await api(s.url, 'POST', `/v1/projects/${id}/render`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('succeeded');
    expect(r.body.metadata).toEqual({ project: id });
    expect(r.body.images.map((i: any) => [i.card_index, i.slide, i.width, i.height])).toEqual([
      [0, 'home', 1080, 1920],
      [1, 'card-2', 1080, 1920],
    ]);
    // Two images of the quota of 5 are spent.
    expect(r.body.credits_remaining).toBe(3);
    for (const image of r.body.images) {
      const got = await fetch(image.download_url);
      expect(got.status).toBe(200);
      expect(pngSize(Buffer.from(await got.arrayBuffer()))).toEqual({ width: 1080, height: 1920 });
    }
    // The render is an ordinary render of this key.
    const same = await api(s.url, 'GET', `/v1/renders/${r.body.id}`);
    expect(same.body.images).toHaveLength(2);

    // async: 202 at once, the render polls like any other.
    const queued = await api(s.url, 'POST', `/v1/projects/${id}/render`, { async: true });
    expect(queued.status).toBe(202);
    expect(queued.body.total_steps).toBe(2);

    // An upload a card uses cannot be deleted.
    const inUse = await api(s.url, 'DELETE', `/v1/projects/${id}/screenshots/${uploadId}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.param).toBe('canvas_state.cards[0].screenshot.upload');

    const del = await api(s.url, 'DELETE', `/v1/projects/${id}`);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ id, deleted: true });
    expect((await api(s.url, 'GET', `/v1/projects/${id}`)).status).toBe(404);
    expect(existsSync(path.join(s.data, 'projects', id))).toBe(false);
  });

  it('lists with the renders pagination, newest first, this key only', async () => {
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) ids.push((await api(s.url, 'POST', '/v1/projects', { name })).body.id);
    const first = await api(s.url, 'GET', '/v1/projects?limit=2');
    expect(first.body.object).toBe('list');
    expect(first.body.data.map((p: any) => p.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.has_more).toBe(true);
    const next = await api(s.url, 'GET', `/v1/projects?limit=2&starting_after=${ids[1]}`);
    expect(next.body.data.map((p: any) => p.id)).toEqual([ids[0]]);
    expect(next.body.has_more).toBe(false);
    expect((await api(s.url, 'GET', '/v1/projects', undefined, { key: OTHER_KEY })).body.data).toEqual([]);
    const foreignCursor = await api(s.url, 'GET', `/v1/projects?starting_after=${ids[0]}`, undefined, {
      key: OTHER_KEY,
    });
    expect(foreignCursor.status).toBe(400);
    expect(foreignCursor.body.error.param).toBe('starting_after');

    // A fifth project is over STORESHOTS_MAX_PROJECTS (4: these three and one below).
    const fourth = await api(s.url, 'POST', '/v1/projects', { name: 'd' });
    expect(fourth.status).toBe(201);
    const fifth = await api(s.url, 'POST', '/v1/projects', { name: 'e' });
    expect(fifth.status).toBe(402);
    expect(fifth.body.error.code).toBe('project_quota_exceeded');
    // The other key has its own count.
    expect((await api(s.url, 'POST', '/v1/projects', { name: 'x' }, { key: OTHER_KEY })).status).toBe(201);
    for (const id of [...ids, fourth.body.id]) await api(s.url, 'DELETE', `/v1/projects/${id}`);
  });

  it("answers another key's project as one that does not exist, on every route", async () => {
    const id = (await api(s.url, 'POST', '/v1/projects', { name: 'mine' })).body.id as string;
    for (const [method, url, body] of [
      ['GET', `/v1/projects/${id}`, undefined],
      ['PATCH', `/v1/projects/${id}`, { name: 'stolen' }],
      ['POST', `/v1/projects/${id}/render`, undefined],
      ['DELETE', `/v1/projects/${id}`, undefined],
    ] as const) {
      const r = await api(s.url, method, url, body, { key: OTHER_KEY });
      expect(r.status, `${method} ${url}`).toBe(404);
      expect(r.body.error).toEqual({ code: 'project_not_found', message: `No project ${id}`, param: 'id' });
    }
    const up = await upload(s.url, id, files(['file', 'a.png', SCREEN_PNG]), OTHER_KEY);
    expect(up.status).toBe(404);
    expect((await api(s.url, 'GET', `/v1/projects/${id}`)).body.name).toBe('mine');
    await api(s.url, 'DELETE', `/v1/projects/${id}`);
  });

  it('refuses hostile canvas states and fields with a 400 naming the field path', async () => {
    const id = (await api(s.url, 'POST', '/v1/projects', { name: 'hostile' })).body.id as string;
    const cases: Array<[body: unknown, status: number, param: string | undefined, message: RegExp]> = [
      [{ canvas_state: 'cards' }, 400, 'canvas_state', /JSON object/],
      [{ canvas_state: {} }, 400, 'canvas_state.cards', /Missing canvas_state\.cards/],
      [{ canvas_state: { cards: {} } }, 400, 'canvas_state.cards', /array/],
      [{ canvas_state: { cards: [{ headline: 3 }] } }, 400, 'canvas_state.cards[0].headline', /received number 3/],
      [{ canvas_state: { cards: [{ title: 'x' }] } }, 400, 'canvas_state.cards[0].title', /Unknown field/],
      [
        { canvas_state: { cards: [{}, { screenshot: { upload: 'upl_nope' } }] } },
        400,
        'canvas_state.cards[1].screenshot.upload',
        /No screenshot upl_nope/,
      ],
      [
        { canvas_state: { cards: [{ screenshot: { upload: 'a', url: 'b' } }] } },
        400,
        'canvas_state.cards[0].screenshot',
        /exactly one/,
      ],
      [{ canvas_state: { cards: [], theme: 'neon' } }, 400, 'canvas_state.theme', /Unknown theme "neon"/],
      [
        { canvas_state: { cards: [{ style: { background: { image: '/etc/passwd' } } }] } },
        400,
        'canvas_state.cards[0].style.background.image',
        /names a file on the server/,
      ],
      [
        { canvas_state: { cards: [{ id: 'a' }, { id: 'a' }] } },
        400,
        'canvas_state.cards[1].id',
        /Duplicate slide id "a"/,
      ],
      [{ canvas_state: { cards: Array.from({ length: 11 }, () => ({})) } }, 400, 'canvas_state.cards', /at most 10/],
      [{ preset: 'appstore.iphone_7' }, 400, 'preset', /Unknown preset/],
      [{ name: '' }, 400, 'name', /1 to 200/],
      [{ owner: 'x' }, 400, 'owner', /Unknown field/],
      [[1, 2], 400, undefined, /JSON object/],
    ];
    for (const [body, status, param, message] of cases) {
      const r = await api(s.url, 'PATCH', `/v1/projects/${id}`, body);
      const label = JSON.stringify(body).slice(0, 120);
      expect(r.status, label).toBe(status);
      expect(r.body.error.param, label).toBe(param);
      expect(r.body.error.message, label).toMatch(message);
    }
    // Nothing was saved by the refused patches.
    const kept = await api(s.url, 'GET', `/v1/projects/${id}`);
    expect(kept.body).toMatchObject({ name: 'hostile', canvas_state: { cards: [] } });
    // Rendering a project without cards says what to do.
    const empty = await api(s.url, 'POST', `/v1/projects/${id}/render`);
    expect(empty.status).toBe(400);
    expect(empty.body.error.param).toBe('canvas_state.cards');
    await api(s.url, 'DELETE', `/v1/projects/${id}`);
  });

  it('refuses oversize, non-image and over-quota uploads, and a render over the monthly quota', async () => {
    const id = (await api(s.url, 'POST', '/v1/projects', { name: 'uploads' })).body.id as string;
    const big = Buffer.concat([SCREEN_PNG, Buffer.alloc(70 * 1024)]);
    const tooBig = await upload(s.url, id, files(['file', 'big.png', big]));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('payload_too_large');
    const notImage = await upload(s.url, id, files(['shot', 'notes.png', Buffer.from('not an image')]));
    expect(notImage.status).toBe(400);
    expect(notImage.body.error).toMatchObject({ code: 'unsupported_image', param: 'shot' });
    const json = await api(s.url, 'POST', `/v1/projects/${id}/screenshots`, { file: 'x' });
    expect(json.status).toBe(415);
    // 3112 + 6601 bytes fit in 12 KiB; another 6601 do not.
    expect((await upload(s.url, id, files(['a', 'a.png', SCREEN_PNG], ['b', 'b.jpg', SCREEN_JPG]))).status).toBe(201);
    const over = await upload(s.url, id, files(['c', 'c.jpg', SCREEN_JPG]));
    expect(over.status).toBe(402);
    expect(over.body.error.code).toBe('storage_quota_exceeded');

    // 1 of the monthly 5 images is left: the first test rendered 2, and its async render 2 more (spent or in flight).
    await api(s.url, 'PATCH', `/v1/projects/${id}`, {
      canvas_state: { cards: [{ headline: '1' }, { headline: '2' }, { headline: '3' }, { headline: '4' }] },
    });
    const r = await api(s.url, 'POST', `/v1/projects/${id}/render`);
    expect(r.status).toBe(402);
    expect(r.body.error.code).toBe('quota_exceeded');
    await api(s.url, 'DELETE', `/v1/projects/${id}`);
  });
});

describe('projects across a restart', () => {
  it('keeps a project, its canvas state and its uploads', async () => {
    const data = tempData();
    try {
      let s = await startService({ data });
      const id = (await api(s.url, 'POST', '/v1/projects', { name: 'durable' })).body.id as string;
      const up = (await upload(s.url, id, files(['file', 'home.png', SCREEN_PNG]))).body.data[0].id as string;
      await api(s.url, 'PATCH', `/v1/projects/${id}`, {
        canvas_state: { cards: [{ headline: 'Kept', screenshot: { upload: up } }] },
      });
      await s.kill9();
      s = await startService({ data });
      const again = await api(s.url, 'GET', `/v1/projects/${id}`);
      expect(again.body.canvas_state.cards[0]).toEqual({ headline: 'Kept', screenshot: { upload: up } });
      const r = await api(s.url, 'POST', `/v1/projects/${id}/render`);
      expect(r.status).toBe(200);
      expect(r.body.images[0]).toMatchObject({ card_index: 0, width: 1320, height: 2868 });
      await s.stop();
    } finally {
      cleanup(data);
    }
  });
});
