// Render worker (a piscina thread): one job to encoded bytes, or lint of a finished set. Runs as plain
// JS from dist/server/worker.js; the native renderer is loaded here, never in the API's thread.
import type { Job, Plan } from '../plan/types.js';
import type { RenderedImage, TextLayoutInfo } from '../report/types.js';

export interface RenderTask {
  job: Job;
  setJobs: Job[];
}

export interface RenderTaskResult {
  buffer: Uint8Array;
  text: TextLayoutInfo[];
}

export async function render(task: RenderTask): Promise<RenderTaskResult> {
  const { renderJobToBuffer } = await import('../render/index.js');
  const out = await renderJobToBuffer(task.job, task.setJobs);
  return { buffer: new Uint8Array(out.buffer.buffer, out.buffer.byteOffset, out.buffer.byteLength), text: out.text ?? [] };
}

export interface LintTask {
  plan: Plan;
  images: RenderedImage[];
}

export async function lint(task: LintTask) {
  const { lintRender } = await import('../lint/index.js');
  return lintRender(task.plan, task.images);
}

export default render;
