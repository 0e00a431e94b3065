// allscreenshots' job management, end to end on the real `storeshots serve` (built bin) with Debian's
// Chromium and pages from a loopback static server: cancel (POST /v1/screenshots/jobs/{id}/cancel), list
// (GET /v1/screenshots/jobs) and bulk jobs (POST/GET /v1/screenshots/bulk, GET /bulk/{id}, POST
// /bulk/{id}/cancel), in the paths and shapes of their published SDKs, every answer validated against
// /v1/openapi.json. Cancel is watched on an API node (--role api) whose jobs wait in the queue until a
// `storeshots worker` starts: a canceled job must stay CANCELLED when the worker takes the queue.
// Another key's jobs and bulks are, to a key, ids that do not exist (404), and never listed. Usage
// (GET /v1/usage, /v1/usage/quota) counts the key's images against STORESHOTS_MONTHLY_QUOTA.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listener } from './helpers/listen.js';
import { ROOT } from './helpers/root.js';
import { api, cleanup, OTHER_KEY, startService, tempData, type ServerHandle } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';
import { expectFits } from './helpers/openapi.js';

const BROWSER = '/usr/bin/chromium';

const colored = (color: string) =>
  `<!doctype html><html><body style="margin:0;background:${color}"><p>page</p></body></html>`;

let trap: Listener;
let origin: Listener;
let hook: Listener;
const deliveries: Array<{ body: string; signature: string }> = [];
let svc: ServerHandle;
let doc: any;

beforeAll(async () => {
  trap = await listen((_req, res) => res.writeHead(200).end('caught'));
  origin = await listen((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(colored('#3366cc'));
    else if (req.url === '/green') res.writeHead(200, { 'content-type': 'text/html' }).end(colored('#22aa44'));
    else if (req.url === '/tall')
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          '<!doctype html><html><body style="margin:0"><div style="height:20000px;background:#888"></div></body></html>',
        );
    else res.writeHead(404).end();
  });
  hook = await listen((req, res, body) => {
    deliveries.push({ body, signature: String(req.headers['x-allscreenshots-signature'] ?? '') });
    res.writeHead(200).end();
  });
  svc = await startService({
    env: {
      STORESHOTS_BROWSER: BROWSER,
      STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${origin.port},127.0.0.1:${hook.port}`,
      STORESHOTS_CAPTURE_TIMEOUT_MS: '30000',
      STORESHOTS_MONTHLY_QUOTA: '1000',
    },
  });
  doc = (await api(svc.url, 'GET', '/v1/openapi.json', undefined, { key: null })).body;
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  await Promise.all([trap?.close(), origin?.close(), hook?.close()]);
});

const fits = (route: string, method: string, status: number, body: unknown) =>
  expectFits(doc, route, method, status, body);

const ENDED = ['COMPLETED', 'FAILED', 'CANCELLED'];

async function pollJob(base: string, id: string) {
  return waitFor(
    async () => {
      const j = await api(base, 'GET', `/v1/screenshots/jobs/${id}`);
      fits('/v1/screenshots/jobs/{id}', 'get', 200, j.body);
      return ENDED.includes(j.body.status) ? j.body : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 50, what: `job ${id}` },
  );
}

async function pollBulk(base: string, id: string) {
  return waitFor(
    async () => {
      const j = await api(base, 'GET', `/v1/screenshots/bulk/${id}`);
      expect(j.status, JSON.stringify(j.body)).toBe(200);
      fits('/v1/screenshots/bulk/{id}', 'get', 200, j.body);
      return ENDED.includes(j.body.status) ? j.body : undefined;
    },
    { timeoutMs: 180_000, intervalMs: 100, what: `bulk ${id}` },
  );
}

describe('cancel (POST /v1/screenshots/jobs/{id}/cancel), through the render core', () => {
  it('a queued job and a queued bulk become CANCELLED and stay so when a worker takes the queue; a finished job is 409', async () => {
    const data = tempData();
    const node = await startService({
      data,
      args: ['--role', 'api'],
      env: { STORESHOTS_BROWSER: BROWSER, STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${origin.port}` },
    });
    let worker: ReturnType<typeof spawn> | undefined;
    let exited: Promise<unknown> | undefined;
    try {
      const a = await api(node.url, 'POST', '/v1/screenshots/async', { url: `${origin.url}/` });
      const b = await api(node.url, 'POST', '/v1/screenshots/async', { url: `${origin.url}/green` });
      expect([a.status, b.status], JSON.stringify([a.body, b.body])).toEqual([202, 202]);

      // Another key, and an id that does not exist: 404 alike, and the job is untouched.
      const foreign = await api(node.url, 'POST', `/v1/screenshots/jobs/${a.body.id}/cancel`, undefined, {
        key: OTHER_KEY,
      });
      expect(foreign.status).toBe(404);
      fits('/v1/screenshots/jobs/{id}/cancel', 'post', 404, foreign.body);
      expect((await api(node.url, 'POST', '/v1/screenshots/jobs/rnd_nosuchjob/cancel')).status).toBe(404);
      expect((await api(node.url, 'POST', `/v1/screenshots/jobs/${'x'.repeat(80)}/cancel`)).status).toBe(404);
      expect((await api(node.url, 'GET', `/v1/screenshots/jobs/${a.body.id}`)).body.status).toBe('QUEUED');

      const canceled = await api(node.url, 'POST', `/v1/screenshots/jobs/${a.body.id}/cancel`);
      expect(canceled.status, JSON.stringify(canceled.body)).toBe(200);
      fits('/v1/screenshots/jobs/{id}/cancel', 'post', 200, canceled.body);
      expect(canceled.body).toMatchObject({ id: a.body.id, status: 'CANCELLED' });
      expect(canceled.body.completedAt).toEqual(expect.any(String));
      // Canceling again answers the job as it is.
      const again = await api(node.url, 'POST', `/v1/screenshots/jobs/${a.body.id}/cancel`);
      expect([again.status, again.body.status]).toEqual([200, 'CANCELLED']);

      const bulk = await api(node.url, 'POST', '/v1/screenshots/bulk', {
        urls: [{ url: `${origin.url}/` }, { url: `${origin.url}/green` }],
      });
      expect(bulk.status, JSON.stringify(bulk.body)).toBe(202);
      expect(bulk.body.status).toBe('QUEUED');
      const foreignBulk = await api(node.url, 'POST', `/v1/screenshots/bulk/${bulk.body.id}/cancel`, undefined, {
        key: OTHER_KEY,
      });
      expect(foreignBulk.status).toBe(404);
      const bulkCanceled = await api(node.url, 'POST', `/v1/screenshots/bulk/${bulk.body.id}/cancel`);
      expect(bulkCanceled.status, JSON.stringify(bulkCanceled.body)).toBe(200);
      fits('/v1/screenshots/bulk/{id}/cancel', 'post', 200, bulkCanceled.body);
      expect(bulkCanceled.body).toMatchObject({ id: bulk.body.id, status: 'CANCELLED', totalJobs: 2, progress: 100 });

      // A bulk whose second page cannot be captured (too tall): the job made for the first is deleted
      // (server-bulk-atomic.test.ts follows it), the error names the URL, and there is no such bulk.
      const bulksBefore = (await api(node.url, 'GET', '/v1/screenshots/bulk')).body.length;
      const jobsBefore = (await api(node.url, 'GET', '/v1/screenshots/jobs')).body;
      const tall = await api(node.url, 'POST', '/v1/screenshots/bulk', {
        urls: [{ url: `${origin.url}/` }, { url: `${origin.url}/tall`, options: { fullPage: true } }],
      });
      expect(tall.status, JSON.stringify(tall.body)).toBe(400);
      expect(tall.body.error).toMatchObject({ code: 'capture_too_large', param: 'urls[1]' });
      expect((await api(node.url, 'GET', '/v1/screenshots/jobs')).body).toEqual(jobsBefore);
      expect((await api(node.url, 'GET', '/v1/screenshots/bulk')).body.length).toBe(bulksBefore);

      // The worker takes the queue: b is rendered, a and the bulk's jobs stay CANCELLED.
      worker = spawn(process.execPath, [path.join(ROOT, 'bin/storeshots.js'), 'worker', '--data', data], {
        cwd: ROOT,
        env: { ...process.env, STORESHOTS_WORKERS: '1', STORESHOTS_CONCURRENCY: '1', STORESHOTS_POLL_MS: '50' },
        stdio: 'ignore',
      });
      exited = new Promise((r) => worker!.on('exit', r));
      expect((await pollJob(node.url, b.body.id)).status).toBe('COMPLETED');
      expect((await api(node.url, 'GET', `/v1/screenshots/jobs/${a.body.id}`)).body.status).toBe('CANCELLED');
      const status = await api(node.url, 'GET', `/v1/screenshots/bulk/${bulk.body.id}`);
      expect(status.body.jobs.map((j: { status: string }) => j.status)).toEqual(['CANCELLED', 'CANCELLED']);
      expect((await api(node.url, 'GET', `/v1/screenshots/jobs/${a.body.id}/result`)).status).not.toBe(200);

      // A finished job cannot be canceled: 409 in the error shape, the job still COMPLETED.
      const late = await api(node.url, 'POST', `/v1/screenshots/jobs/${b.body.id}/cancel`);
      expect(late.status).toBe(409);
      fits('/v1/screenshots/jobs/{id}/cancel', 'post', 409, late.body);
      expect(late.body.error).toMatchObject({ code: 'render_not_cancelable', param: 'id' });
      expect((await api(node.url, 'GET', `/v1/screenshots/jobs/${b.body.id}`)).body.status).toBe('COMPLETED');
    } finally {
      worker?.kill('SIGTERM');
      await exited;
      await node.stop();
      cleanup(data);
    }
  }, 240_000);
});

describe('list (GET /v1/screenshots/jobs)', () => {
  it("the key's allscreenshots jobs newest first, paged by limit and startingAfter; never another key's", async () => {
    const mine1 = await api(svc.url, 'POST', '/v1/screenshots/async', { url: `${origin.url}/` });
    const theirs = await api(svc.url, 'POST', '/v1/screenshots/async', { url: `${origin.url}/` }, { key: OTHER_KEY });
    const mine2 = await api(svc.url, 'POST', '/v1/screenshots/async', { url: `${origin.url}/green` });
    expect([mine1.status, theirs.status, mine2.status]).toEqual([202, 202, 202]);
    await pollJob(svc.url, mine2.body.id);

    const all = await api(svc.url, 'GET', '/v1/screenshots/jobs');
    expect(all.status).toBe(200);
    fits('/v1/screenshots/jobs', 'get', 200, all.body);
    const ids = all.body.map((j: { id: string }) => j.id);
    expect(ids).not.toContain(theirs.body.id);
    expect(ids.indexOf(mine2.body.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(mine2.body.id)).toBeLessThan(ids.indexOf(mine1.body.id));
    const shown = all.body.find((j: { id: string }) => j.id === mine2.body.id);
    expect(shown).toMatchObject({ status: 'COMPLETED', url: `${origin.url}/green` });

    const first = await api(svc.url, 'GET', '/v1/screenshots/jobs?limit=1');
    expect(first.body.map((j: { id: string }) => j.id)).toEqual([ids[0]]);
    const next = await api(svc.url, 'GET', `/v1/screenshots/jobs?limit=1&startingAfter=${ids[0]}`);
    expect(next.body.map((j: { id: string }) => j.id)).toEqual([ids[1]]);

    const other = await api(svc.url, 'GET', '/v1/screenshots/jobs', undefined, { key: OTHER_KEY });
    expect(other.body.map((j: { id: string }) => j.id)).toEqual([theirs.body.id]);

    // Hostile paging: another key's id as a cursor is an unknown id; limits out of range name the field.
    for (const [query, param] of [
      [`startingAfter=${theirs.body.id}`, 'startingAfter'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
    ] as const) {
      const r = await api(svc.url, 'GET', `/v1/screenshots/jobs?${query}`);
      expect(r.status, query).toBe(400);
      fits('/v1/screenshots/jobs', 'get', 400, r.body);
      expect(`${r.body.error.param} ${r.body.error.message}`, query).toContain(param);
    }
  }, 180_000);
});

describe('bulk jobs (/v1/screenshots/bulk)', () => {
  it('their SDK example shape (urls with options over defaults): each URL one job, polled to the images; listed; idempotent', async () => {
    const body = {
      urls: [
        { url: `${origin.url}/` },
        { url: `${origin.url}/green`, options: { viewport: { width: 400, height: 300 }, format: 'png' } },
      ],
      defaults: { format: 'jpeg', viewport: { width: 800, height: 600 } },
    };
    const headers = { 'Idempotency-Key': 'bulk-key-1' };
    const made = await api(svc.url, 'POST', '/v1/screenshots/bulk', body, { headers });
    expect(made.status, JSON.stringify(made.body)).toBe(202);
    fits('/v1/screenshots/bulk', 'post', 202, made.body);
    expect(made.body).toMatchObject({ totalJobs: 2, completedJobs: 0, failedJobs: 0 });
    expect(made.body.id).toMatch(/^blk_/);
    expect(made.body.jobs.map((j: { url: string }) => j.url)).toEqual([`${origin.url}/`, `${origin.url}/green`]);

    const replay = await api(svc.url, 'POST', '/v1/screenshots/bulk', body, { headers });
    expect([replay.status, replay.body.id]).toEqual([202, made.body.id]);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const reused = await api(svc.url, 'POST', '/v1/screenshots/bulk', { ...body, defaults: {} }, { headers });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');

    const done = await pollBulk(svc.url, made.body.id);
    expect(done).toMatchObject({ status: 'COMPLETED', totalJobs: 2, completedJobs: 2, failedJobs: 0, progress: 100 });
    expect(done.completedAt).toEqual(expect.any(String));
    expect(done.jobs.map((j: { id: string }) => j.id)).toEqual(made.body.jobs.map((j: { id: string }) => j.id));
    expect(done.jobs[0]).toMatchObject({ status: 'COMPLETED', format: 'JPEG', width: 800, height: 600 });
    expect(done.jobs[1]).toMatchObject({ status: 'COMPLETED', format: 'PNG', width: 400, height: 300 });
    // Each job is an ordinary job of the surface: its result is the page.
    const img = await fetch(done.jobs[1].resultUrl, { headers: { authorization: `Bearer sk_test_alpha` } });
    expect(img.headers.get('content-type')).toBe('image/png');
    const { data } = await sharp(Buffer.from(await img.arrayBuffer()))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([data[0], data[1], data[2]]).toEqual([0x22, 0xaa, 0x44]);
    const jobs = (await api(svc.url, 'GET', '/v1/screenshots/jobs')).body.map((j: { id: string }) => j.id);
    expect(jobs).toEqual(expect.arrayContaining(done.jobs.map((j: { id: string }) => j.id)));

    const list = await api(svc.url, 'GET', '/v1/screenshots/bulk');
    expect(list.status).toBe(200);
    fits('/v1/screenshots/bulk', 'get', 200, list.body);
    expect(list.body[0]).toMatchObject({ id: made.body.id, status: 'COMPLETED', totalJobs: 2 });
    expect(list.body.filter((s: { id: string }) => s.id === made.body.id)).toHaveLength(1);

    // Another key sees no such bulk, and none in its list.
    const foreign = await api(svc.url, 'GET', `/v1/screenshots/bulk/${made.body.id}`, undefined, { key: OTHER_KEY });
    expect(foreign.status).toBe(404);
    fits('/v1/screenshots/bulk/{id}', 'get', 404, foreign.body);
    const theirs = await api(svc.url, 'GET', '/v1/screenshots/bulk', undefined, { key: OTHER_KEY });
    expect(theirs.body.map((s: { id: string }) => s.id)).not.toContain(made.body.id);

    // Canceling a finished bulk changes nothing.
    const cancel = await api(svc.url, 'POST', `/v1/screenshots/bulk/${made.body.id}/cancel`);
    expect([cancel.status, cancel.body.status, cancel.body.completedJobs]).toEqual([200, 'COMPLETED', 2]);
  }, 240_000);

  it("webhookUrl and webhookSecret reach each URL's job: one signed JOB_COMPLETED a job", async () => {
    const secret = 'bulk-hook-secret';
    const made = await api(svc.url, 'POST', '/v1/screenshots/bulk', {
      urls: [{ url: `${origin.url}/` }, { url: `${origin.url}/green` }],
      webhookUrl: `${hook.url}/bulk`,
      webhookSecret: secret,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(202);
    const ids = made.body.jobs.map((j: { id: string }) => j.id);
    const got = await waitFor(
      () => {
        const mine = deliveries.filter((d) => ids.some((id: string) => d.body.includes(id)));
        return mine.length >= 2 ? mine : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 50, what: 'the webhooks of the bulk jobs' },
    );
    for (const d of got) {
      expect(d.signature).toBe(`sha256=${createHmac('sha256', secret).update(d.body).digest('hex')}`);
      expect(JSON.parse(d.body)).toMatchObject({ event: 'JOB_COMPLETED', data: { status: 'COMPLETED' } });
    }
    expect(got.map((d) => JSON.parse(d.body).data.jobId).sort()).toEqual([...ids].sort());
  }, 180_000);

  it('refuses what cannot be made with a 400 naming the field, before any job is made', async () => {
    const jobsBefore = (await api(svc.url, 'GET', '/v1/screenshots/jobs?limit=100')).body.length;
    const bulksBefore = (await api(svc.url, 'GET', '/v1/screenshots/bulk')).body.length;
    const ok = { url: `${origin.url}/` };
    const cases: Array<[unknown, string]> = [
      [{ urls: Array.from({ length: 101 }, () => ok) }, 'urls'],
      [{ urls: [] }, 'urls'],
      [{}, 'urls'],
      [{ urls: [ok, { url: `http://localhost:${trap.port}/` }] }, 'urls[1]'],
      [{ urls: [ok, ok, { url: 'ftp://example.com/x' }] }, 'urls[2]'],
      [{ urls: [ok, { url: 'not a url' }] }, 'urls[1]'],
      [{ urls: [{ url: `${origin.url}/`, options: { device: 'toaster' } }] }, 'urls[0].options.device'],
      [{ urls: [{ url: `${origin.url}/`, options: { blockAds: true } }] }, 'urls[0].options.blockAds'],
      [{ urls: [ok], defaults: { viewport: { width: 10 } } }, 'defaults.viewport.width'],
      [{ urls: [ok], webhookSecret: '' }, 'webhookSecret'],
      [{ urls: 'https://example.com' }, 'urls'],
    ];
    for (const [body, param] of cases) {
      const r = await api(svc.url, 'POST', '/v1/screenshots/bulk', body);
      expect(r.status, `${param}: ${JSON.stringify(r.body)}`).toBe(400);
      fits('/v1/screenshots/bulk', 'post', 400, r.body);
      expect(`${r.body.error.param} ${r.body.error.message}`, JSON.stringify(r.body)).toContain(param);
    }
    expect(trap.hits).toEqual([]);
    // Nothing half-made: no job and no bulk more than before.
    expect((await api(svc.url, 'GET', '/v1/screenshots/jobs?limit=100')).body.length).toBe(jobsBefore);
    expect((await api(svc.url, 'GET', '/v1/screenshots/bulk')).body.length).toBe(bulksBefore);
    for (const id of ['blk_nosuchbulk', 'x'.repeat(80), '%00', 'rnd_nosuchjob']) {
      const r = await api(svc.url, 'GET', `/v1/screenshots/bulk/${id}`);
      expect(r.status, id).toBe(404);
      expect((await api(svc.url, 'POST', `/v1/screenshots/bulk/${id}/cancel`)).status, id).toBe(404);
    }
    // A capture that fails after the checks (the full page too tall): the jobs made are canceled, the
    // error names the URL, and the bulk is never listed.
    const tall = await api(svc.url, 'POST', '/v1/screenshots/bulk', {
      urls: [ok, { url: `${origin.url}/tall`, options: { fullPage: true } }],
    });
    expect(tall.status, JSON.stringify(tall.body)).toBe(400);
    expect(tall.body.error).toMatchObject({ code: 'capture_too_large', param: 'urls[1]' });
    expect((await api(svc.url, 'GET', '/v1/screenshots/bulk')).body.length).toBe(bulksBefore);
    // (Its first job, made before the second page failed, is canceled if still queued: watched on the
    // API node above, where nothing renders; here the worker may have rendered it already.)
    const badLimit = await api(svc.url, 'GET', '/v1/screenshots/bulk?limit=0');
    expect([badLimit.status, badLimit.body.error.param]).toEqual([400, 'limit']);
  }, 240_000);
});

describe('usage (GET /v1/usage/quota, GET /v1/usage)', () => {
  it("counts this key's images this month against STORESHOTS_MONTHLY_QUOTA, not another key's", async () => {
    // Every job of this key ended first: in-flight images count as used.
    await waitFor(
      async () =>
        (await api(svc.url, 'GET', '/v1/screenshots/jobs?limit=100')).body.every((j: { status: string }) =>
          ENDED.includes(j.status),
        ),
      { timeoutMs: 120_000, intervalMs: 100, what: 'every job ended' },
    );
    const before = await api(svc.url, 'GET', '/v1/usage/quota');
    expect(before.status).toBe(200);
    fits('/v1/usage/quota', 'get', 200, before.body);
    const theirsBefore = (await api(svc.url, 'GET', '/v1/usage/quota', undefined, { key: OTHER_KEY })).body;
    expect(before.body.screenshots.limit).toBe(1000);
    expect(before.body.screenshots.used).toBeGreaterThan(0);

    const shot = await api(svc.url, 'POST', '/v1/screenshots', { url: `${origin.url}/`, responseType: 'url' });
    expect(shot.status, JSON.stringify(shot.body)).toBe(200);
    const after = await api(svc.url, 'GET', '/v1/usage/quota');
    const used = before.body.screenshots.used + 1;
    expect(after.body.screenshots).toEqual({
      limit: 1000,
      used,
      remaining: 1000 - used,
      percentUsed: Math.round(used / 10),
    });
    expect(Date.parse(after.body.periodEnds)).toBeGreaterThan(Date.now());
    const theirs = (await api(svc.url, 'GET', '/v1/usage/quota', undefined, { key: OTHER_KEY })).body;
    expect(theirs.screenshots.used).toBe(theirsBefore.screenshots.used);

    const usage = await api(svc.url, 'GET', '/v1/usage');
    expect(usage.status).toBe(200);
    fits('/v1/usage', 'get', 200, usage.body);
    expect(usage.body.currentPeriod.screenshotsCount).toBe(used);
    expect(usage.body.history).toHaveLength(12);
    expect(usage.body.totals.screenshotsCount).toBe(used);
    expect(usage.body.quota.screenshots.remaining).toBe(1000 - used);
    expect((await api(svc.url, 'GET', '/v1/usage/quota', undefined, { key: null })).status).toBe(401);
  }, 180_000);
});
