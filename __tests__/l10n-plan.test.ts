// The localization workflow at the plan level: strings projects equal inline manifests,
// fallbacks and untranslated texts are marked, pseudo-locales, per-locale style, store codes.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/project.js';
import { candidatePaths, readStrings } from '../src/manifest/strings.js';
import { storeLocale } from '../src/store/locales.js';
import type { Plan } from '../src/plan/types.js';
import { UserError } from '../src/util/errors.js';
import { EXAMPLE } from './helpers/cli.js';
import { copyFixtureProject, L10N, tempProject } from './helpers/l10n.js';

const texts = (plan: Plan) =>
  Object.fromEntries(plan.all.map((j) => [j.id, { headline: j.headline?.text, subtitle: j.subtitle?.text }]));

const base = (over: { locales?: string; slides?: string; extra?: string; presets?: string } = {}) => `version: 1
locales: ${over.locales ?? '[en-US, de-DE]'}
presets: ${over.presets ?? '[appstore.iphone_6_9, play.phone]'}
screenshots: shots/{locale}/{device}/{slide}.png
slides:
${
  over.slides ??
  `  - id: home
    headline: { key: home_title }
  - id: stats
    headline: { key: stats_title }`
}
${over.extra ?? ''}
`;

describe('strings projects render the same headlines as the inline manifest', () => {
  const inline = loadProject({ config: EXAMPLE, cwd: path.dirname(EXAMPLE) });
  const expected = texts(inline.plan);

  it.each(['json', 'apple-strings', 'xcstrings', 'android', 'arb', 'xliff'])('%s', (name) => {
    const dir = copyFixtureProject(name);
    const project = loadProject({ cwd: dir });
    expect(project.warnings).toEqual([]);
    expect(project.plan.all).toHaveLength(48);
    expect(texts(project.plan)).toEqual(expected);
    // The feature list's texts are inline in the fixtures too.
    for (const j of project.plan.all.filter((x) => x.slide !== 'features')) {
      expect(j.headline?.origin).toBe('strings');
      expect(j.headline?.sameAsFallback).toBeUndefined();
      expect(j.headline?.source?.file).toBeTruthy();
    }
  });

  it('points each text at the file it came from (and the line, where the format tells)', () => {
    const dir = copyFixtureProject('android');
    const job = loadProject({ cwd: dir }).plan.all.find((j) => j.id === 'de-DE/play.phone/stats')!;
    expect(job.headline?.source).toEqual({
      file: path.join('app/src/main/res/values-de/strings.xml'),
      line: 5,
      column: 1,
    });
  });
});

describe('fallbacks and untranslated texts', () => {
  const strings = {
    'l/en-US.json': JSON.stringify({
      home_title: 'Track every habit',
      stats_title: 'See your progress',
      brand: 'Habitual',
    }),
    'l/de-DE.json': JSON.stringify({ home_title: 'Jede Gewohnheit im Blick', stats_title: 'See your progress' }),
  };

  it('a missing key renders the fallback text, marked fallback, with a text.missing-translation warning', () => {
    const dir = tempProject({
      ...strings,
      'l/de-DE.json': JSON.stringify({ home_title: 'Jede Gewohnheit im Blick' }),
      'screenshots.yml': base({ extra: 'strings: [ "l/{locale}.json" ]\nfallback-locale: en-US' }),
    });
    const { plan, warnings } = loadProject({ cwd: dir });
    const de = plan.all.find((j) => j.id === 'de-DE/appstore.iphone_6_9/stats')!;
    expect(de.headline).toMatchObject({
      text: 'See your progress',
      origin: 'fallback',
      key: 'stats_title',
      locale: 'en-US',
    });
    expect(de.headline?.source?.file).toBe(path.join('l', 'en-US.json'));
    const w = warnings.filter((x) => x.message.includes('text.missing-translation'));
    expect(w).toHaveLength(1); // one per locale and slide, not per preset
    expect(w[0]!.message).toContain('No de-DE text for key "stats_title" at slides[1].headline');
    expect(w[0]!.at).toMatchObject({ file: 'screenshots.yml', line: 9 });
  });

  it('the same in an inline map', () => {
    const dir = tempProject({
      'screenshots.yml': base({
        slides: '  - id: home\n    headline: { en-US: Track every habit }',
        extra: 'fallback-locale: en-US',
      }),
    });
    const { plan, warnings } = loadProject({ cwd: dir });
    expect(plan.all.find((j) => j.locale === 'de-DE')!.headline).toMatchObject({
      origin: 'fallback',
      locale: 'en-US',
      text: 'Track every habit',
    });
    expect(warnings.map((w) => w.message)).toEqual([
      'No de-DE headline at slides[0].headline; the en-US text is used (text.missing-translation)',
    ]);
  });

  it('without a fallback-locale a missing key is an error naming the key and the field', () => {
    const dir = tempProject({
      ...strings,
      'l/de-DE.json': '{}',
      'screenshots.yml': base({ extra: 'strings: [ "l/{locale}.json" ]' }),
    });
    expect(() => loadProject({ cwd: dir })).toThrow(
      /screenshots\.yml:7:\d+: error: No text for key "home_title" in locale de-DE at slides\[0\]\.headline/,
    );
  });

  it('a text identical to the fallback in another locale is marked sameAsFallback, with a text.untranslated warning', () => {
    const dir = tempProject({
      ...strings,
      'screenshots.yml': base({ extra: 'strings: [ "l/{locale}.json" ]\nfallback-locale: en-US' }),
    });
    const { plan, warnings } = loadProject({ cwd: dir });
    const de = plan.all.find((j) => j.id === 'de-DE/play.phone/stats')!;
    expect(de.headline).toMatchObject({ origin: 'strings', locale: 'de-DE', sameAsFallback: true });
    expect(plan.all.find((j) => j.id === 'en-US/play.phone/stats')!.headline?.sameAsFallback).toBeUndefined();
    expect(plan.all.find((j) => j.id === 'de-DE/play.phone/home')!.headline?.sameAsFallback).toBeUndefined();
    expect(warnings.map((w) => w.message)).toEqual([
      'The de-DE text for key "stats_title" at slides[1].headline is the same as the en-US text: possibly untranslated (text.untranslated)',
    ]);
  });

  it('keys marked not to be translated are shared by every locale and never reported', () => {
    const dir = tempProject({
      'res/values/strings.xml':
        '<resources>\n  <string name="app_name" translatable="false">Habitual</string>\n  <string name="home_title">Track</string>\n</resources>\n',
      'res/values-de/strings.xml': '<resources>\n  <string name="home_title">Verfolge</string>\n</resources>\n',
      'screenshots.yml': base({
        slides: '  - id: home\n    headline: { key: home_title }\n    subtitle: { key: app_name }',
        extra: 'strings: [ "res/values-{android-locale}/strings.xml" ]\nfallback-locale: en-US',
      }),
    });
    const { plan, warnings } = loadProject({ cwd: dir });
    expect(warnings).toEqual([]);
    const de = plan.all.find((j) => j.id === 'de-DE/play.phone/home')!;
    expect(de.headline?.text).toBe('Verfolge');
    expect(de.subtitle).toMatchObject({ text: 'Habitual', origin: 'strings', fixed: true, locale: 'en-US' });
  });

  it('warns about a strings pattern that finds no file for any locale', () => {
    const dir = tempProject({
      'screenshots.yml': base({ slides: '  - id: home\n    headline: Hi', extra: 'strings: [ "i18n/{locale}.json" ]' }),
    });
    const { warnings } = loadProject({ cwd: dir });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toBe(
      'strings pattern "i18n/{locale}.json" found no file for any locale (looked for i18n/en-US.json, i18n/en_US.json, i18n/en.json, i18n/de-DE.json, i18n/de_DE.json, i18n/de.json)',
    );
    expect(warnings[0]!.at?.line).toBe(8);
  });

  it('a malformed strings file stops the run with its file and line', () => {
    const dir = tempProject({
      'l/en-US.json': '{\n  "a": "b",\n}\n',
      'screenshots.yml': base({ slides: '  - id: home\n    headline: Hi', extra: 'strings: [ "l/{locale}.json" ]' }),
    });
    let err: unknown;
    try {
      loadProject({ cwd: dir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/^l\/en-US\.json:3:1: error: Invalid strings file: invalid JSON/);
  });
});

describe('strings path placeholders', () => {
  it('{locale} tries the full tag (also written with "_", as in ru_RU.lproj), then shorter ones', () => {
    expect(candidatePaths('{locale}.lproj/Localizable.strings', 'zh-Hans-CN')).toEqual([
      'zh-Hans-CN.lproj/Localizable.strings',
      'zh_Hans_CN.lproj/Localizable.strings',
      'zh-Hans.lproj/Localizable.strings',
      'zh_Hans.lproj/Localizable.strings',
      'zh.lproj/Localizable.strings',
    ]);
  });
  it('{android-locale} gives resource qualifiers, and res/values/ for the default locale only', () => {
    expect(candidatePaths('res/values-{android-locale}/strings.xml', 'de-DE')).toEqual([
      'res/values-de-rDE/strings.xml',
      'res/values-b+de+DE/strings.xml',
      'res/values-de/strings.xml',
    ]);
    expect(candidatePaths('res/values-{android-locale}/strings.xml', 'en-US', true).at(-1)).toBe(
      'res/values/strings.xml',
    );
  });
  it('{flutter-locale} uses underscores', () => {
    expect(candidatePaths('lib/l10n/app_{flutter-locale}.arb', 'pt-BR')).toEqual([
      'lib/l10n/app_pt_BR.arb',
      'lib/l10n/app_pt.arb',
    ]);
  });
  it('a catalog without a placeholder is read once and serves every locale', () => {
    const dir = path.join(L10N, 'projects/xcstrings');
    const s = readStrings(['Habitual/Localizable.xcstrings'], ['en-US', 'de-DE', 'fr-FR'], dir, { cwd: dir });
    expect(s.tables['de-DE']!.home_title).toBe('Jede **Gewohnheit** im Blick');
    expect(s.tables['fr-FR']).toEqual({ Habitual: 'Habitual' });
    expect([...s.fixed]).toEqual(['Habitual']);
  });
  it('later patterns win over earlier ones for the same key', () => {
    const dir = tempProject({ 'a/en-US.json': '{"k":"from a","x":"only a"}', 'b/en-US.json': '{"k":"from b"}' });
    expect(readStrings(['a/{locale}.json', 'b/{locale}.json'], ['en-US'], dir, { cwd: dir }).tables['en-US']).toEqual({
      k: 'from b',
      x: 'only a',
    });
  });
});

describe('pseudo-locales in the plan', () => {
  const manifest = (locales: string, extra = '') =>
    base({
      locales,
      slides: '  - id: home\n    headline: { en-US: Track every habit, de-DE: Jede Gewohnheit }',
      extra: `fallback-locale: en-US\n${extra}`,
    });

  it('a manifest may list pseudo: its texts come from the fallback, its screenshots from the base locale', () => {
    const dir = tempProject({ 'screenshots.yml': manifest('[en-US, de-DE, pseudo]') });
    const { plan, warnings } = loadProject({ cwd: dir });
    expect(warnings).toEqual([]);
    const p = plan.all.find((j) => j.id === 'pseudo/appstore.iphone_6_9/home')!;
    expect(p.headline?.origin).toBe('pseudo');
    expect(p.headline?.locale).toBe('pseudo');
    expect(p.headline?.text).toBe('［Ţŕáçķŵɱ éṽéŕýŵɱ ĥáƀíţŵɱ］');
    expect(p.screenshot).toBe(path.join(dir, 'shots/en-US/iphone/home.png'));
    expect(p.rtl).toBe(false);
  });

  it('the pseudo option (render --pseudo) adds pseudo and pseudo-rtl to the run', () => {
    const dir = tempProject({ 'screenshots.yml': manifest('[en-US, de-DE]') });
    const { plan } = loadProject({ cwd: dir, pseudo: true });
    expect(plan.locales).toEqual(['en-US', 'de-DE', 'pseudo', 'pseudo-rtl']);
    expect(plan.all).toHaveLength(8);
    const rtl = plan.all.find((j) => j.id === 'pseudo-rtl/play.phone/home')!;
    expect(rtl.rtl).toBe(true);
    expect(rtl.headline?.text.startsWith('\u200F\u202E')).toBe(true);
    expect(loadProject({ cwd: dir }).plan.locales).toEqual(['en-US', 'de-DE']);
  });

  it('pseudo-locales are not checked against store lists and stay out of the fastlane tree', () => {
    const dir = tempProject({ 'screenshots.yml': manifest('[en-US, de-DE]', 'output: { layout: fastlane }') });
    const { plan } = loadProject({ cwd: dir, pseudo: true });
    const paths = plan.all.map((j) => j.output.path);
    expect(paths.filter((p) => p.startsWith('pseudo'))).toEqual([
      'pseudo/appstore.iphone_6_9/01-home.png',
      'pseudo/play.phone/01-home.png',
      'pseudo-rtl/appstore.iphone_6_9/01-home.png',
      'pseudo-rtl/play.phone/01-home.png',
    ]);
    expect(paths.filter((p) => p.startsWith('fastlane/')).every((p) => !p.includes('pseudo'))).toBe(true);
  });
});

describe('per-locale style', () => {
  const dir = tempProject({
    'screenshots.yml': base({
      locales: '[en-US, ja, ar, zh-Hans, zh-TW, pt-BR]',
      presets: '[play.phone]',
      slides:
        '  - id: home\n    headline: Hello\n    screenshot: shots/en-US/{device}/home.png\n    style: { headline: { color: "#111111" } }',
      extra: `style: { headline: { font: Inter, weight: 800, size: 0.08 } }
locale-style:
  ja: { headline: { font: Noto Sans CJK, weight: 700, min-size: 0.045, line-height: 1.3 } }
  Arab: { headline: { font: Noto Sans Arabic, line-height: 1.4, weight: 300 } }
  ar: { headline: { weight: 600 } }
  Hans: { headline: { font: Noto Sans CJK } }
  Hant: { headline: { font: Noto Sans } }
  pt: { headline: { max-lines: 4, size: 0.07 } }
  pt-BR: { headline: { size: 0.065 } }`,
    }),
  });
  // Planned inside each test, not while the file is collected: a planted bug in the plan must be
  // seen by the test that names the behaviour (StrykerJS activates a mutant per test).
  const style = (locale: string) =>
    loadProject({ cwd: dir }).plan.all.find((j) => j.locale === locale)!.style.headline!;

  it('a language key sets font, weight, size limit and line height for that language only', () => {
    expect(style('ja')).toMatchObject({
      font: 'Noto Sans CJK',
      weight: 700,
      'min-size': 0.045,
      'line-height': 1.3,
      size: 0.08,
      color: '#111111',
    });
    expect(style('en-US')).toMatchObject({ font: 'Inter', weight: 800, size: 0.08 });
    expect(style('en-US')['line-height']).not.toBe(1.3);
  });
  it('a script key applies to every locale written in it; the language beats the script', () => {
    // Arab and ar both set the weight: the language's 600 wins over the script's 300.
    expect(style('ar')).toMatchObject({
      font: 'Noto Sans Arabic',
      'line-height': 1.4,
      weight: 600,
      size: 0.08,
      color: '#111111',
    });
    expect(style('zh-Hans').font).toBe('Noto Sans CJK');
    expect(style('zh-TW').font).toBe('Noto Sans');
  });
  it('a full locale beats its language; the slide style beats the locale style', () => {
    expect(style('pt-BR')).toMatchObject({ size: 0.065, 'max-lines': 4, color: '#111111' });
  });
});

describe('store locale codes', () => {
  it('maps manifest locales to each store list', () => {
    expect(storeLocale('appstore', 'en-US')).toBe('en-US');
    expect(storeLocale('play', 'en-US')).toBe('en-US');
    expect(storeLocale('appstore', 'ar')).toBe('ar-SA');
    expect(storeLocale('play', 'he')).toBe('iw-IL');
    expect(storeLocale('appstore', 'he')).toBe('he');
    expect(storeLocale('play', 'zh-Hans')).toBe('zh-CN');
    expect(storeLocale('appstore', 'zh-Hans')).toBe('zh-Hans');
    expect(storeLocale('play', 'ja')).toBe('ja-JP');
    expect(storeLocale('appstore', 'sw')).toBeUndefined();
  });

  it('the fastlane layout uses the store codes', () => {
    const dir = tempProject({
      'screenshots.yml': base({
        locales: '[en-US, ar, he, zh-Hans]',
        presets: '[appstore.iphone_6_9, play.phone]',
        slides: '  - id: home\n    headline: Hi\n    screenshot: shots/en-US/{device}/home.png',
        extra: 'output: { layout: fastlane }',
      }),
    });
    const paths = loadProject({ cwd: dir }).plan.all.map((j) => j.output.path);
    expect(paths).toEqual([
      'fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png',
      'fastlane/metadata/android/en-US/images/phoneScreenshots/01_home.png',
      'fastlane/screenshots/ar-SA/01_appstore.iphone_6_9_home.png',
      'fastlane/metadata/android/ar/images/phoneScreenshots/01_home.png',
      'fastlane/screenshots/he/01_appstore.iphone_6_9_home.png',
      'fastlane/metadata/android/iw-IL/images/phoneScreenshots/01_home.png',
      'fastlane/screenshots/zh-Hans/01_appstore.iphone_6_9_home.png',
      'fastlane/metadata/android/zh-CN/images/phoneScreenshots/01_home.png',
    ]);
  });

  it("Traditional Chinese goes to Play's zh-TW folder and the App Store's zh-Hant", () => {
    expect(storeLocale('play', 'zh-Hant')).toBe('zh-TW');
    expect(storeLocale('appstore', 'zh-Hant')).toBe('zh-Hant');
    const dir = tempProject({
      'screenshots.yml': base({
        locales: '[zh-Hant]',
        presets: '[appstore.iphone_6_9, play.phone]',
        slides: '  - id: home\n    headline: Hi\n    screenshot: shots/en-US/{device}/home.png',
        extra: 'output: { layout: fastlane }',
      }),
    });
    expect(loadProject({ cwd: dir }).plan.all.map((j) => j.output.path)).toEqual([
      'fastlane/screenshots/zh-Hant/01_appstore.iphone_6_9_home.png',
      'fastlane/metadata/android/zh-TW/images/phoneScreenshots/01_home.png',
    ]);
  });

  it('a locale a target store does not accept is an error at its line', () => {
    const dir = tempProject({
      'screenshots.yml': base({
        locales: '[en-US, sw]',
        slides: '  - id: home\n    headline: Hi\n    screenshot: shots/en-US/{device}/home.png',
      }),
    });
    expect(() => loadProject({ cwd: dir })).toThrow(
      /screenshots\.yml:2:\d+: error: Locale "sw" at locales\[1\] is not a locale the App Store accepts/,
    );
  });

  it('two locales that map to one store folder are refused in the fastlane layout', () => {
    const dir = tempProject({
      'screenshots.yml': base({
        locales: '[zh-Hans, zh-CN]',
        presets: '[play.phone]',
        slides: '  - id: home\n    headline: Hi\n    screenshot: shots/en-US/{device}/home.png',
        extra: 'output: { layout: fastlane }',
      }),
    });
    expect(() => loadProject({ cwd: dir })).toThrow(
      /Locales "zh-Hans" and "zh-CN" at locales\[1\] both map to Google Play's zh-CN/,
    );
  });

  const collision = (locales: string, presets: string) => {
    const dir = tempProject({
      'screenshots.yml': base({
        locales,
        presets,
        slides: '  - id: home\n    headline: Hi\n    screenshot: shots/en-US/{device}/home.png',
        extra: 'output: { layout: fastlane }',
      }),
    });
    try {
      loadProject({ cwd: dir });
    } catch (e) {
      return (e as UserError).message.split('\n');
    }
    return [];
  };

  it('refuses a folder collision whichever locale comes first, in each store, and only in the fastlane layout', () => {
    expect(collision('[zh-CN, zh-Hans]', '[play.phone]')).toEqual([
      expect.stringMatching(
        /^screenshots\.yml:2:\d+: error: Locales "zh-CN" and "zh-Hans" at locales\[1\] both map to Google Play's zh-CN, so their fastlane folders would collide; keep one$/,
      ),
    ]);
    // he and iw are one language: Play's iw-IL, the App Store's he.
    expect(collision('[he, iw]', '[play.phone]')).toEqual([
      expect.stringMatching(
        /^screenshots\.yml:2:\d+: error: Locales "he" and "iw" at locales\[1\] both map to Google Play's iw-IL, so their fastlane folders would collide; keep one$/,
      ),
    ]);
    expect(collision('[iw, he]', '[appstore.iphone_6_9]')).toEqual([
      expect.stringMatching(
        /^screenshots\.yml:2:\d+: error: Locales "iw" and "he" at locales\[1\] both map to the App Store's he, so their fastlane folders would collide; keep one$/,
      ),
    ]);
    expect(collision('[en-US, he, iw]', '[appstore.iphone_6_9, play.phone]')).toHaveLength(2);
    expect(collision('[zh-Hans, zh-Hant]', '[appstore.iphone_6_9, play.phone]')).toEqual([]);
  });
});
