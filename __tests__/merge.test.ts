// Merging a sharded render: the shards' folders merged equal what one runner renders (same
// files, same sha256, same report), the set-level lint runs once over the whole, and a missing
// shard or a changed file is an error that says which images.
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../src/pipeline.js';
import { mergeShards } from '../src/merge.js';
import type { Report } from '../src/report/types.js';
import { runCli } from './helpers/cli.js';
import { privateWorker, smallProject, type SmallProject } from './helpers/small-project.js';

let p: SmallProject;
let single: Report;
const shards = [1, 2, 3].map((i) => `shard-${i}`);

const images = (dir: string) =>
  Object.fromEntries(
    (readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(path.join(dir, f)))
          .digest('hex'),
      ]),
  );
const readReport = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report;

beforeAll(async () => {
  p = smallProject();
  const workerFile = privateWorker();
  await runPipeline({ cwd: p.dir, noCache: true, workerFile, outDir: path.join(p.dir, 'single') });
  single = readReport(path.join(p.dir, 'single'));
  for (const [k, dir] of shards.entries()) {
    await runPipeline({
      cwd: p.dir,
      noCache: true,
      workerFile,
      jobs: 2,
      shard: `${k + 1}/3`,
      outDir: path.join(p.dir, dir),
    });
  }
}, 180_000);

describe('merging shards', () => {
  it('equals a single-runner render: same files, same bytes, same report', async () => {
    const out = path.join(p.dir, 'merged');
    const r = await mergeShards({ cwd: p.dir, dirs: shards.map((d) => path.join(p.dir, d)), outDir: out });
    expect(r.shards.map((s) => s.images)).toEqual([2, 2, 2]);
    expect(images(out)).toEqual(images(path.join(p.dir, 'single')));
    const merged = readReport(out);
    expect(merged).toEqual(single);
    // The set-level finding (Play's four screenshots for promotion) is there once per set, not per shard.
    const promo = merged.findings.filter((f) => f.rule === 'play.promo-eligibility');
    expect(promo.map((f) => f.locale).sort()).toEqual(['de-DE', 'en-US']);
  });

  it('merges through the CLI', async () => {
    const r = await runCli(['merge', ...shards, '--out', 'merged-cli', '--fail-on', 'never'], p.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^merged 6 image\(s\) from 3 shard\(s\) into merged-cli; lint: 0 error\(s\), \d+ warning\(s\); report: merged-cli\/report.json/,
    );
    expect(images(path.join(p.dir, 'merged-cli'))).toEqual(images(path.join(p.dir, 'single')));
  });

  it('refuses a merge with a shard missing, naming the images', async () => {
    const r = await runCli(['merge', shards[0]!, shards[2]!, '--out', 'partial'], p.dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/2 of 6 images are in no shard: .*02-stats\.png/);
  });

  it('refuses a file whose bytes differ from its report', async () => {
    const bad = path.join(p.dir, 'shard-bad');
    cpSync(path.join(p.dir, shards[1]!), bad, { recursive: true });
    const rec = readReport(bad).images[0]!;
    writeFileSync(path.join(bad, rec.path), Buffer.from('not the image'));
    await expect(
      mergeShards({
        cwd: p.dir,
        dirs: [shards[0]!, 'shard-bad', shards[2]!].map((d) => path.join(p.dir, d)),
        outDir: path.join(p.dir, 'm2'),
      }),
    ).rejects.toThrow(`${rec.path} does not match the sha256 in its report.json`);
  });

  it('refuses a folder that is not a render output', async () => {
    const r = await runCli(['merge', 'shots', '--out', 'm3'], p.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no report.json');
  });
});
