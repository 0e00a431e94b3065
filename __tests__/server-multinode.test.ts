// The render service over several nodes on one PostgreSQL (issue #20, docs/scaling.md): a real
// throwaway cluster, two API nodes (`serve --role api --database …`) and three render workers
// (`storeshots worker --database …`), all separate processes on 127.0.0.1. Jobs queued on either
// API node are rendered by the workers and read from either node; concurrent duplicates of one
// Idempotency-Key sent to both nodes make one render; a worker killed with SIGKILL mid-render loses
// its lease and another finishes the job, whose webhook arrives (retried with the same delivery
// id); a signed link one node made works on the other. Renders are the cheapest the service takes:
// a phone canvas with a headline, no screenshot.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePg, usePostgres } from './helpers/postgres.js';
import { ROOT } from './helpers/root.js';
import {
  api,
  b64,
  cleanup,
  KEY,
  pollUntilEnded,
  receiver,
  SCREEN_IPAD,
  SCREEN_PNG,
  startService,
  tempData,
  type ServerHandle,
} from './helpers/server.js';
import { waitFor } from './helpers/wait.js';
import { QUICK_START, readCurl, send } from './helpers/appscreen.js';
import { verifyWebhook } from '../src/util/signature.js';

const LEASE_MS = 4000;
const env = { STORESHOTS_LEASE_MS: String(LEASE_MS), STORESHOTS_POLL_MS: '50' };

interface Worker {
  proc: ChildProcess;
  /** Its /healthz and /metrics listener (`--port 0`). */
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const workers: Worker[] = [];
const folders: string[] = [];

async function startWorker(database: string, extraEnv: NodeJS.ProcessEnv): Promise<Worker> {
  const data = tempData();
  folders.push(data);
  const proc = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/storeshots.js'), 'worker', '--database', database, '--data', data, '--port', '0'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, ...extraEnv, STORESHOTS_WORKERS: '1', STORESHOTS_CONCURRENCY: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /storeshots worker rendering jobs of .* \(health: (http:\/\/127\.0\.0\.1:\d+)\/healthz\)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before starting:\n${err}`)));
  });
  const w = { proc, url, stderr: () => err, exited };
  workers.push(w);
  return w;
}

const alive = () => workers.filter((w) => w.proc.exitCode === null && w.proc.signalCode === null);

/** A counter of a Prometheus text page (0 when absent). */
async function counter(url: string, name: string): Promise<number> {
  const text = await fetch(`${url}/metrics`).then((r) => r.text());
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

const SUCCEEDED = 'storeshots_renders_finished_total{status="succeeded"}';
const IMAGES = 'storeshots_images_rendered_total';

const cheap = (headline: string, slides = 1, extra: Record<string, unknown> = {}) => ({
  async: true,
  canvas: { preset: 'play.phone' },
  slides: Array.from({ length: slides }, (_, i) => ({ id: `s${i + 1}`, headline: `${headline} ${i + 1}` })),
  ...extra,
});

describePg('2 API nodes and 3 workers on one PostgreSQL', () => {
  const db = usePostgres();
  const nodes: ServerHandle[] = [];
  let hook: Awaited<ReturnType<typeof receiver>>;
  let sql: pg.Pool;
  let nodeEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    // The webhook receiver answers 503 once, then 200: the retry must carry the same delivery id.
    hook = await receiver([503, 200]);
    nodeEnv = { ...env, STORESHOTS_ALLOW_HOSTS: new URL(hook.url).host };
    sql = new pg.Pool({ connectionString: db.url(), max: 2 });
    sql.on('error', () => undefined); // an idle connection lost when the server restarts (a test below)
    for (let i = 0; i < 2; i++)
      nodes.push(await startService({ env: nodeEnv, args: ['--role', 'api', '--database', db.url()] }));
  }, 120_000);
  afterAll(async () => {
    for (const w of alive()) w.proc.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    await Promise.all(nodes.map((n) => n.stop()));
    await sql?.end();
    await hook?.close();
    for (const f of folders) cleanup(f);
  });

  it('a job queued on one API node is seen queued on both (/healthz, /metrics) until workers join and render it', async () => {
    const [a, b] = nodes as [ServerHandle, ServerHandle];
    const r = await api(a.url, 'POST', '/v1/renders', cheap('first'));
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    await new Promise((res) => setTimeout(res, 300));
    for (const n of nodes) {
      const h = (await api(n.url, 'GET', '/healthz', undefined, { key: null })).body;
      expect(h).toMatchObject({ status: 'ok', role: 'api', storage: 'postgres', jobs_in_flight: 0 });
      expect(h.queue.depth).toBe(1);
      expect(h.queue.oldest_queued_age_seconds).toBeGreaterThan(0.2);
      const m = await fetch(`${n.url}/metrics`).then((x) => x.text());
      expect(m).toContain('storeshots_renders{status="queued"} 1');
      expect(m).toMatch(/storeshots_queue_oldest_age_seconds 0\.[2-9]|storeshots_queue_oldest_age_seconds [1-9]/);
    }
    for (let i = 0; i < 3; i++) await startWorker(db.url(), nodeEnv);
    const done = await pollUntilEnded(b.url, r.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    for (const w of workers) {
      const h = await fetch(`${w.url}/healthz`).then((x) => x.json());
      expect(h).toMatchObject({ status: 'ok', role: 'worker', storage: 'postgres', queue: { depth: 0 } });
    }
    // The link signing secret is one row of the database, made by the first node to start.
    expect((await sql.query("SELECT count(*)::int AS n FROM settings WHERE name = 'link_secret'")).rows[0].n).toBe(1);
  });

  it('50 async renders spread over both API nodes all finish, each rendered once, by more than one worker', async () => {
    const before = await Promise.all(workers.map((w) => counter(w.url, SUCCEEDED)));
    const imagesBefore = await Promise.all(workers.map((w) => counter(w.url, IMAGES)));
    const ids: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api(nodes[i % 2]!.url, 'POST', '/v1/renders', cheap(`render ${batch * 10 + i}`)),
        ),
      );
      for (const r of answers) {
        expect(r.status, JSON.stringify(r.body)).toBe(202);
        ids.push(r.body.id);
      }
    }
    expect(new Set(ids).size).toBe(50);
    // Each is polled on the node that did not accept it.
    const done = await Promise.all(ids.map((id, i) => pollUntilEnded(nodes[(i + 1) % 2]!.url, id)));
    for (const r of done) expect([r.status, r.images.length, r.credits_used]).toEqual(['succeeded', 1, 1]);
    const after = await Promise.all(workers.map((w) => counter(w.url, SUCCEEDED)));
    const per = after.map((n, i) => n - before[i]!);
    // Every job was finished exactly once across the workers, and the work was shared.
    expect(per.reduce((s, n) => s + n, 0)).toBe(50);
    expect(per.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    // No job was taken by two workers at once: the images rendered are the images kept (a second
    // holder's work would be thrown away when its lease renewal finds the job gone, but counted here).
    const images = await Promise.all(workers.map((w) => counter(w.url, IMAGES)));
    expect(images.reduce((s, n, i) => s + n - imagesBefore[i]!, 0)).toBe(50);
    const rows = await sql.query("SELECT count(*)::int AS n FROM renders WHERE status = 'succeeded'");
    expect(rows.rows[0].n).toBe(51);
  });

  it('20 concurrent duplicates of one Idempotency-Key sent to both API nodes make one render', async () => {
    const before = (await sql.query('SELECT count(*)::int AS n FROM renders')).rows[0].n;
    const body = cheap('idempotent');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api(nodes[i % 2]!.url, 'POST', '/v1/renders', body, { headers: { 'idempotency-key': 'multi-node-1' } }),
      ),
    );
    for (const r of answers) expect(r.status, JSON.stringify(r.body)).toBe(202);
    const ids = new Set(answers.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    expect((await sql.query('SELECT count(*)::int AS n FROM renders')).rows[0].n).toBe(before + 1);
    const [id] = [...ids];
    expect((await pollUntilEnded(nodes[1]!.url, id!)).status).toBe('succeeded');
  });

  it('a worker killed with SIGKILL mid-render: another takes the job after the lease, finishes it, and the webhook arrives (retried with the same delivery id)', async () => {
    const total = 6;
    const r = await api(
      nodes[0]!.url,
      'POST',
      '/v1/renders',
      cheap('killed', total, { webhook_url: hook.url, webhook_secret: 'whsec_multinode' }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const id: string = r.body.id;
    // Part-way: processing, some images stored and not all; the holder from the lease.
    const holder = await waitFor(
      async () => {
        const row = (
          await sql.query(
            'SELECT status, worker, (SELECT count(*)::int FROM images WHERE render_id = $1) AS n FROM renders WHERE id = $1',
            [id],
          )
        ).rows[0];
        if (row.status !== 'queued' && row.status !== 'processing') throw new Error(`ended too soon: ${row.status}`);
        return row.status === 'processing' && row.n > 0 && row.n < total
          ? Number(row.worker.split(':').at(-2))
          : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 10, what: 'the render to be part-way' },
    );
    const victim = workers.find((w) => w.proc.pid === holder)!;
    expect(victim).toBeDefined();
    expect(
      (await fetch(`${victim.url}/healthz`).then((x) => x.json() as Promise<{ jobs_in_flight: number }>))
        .jobs_in_flight,
    ).toBe(1);
    const killedAt = Date.now();
    victim.proc.kill('SIGKILL');
    await victim.exited;
    const done = await pollUntilEnded(nodes[1]!.url, id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.images.map((i: { index: number }) => i.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(done.credits_used).toBe(total);
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(LEASE_MS - 500);
    expect(alive().some((w) => w.stderr().includes(`whose worker's lease lapsed: ${id}`))).toBe(true);
    // Nothing lost: every image is readable from either node.
    for (const n of nodes)
      for (let i = 1; i <= total; i++)
        expect((await api(n.url, 'GET', `/v1/renders/${id}/images/${i}`)).status).toBe(200);
    // The webhook: the first attempt got 503, the retry 200; both the same delivery and body. No third.
    const got = await hook.next(2);
    await new Promise((res) => setTimeout(res, 1000));
    expect(hook.received).toHaveLength(2);
    const [first, second] = got as [(typeof got)[0], (typeof got)[0]];
    expect(first.headers['x-asa-delivery']).toBeTruthy();
    expect(second.headers['x-asa-delivery']).toBe(first.headers['x-asa-delivery']);
    expect(second.body).toBe(first.body);
    expect(JSON.parse(second.body).data).toMatchObject({ id, status: 'succeeded' });
    const delivery = (await sql.query('SELECT status, attempts FROM deliveries WHERE render_id = $1', [id])).rows;
    expect(delivery).toEqual([{ status: 'delivered', attempts: 2 }]);
    // A replacement joins.
    await startWorker(db.url(), nodeEnv);
  });

  it('a cancel on the other API node reaches the worker rendering the job, which stops and is free again', async () => {
    // Large images (iPad 13", a screenshot each), so the job outlasts the holder's next renewal.
    const total = 10;
    const r = await api(nodes[0]!.url, 'POST', '/v1/renders', {
      async: true,
      canvas: { preset: 'appstore.ipad_13' },
      slides: Array.from({ length: total }, (_, i) => ({
        id: `s${i + 1}`,
        headline: `Canceled ${i + 1}`,
        screenshot: { data: b64(SCREEN_IPAD) },
      })),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const id: string = r.body.id;
    const holder = await waitFor(
      async () => {
        const row = (await sql.query('SELECT status, worker FROM renders WHERE id = $1', [id])).rows[0];
        if (row.status !== 'queued' && row.status !== 'processing') throw new Error(`ended too soon: ${row.status}`);
        return row.status === 'processing' ? Number(row.worker.split(':').at(-2)) : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 10, what: 'the render to be taken' },
    );
    const canceled = await api(nodes[1]!.url, 'POST', `/v1/renders/${id}/cancel`);
    expect(canceled.body.status).toBe('canceled');
    const w = workers.find((x) => x.proc.pid === holder)!;
    // The holder notices at its next lease renewal (a third of the lease) and is free again.
    await waitFor(
      async () => {
        const h = (await fetch(`${w.url}/healthz`).then((x) => x.json())) as { jobs_in_flight: number };
        return h.jobs_in_flight === 0 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 50, what: 'the worker to drop the canceled job' },
    );
    const row = (await sql.query('SELECT status, worker FROM renders WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ status: 'canceled', worker: null });
    const after = (await api(nodes[0]!.url, 'GET', `/v1/renders/${id}`)).body;
    expect(after.status).toBe('canceled');
    // It stopped rendering: fewer images than slides were made (the rest were never drawn).
    const made = (await sql.query('SELECT count(*)::int AS n FROM images WHERE render_id = $1', [id])).rows[0].n;
    expect(made).toBeLessThan(total);
    expect(after.images.length).toBeLessThan(total);
  });

  it('PostgreSQL restarted under the running nodes: none of them exits, and the next render goes through', async () => {
    db.cluster().kill();
    await new Promise((res) => setTimeout(res, 1500));
    db.cluster().start();
    const r = await api(nodes[0]!.url, 'POST', '/v1/renders', cheap('after the restart'));
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect((await pollUntilEnded(nodes[1]!.url, r.body.id)).status).toBe('succeeded');
    expect(alive()).toHaveLength(3);
    for (const n of nodes) expect(n.proc.exitCode).toBeNull();
    for (const w of alive()) expect((await fetch(`${w.url}/healthz`)).status).toBe(200);
  });

  it('a signed link one API node made works on the other', async () => {
    const r = await api(nodes[0]!.url, 'POST', '/v1/renders', cheap('linked'));
    const done = await pollUntilEnded(nodes[0]!.url, r.body.id);
    const link = new URL(done.images[0].download_url);
    expect(link.port).toBe(String(nodes[0]!.port));
    const other = await fetch(`${nodes[1]!.url}${link.pathname}${link.search}`);
    expect(other.status).toBe(200);
    expect((await other.arrayBuffer()).byteLength).toBe(done.images[0].bytes);
    // A tampered signature is still refused there.
    const sig = link.searchParams.get('signature')!;
    link.searchParams.set('signature', (sig.startsWith('A') ? 'B' : 'A') + sig.slice(1));
    const bad = await fetch(`${nodes[1]!.url}${link.pathname}${link.search}`);
    expect(bad.status).toBe(403);
  });

  it('refuses a bad --database with one clear line: the flag, the URL without its password, the reason', () => {
    const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => {
      try {
        execFileSync(process.execPath, [path.join(ROOT, 'bin/storeshots.js'), ...args], {
          env: { ...process.env, ...extra },
          stdio: 'pipe',
          timeout: 60_000,
        });
        return { code: 0, err: '' };
      } catch (e) {
        const x = e as { status: number; stderr: Buffer };
        return { code: x.status, err: x.stderr.toString('utf8') };
      }
    };
    const data = tempData();
    folders.push(data);
    const port = new URL(db.url()).port;
    const unknown = run([
      'serve',
      '--port',
      '0',
      '--data',
      data,
      '--database',
      `postgres://postgres:hunter2@127.0.0.1:${port}/nope`,
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe(
      `error: --database: cannot use postgres://postgres:***@127.0.0.1:${port}/nope: database "nope" does not exist\n`,
    );
    const notPg = run(['worker', '--data', data], { STORESHOTS_DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(notPg.code).toBe(2);
    expect(notPg.err).toMatch(/^error: STORESHOTS_DATABASE_URL: "mysql:\/\/root:\*\*\*@db\/x" is not a PostgreSQL URL/);
    expect(notPg.err).not.toContain('hunter2');
    expect(notPg.err.split('\n')).toHaveLength(2);
  });
  it('an AppScreen job a worker renders sends its appscreen.render.completed event to the key’s webhook endpoint (the worker knows the view)', async () => {
    const [a, b] = nodes as [ServerHandle, ServerHandle];
    if (alive().length === 0) await startWorker(db.url(), nodeEnv);
    // The one receiver these nodes may reach (STORESHOTS_ALLOW_HOSTS), under a path of its own.
    const made = await api(a.url, 'POST', '/v1/webhook_endpoints', {
      url: `${hook.url}/endpoint`,
      enabled_events: ['appscreen.render.completed', 'set.succeeded'],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const posted = await send(
      readCurl(QUICK_START, b.url, { APPSCREEN_KEY: KEY }, { './shot1.png': SCREEN_PNG, './shot2.png': SCREEN_PNG }),
    );
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    const got = await waitFor(() => hook.received.find((r) => r.url === '/endpoint' && r.status === 200), {
      timeoutMs: 120_000,
      intervalMs: 50,
      what: 'the endpoint event',
    });
    const event = JSON.parse(got.body);
    expect(event.type).toBe('appscreen.render.completed');
    expect(event.data.object).toMatchObject({ jobId: posted.body.jobId, status: 'done' });
    expect(verifyWebhook(made.body.secret, got.body, got.headers['x-asa-signature'] as string).ok).toBe(true);
    // API nodes (`--role api`) never render: a worker ended this job and made its event.
    await api(a.url, 'DELETE', `/v1/webhook_endpoints/${made.body.id}`);
  });

  it('an API node killed with SIGKILL amid requests loses nothing it acknowledged; clients retrying on the other node with their Idempotency-Key get one render each', async () => {
    const [a, b] = nodes as [ServerHandle, ServerHandle];
    const before = (await sql.query('SELECT count(*)::int AS n FROM renders')).rows[0].n;
    const bodyOf = (i: number) => cheap(`crash ${i}`);
    const acked = new Map<number, string>();
    let sent = 0;
    let killed: Promise<void> | undefined;
    // Ten clients each send one request after another until the node dies under them, and the node is
    // killed after the fifth answer: every client then has a request without an answer, however fast
    // the node answered the ones before (at load 15 a fixed batch of 30 was all answered before the
    // kill landed).
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (;;) {
          const i = sent++;
          try {
            const r = await api(b.url, 'POST', '/v1/renders', bodyOf(i), {
              headers: { 'idempotency-key': `crash-${i}` },
            });
            expect(r.status, JSON.stringify(r.body)).toBe(202);
            acked.set(i, r.body.id);
            if (acked.size === 5) killed = b.kill9();
          } catch (e) {
            // The connection died with the node: no answer, so the client retries (below).
            if (!(e instanceof TypeError)) throw e;
            return;
          }
        }
      }),
    );
    await killed;
    const n = sent;
    // Killed amid them: some were answered, some were not.
    expect(acked.size).toBeGreaterThanOrEqual(5);
    expect(n - acked.size, 'each client has one request the kill left unanswered').toBe(10);
    // Every client retries on the surviving node with the same key and body. One that had an answer
    // gets the same render; one that had none gets the render the dead node stored, or a new one. A
    // key the dead node had claimed without storing a render is taken over after ORPHAN_AFTER_MS (60 s).
    const retried = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        api(a.url, 'POST', '/v1/renders', bodyOf(i), { headers: { 'idempotency-key': `crash-${i}` } }),
      ),
    );
    for (const [i, r] of retried.entries()) {
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      if (acked.has(i)) expect(r.body.id).toBe(acked.get(i));
    }
    expect(new Set(retried.map((r) => r.body.id)).size).toBe(n);
    expect((await sql.query('SELECT count(*)::int AS n FROM renders')).rows[0].n).toBe(before + n);
    for (const r of retried) expect((await pollUntilEnded(a.url, r.body.id)).status).toBe('succeeded');
  }, 150_000);
});
