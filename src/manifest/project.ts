// A project: the manifest loaded, its theme and strings read, the plan built and every
// reference checked (files, fonts, presets, locales, translations). No rendering.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { findManifest, loadManifest, type LoadedManifest } from './load.js';
import { readStrings } from './strings.js';
import { PSEUDO_LOCALES } from '../store/locales.js';
import { loadTheme } from './theme.js';
import { buildPlan } from '../plan/plan.js';
import type { OutputLayout, Plan } from '../plan/types.js';
import { UserError, type Problem } from '../util/errors.js';
import { resolveInside } from '../util/paths.js';
import { COVERAGE_ADVICE, coverageProblems } from '../render/coverage.js';
import { headlinePlaceholderWarnings, strayLocaleStyles, whyNoText } from '../l10n/checks.js';

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
    theme = loadTheme(m.theme, loaded.dir, cwd);
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
  const { plan, problems: planProblems, warnings: planWarnings } = buildPlan({
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

  const isFile = (p: string) => existsSync(p) && statSync(p).isFile();
  const missing = new Map<string, Problem>();
  for (const job of plan.all) {
    for (const [p, field] of [[job.screenshot, 'screenshot'], [job.secondScreenshot, 'second-screenshot']] as const) {
      if (p && !isFile(p) && !missing.has(p)) {
        missing.set(p, {
          severity: 'error',
          field,
          message: `Screenshot for ${job.id} not found: ${path.relative(cwd, p) || p} (from ${field === 'screenshot' ? 'the screenshots pattern' : field})`,
          at: job.source.slide,
        });
      }
    }
  }
  problems.push(...missing.values());
  (m.fonts ?? []).forEach((f, i) => {
    const abs = resolveInside(loaded.dir, f, cwd);
    if (abs && !isFile(abs)) problems.push({ severity: 'error', field: `fonts[${i}]`, message: `Font file not found: ${f}`, at: at(['fonts', i]) });
  });
  const bg = m.style?.background?.image;
  if (bg) {
    const abs = resolveInside(loaded.dir, bg, cwd);
    if (abs && !isFile(abs)) problems.push({ severity: 'error', field: 'style.background.image', message: `Background image not found: ${bg}`, at: at(['style', 'background', 'image']) });
  }
  // The renderer's own glyph-coverage check (pure JS: no native code here), so a text no font
  // covers, or a control character, fails validate rather than render.
  if (!problems.some((p) => p.severity === 'error')) {
    for (const c of coverageProblems(plan.all)) {
      // A font that cannot be opened stays render's error (exit 3), as before; its texts are not checked here.
      if (c.kind === 'font') continue;
      problems.push({ severity: 'error', field: c.what === 'app name' ? 'app.name' : c.what, message: c.kind === 'missing-glyph' ? `${c.message}: ${COVERAGE_ADVICE}` : c.message, at: c.at });
    }
  }
  problems.push(...headlinePlaceholderWarnings(plan.all, strings.placeholders));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new UserError(errors);
  return { loaded, plan, warnings: problems.filter((p) => p.severity === 'warning') };
}
