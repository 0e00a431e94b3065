// The worker pool: the same bytes as rendering in this thread, and a screenshot that several
// slides show decoded once (what the threads report), never timed here (timings live in bench/).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../src/pipeline.js';
import type { RenderStats } from '../src/render/index.js';
import type { Report } from '../src/report/types.js';
import { privateWorker, smallProject, type SmallProject } from './helpers/small-project.js';

let p: SmallProject;
const runs: Record<string, { report: Report; stats: RenderStats }> = {};

beforeAll(async () => {
  p = smallProject();
  // The stats slide shows the home screenshot too: one decode serves both.
  p.write((y) => y.replace('  - id: stats\n', '  - id: stats\n    screenshot: shots/{locale}/{device}/home.png\n'));
  const workerFile = privateWorker();
  for (const jobs of [1, 2]) {
    let stats: RenderStats | undefined;
    const r = await runPipeline({
      cwd: p.dir,
      noCache: true,
      jobs,
      workerFile,
      outDir: mkdtempSync(path.join(tmpdir(), 'storeshots-pool-')),
      onStats: (s) => (stats = s),
    });
    runs[jobs] = { report: JSON.parse(readFileSync(r.reportFile, 'utf8')) as Report, stats: stats! };
  }
}, 180_000);

describe('the render pool', () => {
  it('uses two threads for --jobs 2 and this thread for --jobs 1', () => {
    expect(runs[1]!.stats.threads).toBe(1);
    expect(runs[2]!.stats.threads).toBe(2);
  });

  it('writes the same images, bytes and report as rendering in one thread', () => {
    expect(runs[2]!.report).toEqual(runs[1]!.report);
  });

  it('decodes a screenshot shown by two slides once', () => {
    for (const jobs of [1, 2]) {
      const { decodes } = runs[jobs]!.stats;
      // 6 screenshots and 2 background images are drawn; home.png serves two slides in each locale.
      expect(decodes.made + decodes.reused, `jobs ${jobs}`).toBe(8);
      expect(decodes.reused, `jobs ${jobs}`).toBeGreaterThanOrEqual(2);
      expect(decodes.made, `jobs ${jobs}`).toBeLessThanOrEqual(6);
    }
  });
});
