// Localization checks on a built plan, for validate (and so for render, import and the Action):
// headlines that carried placeholders, stray locale-style entries, and the reason a key gave no
// text, naming the files read.
import type { Manifest, Position } from '../manifest/types.js';
import type { Job } from '../plan/types.js';
import type { Problem } from '../util/errors.js';
import { scriptOf } from '../plan/plan.js';
import { bcp47FromFolder } from './locales.js';
import type { LoadedStrings } from '../manifest/strings.js';

/** One warning per strings entry whose text, used as a headline or subtitle, had placeholders dropped. */
export function headlinePlaceholderWarnings(
  jobs: Job[],
  placeholders: LoadedStrings['placeholders'] | undefined,
): Problem[] {
  if (!placeholders) return [];
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const job of jobs) {
    for (const [what, t] of [
      ['headline', job.headline],
      ['subtitle', job.subtitle],
    ] as const) {
      if (!t?.key) continue;
      const ph = placeholders[t.locale]?.[t.key];
      if (!ph?.length) continue;
      const k = `${t.locale}|${t.key}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({
        severity: 'warning',
        field: what,
        message: `The ${t.locale} text for key "${t.key}" (a ${what}) carries placeholder(s) ${ph.map((p) => JSON.stringify(p)).join(', ')} that a screenshot cannot fill: they were left out, the text around them is drawn (${JSON.stringify(t.text)}); give the screenshot its own text without placeholders`,
        at: t.source ?? job.source.slide,
      });
    }
  }
  return out;
}

/** Why `key` gave no text for `locale`: the files read for it and what each said, or that none was found. */
export function whyNoText(why: LoadedStrings['why'] | undefined, locale: string, key: string): string | undefined {
  if (!why) return undefined;
  const read = why[locale];
  if (!read?.length) return 'no strings file was found for this locale';
  const parts = read.map((r) => {
    const reason = r.skipped[key] ?? r.note ?? 'the key is not in it';
    return `${r.file}: ${reason}`;
  });
  return `read ${parts.join('; ')}`;
}

/**
 * locale-style entries that apply to no locale of the project (a locale, its language, or its
 * script): a typo, an underscore form (ar_SA) or a locale since removed. Warned, with the
 * nearest match where there is one.
 */
export function strayLocaleStyles(m: Manifest, positionOf: (fp: Array<string | number>) => Position): Problem[] {
  const styles = m['locale-style'];
  if (!styles) return [];
  const out: Problem[] = [];
  const applies = (name: string) =>
    m.locales.some((l) => l === name || l.split('-')[0] === name || scriptOf(l) === name);
  for (const name of Object.keys(styles)) {
    if (applies(name)) continue;
    const tag = bcp47FromFolder(name);
    const hint =
      tag !== name && applies(tag) ? ` (did you mean "${tag}"? locale-style keys use the manifest's BCP 47 form)` : '';
    out.push({
      severity: 'warning',
      field: `locale-style.${name}`,
      message: `locale-style "${name}" applies to no locale of this project (locales: ${m.locales.join(', ')}; a key is a locale, a language such as "ja", or a script such as "Hans")${hint}; it has no effect`,
      at: positionOf(['locale-style', name]),
    });
  }
  return out;
}
