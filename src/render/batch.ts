// A batch: jobs whose sets' text facts are known, rendered one after another in one thread (a
// render thread of the pool, or this one), each finished image handed to `onImage` at once. The
// decoded screenshots a batch shares stay in memory between its jobs (decode-cache.ts).
//
// renderSetBatch is one set's batch as the render service submits it: the set's text facts are
// computed once (on the pool, by the first image's task), its images spread over the pool's
// threads, each admitted by the caller first (its decode memory), and each handed to `onImage` as
// it finishes.
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { Job } from '../plan/types.js';
import { writeFileAtomic } from '../util/atomic.js';
import { RenderError, errorMessage } from '../util/errors.js';
import { RenderCache } from './cache.js';
import { decodeStats, layerStats, setDecodeBudget } from './decode-cache.js';
import { checkGlyphs, computeSetFacts, renderJob } from './job.js';
import type { RenderPool } from './pool.js';
import type { BatchImage, BatchResult, BatchTask, SetFacts } from './types.js';
import { readImageFacts, type ImageFacts } from '../lint/header.js';

/** Renders a batch in this thread. Images are written to task.outDir when set, else their bytes come back. */
export async function runBatch(task: BatchTask): Promise<BatchResult> {
  if (task.decodeBudget !== undefined) setDecodeBudget(task.decodeBudget);
  let measured: SetFacts | undefined;
  if (task.measure) {
    const { set, jobs, port } = task.measure;
    try {
      measured = await computeSetFacts(jobs);
      task.sets = { ...task.sets, [set]: { jobs, facts: measured } };
      port?.postMessage(measured);
    } catch (e) {
      return {
        images: [],
        decodes: { made: 0, reused: 0 },
        layers: { made: 0, reused: 0 },
        error: { message: errorMessage(e), render: e instanceof RenderError, jobId: task.jobs[0]?.job.id ?? set },
      };
    } finally {
      port?.close();
    }
  }
  const cache = task.cacheDir ? new RenderCache(task.cacheDir) : undefined;
  const images: BatchImage[] = [];
  const before = decodeStats();
  const decodes = () => {
    const now = decodeStats();
    return { made: now.misses - before.misses, reused: now.hits - before.hits };
  };
  const layersBefore = layerStats();
  const layers = () => {
    const now = layerStats();
    return { made: now.misses - layersBefore.misses, reused: now.hits - layersBefore.hits };
  };
  for (const { job, key } of task.jobs) {
    try {
      const set = task.sets[job.set]!;
      if (task.checkGlyphs) checkGlyphs([job]);
      const { buffer, text, record } = await renderJob(job, set.jobs, set.facts);
      if (task.outDir) writeFileAtomic(path.join(task.outDir, job.output.path), buffer);
      const facts = lintFacts(buffer);
      if (cache && key) {
        try {
          cache.put(key, buffer, {
            sha256: record.sha256,
            bytes: record.bytes,
            width: record.width,
            height: record.height,
            imageFormat: record.format,
            text,
            facts,
          });
        } catch {
          /* a full or read-only cache never fails a render */
        }
      }
      const image: BatchImage = task.outDir
        ? { id: job.id, record, text, facts }
        : { id: job.id, record, text, facts, bytes: buffer };
      images.push(image);
    } catch (e) {
      return {
        images,
        measured,
        decodes: decodes(),
        layers: layers(),
        error: { message: errorMessage(e), render: e instanceof RenderError, jobId: job.id },
      };
    }
  }
  return { images, measured, decodes: decodes(), layers: layers() };
}

/**
 * What lint's reader makes of the encoded bytes (lint/header.ts), read here in the render thread,
 * beside the drawing, so lint in the calling thread (and a cached re-run) need not inflate the PNG
 * again: lint reads the bytes on disk and uses these facts only when they have this hash. Bytes the
 * reader refuses get no facts (lint reads them again and reports why).
 */
function lintFacts(buffer: Buffer): ImageFacts | undefined {
  try {
    return readImageFacts(buffer);
  } catch {
    return undefined;
  }
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

/** What a set's batch reused: base layers (draw.ts) drawn and reused over all its images. */
export interface SetBatchStats {
  layers: { made: number; reused: number };
}

/**
 * Renders the jobs of one set: its text facts once, then every job, each handed to onImage when it
 * is done. The first failure aborts the rest and is thrown (a RenderError when the input is at
 * fault); an abort of `signal` stops the batch with its reason, and no image reaches onImage after it.
 */
export async function renderSetBatch(batch: SetBatch, opts: SetBatchOptions): Promise<SetBatchStats> {
  const stats: SetBatchStats = { layers: { made: 0, reused: 0 } };
  if (!batch.jobs.length) return stats;
  const ac = new AbortController();
  const stop = () => ac.abort(opts.signal!.reason);
  if (opts.signal?.aborted) stop();
  opts.signal?.addEventListener('abort', stop, { once: true });
  const name = batch.jobs[0]!.set;
  // The set's facts: measured here without a pool; on the pool, by the first job's task before it
  // renders (on the thread that then lays that job out), which posts them for the other jobs.
  let facts: Promise<SetFacts>;
  let measured: ((f: SetFacts) => void) | undefined;
  let unmeasured: ((e: unknown) => void) | undefined;
  if (opts.pool) {
    facts = new Promise<SetFacts>((resolve, reject) => {
      measured = resolve;
      unmeasured = reject;
    });
    facts.catch(() => undefined);
  } else {
    facts = Promise.resolve().then(() => computeSetFacts(batch.set));
  }
  const one = async (job: Job, first: boolean) => {
    try {
      // The others wait for the facts before they take their decode memory (never held while waiting).
      const known = first && opts.pool ? undefined : await abortable(facts, ac.signal);
      const admitted = opts.admit ? await opts.admit(job, ac.signal) : undefined;
      let channel: MessageChannel | undefined;
      let r: BatchResult;
      try {
        let task: BatchTask;
        if (known) {
          task = {
            jobs: [{ job }],
            sets: { [name]: { jobs: batch.set, facts: known } },
            checkGlyphs: true,
            cost: admitted?.cost,
          };
        } else {
          channel = new MessageChannel();
          channel.port1.once('message', (f: SetFacts) => measured!(f));
          task = {
            jobs: [{ job }],
            sets: {},
            measure: { set: name, jobs: batch.set, port: channel.port2 },
            checkGlyphs: true,
            cost: admitted?.cost,
          };
        }
        r = opts.pool
          ? await opts.pool.run(task, ac.signal, channel ? [channel.port2] : undefined)
          : await runBatch(task);
      } finally {
        admitted?.release();
        channel?.port1.close();
      }
      if (r.measured) measured?.(r.measured);
      stats.layers.made += r.layers.made;
      stats.layers.reused += r.layers.reused;
      if (ac.signal.aborted) return;
      if (r.error) throw r.error.render ? new RenderError(r.error.message) : new Error(r.error.message);
      for (const image of r.images) await opts.onImage({ ...image, job, bytes: image.bytes! });
    } catch (e) {
      // One failed image fails the batch: stop the others rather than render for nothing.
      if (!ac.signal.aborted) ac.abort(e);
      throw e;
    } finally {
      // The first task ended without posting the facts (it failed, or was aborted): the others stop too.
      if (first)
        unmeasured?.(ac.signal.aborted ? ac.signal.reason : new Error("the set's text facts were not measured"));
    }
  };
  try {
    ac.signal.throwIfAborted();
    await Promise.all(batch.jobs.map((job, k) => one(job, k === 0)));
    return stats;
  } catch (e) {
    throw ac.signal.aborted ? ac.signal.reason : e;
  } finally {
    opts.signal?.removeEventListener('abort', stop);
  }
}

/** `p`, or the signal's reason once it aborts. */
function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
