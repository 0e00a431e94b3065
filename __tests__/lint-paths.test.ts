// `storeshots lint PATH...` on trees built in temporary folders: fastlane deliver and supply
// layouts, our flat output, loose files, and the bad inputs a user can hand it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../src/lint/index.js';
import { SOURCES } from '../src/store/sources.js';
import type { Finding } from '../src/report/types.js';
import { writeImage } from './fixtures/lint/images.js';
import { runCli } from './helpers/cli.js';
import { tempDirs } from './helpers/temp.js';

const temp = tempDirs('storeshots-lint-');

const rules = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.rule} ${f.path ?? ''}`.trim());
const knownUrls = new Set<string>(Object.values(SOURCES).map((s) => s.url));

describe('lint of a fastlane screenshots/ tree (deliver)', () => {
  it('detects slots the way deliver does: 2048x2732 is the 13" iPad, so a complete set has no findings', async () => {
    const d = temp();
    const s = path.join(d, 'fastlane/screenshots');
    await writeImage(`${s}/en-US/01_home.png`, { width: 1320, height: 2868 });
    await writeImage(`${s}/en-US/02_home.png`, { width: 1206, height: 2622 });
    await writeImage(`${s}/en-US/03_home.png`, { width: 2048, height: 2732 });
    await writeImage(`${s}/de-DE/01_home.jpg`, { width: 2868, height: 1320, format: 'jpeg' });
    const r = await lintPaths([d], { cwd: d });
    expect(r.findings).toEqual([]);
    expect(Object.fromEntries(r.images.map((i) => [i.path, i.displayType]))).toEqual({
      'fastlane/screenshots/en-US/01_home.png': 'APP_IPHONE_67',
      'fastlane/screenshots/en-US/02_home.png': 'APP_IPHONE_61',
      'fastlane/screenshots/en-US/03_home.png': 'APP_IPAD_PRO_3GEN_129',
      'fastlane/screenshots/de-DE/01_home.jpg': 'APP_IPHONE_67',
    });
  });

  it('follows deliver when the path names the 12.9" 2nd generation: the 13" slot is then missing', async () => {
    const d = temp();
    const s = path.join(d, 'screenshots');
    await writeImage(`${s}/en-US/01_APP_IPAD_PRO_129_home.png`, { width: 2048, height: 2732 });
    const r = await lintPaths([s], { cwd: d });
    expect(r.images[0]!.displayType).toBe('APP_IPAD_PRO_129');
    expect(rules(r.findings)).toEqual(['error appstore.required-slot']);
    expect(r.findings[0]!.message).toMatch(/iPad 13"/);
  });

  it('flags a locale folder name App Store Connect does not know (an error: deliver refuses the upload)', async () => {
    const d = temp();
    const s = path.join(d, 'fastlane/screenshots');
    await writeImage(`${s}/en-US/01.png`, { width: 1320, height: 2868 });
    await writeImage(`${s}/en-US/02.png`, { width: 1206, height: 2622 });
    await writeImage(`${s}/english/01.png`, { width: 1320, height: 2868 });
    await writeImage(`${s}/appleTV/xx-YY/01.png`, { width: 1920, height: 1080 });
    mkdirSync(`${s}/review_information`); // deliver skips metadata folders without complaint
    const r = await lintPaths([path.join(d, 'fastlane')], { cwd: d });
    expect(rules(r.findings)).toEqual([
      'error locale.unknown-store-locale fastlane/screenshots/english',
      'warning fastlane.ignored-file fastlane/screenshots/appleTV/xx-YY/01.png',
    ]);
    const f = r.findings[0]!;
    expect(f.message).toMatch(/"english" is not an App Store Connect locale/);
    expect(f).toMatchObject({ source: SOURCES.fastlaneLanguages.url, verified: SOURCES.fastlaneLanguages.verified });
  });

  it('applies the _framed rule: with a *_framed file in the folder, deliver skips the unframed ones', async () => {
    const d = temp();
    const s = path.join(d, 'screenshots');
    await writeImage(`${s}/en-US/01_home.png`, { width: 1320, height: 2868, alpha: true }); // skipped, so its alpha does not matter
    await writeImage(`${s}/en-US/01_home_framed.png`, { width: 1320, height: 2868 });
    await writeImage(`${s}/en-US/02_watch.png`, { width: 416, height: 496 });
    await writeImage(`${s}/en-US/03_home.png`, { width: 1206, height: 2622 }); // skipped too: 6.3" missing
    const r = await lintPaths([s], { cwd: d });
    expect(r.images.map((i) => i.path).sort()).toEqual([
      'screenshots/en-US/01_home_framed.png',
      'screenshots/en-US/02_watch.png',
    ]);
    expect(rules(r.findings)).toEqual([
      'warning appstore.required-slot',
      'warning fastlane.ignored-file screenshots/en-US/01_home.png',
      'warning fastlane.ignored-file screenshots/en-US/03_home.png',
    ]);
    expect(r.findings[1]!.message).toMatch(/_framed files, so deliver uploads only framed/);
  });

  it('takes exactly 10 screenshots of one display size and locale without a finding', async () => {
    const d = temp();
    const s = path.join(d, 'screenshots');
    for (let i = 1; i <= 10; i++)
      await writeImage(`${s}/ja/${String(i).padStart(2, '0')}_shot.png`, { width: 1290, height: 2796 });
    await writeImage(`${s}/ja/20_medium.png`, { width: 1179, height: 2556 });
    const r = await lintPaths([s], { cwd: d });
    expect(r.images).toHaveLength(11);
    expect(r.findings).toEqual([]);
  });

  it('counts 11 screenshots of one display size and locale as one error, naming the ones deliver skips', async () => {
    const d = temp();
    const s = path.join(d, 'screenshots');
    for (let i = 1; i <= 11; i++)
      await writeImage(`${s}/ja/${String(i).padStart(2, '0')}_shot.png`, { width: 1290, height: 2796 });
    await writeImage(`${s}/ja/20_medium.png`, { width: 1179, height: 2556 });
    const r = await lintPaths([s], { cwd: d });
    expect(rules(r.findings)).toEqual(['error appstore.count screenshots/ja']);
    expect(r.findings[0]!.message).toMatch(/has 11 screenshots; the App Store takes at most 10 .*11_shot\.png/);
  });
});

describe('lint of a metadata/android/ tree (supply)', () => {
  it('reads supply folders: counts per type, the feature graphic, an icon with alpha, and unknown folders', async () => {
    const d = temp();
    const a = path.join(d, 'fastlane/metadata/android');
    for (let i = 1; i <= 9; i++)
      await writeImage(`${a}/en-US/images/phoneScreenshots/${i}.png`, { width: 1080, height: 1920 });
    await writeImage(`${a}/en-US/images/featureGraphic.png`, { width: 1024, height: 512 });
    await writeImage(`${a}/en-US/images/icon.png`, { width: 512, height: 512, alpha: true });
    await writeImage(`${a}/en-US/images/phonescreenshots/1.png`, { width: 1080, height: 1920 });
    await writeImage(`${a}/he/images/tenInchScreenshots/1.jpg`, { width: 1600, height: 2560, format: 'jpeg' });
    await writeImage(`${a}/he/images/tenInchScreenshots/2.jpg`, { width: 1600, height: 2560, format: 'jpeg' });
    const r = await lintPaths([path.join(d, 'fastlane/metadata')], { cwd: d });
    expect(rules(r.findings)).toEqual([
      'error play.feature-graphic-size fastlane/metadata/android/en-US/images/featureGraphic.png',
      'error play.count fastlane/metadata/android/en-US/images/phoneScreenshots',
      'warning fastlane.ignored-file fastlane/metadata/android/en-US/images/phonescreenshots/1.png',
      'warning locale.unknown-store-locale fastlane/metadata/android/he',
    ]);
    expect(r.findings[2]!.message).toMatch(/case-sensitive: phoneScreenshots/);
    for (const f of r.findings) expect(f.source).toMatch(/^https:\/\//);
  });

  it('refuses a 2.2:1 phone screenshot and a 4000 px one', async () => {
    const d = temp();
    const a = path.join(d, 'metadata/android');
    await writeImage(`${a}/en-US/images/phoneScreenshots/1.png`, { width: 1080, height: 2376 });
    await writeImage(`${a}/en-US/images/phoneScreenshots/2.png`, { width: 2000, height: 4000 });
    await writeImage(`${a}/en-US/images/phoneScreenshots/3.png`, { width: 1080, height: 1920 });
    const r = await lintPaths([d], { cwd: d });
    expect(rules(r.findings)).toEqual([
      'error play.aspect-ratio metadata/android/en-US/images/phoneScreenshots/1.png',
      'error play.max-side metadata/android/en-US/images/phoneScreenshots/2.png',
      'warning play.promo-eligibility metadata/android/en-US/images/phoneScreenshots',
    ]);
    expect(r.findings[0]!.message).toMatch(/1080x2376 \(2\.20:1\)/);
  });
});

describe('lint of loose files and our own flat output', () => {
  it('reads the slot from a flat output folder (<locale>/<preset>/NN-slide.png)', async () => {
    const d = temp();
    await writeImage(`${d}/out/en-US/appstore.iphone_6_3/01-home.png`, { width: 1206, height: 2622 });
    await writeImage(`${d}/out/en-US/appstore.iphone_6_9/01-home.png`, { width: 1320, height: 2868 });
    await writeImage(`${d}/out/en-US/appstore.iphone_6_9/02-stats.png`, { width: 1206, height: 2622 });
    await writeImage(`${d}/out/klingon/appstore.iphone_6_9/01-home.png`, { width: 1320, height: 2868 });
    await writeImage(`${d}/out/pseudo/appstore.iphone_6_9/01-home.png`, { width: 1320, height: 2868 });
    const r = await lintPaths(['out'], { cwd: d });
    expect(rules(r.findings)).toEqual([
      'error appstore.size out/en-US/appstore.iphone_6_9/02-stats.png',
      'warning locale.unknown-store-locale out/klingon',
    ]);
    expect(r.findings[0]!).toMatchObject({ locale: 'en-US', preset: 'appstore.iphone_6_9', slide: 'stats' });
    expect(r.findings[0]!.message).toMatch(
      /not a size appstore\.iphone_6_9 .* accepts: 1320x2868, 1290x2796, 1260x2736.*6\.3"/,
    );
  });

  it('guesses the store of a loose file from its size, and --store overrides the guess', async () => {
    const d = temp();
    await writeImage(`${d}/a.png`, { width: 1319, height: 2868 });
    await writeImage(`${d}/b.png`, { width: 1080, height: 2400 });
    const guessed = await lintPaths(['a.png', 'b.png'], { cwd: d });
    expect(rules(guessed.findings)).toEqual(['error appstore.size a.png', 'error play.aspect-ratio b.png']);
    expect(guessed.findings[0]!.message).toMatch(/nearest accepted size is 1320x2868.*pass --store/);
    const play = await lintPaths(['a.png'], { cwd: d, store: 'play' });
    expect(rules(play.findings)).toEqual(['error play.aspect-ratio a.png']);
  });
});

describe('bad input: a finding or a clear error, never a crash', () => {
  it('reports an empty PNG, a broken link, a truncated file and a FIFO as unreadable images, and a symlink loop as skipped', async () => {
    const d = temp();
    const s = path.join(d, 'shots');
    await writeImage(`${s}/ok.png`, { width: 1320, height: 2868 });
    writeFileSync(`${s}/empty.png`, '');
    writeFileSync(`${s}/notes.png`, 'this is text, not a PNG');
    symlinkSync('missing.png', `${s}/broken.png`);
    symlinkSync('self.png', `${s}/self.png`);
    symlinkSync('.', `${s}/again`);
    symlinkSync('..', `${s}/up`);
    execFileSync('mkfifo', [`${s}/pipe.png`]);
    const r = await lintPaths(['shots'], { cwd: d });
    const unreadable = Object.fromEntries(
      r.findings.filter((f) => f.rule === 'image.unreadable').map((f) => [f.path, f.message]),
    );
    expect(Object.keys(unreadable).sort()).toEqual([
      'shots/broken.png',
      'shots/empty.png',
      'shots/notes.png',
      'shots/pipe.png',
      'shots/self.png',
    ]);
    expect(unreadable['shots/empty.png']).toMatch(/empty \(0 bytes\)/);
    expect(unreadable['shots/broken.png']).toMatch(/broken symbolic link/);
    expect(unreadable['shots/self.png']).toMatch(/symbolic link loop/);
    expect(unreadable['shots/pipe.png']).toMatch(/not a regular file/);
    expect(unreadable['shots/notes.png']).toMatch(/not an image/);
    const skipped = r.findings.filter((f) => f.rule === 'path.unreadable').map((f) => f.path);
    expect(skipped.sort()).toEqual(['shots/again', 'shots/up']);
  });

  it('the CLI: exit 2 naming the path for a missing path or a folder without images; 1 on errors; 0 on warnings only', async () => {
    const d = temp();
    mkdirSync(`${d}/empty/sub`, { recursive: true });
    writeFileSync(`${d}/empty/readme.txt`, 'no images here');
    const missing = await runCli(['lint', 'nope'], d);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope: no such file or folder/);
    const empty = await runCli(['lint', 'empty'], d);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/empty: no images \(\.png, \.jpg, \.jpeg\) found/);
    mkdirSync(`${d}/loop`);
    symlinkSync('.', `${d}/loop/self`);
    const loop = await runCli(['lint', 'loop'], d);
    expect(loop.code).toBe(2);
    expect(loop.stderr).toMatch(/loop: no images .*symbolic link loop/);

    writeFileSync(`${d}/zero.png`, '');
    const zero = await runCli(['lint', 'zero.png', '--json'], d);
    expect(zero.code).toBe(1);
    const json = JSON.parse(zero.stdout) as { findings: Finding[] };
    expect(json.findings).toEqual([
      {
        rule: 'image.unreadable',
        severity: 'error',
        message: 'zero.png: cannot be read as an image: the file is empty (0 bytes)',
        path: 'zero.png',
        source: SOURCES.appleSpecs.url,
        verified: SOURCES.appleSpecs.verified,
      },
    ]);

    await writeImage(`${d}/ok/en-US/appstore.iphone_6_9/01-home.png`, { width: 1320, height: 2868 });
    const warnOnly = await runCli(['lint', 'ok'], d);
    expect(warnOnly.stdout).toMatch(/warning appstore\.required-slot/);
    expect(warnOnly.stdout).toMatch(/1 image\(s\): 0 error\(s\), 1 warning\(s\)/);
    expect(warnOnly.code).toBe(0);
  });

  it('every finding cites a source URL from src/store/sources.ts and its verified date', async () => {
    const d = temp();
    await writeImage(`${d}/x/a.png`, { width: 1319, height: 2868, alpha: true });
    await writeImage(`${d}/x/b.png`, { width: 100, height: 2868, format: 'jpeg' });
    const r = await lintPaths(['x'], { cwd: d });
    expect(r.findings.length).toBeGreaterThan(2);
    for (const f of r.findings) {
      expect(knownUrls.has(f.source)).toBe(true);
      expect(f.verified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('lint of a render whose files were tampered with', () => {
  it('never blocks on a FIFO where an image should be', async () => {
    const { lintRender } = await import('../src/lint/index.js');
    const d = temp();
    execFileSync('mkfifo', [`${d}/01-home.png`]);
    const plan = {
      manifestFile: 'm',
      app: {},
      locales: ['en-US'],
      presets: ['play.phone'],
      layout: 'flat' as const,
      outDir: d,
      all: [],
      jobs: [],
    };
    const job = {
      id: 'en-US/play.phone/home',
      set: 'en-US/play.phone',
      locale: 'en-US',
      rtl: false,
      preset: 'play.phone',
      presetId: 'play.phone',
      store: 'play' as const,
      device: 'android-phone' as const,
      landscape: false,
      size: { width: 1080, height: 1920 },
      slide: 'home',
      index: 1,
      count: 1,
      style: {},
      theme: 'aurora',
      fonts: [],
      baseDir: d,
      output: { path: '01-home.png', format: 'png' as const, quality: 90 },
      source: { slide: { file: 'm', line: 1, column: 1 }, preset: { file: 'm', line: 1, column: 1 } },
    };
    const record = {
      path: '01-home.png',
      locale: 'en-US',
      preset: 'play.phone',
      slide: 'home',
      index: 1,
      width: 1080,
      height: 1920,
      format: 'png' as const,
      bytes: 0,
      sha256: '',
      cached: false,
    };
    const findings = await lintRender({ ...plan, all: [job], jobs: [job] }, [
      { job, record, file: `${d}/01-home.png`, text: [] },
    ]);
    expect(findings.map((f) => f.rule)).toContain('image.unreadable');
    expect(findings.find((f) => f.rule === 'image.unreadable')!.message).toMatch(/not a regular file/);
  });
});
