// Flutter Application Resource Bundles (.arb): JSON where "@key" holds metadata for "key" and
// "@@locale" names the file's locale. ICU plural and select messages take their "other"
// case (a headline has no count or gender); {placeholders} stay as written.
import type { StringsParser, StringsTable } from './types.js';
import { jsonError, parseJsonText } from './json.js';
import { localeFits } from './xcstrings.js';
import { errorMessage } from '../util/errors.js';

export const parseArb: StringsParser = (text, ctx) => {
  const { file } = ctx;
  const data = parseJsonText(text, file);
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return jsonError(file, text, [], 'expected an object of "key": "message" pairs at the top of an .arb file');
  const entries = data as Record<string, unknown>;
  const declared = entries['@@locale'];
  if (declared !== undefined) {
    if (typeof declared !== 'string')
      return jsonError(file, text, ['@@locale'], 'expected a locale code for "@@locale"');
    const fits = localeFits(ctx.locale, declared);
    if (!fits) {
      if (!ctx.perLocale) return { values: {} }; // one file for every locale: it only serves its own
      return jsonError(
        file,
        text,
        ['@@locale'],
        `"@@locale": "${declared}" does not match the locale ${ctx.locale} this file was loaded for (check the strings: pattern)`,
      );
    }
  }
  const out: StringsTable = { values: {} };
  for (const [key, v] of Object.entries(entries)) {
    if (key.startsWith('@')) continue;
    if (typeof v !== 'string')
      return jsonError(
        file,
        text,
        [key],
        `expected a message (text) for "${key}" but found ${v === null ? 'null' : typeof v}`,
      );
    try {
      out.values[key] = icuOther(v);
    } catch (e) {
      return jsonError(file, text, [key], `message "${key}": ${errorMessage(e)}`);
    }
  }
  return out;
};

/** Replaces each ICU {x, plural|select|selectordinal, ...} with its "other" case; keeps {placeholders}. */
export function icuOther(message: string): string {
  let out = '';
  let i = 0;
  while (i < message.length) {
    const c = message[i]!;
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    const end = matchBrace(message, i);
    const inner = message.slice(i + 1, end);
    const m = /^\s*([A-Za-z_][\w]*)\s*,\s*(plural|select|selectordinal)\s*,([\s\S]*)$/.exec(inner);
    out += m ? icuOther(pickOther(m[3]!, m[1]!)) : message.slice(i, end + 1);
    i = end + 1;
  }
  return out;
}

function matchBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`the { at character ${open + 1} is never closed`);
}

function pickOther(cases: string, arg: string): string {
  let i = 0;
  let first: string | undefined;
  while (i < cases.length) {
    while (i < cases.length && /\s/.test(cases[i]!)) i++;
    if (i >= cases.length) break;
    const sel = /^(offset:\s*\d+|=?[\w-]+)\s*/.exec(cases.slice(i));
    if (!sel) throw new Error(`unexpected "${cases[i]}" in the cases of {${arg}, ...}`);
    i += sel[0].length;
    if (sel[1]!.startsWith('offset:')) continue;
    if (cases[i] !== '{') throw new Error(`expected { after the case "${sel[1]}" of {${arg}, ...}`);
    const end = matchBrace(cases, i);
    const body = cases.slice(i + 1, end);
    if (sel[1] === 'other') return body;
    first ??= body;
    i = end + 1;
  }
  if (first === undefined) throw new Error(`{${arg}, ...} has no cases`);
  return first;
}
