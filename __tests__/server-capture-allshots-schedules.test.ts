// allscreenshots' scheduled captures (POST/GET /v1/schedules, GET/PUT/DELETE /v1/schedules/{id}, POST
// …/pause, …/resume, …/trigger, GET …/history), end to end on the real `storeshots serve` (built bin) with
// Debian's Chromium and pages from a loopback static server, in the paths and models of their published
// SDKs, every answer validated against /v1/openapi.json. Schedules here run every 2 seconds (the service's
// minimum interval lowered to 2 s for the test): each due time makes one ordinary job whose result is
// fetchable; pause stops the runs, resume restarts them, trigger makes one now; runs missed while the
// service was down are one catch-up run. Another key's schedule is a schedule that does not exist (404).
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePg, usePostgres } from './helpers/postgres.js';
import { api, OTHER_KEY, startService, tempData, type ServerHandle } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';
import { expectFits } from './helpers/openapi.js';

const BROWSER = '/usr/bin/chromium';
const EVERY_2S = '*/2 * * * * *';

let origin: { url: string; port: number; close: () => Promise<void> };
/** The colour of /flip: a page that changes when the test says so. */
let flipColor = '#3366cc';
/** Webhooks received on /hook/<name>: the path, the signature header and the raw body. */
const hooks: Array<{ path: string; signature: string | undefined; body: string }> = [];
let svc: ServerHandle;
let doc: any;

const serviceEnv = () => ({
  STORESHOTS_BROWSER: BROWSER,
  STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${origin.port}`,
  STORESHOTS_CAPTURE_TIMEOUT_MS: '30000',
  STORESHOTS_SCHEDULE_MIN_INTERVAL_SECONDS: '2',
  STORESHOTS_SCHEDULE_POLL_MS: '100',
  STORESHOTS_MONTHLY_QUOTA: '1000',
});

beforeAll(async () => {
  const server = http.createServer((req, res) => {
    // A page the browser cannot load (the connection closed with no answer): each run's job fails.
    if (req.url === '/broken') req.socket.destroy();
    else if (req.url === '/flip')
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><html><body style="margin:0;background:${flipColor}"><p>flip</p></body></html>`);
    else if (req.method === 'POST' && req.url?.startsWith('/hook/')) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const sig = req.headers['x-allscreenshots-signature'];
        hooks.push({
          path: req.url!,
          signature: typeof sig === 'string' ? sig : undefined,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(200).end();
      });
    } else if (req.url === '/')
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><html><body style="margin:0;background:#3366cc"><p>page</p></body></html>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  origin = {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  svc = await startService({ env: serviceEnv() });
  doc = (await api(svc.url, 'GET', '/v1/openapi.json', undefined, { key: null })).body;
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  await origin?.close();
});

const fits = (route: string, method: string, status: number, body: unknown) =>
  expectFits(doc, route, method, status, body);

async function history(base: string, id: string) {
  const h = await api(base, 'GET', `/v1/schedules/${id}/history?limit=100`);
  expect(h.status, JSON.stringify(h.body)).toBe(200);
  fits('/v1/schedules/{id}/history', 'get', 200, h.body);
  return h.body as { scheduleId: string; totalExecutions: number; executions: any[] };
}

const ENDED = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** Waits until the schedule has at least `n` runs whose jobs ended; returns the history. */
const ranAtLeast = (base: string, id: string, n: number, timeoutMs = 120_000) =>
  waitFor(
    async () => {
      const h = await history(base, id);
      return h.executions.filter((e) => ENDED.includes(e.status)).length >= n ? h : undefined;
    },
    { timeoutMs, intervalMs: 200, what: `${n} ended runs of schedule ${id}` },
  );

async function create(base: string, body: Record<string, unknown>) {
  const r = await api(base, 'POST', '/v1/schedules', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  fits('/v1/schedules', 'post', 201, r.body);
  return r.body;
}

describe('a schedule makes ordinary jobs at its due times', () => {
  it('runs every 2 s; pause stops it, trigger runs it now, resume restarts it; results are fetchable; delete ends it', async () => {
    const s = await create(svc.url, {
      name: 'Homepage Monitor',
      url: `${origin.url}/`,
      schedule: EVERY_2S,
      timezone: 'America/New_York',
      options: { viewport: { width: 800, height: 600 }, format: 'png', fullPage: false },
      retentionDays: 30,
    });
    expect(s).toMatchObject({
      name: 'Homepage Monitor',
      schedule: EVERY_2S,
      scheduleDescription: 'Every 2 seconds',
      timezone: 'America/New_York',
      status: 'ACTIVE',
      executionCount: 0,
      retentionDays: 30,
    });
    expect(Date.parse(s.nextExecutionAt)).toBeGreaterThan(Date.parse(s.createdAt) - 1);
    // Their SDKs' response model never carries the webhook secret; we never send it back.
    expect(JSON.stringify(s)).not.toContain('webhookSecret');

    // Two scheduled runs, each a job whose image is the page at the schedule's viewport.
    const h = await ranAtLeast(svc.url, s.id, 2);
    const done = h.executions.filter((e) => e.status === 'COMPLETED');
    expect(done.length).toBeGreaterThanOrEqual(2);
    for (const e of done) {
      expect(e.trigger).toBe('SCHEDULED');
      const job = await api(svc.url, 'GET', `/v1/screenshots/jobs/${e.jobId}`);
      expect(job.status).toBe(200);
      fits('/v1/screenshots/jobs/{id}', 'get', 200, job.body);
      expect(job.body).toMatchObject({ status: 'COMPLETED', url: `${origin.url}/` });
      const img = await fetch(`${svc.url}/v1/screenshots/jobs/${e.jobId}/result`, {
        headers: { 'x-api-key': 'sk_test_alpha' },
      });
      expect(img.status).toBe(200);
      expect(img.headers.get('content-type')).toBe('image/png');
      const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
      expect([meta.width, meta.height]).toEqual([800, 600]);
      // The history's storageUrl is a signed link: usable without the key.
      expect((await fetch(e.storageUrl)).status).toBe(200);
    }
    // Each due time has one run, and the due times are 2 s apart.
    const due = h.executions.map((e) => Date.parse(e.scheduledFor)).sort((a, b) => a - b);
    expect(new Set(due).size).toBe(due.length);
    for (let i = 1; i < due.length; i++) expect((due[i]! - due[i - 1]!) % 2000).toBe(0);

    // Pause: no run starts while paused.
    const paused = await api(svc.url, 'POST', `/v1/schedules/${s.id}/pause`);
    expect(paused.status).toBe(200);
    fits('/v1/schedules/{id}/pause', 'post', 200, paused.body);
    expect(paused.body).toMatchObject({ status: 'PAUSED', nextExecutionAt: null });
    // A run claimed just before the pause may still be making its job: let it land, then count.
    await new Promise((r) => setTimeout(r, 1000));
    const before = (await history(svc.url, s.id)).totalExecutions;
    await new Promise((r) => setTimeout(r, 5000));
    expect((await history(svc.url, s.id)).totalExecutions).toBe(before);

    // Trigger: one run now, even while paused, answered once its job is made.
    const trig = await api(svc.url, 'POST', `/v1/schedules/${s.id}/trigger`);
    expect(trig.status, JSON.stringify(trig.body)).toBe(200);
    fits('/v1/schedules/{id}/trigger', 'post', 200, trig.body);
    expect(trig.body.executionCount).toBe(before + 1);
    expect(trig.body.status).toBe('PAUSED');
    const manual = (await history(svc.url, s.id)).executions[0];
    expect(manual.trigger).toBe('MANUAL');
    expect(manual.jobId).toMatch(/^rnd_/);
    await ranAtLeast(svc.url, s.id, before + 1);

    // Resume: runs again from the next due time after now.
    const resumed = await api(svc.url, 'POST', `/v1/schedules/${s.id}/resume`);
    expect(resumed.status).toBe(200);
    fits('/v1/schedules/{id}/resume', 'post', 200, resumed.body);
    expect(resumed.body.status).toBe('ACTIVE');
    expect(Date.parse(resumed.body.nextExecutionAt)).toBeGreaterThan(Date.now() - 5000);
    const after = await waitFor(
      async () => {
        const x = await history(svc.url, s.id);
        return x.executions.filter((e) => e.trigger === 'SCHEDULED').length > before ? x : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'a run after resume' },
    );
    expect(after.totalExecutions).toBeGreaterThan(before + 1);

    const got = await api(svc.url, 'GET', `/v1/schedules/${s.id}`);
    fits('/v1/schedules/{id}', 'get', 200, got.body);
    expect(got.body.successCount).toBeGreaterThanOrEqual(2);
    expect(got.body.lastExecutedAt).not.toBeNull();

    // Delete: 204, then the schedule is gone and makes nothing more.
    const del = await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`);
    expect(del.status).toBe(204);
    expect((await api(svc.url, 'GET', `/v1/schedules/${s.id}`)).status).toBe(404);
    expect((await api(svc.url, 'GET', `/v1/schedules/${s.id}/history`)).status).toBe(404);
  }, 240_000);

  it('their documented create example (host swapped; blockAds left out, see docs) is 201 with 09:00 New York time next', async () => {
    const s = await create(svc.url, {
      name: 'Homepage Monitor',
      url: `${origin.url}/`,
      schedule: '0 9 * * *',
      timezone: 'America/New_York',
      options: { viewport: { width: 1920, height: 1080 }, format: 'png', fullPage: false },
      retentionDays: 30,
      startsAt: '2025-02-01T00:00:00Z',
      endsAt: null,
    });
    expect(s).toMatchObject({ scheduleDescription: 'At 09:00', startsAt: '2025-02-01T00:00:00.000Z', endsAt: null });
    const next = new Date(s.nextExecutionAt);
    const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hour12: false });
    expect(Number(local.format(next))).toBe(9);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000 + 3_600_000);
    expect((await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`)).status).toBe(204);
  });

  it('PUT changes the fields given and computes the next due time again; list shows the key own schedules only', async () => {
    const s = await create(svc.url, { name: 'Daily', url: `${origin.url}/`, schedule: '0 9 * * *' });
    expect(s.timezone).toBe('UTC');
    expect(new Date(s.nextExecutionAt).getUTCHours()).toBe(9);
    const put = await api(svc.url, 'PUT', `/v1/schedules/${s.id}`, { schedule: '0 9 * * *', timezone: 'Asia/Tokyo' });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    fits('/v1/schedules/{id}', 'put', 200, put.body);
    expect(put.body).toMatchObject({ name: 'Daily', timezone: 'Asia/Tokyo' });
    // 09:00 in Tokyo is 00:00 UTC.
    expect(new Date(put.body.nextExecutionAt).getUTCHours()).toBe(0);

    const list = await api(svc.url, 'GET', '/v1/schedules');
    expect(list.status).toBe(200);
    fits('/v1/schedules', 'get', 200, list.body);
    expect(list.body.schedules.map((x: any) => x.id)).toContain(s.id);
    expect(list.body.total).toBe(list.body.schedules.length);

    // Another key: the schedule does not exist, and its list does not show it.
    const other = { key: OTHER_KEY };
    for (const [method, path] of [
      ['GET', `/v1/schedules/${s.id}`],
      ['PUT', `/v1/schedules/${s.id}`],
      ['DELETE', `/v1/schedules/${s.id}`],
      ['POST', `/v1/schedules/${s.id}/pause`],
      ['POST', `/v1/schedules/${s.id}/resume`],
      ['POST', `/v1/schedules/${s.id}/trigger`],
      ['GET', `/v1/schedules/${s.id}/history`],
    ] as const) {
      const r = await api(svc.url, method, path, method === 'PUT' ? { name: 'x' } : undefined, other);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.error).toMatchObject({ code: 'schedule_not_found', param: 'id' });
    }
    expect((await api(svc.url, 'GET', '/v1/schedules', undefined, other)).body.schedules).toEqual([]);
    expect((await api(svc.url, 'GET', `/v1/schedules/${s.id}`)).body.name).toBe('Daily');
    expect((await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`)).status).toBe(204);
  }, 60_000);
});

describe('hostile input: a 400 naming the field, nothing stored', () => {
  const good = () => ({ name: 'n', url: `${origin.url}/`, schedule: '0 9 * * *' });
  const cases: Array<[string, Record<string, unknown> | (() => Record<string, unknown>), string, string?]> = [
    ['a cron expression that is not one', { schedule: 'every day at nine' }, 'schedule'],
    ['a minute out of range', { schedule: '61 * * * *' }, 'schedule'],
    ['seven fields', { schedule: '* * * * * * *' }, 'schedule'],
    ['runs closer than the minimum interval', { schedule: '* * * * * *' }, 'schedule'],
    ['a blank expression', { schedule: '   ' }, 'schedule'],
    ['a time zone that does not exist', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['a time zone that is a sentence', { timezone: 'New York time' }, 'timezone'],
    ['a URL that is not one', { url: 'not a url' }, 'url'],
    ['a private address', { url: 'http://10.1.2.3/' }, 'url'],
    ['a file URL', { url: 'file:///etc/passwd' }, 'url'],
    ['an unknown field', { color: 'red' }, 'color', 'parameter_unknown'],
    ['an option they have and we do not', { options: { timeout: 5000 } }, 'options.timeout', 'parameter_unknown'],
    [
      'ad blocking on a server without filter lists',
      { options: { blockAds: true } },
      'options.blockAds',
      'ad_blocking_unavailable',
    ],
    ['an unknown device preset', { options: { device: 'toaster' } }, 'options.device', 'device_unknown'],
    ['a name too long', { name: 'x'.repeat(256) }, 'name'],
    ['retentionDays out of range', { retentionDays: 0 }, 'retentionDays'],
    ['startsAt without a zone', { startsAt: '2025-02-01T00:00:00' }, 'startsAt'],
    ['endsAt before startsAt', { startsAt: '2030-01-02T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' }, 'endsAt'],
    [
      'an email destination on a server without STORESHOTS_SMTP_URL',
      { destinations: [{ type: 'email', to: ['a@example.com'] }] },
      'destinations[0].type',
      'destination_unsupported',
    ],
    ['a destination of another type', { destinations: [{ type: 'sms', url: 'x' }] }, 'destinations[0].type'],
    [
      'a webhook destination without its url',
      { destinations: [{ type: 'webhook', secret: 's' }] },
      'destinations[0].url',
    ],
    [
      'a webhook destination to a private address',
      { destinations: [{ type: 'webhook', url: 'http://10.0.0.1/hook', secret: 's' }] },
      'destinations[0].url',
    ],
    [
      'a webhook destination with nothing to sign with',
      () => ({ destinations: [{ type: 'webhook', url: `${origin.url}/hook/x` }] }),
      'destinations[0].secret',
    ],
    [
      'eleven destinations',
      () => ({
        destinations: Array.from({ length: 11 }, () => ({ type: 'webhook', url: `${origin.url}/h`, secret: 's' })),
      }),
      'destinations',
    ],
    [
      'a destination field that is not theirs',
      { destinations: [{ type: 'webhook', url: 'x', color: 1 }] },
      'destinations[0].color',
    ],
    ['diffThreshold over 1', { onlyOnChange: true, diffThreshold: 1.5 }, 'diffThreshold'],
    ['diffThreshold without onlyOnChange', { diffThreshold: 0.1 }, 'diffThreshold'],
    ['onlyOnChange as text', { onlyOnChange: 'yes' }, 'onlyOnChange'],
    ['autoPauseAfterFailures of 0', { autoPauseAfterFailures: 0 }, 'autoPauseAfterFailures'],
    ['autoPauseAfterFailures over 100', { autoPauseAfterFailures: 101 }, 'autoPauseAfterFailures'],
    ['autoPauseAfterFailures not a whole number', { autoPauseAfterFailures: 2.5 }, 'autoPauseAfterFailures'],
    ['autoPauseAfterFailures as text', { autoPauseAfterFailures: 'three' }, 'autoPauseAfterFailures'],
    ['a webhook without a secret to sign with', () => ({ webhookUrl: `${origin.url}/hook` }), 'webhookSecret'],
  ];
  it.each(cases)('%s', async (_what, change, param, code) => {
    const r = await api(svc.url, 'POST', '/v1/schedules', {
      ...good(),
      ...(typeof change === 'function' ? change() : change),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.param).toBe(param);
    if (code) expect(r.body.error.code).toBe(code);
    expect(r.body.error.message).not.toMatch(/\n\s+at /);
  });

  it('required fields, PUT with a bad field, and an unknown id', async () => {
    for (const missing of ['name', 'url', 'schedule']) {
      const body: Record<string, unknown> = good();
      delete body[missing];
      const r = await api(svc.url, 'POST', '/v1/schedules', body);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'parameter_missing', param: missing });
    }
    const s = await create(svc.url, good());
    const bad = await api(svc.url, 'PUT', `/v1/schedules/${s.id}`, { timezone: 'Nowhere/Land' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('timezone');
    // Nothing changed.
    expect((await api(svc.url, 'GET', `/v1/schedules/${s.id}`)).body.timezone).toBe('UTC');
    expect((await api(svc.url, 'GET', '/v1/schedules/sch_nope')).status).toBe(404);
    expect((await api(svc.url, 'GET', `/v1/schedules/${s.id}/history?limit=0`)).status).toBe(400);
    const before = (await api(svc.url, 'GET', '/v1/schedules')).body.total;
    await api(svc.url, 'POST', '/v1/schedules', { ...good(), schedule: 'nope' });
    expect((await api(svc.url, 'GET', '/v1/schedules')).body.total).toBe(before);
    await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`);
  });
});

describe('each run is checked as an async request is', () => {
  it('counts against the monthly quota: past it, runs fail quota_exceeded in the history and the schedule goes on', async () => {
    const one = await startService({ env: { ...serviceEnv(), STORESHOTS_MONTHLY_QUOTA: '2' } });
    const s = await create(one.url, { name: 'Quota', url: `${origin.url}/`, schedule: EVERY_2S });
    const h = await waitFor(
      async () => {
        const x = await history(one.url, s.id);
        return x.executions.some((e) => e.errorCode === 'quota_exceeded') ? x : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 200, what: 'a run refused by the quota' },
    );
    await api(one.url, 'POST', `/v1/schedules/${s.id}/pause`);
    const refused = h.executions.find((e) => e.errorCode === 'quota_exceeded');
    expect(refused).toMatchObject({ status: 'FAILED', trigger: 'SCHEDULED' });
    expect(refused.jobId).toBeUndefined();
    expect(refused.errorMessage).toMatch(/monthly quota is 2 images/);
    const quota = await api(one.url, 'GET', '/v1/usage/quota');
    expect(quota.body.screenshots).toMatchObject({ limit: 2, used: 2, remaining: 0 });
    const got = (await api(one.url, 'GET', `/v1/schedules/${s.id}`)).body;
    expect(got.failureCount).toBeGreaterThanOrEqual(1);
    expect(got.consecutiveFailures).toBeGreaterThanOrEqual(1);
    // Trigger answers the run's error itself (the run is in the history too).
    const trig = await api(one.url, 'POST', `/v1/schedules/${s.id}/trigger`);
    expect(trig.status).toBe(402);
    expect(trig.body.error.code).toBe('quota_exceeded');
    expect((await history(one.url, s.id)).executions[0]).toMatchObject({
      trigger: 'MANUAL',
      errorCode: 'quota_exceeded',
    });
  }, 180_000);

  it('checks the address again at each run: refused after the allow-list changed, the run fails capture_refused', async () => {
    const data = tempData();
    const one = await startService({ data, env: serviceEnv() });
    const s = await create(one.url, { name: 'Moved', url: `${origin.url}/`, schedule: '0 0 1 1 *' });
    await one.stop();
    // The same data, served without the allow-list entry for the origin (a loopback address).
    const two = await startService({ data, env: { ...serviceEnv(), STORESHOTS_ALLOW_HOSTS: '' } });
    try {
      const trig = await api(two.url, 'POST', `/v1/schedules/${s.id}/trigger`);
      expect(trig.status, JSON.stringify(trig.body)).toBe(400);
      expect(trig.body.error).toMatchObject({ code: 'capture_refused' });
      const run = (await history(two.url, s.id)).executions[0];
      expect(run).toMatchObject({ status: 'FAILED', errorCode: 'capture_refused', trigger: 'MANUAL' });
      expect(run.jobId).toBeUndefined();
    } finally {
      await two.stop();
    }
  }, 120_000);
});

describe('autoPauseAfterFailures', () => {
  it('pauses the schedule after that many failed runs in a row; resume starts it again', async () => {
    const s = await create(svc.url, {
      name: 'Broken page',
      url: `${origin.url}/broken`,
      schedule: EVERY_2S,
      autoPauseAfterFailures: 2,
    });
    expect(s.autoPauseAfterFailures).toBe(2);
    const paused = await waitFor(
      async () => {
        const got = (await api(svc.url, 'GET', `/v1/schedules/${s.id}`)).body;
        return got.status === 'PAUSED' ? got : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: 'the schedule paused by its failures' },
    );
    fits('/v1/schedules/{id}', 'get', 200, paused);
    expect(paused.nextExecutionAt).toBeNull();
    expect(paused.consecutiveFailures).toBeGreaterThanOrEqual(2);
    // A job that failed while rendering is known at the next due time: at most one run more than 2.
    const h = await history(svc.url, s.id);
    expect(h.executions.filter((e) => e.status === 'FAILED').length).toBeGreaterThanOrEqual(2);
    expect(h.totalExecutions).toBeLessThanOrEqual(3);
    // Paused means no more runs.
    await new Promise((r) => setTimeout(r, 1000));
    const count = (await history(svc.url, s.id)).totalExecutions;
    await new Promise((r) => setTimeout(r, 4500));
    expect((await history(svc.url, s.id)).totalExecutions).toBe(count);
    // null turns it off; PUT keeps the field when not given.
    const put = await api(svc.url, 'PUT', `/v1/schedules/${s.id}`, { name: 'Renamed' });
    expect(put.body.autoPauseAfterFailures).toBe(2);
    const off = await api(svc.url, 'PUT', `/v1/schedules/${s.id}`, { autoPauseAfterFailures: null });
    expect(off.status).toBe(200);
    expect(off.body.autoPauseAfterFailures).toBeNull();
    expect((await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`)).status).toBe(204);
  }, 120_000);

  it('a schedule without it goes on failing (the default: never pause)', async () => {
    const s = await create(svc.url, { name: 'Broken, no pause', url: `${origin.url}/broken`, schedule: EVERY_2S });
    expect(s.autoPauseAfterFailures).toBeNull();
    const h = await ranAtLeast(svc.url, s.id, 3, 90_000);
    expect(h.executions.filter((e) => e.status === 'FAILED').length).toBeGreaterThanOrEqual(3);
    const got = (await api(svc.url, 'GET', `/v1/schedules/${s.id}`)).body;
    expect(got.status).toBe('ACTIVE');
    expect(got.failureCount).toBeGreaterThanOrEqual(3);
    expect((await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`)).status).toBe(204);
  }, 120_000);
});

/** The webhooks received on /hook/<name>, parsed, each checked against its secret's signature. */
const received = (name: string, secret: string) =>
  hooks
    .filter((h) => h.path === `/hook/${name}`)
    .map((h) => {
      expect(h.signature).toBe(`sha256=${createHmac('sha256', secret).update(h.body).digest('hex')}`);
      return JSON.parse(h.body) as { event: string; data: Record<string, any> };
    });

describe('onlyOnChange, diffThreshold and destinations', () => {
  it("an unchanged page's run is COMPLETED with changed: false and is not sent to the webhooks that want changes only", async () => {
    flipColor = '#3366cc';
    const s = await create(svc.url, {
      name: 'Watch',
      url: `${origin.url}/flip`,
      schedule: EVERY_2S,
      options: { viewport: { width: 320, height: 240 } },
      onlyOnChange: true,
      diffThreshold: 0.01,
      webhookUrl: `${origin.url}/hook/changes`,
      webhookSecret: 'whsec_changes',
      destinations: [{ type: 'webhook', url: `${origin.url}/hook/every`, secret: 'whsec_every', onlyOnChange: false }],
    });
    expect(s).toMatchObject({ onlyOnChange: true, diffThreshold: 0.01, alertOnFailure: false });
    expect(s.destinations).toHaveLength(1);
    expect(s.destinations[0]).toMatchObject({ type: 'webhook', url: `${origin.url}/hook/every`, onlyOnChange: false });
    expect(s.destinations[0].id).toMatch(/^dst_/);
    expect(JSON.stringify(s)).not.toContain('whsec_');

    // Runs of the same page: the first has nothing to compare with (changed), the next ones are unchanged.
    const settled = (h: { executions: any[] }) => h.executions.filter((e) => e.changed !== undefined);
    const same = await waitFor(
      async () => {
        const h = await history(svc.url, s.id);
        return settled(h).some((e) => e.changed === false) ? h : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: 'an unchanged run' },
    );
    const unchanged = settled(same).find((e) => e.changed === false);
    expect(unchanged).toMatchObject({ status: 'COMPLETED', changed: false });
    expect(unchanged.diffScore).toBeLessThanOrEqual(0.01);
    expect(unchanged.jobId).toMatch(/^rnd_/);
    // Its job is an ordinary completed job, its image fetchable as any other's.
    expect((await fetch(unchanged.storageUrl)).status).toBe(200);
    expect(unchanged.deliveries).toEqual([
      {
        destinationId: 'webhookUrl',
        type: 'webhook',
        url: `${origin.url}/hook/changes`,
        status: 'SKIPPED',
        events: [],
      },
      {
        destinationId: s.destinations[0].id,
        type: 'webhook',
        url: `${origin.url}/hook/every`,
        status: 'QUEUED',
        events: ['JOB_COMPLETED'],
      },
    ]);

    // The page changes: the next run is changed, with the share of pixels that differ (the whole page).
    flipColor = '#cc3333';
    const flipped = await waitFor(
      async () => {
        const h = await history(svc.url, s.id);
        return settled(h).find((e) => e.changed === true && e.diffScore !== undefined);
      },
      { timeoutMs: 90_000, intervalMs: 250, what: 'a changed run' },
    );
    expect(flipped.diffScore).toBeGreaterThan(0.9);
    expect(flipped.deliveries.map((d: any) => d.status)).toEqual(['QUEUED', 'QUEUED']);
    await api(svc.url, 'POST', `/v1/schedules/${s.id}/pause`);

    // The webhooks (signed with each target's secret) carry their job webhook: every run to /hook/every,
    // only the changed ones to /hook/changes.
    const all = await waitFor(
      async () => {
        const got = received('every', 'whsec_every').map((b) => b.data.jobId);
        return got.includes(flipped.jobId) && got.includes(unchanged.jobId) ? got : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'the webhooks to /hook/every' },
    );
    expect(all).toContain(unchanged.jobId);
    const changes = await waitFor(
      async () => {
        const got = received('changes', 'whsec_changes');
        return got.some((b) => b.data.jobId === flipped.jobId) ? got : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'the changed run sent to /hook/changes' },
    );
    expect(changes.map((b) => b.data.jobId)).not.toContain(unchanged.jobId);
    for (const b of changes) expect(b).toMatchObject({ event: 'JOB_COMPLETED', data: { status: 'COMPLETED' } });
    // PUT turns it off (the stored diffThreshold goes with it) and keeps the destinations.
    const off = await api(svc.url, 'PUT', `/v1/schedules/${s.id}`, { onlyOnChange: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ onlyOnChange: false, diffThreshold: null });
    expect(off.body.destinations).toEqual(s.destinations);
    expect((await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`)).status).toBe(204);
  }, 240_000);

  it('alertOnFailure: a failed run sends SCHEDULE_FAILED to the webhook, signed', async () => {
    const s = await create(svc.url, {
      name: 'Alert',
      url: `${origin.url}/broken`,
      schedule: EVERY_2S,
      alertOnFailure: true,
      webhookUrl: `${origin.url}/hook/alert`,
      webhookSecret: 'whsec_alert',
    });
    expect(s.alertOnFailure).toBe(true);
    const alert = await waitFor(
      async () => received('alert', 'whsec_alert').find((b) => b.event === 'SCHEDULE_FAILED'),
      { timeoutMs: 90_000, intervalMs: 250, what: 'SCHEDULE_FAILED' },
    );
    await api(svc.url, 'POST', `/v1/schedules/${s.id}/pause`);
    expect(alert.data).toMatchObject({ scheduleId: s.id, scheduleName: 'Alert', url: `${origin.url}/broken` });
    expect(alert.data.executionId).toMatch(/^exe_/);
    expect(alert.data.consecutiveFailures).toBeGreaterThanOrEqual(1);
    // The page never answers: the run fails capturing it (no job made), its error in the alert and the history.
    const run = (await history(svc.url, s.id)).executions.find((e) => e.id === alert.data.executionId);
    expect(run).toMatchObject({
      status: 'FAILED',
      errorCode: alert.data.errorCode,
      errorMessage: alert.data.errorMessage,
    });
    expect(typeof alert.data.errorCode).toBe('string');
    expect(run.deliveries).toEqual([
      {
        destinationId: 'webhookUrl',
        type: 'webhook',
        url: `${origin.url}/hook/alert`,
        status: 'QUEUED',
        events: run.jobId ? ['JOB_FAILED', 'SCHEDULE_FAILED'] : ['SCHEDULE_FAILED'],
      },
    ]);
    expect((await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`)).status).toBe(204);
  }, 120_000);
});

describe('the history is kept as long as the jobs', () => {
  it('runs older than STORESHOTS_RESULT_TTL_SECONDS are forgotten by the scheduler', async () => {
    const one = await startService({
      env: { ...serviceEnv(), STORESHOTS_RESULT_TTL_SECONDS: '4', STORESHOTS_SWEEP_INTERVAL_MS: '200' },
    });
    const s = await create(one.url, { name: 'Short', url: `${origin.url}/`, schedule: EVERY_2S });
    const first = (await ranAtLeast(one.url, s.id, 1)).executions.at(-1);
    // Past the retention and a few sweeps: the first run is gone, the newer ones are there.
    await waitFor(
      async () => {
        const h = await history(one.url, s.id);
        return h.executions.every((e) => e.id !== first.id) && h.executions.length > 0 ? h : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the first run forgotten' },
    );
    await api(one.url, 'POST', `/v1/schedules/${s.id}/pause`);
    const h = await history(one.url, s.id);
    const oldest = Math.min(...h.executions.map((e) => Date.parse(e.executedAt)));
    // (How soon is not asserted: a sweep waits for the run in progress, a capture that may take seconds.)
    expect(oldest).toBeGreaterThan(Date.parse(first.executedAt));
    expect((await api(one.url, 'GET', `/v1/schedules/${s.id}`)).body.executionCount).toBe(h.totalExecutions);
  }, 120_000);
});

describe('runs missed while the service was down', () => {
  it('are one catch-up run, then the schedule goes on from now (no burst)', async () => {
    const data = tempData();
    const one = await startService({ data, env: serviceEnv() });
    // Every 5 s, stopped at once: the service is down over at least two due times.
    const s = await create(one.url, { name: 'Catch-up', url: `${origin.url}/`, schedule: '*/5 * * * * *' });
    await one.stop();
    const stoppedAt = Date.now();
    const ran = (await api(svc.url, 'GET', `/v1/schedules/${s.id}`)).status; // another data dir: unknown there
    expect(ran).toBe(404);
    await new Promise((r) => setTimeout(r, 12_000));
    const two = await startService({ data, env: serviceEnv() });
    try {
      const first = await waitFor(
        async () => {
          const h = await history(two.url, s.id);
          return h.executions.some((e) => Date.parse(e.executedAt) > stoppedAt) ? h : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 50, what: 'the catch-up run' },
      );
      const late = first.executions.filter((e) => Date.parse(e.executedAt) > stoppedAt);
      // One run for the due times missed (it is for the oldest of them)...
      expect(late).toHaveLength(1);
      expect(Date.parse(late[0].scheduledFor)).toBeLessThan(Date.parse(late[0].executedAt) - 4000);
      // ...and the next due time is after it, not another missed one.
      const now = (await api(two.url, 'GET', `/v1/schedules/${s.id}`)).body;
      expect(Date.parse(now.nextExecutionAt)).toBeGreaterThan(Date.parse(late[0].executedAt));
    } finally {
      await two.stop();
    }
  }, 180_000);
});

describePg('two API nodes on one PostgreSQL', () => {
  const db = usePostgres();

  it('make exactly one job per due time: every run is for another due time, each with its own job', async () => {
    const nodes = [
      await startService({ env: serviceEnv(), args: ['--database', db.url()] }),
      await startService({ env: serviceEnv(), args: ['--database', db.url()] }),
    ];
    try {
      const s = await create(nodes[0]!.url, { name: 'Twice', url: `${origin.url}/`, schedule: EVERY_2S });
      // Both nodes scan every 100 ms: each due time is seen by both, and claimed by one.
      const h = await waitFor(
        async () => {
          const x = await history(nodes[1]!.url, s.id);
          return x.executions.filter((e) => ENDED.includes(e.status)).length >= 5 ? x : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 200, what: '5 ended runs' },
      );
      await api(nodes[1]!.url, 'POST', `/v1/schedules/${s.id}/pause`);
      await new Promise((r) => setTimeout(r, 1500));
      const all = (await history(nodes[0]!.url, s.id)).executions;
      expect(all.length).toBeGreaterThanOrEqual(h.executions.length);
      const due = all.map((e) => e.scheduledFor);
      expect(new Set(due).size, `due times: ${due.join(', ')}`).toBe(due.length);
      const jobs = all.map((e) => e.jobId).filter(Boolean);
      expect(new Set(jobs).size).toBe(jobs.length);
      for (const e of all.filter((x) => ENDED.includes(x.status))) expect(e.status).toBe('COMPLETED');
    } finally {
      await Promise.all(nodes.map((n) => n.stop()));
    }
  }, 240_000);
});
