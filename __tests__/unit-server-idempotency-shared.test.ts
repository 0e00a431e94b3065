// Idempotency keys on a SHARED store, from src/ in process: a throwaway PostgreSQL (helpers/postgres)
// and two or three Idempotency instances, each with its own pool and injected clock, standing for
// the API nodes of one deployment. A claim without a render is waited for while it is younger than
// ORPHAN_AFTER_MS (the clock is advanced past it instead of waiting a minute), then taken over; of
// two concurrent takeovers one wins and the other waits for its answer; a duplicate that waited for
// the first request in the same process replays its answer only for the same body.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePg, usePostgres } from './helpers/postgres.js';
import { ApiError } from '../src/server/errors.js';
import { type Claim, Idempotency, type SavedResponse } from '../src/server/idempotency.js';
import { PostgresStore } from '../src/server/storage/postgres.js';
import type { ServiceStore } from '../src/server/storage/types.js';

/** idempotency.ts's ORPHAN_AFTER_MS: a claim without a render this old is taken over. */
const ORPHAN_AFTER_MS = 60_000;
const T0 = 1_000_000;
const TTL_SECONDS = 3600;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** p, or a rejection naming what did not happen within ms (a claim that waits forever must fail, not hang). */
async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Tracks whether a promise has settled, without leaving its rejection unhandled. */
function track<T>(p: Promise<T>): { p: Promise<T>; settled: () => boolean } {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  return { p, settled: () => done };
}

/**
 * The real store, with its takeOverIdempotency calls held until `count` nodes have called it (or
 * `maxWaitMs` passed), so that both nodes have read the orphaned claim before either takes it over.
 * Every call still goes to PostgreSQL; `results` records what each takeover answered.
 */
function takeoverGate(count: number, maxWaitMs: number) {
  const results: boolean[] = [];
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const wrap = (store: ServiceStore): ServiceStore =>
    new Proxy(store, {
      get(target, prop) {
        if (prop === 'takeOverIdempotency') {
          return async (...args: Parameters<ServiceStore['takeOverIdempotency']>) => {
            if (++arrived >= count) open();
            await Promise.race([opened, sleep(maxWaitMs)]);
            const won = await target.takeOverIdempotency(...args);
            results.push(won);
            return won;
          };
        }
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  return { wrap, results };
}

describePg('idempotency keys on a shared (PostgreSQL) store', () => {
  const pg = usePostgres();
  const stores: PostgresStore[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
  });
  beforeAll(async () => {
    const s = PostgresStore.open({ url: pg.url(), max: 2, log: () => undefined });
    stores.push(s);
    await s.migrate();
  }, 60_000);

  /** One API node: its own pool on the shared database, its own clock. */
  function node(now = T0, wrap?: (s: ServiceStore) => ServiceStore, ttlSeconds = TTL_SECONDS) {
    const store = PostgresStore.open({ url: pg.url(), max: 4, log: () => undefined });
    stores.push(store);
    const clock = { now };
    const idem = new Idempotency(wrap ? wrap(store) : store, () => clock.now, ttlSeconds);
    return { store, clock, idem };
  }
  const answer = (id: string): SavedResponse => ({ status: 201, body: { id, status: 'queued' } });
  const asNew = (c: Claim) => {
    if (c.kind !== 'new') throw new Error(`expected a new claim, got ${c.kind}`);
    return c;
  };

  it("a second node's duplicate waits for a young claim, then replays the first node's answer", async () => {
    const a = node(T0);
    const b = node(T0 + ORPHAN_AFTER_MS - 1); // the claim is 59.999 s old for b: still young
    const first = asNew(await a.idem.claim('owner', 'young', 'h1', 'async'));
    const dup = track(b.idem.claim('owner', 'young', 'h1', 'async'));
    await sleep(500); // several polls of the store
    expect(dup.settled()).toBe(false);
    await first.finish(answer('r-young'));
    expect(await within(dup.p, 5000, "b's duplicate replaying a's answer")).toEqual({
      kind: 'replay',
      response: answer('r-young'),
    });
  }, 30_000);

  it('takes over a claim ORPHAN_AFTER_MS old: the request proceeds as new and its answer is kept', async () => {
    const dead = node(T0); // claims and never answers (its process died between claim and render)
    asNew(await dead.idem.claim('owner', 'orphan', 'h1', 'async'));
    const b = node(T0 + ORPHAN_AFTER_MS);
    const took = asNew(await within(b.idem.claim('owner', 'orphan', 'h1', 'async'), 5000, 'taking over the orphan'));
    expect((await b.store.idempotency('owner', 'orphan'))?.created_at).toBe(T0 + ORPHAN_AFTER_MS);
    await took.finish(answer('r-orphan'));
    const c = node(T0 + ORPHAN_AFTER_MS + 1);
    expect(await within(c.idem.claim('owner', 'orphan', 'h1', 'async'), 5000, 'a later duplicate')).toEqual({
      kind: 'replay',
      response: answer('r-orphan'),
    });
  }, 30_000);

  it('of two concurrent takeovers of an orphaned claim exactly one wins; the other waits and replays its answer', async () => {
    const dead = node(T0);
    asNew(await dead.idem.claim('owner', 'race', 'h1', 'async'));
    const gate = takeoverGate(2, 3000);
    const a = node(T0 + ORPHAN_AFTER_MS + 1000, gate.wrap);
    const b = node(T0 + ORPHAN_AFTER_MS + 1000, gate.wrap);
    const pa = track(a.idem.claim('owner', 'race', 'h1', 'async'));
    const pb = track(b.idem.claim('owner', 'race', 'h1', 'async'));
    const first = await within(
      Promise.race([pa.p.then((c) => ({ who: 'a', c })), pb.p.then((c) => ({ who: 'b', c }))]),
      10_000,
      'one of the takeovers',
    );
    const winner = asNew(first.c);
    const loser = first.who === 'a' ? pb : pa;
    for (let i = 0; i < 50 && gate.results.length < 2; i++) await sleep(20);
    expect(gate.results.sort()).toEqual([false, true]); // both read the orphan and tried; PostgreSQL let one win
    await sleep(500);
    expect(loser.settled()).toBe(false); // the loser waits for the winner's (young) claim
    await winner.finish(answer('r-race'));
    expect(await within(loser.p, 5000, "the loser replaying the winner's answer")).toEqual({
      kind: 'replay',
      response: answer('r-race'),
    });
  }, 30_000);

  it("a duplicate waiting in the same process with another body gets 422 (reused key), not the first's answer", async () => {
    const a = node(T0);
    const first = asNew(await a.idem.claim('owner', 'body', 'h1', 'async'));
    const same = track(a.idem.claim('owner', 'body', 'h1', 'async'));
    const other = track(a.idem.claim('owner', 'body', 'h2', 'async'));
    await sleep(200);
    expect(same.settled()).toBe(false);
    expect(other.settled()).toBe(false);
    await first.finish(answer('r-body'));
    expect(await within(same.p, 5000, 'the same-body duplicate')).toEqual({
      kind: 'replay',
      response: answer('r-body'),
    });
    const err = await within(other.p, 5000, 'the other-body duplicate').then(
      (c) => c,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    // Another node's duplicate with another body is refused at once, without waiting for the claim.
    const b = node(T0 + 1);
    const second = asNew(await a.idem.claim('owner', 'body2', 'h1', 'async'));
    await expect(
      within(b.idem.claim('owner', 'body2', 'h2', 'async'), 5000, 'b with another body'),
    ).rejects.toMatchObject({
      status: 422,
      code: 'idempotency_key_reused',
    });
    await second.abandon();
  }, 30_000);

  it("a duplicate that waited in the same process replays the first's answer even when the key expired meanwhile", async () => {
    const a = node(T0, undefined, 60);
    const first = asNew(await a.idem.claim('owner', 'slow', 'h1', 'sync'));
    const dup = track(a.idem.claim('owner', 'slow', 'h1', 'sync'));
    a.clock.now = T0 + 61_000; // the render took longer than the key lives
    await first.finish(answer('r-slow'));
    // It arrived while the key was live: it gets that answer, not a second render of its own.
    expect(await within(dup.p, 5000, 'the waiting duplicate')).toEqual({ kind: 'replay', response: answer('r-slow') });
  }, 30_000);

  it('a claim that the store cannot take rejects, and frees the key for the next request in the process', async () => {
    const a = node(T0);
    await a.store.close();
    await expect(a.idem.claim('owner', 'down', 'h1', 'async')).rejects.toThrow();
    await expect(within(a.idem.claim('owner', 'down', 'h1', 'async'), 5000, 'the next claim')).rejects.toThrow(
      /pool|end|closed/i,
    );
  }, 30_000);
});
