import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../src/manifest/load.js';
import { buildPlan, mergeStyle, parseShard, scriptOf, selectJobs } from '../src/plan/plan.js';
import { loadProject } from '../src/project.js';
import { ROOT } from './helpers/cli.js';
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
