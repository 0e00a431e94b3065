// The render cache end to end through the pipeline and the worker pool: a second run copies every
// image from the cache (report.json says cached), an edited headline re-renders only its locale,
// a corrupt entry is rendered again, and --no-cache renders everything.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineOptions } from '../src/pipeline.js';
import type { RenderStats } from '../src/render/index.js';
import type { Report } from '../src/report/types.js';
import { runCli } from './helpers/cli.js';
import { privateWorker, smallProject, type SmallProject } from './helpers/small-project.js';

let p: SmallProject;
let cacheDir: string;
let workerFile: string;

const shaOf = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

async function run(o: Partial<PipelineOptions> = {}) {
  let stats: RenderStats | undefined;
  const r = await runPipeline({ cwd: p.dir, cacheDir, workerFile, jobs: 2, onStats: (s) => (stats = s), ...o });
  const report = JSON.parse(readFileSync(r.reportFile, 'utf8')) as Report;
  return { ...r, report, stats: stats! };
}

const entryFiles = () =>
  (readdirSync(path.join(cacheDir, 'v1'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.img'))
    .map((f) => path.join(cacheDir, 'v1', f));

let cold: Awaited<ReturnType<typeof run>>;

beforeAll(async () => {
  p = smallProject();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'storeshots-cache-'));
  workerFile = privateWorker();
  cold = await run();
}, 180_000);

describe('the render cache', () => {
  it('renders everything on a cold run, in worker threads, and stores each image', () => {
    expect(cold.stats.threads).toBe(2);
    expect(cold.report.summary).toMatchObject({ images: 6, rendered: 6, cached: 0 });
    expect(cold.report.images.every((i) => i.cached === false)).toBe(true);
    expect(entryFiles()).toHaveLength(6);
  });

  it('copies every image from the cache when nothing changed, with the same bytes', async () => {
    const warm = await run();
    expect(warm.report.summary).toMatchObject({ images: 6, rendered: 0, cached: 6 });
    expect(warm.report.images.every((i) => i.cached)).toBe(true);
    for (const img of warm.report.images) {
      const before = cold.report.images.find((i) => i.path === img.path)!;
      expect(img.sha256).toBe(before.sha256);
      expect(shaOf(path.join(warm.plan.outDir, img.path))).toBe(img.sha256);
    }
    // Lint sees cached images like rendered ones (their text layout is stored with them).
    expect(warm.report.findings).toEqual(cold.report.findings);
  });

  it("re-renders only the edited locale's images when one headline changes", async () => {
    p.write((y) => y.replace('de-DE: Sieh deinen Fortschritt', 'de-DE: Sieh deinen ganzen Fortschritt'));
    try {
      const r = await run();
      const rendered = r.report.images.filter((i) => !i.cached);
      const cached = r.report.images.filter((i) => i.cached);
      expect(rendered.map((i) => i.path)).toContain('de-DE/play.phone/02-stats.png');
      expect(rendered.every((i) => i.locale === 'de-DE')).toBe(true);
      expect(cached.filter((i) => i.locale === 'en-US')).toHaveLength(3);
      expect(r.report.summary.rendered).toBe(rendered.length);
      expect(rendered.length).toBeLessThanOrEqual(3);
    } finally {
      p.write();
    }
  });

  it('ignores a corrupt entry and renders that image again', async () => {
    const target = cold.report.images.find((i) => i.path === 'en-US/play.phone/01-home.png')!;
    const entry = entryFiles().find((f) => shaOf(f) === target.sha256)!;
    const bytes = readFileSync(entry);
    bytes[bytes.length >> 1] = 255 - bytes[bytes.length >> 1]!;
    writeFileSync(entry, bytes);
    const r = await run();
    expect(r.report.summary).toMatchObject({ rendered: 1, cached: 5 });
    const redone = r.report.images.find((i) => !i.cached)!;
    expect(redone.path).toBe(target.path);
    expect(redone.sha256).toBe(target.sha256);
    // The entry was written again, whole.
    const again = await run();
    expect(again.report.summary).toMatchObject({ rendered: 0, cached: 6 });
  });

  it('renders everything with --no-cache, and says how many came from the cache otherwise', async () => {
    const off = await runCli(['render', '-c', p.manifest, '--no-cache', '--jobs', '1', '--fail-on', 'never'], p.dir);
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toMatch(/^rendered 6 image\(s\) in [\d.]+ s into out; lint/);
    const report = JSON.parse(readFileSync(path.join(p.dir, 'out/report.json'), 'utf8')) as Report;
    expect(report.summary).toMatchObject({ rendered: 6, cached: 0 });
    const on = await runCli(
      ['render', '-c', p.manifest, '--cache-dir', cacheDir, '--jobs', '1', '--fail-on', 'never'],
      p.dir,
    );
    expect(on.stdout).toMatch(/^rendered 6 image\(s\) in [\d.]+ s into out \(6 unchanged, from the cache\); lint/);
  });
});
