// The PostgreSQL schema as numbered migrations, applied at start by whichever node gets there
// first: every node calls migrate(), which waits on one session-level advisory lock, so one node
// migrates while the others wait and then find nothing left to do. Applied versions are rows of
// schema_migrations; each migration runs in its own transaction with its row, so a node killed
// mid-migration leaves the previous version (Postgres DDL is transactional) and the lock with its
// connection. Never edit a migration that has shipped: add the next one.
import type { Pool } from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Any constant of our own: the advisory lock id every node takes to migrate. */
export const MIGRATION_LOCK = 0x5354_5348; // "STSH"

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'renders, images, idempotency, deliveries, usage, projects, outputs, blobs',
    sql: `
CREATE TABLE renders (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued','processing','succeeded','failed','canceled')),
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  completed_at BIGINT,
  expires_at BIGINT NOT NULL,
  expired SMALLINT NOT NULL DEFAULT 0,
  spec TEXT NOT NULL,
  jobs TEXT NOT NULL,
  slides INTEGER NOT NULL,
  base_url TEXT NOT NULL,
  lint TEXT,
  error TEXT,
  credits_used INTEGER NOT NULL DEFAULT 0,
  worker TEXT,
  lease_expires_at BIGINT
);
-- The queue: workers take the lowest seq among queued jobs (claimNext).
CREATE INDEX renders_queued ON renders (seq) WHERE status = 'queued';
CREATE INDEX renders_leases ON renders (lease_expires_at) WHERE status = 'processing';
CREATE INDEX renders_by_owner ON renders (owner, seq);
CREATE INDEX renders_by_expiry ON renders (expires_at) WHERE expired = 0;
CREATE TABLE images (
  render_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  slide TEXT NOT NULL,
  file TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  format TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (render_id, idx)
);
-- Idempotency is this primary key: of concurrent claims of one key on any nodes, one inserts.
CREATE TABLE idempotency (
  owner TEXT NOT NULL,
  key TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  render_id TEXT,
  mode TEXT NOT NULL,
  status_code INTEGER,
  response TEXT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (owner, key)
);
CREATE INDEX idempotency_by_expiry ON idempotency (expires_at);
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  render_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  event TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT,
  last_status INTEGER,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT,
  claimed_by TEXT,
  lease_expires_at BIGINT
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_by_render ON deliveries (render_id);
CREATE TABLE usage (
  owner TEXT NOT NULL,
  month TEXT NOT NULL,
  credits BIGINT NOT NULL,
  PRIMARY KEY (owner, month)
);
CREATE TABLE projects (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  preset TEXT NOT NULL,
  canvas_state TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX projects_by_owner ON projects (owner, seq);
CREATE TABLE project_uploads (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL,
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  file TEXT NOT NULL,
  format TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX project_uploads_by_project ON project_uploads (project_id, created_at);
CREATE INDEX project_uploads_by_owner ON project_uploads (owner);
CREATE TABLE set_outputs (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  render_id TEXT NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  file TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (render_id, id)
);
-- Blobs (pg-blobs.ts): one row per key, its bytes in chunks of at most CHUNK bytes.
CREATE TABLE blobs (
  key TEXT PRIMARY KEY COLLATE "C",
  bytes BIGINT NOT NULL,
  chunks INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE blob_chunks (
  key TEXT NOT NULL COLLATE "C" REFERENCES blobs (key) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (key, n)
);
-- Image bytes are PNG/JPEG: already compressed, so TOAST's compression would only cost CPU.
ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
`,
  },
  {
    version: 2,
    name: 'settings shared by every node (the link signing secret)',
    sql: `
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
`,
  },
  {
    version: 3,
    name: 'webhook endpoints (subscribe once), and the endpoint of each delivery',
    sql: `
CREATE TABLE webhook_endpoints (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  url TEXT NOT NULL,
  enabled_events TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL CHECK (status IN ('enabled','disabled')),
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX webhook_endpoints_by_owner ON webhook_endpoints (owner, seq);
ALTER TABLE deliveries ADD COLUMN endpoint_id TEXT;
CREATE INDEX deliveries_by_endpoint ON deliveries (endpoint_id) WHERE status = 'pending';
`,
  },
  {
    version: 4,
    name: "schedules (allscreenshots' scheduled captures) and their runs",
    sql: `
CREATE TABLE schedules (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  schedule TEXT NOT NULL,
  timezone TEXT NOT NULL,
  spec TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active','paused')),
  base_url TEXT NOT NULL,
  next_run_at BIGINT,
  last_run_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX schedules_by_owner ON schedules (owner, seq);
-- The scheduler's scan: active schedules by due time (dueSchedules).
CREATE INDEX schedules_due ON schedules (next_run_at) WHERE status = 'active';
CREATE TABLE schedule_runs (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  schedule_id TEXT NOT NULL,
  owner TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('schedule','trigger')),
  render_id TEXT,
  error TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX schedule_runs_by_schedule ON schedule_runs (schedule_id, seq);
-- The prune of runs whose jobs have expired (pruneScheduleRuns).
CREATE INDEX schedule_runs_by_time ON schedule_runs (created_at);
`,
  },
  // Version 4 is another change's (numbered apart so that both merge); the runner applies what is missing, in order.
  {
    version: 5,
    name: 'held jobs: a bulk request makes its jobs held and releases them together',
    sql: `
ALTER TABLE renders DROP CONSTRAINT renders_status_check;
ALTER TABLE renders ADD CONSTRAINT renders_status_check
  CHECK (status IN ('held','queued','processing','succeeded','failed','canceled'));
-- The sweep of lapsed holds (a request that died before releasing or discarding its jobs).
CREATE INDEX renders_held ON renders (lease_expires_at) WHERE status = 'held';
`,
  },
  {
    version: 6,
    name: "schedule runs' outcome: the image diff against the previous run (onlyOnChange) and the webhooks sent",
    sql: `
ALTER TABLE schedule_runs ADD COLUMN outcome TEXT;
`,
  },
  {
    version: 7,
    name: "a job's allscreenshots bulk as a column: a bulk's status and the bulk list read its jobs by index",
    sql: `
ALTER TABLE renders ADD COLUMN bulk_id TEXT;
-- The bulk jobs made before this version: their bulk is in their stored request's metadata.
UPDATE renders SET bulk_id = spec::jsonb #>> '{metadata,bulk,id}'
  WHERE spec LIKE '%"bulk"%' AND spec::jsonb #>> '{metadata,compat}' = 'allscreenshots'
    AND jsonb_typeof(spec::jsonb #> '{metadata,bulk,id}') = 'string';
CREATE INDEX renders_by_bulk ON renders (owner, bulk_id, seq) WHERE bulk_id IS NOT NULL;
`,
  },
];

/**
 * Applies the migrations this database lacks, under the advisory lock (one node at a time).
 * Resolves the versions this call applied ([] when another node had done it). A database migrated
 * by a newer version (a version we do not know) is left alone: that version's nodes own it.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      );
      const done = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
      );
      for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new Error(`PostgreSQL migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
        }
        applied.push(m.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } catch (e) {
    broken = e as Error;
    throw e;
  } finally {
    // A connection that failed mid-migration is not handed back to the pool.
    client.release(broken);
  }
  return applied;
}
