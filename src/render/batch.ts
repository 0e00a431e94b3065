// A batch: jobs whose sets' text facts are known, rendered one after another in one thread (a
// render thread of the pool, or this one), each finished image handed to `onImage` at once. The
// decoded screenshots a batch shares stay in memory between its jobs (decode-cache.ts).
//
// renderSetBatch is one set's batch as the render service submits it: the set's text facts are
// computed once (on the pool), then its images spread over the pool's threads, each admitted by
// the caller first (its decode memory), and each handed to `onImage` as it finishes.
import path from 'node:path';
import type { Job } from '../plan/types.js';
import { RenderError } from '../util/errors.js';
import { RenderCache } from './cache.js';
import { decodeStats, setDecodeBudget } from './decode-cache.js';
import { writeAtomic } from './encode.js';
import { checkGlyphs, computeSetFacts, renderJob } from './job.js';
import type { RenderPool } from './pool.js';
import type { BatchImage, BatchResult, BatchTask, SetFacts } from './types.js';

/** Renders a batch in this thread. Images are written to task.outDir when set, else their bytes come back. */
export async function runBatch(task: BatchTask, onImage?: (image: BatchImage) => void): Promise<BatchResult> {
  if (task.decodeBudget !== undefined) setDecodeBudget(task.decodeBudget);
  const cache = task.cacheDir ? new RenderCache(task.cacheDir) : undefined;
  const images: BatchImage[] = [];
  const before = decodeStats();
  const decodes = () => {
    const now = decodeStats();
    return { made: now.misses - before.misses, reused: now.hits - before.hits };
  };
  for (const { job, key } of task.jobs) {
    try {
      const set = task.sets[job.set]!;
      if (task.checkGlyphs) checkGlyphs([job]);
      const { buffer, text, record } = await renderJob(job, set.jobs, set.facts);
      if (task.outDir) writeAtomic(path.join(task.outDir, job.output.path), buffer);
      if (cache && key) {
        try {
          cache.put(key, buffer, { sha256: record.sha256, bytes: record.bytes, width: record.width, height: record.height, imageFormat: record.format, text });
        } catch {
          /* a full or read-only cache never fails a render */
        }
      }
      const image: BatchImage = task.outDir ? { id: job.id, record, text } : { id: job.id, record, text, bytes: buffer };
      images.push(image);
      onImage?.(image);
    } catch (e) {
      return { images, decodes: decodes(), error: { message: (e as Error)?.message ?? String(e), render: e instanceof RenderError, jobId: job.id } };
    }
  }
  return { images, decodes: decodes() };
}

/** One finished image of a set's batch, with its bytes (the caller stores them). */
export interface SetImage extends BatchImage {
  job: Job;
  bytes: Uint8Array;
}

export interface SetBatch {
  /** Every job of the set (its facts and panoramic neighbours come from all of them). */
  set: Job[];
  /** The jobs to render now (a resumed render skips those it already stored). */
  jobs: Job[];
}

export interface SetBatchOptions {
  /** The render threads; absent, the batch renders in this thread. */
  pool?: RenderPool;
  signal?: AbortSignal;
  /** Waits until a job may start (e.g. for its decode memory); `cost` is counted as held while it renders. */
  admit?: (job: Job, signal: AbortSignal) => Promise<{ cost: number; release: () => void }>;
  /** Called once per finished image, in the order they finish; the batch waits for it (a durable write). */
  onImage: (image: SetImage) => void | Promise<void>;
}

/**
 * Renders the jobs of one set: its text facts once, then every job, each handed to onImage when it
 * is done. The first failure aborts the rest and is thrown (a RenderError when the input is at
 * fault); an abort of `signal` stops the batch with its reason, and no image reaches onImage after it.
 */
export async function renderSetBatch(batch: SetBatch, opts: SetBatchOptions): Promise<void> {
  if (!batch.jobs.length) return;
  const ac = new AbortController();
  const stop = () => ac.abort(opts.signal!.reason);
  if (opts.signal?.aborted) stop();
  opts.signal?.addEventListener('abort', stop, { once: true });
  try {
    ac.signal.throwIfAborted();
    const facts: SetFacts = opts.pool ? await opts.pool.facts(batch.set, ac.signal) : computeSetFacts(batch.set);
    const sets: BatchTask['sets'] = { [batch.jobs[0]!.set]: { jobs: batch.set, facts } };
    await Promise.all(
      batch.jobs.map(async (job) => {
        try {
          const admitted = opts.admit ? await opts.admit(job, ac.signal) : undefined;
          let r: BatchResult;
          try {
            const task: BatchTask = { jobs: [{ job }], sets, checkGlyphs: true, cost: admitted?.cost };
            r = opts.pool ? await opts.pool.run(task, ac.signal) : await runBatch(task);
          } finally {
            admitted?.release();
          }
          if (ac.signal.aborted) return;
          if (r.error) throw r.error.render ? new RenderError(r.error.message) : new Error(r.error.message);
          for (const image of r.images) await opts.onImage({ ...image, job, bytes: image.bytes! });
        } catch (e) {
          // One failed image fails the batch: stop the others rather than render for nothing.
          if (!ac.signal.aborted) ac.abort(e);
          throw e;
        }
      }),
    );
  } catch (e) {
    throw ac.signal.aborted ? ac.signal.reason : e;
  } finally {
    opts.signal?.removeEventListener('abort', stop);
  }
}
