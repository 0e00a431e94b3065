// Sharding at render level: for any n, the shards' renders together hold every image of the plan
// exactly once, with the bytes a single runner makes (the cache makes the many runs cheap).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../src/pipeline.js';
import type { Report } from '../src/report/types.js';
import { smallProject, type SmallProject } from './helpers/small-project.js';

let p: SmallProject;
let cacheDir: string;
let whole: Report;

beforeAll(async () => {
  p = smallProject();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'storeshots-shard-cache-'));
  const r = await runPipeline({ cwd: p.dir, cacheDir, jobs: 1, outDir: path.join(p.dir, 'whole') });
  whole = JSON.parse(readFileSync(r.reportFile, 'utf8')) as Report;
}, 120_000);

describe('render --shard i/n', () => {
  it.each([1, 2, 3, 4, 5, 6, 7])('covers every image exactly once with n = %i', async (n) => {
    const seen: string[] = [];
    for (let i = 1; i <= n; i++) {
      const r = await runPipeline({
        cwd: p.dir,
        cacheDir,
        jobs: 1,
        shard: `${i}/${n}`,
        outDir: path.join(p.dir, `n${n}-${i}`),
      });
      expect(r.plan.jobs.length).toBeGreaterThanOrEqual(Math.floor(6 / n));
      expect(r.plan.jobs.length).toBeLessThanOrEqual(Math.ceil(6 / n));
      for (const img of r.report.images) {
        seen.push(img.path);
        expect(img.sha256, img.path).toBe(whole.images.find((w) => w.path === img.path)!.sha256);
      }
    }
    expect(seen.sort()).toEqual(whole.images.map((i) => i.path).sort());
  });
});
