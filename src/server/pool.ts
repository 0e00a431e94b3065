// A bounded pool of render threads (piscina): a slow render occupies a worker, never the API's event loop.
// Workers are plain JS at run time, so the pool always runs the bundled dist/server/worker.js.
// Render tasks take their decode memory from one budget the workers share (budget.ts); the workers
// themselves count the bytes they hold in shared memory, so /metrics shows what was really in flight.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { Finding } from '../report/types.js';
import { packageRoot } from '../util/paths.js';
import { DecodeBudget, decodeCost } from './budget.js';
import type { LintTask, RenderTask, RenderTaskResult } from './worker.js';

export class RenderPool {
  private readonly pool: Piscina;
  readonly budget: DecodeBudget;
  /** [KiB held by workers now, most KiB ever held at once], written by the workers with Atomics. */
  private readonly held = new Int32Array(new SharedArrayBuffer(8));

  constructor(threads: number, decodeBudgetBytes = Number.POSITIVE_INFINITY) {
    const filename = path.join(packageRoot(), 'dist/server/worker.js');
    if (!existsSync(filename)) throw new Error(`render worker ${filename} is missing: run "npm run build"`);
    this.budget = new DecodeBudget(decodeBudgetBytes);
    this.pool = new Piscina({ filename, minThreads: 1, maxThreads: threads, idleTimeout: 60_000, workerData: { held: this.held } });
  }

  get threads(): number {
    return this.pool.threads.length;
  }

  get queueSize(): number {
    return this.pool.queueSize;
  }

  get utilization(): number {
    return this.pool.utilization;
  }

  /** Bytes of decode memory the workers hold now, and the most they held at once since start. */
  get decodeHeld(): { now: number; peak: number } {
    return { now: Atomics.load(this.held, 0) * 1024, peak: Atomics.load(this.held, 1) * 1024 };
  }

  async render(task: Omit<RenderTask, 'cost'>, signal: AbortSignal): Promise<{ buffer: Buffer; text: RenderTaskResult['text'] }> {
    const cost = decodeCost(task.job);
    const release = await this.budget.acquire(cost, signal);
    try {
      const r = (await this.pool.run({ ...task, cost } satisfies RenderTask, { name: 'render', signal })) as RenderTaskResult;
      return { buffer: Buffer.from(r.buffer.buffer, r.buffer.byteOffset, r.buffer.byteLength), text: r.text };
    } finally {
      release();
    }
  }

  async lint(task: LintTask, signal: AbortSignal): Promise<Finding[]> {
    return (await this.pool.run(task, { name: 'lint', signal })) as Finding[];
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
