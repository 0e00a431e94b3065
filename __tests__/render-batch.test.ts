// One set's batch (render/batch.ts), as the render service submits it: the set's text facts are
// measured once however many images the set has, each finished image reaches onImage with the
// record built from its bytes, and the first failure stops the batch.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../src/project.js';
import type { Job } from '../src/plan/types.js';
import { renderSetBatch, type SetImage } from '../src/render/batch.js';
import { setFactsCount } from '../src/render/job.js';
import { RenderPool } from '../src/render/pool.js';
import { privateWorker, smallProject, type SmallProject } from './helpers/small-project.js';

let project: SmallProject;
let set: Job[];

beforeAll(() => {
  project = smallProject();
  const { plan } = loadProject({ config: project.manifest, cwd: project.dir });
  set = plan.all.filter((j) => j.set === 'en-US/play.phone');
});
afterAll(() => rmSync(project.dir, { recursive: true, force: true }));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function checkImages(images: SetImage[]): void {
  expect(images.map((i) => i.job.id).sort()).toEqual(set.map((j) => j.id).sort());
  for (const i of images) {
    // The record is the one built beside the bytes: nobody re-sniffs or re-hashes them.
    expect(i.record).toMatchObject({
      path: i.job.output.path,
      width: 540,
      height: 960,
      format: 'png',
      bytes: i.bytes.length,
      sha256: sha(i.bytes),
      cached: false,
    });
    expect(Buffer.from(i.bytes.subarray(1, 4)).toString('latin1')).toBe('PNG');
  }
}

describe('a set batch', () => {
  it("measures the set's text facts once for all its images (in this thread)", async () => {
    expect(set.length).toBe(3);
    const before = setFactsCount();
    const images: SetImage[] = [];
    await renderSetBatch({ set, jobs: set }, { onImage: (i) => void images.push(i) });
    expect(setFactsCount() - before).toBe(1);
    checkImages(images);
  }, 60_000);

  it("measures them once on the pool too: the first image's task measures them for all, one task per image", async () => {
    const pool = await RenderPool.open(2, { workerFile: privateWorker() });
    if (!(pool instanceof RenderPool)) throw new Error(pool.unavailable);
    try {
      const images: SetImage[] = [];
      await renderSetBatch({ set, jobs: set }, { pool, onImage: (i) => void images.push(i) });
      expect(pool.tasks).toEqual({ facts: 1, batch: 3, lint: 0, output: 0 });
      checkImages(images);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it("renders only the jobs asked for (a resumed render) with the whole set's facts, and stops at the first failure", async () => {
    const images: SetImage[] = [];
    await renderSetBatch({ set, jobs: set.slice(1) }, { onImage: (i) => void images.push(i) });
    expect(images.map((i) => i.job.index).sort()).toEqual([2, 3]);
    const broken = set.map((j, k) => (k === 0 ? { ...j, screenshot: `${j.screenshot}.missing` } : j));
    const seen: SetImage[] = [];
    await expect(
      renderSetBatch({ set: broken, jobs: broken.slice(0, 1) }, { onImage: (i) => void seen.push(i) }),
    ).rejects.toThrow(/\.missing/);
    expect(seen).toEqual([]);
  }, 60_000);
});
