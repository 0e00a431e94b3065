// A project: the manifest loaded, its theme and strings read, the plan built and every
// reference checked (files, fonts, presets, locales, translations). No rendering.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findManifest, loadManifest, type LoadedManifest } from './manifest/load.js';
import { readStrings } from './manifest/strings.js';
import { PSEUDO_LOCALES } from './store/locales.js';
import { loadTheme } from './manifest/theme.js';
import { FROM_ICON, iconTheme } from './manifest/icon-theme.js';
import { resolveInside } from './util/paths.js';
import { buildPlan } from './plan/plan.js';
import type { OutputLayout, Plan } from './plan/types.js';
import { UserError, type Problem } from './util/errors.js';
import { notAFile, notPngOrJpeg } from './util/files.js';
import { COVERAGE_ADVICE, coverageProblems } from './render/coverage.js';
import { calloutProblems } from './plan/callout-check.js';
import { readImageFacts } from './lint/header.js';
import { headlinePlaceholderWarnings, strayLocaleStyles, whyNoText } from './l10n/checks.js';

export interface ProjectOptions {
  config?: string;
  cwd?: string;
  outDir?: string;
  layout?: OutputLayout;
  /** Add the pseudo and pseudo-rtl locales to the run (`render --pseudo`). */
  pseudo?: boolean;
}

export interface Project {
  loaded: LoadedManifest;
  plan: Plan;
  /** Warnings that did not stop the plan. */
  warnings: Problem[];
}

/** `theme: from-icon`: aurora's type and layout in the colours of app.icon (manifest/icon-theme.ts). */
function themeFromIcon(loaded: LoadedManifest, cwd: string) {
  const icon = loaded.manifest.app?.icon;
  if (icon === undefined)
    throw new UserError(
      `Expected app.icon (a PNG of the app icon) for theme ${FROM_ICON} but the manifest has none; add app: { icon: icon.png }`,
    );
  const abs = resolveInside(loaded.dir, icon, cwd);
  if (!abs)
    throw new UserError(
      `theme ${FROM_ICON}: app.icon "${icon}" leaves the manifest's folder and the working directory`,
    );
  const why = notAFile(abs);
  if (why) throw new UserError(`theme ${FROM_ICON}: app.icon ${path.relative(cwd, abs) || abs} ${why}`);
  return iconTheme(abs, loadTheme(undefined, loaded.dir, cwd));
}

/** A screenshot's size as displayed (EXIF orientations 5-8 swap the sides), from its header. */
function displayedSize(file: string): { width: number; height: number } | undefined {
  try {
    const f = readImageFacts(readFileSync(file));
    const swap = f.orientation !== undefined && f.orientation >= 5;
    return f.width > 0
      ? swap
        ? { width: f.height, height: f.width }
        : { width: f.width, height: f.height }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Loads and checks a project; throws a UserError listing every error found. */
export function loadProject(opts: ProjectOptions = {}): Project {
  const cwd = opts.cwd ?? process.cwd();
  const file = findManifest(opts.config, cwd);
  const loaded = loadManifest(file, path.relative(cwd, file) || file);
  const m = loaded.manifest;
  const problems: Problem[] = [];
  const at = (fp: Array<string | number>) => loaded.positionOf(fp);

  let theme;
  try {
    theme = m.theme === FROM_ICON ? themeFromIcon(loaded, cwd) : loadTheme(m.theme, loaded.dir, cwd);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    problems.push({ ...e.problems[0]!, field: 'theme', at: at(['theme']) });
    theme = { name: 'aurora', style: {} };
  }
  const strings = readStrings(m.strings, m.locales, loaded.dir, {
    cwd,
    defaultLocale: m['fallback-locale'],
    positionOf: (i) => at(['strings', i]),
  });
  problems.push(...strings.warnings, ...strayLocaleStyles(m, at));
  const {
    plan,
    problems: planProblems,
    warnings: planWarnings,
    files,
  } = buildPlan({
    loaded,
    theme,
    strings: strings.tables,
    fixedKeys: strings.fixed,
    stringSources: strings.where,
    whyNoText: (locale, key) => whyNoText(strings.why, locale, key),
    extraLocales: opts.pseudo ? [...PSEUDO_LOCALES] : undefined,
    cwd,
    outDir: opts.outDir,
    layout: opts.layout,
  });
  problems.push(...planProblems, ...planWarnings);

  // Every file the plan reads is a plain file (not a folder, FIFO or device) and, for images, really a PNG or JPEG.
  const checked = new Map<string, string | undefined>();
  const whyNot = (abs: string, image: boolean): string | undefined => {
    if (!checked.has(abs)) {
      let why = notAFile(abs);
      if (!why && image) why = notPngOrJpeg(abs);
      checked.set(abs, why);
    }
    return checked.get(abs);
  };
  const reported = new Set<string>();
  for (const job of plan.all) {
    for (const [p, field] of [
      // A web capture's file is written just before rendering (src/capture/jobs.ts).
      [job.capture ? undefined : job.screenshot, 'screenshot'],
      [job.secondScreenshot, 'second-screenshot'],
      [job.thirdScreenshot, 'third-screenshot'],
    ] as const) {
      const why = p && whyNot(p, true);
      if (!p || !why || reported.has(p)) continue;
      reported.add(p);
      const shown = path.relative(cwd, p) || p;
      problems.push({
        severity: 'error',
        field,
        message:
          why === 'does not exist'
            ? `Screenshot for ${job.id} not found: ${shown} (from ${field === 'screenshot' ? 'the screenshots pattern' : field})`
            : `Screenshot for ${job.id} ${shown} ${why} (from ${field === 'screenshot' ? 'the screenshots pattern' : field})`,
        at: job.source.slide,
      });
    }
  }
  for (const f of files) {
    const why = whyNot(f.abs, f.what !== 'font file' && !f.what.startsWith('font file'));
    if (!why || reported.has(`${f.abs}|${f.field}`)) continue;
    reported.add(`${f.abs}|${f.field}`);
    const shown = path.relative(cwd, f.abs) || f.abs;
    const what = f.what.charAt(0).toUpperCase() + f.what.slice(1);
    problems.push({
      severity: 'error',
      field: f.field,
      message:
        why === 'does not exist' ? `${what} not found: ${shown} (${f.field})` : `${what} ${shown} ${why} (${f.field})`,
      at: f.at,
    });
  }
  // The renderer's own glyph-coverage check (pure JS: no native code here), so a text no font
  // covers, or a control character, fails validate rather than render.
  if (!problems.some((p) => p.severity === 'error')) {
    for (const c of coverageProblems(plan.all)) {
      // A font that cannot be opened stays render's error (exit 3), as before; its texts are not checked here.
      if (c.kind === 'font') continue;
      problems.push({
        severity: 'error',
        field: c.what === 'app name' ? 'app.name' : c.what,
        message: c.kind === 'missing-glyph' ? `${c.message}: ${COVERAGE_ADVICE}` : c.message,
        at: c.at,
      });
    }
  }
  if (!problems.some((p) => p.severity === 'error'))
    problems.push(...calloutProblems(loaded, plan.all, cwd, displayedSize));
  problems.push(...headlinePlaceholderWarnings(plan.all, strings.placeholders));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new UserError(errors);
  return { loaded, plan, warnings: problems.filter((p) => p.severity === 'warning') };
}
