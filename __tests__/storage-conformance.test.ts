// The storage contract (src/server/storage/types.ts), once, against every backend: SQLite here, and
// PostgreSQL where a server is available (see BACKENDS below). Each backend opens two handles on the
// same data (two connections: what two nodes of the service would hold), and the claims are raced
// across both: an idempotency key is won once, a queued job and a delivery attempt are handed to one
// claimer, an expired lease makes a job claimable again, usage increments all count, an expiry is
// done once, a failed transaction writes nothing, and blobs round-trip.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../src/server/storage/fs-blobs.js';
import { SqliteStore } from '../src/server/storage/sqlite.js';
import type {
  BlobStore,
  NewDelivery,
  NewRender,
  NewSchedule,
  NewWebhookEndpoint,
  ServiceStore,
} from '../src/server/storage/types.js';
import { postgresBackend } from './helpers/postgres.js';

interface Opened {
  /** The store under test. */
  store: ServiceStore;
  /** A second handle on the same data (another connection, as another node holds). */
  other: ServiceStore;
  blobs: BlobStore;
  close(): Promise<void>;
}

interface Backend {
  name: string;
  /** A fresh, empty store with its blobs; undefined when the backend is not available here (the suite is skipped). */
  open(): Promise<Opened | undefined>;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const sqlite: Backend = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-conf-'));
    dirs.push(dir);
    const store = new SqliteStore(dir);
    const other = new SqliteStore(dir);
    await store.migrate();
    return {
      store,
      other,
      blobs: new FsBlobStore(dir),
      close: async () => {
        await store.close();
        await other.close();
      },
    };
  },
};

// ---- BACKENDS -------------------------------------------------------------------------------------
// PostgreSQL (issue #20): a throwaway cluster for this file (__tests__/helpers/postgres.ts), a new
// database per open() with two stores on it, each with its own pool. Without PostgreSQL installed
// its tests pass without asserting (open() resolves undefined), except under CI=true, where they
// fail: .ci/run installs it.
const BACKENDS: Backend[] = [sqlite, postgresBackend];
// ----------------------------------------------------------------------------------------------------

const T0 = 1_800_000_000_000;

const render = (id: string, over: Partial<NewRender> = {}): NewRender => ({
  id,
  owner: 'me',
  status: 'queued',
  created_at: T0,
  expires_at: T0 + 60_000,
  spec: '{}',
  jobs: '[]',
  slides: 2,
  base_url: 'http://127.0.0.1',
  ...over,
});

const delivery = (id: string, over: Partial<NewDelivery> = {}): NewDelivery => ({
  id,
  render_id: 'rnd_1',
  kind: 'webhook',
  url: 'http://127.0.0.1:9/hook',
  secret: 'whsec',
  event: 'render.succeeded',
  body: `{"id":"${id}"}`,
  next_attempt_at: T0,
  created_at: T0,
  ...over,
});

for (const backend of BACKENDS) {
  describe(`storage conformance: ${backend.name}`, () => {
    const use = async <T>(fn: (o: Opened) => Promise<T>): Promise<T | undefined> => {
      const o = await backend.open();
      if (!o) return undefined;
      try {
        return await fn(o);
      } finally {
        await o.close();
      }
    };

    it('an idempotency key raced by 40 claims on two handles is won by exactly one', async () => {
      await use(async ({ store, other }) => {
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            (i % 2 ? other : store).claimIdempotency({
              owner: 'me',
              key: 'k',
              body_hash: `h${i}`,
              mode: 'sync',
              created_at: T0,
              expires_at: T0 + 1000,
            }),
          ),
        );
        const winners = results.flatMap((r, i) => (r === undefined ? [i] : []));
        expect(winners).toHaveLength(1);
        // Every loser sees the winner's row.
        for (const r of results) if (r) expect(r.body_hash).toBe(`h${winners[0]}`);
        expect((await store.idempotency('me', 'k'))?.body_hash).toBe(`h${winners[0]}`);
        // The same key of another owner is another key.
        expect(
          await other.claimIdempotency({
            owner: 'you',
            key: 'k',
            body_hash: 'x',
            mode: 'sync',
            created_at: T0,
            expires_at: T0 + 1000,
          }),
        ).toBeUndefined();
      });
    });

    it('an expired key is claimed again (at expires_at exactly); a live one is not replaced', async () => {
      await use(async ({ store }) => {
        const row = { owner: 'me', key: 'k', body_hash: 'a', mode: 'sync', created_at: T0, expires_at: T0 + 1000 };
        expect(await store.claimIdempotency(row)).toBeUndefined();
        await store.setIdempotencyResponse('me', 'k', 200, '{"ok":true}');
        const live = await store.claimIdempotency({ ...row, body_hash: 'b', created_at: T0 + 999 });
        expect(live).toMatchObject({ body_hash: 'a', status_code: 200, response: '{"ok":true}' });
        expect(await store.claimIdempotency({ ...row, body_hash: 'c', created_at: T0 + 1000 })).toBeUndefined();
        expect(await store.idempotency('me', 'k')).toMatchObject({
          body_hash: 'c',
          created_at: T0 + 1000,
          render_id: null,
          status_code: null,
          response: null,
        });
      });
    });

    it('an orphaned claim is taken over by exactly one of concurrent takeovers, and never one with a render', async () => {
      await use(async ({ store, other }) => {
        const row = { owner: 'me', key: 'k', body_hash: 'a', mode: 'sync', created_at: T0, expires_at: T0 + 1000 };
        await store.claimIdempotency(row);
        const wins = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? other : store).takeOverIdempotency({ ...row, created_at: T0 + 1 + i }, T0),
          ),
        );
        expect(wins.filter(Boolean)).toHaveLength(1);
        const now = (await store.idempotency('me', 'k'))!;
        await store.setIdempotencyRender('me', 'k', 'rnd_1');
        expect(await other.takeOverIdempotency({ ...row, created_at: T0 + 50 }, now.created_at)).toBe(false);
        // Start-up clean-up: claims without a render or answer, older than the cut-off, are released.
        await store.claimIdempotency({ ...row, key: 'old' });
        await store.claimIdempotency({ ...row, key: 'new', created_at: T0 + 500, expires_at: T0 + 1500 });
        expect(await store.releaseOrphanKeys(T0 + 500)).toBe(1);
        expect(await store.idempotency('me', 'old')).toBeUndefined();
        expect(await store.idempotency('me', 'new')).toBeDefined();
        expect(await store.idempotency('me', 'k')).toBeDefined();
        expect(await store.expireIdempotency(T0 + 1000)).toBe(1);
        expect(await store.idempotency('me', 'k')).toBeUndefined();
        expect(await store.idempotency('me', 'new')).toBeDefined();
      });
    });

    it('two claimers racing over 12 queued jobs never get the same one, and each is claimed oldest first', async () => {
      await use(async ({ store, other }) => {
        for (let i = 0; i < 12; i++) await store.insertRender(render(`rnd_${String(i).padStart(2, '0')}`));
        // Each claim loop's own jobs come oldest first. Two loops of one name on one handle push in
        // the order their claims complete, which on a concurrent backend (Postgres) is not the
        // order they were claimed in: the order is checked per loop, not per name.
        const loops: string[][] = [];
        const claimer = async (name: 'a' | 'b', s: ServiceStore) => {
          const mine: string[] = [];
          loops.push(mine);
          for (;;) {
            const row = await s.claimNext(name, T0, 10_000);
            if (!row) return;
            expect(row).toMatchObject({ status: 'processing', worker: name, lease_expires_at: T0 + 10_000 });
            mine.push(row.id);
          }
        };
        await Promise.all([claimer('a', store), claimer('b', other), claimer('a', store), claimer('b', other)]);
        const all = loops.flat();
        expect(all.length).toBe(12);
        expect(new Set(all).size).toBe(12);
        for (const ids of loops) expect(ids).toEqual([...ids].sort());
        expect(await store.claimNext('c', T0, 10_000)).toBeUndefined();
        expect((await store.counts()).processing).toBe(12);
      });
    });

    it('an expired lease makes a job claimable again; the old holder can neither renew nor end it', async () => {
      await use(async ({ store, other }) => {
        await store.insertRender(render('rnd_a'));
        await store.insertRender(render('rnd_b'));
        const a = (await store.claimNext('w1', T0, 1000))!;
        expect(a.id).toBe('rnd_a');
        expect(a.started_at).toBe(T0);
        // Renewed before it lapses: not released at the old expiry.
        expect(await store.renewLease('rnd_a', 'w1', T0 + 500, 1000)).toBe(true);
        expect(await other.releaseExpiredLeases(T0 + 1000)).toEqual([]);
        expect(await other.releaseExpiredLeases(T0 + 1499)).toEqual([]);
        expect(await other.releaseExpiredLeases(T0 + 1500)).toEqual(['rnd_a']);
        expect(await store.render('rnd_a')).toMatchObject({ status: 'queued', worker: null, lease_expires_at: null });
        // Queued again, it is the oldest: the next claim takes it, started_at kept.
        const again = (await other.claimNext('w2', T0 + 2000, 1000))!;
        expect([again.id, again.started_at, again.worker]).toEqual(['rnd_a', T0, 'w2']);
        expect(await store.renewLease('rnd_a', 'w1', T0 + 2000, 1000)).toBe(false);
        const fields = { completed_at: T0 + 2100, expires_at: T0 + 9000, credits_used: 2 };
        expect(await store.finish('rnd_a', ['processing'], 'succeeded', { ...fields, worker: 'w1' })).toBe(false);
        expect(await other.finish('rnd_a', ['processing'], 'succeeded', { ...fields, worker: 'w2' })).toBe(true);
        expect(await store.render('rnd_a')).toMatchObject({
          status: 'succeeded',
          worker: null,
          lease_expires_at: null,
          credits_used: 2,
        });
        // A cancel (no worker given) ends a job whoever holds it; a finish after it changes nothing.
        await store.claimNext('w1', T0, 1000);
        expect(await other.finish('rnd_b', ['queued', 'processing'], 'canceled', fields)).toBe(true);
        expect(await store.renewLease('rnd_b', 'w1', T0 + 10, 1000)).toBe(false);
        expect(await store.finish('rnd_b', ['processing'], 'succeeded', { ...fields, worker: 'w1' })).toBe(false);
        expect((await store.render('rnd_b'))?.status).toBe('canceled');
      });
    });

    it('a worker hands a job back on shutdown, and claim() takes one given job once', async () => {
      await use(async ({ store, other }) => {
        await store.insertRender(render('rnd_a'));
        await store.claimNext('w1', T0, 60_000);
        expect(await other.releaseLease('rnd_a', 'w2')).toBe(false);
        expect(await store.releaseLease('rnd_a', 'w1')).toBe(true);
        expect((await store.render('rnd_a'))?.status).toBe('queued');
        const both = await Promise.all([store.claim('rnd_a', 'w1', T0, 1000), other.claim('rnd_a', 'w2', T0, 1000)]);
        expect(both.filter(Boolean)).toHaveLength(1);
        // A processing job without a lease (written by a version without leases) counts as expired.
        await store.insertRender(render('rnd_old', { status: 'processing' }));
        expect((await store.releaseExpiredLeases(T0)).sort()).toEqual(['rnd_old']);
      });
    });

    it('each delivery attempt is claimed by exactly one node until its lease lapses', async () => {
      await use(async ({ store, other }) => {
        for (let i = 0; i < 6; i++) await store.insertDelivery(delivery(`whd_${i}`, { next_attempt_at: T0 + i }));
        await store.insertDelivery(delivery('whd_later', { next_attempt_at: T0 + 100 }));
        const [a, b] = await Promise.all([
          store.claimDueDeliveries('n1', T0 + 10, 4, 1000),
          other.claimDueDeliveries('n2', T0 + 10, 4, 1000),
        ]);
        const ids = [...a, ...b].map((d) => d.id);
        expect(ids.sort()).toEqual(['whd_0', 'whd_1', 'whd_2', 'whd_3', 'whd_4', 'whd_5']);
        for (const d of a) expect(d.claimed_by).toBe('n1');
        for (const d of b) expect(d.claimed_by).toBe('n2');
        // Oldest due first within a claim.
        expect(a.map((d) => d.next_attempt_at)).toEqual([...a.map((d) => d.next_attempt_at)].sort((x, y) => x - y));
        // Claimed ones are not handed out again while their lease lives; the one now due is.
        expect((await store.claimDueDeliveries('n3', T0 + 999, 10, 1000)).map((d) => d.id)).toEqual(['whd_later']);
        // Only the holder records its attempt.
        const d0 = [...a, ...b].find((d) => d.id === 'whd_0')!;
        const holder = d0.claimed_by!;
        const result = { ok: false, failed: false, status: 500, error: 'HTTP 500', next: T0 + 5000, now: T0 + 20 };
        expect(await store.deliveryAttempted('whd_0', 'n-other', result)).toBe(false);
        expect(await store.deliveryAttempted('whd_0', holder, result)).toBe(true);
        expect((await store.deliveries('rnd_1')).find((d) => d.id === 'whd_0')).toMatchObject({
          status: 'pending',
          attempts: 1,
          last_status: 500,
          next_attempt_at: T0 + 5000,
          claimed_by: null,
          secret: 'whsec',
        });
        // The others' leases lapse: claimable again by another node.
        const again = await other.claimDueDeliveries('n3', T0 + 1010, 10, 1000);
        expect(again.map((d) => d.id).sort()).toEqual(['whd_1', 'whd_2', 'whd_3', 'whd_4', 'whd_5']);
        const ok = { ok: true, failed: false, status: 204, error: null, next: T0 + 1020, now: T0 + 1020 };
        expect(await other.deliveryAttempted('whd_1', 'n3', ok)).toBe(true);
        expect((await store.deliveries('rnd_1')).find((d) => d.id === 'whd_1')).toMatchObject({
          status: 'delivered',
          delivered_at: T0 + 1020,
          secret: '',
        });
        expect(await store.pendingDeliveries()).toBe(6);
        expect(await store.nextDeliveryAt()).toBe(T0 + 2);
        // A node's claims handed back (graceful stop) are due again at once.
        await other.releaseDeliveries('n3');
        expect((await store.claimDueDeliveries('n4', T0 + 1030, 10, 1000)).map((d) => d.id).sort()).toEqual([
          'whd_2',
          'whd_3',
          'whd_4',
          'whd_5',
          'whd_later',
        ]);
        await store.releaseDeliveries();
        expect(await other.claimDueDeliveries('n5', T0 + 1030, 2, 1000)).toHaveLength(2);
      });
    });

    it('usage increments from two handles all count', async () => {
      await use(async ({ store, other }) => {
        await Promise.all(
          Array.from({ length: 60 }, (_, i) => (i % 2 ? other : store).addUsage('me', '2026-12', i % 3 === 0 ? 2 : 1)),
        );
        expect(await store.usage('me', '2026-12')).toBe(80);
        expect(await store.usage('me', '2026-11')).toBe(0);
        expect(await other.usage('you', '2026-12')).toBe(0);
        await store.insertRender(render('rnd_q', { slides: 3 }));
        await store.insertRender(render('rnd_p', { slides: 4 }));
        await store.insertRender(render('rnd_s', { slides: 50, status: 'succeeded' }));
        await store.claim('rnd_p', 'w', T0, 1000);
        expect(await other.pendingSlides('me')).toBe(7);
      });
    });

    it('an expiry is done once: ended jobs past expires_at, their images deleted, counted out', async () => {
      await use(async ({ store, other }) => {
        await store.insertRender(render('rnd_done', { status: 'succeeded', expires_at: T0 + 100 }));
        await store.insertRender(render('rnd_later', { status: 'failed', expires_at: T0 + 101 }));
        await store.insertRender(render('rnd_queued', { expires_at: T0 }));
        const image = {
          render_id: 'rnd_done',
          idx: 1,
          slide: 's',
          file: 'renders/rnd_done/out/1.png',
          width: 1,
          height: 1,
          format: 'png',
          bytes: 1,
          sha256: 'x',
          text: '[]',
        };
        await store.insertImage(image);
        await store.insertImage({ ...image, bytes: 2 }); // replaced, not added
        expect(await store.images('rnd_done')).toEqual([{ ...image, bytes: 2 }]);
        expect((await store.dueForExpiry(T0 + 100)).map((r) => r.id)).toEqual(['rnd_done']);
        const once = await Promise.all([store.markExpired('rnd_done'), other.markExpired('rnd_done')]);
        expect(once.filter(Boolean)).toHaveLength(1);
        expect(await store.images('rnd_done')).toEqual([]);
        expect(await store.dueForExpiry(T0 + 100)).toEqual([]);
        expect(await store.counts()).toEqual({ failed: 1, queued: 1 });
        expect(await store.list('me', 10)).toHaveLength(2);
      });
    });

    it('a transaction that throws writes nothing; one that returns writes everything', async () => {
      await use(async ({ store, other }) => {
        await expect(
          store.tx(async (s) => {
            await s.insertRender(render('rnd_tx'));
            await s.addUsage('me', '2026-12', 5);
            throw new Error('planned');
          }),
        ).rejects.toThrow('planned');
        expect(await other.render('rnd_tx')).toBeUndefined();
        expect(await other.usage('me', '2026-12')).toBe(0);
        expect(
          await store.tx(async (s) => {
            await s.insertRender(render('rnd_tx'));
            await s.setIdempotencyRender('me', 'k', 'rnd_tx');
            return 'done';
          }),
        ).toBe('done');
        expect((await other.render('rnd_tx'))?.status).toBe('queued');
        // A duplicate id is refused and leaves the first row as it was.
        await expect(store.insertRender(render('rnd_tx', { owner: 'else' }))).rejects.toThrow();
        expect((await other.render('rnd_tx'))?.owner).toBe('me');
      });
    });

    it('transactions started at once on one handle each commit alone; a statement made meanwhile never joins one', async () => {
      await use(async ({ store, other }) => {
        // A busy node ends several jobs in the same instant: ten transactions begun in one tick.
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.tx(async (s) => {
              await s.insertRender(render(`rnd_c${i}`));
              await s.addUsage('me', '2026-12', 1);
            }),
          ),
        );
        expect(await other.usage('me', '2026-12')).toBe(10);
        for (let i = 0; i < 10; i++) expect((await other.render(`rnd_c${i}`))?.status).toBe('queued');
        // A plain statement and a transaction begun in the same tick: the transaction rolls back, the
        // statement (acknowledged to its caller) must stay.
        const plain = store.addUsage('me', '2026-11', 3);
        const rolled = store.tx(async (s) => {
          await s.insertRender(render('rnd_rolled'));
          await s.addUsage('me', '2026-10', 1);
          throw new Error('planned');
        });
        await expect(rolled).rejects.toThrow('planned');
        await plain;
        expect(await other.usage('me', '2026-11')).toBe(3);
        expect(await other.usage('me', '2026-10')).toBe(0);
        expect(await other.render('rnd_rolled')).toBeUndefined();
      });
    });

    it('held jobs: never claimed, listed, counted or found by cursor; they reserve quota; renewed while their request runs', async () => {
      await use(async ({ store, other }) => {
        await store.insertRender(render('rnd_h1', { status: 'held', lease_expires_at: T0 + 1000 }));
        await store.insertRender(render('rnd_h2', { status: 'held', lease_expires_at: T0 + 1000, slides: 3 }));
        await store.insertRender(render('rnd_q'));
        expect(await store.render('rnd_h1')).toMatchObject({ status: 'held', lease_expires_at: T0 + 1000 });
        // The queue passes them over: claimNext takes the queued job only, claim() of a held one fails.
        expect((await other.claimNext('w', T0, 1000))?.id).toBe('rnd_q');
        expect(await other.claimNext('w', T0, 1000)).toBeUndefined();
        expect(await store.claim('rnd_h1', 'w', T0, 1000)).toBe(false);
        expect((await store.queued(10)).map((r) => r.id)).toEqual([]);
        expect(await store.oldestQueuedAt()).toBeUndefined();
        // Not listed (any status filter), no cursor, not counted; but they reserve their images.
        expect((await store.list('me', 10)).map((r) => r.id)).toEqual(['rnd_q']);
        expect(await store.list('me', 10, undefined, 'held')).toEqual([]);
        expect(await store.seqOf('rnd_h1', 'me')).toBeUndefined();
        expect(await store.counts()).toEqual({ processing: 1 });
        expect(await other.pendingSlides('me')).toBe(2 + 2 + 3);
        // Not ended, so never due for expiry; a lease sweep leaves them alone.
        expect(await store.dueForExpiry(Number.MAX_SAFE_INTEGER)).toEqual([]);
        expect(await store.releaseExpiredLeases(T0 + 5000)).toEqual(['rnd_q']);
        expect((await store.render('rnd_h1'))?.status).toBe('held');
        // Renewed: the sweep at the old end of the hold finds nothing; only held rows are renewed.
        expect(await other.renewHolds(['rnd_h1', 'rnd_h2', 'rnd_q', 'rnd_none'], T0 + 5000)).toBe(2);
        expect((await store.render('rnd_q'))?.lease_expires_at).toBeNull();
        expect(await store.discardLapsedHolds(T0 + 4999)).toEqual([]);
        expect((await store.render('rnd_h2'))?.lease_expires_at).toBe(T0 + 5000);
      });
    });

    it('held jobs are released together or not at all, and a discard deletes only held ones', async () => {
      await use(async ({ store, other }) => {
        for (const id of ['rnd_a', 'rnd_b', 'rnd_c'])
          await store.insertRender(render(id, { status: 'held', lease_expires_at: T0 + 1000 }));
        await store.insertRender(render('rnd_q'));
        // One of the ids is not held (queued, or unknown): none is released.
        expect(await store.releaseHolds(['rnd_a', 'rnd_b', 'rnd_q'])).toBe(false);
        expect(await store.releaseHolds(['rnd_a', 'rnd_none'])).toBe(false);
        expect((await other.render('rnd_a'))?.status).toBe('held');
        expect((await other.render('rnd_b'))?.status).toBe('held');
        // All held: all queued, hold cleared, claimable oldest first.
        expect(await store.releaseHolds(['rnd_a', 'rnd_b'])).toBe(true);
        expect(await other.render('rnd_a')).toMatchObject({ status: 'queued', lease_expires_at: null });
        expect((await other.list('me', 10)).map((r) => r.id)).toEqual(['rnd_q', 'rnd_b', 'rnd_a']);
        expect((await other.claimNext('w', T0, 1000))?.id).toBe('rnd_a');
        // Released once: a second release of them is refused, and a discard no longer touches them.
        expect(await store.releaseHolds(['rnd_a', 'rnd_b'])).toBe(false);
        expect(await other.discardHolds(['rnd_a', 'rnd_b', 'rnd_c', 'rnd_q'])).toEqual(['rnd_c']);
        expect(await store.render('rnd_c')).toBeUndefined();
        expect((await store.render('rnd_b'))?.status).toBe('queued');
        expect(await store.discardHolds([])).toEqual([]);
        expect(await store.releaseHolds([])).toBe(true);
      });
    });

    it('a release raced by the sweep of its lapsed holds: either all are queued or none is left', async () => {
      await use(async ({ store, other }) => {
        for (let round = 0; round < 6; round++) {
          const ids = Array.from({ length: 8 }, (_, i) => `rnd_r${round}_${i}`);
          for (const id of ids) await store.insertRender(render(id, { status: 'held', lease_expires_at: T0 }));
          const [released, swept] = await Promise.all([
            round % 2 ? store.releaseHolds(ids) : other.releaseHolds(ids),
            round % 2 ? other.discardLapsedHolds(T0, 3) : store.discardLapsedHolds(T0, 3),
          ]);
          const left = (await Promise.all(ids.map((id) => store.render(id)))).filter((r) => r !== undefined);
          if (released) {
            // The sweep came after (found them queued) or passed them over: every one is queued.
            expect(swept).toEqual([]);
            expect(left.map((r) => r.status)).toEqual(ids.map(() => 'queued'));
          } else {
            // The sweep came first: the release queued none; what the sweep left is still held.
            expect(swept.length).toBeGreaterThan(0);
            expect(left.every((r) => r.status === 'held')).toBe(true);
            expect(left.length).toBe(8 - swept.length);
            await store.discardLapsedHolds(T0);
          }
        }
        // Lapsed at lease_expires_at exactly, by `limit` at a time; a live hold stays.
        await store.insertRender(render('rnd_live', { status: 'held', lease_expires_at: T0 + 1 }));
        for (const id of ['rnd_x', 'rnd_y', 'rnd_z'])
          await store.insertRender(render(id, { status: 'held', lease_expires_at: T0 }));
        expect((await store.discardLapsedHolds(T0, 2)).length).toBe(2);
        expect((await other.discardLapsedHolds(T0)).length).toBe(1);
        expect((await store.render('rnd_live'))?.status).toBe('held');
      });
    });

    it('lists jobs by kind and cursor, newest first', async () => {
      await use(async ({ store }) => {
        for (const id of ['rnd_1', 'set_2', 'rnd_3', 'rnd_4']) await store.insertRender(render(id));
        const rows = await store.list('me', 10);
        expect(rows.map((r) => r.id)).toEqual(['rnd_4', 'rnd_3', 'rnd_1']);
        const cursor = (await store.seqOf('rnd_3', 'me'))!;
        expect((await store.list('me', 10, cursor)).map((r) => r.id)).toEqual(['rnd_1']);
        expect((await store.list('me', 10, undefined, undefined, 'set')).map((r) => r.id)).toEqual(['set_2']);
        expect(await store.seqOf('rnd_3', 'you')).toBeUndefined();
        expect(await store.seqOf('set_2', 'me')).toBeUndefined();
        expect(await store.oldestQueuedAt()).toBe(T0);
      });
    });

    it('projects, uploads and set outputs round-trip', async () => {
      await use(async ({ store, other }) => {
        const p = {
          id: 'prj_1',
          owner: 'me',
          name: 'n',
          preset: 'p',
          canvas_state: '{}',
          created_at: T0,
          updated_at: T0,
        };
        await store.insertProject(p);
        await store.insertProject({ ...p, id: 'prj_2' });
        expect(await other.countProjects('me')).toBe(2);
        expect((await other.listProjects('me', 1)).map((r) => r.id)).toEqual(['prj_2']);
        const up = {
          id: 'upl_1',
          project_id: 'prj_1',
          owner: 'me',
          name: 'a.png',
          file: 'projects/prj_1/uploads/upl_1.png',
          format: 'png',
          width: 1,
          height: 1,
          bytes: 10,
          sha256: 'x',
          created_at: T0,
        };
        await store.insertUploads('prj_1', [up, { ...up, id: 'upl_2', bytes: 5 }], T0 + 5);
        expect(await other.uploadBytes('me')).toBe(15);
        expect((await other.project('prj_1'))?.updated_at).toBe(T0 + 5);
        await store.deleteUpload('upl_2');
        expect(await other.uploads('prj_1')).toEqual([up]);
        await store.updateProject('prj_1', { name: 'm', preset: 'q', canvas_state: '{"a":1}', updated_at: T0 + 9 });
        expect(await other.project('prj_1')).toMatchObject({ name: 'm', preset: 'q', canvas_state: '{"a":1}' });
        await store.deleteProject('prj_1');
        expect(await other.project('prj_1')).toBeUndefined();
        expect(await other.uploads('prj_1')).toEqual([]);
        const o = {
          render_id: 'set_1',
          id: 'zip',
          type: 'png',
          file: 'renders/set_1/outputs/zip.zip',
          content_type: 'application/zip',
          bytes: 3,
          sha256: 'y',
        };
        await store.insertOutput(o);
        await store.insertOutput({ ...o, id: 'report', type: 'report' });
        await store.insertOutput({ ...o, bytes: 4 });
        expect((await other.outputs('set_1')).map((r) => [r.id, r.bytes]).sort()).toEqual([
          ['report', 3],
          ['zip', 4],
        ]);
      });
    });

    it('webhook endpoints: at most max per owner when 24 inserts race on two handles; listed, filtered, updated, deleted', async () => {
      await use(async ({ store, other }) => {
        const endpoint = (id: string, over: Partial<NewWebhookEndpoint> = {}): NewWebhookEndpoint => ({
          id,
          owner: 'me',
          url: `http://127.0.0.1:9/${id}`,
          enabled_events: '["*"]',
          description: null,
          status: 'enabled',
          secret: `whsec_${id}`,
          created_at: T0,
          updated_at: T0,
          ...over,
        });
        const results = await Promise.all(
          Array.from({ length: 24 }, (_, i) =>
            (i % 2 ? other : store).insertWebhookEndpoint(endpoint(`we_${String(i).padStart(2, '0')}`), 16),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(16);
        const mine = await other.listWebhookEndpoints('me', 100);
        expect(mine).toHaveLength(16);
        // The ids that were refused were not written.
        const refused = results.flatMap((ok, i) => (ok ? [] : [`we_${String(i).padStart(2, '0')}`]));
        for (const id of refused) expect(await store.webhookEndpoint(id)).toBeUndefined();
        // Another owner has its own limit.
        expect(await store.insertWebhookEndpoint(endpoint('we_you', { owner: 'you' }), 16)).toBe(true);
        expect(await store.insertWebhookEndpoint(endpoint('we_you2', { owner: 'you' }), 1)).toBe(false);
        // Newest first, with a cursor; seq strictly increasing.
        const seqs = mine.map((e) => e.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
        const page = await store.listWebhookEndpoints('me', 2, mine[1]!.seq);
        expect(page.map((e) => e.id)).toEqual([mine[2]!.id, mine[3]!.id]);
        expect(await store.webhookEndpoint(mine[0]!.id)).toMatchObject({
          owner: 'me',
          enabled_events: '["*"]',
          description: null,
          status: 'enabled',
          secret: `whsec_${mine[0]!.id}`,
          created_at: T0,
        });
        // Only enabled ones, oldest first, of that owner.
        const [first, second] = [mine[15]!, mine[14]!];
        await store.updateWebhookEndpoint(second.id, {
          url: 'http://127.0.0.1:9/new',
          enabled_events: '["set.failed"]',
          description: 'd',
          status: 'disabled',
          updated_at: T0 + 5,
        });
        expect(await other.webhookEndpoint(second.id)).toMatchObject({
          url: 'http://127.0.0.1:9/new',
          enabled_events: '["set.failed"]',
          description: 'd',
          status: 'disabled',
          created_at: T0,
          updated_at: T0 + 5,
        });
        const enabled = await other.enabledWebhookEndpoints('me');
        expect(enabled).toHaveLength(15);
        expect(enabled[0]!.id).toBe(first.id);
        expect(enabled.map((e) => e.id)).not.toContain(second.id);
        expect((await other.enabledWebhookEndpoints('you')).map((e) => e.id)).toEqual(['we_you']);
        expect(await store.deleteWebhookEndpoint(first.id)).toBe(true);
        expect(await other.deleteWebhookEndpoint(first.id)).toBe(false);
        expect(await other.webhookEndpoint(first.id)).toBeUndefined();
        // Room again for one.
        expect(await other.insertWebhookEndpoint(endpoint('we_again'), 16)).toBe(true);
        expect(await store.insertWebhookEndpoint(endpoint('we_over'), 16)).toBe(false);
      });
    });

    it('disabling or deleting an endpoint ends its pending deliveries, and an attempt in flight then records nothing', async () => {
      await use(async ({ store, other }) => {
        const endpoint = (id: string): NewWebhookEndpoint => ({
          id,
          owner: 'me',
          url: `http://127.0.0.1:9/${id}`,
          enabled_events: '["*"]',
          description: null,
          status: 'enabled',
          secret: `whsec_${id}`,
          created_at: T0,
          updated_at: T0,
        });
        for (const id of ['we_a', 'we_b', 'we_c'])
          expect(await store.insertWebhookEndpoint(endpoint(id), 16)).toBe(true);
        const to = (id: string, ep: string | undefined) =>
          store.insertDelivery(
            delivery(id, {
              kind: ep ? 'endpoint' : 'webhook',
              ...(ep ? { endpoint_id: ep, secret: `whsec_${ep}` } : {}),
            }),
          );
        await to('whd_a1', 'we_a');
        await to('whd_a2', 'we_a');
        await to('whd_b1', 'we_b');
        await to('whd_c1', 'we_c');
        await to('whd_plain', undefined);
        expect((await other.deliveries('rnd_1')).find((d) => d.id === 'whd_a1')).toMatchObject({
          kind: 'endpoint',
          endpoint_id: 'we_a',
        });
        expect((await other.deliveries('rnd_1')).find((d) => d.id === 'whd_plain')?.endpoint_id).toBeNull();
        // we_a's first delivery is in flight on n1 when we_a is deleted.
        const claimed = await other.claimDueDeliveries('n1', T0, 1, 1000);
        expect(claimed.map((d) => d.id)).toEqual(['whd_a1']);
        expect(await store.deleteWebhookEndpoint('we_a')).toBe(true);
        await store.updateWebhookEndpoint('we_b', {
          url: 'http://127.0.0.1:9/we_b',
          enabled_events: '["*"]',
          description: null,
          status: 'disabled',
          updated_at: T0 + 1,
        });
        // we_c only changes its description: its delivery stays pending.
        await store.updateWebhookEndpoint('we_c', {
          url: 'http://127.0.0.1:9/we_c',
          enabled_events: '["*"]',
          description: 'x',
          status: 'enabled',
          updated_at: T0 + 1,
        });
        const rows = new Map((await other.deliveries('rnd_1')).map((d) => [d.id, d]));
        for (const [id, why] of [
          ['whd_a1', /deleted/],
          ['whd_a2', /deleted/],
          ['whd_b1', /disabled/],
        ] as const) {
          expect(rows.get(id), id).toMatchObject({ status: 'failed', secret: '', claimed_by: null });
          expect(rows.get(id)!.last_error, id).toMatch(why);
        }
        expect(rows.get('whd_c1')).toMatchObject({ status: 'pending', secret: 'whsec_we_c' });
        expect(rows.get('whd_plain')).toMatchObject({ status: 'pending', secret: 'whsec' });
        // The attempt that was out when its endpoint went: its result is not recorded (the claim is gone).
        const result = { ok: true, failed: false, status: 200, error: null, next: T0 + 2, now: T0 + 2 };
        expect(await other.deliveryAttempted('whd_a1', 'n1', result)).toBe(false);
        expect((await store.deliveries('rnd_1')).find((d) => d.id === 'whd_a1')?.status).toBe('failed');
        // Only the live ones are claimed again.
        expect((await store.claimDueDeliveries('n2', T0 + 5000, 10, 1000)).map((d) => d.id).sort()).toEqual([
          'whd_c1',
          'whd_plain',
        ]);
      });
    });

    it('schedules: each due time is claimed by exactly one of 12 racing claims on two handles; runs counted with their jobs', async () => {
      await use(async ({ store, other }) => {
        const schedule = (id: string, over: Partial<NewSchedule> = {}): NewSchedule => ({
          id,
          owner: 'me',
          name: id,
          url: 'http://127.0.0.1:9/',
          schedule: '*/2 * * * * *',
          timezone: 'UTC',
          spec: '{"retentionDays":30}',
          status: 'active',
          base_url: 'http://127.0.0.1',
          next_run_at: T0,
          created_at: T0,
          updated_at: T0,
          ...over,
        });
        await store.insertSchedule(schedule('sch_a'));
        await store.insertSchedule(schedule('sch_b', { owner: 'you', next_run_at: T0 + 10_000 }));
        await store.insertSchedule(schedule('sch_c', { status: 'paused', next_run_at: null }));
        await expect(other.insertSchedule(schedule('sch_a'))).rejects.toThrow();
        expect((await other.dueSchedules(T0, 10)).map((r) => r.id)).toEqual(['sch_a']);
        expect((await other.dueSchedules(T0 + 10_000, 10)).map((r) => r.id)).toEqual(['sch_a', 'sch_b']);
        const run = (id: string) => ({
          id,
          schedule_id: 'sch_a',
          owner: 'me',
          due_at: T0,
          kind: 'schedule' as const,
          created_at: T0 + 5,
        });
        // 12 claims of one due time, on two handles (two nodes on PostgreSQL): one wins, one run is written.
        const won = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            (i % 2 ? other : store).claimScheduleRun('sch_a', T0, T0 + 2000, run(`exe_${i}`)),
          ),
        );
        expect(won.filter(Boolean)).toHaveLength(1);
        expect(await store.scheduleRuns('sch_a', 10)).toHaveLength(1);
        const a = (await other.schedule('sch_a'))!;
        expect(a).toMatchObject({ next_run_at: T0 + 2000, last_run_at: T0 + 5 });
        // A paused schedule's due time is not claimed; a stale due time neither.
        expect(await store.claimScheduleRun('sch_c', T0, T0 + 2000, { ...run('exe_p'), schedule_id: 'sch_c' })).toBe(
          false,
        );
        expect(await store.claimScheduleRun('sch_a', T0, T0 + 4000, run('exe_stale'))).toBe(false);
        // A trigger claims no due time; a run records its job or its error; counts follow the jobs.
        expect(await other.insertScheduleRun({ ...run('exe_t'), kind: 'trigger', due_at: T0 + 7 })).toBe(true);
        expect(await other.insertScheduleRun({ ...run('exe_x'), schedule_id: 'sch_gone' })).toBe(false);
        expect((await store.schedule('sch_a'))!.next_run_at).toBe(T0 + 2000);
        const winner = (await store.scheduleRuns('sch_a', 10)).find((r) => r.kind === 'schedule')!;
        await store.insertRender(render('rnd_s1', { status: 'succeeded' }));
        await other.setScheduleRunResult(winner.id, 'rnd_s1', null);
        await store.setScheduleRunResult('exe_t', null, '{"code":"capture_refused","message":"no"}');
        expect(await other.scheduleRunCounts('sch_a')).toEqual({ total: 2, succeeded: 1, failed: 1 });
        const runs = await other.scheduleRuns('sch_a', 10);
        expect(runs.map((r) => r.id)).toEqual(['exe_t', winner.id]);
        expect(runs[1]).toMatchObject({ render_id: 'rnd_s1', error: null, due_at: T0 });
        // The outcome of a run whose job ended (the image diff, the webhooks sent): null until recorded.
        expect(runs[1]!.outcome).toBeNull();
        await other.setScheduleRunOutcome(winner.id, '{"changed":false,"diffScore":0}');
        expect((await store.scheduleRuns('sch_a', 10)).find((r) => r.id === winner.id)!.outcome).toBe(
          '{"changed":false,"diffScore":0}',
        );
        // Runs made before a time are forgotten (their jobs expired); the schedule stays.
        await store.insertScheduleRun({ ...run('exe_late'), kind: 'trigger', created_at: T0 + 50 });
        expect(await other.pruneScheduleRuns(T0 + 5)).toBe(0);
        expect(await other.pruneScheduleRuns(T0 + 6)).toBe(2);
        expect((await store.scheduleRuns('sch_a', 10)).map((r) => r.id)).toEqual(['exe_late']);
        // Update, list, count, delete (the runs go with it).
        await store.updateSchedule('sch_a', {
          name: 'renamed',
          url: a.url,
          schedule: a.schedule,
          timezone: 'Asia/Tokyo',
          spec: a.spec,
          status: 'paused',
          next_run_at: null,
          updated_at: T0 + 9,
        });
        expect(await other.schedule('sch_a')).toMatchObject({
          name: 'renamed',
          timezone: 'Asia/Tokyo',
          status: 'paused',
        });
        expect((await other.listSchedules('me', 10)).map((r) => r.id)).toEqual(['sch_c', 'sch_a']);
        const first = (await other.listSchedules('me', 1))[0]!;
        expect((await other.listSchedules('me', 10, first.seq)).map((r) => r.id)).toEqual(['sch_a']);
        expect(await other.countSchedules('me')).toBe(2);
        expect(await store.deleteSchedule('sch_a')).toBe(true);
        expect(await store.deleteSchedule('sch_a')).toBe(false);
        expect(await other.scheduleRuns('sch_a', 10)).toEqual([]);
        expect(await other.scheduleRunCounts('sch_a')).toEqual({ total: 0, succeeded: 0, failed: 0 });
      });
    });

    it('events are read from the endpoint deliveries: one per event id, newest first, paged, filtered, by owner', async () => {
      await use(async ({ store, other }) => {
        await store.insertRender(render('rnd_me1'));
        await store.insertRender(render('rnd_me2'));
        await store.insertRender(render('rnd_you', { owner: 'you' }));
        const evt = (n: number) => `evt_${String(n).padStart(24, '0')}`;
        /** An endpoint delivery of event n (its body starts with the event id, as deliveries.ts writes it). */
        const send = (id: string, n: number, over: Partial<NewDelivery> = {}) =>
          store.insertDelivery(
            delivery(id, {
              kind: 'endpoint',
              endpoint_id: 'we_x',
              body: JSON.stringify({ id: evt(n), object: 'event', type: over.event ?? 'render.succeeded', n }),
              ...over,
            }),
          );
        // Event 1 to two endpoints; 2 failed; 3 and 4 at the same time (the id orders them); 5 another owner's.
        await send('whd_1a', 1, { render_id: 'rnd_me1', created_at: T0 + 1 });
        await send('whd_1b', 1, { render_id: 'rnd_me1', created_at: T0 + 1 });
        await send('whd_2', 2, { render_id: 'rnd_me2', created_at: T0 + 2, event: 'render.failed' });
        await send('whd_3', 3, { render_id: 'rnd_me2', created_at: T0 + 3, event: 'set.succeeded' });
        await send('whd_4', 4, { render_id: 'rnd_me2', created_at: T0 + 3 });
        await send('whd_5', 5, { render_id: 'rnd_you', created_at: T0 + 4 });
        // Not events: a per-request webhook and a dispatch of my jobs (due later: not claimed below).
        const later = { render_id: 'rnd_me1', next_attempt_at: T0 + 1000 };
        await store.insertDelivery(delivery('whd_plain', { ...later, body: `{"id":"${evt(9)}"}` }));
        await store.insertDelivery(delivery('dsp_1', { ...later, kind: 'dispatch', body: '{}' }));
        // Event 1's first delivery is delivered; a resend of it, later, is still pending.
        const [claimed] = await store.claimDueDeliveries('n1', T0, 1, 1000);
        expect(claimed!.id).toBe('whd_1a');
        const done = { ok: true, failed: false, status: 200, error: null, next: T0 + 5, now: T0 + 5 };
        expect(await store.deliveryAttempted('whd_1a', 'n1', done)).toBe(true);
        await send('whd_1c', 1, { render_id: 'rnd_me1', created_at: T0 + 10 });

        const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);
        const mine = await other.listEvents('me', 10);
        expect(ids(mine)).toEqual([evt(4), evt(3), evt(2), evt(1)]);
        const one = mine[3]!;
        expect(one).toMatchObject({ type: 'render.succeeded', render_id: 'rnd_me1', created_at: T0 + 1, pending: 2 });
        expect(JSON.parse(one.body)).toMatchObject({ id: evt(1), n: 1 });
        expect(ids(await other.listEvents('you', 10))).toEqual([evt(5)]);
        expect(await other.listEvents('nobody', 10)).toEqual([]);
        // Paging: after a cursor, limit.
        expect(ids(await store.listEvents('me', 2))).toEqual([evt(4), evt(3)]);
        expect(ids(await store.listEvents('me', 2, { after: { created_at: T0 + 3, id: evt(3) } }))).toEqual([
          evt(2),
          evt(1),
        ]);
        expect(ids(await store.listEvents('me', 10, { after: { created_at: T0 + 3, id: evt(4) } }))).toEqual([
          evt(3),
          evt(2),
          evt(1),
        ]);
        // Filters.
        expect(ids(await store.listEvents('me', 10, { types: ['render.failed', 'set.succeeded'] }))).toEqual([
          evt(3),
          evt(2),
        ]);
        expect(await store.listEvents('me', 10, { types: [] })).toEqual([]);
        expect(ids(await store.listEvents('me', 10, { delivered: false }))).toEqual([evt(4), evt(3), evt(2), evt(1)]);
        for (const id of ['whd_2', 'whd_3', 'whd_4', 'whd_1b', 'whd_1c']) {
          const [c] = await other.claimDueDeliveries('n2', T0 + 100, 1, 1000);
          expect(c, id).toBeDefined();
          const failed = c!.id === 'whd_2';
          await other.deliveryAttempted(c!.id, 'n2', { ...done, ok: !failed, failed, status: failed ? 500 : 200 });
        }
        expect(ids(await store.listEvents('me', 10, { delivered: true }))).toEqual([evt(4), evt(3), evt(1)]);
        expect(ids(await store.listEvents('me', 10, { delivered: false }))).toEqual([evt(2)]);
        // One event, by owner.
        expect(await store.event('me', evt(1))).toMatchObject({ id: evt(1), pending: 0, created_at: T0 + 1 });
        expect(await store.event('you', evt(1))).toBeUndefined();
        expect(await store.event('me', evt(5))).toBeUndefined();
        expect(await store.event('me', evt(9))).toBeUndefined();
        expect(await other.event('you', evt(5))).toMatchObject({ id: evt(5), render_id: 'rnd_you' });
      });
    });

    it('blobs round-trip: put, get, stat, stream, list, delete, deletePrefix', async () => {
      await use(async ({ blobs }) => {
        const bytes = Buffer.from([0, 1, 2, 250, 255]);
        await blobs.put('renders/rnd_x/inputs/01.png', bytes);
        await blobs.put('renders/rnd_x/out/en-US/a.png', Buffer.from('a'));
        await blobs.put('renders/rnd_y/out/b.png', Buffer.from('b'));
        expect(await blobs.get('renders/rnd_x/inputs/01.png')).toEqual(bytes);
        expect(await blobs.stat('renders/rnd_x/inputs/01.png')).toEqual({ bytes: 5 });
        const stream = (await blobs.stream('renders/rnd_x/inputs/01.png'))!;
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
        expect(Buffer.concat(chunks)).toEqual(bytes);
        expect(await blobs.list('renders/rnd_x')).toEqual([
          'renders/rnd_x/inputs/01.png',
          'renders/rnd_x/out/en-US/a.png',
        ]);
        await blobs.put('renders/rnd_x/inputs/01.png', Buffer.from('new'));
        expect((await blobs.get('renders/rnd_x/inputs/01.png'))?.toString()).toBe('new');
        await blobs.delete('renders/rnd_x/inputs/01.png');
        await blobs.delete('renders/rnd_x/inputs/01.png');
        expect(await blobs.get('renders/rnd_x/inputs/01.png')).toBeUndefined();
        expect(await blobs.stat('renders/rnd_x/inputs/01.png')).toBeUndefined();
        expect(await blobs.stream('renders/rnd_x/inputs/01.png')).toBeUndefined();
        await blobs.deletePrefix('renders/rnd_x');
        await blobs.deletePrefix('renders/rnd_none');
        expect(await blobs.list('renders/rnd_x')).toEqual([]);
        expect(await blobs.get('renders/rnd_y/out/b.png')).toEqual(Buffer.from('b'));
        await expect(blobs.put('../escape.png', Buffer.from('x'))).rejects.toThrow();
      });
    });
  });
}
