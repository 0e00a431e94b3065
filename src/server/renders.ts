// The life of a render: accepted (files and row written before the client hears back), queued,
// processed on the worker pool as one batch (each finished image is stored at once, so a restart
// resumes where the crash left off), linted, ended together with its deliveries, and expired.
import { EventEmitter } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Job } from '../plan/types.js';
import { renderSetBatch } from '../render/batch.js';
import type { RenderPool } from '../render/pool.js';
import type { RenderedImage, TextLayoutInfo } from '../render/types.js';
import type { ImageFacts } from '../lint/header.js';
import { jobRecord } from '../report/record.js';
import type { Finding } from '../report/types.js';
import { type DecodeBudget, decodeCost } from './budget.js';
import type { Clock } from './access.js';
import { monthOf } from './access.js';
import type { ServerConfig } from './config.js';
import { type Deliveries, type EventView, newId, type WebhookFormat } from './deliveries.js';
import { ApiError } from './errors.js';
import type { Screenshot } from './inputs.js';
import { archivePath, buildJobs, planOf } from './jobs.js';
import type { LinkSigner } from './links.js';
import type { Metrics } from './metrics.js';
import { Outputs } from './outputs.js';
import type { CheckedRequest, RenderSpec } from './request.js';
import { writeDurable } from './storage/fs-blobs.js';
import {
  type BlobStore,
  type ImageRow,
  type RenderRow,
  type RenderStatus,
  type ServiceStore,
  TERMINAL,
} from './storage/types.js';
import type { Attach } from './idempotency.js';
import { errorMessage } from '../util/errors.js';

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

class TimeoutError extends Error {}

/**
 * What differs between the kinds of job the renders table holds, by id prefix: renders (`rnd_`, this
 * file) and whole-set jobs (`set_`, sets.ts). Everything else (queue, durability, cancel, quota,
 * deliveries, expiry) is the same machinery.
 */
export interface JobKind {
  /** The noun in error codes and messages: render_not_found, set_not_found. */
  noun: string;
  /** The answer of GET /v1/<noun>s/{id}, also the webhook's `data`. */
  present(row: RenderRow, s: ServiceStore): Promise<Record<string, unknown>>;
  /** After the images are stored and linted, before the job ends (a set's outputs); a throw fails the job. */
  finish?(row: RenderRow, jobs: Job[], images: ImageRow[], findings: Finding[], signal: AbortSignal): Promise<void>;
  /** Why a job is not linted (its images are not store screenshots, e.g. rounded marketing assets), or undefined. */
  notLinted?(row: RenderRow): string | undefined;
  /** A render failure's message in the client's terms (the renderer names files by their path on this server). */
  clientMessage?(row: RenderRow, jobs: Job[], message: string): string;
}

/** The prefix of a job id: `rnd`, `set`. */
export const prefixOf = (id: string) => id.slice(0, Math.max(0, id.indexOf('_')));

/** Each job's image number: its 1-based position in the job list (a render's slide index; unique across a set's sets). */
export const positions = (jobs: Job[]) => new Map(jobs.map((j, k) => [j.id, k + 1]));

/** Who renders and how jobs are held (server.ts fills it from the role the process runs as). */
export interface RenderRole {
  /** This process's worker id (claims and leases are taken in its name). */
  worker: string;
  /** A claimed job's lease; renewed every third of it while the job renders. */
  leaseMs: number;
  /** False on an API node that only queues (`serve --role api`): workers render. */
  render: boolean;
  /** True for the single-node serve: at start it takes back every job a dead process held. */
  recoverAll: boolean;
}

export class Renders extends EventEmitter {
  private readonly running = new Map<string, AbortController>();
  private readonly recovered: string[] = [];
  private sweepTimer?: NodeJS.Timeout;
  private pumpTimer?: NodeJS.Timeout;
  private stopped = false;
  private pumping = false;
  private pumpAgain = false;
  private readonly kinds = new Map<string, JobKind>();
  /** Where the renderer reads a job's files and writes its images: --data, or a scratch folder when blobs are remote. */
  readonly localRoot: string;
  /** The outputs of renders and set jobs (outputs.ts), made on this process's pool, kept in the BlobStore. */
  readonly outputs: Outputs;

  constructor(
    private readonly store: ServiceStore,
    private readonly blobs: BlobStore,
    private readonly role: RenderRole,
    private readonly pool: RenderPool | undefined,
    private readonly budget: DecodeBudget,
    private readonly config: ServerConfig,
    private readonly now: Clock,
    private readonly deliveries: Deliveries,
    private readonly metrics: Metrics,
    private readonly log: (msg: string) => void,
    private readonly links: LinkSigner,
  ) {
    super();
    this.setMaxListeners(0);
    this.localRoot = blobs.localPath ? blobs.localPath('.') : path.join(config.dataDir, 'scratch');
    this.outputs = new Outputs(store, blobs, pool, this);
  }

  /** The blob storage the jobs' files are in (for the compatibility surfaces' views, which may run where no route deps are). */
  get blobStore(): BlobStore {
    return this.blobs;
  }

  /** Sends the webhooks of a compatibility surface's jobs in its own format (deliveries.ts). */
  webhookFormat(name: string, format: WebhookFormat): void {
    this.deliveries.registerFormat(name, format);
  }

  /** Events of a compatibility surface's jobs to webhook endpoints in its own words (deliveries.ts). */
  eventView(name: string, view: EventView): void {
    this.deliveries.registerEventView(name, view);
  }

  /** Adds a kind of job (sets.ts registers `set`). */
  register(prefix: string, kind: JobKind): void {
    this.kinds.set(prefix, kind);
  }

  /** A job's folder on this machine (its inputs, images and outputs; blob keys are the same paths under `renders/<id>`). */
  dirOf(id: string): string {
    return path.join(this.localRoot, 'renders', id);
  }

  /** The blob key of a file of a job: `renders/<id>/<rel>`. */
  keyOf(id: string, rel: string): string {
    return `renders/${id}/${rel.split(path.sep).join('/')}`;
  }

  /** A blob's file on this machine (the renderer and lint read files). */
  localFile(key: string): string {
    return this.blobs.localPath?.(key) ?? path.join(this.localRoot, ...key.split('/'));
  }

  /** Stores a job's file durably (the blob store, and this machine's copy when blobs are remote); resolves its local path. */
  async putFile(key: string, bytes: Uint8Array): Promise<string> {
    await this.blobs.put(key, bytes);
    const file = this.localFile(key);
    if (!this.blobs.localPath) writeDurable(file, bytes);
    return file;
  }

  /**
   * Picks up what a previous process left (single-node serve): the jobs it was processing are queued
   * again and taken back at once, keeping their finished images. Before the API listens.
   */
  async recover(): Promise<void> {
    if (!this.role.recoverAll) return;
    // Held jobs are a dead request's (this process is the only one that makes them): deleted.
    await this.discardLapsedHolds(Number.MAX_SAFE_INTEGER);
    const ids = await this.store.releaseExpiredLeases(Number.MAX_SAFE_INTEGER);
    for (const id of ids)
      if (await this.store.claim(id, this.role.worker, this.now(), this.role.leaseMs)) this.recovered.push(id);
    if (this.recovered.length) this.log(`resuming ${this.recovered.length} render(s) interrupted by a restart`);
  }

  start(): void {
    if (this.role.render) this.pump();
    const sweep = () => {
      void this.sweep()
        .catch((e) => this.log(`sweep failed: ${errorMessage(e)}`))
        .finally(() => {
          if (!this.stopped) this.sweepTimer = setTimeout(sweep, this.config.sweepIntervalMs);
        });
    };
    this.sweepTimer = setTimeout(sweep, Math.min(this.config.sweepIntervalMs, 1000));
    // Another process may queue jobs (an API node) or let a lease lapse (a dead worker): look now and then.
    if (this.role.render && !this.role.recoverAll) {
      const poll = () => {
        if (this.stopped) return;
        void this.store
          .releaseExpiredLeases(this.now())
          .then((ids) => {
            if (ids.length)
              this.log(`queued again ${ids.length} job(s) whose worker's lease lapsed: ${ids.join(', ')}`);
          })
          .catch((e) => this.log(`lease check failed: ${errorMessage(e)}`))
          .finally(() => {
            this.pump();
            if (!this.stopped) this.pumpTimer = setTimeout(poll, this.config.pollMs);
          });
      };
      this.pumpTimer = setTimeout(poll, this.config.pollMs);
    }
  }

  /**
   * Stops taking jobs. `handBack`: the jobs in flight are aborted and queued again at once for another
   * worker (graceful shutdown of a worker); otherwise they stay `processing` and resume on the next
   * start (the single-node serve) or once their lease lapses.
   */
  async stop(handBack = false): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    const held = [...this.running.keys()];
    for (const ac of this.running.values()) ac.abort(new Error('server stopping'));
    if (handBack)
      for (const id of held)
        if (await this.store.releaseLease(id, this.role.worker).catch(() => false))
          this.log(`handed back ${id} (stopping)`);
  }

  /** False on an API node that only queues (workers render). */
  get rendering(): boolean {
    return this.role.render;
  }

  /** Jobs this process is rendering now. */
  get inFlight(): number {
    return this.running.size;
  }

  /**
   * Stores a checked request and its screenshots; the render is queued when this returns. `extra`:
   * more files of the job (path under its prefix -> bytes, e.g. a page job's PDF), stored with the
   * inputs before the row is written and deleted with the job. `hold`: the job is made `held` until
   * then instead of queued (a request that makes several jobs all or none: hold.ts).
   */
  async create(
    owner: string,
    req: CheckedRequest,
    shots: Array<Screenshot | undefined>,
    baseUrl: string,
    inTx?: Attach,
    extra?: Record<string, Uint8Array>,
    hold?: number,
    /** The allscreenshots bulk the job is one URL of (storage NewRender.bulk_id). */
    bulk?: string,
  ): Promise<RenderRow> {
    const id = newId('rnd');
    const dir = this.dirOf(id);
    const files: Array<string | undefined> = [];
    try {
      for (const [rel, bytes] of Object.entries(extra ?? {})) await this.blobs.put(this.keyOf(id, rel), bytes);
      for (const [k, s] of shots.entries())
        files.push(
          s
            ? await this.putFile(
                this.keyOf(id, `inputs/${String(k + 1).padStart(2, '0')}.${s.info.format === 'jpeg' ? 'jpg' : 'png'}`),
                s.bytes,
              )
            : undefined,
        );
    } catch (e) {
      await this.removeFiles(id);
      throw e;
    }
    const jobs = buildJobs(req.spec, files, path.join(dir, 'inputs'));
    const captures = shots.flatMap((s, k) =>
      s?.capture?.refused.length ? [{ slide: req.spec.slides[k]!.id, ...s.capture }] : [],
    );
    if (captures.length) req.spec.captures = captures;
    const row = await this.enqueue(id, owner, req.spec, jobs, baseUrl, inTx, hold, bulk);
    // Blobs elsewhere and no rendering here (an API node on PostgreSQL): the worker that takes the
    // job copies the inputs from the blob store, so this machine's copies were scratch.
    if (!this.blobs.localPath && !this.role.render) rmSync(dir, { recursive: true, force: true });
    return row;
  }

  /**
   * Stores a job whose inputs are already under dirOf(id) and queues it: one row, written before the
   * client hears back. On failure the folder is removed. Any kind: `spec` is its stored request
   * (with `webhook`, `dispatch`, `metadata` where it has them), `jobs` the plan's jobs. `hold`: made
   * `held` until then, for release() or discard() (hold.ts), instead of queued.
   */
  async enqueue(
    id: string,
    owner: string,
    spec: object,
    jobs: Job[],
    baseUrl: string,
    inTx?: Attach,
    hold?: number,
    bulk?: string,
  ): Promise<RenderRow> {
    const now = this.now();
    const row = {
      id,
      owner,
      status: hold === undefined ? ('queued' as const) : ('held' as const),
      ...(hold === undefined ? {} : { lease_expires_at: hold }),
      ...(bulk === undefined ? {} : { bulk_id: bulk }),
      created_at: now,
      expires_at: now + this.config.resultTtlSeconds * 1000,
      spec: JSON.stringify(spec),
      jobs: JSON.stringify(jobs),
      slides: jobs.length,
      base_url: baseUrl,
    };
    try {
      await this.store.tx(async (s) => {
        await s.insertRender(row);
        await inTx?.(id, s);
      });
    } catch (e) {
      await this.removeFiles(id);
      throw e;
    }
    if (hold === undefined) {
      this.metrics.inc('storeshots_renders_created_total', 'Renders accepted.');
      setImmediate(() => this.pump());
    }
    return (await this.store.render(id))!;
  }

  /**
   * Queues held jobs, all in one transaction (storage releaseHolds): true when every one was still
   * held, false (nothing queued) when any was not (its hold lapsed and a sweep deleted it).
   */
  async release(ids: string[]): Promise<boolean> {
    if (!(await this.store.releaseHolds(ids))) return false;
    this.metrics.inc('storeshots_renders_created_total', 'Renders accepted.', {}, ids.length);
    setImmediate(() => this.pump());
    return true;
  }

  /** Deletes held jobs, their rows then their files (never a job that is no longer held). */
  async discard(ids: string[]): Promise<void> {
    for (const id of await this.store.discardHolds(ids)) await this.removeFiles(id);
  }

  /** Deletes the held jobs whose hold lapsed before `now` (their request died), rows then files. */
  private async discardLapsedHolds(now: number): Promise<void> {
    for (;;) {
      const ids = await this.store.discardLapsedHolds(now);
      for (const id of ids) await this.removeFiles(id);
      if (ids.length) this.log(`deleted ${ids.length} held job(s) of a request that did not finish: ${ids.join(', ')}`);
      if (ids.length < 100) return;
    }
  }

  /** Deletes a job's files (its blobs, and this machine's copies). */
  async removeFiles(id: string): Promise<void> {
    await this.blobs.deletePrefix(`renders/${id}`);
    rmSync(this.dirOf(id), { recursive: true, force: true });
  }

  /** This owner's job of one kind (`rnd` renders by default); another key's job is 404, like an unknown one. */
  async get(owner: string, id: string, prefix = 'rnd'): Promise<RenderRow> {
    const noun = this.nounOf(prefix);
    const row = await this.store.render(id);
    // A held job does not exist yet for any client: its request has not answered.
    if (!row || row.owner !== owner || prefixOf(id) !== prefix || row.status === 'held')
      throw new ApiError(404, `${noun}_not_found`, `No ${noun} ${id}`, 'id');
    if (row.expired)
      throw new ApiError(
        410,
        `${noun}_expired`,
        `${noun[0]!.toUpperCase()}${noun.slice(1)} ${id} expired at ${iso(row.expires_at)}; its images are deleted`,
        'id',
      );
    return row;
  }

  /** This owner's job, once it has succeeded (its files are served then); 409 `<noun>_not_ready` before. */
  async finished(owner: string, id: string, prefix = 'rnd'): Promise<RenderRow> {
    const row = await this.get(owner, id, prefix);
    if (row.status !== 'succeeded') {
      const noun = this.nounOf(prefix);
      throw new ApiError(
        409,
        `${noun}_not_ready`,
        `${noun[0]!.toUpperCase()}${noun.slice(1)} ${row.id} is ${row.status}; its files are served once it has succeeded`,
        'id',
      );
    }
    return row;
  }

  /** When a job was made, started, ended and expires, as the API shows it. */
  times(row: RenderRow) {
    return {
      created_at: iso(row.created_at),
      started_at: iso(row.started_at),
      completed_at: iso(row.completed_at),
      expires_at: iso(row.expires_at),
    };
  }

  private nounOf(prefix: string): string {
    return this.kinds.get(prefix)?.noun ?? 'render';
  }

  /** Resolves when the render has ended (for synchronous requests). */
  waitFor(id: string): Promise<RenderRow> {
    return new Promise((resolve, reject) => {
      let done = false;
      // On an API node the job ends in a worker process: its end is seen by polling the row.
      const poll = this.role.render ? undefined : setInterval(() => check(), this.config.pollMs);
      const check = () => {
        void this.store.render(id).then((row) => {
          if (done || !row || !TERMINAL.includes(row.status)) return;
          done = true;
          this.off(`end:${id}`, check);
          if (poll) clearInterval(poll);
          resolve(row);
        }, reject);
      };
      this.on(`end:${id}`, check);
      check();
    });
  }

  async cancel(owner: string, id: string, prefix = 'rnd'): Promise<RenderRow> {
    const row = await this.get(owner, id, prefix);
    if (row.status === 'canceled') return row;
    if (row.status === 'succeeded' || row.status === 'failed') {
      const noun = this.nounOf(prefix);
      throw new ApiError(409, `${noun}_not_cancelable`, `${noun} ${id} already ${row.status}`, 'id');
    }
    await this.end(row, [row.status], 'canceled', {});
    // A worker in another process sees the cancel when it next renews its lease.
    this.running.get(id)?.abort(new Error('canceled'));
    return (await this.store.render(id))!;
  }

  private pump(): void {
    if (this.stopped || !this.role.render) return;
    // One fill at a time; a pump asked for meanwhile (a job queued after fill's last look) runs another.
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    this.pumpAgain = false;
    void this.fill()
      .catch((e) => this.log(`queue: ${errorMessage(e)}`))
      .finally(() => {
        this.pumping = false;
        if (this.pumpAgain) this.pump();
      });
  }

  /** Takes jobs while there is room: resumed ones first, then the oldest queued (claimed with a lease). */
  private async fill(): Promise<void> {
    while (!this.stopped && this.running.size < this.config.concurrency) {
      const resumed = this.recovered.shift();
      let row: RenderRow | undefined;
      if (resumed) {
        row = await this.store.render(resumed);
        if (row?.status !== 'processing' || row.worker !== this.role.worker) continue;
      } else {
        row = await this.store.claimNext(this.role.worker, this.now(), this.role.leaseMs);
        if (!row) return;
      }
      const job = row;
      const ac = new AbortController();
      this.running.set(job.id, ac);
      const started = performance.now();
      const renew = setInterval(
        () =>
          void this.store
            .renewLease(job.id, this.role.worker, this.now(), this.role.leaseMs)
            .then((held) => {
              // Canceled (by an API node), or the lease lapsed and another worker took the job.
              if (!held) ac.abort(new Error('canceled'));
            })
            .catch((e) => this.log(`render ${job.id}: lease renewal failed: ${errorMessage(e)}`)),
        Math.max(50, Math.floor(this.role.leaseMs / 3)),
      );
      void this.process(job, ac)
        .catch((e) => this.log(`render ${job.id}: ${(e as Error).stack ?? e}`))
        .finally(() => {
          clearInterval(renew);
          this.running.delete(job.id);
          this.metrics.observe(
            'storeshots_render_duration_seconds',
            'Time from start of processing to the end of a render.',
            (performance.now() - started) / 1000,
          );
          this.pump();
        });
    }
  }

  /** A job's input files on this machine: copied from the blob store when blobs are remote; paths rebased to localRoot. */
  private async localJobs(row: RenderRow): Promise<Job[]> {
    // Inputs, and images another worker stored before it lost the job (lint and outputs read them).
    if (!this.blobs.localPath)
      for (const key of [
        ...(await this.blobs.list(`renders/${row.id}/inputs`)),
        ...(await this.blobs.list(`renders/${row.id}/out`)),
      ]) {
        const file = this.localFile(key);
        if (existsSync(file)) continue;
        const bytes = await this.blobs.get(key);
        if (bytes) writeDurable(file, bytes);
      }
    // The job list names files under the folder of the node that accepted the job; here they are under localRoot.
    const marker = `/renders/${row.id}/`;
    const local = `${this.localRoot.split(path.sep).join('/')}${marker}`;
    const text = row.jobs.replace(/"([^"]*?)\/renders\/([A-Za-z0-9_]+)\//g, (m, _root: string, id: string) =>
      id === row.id ? `"${local}` : m,
    );
    return JSON.parse(text) as Job[];
  }

  private async process(row: RenderRow, ac: AbortController): Promise<void> {
    const jobs = await this.localJobs(row);
    const kind = this.kinds.get(prefixOf(row.id));
    const outDir = path.join(this.dirOf(row.id), 'out');
    const have = new Set((await this.store.images(row.id)).map((i) => i.idx));
    const pool = this.pool!;
    const at = positions(jobs);
    // The jobs by set (a render is one set; a whole-set job many): a set's text facts are measured together.
    const sets = new Map<string, Job[]>();
    for (const j of jobs) sets.get(j.set)?.push(j) ?? sets.set(j.set, [j]);
    const timer = setTimeout(
      () => ac.abort(new TimeoutError(`render took longer than ${this.config.limits.renderTimeoutMs} ms`)),
      this.config.limits.renderTimeoutMs,
    );
    // lint's facts of each image, read by the render thread that encoded it (a resumed render's
    // earlier images have none: lint reads those in full).
    const facts = new Map<number, ImageFacts>();
    try {
      // One batch per set: the set's text facts are measured once, each image is stored as it finishes.
      // The sets run side by side on the pool (a set's first image measures its text facts before the
      // others start, so one set alone leaves threads idle); the first failure stops the others.
      const failed = new AbortController();
      const signal = AbortSignal.any([ac.signal, failed.signal]);
      const batch = (set: Job[]) =>
        renderSetBatch(
          { set, jobs: set.filter((j) => !have.has(at.get(j.id)!)) },
          {
            pool,
            signal,
            admit: async (job, signal) => {
              const cost = decodeCost(job);
              return { cost, release: await this.budget.acquire(cost, signal) };
            },
            onImage: async ({ job, bytes, record, text, facts: read }) => {
              const key = this.keyOf(row.id, `out/${job.output.path}`);
              await this.putFile(key, bytes);
              if (read) facts.set(at.get(job.id)!, read);
              await this.store.insertImage({
                render_id: row.id,
                idx: at.get(job.id)!,
                slide: job.slide,
                file: key,
                width: record.width,
                height: record.height,
                format: record.format,
                bytes: record.bytes,
                sha256: record.sha256,
                text: JSON.stringify(text ?? []),
              });
              this.metrics.inc('storeshots_images_rendered_total', 'Images rendered.');
            },
          },
        ).catch((e: unknown) => {
          failed.abort(e);
          throw e;
        });
      await Promise.all([...sets.values()].map(batch));
      const images = await this.store.images(row.id);
      const skip = kind?.notLinted?.(row);
      const findings = skip ? [] : await this.lint(jobs, images, outDir, ac.signal, facts);
      if (kind) await kind.finish?.(row, jobs, images, findings, ac.signal);
      else await this.makeOutputs(row, jobs, images, findings, ac.signal);
      await this.end(row, ['processing'], 'succeeded', {
        lint: JSON.stringify({ findings, ...(skip ? { skipped: skip } : {}) }),
        credits: images.length,
        worker: this.role.worker,
      });
    } catch (e) {
      const reason: unknown = ac.signal.aborted ? ac.signal.reason : e;
      if (this.stopped) return; // left `processing`: resumes on the next start
      const current = await this.store.render(row.id);
      if (current?.status !== 'processing' || current.worker !== this.role.worker) return; // canceled or taken meanwhile
      const error =
        reason instanceof TimeoutError
          ? { code: 'render_timeout', message: reason.message }
          : {
              code: 'render_failed',
              message: (kind?.clientMessage ?? ((_r, j, m) => this.clientMessage(j, m)))(
                row,
                jobs,
                errorMessage(reason),
              ),
            };
      await this.end(row, ['processing'], 'failed', { error, worker: this.role.worker });
    } finally {
      clearTimeout(timer);
    }
  }

  /** A render's outputs (docs/render-api.md#outputs), in the archive's layout, after lint. */
  private async makeOutputs(row: RenderRow, jobs: Job[], images: ImageRow[], findings: Finding[], signal: AbortSignal) {
    const spec = JSON.parse(row.spec) as RenderSpec;
    if (!spec.outputs?.length) return;
    const byIndex = new Map(jobs.map((j) => [j.index, j]));
    const items = images.map((i) => ({ job: byIndex.get(i.idx)!, file: this.localFile(i.file), image: i }));
    await this.outputs.make(
      row,
      spec.outputs,
      {
        items,
        pathOf: (job, ext) => archivePath(job, ext),
        title: spec.appName ?? row.id,
        report: () => ({
          records: items.map((it) => jobRecord(it.job, it.image.bytes, it.image.sha256, false)),
          findings,
        }),
      },
      signal,
    );
  }

  /** The renderer names files by their path on this server; the client knows them as request fields. */
  private clientMessage(jobs: Job[], message: string): string {
    let out = message;
    for (const j of jobs) if (j.screenshot) out = out.split(j.screenshot).join(`slides[${j.index - 1}].screenshot`);
    return out.split(this.localRoot).join('<data>').split(this.config.dataDir).join('<data>');
  }

  /** Lint runs on the pool too; a lint that cannot run leaves the render without findings rather than failing it. */
  private async lint(
    jobs: Job[],
    images: ImageRow[],
    outDir: string,
    signal: AbortSignal,
    facts: Map<number, ImageFacts>,
  ): Promise<Finding[]> {
    const byIndex = new Map(jobs.map((j, k) => [k + 1, j]));
    const rendered: RenderedImage[] = images.map((i) => {
      const job = byIndex.get(i.idx)!;
      return {
        job,
        file: this.localFile(i.file),
        text: JSON.parse(i.text) as TextLayoutInfo[],
        record: jobRecord(job, i.bytes, i.sha256, false),
        // Used by lint only for bytes on disk with their hash (lint/header.ts).
        facts: facts.get(i.idx),
      };
    });
    try {
      return await this.pool!.lint({ plan: planOf(jobs, outDir), images: rendered }, signal);
    } catch (e) {
      if (signal.aborted) throw e;
      this.log(`lint failed, render kept without findings: ${errorMessage(e)}`);
      return [];
    }
  }

  /** Ends a render that is still in one of `from`, with its deliveries and usage, in one transaction. */
  private async end(
    row: RenderRow,
    from: RenderStatus[],
    to: RenderStatus,
    f: { lint?: string; error?: { code: string; message: string }; credits?: number; worker?: string },
  ): Promise<boolean> {
    const now = this.now();
    const spec = JSON.parse(row.spec) as RenderSpec;
    const ok = await this.store.tx(async (s) => {
      const changed = await s.finish(row.id, from, to, {
        completed_at: now,
        expires_at: now + this.config.resultTtlSeconds * 1000,
        lint: f.lint ?? null,
        error: f.error ? JSON.stringify(f.error) : null,
        credits_used: f.credits ?? 0,
        ...(f.worker ? { worker: f.worker } : {}),
      });
      if (!changed) return false;
      const ended = (await s.render(row.id))!;
      if (f.credits) await s.addUsage(row.owner, monthOf(now), f.credits);
      await this.deliveries.enqueue(s, ended, spec, {
        type: `${this.nounOf(prefixOf(row.id))}.${to}`,
        data: await this.present(ended, s),
      });
      // The deliveries now hold the signing secrets (until they are final); the render keeps none.
      if (spec.webhook || spec.dispatch) {
        const { webhook, dispatch, ...rest } = spec;
        await s.setSpec(
          row.id,
          JSON.stringify({
            ...rest,
            ...(webhook ? { webhook: { url: webhook.url, secret: '' } } : {}),
            ...(dispatch ? { dispatch: { ...dispatch, secret: '' } } : {}),
          }),
        );
      }
      return true;
    });
    if (ok) {
      this.metrics.inc('storeshots_renders_finished_total', 'Renders ended, by status.', { status: to });
      this.emit(`end:${row.id}`);
      this.deliveries.kick();
    }
    return ok;
  }

  /** The render as the API shows it (docs/render-api.md#get-v1rendersid). */
  async present(row: RenderRow, s: ServiceStore = this.store): Promise<Record<string, unknown>> {
    const kind = this.kinds.get(prefixOf(row.id));
    if (kind) return kind.present(row, s);
    const spec = JSON.parse(row.spec) as RenderSpec;
    const jobs = JSON.parse(row.jobs) as Job[];
    const byIndex = new Map(jobs.map((j) => [j.index, j]));
    const base = `${row.base_url}/v1/renders/${row.id}`;
    const images = row.expired ? [] : await s.images(row.id);
    // Signed links (no key needed), made afresh on every answer, for a succeeded render's files: valid
    // for STORESHOTS_LINK_TTL_SECONDS, never past the render's own expiry.
    const { signed, linkExpires } = this.signer(row, 'renders');
    const outputs = spec.outputs ?? [];
    const total = jobs.length + outputs.length;
    const made = outputs.length ? (await this.outputs.list(row, s)).length : 0;
    return {
      object: 'render',
      id: row.id,
      status: row.status,
      ...this.times(row),
      canvas: { preset: spec.canvas.preset, width: spec.canvas.width, height: spec.canvas.height },
      locale: spec.locale,
      polling_url: `/v1/renders/${row.id}`,
      archive_url: row.status === 'succeeded' ? `${base}/archive` : null,
      archive_download_url: signed?.('archive') ?? null,
      download_urls_expire_at: signed ? iso(linkExpires * 1000) : null,
      // Progress: one step an image, then one an output; each is stored as it finishes.
      total_steps: total,
      done_steps: row.status === 'succeeded' ? total : images.length + made,
      images: images.map((i) => ({
        index: i.idx,
        slide: i.slide,
        url: `${base}/images/${i.idx}`,
        download_url: signed?.(`images/${i.idx}`) ?? null,
        width: i.width,
        height: i.height,
        format: i.format,
        bytes: i.bytes,
        sha256: i.sha256,
        path: byIndex.get(i.idx) ? archivePath(byIndex.get(i.idx)!) : undefined,
      })),
      ...(outputs.length ? { outputs: await this.outputs.present(row, outputs, base, signed, s) } : {}),
      lint: row.lint ? JSON.parse(row.lint) : { findings: [] },
      credits_used: row.credits_used,
      error: row.error ? JSON.parse(row.error) : null,
      metadata: spec.metadata,
      ...(spec.captures ? { captures: spec.captures } : {}),
    };
  }

  /** Signed links (no key needed), made afresh on every answer, for a succeeded job's files under
   * /v1/files/<collection>/<id>/: valid for STORESHOTS_LINK_TTL_SECONDS, never past the job's own expiry. */
  signer(row: RenderRow, collection: string): { signed?: (file: string) => string; linkExpires: number } {
    const linkExpires = Math.min(
      Math.floor(this.now() / 1000) + this.config.linkTtlSeconds,
      Math.floor(row.expires_at / 1000),
    );
    const signed =
      row.status === 'succeeded' && !row.expired && linkExpires * 1000 > this.now()
        ? (file: string) => row.base_url + this.links.sign(`/v1/files/${collection}/${row.id}/${file}`, linkExpires)
        : undefined;
    return { signed, linkExpires };
  }

  /**
   * Deletes the files of expired results (the row stays, so a late poll gets 410 rather than 404), and
   * the held jobs of requests that died (hold.ts), rows and files.
   */
  async sweep(): Promise<void> {
    const work = async () => {
      const now = this.now();
      await this.discardLapsedHolds(now);
      for (const row of await this.store.dueForExpiry(now)) {
        await this.removeFiles(row.id);
        if (await this.store.markExpired(row.id))
          this.metrics.inc('storeshots_renders_expired_total', 'Renders whose results expired and were deleted.');
      }
      await this.store.expireIdempotency(now);
    };
    // Many nodes on one database: whichever holds the lock sweeps, the others skip this round.
    if (this.store.exclusive) await this.store.exclusive('expiry-sweep', work);
    else await work();
  }
}
