// How renderPlan splits the jobs it renders into the pool's batches (render/index.ts batchesOf): a
// set's jobs, and sets that show the same screenshot, form one group; a group of more than 16 jobs
// becomes equal batches (20 -> 10 + 10, not 16 + 4) so the threads' last batches end together; every
// job is in exactly one batch; jobs of one look (set, background, device, screenshot) follow each
// other in the order they came. The jobs are variants of a real plan's job.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../src/plan/types.js';
import { loadProject } from '../src/project.js';
import { batchesOf } from '../src/render/index.js';
import { smallProject, type SmallProject } from './helpers/small-project.js';

let project: SmallProject;
let template: Job;

beforeAll(() => {
  project = smallProject();
  template = loadProject({ config: project.manifest, cwd: project.dir }).plan.all[0]!;
});
afterAll(() => rmSync(project.dir, { recursive: true, force: true }));

type Item = { job: Job; key?: string };

/** One job of `locale`/`preset`, showing `shot` (none: a slide without a screenshot) on a gradient at `angle`. */
function job(locale: string, preset: string, slide: number, shot: string | undefined, angle = 180): Item {
  const set = `${locale}/${preset}`;
  return {
    key: `key-${set}/s${slide}`,
    job: {
      ...template,
      id: `${set}/s${slide}`,
      set,
      locale,
      preset,
      presetId: preset,
      slide: `s${slide}`,
      index: slide,
      screenshot: shot,
      style: { ...template.style, background: { gradient: ['#4f46e5', '#0ea5e9'], angle } },
    },
  };
}

/** A locale's group of `n` jobs: two presets showing the same screenshots (as the two iPhone presets do), or one set when n is odd. */
function group(locale: string, n: number): Item[] {
  const presets = n % 2 === 0 ? ['appstore.iphone_6_9', 'appstore.iphone_6_5'] : ['play.phone'];
  const slides = n / presets.length;
  return presets.flatMap((p) =>
    Array.from({ length: slides }, (_, i) => job(locale, p, i + 1, `/shots/${locale}/${i + 1}.png`)),
  );
}

/** Every input item in exactly one batch (the same objects, keys and all), nothing added. */
function expectEachOnce(input: Item[], batches: Item[][]): void {
  const out = batches.flat();
  expect(out.length).toBe(input.length);
  expect(new Set(out).size).toBe(out.length);
  for (const i of input) expect(out).toContain(i);
}

const sizes = (batches: Item[][]) => batches.map((b) => b.length);

describe('batchesOf: a group of more than 16 jobs', () => {
  it('splits 20 jobs 10 + 10 (not 16 + 4), 17 as 9 + 8 and 33 as 11 + 11 + 11', () => {
    expect(sizes(batchesOf(group('en-US', 20)))).toEqual([10, 10]);
    expect(sizes(batchesOf(group('en-US', 17))).sort()).toEqual([8, 9]);
    expect(sizes(batchesOf(group('en-US', 33)))).toEqual([11, 11, 11]);
  });

  it('makes as few batches as 16 a batch allows, of sizes at most one apart, every job exactly once', () => {
    for (const n of [17, 18, 20, 23, 31, 32, 33, 40, 47, 48, 49, 64, 65, 100, 161]) {
      const input = group('en-US', n);
      const batches = batchesOf(input);
      const s = sizes(batches);
      expect(batches.length, `${n} jobs`).toBe(Math.ceil(n / 16));
      expect(Math.max(...s), `${n} jobs: ${s}`).toBeLessThanOrEqual(16);
      expect(Math.max(...s) - Math.min(...s), `${n} jobs: ${s}`).toBeLessThanOrEqual(1);
      expectEachOnce(input, batches);
    }
  });

  it('keeps a group of 16 or fewer whole', () => {
    for (const n of [1, 2, 9, 15, 16]) expect(sizes(batchesOf(group('en-US', n)))).toEqual([n]);
  });

  it("splits each group on its own: a batch never mixes groups, and a small group's batch stays whole", () => {
    const input = [...group('en-US', 20), ...group('de-DE', 34), ...group('ja', 5)];
    const batches = batchesOf(input);
    expectEachOnce(input, batches);
    for (const b of batches) expect(new Set(b.map((i) => i.job.locale)).size).toBe(1);
    const of = (locale: string) => sizes(batches.filter((b) => b[0]!.job.locale === locale));
    expect(of('en-US')).toEqual([10, 10]);
    expect(of('de-DE').sort()).toEqual([11, 11, 12]);
    expect(of('ja')).toEqual([5]);
  });

  it('keeps the jobs of one look together and in the order they came, across the split', () => {
    // 40 jobs of one set, no screenshots, interleaved over three backgrounds: three looks whose
    // runs cross the batch boundaries (40 -> 14 + 13 + 13).
    const angles = [90, 180, 270];
    const input = Array.from({ length: 40 }, (_, i) => job('en-US', 'play.phone', i + 1, undefined, angles[i % 3]));
    const batches = batchesOf(input);
    expect(sizes(batches).sort()).toEqual([13, 13, 14]);
    expectEachOnce(input, batches);
    const out = batches.flat();
    const angleOf = (i: Item) => (i.job.style.background as { angle: number }).angle;
    // Each look is one run...
    const runs = out.map(angleOf).filter((a, i, all) => i === 0 || all[i - 1] !== a);
    expect(runs.length).toBe(3);
    // ...holding its jobs in the order they were given.
    for (const a of angles) expect(out.filter((i) => angleOf(i) === a)).toEqual(input.filter((i) => angleOf(i) === a));
  });

  it("keeps each set's jobs in one run, sets joined by a screenshot in one group", () => {
    // Two presets of a locale showing the same 10 screenshots, given slide by slide (interleaved):
    // one group, and each set's jobs (which share its base layer) follow each other.
    const byPreset = group('en-US', 20);
    const input = Array.from({ length: 10 }, (_, i) => [byPreset[i]!, byPreset[i + 10]!]).flat();
    const batches = batchesOf(input);
    expect(sizes(batches)).toEqual([10, 10]);
    expectEachOnce(input, batches);
    for (const b of batches) expect(new Set(b.map((i) => i.job.set)).size).toBe(1);
  });
});
