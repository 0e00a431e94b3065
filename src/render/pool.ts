// The render threads (piscina), for the CLI's renderPlan and the render service alike. Workers are
// plain JS at run time: the pool runs the bundled dist/render/worker.js. piscina stays a real
// package (it starts its own wrapper script from beside its code), so when it or the worker bundle
// is missing the pool says why and the caller renders in this thread instead (the service refuses
// to start). The threads count the decode memory their tasks were granted in shared memory, so
// decodeHeld shows what was really in flight.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TransferListItem } from 'node:worker_threads';
import type { Piscina as PiscinaType } from 'piscina';
import type { OutputTask } from '../publish/set-outputs.js';
import type { Plan } from '../plan/types.js';
import type { Finding } from '../report/types.js';
import { packageRoot } from '../util/paths.js';
import type { BatchResult, BatchTask, RenderedImage } from './types.js';
import { errorMessage } from '../util/errors.js';

/** Roughly what one render thread needs at its peak (a 2064x2752 canvas, its pixels, the encoder, decoded screenshots). */
const BYTES_PER_THREAD = 320 * 1024 * 1024;
/**
 * Decoded screenshots and drawn base layers (draw.ts) kept across a run, shared out between the
 * threads. A batch is the jobs of a set (or of sets sharing a screenshot), so a thread needs room
 * for its base layer and a screenshot or two: an iPad 13" layer and a 2064x2752 screenshot are
 * 22.7 MB each as RGBA. Before base layers, 24 MB a thread was measured best (2 threads at 64 MB
 * each peaked at 1009 MB, at 24 MB each 821 MB, same CPU).
 */
const DECODE_BUDGET = 96 * 1024 * 1024;
const MIN_DECODE_BUDGET = 48 * 1024 * 1024;

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

/** What a render thread is handed at start: where to count the decode memory it holds. */
export interface WorkerData {
  /** [KiB held by the threads now, most KiB ever held at once], written with Atomics. */
  held: Int32Array;
}

export interface LintTask {
  plan: Plan;
  images: RenderedImage[];
}

export interface PoolOptions {
  /** The worker bundle (default: dist/render/worker.js of the package); tests pass a private build. */
  workerFile?: string;
  /** Threads kept running when idle (default: all of them). */
  minThreads?: number;
  /** How long an idle thread above minThreads lives (default 1 s). */
  idleTimeoutMs?: number;
}

export class RenderPool {
  /** Tasks handed to the threads so far, by kind; `facts` counts the measuring of a set's facts, alone or ahead of a batch (tests check it is once per set). */
  readonly tasks = { batch: 0, facts: 0, lint: 0, output: 0 };
  /** An error the pool raised outside any task (e.g. a reply from a worker whose task was aborted): kept, never thrown from an event. */
  failure?: Error;

  private constructor(
    private readonly pool: PiscinaType,
    private readonly held: Int32Array,
  ) {
    // Without a listener an 'error' event would be an uncaught exception: exit code 1, the lint code.
    pool.on('error', (e: Error) => {
      this.failure ??= e;
    });
  }

  /** A pool of up to `threads` workers, or why there is none (the caller renders in-process). */
  static async open(threads: number, opts: PoolOptions = {}): Promise<RenderPool | { unavailable: string }> {
    const workerFile = opts.workerFile ?? defaultWorkerFile();
    if (!existsSync(workerFile))
      return { unavailable: `the render worker ${workerFile} is missing (run "npm run build")` };
    let Piscina: typeof PiscinaType;
    try {
      ({ Piscina } = await import('piscina'));
    } catch (e) {
      return { unavailable: `piscina cannot be loaded (${errorMessage(e).split('\n')[0]})` };
    }
    const held = new Int32Array(new SharedArrayBuffer(8));
    const pool = new Piscina({
      filename: workerFile,
      minThreads: opts.minThreads ?? threads,
      maxThreads: threads,
      idleTimeout: opts.idleTimeoutMs ?? 1_000,
      concurrentTasksPerWorker: 1,
      workerData: { held } satisfies WorkerData,
    });
    return new RenderPool(pool, held);
  }

  /** Threads running now. */
  get threads(): number {
    return this.pool.threads.length;
  }

  /** Tasks waiting for a thread. */
  get queueSize(): number {
    return this.pool.queueSize;
  }

  /** Share of the threads' capacity used since start (0-1). */
  get utilization(): number {
    return this.pool.utilization;
  }

  /** Bytes of decode memory the threads hold now (BatchTask.cost), and the most they held at once since start. */
  get decodeHeld(): { now: number; peak: number } {
    return { now: Atomics.load(this.held, 0) * 1024, peak: Atomics.load(this.held, 1) * 1024 };
  }

  /** Renders a batch on a thread. */
  run(task: BatchTask, signal?: AbortSignal, transferList?: TransferListItem[]): Promise<BatchResult> {
    this.tasks.batch++;
    if (task.measure) this.tasks.facts++;
    return this.pool.run(task, { signal, transferList }) as Promise<BatchResult>;
  }

  /** Lints a finished set on a thread. */
  lint(task: LintTask, signal?: AbortSignal): Promise<Finding[]> {
    this.tasks.lint++;
    return this.pool.run(task, { name: 'lint', signal }) as Promise<Finding[]>;
  }

  /** Makes one output of a finished job on a thread (worker.ts `output`: publish/set-outputs.ts makeOutputFile). */
  output(task: OutputTask, signal?: AbortSignal): Promise<{ bytes: number; sha256: string }> {
    this.tasks.output++;
    return this.pool.run(task, { name: 'output', signal }) as Promise<{ bytes: number; sha256: string }>;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
