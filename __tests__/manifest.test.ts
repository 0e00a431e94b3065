import { mkdtempSync, writeFileSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problems } from './helpers/manifest-problems.js';
import { loadProject } from '../src/project.js';
import type { UserError } from '../src/util/errors.js';
import { ROOT, runBin } from './helpers/cli.js';

const GOOD = `version: 1
locales: [en-US, de-DE]
presets: [appstore.iphone_6_9, play.phone]
screenshots: shots/{locale}/{device}/{slide}.png
slides:
  - id: home
    headline: { en-US: Hello, de-DE: Hallo }
`;

/** A project folder with the example's raw shots and the given manifest text. */
function project(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ss-manifest-'));
  cpSync(path.join(ROOT, 'examples/habitual/shots'), path.join(dir, 'shots'), { recursive: true });
  writeFileSync(path.join(dir, 'screenshots.yml'), text);
  return dir;
}

describe('manifest schema', () => {
  it('accepts a minimal manifest', () => {
    expect(problems(GOOD)).toEqual([]);
  });

  it('names file:line:column for bad YAML', () => {
    const out = problems('version: 1\nlocales: [en-US\n');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^m\.yml:3:1: error: Invalid YAML/);
  });

  it('suggests the nearest key for a typo, at the key', () => {
    const out = problems(GOOD.replace('    headline:', '    headlin:'));
    expect(out).toEqual([
      expect.stringMatching(
        /^m\.yml:7:5: error: Unknown key "headlin" at slides\[0\]\.headlin \(did you mean "headline"\?\)/,
      ),
    ]);
  });

  it('says what was expected and what came for a wrong type', () => {
    const out = problems(GOOD.replace('version: 1', 'version: 1\noutput: { format: gif }'));
    expect(out).toEqual([
      expect.stringMatching(
        /^m\.yml:2:19: error: Expected one of "png", "jpeg" for output\.format but received "gif"$/,
      ),
    ]);
    const num = problems(GOOD.replace('en-US: Hello', 'en-US: 5'));
    expect(num).toEqual([
      'm.yml:7:24: error: Expected a value of type string for slides[0].headline.en-US but received number 5',
    ]);
  });

  it('reports a missing required key and every problem at once', () => {
    const out = problems('version: 2\nlocales: []\nslides: []\n');
    expect(out).toEqual([
      'm.yml:1:1: error: Missing required key presets',
      'm.yml:1:10: error: Expected 1 for version but received number 2',
      'm.yml:2:10: error: Expected at least 1 item(s) for locales but received a list of 0',
      'm.yml:3:9: error: Expected at least 1 item(s) for slides but received a list of 0',
    ]);
  });

  it('reports one line per wrong field, without the echo of an if/then/else branch', () => {
    const out = problems(
      GOOD.replace(
        'presets: [appstore.iphone_6_9, play.phone]',
        'presets: [appstore.iphone_6_9, { id: play.phone, size: 12 }, 5]',
      ),
    );
    expect(out).toEqual([
      'm.yml:3:56: error: Expected a value of type string for presets[1].size but received number 12',
      'm.yml:3:62: error: Expected a value of type string or object for presets[2] but received number 5',
    ]);
  });

  it('rejects a bad locale key inside a localized text', () => {
    const out = problems(GOOD.replace('de-DE: Hallo', 'de_DE!: Hallo'));
    expect(out).toEqual([
      'm.yml:7:31: error: Expected a locale code (BCP 47, e.g. en-US) for slides[0].headline.de_DE! but received "de_DE!"',
    ]);
  });
});

describe('manifest references', () => {
  const refErrors = (text: string) => {
    try {
      loadProject({ cwd: project(text) });
    } catch (e) {
      return (e as UserError).message.split('\n');
    }
    return [];
  };

  it('accepts the example project', () => {
    const p = loadProject({ config: path.join(ROOT, 'examples/habitual/screenshots.yml'), cwd: ROOT });
    expect(p.plan.all).toHaveLength(48);
  });

  it('reports an unknown preset with a suggestion', () => {
    expect(refErrors(GOOD.replace('appstore.iphone_6_9', 'appstore.iphone_69'))).toEqual([
      expect.stringMatching(
        /^screenshots\.yml:3:11: error: Unknown preset "appstore.iphone_69" at presets\[0\] \(did you mean "appstore.iphone_6_9"\?\)/,
      ),
    ]);
  });

  it('reports a duplicate slide id where it repeats', () => {
    const out = refErrors(`${GOOD}  - id: home\n    headline: Again\n`);
    expect(out).toEqual([
      expect.stringMatching(/^screenshots\.yml:8:9: error: Duplicate slide id "home" at slides\[1\]\.id/),
    ]);
  });

  it('reports a missing screenshot file for every job that needs one', () => {
    const out = refErrors(GOOD.replace('id: home', 'id: settings'));
    expect(out).toHaveLength(4); // 2 locales x 2 presets
    expect(out[0]).toMatch(
      /^screenshots\.yml:6:5: error: Screenshot for en-US\/appstore.iphone_6_9\/settings not found: shots\/en-US\/iphone\/settings.png/,
    );
  });

  it('reports a locale a target store does not accept', () => {
    const out = refErrors(
      GOOD.replace('[en-US, de-DE]', '[en-US, de-DE, xx-YY]').replace('de-DE: Hallo', 'de-DE: Hallo, xx-YY: Xx'),
    );
    expect(
      out.filter((l) => /Locale "xx-YY" at locales\[2\] is not a locale the App Store accepts/.test(l)),
    ).toHaveLength(1);
    expect(
      out.filter((l) => /Locale "xx-YY" at locales\[2\] is not a locale Google Play accepts/.test(l)),
    ).toHaveLength(1);
  });

  it('reports a locale without a headline when there is no fallback', () => {
    const out = refErrors(GOOD.replace(', de-DE: Hallo', ''));
    expect(out).toEqual([
      'screenshots.yml:7:15: error: No headline for locale de-DE at slides[0].headline and no fallback-locale; add "de-DE: …" or set fallback-locale',
    ]);
  });

  it('refuses a screenshot path that escapes the project', () => {
    const out = refErrors(GOOD.replace('shots/{locale}', '../../../../etc/{locale}'));
    expect(out).toEqual(
      ['en-US/iphone', 'en-US/android-phone', 'de-DE/iphone', 'de-DE/android-phone'].map(
        (p) =>
          `screenshots.yml:4:14: error: Path "../../../../etc/${p}/home.png" at screenshots leaves the manifest's folder and the working directory`,
      ),
    );
  });

  it('an unknown theme names the theme line and the built-in themes', () => {
    const out = refErrors(`${GOOD}theme: auroa\n`);
    expect(out).toEqual([
      'screenshots.yml:8:8: error: Unknown theme "auroa" (did you mean "aurora"?); built-in themes: aurora, glass, mesh, midnight, panorama, paper, photo',
    ]);
  });
});

describe('storeshots validate (the shipped bin)', () => {
  it('exits 2 with one line per problem and no stack trace', () => {
    const dir = project(`${GOOD.replace('appstore.iphone_6_9', 'appstore.nope')}  - id: home\n    headline: x\n`);
    mkdirSync(path.join(dir, 'sub'));
    const r = runBin(['validate'], dir);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^screenshots\.yml:\d+:\d+: error: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with a clear message when no manifest exists', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-empty-'));
    const r = runBin(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No manifest found: looked for screenshots.yml and storeshots.yml/);
  });
});
