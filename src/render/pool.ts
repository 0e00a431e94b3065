// Worker threads for renderPlan (piscina), sized to the machine. Workers are plain JS at run
// time: the pool runs the bundled dist/render/worker.js. piscina stays a real package (it
// starts its own wrapper script from beside its code), so when it or the worker bundle is
// missing the pool says why and the caller renders in this thread instead.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Piscina as PiscinaType } from 'piscina';
import { packageRoot } from '../util/paths.js';
import type { BatchResult, BatchTask } from './worker.js';
import { errorMessage } from '../util/errors.js';

/** Roughly what one render thread needs at its peak (a 2064x2752 canvas, its pixels, the encoder, decoded screenshots). */
const BYTES_PER_THREAD = 320 * 1024 * 1024;
/**
 * Decoded screenshots kept across a run, shared out between the threads. A batch is the jobs of
 * one screenshot, so a thread needs room for one at a time (a 2064x2752 iPad screenshot is 22.7 MB
 * as RGBA); more bought no speed on the 120- and 480-image sets and cost RSS (measured: 2 threads
 * at 64 MB each peaked at 1009 MB, at 24 MB each 821 MB, same CPU).
 */
const DECODE_BUDGET = 48 * 1024 * 1024;
const MIN_DECODE_BUDGET = 24 * 1024 * 1024;

/** Threads for `wanted` (default: the cores this process may use), never more than the work or the memory allows. */
export function poolSize(wanted: number | undefined, batches: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const byMemory = Math.max(1, Math.floor(os.totalmem() / BYTES_PER_THREAD));
  return Math.max(1, Math.min(wanted ?? cores, byMemory, batches));
}

export function decodeBudget(threads: number): number {
  return Math.max(MIN_DECODE_BUDGET, Math.floor(DECODE_BUDGET / threads));
}

export function defaultWorkerFile(): string {
  return path.join(packageRoot(), 'dist/render/worker.js');
}

export class RenderPool {
  /** An error the pool raised outside any task (e.g. a reply from a worker whose task was aborted): kept, never thrown from an event. */
  failure?: Error;

  private constructor(
    private readonly pool: PiscinaType,
    readonly threads: number,
  ) {
    // Without a listener an 'error' event would be an uncaught exception: exit code 1, the lint code.
    pool.on('error', (e: Error) => {
      this.failure ??= e;
    });
  }

  /** A pool of `threads` workers, or why there is none (the caller renders in-process). */
  static async open(threads: number, workerFile = defaultWorkerFile()): Promise<RenderPool | { unavailable: string }> {
    if (!existsSync(workerFile)) return { unavailable: `the render worker ${workerFile} is missing (run "npm run build")` };
    let Piscina: typeof PiscinaType;
    try {
      ({ Piscina } = await import('piscina'));
    } catch (e) {
      return { unavailable: `piscina cannot be loaded (${errorMessage(e).split('\n')[0]})` };
    }
    const pool = new Piscina({ filename: workerFile, minThreads: threads, maxThreads: threads, idleTimeout: 1_000, concurrentTasksPerWorker: 1 });
    return new RenderPool(pool, threads);
  }

  run(task: BatchTask, signal?: AbortSignal): Promise<BatchResult> {
    return this.pool.run(task, { signal }) as Promise<BatchResult>;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
