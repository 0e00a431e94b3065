// The zero-setup ServiceStore: node:sqlite, one file (storeshots.db) under --data. WAL with
// synchronous=FULL, so a row the service acknowledged survives kill -9 and power loss. node:sqlite
// is synchronous: every method runs its SQL at once, and tx() keeps other callers of this store
// waiting while its (asynchronous) callback runs, so nothing interleaves into the transaction.
// Several processes may open the same file (an API node and render workers on one machine): writes
// take SQLite's lock (BEGIN IMMEDIATE, busy_timeout) and each claim is one UPDATE … RETURNING.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type {
  AttemptResult,
  DeliveryRow,
  EventFilter,
  EventRow,
  FinishFields,
  IdempotencyRow,
  ImageRow,
  NewDelivery,
  NewIdempotency,
  NewProject,
  NewRender,
  OutputRow,
  ProjectRow,
  RenderRow,
  RenderStatus,
  ServiceStore,
  UploadRow,
  WebhookEndpointChange,
  WebhookEndpointRow,
  NewWebhookEndpoint,
  NewSchedule,
  NewScheduleRun,
  ScheduleChange,
  ScheduleRow,
  ScheduleRunCounts,
  ScheduleRunRow,
} from './types.js';
import { eventsSql } from './events-sql.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS renders (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  completed_at INTEGER,
  expires_at INTEGER NOT NULL,
  expired INTEGER NOT NULL DEFAULT 0,
  spec TEXT NOT NULL,
  jobs TEXT NOT NULL,
  slides INTEGER NOT NULL,
  base_url TEXT NOT NULL,
  lint TEXT,
  error TEXT,
  credits_used INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS renders_by_status ON renders(status, seq);
CREATE INDEX IF NOT EXISTS renders_by_expiry ON renders(expired, expires_at);
CREATE TABLE IF NOT EXISTS images (
  render_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  slide TEXT NOT NULL,
  file TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  format TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (render_id, idx)
);
CREATE TABLE IF NOT EXISTS idempotency (
  owner TEXT NOT NULL,
  key TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  render_id TEXT,
  mode TEXT NOT NULL,
  status_code INTEGER,
  response TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (owner, key)
);
CREATE TABLE IF NOT EXISTS deliveries (
  id TEXT PRIMARY KEY,
  render_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  event TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  last_status INTEGER,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(status, next_attempt_at);
CREATE TABLE IF NOT EXISTS usage (
  owner TEXT NOT NULL,
  month TEXT NOT NULL,
  credits INTEGER NOT NULL,
  PRIMARY KEY (owner, month)
);
CREATE TABLE IF NOT EXISTS projects (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  preset TEXT NOT NULL,
  canvas_state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS projects_by_owner ON projects(owner, seq);
CREATE TABLE IF NOT EXISTS project_uploads (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL,
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  file TEXT NOT NULL,
  format TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS project_uploads_by_project ON project_uploads(project_id, created_at);
CREATE INDEX IF NOT EXISTS project_uploads_by_owner ON project_uploads(owner);
CREATE TABLE IF NOT EXISTS set_outputs (
  render_id TEXT NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  file TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (render_id, id)
);
CREATE TABLE IF NOT EXISTS webhook_endpoints (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  url TEXT NOT NULL,
  enabled_events TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_endpoints_by_owner ON webhook_endpoints(owner, seq);
CREATE TABLE IF NOT EXISTS schedules (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  schedule TEXT NOT NULL,
  timezone TEXT NOT NULL,
  spec TEXT NOT NULL,
  status TEXT NOT NULL,
  base_url TEXT NOT NULL,
  next_run_at INTEGER,
  last_run_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS schedules_by_owner ON schedules(owner, seq);
CREATE INDEX IF NOT EXISTS schedules_due ON schedules(status, next_run_at);
CREATE TABLE IF NOT EXISTS schedule_runs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  schedule_id TEXT NOT NULL,
  owner TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  render_id TEXT,
  error TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS schedule_runs_by_schedule ON schedule_runs(schedule_id, seq);
CREATE INDEX IF NOT EXISTS schedule_runs_by_time ON schedule_runs(created_at);
`;

/** Columns added after the first release: added to an older database in place. */
const ADDED: Array<[table: string, column: string, type: string]> = [
  ['renders', 'worker', 'TEXT'],
  ['renders', 'lease_expires_at', 'INTEGER'],
  ['deliveries', 'claimed_by', 'TEXT'],
  ['deliveries', 'lease_expires_at', 'INTEGER'],
  ['deliveries', 'endpoint_id', 'TEXT'],
  ['schedule_runs', 'outcome', 'TEXT'],
  ['renders', 'bulk_id', 'TEXT'],
];

/** The connection and the transaction gate, shared by the store and the handles tx() passes. */
interface Core {
  db: DatabaseSync;
  /** Set while a transaction is open: other callers wait for it. */
  active?: Promise<void>;
}

/** The SQLite ServiceStore (one file under --data). */
export class SqliteStore implements ServiceStore {
  readonly engine = 'sqlite';
  readonly shared = false;
  readonly dir: string;
  private readonly core: Core;
  /** True for the handle tx() passes to its callback: it runs inside the open transaction. */
  private readonly inTx: boolean;

  constructor(dataDir: string, from?: { core: Core }) {
    this.dir = dataDir;
    if (from) {
      this.core = from.core;
      this.inTx = true;
      return;
    }
    this.inTx = false;
    mkdirSync(dataDir, { recursive: true });
    const db = new DatabaseSync(path.join(dataDir, 'storeshots.db'));
    // WAL + synchronous=FULL: a row the service acknowledged survives kill -9 and power loss.
    // secure_delete: secrets cleared from rows (deliveries, renders) are overwritten on disk, not left in free pages.
    db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;',
    );
    this.core = { db };
    this.migrateNow();
  }

  private get db(): DatabaseSync {
    return this.core.db;
  }

  private migrateNow(): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db.exec(SCHEMA);
      for (const [table, column, type] of ADDED) {
        const cols = this.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
        if (cols.some((c) => c.name === column)) continue;
        this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
        // The allscreenshots bulk jobs made before the column: their bulk is in their stored request's metadata.
        if (column === 'bulk_id')
          this.db.exec(
            `UPDATE renders SET bulk_id = json_extract(spec, '$.metadata.bulk.id') WHERE json_extract(spec, '$.metadata.compat') = 'allscreenshots' AND json_type(spec, '$.metadata.bulk.id') = 'text'`,
          );
      }
      this.db.exec('CREATE INDEX IF NOT EXISTS renders_by_lease ON renders(status, lease_expires_at)');
      this.db.exec('CREATE INDEX IF NOT EXISTS deliveries_by_endpoint ON deliveries(endpoint_id, status)');
      // A key's jobs and their deliveries (the events list, a key's job lists): PostgreSQL has had both since migration 1.
      this.db.exec('CREATE INDEX IF NOT EXISTS renders_by_owner ON renders(owner, seq)');
      // A bulk's jobs (allscreenshots' bulk status and list): as PostgreSQL's migration 7.
      this.db.exec(
        'CREATE INDEX IF NOT EXISTS renders_by_bulk ON renders(owner, bulk_id, seq) WHERE bulk_id IS NOT NULL',
      );
      this.db.exec('CREATE INDEX IF NOT EXISTS deliveries_by_render ON deliveries(render_id)');
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  async migrate(): Promise<void> {
    // The constructor made the schema (so a store is usable as soon as it exists).
  }

  async close(): Promise<void> {
    if (this.inTx) return;
    while (this.core.active) await this.core.active;
    if (this.db.isOpen) this.db.close();
  }

  /**
   * True while another caller's transaction is open (never inside one's own). Callers wait with
   * `while (this.busy) await this.core.active;` right before their statement: the check and the
   * statement (or tx's claim of the connection) then run in one tick. An `await gate()` helper
   * would not do: its caller resumes a microtask after the check, and in between another caller
   * that saw the same free connection begins a transaction, so the statement ran inside it (lost on
   * its rollback) and a second BEGIN failed ("cannot start a transaction within a transaction",
   * which left a render `processing` for good when two ended at once).
   */
  private get busy(): boolean {
    return !this.inTx && this.core.active !== undefined;
  }

  async tx<T>(fn: (s: ServiceStore) => Promise<T>): Promise<T> {
    if (this.inTx) return fn(this);
    while (this.busy) await this.core.active;
    let release!: () => void;
    this.core.active = new Promise((r) => (release = r));
    try {
      this.db.exec('BEGIN IMMEDIATE');
      let out: T;
      try {
        out = await fn(new SqliteStore(this.dir, { core: this.core }));
      } catch (e) {
        this.db.exec('ROLLBACK');
        throw e;
      }
      this.db.exec('COMMIT');
      return out;
    } finally {
      this.core.active = undefined;
      release();
    }
  }

  private get<T>(sql: string, ...args: SQLInputValue[]): T | undefined {
    return this.db.prepare(sql).get(...args) as T | undefined;
  }

  private all<T>(sql: string, ...args: SQLInputValue[]): T[] {
    return this.db.prepare(sql).all(...args) as T[];
  }

  private run(sql: string, ...args: SQLInputValue[]): number {
    return Number(this.db.prepare(sql).run(...args).changes);
  }

  /** Several statements as one transaction, at once (node:sqlite is synchronous: nothing can interleave). */
  private atomically<T>(fn: () => T): T {
    if (this.inTx) return fn();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = fn();
      this.db.exec('COMMIT');
      return out;
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  // renders

  async insertRender(r: NewRender): Promise<void> {
    while (this.busy) await this.core.active;
    this.run(
      'INSERT INTO renders (id, owner, status, created_at, expires_at, spec, jobs, slides, base_url, lease_expires_at, bulk_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
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
    );
  }

  async bulkJobs(owner: string, bulkId: string): Promise<RenderRow[]> {
    while (this.busy) await this.core.active;
    return this.all<RenderRow>(
      "SELECT * FROM renders WHERE owner = ? AND bulk_id = ? AND expired = 0 AND status <> 'held' ORDER BY seq",
      owner,
      bulkId,
    );
  }

  async bulks(owner: string, limit: number): Promise<RenderRow[]> {
    while (this.busy) await this.core.active;
    return this.all<RenderRow>(
      `SELECT * FROM renders WHERE owner = ? AND expired = 0 AND status <> 'held' AND bulk_id IN (
         SELECT bulk_id FROM renders WHERE owner = ? AND bulk_id IS NOT NULL AND expired = 0 AND status <> 'held'
         GROUP BY bulk_id ORDER BY MAX(seq) DESC LIMIT ?)
       ORDER BY seq DESC`,
      owner,
      owner,
      limit,
    );
  }

  async render(id: string): Promise<RenderRow | undefined> {
    while (this.busy) await this.core.active;
    return this.get<RenderRow>('SELECT * FROM renders WHERE id = ?', id);
  }

  async queued(limit: number): Promise<RenderRow[]> {
    while (this.busy) await this.core.active;
    return this.all<RenderRow>("SELECT * FROM renders WHERE status = 'queued' ORDER BY seq LIMIT ?", limit);
  }

  async list(
    owner: string,
    limit: number,
    before?: number,
    status?: RenderStatus,
    prefix = 'rnd',
  ): Promise<RenderRow[]> {
    while (this.busy) await this.core.active;
    return this.all<RenderRow>(
      `SELECT * FROM renders WHERE owner = ? AND expired = 0 AND status <> 'held' AND seq < ? AND substr(id, 1, ?) = ?${status ? ' AND status = ?' : ''} ORDER BY seq DESC LIMIT ?`,
      owner,
      before ?? Number.MAX_SAFE_INTEGER,
      prefix.length + 1,
      `${prefix}_`,
      ...(status ? [status] : []),
      limit,
    );
  }

  async seqOf(id: string, owner: string, prefix = 'rnd'): Promise<number | undefined> {
    if (!id.startsWith(`${prefix}_`)) return undefined;
    while (this.busy) await this.core.active;
    return this.get<{ seq: number }>(
      "SELECT seq FROM renders WHERE id = ? AND owner = ? AND status <> 'held'",
      id,
      owner,
    )?.seq;
  }

  async byStatus(status: RenderStatus): Promise<RenderRow[]> {
    while (this.busy) await this.core.active;
    return this.all<RenderRow>('SELECT * FROM renders WHERE status = ? ORDER BY seq', status);
  }

  async claim(id: string, worker: string, now: number, leaseMs: number): Promise<boolean> {
    while (this.busy) await this.core.active;
    return (
      this.run(
        "UPDATE renders SET status = 'processing', worker = ?, lease_expires_at = ?, started_at = COALESCE(started_at, ?) WHERE id = ? AND status = 'queued'",
        worker,
        now + leaseMs,
        now,
        id,
      ) === 1
    );
  }

  async claimNext(worker: string, now: number, leaseMs: number): Promise<RenderRow | undefined> {
    while (this.busy) await this.core.active;
    // One statement: SQLite holds the write lock from the SELECT to the UPDATE.
    return this.get<RenderRow>(
      "UPDATE renders SET status = 'processing', worker = ?, lease_expires_at = ?, started_at = COALESCE(started_at, ?) WHERE id = (SELECT id FROM renders WHERE status = 'queued' ORDER BY seq LIMIT 1) AND status = 'queued' RETURNING *",
      worker,
      now + leaseMs,
      now,
    );
  }

  async renewLease(id: string, worker: string, now: number, leaseMs: number): Promise<boolean> {
    while (this.busy) await this.core.active;
    return (
      this.run(
        "UPDATE renders SET lease_expires_at = ? WHERE id = ? AND worker = ? AND status = 'processing'",
        now + leaseMs,
        id,
        worker,
      ) === 1
    );
  }

  async releaseLease(id: string, worker: string): Promise<boolean> {
    while (this.busy) await this.core.active;
    return (
      this.run(
        "UPDATE renders SET status = 'queued', worker = NULL, lease_expires_at = NULL WHERE id = ? AND worker = ? AND status = 'processing'",
        id,
        worker,
      ) === 1
    );
  }

  async releaseExpiredLeases(now: number): Promise<string[]> {
    while (this.busy) await this.core.active;
    return this.all<{ id: string }>(
      "UPDATE renders SET status = 'queued', worker = NULL, lease_expires_at = NULL WHERE status = 'processing' AND (lease_expires_at IS NULL OR lease_expires_at <= ?) RETURNING id",
      now,
    ).map((r) => r.id);
  }

  async finish(id: string, from: RenderStatus[], to: RenderStatus, fields: FinishFields): Promise<boolean> {
    while (this.busy) await this.core.active;
    const marks = from.map(() => '?').join(',');
    return (
      this.run(
        `UPDATE renders SET status = ?, completed_at = ?, expires_at = ?, lint = ?, error = ?, credits_used = ?, worker = NULL, lease_expires_at = NULL WHERE id = ? AND status IN (${marks})${fields.worker === undefined ? '' : ' AND worker = ?'}`,
        to,
        fields.completed_at,
        fields.expires_at,
        fields.lint ?? null,
        fields.error ?? null,
        fields.credits_used ?? 0,
        id,
        ...from,
        ...(fields.worker === undefined ? [] : [fields.worker]),
      ) === 1
    );
  }

  async setSpec(id: string, spec: string): Promise<void> {
    while (this.busy) await this.core.active;
    this.run('UPDATE renders SET spec = ? WHERE id = ?', spec, id);
  }

  async counts(): Promise<Record<string, number>> {
    while (this.busy) await this.core.active;
    const out: Record<string, number> = {};
    for (const r of this.all<{ status: string; n: number }>(
      "SELECT status, COUNT(*) AS n FROM renders WHERE expired = 0 AND status <> 'held' GROUP BY status",
    ))
      out[r.status] = r.n;
    return out;
  }

  async oldestQueuedAt(): Promise<number | undefined> {
    while (this.busy) await this.core.active;
    return (
      this.get<{ t: number | null }>("SELECT MIN(created_at) AS t FROM renders WHERE status = 'queued'")?.t ?? undefined
    );
  }

  async pendingSlides(owner: string): Promise<number> {
    while (this.busy) await this.core.active;
    const r = this.get<{ n: number | null }>(
      "SELECT SUM(slides) AS n FROM renders WHERE owner = ? AND status IN ('held','queued','processing')",
      owner,
    );
    return r?.n ?? 0;
  }

  async dueForExpiry(now: number, limit = 100): Promise<RenderRow[]> {
    while (this.busy) await this.core.active;
    return this.all<RenderRow>(
      "SELECT * FROM renders WHERE expired = 0 AND expires_at <= ? AND status IN ('succeeded','failed','canceled') LIMIT ?",
      now,
      limit,
    );
  }

  async markExpired(id: string): Promise<boolean> {
    while (this.busy) await this.core.active;
    return this.atomically(() => {
      const changed = this.run('UPDATE renders SET expired = 1 WHERE id = ? AND expired = 0', id) === 1;
      if (changed) this.run('DELETE FROM images WHERE render_id = ?', id);
      return changed;
    });
  }

  // held jobs

  async renewHolds(ids: string[], until: number): Promise<number> {
    if (!ids.length) return 0;
    while (this.busy) await this.core.active;
    return this.run(
      `UPDATE renders SET lease_expires_at = ? WHERE status = 'held' AND id IN (${ids.map(() => '?').join(',')})`,
      until,
      ...ids,
    );
  }

  async releaseHolds(ids: string[]): Promise<boolean> {
    if (!ids.length) return true;
    while (this.busy) await this.core.active;
    const marks = ids.map(() => '?').join(',');
    return this.atomically(() => {
      // Not every one is still held (a sweep deleted it): none is released.
      const held = this.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM renders WHERE status = 'held' AND id IN (${marks})`,
        ...ids,
      )!.n;
      if (held !== new Set(ids).size) return false;
      this.run(
        `UPDATE renders SET status = 'queued', lease_expires_at = NULL WHERE status = 'held' AND id IN (${marks})`,
        ...ids,
      );
      return true;
    });
  }

  async discardHolds(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    while (this.busy) await this.core.active;
    return this.all<{ id: string }>(
      `DELETE FROM renders WHERE status = 'held' AND id IN (${ids.map(() => '?').join(',')}) RETURNING id`,
      ...ids,
    ).map((r) => r.id);
  }

  async discardLapsedHolds(now: number, limit = 100): Promise<string[]> {
    while (this.busy) await this.core.active;
    return this.all<{ id: string }>(
      "DELETE FROM renders WHERE id IN (SELECT id FROM renders WHERE status = 'held' AND lease_expires_at <= ? LIMIT ?) AND status = 'held' RETURNING id",
      now,
      limit,
    ).map((r) => r.id);
  }

  // images

  async insertImage(i: ImageRow): Promise<void> {
    while (this.busy) await this.core.active;
    this.run(
      'INSERT OR REPLACE INTO images (render_id, idx, slide, file, width, height, format, bytes, sha256, text) VALUES (?,?,?,?,?,?,?,?,?,?)',
      i.render_id,
      i.idx,
      i.slide,
      i.file,
      i.width,
      i.height,
      i.format,
      i.bytes,
      i.sha256,
      i.text,
    );
  }

  async images(renderId: string): Promise<ImageRow[]> {
    while (this.busy) await this.core.active;
    return this.all<ImageRow>('SELECT * FROM images WHERE render_id = ? ORDER BY idx', renderId);
  }

  // idempotency

  async idempotency(owner: string, key: string): Promise<IdempotencyRow | undefined> {
    while (this.busy) await this.core.active;
    return this.get<IdempotencyRow>('SELECT * FROM idempotency WHERE owner = ? AND key = ?', owner, key);
  }

  async claimIdempotency(row: NewIdempotency): Promise<IdempotencyRow | undefined> {
    while (this.busy) await this.core.active;
    // One statement: insert, or replace a row that has expired; a live row is left as it is.
    const inserted = this.run(
      'INSERT INTO idempotency (owner, key, body_hash, mode, created_at, expires_at) VALUES (?,?,?,?,?,?) ON CONFLICT(owner, key) DO UPDATE SET body_hash = excluded.body_hash, mode = excluded.mode, created_at = excluded.created_at, expires_at = excluded.expires_at, render_id = NULL, status_code = NULL, response = NULL WHERE idempotency.expires_at <= excluded.created_at',
      row.owner,
      row.key,
      row.body_hash,
      row.mode,
      row.created_at,
      row.expires_at,
    );
    if (inserted === 1) return undefined;
    return this.get<IdempotencyRow>('SELECT * FROM idempotency WHERE owner = ? AND key = ?', row.owner, row.key);
  }

  async takeOverIdempotency(row: NewIdempotency, prevCreatedAt: number): Promise<boolean> {
    while (this.busy) await this.core.active;
    return (
      this.run(
        'UPDATE idempotency SET body_hash = ?, mode = ?, created_at = ?, expires_at = ? WHERE owner = ? AND key = ? AND created_at = ? AND render_id IS NULL AND response IS NULL',
        row.body_hash,
        row.mode,
        row.created_at,
        row.expires_at,
        row.owner,
        row.key,
        prevCreatedAt,
      ) === 1
    );
  }

  async setIdempotencyRender(owner: string, key: string, renderId: string): Promise<void> {
    while (this.busy) await this.core.active;
    this.run('UPDATE idempotency SET render_id = ? WHERE owner = ? AND key = ?', renderId, owner, key);
  }

  async setIdempotencyResponse(owner: string, key: string, statusCode: number, response: string): Promise<void> {
    while (this.busy) await this.core.active;
    this.run(
      'UPDATE idempotency SET status_code = ?, response = ? WHERE owner = ? AND key = ?',
      statusCode,
      response,
      owner,
      key,
    );
  }

  async releaseIdempotency(owner: string, key: string): Promise<void> {
    while (this.busy) await this.core.active;
    this.run('DELETE FROM idempotency WHERE owner = ? AND key = ?', owner, key);
  }

  async releaseOrphanKeys(createdBefore?: number): Promise<number> {
    while (this.busy) await this.core.active;
    return this.run(
      'DELETE FROM idempotency WHERE render_id IS NULL AND response IS NULL AND created_at < ?',
      createdBefore ?? Number.MAX_SAFE_INTEGER,
    );
  }

  async expireIdempotency(now: number): Promise<number> {
    while (this.busy) await this.core.active;
    return this.run('DELETE FROM idempotency WHERE expires_at <= ?', now);
  }

  // deliveries

  async insertDelivery(d: NewDelivery): Promise<void> {
    while (this.busy) await this.core.active;
    this.run(
      "INSERT INTO deliveries (id, render_id, kind, url, secret, event, body, status, next_attempt_at, created_at, endpoint_id) VALUES (?,?,?,?,?,?,?,'pending',?,?,?)",
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
    );
  }

  async claimDueDeliveries(node: string, now: number, limit: number, leaseMs: number): Promise<DeliveryRow[]> {
    if (limit <= 0) return [];
    while (this.busy) await this.core.active;
    const rows = this.all<DeliveryRow>(
      "UPDATE deliveries SET claimed_by = ?, lease_expires_at = ? WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_by IS NULL OR lease_expires_at <= ?) ORDER BY next_attempt_at, id LIMIT ?) RETURNING *",
      node,
      now + leaseMs,
      now,
      now,
      limit,
    );
    return rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async deliveryAttempted(id: string, node: string, result: AttemptResult): Promise<boolean> {
    while (this.busy) await this.core.active;
    return this.atomically(() => {
      const changed =
        this.run(
          'UPDATE deliveries SET attempts = attempts + 1, status = ?, last_status = ?, last_error = ?, next_attempt_at = ?, delivered_at = ?, claimed_by = NULL, lease_expires_at = NULL WHERE id = ? AND claimed_by = ?',
          result.ok ? 'delivered' : result.failed ? 'failed' : 'pending',
          result.status,
          result.error,
          result.next,
          result.ok ? result.now : null,
          id,
          node,
        ) === 1;
      // A delivery that is final needs its signing secret no more: it is not kept at rest.
      if (changed && (result.ok || result.failed)) this.run("UPDATE deliveries SET secret = '' WHERE id = ?", id);
      return changed;
    });
  }

  async releaseDeliveries(node?: string): Promise<void> {
    while (this.busy) await this.core.active;
    if (node === undefined)
      this.run(
        "UPDATE deliveries SET claimed_by = NULL, lease_expires_at = NULL WHERE status = 'pending' AND claimed_by IS NOT NULL",
      );
    else
      this.run(
        "UPDATE deliveries SET claimed_by = NULL, lease_expires_at = NULL WHERE status = 'pending' AND claimed_by = ?",
        node,
      );
  }

  async nextDeliveryAt(): Promise<number | undefined> {
    while (this.busy) await this.core.active;
    const r = this.get<{ t: number | null }>(
      "SELECT MIN(next_attempt_at) AS t FROM deliveries WHERE status = 'pending'",
    );
    return r?.t ?? undefined;
  }

  async deliveries(renderId: string): Promise<DeliveryRow[]> {
    while (this.busy) await this.core.active;
    return this.all<DeliveryRow>('SELECT * FROM deliveries WHERE render_id = ? ORDER BY created_at, id', renderId);
  }

  async pendingDeliveries(): Promise<number> {
    while (this.busy) await this.core.active;
    return this.get<{ n: number }>("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'pending'")?.n ?? 0;
  }

  // usage

  async usage(owner: string, month: string): Promise<number> {
    while (this.busy) await this.core.active;
    return (
      this.get<{ credits: number }>('SELECT credits FROM usage WHERE owner = ? AND month = ?', owner, month)?.credits ??
      0
    );
  }

  async addUsage(owner: string, month: string, credits: number): Promise<void> {
    while (this.busy) await this.core.active;
    this.run(
      'INSERT INTO usage (owner, month, credits) VALUES (?,?,?) ON CONFLICT(owner, month) DO UPDATE SET credits = credits + excluded.credits',
      owner,
      month,
      credits,
    );
  }

  // projects

  async insertProject(p: NewProject): Promise<void> {
    while (this.busy) await this.core.active;
    this.run(
      'INSERT INTO projects (id, owner, name, preset, canvas_state, created_at, updated_at) VALUES (?,?,?,?,?,?,?)',
      p.id,
      p.owner,
      p.name,
      p.preset,
      p.canvas_state,
      p.created_at,
      p.updated_at,
    );
  }

  async project(id: string): Promise<ProjectRow | undefined> {
    while (this.busy) await this.core.active;
    return this.get<ProjectRow>('SELECT * FROM projects WHERE id = ?', id);
  }

  async listProjects(owner: string, limit: number, before?: number): Promise<ProjectRow[]> {
    while (this.busy) await this.core.active;
    return this.all<ProjectRow>(
      'SELECT * FROM projects WHERE owner = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      owner,
      before ?? Number.MAX_SAFE_INTEGER,
      limit,
    );
  }

  async countProjects(owner: string): Promise<number> {
    while (this.busy) await this.core.active;
    return this.get<{ n: number }>('SELECT COUNT(*) AS n FROM projects WHERE owner = ?', owner)?.n ?? 0;
  }

  async updateProject(
    id: string,
    f: Pick<ProjectRow, 'name' | 'preset' | 'canvas_state' | 'updated_at'>,
  ): Promise<void> {
    while (this.busy) await this.core.active;
    this.run(
      'UPDATE projects SET name = ?, preset = ?, canvas_state = ?, updated_at = ? WHERE id = ?',
      f.name,
      f.preset,
      f.canvas_state,
      f.updated_at,
      id,
    );
  }

  async deleteProject(id: string): Promise<void> {
    while (this.busy) await this.core.active;
    this.atomically(() => {
      this.run('DELETE FROM project_uploads WHERE project_id = ?', id);
      this.run('DELETE FROM projects WHERE id = ?', id);
    });
  }

  async uploads(projectId: string): Promise<UploadRow[]> {
    while (this.busy) await this.core.active;
    return this.all<UploadRow>('SELECT * FROM project_uploads WHERE project_id = ? ORDER BY created_at, id', projectId);
  }

  async uploadBytes(owner: string): Promise<number> {
    while (this.busy) await this.core.active;
    return this.get<{ n: number | null }>('SELECT SUM(bytes) AS n FROM project_uploads WHERE owner = ?', owner)?.n ?? 0;
  }

  async insertUploads(projectId: string, rows: UploadRow[], updatedAt: number): Promise<void> {
    while (this.busy) await this.core.active;
    this.atomically(() => {
      const insert = this.db.prepare(
        'INSERT INTO project_uploads (id, project_id, owner, name, file, format, width, height, bytes, sha256, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
      );
      for (const r of rows)
        insert.run(
          r.id,
          projectId,
          r.owner,
          r.name,
          r.file,
          r.format,
          r.width,
          r.height,
          r.bytes,
          r.sha256,
          r.created_at,
        );
      this.run('UPDATE projects SET updated_at = ? WHERE id = ?', updatedAt, projectId);
    });
  }

  async deleteUpload(uploadId: string): Promise<void> {
    while (this.busy) await this.core.active;
    this.run('DELETE FROM project_uploads WHERE id = ?', uploadId);
  }

  // whole-set outputs

  async insertOutput(o: OutputRow): Promise<void> {
    while (this.busy) await this.core.active;
    this.run(
      'INSERT OR REPLACE INTO set_outputs (render_id, id, type, file, content_type, bytes, sha256) VALUES (?,?,?,?,?,?,?)',
      o.render_id,
      o.id,
      o.type,
      o.file,
      o.content_type,
      o.bytes,
      o.sha256,
    );
  }

  async outputs(renderId: string): Promise<OutputRow[]> {
    while (this.busy) await this.core.active;
    return this.all<OutputRow>('SELECT * FROM set_outputs WHERE render_id = ? ORDER BY rowid', renderId);
  }

  // webhook endpoints

  async insertWebhookEndpoint(e: NewWebhookEndpoint, max: number): Promise<boolean> {
    while (this.busy) await this.core.active;
    // BEGIN IMMEDIATE holds the write lock from the count to the insert: other processes wait.
    return this.atomically(() => {
      const n = this.get<{ n: number }>('SELECT COUNT(*) AS n FROM webhook_endpoints WHERE owner = ?', e.owner)?.n ?? 0;
      if (n >= max) return false;
      this.run(
        'INSERT INTO webhook_endpoints (id, owner, url, enabled_events, description, status, secret, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)',
        e.id,
        e.owner,
        e.url,
        e.enabled_events,
        e.description,
        e.status,
        e.secret,
        e.created_at,
        e.updated_at,
      );
      return true;
    });
  }

  async webhookEndpoint(id: string): Promise<WebhookEndpointRow | undefined> {
    while (this.busy) await this.core.active;
    return this.get<WebhookEndpointRow>('SELECT * FROM webhook_endpoints WHERE id = ?', id);
  }

  async listWebhookEndpoints(owner: string, limit: number, before?: number): Promise<WebhookEndpointRow[]> {
    while (this.busy) await this.core.active;
    return this.all<WebhookEndpointRow>(
      'SELECT * FROM webhook_endpoints WHERE owner = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      owner,
      before ?? Number.MAX_SAFE_INTEGER,
      limit,
    );
  }

  async enabledWebhookEndpoints(owner: string): Promise<WebhookEndpointRow[]> {
    while (this.busy) await this.core.active;
    return this.all<WebhookEndpointRow>(
      "SELECT * FROM webhook_endpoints WHERE owner = ? AND status = 'enabled' ORDER BY seq",
      owner,
    );
  }

  async updateWebhookEndpoint(id: string, f: WebhookEndpointChange): Promise<void> {
    while (this.busy) await this.core.active;
    this.atomically(() => {
      this.run(
        'UPDATE webhook_endpoints SET url = ?, enabled_events = ?, description = ?, status = ?, updated_at = ? WHERE id = ?',
        f.url,
        f.enabled_events,
        f.description,
        f.status,
        f.updated_at,
        id,
      );
      if (f.status === 'disabled') this.endEndpointDeliveries(id, 'the webhook endpoint was disabled');
    });
  }

  async deleteWebhookEndpoint(id: string): Promise<boolean> {
    while (this.busy) await this.core.active;
    return this.atomically(() => {
      this.endEndpointDeliveries(id, 'the webhook endpoint was deleted');
      return this.run('DELETE FROM webhook_endpoints WHERE id = ?', id) === 1;
    });
  }

  /** An endpoint's pending deliveries end failed, without their secret; an attempt in flight loses its claim. */
  private endEndpointDeliveries(id: string, why: string): void {
    this.run(
      "UPDATE deliveries SET status = 'failed', last_error = ?, secret = '', claimed_by = NULL, lease_expires_at = NULL WHERE endpoint_id = ? AND status = 'pending'",
      why,
      id,
    );
  }

  // schedules

  async insertSchedule(r: NewSchedule): Promise<void> {
    while (this.busy) await this.core.active;
    this.run(
      'INSERT INTO schedules (id, owner, name, url, schedule, timezone, spec, status, base_url, next_run_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
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
    );
  }

  async schedule(id: string): Promise<ScheduleRow | undefined> {
    while (this.busy) await this.core.active;
    return this.get<ScheduleRow>('SELECT * FROM schedules WHERE id = ?', id);
  }

  async listSchedules(owner: string, limit: number, before?: number): Promise<ScheduleRow[]> {
    while (this.busy) await this.core.active;
    return this.all<ScheduleRow>(
      'SELECT * FROM schedules WHERE owner = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      owner,
      before ?? Number.MAX_SAFE_INTEGER,
      limit,
    );
  }

  async countSchedules(owner: string): Promise<number> {
    while (this.busy) await this.core.active;
    return this.get<{ n: number }>('SELECT COUNT(*) AS n FROM schedules WHERE owner = ?', owner)?.n ?? 0;
  }

  async updateSchedule(id: string, f: ScheduleChange): Promise<void> {
    while (this.busy) await this.core.active;
    this.run(
      'UPDATE schedules SET name = ?, url = ?, schedule = ?, timezone = ?, spec = ?, status = ?, next_run_at = ?, updated_at = ? WHERE id = ?',
      f.name,
      f.url,
      f.schedule,
      f.timezone,
      f.spec,
      f.status,
      f.next_run_at,
      f.updated_at,
      id,
    );
  }

  async deleteSchedule(id: string): Promise<boolean> {
    while (this.busy) await this.core.active;
    return this.atomically(() => {
      this.run('DELETE FROM schedule_runs WHERE schedule_id = ?', id);
      return this.run('DELETE FROM schedules WHERE id = ?', id) === 1;
    });
  }

  async dueSchedules(now: number, limit: number): Promise<ScheduleRow[]> {
    while (this.busy) await this.core.active;
    return this.all<ScheduleRow>(
      "SELECT * FROM schedules WHERE status = 'active' AND next_run_at IS NOT NULL AND next_run_at <= ? ORDER BY next_run_at, seq LIMIT ?",
      now,
      limit,
    );
  }

  async claimScheduleRun(
    scheduleId: string,
    dueAt: number,
    next: number | null,
    run: NewScheduleRun,
  ): Promise<boolean> {
    while (this.busy) await this.core.active;
    // BEGIN IMMEDIATE: the compare-and-set on next_run_at and the run's row commit together.
    return this.atomically(() => {
      const moved = this.run(
        "UPDATE schedules SET next_run_at = ?, last_run_at = ? WHERE id = ? AND status = 'active' AND next_run_at = ?",
        next,
        run.created_at,
        scheduleId,
        dueAt,
      );
      if (moved !== 1) return false;
      this.insertRun(run);
      return true;
    });
  }

  async insertScheduleRun(run: NewScheduleRun): Promise<boolean> {
    while (this.busy) await this.core.active;
    return this.atomically(() => {
      if (this.run('UPDATE schedules SET last_run_at = ? WHERE id = ?', run.created_at, run.schedule_id) !== 1)
        return false;
      this.insertRun(run);
      return true;
    });
  }

  private insertRun(run: NewScheduleRun): void {
    this.run(
      'INSERT INTO schedule_runs (id, schedule_id, owner, due_at, kind, created_at) VALUES (?,?,?,?,?,?)',
      run.id,
      run.schedule_id,
      run.owner,
      run.due_at,
      run.kind,
      run.created_at,
    );
  }

  async setScheduleRunResult(runId: string, renderId: string | null, error: string | null): Promise<void> {
    while (this.busy) await this.core.active;
    this.run('UPDATE schedule_runs SET render_id = ?, error = ? WHERE id = ?', renderId, error, runId);
  }

  async setScheduleRunOutcome(runId: string, outcome: string): Promise<void> {
    while (this.busy) await this.core.active;
    this.run('UPDATE schedule_runs SET outcome = ? WHERE id = ?', outcome, runId);
  }

  async scheduleRuns(scheduleId: string, limit: number): Promise<ScheduleRunRow[]> {
    while (this.busy) await this.core.active;
    return this.all<ScheduleRunRow>(
      'SELECT * FROM schedule_runs WHERE schedule_id = ? ORDER BY seq DESC LIMIT ?',
      scheduleId,
      limit,
    );
  }

  async scheduleRunCounts(scheduleId: string): Promise<ScheduleRunCounts> {
    while (this.busy) await this.core.active;
    const r = this.get<{ total: number; succeeded: number | null; failed: number | null }>(
      `SELECT COUNT(*) AS total,
              SUM(CASE WHEN r.status = 'succeeded' THEN 1 ELSE 0 END) AS succeeded,
              SUM(CASE WHEN x.error IS NOT NULL OR r.status = 'failed' THEN 1 ELSE 0 END) AS failed
         FROM schedule_runs x LEFT JOIN renders r ON r.id = x.render_id
        WHERE x.schedule_id = ?`,
      scheduleId,
    );
    return { total: r?.total ?? 0, succeeded: r?.succeeded ?? 0, failed: r?.failed ?? 0 };
  }

  // events (read from the outbox)

  async listEvents(owner: string, limit: number, filter?: EventFilter): Promise<EventRow[]> {
    while (this.busy) await this.core.active;
    const q = eventsSql(owner, () => '?', { limit, filter });
    return this.all<EventRow>(q.sql, ...q.params);
  }

  async event(owner: string, id: string): Promise<EventRow | undefined> {
    while (this.busy) await this.core.active;
    const q = eventsSql(owner, () => '?', { id });
    return this.get<EventRow>(q.sql, ...q.params);
  }

  async pruneScheduleRuns(before: number): Promise<number> {
    while (this.busy) await this.core.active;
    return this.run('DELETE FROM schedule_runs WHERE created_at < ?', before);
  }
}
