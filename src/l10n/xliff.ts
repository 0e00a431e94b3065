// XLIFF 1.2 (what Xcode's "Export Localizations" writes into an .xcloc, and most TMS tools)
// and XLIFF 2.0. A unit's id is the key. The file's target language gives the translations and
// its source language the source texts; a target marked new/needs-translation, or empty,
// counts as missing. Inline markup keeps its text (and a placeholder's equiv-text).
import type { StringsContext, StringsParser, StringsTable } from './types.js';
import { elements, localName, parseXml, type XmlElement } from './xml.js';
import { stringsError } from './text.js';
import { localeFits } from './xcstrings.js';

const UNTRANSLATED_12 = new Set(['new', 'needs-translation']);

export const parseXliff: StringsParser = (text, ctx) => {
  const { file } = ctx;
  const root = parseXml(text, file);
  if (localName(root.name) !== 'xliff') stringsError(file, root.line, root.column, `expected <xliff> as the root element but found <${root.name}>`);
  const version = root.attrs.version ?? '';
  const out: StringsTable = { values: {}, lines: {} };
  if (version.startsWith('1.')) {
    for (const f of elements(root, 'file')) {
      const side = whichSide(f, f.attrs['source-language'], f.attrs['target-language'], ctx);
      if (!side) continue;
      const units: XmlElement[] = [];
      const gather = (el: XmlElement) => {
        for (const c of elements(el)) {
          const n = localName(c.name);
          if (n === 'trans-unit') units.push(c);
          else if (n === 'body' || n === 'group') gather(c);
        }
      };
      gather(f);
      for (const u of units) {
        const id = u.attrs.resname ?? u.attrs.id;
        if (!id) stringsError(file, u.line, u.column, '<trans-unit> has no id');
        const el = elements(u, side)[0];
        if (!el) continue;
        if (side === 'target' && UNTRANSLATED_12.has(el.attrs.state ?? '')) continue;
        const v = inlineText(el);
        if (v === '') continue;
        out.values[id] = v;
        out.lines![id] = u.line;
      }
    }
  } else if (version.startsWith('2.')) {
    const side = whichSide(root, root.attrs.srcLang, root.attrs.trgLang, ctx);
    if (!side) return out;
    const units: XmlElement[] = [];
    const gather = (el: XmlElement) => {
      for (const c of elements(el)) {
        const n = localName(c.name);
        if (n === 'unit') units.push(c);
        else if (n === 'file' || n === 'group') gather(c);
      }
    };
    gather(root);
    for (const u of units) {
      const id = u.attrs.name ?? u.attrs.id;
      if (!id) stringsError(file, u.line, u.column, '<unit> has no id');
      // Segments and ignorables in order make the unit's text.
      let v = '';
      let complete = true;
      for (const part of elements(u)) {
        const n = localName(part.name);
        if (n !== 'segment' && n !== 'ignorable') continue;
        const el = elements(part, side)[0] ?? (n === 'ignorable' ? elements(part, 'source')[0] : undefined);
        if (!el) {
          complete = false;
          continue;
        }
        v += inlineText(el);
      }
      if (!complete || v === '') continue;
      out.values[id] = v;
      out.lines![id] = u.line;
    }
  } else {
    stringsError(file, root.line, root.column, `unsupported XLIFF version "${version}" (storeshots reads 1.2 and 2.0)`);
  }
  return out;
};

/** Which side of the file serves the locale being loaded: its target, its source, or neither. */
function whichSide(el: XmlElement, src: string | undefined, trg: string | undefined, ctx: StringsContext): 'source' | 'target' | undefined {
  if (trg && localeFits(ctx.locale, trg)) return 'target';
  if (src && localeFits(ctx.locale, src)) return 'source';
  if (!trg && !src) stringsError(ctx.file, el.line, el.column, 'the XLIFF names no source or target language');
  if (ctx.perLocale && trg) {
    stringsError(ctx.file, el.line, el.column, `target language "${trg}" does not match the locale ${ctx.locale} this file was loaded for (check the strings: pattern)`);
  }
  return undefined;
}

function inlineText(el: XmlElement): string {
  let s = '';
  for (const c of el.children) {
    if (c.kind === 'text') {
      s += c.text;
      continue;
    }
    const n = localName(c.name);
    if (n === 'x' || n === 'bx' || n === 'ex' || (n === 'ph' && c.children.length === 0)) s += c.attrs['equiv-text'] ?? c.attrs.equiv ?? c.attrs.disp ?? '';
    else if (n === 'cp') s += String.fromCodePoint(parseInt(c.attrs.hex ?? '0', 16));
    else if (n === 'sc' || n === 'ec' || n === 'sm' || n === 'em') continue;
    else s += inlineText(c);
  }
  return s;
}
