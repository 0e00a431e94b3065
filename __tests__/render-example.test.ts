// The example project end to end through the CLI: every (locale, preset, slide) at its exact
// size, RGB without alpha, as report.json says, and byte-identical when rendered again.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { renderJobToBuffer, setOf } from '../src/render/index.js';
import type { Report } from '../src/report/types.js';
import { EXAMPLE, ROOT, examplePlan } from './fixtures/render/jobs.js';

const out = mkdtempSync(path.join(tmpdir(), 'storeshots-example-'));
let result: Awaited<ReturnType<typeof runCli>>;
let report: Report;

beforeAll(async () => {
  // Lint findings are lint's business; this test is about the images.
  result = await runCli(['render', '-c', EXAMPLE, '--out', out, '--fail-on', 'never'], ROOT);
  report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('rendering the example', () => {
  it('exits 0 with a summary line and plain progress lines (not a TTY)', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^rendered 48 image\(s\) in [\d.]+ s into .*; lint: \d+ error\(s\), \d+ warning\(s\); report: /,
    );
    expect(result.stderr).toContain('[48/48] ar/play.phone/04-features.png (1080x1920');
  });

  it('writes every image at its preset size, RGB without alpha', async () => {
    const plan = examplePlan();
    expect(plan.all).toHaveLength(48);
    expect(report.images.map((i) => i.path).sort()).toEqual(plan.all.map((j) => j.output.path).sort());
    for (const job of plan.all) {
      const file = path.join(out, job.output.path);
      const m = await sharp(file).metadata();
      expect([m.width, m.height], job.id).toEqual([job.size.width, job.size.height]);
      expect(m.format).toBe('png');
      expect(m.channels, job.id).toBe(3);
      expect(m.hasAlpha).toBe(false);
      expect(m.space).toBe('srgb');
      expect(m.exif).toBeUndefined();
      expect(m.icc).toBeUndefined();
      expect(m.density, job.id).toBe(72);
      const bytes = readFileSync(file);
      const rec = report.images.find((i) => i.path === job.output.path)!;
      expect(rec.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(rec.bytes).toBe(bytes.length);
    }
  });

  it('renders the same bytes again for the same input', async () => {
    const plan = examplePlan();
    const job = plan.all.find((j) => j.id === 'ja/appstore.iphone_6_9/home')!;
    const again = await renderJobToBuffer(job, setOf(plan, job));
    const rec = report.images.find((i) => i.path === job.output.path)!;
    expect(createHash('sha256').update(again.buffer).digest('hex')).toBe(rec.sha256);
  });
});
