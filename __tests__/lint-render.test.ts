// Lint through the real renderer: `storeshots render` on a small manifest with an overflowing
// headline and a missing translation, and on the example project (which must have no errors).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/report/types.js';
import { EXAMPLE, runCli } from './helpers/cli.js';
import { writeImage } from './fixtures/lint/images.js';
import { tempDirs } from './helpers/temp.js';

const temp = tempDirs('storeshots-lint-render-');

const LONG =
  'Plan your mornings, track every habit, see your streaks, get gentle reminders, share progress with friends and family, and celebrate every single milestone along the way';

describe('lint of a real render', () => {
  it('reports the overflowing headline and the missing translation on the images they concern; exit 1', async () => {
    const d = temp();
    await writeImage(path.join(d, 'shots/iphone.png'), { width: 1290, height: 2796 });
    await writeImage(path.join(d, 'shots/android-phone.png'), { width: 1080, height: 2340 });
    writeFileSync(
      path.join(d, 'screenshots.yml'),
      `version: 1
app: { name: Overflow }
locales: [en-US, de-DE]
presets: [appstore.iphone_6_9, appstore.iphone_6_3, play.phone]
theme: aurora
screenshots: shots/{device}.png
slides:
  - id: home
    headline: { en-US: Track every habit, de-DE: Jede Gewohnheit im Blick }
  - id: long
    presets: [appstore.iphone_6_9]
    headline: { en-US: "${LONG}", de-DE: Alles im Blick }
  - id: stats
    headline: { en-US: See your progress }
fallback-locale: en-US
output: { dir: out, layout: flat }
`,
    );
    const r = await runCli(['render', '-c', 'screenshots.yml'], d);
    expect(r.stderr).toMatch(/error: text\.overflow/);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(path.join(d, 'out/report.json'), 'utf8')) as Report;
    const list = report.findings.map((f) => `${f.severity} ${f.rule} ${f.path ?? `${f.locale} ${f.preset}`}`).sort();
    expect(list).toEqual([
      'error text.overflow en-US/appstore.iphone_6_9/02-long.png',
      'warning play.promo-eligibility de-DE play.phone',
      'warning play.promo-eligibility en-US play.phone',
      'warning text.missing-translation de-DE/appstore.iphone_6_3/02-stats.png',
      'warning text.missing-translation de-DE/appstore.iphone_6_9/03-stats.png',
      'warning text.missing-translation de-DE/play.phone/02-stats.png',
      // The long headline also sets the size of the set's other headlines (issue #16).
      'warning text.set-size en-US/appstore.iphone_6_9/02-long.png',
    ]);
    const overflow = report.findings.find((f) => f.rule === 'text.overflow')!;
    expect(overflow).toMatchObject({ locale: 'en-US', preset: 'appstore.iphone_6_9', slide: 'long' });
    expect(overflow.message).toContain('Plan your mornings');
    for (const f of report.findings) {
      expect(f.source).toMatch(/^https:\/\//);
      expect(f.verified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(report.summary).toMatchObject({ images: 14, errors: 1, warnings: 6 });
    // The gallery is written beside report.json and names every image.
    const html = readFileSync(path.join(d, 'out/report.html'), 'utf8');
    for (const img of report.images) expect(html).toContain(`src="${img.path}"`);
  }, 180_000);

  it('renders the example project with zero lint errors (exit 0)', async () => {
    const out = path.join(temp(), 'out');
    mkdirSync(out);
    const r = await runCli(['render', '-c', EXAMPLE, '--out', out]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
    expect(report.images).toHaveLength(48);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // What is left is the advisory the example knowingly takes: no 6.3" set. (Its four Play shots
    // make it eligible for promotion; its feature list is linted like every text.)
    expect([...new Set(report.findings.map((f) => f.rule))].sort()).toEqual(['appstore.required-slot']);
  }, 300_000); // 48 full-size images on a 2-core runner that runs other test files beside this one
});
