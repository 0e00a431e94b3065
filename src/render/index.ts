// The embedded renderer's public face: plan -> images on disk (renderPlan), or one job -> bytes
// (renderJobToBuffer, for the render service). Rendering one job is self-contained given the
// job and its set's facts, so a worker pool can call renderJob directly.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Job, Plan } from '../plan/types.js';
import type { RenderedImage } from '../report/types.js';
import { RenderError } from '../util/errors.js';
import { drawJob, releaseCanvas, type DrawAssets } from './draw.js';
import { freeNow } from './decode-cache.js';
import { encodeRgba, sha256, writeAtomic } from './encode.js';
import { cacheKey, DEFAULT_CACHE_DIR, FileHasher, RenderCache } from './cache.js';
import { decodeBudget, poolSize, RenderPool } from './pool.js';
import type { BatchResult, BatchTask } from './worker.js';
import { COVERAGE_ADVICE, coverageProblems } from './coverage.js';
import { probeImage } from './images.js';
import { layoutJob, resolveModel, setFacts, type SetFacts, type TextMeasurer } from './layout.js';
import { createMeasurer } from './measure.js';
import { loadUserFrame, type UserFrame } from './userframe.js';

export { layoutJob, setFacts } from './layout.js';
export type { Layout, SetFacts, TextBlock } from './layout.js';

export interface RenderRunOptions {
  /** Worker threads (default: the cores this process may use); 1 renders in this thread. */
  jobs?: number;
  /** Render cache folder (default: .storeshots-cache in cwd). */
  cacheDir?: string;
  noCache?: boolean;
  /** Resolves the default cache folder (default: process.cwd()). */
  cwd?: string;
  /** The worker bundle (default: dist/render/worker.js of the package); tests pass a private build. */
  workerFile?: string;
  /** Called once per image in plan order (rendered or from the cache), for progress. */
  onImage?: (img: RenderedImage, done: number, total: number) => void;
  /** Why the run went slower than asked (no worker threads), for a log line. */
  onNote?: (message: string) => void;
  /** What the run did, once at the end (the bench and tests read it). */
  onStats?: (stats: RenderStats) => void;
}

export interface RenderStats {
  rendered: number;
  cached: number;
  /** Worker threads used (1: this thread). */
  threads: number;
  /** Screenshot and background decodes made, and those saved by reusing decoded pixels. */
  decodes: { made: number; reused: number };
  /** The cache keys of this run's images (empty with noCache): what a saved cache must keep. */
  keys: string[];
}

let measurer: TextMeasurer | undefined;
function tm(): TextMeasurer {
  return (measurer ??= createMeasurer());
}

/** The jobs of `job`'s set, from the whole plan (so a filtered or sharded run keeps the set's look). */
export function setOf(plan: Plan, job: Job): Job[] {
  return plan.all.filter((j) => j.set === job.set);
}

export function computeSetFacts(setJobs: Job[]): SetFacts {
  return setFacts(setJobs, tm());
}

/** Every character of the jobs' text that no font covers, as one error (never tofu). The same check validate runs (coverage.ts). */
export function checkGlyphs(jobs: Job[]): void {
  const problems = coverageProblems(jobs).map((p) => `${p.at.file}:${p.at.line}:${p.at.column}: ${p.message}`);
  if (problems.length) throw new RenderError(`${problems.join('\n')}\n${COVERAGE_ADVICE}`);
}

async function assetsFor(job: Job): Promise<{ shots: DrawAssets['shots']; frame?: UserFrame }> {
  const shots: DrawAssets['shots'] = {};
  if (job.screenshot) shots.primary = await probeImage(job.screenshot, 'screenshot');
  if (job.secondScreenshot) shots.second = await probeImage(job.secondScreenshot, 'second screenshot');
  const { frameFile } = resolveModel(job);
  const frame = frameFile ? await loadUserFrame(job, frameFile) : undefined;
  return { shots, frame };
}

/** Devices of the neighbouring slides that reach into this one, for panoramic sets. */
async function neighbours(job: Job, setJobs: Job[], facts: SetFacts): Promise<NonNullable<DrawAssets['neighbours']>> {
  if (!job.style.background?.panoramic) return [];
  const out: NonNullable<DrawAssets['neighbours']> = [];
  for (const other of setJobs) {
    const delta = other.index - job.index;
    if (Math.abs(delta) !== 1 || !other.screenshot) continue;
    const a = await assetsFor(other);
    const l = layoutJob({ job: other, facts, measurer: tm(), shots: { primary: a.shots.primary, second: a.shots.second }, frame: a.frame });
    const dx = delta * job.size.width;
    for (const p of l.devices) {
      const shifted = { ...p, outer: { ...p.outer, x: p.outer.x + dx }, screen: { ...p.screen, x: p.screen.x + dx } };
      if (shifted.outer.x < job.size.width && shifted.outer.x + shifted.outer.width > 0) {
        out.push({ placement: shifted, shot: p.which === 'second' ? (a.shots.second ?? a.shots.primary) : a.shots.primary });
      }
    }
  }
  return out;
}

/** Renders one job to encoded bytes with its set's facts; nothing is written. */
export async function renderJobBytes(job: Job, setJobs: Job[], facts: SetFacts): Promise<{ buffer: Buffer; text: RenderedImage['text'] }> {
  const a = await assetsFor(job);
  const layout = layoutJob({ job, facts, measurer: tm(), shots: { primary: a.shots.primary, second: a.shots.second }, frame: a.frame });
  const { canvas, text } = await drawJob(job, layout, { ...a, neighbours: await neighbours(job, setJobs, facts) });
  const { width, height } = job.size;
  const rgba = Buffer.from(canvas.getContext('2d').getImageData(0, 0, width, height).data.buffer);
  releaseCanvas(canvas);
  const buffer = await encodeRgba(rgba, width, height, job.output.format, job.output.quality);
  freeNow(rgba);
  return { buffer, text };
}

/** Renders one job into outDir (atomically) and describes it for the report. */
export async function renderJob(job: Job, setJobs: Job[], facts: SetFacts, outDir: string): Promise<RenderedImage> {
  const { buffer, text } = await renderJobBytes(job, setJobs, facts);
  const file = path.join(outDir, job.output.path);
  writeAtomic(file, buffer);
  return {
    job,
    file,
    text,
    record: {
      path: job.output.path, locale: job.locale, preset: job.preset, slide: job.slide, index: job.index,
      width: job.size.width, height: job.size.height, format: job.output.format, bytes: buffer.length, sha256: sha256(buffer), cached: false,
    },
  };
}

/**
 * Renders the plan's selected jobs into plan.outDir; returns one record per image, in plan order.
 * Images whose cache key is in the render cache are copied from it (cached: true); the rest are
 * rendered in worker threads, in batches of jobs that share a screenshot (decoded once).
 */
export async function renderPlan(plan: Plan, opts: RenderRunOptions = {}): Promise<RenderedImage[]> {
  checkGlyphs(plan.jobs);
  const bySet = new Map<string, Job[]>();
  for (const j of plan.all) bySet.get(j.set)?.push(j) ?? bySet.set(j.set, [j]);
  const sets: BatchTask['sets'] = {};
  for (const job of plan.jobs) {
    if (sets[job.set]) continue;
    const jobs = bySet.get(job.set) ?? [job];
    sets[job.set] = { jobs, facts: computeSetFacts(jobs) };
  }

  const cache = opts.noCache ? undefined : new RenderCache(opts.cacheDir ?? path.resolve(opts.cwd ?? process.cwd(), DEFAULT_CACHE_DIR));
  const files = new FileHasher();
  const done = new Map<string, RenderedImage>();
  const misses: Array<{ job: Job; key?: string }> = [];
  const keys = new Set<string>();
  for (const job of plan.jobs) {
    const key = cache && cacheKey({ job, setJobs: sets[job.set]!.jobs, facts: sets[job.set]!.facts, files });
    if (key) keys.add(key);
    // The image as it was rendered before: same bytes, same text layout for lint.
    const file = path.join(plan.outDir, job.output.path);
    const hit = key ? cache!.copyTo(key, file) : undefined;
    if (hit) done.set(job.id, { job, file, text: hit.text, record: recordOf(job, hit.bytes, hit.sha256, true) });
    else misses.push({ job, key });
  }

  // Progress in plan order, so logs read the same however the threads finish.
  let emitted = 0;
  const out: RenderedImage[] = [];
  const emit = () => {
    while (emitted < plan.jobs.length) {
      const img = done.get(plan.jobs[emitted]!.id);
      if (!img) break;
      out.push(img);
      emitted++;
      opts.onImage?.(img, emitted, plan.jobs.length);
    }
  };
  emit();

  const batches = batchesOf(misses);
  const threads = poolSize(opts.jobs, batches.length);
  const base = { outDir: plan.outDir, cacheDir: cache?.dir, decodeBudget: decodeBudget(threads) };
  const byId = new Map(plan.jobs.map((j) => [j.id, j]));
  const decodes = { made: 0, reused: 0 };
  const take = (r: BatchResult) => {
    decodes.made += r.decodes.made;
    decodes.reused += r.decodes.reused;
    for (const i of r.images) {
      const job = byId.get(i.id)!;
      done.set(i.id, { job, file: path.join(plan.outDir, job.output.path), text: i.text, record: i.record });
    }
    emit();
    if (r.error) throw new RenderError(r.error.render ? r.error.message : `rendering ${r.error.jobId} failed: ${r.error.message}`);
  };
  const taskOf = (b: Array<{ job: Job; key?: string }>): BatchTask => ({ ...base, jobs: b, sets: pick(sets, b) });

  const pool = threads > 1 ? await RenderPool.open(threads, opts.workerFile) : undefined;
  const used = pool instanceof RenderPool ? threads : 1;
  if (pool instanceof RenderPool) {
    const abort = new AbortController();
    // A worker that dies (or a pool that fails) is a render failure naming the jobs it held: exit 3, never an uncaught error.
    const failed = (b: Array<{ job: Job }>) => (e: unknown): never => {
      if (e instanceof RenderError) throw e;
      const more = b.length > 1 ? ` (and ${b.length - 1} more job(s) of its batch)` : '';
      throw new RenderError(`rendering ${b[0]!.job.id}${more} failed: the render worker stopped: ${String((e as Error)?.message ?? e).split('\n')[0]}`, { cause: e });
    };
    try {
      await Promise.all(batches.map((b) => pool.run(taskOf(b), abort.signal).then(take).catch(failed(b))));
      if (pool.failure) throw new RenderError(`the render worker pool failed: ${pool.failure.message.split('\n')[0]}`);
    } catch (e) {
      abort.abort();
      throw e;
    } finally {
      await pool.close();
    }
  } else {
    if (pool) opts.onNote?.(`rendering in one thread: ${pool.unavailable}`);
    const { renderBatch } = await import('./worker.js');
    for (const b of batches) take(await renderBatch(taskOf(b)));
  }
  if (cache) pruneNow(cache);
  opts.onStats?.({ rendered: misses.length, cached: plan.jobs.length - misses.length, threads: used, decodes, keys: [...keys] });
  return out;
}

function recordOf(job: Job, bytes: number, sha: string, cached: boolean): RenderedImage['record'] {
  return {
    path: job.output.path, locale: job.locale, preset: job.preset, slide: job.slide, index: job.index,
    width: job.size.width, height: job.size.height, format: job.output.format, bytes, sha256: sha, cached,
  };
}

/** Jobs that show the same screenshot go to one batch (decoded once); batches stay small enough to spread over the threads. */
function batchesOf(jobs: Array<{ job: Job; key?: string }>): Array<Array<{ job: Job; key?: string }>> {
  const groups = new Map<string, Array<{ job: Job; key?: string }>>();
  for (const j of jobs) {
    const k = j.job.screenshot ?? j.job.id;
    groups.get(k)?.push(j) ?? groups.set(k, [j]);
  }
  const out: Array<Array<{ job: Job; key?: string }>> = [];
  for (const g of groups.values()) for (let i = 0; i < g.length; i += 8) out.push(g.slice(i, i + 8));
  return out;
}

function pick(sets: BatchTask['sets'], b: Array<{ job: Job }>): BatchTask['sets'] {
  const out: BatchTask['sets'] = {};
  for (const { job } of b) out[job.set] = sets[job.set]!;
  return out;
}

/** Entries unused for 30 days go, checked at most once a day (a marker file's mtime). */
function pruneNow(cache: RenderCache): void {
  const marker = path.join(cache.dir, '.pruned');
  try {
    if (existsSync(marker) && Date.now() - statSync(marker).mtimeMs < 86_400_000) return;
    mkdirSync(cache.dir, { recursive: true });
    writeFileSync(marker, '');
    cache.prune({ maxAgeDays: 30 });
  } catch {
    /* pruning is housekeeping: never fails a render */
  }
}

/** Renders one job to encoded bytes (the render service uses this). */
export async function renderJobToBuffer(job: Job, setJobs: Job[]): Promise<{ buffer: Buffer; text: RenderedImage['text'] }> {
  const set = setJobs.length ? setJobs : [job];
  checkGlyphs([job]);
  return renderJobBytes(job, set, computeSetFacts(set));
}

export { RenderError };
