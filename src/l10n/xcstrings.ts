// Xcode string catalogs (.xcstrings): one JSON file holding every language. The parser picks
// the manifest locale's language out of it (de-DE reads "de" when the catalog has no "de-DE").
// Plural and device variations take their "other" case (a headline has no count); %#@name@
// substitutions are filled the same way. The source language falls back to the key itself,
// as Xcode does, and shouldTranslate: false keeps the source text in every language.
import type { StringsParser, StringsTable } from './types.js';
import { jsonError, parseJsonText } from './json.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The catalog language to read for a manifest locale: exact, then the language alone, then same language in another region. */
export function matchCatalogLocale(locale: string, available: Iterable<string>): string | undefined {
  const list = [...available];
  const lower = locale.toLowerCase();
  const exact = list.find((l) => l.toLowerCase() === lower || l.toLowerCase().replace(/_/g, '-') === lower);
  if (exact) return exact;
  const parts = lower.split('-');
  // Drop subtags from the end: zh-Hans-CN -> zh-Hans -> zh.
  for (let n = parts.length - 1; n >= 1; n--) {
    const prefix = parts.slice(0, n).join('-');
    const hit = list.find((l) => l.toLowerCase().replace(/_/g, '-') === prefix);
    if (hit) return hit;
  }
  return undefined;
}

/** True when a file declared for `declared` serves `requested`: the same tag, or one a prefix of the other (ja and ja-JP, de-DE and de). */
export function localeFits(requested: string, declared: string): boolean {
  const a = requested.toLowerCase().replace(/_/g, '-').split('-');
  const b = declared.toLowerCase().replace(/_/g, '-').split('-');
  const n = Math.min(a.length, b.length);
  return a.slice(0, n).join('-') === b.slice(0, n).join('-');
}

export const parseXcstrings: StringsParser = (text, ctx) => {
  const { file } = ctx;
  const data = parseJsonText(text, file);
  if (!isObj(data) || !isObj(data.strings))
    return jsonError(file, text, [], 'expected a string catalog: an object with "sourceLanguage" and "strings"');
  const source = typeof data.sourceLanguage === 'string' ? data.sourceLanguage : undefined;
  if (!source) return jsonError(file, text, [], 'the catalog has no "sourceLanguage"');
  const strings = data.strings;

  const languages = new Set<string>([source]);
  for (const entry of Object.values(strings)) {
    if (isObj(entry) && isObj(entry.localizations)) for (const l of Object.keys(entry.localizations)) languages.add(l);
  }
  const lang = matchCatalogLocale(ctx.locale, languages);
  const out: StringsTable = { values: {}, fixed: [] };

  const pick = (unit: unknown, keyPath: Array<string | number>): string | undefined => {
    if (!isObj(unit)) return undefined;
    if (isObj(unit.stringUnit)) {
      const v = unit.stringUnit.value;
      if (typeof v !== 'string')
        return jsonError(
          file,
          text,
          [...keyPath, 'stringUnit', 'value'],
          `expected text for the value at ${keyPath.join(' > ')} but found ${v === undefined ? 'nothing' : typeof v}`,
        );
      return v;
    }
    if (isObj(unit.variations)) {
      // plural / device (possibly nested): the "other" case, else the first listed.
      for (const [kind, cases] of Object.entries(unit.variations)) {
        if (!isObj(cases)) continue;
        const name = 'other' in cases ? 'other' : Object.keys(cases)[0];
        if (name !== undefined) return pick(cases[name], [...keyPath, 'variations', kind, name]);
      }
    }
    return undefined;
  };

  for (const [key, entry] of Object.entries(strings)) {
    if (!isObj(entry)) return jsonError(file, text, ['strings', key], `expected an object for the entry "${key}"`);
    const locs = isObj(entry.localizations) ? entry.localizations : {};
    const fixed = entry.shouldTranslate === false;
    const use: string | undefined = fixed ? source : lang;
    if (use === undefined) continue;
    const loc = locs[use];
    let value = pick(loc, ['strings', key, 'localizations', use]);
    if (value !== undefined && isObj(loc) && isObj(loc.substitutions)) {
      const subs = loc.substitutions;
      value = value.replace(
        /%#@([A-Za-z0-9_]+)@/g,
        (m, name: string) => pick(subs[name], ['strings', key, 'localizations', use, 'substitutions', name]) ?? m,
      );
    }
    // Xcode leaves the source language out when the text is the key itself.
    if (value === undefined && use === source) value = key;
    if (value === undefined || value === '') continue;
    out.values[key] = value;
    if (fixed) out.fixed!.push(key);
  }
  return out;
};
