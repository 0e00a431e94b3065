// Issue #21 point 6: light and dark sets from one manifest. The plan (ids, sets, screenshots, style
// order, output paths in both layouts, selection), then a real render of a small project: report
// records and lint sets name the appearance, and upload takes only the store's appearance.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../src/manifest/load.js';
import { buildPlan, selectJobs } from '../src/plan/plan.js';
import { outputPath } from '../src/plan/output-path.js';
import { runPipeline } from '../src/pipeline.js';
import { lintPaths } from '../src/lint/index.js';
import { readLocalSets } from '../src/upload/local.js';
import { ROOT } from './helpers/root.js';

const THEME = {
  name: 'test',
  style: { background: { color: '#ffffff' }, headline: { color: '#111827' }, device: { color: 'black' } },
};

const MANIFEST = `version: 1
locales: [en-US, ar]
presets: [appstore.iphone_6_9, play.phone]
appearances: [light, dark]
appearance-style:
  dark:
    background: { color: "#0b1020" }
    device: { color: titanium }
style: { status-bar: clean }
screenshots: shots/{appearance}/{locale}/{device}/{slide}.png
slides:
  - id: home
    headline: Hello
  - id: stats
    headline: Stats
    style: { device: { color: gold } }
output: { layout: LAYOUT }
`;

function plan(text: string) {
  const loaded = parseManifest(text, 'm.yml', '/proj');
  return buildPlan({ loaded, theme: THEME, cwd: '/proj' });
}

describe('appearances in the plan', () => {
  it('one set per appearance: ids, sets, screenshots and the store appearance', () => {
    const { plan: p, problems } = plan(MANIFEST.replace('LAYOUT', 'flat'));
    expect(problems).toEqual([]);
    expect(p.appearances).toEqual(['light', 'dark']);
    expect(p.all.filter((j) => j.locale === 'en-US').map((j) => j.id)).toEqual([
      'en-US/appstore.iphone_6_9/light/home',
      'en-US/appstore.iphone_6_9/light/stats',
      'en-US/appstore.iphone_6_9/dark/home',
      'en-US/appstore.iphone_6_9/dark/stats',
      'en-US/play.phone/light/home',
      'en-US/play.phone/light/stats',
      'en-US/play.phone/dark/home',
      'en-US/play.phone/dark/stats',
    ]);
    const dark = p.all.find((j) => j.id === 'ar/play.phone/dark/home')!;
    expect(dark).toMatchObject({ set: 'ar/play.phone/dark', appearance: 'dark', alternate: true, index: 1 });
    expect(dark.screenshot).toBe(path.resolve('/proj/shots/dark/ar/android-phone/home.png'));
    const light = p.all.find((j) => j.id === 'ar/play.phone/light/home')!;
    expect(light.appearance).toBe('light');
    expect(light.alternate).toBeUndefined();
    expect(light.screenshot).toBe(path.resolve('/proj/shots/light/ar/android-phone/home.png'));
  });

  it("appearance-style goes over style: and under a slide's style; a changed background makes text auto", () => {
    const { plan: p } = plan(MANIFEST.replace('LAYOUT', 'flat'));
    const home = p.all.find((j) => j.id === 'en-US/appstore.iphone_6_9/dark/home')!;
    expect(home.style.background).toEqual({ color: '#0b1020' });
    expect(home.style.device).toEqual({ color: 'titanium' });
    expect(home.style['status-bar']).toBe('clean');
    expect(home.style.headline).toEqual({ color: 'auto', 'auto-prefer': '#111827' });
    const stats = p.all.find((j) => j.id === 'en-US/appstore.iphone_6_9/dark/stats')!;
    expect(stats.style.device).toEqual({ color: 'gold' });
    const lightHome = p.all.find((j) => j.id === 'en-US/appstore.iphone_6_9/light/home')!;
    expect(lightHome.style.background).toEqual({ color: '#ffffff' });
    expect(lightHome.style.headline).toEqual({ color: '#111827' });
  });

  it('output paths: flat under <appearance>/; fastlane keeps the store appearance in the fastlane tree', () => {
    const flat = plan(MANIFEST.replace('LAYOUT', 'flat')).plan.all;
    expect(flat.find((j) => j.id === 'en-US/appstore.iphone_6_9/light/home')!.output.path).toBe(
      'light/en-US/appstore.iphone_6_9/01-home.png',
    );
    expect(flat.find((j) => j.id === 'ar/play.phone/dark/stats')!.output.path).toBe('dark/ar/play.phone/02-stats.png');
    const fl = plan(MANIFEST.replace('LAYOUT', 'fastlane')).plan.all;
    expect(fl.find((j) => j.id === 'en-US/appstore.iphone_6_9/light/home')!.output.path).toBe(
      'fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png',
    );
    expect(fl.find((j) => j.id === 'en-US/appstore.iphone_6_9/dark/home')!.output.path).toBe(
      'dark/fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png',
    );
    expect(fl.find((j) => j.id === 'ar/play.phone/dark/stats')!.output.path).toBe(
      'dark/fastlane/metadata/android/ar/images/phoneScreenshots/02_stats.png',
    );
    // Without appearances nothing moves.
    expect(outputPath('flat', { locale: 'en-US', preset: 'play.phone', slide: 'home', index: 1, ext: 'png' })).toBe(
      'en-US/play.phone/01-home.png',
    );
  });

  it('{appearance} without appearances: is an error at the path; --appearance selects and is checked', () => {
    const text = MANIFEST.replace('LAYOUT', 'flat').replace(/appearances: \[light, dark\]\n/, '');
    const { problems } = plan(text);
    expect(problems.map((p) => `${p.at?.line}:${p.at?.column} ${p.message}`)).toEqual([
      '9:14 The path at screenshots uses {appearance} but the manifest has no appearances:; add appearances: [light, dark]',
    ]);
    const { plan: p } = plan(MANIFEST.replace('LAYOUT', 'flat'));
    const dark = selectJobs(p, { appearances: ['dark'], locales: ['ar'] });
    expect(dark.jobs.map((j) => j.id)).toEqual([
      'ar/appstore.iphone_6_9/dark/home',
      'ar/appstore.iphone_6_9/dark/stats',
      'ar/play.phone/dark/home',
      'ar/play.phone/dark/stats',
    ]);
    expect(() => selectJobs(p, { appearances: ['dim'] })).toThrow(
      /Unknown appearance "dim" \(did you mean "dark"\?\); the manifest has: light, dark/,
    );
    const none = plan(
      MANIFEST.replace('LAYOUT', 'flat')
        .replace(/appearances:[^\n]*\n/, '')
        .replace('{appearance}/', ''),
    );
    expect(() => selectJobs(none.plan, { appearances: ['dark'] })).toThrow(/the manifest has no appearances:/);
  });
});

describe('appearances rendered', () => {
  it('report.json names each image appearance, lint counts each appearance as a set, upload takes the store one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-appearance-'));
    for (const a of ['light', 'dark']) {
      mkdirSync(path.join(dir, 'shots', a), { recursive: true });
      cpSync(path.join(ROOT, 'examples/habitual/shots/en-US'), path.join(dir, 'shots', a, 'en-US'), {
        recursive: true,
      });
    }
    writeFileSync(
      path.join(dir, 'screenshots.yml'),
      `version: 1
locales: [en-US]
presets: [play.phone]
appearances: [light, dark]
appearance-style: { dark: { background: { color: "#0b1020" } } }
screenshots: shots/{appearance}/{locale}/{device}/{slide}.png
slides:
  - { id: s1, headline: One, screenshot: "shots/{appearance}/{locale}/{device}/home.png" }
  - { id: s2, headline: Two, screenshot: "shots/{appearance}/{locale}/{device}/stats.png" }
  - { id: s3, headline: Three, screenshot: "shots/{appearance}/{locale}/{device}/photo.png" }
  - { id: s4, headline: Four, screenshot: "shots/{appearance}/{locale}/{device}/home.png" }
  - { id: s5, headline: Five, screenshot: "shots/{appearance}/{locale}/{device}/stats.png" }
  - { id: s6, headline: Six, screenshot: "shots/{appearance}/{locale}/{device}/photo.png" }
output: { dir: out }
`,
    );
    const result = await runPipeline({ cwd: dir, noCache: true, jobs: 1 });
    const report = JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8'));
    expect(report.images).toHaveLength(12);
    expect(report.images.filter((i: { appearance?: string }) => i.appearance === 'dark')).toHaveLength(6);
    expect(report.images.find((i: { path: string }) => i.path === 'dark/en-US/play.phone/01-s1.png')).toMatchObject({
      appearance: 'dark',
      alternate: true,
    });
    // Play takes at most 8 phone screenshots: 12 in one set would be an error; two sets of 6 are not.
    const rules = result.report.findings.map((f) => f.rule);
    expect(rules).not.toContain('play.count');
    expect(rules).not.toContain('image.duplicate');
    // storeshots lint on the folder reads <appearance>/ as part of the set: two sets of 6, not one of 12.
    const linted = await lintPaths([path.join(dir, 'out')], { cwd: dir });
    expect(linted.images.filter((i) => i.appearance === 'dark')).toHaveLength(6);
    expect(linted.findings.map((f) => f.rule)).not.toContain('play.count');
    const { sets, skipped } = readLocalSets(path.join(dir, 'out'), 'play', { cwd: dir });
    expect(sets).toHaveLength(1);
    expect(sets[0]!.images.map((i) => i.path)).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => `light/en-US/play.phone/0${n}-s${n}.png`),
    );
    expect(skipped).toHaveLength(6);
    expect(skipped[0]).toMatch(/the dark appearance is not the store's/);
  });
});
