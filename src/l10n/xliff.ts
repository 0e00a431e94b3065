// XLIFF 1.2 (what Xcode's "Export Localizations" writes into an .xcloc, Angular's
// `ng extract-i18n`, and most TMS tools) and XLIFF 2.0. A unit's id is the key. The file's
// target language gives the translations and its source language the source texts; a file
// without a target-language takes it from its name (messages.de.xlf), or from the strings
// pattern that chose it for a locale. A target marked needs-translation, or empty, counts as
// missing, with the reason kept for the "No text for key" message; state="new" targets are used
// (new, not yet reviewed: a warning says how many). Inline markup keeps its text content;
// placeholders keep a plain text equivalent (%@), but markup (<b>, <mat-spinner ...>) is dropped,
// a <br> becomes a line break, and interpolations ({{ name }}) and ICU expressions are dropped
// and listed, so a headline that carried them is warned about.
import type { StringsContext, StringsParser, StringsTable } from './types.js';
import { elements, localName, parseXml, type XmlElement } from './xml.js';
import { stringsError } from './text.js';
import { localeFits } from './xcstrings.js';

const UNTRANSLATED_12 = new Set(['needs-translation']);

export const parseXliff: StringsParser = (text, ctx) => {
  const { file } = ctx;
  const root = parseXml(text, file);
  if (localName(root.name) !== 'xliff')
    stringsError(file, root.line, root.column, `expected <xliff> as the root element but found <${root.name}>`);
  const version = root.attrs.version ?? '';
  const out: StringsTable = { values: {}, lines: {}, skipped: {}, placeholders: {} };
  const notes: string[] = [];
  const put = (id: string, raw: Inline, u: XmlElement) => {
    const v = raw.dropped.length ? tidy(raw.text) : raw.text;
    if (raw.dropped.length) out.placeholders![id] = [...new Set(raw.dropped)];
    if (v === '') {
      out.skipped![id] = 'its text is empty';
      return;
    }
    out.values[id] = v;
    out.lines![id] = u.line;
  };
  if (version.startsWith('1.')) {
    let fresh = 0;
    let firstFresh: XmlElement | undefined;
    for (const f of elements(root, 'file')) {
      const side = whichSide(f, f.attrs['source-language'], f.attrs['target-language'], ctx, notes);
      if (!side) continue;
      for (const u of unitsOf(f, 'trans-unit', ['body', 'group'])) {
        const id = u.attrs.resname ?? u.attrs.id;
        if (!id) stringsError(file, u.line, u.column, '<trans-unit> has no id');
        const el = elements(u, side)[0];
        if (!el) {
          out.skipped![id] = `its <trans-unit id="${id}"> (line ${u.line}) has no <${side}>`;
          continue;
        }
        const state = el.attrs.state ?? '';
        if (side === 'target' && UNTRANSLATED_12.has(state)) {
          out.skipped![id] = `its <target> for "${id}" (line ${el.line}) is marked state="${state}"`;
          continue;
        }
        if (side === 'target' && state === 'new') {
          fresh++;
          firstFresh ??= el;
        }
        put(id, inlineText(el), u);
      }
    }
    if (fresh && firstFresh) {
      (out.warnings ??= []).push({
        line: firstFresh.line,
        column: firstFresh.column,
        message: `${fresh} <target>(s) marked state="new" (translated, not yet reviewed) were used for ${ctx.locale}`,
      });
    }
  } else if (version.startsWith('2.')) {
    const side = whichSide(root, root.attrs.srcLang, root.attrs.trgLang, ctx, notes);
    if (side) {
      for (const u of unitsOf(root, 'unit', ['file', 'group'])) {
        const id = u.attrs.name ?? u.attrs.id;
        if (!id) stringsError(file, u.line, u.column, '<unit> has no id');
        // Segments and ignorables in order make the unit's text.
        const all: Inline = { text: '', dropped: [] };
        let complete = true;
        for (const part of elements(u)) {
          const n = localName(part.name);
          if (n !== 'segment' && n !== 'ignorable') continue;
          const el = elements(part, side)[0] ?? (n === 'ignorable' ? elements(part, 'source')[0] : undefined);
          if (!el) {
            complete = false;
            continue;
          }
          const t = inlineText(el);
          all.text += t.text;
          all.dropped.push(...t.dropped);
        }
        if (!complete) {
          out.skipped![id] = `its <unit id="${id}"> (line ${u.line}) has a segment without a <${side}>`;
          continue;
        }
        put(id, all, u);
      }
    }
  } else {
    stringsError(file, root.line, root.column, `unsupported XLIFF version "${version}" (storeshots reads 1.2 and 2.0)`);
  }
  if (notes.length) out.note = notes.join('; ');
  return out;
};

/** The language a file name carries: messages.de.xlf, messages.fr-CA.xlf, app_pt_BR.xliff. */
export function languageFromName(file: string): string | undefined {
  const m = /[._-]([a-z]{2,3}(?:[-_](?:[A-Z][a-z]{3}|[A-Z]{2}|\d{3}))*)\.(?:xlf|xliff)$/.exec(
    file.split(/[\\/]/).pop() ?? '',
  );
  return m?.[1]?.replace(/_/g, '-');
}

/** Which side of the file serves the locale being loaded: its target, its source, or neither (the reason goes to notes). */
function whichSide(
  el: XmlElement,
  src: string | undefined,
  trg: string | undefined,
  ctx: StringsContext,
  notes: string[],
): 'source' | 'target' | undefined {
  if (trg && localeFits(ctx.locale, trg)) return 'target';
  if (!trg) {
    // Angular's ng extract-i18n writes no target-language; the translated copy is named messages.de.xlf.
    const named = languageFromName(ctx.file);
    if (named && localeFits(ctx.locale, named)) {
      notes.push(`the file names no target-language; "${named}" was taken from its name`);
      return 'target';
    }
    if (src && localeFits(ctx.locale, src)) return 'source';
    if (!named && ctx.perLocale && hasTargets(el)) {
      notes.push('the file names no target-language; the strings pattern chose it for this locale');
      return 'target';
    }
    if (!src && !named)
      stringsError(
        ctx.file,
        el.line,
        el.column,
        'the XLIFF names no source or target language (and its file name carries none, as in messages.de.xlf)',
      );
    if (ctx.perLocale && named)
      stringsError(
        ctx.file,
        el.line,
        el.column,
        `the file names no target-language, and its name says "${named}", which does not match the locale ${ctx.locale} it was loaded for (check the strings: pattern)`,
      );
    notes.push(
      `it holds ${named ? `"${named}" (from its name)` : `only its source language "${src}"`}, not ${ctx.locale}`,
    );
    return undefined;
  }
  if (src && localeFits(ctx.locale, src)) return 'source';
  if (ctx.perLocale) {
    stringsError(
      ctx.file,
      el.line,
      el.column,
      `target language "${trg}" does not match the locale ${ctx.locale} this file was loaded for (check the strings: pattern)`,
    );
  }
  notes.push(`its target language is "${trg}", not ${ctx.locale}`);
  return undefined;
}

function hasTargets(el: XmlElement): boolean {
  return elements(el).some((c) => localName(c.name) === 'target' || hasTargets(c));
}

interface Inline {
  text: string;
  /** Placeholders left out of the text (markup, interpolations, ICU expressions). */
  dropped: string[];
}

const ANGULAR_NAME = /^(INTERPOLATION|ICU|START_|CLOSE_|TAG_|LINE_BREAK)/;
const MARKUP = /^<\/?[A-Za-z][^<>]*>$/s;
const LINE_BREAK = /^<br\b[^<>]*>$/i;

/** A placeholder's text: a line break, nothing (dropped markup or interpolation), or its plain equivalent. */
function placeholder(c: XmlElement, into: Inline): void {
  const a = c.attrs;
  const id = a.id ?? '';
  const shown = a['equiv-text'] ?? a.disp ?? (a.equiv && !ANGULAR_NAME.test(a.equiv) ? a.equiv : undefined);
  const name = a.equiv && ANGULAR_NAME.test(a.equiv) ? a.equiv : id;
  if (name === 'LINE_BREAK' || a.ctype === 'lb' || (shown !== undefined && LINE_BREAK.test(shown.trim()))) {
    into.text += '\n';
    return;
  }
  const markup = shown !== undefined ? MARKUP.test(shown.trim()) : /^(START_|CLOSE_|TAG_)/.test(name);
  const interpolation =
    /^(INTERPOLATION|ICU)/.test(name) || (shown !== undefined && /^\{[\s\S]*\}$/.test(shown.trim()));
  if (markup || interpolation) {
    into.dropped.push(shown ?? name);
    return;
  }
  into.text += shown ?? '';
}

function inlineText(el: XmlElement, into: Inline = { text: '', dropped: [] }): Inline {
  for (const c of el.children) {
    if (c.kind === 'text') {
      into.text += c.text;
      continue;
    }
    const n = localName(c.name);
    if (n === 'x' || n === 'bx' || n === 'ex' || (n === 'ph' && c.children.length === 0)) placeholder(c, into);
    else if (n === 'cp') into.text += String.fromCodePoint(parseInt(c.attrs.hex ?? '0', 16));
    else if (n === 'sc' || n === 'ec' || n === 'sm' || n === 'em') continue;
    else {
      // <g>, <pc>, <mrk> ...: their content is text; a <pc> Angular wrote for a tag pair drops its markup.
      if (n === 'pc' && (c.attrs.dispStart || c.attrs.equivStart))
        into.dropped.push(c.attrs.dispStart ?? c.attrs.equivStart!);
      inlineText(c, into);
    }
  }
  return into;
}

/** Spacing after placeholders were taken out: no doubled spaces, none around a line break or at the ends. */
function tidy(s: string): string {
  return s
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/ +([.,!?;:])/g, '$1')
    .trim();
}

/** The `unit` elements below `root`, in document order, looking inside the `containers` elements only. */
function unitsOf(root: XmlElement, unit: string, containers: string[]): XmlElement[] {
  const units: XmlElement[] = [];
  const gather = (el: XmlElement) => {
    for (const c of elements(el)) {
      const n = localName(c.name);
      if (n === unit) units.push(c);
      else if (containers.includes(n)) gather(c);
    }
  };
  gather(root);
  return units;
}
