// Base layers (render/draw.ts): the background and the first device's body and shadow are drawn once
// per thread and reused by every image with the same look. Reuse must never change a byte: each image
// of a batch that reuses layers has the bytes of the same job rendered alone with nothing kept, and
// jobs that differ in anything the layer shows (device colour, tilt, scale, model, shadow, background,
// panoramic slice, background image file) each get their own layer.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Style } from '../src/manifest/types.js';
import type { Job } from '../src/plan/types.js';
import { renderSetBatch, runBatch } from '../src/render/batch.js';
import { setDecodeBudget } from '../src/render/decode-cache.js';
import { computeSetFacts, renderJob } from '../src/render/job.js';
import { RenderPool } from '../src/render/pool.js';
import type { BatchResult, SetOfJobs } from '../src/render/types.js';
import { ROOT, variant } from './fixtures/render/jobs.js';
import { privateWorker } from './helpers/small-project.js';
import { sha256 } from '../src/util/hash.js';

const SIZE = { width: 360, height: 640 };
// The example's stats slide has a background of its own: tests that want one look give every job this one.
const KEEP = 48 * 1024 * 1024;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'storeshots-layers-'));
});
afterAll(() => {
  setDecodeBudget(KEEP);
  rmSync(dir, { recursive: true, force: true });
});

/** A job of the example's play.phone set at a small size, with its own id, slide position and style. */
function job(id: string, slide: 'home' | 'stats' | 'photo', style?: Style, over: Partial<Job> = {}): Job {
  const j = variant(`en-US/play.phone/${slide}`, { size: SIZE, set: 'layers', ...over }, style);
  return { ...j, id, output: { ...j.output, path: `${id}.png` } };
}

/** Each job rendered on its own, nothing kept between them (no layer, no decoded screenshot). */
async function alone(jobs: Job[], set: SetOfJobs): Promise<Record<string, string>> {
  setDecodeBudget(0);
  try {
    const out: Record<string, string> = {};
    for (const j of jobs) out[j.id] = sha256((await renderJob(j, set.jobs, set.facts)).buffer);
    return out;
  } finally {
    setDecodeBudget(KEEP);
  }
}

function shas(r: BatchResult): Record<string, string> {
  expect(r.error).toBeUndefined();
  return Object.fromEntries(r.images.map((i) => [i.id, sha256(i.bytes!)]));
}

describe('base layers', () => {
  it('are reused only by images that look the same under the screen, and reuse changes no byte', async () => {
    const gradient = { background: { gradient: ['#4f46e5', '#0ea5e9'], angle: 180 } } satisfies Style;
    const jobs = [
      job('base', 'home', gradient),
      // Same look, other screenshot and headline: reuses base's layer.
      job('same-look', 'stats', gradient),
      job('colour', 'home', { ...gradient, device: { color: 'silver' } }),
      job('tilt', 'home', { ...gradient, device: { tilt: 5 } }),
      job('scale', 'home', { ...gradient, device: { scale: 0.9 } }),
      job('no-shadow', 'home', { ...gradient, device: { shadow: false } }),
      job('frameless', 'home', { ...gradient, device: { frame: 'none', shadow: true } }),
      job('background', 'home', { background: { gradient: ['#111827', '#4338ca'], angle: 160 } }),
      job('radial', 'home', { background: { type: 'radial', gradient: ['#111827', '#4338ca'] } }),
      // Back to the first look after the others: still in memory, reused again.
      job('base-again', 'photo', gradient),
    ];
    const facts = await computeSetFacts(jobs);
    const set = { jobs, facts };
    const solo = await alone(jobs, set);
    // Every look differs from every other, except the three that share base's.
    expect(new Set(Object.values(solo)).size).toBe(jobs.length);

    setDecodeBudget(0);
    setDecodeBudget(KEEP);
    const r = await runBatch({ jobs: jobs.map((j) => ({ job: j })), sets: { layers: set } });
    expect(shas(r)).toEqual(solo);
    expect(r.layers).toEqual({ made: jobs.length - 2, reused: 2 });
  }, 120_000);

  it('are drawn per slide of a panoramic background (each slide is its own slice)', async () => {
    const pano = { background: { gradient: ['#0f766e', '#4f46e5', '#db2777'], angle: 90, panoramic: true } };
    const jobs = [1, 2, 3].map((index) =>
      job(`slice-${index}`, (['home', 'stats', 'photo'] as const)[index - 1]!, pano, { index, count: 3 }),
    );
    const set = { jobs, facts: await computeSetFacts(jobs) };
    const solo = await alone(jobs, set);
    setDecodeBudget(0);
    setDecodeBudget(KEEP);
    const r = await runBatch({ jobs: jobs.map((j) => ({ job: j })), sets: { layers: set } });
    expect(shas(r)).toEqual(solo);
    expect(r.layers).toEqual({ made: 3, reused: 0 });
  }, 120_000);

  it('follow a background image file that changed between images (path, mtime and size)', async () => {
    const file = path.join(dir, 'bg.jpg');
    copyFileSync(path.join(ROOT, 'templates/photo-dusk.jpg'), file);
    const style = { background: { image: file, blur: 3 } } satisfies Style;
    const a = job('photo-a', 'home', style);
    const set = { jobs: [a], facts: await computeSetFacts([a]) };
    setDecodeBudget(0);
    setDecodeBudget(KEEP);
    const first = shas(await runBatch({ jobs: [{ job: a }], sets: { layers: set } }));
    const again = await runBatch({ jobs: [{ job: a }], sets: { layers: set } });
    expect(again.layers).toEqual({ made: 0, reused: 1 });
    expect(shas(again)).toEqual(first);
    // Another picture under the same name: its own layer, the bytes of a fresh render of it.
    copyFileSync(path.join(ROOT, 'examples/habitual/shots/en-US/android-phone/home.png'), file);
    const changed = await runBatch({ jobs: [{ job: a }], sets: { layers: set } });
    expect(changed.layers).toEqual({ made: 1, reused: 0 });
    expect(shas(changed)).toEqual(await alone([a], set));
    expect(shas(changed)).not.toEqual(first);
  }, 120_000);

  it('are reused on the render service path (a set on the pool, one task per image), bytes unchanged', async () => {
    const jobs = (['home', 'stats', 'photo'] as const).map((slide, k) =>
      job(
        slide,
        slide,
        { background: { gradient: ['#4f46e5', '#0ea5e9'], angle: 180 }, device: { color: k === 1 ? 'gold' : 'black' } },
        { index: k + 1, count: 3 },
      ),
    );
    const set = { jobs, facts: await computeSetFacts(jobs) };
    const solo = await alone(jobs, set);
    // One thread: the first and last image share a layer, the gold one has its own.
    const pool = await RenderPool.open(1, { workerFile: privateWorker() });
    if (!(pool instanceof RenderPool)) throw new Error(pool.unavailable);
    try {
      const got: Record<string, string> = {};
      const stats = await renderSetBatch(
        { set: jobs, jobs },
        { pool, onImage: (i) => void (got[i.job.id] = sha256(i.bytes)) },
      );
      expect(got).toEqual(solo);
      expect(stats.layers).toEqual({ made: 2, reused: 1 });
    } finally {
      await pool.close();
    }
  }, 120_000);
});
