// A render worker (a piscina thread, run as plain JS from dist/render/worker.js), and the same
// code in-process for --jobs 1. A task is a batch of jobs that share screenshots, so a worker
// decodes each screenshot once and reuses it for every preset that shows it.
import path from 'node:path';
import type { Job } from '../plan/types.js';
import type { ImageRecord, TextLayoutInfo } from '../report/types.js';
import { RenderError, errorMessage } from '../util/errors.js';
import { RenderCache } from './cache.js';
import { decodeStats, setDecodeBudget } from './decode-cache.js';
import { sha256 } from './encode.js';
import { writeFileAtomic } from '../util/atomic.js';
import { renderJobBytes } from './index.js';
import type { SetFacts } from './layout.js';

export interface BatchTask {
  outDir: string;
  /** Jobs to render, with their cache keys when the cache is on. */
  jobs: Array<{ job: Job; key?: string }>;
  /** The sets these jobs belong to: every job of each (for panoramic neighbours) and its facts. */
  sets: Record<string, { jobs: Job[]; facts: SetFacts }>;
  cacheDir?: string;
  /** Bytes of decoded screenshots this thread may keep. */
  decodeBudget?: number;
}

export interface BatchImage {
  id: string;
  record: ImageRecord;
  text: TextLayoutInfo[];
}

export interface BatchResult {
  images: BatchImage[];
  /** The first failure (the rest of the batch is skipped); RenderError kinds cross the thread as data. */
  error?: { message: string; render: boolean; jobId: string };
  /** Image decodes this batch made, and decodes it saved by reusing pixels already in memory. */
  decodes: { made: number; reused: number };
}

export async function renderBatch(task: BatchTask): Promise<BatchResult> {
  if (task.decodeBudget !== undefined) setDecodeBudget(task.decodeBudget);
  const cache = task.cacheDir ? new RenderCache(task.cacheDir) : undefined;
  const images: BatchImage[] = [];
  const before = decodeStats();
  const decodes = () => {
    const now = decodeStats();
    return { made: now.misses - before.misses, reused: now.hits - before.hits };
  };
  for (const { job, key } of task.jobs) {
    try {
      const set = task.sets[job.set]!;
      const { buffer, text } = await renderJobBytes(job, set.jobs, set.facts);
      writeFileAtomic(path.join(task.outDir, job.output.path), buffer);
      const record: ImageRecord = {
        path: job.output.path, locale: job.locale, preset: job.preset, slide: job.slide, index: job.index,
        width: job.size.width, height: job.size.height, format: job.output.format, bytes: buffer.length, sha256: sha256(buffer), cached: false,
      };
      if (cache && key) {
        try {
          cache.put(key, buffer, { sha256: record.sha256, bytes: record.bytes, width: record.width, height: record.height, imageFormat: record.format, text });
        } catch {
          /* a full or read-only cache never fails a render */
        }
      }
      images.push({ id: job.id, record, text });
    } catch (e) {
      return { images, decodes: decodes(), error: { message: errorMessage(e), render: e instanceof RenderError, jobId: job.id } };
    }
  }
  return { images, decodes: decodes() };
}

export default renderBatch;
