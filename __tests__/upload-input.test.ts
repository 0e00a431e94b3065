// upload's inputs: a fastlane tree instead of report.json, and hostile or broken credentials and
// sets, each a clear message with exit 2 and no request that changes anything.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync, unlinkSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeAsc } from './fakes/asc.js';
import { FakePlay } from './fakes/play.js';
import { EXAMPLE, runCli } from './helpers/cli.js';
import { png, writeRenderedSet } from './helpers/upload-set.js';

let asc: FakeAsc;
let play: FakePlay;
beforeEach(async () => {
  asc = await new FakeAsc().start();
  play = await new FakePlay().start();
});
afterEach(async () => {
  await Promise.all([asc.stop(), play.stop()]);
  expect(asc.violations).toEqual([]);
  expect(play.violations).toEqual([]);
});
const ascEnv = () => ({
  STORESHOTS_ASC_API_URL: asc.url,
  ASC_KEY_ID: asc.keyId,
  ASC_ISSUER_ID: asc.issuerId,
  ASC_PRIVATE_KEY: asc.privateKeyPem,
  GITHUB_STEP_SUMMARY: '',
});
const playEnv = () => ({
  STORESHOTS_PLAY_API_URL: play.url,
  PLAY_SERVICE_ACCOUNT_JSON: play.serviceAccountJson(),
  GITHUB_STEP_SUMMARY: '',
});

describe('a fastlane tree (deliver and supply layouts)', () => {
  it('is read like deliver and supply read it: App Store display type from the pixel size, Play type from the folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-fl-'));
    const put = async (rel: string, w: number, h: number, c: string) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), await png(w, h, c));
    };
    await put('fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png', 1320, 2868, '#010101');
    await put('fastlane/screenshots/en-US/02_appstore.iphone_6_9_stats.png', 1320, 2868, '#020202');
    await put('fastlane/screenshots/ar-SA/01_appstore.ipad_13_home.png', 2064, 2752, '#030303');
    await put('fastlane/metadata/android/ja-JP/images/phoneScreenshots/01_home.png', 1080, 1920, '#040404');
    await put('fastlane/metadata/android/ja-JP/images/featureGraphic.png', 1024, 500, '#050505');
    const a = await runCli(
      ['upload', dir, '--store', 'appstore', '--bundle-id', 'com.example.habitual', '--dry-run', '--json'],
      dir,
      { ...ascEnv() },
    );
    expect(a.stderr).toContain('ar-SA');
    expect(a.code).toBe(3); // ar-SA is not a localization of the fake's version: refused before any change
    asc.localizations.push({ id: 'loc-ar', versionId: asc.versions[1]!.id, locale: 'ar-SA' });
    const a2 = await runCli(
      ['upload', dir, '--store', 'appstore', '--bundle-id', 'com.example.habitual', '--dry-run', '--json'],
      dir,
      { ...ascEnv() },
    );
    expect(a2.code).toBe(0);
    expect(
      JSON.parse(a2.stdout).plan.map((p: { locale: string; displayType: string; upload: string[] }) => [
        p.locale,
        p.displayType,
        p.upload,
      ]),
    ).toEqual([
      ['ar-SA', 'APP_IPAD_PRO_3GEN_129', ['fastlane/screenshots/ar-SA/01_appstore.ipad_13_home.png']],
      [
        'en-US',
        'APP_IPHONE_67',
        [
          'fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png',
          'fastlane/screenshots/en-US/02_appstore.iphone_6_9_stats.png',
        ],
      ],
    ]);
    const p = await runCli(
      ['upload', dir, '--store', 'play', '--package', play.packageName, '--dry-run', '--json'],
      dir,
      playEnv(),
    );
    expect(p.code).toBe(0);
    expect(
      JSON.parse(p.stdout).plan.map((x: { locale: string; displayType: string; upload: string[] }) => [
        x.locale,
        x.displayType,
        x.upload,
      ]),
    ).toEqual([
      ['ja-JP', 'featureGraphic', ['fastlane/metadata/android/ja-JP/images/featureGraphic.png']],
      ['ja-JP', 'phoneScreenshots', ['fastlane/metadata/android/ja-JP/images/phoneScreenshots/01_home.png']],
    ]);
    expect(asc.mutations()).toBe(0);
  });
});

describe('the app from the manifest', () => {
  it('app.bundle-id and app.package are read from the manifest when no flag names the app; a bad one is a manifest error', async () => {
    const dir = await writeRenderedSet([
      { locale: 'en-US', preset: 'appstore.iphone_6_9', slides: [{ slide: 'home', color: '#123123' }] },
      { locale: 'en-US', preset: 'play.phone', slides: [{ slide: 'home', color: '#123123' }] },
    ]);
    const example = readFileSync(EXAMPLE, 'utf8');
    const withApp = (app: string) => {
      const text = example.replace(/^app:\n  name: Habitual\n/m, `${app}\n`);
      expect(text).not.toBe(example);
      writeFileSync(path.join(dir, 'screenshots.yml'), text);
    };
    withApp(`app:\n  name: Habitual\n  bundle-id: ${asc.app.bundleId}\n  package: ${play.packageName}`);
    const a = await runCli(['upload', dir, '--store', 'appstore', '--dry-run', '--json'], dir, ascEnv());
    expect([a.code, a.stderr]).toEqual([0, '']);
    expect(JSON.parse(a.stdout).plan).toHaveLength(1);
    const p = await runCli(['upload', dir, '--store', 'play', '--dry-run', '--json'], dir, playEnv());
    expect([p.code, p.stderr]).toEqual([0, '']);
    withApp('app:\n  name: Habitual\n  package: "not a package"');
    const bad = await runCli(['upload', dir, '--store', 'play', '--dry-run'], dir, playEnv());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/screenshots\.yml:\d+:\d+.*app\.package/);
  });
});

describe('hostile and broken input', () => {
  const sample = () =>
    writeRenderedSet([
      { locale: 'en-US', preset: 'appstore.iphone_6_9', slides: [{ slide: 'home', color: '#111111' }] },
      { locale: 'en-US', preset: 'play.phone', slides: [{ slide: 'home', color: '#111111' }] },
    ]);

  it('a .p8 that is not a key: exit 2, no request', async () => {
    const dir = await sample();
    const r = await runCli(['upload', dir, '--store', 'appstore', '--bundle-id', 'a.b', '--dry-run'], dir, {
      ...ascEnv(),
      ASC_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not an API key: expected the text of the AuthKey_<id>.p8 file');
    expect(asc.requests).toEqual([]);
  });

  it('a service account file that is not one: exit 2, the key never echoed', async () => {
    const dir = await sample();
    for (const [text, msg] of [
      ['{nope', 'is not JSON'],
      [
        JSON.stringify({ type: 'authorized_user', private_key: 'SECRET-KEY-TEXT' }),
        'Expected "service_account" for PLAY_SERVICE_ACCOUNT_JSON type but received "authorized_user"',
      ],
      [
        JSON.stringify({
          type: 'service_account',
          client_email: 'a@b',
          private_key: 'SECRET-KEY-TEXT',
          token_uri: 'http://203.0.113.9/token',
        }),
        'Expected an https URL for PLAY_SERVICE_ACCOUNT_JSON token_uri',
      ],
      [
        JSON.stringify({
          type: 'service_account',
          client_email: 'a@b',
          private_key: 'SECRET-KEY-TEXT',
          token_uri: `${play.url}token`,
        }),
        'not an RSA private key',
      ],
    ]) {
      const r = await runCli(
        ['upload', dir, '--store', 'play', '--package', 'com.example.habitual', '--dry-run'],
        dir,
        { ...playEnv(), PLAY_SERVICE_ACCOUNT_JSON: text! },
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(msg);
      expect(r.stderr + r.stdout).not.toContain('SECRET-KEY-TEXT');
    }
    expect(play.requests).toEqual([]);
  });

  it('a report.json whose image was changed after the render, or is missing, or is not JSON: exit 2 naming it', async () => {
    const dir = await sample();
    const img = path.join(dir, 'en-US/appstore.iphone_6_9/01-home.png');
    writeFileSync(img, await png(1320, 2868, '#222222'));
    let r = await runCli(['upload', dir, '--store', 'appstore', '--bundle-id', 'a.b', '--dry-run'], dir, ascEnv());
    expect([r.code, r.stderr]).toEqual([
      2,
      `error: ${dir}: en-US/appstore.iphone_6_9/01-home.png does not match the sha256 in its report.json (changed after the render, or a cut download?)\n`,
    ]);
    unlinkSync(img);
    r = await runCli(['upload', dir, '--store', 'appstore', '--bundle-id', 'a.b', '--dry-run'], dir, ascEnv());
    expect(r.stderr).toContain('en-US/appstore.iphone_6_9/01-home.png is listed in report.json but missing');
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    report.images[0].path = '../../etc/passwd';
    writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report));
    r = await runCli(['upload', dir, '--store', 'appstore', '--bundle-id', 'a.b', '--dry-run'], dir, ascEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('../../etc/passwd is listed in report.json but missing');
    writeFileSync(path.join(dir, 'report.json'), '{');
    r = await runCli(['upload', dir, '--store', 'appstore', '--bundle-id', 'a.b', '--dry-run'], dir, ascEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/report\.json is not valid JSON/);
    expect(asc.requests).toEqual([]);
  });

  it('an image that is a symbolic link out of the folder is refused before anything is read or sent', async () => {
    const dir = await sample();
    const img = path.join(dir, 'en-US/appstore.iphone_6_9/01-home.png');
    // The link points at a copy of the same bytes outside the folder, so only the link check can refuse it.
    const outside = path.join(path.dirname(dir), `${path.basename(dir)}-outside.png`);
    writeFileSync(outside, readFileSync(img));
    unlinkSync(img);
    symlinkSync(outside, img);
    const r = await runCli(['upload', dir, '--store', 'appstore', '--bundle-id', 'a.b', '--dry-run'], dir, ascEnv());
    expect([r.code, r.stderr]).toEqual([
      2,
      `error: ${dir}: en-US/appstore.iphone_6_9/01-home.png is listed in report.json but leads outside the folder (through a symbolic link)\n`,
    ]);
    expect(asc.requests).toEqual([]);
  });

  it('images with lint errors in report.json are refused unless --ignore-lint', async () => {
    const dir = await sample();
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    report.findings.push({
      rule: 'appstore.alpha-channel',
      severity: 'error',
      message: 'has an alpha channel',
      path: 'en-US/appstore.iphone_6_9/01-home.png',
      source: 'https://developer.apple.com/',
      verified: '2026-10-10',
    });
    report.findings.push({
      rule: 'text.fit',
      severity: 'warning',
      message: 'tight',
      path: 'en-US/appstore.iphone_6_9/01-home.png',
      source: 'https://example.invalid/',
      verified: '2026-10-10',
    });
    writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report));
    const r = await runCli(
      ['upload', dir, '--store', 'appstore', '--bundle-id', 'com.example.habitual', '--dry-run'],
      dir,
      ascEnv(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('1 image(s) to upload have lint errors in report.json');
    expect(r.stderr).toContain('en-US/appstore.iphone_6_9/01-home.png: appstore.alpha-channel: has an alpha channel');
    expect(asc.requests).toEqual([]);
    // Play's images have no error: the Play upload is not blocked by the App Store finding.
    expect(
      (await runCli(['upload', dir, '--store', 'play', '--package', play.packageName, '--dry-run'], dir, playEnv()))
        .code,
    ).toBe(0);
    expect(
      (
        await runCli(
          ['upload', dir, '--store', 'appstore', '--bundle-id', 'com.example.habitual', '--dry-run', '--ignore-lint'],
          dir,
          ascEnv(),
        )
      ).code,
    ).toBe(0);
  });

  it('a bad STORESHOTS_ASC_API_URL and a missing --store are usage errors', async () => {
    const dir = await sample();
    const r = await runCli(['upload', dir, '--store', 'appstore', '--bundle-id', 'a.b', '--dry-run'], dir, {
      ...ascEnv(),
      STORESHOTS_ASC_API_URL: 'not a url',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Expected a URL for STORESHOTS_ASC_API_URL but received "not a url"');
    const s = await runCli(['upload', dir, '--dry-run'], dir, ascEnv());
    expect(s.code).toBe(2);
    expect(s.stderr).toContain("required option '--store <store>' not specified");
  });
});
