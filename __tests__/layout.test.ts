// Output layouts (docs/interfaces.md#output-layouts): flat and fastlane. The fastlane layout must be one that deliver and
// supply read back as meant: every App Store image lands in the display type of its preset when
// deliver detects it from the pixel size and the path, and Play images in supply's folders under
// Play's locale codes. The last test renders into the fastlane layout and lints the tree.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverSafeName, outputPath } from '../src/plan/output-path.js';
import { deliverDisplayType } from '../src/store/facts.js';
import { acceptedSizes, PRESETS } from '../src/store/presets.js';
import { lintPaths } from '../src/lint/index.js';
import type { Report } from '../src/report/types.js';
import { runCli } from './helpers/cli.js';
import { writeImage } from './fixtures/lint/images.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('flat layout', () => {
  it('is <locale>/<preset>/<NN>-<slide>.<ext>', () => {
    expect(
      outputPath('flat', { locale: 'ar', preset: 'appstore.ipad_13@landscape', slide: 'home', index: 3, ext: 'png' }),
    ).toBe('ar/appstore.ipad_13@landscape/03-home.png');
  });
});

describe('fastlane layout', () => {
  it('puts App Store images under screenshots/<App Store locale>/<NN>_<preset>_<slide>', () => {
    expect(
      outputPath('fastlane', { locale: 'en-US', preset: 'appstore.iphone_6_9', slide: 'home', index: 1, ext: 'png' }),
    ).toBe('fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png');
    expect(
      outputPath('fastlane', {
        locale: 'ar',
        preset: 'appstore.ipad_13@landscape',
        slide: 'stats',
        index: 2,
        ext: 'jpg',
      }),
    ).toBe('fastlane/screenshots/ar-SA/02_appstore.ipad_13-landscape_stats.jpg');
    expect(
      outputPath('fastlane', { locale: 'zh-Hans', preset: 'appstore.iphone_6_3', slide: 'a', index: 10, ext: 'png' }),
    ).toBe('fastlane/screenshots/zh-Hans/10_appstore.iphone_6_3_a.png');
  });

  it('puts Play images in supply folders under Play locale codes, and the feature graphic at images/featureGraphic', () => {
    const p = (locale: string, preset: string, slide = 'home') =>
      outputPath('fastlane', { locale, preset, slide, index: 1, ext: 'png' });
    expect(p('he', 'play.phone')).toBe('fastlane/metadata/android/iw-IL/images/phoneScreenshots/01_home.png');
    expect(p('zh-Hans', 'play.tablet_7')).toBe(
      'fastlane/metadata/android/zh-CN/images/sevenInchScreenshots/01_home.png',
    );
    expect(p('ja', 'play.tablet_10')).toBe('fastlane/metadata/android/ja-JP/images/tenInchScreenshots/01_home.png');
    expect(p('de-DE', 'play.tv')).toBe('fastlane/metadata/android/de-DE/images/tvScreenshots/01_home.png');
    expect(p('en-US', 'play.wear')).toBe('fastlane/metadata/android/en-US/images/wearScreenshots/01_home.png');
    expect(p('ar', 'play.feature_graphic', 'feature-graphic')).toBe(
      'fastlane/metadata/android/ar/images/featureGraphic.png',
    );
  });

  it('leaves out a locale the store does not list', () => {
    expect(
      outputPath('fastlane', { locale: 'xx-YY', preset: 'appstore.iphone_6_9', slide: 'home', index: 1, ext: 'png' }),
    ).toBeUndefined();
  });

  it('defuses slide ids that would steer deliver: a _framed suffix, "vision" on Apple TV, "app_ipad_pro_129" on iPad 13"', () => {
    expect(deliverSafeName('01_appstore.iphone_6_9_framed')).toBe('01_appstore.iphone_6_9-framed');
    expect(deliverSafeName('01_appstore.iphone_6_9_home_framed')).toBe('01_appstore.iphone_6_9_home-framed');
    expect(deliverSafeName('01_appstore.apple_tv_vision', 'APP_APPLE_TV')).toBe('01_appstore.apple_tv_vis-ion');
    expect(deliverSafeName('01_appstore.vision_pro_vision', 'APP_APPLE_VISION_PRO')).toBe(
      '01_appstore.vision_pro_vision',
    );
    expect(deliverSafeName('01_appstore.ipad_13_app_ipad_pro_129', 'APP_IPAD_PRO_3GEN_129')).toBe(
      '01_appstore.ipad_13_app-ipad-pro-129',
    );
    expect(deliverSafeName('01_appstore.iphone_6_9_vision')).toBe('01_appstore.iphone_6_9_vision');
  });

  it('renames only what would steer deliver: _framed inside a slide id, and app_ipad_pro_129 off the iPad 13", stay as written', () => {
    // deliver looks for *_framed.<ext> only, and reads app_ipad_pro_129 only for a 2048x2732 image.
    expect(deliverSafeName('01_appstore.iphone_6_9_my_framed_view')).toBe('01_appstore.iphone_6_9_my_framed_view');
    expect(deliverSafeName('01_appstore.iphone_6_9_app_ipad_pro_129', 'APP_IPHONE_67')).toBe(
      '01_appstore.iphone_6_9_app_ipad_pro_129',
    );
  });

  it('has no fastlane path for a preset it does not know (a remote render may name one) rather than failing', () => {
    for (const preset of ['appstore.no_such_device', 'play.no_such_device@landscape'])
      expect(outputPath('fastlane', { locale: 'en-US', preset, slide: 'home', index: 1, ext: 'png' })).toBeUndefined();
  });

  it('every App Store preset, at every size it accepts, is filed by deliver in its own display type', () => {
    const slides = ['home', 'framed', 'vision', 'watch', 'app_ipad_pro_129'];
    for (const p of PRESETS.filter((x) => x.store === 'appstore')) {
      for (const size of acceptedSizes(p)) {
        for (const slide of slides) {
          const landscape = p.rotatable && size.width > size.height && p.orientation === 'portrait';
          const rel = outputPath('fastlane', {
            locale: 'en-US',
            preset: landscape ? `${p.id}@landscape` : p.id,
            slide,
            index: 1,
            ext: 'png',
          })!;
          expect(rel.endsWith('_framed.png'), rel).toBe(false);
          expect(
            deliverDisplayType(size.width, size.height, `./fastlane/../${rel}`),
            `${rel} at ${size.width}x${size.height}`,
          ).toBe(p.displayType);
        }
      }
    }
  });

  it('renders into the fastlane layout and `storeshots lint` reads the tree back the way deliver and supply would', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'storeshots-layout-'));
    dirs.push(d);
    await writeImage(path.join(d, 'shots/iphone.png'), { width: 1290, height: 2796 });
    await writeImage(path.join(d, 'shots/tv.png'), { width: 1920, height: 1080 });
    await writeImage(path.join(d, 'shots/android-phone.png'), { width: 1080, height: 2340 });
    writeFileSync(
      path.join(d, 'screenshots.yml'),
      `version: 1
app: { name: Layout, tagline: { en-US: Habits that stick, he: הרגלים שנשארים } }
locales: [en-US, he]
presets: [appstore.iphone_6_9, appstore.iphone_6_3, { id: appstore.apple_tv, size: 1920x1080 }, play.phone, play.feature_graphic]
theme: aurora
screenshots: shots/{device}.png
slides:
  - id: home
    headline: { en-US: Track every habit, he: עקבו אחרי כל הרגל }
  - id: framed
    headline: { en-US: See your progress, he: ראו את ההתקדמות }
  - id: vision
    headline: { en-US: Plan your week, he: תכננו את השבוע }
  - id: more
    headline: { en-US: Share with friends, he: שתפו עם חברים }
fallback-locale: en-US
output: { dir: out, layout: fastlane }
`,
    );
    const r = await runCli(['render', '-c', 'screenshots.yml'], d);
    expect(r.stderr).not.toMatch(/error:/);
    const report = JSON.parse(readFileSync(path.join(d, 'out/report.json'), 'utf8')) as Report;
    expect(report.images.map((i) => i.path)).toContain('fastlane/screenshots/he/02_appstore.iphone_6_9-framed.png');
    expect(report.images.map((i) => i.path)).toContain(
      'fastlane/metadata/android/iw-IL/images/phoneScreenshots/03_vision.png',
    );
    expect(report.images.map((i) => i.path)).toContain('fastlane/metadata/android/iw-IL/images/featureGraphic.png');

    const linted = await lintPaths(['out'], { cwd: d });
    expect(linted.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(linted.findings.map((f) => f.rule)).not.toContain('fastlane.ignored-file');
    expect(linted.findings.map((f) => f.rule)).not.toContain('locale.unknown-store-locale');
    const byPreset = new Map<string, Set<string>>();
    for (const img of linted.images.filter((i) => i.store === 'appstore')) {
      const preset = PRESETS.filter((x) => img.path.includes(`_${x.id}`)).sort((a, b) => b.id.length - a.id.length)[0]!
        .id;
      byPreset.set(preset, (byPreset.get(preset) ?? new Set()).add(img.displayType!));
    }
    expect(Object.fromEntries([...byPreset].map(([k, v]) => [k, [...v]]))).toEqual({
      'appstore.iphone_6_9': ['APP_IPHONE_67'],
      'appstore.iphone_6_3': ['APP_IPHONE_61'],
      'appstore.apple_tv': ['APP_APPLE_TV'],
    });
    expect(
      linted.images
        .filter((i) => i.store === 'play')
        .map((i) => i.locale)
        .sort(),
    ).toEqual([...Array(4).fill('en-US'), ...Array(4).fill('iw-IL'), 'en-US', 'iw-IL'].sort());
  }, 180_000);
});
