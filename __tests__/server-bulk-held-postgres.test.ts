// Held bulk jobs on PostgreSQL (src/server/hold.ts), the service in this process on a real cluster
// with its clock in the test's hands: our POST /v1/bulk whose third screenshot URL hangs leaves two
// held renders (rows and blobs in the database); once the clock passes their hold (the request stopped
// renewing it, as a dead one would), the expiry sweep deletes them, rows and blobs; when the third URL
// finally answers, the release finds them gone: 503 hold_lapsed, and nothing of the bulk is left. A
// bulk that completes in time is queued as a whole and rendered.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePg, usePostgres } from './helpers/postgres.js';
import { api, KEY, pollUntilEnded, SCREEN_PNG, startServiceInProcess } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

describePg('held bulk jobs on PostgreSQL', () => {
  const db = usePostgres();
  let site: http.Server;
  let port = 0;
  const waiting: Array<() => void> = [];
  const arrived: Array<() => void> = [];

  beforeAll(async () => {
    site = http.createServer((req, res) => {
      const send = () => res.writeHead(200, { 'content-type': 'image/png' }).end(SCREEN_PNG);
      if (req.url === '/shot.png') send();
      else if (req.url === '/slow.png') {
        waiting.push(send);
        for (const f of arrived.splice(0)) f();
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    port = (site.address() as AddressInfo).port;
  });
  afterAll(async () => {
    site.closeAllConnections();
    await new Promise((r) => site.close(r));
  });

  const bulk = (files: string[]) => ({
    renders: files.map((f) => ({
      async: true,
      canvas: { preset: 'appstore.iphone_6_9' },
      slides: [{ headline: 'Held', screenshot: { url: `http://127.0.0.1:${port}/${f}` } }],
    })),
  });

  it('a lapsed hold is swept (rows and blobs); the late release is 503 hold_lapsed and leaves nothing; an intact bulk renders', async () => {
    let clock = Date.now();
    const svc = await startServiceInProcess({
      env: {
        PATH: process.env.PATH,
        STORESHOTS_DATABASE_URL: db.url(),
        STORESHOTS_API_KEYS: KEY,
        STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${port}`,
        STORESHOTS_SWEEP_INTERVAL_MS: '50',
        STORESHOTS_POLL_MS: '20',
        STORESHOTS_RATE_LIMIT: '0',
        STORESHOTS_WORKERS: '1',
      },
      now: () => clock,
    });
    const pool = new pg.Pool({ connectionString: db.url(), max: 1 });
    const renders = async () =>
      (await pool.query<{ id: string; status: string }>('SELECT id, status FROM renders ORDER BY seq')).rows;
    const blobs = async () =>
      (await pool.query<{ key: string }>("SELECT key FROM blobs WHERE key LIKE 'renders/%' ORDER BY key")).rows.map(
        (r) => r.key,
      );
    try {
      const slow = new Promise<void>((r) => arrived.push(r));
      const pending = api(svc.url, 'POST', '/v1/bulk', bulk(['shot.png', 'shot.png', 'slow.png']));
      await slow;
      await waitFor(async () => ((await renders()).length === 2 ? true : undefined), {
        timeoutMs: 30_000,
        intervalMs: 50,
        what: 'two held renders',
      });
      expect((await renders()).map((r) => r.status)).toEqual(['held', 'held']);
      const held = (await renders()).map((r) => r.id);
      expect((await blobs()).filter((k) => held.some((id) => k.startsWith(`renders/${id}/`))).length).toBe(2);
      expect((await api(svc.url, 'GET', '/v1/renders')).body.data).toEqual([]);

      // Ten minutes and a second later (no renewal: its timer runs every 200 real seconds), the sweep deletes them.
      clock += 10 * 60_000 + 1000;
      // The sweep deletes the rows, then their blobs: wait for both (the blobs a moment after the rows).
      await waitFor(async () => ((await renders()).length === 0 && (await blobs()).length === 0 ? true : undefined), {
        timeoutMs: 30_000,
        intervalMs: 50,
        what: 'the sweep of lapsed holds (rows and blobs)',
      });
      expect(await blobs()).toEqual([]);

      // The third screenshot arrives: its render is made held, the release finds the others gone.
      waiting.shift()!();
      const late = await pending;
      expect(late.status, JSON.stringify(late.body)).toBe(503);
      expect(late.body.error.code).toBe('hold_lapsed');
      expect(await renders()).toEqual([]);
      expect(await blobs()).toEqual([]);
      expect((await api(svc.url, 'GET', '/v1/renders')).body.data).toEqual([]);

      // A bulk that ends in time: queued together and rendered.
      const ok = await api(svc.url, 'POST', '/v1/bulk', bulk(['shot.png', 'shot.png']));
      expect(ok.status, JSON.stringify(ok.body)).toBe(202);
      expect(ok.body).toMatchObject({ submitted: 2, failed: 0 });
      for (const r of ok.body.renders) expect((await pollUntilEnded(svc.url, r.id)).status).toBe('succeeded');
      expect((await renders()).map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    } finally {
      await pool.end();
      await svc.close();
    }
  }, 180_000);
});
