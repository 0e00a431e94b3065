// The localization workflow through the real renderer and lint: pseudo-locales on every preset,
// a strings project against the inline example, and a frameit import rendered.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../src/pipeline.js';
import { PRESET_IDS } from '../src/store/presets.js';
import { copyFixtureProject, EXAMPLE_SHOTS, frameitProject } from './helpers/l10n.js';
import { EXAMPLE, runCli } from './helpers/cli.js';

const EXAMPLE_DIR = path.dirname(EXAMPLE);

/** The example project with every store preset; families the example has no captures for get plain placeholders. */
async function everyPresetProject(): Promise<string> {
  const { default: sharp } = await import('sharp');
  const dir = mkdtempSync(path.join(tmpdir(), 'ss-pseudo-'));
  const made: Record<string, [number, number]> = {
    'android-tablet': [1440, 2560],
    mac: [2880, 1800],
    tv: [3840, 2160],
    vision: [3840, 2160],
    watch: [422, 514],
  };
  for (const [family, [width, height]] of Object.entries(made)) {
    mkdirSync(path.join(dir, 'placeholders', family), { recursive: true });
    for (const slide of ['home', 'stats', 'photo']) {
      await sharp({ create: { width, height, channels: 3, background: '#e5e7eb' } })
        .png()
        .toFile(path.join(dir, 'placeholders', family, `${slide}.png`));
    }
  }
  for (const locale of ['en-US', 'de-DE', 'ja', 'ar']) {
    mkdirSync(path.join(dir, 'shots', locale), { recursive: true });
    for (const family of ['iphone', 'ipad', 'android-phone'])
      symlinkSync(path.join(EXAMPLE_SHOTS, locale, family), path.join(dir, 'shots', locale, family));
    for (const family of Object.keys(made))
      symlinkSync(path.join(dir, 'placeholders', family), path.join(dir, 'shots', locale, family));
  }
  const manifest = readFileSync(EXAMPLE, 'utf8').replace(/^presets: .*$/m, `presets: [${PRESET_IDS.join(', ')}]`);
  writeFileSync(path.join(dir, 'screenshots.yml'), manifest);
  return dir;
}

describe('pseudo-locales rendered', () => {
  it('--pseudo renders of the example keep every text inside its box on every preset (lint proves it)', async () => {
    const dir = await everyPresetProject();
    const result = await runPipeline({
      cwd: dir,
      pseudo: true,
      locales: ['pseudo', 'pseudo-rtl'],
      noCache: true,
      jobs: 2,
    });
    // 17 screenshot presets x 4 slides + the feature graphic, in two pseudo-locales
    expect(result.images).toHaveLength(2 * (17 * 4 + 1));
    expect(new Set(result.images.map((i) => i.job.preset)).size).toBe(PRESET_IDS.length);
    for (const img of result.images) {
      expect(img.job.headline?.origin).toBe('pseudo');
      for (const t of img.text) expect(t.overflow, `${img.record.path} ${t.kind}`).toBe(false);
    }
    const text = result.report.findings.filter((f) => f.rule === 'text.overflow' || f.rule === 'text.missing-glyph');
    expect(text).toEqual([]);
    // Pseudo text really is longer than the source on the page.
    const home = result.images.find((i) => i.record.path === 'pseudo/play.phone/01-home.png')!;
    expect(home.text.find((t) => t.kind === 'headline')!.text).toContain('ĥáƀíţŵɱ');
    expect(result.images.find((i) => i.job.locale === 'pseudo-rtl')!.job.rtl).toBe(true);
  }, 600_000);
});

describe('strings projects render like the inline manifest', () => {
  it('the Android strings.xml project gives the same pixels as the inline example', async () => {
    const sel = { locales: ['de-DE', 'ar'], presets: ['play.phone'], noCache: true, jobs: 2 };
    const inline = await runPipeline({
      config: EXAMPLE,
      cwd: EXAMPLE_DIR,
      outDir: mkdtempSync(path.join(tmpdir(), 'ss-inline-')),
      ...sel,
    });
    const dir = copyFixtureProject('android');
    const fromStrings = await runPipeline({
      cwd: dir,
      outDir: mkdtempSync(path.join(tmpdir(), 'ss-android-')),
      ...sel,
    });
    const digest = (r: typeof inline) => Object.fromEntries(r.images.map((i) => [i.record.path, i.record.sha256]));
    expect(fromStrings.images).toHaveLength(8);
    expect(digest(fromStrings)).toEqual(digest(inline));
  }, 300_000);
});

describe('a frameit setup moved over', () => {
  it('imports, renders, and its findings list what was not carried over', async () => {
    const dir = frameitProject();
    const imported = await runCli(['import', 'frameit', '--json'], dir);
    expect(imported.code).toBe(0);
    const { findings } = JSON.parse(imported.stdout) as { findings: Array<{ rule: string; message: string }> };
    expect(findings.filter((f) => f.rule === 'import.no-equivalent').map((f) => f.message.split(' ')[0])).toEqual([
      'device_frame_version',
      'title_min_height',
      'use_platform',
      'force_device_type',
    ]);
    const result = await runPipeline({ cwd: dir, noCache: true, jobs: 2 });
    expect(result.images).toHaveLength(12);
    expect(result.images.map((i) => `${i.record.width}x${i.record.height}`).sort()).toEqual(
      [...Array(6).fill('1320x2868'), ...Array(6).fill('2048x2732')].sort(),
    );
    const paths = result.images.map((i) => i.record.path);
    expect(paths).toContain('fastlane/screenshots/de-DE/01_appstore.iphone_6_9_01home-iphone.png');
    const de = result.images.find((i) => i.record.path.endsWith('de-DE/01_appstore.iphone_6_9_01home-iphone.png'))!;
    expect(de.text.find((t) => t.kind === 'headline')!.lines.join(' ')).toContain('Behalte');
    expect(result.report.findings.filter((f) => f.rule === 'text.overflow')).toEqual([]);
  }, 300_000);
});
