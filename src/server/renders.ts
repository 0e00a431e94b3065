// The life of a render: accepted (files and row written before the client hears back), queued,
// processed on the worker pool as one batch (each finished image is stored at once, so a restart
// resumes where the crash left off), linted, ended together with its deliveries, and expired.
import { EventEmitter } from 'node:events';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
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
import { type Deliveries, newId } from './deliveries.js';
import { ApiError } from './errors.js';
import type { Screenshot } from './inputs.js';
import { archivePath, buildJobs, planOf } from './jobs.js';
import type { LinkSigner } from './links.js';
import type { Metrics } from './metrics.js';
import { Outputs } from './outputs.js';
import type { CheckedRequest, RenderSpec } from './request.js';
import { TERMINAL, type ImageRow, type RenderRow, type RenderStatus, type ServiceDb } from './store.js';
import { errorMessage } from '../util/errors.js';

/** Writes a file so that it is on disk before we say so: temp file, fsync, rename. */
export function writeDurable(file: string, data: Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

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
  present(row: RenderRow): Record<string, unknown>;
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

export class Renders extends EventEmitter {
  private readonly running = new Map<string, AbortController>();
  private readonly recovered: string[] = [];
  private sweepTimer?: NodeJS.Timeout;
  private stopped = false;
  private readonly kinds = new Map<string, JobKind>();
  /** The outputs of renders and set jobs (outputs.ts), made on this pool. */
  readonly outputs: Outputs;

  constructor(
    private readonly store: ServiceDb,
    private readonly pool: RenderPool,
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
    this.outputs = new Outputs(store, pool);
  }

  /** Adds a kind of job (sets.ts registers `set`). */
  register(prefix: string, kind: JobKind): void {
    this.kinds.set(prefix, kind);
  }

  dirOf(id: string): string {
    return path.join(this.store.dir, 'renders', id);
  }

  /** Picks up what a previous process left: renders it was processing run again (keeping finished images). */
  start(): void {
    for (const r of this.store.byStatus('processing')) this.recovered.push(r.id);
    if (this.recovered.length) this.log(`resuming ${this.recovered.length} render(s) interrupted by a restart`);
    this.pump();
    const sweep = () => {
      try {
        this.sweep();
      } catch (e) {
        this.log(`sweep failed: ${errorMessage(e)}`);
      }
      if (!this.stopped) this.sweepTimer = setTimeout(sweep, this.config.sweepIntervalMs);
    };
    this.sweepTimer = setTimeout(sweep, Math.min(this.config.sweepIntervalMs, 1000));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    // Renders in flight stay `processing` in the database and resume on the next start.
    for (const ac of this.running.values()) ac.abort(new Error('server stopping'));
  }

  /** Stores a checked request and its screenshots; the render is queued when this returns. */
  create(
    owner: string,
    req: CheckedRequest,
    shots: Array<Screenshot | undefined>,
    baseUrl: string,
    inTx?: (id: string) => void,
  ): RenderRow {
    const id = newId('rnd');
    const dir = this.dirOf(id);
    const files = shots.map((s, k) => {
      if (!s) return undefined;
      const file = path.join(
        dir,
        'inputs',
        `${String(k + 1).padStart(2, '0')}.${s.info.format === 'jpeg' ? 'jpg' : 'png'}`,
      );
      writeDurable(file, s.bytes);
      return file;
    });
    const jobs = buildJobs(req.spec, files, path.join(dir, 'inputs'));
    const captures = shots.flatMap((s, k) =>
      s?.capture?.refused.length ? [{ slide: req.spec.slides[k]!.id, ...s.capture }] : [],
    );
    if (captures.length) req.spec.captures = captures;
    return this.enqueue(id, owner, req.spec, jobs, baseUrl, inTx);
  }

  /**
   * Stores a job whose inputs are already under dirOf(id) and queues it: one row, written before the
   * client hears back. On failure the folder is removed. Any kind: `spec` is its stored request
   * (with `webhook`, `dispatch`, `metadata` where it has them), `jobs` the plan's jobs.
   */
  enqueue(
    id: string,
    owner: string,
    spec: object,
    jobs: Job[],
    baseUrl: string,
    inTx?: (id: string) => void,
  ): RenderRow {
    const dir = this.dirOf(id);
    const now = this.now();
    const row = {
      id,
      owner,
      status: 'queued' as const,
      created_at: now,
      expires_at: now + this.config.resultTtlSeconds * 1000,
      spec: JSON.stringify(spec),
      jobs: JSON.stringify(jobs),
      slides: jobs.length,
      base_url: baseUrl,
    };
    try {
      this.store.tx(() => {
        this.store.insertRender(row);
        inTx?.(id);
      });
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    this.metrics.inc('storeshots_renders_created_total', 'Renders accepted.');
    setImmediate(() => this.pump());
    return this.store.render(id)!;
  }

  /** This owner's job of one kind (`rnd` renders by default); another key's job is 404, like an unknown one. */
  get(owner: string, id: string, prefix = 'rnd'): RenderRow {
    const noun = this.nounOf(prefix);
    const row = this.store.render(id);
    if (!row || row.owner !== owner || prefixOf(id) !== prefix)
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
  finished(owner: string, id: string, prefix = 'rnd'): RenderRow {
    const row = this.get(owner, id, prefix);
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
    return new Promise((resolve) => {
      const check = () => {
        const row = this.store.render(id)!;
        if (TERMINAL.includes(row.status)) {
          this.off(`end:${id}`, check);
          resolve(row);
        }
      };
      this.on(`end:${id}`, check);
      check();
    });
  }

  cancel(owner: string, id: string, prefix = 'rnd'): RenderRow {
    const row = this.get(owner, id, prefix);
    if (row.status === 'canceled') return row;
    if (row.status === 'succeeded' || row.status === 'failed') {
      const noun = this.nounOf(prefix);
      throw new ApiError(409, `${noun}_not_cancelable`, `${noun} ${id} already ${row.status}`, 'id');
    }
    this.end(row, [row.status], 'canceled', {});
    this.running.get(id)?.abort(new Error('canceled'));
    return this.store.render(id)!;
  }

  private pump(): void {
    if (this.stopped) return;
    while (this.running.size < this.config.concurrency) {
      const resumed = this.recovered.shift();
      let row: RenderRow | undefined;
      if (resumed) {
        row = this.store.render(resumed);
        if (row?.status !== 'processing') continue;
      } else {
        const next = this.store.queued(1)[0];
        if (!next) return;
        if (!this.store.claim(next.id, this.now())) continue;
        row = this.store.render(next.id)!;
      }
      const ac = new AbortController();
      this.running.set(row.id, ac);
      const started = performance.now();
      void this.process(row, ac)
        .catch((e) => this.log(`render ${row.id}: ${(e as Error).stack ?? e}`))
        .finally(() => {
          this.running.delete(row.id);
          this.metrics.observe(
            'storeshots_render_duration_seconds',
            'Time from start of processing to the end of a render.',
            (performance.now() - started) / 1000,
          );
          this.pump();
        });
    }
  }

  private async process(row: RenderRow, ac: AbortController): Promise<void> {
    const jobs = JSON.parse(row.jobs) as Job[];
    const kind = this.kinds.get(prefixOf(row.id));
    const outDir = path.join(this.dirOf(row.id), 'out');
    const have = new Set(this.store.images(row.id).map((i) => i.idx));
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
            pool: this.pool,
            signal,
            admit: async (job, signal) => {
              const cost = decodeCost(job);
              return { cost, release: await this.budget.acquire(cost, signal) };
            },
            onImage: ({ job, bytes, record, text, facts: read }) => {
              const file = path.join(outDir, job.output.path);
              writeDurable(file, bytes);
              if (read) facts.set(at.get(job.id)!, read);
              this.store.insertImage({
                render_id: row.id,
                idx: at.get(job.id)!,
                slide: job.slide,
                file,
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
      const images = this.store.images(row.id);
      const skip = kind?.notLinted?.(row);
      const findings = skip ? [] : await this.lint(jobs, images, outDir, ac.signal, facts);
      if (kind) await kind.finish?.(row, jobs, images, findings, ac.signal);
      else await this.makeOutputs(row, jobs, images, findings, ac.signal);
      this.end(row, ['processing'], 'succeeded', {
        lint: JSON.stringify({ findings, ...(skip ? { skipped: skip } : {}) }),
        credits: images.length,
      });
    } catch (e) {
      const reason: unknown = ac.signal.aborted ? ac.signal.reason : e;
      if (this.stopped) return; // left `processing`: resumes on the next start
      const current = this.store.render(row.id);
      if (current?.status !== 'processing') return; // canceled meanwhile
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
      this.end(row, ['processing'], 'failed', { error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** A render's outputs (docs/render-api.md#outputs), in the archive's layout, after lint. */
  private async makeOutputs(row: RenderRow, jobs: Job[], images: ImageRow[], findings: Finding[], signal: AbortSignal) {
    const spec = JSON.parse(row.spec) as RenderSpec;
    if (!spec.outputs?.length) return;
    const byIndex = new Map(jobs.map((j) => [j.index, j]));
    const items = images.map((i) => ({ job: byIndex.get(i.idx)!, file: i.file, image: i }));
    await this.outputs.make(
      row,
      spec.outputs,
      path.join(this.dirOf(row.id), 'outputs'),
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
    return out.split(this.store.dir).join('<data>');
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
        file: i.file,
        text: JSON.parse(i.text) as TextLayoutInfo[],
        record: jobRecord(job, i.bytes, i.sha256, false),
        // Used by lint only for bytes on disk with their hash (lint/header.ts).
        facts: facts.get(i.idx),
      };
    });
    try {
      return await this.pool.lint({ plan: planOf(jobs, outDir), images: rendered }, signal);
    } catch (e) {
      if (signal.aborted) throw e;
      this.log(`lint failed, render kept without findings: ${errorMessage(e)}`);
      return [];
    }
  }

  /** Ends a render that is still in one of `from`, with its deliveries and usage, in one transaction. */
  private end(
    row: RenderRow,
    from: RenderStatus[],
    to: RenderStatus,
    f: { lint?: string; error?: { code: string; message: string }; credits?: number },
  ): boolean {
    const now = this.now();
    const spec = JSON.parse(row.spec) as RenderSpec;
    const ok = this.store.tx(() => {
      const changed = this.store.finish(row.id, from, to, {
        completed_at: now,
        expires_at: now + this.config.resultTtlSeconds * 1000,
        lint: f.lint ?? null,
        error: f.error ? JSON.stringify(f.error) : null,
        credits_used: f.credits ?? 0,
      });
      if (!changed) return false;
      const ended = this.store.render(row.id)!;
      if (f.credits) this.store.addUsage(row.owner, monthOf(now), f.credits);
      this.deliveries.enqueue(ended, spec, {
        type: `${this.nounOf(prefixOf(row.id))}.${to}`,
        data: this.present(ended),
      });
      // The deliveries now hold the signing secrets (until they are final); the render keeps none.
      if (spec.webhook || spec.dispatch) {
        const { webhook, dispatch, ...rest } = spec;
        this.store.setSpec(
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
  present(row: RenderRow): Record<string, unknown> {
    const kind = this.kinds.get(prefixOf(row.id));
    if (kind) return kind.present(row);
    const spec = JSON.parse(row.spec) as RenderSpec;
    const jobs = JSON.parse(row.jobs) as Job[];
    const byIndex = new Map(jobs.map((j) => [j.index, j]));
    const base = `${row.base_url}/v1/renders/${row.id}`;
    const images = row.expired ? [] : this.store.images(row.id);
    // Signed links (no key needed), made afresh on every answer, for a succeeded render's files: valid
    // for STORESHOTS_LINK_TTL_SECONDS, never past the render's own expiry.
    const { signed, linkExpires } = this.signer(row, 'renders');
    const outputs = spec.outputs ?? [];
    const total = jobs.length + outputs.length;
    const made = outputs.length ? this.outputs.list(row).length : 0;
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
      ...(outputs.length ? { outputs: this.outputs.present(row, outputs, base, signed) } : {}),
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

  /** Deletes the files of expired results (the row stays, so a late poll gets 410 rather than 404). */
  sweep(): void {
    const now = this.now();
    for (const row of this.store.dueForExpiry(now)) {
      rmSync(this.dirOf(row.id), { recursive: true, force: true });
      this.store.markExpired(row.id);
      this.metrics.inc('storeshots_renders_expired_total', 'Renders whose results expired and were deleted.');
    }
    this.store.expireIdempotency(now);
  }
}
