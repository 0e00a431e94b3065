// ServiceStore on PostgreSQL (node-postgres, one Pool per process): the store of every API node and
// worker of a multi-machine deployment (`--database postgres://…`). Same rows and semantics as
// sqlite.ts; what differs is how the atomic steps are made safe across processes and machines:
// - the queue is the renders table itself: claimNext() is one UPDATE of the row a
//   `SELECT … FOR UPDATE SKIP LOCKED LIMIT 1` picked, so concurrent workers never take the same job
//   and never wait on each other's row; a lease (worker, lease_expires_at) lets another worker take
//   a job whose worker died (releaseExpiredLeases);
// - idempotency is the (owner, key) primary key: `INSERT … ON CONFLICT` lets one claim in;
// - delivery attempts are claimed the same way as jobs (SKIP LOCKED, with a lease);
// - usage is an atomic upsert; expiry is a compare-and-set (markExpired), so sweeps on every node
//   are safe, and exclusive() lets one node at a time run a sweep (an advisory lock);
// - BIGINT and NUMERIC come back as JS numbers (every value here is below 2^53).
// A restarted or failed-over server is reconnected to: the pool drops broken connections (its
// 'error' events are handled), and a statement that could not connect is retried for a while.
import pg from 'pg';
import { migrate } from './pg-migrations.js';
import {
  type AttemptResult,
  type DeliveryRow,
  type FinishFields,
  type IdempotencyRow,
  type ImageRow,
  type NewDelivery,
  type NewIdempotency,
  type NewProject,
  type NewRender,
  type EventFilter,
  type EventRow,
  type OutputRow,
  type ProjectRow,
  type RenderRow,
  type RenderStatus,
  TERMINAL,
  type ServiceStore,
  type UploadRow,
  type NewWebhookEndpoint,
  type WebhookEndpointChange,
  type WebhookEndpointRow,
  type NewSchedule,
  type NewScheduleRun,
  type ScheduleChange,
  type ScheduleRow,
  type ScheduleRunCounts,
  type ScheduleRunRow,
} from './types.js';
import { eventsSql } from './events-sql.js';

type Param = string | number | boolean | null | Buffer | string[];

const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` (libpq URL; `?sslmode=` etc. as node-postgres reads them). */
  url: string;
  /** Connections this process may hold (default 10). */
  max?: number;
  /** How long a statement keeps retrying while the server cannot be reached (default 15 s). */
  reconnectMs?: number;
  /** Where connection errors are reported (default: stderr). */
  log?: (msg: string) => void;
}

/**
 * A connection could not be made, for a reason that passes (the server restarts, fails over, is
 * full): socket errors, "starting up / shutting down" (57P03), too many connections (53300), admin
 * shutdown (57P01). Wrong credentials or an unknown database are not retried.
 */
function transientConnect(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  if (code === undefined) return true; // pg's own "Connection terminated", "timeout exceeded when trying to connect"
  return /^E[A-Z]+$/.test(code) || code === '57P03' || code === '53300' || code === '57P01';
}

/** The connection broke while a statement was in flight (no SQLSTATE: the socket, not the server, failed). */
function connectionLost(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === undefined || /^E[A-Z]+$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03';
}

/** Makes the pool every PostgresStore of this process shares. */
export function createPool(opts: PostgresOptions): pg.Pool {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const pool = new pg.Pool({
    // A connection refused while the server starts up (57P03) can still emit 'error' after the
    // pool has been told: a listener on every client keeps that from killing the process. The
    // error itself reaches the statement or connect() that was waiting on the client.
    Client: class extends pg.Client {
      constructor(config?: string | pg.ClientConfig) {
        super(config);
        this.on('error', () => undefined);
      }
    },
    connectionString: opts.url,
    max: opts.max ?? 10,
    types,
    keepAlive: true,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'storeshots',
  });
  // An idle connection that the server closed (restart, fail-over, idle timeout) emits 'error' on
  // the pool: without a listener that kills the process. The pool has already dropped it.
  pool.on('error', (e) => log(`postgres: idle connection lost (${e.message}); the next statement reconnects`));
  return pool;
}

interface Shared {
  pool: pg.Pool;
  reconnectMs: number;
  closed: boolean;
}

export class PostgresStore implements ServiceStore {
  readonly engine = 'postgres';
  readonly shared = true;

  private constructor(
    private readonly s: Shared,
    /** Set inside tx(): the transaction's connection. */
    private readonly client?: pg.PoolClient,
  ) {}

  static open(opts: PostgresOptions): PostgresStore {
    return new PostgresStore({ pool: createPool(opts), reconnectMs: opts.reconnectMs ?? 15_000, closed: false });
  }

  /** The pool (for the blob store and metrics, which share it). */
  get pool(): pg.Pool {
    return this.s.pool;
  }

  async migrate(): Promise<void> {
    await this.connect().then((c) => c.release());
    await migrate(this.s.pool);
  }

  async close(): Promise<void> {
    if (this.s.closed) return;
    this.s.closed = true;
    await this.s.pool.end();
  }

  /** Waits until a connection can be made (bounded by reconnectMs): the server may be restarting. */
  private async connect(): Promise<pg.PoolClient> {
    const until = Date.now() + this.s.reconnectMs;
    for (let wait = 100; ; wait = Math.min(wait * 2, 2000)) {
      try {
        return await this.s.pool.connect();
      } catch (e) {
        if (this.s.closed || !transientConnect(e) || Date.now() + wait > until) throw e;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /**
   * One statement on a pooled connection. A read (SELECT) whose connection broke mid-flight is sent
   * again on a new connection; a write is not (whether it committed is unknown): its error reaches
   * the caller, which answers 503 and the client retries with its Idempotency-Key.
   */
  private async q<R extends pg.QueryResultRow>(sql: string, params: Param[] = []): Promise<pg.QueryResult<R>> {
    if (this.client) return await this.client.query<R>(sql, params);
    const read = /^\s*SELECT\b/i.test(sql);
    const until = Date.now() + this.s.reconnectMs;
    for (;;) {
      const client = await this.connect();
      try {
        const out = await client.query<R>(sql, params);
        client.release();
        return out;
      } catch (e) {
        const lost = connectionLost(e);
        client.release(lost ? (e as Error) : undefined);
        if (!lost || !read || this.s.closed || Date.now() > until) throw e;
      }
    }
  }

  private async one<R extends pg.QueryResultRow>(sql: string, params: Param[] = []): Promise<R | undefined> {
    return (await this.q<R>(sql, params)).rows[0];
  }

  private async all<R extends pg.QueryResultRow>(sql: string, params: Param[] = []): Promise<R[]> {
    return (await this.q<R>(sql, params)).rows;
  }

  private async run(sql: string, params: Param[] = []): Promise<number> {
    return (await this.q(sql, params)).rowCount ?? 0;
  }

  async tx<T>(fn: (s: ServiceStore) => Promise<T>): Promise<T> {
    if (this.client) return await fn(this);
    const client = await this.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const out = await fn(new PostgresStore(this.s, client));
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch((r: Error) => {
        broken = r; // the connection is gone: not handed back to the pool
      });
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Runs fn only if no other node runs the job of that name (a sweep): a session advisory lock,
   * tried without waiting, held on one connection for fn's duration. Resolves undefined when
   * another node holds it. Correctness never depends on it (every step of a sweep is atomic); it
   * saves the other nodes the work.
   */
  async exclusive<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
    const client = await this.connect();
    let broken: Error | undefined;
    try {
      const got = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [
        `storeshots:${name}`,
      ]);
      if (!got.rows[0]?.ok) return undefined;
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`storeshots:${name}`]).catch((e: Error) => {
          broken = e;
        });
      }
    } finally {
      client.release(broken);
    }
  }

  /**
   * A value every node must agree on (the link signing secret): the first node to ask stores
   * `make()`'s value, every later call on any node reads that one. Of concurrent first calls on
   * many nodes one inserts (the primary key), the others read its row.
   */
  async setting(name: string, make: () => string): Promise<string> {
    await this.run('INSERT INTO settings (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [
      name,
      make(),
      Date.now(),
    ]);
    const row = await this.one<{ value: string }>('SELECT value FROM settings WHERE name = $1', [name]);
    if (!row) throw new Error(`setting ${name} vanished`);
    return row.value;
  }

  // ---- renders ------------------------------------------------------------------------------------

  async insertRender(r: NewRender): Promise<void> {
    await this.run(
      'INSERT INTO renders (id, owner, status, created_at, expires_at, spec, jobs, slides, base_url, lease_expires_at, bulk_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)',
      [
        r.id,
        r.owner,
        r.status,
        r.created_at,
        r.expires_at,
        r.spec,
        r.jobs,
        r.slides,
        r.base_url,
        r.lease_expires_at ?? null,
        r.bulk_id ?? null,
      ],
    );
  }

  async bulkJobs(owner: string, bulkId: string): Promise<RenderRow[]> {
    return await this.all<RenderRow>(
      "SELECT * FROM renders WHERE owner = $1 AND bulk_id = $2 AND expired = 0 AND status <> 'held' ORDER BY seq",
      [owner, bulkId],
    );
  }

  async bulks(owner: string, limit: number): Promise<RenderRow[]> {
    return await this.all<RenderRow>(
      `SELECT * FROM renders WHERE owner = $1 AND expired = 0 AND status <> 'held' AND bulk_id IN (
         SELECT bulk_id FROM renders WHERE owner = $1 AND bulk_id IS NOT NULL AND expired = 0 AND status <> 'held'
         GROUP BY bulk_id ORDER BY MAX(seq) DESC LIMIT $2)
       ORDER BY seq DESC`,
      [owner, limit],
    );
  }

  async render(id: string): Promise<RenderRow | undefined> {
    return await this.one<RenderRow>('SELECT * FROM renders WHERE id = $1', [id]);
  }

  async queued(limit: number): Promise<RenderRow[]> {
    return await this.all<RenderRow>("SELECT * FROM renders WHERE status = 'queued' ORDER BY seq LIMIT $1", [limit]);
  }

  async list(
    owner: string,
    limit: number,
    before?: number,
    status?: RenderStatus,
    prefix = 'rnd',
  ): Promise<RenderRow[]> {
    const params: Param[] = [owner, before ?? Number.MAX_SAFE_INTEGER, `${prefix}_`];
    if (status) params.push(status);
    params.push(limit);
    return await this.all<RenderRow>(
      `SELECT * FROM renders WHERE owner = $1 AND expired = 0 AND status <> 'held' AND seq < $2 AND starts_with(id, $3)${status ? ' AND status = $4' : ''} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
  }

  async seqOf(id: string, owner: string, prefix = 'rnd'): Promise<number | undefined> {
    if (!id.startsWith(`${prefix}_`)) return undefined;
    return (
      await this.one<{ seq: number }>("SELECT seq FROM renders WHERE id = $1 AND owner = $2 AND status <> 'held'", [
        id,
        owner,
      ])
    )?.seq;
  }

  async byStatus(status: RenderStatus): Promise<RenderRow[]> {
    return await this.all<RenderRow>('SELECT * FROM renders WHERE status = $1 ORDER BY seq', [status]);
  }

  async claim(id: string, worker: string, now: number, leaseMs: number): Promise<boolean> {
    return (
      (await this.run(
        "UPDATE renders SET status = 'processing', worker = $1, lease_expires_at = $2, started_at = COALESCE(started_at, $3) WHERE id = $4 AND status = 'queued'",
        [worker, now + leaseMs, now, id],
      )) === 1
    );
  }

  async claimNext(worker: string, now: number, leaseMs: number): Promise<RenderRow | undefined> {
    // SKIP LOCKED: a job another worker is taking right now is passed over, not waited for (and
    // not taken twice: the row lock is held until that worker's UPDATE commits).
    return await this.one<RenderRow>(
      `UPDATE renders SET status = 'processing', worker = $1, lease_expires_at = $2, started_at = COALESCE(started_at, $3)
       WHERE seq = (SELECT seq FROM renders WHERE status = 'queued' ORDER BY seq FOR UPDATE SKIP LOCKED LIMIT 1)
         AND status = 'queued'
       RETURNING *`,
      [worker, now + leaseMs, now],
    );
  }

  async renewLease(id: string, worker: string, now: number, leaseMs: number): Promise<boolean> {
    return (
      (await this.run(
        "UPDATE renders SET lease_expires_at = $1 WHERE id = $2 AND worker = $3 AND status = 'processing'",
        [now + leaseMs, id, worker],
      )) === 1
    );
  }

  async releaseLease(id: string, worker: string): Promise<boolean> {
    return (
      (await this.run(
        "UPDATE renders SET status = 'queued', worker = NULL, lease_expires_at = NULL WHERE id = $1 AND worker = $2 AND status = 'processing'",
        [id, worker],
      )) === 1
    );
  }

  async releaseExpiredLeases(now: number): Promise<string[]> {
    // Concurrent sweeps: the second UPDATE waits for the first's row lock, re-reads the row, finds
    // it queued and leaves it: each job is released once.
    const rows = await this.all<{ id: string }>(
      "UPDATE renders SET status = 'queued', worker = NULL, lease_expires_at = NULL WHERE status = 'processing' AND (lease_expires_at IS NULL OR lease_expires_at <= $1) RETURNING id",
      [now],
    );
    return rows.map((r) => r.id).sort();
  }

  async finish(id: string, from: RenderStatus[], to: RenderStatus, fields: FinishFields): Promise<boolean> {
    const params: Param[] = [
      to,
      fields.completed_at,
      fields.expires_at,
      fields.lint ?? null,
      fields.error ?? null,
      fields.credits_used ?? 0,
      id,
      from,
    ];
    if (fields.worker !== undefined) params.push(fields.worker);
    return (
      (await this.run(
        `UPDATE renders SET status = $1, completed_at = $2, expires_at = $3, lint = $4, error = $5, credits_used = $6, worker = NULL, lease_expires_at = NULL
         WHERE id = $7 AND status = ANY($8::text[])${fields.worker !== undefined ? ' AND worker = $9' : ''}`,
        params,
      )) === 1
    );
  }

  async setSpec(id: string, spec: string): Promise<void> {
    await this.run('UPDATE renders SET spec = $1 WHERE id = $2', [spec, id]);
  }

  async counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const r of await this.all<{ status: string; n: number }>(
      "SELECT status, COUNT(*) AS n FROM renders WHERE expired = 0 AND status <> 'held' GROUP BY status",
    ))
      out[r.status] = r.n;
    return out;
  }

  async oldestQueuedAt(): Promise<number | undefined> {
    return (
      (await this.one<{ t: number | null }>("SELECT MIN(created_at) AS t FROM renders WHERE status = 'queued'"))?.t ??
      undefined
    );
  }

  async pendingSlides(owner: string): Promise<number> {
    return (
      (
        await this.one<{ n: number | null }>(
          "SELECT SUM(slides) AS n FROM renders WHERE owner = $1 AND status IN ('held','queued','processing')",
          [owner],
        )
      )?.n ?? 0
    );
  }

  async dueForExpiry(now: number, limit = 100): Promise<RenderRow[]> {
    return await this.all<RenderRow>(
      'SELECT * FROM renders WHERE expired = 0 AND expires_at <= $1 AND status = ANY($2::text[]) ORDER BY expires_at, seq LIMIT $3',
      [now, [...TERMINAL], limit],
    );
  }

  async markExpired(id: string): Promise<boolean> {
    return await this.tx(async (t) => {
      const self = t as PostgresStore;
      if ((await self.run('UPDATE renders SET expired = 1 WHERE id = $1 AND expired = 0', [id])) !== 1) return false;
      await self.run('DELETE FROM images WHERE render_id = $1', [id]);
      return true;
    });
  }

  // ---- held jobs ----------------------------------------------------------------------------------

  async renewHolds(ids: string[], until: number): Promise<number> {
    if (!ids.length) return 0;
    return await this.run("UPDATE renders SET lease_expires_at = $1 WHERE status = 'held' AND id = ANY($2::text[])", [
      until,
      ids,
    ]);
  }

  async releaseHolds(ids: string[]): Promise<boolean> {
    if (!ids.length) return true;
    return await this.tx(async (t) => {
      const self = t as PostgresStore;
      // The rows locked first: a sweep's DELETE of one of them waits for this transaction and then
      // finds it queued; one the sweep deleted before is missing here, and nothing is released.
      const held = await self.all<{ id: string }>(
        "SELECT id FROM renders WHERE status = 'held' AND id = ANY($1::text[]) FOR UPDATE",
        [ids],
      );
      if (held.length !== new Set(ids).size) return false;
      await self.run("UPDATE renders SET status = 'queued', lease_expires_at = NULL WHERE id = ANY($1::text[])", [ids]);
      return true;
    });
  }

  async discardHolds(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.all<{ id: string }>(
      "DELETE FROM renders WHERE status = 'held' AND id = ANY($1::text[]) RETURNING id",
      [ids],
    );
    return rows.map((r) => r.id).sort();
  }

  async discardLapsedHolds(now: number, limit = 100): Promise<string[]> {
    // SKIP LOCKED: a hold a request is releasing right now is passed over (it is about to be queued).
    // MATERIALIZED: the rows are picked once (an IN (subquery) may be rescanned, and took more than `limit`).
    const rows = await this.all<{ id: string }>(
      `WITH doomed AS MATERIALIZED (
         SELECT seq FROM renders WHERE status = 'held' AND lease_expires_at <= $1 ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED
       )
       DELETE FROM renders r USING doomed WHERE r.seq = doomed.seq AND r.status = 'held' RETURNING r.id`,
      [now, limit],
    );
    return rows.map((r) => r.id).sort();
  }

  // ---- images -------------------------------------------------------------------------------------

  async insertImage(i: ImageRow): Promise<void> {
    await this.run(
      `INSERT INTO images (render_id, idx, slide, file, width, height, format, bytes, sha256, text) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
       ON CONFLICT (render_id, idx) DO UPDATE SET slide = excluded.slide, file = excluded.file, width = excluded.width, height = excluded.height,
         format = excluded.format, bytes = excluded.bytes, sha256 = excluded.sha256, text = excluded.text`,
      [i.render_id, i.idx, i.slide, i.file, i.width, i.height, i.format, i.bytes, i.sha256, i.text],
    );
  }

  async images(renderId: string): Promise<ImageRow[]> {
    return await this.all<ImageRow>('SELECT * FROM images WHERE render_id = $1 ORDER BY idx', [renderId]);
  }

  // ---- idempotency keys ---------------------------------------------------------------------------

  async idempotency(owner: string, key: string): Promise<IdempotencyRow | undefined> {
    return await this.one<IdempotencyRow>('SELECT * FROM idempotency WHERE owner = $1 AND key = $2', [owner, key]);
  }

  async claimIdempotency(row: NewIdempotency): Promise<IdempotencyRow | undefined> {
    // The primary key decides: of concurrent inserts one goes in, the others meet the conflict and
    // (the stored key being live) change nothing. An expired key is replaced in the same statement.
    // The row seen after a conflict can vanish before it is read (its request failed validation and
    // released it): then the claim is tried again.
    for (let attempt = 0; ; attempt++) {
      const took = await this.run(
        `INSERT INTO idempotency (owner, key, body_hash, mode, created_at, expires_at) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (owner, key) DO UPDATE SET body_hash = excluded.body_hash, mode = excluded.mode, created_at = excluded.created_at,
           expires_at = excluded.expires_at, render_id = NULL, status_code = NULL, response = NULL
         WHERE idempotency.expires_at <= excluded.created_at`,
        [row.owner, row.key, row.body_hash, row.mode, row.created_at, row.expires_at],
      );
      if (took === 1) return undefined;
      const there = await this.idempotency(row.owner, row.key);
      if (there || attempt >= 5) {
        if (!there) throw new Error(`idempotency key ${row.key}: claimed and released repeatedly by other requests`);
        return there;
      }
    }
  }

  async takeOverIdempotency(row: NewIdempotency, prevCreatedAt: number): Promise<boolean> {
    return (
      (await this.run(
        `UPDATE idempotency SET body_hash = $1, mode = $2, created_at = $3, expires_at = $4, render_id = NULL, status_code = NULL, response = NULL
         WHERE owner = $5 AND key = $6 AND created_at = $7 AND render_id IS NULL AND response IS NULL`,
        [row.body_hash, row.mode, row.created_at, row.expires_at, row.owner, row.key, prevCreatedAt],
      )) === 1
    );
  }

  async setIdempotencyRender(owner: string, key: string, renderId: string): Promise<void> {
    await this.run('UPDATE idempotency SET render_id = $1 WHERE owner = $2 AND key = $3', [renderId, owner, key]);
  }

  async setIdempotencyResponse(owner: string, key: string, statusCode: number, response: string): Promise<void> {
    await this.run('UPDATE idempotency SET status_code = $1, response = $2 WHERE owner = $3 AND key = $4', [
      statusCode,
      response,
      owner,
      key,
    ]);
  }

  async releaseIdempotency(owner: string, key: string): Promise<void> {
    await this.run('DELETE FROM idempotency WHERE owner = $1 AND key = $2', [owner, key]);
  }

  async releaseOrphanKeys(createdBefore?: number): Promise<number> {
    return await this.run('DELETE FROM idempotency WHERE render_id IS NULL AND response IS NULL AND created_at < $1', [
      createdBefore ?? Number.MAX_SAFE_INTEGER,
    ]);
  }

  async expireIdempotency(now: number): Promise<number> {
    return await this.run('DELETE FROM idempotency WHERE expires_at <= $1', [now]);
  }

  // ---- deliveries ---------------------------------------------------------------------------------

  async insertDelivery(d: NewDelivery): Promise<void> {
    await this.run(
      "INSERT INTO deliveries (id, render_id, kind, url, secret, event, body, status, next_attempt_at, created_at, endpoint_id) VALUES ($1,$2,$3,$4,$5,$6,$7,'pending',$8,$9,$10)",
      [
        d.id,
        d.render_id,
        d.kind,
        d.url,
        d.secret,
        d.event,
        d.body,
        d.next_attempt_at,
        d.created_at,
        d.endpoint_id ?? null,
      ],
    );
  }

  async claimDueDeliveries(node: string, now: number, limit: number, leaseMs: number): Promise<DeliveryRow[]> {
    // The picked rows are a MATERIALIZED CTE: as `WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP
    // LOCKED)` the planner may run the sub-select again for each row it updates, and each run skips
    // other rows: one call then claimed all 40 due deliveries with a limit of 1 (the test caught it).
    const rows = await this.all<DeliveryRow>(
      `WITH picked AS MATERIALIZED (
         SELECT id FROM deliveries
         WHERE status = 'pending' AND next_attempt_at <= $3 AND (claimed_by IS NULL OR lease_expires_at <= $3)
         ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
       UPDATE deliveries d SET claimed_by = $1, lease_expires_at = $2
       FROM picked
       WHERE d.id = picked.id AND d.status = 'pending' AND (d.claimed_by IS NULL OR d.lease_expires_at <= $3)
       RETURNING d.*`,
      [node, now + leaseMs, now, limit],
    );
    return rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async deliveryAttempted(id: string, node: string, result: AttemptResult): Promise<boolean> {
    const final = result.ok || result.failed;
    return (
      (await this.run(
        `UPDATE deliveries SET attempts = attempts + 1, status = $1, last_status = $2, last_error = $3, next_attempt_at = $4,
           delivered_at = $5, claimed_by = NULL, lease_expires_at = NULL, secret = CASE WHEN $6 THEN '' ELSE secret END
         WHERE id = $7 AND claimed_by = $8`,
        [
          result.ok ? 'delivered' : result.failed ? 'failed' : 'pending',
          result.status,
          result.error,
          result.next,
          result.ok ? result.now : null,
          final,
          id,
          node,
        ],
      )) === 1
    );
  }

  async releaseDeliveries(node?: string): Promise<void> {
    if (node === undefined)
      await this.run(
        "UPDATE deliveries SET claimed_by = NULL, lease_expires_at = NULL WHERE status = 'pending' AND claimed_by IS NOT NULL",
      );
    else
      await this.run(
        "UPDATE deliveries SET claimed_by = NULL, lease_expires_at = NULL WHERE status = 'pending' AND claimed_by = $1",
        [node],
      );
  }

  async nextDeliveryAt(): Promise<number | undefined> {
    return (
      (
        await this.one<{ t: number | null }>(
          "SELECT MIN(next_attempt_at) AS t FROM deliveries WHERE status = 'pending'",
        )
      )?.t ?? undefined
    );
  }

  async deliveries(renderId: string): Promise<DeliveryRow[]> {
    return await this.all<DeliveryRow>('SELECT * FROM deliveries WHERE render_id = $1 ORDER BY created_at, id', [
      renderId,
    ]);
  }

  async pendingDeliveries(): Promise<number> {
    return (await this.one<{ n: number }>("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'pending'"))?.n ?? 0;
  }

  // ---- usage ----------------------------------------------------------------------------------------

  async usage(owner: string, month: string): Promise<number> {
    return (
      (await this.one<{ credits: number }>('SELECT credits FROM usage WHERE owner = $1 AND month = $2', [owner, month]))
        ?.credits ?? 0
    );
  }

  async addUsage(owner: string, month: string, credits: number): Promise<void> {
    await this.run(
      'INSERT INTO usage (owner, month, credits) VALUES ($1,$2,$3) ON CONFLICT (owner, month) DO UPDATE SET credits = usage.credits + excluded.credits',
      [owner, month, credits],
    );
  }

  // ---- projects ---------------------------------------------------------------------------------------

  async insertProject(p: NewProject): Promise<void> {
    await this.run(
      'INSERT INTO projects (id, owner, name, preset, canvas_state, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7)',
      [p.id, p.owner, p.name, p.preset, p.canvas_state, p.created_at, p.updated_at],
    );
  }

  async project(id: string): Promise<ProjectRow | undefined> {
    return await this.one<ProjectRow>('SELECT * FROM projects WHERE id = $1', [id]);
  }

  async listProjects(owner: string, limit: number, before?: number): Promise<ProjectRow[]> {
    return await this.all<ProjectRow>(
      'SELECT * FROM projects WHERE owner = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3',
      [owner, before ?? Number.MAX_SAFE_INTEGER, limit],
    );
  }

  async countProjects(owner: string): Promise<number> {
    return (await this.one<{ n: number }>('SELECT COUNT(*) AS n FROM projects WHERE owner = $1', [owner]))?.n ?? 0;
  }

  async updateProject(
    id: string,
    f: Pick<ProjectRow, 'name' | 'preset' | 'canvas_state' | 'updated_at'>,
  ): Promise<void> {
    await this.run('UPDATE projects SET name = $1, preset = $2, canvas_state = $3, updated_at = $4 WHERE id = $5', [
      f.name,
      f.preset,
      f.canvas_state,
      f.updated_at,
      id,
    ]);
  }

  async deleteProject(id: string): Promise<void> {
    await this.tx(async (t) => {
      const self = t as PostgresStore;
      await self.run('DELETE FROM project_uploads WHERE project_id = $1', [id]);
      await self.run('DELETE FROM projects WHERE id = $1', [id]);
    });
  }

  async uploads(projectId: string): Promise<UploadRow[]> {
    return await this.all<UploadRow>('SELECT * FROM project_uploads WHERE project_id = $1 ORDER BY created_at, id', [
      projectId,
    ]);
  }

  async uploadBytes(owner: string): Promise<number> {
    return (
      (await this.one<{ n: number | null }>('SELECT SUM(bytes) AS n FROM project_uploads WHERE owner = $1', [owner]))
        ?.n ?? 0
    );
  }

  async insertUploads(projectId: string, rows: UploadRow[], updatedAt: number): Promise<void> {
    await this.tx(async (t) => {
      const self = t as PostgresStore;
      for (const u of rows)
        await self.run(
          'INSERT INTO project_uploads (id, project_id, owner, name, file, format, width, height, bytes, sha256, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)',
          [u.id, u.project_id, u.owner, u.name, u.file, u.format, u.width, u.height, u.bytes, u.sha256, u.created_at],
        );
      await self.run('UPDATE projects SET updated_at = $1 WHERE id = $2', [updatedAt, projectId]);
    });
  }

  async deleteUpload(uploadId: string): Promise<void> {
    await this.run('DELETE FROM project_uploads WHERE id = $1', [uploadId]);
  }

  // ---- whole-set outputs --------------------------------------------------------------------------

  async insertOutput(o: OutputRow): Promise<void> {
    // Replace = delete + insert (as SQLite's INSERT OR REPLACE): a replaced output moves to the end.
    await this.tx(async (t) => {
      const self = t as PostgresStore;
      await self.run('DELETE FROM set_outputs WHERE render_id = $1 AND id = $2', [o.render_id, o.id]);
      await self.run(
        'INSERT INTO set_outputs (render_id, id, type, file, content_type, bytes, sha256) VALUES ($1,$2,$3,$4,$5,$6,$7)',
        [o.render_id, o.id, o.type, o.file, o.content_type, o.bytes, o.sha256],
      );
    });
  }

  async outputs(renderId: string): Promise<OutputRow[]> {
    return await this.all<OutputRow>(
      'SELECT render_id, id, type, file, content_type, bytes, sha256 FROM set_outputs WHERE render_id = $1 ORDER BY seq',
      [renderId],
    );
  }

  // ---- webhook endpoints --------------------------------------------------------------------------

  async insertWebhookEndpoint(e: NewWebhookEndpoint, max: number): Promise<boolean> {
    // READ COMMITTED lets two transactions both count max - 1: a per-owner transaction lock orders
    // them, so the second counts after the first committed.
    return await this.tx(async (t) => {
      const self = t as PostgresStore;
      await self.run('SELECT pg_advisory_xact_lock(hashtext($1))', [`storeshots:webhook_endpoints:${e.owner}`]);
      const n =
        (await self.one<{ n: number }>('SELECT COUNT(*) AS n FROM webhook_endpoints WHERE owner = $1', [e.owner]))?.n ??
        0;
      if (n >= max) return false;
      await self.run(
        'INSERT INTO webhook_endpoints (id, owner, url, enabled_events, description, status, secret, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
        [e.id, e.owner, e.url, e.enabled_events, e.description, e.status, e.secret, e.created_at, e.updated_at],
      );
      return true;
    });
  }

  async webhookEndpoint(id: string): Promise<WebhookEndpointRow | undefined> {
    return await this.one<WebhookEndpointRow>('SELECT * FROM webhook_endpoints WHERE id = $1', [id]);
  }

  async listWebhookEndpoints(owner: string, limit: number, before?: number): Promise<WebhookEndpointRow[]> {
    return await this.all<WebhookEndpointRow>(
      'SELECT * FROM webhook_endpoints WHERE owner = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3',
      [owner, before ?? Number.MAX_SAFE_INTEGER, limit],
    );
  }

  async enabledWebhookEndpoints(owner: string): Promise<WebhookEndpointRow[]> {
    return await this.all<WebhookEndpointRow>(
      "SELECT * FROM webhook_endpoints WHERE owner = $1 AND status = 'enabled' ORDER BY seq",
      [owner],
    );
  }

  async updateWebhookEndpoint(id: string, f: WebhookEndpointChange): Promise<void> {
    await this.tx(async (t) => {
      const self = t as PostgresStore;
      await self.run(
        'UPDATE webhook_endpoints SET url = $1, enabled_events = $2, description = $3, status = $4, updated_at = $5 WHERE id = $6',
        [f.url, f.enabled_events, f.description, f.status, f.updated_at, id],
      );
      if (f.status === 'disabled') await self.endEndpointDeliveries(id, 'the webhook endpoint was disabled');
    });
  }

  async deleteWebhookEndpoint(id: string): Promise<boolean> {
    return await this.tx(async (t) => {
      const self = t as PostgresStore;
      await self.endEndpointDeliveries(id, 'the webhook endpoint was deleted');
      return (await self.run('DELETE FROM webhook_endpoints WHERE id = $1', [id])) === 1;
    });
  }

  /** An endpoint's pending deliveries end failed, without their secret; an attempt in flight loses its claim. */
  private async endEndpointDeliveries(id: string, why: string): Promise<void> {
    await this.run(
      "UPDATE deliveries SET status = 'failed', last_error = $1, secret = '', claimed_by = NULL, lease_expires_at = NULL WHERE endpoint_id = $2 AND status = 'pending'",
      [why, id],
    );
  }

  // ---- schedules ------------------------------------------------------------------------------------

  async insertSchedule(r: NewSchedule): Promise<void> {
    await this.run(
      'INSERT INTO schedules (id, owner, name, url, schedule, timezone, spec, status, base_url, next_run_at, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)',
      [
        r.id,
        r.owner,
        r.name,
        r.url,
        r.schedule,
        r.timezone,
        r.spec,
        r.status,
        r.base_url,
        r.next_run_at,
        r.created_at,
        r.updated_at,
      ],
    );
  }

  async schedule(id: string): Promise<ScheduleRow | undefined> {
    return await this.one<ScheduleRow>('SELECT * FROM schedules WHERE id = $1', [id]);
  }

  async listSchedules(owner: string, limit: number, before?: number): Promise<ScheduleRow[]> {
    return await this.all<ScheduleRow>(
      'SELECT * FROM schedules WHERE owner = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3',
      [owner, before ?? Number.MAX_SAFE_INTEGER, limit],
    );
  }

  async countSchedules(owner: string): Promise<number> {
    return (await this.one<{ n: number }>('SELECT COUNT(*) AS n FROM schedules WHERE owner = $1', [owner]))?.n ?? 0;
  }

  async updateSchedule(id: string, f: ScheduleChange): Promise<void> {
    await this.run(
      'UPDATE schedules SET name = $1, url = $2, schedule = $3, timezone = $4, spec = $5, status = $6, next_run_at = $7, updated_at = $8 WHERE id = $9',
      [f.name, f.url, f.schedule, f.timezone, f.spec, f.status, f.next_run_at, f.updated_at, id],
    );
  }

  async deleteSchedule(id: string): Promise<boolean> {
    return await this.tx(async (t) => {
      const self = t as PostgresStore;
      await self.run('DELETE FROM schedule_runs WHERE schedule_id = $1', [id]);
      return (await self.run('DELETE FROM schedules WHERE id = $1', [id])) === 1;
    });
  }

  async dueSchedules(now: number, limit: number): Promise<ScheduleRow[]> {
    return await this.all<ScheduleRow>(
      "SELECT * FROM schedules WHERE status = 'active' AND next_run_at <= $1 ORDER BY next_run_at, seq LIMIT $2",
      [now, limit],
    );
  }

  async claimScheduleRun(
    scheduleId: string,
    dueAt: number,
    next: number | null,
    run: NewScheduleRun,
  ): Promise<boolean> {
    // The compare-and-set is the claim: under READ COMMITTED a second UPDATE of the same row waits for
    // the first to commit, then re-checks `next_run_at = dueAt` on the new row and matches nothing.
    return await this.tx(async (t) => {
      const self = t as PostgresStore;
      const moved = await self.run(
        "UPDATE schedules SET next_run_at = $1, last_run_at = $2 WHERE id = $3 AND status = 'active' AND next_run_at = $4",
        [next, run.created_at, scheduleId, dueAt],
      );
      if (moved !== 1) return false;
      await self.insertRun(run);
      return true;
    });
  }

  async insertScheduleRun(run: NewScheduleRun): Promise<boolean> {
    return await this.tx(async (t) => {
      const self = t as PostgresStore;
      if (
        (await self.run('UPDATE schedules SET last_run_at = $1 WHERE id = $2', [run.created_at, run.schedule_id])) !== 1
      )
        return false;
      await self.insertRun(run);
      return true;
    });
  }

  private async insertRun(run: NewScheduleRun): Promise<void> {
    await this.run(
      'INSERT INTO schedule_runs (id, schedule_id, owner, due_at, kind, created_at) VALUES ($1,$2,$3,$4,$5,$6)',
      [run.id, run.schedule_id, run.owner, run.due_at, run.kind, run.created_at],
    );
  }

  async setScheduleRunResult(runId: string, renderId: string | null, error: string | null): Promise<void> {
    await this.run('UPDATE schedule_runs SET render_id = $1, error = $2 WHERE id = $3', [renderId, error, runId]);
  }

  async setScheduleRunOutcome(runId: string, outcome: string): Promise<void> {
    await this.run('UPDATE schedule_runs SET outcome = $1 WHERE id = $2', [outcome, runId]);
  }

  async scheduleRuns(scheduleId: string, limit: number): Promise<ScheduleRunRow[]> {
    return await this.all<ScheduleRunRow>(
      'SELECT * FROM schedule_runs WHERE schedule_id = $1 ORDER BY seq DESC LIMIT $2',
      [scheduleId, limit],
    );
  }

  async scheduleRunCounts(scheduleId: string): Promise<ScheduleRunCounts> {
    const r = await this.one<{ total: number; succeeded: number | null; failed: number | null }>(
      `SELECT COUNT(*) AS total,
              SUM(CASE WHEN r.status = 'succeeded' THEN 1 ELSE 0 END) AS succeeded,
              SUM(CASE WHEN x.error IS NOT NULL OR r.status = 'failed' THEN 1 ELSE 0 END) AS failed
         FROM schedule_runs x LEFT JOIN renders r ON r.id = x.render_id
        WHERE x.schedule_id = $1`,
      [scheduleId],
    );
    return { total: r?.total ?? 0, succeeded: r?.succeeded ?? 0, failed: r?.failed ?? 0 };
  }

  // ---- events (read from the outbox) -------------------------------------------------------------

  async listEvents(owner: string, limit: number, filter?: EventFilter): Promise<EventRow[]> {
    const q = eventsSql(owner, (n) => `$${n}`, { limit, filter });
    return await this.all<EventRow>(q.sql, q.params);
  }

  async event(owner: string, id: string): Promise<EventRow | undefined> {
    const q = eventsSql(owner, (n) => `$${n}`, { id });
    return await this.one<EventRow>(q.sql, q.params);
  }

  async pruneScheduleRuns(before: number): Promise<number> {
    return await this.run('DELETE FROM schedule_runs WHERE created_at < $1', [before]);
  }
}
