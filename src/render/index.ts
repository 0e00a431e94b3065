// The embedded renderer's public face. (Stub until the renderer lands: see issue 3.)
import type { Job, Plan } from '../plan/types.js';
import type { RenderedImage } from '../report/types.js';
import { RenderError } from '../util/errors.js';

export interface RenderRunOptions {
  /** Parallel workers (default: cores). */
  jobs?: number;
  cacheDir?: string;
  noCache?: boolean;
  /** Called after each image, for progress. */
  onImage?: (img: RenderedImage, done: number, total: number) => void;
}

/** Renders the plan's selected jobs into plan.outDir; returns one record per image written. */
export async function renderPlan(_plan: Plan, _opts: RenderRunOptions = {}): Promise<RenderedImage[]> {
  throw new RenderError('the embedded renderer is not built yet');
}

/** Renders one job to encoded bytes (the render service uses this). */
export async function renderJobToBuffer(_job: Job, _setJobs: Job[]): Promise<{ buffer: Buffer; text: RenderedImage['text'] }> {
  throw new RenderError('the embedded renderer is not built yet');
}
