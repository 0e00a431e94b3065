// A render thread of the pool (piscina), run as plain JS from dist/render/worker.js. It renders
// batches (batch.ts; a batch may measure its set's text facts first), and for the service lints a
// finished set and makes its outputs; the native renderer is loaded here, never in the calling thread. It counts the decode memory its
// tasks were granted (BatchTask.cost) in the memory it shares with the pool (pool.ts).
import { workerData } from 'node:worker_threads';
import { runBatch } from './batch.js';
import type { OutputTask } from '../publish/set-outputs.js';
import type { LintTask, WorkerData } from './pool.js';
import type { BatchResult, BatchTask } from './types.js';

const held: Int32Array | undefined = (workerData as Partial<WorkerData> | null)?.held;

function hold(kib: number): void {
  if (!held || !kib) return;
  const now = Atomics.add(held, 0, kib) + kib;
  for (let peak = Atomics.load(held, 1); now > peak; peak = Atomics.load(held, 1)) {
    if (Atomics.compareExchange(held, 1, peak, now) === peak) break;
  }
}

export default async function batch(task: BatchTask): Promise<BatchResult> {
  const kib = Math.ceil((task.cost ?? 0) / 1024);
  hold(kib);
  try {
    return await runBatch(task);
  } finally {
    if (held && kib) Atomics.sub(held, 0, kib);
  }
}

/** Makes one of a job's outputs (contact sheet, review PDF, zips, report.json) and writes it: off the API's thread. */
export async function output(task: OutputTask) {
  const { makeOutputFile } = await import('../publish/set-outputs.js');
  return makeOutputFile(task);
}

export async function lint(task: LintTask) {
  const { lintRender } = await import('../lint/index.js');
  return lintRender(task.plan, task.images);
}
