// A bounded pool of render threads (piscina): a slow render occupies a worker, never the API's event loop.
// Workers are plain JS at run time, so the pool always runs the bundled dist/server/worker.js.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { Finding } from '../report/types.js';
import { packageRoot } from '../util/paths.js';
import type { LintTask, RenderTask, RenderTaskResult } from './worker.js';

export class RenderPool {
  private readonly pool: Piscina;

  constructor(threads: number) {
    const filename = path.join(packageRoot(), 'dist/server/worker.js');
    if (!existsSync(filename)) throw new Error(`render worker ${filename} is missing: run "npm run build"`);
    this.pool = new Piscina({ filename, minThreads: 1, maxThreads: threads, idleTimeout: 60_000 });
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

  async render(task: RenderTask, signal: AbortSignal): Promise<{ buffer: Buffer; text: RenderTaskResult['text'] }> {
    const r = (await this.pool.run(task, { name: 'render', signal })) as RenderTaskResult;
    return { buffer: Buffer.from(r.buffer.buffer, r.buffer.byteOffset, r.buffer.byteLength), text: r.text };
  }

  async lint(task: LintTask, signal: AbortSignal): Promise<Finding[]> {
    return (await this.pool.run(task, { name: 'lint', signal })) as Finding[];
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
