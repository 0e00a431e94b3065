// A set's text facts kept in the render cache (issue #19): a re-run with nothing changed takes every
// set's facts from the cache (it measures no text, so it loads no fonts, text engine or canvas); a
// set whose jobs changed is measured again, and only that one; a damaged facts file is measured
// again and changes no image.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../src/pipeline.js';
import { setFactsCount } from '../src/render/job.js';
import type { Report } from '../src/report/types.js';
import { privateWorker, smallProject, type SmallProject } from './helpers/small-project.js';

let p: SmallProject;
let cacheDir: string;
let workerFile: string;

/** A run, and how many sets' facts this thread measured during it. */
async function run() {
  const before = setFactsCount();
  const r = await runPipeline({ cwd: p.dir, cacheDir, workerFile, jobs: 2 });
  const report = JSON.parse(readFileSync(r.reportFile, 'utf8')) as Report;
  return { report, measured: setFactsCount() - before };
}

const factsFiles = () =>
  (readdirSync(path.join(cacheDir, 'v1', 'sets'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.facts'))
    .map((f) => path.join(cacheDir, 'v1', 'sets', f));

let cold: Awaited<ReturnType<typeof run>>;

beforeAll(async () => {
  p = smallProject();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'storeshots-set-facts-'));
  workerFile = privateWorker();
  cold = await run();
}, 180_000);

describe("the render cache keeps each set's text facts", () => {
  it('measures each set once on a cold run and stores its facts', () => {
    expect(cold.measured).toBe(2); // en-US and de-DE of play.phone
    expect(factsFiles()).toHaveLength(2);
  });

  it('measures nothing when nothing changed, and every image comes from the cache', async () => {
    const warm = await run();
    expect(warm.measured).toBe(0);
    expect(warm.report.summary).toMatchObject({ rendered: 0, cached: 6 });
  });

  it('measures again only the set whose text changed', async () => {
    p.write((y) => y.replace('de-DE: Sieh deinen Fortschritt', 'de-DE: Sieh deinen ganzen Fortschritt'));
    try {
      const edited = await run();
      expect(edited.measured).toBe(1);
      expect(edited.report.images.filter((i) => !i.cached).every((i) => i.locale === 'de-DE')).toBe(true);
      expect(edited.report.images.filter((i) => i.cached && i.locale === 'en-US')).toHaveLength(3);
    } finally {
      p.write();
    }
    const back = await run();
    expect(back.measured).toBe(0);
    expect(back.report.summary).toMatchObject({ rendered: 0, cached: 6 });
  });

  it('measures a set again when its facts file is damaged, and its images keep their keys', async () => {
    for (const f of factsFiles()) writeFileSync(f, '{"textHeight": "tall"');
    const r = await run();
    expect(r.measured).toBe(2);
    expect(r.report.summary).toMatchObject({ rendered: 0, cached: 6 });
    expect(r.report.images.map((i) => i.sha256)).toEqual(cold.report.images.map((i) => i.sha256));
  });
});
