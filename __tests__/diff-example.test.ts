// `storeshots diff` end to end on the example project: rendered twice through the CLI (en-US and
// de-DE, all three presets), the second time with one German headline changed in a copy of the
// manifest. Exactly that slide's images, one per preset, are changed, with the change boxed in
// the headline's area; everything else is unchanged. A re-encode of a whole set (other bytes,
// same pixels) is all unchanged. The shipped bin is run once for its exit code.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffPreviews, diffSets } from '../src/diff/index.js';
import type { DiffResult } from '../src/diff/types.js';
import type { Report } from '../src/report/types.js';
import { EXAMPLE, ROOT, runBin, runCli } from './helpers/cli.js';
import { sha256 } from './helpers/diff-sets.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'storeshots-diff-example-'));
const base = path.join(tmp, 'base');
const head = path.join(tmp, 'head');
const reencoded = path.join(tmp, 'reencoded');
const FILTERS = ['--locale', 'en-US,de-DE', '--fail-on', 'never', '--cache-dir', path.join(tmp, 'cache')];

beforeAll(async () => {
  const project = path.join(tmp, 'project');
  cpSync(path.dirname(EXAMPLE), project, { recursive: true });
  const manifest = path.join(project, 'screenshots.yml');
  const yaml = readFileSync(manifest, 'utf8');
  expect(yaml).toContain('de-DE: Sieh deinen Fortschritt');
  writeFileSync(manifest, yaml.replace('de-DE: Sieh deinen Fortschritt', 'de-DE: Sieh deine Fortschritte'));
  const r1 = await runCli(['render', '-c', EXAMPLE, '--out', base, ...FILTERS], ROOT);
  expect(r1.code, r1.stderr).toBe(0);
  // The shared render cache makes the second render redraw only the changed slide.
  const r2 = await runCli(['render', '-c', manifest, '--out', head, ...FILTERS], ROOT);
  expect(r2.code, r2.stderr).toBe(0);

  // The head set written again by another PNG encoder setting: other bytes, the same pixels.
  cpSync(head, reencoded, { recursive: true });
  const report = JSON.parse(readFileSync(path.join(reencoded, 'report.json'), 'utf8')) as Report;
  for (const img of report.images) {
    const file = path.join(reencoded, img.path);
    const bytes = await sharp(readFileSync(file)).png({ compressionLevel: 2, adaptiveFiltering: true }).toBuffer();
    writeFileSync(file, bytes);
    img.sha256 = sha256(bytes);
    img.bytes = bytes.length;
  }
  writeFileSync(path.join(reencoded, 'report.json'), JSON.stringify(report, null, 2));
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('storeshots diff on two renders of the example', () => {
  it('lists exactly the changed slide, one image per preset, and everything else unchanged', async () => {
    const out = path.join(tmp, 'diff');
    const r = await runCli(['diff', base, head, '--json', '--out', out], ROOT);
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout) as DiffResult;
    expect(json.changed.map((e) => `${e.locale}/${e.preset}/${e.slide}`)).toEqual([
      'de-DE/appstore.ipad_13/stats',
      'de-DE/appstore.iphone_6_9/stats',
      'de-DE/play.phone/stats',
    ]);
    expect(json.added).toEqual([]);
    expect(json.removed).toEqual([]);
    expect(json.unchanged).toBe(2 * 3 * 4 - 3);
    expect(json.belowThreshold).toEqual([]);
    for (const e of json.changed) {
      expect(e.path).toBe(`de-DE/${e.preset}/02-stats.png`);
      expect(e.score).toBeGreaterThan(0.001);
      // The change is the headline: boxed in the top quarter of the image, nowhere else.
      expect(e.regions.length).toBeGreaterThanOrEqual(1);
      for (const box of e.regions) expect(box.y + box.height, e.preset).toBeLessThan(e.height / 4);
      for (const k of ['before', 'after', 'diff', 'sideBySide'] as const)
        expect(readdirSync(path.dirname(path.join(out, e[k]!)))).toContain(path.basename(e[k]!));
      const diff = await sharp(path.join(out, e.diff!)).metadata();
      expect([diff.width, diff.height]).toEqual([e.width, e.height]);
    }
    // The strips a comment would show: before | after | diff, one row of 360 px, JPEG.
    const previews = await diffPreviews(out, json, { height: 360 });
    expect(previews.map((p) => p.label)).toEqual(json.changed.map((e) => `${e.locale} ${e.preset} ${e.slide}`));
    for (const p of previews) {
      const m = await sharp(p.content).metadata();
      expect([m.format, m.height]).toEqual(['jpeg', 360]);
      expect(p.content.length).toBeLessThan(200_000);
    }
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'test-results', 'diff-preview.jpg'), previews[1]!.content);
  });

  it('counts a re-encode of the whole set (other bytes, same pixels) as all unchanged', async () => {
    const r = await diffSets(head, reencoded);
    expect(r.changed).toEqual([]);
    expect(r.added).toEqual([]);
    expect(r.removed).toEqual([]);
    expect(r.unchanged).toBe(24);
    // Every file's bytes differ, and the diff says they were compared pixel by pixel.
    expect(r.belowThreshold).toHaveLength(24);
    for (const e of r.belowThreshold) expect(e.pixels).toBe(0);
  });

  it('exits 0 through the shipped bin when nothing changed, 1 when something did', () => {
    const same = runBin(['diff', head, head]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toBe('0 changed · 0 added · 0 removed · 24 unchanged\n');
    const changed = runBin(['diff', base, head]);
    expect(changed.code, changed.stderr).toBe(1);
    expect(changed.stdout).toContain('3 changed · 0 added · 0 removed · 21 unchanged\n');
  });
});
