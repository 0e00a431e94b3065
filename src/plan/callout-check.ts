// validate's check of call-out regions against the screenshots they magnify (from its header,
// nothing decoded): a region reaching outside its screenshot is an error at the call-out's field.
import path from 'node:path';
import type { LoadedManifest } from '../manifest/load.js';
import { fieldName } from '../manifest/load.js';
import type { Callout } from '../manifest/types.js';
import type { Problem } from '../util/errors.js';
import type { Job } from './types.js';

/** Problems of every call-out whose region reaches outside a screenshot it is drawn from. */
export function calloutProblems(
  loaded: LoadedManifest,
  jobs: Job[],
  cwd: string,
  /** A screenshot's size as displayed (undefined when unreadable: reported elsewhere). */
  headerSize: (file: string) => { width: number; height: number } | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const sizes = new Map<string, ReturnType<typeof headerSize>>();
  loaded.manifest.slides.forEach((slide, i) => {
    const list: Array<{ c: Callout; fp: Array<string | number> }> = slide.callouts
      ? slide.callouts.map((c, k) => ({ c, fp: ['slides', i, 'callouts', k] }))
      : slide.callout
        ? [{ c: slide.callout, fp: ['slides', i, 'callout'] }]
        : [];
    if (list.length === 0) return;
    for (const job of jobs) {
      if (job.slide !== slide.id || !job.screenshot) continue;
      // Only a screenshot a call-out is drawn from is read (its header check inflates the whole PNG).
      if (!list.some(({ c }) => job.callouts?.includes(c))) continue;
      if (!sizes.has(job.screenshot)) sizes.set(job.screenshot, headerSize(job.screenshot));
      const size = sizes.get(job.screenshot);
      if (!size) continue;
      for (const { c, fp } of list) {
        if (!job.callouts?.includes(c)) continue;
        const over: Array<[string, number, number]> = [
          ['width', c.x + c.width, size.width],
          ['height', c.y + c.height, size.height],
        ];
        for (const [field, end, limit] of over) {
          if (end <= limit) continue;
          const at = [...fp, field];
          const key = `${fieldName(at)}|${size.width}x${size.height}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const axis = field === 'width' ? 'x' : 'y';
          problems.push({
            severity: 'error',
            field: fieldName(at),
            at: loaded.positionOf(at),
            message: `Expected a call-out region inside the ${size.width}x${size.height} screenshot ${path.relative(cwd, job.screenshot) || job.screenshot} for ${fieldName(at)} but ${axis} + ${field} = ${end} > ${limit}; shrink the region${c.devices ? '' : ', or limit it to one device family with devices: (or to locales with locales:)'}`,
          });
        }
      }
    }
  });
  return problems;
}
