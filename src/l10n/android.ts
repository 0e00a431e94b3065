// Android string resources (res/values-*/strings.xml), read the way aapt2 reads them:
// markup (<b>, <xliff:g>, <annotation>) is dropped but its text kept; CDATA is text; \' \" \n
// \t \\ \@ \? \uXXXX are escapes; "double quotes" keep whitespace, elsewhere runs of
// whitespace become one space; an unescaped apostrophe outside quotes is an error, as in
// aapt2 ("unescaped apostrophe in string"). <plurals> give their "other" item under the name
// (and name.<quantity> for each); <string-array> items are name.0, name.1 ...; @string/x
// references are followed. translatable="false" marks a key every locale shares.
import type { StringsParser, StringsTable } from './types.js';
import { elements, localName, parseXml, type XmlElement, type XmlNode } from './xml.js';
import { stringsError } from './text.js';

export const parseAndroidStrings: StringsParser = (text, ctx) => {
  const { file } = ctx;
  const root = parseXml(text, file);
  if (root.name !== 'resources')
    stringsError(
      file,
      root.line,
      root.column,
      `expected <resources> as the root element of an Android strings file but found <${root.name}>`,
    );
  const out: StringsTable = { values: {}, fixed: [], lines: {} };
  const chosenProduct = new Map<string, string>();
  const put = (key: string, value: string, el: XmlElement) => {
    out.values[key] = value;
    out.lines![key] = el.line;
  };
  for (const el of elements(root)) {
    const name = el.attrs.name;
    const kind = localName(el.name);
    if (kind !== 'string' && kind !== 'plurals' && kind !== 'string-array') continue; // dimens, colors, integers ...
    if (!name) stringsError(file, el.line, el.column, `<${el.name}> has no name attribute`);
    if (kind === 'string') {
      // product="tablet" variants: the default (or unmarked) one wins.
      const product = el.attrs.product ?? 'default';
      const had = chosenProduct.get(name);
      if (had !== undefined && had === 'default' && product !== 'default') continue;
      chosenProduct.set(name, product);
      put(name, androidText(el, file), el);
    } else if (kind === 'plurals') {
      const items = elements(el, 'item');
      let other: string | undefined;
      for (const item of items) {
        const q = item.attrs.quantity;
        if (!q)
          stringsError(file, item.line, item.column, `<item> in <plurals name="${name}"> has no quantity attribute`);
        const v = androidText(item, file);
        put(`${name}.${q}`, v, item);
        if (q === 'other') other = v;
      }
      const last = items[items.length - 1];
      if (other !== undefined || last) put(name, other ?? out.values[`${name}.${last!.attrs.quantity}`]!, el);
    } else {
      elements(el, 'item').forEach((item, i) => put(`${name}.${i}`, androidText(item, file), item));
    }
    if (el.attrs.translatable === 'false') out.fixed!.push(name);
  }
  // @string/name references (one level at a time, guarded against loops).
  for (const key of Object.keys(out.values)) {
    let v = out.values[key]!;
    for (let hops = 0; hops < 10; hops++) {
      const m = /^@string\/([A-Za-z0-9_.]+)$/.exec(v);
      if (!m || out.values[m[1]!] === undefined) break;
      v = out.values[m[1]!]!;
    }
    out.values[key] = v;
  }
  return out;
};

/** The text of a <string> or <item> after aapt2's whitespace, quote and escape rules. */
export function androidText(el: XmlElement, file: string): string {
  // Flatten to one run of characters, each remembering where it came from.
  const chars: Array<{ c: string; line: number; column: number }> = [];
  const collect = (nodes: XmlNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'element') {
        collect(n.children);
        continue;
      }
      let line = n.line;
      let column = n.column;
      for (const c of n.text) {
        chars.push({ c, line, column });
        if (c === '\n') line++, (column = 1);
        else column++;
      }
    }
  };
  collect(el.children);
  let out = '';
  let quoted = false;
  let pendingSpace = false;
  const emit = (s: string) => {
    if (pendingSpace && out !== '') out += ' ';
    pendingSpace = false;
    out += s;
  };
  for (let i = 0; i < chars.length; i++) {
    const { c, line, column } = chars[i]!;
    if (c === '\\') {
      const e = chars[i + 1]?.c;
      i++;
      switch (e) {
        case 'n':
          emit('\n');
          break;
        case 't':
          emit('\t');
          break;
        case 'u': {
          const hex = chars
            .slice(i + 1, i + 5)
            .map((x) => x.c)
            .join('');
          if (!/^[0-9A-Fa-f]{4}$/.test(hex))
            stringsError(
              file,
              line,
              column,
              `invalid unicode escape sequence \\u${hex} in <${el.name}${el.attrs.name ? ` name="${el.attrs.name}"` : ''}> (aapt2 rejects it)`,
            );
          emit(String.fromCharCode(parseInt(hex, 16)));
          i += 4;
          break;
        }
        case undefined:
          stringsError(
            file,
            line,
            column,
            `a backslash ends <${el.name}${el.attrs.name ? ` name="${el.attrs.name}"` : ''}>; write \\\\ for a backslash`,
          );
          break;
        default:
          emit(e); // \' \" \\ \@ \? and the rest stand for themselves
      }
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === ' ' || c === '\n' || c === '\t' || c === '\r')) {
      pendingSpace = true;
    } else if (!quoted && c === "'") {
      stringsError(
        file,
        line,
        column,
        `unescaped apostrophe in <${el.name}${el.attrs.name ? ` name="${el.attrs.name}"` : ''}>: write \\' (aapt2 refuses to build this string)`,
      );
    } else {
      if (quoted) {
        if (pendingSpace && out !== '') out += ' ';
        pendingSpace = false;
        out += c;
      } else emit(c);
    }
  }
  return out;
}

/**
 * Android resource qualifiers for a BCP 47 locale, most specific first: de-DE -> de-rDE,
 * b+de+DE, de; zh-Hans -> b+zh+Hans, zh; he -> iw (Android's legacy code) then he.
 */
export function androidQualifiers(locale: string): string[] {
  const parts = locale.split(/[-_]/);
  const lang = parts[0]!.toLowerCase();
  const legacy: Record<string, string> = { he: 'iw', id: 'in', yi: 'ji' };
  const langs = legacy[lang] ? [lang, legacy[lang]!] : [lang];
  const rest = parts.slice(1);
  const out: string[] = [];
  for (const l of langs) {
    if (rest.length === 1 && /^[A-Za-z]{2}$|^\d{3}$/.test(rest[0]!)) out.push(`${l}-r${rest[0]!.toUpperCase()}`);
    if (rest.length > 0) out.push(`b+${[l, ...rest].join('+')}`);
  }
  out.push(...langs);
  return [...new Set(out)];
}
