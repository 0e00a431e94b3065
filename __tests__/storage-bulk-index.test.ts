// A bulk's jobs by their bulk_id column (src/server/storage/types.ts: bulkJobs, bulks), on both stores:
// SQLite and PostgreSQL (a throwaway cluster, __tests__/helpers/postgres.ts). allscreenshots' bulk status
// and list read them (src/server/compat/allscreenshots-bulk.ts) instead of scanning every job of the key.
// Among many other jobs of the same key (more than one page of the old 200-row scan), another key's bulk
// of the same id, a held job and an expired one, each query answers exactly the bulk's jobs; the very
// queries the store runs are planned on the renders_by_bulk index (EXPLAIN, sequential scans off on
// PostgreSQL so its choice on a small table does not decide); and a database made before the column
// (PostgreSQL below migration 7, SQLite without the column) gets its old bulk jobs' ids from their metadata.
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/server/storage/sqlite.js';
import type { PostgresStore } from '../src/server/storage/postgres.js';
import type { NewRender, ServiceStore } from '../src/server/storage/types.js';
import { postgresBackend } from './helpers/postgres.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const T0 = 1_800_000_000_000;

const bulkSpec = (bulk: string, index: number, total: number) =>
  JSON.stringify({ metadata: { compat: 'allscreenshots', url: 'http://x/', bulk: { id: bulk, index, total } } });

const render = (id: string, over: Partial<NewRender> = {}): NewRender => ({
  id,
  owner: 'me',
  status: 'queued',
  created_at: T0,
  expires_at: T0 + 60_000,
  spec: '{}',
  jobs: '[]',
  slides: 1,
  base_url: 'http://127.0.0.1',
  ...over,
});

/** Many jobs of the key, with two bulks among them and the traps around them. */
async function fill(store: ServiceStore) {
  const ids = { a: [] as string[], b: [] as string[] };
  let n = 0;
  const other = async (count: number) => {
    for (let i = 0; i < count; i++) await store.insertRender(render(`rnd_other${n++}`));
  };
  await other(120);
  for (let i = 0; i < 3; i++) {
    const id = `rnd_a${i}`;
    await store.insertRender(render(id, { bulk_id: 'blk_a', spec: bulkSpec('blk_a', i, 3) }));
    ids.a.push(id);
    await other(40);
  }
  // Another key's bulk with the same id: never one of this key's.
  await store.insertRender(render('rnd_theirs', { owner: 'them', bulk_id: 'blk_a', spec: bulkSpec('blk_a', 3, 4) }));
  for (let i = 0; i < 2; i++) {
    const id = `rnd_b${i}`;
    await store.insertRender(render(id, { bulk_id: 'blk_b', spec: bulkSpec('blk_b', i, 2) }));
    ids.b.push(id);
  }
  await other(100);
  // A bulk still being made (held), and an expired job of a third bulk: neither is listed.
  await store.insertRender(render('rnd_held', { status: 'held', lease_expires_at: T0, bulk_id: 'blk_c' }));
  await store.insertRender(render('rnd_gone', { bulk_id: 'blk_d' }));
  expect(await store.markExpired('rnd_gone')).toBe(true);
  return ids;
}

/** The SQL and parameters of the store's queries while `f` runs (its private `all`). */
async function queriesOf(store: ServiceStore, f: () => Promise<unknown>) {
  const s = store as unknown as { all: (...a: unknown[]) => unknown };
  const seen: unknown[][] = [];
  const all = s.all;
  s.all = function (this: unknown, ...a: unknown[]) {
    seen.push(a);
    return all.apply(this, a);
  };
  try {
    await f();
  } finally {
    s.all = all;
  }
  return seen;
}

async function contract(store: ServiceStore, plan: (query: unknown[]) => Promise<string>) {
  const ids = await fill(store);
  const a = await store.bulkJobs('me', 'blk_a');
  expect(a.map((r) => r.id)).toEqual(ids.a);
  expect(a.every((r) => r.bulk_id === 'blk_a' && r.owner === 'me')).toBe(true);
  expect((await store.bulkJobs('me', 'blk_b')).map((r) => r.id)).toEqual(ids.b);
  expect((await store.bulkJobs('them', 'blk_a')).map((r) => r.id)).toEqual(['rnd_theirs']);
  expect(await store.bulkJobs('me', 'blk_c')).toEqual([]);
  expect(await store.bulkJobs('me', 'blk_d')).toEqual([]);
  expect(await store.bulkJobs('me', 'blk_none')).toEqual([]);

  // The newest bulks, newest job first: blk_b's jobs came after blk_a's last.
  const listed = await store.bulks('me', 10);
  expect(listed.map((r) => r.id)).toEqual([...ids.b].reverse().concat([...ids.a].reverse()));
  expect((await store.bulks('me', 1)).map((r) => r.id)).toEqual([...ids.b].reverse());
  expect((await store.bulks('them', 10)).map((r) => r.id)).toEqual(['rnd_theirs']);
  expect(await store.bulks('nobody', 10)).toEqual([]);

  // The queries the store ran, planned on the bulk index.
  for (const f of [() => store.bulkJobs('me', 'blk_a'), () => store.bulks('me', 10)]) {
    const qs = await queriesOf(store, f);
    expect(qs).toHaveLength(1);
    expect(await plan(qs[0]!)).toMatch(/\brenders_by_bulk\b/);
  }
}

describe('bulk jobs by index: sqlite', () => {
  const open = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-bulkidx-'));
    dirs.push(dir);
    return { dir, store: new SqliteStore(dir) };
  };

  it("answers exactly the bulk's jobs among many, on the index", async () => {
    const { store } = open();
    const db = (store as unknown as { db: DatabaseSync }).db;
    await contract(store, async ([sql, ...args]) =>
      JSON.stringify(db.prepare(`EXPLAIN QUERY PLAN ${sql as string}`).all(...(args as Array<string | number>))),
    );
    await store.close();
  });

  it("a database made before the column gets its bulk jobs' ids from their metadata", async () => {
    const { dir, store } = open();
    await store.insertRender(render('rnd_old0', { spec: bulkSpec('blk_old', 0, 2) }));
    await store.insertRender(render('rnd_old1', { spec: bulkSpec('blk_old', 1, 2) }));
    // A render of our own API whose metadata only looks like a bulk: not allscreenshots', left alone.
    await store.insertRender(
      render('rnd_ours', { spec: JSON.stringify({ metadata: { bulk: { id: 'blk_old', index: 2, total: 3 } } }) }),
    );
    await store.insertRender(render('rnd_plain'));
    await store.close();
    // The older database: no bulk_id column (and no index on it).
    const raw = new DatabaseSync(path.join(dir, 'storeshots.db'));
    raw.exec('DROP INDEX renders_by_bulk; ALTER TABLE renders DROP COLUMN bulk_id;');
    raw.close();
    const again = new SqliteStore(dir);
    expect((await again.bulkJobs('me', 'blk_old')).map((r) => r.id)).toEqual(['rnd_old0', 'rnd_old1']);
    expect((await again.render('rnd_ours'))!.bulk_id).toBeNull();
    expect((await again.render('rnd_plain'))!.bulk_id).toBeNull();
    await again.close();
  });
});

describe('bulk jobs by index: postgres', () => {
  it("answers exactly the bulk's jobs among many, on the index; migration 7 fills the column of older jobs", async () => {
    const opened = await postgresBackend.open();
    if (!opened) return;
    const store = opened.store as PostgresStore;
    try {
      await contract(store, async ([sql, params]) => {
        const c = await store.pool.connect();
        try {
          await c.query('SET enable_seqscan = off');
          const r = await c.query(`EXPLAIN ${sql as string}`, params as unknown[]);
          return r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n');
        } finally {
          c.release();
        }
      });

      // Below migration 7: jobs made then have their bulk only in their metadata.
      await store.pool.query(
        'DROP INDEX renders_by_bulk; ALTER TABLE renders DROP COLUMN bulk_id; DELETE FROM schema_migrations WHERE version = 7',
      );
      await store.pool.query(
        `INSERT INTO renders (id, owner, status, created_at, expires_at, spec, jobs, slides, base_url) VALUES
         ('rnd_old0', 'me', 'queued', ${T0}, ${T0 + 60_000}, $1, '[]', 1, 'http://127.0.0.1'),
         ('rnd_old1', 'me', 'queued', ${T0}, ${T0 + 60_000}, $2, '[]', 1, 'http://127.0.0.1'),
         ('rnd_ours', 'me', 'queued', ${T0}, ${T0 + 60_000}, $3, '[]', 1, 'http://127.0.0.1')`,
        [
          bulkSpec('blk_old', 0, 2),
          bulkSpec('blk_old', 1, 2),
          JSON.stringify({ metadata: { bulk: { id: 'blk_old', index: 2, total: 3 } } }),
        ],
      );
      await store.migrate();
      expect((await store.bulkJobs('me', 'blk_old')).map((r) => r.id)).toEqual(['rnd_old0', 'rnd_old1']);
      expect((await store.render('rnd_ours'))!.bulk_id).toBeNull();
      // The jobs made with the column were filled from their metadata too (the same bulks).
      expect((await store.bulkJobs('me', 'blk_a')).map((r) => r.id)).toEqual(['rnd_a0', 'rnd_a1', 'rnd_a2']);
      expect((await store.render('rnd_other0'))!.bulk_id).toBeNull();
    } finally {
      await opened.close();
    }
  }, 180_000);
});
