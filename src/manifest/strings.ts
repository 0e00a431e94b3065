// Strings files named by the manifest's `strings:` patterns, loaded per locale into key -> text.
// Each format has its own parser; a file that is missing for a locale is not an error
// (the fallback and the missing-translation finding handle it), a malformed one is.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../util/errors.js';
import { resolveInside } from '../util/paths.js';
import { fillPattern } from '../plan/plan.js';

export const MAX_STRINGS_BYTES = 5 * 1024 * 1024;

export type StringsParser = (text: string, file: string, locale: string) => Record<string, string>;

/** Flat or nested JSON (i18next style): nested keys join with dots. */
export const parseJsonStrings: StringsParser = (text, file) => {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: invalid JSON: ${(e as Error).message}`);
  }
  const out: Record<string, string> = {};
  const walk = (v: unknown, prefix: string) => {
    if (typeof v === 'string') out[prefix] = v;
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, c] of Object.entries(v)) walk(c, prefix ? `${prefix}.${k}` : k);
    }
  };
  walk(data, '');
  return out;
};

const PARSERS: Array<{ test: (file: string) => boolean; parse: StringsParser }> = [
  { test: (f) => f.endsWith('.json'), parse: parseJsonStrings },
];

/** Lets other modules add formats (.strings, .xcstrings, strings.xml, .arb, XLIFF). */
export function registerStringsParser(test: (file: string) => boolean, parse: StringsParser): void {
  PARSERS.unshift({ test, parse });
}

export function loadStrings(
  patterns: string[] | undefined,
  locales: string[],
  baseDir: string,
  cwd = process.cwd(),
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const locale of locales) {
    const table: Record<string, string> = {};
    for (const pattern of patterns ?? []) {
      const rel = fillPattern(pattern, { locale, device: '', slide: '', preset: '' });
      const abs = resolveInside(baseDir, rel, cwd);
      if (!abs) throw new UserError(`strings path "${rel}" leaves the manifest's folder and the working directory`);
      if (!existsSync(abs)) continue;
      const size = statSync(abs).size;
      if (size > MAX_STRINGS_BYTES) throw new UserError(`${rel}: ${size} bytes is over the ${MAX_STRINGS_BYTES}-byte limit for a strings file`);
      const parser = PARSERS.find((p) => p.test(abs));
      if (!parser) throw new UserError(`${rel}: unknown strings format (expected .json, .strings, .xcstrings, strings.xml, .arb or .xliff)`);
      Object.assign(table, parser.parse(readFileSync(abs, 'utf8'), path.relative(cwd, abs) || abs, locale));
    }
    out[locale] = table;
  }
  return out;
}
