// output.compression: fast (PNG): the same pixels as the default, other (larger) bytes, its own cache
// key; the default's bytes are sharp's level 6 unfiltered PNG, as before the option existed.
import { rmSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../src/project.js';
import type { Plan } from '../src/plan/types.js';
import { cacheKey, FileHasher } from '../src/render/cache.js';
import { renderJobToBuffer, setFacts } from '../src/render/index.js';
import { createMeasurer } from '../src/render/measure.js';
import { smallProject, type SmallProject } from './helpers/small-project.js';

let p: SmallProject;
let plain: Plan;
let fast: Plan;

beforeAll(() => {
  p = smallProject();
  plain = loadProject({ config: p.manifest, cwd: p.dir }).plan;
  p.write((y) =>
    y.replace(
      'output: { dir: out, format: png, layout: flat }',
      'output: { dir: out, format: png, compression: fast, layout: flat }',
    ),
  );
  fast = loadProject({ config: p.manifest, cwd: p.dir }).plan;
});
afterAll(() => rmSync(p.dir, { recursive: true, force: true }));

const pixels = async (b: Buffer) => sharp(b).raw().toBuffer();

describe('output.compression', () => {
  it('reaches every job of the plan (and only when asked for)', () => {
    expect(fast.all.every((j) => j.output.compression === 'fast')).toBe(true);
    expect(plain.all.some((j) => 'compression' in j.output)).toBe(false);
  });

  it('fast: the same pixels in a larger file; the default is the level 6 unfiltered PNG', async () => {
    const a = (
      await renderJobToBuffer(
        plain.all[0]!,
        plain.all.filter((j) => j.set === plain.all[0]!.set),
      )
    ).buffer;
    const b = (
      await renderJobToBuffer(
        fast.all[0]!,
        fast.all.filter((j) => j.set === fast.all[0]!.set),
      )
    ).buffer;
    expect(b.equals(a)).toBe(false);
    expect(await pixels(b)).toEqual(await pixels(a));
    expect(b.length).toBeGreaterThan(a.length);
    // Re-encoding the default's pixels at level 6 without filters gives its IDAT bytes again.
    const { data, info } = await sharp(a).raw().toBuffer({ resolveWithObject: true });
    const again = await sharp(data, { raw: info })
      .png({ compressionLevel: 6, adaptiveFiltering: false, palette: false })
      .toBuffer();
    const idat = (png: Buffer) => png.subarray(png.indexOf('IDAT') - 4);
    expect(idat(again).equals(idat(a))).toBe(true);
  }, 60_000);

  it('is part of a PNG cache key, so switching it redraws', () => {
    const key = (plan: Plan) => {
      const job = plan.all[0]!;
      const set = plan.all.filter((j) => j.set === job.set);
      return cacheKey({ job, setJobs: set, facts: setFacts(set, createMeasurer()), files: new FileHasher() });
    };
    expect(key(fast)).not.toBe(key(plain));
  });
});
