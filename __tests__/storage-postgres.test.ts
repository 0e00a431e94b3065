// PostgresStore and PgBlobStore against a real PostgreSQL (a throwaway cluster, helpers/postgres.ts):
// what only a shared database has to get right. Each "node" is a store with its own pool, as
// separate processes on separate machines would be; the concurrent calls are really concurrent
// (separate connections, one statement each in flight at once). The row semantics both backends
// share are checked by the conformance suite.
import { createHash } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { PgBlobStore } from '../src/server/storage/pg-blobs.js';
import { MIGRATIONS, migrate } from '../src/server/storage/pg-migrations.js';
import { createPool, PostgresStore } from '../src/server/storage/postgres.js';
import type { NewRender } from '../src/server/storage/types.js';
import { describePg, usePostgres } from './helpers/postgres.js';
import { waitFor } from './helpers/wait.js';

const T0 = Date.UTC(2026, 11, 2, 12);

function job(id: string, owner = 'alpha'): NewRender {
  return {
    id,
    owner,
    status: 'queued',
    created_at: T0,
    expires_at: T0 + 86_400_000,
    spec: '{}',
    jobs: '[]',
    slides: 1,
    base_url: 'http://127.0.0.1:1',
  };
}

describePg('PostgreSQL store across nodes', () => {
  const pg = usePostgres();
  const open: PostgresStore[] = [];
  afterAll(async () => {
    for (const s of open) await s.close();
  });
  /** A store on the file's database (or another), as one more node. */
  async function node(url = pg.url()): Promise<PostgresStore> {
    const s = PostgresStore.open({ url, max: 4, log: () => undefined });
    open.push(s);
    await s.migrate();
    return s;
  }
  async function nodes(n: number, url?: string): Promise<PostgresStore[]> {
    return await Promise.all(Array.from({ length: n }, () => node(url)));
  }

  it('migrates once when six nodes start at the same time (advisory lock), then finds nothing to do', async () => {
    const url = pg.cluster().createDatabase('migrations');
    const pools = Array.from({ length: 6 }, () => createPool({ url, max: 2, log: () => undefined }));
    try {
      const applied = await Promise.all(pools.map((p) => migrate(p)));
      expect(applied.flat()).toEqual(MIGRATIONS.map((m) => m.version));
      expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
      const rows = await pools[0]!.query('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows.rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
      expect(await migrate(pools[1]!)).toEqual([]);
    } finally {
      for (const p of pools) await p.end();
    }
  });

  it('upgrades a database at migration 2 holding a pending delivery: migration 3 adds webhook endpoints, the old row keeps working', async () => {
    const url = pg.cluster().createDatabase('upgrade3');
    const pool = createPool({ url, max: 2, log: () => undefined });
    try {
      expect(await migrate(pool, MIGRATIONS.slice(0, 2))).toEqual([1, 2]);
      await pool.query(
        "INSERT INTO deliveries (id, render_id, kind, url, secret, event, body, status, next_attempt_at, created_at) VALUES ('whd_old', 'rnd_1', 'webhook', 'http://127.0.0.1:9/', 's', 'render.succeeded', '{}', 'pending', 1, 1)",
      );
    } finally {
      await pool.end();
    }
    const store = await node(url);
    const [old] = await store.deliveries('rnd_1');
    expect(old).toMatchObject({ id: 'whd_old', status: 'pending', endpoint_id: null });
    expect(await store.claimDueDeliveries('n1', 2, 5, 1000)).toHaveLength(1);
    expect(
      await store.insertWebhookEndpoint(
        {
          id: 'we_1',
          owner: 'alpha',
          url: 'http://127.0.0.1:9/',
          enabled_events: '["*"]',
          description: null,
          status: 'enabled',
          secret: 'whsec_1',
          created_at: T0,
          updated_at: T0,
        },
        16,
      ),
    ).toBe(true);
    // Deleting an endpoint leaves deliveries that never had one alone.
    expect(await store.deleteWebhookEndpoint('we_1')).toBe(true);
    expect((await store.deliveries('rnd_1'))[0]).toMatchObject({ status: 'pending', claimed_by: 'n1' });
  });

  it('keeps a key at 16 webhook endpoints when 48 creates race on 6 nodes (READ COMMITTED alone would not)', async () => {
    const url = pg.cluster().createDatabase('endpoints');
    const all = await nodes(6, url);
    const results = await Promise.all(
      Array.from({ length: 48 }, (_, i) =>
        all[i % 6]!.insertWebhookEndpoint(
          {
            id: `we_${i}`,
            owner: 'alpha',
            url: 'http://127.0.0.1:9/',
            enabled_events: '["*"]',
            description: null,
            status: 'enabled',
            secret: `whsec_${i}`,
            created_at: T0,
            updated_at: T0,
          },
          16,
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(16);
    expect(await all[0]!.listWebhookEndpoints('alpha', 100)).toHaveLength(16);
  });

  it('hands each queued job to exactly one of eight workers claiming at once (FOR UPDATE SKIP LOCKED)', async () => {
    const url = pg.cluster().createDatabase('queue');
    const workers = await nodes(8, url);
    const ids = Array.from({ length: 8 }, (_, i) => `rnd_q${i}`);
    for (const id of ids) await workers[0]!.insertRender(job(id));
    // Each worker asks once: eight jobs for eight workers, so none may come back empty-handed
    // (a claim that lost a race must take the next job, not report an empty queue).
    const got = await Promise.all(workers.map((w, i) => w.claimNext(`w${i}`, T0 + 1000, 60_000)));
    expect(got.map((r) => r?.id).sort()).toEqual(ids);
    for (const [i, r] of got.entries()) {
      expect(r).toMatchObject({
        status: 'processing',
        worker: `w${i}`,
        lease_expires_at: T0 + 61_000,
        started_at: T0 + 1000,
      });
    }
    expect(await workers[3]!.claimNext('w3', T0 + 2000, 60_000)).toBeUndefined();
  });

  it('drains 60 jobs with 6 workers looping: every job taken once, none left, none twice', async () => {
    const url = pg.cluster().createDatabase('drain');
    const workers = await nodes(6, url);
    const ids = Array.from({ length: 60 }, (_, i) => `rnd_d${String(i).padStart(2, '0')}`);
    for (const id of ids) await workers[0]!.insertRender(job(id));
    const taken = await Promise.all(
      workers.map(async (w, i) => {
        const mine: string[] = [];
        for (;;) {
          const r = await w.claimNext(`w${i}`, T0, 60_000);
          if (!r) return mine;
          mine.push(r.id);
        }
      }),
    );
    expect(taken.flat().sort()).toEqual(ids);
    expect((await workers[0]!.counts()).processing).toBe(60);
  });

  it('gives a job whose worker died (lease lapsed) to another worker, once, however many nodes sweep', async () => {
    const url = pg.cluster().createDatabase('leases');
    const ns = await nodes(4, url);
    for (let i = 0; i < 10; i++) await ns[0]!.insertRender(job(`rnd_l${i}`));
    for (let i = 0; i < 10; i++) expect((await ns[0]!.claimNext('dead', T0, 30_000))?.worker).toBe('dead');
    expect(await Promise.all(ns.map((n) => n.releaseExpiredLeases(T0 + 29_999)))).toEqual([[], [], [], []]);
    const released = await Promise.all(ns.map((n) => n.releaseExpiredLeases(T0 + 30_000)));
    expect(released.flat().sort()).toEqual(Array.from({ length: 10 }, (_, i) => `rnd_l${i}`));
    const again = await ns[1]!.claimNext('alive', T0 + 31_000, 30_000);
    expect(again).toMatchObject({ id: 'rnd_l0', worker: 'alive', started_at: T0 });
    // The dead worker, back from a pause, can neither renew nor end the job the other one holds.
    expect(await ns[0]!.renewLease('rnd_l0', 'dead', T0 + 32_000, 30_000)).toBe(false);
    expect(
      await ns[0]!.finish('rnd_l0', ['processing'], 'succeeded', { completed_at: T0, expires_at: T0, worker: 'dead' }),
    ).toBe(false);
    expect(
      await ns[1]!.finish('rnd_l0', ['processing'], 'succeeded', { completed_at: T0, expires_at: T0, worker: 'alive' }),
    ).toBe(true);
  });

  it('lets one of 20 concurrent duplicates on 4 nodes claim an idempotency key; the others see its row', async () => {
    const url = pg.cluster().createDatabase('idempotency');
    const ns = await nodes(4, url);
    const row = {
      owner: 'alpha',
      key: 'same-key',
      body_hash: 'h1',
      mode: 'async',
      created_at: T0,
      expires_at: T0 + 1000,
    };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => ns[i % 4]!.claimIdempotency(row)));
    expect(results.filter((r) => r === undefined)).toHaveLength(1);
    for (const r of results.filter((x) => x !== undefined))
      expect(r).toEqual({ ...row, render_id: null, status_code: null, response: null });
    // Expired: the next claim replaces it, again for exactly one of the concurrent claimers.
    const later = { ...row, body_hash: 'h2', created_at: T0 + 1000, expires_at: T0 + 2000 };
    const again = await Promise.all(Array.from({ length: 8 }, (_, i) => ns[i % 4]!.claimIdempotency(later)));
    expect(again.filter((r) => r === undefined)).toHaveLength(1);
    expect(await ns[0]!.idempotency('alpha', 'same-key')).toMatchObject({ body_hash: 'h2', created_at: T0 + 1000 });
    // An orphan is taken over by one of the nodes trying at once.
    const take = { ...later, body_hash: 'h3', created_at: T0 + 1500 };
    const took = await Promise.all(ns.map((n) => n.takeOverIdempotency(take, T0 + 1000)));
    expect(took.filter(Boolean)).toHaveLength(1);
  });

  it('claims each due delivery for exactly one of four nodes; a node that lost its claim cannot record an attempt', async () => {
    const url = pg.cluster().createDatabase('deliveries');
    const ns = await nodes(4, url);
    await ns[0]!.insertRender(job('rnd_w'));
    const ids = Array.from({ length: 40 }, (_, i) => `whd_${String(i).padStart(2, '0')}`);
    for (const [i, id] of ids.entries())
      await ns[0]!.insertDelivery({
        id,
        render_id: 'rnd_w',
        kind: 'webhook',
        url: 'http://127.0.0.1:9/hook',
        secret: 's',
        event: 'render.succeeded',
        body: '{}',
        next_attempt_at: T0 + i,
        created_at: T0,
      });
    // Four nodes take small batches at once until nothing is due: every delivery once.
    const claimed = await Promise.all(
      ns.map(async (n, i) => {
        const mine = [];
        for (;;) {
          const got = await n.claimDueDeliveries(`n${i}`, T0 + 100, 2, 10_000);
          if (got.length === 0) return mine;
          mine.push(...got);
        }
      }),
    );
    expect(
      claimed
        .flat()
        .map((d) => d.id)
        .sort(),
    ).toEqual(ids);
    for (const [i, rows] of claimed.entries()) {
      for (const d of rows) expect(d).toMatchObject({ claimed_by: `n${i}`, lease_expires_at: T0 + 10_100 });
      expect(rows.map((d) => d.next_attempt_at)).toEqual([...rows.map((d) => d.next_attempt_at)].sort((a, b) => a - b));
    }
    // Nothing more while the claims are live; after the lease lapses another node takes them.
    expect(await ns[0]!.claimDueDeliveries('n0', T0 + 10_099, 12, 10_000)).toEqual([]);
    // The first delivery's claimer pauses past its lease: another node takes the attempt over.
    const orig = claimed.findIndex((c) => c.some((d) => d.id === ids[0]));
    const thief = (orig + 1) % 4;
    const retaken = await ns[thief]!.claimDueDeliveries(`n${thief}`, T0 + 10_100, 1, 10_000);
    expect(retaken.map((d) => d.id)).toEqual([ids[0]]);
    const result = { ok: true, failed: false, status: 204, error: null, next: T0 + 10_200, now: T0 + 10_200 };
    expect(await ns[orig]!.deliveryAttempted(ids[0]!, `n${orig}`, result)).toBe(false);
    expect(await ns[thief]!.deliveryAttempted(ids[0]!, `n${thief}`, result)).toBe(true);
    expect((await ns[0]!.deliveries('rnd_w'))[0]).toMatchObject({
      status: 'delivered',
      attempts: 1,
      secret: '',
      claimed_by: null,
    });
  });

  it('agrees on one setting (the link secret) when 5 nodes make it at once, and keeps it', async () => {
    const url = pg.cluster().createDatabase('settings');
    const ns = await nodes(5, url);
    let made = 0;
    const got = await Promise.all(ns.map((n, i) => n.setting('link_secret', () => `secret-${i}-${++made}`)));
    expect(new Set(got).size).toBe(1);
    expect(got[0]).toMatch(/^secret-\d-\d$/);
    // Later nodes read it, never make another.
    const [late] = await nodes(1, url);
    expect(await late!.setting('link_secret', () => 'another')).toBe(got[0]);
  });

  it('counts every credit of 50 concurrent usage adds on 5 nodes (atomic upsert)', async () => {
    const url = pg.cluster().createDatabase('usage');
    const ns = await nodes(5, url);
    await Promise.all(Array.from({ length: 50 }, (_, i) => ns[i % 5]!.addUsage('alpha', '2026-12', i + 1)));
    expect(await ns[0]!.usage('alpha', '2026-12')).toBe((50 * 51) / 2);
  });

  it('runs a sweep on one node at a time (exclusive), the others skip it', async () => {
    const ns = await nodes(3);
    let inside = 0;
    let most = 0;
    const ran = await Promise.all(
      ns.map((n) =>
        n.exclusive('expiry', async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((r) => setTimeout(r, 300));
          inside--;
          return 'ran';
        }),
      ),
    );
    expect(ran.filter((r) => r === 'ran')).toHaveLength(1);
    expect(most).toBe(1);
    // Released afterwards: the next sweep runs.
    expect(await ns[1]!.exclusive('expiry', async () => 'next')).toBe('next');
  });

  it('reconnects after PostgreSQL restarts, and a statement sent while it is down waits for it', async () => {
    const s = await node();
    await s.insertRender(job('rnd_before'));
    pg.cluster().kill();
    // Sent while the server is down: retried until the server is back (within reconnectMs).
    const pending = s.render('rnd_before');
    pending.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    await new Promise((r) => setTimeout(r, 1500));
    pg.cluster().start();
    expect((await pending)?.id).toBe('rnd_before');
    await s.insertRender(job('rnd_after'));
    expect((await s.list('alpha', 10)).map((r) => r.id)).toEqual(['rnd_after', 'rnd_before']);
    // The pool's other (idle) connections died with the old server: every one of them works again.
    const all = await Promise.all(Array.from({ length: 8 }, () => s.render('rnd_after')));
    expect(all.map((r) => r?.id)).toEqual(Array(8).fill('rnd_after'));
  });
});

describePg('PostgreSQL blob store', () => {
  const pg = usePostgres();
  const pools: ReturnType<typeof createPool>[] = [];
  afterAll(async () => {
    for (const p of pools) await p.end();
  });
  async function blobs(): Promise<PgBlobStore> {
    const pool = createPool({ url: pg.url(), max: 3, log: () => undefined });
    pools.push(pool);
    await migrate(pool);
    return new PgBlobStore(pool);
  }
  const bytes = (n: number, seed: number) => {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 7 + (i >> 11)) & 0xff;
    return b;
  };
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('stores, reads, streams, lists and deletes blobs across nodes (empty, one chunk, several chunks)', async () => {
    const [a, b] = [await blobs(), await blobs()];
    const big = bytes(2.5 * 2 ** 20 + 3, 1);
    await a.put('renders/rnd_1/out/01.png', big);
    await a.put('renders/rnd_1/out/02.png', bytes(100, 2));
    await a.put('renders/rnd_1/empty', Buffer.alloc(0));
    await a.put('renders/rnd_10/out/01.png', bytes(5, 3));
    expect(sha((await b.get('renders/rnd_1/out/01.png'))!)).toBe(sha(big));
    expect(await b.get('renders/rnd_1/empty')).toEqual(Buffer.alloc(0));
    expect(await b.get('renders/rnd_1/none')).toBeUndefined();
    expect(await b.stat('renders/rnd_1/out/01.png')).toEqual({ bytes: big.length });
    const parts: Buffer[] = [];
    for await (const c of (await b.stream('renders/rnd_1/out/01.png'))!) parts.push(c as Buffer);
    expect(parts.length).toBe(3);
    expect(sha(Buffer.concat(parts))).toBe(sha(big));
    expect(await b.stream('nope/x')).toBeUndefined();
    expect(await b.list('renders/rnd_1')).toEqual([
      'renders/rnd_1/empty',
      'renders/rnd_1/out/01.png',
      'renders/rnd_1/out/02.png',
    ]);
    await b.deletePrefix('renders/rnd_1');
    expect(await a.list('renders/rnd_1')).toEqual([]);
    expect(await a.list('renders/rnd_10')).toEqual(['renders/rnd_10/out/01.png']);
    await a.delete('renders/rnd_10/out/01.png');
    await a.delete('renders/rnd_10/out/01.png');
    expect(await b.get('renders/rnd_10/out/01.png')).toBeUndefined();
  });

  it('never shows half of a put: concurrent replacements of one key leave one whole version', async () => {
    const ns = [await blobs(), await blobs(), await blobs()];
    const versions = [bytes(3 * 2 ** 20, 1), bytes(2 ** 20 + 1, 2), bytes(3 * 2 ** 20 - 5, 3)];
    const reads: Promise<Buffer | undefined>[] = [];
    await Promise.all(
      versions.map(async (v, i) => {
        await ns[i]!.put('k/same', v);
        reads.push(ns[(i + 1) % 3]!.get('k/same'));
      }),
    );
    const known = versions.map(sha);
    for (const r of await Promise.all(reads)) expect(known).toContain(sha(r!));
    expect(known).toContain(sha((await ns[0]!.get('k/same'))!));
  });

  it('gives the connection back when a reader stops a stream early (a client that went away)', async () => {
    const pool = createPool({ url: pg.url(), max: 1, log: () => undefined });
    pools.push(pool);
    await migrate(pool);
    const s = new PgBlobStore(pool);
    const big = bytes(3 * 2 ** 20, 9);
    await s.put('renders/rnd_s/out.zip', big);
    for (let i = 0; i < 3; i++) {
      const stream = (await s.stream('renders/rnd_s/out.zip')) as NodeJS.ReadableStream & { destroy(): void };
      for await (const _ of stream) break; // first chunk, then gone
    }
    // One connection in the pool, handed back once the stopped stream has ended its transaction.
    await waitFor(() => pool.idleCount === 1, {
      timeoutMs: 5000,
      intervalMs: 20,
      what: 'the stream to release its connection',
    });
    expect(pool.totalCount).toBe(1);
    expect(sha((await s.get('renders/rnd_s/out.zip'))!)).toBe(sha(big));
  });

  it('refuses keys that are absolute or climb out', async () => {
    const s = await blobs();
    for (const key of ['/etc/passwd', '../x', 'a/../../b', 'a//b', ''])
      await expect(s.put(key, Buffer.from('x'))).rejects.toThrow(`blob key "${key}" is not a relative path`);
  });
});
