import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../src/manifest/load.js';
import type { Style } from '../src/manifest/types.js';
import { buildPlan, mergeStyle, parseShard, scriptOf, selectJobs } from '../src/plan/plan.js';
import { pseudoLocalize } from '../src/plan/pseudo.js';
import { loadProject } from '../src/project.js';
import { ROOT } from './helpers/cli.js';
import { tempProject } from './helpers/l10n.js';
import { PLAY } from '../src/store/facts.js';

const THEME = {
  name: 'test',
  style: {
    layout: 'text-top' as const,
    background: { color: '#000000', angle: 0 },
    headline: { color: '#111111', weight: 400, size: 0.08 },
    device: { frame: 'auto', color: 'black' },
  },
};

const MANIFEST = `version: 1
locales: [en-US, de-DE, ar]
presets:
  - appstore.iphone_6_9
  - id: appstore.ipad_13@landscape
    style: { headline: { weight: 900 } }
  - { id: play.phone, size: 1080x2160 }
style:
  background: { color: "#222222" }
  headline: { color: "#ffffff" }
locale-style:
  ar: { headline: { font: Noto Sans Arabic } }
  Arab: { headline: { weight: 500, font: Noto Naskh Arabic } }
screenshots: shots/{locale}/{device}/{slide}.png
slides:
  - id: home
    headline: { en-US: Home, de-DE: Start, ar: الرئيسية }
    style: { background: { angle: 45 }, headline: { weight: 700 } }
  - id: stats
    headline: { key: stats_title }
    subtitle: { en-US: Numbers }
  - id: tablet-only
    headline: Tablets
    presets: [appstore.ipad_13@landscape]
fallback-locale: en-US
output: { dir: out, layout: flat }
`;

function plan(
  text = MANIFEST,
  strings: Record<string, Record<string, string>> = {
    'en-US': { stats_title: 'Stats' },
    'de-DE': { stats_title: 'Statistik' },
  },
) {
  const loaded = parseManifest(text, 'm.yml', '/proj');
  return buildPlan({ loaded, theme: THEME, strings, cwd: '/proj' });
}

describe('plan', () => {
  it('has one job per (locale, preset, slide) in a deterministic order', () => {
    const { plan: p, problems } = plan();
    expect(problems).toEqual([]);
    // 3 locales x (2 + 3 + 2) slides: the tablet-only slide renders for one preset.
    expect(p.all).toHaveLength(21);
    expect(p.all.slice(0, 7).map((j) => `${j.preset}/${j.slide}`)).toEqual([
      'appstore.iphone_6_9/home',
      'appstore.iphone_6_9/stats',
      'appstore.ipad_13@landscape/home',
      'appstore.ipad_13@landscape/stats',
      'appstore.ipad_13@landscape/tablet-only',
      'play.phone/home',
      'play.phone/stats',
    ]);
    expect(p.all.map((j) => j.locale)).toEqual([
      ...Array(7).fill('en-US'),
      ...Array(7).fill('de-DE'),
      ...Array(7).fill('ar'),
    ]);
    expect(plan().plan.all).toEqual(p.all);
  });

  it('resolves sizes, devices, paths and text', () => {
    const { plan: p } = plan();
    const ipad = p.all.find((j) => j.id === 'de-DE/appstore.ipad_13@landscape/stats')!;
    expect(ipad.size).toEqual({ width: 2752, height: 2064 });
    expect(ipad.landscape).toBe(true);
    expect(ipad.device).toBe('ipad');
    expect(ipad.screenshot).toBe(path.resolve('/proj/shots/de-DE/ipad/stats.png'));
    expect(ipad.output.path).toBe('de-DE/appstore.ipad_13@landscape/02-stats.png');
    expect(ipad.headline).toEqual({ text: 'Statistik', origin: 'strings', key: 'stats_title', locale: 'de-DE' });
    expect(ipad.subtitle).toEqual({ text: 'Numbers', origin: 'fallback', locale: 'en-US' });
    expect(ipad.count).toBe(3);
    expect(p.all.find((j) => j.id === 'en-US/play.phone/home')!.size).toEqual({ width: 1080, height: 2160 });
    const ar = p.all.find((j) => j.id === 'ar/appstore.iphone_6_9/stats')!;
    expect(ar.rtl).toBe(true);
    expect(ar.headline).toEqual({ text: 'Stats', origin: 'fallback', key: 'stats_title', locale: 'en-US' });
    expect(p.outDir).toBe(path.resolve('/proj/out'));
  });

  it('merges style: theme -> manifest -> locale -> slide -> preset', () => {
    const { plan: p } = plan();
    const home = p.all.find((j) => j.id === 'ar/appstore.ipad_13@landscape/home')!;
    expect(home.style.background).toEqual({ color: '#222222', angle: 45 });
    // Arab and ar both name a font: the language (ar) beats the script (Arab).
    // A layer above the theme changes the background but not the headline colour: auto, preferring #ffffff (docs/design.md).
    expect(home.style.headline).toEqual({
      color: 'auto',
      'auto-prefer': '#ffffff',
      weight: 900,
      size: 0.08,
      font: 'Noto Sans Arabic',
    });
    const phone = p.all.find((j) => j.id === 'ar/appstore.iphone_6_9/stats')!;
    expect(phone.style.headline).toEqual({ color: '#ffffff', weight: 500, size: 0.08, font: 'Noto Sans Arabic' }); // script-level weight
    const en = p.all.find((j) => j.id === 'en-US/appstore.iphone_6_9/home')!;
    expect(en.style.headline).toEqual({ color: 'auto', 'auto-prefer': '#ffffff', weight: 700, size: 0.08 });
    expect(en.style.device).toEqual({ frame: 'auto', color: 'black' });
  });

  it('mergeStyle replaces arrays and keeps earlier layers intact', () => {
    const a = { background: { gradient: ['#000', '#111'], angle: 10 } };
    const out = mergeStyle(a, { background: { gradient: ['#fff', '#eee', '#ddd'] } });
    expect(out.background).toEqual({ gradient: ['#fff', '#eee', '#ddd'], angle: 10 });
    expect(a.background.gradient).toEqual(['#000', '#111']);
  });

  it('reports a rejected size for a fixed-size preset', () => {
    const { problems } = plan(
      MANIFEST.replace('- appstore.iphone_6_9', '- { id: appstore.iphone_6_9, size: 1000x2000 }'),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'Expected one of the sizes appstore.iphone_6_9 accepts (1320x2868, 1290x2796, 1260x2736) for presets[0].size but received "1000x2000"',
    ]);
  });

  it('renders a @landscape preset at the landscape size it names, and refuses a portrait size for it', () => {
    const { plan: p, problems } = plan(
      MANIFEST.replace('- id: appstore.ipad_13@landscape', '- id: appstore.ipad_13@landscape\n    size: 2732x2048'),
    );
    expect(problems).toEqual([]);
    const ipad = p.all.filter((j) => j.preset === 'appstore.ipad_13@landscape');
    expect(ipad).toHaveLength(9);
    for (const j of ipad) {
      expect(j.size).toEqual({ width: 2732, height: 2048 });
      expect(j.landscape).toBe(true);
    }
    const portrait = plan(
      MANIFEST.replace('- id: appstore.ipad_13@landscape', '- id: appstore.ipad_13@landscape\n    size: 2048x2732'),
    );
    expect(portrait.problems.map((x) => `${x.at?.line}:${x.at?.column} ${x.message}`)).toEqual([
      '6:11 Expected one of the sizes appstore.ipad_13@landscape accepts (2752x2064, 2732x2048) for presets[1].size but received "2048x2732"',
    ]);
    const play = plan(
      MANIFEST.replace('{ id: play.phone, size: 1080x2160 }', '{ id: play.phone@landscape, size: 1080x2160 }'),
    );
    expect(play.problems.map((x) => x.message)).toEqual([
      'Expected a landscape size (wider than tall) for play.phone@landscape for presets[2].size but received "1080x2160"',
    ]);
    const wide = plan(
      MANIFEST.replace('{ id: play.phone, size: 1080x2160 }', '{ id: play.phone@landscape, size: 2160x1080 }'),
    );
    expect(wide.problems).toEqual([]);
    expect(wide.plan.all.find((j) => j.id === 'en-US/play.phone@landscape/home')!.size).toEqual({
      width: 2160,
      height: 1080,
    });
  });

  it("bounds an any-size Play preset by Play's rules: each side, the tablet maximum and the aspect", () => {
    const { minSide, maxSide, largeMaxSide, maxAspect } = PLAY;
    const problemsFor = (id: string, w: number, h: number) =>
      plan(MANIFEST.replace('{ id: play.phone, size: 1080x2160 }', `{ id: ${id}, size: ${w}x${h} }`)).problems.map(
        (x) => `${x.at?.line}:${x.at?.column} ${x.message}`,
      );
    const refused = (id: string, w: number, h: number, max: number = maxSide) => [
      // line 7, "  - { id: <id>, size: " before the value
      `7:${id.length + 19} Expected a size within Play's rules for ${id} (each side ${minSide}-${max} px, the long side at most ${maxAspect}x the short) for presets[2].size but received "${w}x${h}"`,
    ];
    // At each bound: accepted.
    expect(problemsFor('play.phone', minSide, minSide * maxAspect)).toEqual([]);
    expect(problemsFor('play.phone', maxSide / maxAspect, maxSide)).toEqual([]);
    expect(problemsFor('play.tablet_10', largeMaxSide / maxAspect, largeMaxSide)).toEqual([]);
    expect(problemsFor('play.phone@landscape', minSide * maxAspect, minSide)).toEqual([]);
    // One pixel past each: refused, with the bounds of that preset.
    expect(problemsFor('play.phone', minSide - 1, minSide)).toEqual(refused('play.phone', minSide - 1, minSide));
    // (a short side that keeps the aspect, so only the maximum refuses)
    expect(problemsFor('play.phone', maxSide / maxAspect + 100, maxSide + 1)).toEqual(
      refused('play.phone', maxSide / maxAspect + 100, maxSide + 1),
    );
    expect(problemsFor('play.tablet_10', largeMaxSide / maxAspect + 100, largeMaxSide + 1)).toEqual(
      refused('play.tablet_10', largeMaxSide / maxAspect + 100, largeMaxSide + 1, largeMaxSide),
    );
    expect(problemsFor('play.phone', 1000, 1000 * maxAspect + 1)).toEqual(
      refused('play.phone', 1000, 1000 * maxAspect + 1),
    );
    expect(problemsFor('play.phone@landscape', 1000 * maxAspect + 1, 1000)).toEqual(
      refused('play.phone@landscape', 1000 * maxAspect + 1, 1000),
    );
    // A square is neither portrait nor landscape: a @landscape reference needs it wider than tall.
    expect(problemsFor('play.phone@landscape', 1080, 1080)).toEqual([
      '7:39 Expected a landscape size (wider than tall) for play.phone@landscape for presets[2].size but received "1080x1080"',
    ]);
    expect(problemsFor('play.phone', 1080, 1080)).toEqual([]);
  });

  it('names an unknown preset at its line, with the closest known one, whichever way it is written', () => {
    const { problems } = plan(
      MANIFEST.replace('  - appstore.iphone_6_9\n', '  - appstore.iphone_69\n').replace(
        '{ id: play.phone, size: 1080x2160 }',
        '{ id: play.phon, size: 1080x2160 }',
      ),
    );
    expect(problems.map((x) => `${x.at?.line}:${x.at?.column} ${x.field} ${x.message}`)).toEqual([
      '4:5 presets[0] Unknown preset "appstore.iphone_69" at presets[0] (did you mean "appstore.iphone_6_9"?); run "storeshots presets" for the list',
      '7:11 presets[2].id Unknown preset "play.phon" at presets[2].id (did you mean "play.phone"?); run "storeshots presets" for the list',
    ]);
  });

  it('refuses a fallback-locale that is not one of the locales, at its line', () => {
    const { problems } = plan(MANIFEST.replace('fallback-locale: en-US', 'fallback-locale: fr-FR'));
    // (The texts that relied on the fallback are reported too, each at its own field.)
    expect(
      problems
        .filter((x) => x.field === 'fallback-locale')
        .map((x) => `${x.at?.line}:${x.at?.column} ${x.field} ${x.message}`),
    ).toEqual([
      '25:18 fallback-locale Expected one of the manifest\'s locales (en-US, de-DE, ar) for fallback-locale but received "fr-FR"',
    ]);
  });

  it('refuses a preset listed twice and plans it once', () => {
    const { plan: p, problems } = plan(
      MANIFEST.replace(
        '  - appstore.iphone_6_9\n',
        '  - appstore.iphone_6_9\n  - { id: appstore.iphone_6_9, size: 1290x2796 }\n',
      ),
    );
    expect(problems.map((x) => `${x.at?.line}:${x.at?.column} ${x.message}`)).toEqual([
      '5:11 Preset "appstore.iphone_6_9" is listed twice at presets[1].id',
    ]);
    expect(p.presets).toEqual(['appstore.iphone_6_9', 'appstore.ipad_13@landscape', 'play.phone']);
    expect(p.all).toHaveLength(21);
    expect(new Set(p.all.map((j) => j.id)).size).toBe(21);
    expect(p.all.find((j) => j.id === 'en-US/appstore.iphone_6_9/home')!.size).toEqual({ width: 1320, height: 2868 });
  });

  it("writes fastlane-layout paths with each store's locale codes", () => {
    const { plan: p } = plan(MANIFEST.replace('layout: flat', 'layout: fastlane'));
    const paths = p.all.filter((j) => j.locale === 'ar' && j.slide === 'home').map((j) => j.output.path);
    expect(paths).toEqual([
      'fastlane/screenshots/ar-SA/01_appstore.iphone_6_9_home.png',
      'fastlane/screenshots/ar-SA/01_appstore.ipad_13-landscape_home.png',
      'fastlane/metadata/android/ar/images/phoneScreenshots/01_home.png',
    ]);
  });
});

describe('an --out inside the screenshot folder', () => {
  it('is one problem naming --out (it has no manifest position), not a crash', () => {
    const loaded = parseManifest(MANIFEST, 'm.yml', '/proj');
    const { problems } = buildPlan({ loaded, theme: THEME, strings: {}, cwd: '/proj', outDir: 'shots/en-US' });
    const out = problems.filter((x) => x.field === '--out');
    expect(out).toHaveLength(1);
    expect(out[0]!.message).toMatch(/^Expected an output folder outside the screenshot folder shots/);
    expect(out[0]!.at).toBeUndefined();
  });
});

describe('selection and shards', () => {
  const { plan: p } = plan();

  it('filters by locale, preset and slide', () => {
    const sel = selectJobs(p, { locales: ['de-DE'], presets: ['play.phone'], slides: ['home'] });
    expect(sel.jobs.map((j) => j.id)).toEqual(['de-DE/play.phone/home']);
    expect(sel.all).toBe(p.all);
    expect(() => selectJobs(p, { locales: ['fr-FR'] })).toThrow(/Unknown locale "fr-FR"/);
    expect(() => selectJobs(p, { presets: ['play.phon'] })).toThrow(
      /Unknown preset "play.phon" \(did you mean "play.phone"/,
    );
    expect(() => selectJobs(p, { slides: ['hom'] })).toThrow(/Unknown slide "hom" \(did you mean "home"/);
    expect(p.presets.length).toBeGreaterThan(1);
    expect(() => selectJobs(p, { presets: ['play.phon'] })).toThrow(`; the manifest has: ${p.presets.join(', ')}`);
  });

  it('every job lands in exactly one shard, and shards are balanced within one job', () => {
    for (let n = 1; n <= 25; n++) {
      const shards = Array.from({ length: n }, (_, i) =>
        selectJobs(p, { shard: `${i + 1}/${n}` }).jobs.map((j) => j.id),
      );
      const flat = shards.flat();
      expect(flat.slice().sort()).toEqual(p.all.map((j) => j.id).sort());
      expect(new Set(flat).size).toBe(p.all.length);
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    // Stable: the same shard of the same plan is the same jobs.
    expect(selectJobs(p, { shard: '2/3' }).jobs).toEqual(selectJobs(p, { shard: '2/3' }).jobs);
  });

  it('rejects a malformed shard', () => {
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1-3', 'x1/3', '1/3x', '1/257'])
      expect(() => parseShard(bad), bad).toThrow(/Expected a shard "i\/n" with 1 <= i <= n <= 256 for --shard/);
  });

  it('accepts up to 256 shards, and spaces around the value', () => {
    expect(parseShard('256/256')).toEqual({ index: 256, total: 256 });
    expect(parseShard(' 2/3 ')).toEqual({ index: 2, total: 3 });
  });
});

describe('the example project', () => {
  it('plans 48 images over 12 sets with the example shots', () => {
    const { plan: p } = loadProject({ config: path.join(ROOT, 'examples/habitual/screenshots.yml'), cwd: ROOT });
    expect(p.all).toHaveLength(48);
    expect(new Set(p.all.map((j) => j.set)).size).toBe(12);
    // The feature-list slide draws no device, so it takes no screenshot.
    const withShot = p.all.filter((j) => j.slide !== 'features');
    expect(withShot.every((j) => j.screenshot?.startsWith(path.join(ROOT, 'examples/habitual/shots/')))).toBe(true);
    expect(p.all.filter((j) => j.slide === 'features').every((j) => j.screenshot === undefined)).toBe(true);
  });
});

describe('the script a locale implies (what a locale-style script key such as Arab or Hant targets)', () => {
  // The reference is CLDR's likely subtags as the runtime's ICU has them (Intl.Locale#maximize).
  const likely = (l: string) => new Intl.Locale(l).maximize().script;
  it('agrees with CLDR for every language written in a non-Latin script it knows', () => {
    const langs = 'ar fa ur he iw ja ko zh th hi mr bn gu pa ta te kn ml or el ru uk be bg sr mk hy ka'.split(' ');
    for (const l of langs) expect(scriptOf(l), l).toBe(likely(l));
    for (const l of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-CN', 'ar-SA', 'ru-RU', 'ja-JP'])
      expect(scriptOf(l), l).toBe(likely(l));
  });
  it('takes a script written in the locale over the one its language implies, and names none for Latin ones', () => {
    expect(scriptOf('sr-Latn')).toBe('Latn');
    expect(scriptOf('zh-Hant-CN')).toBe('Hant');
    expect(scriptOf('zh-Hans-HK')).toBe('Hans');
    // Only Chinese turns Traditional in Taiwan, Hong Kong and Macao: English or Portuguese there stays Latin.
    for (const l of ['en-US', 'de', 'pt-BR', 'en-HK', 'pt-MO', 'en-TW']) expect(scriptOf(l), l).toBeUndefined();
  });
  it('reads a variant after the region (zh-TW-1996, de-1901) as a variant, not as a script or the end of the tag', () => {
    // The reference: the script the tag writes, else CLDR's likely one when it is not Latin.
    const reference = (l: string) => {
      const tag = new Intl.Locale(l);
      const likelyScript = tag.maximize().script;
      return tag.script ?? (likelyScript === 'Latn' ? undefined : likelyScript);
    };
    const tags = ['zh-TW-1996', 'zh-HK-jyutping', 'zh-MO-abcde', 'zh-CN-1996', 'ja-JP-2000', 'el-polyton'];
    // A region is the whole subtag: variants that merely start or end with TW, HK or MO are not one.
    const lookalikes = ['zh-twabcd', 'zh-abcdhk', 'zh-mo1234'];
    for (const l of [...tags, ...lookalikes, 'de-1901', 'de-DE-1901', 'sr-Cyrl-RS-1996'])
      expect(scriptOf(l), l).toBe(reference(l));
    expect(lookalikes.map(scriptOf)).toEqual(['Hans', 'Hans', 'Hans']);
    expect(tags.map(scriptOf)).toEqual(['Hant', 'Hant', 'Hant', 'Hans', 'Jpan', 'Grek']);
  });
});

// Mutation survivors of buildPlan judged by hand (issue #14): each test below was seen failing with
// the mutant it names planted (scripts/mutation-equivalent.json lists them as "not equivalent").
const planOf = (text: string, over: Omit<Parameters<typeof buildPlan>[0], 'loaded' | 'theme'> = {}) =>
  buildPlan({ loaded: parseManifest(text, 'm.yml', '/proj'), theme: THEME, strings: {}, cwd: '/proj', ...over });
const small = (over: { locales?: string; slides: string; extra?: string; presets?: string }) => `version: 1
locales: ${over.locales ?? '[en-US, de-DE]'}
presets: ${over.presets ?? '[appstore.iphone_6_9]'}
screenshots: shots/{locale}/{slide}.png
slides:
${over.slides}
${over.extra ?? ''}
`;
const job = (r: ReturnType<typeof buildPlan>, id: string) => {
  const j = r.plan.all.find((x) => x.id === id);
  if (!j) throw new Error(`no job ${id}`);
  return j;
};

describe('where a text comes from', () => {
  it('calls a text the same as the fallback one possibly untranslated only when it has letters (inline and from keys)', () => {
    const r = planOf(
      small({
        slides: `  - id: a
    headline: { en-US: Fotos, de-DE: Fotos }
    subtitle: { en-US: "100", de-DE: "100" }
  - id: b
    headline: { key: photos }
    subtitle: { key: hundred }`,
        extra: 'fallback-locale: en-US',
      }),
      { strings: { 'en-US': { photos: 'Fotos', hundred: '100' }, 'de-DE': { photos: 'Fotos', hundred: '100' } } },
    );
    expect(r.problems).toEqual([]);
    expect(r.warnings.map((w) => [w.message, w.field])).toEqual([
      [
        'The de-DE headline at slides[0].headline is the same as the en-US one: possibly untranslated (text.untranslated)',
        'slides[0].headline',
      ],
      [
        'The de-DE text for key "photos" at slides[1].headline is the same as the en-US text: possibly untranslated (text.untranslated)',
        'slides[1].headline',
      ],
    ]);
    const a = job(r, 'de-DE/appstore.iphone_6_9/a');
    expect(a.headline).toEqual({ text: 'Fotos', origin: 'inline', locale: 'de-DE', sameAsFallback: true });
    expect(a.subtitle).toEqual({ text: '100', origin: 'inline', locale: 'de-DE' });
    const b = job(r, 'de-DE/appstore.iphone_6_9/b');
    expect(b.headline).toEqual({
      text: 'Fotos',
      origin: 'strings',
      key: 'photos',
      locale: 'de-DE',
      sameAsFallback: true,
    });
    expect(b.subtitle).toEqual({ text: '100', origin: 'strings', key: 'hundred', locale: 'de-DE' });
  });

  it('takes a key marked not to be translated from the first locale that has it, and never calls it untranslated', () => {
    // No en-US table at all (the fallback), no sources: the text comes from de-DE for every locale.
    const r = planOf(
      small({
        locales: '[en-US, de-DE, fr-FR]',
        slides: `  - id: a
    headline: { key: only_de }
  - id: b
    headline: { key: nowhere }`,
        extra: 'fallback-locale: en-US',
      }),
      { strings: { 'de-DE': { only_de: 'Nur' } }, fixedKeys: new Set(['only_de', 'nowhere']) },
    );
    const shared = { text: 'Nur', origin: 'strings', key: 'only_de', locale: 'de-DE', fixed: true };
    for (const l of ['en-US', 'de-DE', 'fr-FR']) expect(job(r, `${l}/appstore.iphone_6_9/a`).headline).toEqual(shared);
    expect(r.problems.map((x) => [x.message, x.field])).toEqual(
      ['en-US', 'de-DE', 'fr-FR'].map((l) => [
        `No text for key "nowhere" in locale ${l} at slides[1].headline (nor in the fallback en-US); add it to the strings files or set fallback-locale`,
        'slides[1].headline',
      ]),
    );
    expect(r.warnings).toEqual([]);

    // The same text in the fallback and in de-DE: shared on purpose, not untranslated.
    const same = planOf(small({ slides: '  - id: a\n    headline: { key: brand }', extra: 'fallback-locale: en-US' }), {
      strings: { 'en-US': { brand: 'Acme' }, 'de-DE': { brand: 'Acme' } },
      fixedKeys: new Set(['brand']),
    });
    expect(same.warnings).toEqual([]);
    expect(job(same, 'de-DE/appstore.iphone_6_9/a').headline).toEqual({
      text: 'Acme',
      origin: 'strings',
      key: 'brand',
      locale: 'de-DE',
      fixed: true,
    });
  });

  it('names the missing inline locale, and says when there is no fallback-locale', () => {
    const text = '  - id: a\n    headline: { fr-FR: Salut }';
    const withFallback = planOf(small({ locales: '[en-US, fr-FR]', slides: text, extra: 'fallback-locale: en-US' }));
    expect(withFallback.problems.map((x) => x.message)).toEqual([
      'No headline for locale en-US at slides[0].headline; add "en-US: …" or set fallback-locale',
    ]);
    const without = planOf(small({ locales: '[en-US, fr-FR]', slides: text }));
    expect(without.problems.map((x) => x.message)).toEqual([
      'No headline for locale en-US at slides[0].headline and no fallback-locale; add "en-US: …" or set fallback-locale',
    ]);
  });

  it('pseudo-locales keep the key their text came from, and take the first real locale as their base', () => {
    const r = planOf(small({ locales: '[pseudo, en-US]', slides: '  - id: a\n    headline: { key: hi }' }), {
      strings: { 'en-US': { hi: 'Hello' } },
    });
    expect(r.problems).toEqual([]);
    expect(job(r, 'pseudo/appstore.iphone_6_9/a').headline).toEqual({
      text: pseudoLocalize('Hello', false),
      origin: 'pseudo',
      locale: 'pseudo',
      key: 'hi',
    });
  });
});

describe('the files a plan reads, each named where the manifest writes it', () => {
  const files = (text: string, theme: { name: string; style: Style } = THEME) => {
    const loaded = parseManifest(text, 'm.yml', '/proj');
    const r = buildPlan({ loaded, theme, strings: {}, cwd: '/proj' });
    return { ...r, at: (...fp: Array<string | number>) => loaded.positionOf(fp) };
  };

  it('lists fonts, background images (builtin ones too), font files and frame PNGs of every style layer', () => {
    const r = files(`version: 1
locales: [en-US]
presets:
  - appstore.iphone_6_9
  - id: play.phone
    style: { device: { frame: frames/play.png } }
fonts: [fonts/A.ttf]
screenshots: shots/{locale}/{slide}.png
style:
  background: { image: "builtin:photo-dusk.jpg" }
  headline: { font: Acme.ttf }
  subtitle: { font: "Display.ttf Pro" }
  device: { frame: iphone-island }
locale-style:
  en-US: { headline: { font: fonts/B } }
slides:
  - id: a
    headline: Hi
    style: { background: { image: bg/a.png } }
feature-graphic:
  style: { background: { image: bg/fg.png } }
`);
    expect(r.problems).toEqual([]);
    const fg = ['feature-graphic', 'style', 'background', 'image'];
    expect(r.files).toEqual([
      { abs: path.resolve('/proj/fonts/A.ttf'), what: 'font file', field: 'fonts[0]', at: r.at('fonts', 0) },
      {
        abs: path.join(ROOT, 'templates', 'photo-dusk.jpg'),
        what: 'background image',
        field: 'style.background.image',
        at: r.at('style', 'background', 'image'),
      },
      {
        abs: path.resolve('/proj/Acme.ttf'),
        what: 'font file',
        field: 'style.headline.font',
        at: r.at('style', 'headline', 'font'),
      },
      {
        abs: path.resolve('/proj/fonts/B'),
        what: 'font file',
        field: 'locale-style.en-US.headline.font',
        at: r.at('locale-style', 'en-US', 'headline', 'font'),
      },
      {
        abs: path.resolve('/proj/bg/a.png'),
        what: 'background image',
        field: 'slides[0].style.background.image',
        at: r.at('slides', 0, 'style', 'background', 'image'),
      },
      {
        abs: path.resolve('/proj/frames/play.png'),
        what: 'frame PNG',
        field: 'presets[1].style.device.frame',
        at: r.at('presets', 1, 'style', 'device', 'frame'),
      },
      {
        abs: path.resolve('/proj/bg/fg.png'),
        what: 'background image',
        field: 'feature-graphic.style.background.image',
        at: r.at(...fg),
      },
    ]);
    expect(r.plan.all[0]!.fonts).toEqual([path.resolve('/proj/fonts/A.ttf')]);
  });

  it("reports a theme's files at the manifest's theme line, naming the theme", () => {
    const theme = {
      name: 't',
      style: { ...THEME.style, background: { image: 'builtin:photo-dusk.jpg' }, headline: { font: 'fonts/T.ttf' } },
    };
    const r = files(small({ locales: '[en-US]', slides: '  - id: a\n    headline: Hi', extra: 'theme: t' }), theme);
    expect(r.files).toEqual([
      {
        abs: path.join(ROOT, 'templates', 'photo-dusk.jpg'),
        what: 'background image (in theme t)',
        field: 'theme.background.image',
        at: r.at('theme'),
      },
      // (a builtin image is named at its field in the theme, a file at the theme: line)
      { abs: path.resolve('/proj/fonts/T.ttf'), what: 'font file (in theme t)', field: 'theme', at: r.at('theme') },
    ]);
  });

  it('refuses a builtin image in a subfolder of the templates, and paths that leave the project, at their fields', () => {
    const r = files(
      small({
        locales: '[en-US]',
        slides: '  - id: a\n    headline: Hi',
        extra:
          'style: { background: { image: "builtin:sub/x.png" } }\nfonts: [../../f.ttf]\napp: { icon: ../../icon.png }',
      }),
    );
    expect(r.problems.map((x) => [x.message, x.field])).toEqual([
      ['Path "../../f.ttf" at fonts[0] leaves the manifest\'s folder and the working directory', 'fonts[0]'],
      [
        'Expected builtin:NAME naming an image shipped in the templates folder for style.background.image but received "builtin:sub/x.png"',
        'style.background.image',
      ],
      ['Path "../../icon.png" at app.icon leaves the manifest\'s folder and the working directory', 'app.icon'],
    ]);
    expect(r.files).toEqual([]);
    expect(r.plan.all[0]!.fonts).toEqual([]);
  });
});

describe('what each job is made of', () => {
  const one = (slides: string, extra = '', presets = '[appstore.iphone_6_9]') =>
    planOf(small({ locales: '[en-US]', presets, slides, extra }));

  it("the feature graphic takes the feature-graphic section's texts, else the app's tagline, else the first headline", () => {
    const presets = '[play.phone, play.feature_graphic]';
    const slides = '  - id: a\n    headline: First';
    const fgId = 'en-US/play.feature_graphic/feature-graphic';
    const loaded = parseManifest(
      small({
        locales: '[en-US]',
        presets,
        slides,
        extra: `app: { tagline: Tag }
feature-graphic:
  headline: Big
  subtitle: Small
  screenshot: fg/{locale}.png
  style: { background: { color: "#123456" } }`,
      }),
      'm.yml',
      '/proj',
    );
    const full = buildPlan({ loaded, theme: THEME, strings: {}, cwd: '/proj' });
    expect(full.problems).toEqual([]);
    const fg = job(full, fgId);
    expect([fg.headline?.text, fg.subtitle?.text, fg.screenshot]).toEqual([
      'Big',
      'Small',
      path.resolve('/proj/fg/en-US.png'),
    ]);
    expect([fg.style.layout, fg.style.background?.color]).toEqual(['feature', '#123456']);
    expect(fg.source.slide).toEqual(loaded.positionOf(['feature-graphic']));

    const tagline = planOf(small({ locales: '[en-US]', presets, slides, extra: 'app: { tagline: Tag }' }));
    expect(job(tagline, fgId).headline?.text).toBe('Tag');
    expect(job(tagline, fgId).source.slide).toEqual(
      parseManifest(
        small({ locales: '[en-US]', presets, slides, extra: 'app: { tagline: Tag }' }),
        'm.yml',
        '/proj',
      ).positionOf(['slides', 0]),
    );
    expect(job(one(slides, '', presets), fgId).headline?.text).toBe('First');
  });

  it("names a slide's own screenshot fields when they leave the project, and keeps the third screenshot", () => {
    const bad = one(
      '  - id: a\n    headline: Hi\n    screenshot: ../../a.png\n    second-screenshot: ../../b.png\n    third-screenshot: ../../c.png',
    );
    // (manifest-hostile.test.ts: a path that leaves the project is not also a screenshot folder)
    expect(bad.problems.filter((x) => x.field?.startsWith('slides')).map((x) => [x.message, x.field])).toEqual(
      [
        ['a', 'screenshot'],
        ['b', 'second-screenshot'],
        ['c', 'third-screenshot'],
      ].map(([f, field]) => [
        `Path "../../${f}.png" at slides[0].${field} leaves the manifest's folder and the working directory`,
        `slides[0].${field}`,
      ]),
    );
    const good = one('  - id: a\n    headline: Hi\n    second-screenshot: s/b.png\n    third-screenshot: s/c.png');
    expect([good.plan.all[0]!.secondScreenshot, good.plan.all[0]!.thirdScreenshot]).toEqual([
      path.resolve('/proj/s/b.png'),
      path.resolve('/proj/s/c.png'),
    ]);
  });

  it('writes the output format, quality and PNG compression into every job', () => {
    const slides = '  - id: a\n    headline: Hi';
    expect(one(slides).plan.all[0]!.output).toEqual({
      path: 'en-US/appstore.iphone_6_9/01-a.png',
      format: 'png',
      quality: 90,
    });
    expect(one(slides, 'output: { format: jpeg, quality: 80 }').plan.all[0]!.output).toEqual({
      path: 'en-US/appstore.iphone_6_9/01-a.jpg',
      format: 'jpeg',
      quality: 80,
    });
    expect(one(slides, 'output: { compression: fast }').plan.all[0]!.output).toEqual({
      path: 'en-US/appstore.iphone_6_9/01-a.png',
      format: 'png',
      quality: 90,
      compression: 'fast',
    });
  });

  it('takes a single callout:, and a call-out limited to other locales is left out', () => {
    const c = '{ x: 1, y: 2, width: 30, height: 40 }';
    expect(one(`  - id: a\n    headline: Hi\n    callout: ${c}`).plan.all[0]!.callouts).toEqual([
      { x: 1, y: 2, width: 30, height: 40 },
    ]);
    const limited = one(
      `  - id: a\n    headline: Hi\n    callouts: [{ x: 1, y: 2, width: 30, height: 40, locales: [de-DE] }]`,
    );
    expect(limited.plan.all[0]!.callouts).toBeUndefined();
  });

  it('a web capture is a job field naming where it is written, in a private folder, by what it asks for', () => {
    const r = one(
      '  - id: a\n    headline: Hi\n    screenshot: { capture: { url: "https://example.com/", viewport: { width: 360, height: 640 } } }',
    );
    expect(r.problems).toEqual([]);
    const j = r.plan.all[0]!;
    expect(j.capture).toEqual({
      spec: { url: 'https://example.com/', viewport: { width: 360, height: 640 } },
      field: 'slides[0].screenshot.capture',
    });
    expect(path.basename(path.dirname(j.screenshot!))).toMatch(/^storeshots-captures-/);
    expect(path.basename(j.screenshot!)).toMatch(/^[0-9a-f]{64}\.png$/);
  });

  it('plans appearances without any appearance-style', () => {
    const r = one('  - id: a\n    headline: Hi', 'appearances: [light, dark]');
    expect(r.problems).toEqual([]);
    expect(r.plan.all.map((j) => j.appearance)).toEqual(['light', 'dark']);
  });

  it('a content layout set for the whole manifest is missing at the slide, not at a style it does not have', () => {
    const r = one('  - id: a\n    headline: Hi', 'style: { layout: stats }');
    expect(r.problems.map((x) => [x.message, x.field])).toEqual([
      ['Slide "a" at slides[0] has layout stats but no stats: add a list of stats ({value, label})', 'slides[0]'],
    ]);
  });

  it("a slide's presets: lists the manifest's presets, or none when none is known", () => {
    const slides = '  - id: a\n    headline: Hi\n    presets: [play.tablet]';
    expect(one(slides, '', '[appstore.iphone_6_9, play.phone]').problems.map((x) => x.message)).toEqual([
      'Preset "play.tablet" at slides[0].presets[0] is not one of the manifest\'s presets (did you mean "play.phone"?); the manifest has: appstore.iphone_6_9, play.phone',
    ]);
    expect(
      one(slides, '', '[appstore.nope]')
        .problems.filter((x) => x.field === 'slides[0].presets[0]')
        .map((x) => x.message),
    ).toEqual([
      'Preset "play.tablet" at slides[0].presets[0] is not one of the manifest\'s presets; the manifest has: ',
    ]);
  });

  it('pseudo-locales have no store code, so they never collide in the fastlane layout', () => {
    const r = planOf(
      small({
        locales: '[en-US, pseudo, pseudo-rtl]',
        slides: '  - id: a\n    headline: Hi',
        extra: 'output: { layout: fastlane }',
      }),
    );
    expect(r.problems).toEqual([]);
  });
});

describe('the output folder and the screenshot folders', () => {
  it('an --out that is the screenshot folder and the working directory is shown as "."', () => {
    const loaded = parseManifest(
      small({ slides: '  - id: a\n    headline: Hi' }).replace('shots/{locale}/{slide}.png', '"{locale}/{slide}.png"'),
      'm.yml',
      '/proj',
    );
    const { problems } = buildPlan({ loaded, theme: THEME, strings: {}, cwd: '/proj', outDir: '.' });
    expect(problems).toEqual([
      {
        severity: 'error',
        field: '--out',
        message: 'Expected an output folder outside the screenshot folder . for --out but received "."',
      },
    ]);
  });

  it('the default output folder inside the screenshot folder is named, at screenshots:', () => {
    const r = planOf(
      small({ slides: '  - id: a\n    headline: Hi' }).replace('shots/{locale}', 'storeshots-out/{locale}'),
    );
    expect(r.problems.map((x) => [x.message, x.field])).toEqual([
      [
        'Expected an output folder outside the screenshot folder storeshots-out for output.dir but received "storeshots-out"',
        'screenshots',
      ],
    ]);
    expect(planOf(small({ slides: '  - id: a\n    headline: Hi' })).plan.outDir).toBe(
      path.resolve('/proj/storeshots-out'),
    );
  });

  it('an output.dir that leaves the project is the one problem, even with the screenshots beside the manifest', () => {
    const r = planOf(
      small({ slides: '  - id: a\n    headline: Hi', extra: 'output: { dir: ../../x }' }).replace(
        'shots/{locale}/{slide}.png',
        '"{locale}/{slide}.png"',
      ),
    );
    expect(r.problems.map((x) => x.message)).toEqual([
      'Path "../../x" at output.dir leaves the manifest\'s folder and the working directory',
    ]);
  });

  it('--appearance without appearances: names every appearance asked for', () => {
    const r = planOf(small({ slides: '  - id: a\n    headline: Hi' }));
    expect(() => selectJobs(r.plan, { appearances: ['light', 'dark'] })).toThrow(
      '--appearance light,dark: the manifest has no appearances: (add appearances: [light, dark])',
    );
  });
});

describe('screenshot folders', () => {
  it('{locale} finds a folder written with "_" (de_CH/ for de-CH) when the "-" one is missing, and prefers the one written as is', () => {
    const dir = tempProject({ 'shots/de_CH/a.png': 'x', 'shots/en-US/a.png': 'x', 'shots/en_US/a.png': 'x' });
    const loaded = parseManifest(
      small({ locales: '[de-CH, en-US, fr-CH]', presets: '[play.phone]', slides: '  - id: a\n    headline: Hi' }),
      'm.yml',
      dir,
    );
    const r = buildPlan({ loaded, theme: THEME, strings: {}, cwd: dir });
    expect(r.plan.all.map((j) => path.relative(dir, j.screenshot!))).toEqual(
      ['shots/de_CH/a.png', 'shots/en-US/a.png', 'shots/fr-CH/a.png'].map((f) => path.normalize(f)),
    );
  });

  it("an output folder that is a locale folder beside the manifest, or inside a slide's own screenshot folder, is refused", () => {
    const beside = planOf(
      small({ slides: '  - id: a\n    headline: Hi', extra: 'output: { dir: en-US }' }).replace(
        'shots/{locale}/{slide}.png',
        '"{locale}/{slide}.png"',
      ),
    );
    expect(beside.problems.map((x) => [x.message, x.field])).toEqual([
      [
        'Expected an output folder outside the screenshot folder en-US for output.dir but received "en-US"',
        'output.dir',
      ],
    ]);
    const own = planOf(
      small({
        slides: `  - id: a
    headline: Hi
    screenshot: own/{locale}.png
  - id: b
    headline: Web
    screenshot: { capture: { url: "https://example.com/", viewport: { width: 360, height: 640 } } }`,
        extra: 'output: { dir: own/out }',
      }),
    );
    expect(own.problems.map((x) => [x.message, x.field])).toEqual([
      [
        'Expected an output folder outside the screenshot folder own for output.dir but received "own/out"',
        'output.dir',
      ],
    ]);
  });

  it('a plain string text is inline, in the locale of the job', () => {
    const r = planOf(small({ slides: '  - id: a\n    headline: Hi' }));
    expect(job(r, 'de-DE/appstore.iphone_6_9/a').headline).toEqual({ text: 'Hi', origin: 'inline', locale: 'de-DE' });
  });
});

describe('{appearance} without appearances:', () => {
  it('is refused at the field, and the path fills it with nothing (as the "not found" message shows it)', () => {
    const r = planOf(
      small({ slides: '  - id: a\n    headline: Hi' }).replace(
        'shots/{locale}/{slide}.png',
        'shots/{appearance}/{locale}-{slide}.png',
      ),
    );
    expect(r.problems.map((x) => [x.message, x.field])).toEqual([
      [
        'The path at screenshots uses {appearance} but the manifest has no appearances:; add appearances: [light, dark]',
        'screenshots',
      ],
    ]);
    expect(r.plan.all[0]!.screenshot).toBe(path.resolve('/proj/shots/en-US-a.png'));
  });
});
