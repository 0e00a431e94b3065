// The one builder of a report.json image record from the job that rendered it.
import type { Job } from '../plan/types.js';
import type { ImageRecord } from './types.js';

/** The record of a job's image: identity and size from the job, bytes and hash from the file. */
export function jobRecord(job: Job, bytes: number, sha256: string, cached: boolean): ImageRecord {
  return {
    path: job.output.path,
    locale: job.locale,
    preset: job.preset,
    slide: job.slide,
    ...(job.appearance ? { appearance: job.appearance, ...(job.alternate ? { alternate: true } : {}) } : {}),
    index: job.index,
    width: job.size.width,
    height: job.size.height,
    format: job.output.format,
    bytes,
    sha256,
    cached,
  };
}
