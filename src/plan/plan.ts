// Manifest -> plan: a pure function. Themes and strings are loaded by the caller and passed in,
// so the same manifest always yields the same jobs in the same order.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { closest } from 'fastest-levenshtein';
import type { LoadedManifest } from '../manifest/load.js';
import { fieldName } from '../manifest/load.js';
import type { Appearance, Localized, Position, PresetEntry, SlideEntry, Style } from '../manifest/types.js';
import { isRtlLocale, storeLocale, PSEUDO_LOCALES } from '../store/locales.js';
import { isAcceptedSize, presetRefs, resolvePreset, type Size } from '../store/presets.js';
import { PLAY } from '../store/facts.js';
import { sha256 } from '../util/hash.js';
import { privateRunDir } from '../util/private-dir.js';
import { isInside, packageRoot, resolveInside } from '../util/paths.js';
import { UserError, expected, type Problem } from '../util/errors.js';
import { outputPath } from './output-path.js';
import type { Job, OutputLayout, Plan, ResolvedText } from './types.js';
import { pseudoLocalize } from './pseudo.js';
import { withAutoTextColours } from './text-colour.js';
import { missingContent, resolveContent, withoutDevice } from './content.js';
import { folderForms } from '../l10n/locales.js';
import { normalizeWhitespace } from '../l10n/whitespace.js';

export interface PlanInput {
  loaded: LoadedManifest;
  /** The theme's style tokens (already loaded). */
  theme: { name: string; style: Style };
  /** Strings per locale (already loaded from `strings:`), key -> text. */
  strings?: Record<string, Record<string, string>>;
  /** Keys the strings files mark as not to be translated. */
  fixedKeys?: ReadonlySet<string>;
  /** Why a key gave no text in a locale (the strings files read and what they said), for the error. */
  whyNoText?: (locale: string, key: string) => string | undefined;
  /** locale -> key -> where its text was read, for messages and findings. */
  stringSources?: Record<string, Record<string, Position>>;
  /** Locales added to the run beyond the manifest's (`render --pseudo` adds pseudo and pseudo-rtl). */
  extraLocales?: string[];
  cwd?: string;
  /** Overrides output.dir / output.layout of the manifest. */
  outDir?: string;
  layout?: OutputLayout;
}

/** A file the plan will read, with where the manifest names it (the caller checks it exists and is a plain file). */
export interface FileRef {
  abs: string;
  /** What it is, for messages: "font file", "background image", "frame PNG". */
  what: string;
  field: string;
  at: Position;
}

export interface PlanResult {
  plan: Plan;
  problems: Problem[];
  /** Fonts, background images and frame PNGs the plan reads (screenshots are in the jobs). */
  files: FileRef[];
  /** Soft problems that do not stop a run: missing translations (fallback used), possibly untranslated texts. */
  warnings: Problem[];
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Deep merge of style layers: later layers win key by key; arrays are replaced, not merged. */
export function mergeStyle(...layers: Array<Style | undefined>): Style {
  const out: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) {
      out[k] = isObject(v) && isObject(out[k]) ? mergeStyle(out[k] as Style, v as Style) : v;
    }
  }
  return out as Style;
}

/** The script subtag most locales imply, so `locale-style: { Hans: … }` can target a script. */
export function scriptOf(locale: string): string | undefined {
  const [language, first = ''] = locale.split('-'); // BCP 47: a script comes first, else a region
  if (/^[a-z]{4}$/i.test(first)) return first; // a script subtag (a variant such as 1901 is not one)
  const lang = language!.toLowerCase();
  if (lang === 'zh' && /^(TW|HK|MO)$/i.test(first)) return 'Hant';
  const map: Record<string, string> = {
    ar: 'Arab',
    fa: 'Arab',
    ur: 'Arab',
    he: 'Hebr',
    iw: 'Hebr',
    ja: 'Jpan',
    ko: 'Kore',
    zh: 'Hans',
    th: 'Thai',
    hi: 'Deva',
    mr: 'Deva',
    bn: 'Beng',
    gu: 'Gujr',
    pa: 'Guru',
    ta: 'Taml',
    te: 'Telu',
    kn: 'Knda',
    ml: 'Mlym',
    or: 'Orya',
    el: 'Grek',
    ru: 'Cyrl',
    uk: 'Cyrl',
    be: 'Cyrl',
    bg: 'Cyrl',
    sr: 'Cyrl',
    mk: 'Cyrl',
    hy: 'Armn',
    ka: 'Geor',
  };
  return map[lang];
}

function localeStyle(all: Record<string, Style> | undefined, locale: string): Style | undefined {
  if (!all) return undefined;
  const lang = locale.split('-')[0]!;
  const script = scriptOf(locale);
  // Most general first, so a full locale beats its language, which beats its script.
  return mergeStyle(script ? all[script] : undefined, all[lang], lang !== locale ? all[locale] : undefined);
}

export function fillPattern(
  pattern: string,
  v: { locale: string; device: string; slide: string; preset: string; appearance?: string },
): string {
  return pattern.replace(/\{(locale|device|slide|preset|appearance)\}/g, (_, k: keyof typeof v) => v[k] ?? '');
}

function parseSize(s: string): Size {
  const [w, h] = s.split('x').map(Number);
  return { width: w!, height: h! };
}

export function buildPlan(input: PlanInput): PlanResult {
  const { loaded, theme } = input;
  const m = loaded.manifest;
  const cwd = input.cwd ?? process.cwd();
  const problems: Problem[] = [];
  const err = (message: string, fp: Array<string | number>) =>
    problems.push({ severity: 'error', message, field: fieldName(fp), at: loaded.positionOf(fp) });
  const fallback = m['fallback-locale'];
  const layout = input.layout ?? m.output?.layout ?? 'flat';
  const format = m.output?.format ?? 'png';
  const quality = m.output?.quality ?? 90;
  const compression = m.output?.compression === 'fast' ? ('fast' as const) : undefined;
  const ext = format === 'jpeg' ? 'jpg' : 'png';
  const strings = input.strings ?? {};
  const fixedKeys = input.fixedKeys ?? new Set<string>();
  const sources = input.stringSources ?? {};
  const locales = [...m.locales, ...(input.extraLocales ?? []).filter((l) => !m.locales.includes(l))];
  // Pseudo-locales are made from this locale's texts and screenshots.
  const baseLocale = fallback ?? m.locales.find((l) => !PSEUDO_LOCALES.includes(l)) ?? m.locales[0]!;
  const warnings: Problem[] = [];
  const warn = (message: string, fp: Array<string | number>) =>
    warnings.push({ severity: 'warning', message, field: fieldName(fp), at: loaded.positionOf(fp) });

  if (fallback !== undefined && !m.locales.includes(fallback)) {
    err(expected(`one of the manifest's locales (${m.locales.join(', ')})`, 'fallback-locale', fallback), [
      'fallback-locale',
    ]);
  }

  // Slide ids are unique.
  const seen = new Map<string, number>();
  m.slides.forEach((s, i) => {
    const first = seen.get(s.id);
    if (first !== undefined)
      err(`Duplicate slide id "${s.id}" at slides[${i}].id (first used at slides[${first}].id)`, ['slides', i, 'id']);
    else seen.set(s.id, i);
  });

  // A content layout (feature-list, stats, quote) has the content it draws.
  m.slides.forEach((s, i) => {
    const miss = missingContent(s, mergeStyle(m.style, s.style).layout);
    if (miss)
      err(
        `Slide "${s.id}" at slides[${i}] has layout ${mergeStyle(m.style, s.style).layout} but no ${miss.field}: add ${miss.what}`,
        ['slides', i, ...(s.style?.layout ? ['style', 'layout'] : [])],
      );
  });

  // Presets exist; sizes are accepted.
  const known = presetRefs();
  const presets: Array<{ ref: string; entry: PresetEntry; fp: Array<string | number> }> = [];
  m.presets.forEach((p, i) => {
    const entry: PresetEntry = typeof p === 'string' ? { id: p } : p;
    const fp = typeof p === 'string' ? ['presets', i] : ['presets', i, 'id'];
    const ref = resolvePreset(entry.id);
    if (!ref) {
      err(
        `Unknown preset "${entry.id}" at ${fieldName(fp)} (did you mean "${closest(entry.id, known)}"?); run "storeshots presets" for the list`,
        fp,
      );
      return;
    }
    if (presets.some((q) => q.ref === entry.id)) {
      err(`Preset "${entry.id}" is listed twice at ${fieldName(fp)}`, fp);
      return;
    }
    if (entry.size) {
      // The size is written as rendered: a @landscape reference takes a landscape size.
      const size = parseSize(entry.size);
      const upright = !ref.landscape || size.width > size.height;
      if (ref.preset.anySize) {
        // "Any size within Play's rules": bounded here, so a 99999x99999 canvas never reaches the engine.
        const max = ref.preset.device === 'android-tablet' ? PLAY.largeMaxSide : PLAY.maxSide;
        const long = Math.max(size.width, size.height);
        const short = Math.min(size.width, size.height);
        if (short < PLAY.minSide || long > max || long > short * PLAY.maxAspect) {
          err(
            expected(
              `a size within Play's rules for ${entry.id} (each side ${PLAY.minSide}-${max} px, the long side at most ${PLAY.maxAspect}x the short)`,
              `presets[${i}].size`,
              entry.size,
            ),
            ['presets', i, 'size'],
          );
        } else if (!upright) {
          err(expected(`a landscape size (wider than tall) for ${entry.id}`, `presets[${i}].size`, entry.size), [
            'presets',
            i,
            'size',
          ]);
        }
      } else if (!upright || !isAcceptedSize(ref.preset, size)) {
        const list = ref.preset.accepted.map((z) =>
          ref.landscape ? `${z.height}x${z.width}` : `${z.width}x${z.height}`,
        );
        err(expected(`one of the sizes ${entry.id} accepts (${list.join(', ')})`, `presets[${i}].size`, entry.size), [
          'presets',
          i,
          'size',
        ]);
      }
    }
    presets.push({ ref: entry.id, entry, fp });
  });

  // A slide limited to presets names presets of this manifest (else it would silently vanish from every set).
  m.slides.forEach((sl, i) => {
    (sl.presets ?? []).forEach((ref, j) => {
      if (presets.some((q) => q.ref === ref)) return;
      const listed = presets.map((q) => q.ref);
      const near = listed.length ? ` (did you mean "${closest(ref, listed)}"?)` : '';
      err(
        `Preset "${ref}" at slides[${i}].presets[${j}] is not one of the manifest's presets${near}; the manifest has: ${listed.join(', ')}`,
        ['slides', i, 'presets', j],
      );
    });
  });

  // Locales are known to every store the manifest targets.
  const stores = new Set(presets.map((p) => resolvePreset(p.ref)!.preset.store));
  m.locales.forEach((loc, i) => {
    if (PSEUDO_LOCALES.includes(loc)) return;
    for (const store of stores) {
      if (!storeLocale(store, loc)) {
        const name = store === 'appstore' ? 'the App Store' : 'Google Play';
        err(
          `Locale "${loc}" at locales[${i}] is not a locale ${name} accepts; use one of its codes (storeshots presets --locales)`,
          ['locales', i],
        );
      }
    }
  });

  // Two locales that map to one store code would overwrite each other's folder in the fastlane layout.
  if (layout === 'fastlane') {
    for (const store of stores) {
      const byCode = new Map<string, number>();
      m.locales.forEach((loc, i) => {
        const code = PSEUDO_LOCALES.includes(loc) ? undefined : storeLocale(store, loc);
        if (code === undefined) return;
        const first = byCode.get(code);
        if (first === undefined) byCode.set(code, i);
        else
          err(
            `Locales "${m.locales[first]}" and "${loc}" at locales[${i}] both map to ${store === 'appstore' ? 'the App Store' : 'Google Play'}'s ${code}, so their fastlane folders would collide; keep one`,
            ['locales', i],
          );
      });
    }
  }

  const hasLetters = (t: string) => /\p{L}/u.test(t);
  // Whitespace controls (a tab, CR, U+2028 ...) become spaces and line breaks (src/l10n/whitespace.ts).
  const resolveText = (
    value: Localized | undefined,
    locale: string,
    fp: Array<string | number>,
  ): ResolvedText | undefined => {
    const r = resolveTextAsIs(value, locale, fp);
    return r && { ...r, text: normalizeWhitespace(r.text) };
  };
  const resolveTextAsIs = (
    value: Localized | undefined,
    locale: string,
    fp: Array<string | number>,
  ): ResolvedText | undefined => {
    if (value === undefined) return undefined;
    if (PSEUDO_LOCALES.includes(locale)) {
      const base = resolveText(value, baseLocale, fp);
      return (
        base && {
          text: pseudoLocalize(base.text, locale === 'pseudo-rtl'),
          origin: 'pseudo',
          locale,
          ...(base.key ? { key: base.key } : {}),
        }
      );
    }
    const what = `${fp[fp.length - 1]}`;
    if (typeof value === 'string') return { text: value, origin: 'inline', locale };
    if ('key' in value && typeof value.key === 'string' && Object.keys(value).length === 1) {
      const key = value.key;
      const own = strings[locale]?.[key];
      const fb = fallback !== undefined ? strings[fallback]?.[key] : undefined;
      if (own !== undefined) {
        const fixed = fixedKeys.has(key);
        const same = !fixed && fallback !== undefined && locale !== fallback && fb === own && hasLetters(own);
        if (same)
          warn(
            `The ${locale} text for key "${key}" at ${fieldName(fp)} is the same as the ${fallback} text: possibly untranslated (text.untranslated)`,
            fp,
          );
        return {
          text: own,
          origin: 'strings',
          key,
          locale,
          source: sources[locale]?.[key],
          ...(fixed ? { fixed } : {}),
          ...(same ? { sameAsFallback: true } : {}),
        };
      }
      if (fixedKeys.has(key)) {
        // Marked not to be translated: every locale shares the text wherever it is defined.
        const from = [fallback, baseLocale, ...m.locales].find(
          (l) => l !== undefined && strings[l]?.[key] !== undefined,
        );
        if (from !== undefined)
          return {
            text: strings[from]![key]!,
            origin: 'strings',
            key,
            locale: from,
            fixed: true,
            source: sources[from]?.[key],
          };
      }
      if (fb !== undefined && fallback !== undefined) {
        warn(
          `No ${locale} text for key "${key}" at ${fieldName(fp)}; the ${fallback} text is used (text.missing-translation)`,
          fp,
        );
        return { text: fb, origin: 'fallback', key, locale: fallback, source: sources[fallback]?.[key] };
      }
      const why = input.whyNoText?.(locale, key);
      err(
        `No text for key "${key}" in locale ${locale} at ${fieldName(fp)}${fallback ? ` (nor in the fallback ${fallback})` : ''}${why ? ` [${why}]` : ''}; add it to the strings files or set fallback-locale`,
        fp,
      );
      return undefined;
    }
    const map = value as Record<string, string>;
    const own = map[locale];
    const fb = fallback !== undefined ? map[fallback] : undefined;
    if (own !== undefined) {
      const same = fallback !== undefined && locale !== fallback && fb === own && hasLetters(own);
      if (same)
        warn(
          `The ${locale} ${what} at ${fieldName(fp)} is the same as the ${fallback} one: possibly untranslated (text.untranslated)`,
          fp,
        );
      return { text: own, origin: 'inline', locale, ...(same ? { sameAsFallback: true } : {}) };
    }
    if (fb !== undefined && fallback !== undefined) {
      warn(`No ${locale} ${what} at ${fieldName(fp)}; the ${fallback} text is used (text.missing-translation)`, fp);
      return { text: fb, origin: 'fallback', locale: fallback };
    }
    err(
      `No ${what} for locale ${locale} at ${fieldName(fp)}${fallback ? '' : ' and no fallback-locale'}; add "${locale}: …" or set fallback-locale`,
      fp,
    );
    return undefined;
  };

  // The one containment check every path-valued field goes through (screenshots, fonts, style files, output.dir).
  const resolveFile = (p: string, fp: Array<string | number>): string | undefined => {
    const abs = resolveInside(loaded.dir, p, cwd);
    if (!abs) err(`Path "${p}" at ${fieldName(fp)} leaves the manifest's folder and the working directory`, fp);
    return abs;
  };
  const files: FileRef[] = [];
  const fileRef = (p: string, fp: Array<string | number>, what: string, note = '') => {
    const abs = resolveFile(p, fp);
    if (abs) files.push({ abs, what: `${what}${note}`, field: fieldName(fp), at: loaded.positionOf(fp) });
  };

  // {locale} also finds a folder written with "_" (de_CH/ for de-CH), as fastlane setups have them.
  const resolveShot = (
    pattern: string,
    vars: Parameters<typeof fillPattern>[1],
    fp: Array<string | number>,
  ): string | undefined => {
    const abs = resolveFile(fillPattern(pattern, vars), fp);
    if (!abs || existsSync(abs) || !pattern.includes('{locale}')) return abs;
    for (const form of folderForms(vars.locale).slice(1)) {
      const alt = resolveInside(loaded.dir, fillPattern(pattern, { ...vars, locale: form }), cwd);
      if (alt && existsSync(alt)) return alt;
    }
    return abs;
  };

  const fonts = (m.fonts ?? []).flatMap((f, i) => {
    const abs = resolveFile(f, ['fonts', i]);
    if (abs) files.push({ abs, what: 'font file', field: `fonts[${i}]`, at: loaded.positionOf(['fonts', i]) });
    return abs ?? [];
  });

  // Files named inside styles: every layer that can reach a job's merged style is checked where it is written.
  const styleLayers: Array<{ style: Style | undefined; fp: Array<string | number>; note?: string }> = [
    { style: theme.style, fp: ['theme'], note: ` (in theme ${theme.name})` },
    { style: m.style, fp: ['style'] },
    ...Object.entries(m['locale-style'] ?? {}).map(([k, st]) => ({ style: st, fp: ['locale-style', k] })),
    ...m.slides.map((sl, i) => ({ style: sl.style, fp: ['slides', i, 'style'] })),
    ...m.presets.map((p, i) => ({ style: typeof p === 'string' ? undefined : p.style, fp: ['presets', i, 'style'] })),
    { style: m['feature-graphic']?.style, fp: ['feature-graphic', 'style'] },
  ];
  for (const { style, fp: base, note } of styleLayers) {
    if (!style) continue;
    // A theme's paths are reported at the manifest's theme: line.
    const at = (...rest: Array<string | number>) => (note ? base : [...base, ...rest]);
    const image = style.background?.image;
    if (image !== undefined) {
      if (image.startsWith('builtin:')) {
        const name = image.slice('builtin:'.length);
        const templates = path.join(packageRoot(), 'templates');
        const abs = resolveInside(templates, name, templates);
        if (!abs || !name || path.dirname(abs) !== templates) {
          err(
            expected(
              'builtin:NAME naming an image shipped in the templates folder',
              fieldName([...base, 'background', 'image']),
              image,
            ),
            at('background', 'image'),
          );
        } else
          files.push({
            abs,
            what: `background image${note ?? ''}`,
            field: fieldName([...base, 'background', 'image']),
            at: loaded.positionOf(at('background', 'image')),
          });
      } else fileRef(image, at('background', 'image'), 'background image', note);
    }
    for (const k of ['headline', 'subtitle'] as const) {
      const font = style[k]?.font;
      if (font !== undefined && (/\.(ttf|otf|ttc)$/i.test(font) || /[\\/]/.test(font)))
        fileRef(font, at(k, 'font'), 'font file', note);
    }
    const frame = style.device?.frame;
    if (frame !== undefined && /\.png$/i.test(frame)) fileRef(frame, at('device', 'frame'), 'frame PNG', note);
  }
  if (m.app?.icon !== undefined) resolveFile(m.app.icon, ['app', 'icon']);

  // output.dir resolves like every other path: against the manifest's folder, inside the project.
  const outDir = input.outDir
    ? path.resolve(cwd, input.outDir)
    : m.output?.dir
      ? (resolveFile(m.output.dir, ['output', 'dir']) ?? path.resolve(loaded.dir, 'storeshots-out'))
      : path.resolve(cwd, 'storeshots-out');
  // One set per appearance (light, dark), or one set without any.
  const appearances: Array<Appearance | undefined> = m.appearances?.length ? m.appearances : [undefined];
  if (!m.appearances?.length) {
    const uses: Array<[string | undefined, Array<string | number>]> = [
      [m.screenshots, ['screenshots']],
      ...m.slides.flatMap(
        (sl, i): Array<[string | undefined, Array<string | number>]> => [
          [typeof sl.screenshot === 'string' ? sl.screenshot : undefined, ['slides', i, 'screenshot']],
          [sl['second-screenshot'], ['slides', i, 'second-screenshot']],
          [sl['third-screenshot'], ['slides', i, 'third-screenshot']],
        ],
      ),
      [m['feature-graphic']?.screenshot, ['feature-graphic', 'screenshot']],
    ];
    for (const [p, fp] of uses)
      if (p?.includes('{appearance}'))
        err(
          `The path at ${fieldName(fp)} uses {appearance} but the manifest has no appearances:; add appearances: [light, dark]`,
          fp,
        );
  }
  const all: Job[] = [];
  for (const locale of locales) {
    for (const { ref, entry, fp: presetFp } of presets) {
      const pr = resolvePreset(ref)!;
      const size = entry.size ? parseSize(entry.size) : pr.size;
      const isFeature = pr.preset.playFolder === 'featureGraphic';
      type SlideLike = Omit<SlideEntry, 'presets'>;
      const slides: Array<{ s: SlideLike; fp: Array<string | number> }> = isFeature
        ? [
            {
              s: {
                id: 'feature-graphic',
                headline: m['feature-graphic']?.headline ?? m.app?.tagline ?? m.slides[0]?.headline,
                subtitle: m['feature-graphic']?.subtitle,
                screenshot: m['feature-graphic']?.screenshot,
                style: { layout: 'feature', ...m['feature-graphic']?.style },
              },
              fp: m['feature-graphic'] ? ['feature-graphic'] : ['slides', 0],
            },
          ]
        : m.slides.flatMap((s, i) =>
            !s.presets || s.presets.includes(ref) ? [{ s, fp: ['slides', i] as Array<string | number> }] : [],
          );
      for (const appearance of appearances)
        slides.forEach(({ s, fp }, k) => {
          const index = k + 1;
          const device = pr.preset.device;
          // A pseudo-locale has no screenshots of its own: it shows the base locale's.
          const vars = {
            locale: PSEUDO_LOCALES.includes(locale) ? baseLocale : locale,
            device,
            slide: s.id,
            preset: pr.preset.id,
            appearance,
          };
          // A web capture is written to a file named by what it asks for, before rendering (src/capture/jobs.ts).
          const capture =
            typeof s.screenshot === 'object'
              ? { spec: s.screenshot.capture, field: fieldName([...fp, 'screenshot', 'capture']) }
              : undefined;
          const style = styleOf([
            theme.style,
            m.style,
            appearance && m['appearance-style']?.[appearance],
            localeStyle(m['locale-style'], locale),
            s.style,
            entry.style,
          ]);
          // Slides without a device take no screenshot from the pattern.
          const pattern =
            typeof s.screenshot === 'string'
              ? s.screenshot
              : isFeature || capture || withoutDevice(style.layout)
                ? undefined
                : m.screenshots;
          const shotFp = s.screenshot ? [...fp, 'screenshot'] : ['screenshots'];
          const screenshot = capture
            ? path.join(privateRunDir('captures'), `${sha256(JSON.stringify(capture.spec))}.png`)
            : pattern
              ? resolveShot(pattern, vars, shotFp)
              : undefined;
          const second = s['second-screenshot']
            ? resolveFile(fillPattern(s['second-screenshot'], vars), [...fp, 'second-screenshot'])
            : undefined;
          const third = s['third-screenshot']
            ? resolveFile(fillPattern(s['third-screenshot'], vars), [...fp, 'third-screenshot'])
            : undefined;
          const content = resolveContent(s, fp, (v, at) => resolveText(v, locale, at));
          const alternate = appearance !== undefined && appearance !== appearances[0];
          const rel = outputPath(layout, { locale, preset: ref, slide: s.id, index, ext, appearance, alternate });
          if (!rel) return; // fastlane layout and a locale the store lacks: reported above
          const set = appearance ? `${locale}/${ref}/${appearance}` : `${locale}/${ref}`;
          all.push({
            id: `${set}/${s.id}`,
            set,
            locale,
            ...(appearance ? { appearance, ...(alternate ? { alternate } : {}) } : {}),
            rtl: isRtlLocale(locale),
            preset: ref,
            presetId: pr.preset.id,
            store: pr.preset.store,
            device,
            landscape: pr.landscape,
            size,
            slide: s.id,
            index,
            count: slides.length,
            headline: resolveText(s.headline, locale, [...fp, 'headline']),
            subtitle: resolveText(s.subtitle, locale, [...fp, 'subtitle']),
            appName: m.app?.name,
            style,
            theme: theme.name,
            screenshot,
            ...(capture ? { capture } : {}),
            secondScreenshot: second,
            ...(third ? { thirdScreenshot: third } : {}),
            ...(content ? { content } : {}),
            ...calloutsOf(s, device, vars.locale),
            fonts,
            baseDir: loaded.dir,
            output: { path: rel, format, quality, ...(compression ? { compression } : {}) },
            source: { slide: loaded.positionOf(fp), preset: loaded.positionOf(presetFp) },
          });
        });
    }
  }

  // Rendered images never go into a screenshot folder (they would mix with, or overwrite, the raw shots).
  const shotDirs = new Set(
    all
      .flatMap((j) => [j.capture ? undefined : j.screenshot, j.secondScreenshot, j.thirdScreenshot])
      .filter((f): f is string => !!f)
      .map((f) => path.dirname(f)),
  );
  const patterns = [
    m.screenshots,
    ...m.slides.flatMap((sl) => [
      typeof sl.screenshot === 'string' ? sl.screenshot : undefined,
      sl['second-screenshot'],
      sl['third-screenshot'],
    ]),
    m['feature-graphic']?.screenshot,
  ];
  // A root outside the project was refused where its pattern is written: it is not also named here.
  const roots = new Set(
    patterns
      .filter((p): p is string => !!p)
      .map((p) =>
        path.resolve(loaded.dir, path.dirname(`${p.split(/\{(?:locale|device|slide|preset|appearance)\}/)[0]!}x`)),
      )
      .filter((r) => resolveInside(loaded.dir, r, cwd) !== undefined),
  );
  const under = (dir: string, root: string) =>
    dir === root || (root !== loaded.dir && root !== path.resolve(cwd) && isInside(root, dir, { self: true }));
  const clash = [...shotDirs].find((d) => d === outDir) ?? [...roots].find((r) => under(outDir, r));
  if (clash) {
    const shown = path.relative(cwd, clash) || '.';
    if (input.outDir)
      problems.push({
        severity: 'error',
        field: '--out',
        message: expected(`an output folder outside the screenshot folder ${shown}`, '--out', input.outDir),
      });
    else
      err(
        expected(
          `an output folder outside the screenshot folder ${shown}`,
          'output.dir',
          m.output?.dir ?? 'storeshots-out',
        ),
        m.output?.dir ? ['output', 'dir'] : ['screenshots'],
      );
  }

  const plan: Plan = {
    manifestFile: loaded.file,
    app: { name: m.app?.name },
    locales,
    presets: presets.map((p) => p.ref),
    appearances: m.appearances ?? [],
    fallbackLocale: fallback,
    layout,
    outDir,
    all,
    jobs: all,
  };
  return { plan, problems: dedupe(problems), warnings: dedupe(warnings), files };
}

/** A slide's call-outs as one list (`callout:` is the one-item form of `callouts:`). */
function calloutsOf(s: Omit<SlideEntry, 'presets'>, device: string, locale: string): Pick<Job, 'callouts'> {
  const list = (s.callouts ?? (s.callout ? [s.callout] : [])).filter(
    (c) => (!c.devices || c.devices.includes(device)) && (!c.locales || c.locales.includes(locale)),
  );
  return list.length ? { callouts: list } : {};
}

/** The layers merged, texts whose colour is auto marked (text-colour.ts); layers[0] is the theme. */
function styleOf(layers: Array<Style | undefined>): Style {
  return withAutoTextColours(mergeStyle(...layers), layers);
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.message}|${p.at?.line}|${p.at?.column}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface Selection {
  locales?: string[];
  /** With `appearances:`: only these (light, dark). */
  appearances?: string[];
  presets?: string[];
  slides?: string[];
  /** `i/n`, 1-based. */
  shard?: string;
}

export function parseShard(s: string): { index: number; total: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || total < 1 || total > 256 || index < 1 || index > total) {
    throw new UserError(expected('a shard "i/n" with 1 <= i <= n <= 256', '--shard', s));
  }
  return { index, total };
}

/** Applies filters, then takes shard i of n: job k of the filtered list goes to shard (k mod n) + 1. */
export function selectJobs(plan: Plan, sel: Selection): Plan {
  const check = (what: string, given: string[] | undefined, known: string[]) => {
    for (const g of given ?? []) {
      if (!known.includes(g))
        throw new UserError(
          `Unknown ${what} "${g}" (did you mean "${closest(g, known)}"?); the manifest has: ${known.join(', ')}`,
        );
    }
  };
  check('locale', sel.locales, plan.locales);
  check('preset', sel.presets, plan.presets);
  check('slide', sel.slides, [...new Set(plan.all.map((j) => j.slide))]);
  if (sel.appearances?.length && !plan.appearances?.length)
    throw new UserError(
      `--appearance ${sel.appearances.join(',')}: the manifest has no appearances: (add appearances: [light, dark])`,
    );
  check('appearance', sel.appearances, plan.appearances ?? []);
  let jobs = plan.all.filter(
    (j) =>
      (!sel.locales?.length || sel.locales.includes(j.locale)) &&
      (!sel.appearances?.length || (j.appearance !== undefined && sel.appearances.includes(j.appearance))) &&
      (!sel.presets?.length || sel.presets.includes(j.preset)) &&
      (!sel.slides?.length || sel.slides.includes(j.slide)),
  );
  if (sel.shard) {
    const { index, total } = parseShard(sel.shard);
    jobs = jobs.filter((_, k) => k % total === index - 1);
  }
  return { ...plan, jobs };
}
