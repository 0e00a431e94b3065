// The service's storage, as one asynchronous interface with two implementations: SQLite under
// --data (sqlite.ts, the zero-setup default, one machine) and PostgreSQL (many API nodes and
// workers). Everything the service persists goes through ServiceStore (rows) and BlobStore (bytes):
// no SQL outside the implementations. Times are ms since the epoch (numbers, never Date); ids are
// the service's own strings (`rnd_…`, `set_…`, `whd_…`, `prj_…`, `upl_…`, `we_…`).
//
// Contracts every implementation keeps (the conformance suite, __tests__/storage-conformance.test.ts,
// checks them against each backend):
// - A method that resolves has made its write durable (SQLite: WAL + synchronous FULL; Postgres: a
//   committed transaction). Nothing is acknowledged to a client before that.
// - Each method is atomic on its own. Several calls that must happen together go through tx().
// - "Atomic claim" methods (claimNext, claimDueDeliveries, claimIdempotency, takeOverIdempotency)
//   give each row to exactly one caller even when many processes on many machines call at once.
// - Rows are returned as plain objects with the column names below; INTEGER columns as JS numbers
//   (Postgres: BIGINT parsed to number; every value here is below 2^53).

/**
 * `held`: made by a request that makes several jobs all or none (a bulk), not yet answered: the queue
 * does not take it, no list shows it, no API reads it; the request releases its jobs to `queued` together
 * (releaseHolds) or deletes them (discardHolds). Its lease_expires_at is when the hold lapses (the
 * request renews it while it runs): a request that died leaves holds the sweep deletes (discardLapsedHolds).
 */
export type RenderStatus = 'held' | 'queued' | 'processing' | 'succeeded' | 'failed' | 'canceled';
export const TERMINAL: readonly RenderStatus[] = ['succeeded', 'failed', 'canceled'];

/** A job of the renders table: a render (`rnd_` id) or a whole-set job (`set_` id). */
export interface RenderRow {
  /** Insertion order (list cursors). Strictly increasing across the store (SQLite AUTOINCREMENT, Postgres BIGSERIAL/IDENTITY). */
  seq: number;
  id: string;
  owner: string;
  status: RenderStatus;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  expires_at: number;
  /** 0 or 1: its files are deleted (a late poll gets 410). */
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
  /** The worker (process) holding the job while it is `processing`; null otherwise. */
  worker: string | null;
  /**
   * When the holder's lease ends: after it, releaseExpiredLeases() queues the job again. Null when not
   * leased. A `held` job: when its hold lapses.
   */
  lease_expires_at: number | null;
  /** The allscreenshots bulk the job is one URL of (its `blk_` id), found by index (bulkJobs, bulks); null otherwise. */
  bulk_id: string | null;
}

/** What insertRender takes: the rest starts null/0 (lease_expires_at: a `held` job's hold, else left out). */
export type NewRender = Pick<
  RenderRow,
  'id' | 'owner' | 'status' | 'created_at' | 'expires_at' | 'spec' | 'jobs' | 'slides' | 'base_url'
> & { lease_expires_at?: number; bulk_id?: string };

/** The fields a job ends with (finish()). */
export interface FinishFields {
  completed_at: number;
  expires_at: number;
  lint?: string | null;
  error?: string | null;
  credits_used?: number;
  /**
   * When given, the job must also be held by this worker (renders.worker = it): a worker whose lease
   * lapsed and was taken over by another cannot end the job. Cancels and API-side ends leave it out.
   */
  worker?: string;
}

export interface ImageRow {
  render_id: string;
  /** 1-based position in the job list. */
  idx: number;
  slide: string;
  /** Blob key of the image bytes (BlobStore). Rows written before storage/ existed hold an absolute path under --data; the filesystem BlobStore reads both. */
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

export type NewIdempotency = Pick<IdempotencyRow, 'owner' | 'key' | 'body_hash' | 'mode' | 'created_at' | 'expires_at'>;

/**
 * `webhook:<surface>`: a compatibility surface's own webhook format (deliveries.ts); `endpoint`: an event
 * sent to a webhook endpoint the key subscribed (webhook-endpoints.ts), signed like `webhook`; `email`: a
 * schedule's mail through the operator's SMTP server (url `mailto:` its recipients, no secret).
 */
export type DeliveryKind = 'webhook' | 'dispatch' | 'endpoint' | 'email' | `webhook:${string}`;
export interface DeliveryRow {
  id: string;
  render_id: string;
  kind: DeliveryKind;
  url: string;
  secret: string;
  event: string;
  /** webhook: the exact body sent; dispatch: the payload before its signature; email: the Mail (mail.ts) as JSON. */
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  last_status: number | null;
  created_at: number;
  delivered_at: number | null;
  /** The node that holds the current attempt (claimDueDeliveries), null when none does. */
  claimed_by: string | null;
  /** When that claim lapses (a node that died mid-attempt); null when unclaimed. */
  lease_expires_at: number | null;
  /** kind `endpoint`: the webhook endpoint (`we_…`) it goes to; null for the others. */
  endpoint_id: string | null;
}

export type NewDelivery = Pick<
  DeliveryRow,
  'id' | 'render_id' | 'kind' | 'url' | 'secret' | 'event' | 'body' | 'next_attempt_at' | 'created_at'
> & { endpoint_id?: string };

/** The outcome of one delivery attempt (deliveryAttempted). */
export interface AttemptResult {
  /** A 2xx: the delivery is `delivered`. */
  ok: boolean;
  /** Given up (permanent error or attempts exhausted): `failed`. Neither ok nor failed: `pending` again at `next`. */
  failed: boolean;
  status: number | null;
  error: string | null;
  /** The next attempt's time (pending), or now. */
  next: number;
  now: number;
}

export interface ProjectRow {
  seq: number;
  id: string;
  owner: string;
  name: string;
  preset: string;
  /** JSON: the canvas state (CanvasState). */
  canvas_state: string;
  created_at: number;
  updated_at: number;
}

export type NewProject = Omit<ProjectRow, 'seq'>;

export interface UploadRow {
  id: string;
  project_id: string;
  owner: string;
  name: string;
  /** Blob key (or, in older data dirs, an absolute path under --data). */
  file: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  created_at: number;
}

/** A webhook endpoint a key subscribed ("subscribe once"): every job of that key sends its events there. */
export interface WebhookEndpointRow {
  /** Insertion order (list cursors), as renders' and projects'. */
  seq: number;
  /** `we_…` */
  id: string;
  owner: string;
  url: string;
  /** JSON: the event types it receives, or `["*"]` for all. */
  enabled_events: string;
  description: string | null;
  status: 'enabled' | 'disabled';
  /** The signing secret (`whsec_…`): every event to this endpoint is signed with it. */
  secret: string;
  created_at: number;
  updated_at: number;
}

export type NewWebhookEndpoint = Omit<WebhookEndpointRow, 'seq'>;

/** What an endpoint's update may change (the rest stays). */
export type WebhookEndpointChange = Pick<
  WebhookEndpointRow,
  'url' | 'enabled_events' | 'description' | 'status' | 'updated_at'
>;

/** One output of a render or whole-set job (zip, contact sheet, PDF, report; the table keeps its first name, set_outputs). */
export interface OutputRow {
  render_id: string;
  id: string;
  type: string;
  /** Blob key (or, in older data dirs, an absolute path under --data). */
  file: string;
  content_type: string;
  bytes: number;
  sha256: string;
}

/** A recurring capture of allscreenshots' schedules surface (`sch_…`): a due time makes one job. */
export interface ScheduleRow {
  /** Insertion order (list cursors), as renders' and projects'. */
  seq: number;
  id: string;
  owner: string;
  name: string;
  url: string;
  /** The cron expression as given (5 or 6 fields, or an alias such as `@hourly`). */
  schedule: string;
  /** IANA zone the expression is read in. */
  timezone: string;
  /** JSON: the rest of the stored request (options, webhookUrl, webhookSecret, retentionDays, startsAt, endsAt). */
  spec: string;
  status: 'active' | 'paused';
  /** Where the jobs' links point (the base URL of the request that made the schedule). */
  base_url: string;
  /** The next due time; null when none is left (paused, or past endsAt). */
  next_run_at: number | null;
  /** When the last run (due or triggered) was claimed; null before the first. */
  last_run_at: number | null;
  created_at: number;
  updated_at: number;
}

export type NewSchedule = Omit<ScheduleRow, 'seq' | 'last_run_at'>;

/** What an update may change (the rest stays). */
export type ScheduleChange = Pick<
  ScheduleRow,
  'name' | 'url' | 'schedule' | 'timezone' | 'spec' | 'status' | 'next_run_at' | 'updated_at'
>;

/** One run of a schedule: the due time it claimed (or a trigger), the job it made or why it made none. */
export interface ScheduleRunRow {
  seq: number;
  /** `exe_…` */
  id: string;
  schedule_id: string;
  owner: string;
  /** The due time this run was for; for a trigger, the time it was asked. */
  due_at: number;
  /** `schedule` (a due time) or `trigger` (POST …/trigger). */
  kind: 'schedule' | 'trigger';
  /** The job it made; null until made, and for a run that made none. */
  render_id: string | null;
  /** JSON `{code, message}`: why no job was made (the page refused, the quota spent…); null otherwise. */
  error: string | null;
  created_at: number;
  /**
   * JSON: what was made of the run once its job ended (allscreenshots-schedules.ts): `{changed,
   * diffScore}` against the previous run's image (onlyOnChange), the webhooks sent; null until then.
   */
  outcome: string | null;
}

export type NewScheduleRun = Omit<ScheduleRunRow, 'seq' | 'render_id' | 'error' | 'outcome'>;

/** A schedule's runs counted with their jobs' outcomes (one query). */
export interface ScheduleRunCounts {
  total: number;
  /** Runs whose job succeeded. */
  succeeded: number;
  /** Runs that made no job, and runs whose job failed. */
  failed: number;
}

/**
 * Every row the service keeps. All methods resolve once the write is durable. Inside tx() use the
 * store handed to the callback (it runs on the transaction's connection); calling the outer store
 * from inside fn waits for the transaction (SQLite) or runs outside it (Postgres): don't.
 */
export interface ServiceStore {
  /** `sqlite` or `postgres` (logs, /healthz). */
  readonly engine: string;
  /**
   * True when other processes may run API nodes on this store at the same time (Postgres). False for
   * SQLite, where one `serve` holds the data dir (serve.pid): an idempotency key with neither a render
   * nor a response that this process does not hold in memory is an orphan of a dead process.
   */
  readonly shared: boolean;

  /** Creates missing tables/columns (idempotent; on Postgres one node migrates at a time under an advisory lock). Called once before use. */
  migrate(): Promise<void>;
  /** Closes connections; later calls reject. Safe to call twice. */
  close(): Promise<void>;

  /**
   * Runs fn in one transaction: every write through `s` commits together, or none does when fn
   * throws (the error is rethrown). Writes on SQLite are serialized (BEGIN IMMEDIATE); on Postgres
   * it is one pooled connection, READ COMMITTED, so fn must rely on conditional updates
   * (finish()'s `from`), not on reads staying true. A tx() inside fn joins the outer transaction.
   * Keep fn short: no network or rendering inside it.
   */
  tx<T>(fn: (s: ServiceStore) => Promise<T>): Promise<T>;

  // ---- shared stores only (Postgres; absent on SQLite, where one process holds the data) ----------

  /**
   * Runs fn unless another node runs the job of that name now (a sweep): resolves undefined without
   * running it then. Correctness never depends on it (each step of a sweep is atomic); it spares the
   * other nodes the same work.
   */
  exclusive?<T>(name: string, fn: () => Promise<T>): Promise<T | undefined>;
  /**
   * A value every node must agree on (the link signing secret): the first caller on any node stores
   * make()'s value, every later call on every node resolves that one.
   */
  setting?(name: string, make: () => string): Promise<string>;

  // ---- renders (and whole-set jobs) -------------------------------------------------------------

  /** Inserts a job (`queued`, or `held` with its lease_expires_at). A duplicate id rejects (unique constraint) and writes nothing. */
  insertRender(r: NewRender): Promise<void>;
  /** Any job by id, `held` ones too (the API's reads refuse those: Renders.get). */
  render(id: string): Promise<RenderRow | undefined>;
  /** Queued jobs, oldest (lowest seq) first. Read only: claiming is claimNext(). */
  queued(limit: number): Promise<RenderRow[]>;
  /** An owner's jobs of one kind (id prefix `rnd` or `set`), newest first, with seq < before, not expired, not held, optionally of one status. */
  list(owner: string, limit: number, before?: number, status?: RenderStatus, prefix?: string): Promise<RenderRow[]>;
  /** One owner's jobs of one bulk (NewRender.bulk_id), oldest first: not expired, not held (as list()). */
  bulkJobs(owner: string, bulkId: string): Promise<RenderRow[]>;
  /**
   * The jobs of one owner's newest `limit` bulks (newest: the bulk's newest job), newest job first: not
   * expired, not held (as list()). A bulk whose jobs are all expired or held is not among them.
   */
  bulks(owner: string, limit: number): Promise<RenderRow[]>;
  /** The seq of one owner's job of that prefix (undefined for another owner's, another kind's, a held one, or an unknown id). */
  seqOf(id: string, owner: string, prefix?: string): Promise<number | undefined>;
  /** Every job in a status, by seq. */
  byStatus(status: RenderStatus): Promise<RenderRow[]>;
  /**
   * queued -> processing for one given id, held by `worker` until now + leaseMs; started_at is set
   * the first time. Resolves false when the job is not `queued` (a cancel or another claimer came
   * first). Atomic: of concurrent claims of one id exactly one gets true.
   */
  claim(id: string, worker: string, now: number, leaseMs: number): Promise<boolean>;
  /**
   * Takes the oldest queued job (lowest seq) for `worker`: queued -> processing, worker set,
   * lease_expires_at = now + leaseMs, started_at set if null; resolves the row as updated, or
   * undefined when nothing is queued. Atomic across processes: no two callers ever get the same
   * job (Postgres: UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING *).
   */
  claimNext(worker: string, now: number, leaseMs: number): Promise<RenderRow | undefined>;
  /**
   * Extends the lease of a job `worker` holds to now + leaseMs. False when the job is no longer
   * `processing` under this worker (canceled, ended, or its lease expired and another took it):
   * the worker must stop working on it and must not end it.
   */
  renewLease(id: string, worker: string, now: number, leaseMs: number): Promise<boolean>;
  /**
   * Hands a job back (graceful shutdown): processing -> queued, worker and lease cleared, only if
   * `worker` still holds it. Stored images stay (the next claimer skips them). False otherwise.
   */
  releaseLease(id: string, worker: string): Promise<boolean>;
  /**
   * Queues again every `processing` job whose lease_expires_at <= now (its worker died): worker and
   * lease cleared, started_at and stored images kept. A `processing` job with a null lease (written
   * by a version without leases) counts as expired. Resolves the ids it released. Safe to run on
   * every node at once (each job is released by one of them). The single-node SQLite serve calls it
   * with Number.MAX_SAFE_INTEGER at start: whatever the dead process held is queued again.
   */
  releaseExpiredLeases(now: number): Promise<string[]>;
  /**
   * Ends a job that is still in one of `from` (so a cancel is never overwritten by a late finish):
   * status, completed_at, expires_at, lint, error, credits_used (missing = null/0); worker and lease
   * cleared. With fields.worker, also only while that worker holds it. Resolves true when this call
   * changed it. Atomic compare-and-set.
   */
  finish(id: string, from: RenderStatus[], to: RenderStatus, fields: FinishFields): Promise<boolean>;
  /** Replaces a job's stored request (drops its signing secrets once it has ended). */
  setSpec(id: string, spec: string): Promise<void>;
  /** Jobs not expired, by status (absent statuses are missing; `held` ones are not counted). */
  counts(): Promise<Record<string, number>>;
  /** created_at of the oldest queued job, or undefined (metrics: queue age). */
  oldestQueuedAt(): Promise<number | undefined>;
  /**
   * SUM(slides) of this owner's held, queued and processing jobs (they count against the quota: a
   * held job reserves its images while its request runs).
   */
  pendingSlides(owner: string): Promise<number>;
  /** Ended jobs (succeeded/failed/canceled), not expired, with expires_at <= now; at most `limit` (default 100). */
  dueForExpiry(now: number, limit?: number): Promise<RenderRow[]>;
  /**
   * Marks a job expired and deletes its image rows, in one transaction. True when this call did it,
   * false when it was expired already (another node's sweep): count the metric only on true.
   */
  markExpired(id: string): Promise<boolean>;

  // ---- held jobs (a request's jobs made all or none) ---------------------------------------------

  /** Moves the hold of those of `ids` still `held` to `until` (the request is alive); resolves how many. */
  renewHolds(ids: string[], until: number): Promise<number>;
  /**
   * held -> queued for every one of `ids` in one transaction (lease cleared), or for none: resolves
   * false, changing nothing, when any of them is no longer held (a sweep deleted it). Atomic: a
   * concurrent discard of the same ids either comes first (false here) or finds them queued.
   */
  releaseHolds(ids: string[]): Promise<boolean>;
  /** Deletes those of `ids` still `held` (their rows only: the blobs are the caller's); resolves the ids deleted. */
  discardHolds(ids: string[]): Promise<string[]>;
  /**
   * Deletes up to `limit` (default 100) `held` jobs whose hold lapsed (lease_expires_at <= now: their
   * request died) and resolves their ids, for the caller to delete their blobs. Safe on every node at once.
   */
  discardLapsedHolds(now: number, limit?: number): Promise<string[]>;

  // ---- images -------------------------------------------------------------------------------------

  /** Records one finished image; an existing (render_id, idx) is replaced (a resumed render re-records it). */
  insertImage(i: ImageRow): Promise<void>;
  /** A job's images by idx. */
  images(renderId: string): Promise<ImageRow[]>;

  // ---- idempotency keys -------------------------------------------------------------------------

  idempotency(owner: string, key: string): Promise<IdempotencyRow | undefined>;
  /**
   * Atomic insert-if-absent of (owner, key) with render_id, status_code and response null. A row
   * whose expires_at <= row.created_at counts as absent and is replaced in the same statement.
   * Resolves undefined when this call inserted (it owns the key), else the live row that is there.
   * Of N concurrent claims of one key on any number of nodes exactly one resolves undefined.
   */
  claimIdempotency(row: NewIdempotency): Promise<IdempotencyRow | undefined>;
  /**
   * Takes over an orphaned claim (no render, no response: its request died): replaces the row with
   * `row` only if the stored one still has created_at === prevCreatedAt, render_id null and response
   * null. True when replaced. Of concurrent takeovers exactly one wins.
   */
  takeOverIdempotency(row: NewIdempotency, prevCreatedAt: number): Promise<boolean>;
  /** Records the render a claimed key made (call inside the tx that inserts the render). */
  setIdempotencyRender(owner: string, key: string, renderId: string): Promise<void>;
  /** Saves the answer; later duplicates replay it. */
  setIdempotencyResponse(owner: string, key: string, statusCode: number, response: string): Promise<void>;
  /** Deletes the key (a request that failed validation saves nothing). Missing key: no-op. */
  releaseIdempotency(owner: string, key: string): Promise<void>;
  /**
   * Deletes keys with neither a render nor a response (their request died before making one),
   * created before `createdBefore` (default: all, the single-node start-up). Resolves how many.
   */
  releaseOrphanKeys(createdBefore?: number): Promise<number>;
  /** Deletes keys with expires_at <= now; resolves how many. */
  expireIdempotency(now: number): Promise<number>;

  // ---- deliveries (webhook and dispatch outbox) ------------------------------------------------

  /** Adds a pending delivery (attempts 0, unclaimed). Call inside the tx that ends its render. Duplicate id rejects. */
  insertDelivery(d: NewDelivery): Promise<void>;
  /**
   * Claims up to `limit` due deliveries for `node`: status pending, next_attempt_at <= now, and no
   * live claim (claimed_by null or lease_expires_at <= now); sets claimed_by = node and
   * lease_expires_at = now + leaseMs; resolves them oldest next_attempt_at first. Atomic across
   * nodes: an attempt is handed to exactly one caller until its lease lapses.
   */
  claimDueDeliveries(node: string, now: number, limit: number, leaseMs: number): Promise<DeliveryRow[]>;
  /**
   * Records an attempt of a delivery `node` claimed: attempts + 1, status, last_status, last_error,
   * next_attempt_at, delivered_at (when ok), claim cleared; a final one (ok or failed) has its secret
   * blanked. Resolves false (and writes nothing) when `node` no longer holds the claim.
   */
  deliveryAttempted(id: string, node: string, result: AttemptResult): Promise<boolean>;
  /**
   * Hands claims back: claimed_by/lease cleared on `node`'s pending deliveries (graceful shutdown),
   * or on every pending delivery when node is undefined (the single-node SQLite serve at start: the
   * dead process's claims must not wait for their lease).
   */
  releaseDeliveries(node?: string): Promise<void>;
  /** The earliest next_attempt_at of pending deliveries, or undefined. */
  nextDeliveryAt(): Promise<number | undefined>;
  /** A job's deliveries, by created_at then id. */
  deliveries(renderId: string): Promise<DeliveryRow[]>;
  /** How many deliveries are pending. */
  pendingDeliveries(): Promise<number>;

  // ---- usage (monthly credits) ------------------------------------------------------------------

  /** Credits an owner used in a month (`YYYY-MM`, UTC); 0 when none. */
  usage(owner: string, month: string): Promise<number>;
  /** Atomic increment (upsert): concurrent adds on any nodes all count. */
  addUsage(owner: string, month: string, credits: number): Promise<void>;

  // ---- projects ---------------------------------------------------------------------------------

  /** Inserts a project (seq assigned). Duplicate id rejects. */
  insertProject(p: NewProject): Promise<void>;
  project(id: string): Promise<ProjectRow | undefined>;
  /** An owner's projects, newest first, with seq < before. */
  listProjects(owner: string, limit: number, before?: number): Promise<ProjectRow[]>;
  countProjects(owner: string): Promise<number>;
  updateProject(id: string, f: Pick<ProjectRow, 'name' | 'preset' | 'canvas_state' | 'updated_at'>): Promise<void>;
  /** Deletes a project and its upload rows, in one transaction (the blobs are the caller's). */
  deleteProject(id: string): Promise<void>;
  /** A project's uploads, by created_at then id. */
  uploads(projectId: string): Promise<UploadRow[]>;
  /** SUM(bytes) of an owner's uploads (0 when none). */
  uploadBytes(owner: string): Promise<number>;
  /** Inserts upload rows and sets the project's updated_at, in one transaction. */
  insertUploads(projectId: string, rows: UploadRow[], updatedAt: number): Promise<void>;
  deleteUpload(uploadId: string): Promise<void>;

  // ---- outputs of renders and whole-set jobs -------------------------------------------------------

  /** Records one output; an existing (render_id, id) is replaced. */
  insertOutput(o: OutputRow): Promise<void>;
  /** A job's outputs in insertion order. */
  outputs(renderId: string): Promise<OutputRow[]>;

  // ---- webhook endpoints ("subscribe once") ---------------------------------------------------------

  /**
   * Inserts an endpoint unless its owner has `max` already: resolves false then, and writes nothing.
   * Atomic across nodes: of concurrent inserts for one owner, at most `max` endpoints exist after.
   * A duplicate id rejects.
   */
  insertWebhookEndpoint(e: NewWebhookEndpoint, max: number): Promise<boolean>;
  webhookEndpoint(id: string): Promise<WebhookEndpointRow | undefined>;
  /** An owner's endpoints, newest first, with seq < before. */
  listWebhookEndpoints(owner: string, limit: number, before?: number): Promise<WebhookEndpointRow[]>;
  /** An owner's `enabled` endpoints, oldest first: the ones a job's events go to. */
  enabledWebhookEndpoints(owner: string): Promise<WebhookEndpointRow[]>;
  /**
   * Changes url, enabled_events, description, status and updated_at. When the endpoint ends up
   * `disabled`, its pending deliveries end too (as deleteWebhookEndpoint's), in the same transaction.
   */
  updateWebhookEndpoint(id: string, f: WebhookEndpointChange): Promise<void>;
  /**
   * Deletes an endpoint and ends its pending deliveries in one transaction: `failed` with
   * last_error saying why, secret blanked, claim cleared (an attempt in flight then records nothing).
   * True when it existed.
   */
  deleteWebhookEndpoint(id: string): Promise<boolean>;

  // ---- schedules (allscreenshots' scheduled captures) -----------------------------------------------

  /** Inserts a schedule (seq assigned). Duplicate id rejects. */
  insertSchedule(s: NewSchedule): Promise<void>;
  schedule(id: string): Promise<ScheduleRow | undefined>;
  /** An owner's schedules, newest first, with seq < before. */
  listSchedules(owner: string, limit: number, before?: number): Promise<ScheduleRow[]>;
  countSchedules(owner: string): Promise<number>;
  /** Changes the fields of ScheduleChange. */
  updateSchedule(id: string, f: ScheduleChange): Promise<void>;
  /** Deletes a schedule and its runs, in one transaction (its jobs stay). True when it existed. */
  deleteSchedule(id: string): Promise<boolean>;
  /** Active schedules with next_run_at <= now, earliest first, at most `limit`. Read only: claiming is claimScheduleRun(). */
  dueSchedules(now: number, limit: number): Promise<ScheduleRow[]>;
  /**
   * Claims one due time: in one transaction, moves the schedule's next_run_at from `dueAt` to `next`
   * (last_run_at = run.created_at) only if it is still active and still due at `dueAt`, and inserts
   * the run. False (nothing written) when another caller claimed that due time first, or the
   * schedule was paused, changed or deleted. Atomic across nodes: of concurrent claims of one due
   * time exactly one gets true.
   */
  claimScheduleRun(scheduleId: string, dueAt: number, next: number | null, run: NewScheduleRun): Promise<boolean>;
  /** Inserts a run that claims no due time (a trigger) and sets last_run_at; false when the schedule is gone. */
  insertScheduleRun(run: NewScheduleRun): Promise<boolean>;
  /** Records what a run made: its job, or why none (JSON {code, message}). */
  setScheduleRunResult(runId: string, renderId: string | null, error: string | null): Promise<void>;
  /** Records what was made of a run once its job ended (ScheduleRunRow.outcome, JSON). */
  setScheduleRunOutcome(runId: string, outcome: string): Promise<void>;
  /** A schedule's runs, newest first, at most `limit`. */
  scheduleRuns(scheduleId: string, limit: number): Promise<ScheduleRunRow[]>;
  /** A schedule's runs counted with their jobs' status (renders.status). */
  scheduleRunCounts(scheduleId: string): Promise<ScheduleRunCounts>;
  // ---- events (read from the outbox: the `endpoint` deliveries) --------------------------------------

  /**
   * An owner's events, newest first (created_at, then id, descending): one row per event id among the
   * `endpoint` deliveries of the owner's jobs (all the deliveries of one event, resends included,
   * share its body). `after`: only events before that one in this order (the cursor); `types`: only
   * these types (none: no event); `delivered`: true, only events all of whose deliveries were
   * delivered; false, only events with one pending or failed.
   */
  listEvents(owner: string, limit: number, filter?: EventFilter): Promise<EventRow[]>;
  /** One event of the owner (undefined for another owner's, as for an unknown id). */
  event(owner: string, id: string): Promise<EventRow | undefined>;
  /** Deletes runs made before `before` (their jobs have expired); resolves how many. Safe on every node at once. */
  pruneScheduleRuns(before: number): Promise<number>;
}

/**
 * An event sent to webhook endpoints, as the outbox holds it: an `endpoint` delivery's body is the
 * event, a JSON object whose first member is `"id":"evt_<24 hex>"` (deliveries.ts makes it so), which
 * is how the stores find the event id without a column of its own: characters 8-35 of the body.
 */
export interface EventRow {
  id: string;
  type: string;
  /** The event exactly as sent (the JSON every delivery of it carries). */
  body: string;
  /** The job it is about (deliveries.render_id). */
  render_id: string;
  /** When it was first enqueued (ms): the earliest of its deliveries. */
  created_at: number;
  /** Its deliveries still pending (Stripe's pending_webhooks). */
  pending: number;
}

export interface EventFilter {
  after?: { created_at: number; id: string };
  types?: readonly string[];
  delivered?: boolean;
}

/** Where the event id is in an endpoint delivery's body (EventRow): SQL substr's 1-based start and length. */
export const EVENT_ID_AT = { start: 8, length: 28 } as const;

/**
 * Bytes: screenshots a request brought, rendered images, the outputs of renders and sets, project uploads. Keys are
 * relative '/'-separated paths (`renders/<id>/inputs/01.png`, `renders/<id>/out/…`,
 * `renders/<id>/outputs/<o>.zip`, `projects/<id>/uploads/<upl>.png`), never starting with '/' and
 * without '..' segments; the filesystem store keeps them at <data>/<key> (the paths data dirs always
 * had), so a prefix is a folder.
 */
export interface BlobStore {
  /** Stores bytes under key, replacing any; resolves once they are durable (fsync + rename on disk). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or undefined when the key does not exist. */
  get(key: string): Promise<Buffer | undefined>;
  /** A stream of the bytes, or undefined when the key does not exist. */
  stream(key: string): Promise<NodeJS.ReadableStream | undefined>;
  /** Size in bytes, or undefined when the key does not exist. */
  stat(key: string): Promise<{ bytes: number } | undefined>;
  /** Deletes one key; a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Every key under `prefix/` (e.g. `renders/<id>/inputs`), sorted; [] when none. */
  list(prefix: string): Promise<string[]>;
  /** Deletes every key under `prefix/` (a job's or a project's files); none is not an error. */
  deletePrefix(prefix: string): Promise<void>;
  /**
   * A path on this machine where the key's bytes can be read (the renderer and lint read files),
   * when the store is a local filesystem; undefined for remote stores (the worker copies the bytes
   * into a scratch folder first).
   */
  localPath?(key: string): string;
}
