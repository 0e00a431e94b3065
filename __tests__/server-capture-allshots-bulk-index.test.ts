// allscreenshots' bulk status and list (GET /v1/screenshots/bulk/{id}, GET /v1/screenshots/bulk) on the
// real `storeshots serve` (built bin, Debian's Chromium, pages from a loopback static server), once on
// SQLite and once on PostgreSQL: with other jobs of the same key made before, between and after two
// bulks, a render of our own API whose metadata claims to be one of a bulk's jobs, and another key's
// bulk, a bulk's status lists exactly its own jobs (found by their bulk_id column, not by reading the
// key's jobs) and the list is exactly the key's bulks, newest first. Every answer is validated against
// /v1/openapi.json. (storage-bulk-index.test.ts checks the queries on the index with hundreds of jobs.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listener } from './helpers/listen.js';
import { expectFits } from './helpers/openapi.js';
import { describePg, postgresAvailable, usePostgres } from './helpers/postgres.js';
import { api, b64, OTHER_KEY, SCREEN_PNG, startService } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const BROWSER = '/usr/bin/chromium';
const ENDED = ['COMPLETED', 'FAILED', 'CANCELLED'];

let origin: Listener;
beforeAll(async () => {
  origin = await listen((req, res) => {
    const color = { '/a': '#3366cc', '/b': '#22aa44', '/c': '#cc3333' }[req.url ?? ''];
    if (color)
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><html><body style="margin:0;background:${color}"></body></html>`);
    else res.writeHead(404).end();
  });
});
afterAll(() => origin?.close());

const pg = postgresAvailable() ? usePostgres() : undefined;

for (const store of ['sqlite', 'postgres'] as const)
  (store === 'postgres' ? describePg : describe)(`allscreenshots bulks by index: ${store}`, () => {
    it("a bulk lists exactly its jobs, and the list exactly the key's bulks, among other jobs of the key", async () => {
      const svc = await startService({
        env: {
          STORESHOTS_BROWSER: BROWSER,
          STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${origin.port}`,
          STORESHOTS_CAPTURE_TIMEOUT_MS: '60000',
          ...(store === 'postgres' ? { STORESHOTS_DATABASE_URL: pg!.url() } : {}),
        },
      });
      const doc = (await api(svc.url, 'GET', '/v1/openapi.json', undefined, { key: null })).body;
      const viewport = { width: 160, height: 120 };
      const single = async (page: string, key?: string) => {
        const r = await api(
          svc.url,
          'POST',
          '/v1/screenshots/async',
          { url: `${origin.url}${page}`, viewport },
          { key },
        );
        expect(r.status, JSON.stringify(r.body)).toBe(202);
        return r.body.id as string;
      };
      const bulk = async (pages: string[], key?: string) => {
        const r = await api(
          svc.url,
          'POST',
          '/v1/screenshots/bulk',
          { urls: pages.map((p) => ({ url: `${origin.url}${p}` })), defaults: { viewport } },
          { key },
        );
        expect(r.status, JSON.stringify(r.body)).toBe(202);
        expectFits(doc, '/v1/screenshots/bulk', 'post', 202, r.body);
        return r.body as { id: string; jobs: Array<{ id: string; url: string }> };
      };

      const others = [await single('/a')];
      const first = await bulk(['/a', '/b', '/c']);
      others.push(await single('/b'), await single('/c'));
      const second = await bulk(['/c', '/a']);
      const theirs = await bulk(['/b'], OTHER_KEY);
      others.push(await single('/a'));
      // A render of our own API whose metadata claims to be the first bulk's fourth job: not one of its jobs.
      const forged = await api(svc.url, 'POST', '/v1/renders', {
        async: true,
        canvas: { width: 160, height: 120, device: 'none' },
        style: { layout: 'full-bleed', padding: 0, device: { frame: 'none', shadow: false, fit: 'crop' } },
        slides: [{ id: 'x', screenshot: { data: b64(SCREEN_PNG) } }],
        metadata: { compat: 'allscreenshots', url: `${origin.url}/a`, bulk: { id: first.id, index: 3, total: 4 } },
      });
      expect(forged.status, JSON.stringify(forged.body)).toBe(202);

      const ended = async (id: string) =>
        waitFor(
          async () => {
            const j = await api(svc.url, 'GET', `/v1/screenshots/bulk/${id}`);
            expect(j.status, JSON.stringify(j.body)).toBe(200);
            expectFits(doc, '/v1/screenshots/bulk/{id}', 'get', 200, j.body);
            return ENDED.includes(j.body.status) ? j.body : undefined;
          },
          { timeoutMs: 240_000, intervalMs: 100, what: `bulk ${id}` },
        );
      for (const b of [first, second]) {
        const done = await ended(b.id);
        expect(done).toMatchObject({ id: b.id, status: 'COMPLETED', totalJobs: b.jobs.length, progress: 100 });
        // Exactly its jobs, in URL order: none of the key's other jobs, not the forged render.
        expect(done.jobs.map((j: { id: string }) => j.id)).toEqual(b.jobs.map((j) => j.id));
        expect(done.jobs.map((j: { url: string }) => j.url)).toEqual(b.jobs.map((j) => j.url));
      }
      for (const id of [...others, forged.body.id, ...theirs.jobs.map((j) => j.id)])
        expect([...first.jobs, ...second.jobs].map((j) => j.id)).not.toContain(id);

      const list = await api(svc.url, 'GET', '/v1/screenshots/bulk');
      expect(list.status).toBe(200);
      expectFits(doc, '/v1/screenshots/bulk', 'get', 200, list.body);
      expect(list.body.map((s: { id: string; totalJobs: number }) => [s.id, s.totalJobs])).toEqual([
        [second.id, 2],
        [first.id, 3],
      ]);
      const newest = await api(svc.url, 'GET', '/v1/screenshots/bulk?limit=1');
      expect(newest.body.map((s: { id: string }) => s.id)).toEqual([second.id]);
      const other = await api(svc.url, 'GET', '/v1/screenshots/bulk', undefined, { key: OTHER_KEY });
      expect(other.body.map((s: { id: string }) => s.id)).toEqual([theirs.id]);
      const foreign = await api(svc.url, 'GET', `/v1/screenshots/bulk/${first.id}`, undefined, { key: OTHER_KEY });
      expect(foreign.status).toBe(404);
      expectFits(doc, '/v1/screenshots/bulk/{id}', 'get', 404, foreign.body);
      await svc.stop();
    }, 480_000);
  });
