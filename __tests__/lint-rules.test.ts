// Rules one at a time through the engine (runRules), on plain data: image facts, the renderer's
// text layout facts (TextLayoutInfo), sets and plans. Thresholds come from the rule module and
// src/store, so these tests state behaviour, not numbers copied from elsewhere.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import sharp, { type Sharp } from 'sharp';
import { runRules } from '../src/lint/index.js';
import { readImageFacts, type ImageFacts } from '../src/lint/header.js';
import type { ImageSet, LintImage, RunContext } from '../src/lint/model.js';
import { TEXT_MIN_READABLE, WCAG_AA } from '../src/lint/rules.js';
import { contrastRatio } from '../src/util/contrast.js';
import type { Job, Plan } from '../src/plan/types.js';
import type { TextLayoutInfo } from '../src/render/types.js';
import { getPreset } from '../src/store/presets.js';
import { APPSTORE, PLAY } from '../src/store/facts.js';
import { tempDirs } from './helpers/temp.js';

const facts = (over: Partial<ImageFacts> = {}): ImageFacts => ({
  format: 'png',
  width: 1320,
  height: 2868,
  bytes: 500_000,
  sha256: 'a'.repeat(64),
  hasAlpha: false,
  colorModel: 'rgb',
  bitDepth: 8,
  pngColorType: 2,
  dpi: 72,
  ...over,
});

function image(over: Partial<LintImage> = {}): LintImage {
  const preset = getPreset(over.presetRef ?? 'appstore.iphone_6_9')!;
  return {
    file: '/x.png',
    path: 'en-US/x.png',
    ext: 'png',
    store: preset.store,
    preset,
    presetRef: preset.id,
    locale: 'en-US',
    facts: facts(),
    ...over,
  };
}

function ctx(over: Partial<RunContext> = {}): RunContext {
  return {
    mode: 'paths',
    images: [],
    sets: [],
    localeFolders: [],
    ignored: [],
    unreachable: [],
    targetsIpad: false,
    stores: new Set(['appstore']),
    ...over,
  };
}

const text = (over: Partial<TextLayoutInfo> = {}): TextLayoutInfo => ({
  kind: 'headline',
  text: 'Track every habit',
  fontSize: 110,
  minFontSize: 66,
  fitFontSize: 110,
  lines: ['Track every habit'],
  box: { x: 92, y: 180, width: 1136, height: 420 },
  inked: { x: 200, y: 200, width: 900, height: 120 },
  overflow: false,
  color: '#ffffff',
  background: '#4f46e5',
  missingGlyphs: [],
  ...over,
});

const rulesOf = (c: RunContext) => runRules(c).map((f) => `${f.severity} ${f.rule}`);

function plan(presets: string[], all: Job[] = []): Plan {
  return {
    manifestFile: 'screenshots.yml',
    app: {},
    locales: ['en-US'],
    presets,
    fallbackLocale: 'en-US',
    layout: 'flat',
    outDir: '/out',
    all,
    jobs: all,
  };
}

describe('text rules (from the renderer layout)', () => {
  it('text.too-small: below the readable share of the shorter side is a warning; at it, nothing', () => {
    const floor = Math.round(TEXT_MIN_READABLE * 1320);
    expect(rulesOf(ctx({ images: [image({ text: [text({ fontSize: floor - 1 })] })] }))).toEqual([
      'warning text.too-small',
    ]);
    expect(rulesOf(ctx({ images: [image({ text: [text({ fontSize: floor })] })] }))).toEqual([]);
  });

  it('text.set-size: the slide that pulls its set shared size down is named, with both sizes', () => {
    const f = runRules(
      ctx({
        images: [image({ text: [text({ text: 'Ein sehr langer Satz', shrinksSet: { size: 66, without: 112.2 } })] })],
      }),
    );
    expect(f.map((x) => `${x.severity} ${x.rule}`)).toEqual(['warning text.set-size']);
    expect(f[0]!.message).toMatch(
      /"Ein sehr langer Satz" sets the headline of every slide in its set at 66 px; without it they would be 112\.2 px \(70% larger\)/,
    );
    expect(rulesOf(ctx({ images: [image({ text: [text({})] })] }))).toEqual([]);
  });

  it('text.contrast and text.illegible: WCAG AA, 3:1 for headlines (an error) and 4.5:1 for subtitles, against the sampled background', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777', '#777')).toBe(1);
    const grey = '#808080'; // white on it: about 3.9:1
    const r = contrastRatio('#ffffff', grey)!;
    expect(r).toBeGreaterThan(WCAG_AA.large);
    expect(r).toBeLessThan(WCAG_AA.normal);
    expect(rulesOf(ctx({ images: [image({ text: [text({ background: grey })] })] }))).toEqual([]);
    const f = runRules(ctx({ images: [image({ text: [text({ kind: 'subtitle', background: grey })] })] }));
    expect(f.map((x) => x.rule)).toEqual(['text.contrast']);
    expect(f[0]!.message).toMatch(/3\.95:1 .*#808080.*4\.5:1/);
    // A headline under 3:1 is unreadable: an error (text.illegible), not a warning.
    expect(rulesOf(ctx({ images: [image({ text: [text({ background: '#e0e7ff' })] })] }))).toEqual([
      'error text.illegible',
    ]);
    const h = runRules(ctx({ images: [image({ text: [text({ color: '#111827', background: '#1c2233' })] })] }));
    expect(h.map((x) => `${x.severity} ${x.rule}`)).toEqual(['error text.illegible']);
    expect(h[0]!.message).toMatch(/1\.\d\d:1 .*#1c2233.*below the 3:1/);
    // At exactly 3:1 and above a headline passes both rules.
    expect(rulesOf(ctx({ images: [image({ text: [text({ color: '#ffffff', background: '#949494' })] })] }))).toEqual(
      [],
    );
  });

  it('text.under-callout: a call-out drawn over the text is a warning', () => {
    const f = runRules(ctx({ images: [image({ text: [text({ underCallout: true })] })] }));
    expect(f.map((x) => `${x.severity} ${x.rule}`)).toEqual(['warning text.under-callout']);
    expect(rulesOf(ctx({ images: [image({ text: [text({})] })] }))).toEqual([]);
  });

  it('text.overflow and text.missing-glyph are errors that quote the text and name the characters', () => {
    const f = runRules(
      ctx({
        images: [
          image({
            text: [
              text({ overflow: true, fitFontSize: 41.26, text: 'A <long> headline' }),
              text({ kind: 'subtitle', missingGlyphs: ['字', '😀'] }),
            ],
          }),
        ],
      }),
    );
    expect(f.map((x) => `${x.severity} ${x.rule}`)).toEqual(['error text.missing-glyph', 'error text.overflow']);
    expect(f[0]!.message).toMatch(/"字" \(U\+5B57\), "😀" \(U\+1F600\)/);
    expect(f[1]!.message).toMatch(/"A <long> headline" does not fit .*66 px; it needed 41\.3 px/);
  });

  it("text.missing-translation and text.untranslated come from the plan's resolved text", () => {
    const base = {
      id: 'de-DE/appstore.iphone_6_9/home',
      set: 'de-DE/appstore.iphone_6_9',
      locale: 'de-DE',
      rtl: false,
      preset: 'appstore.iphone_6_9',
      presetId: 'appstore.iphone_6_9',
      store: 'appstore' as const,
      device: 'iphone' as const,
      landscape: false,
      size: { width: 1320, height: 2868 },
      slide: 'home',
      index: 1,
      count: 1,
      style: {},
      theme: 'aurora',
      fonts: [],
      baseDir: '/',
      output: { path: 'de-DE/appstore.iphone_6_9/01-home.png', format: 'png' as const, quality: 90 },
      source: { slide: { file: 'm', line: 1, column: 1 }, preset: { file: 'm', line: 1, column: 1 } },
    };
    const missing: Job = {
      ...base,
      headline: { text: 'Track', origin: 'fallback', locale: 'en-US' },
      subtitle: { text: 'Streaks and stats', origin: 'inline', locale: 'de-DE', sameAsFallback: true },
    };
    const f = runRules(
      ctx({
        mode: 'render',
        plan: plan(['appstore.iphone_6_9', 'appstore.iphone_6_3']),
        images: [image({ job: missing, path: missing.output.path, locale: 'de-DE' })],
      }),
    );
    expect(f.map((x) => `${x.severity} ${x.rule}`)).toEqual([
      'warning text.missing-translation',
      'warning text.untranslated',
    ]);
    expect(f[1]!.message).toMatch(
      /de-DE subtitle of slide "home" is the same as the en-US one \("Streaks and stats"\)/,
    );
  });
});

describe('text rules: what each finding says', () => {
  const messages = (c: RunContext) => runRules(c).map((f) => `${f.rule}: ${f.message}`);

  it('text.too-small measures against the shorter side, from the bytes or else the job, and says how to fix it', () => {
    const floor = Math.round(TEXT_MIN_READABLE * 1320);
    const small = [text({ fontSize: floor - 0.96 })];
    const said = [
      `text.too-small: en-US/x.png: the headline "Track every habit" is set at ${floor - 1} px, below ${floor} px (${TEXT_MIN_READABLE * 100}% of 1320 px), too small to read in the store; shorten it or raise headline.min-size`,
    ];
    // Portrait and landscape alike.
    expect(messages(ctx({ images: [image({ text: small })] }))).toEqual(said);
    expect(messages(ctx({ images: [image({ text: small, facts: facts({ width: 2868, height: 1320 }) })] }))).toEqual(
      said,
    );
    // A render's image before its bytes are read: the job's size.
    const job = { size: { width: 2868, height: 1320 } } as Job;
    expect(messages(ctx({ images: [image({ text: small, facts: undefined, job })] }))).toEqual(said);
    // Neither: no size to measure against, no finding.
    expect(messages(ctx({ images: [image({ text: small, facts: undefined })] }))).toEqual([]);
  });

  it('text.overflow, text.set-size, text.under-callout and text.missing-glyph', () => {
    expect(
      messages(
        ctx({
          images: [
            image({
              text: [
                text({ overflow: true, fitFontSize: 41.26, box: { x: 0, y: 0, width: 1135.6, height: 419.4 } }),
                text({ kind: 'subtitle', text: 'Streaks', shrinksSet: { size: 50.04, without: 60.06 } }),
                text({ kind: 'subtitle', text: 'Under', underCallout: true }),
                text({ text: 'Ok', missingGlyphs: ['\u00e9'] }),
              ],
            }),
          ],
        }),
      ),
    ).toEqual([
      'text.missing-glyph: en-US/x.png: no font covers "\u00e9" (U+00E9) in the headline "Ok"; add a font for this script under fonts:',
      'text.overflow: en-US/x.png: the headline "Track every habit" does not fit its 1136x419 px box even at the smallest allowed size (66 px; it needed 41.3 px). Shorten the text, allow more lines or lower headline.min-size',
      'text.set-size: en-US/x.png: the subtitle "Streaks" sets the subtitle of every slide in its set at 50 px; without it they would be 60.1 px (20% larger). Shorten it or give it more lines',
      'text.under-callout: en-US/x.png: a call-out covers the subtitle "Under"; move it (callouts[].position, or a region lower on the screenshot) or shorten the text',
    ]);
  });

  it('text.illegible and text.contrast name both colours, the ratio and what to change; stats, quotes and awards need 3:1', () => {
    const grey = '#808080'; // white on it: 3.95:1, between the two thresholds
    const r = contrastRatio('#ffffff', grey)!.toFixed(2);
    expect(
      messages(
        ctx({
          images: [
            image({
              text: [
                text({ color: '#ffffff', background: '#e0e7ff' }),
                text({ kind: 'subtitle', text: 'Sub', background: grey }),
                ...(['stat', 'quote', 'award'] as const).map((kind) => text({ kind, text: kind, background: grey })),
                text({ kind: 'stat', text: 'low', background: '#e0e7ff' }),
              ],
            }),
          ],
        }),
      ),
    ).toEqual([
      `text.illegible: en-US/x.png: the headline "Track every habit" (#ffffff) has a contrast of ${contrastRatio('#ffffff', '#e0e7ff')!.toFixed(2)}:1 against the background behind it (#e0e7ff), below the 3:1 WCAG AA asks for large text: it cannot be read. Remove headline.color (auto picks a readable one) or change it or the background`,
      `text.contrast: en-US/x.png: the stat "low" (#ffffff) has a contrast of ${contrastRatio('#ffffff', '#e0e7ff')!.toFixed(2)}:1 against the background behind it (#e0e7ff); WCAG AA asks for 3:1. Darken the background or change stat.color`,
      `text.contrast: en-US/x.png: the subtitle "Sub" (#ffffff) has a contrast of ${r}:1 against the background behind it (#808080); WCAG AA asks for 4.5:1. Darken the background or change subtitle.color`,
    ]);
  });
});

describe('translation rules: what each finding says', () => {
  it('names the key a fallback text came from, and a plan without a fallback locale', () => {
    const job = {
      locale: 'de-DE',
      slide: 'home',
      preset: 'appstore.iphone_6_9',
      output: { path: 'de-DE/01-home.png' },
      headline: { text: 'Track', origin: 'fallback', locale: 'en-US', key: 'home_title' },
      subtitle: { text: 'Stats', origin: 'fallback', locale: 'en-US' },
    } as unknown as Job;
    const same = {
      ...job,
      headline: { text: 'Track', origin: 'inline', locale: 'de-DE', sameAsFallback: true },
      subtitle: undefined,
    } as unknown as Job;
    const run = (j: Job, p: Plan) =>
      runRules(ctx({ mode: 'render', plan: p, images: [image({ job: j })] }))
        .filter((f) => f.rule.startsWith('text.'))
        .map((f) => `${f.rule}: ${f.message}`);
    expect(run(job, plan(['appstore.iphone_6_9']))).toEqual([
      'text.missing-translation: de-DE/01-home.png: no de-DE headline for slide "home" (key "home_title"); the en-US text "Track" is shown instead',
      'text.missing-translation: de-DE/01-home.png: no de-DE subtitle for slide "home"; the en-US text "Stats" is shown instead',
    ]);
    expect(run(same, { ...plan(['appstore.iphone_6_9']), fallbackLocale: undefined })).toEqual([
      'text.untranslated: de-DE/01-home.png: the de-DE headline of slide "home" is the same as the fallback one ("Track"); is it translated?',
    ]);
  });
});

describe('image rules on real bytes', () => {
  const read = async (s: Sharp) => readImageFacts(await s.toBuffer());
  const solid = (w: number, h: number) =>
    sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 30, b: 30 } } });

  it('appstore.colorspace: greyscale PNG and CMYK JPEG are errors; an sRGB or Display P3 RGB file is not', async () => {
    const grey = await read(solid(1320, 2868).toColourspace('b-w').png());
    const cmyk = await read(solid(1320, 2868).toColourspace('cmyk').jpeg());
    const p3 = await read(solid(1320, 2868).withIccProfile('p3').png());
    // libvips stores 25 DPI unless told otherwise (appstore.dpi); this test is about the colour space.
    const colour = (f: ImageFacts, ext = 'png') => rulesOf(ctx({ images: [image({ facts: { ...f, dpi: 72 }, ext })] }));
    expect(colour(grey)).toEqual(['error appstore.colorspace']);
    expect(colour(cmyk, 'jpg')).toEqual(['error appstore.colorspace']);
    expect(colour(p3)).toEqual([]);
  });

  it('play.format: a 16-bit PNG is a warning (Play asks for 24-bit), WebP an error; an alpha PNG is play.alpha-channel', async () => {
    const deep = await read(solid(1080, 1920).toColourspace('rgb16').png());
    const webp = await read(solid(1080, 1920).webp());
    const alpha = await read(solid(1080, 1920).ensureAlpha().png());
    const play = (f: ImageFacts, ext = 'png') =>
      rulesOf(
        ctx({
          stores: new Set(['play']),
          images: [image({ presetRef: 'play.phone', playKind: 'screenshot', facts: f, ext })],
        }),
      );
    expect(play(deep)).toEqual(['warning play.format']);
    expect(play(webp, 'webp')).toEqual(['error play.format']);
    expect(play(alpha)).toEqual(['error play.alpha-channel']);
  });

  it('play.icon takes alpha but not 500x500 or more than 1024 KB; the feature graphic and Wear OS have their own sizes', () => {
    const icon = (f: Partial<ImageFacts>) =>
      rulesOf(
        ctx({
          stores: new Set(['play']),
          images: [
            image({
              presetRef: 'play.phone',
              preset: undefined,
              playKind: 'icon',
              facts: facts({ width: 512, height: 512, hasAlpha: true, ...f }),
            }),
          ],
        }),
      );
    expect(icon({})).toEqual([]);
    expect(icon({ width: 500, height: 500 })).toEqual(['error play.icon']);
    expect(icon({ bytes: PLAY.icon.maxBytes + 1 })).toEqual(['error play.icon']);
    expect(icon({ bytes: PLAY.icon.maxBytes })).toEqual([]);
    expect(icon({ width: 512, height: 500 })).toEqual(['error play.icon']);
    expect(icon({ width: 500, height: 512 })).toEqual(['error play.icon']);
    const wear = (w: number, h: number) =>
      rulesOf(
        ctx({
          stores: new Set(['play']),
          images: [image({ presetRef: 'play.wear', playKind: 'screenshot', facts: facts({ width: w, height: h }) })],
        }),
      );
    expect(wear(454, 454)).toEqual([]);
    expect(wear(454, 500)).toEqual(['error play.aspect-ratio']);
    expect(wear(300, 300)).toEqual(['error play.min-side']);
  });

  it('play.min-side: Wear OS needs 384 px a side where a phone needs 320', () => {
    const shot = (presetRef: string, w: number, h: number) =>
      rulesOf(
        ctx({
          stores: new Set(['play']),
          images: [image({ presetRef, playKind: 'screenshot', facts: facts({ width: w, height: h }) })],
        }),
      );
    expect(PLAY.wearMinSide).toBeGreaterThan(PLAY.minSide);
    // Between the two limits: too small for a watch, fine for a phone.
    expect(shot('play.wear', 350, 350)).toEqual(['error play.min-side']);
    expect(shot('play.phone', 350, 622)).toEqual([]);
    expect(shot('play.wear', PLAY.wearMinSide, PLAY.wearMinSide)).toEqual([]);
    expect(shot('play.wear', PLAY.wearMinSide - 1, PLAY.wearMinSide - 1)).toEqual(['error play.min-side']);
    expect(shot('play.phone', PLAY.minSide, 569)).toEqual([]);
    expect(shot('play.phone', PLAY.minSide - 1, 567)).toEqual(['error play.min-side']);
  });

  it('appstore.alpha-channel: a PNG made transparent by a tRNS chunk is not opaque', async () => {
    // An RGB PNG (colour type 2) with a tRNS chunk naming one colour transparent, and a palette PNG with alpha.
    const rgb = await solid(1320, 2868).withMetadata({ density: 72 }).png().toBuffer();
    const trns = Buffer.from([0, 10, 0, 20, 0, 30]);
    const chunk = Buffer.alloc(12 + trns.length);
    chunk.writeUInt32BE(trns.length, 0);
    chunk.write('tRNS', 4, 'latin1');
    trns.copy(chunk, 8);
    chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + trns.length)), 8 + trns.length);
    const keyed = Buffer.concat([rgb.subarray(0, 33), chunk, rgb.subarray(33)]);
    expect((await sharp(keyed).metadata()).hasAlpha).toBe(true);
    const palette = await sharp({
      create: { width: 1320, height: 2868, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } },
    })
      .withMetadata({ density: 72 })
      .png({ palette: true })
      .toBuffer();
    for (const buf of [keyed, palette]) {
      const f = readImageFacts(buf);
      expect(f.hasAlpha).toBe(true);
      expect(f.alphaReason).toMatch(/tRNS/);
      expect(rulesOf(ctx({ images: [image({ facts: f })] }))).toEqual(['error appstore.alpha-channel']);
    }
    expect(rulesOf(ctx({ images: [image({ facts: readImageFacts(rgb) })] }))).toEqual([]);
  });

  it('play.file-size is a warning (the phone cap is UNCONFIRMED); tablets between 3840 and 7680 px are warnings, above 7680 errors', () => {
    const p = (presetRef: string, f: Partial<ImageFacts>) =>
      rulesOf(
        ctx({ stores: new Set(['play']), images: [image({ presetRef, playKind: 'screenshot', facts: facts(f) })] }),
      );
    expect(p('play.phone', { width: 1080, height: 1920, bytes: PLAY.maxFileBytes + 1 })).toEqual([
      'warning play.file-size',
    ]);
    expect(p('play.phone', { width: 1080, height: 1920, bytes: PLAY.maxFileBytes })).toEqual([]);
    expect(p('play.tablet_10', { width: 2400, height: 4800 })).toEqual(['warning play.max-side']);
    expect(p('play.tablet_10', { width: 4000, height: 8000 })).toEqual(['error play.max-side']);
    expect(p('play.phone', { width: 2400, height: 4800 })).toEqual(['error play.max-side']);
  });

  it('appstore.deliver-slot: deliver would file a 3840x2160 Apple TV image as Vision Pro when its path says "vision"', () => {
    const f = runRules(
      ctx({
        images: [
          image({
            presetRef: 'appstore.apple_tv',
            path: 'vision/x.png',
            displayType: 'APP_APPLE_VISION_PRO',
            facts: facts({ width: 3840, height: 2160 }),
          }),
        ],
      }),
    );
    expect(f.map((x) => `${x.severity} ${x.rule}`)).toEqual(['warning appstore.deliver-slot']);
    expect(f[0]!.message).toMatch(/as Apple Vision Pro .* because its path contains "vision"/);
  });
});

describe('set and run rules', () => {
  const set = (over: Partial<ImageSet>): ImageSet => ({
    key: 'k',
    store: 'appstore',
    locale: 'en-US',
    label: 'en-US iPhone 6.9"',
    images: [],
    count: 0,
    complete: true,
    ...over,
  });

  const found = (c: RunContext) =>
    runRules(c).map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      path: f.path,
      locale: f.locale,
      preset: f.preset,
    }));

  it('appstore.count and play.count: at the limit nothing; one over names the set, the count and what deliver skips', () => {
    const shots = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        image({ path: `ja/${i + 1}.png`, facts: facts({ sha256: String(i).padStart(64, '0') }) }),
      );
    const apple = (n: number, slides?: string[]) =>
      found(
        ctx({
          sets: [
            set({
              images: shots(n),
              count: n,
              slides,
              folder: 'screenshots/ja',
              locale: 'ja',
              presetRef: 'appstore.iphone_6_9',
            }),
          ],
        }),
      );
    expect(apple(APPSTORE.maxPerSet)).toEqual([]);
    expect(apple(APPSTORE.maxPerSet + 2)).toEqual([
      {
        rule: 'appstore.count',
        severity: 'error',
        message: `en-US iPhone 6.9" has ${APPSTORE.maxPerSet + 2} screenshots; the App Store takes at most ${APPSTORE.maxPerSet} per display size and locale (deliver skips the rest: ja/${APPSTORE.maxPerSet + 1}.png, ja/${APPSTORE.maxPerSet + 2}.png)`,
        path: 'screenshots/ja',
        locale: 'ja',
        preset: 'appstore.iphone_6_9',
      },
    ]);
    // Rendering names slides (the plan's order), not files.
    const slides = Array.from({ length: 11 }, (_, i) => `s${i + 1}`);
    expect(apple(11, slides)[0]!.message).toMatch(/\(deliver skips the rest: s11\)$/);

    const play = (n: number, playKind: ImageSet['playKind']) =>
      found(
        ctx({
          stores: new Set(['play']),
          sets: [
            set({
              store: 'play',
              playKind,
              playFolder: 'phoneScreenshots',
              count: n,
              label: 'en-US phone',
              folder: 'images/phoneScreenshots',
              presetRef: 'play.phone',
            }),
          ],
        }),
      ).filter((f) => f.rule === 'play.count');
    expect(play(PLAY.maxPerType, 'screenshot')).toEqual([]);
    expect(play(PLAY.maxPerType + 1, 'screenshot')).toEqual([
      {
        rule: 'play.count',
        severity: 'error',
        message: `en-US phone has ${PLAY.maxPerType + 1} screenshots; Google Play takes at most ${PLAY.maxPerType} per device type`,
        path: 'images/phoneScreenshots',
        locale: 'en-US',
        preset: 'play.phone',
      },
    ]);
    expect(play(PLAY.maxPerType + 1, 'featureGraphic')).toEqual([]);
    // A set whose kind is not known is a screenshot set.
    expect(play(PLAY.maxPerType + 1, undefined).map((f) => f.rule)).toEqual(['play.count']);
  });

  it('play.promo-eligibility: four 16:9 phone shots of 1080 px or more; fewer, smaller or another ratio is a warning naming how many qualify', () => {
    const shot = (w: number, h: number, i: number) =>
      image({
        presetRef: 'play.phone',
        playKind: 'screenshot',
        path: `p/${i}.png`,
        facts: facts({ width: w, height: h, sha256: String(i).padStart(64, '0') }),
      });
    const promo = (sizes: Array<[number, number]>, over: Partial<ImageSet> = {}) => {
      const images = sizes.map(([w, h], i) => shot(w, h, i));
      return found(
        ctx({
          stores: new Set(['play']),
          sets: [
            set({
              store: 'play',
              playKind: 'screenshot',
              playFolder: 'phoneScreenshots',
              label: 'en-US phone',
              images,
              count: images.length,
              folder: 'p',
              ...over,
            }),
          ],
        }),
      ).filter((f) => f.rule === 'play.promo-eligibility');
    };
    const good: [number, number] = [PLAY.promoMinSide, (PLAY.promoMinSide * 16) / 9];
    expect(promo([good, good, good, [1920, 1080]])).toEqual([]);
    const warn = (n: number) => [
      {
        rule: 'play.promo-eligibility',
        severity: 'warning',
        message: `en-US phone has ${n} screenshot(s) of at least ${PLAY.promoMinSide} px at 9:16 or 16:9; Play asks for ${PLAY.promoMinCount} to make the app eligible for promotion and recommendations`,
        path: 'p',
        locale: 'en-US',
        preset: undefined,
      },
    ];
    expect(promo([good, good, good])).toEqual(warn(3));
    // An image that could not be read does not count.
    const unread = [good, good, good, good].map(([w, h], i) => shot(w, h, i));
    delete unread[3]!.facts;
    expect(
      found(
        ctx({
          stores: new Set(['play']),
          sets: [
            set({
              store: 'play',
              playFolder: 'phoneScreenshots',
              label: 'en-US phone',
              images: unread,
              count: 4,
              folder: 'p',
            }),
          ],
        }),
      ).filter((f) => f.rule === 'play.promo-eligibility'),
    ).toEqual(warn(3));
    expect(promo([good, good, good, [PLAY.promoMinSide - 1, 1918]])).toEqual(warn(3));
    expect(promo([good, good, good, [1080, 2400]])).toEqual(warn(3));
    // 16:9 within 0.01 of the ratio: 1080x1930 is 1.787 (counts), 1080x1931 is 1.788 (does not).
    expect(promo([good, good, good, [1080, 1930]])).toEqual([]);
    expect(promo([good, good, good, [1080, 1931]])).toEqual(warn(3));
    // Not judged: another folder, a partial render, an empty set.
    expect(promo([good], { playFolder: 'tenInchScreenshots' })).toEqual([]);
    expect(promo([good], { complete: false })).toEqual([]);
    expect(promo([])).toEqual([]);
  });

  it('required slots, the Play total and locale folders: every message whole', () => {
    const msgs = (c: RunContext) => runRules(c).map((f) => `${f.severity} ${f.rule}: ${f.message}`);
    // Linting files: the display types of images in locale folders (a loose file is no listing).
    const inFolder = (displayType: string, locale?: string) => image({ displayType, locale, preset: undefined });
    expect(
      msgs(ctx({ images: [inFolder('APP_IPHONE_58', 'en-US'), inFolder('APP_IPHONE_67')], targetsIpad: true })),
    ).toEqual([
      'error appstore.required-slot: No locale folder has an iPad 13" (APP_IPAD_PRO_3GEN_129) set; App Store Connect requires one when the app runs on iPad. Add appstore.ipad_13',
      'error appstore.required-slot: No locale folder has an iPhone 6.9" (Dynamic Island, large) (APP_IPHONE_67) set (nor a 6.5" set); App Store Connect requires one to submit an iPhone app. Add appstore.iphone_6_9',
      'warning appstore.required-slot: No locale folder has an iPhone 6.3" (Dynamic Island, medium) (APP_IPHONE_61) set; Apple\'s page (2026-10) lists it as required for iPhone apps (sources disagree whether the 6.9" set scales down to it). Add appstore.iphone_6_3',
    ]);
    expect(msgs(ctx({ mode: 'render', plan: plan(['appstore.iphone_6_5', 'appstore.iphone_6_3']) }))).toEqual([
      'warning appstore.required-slot: The manifest has no iPhone 6.9" (Dynamic Island, large) (APP_IPHONE_67) set; the 6.5" set satisfies the older rule, but Apple\'s 2026 page lists the Dynamic Island sizes. Add appstore.iphone_6_9',
    ]);
    // A Play-only run has no App Store slots to require.
    expect(msgs(ctx({ stores: new Set(['play']), images: [inFolder('APP_IPHONE_58', 'en-US')] }))).toEqual([]);

    const s = (locale: string | undefined, count: number, playKind: ImageSet['playKind'] = 'screenshot') =>
      set({ store: 'play', playKind, playFolder: 'phoneScreenshots', count, label: 'x', locale });
    expect(
      msgs(
        ctx({
          stores: new Set(['play']),
          sets: [
            s('de-DE', 1),
            s('fr-FR', 2),
            s(undefined, 1),
            s('it-IT', 1, 'featureGraphic'),
            s('es-ES', 0),
            { ...s('pt-BR', 1), playKind: undefined },
          ],
        }),
      ),
    ).toEqual([
      `error play.min-total: The de-DE Play listing has 1 screenshot; Google Play needs at least ${PLAY.minTotal} in total to publish`,
      `error play.min-total: The pt-BR Play listing has 1 screenshot; Google Play needs at least ${PLAY.minTotal} in total to publish`,
    ]);

    const folders = [
      { path: 'out/klingon', name: 'klingon', store: 'play' as const, flat: true },
      { path: 'screenshots/english', name: 'english', store: 'appstore' as const },
      { path: 'android/he', name: 'he', store: 'play' as const },
    ];
    expect(runRules(ctx({ localeFolders: folders })).map((f) => [f.severity, f.message, f.path, f.locale])).toEqual([
      [
        'error',
        'screenshots/english: "english" is not an App Store Connect locale; deliver refuses the upload ("Unsupported directory name(s)"). Rename it to one of the codes in `storeshots presets --locales`',
        'screenshots/english',
        'english',
      ],
      [
        'warning',
        'android/he: "he" is not a Play language code supply knows (Hebrew is iw-IL, Simplified Chinese zh-CN); Play may refuse it',
        'android/he',
        'he',
      ],
      [
        'warning',
        'out/klingon: "klingon" maps to no Google Play locale, so the fastlane layout leaves these images out; use a code from `storeshots presets --locales`',
        'out/klingon',
        'klingon',
      ],
    ]);
    expect(runRules(ctx({ localeFolders: [{ ...folders[0]!, store: 'appstore' }] }))[0]!.message).toMatch(
      /maps to no App Store locale/,
    );
  });

  it('fastlane.ignored-file and path.unreadable name the path and why', () => {
    const f = runRules(
      ctx({
        ignored: [
          { path: 'screenshots/en-US/a.gif', store: 'appstore', reason: 'deliver uploads only .png', locale: 'en-US' },
        ],
        unreachable: [{ path: 'shots/loop', reason: 'symbolic link loop' }],
      }),
    );
    expect(f.map((x) => [x.rule, x.severity, x.path, x.message])).toEqual([
      [
        'fastlane.ignored-file',
        'warning',
        'screenshots/en-US/a.gif',
        'screenshots/en-US/a.gif: deliver uploads only .png',
      ],
      ['path.unreadable', 'warning', 'shots/loop', 'shots/loop: skipped: symbolic link loop'],
    ]);
  });

  it('image.duplicate: the same bytes twice in a set', () => {
    const a = image({ path: 'a.png' });
    const b = image({ path: 'b.png' });
    const f = runRules(ctx({ images: [a, b], sets: [set({ images: [a, b], count: 2 })] }));
    expect(f.map((x) => x.rule)).toEqual(['image.duplicate']);
    expect(f[0]!.message).toMatch(/b\.png is byte-for-byte the same image as a\.png/);
  });

  it("appstore.required-slot: errors where both readings of Apple's page agree, warnings where they differ", () => {
    const req = (presets: string[], targetsIpad = false) =>
      runRules(ctx({ mode: 'render', plan: plan(presets), targetsIpad })).map(
        (f) => `${f.severity}: ${f.message.split(';')[0]}`,
      );
    expect(req(['appstore.iphone_6_9', 'appstore.iphone_6_3'])).toEqual([]);
    expect(req(['appstore.iphone_6_9'])).toEqual([
      'warning: The manifest has no iPhone 6.3" (Dynamic Island, medium) (APP_IPHONE_61) set',
    ]);
    expect(req(['appstore.iphone_6_5', 'appstore.iphone_6_3'])).toEqual([
      'warning: The manifest has no iPhone 6.9" (Dynamic Island, large) (APP_IPHONE_67) set',
    ]);
    expect(req(['appstore.iphone_6_1', 'appstore.iphone_6_3'])).toEqual([
      'error: The manifest has no iPhone 6.9" (Dynamic Island, large) (APP_IPHONE_67) set (nor a 6.5" set)',
    ]);
    expect(req(['appstore.iphone_6_9', 'appstore.iphone_6_3', 'appstore.ipad_11'], true)).toEqual([
      'error: The manifest has no iPad 13" (APP_IPAD_PRO_3GEN_129) set',
    ]);
    expect(req(['appstore.mac', 'appstore.watch_ultra'])).toEqual([]);
  });

  it('play.min-total: a listing with one screenshot in total is an error; two across device types are fine', () => {
    const s = (folder: string, count: number) =>
      set({ store: 'play', playKind: 'screenshot', playFolder: folder, count, label: folder });
    expect(rulesOf(ctx({ stores: new Set(['play']), sets: [s('phoneScreenshots', 1)] }))).toEqual([
      'error play.min-total',
    ]);
    expect(
      rulesOf(ctx({ stores: new Set(['play']), sets: [s('phoneScreenshots', 1), s('tenInchScreenshots', 1)] })),
    ).toEqual([]);
  });

  it('output.collision: two manifest locales mapped to one store locale write the same file', () => {
    const job = (locale: string) => ({ id: `${locale}/appstore.iphone_6_9/home` }) as Job;
    const a = image({
      path: 'fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png',
      locale: 'en',
      job: job('en'),
    });
    const b = image({ path: a.path, locale: 'en-US', job: job('en-US'), facts: facts({ sha256: 'b'.repeat(64) }) });
    const f = runRules(ctx({ mode: 'render', images: [a, b] }));
    expect(f.map((x) => x.rule)).toEqual(['output.collision']);
    expect(f[0]!.message).toBe(
      'fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png is written by en/appstore.iphone_6_9/home and en-US/appstore.iphone_6_9/home; the later one overwrites the earlier. Locales en and en-US map to the same store locale: keep one of them',
    );
  });
});

describe("EXIF orientation: of an image (its facts) and of a job's input screenshots (read from the files)", () => {
  const temp = tempDirs('storeshots-lint-rules-exif-');
  /** A 120x60 JPEG carrying EXIF orientation `o` (none when undefined), or a PNG with `png`. */
  async function shot(file: string, o?: number, png = false): Promise<string> {
    const s = sharp({ create: { width: 120, height: 60, channels: 3, background: '#285aa0' } });
    const buf = png
      ? await s.png().toBuffer()
      : await (o === undefined ? s : s.withMetadata({ orientation: o })).jpeg().toBuffer();
    writeFileSync(file, buf);
    return file;
  }
  const job = (slide: string, screens: Array<string | undefined>): Job =>
    ({
      locale: 'en-US',
      slide,
      preset: 'appstore.iphone_6_9',
      output: { path: `en-US/appstore.iphone_6_9/${slide}.png` },
      screenshot: screens[0],
      secondScreenshot: screens[1],
      thirdScreenshot: screens[2],
    }) as unknown as Job;
  const inputFindings = (jobs: Job[]) =>
    runRules(
      ctx({ mode: 'render', plan: plan(['appstore.iphone_6_9'], jobs), images: jobs.map((j) => image({ job: j })) }),
    )
      .filter((f) => f.rule === 'input.exif-orientation')
      .map((f) => `${f.severity} ${f.path} ${f.locale}/${f.preset}/${f.slide}: ${f.message}`);

  it('image.exif-orientation: a JPEG tagged 2-8 says how it shows (5-8 turned a quarter); 1 or no tag, nothing', () => {
    const run = (orientation: number | undefined) =>
      runRules(
        ctx({
          images: [
            image({
              path: 'a.jpg',
              ext: 'jpg',
              facts: facts({ format: 'jpeg', width: 1200, height: 540, orientation }),
            }),
          ],
        }),
      )
        .filter((f) => f.rule === 'image.exif-orientation')
        .map((f) => `${f.severity} ${f.message}`);
    const msg = (o: number, turn: string, shown: string) => [
      `warning a.jpg is stored 1200x540 with EXIF orientation ${o} (${turn}), so it shows as ${shown}; save it with upright pixels and no orientation tag`,
    ];
    expect(run(3)).toEqual(msg(3, 'turn it 180°', '1200x540'));
    expect(run(4)).toEqual(msg(4, 'flip it upside down', '1200x540'));
    expect(run(5)).toEqual(msg(5, 'mirror it and turn it a quarter', '540x1200'));
    expect(run(6)).toEqual(msg(6, 'turn it 90° clockwise', '540x1200'));
    expect(run(1)).toEqual([]);
    expect(run(undefined)).toEqual([]);
  });

  it('input.exif-orientation: each tagged input JPEG of a job is named once; upright, untagged, PNG, missing or absent inputs are not', async () => {
    const d = temp();
    const sideways = await shot(path.join(d, 'sideways.jpg'), 6);
    const upside = await shot(path.join(d, 'upside.jpg'), 3);
    const upright = await shot(path.join(d, 'upright.jpg'), 1);
    const plainJpeg = await shot(path.join(d, 'plain.jpg'));
    const png = await shot(path.join(d, 'plain.png'), undefined, true);
    const jobs = [
      job('home', [png, sideways, upright]),
      job('stats', [upside, undefined, path.join(d, 'missing.jpg')]),
      job('share', [plainJpeg, upright, png]),
    ];
    const expected = [
      'warning en-US/appstore.iphone_6_9/home.png en-US/appstore.iphone_6_9/home: en-US/appstore.iphone_6_9/home.png: its screenshot sideways.jpg carries EXIF orientation 6; it was turned upright (turn it 90° clockwise) before layout',
      'warning en-US/appstore.iphone_6_9/stats.png en-US/appstore.iphone_6_9/stats: en-US/appstore.iphone_6_9/stats.png: its screenshot upside.jpg carries EXIF orientation 3; it was turned upright (turn it 180°) before layout',
    ];
    expect(inputFindings(jobs)).toEqual(expected);
    // A second lint of the same inputs (a watch re-render) says the same.
    expect(inputFindings(jobs)).toEqual(expected);
  });

  it('input.exif-orientation leaves no input file open, however many inputs it reads', async () => {
    const d = temp();
    const jobs: Job[] = [];
    for (let i = 0; i < 40; i++) jobs.push(job(`s${i}`, [await shot(path.join(d, `${i}.jpg`), 6)]));
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    expect(inputFindings(jobs)).toHaveLength(40);
    expect(open()).toBeLessThanOrEqual(before);
  });
});
