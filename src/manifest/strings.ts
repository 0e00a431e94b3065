// Strings files named by the manifest's `strings:` patterns, loaded per locale into key -> text.
// Each format has its own parser (src/l10n); a file that is missing for a locale is not an error
// (the fallback and the missing-translation finding handle it), a malformed one is, with file:line.
//
// Patterns may hold a locale placeholder, each trying the most specific form first:
//   {locale}          de-DE, de_DE, then de                (locales/{locale}.json, {locale}.lproj/...)
//   {android-locale}  de-rDE, b+de+DE, then de; he -> iw    (res/values-{android-locale}/strings.xml)
//                     and, for the default locale only, the unqualified folder (res/values/strings.xml)
//   {flutter-locale}  pt_BR, then pt                       (lib/l10n/app_{flutter-locale}.arb)
// A pattern without one (an .xcstrings catalog, a multilingual XLIFF) is read for every locale
// and the parser picks that locale out. Later patterns win over earlier ones for the same key.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError, type Problem } from '../util/errors.js';
import { resolveInside } from '../util/paths.js';
import { PSEUDO_LOCALES } from '../store/locales.js';
import type { Position } from './types.js';
import type { StringsParser } from '../l10n/types.js';
import { decodeStringsFile } from '../l10n/text.js';
import { parseJsonStrings } from '../l10n/json.js';
import { parseAppleStrings } from '../l10n/apple-strings.js';
import { parseXcstrings } from '../l10n/xcstrings.js';
import { androidQualifiers, parseAndroidStrings } from '../l10n/android.js';
import { parseArb } from '../l10n/arb.js';
import { parseXliff } from '../l10n/xliff.js';
import { normalizeWhitespace } from '../l10n/whitespace.js';

export type { StringsParser };
export { parseJsonStrings };

export const MAX_STRINGS_BYTES = 5 * 1024 * 1024;

const PARSERS: Array<{ test: (file: string) => boolean; parse: StringsParser }> = [
  { test: (f) => f.endsWith('.xcstrings'), parse: parseXcstrings },
  { test: (f) => f.endsWith('.strings'), parse: parseAppleStrings },
  { test: (f) => f.endsWith('.xml'), parse: parseAndroidStrings },
  { test: (f) => /\.(xliff|xlf)$/i.test(f), parse: parseXliff },
  { test: (f) => f.endsWith('.arb'), parse: parseArb },
  { test: (f) => f.endsWith('.json'), parse: parseJsonStrings },
];

export const STRINGS_FORMATS = '.json, .strings, .xcstrings, strings.xml, .arb, .xliff/.xlf';

export function parserFor(file: string): StringsParser | undefined {
  return PARSERS.find((p) => p.test(file))?.parse;
}

const PLACEHOLDER = /\{(locale|android-locale|flutter-locale)\}/;

/** The locale's forms for each placeholder, most specific first. */
function localeForms(locale: string): Record<string, string[]> {
  const parts = locale.split('-');
  const prefixes = parts.map((_, i) => parts.slice(0, parts.length - i));
  return {
    // de-CH, then de_CH (ru_RU.lproj, zh_TW folders), then de.
    locale: [...new Set(prefixes.flatMap((p) => [p.join('-'), p.join('_')]))],
    'flutter-locale': prefixes.map((p) => p.join('_')),
    'android-locale': androidQualifiers(locale),
  };
}

/** Paths a pattern stands for, for one locale, in the order they are tried. */
export function candidatePaths(pattern: string, locale: string, isDefaultLocale = false): string[] {
  if (!PLACEHOLDER.test(pattern)) return [pattern];
  const forms = localeForms(locale);
  let out = [pattern];
  for (const name of ['locale', 'android-locale', 'flutter-locale']) {
    const tag = `{${name}}`;
    out = out.flatMap((p) => (p.includes(tag) ? forms[name]!.map((f) => p.split(tag).join(f)) : [p]));
  }
  // Android keeps the default language in res/values/ (no qualifier).
  if (isDefaultLocale && pattern.includes('-{android-locale}')) out.push(pattern.split('-{android-locale}').join(''));
  return [...new Set(out)];
}

export interface LoadedStrings {
  /** locale -> key -> text. */
  tables: Record<string, Record<string, string>>;
  /** Keys a strings file marks as not to be translated (the same text in every locale is right). */
  fixed: Set<string>;
  /** locale -> key -> where the text was read (file and line, where the format tells). */
  where: Record<string, Record<string, Position>>;
  /** Soft problems, e.g. a pattern that matched no file at all. */
  warnings: Problem[];
  /** locale -> key -> placeholders its text carried that storeshots cannot fill (dropped from the text). */
  placeholders: Record<string, Record<string, string[]>>;
  /** locale -> what each file read for it gave, and why a key it holds gave no text (for "No text for key" errors). */
  why: Record<string, Array<{ file: string; note?: string; skipped: Record<string, string> }>>;
}

export interface ReadStringsOptions {
  cwd?: string;
  /** The locale whose Android strings live in res/values/ (the fallback-locale, else the first locale). */
  defaultLocale?: string;
  /** Where each pattern is written in the manifest, for messages. */
  positionOf?: (index: number) => Position;
}

export function readStrings(
  patterns: string[] | undefined,
  locales: string[],
  baseDir: string,
  opts: ReadStringsOptions = {},
): LoadedStrings {
  const cwd = opts.cwd ?? process.cwd();
  const result: LoadedStrings = { tables: {}, fixed: new Set(), where: {}, warnings: [], placeholders: {}, why: {} };
  const warned = new Set<string>();
  const texts = new Map<string, string>();
  const real = locales.filter((l) => !PSEUDO_LOCALES.includes(l));
  const defaultLocale = opts.defaultLocale ?? real[0];
  const used = new Set<number>();
  const tried = new Map<number, string[]>();
  for (const locale of real) {
    const table: Record<string, string> = {};
    const where: Record<string, Position> = {};
    (patterns ?? []).forEach((pattern, index) => {
      const rels = candidatePaths(pattern, locale, locale === defaultLocale);
      let found: { abs: string; rel: string } | undefined;
      for (const rel of rels) {
        const abs = resolveInside(baseDir, rel, cwd);
        if (!abs) {
          throw new UserError([
            {
              severity: 'error',
              field: `strings[${index}]`,
              message: `strings path "${rel}" leaves the manifest's folder and the working directory`,
              at: opts.positionOf?.(index),
            },
          ]);
        }
        if (existsSync(abs) && statSync(abs).isFile()) {
          found = { abs, rel };
          break;
        }
      }
      if (!tried.has(index)) tried.set(index, []);
      tried.get(index)!.push(...rels);
      if (!found) return;
      used.add(index);
      const shown = path.relative(cwd, found.abs) || found.abs;
      const parse = parserFor(found.abs);
      if (!parse)
        throw new UserError([
          {
            severity: 'error',
            field: `strings[${index}]`,
            message: `${shown}: unknown strings format (expected ${STRINGS_FORMATS})`,
            at: opts.positionOf?.(index),
          },
        ]);
      let text = texts.get(found.abs);
      if (text === undefined) {
        const size = statSync(found.abs).size;
        if (size > MAX_STRINGS_BYTES)
          throw new UserError(`${shown}: ${size} bytes is over the ${MAX_STRINGS_BYTES}-byte limit for a strings file`);
        text = decodeStringsFile(readFileSync(found.abs), shown);
        texts.set(found.abs, text);
      }
      const base = path.basename(found.abs);
      const dialect = /^(title|keyword)\.strings$/.test(base) ? ('frameit' as const) : undefined;
      const parsed = parse(text, {
        file: shown,
        locale,
        perLocale: PLACEHOLDER.test(pattern),
        ...(dialect ? { dialect } : {}),
      });
      for (const w of parsed.warnings ?? []) {
        const k = `${shown}:${w.line}:${w.column}|${w.message}`;
        if (warned.has(k)) continue;
        warned.add(k);
        result.warnings.push({
          severity: 'warning',
          field: `strings[${index}]`,
          message: w.message,
          at: { file: shown, line: w.line, column: w.column },
        });
      }
      for (const [k, v] of Object.entries(parsed.values)) {
        table[k] = normalizeWhitespace(v);
        where[k] = { file: shown, line: parsed.lines?.[k] ?? 1, column: 1 };
        const ph = parsed.placeholders?.[k];
        if (ph?.length) (result.placeholders[locale] ??= {})[k] = ph;
        else if (result.placeholders[locale]?.[k]) delete result.placeholders[locale]![k];
      }
      (result.why[locale] ??= []).push({
        file: shown,
        ...(parsed.note ? { note: parsed.note } : {}),
        skipped: parsed.skipped ?? {},
      });
      for (const k of parsed.fixed ?? []) result.fixed.add(k);
    });
    result.tables[locale] = table;
    result.where[locale] = where;
  }
  (patterns ?? []).forEach((pattern, index) => {
    if (used.has(index) || real.length === 0) return;
    const looked = [...new Set(tried.get(index) ?? [])];
    result.warnings.push({
      severity: 'warning',
      field: `strings[${index}]`,
      message: `strings pattern "${pattern}" found no file for any locale (looked for ${looked.slice(0, 6).join(', ')}${looked.length > 6 ? ', ...' : ''})`,
      at: opts.positionOf?.(index),
    });
  });
  return result;
}
