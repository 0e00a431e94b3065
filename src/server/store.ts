// Everything the service accepts lives here (node:sqlite under --data) before it is acknowledged:
// renders, their images, idempotency keys, webhook/dispatch deliveries and usage.
// Writes that must happen together (a render finishing and its deliveries) share a transaction.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';

export type RenderStatus = 'queued' | 'processing' | 'succeeded' | 'failed' | 'canceled';
export const TERMINAL: readonly RenderStatus[] = ['succeeded', 'failed', 'canceled'];

export interface RenderRow {
  id: string;
  owner: string;
  status: RenderStatus;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  expires_at: number;
  expired: number;
  /** JSON: the accepted request without screenshots (StoredSpec). */
  spec: string;
  /** JSON: the plan's Job[] for this render. */
  jobs: string;
  slides: number;
  base_url: string;
  lint: string | null;
  error: string | null;
  credits_used: number;
}

export interface ImageRow {
  render_id: string;
  idx: number;
  slide: string;
  file: string;
  width: number;
  height: number;
  format: string;
  bytes: number;
  sha256: string;
  /** JSON: the renderer's text layout facts (lint reads them). */
  text: string;
}

export interface IdempotencyRow {
  owner: string;
  key: string;
  body_hash: string;
  render_id: string | null;
  mode: string;
  status_code: number | null;
  response: string | null;
  created_at: number;
  expires_at: number;
}

/** `webhook:<surface>`: a compatibility surface's own webhook format (deliveries.ts). */
export type DeliveryKind = 'webhook' | 'dispatch' | `webhook:${string}`;
export interface DeliveryRow {
  id: string;
  render_id: string;
  kind: DeliveryKind;
  url: string;
  secret: string;
  event: string;
  /** webhook: the exact body sent; dispatch: the payload before its signature. */
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  last_status: number | null;
  created_at: number;
  delivered_at: number | null;
}

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
`;

/** The service's SQLite database (one file under --data). */
export class ServiceDb {
  readonly db: DatabaseSync;
  readonly dir: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.dir = dataDir;
    this.db = new DatabaseSync(path.join(dataDir, 'storeshots.db'));
    // WAL + synchronous=FULL: a row the service acknowledged survives kill -9 and power loss.
    // secure_delete: secrets cleared from rows (deliveries.ts, renders.ts) are overwritten on disk, not left in free pages.
    this.db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;',
    );
    this.db.exec(SCHEMA);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /** Runs fn inside one transaction (all or nothing). */
  tx<T>(fn: () => T): T {
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

  private get<T>(sql: string, ...args: SQLInputValue[]): T | undefined {
    return this.db.prepare(sql).get(...args) as T | undefined;
  }

  private all<T>(sql: string, ...args: SQLInputValue[]): T[] {
    return this.db.prepare(sql).all(...args) as T[];
  }

  private run(sql: string, ...args: SQLInputValue[]): number {
    return Number(this.db.prepare(sql).run(...args).changes);
  }

  // renders

  insertRender(
    r: Omit<RenderRow, 'started_at' | 'completed_at' | 'expired' | 'lint' | 'error' | 'credits_used'>,
  ): void {
    this.run(
      'INSERT INTO renders (id, owner, status, created_at, expires_at, spec, jobs, slides, base_url) VALUES (?,?,?,?,?,?,?,?,?)',
      r.id,
      r.owner,
      r.status,
      r.created_at,
      r.expires_at,
      r.spec,
      r.jobs,
      r.slides,
      r.base_url,
    );
  }

  render(id: string): RenderRow | undefined {
    return this.get<RenderRow>('SELECT * FROM renders WHERE id = ?', id);
  }

  /** Queued renders, oldest first. */
  queued(limit: number): RenderRow[] {
    return this.all<RenderRow>("SELECT * FROM renders WHERE status = 'queued' ORDER BY seq LIMIT ?", limit);
  }

  /** An owner's jobs of one kind (id prefix: `rnd` renders, `set` whole-set jobs), newest first, after the cursor `before` (a seq), optionally of one status. */
  list(owner: string, limit: number, before?: number, status?: RenderStatus, prefix = 'rnd'): RenderRow[] {
    return this.all<RenderRow>(
      `SELECT * FROM renders WHERE owner = ? AND expired = 0 AND seq < ? AND substr(id, 1, ?) = ?${status ? ' AND status = ?' : ''} ORDER BY seq DESC LIMIT ?`,
      owner,
      before ?? Number.MAX_SAFE_INTEGER,
      prefix.length + 1,
      `${prefix}_`,
      ...(status ? [status] : []),
      limit,
    );
  }

  /** The list position of one owner's job (undefined for another owner's id, as for an unknown one, or another kind's). */
  seqOf(id: string, owner: string, prefix = 'rnd'): number | undefined {
    if (!id.startsWith(`${prefix}_`)) return undefined;
    return this.get<{ seq: number }>('SELECT seq FROM renders WHERE id = ? AND owner = ?', id, owner)?.seq;
  }

  byStatus(status: RenderStatus): RenderRow[] {
    return this.all<RenderRow>('SELECT * FROM renders WHERE status = ? ORDER BY seq', status);
  }

  /** queued -> processing; false when someone else changed it first (e.g. a cancel). */
  claim(id: string, now: number): boolean {
    return (
      this.run(
        "UPDATE renders SET status = 'processing', started_at = COALESCE(started_at, ?) WHERE id = ? AND status = 'queued'",
        now,
        id,
      ) === 1
    );
  }

  /** Ends a render that is still `from` (so a cancel is never overwritten by a late finish). */
  finish(
    id: string,
    from: RenderStatus[],
    to: RenderStatus,
    fields: {
      completed_at: number;
      expires_at: number;
      lint?: string | null;
      error?: string | null;
      credits_used?: number;
    },
  ): boolean {
    const marks = from.map(() => '?').join(',');
    return (
      this.run(
        `UPDATE renders SET status = ?, completed_at = ?, expires_at = ?, lint = ?, error = ?, credits_used = ? WHERE id = ? AND status IN (${marks})`,
        to,
        fields.completed_at,
        fields.expires_at,
        fields.lint ?? null,
        fields.error ?? null,
        fields.credits_used ?? 0,
        id,
        ...from,
      ) === 1
    );
  }

  /** Replaces a render's stored request (used to drop its signing secrets once it has ended). */
  setSpec(id: string, spec: string): void {
    this.run('UPDATE renders SET spec = ? WHERE id = ?', spec, id);
  }

  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.all<{ status: string; n: number }>(
      'SELECT status, COUNT(*) AS n FROM renders WHERE expired = 0 GROUP BY status',
    ))
      out[r.status] = r.n;
    return out;
  }

  /** Images asked for by this owner's renders that have not ended yet (they count against the quota). */
  pendingSlides(owner: string): number {
    const r = this.get<{ n: number | null }>(
      "SELECT SUM(slides) AS n FROM renders WHERE owner = ? AND status IN ('queued','processing')",
      owner,
    );
    return r?.n ?? 0;
  }

  dueForExpiry(now: number, limit = 100): RenderRow[] {
    return this.all<RenderRow>(
      "SELECT * FROM renders WHERE expired = 0 AND expires_at <= ? AND status IN ('succeeded','failed','canceled') LIMIT ?",
      now,
      limit,
    );
  }

  markExpired(id: string): void {
    this.tx(() => {
      this.run('UPDATE renders SET expired = 1 WHERE id = ?', id);
      this.run('DELETE FROM images WHERE render_id = ?', id);
    });
  }

  // images

  insertImage(i: ImageRow): void {
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

  images(renderId: string): ImageRow[] {
    return this.all<ImageRow>('SELECT * FROM images WHERE render_id = ? ORDER BY idx', renderId);
  }

  // idempotency

  idempotency(owner: string, key: string): IdempotencyRow | undefined {
    return this.get<IdempotencyRow>('SELECT * FROM idempotency WHERE owner = ? AND key = ?', owner, key);
  }

  claimIdempotency(
    row: Pick<IdempotencyRow, 'owner' | 'key' | 'body_hash' | 'mode' | 'created_at' | 'expires_at'>,
  ): void {
    this.run(
      'INSERT OR REPLACE INTO idempotency (owner, key, body_hash, mode, created_at, expires_at) VALUES (?,?,?,?,?,?)',
      row.owner,
      row.key,
      row.body_hash,
      row.mode,
      row.created_at,
      row.expires_at,
    );
  }

  setIdempotencyRender(owner: string, key: string, renderId: string): void {
    this.run('UPDATE idempotency SET render_id = ? WHERE owner = ? AND key = ?', renderId, owner, key);
  }

  setIdempotencyResponse(owner: string, key: string, statusCode: number, response: string): void {
    this.run(
      'UPDATE idempotency SET status_code = ?, response = ? WHERE owner = ? AND key = ?',
      statusCode,
      response,
      owner,
      key,
    );
  }

  releaseIdempotency(owner: string, key: string): void {
    this.run('DELETE FROM idempotency WHERE owner = ? AND key = ?', owner, key);
  }

  /** Keys whose request never got as far as a render when the process died: the client got no answer, so they are free again. */
  releaseOrphanKeys(): number {
    return this.run('DELETE FROM idempotency WHERE render_id IS NULL AND response IS NULL');
  }

  expireIdempotency(now: number): number {
    return this.run('DELETE FROM idempotency WHERE expires_at <= ?', now);
  }

  // deliveries

  insertDelivery(d: Omit<DeliveryRow, 'status' | 'attempts' | 'last_error' | 'last_status' | 'delivered_at'>): void {
    this.run(
      "INSERT INTO deliveries (id, render_id, kind, url, secret, event, body, status, next_attempt_at, created_at) VALUES (?,?,?,?,?,?,?,'pending',?,?)",
      d.id,
      d.render_id,
      d.kind,
      d.url,
      d.secret,
      d.event,
      d.body,
      d.next_attempt_at,
      d.created_at,
    );
  }

  dueDeliveries(now: number, limit: number, exclude: string[]): DeliveryRow[] {
    const rows = this.all<DeliveryRow>(
      "SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?",
      now,
      limit + exclude.length,
    );
    return rows.filter((r) => !exclude.includes(r.id)).slice(0, limit);
  }

  nextDeliveryAt(): number | undefined {
    const r = this.get<{ t: number | null }>(
      "SELECT MIN(next_attempt_at) AS t FROM deliveries WHERE status = 'pending'",
    );
    return r?.t ?? undefined;
  }

  deliveries(renderId: string): DeliveryRow[] {
    return this.all<DeliveryRow>('SELECT * FROM deliveries WHERE render_id = ? ORDER BY created_at, id', renderId);
  }

  deliveryAttempted(
    id: string,
    result: { ok: boolean; failed: boolean; status: number | null; error: string | null; next: number; now: number },
  ): void {
    this.run(
      'UPDATE deliveries SET attempts = attempts + 1, status = ?, last_status = ?, last_error = ?, next_attempt_at = ?, delivered_at = ? WHERE id = ?',
      result.ok ? 'delivered' : result.failed ? 'failed' : 'pending',
      result.status,
      result.error,
      result.next,
      result.ok ? result.now : null,
      id,
    );
    // A delivery that is final needs its signing secret no more: it is not kept at rest.
    if (result.ok || result.failed) this.run("UPDATE deliveries SET secret = '' WHERE id = ?", id);
  }

  pendingDeliveries(): number {
    return this.get<{ n: number }>("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'pending'")?.n ?? 0;
  }

  // usage

  usage(owner: string, month: string): number {
    return (
      this.get<{ credits: number }>('SELECT credits FROM usage WHERE owner = ? AND month = ?', owner, month)?.credits ??
      0
    );
  }

  addUsage(owner: string, month: string, credits: number): void {
    this.run(
      'INSERT INTO usage (owner, month, credits) VALUES (?,?,?) ON CONFLICT(owner, month) DO UPDATE SET credits = credits + excluded.credits',
      owner,
      month,
      credits,
    );
  }
}
