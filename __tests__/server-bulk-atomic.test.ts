// Bulk requests are all or nothing (src/server/hold.ts), end to end on the real `storeshots serve` (built
// bin), Debian's Chromium and pages from a loopback static server. allscreenshots' POST
// /v1/screenshots/bulk whose third page fails after the first two were captured: while the third
// capture is held open, the queue renders another key's job (FIFO: the bulk's jobs, had they been
// queued, would have gone first) and the first two are not rendered, listed, readable or counted,
// though their captures are already stored; once the third fails, the answer names urls[2] and nothing
// of the bulk is left (rows, files), nothing was rendered, no webhook sent, usage as before. A process
// killed in the middle of a bulk (allscreenshots', the web screenshot API's {jobs} and our {renders} on
// POST /v1/bulk) leaves held jobs that the next start deletes: none is ever rendered.
import { readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, b64, cleanup, OTHER_KEY, pollUntilEnded, SCREEN_PNG, startService, tempData } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const BROWSER = '/usr/bin/chromium';

const page = (color: string) =>
  `<!doctype html><html><body style="margin:0;background:${color}"><p>page</p></body></html>`;
const TALL =
  '<!doctype html><html><body style="margin:0"><div style="height:20000px;background:#888"></div></body></html>';

/** The loopback site: /a and /b answer at once; /slow waits until the test lets it go (then a page too tall), /never never answers. */
let site: http.Server;
let siteUrl = '';
let sitePort = 0;
const hits: string[] = [];
let letSlowGo: (() => void) | undefined;
const slowArrived: Array<() => void> = [];
/** The webhook receiver: every delivery it gets. */
let hook: http.Server;
let hookPort = 0;
const delivered: string[] = [];

beforeAll(async () => {
  site = http.createServer((req, res) => {
    hits.push(req.url!);
    if (req.url === '/a') res.writeHead(200, { 'content-type': 'text/html' }).end(page('#3366cc'));
    else if (req.url === '/b') res.writeHead(200, { 'content-type': 'text/html' }).end(page('#22aa44'));
    else if (req.url === '/shot.png') res.writeHead(200, { 'content-type': 'image/png' }).end(SCREEN_PNG);
    else if (req.url === '/slow') {
      letSlowGo = () => res.writeHead(200, { 'content-type': 'text/html' }).end(TALL);
      for (const f of slowArrived.splice(0)) f();
    } else if (req.url === '/never' || req.url === '/never.png') for (const f of slowArrived.splice(0)) f();
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  sitePort = (site.address() as AddressInfo).port;
  siteUrl = `http://127.0.0.1:${sitePort}`;
  hook = http.createServer((req, res) => {
    delivered.push(req.url!);
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookPort = (hook.address() as AddressInfo).port;
});

afterAll(async () => {
  site.closeAllConnections();
  hook.closeAllConnections();
  await Promise.all([new Promise((r) => site.close(r)), new Promise((r) => hook.close(r))]);
});

const env = () => ({
  STORESHOTS_BROWSER: BROWSER,
  STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${sitePort},127.0.0.1:${hookPort}`,
  STORESHOTS_CAPTURE_TIMEOUT_MS: '120000',
  STORESHOTS_MONTHLY_QUOTA: '1000',
});

/** Resolves once the site has been asked for /slow or /never (the capture of that URL is under way). */
const slowRequested = () => new Promise<void>((r) => slowArrived.push(r));

/** Waits for the slow URL to be asked for; a request answered before that fails the test with its answer. */
async function untilSlow(arrived: Promise<void>, pending: Promise<{ status: number; body: unknown }>) {
  await Promise.race([
    arrived,
    pending.then((r) => {
      throw new Error(`answered before its third URL was asked for: ${r.status} ${JSON.stringify(r.body)}`);
    }),
  ]);
}

/** The job folders under --data (renders/<id>): a job's files are stored as it is made. */
const jobDirs = (data: string) => {
  try {
    return readdirSync(path.join(data, 'renders')).sort();
  } catch {
    return [];
  }
};

/** Every row of the renders table, read from the SQLite file (read-only, beside the service). */
function rows(data: string): Array<{ id: string; status: string }> {
  const db = new DatabaseSync(path.join(data, 'storeshots.db'), { readOnly: true });
  try {
    return db.prepare('SELECT id, status FROM renders ORDER BY seq').all() as Array<{ id: string; status: string }>;
  } finally {
    db.close();
  }
}

/** Another key's render of our own API (no capture): queued after whatever is queued now. */
const otherRender = (base: string) =>
  api(
    base,
    'POST',
    '/v1/renders',
    {
      async: true,
      canvas: { preset: 'appstore.iphone_6_9' },
      slides: [{ headline: 'After the bulk', screenshot: { data: b64(SCREEN_PNG) } }],
    },
    { key: OTHER_KEY },
  );

describe('allscreenshots POST /v1/screenshots/bulk is all or nothing', () => {
  it('a bulk whose third page fails after two were captured: none of its jobs is ever rendered, listed, read or counted', async () => {
    const data = tempData();
    const svc = await startService({ data, env: env() });
    try {
      const usage = async () => (await api(svc.url, 'GET', '/v1/usage')).body;
      const jobs = async () => (await api(svc.url, 'GET', '/v1/screenshots/jobs')).body as Array<{ id: string }>;
      const bulks = async () => (await api(svc.url, 'GET', '/v1/screenshots/bulk')).body as unknown[];
      const before = { usage: await usage(), jobs: await jobs(), bulks: await bulks(), dirs: jobDirs(data) };
      expect(before.jobs).toEqual([]);

      const arrived = slowRequested();
      const pending = api(svc.url, 'POST', '/v1/screenshots/bulk', {
        urls: [
          { url: `${siteUrl}/a` },
          { url: `${siteUrl}/b` },
          { url: `${siteUrl}/slow`, options: { fullPage: true } },
        ],
        webhookUrl: `http://127.0.0.1:${hookPort}/bulk`,
        webhookSecret: 'bulk-secret',
      });
      await untilSlow(arrived, pending);
      // The first two pages are captured and their jobs stored (files and rows).
      expect(hits.filter((h) => h === '/a' || h === '/b')).toEqual(['/a', '/b']);
      const held = jobDirs(data);
      expect(held).toHaveLength(2);

      // The queue runs meanwhile: another key's render, queued after them, is rendered; they are not.
      const other = await otherRender(svc.url);
      expect(other.status, JSON.stringify(other.body)).toBe(202);
      expect((await pollUntilEnded(svc.url, other.body.id, OTHER_KEY)).status).toBe('succeeded');
      // Not listed, not readable by their ids, not cancelable: to the client they do not exist yet.
      expect(await jobs()).toEqual([]);
      expect(await bulks()).toEqual(before.bulks);
      for (const id of held) {
        expect((await api(svc.url, 'GET', `/v1/screenshots/jobs/${id}`)).status).toBe(404);
        expect((await api(svc.url, 'GET', `/v1/renders/${id}`)).status).toBe(404);
        expect((await api(svc.url, 'POST', `/v1/screenshots/jobs/${id}/cancel`)).status).toBe(404);
      }
      expect((await usage()).totals).toEqual(before.usage.totals);
      expect(delivered).toEqual([]);
      // In the store they are held (the queue passed them over), not queued nor rendered.
      expect(
        rows(data)
          .filter((r) => held.includes(r.id))
          .map((r) => r.status),
      ).toEqual(['held', 'held']);

      // The third page loads, too tall: the bulk fails naming it, and nothing of it is left.
      letSlowGo!();
      const failed = await pending;
      expect(failed.status, JSON.stringify(failed.body)).toBe(400);
      expect(failed.body.error).toMatchObject({ code: 'capture_too_large', param: 'urls[2]' });
      expect(failed.body.error.message).toContain('urls[2]');
      expect(jobDirs(data)).toEqual([...before.dirs, other.body.id].sort());
      expect(rows(data).map((r) => r.id)).toEqual([other.body.id]);
      expect(await jobs()).toEqual([]);
      expect(await bulks()).toEqual(before.bulks);
      expect(await usage()).toEqual(before.usage);

      // Later work runs: still nothing of the bulk is rendered, and no webhook of it was ever sent.
      const later = await otherRender(svc.url);
      expect((await pollUntilEnded(svc.url, later.body.id, OTHER_KEY)).status).toBe('succeeded');
      expect(delivered).toEqual([]);
      expect(await usage()).toEqual(before.usage);
    } finally {
      await svc.stop();
      cleanup(data);
    }
  }, 240_000);
});

describe('a process killed in the middle of a bulk', () => {
  it.each([
    [
      'allscreenshots POST /v1/screenshots/bulk',
      '/v1/screenshots/bulk',
      () => ({ urls: [{ url: `${siteUrl}/a` }, { url: `${siteUrl}/b` }, { url: `${siteUrl}/never` }] }),
    ],
    [
      "the web screenshot API's POST /v1/bulk",
      '/v1/bulk',
      () => ({ jobs: ['a', 'b', 'never'].map((p) => ({ type: 'screenshot', url: `${siteUrl}/${p}` })) }),
    ],
    [
      'our POST /v1/bulk',
      '/v1/bulk',
      () => ({
        renders: ['shot.png', 'shot.png', 'never.png'].map((f) => ({
          async: true,
          canvas: { preset: 'appstore.iphone_6_9' },
          slides: [{ headline: 'Held', screenshot: { url: `${siteUrl}/${f}` } }],
          webhook_url: `http://127.0.0.1:${hookPort}/ours`,
          webhook_secret: 'held-secret',
        })),
      }),
    ],
  ])(
    '%s: the held jobs are deleted at the next start, never rendered',
    async (_name, route, body) => {
      const data = tempData();
      let svc = await startService({ data, env: env() });
      try {
        const arrived = slowRequested();
        const pending = api(svc.url, 'POST', route, body());
        pending.catch(() => undefined);
        await untilSlow(arrived, pending);
        await waitFor(async () => (rows(data).length === 2 ? true : undefined), {
          timeoutMs: 30_000,
          intervalMs: 50,
          what: 'two held jobs',
        });
        expect(jobDirs(data)).toHaveLength(2);
        await svc.kill9();

        svc = await startService({ data, env: env() });
        expect(rows(data)).toEqual([]);
        expect(jobDirs(data)).toEqual([]);
        expect((await api(svc.url, 'GET', '/v1/renders')).body.data).toEqual([]);
        expect((await api(svc.url, 'GET', '/v1/screenshots/jobs')).body).toEqual([]);
        const later = await otherRender(svc.url);
        expect((await pollUntilEnded(svc.url, later.body.id, OTHER_KEY)).status).toBe('succeeded');
        expect(delivered).toEqual([]);
      } finally {
        await svc.stop();
        cleanup(data);
      }
    },
    240_000,
  );
});
