// Render worker (a piscina thread): one job to encoded bytes, or lint of a finished set. Runs as plain
// JS from dist/server/worker.js; the native renderer is loaded here, never in the API's thread.
import { workerData } from 'node:worker_threads';
import type { Job, Plan } from '../plan/types.js';
import type { RenderedImage, TextLayoutInfo } from '../report/types.js';

export interface RenderTask {
  job: Job;
  setJobs: Job[];
  /** Decode memory this job was granted from the shared budget (bytes). */
  cost: number;
}

export interface RenderTaskResult {
  buffer: Uint8Array;
  text: TextLayoutInfo[];
}

/** [KiB held now, peak KiB] shared with the pool (see pool.ts); absent when run outside the pool. */
const held: Int32Array | undefined = (workerData as { held?: Int32Array } | null)?.held;

function hold(kib: number): void {
  if (!held) return;
  const now = Atomics.add(held, 0, kib) + kib;
  for (let peak = Atomics.load(held, 1); now > peak; peak = Atomics.load(held, 1)) {
    if (Atomics.compareExchange(held, 1, peak, now) === peak) break;
  }
}

export async function render(task: RenderTask): Promise<RenderTaskResult> {
  const kib = Math.ceil((task.cost ?? 0) / 1024);
  hold(kib);
  try {
    const { renderJobToBuffer } = await import('../render/index.js');
    const out = await renderJobToBuffer(task.job, task.setJobs);
    return { buffer: new Uint8Array(out.buffer.buffer, out.buffer.byteOffset, out.buffer.byteLength), text: out.text ?? [] };
  } finally {
    if (held) Atomics.sub(held, 0, kib);
  }
}

export interface LintTask {
  plan: Plan;
  images: RenderedImage[];
}

export async function lint(task: LintTask) {
  const { lintRender } = await import('../lint/index.js');
  return lintRender(task.plan, task.images);
}

