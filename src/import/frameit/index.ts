// `storeshots import frameit`: reads a fastlane frameit setup (Framefile.json, the raw
// screenshots snapshot wrote, title.strings / keyword.strings per locale) and builds the
// equivalent storeshots manifest, listing what has no equivalent. Facts about frameit's files
// (config merge order, strings lookup, key matching) follow fastlane's frameit sources.
// Phases, one file each: framefile (read + scan), shots, style, texts, slides, yaml.
import path from 'node:path';
import { UserError } from '../../util/errors.js';
import type { Position, Style } from '../../manifest/types.js';
import { PRESETS } from '../../store/presets.js';
import { bcp47FromFolder } from '../../l10n/locales.js';
import { configFor, deepMerge, readFramefile, scanFramefile } from './framefile.js';
import { findShots } from './shots.js';
import { diffStyle, fileRef, styleOf, type StyleContext } from './style.js';
import { createTextFinder } from './texts.js';
import { buildSlides } from './slides.js';
import { toYaml } from './yaml.js';
import { isObj, type FrameitImport, type ImportFinding, type Note, type Obj } from './types.js';

export { findFramefile } from './framefile.js';
export type { FrameitImport, ImportFinding } from './types.js';

export function importFrameit(framefile: string, manifestDir: string, cwd = process.cwd()): FrameitImport {
  const root = path.dirname(framefile);
  const shown = path.relative(cwd, framefile) || framefile;
  const ff = readFramefile(framefile, shown);
  const { cfg, data } = ff;
  const findings: ImportFinding[] = [];
  const note: Note = (rule, message, at) =>
    void findings.push({
      rule,
      severity: 'warning',
      message,
      at: Array.isArray(at) ? ff.at(at) : (at as Position | undefined),
    });
  const rel = (abs: string) => path.relative(manifestDir, abs).split(path.sep).join('/');
  // frameit matches filters and strings keys against the whole path; from the Framefile's parent
  // folder on is enough, and keeps the folders above the project (a temp dir, a home) out of it.
  const matchPath = (abs: string) => path.relative(path.dirname(root), abs);

  // 1. The Framefile's keys without an equivalent.
  scanFramefile(ff, note);

  // 2. The raw screenshots, by locale folder.
  const shots = findShots(root, note);
  if (shots.length === 0)
    throw new UserError(
      `No screenshots found under ${path.relative(cwd, root) || '.'}: frameit setups keep them in <locale>/ folders next to Framefile.json (iOS) or in <locale>/images/phoneScreenshots/ (Android)`,
    );
  const locales = [...new Set(shots.map((s) => s.locale))].sort((a, b) =>
    a === 'en-US' ? -1 : b === 'en-US' ? 1 : a.localeCompare(b),
  );
  const folders = new Map(shots.map((s) => [s.folder, s.locale]));
  const presetOrder = [...new Set(PRESETS.flatMap((p) => [p.id, `${p.id}@landscape`]))];
  const presets = [...new Set(shots.map((s) => s.preset))].sort(
    (a, b) => presetOrder.indexOf(a) - presetOrder.indexOf(b),
  );
  const sizeOf = new Map<string, string | undefined>();
  for (const s of shots) if (!sizeOf.has(s.preset) || s.presetSize === undefined) sizeOf.set(s.preset, s.presetSize);

  // 3. Style: global, per locale (filters that name a locale folder, per-locale fonts).
  const styles: StyleContext = { root, note, rel, fontsUsed: [], reported: new Set() };
  /** The manifest locale a filter or a `supported` entry names (a folder as written, or its tag). */
  const localeNamed = (name: string): string | undefined => {
    const n = name.replace(/^\/|\/$/g, '');
    return folders.get(n) ?? (locales.includes(bcp47FromFolder(n)) ? bcp47FromFolder(n) : undefined);
  };
  const isLocaleFilter = (d: Obj) => typeof d.filter === 'string' && localeNamed(d.filter) !== undefined;
  // Pixel values (padding, sizes) become fractions of the first preset's width.
  const sampleSize = (shots.find((s) => s.preset === presets[0]) ?? shots[0]!).size;
  const globalStyle = styleOf(styles, configFor({ default: cfg.default }, ''), sampleSize);
  const localeStyle: Record<string, Style> = {};
  for (const d of data) {
    if (!isLocaleFilter(d)) continue;
    const loc = localeNamed(d.filter as string)!;
    const { filter: _f, ...rest } = d;
    const diff = diffStyle(
      styleOf(styles, deepMerge(isObj(cfg.default) ? cfg.default : {}, rest), sampleSize),
      globalStyle,
    );
    if (Object.keys(diff).length) localeStyle[loc] = diff;
  }
  const fontsList = isObj(isObj(cfg.default) ? cfg.default.title : undefined)
    ? (((cfg.default as Obj).title as Obj).fonts as unknown)
    : undefined;
  if (Array.isArray(fontsList)) {
    fontsList.forEach((f, i) => {
      if (!isObj(f)) return;
      const font = fileRef(styles, f.font, `default.title.fonts[${i}].font`);
      if (!font) return;
      if (!styles.fontsUsed.includes(font)) styles.fontsUsed.push(font);
      const supported = Array.isArray(f.supported)
        ? (f.supported as unknown[]).filter((x): x is string => typeof x === 'string')
        : undefined;
      if (!supported) {
        globalStyle.headline = { ...globalStyle.headline, font };
        return;
      }
      const stray: string[] = [];
      for (const name of supported) {
        const loc = localeNamed(name);
        if (!loc) {
          stray.push(name);
          continue;
        }
        const ls = (localeStyle[loc] ??= {});
        ls.headline = { ...ls.headline, font };
      }
      // frameit compares `supported` with the locale folder names: others never apply.
      if (stray.length)
        note(
          'import.no-equivalent',
          `fonts[${i}].supported ${stray.map((s) => JSON.stringify(s)).join(', ')}: no locale folder of that name, so frameit never uses the font there; not carried over`,
          ['default', 'title', 'fonts', i, 'supported'],
        );
    });
  }

  // 4-5. Texts and slides.
  const textFor = createTextFinder(root, cwd, note, matchPath);
  const { slides, strings } = buildSlides({
    ff,
    shots,
    locales,
    presets,
    globalStyle,
    styles,
    note,
    root,
    isLocaleFilter,
    matchPath,
    textFor,
  });

  const manifest: Record<string, unknown> = {
    version: 1,
    locales,
    presets: presets.map((p) => (sizeOf.get(p) ? { id: p, size: sizeOf.get(p) } : p)),
    theme: 'aurora',
    style: globalStyle,
  };
  if (Object.keys(localeStyle).length) manifest['locale-style'] = localeStyle;
  if (styles.fontsUsed.length) manifest.fonts = styles.fontsUsed;
  manifest.slides = slides;
  if (strings) manifest.strings = strings;
  manifest['fallback-locale'] = locales.includes('en-US') ? 'en-US' : locales[0];
  manifest.output = { dir: 'storeshots-out', format: 'png', layout: 'fastlane' };
  return { framefile, manifest, findings, yaml: toYaml(manifest, findings, rel(framefile)) };
}
