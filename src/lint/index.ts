// Store lint over a finished run. (Stub until lint lands: see issue 4.)
import type { Plan } from '../plan/types.js';
import type { Finding, RenderedImage } from '../report/types.js';

/** Lints the rendered images: real bytes on disk, set-level counts and slots, and text layout. */
export async function lintRender(_plan: Plan, _images: RenderedImage[]): Promise<Finding[]> {
  return [];
}
