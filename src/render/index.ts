// The embedded renderer's public face: plan -> images on disk (renderPlan), or one job -> bytes
// (renderJobToBuffer). One job is rendered by job.ts, batches of jobs by batch.ts (in a thread of
// pool.ts, or in this one); the render service renders a set at a time with renderSetBatch.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Job, Plan } from '../plan/types.js';
import { jobRecord } from '../report/record.js';
import { RenderError, errorMessage } from '../util/errors.js';
import { runBatch } from './batch.js';
import { cacheKey, DEFAULT_CACHE_DIR, FileHasher, RenderCache, setDigest } from './cache.js';
import { checkGlyphs, computeSetFacts, renderJob } from './job.js';
import { decodeBudget, poolSize, RenderPool } from './pool.js';
import type { BatchResult, BatchTask, RenderedImage, TextLayoutInfo } from './types.js';

export { layoutJob, setFacts } from './layout.js';
export { checkGlyphs, computeSetFacts } from './job.js';
export { loadBreakData } from './breaks.js';

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
  /** Base layers (background and first device body) drawn, and those reused instead of drawn again. */
  layers: { made: number; reused: number };
  /** The cache keys of this run's images (empty with noCache): what a saved cache must keep. */
  keys: string[];
}

/** The jobs of `job`'s set, from the whole plan (so a filtered or sharded run keeps the set's look). */
export function setOf(plan: Plan, job: Job): Job[] {
  return plan.all.filter((j) => j.set === job.set);
}

/**
 * Renders the plan's selected jobs into plan.outDir; returns one record per image, in plan order.
 * Images whose cache key is in the render cache are copied from it (cached: true); the rest are
 * rendered in worker threads, in batches of jobs that share a set or a screenshot (batchesOf).
 */
export async function renderPlan(plan: Plan, opts: RenderRunOptions = {}): Promise<RenderedImage[]> {
  const cache = opts.noCache
    ? undefined
    : new RenderCache(opts.cacheDir ?? path.resolve(opts.cwd ?? process.cwd(), DEFAULT_CACHE_DIR));
  const files = new FileHasher();
  const bySet = new Map<string, Job[]>();
  for (const j of plan.all) bySet.get(j.set)?.push(j) ?? bySet.set(j.set, [j]);
  // A set's facts come from the cache when its jobs and their files are unchanged (a re-run then
  // loads no fonts, text engine or canvas); otherwise they are measured, after every glyph of the
  // plan was checked (as a run without a cache does).
  const sets: BatchTask['sets'] = {};
  const unknown: Array<{ name: string; jobs: Job[]; digest?: string }> = [];
  for (const job of plan.jobs) {
    if (sets[job.set] || unknown.some((u) => u.name === job.set)) continue;
    const jobs = bySet.get(job.set) ?? [job];
    const digest = cache && setDigest(jobs, files);
    const facts = digest ? cache!.getSetFacts(digest) : undefined;
    if (facts) sets[job.set] = { jobs, facts };
    else unknown.push({ name: job.set, jobs, digest });
  }
  let glyphsChecked = false;
  if (unknown.length) {
    checkGlyphs(plan.jobs);
    glyphsChecked = true;
    for (const u of unknown) {
      const facts = await computeSetFacts(u.jobs);
      if (u.digest) cache!.putSetFacts(u.digest, facts);
      sets[u.name] = { jobs: u.jobs, facts };
    }
  }

  const done = new Map<string, RenderedImage>();
  const misses: Array<{ job: Job; key?: string }> = [];
  const keys = new Set<string>();
  for (const job of plan.jobs) {
    const key = cache && cacheKey({ job, setJobs: sets[job.set]!.jobs, facts: sets[job.set]!.facts, files });
    if (key) keys.add(key);
    // The image as it was rendered before: same bytes, same text layout for lint.
    const file = path.join(plan.outDir, job.output.path);
    const hit = key ? cache!.copyTo(key, file) : undefined;
    if (hit)
      done.set(job.id, {
        job,
        file,
        text: hit.text,
        facts: hit.facts,
        record: jobRecord(job, hit.bytes, hit.sha256, true),
      });
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
  // An image from the cache passed the glyph check when it was rendered (its key covers its text and fonts).
  if (!glyphsChecked && misses.length) checkGlyphs(misses.map((m) => m.job));

  const batches = batchesOf(misses);
  const threads = poolSize(opts.jobs, batches.length);
  const base = { outDir: plan.outDir, cacheDir: cache?.dir, decodeBudget: decodeBudget(threads) };
  const byId = new Map(plan.jobs.map((j) => [j.id, j]));
  const decodes = { made: 0, reused: 0 };
  const layers = { made: 0, reused: 0 };
  const take = (r: BatchResult) => {
    decodes.made += r.decodes.made;
    decodes.reused += r.decodes.reused;
    layers.made += r.layers.made;
    layers.reused += r.layers.reused;
    for (const i of r.images) {
      const job = byId.get(i.id)!;
      done.set(i.id, {
        job,
        file: path.join(plan.outDir, job.output.path),
        text: i.text,
        facts: i.facts,
        record: i.record,
      });
    }
    emit();
    if (r.error)
      throw new RenderError(r.error.render ? r.error.message : `rendering ${r.error.jobId} failed: ${r.error.message}`);
  };
  const taskOf = (b: Array<{ job: Job; key?: string }>): BatchTask => ({ ...base, jobs: b, sets: pick(sets, b) });

  const pool = threads > 1 ? await RenderPool.open(threads, { workerFile: opts.workerFile }) : undefined;
  const used = pool instanceof RenderPool ? threads : 1;
  if (pool instanceof RenderPool) {
    const abort = new AbortController();
    // A worker that dies (or a pool that fails) is a render failure naming the jobs it held: exit 3, never an uncaught error.
    const failed =
      (b: Array<{ job: Job }>) =>
      (e: unknown): never => {
        if (e instanceof RenderError) throw e;
        const more = b.length > 1 ? ` (and ${b.length - 1} more job(s) of its batch)` : '';
        throw new RenderError(
          `rendering ${b[0]!.job.id}${more} failed: the render worker stopped: ${errorMessage(e).split('\n')[0]}`,
          { cause: e },
        );
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
    for (const b of batches) take(await runBatch(taskOf(b)));
  }
  if (cache) pruneNow(cache);
  opts.onStats?.({
    rendered: misses.length,
    cached: plan.jobs.length - misses.length,
    threads: used,
    decodes,
    layers,
    keys: [...keys],
  });
  return out;
}

/** Most jobs in one batch: enough for a set (its layers and screenshots reused), few enough to spread over the threads. */
const BATCH_JOBS = 16;

/**
 * Batches that keep reuse within one thread: a set's jobs go together (its slides share the base
 * layer of background and device body, draw.ts), and so do sets that show the same screenshot
 * (decoded once). Within a batch, jobs with the same look (background, device) and then the same
 * screenshot follow each other, so what they share is still in memory when the next one needs it.
 * A group of more than BATCH_JOBS jobs is split into equal parts (__tests__/render-batches-of.test.ts).
 */
export function batchesOf(jobs: Array<{ job: Job; key?: string }>): Array<Array<{ job: Job; key?: string }>> {
  // Sets joined by a shared screenshot (union-find over set names).
  const parent = new Map<string, string>();
  const find = (s: string): string => {
    let r = s;
    while (parent.get(r) !== r) r = parent.get(r) ?? (parent.set(r, r), r);
    parent.set(s, r);
    return r;
  };
  const byShot = new Map<string, string>();
  for (const { job } of jobs) {
    find(job.set);
    for (const shot of [job.screenshot, job.secondScreenshot, job.thirdScreenshot]) {
      if (!shot) continue;
      const other = byShot.get(shot);
      if (other === undefined) byShot.set(shot, job.set);
      else parent.set(find(job.set), find(other));
    }
  }
  const groups = new Map<string, Array<{ job: Job; key?: string }>>();
  for (const j of jobs) {
    const g = find(j.job.set);
    groups.get(g)?.push(j) ?? groups.set(g, [j]);
  }
  const look = (j: Job) =>
    `${j.set}\n${JSON.stringify(j.style.background ?? {})}\n${JSON.stringify(j.style.device ?? {})}\n${j.screenshot ?? ''}`;
  const out: Array<Array<{ job: Job; key?: string }>> = [];
  for (const g of groups.values()) {
    const sorted = g
      .map((j, i) => ({ j, i, k: look(j.job) }))
      .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
      .map((x) => x.j);
    // Equal parts (20 jobs: 10 + 10, not 16 + 4), so the threads' last batches end together.
    const parts = Math.ceil(sorted.length / BATCH_JOBS);
    for (let p = 0; p < parts; p++)
      out.push(sorted.slice(Math.round((p * sorted.length) / parts), Math.round(((p + 1) * sorted.length) / parts)));
  }
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

/** Renders one job to encoded bytes, its set's facts computed for it (for one image; a set renders with renderSetBatch). */
export async function renderJobToBuffer(job: Job, setJobs: Job[]): Promise<{ buffer: Buffer; text: TextLayoutInfo[] }> {
  const set = setJobs.length ? setJobs : [job];
  checkGlyphs([job]);
  const { buffer, text } = await renderJob(job, set, await computeSetFacts(set));
  return { buffer, text };
}

export { RenderError };
