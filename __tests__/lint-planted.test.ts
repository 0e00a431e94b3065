// The planted-defects fixture (issue 4, "Done when"): a run whose images and layout carry exactly
// seven defects (an image 1px off, one with alpha, 11 screenshots in one slot, a JPEG named .png,
// a 2.2:1 Play screenshot, a missing translation, a headline that overflows) must yield exactly
// those seven findings, each citing its rule's source and verified date. The plan is plain data
// (built here the way the planner lays it out); the images are real files written with sharp, and
// lint reads their bytes. The same defects through the real renderer are in lint-render.test.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintRender } from '../src/lint/index.js';
import { getRule, RULES, ruleSource } from '../src/lint/rules.js';
import type { Job, Plan } from '../src/plan/types.js';
import type { ImageRecord } from '../src/report/types.js';
import type { RenderedImage, TextLayoutInfo } from '../src/render/types.js';
import { getPreset } from '../src/store/presets.js';
import { SOURCES } from '../src/store/sources.js';
import { writeImage, type ImageSpec } from './fixtures/lint/images.js';
import { ROOT } from './helpers/cli.js';

const out = mkdtempSync(path.join(tmpdir(), 'storeshots-planted-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const pos = { file: 'screenshots.yml', line: 1, column: 1 };

function job(
  locale: string,
  presetId: string,
  slide: string,
  index: number,
  count: number,
  extra: Partial<Job> = {},
): Job {
  const p = getPreset(presetId)!;
  return {
    id: `${locale}/${presetId}/${slide}`,
    set: `${locale}/${presetId}`,
    locale,
    rtl: false,
    preset: presetId,
    presetId,
    store: p.store,
    device: p.device,
    landscape: false,
    size: p.size,
    slide,
    index,
    count,
    headline: { text: `Headline ${slide}`, origin: 'inline', locale },
    style: {},
    theme: 'aurora',
    fonts: [],
    baseDir: out,
    output: {
      path: `${locale}/${presetId}/${String(index).padStart(2, '0')}-${slide}.png`,
      format: 'png',
      quality: 90,
    },
    source: { slide: pos, preset: pos },
    ...extra,
  };
}

function text(j: Job, over: Partial<TextLayoutInfo> = {}): TextLayoutInfo {
  const w = j.size.width;
  return {
    kind: 'headline',
    text: j.headline!.text,
    fontSize: Math.round(w * 0.085),
    minFontSize: Math.round(w * 0.05),
    fitFontSize: Math.round(w * 0.085),
    lines: [j.headline!.text],
    box: { x: w * 0.07, y: 100, width: w * 0.86, height: 400 },
    inked: { x: w * 0.2, y: 120, width: w * 0.6, height: 120 },
    overflow: false,
    color: '#ffffff',
    background: '#3b3fd8',
    missingGlyphs: [],
    ...over,
  };
}

/** Every set of the run, with the one defect planted in it (if any). */
function buildRun(): { plan: Plan; specs: Map<string, ImageSpec & { overflow?: boolean }> } {
  const jobs: Job[] = [];
  const specs = new Map<string, ImageSpec & { overflow?: boolean }>();
  const set = (
    locale: string,
    presetId: string,
    n: number,
    plant: (i: number, j: Job) => (ImageSpec & { overflow?: boolean }) | undefined,
    extra?: (i: number) => Partial<Job>,
  ) => {
    for (let i = 1; i <= n; i++) {
      const j = job(locale, presetId, `s${String(i).padStart(2, '0')}`, i, n, extra?.(i));
      jobs.push(j);
      specs.set(j.id, plant(i, j) ?? { width: j.size.width, height: j.size.height });
    }
  };
  // en-US: 11 screenshots in the 6.9" slot, and the 3rd one's headline overflows.
  set('en-US', 'appstore.iphone_6_9', 11, (i, j) =>
    i === 3 ? { width: j.size.width, height: j.size.height, overflow: true } : undefined,
  );
  // en-US 6.3": the second image is one pixel narrower than 1206x2622.
  set('en-US', 'appstore.iphone_6_3', 2, (i) => (i === 2 ? { width: 1205, height: 2622 } : undefined));
  // en-US Play phone: four good 9:16 shots and one at 1080x2376 (2.2:1).
  set('en-US', 'play.phone', 5, (i) => (i === 5 ? { width: 1080, height: 2376 } : undefined));
  // de-DE 6.9": an RGBA PNG; its headline is the en-US fallback (a missing translation).
  set(
    'de-DE',
    'appstore.iphone_6_9',
    1,
    (_i, j) => ({ width: j.size.width, height: j.size.height, alpha: true }),
    () => ({
      headline: { text: 'Headline s01', origin: 'fallback', locale: 'en-US' },
    }),
  );
  // de-DE 6.3": JPEG bytes in a file named .png.
  set('de-DE', 'appstore.iphone_6_3', 1, (_i, j) => ({ width: j.size.width, height: j.size.height, format: 'jpeg' }));
  set('de-DE', 'play.phone', 4, () => undefined);
  const plan: Plan = {
    manifestFile: path.join(out, 'screenshots.yml'),
    app: { name: 'Planted' },
    locales: ['en-US', 'de-DE'],
    presets: ['appstore.iphone_6_9', 'appstore.iphone_6_3', 'play.phone'],
    fallbackLocale: 'en-US',
    layout: 'flat',
    outDir: out,
    all: jobs,
    jobs,
  };
  return { plan, specs };
}

async function render(plan: Plan, specs: ReturnType<typeof buildRun>['specs']): Promise<RenderedImage[]> {
  const images: RenderedImage[] = [];
  for (const j of plan.jobs) {
    const spec = specs.get(j.id)!;
    const file = await writeImage(path.join(out, j.output.path), spec);
    // What the renderer meant to write: the record says PNG at the job's size. Lint must read the bytes instead.
    const record: ImageRecord = {
      path: j.output.path,
      locale: j.locale,
      preset: j.preset,
      slide: j.slide,
      index: j.index,
      width: j.size.width,
      height: j.size.height,
      format: 'png',
      bytes: 0,
      sha256: '',
      cached: false,
    };
    const t = spec.overflow
      ? text(j, {
          overflow: true,
          fontSize: Math.round(j.size.width * 0.05),
          fitFontSize: 31,
          lines: ['Headline', 's03 that is far', 'too long…'],
        })
      : text(j);
    images.push({ job: j, record, file, text: [t] });
  }
  return images;
}

describe('the planted-defects fixture', () => {
  it('yields exactly the seven planted findings, each with its source and verified date', async () => {
    const { plan, specs } = buildRun();
    const findings = await lintRender(plan, await render(plan, specs));
    const got = findings.map((f) => [f.rule, f.severity, f.path ?? `${f.locale} ${f.preset}`].join(' | ')).sort();
    expect(got).toEqual(
      [
        ['format.extension-mismatch', 'error', 'de-DE/appstore.iphone_6_3/01-s01.png'],
        ['appstore.alpha-channel', 'error', 'de-DE/appstore.iphone_6_9/01-s01.png'],
        ['appstore.size', 'error', 'en-US/appstore.iphone_6_3/02-s02.png'],
        ['text.overflow', 'error', 'en-US/appstore.iphone_6_9/03-s03.png'],
        ['play.aspect-ratio', 'error', 'en-US/play.phone/05-s05.png'],
        ['appstore.count', 'error', 'en-US appstore.iphone_6_9'],
        ['text.missing-translation', 'warning', 'de-DE/appstore.iphone_6_9/01-s01.png'],
      ]
        .map((x) => x.join(' | '))
        .sort(),
    );
    expect(findings.map((f) => f.severity)).toEqual([...Array(6).fill('error'), 'warning']); // errors first
    for (const f of findings) {
      const rule = getRule(f.rule)!;
      const src = ruleSource(rule, f.preset?.startsWith('play.') ? 'play' : 'appstore');
      expect(f.source).toBe(src.url);
      expect(f.verified).toBe(src.verified);
      expect(f.source).toMatch(/^https:\/\//);
    }
    const by = Object.fromEntries(findings.map((f) => [f.rule, f]));
    expect(by['appstore.size']!.message).toMatch(/1205x2622, not a size appstore\.iphone_6_3/);
    expect(by['appstore.alpha-channel']!.message).toMatch(/colour type 6/);
    expect(by['format.extension-mismatch']!.message).toMatch(/named \.png but holds JPEG data/);
    expect(by['play.aspect-ratio']!.message).toMatch(/1080x2376 \(2\.20:1\)/);
    expect(by['appstore.count']!.message).toMatch(/has 11 screenshots.*at most 10.*s11/);
    expect(by['appstore.count']!).toMatchObject({ locale: 'en-US', preset: 'appstore.iphone_6_9' });
    expect(by['text.missing-translation']!.message).toMatch(
      /no de-DE headline for slide "s01"; the en-US text "Headline s01" is shown instead/,
    );
    expect(by['text.overflow']!).toMatchObject({ locale: 'en-US', preset: 'appstore.iphone_6_9', slide: 's03' });
    expect(by['appstore.alpha-channel']!.source).toBe(SOURCES.appleSpecs.url);
    expect(by['play.aspect-ratio']!.source).toBe(SOURCES.playPreview.url);
  });
});

describe('pseudo-locale renders', () => {
  it('get the text rules only: they are for review and never uploaded', async () => {
    const j = job('pseudo', 'appstore.iphone_6_9', 'home', 1, 1, {
      headline: { text: '[Ţŕàçķ éṽéŕÿ ĥàƀîţ]', origin: 'pseudo', locale: 'pseudo' },
    });
    const file = await writeImage(path.join(out, j.output.path), { width: 1319, height: 2868, alpha: true });
    const record: ImageRecord = {
      path: j.output.path,
      locale: 'pseudo',
      preset: j.preset,
      slide: 'home',
      index: 1,
      width: 1320,
      height: 2868,
      format: 'png',
      bytes: 0,
      sha256: '',
      cached: false,
    };
    const plan: Plan = {
      manifestFile: 'm',
      app: {},
      locales: ['pseudo'],
      presets: ['appstore.iphone_6_9', 'appstore.iphone_6_3'],
      layout: 'flat',
      outDir: out,
      all: [j],
      jobs: [j],
    };
    const findings = await lintRender(plan, [{ job: j, record, file, text: [text(j, { overflow: true })] }]);
    expect(findings.map((f) => f.rule)).toEqual(['text.overflow']);
  });
});

describe('the rules as data', () => {
  it('every rule has an id, a severity, a description and a source with a verified date; ids are unique', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'appstore.size',
      'appstore.alpha-channel',
      'appstore.count',
      'appstore.required-slot',
      'appstore.colorspace',
      'appstore.format',
      'play.aspect-ratio',
      'play.min-side',
      'play.max-side',
      'play.count',
      'play.min-total',
      'play.file-size',
      'play.feature-graphic-size',
      'play.alpha-channel',
      'format.extension-mismatch',
      'image.unreadable',
      'image.duplicate',
      'text.overflow',
      'text.too-small',
      'text.set-size',
      'text.contrast',
      'text.illegible',
      'text.missing-translation',
      'text.untranslated',
      'text.missing-glyph',
      'locale.unknown-store-locale',
    ]) {
      expect(ids).toContain(id);
    }
    for (const r of RULES) {
      expect(r.description.length).toBeGreaterThan(20);
      for (const store of ['appstore', 'play'] as const) {
        const s = ruleSource(r, store);
        expect(s.url).toMatch(/^https:\/\//);
        expect(s.verified).toMatch(/^2026-\d{2}-\d{2}$/);
      }
    }
  });

  it('docs/lint.md lists every rule with its severity', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/lint.md'), 'utf8');
    for (const r of RULES) expect(doc, r.id).toContain(`| \`${r.id}\` | ${r.severity} |`);
  });

  it('rules resting on UNCONFIRMED facts are warnings or say which hits are', () => {
    for (const id of ['play.file-size', 'appstore.dpi', 'play.tv-banner-size'])
      expect(getRule(id)!.severity).toBe('warning');
    for (const id of ['appstore.required-slot', 'locale.unknown-store-locale', 'play.max-side', 'play.min-side'])
      expect(getRule(id)!.unconfirmed).toBeTruthy();
  });
});
