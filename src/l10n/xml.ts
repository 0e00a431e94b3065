// A small element tree from saxes (a strict, non-validating XML parser that never fetches
// or expands external entities), with the line and column of every element and text run,
// so format errors in strings.xml and XLIFF can name the line.
//
// Entities declared in the file's own DOCTYPE (<!ENTITY app "Habitual">) are expanded as aapt2
// expands them, as text, nested ones included, within bounds (an entity may expand to at most
// 64 KiB and a file to at most 1 MiB of entity text: no billion laughs). External entities
// (SYSTEM / PUBLIC) are never read: using one is an error naming it (no XXE).
import { SaxesParser } from 'saxes';
import { stringsError } from './text.js';

export interface XmlText {
  kind: 'text';
  text: string;
  /** True for <![CDATA[ ... ]]> sections. */
  cdata: boolean;
  line: number;
  column: number;
}

export interface XmlElement {
  kind: 'element';
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  line: number;
  column: number;
}

export type XmlNode = XmlElement | XmlText;

export function parseXml(text: string, file: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  // Every construct begins where the previous one ended (saxes reports text, whitespace,
  // comments and tags alike), so that position is where the next one starts.
  let lastEnd = { line: 1, column: 1 };
  const here = () => ({ line: parser.line, column: parser.column + 1 });
  const mark = () => void (lastEnd = here());
  parser.on('error', (e) =>
    stringsError(
      file,
      parser.line,
      parser.column + 1,
      `invalid XML: ${e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`,
    ),
  );
  parser.on('opentag', (tag) => {
    const el: XmlElement = {
      kind: 'element',
      name: tag.name,
      attrs: { ...(tag.attributes as Record<string, string>) },
      children: [],
      line: lastEnd.line,
      column: lastEnd.column,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
    mark();
  });
  parser.on('closetag', () => {
    stack.pop();
    mark();
  });
  const addText = (t: string, cdata: boolean) => {
    const parent = stack[stack.length - 1];
    // CDATA text starts after "<![CDATA[".
    if (parent)
      parent.children.push({
        kind: 'text',
        text: t,
        cdata,
        line: lastEnd.line,
        column: lastEnd.column + (cdata ? 9 : 0),
      });
  };
  parser.on('text', (t) => {
    addText(t, false);
    // saxes reports text when it meets the next "<": the next construct starts one column back.
    const { line, column } = here();
    lastEnd = { line, column: Math.max(1, column - 1) };
  });
  parser.on('cdata', (t) => {
    addText(t, true);
    mark();
  });
  for (const ev of ['comment', 'processinginstruction', 'xmldecl'] as const) parser.on(ev, mark);
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  parser.on('doctype', (doctype) => {
    const at = lastEnd;
    declareEntities(parser, doctype, src, file, at);
    mark();
  });
  parser.write(src).close();
  if (!root) return stringsError(file, 1, 1, 'the file has no XML element');
  return root;
}

export const elements = (el: XmlElement, name?: string): XmlElement[] =>
  el.children.filter(
    (c): c is XmlElement => c.kind === 'element' && (name === undefined || localName(c.name) === name),
  );

/** The element name without its namespace prefix (xliff:g -> g). */
export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** All text inside an element, markup dropped. */
export function textContent(el: XmlElement): string {
  return el.children.map((c) => (c.kind === 'text' ? c.text : textContent(c))).join('');
}

export const MAX_ENTITY_CHARS = 64 * 1024;
export const MAX_EXPANDED_CHARS = 1024 * 1024;

/** Declares the DOCTYPE's internal entities on the parser, values expanded ahead and bounded. */
function declareEntities(
  parser: SaxesParser,
  doctype: string,
  src: string,
  file: string,
  at: { line: number; column: number },
): void {
  const open = doctype.indexOf('[');
  if (open < 0) return;
  const subset = doctype.slice(open + 1, doctype.lastIndexOf(']'));
  const internal = new Map<string, string>();
  const external = new Map<string, string>();
  const decl = /<!ENTITY\s+(%\s+)?([^\s%"'>]+)\s+(?:"([^"]*)"|'([^']*)'|((?:SYSTEM|PUBLIC)\b[^>]*))\s*>/g;
  for (let m; (m = decl.exec(subset)); ) {
    if (m[1]) continue; // parameter entities only shape the DTD; never read
    const name = m[2]!;
    if (internal.has(name) || external.has(name)) continue; // the first declaration wins (XML 1.0 4.2)
    if (m[5] !== undefined) external.set(name, m[5].trim());
    else internal.set(name, m[3] ?? m[4] ?? '');
  }
  const fail = (message: string): never =>
    stringsError(file, parser.line || at.line, parser.column + 1 || at.column, message);
  const expanded = new Map<string, string>();
  const expand = (name: string, stack: string[]): string => {
    const done = expanded.get(name);
    if (done !== undefined) return done;
    if (stack.includes(name)) fail(`the entity &${name}; refers to itself (${[...stack, name].join(' -> ')})`);
    const raw = internal.get(name)!;
    if (raw.includes('<')) fail(`the entity &${name}; holds markup; storeshots expands entities as text only`);
    let out = '';
    for (const part of raw.split(/(&[^;\s&]*;)/)) {
      const ref = /^&([^;]*);$/.exec(part);
      if (!ref) out += part;
      else {
        const n = ref[1]!;
        if (n.startsWith('#x')) out += String.fromCodePoint(parseInt(n.slice(2), 16));
        else if (n.startsWith('#')) out += String.fromCodePoint(parseInt(n.slice(1), 10));
        else if (PREDEFINED[n] !== undefined) out += PREDEFINED[n];
        else if (internal.has(n)) out += expand(n, [...stack, name]);
        else if (external.has(n))
          fail(
            `the entity &${name}; uses the external entity &${n}; (${external.get(n)}); storeshots never reads files or URLs an XML file names`,
          );
        else fail(`the entity &${name}; uses &${n};, which is not declared`);
      }
      if (out.length > MAX_ENTITY_CHARS)
        fail(
          `the entity &${name}; expands to more than ${MAX_ENTITY_CHARS} characters; refused (nested entities that multiply, a "billion laughs" file?)`,
        );
    }
    expanded.set(name, out);
    return out;
  };
  let total = 0;
  const entities = parser.ENTITIES as Record<string, string>;
  for (const name of internal.keys()) {
    const value = expand(name, []);
    Object.defineProperty(entities, name, {
      enumerable: true,
      get() {
        total += value.length;
        if (total > MAX_EXPANDED_CHARS)
          fail(
            `entities expand to more than ${MAX_EXPANDED_CHARS} characters in this file; refused (an entity expansion attack?)`,
          );
        return value;
      },
    });
  }
  for (const [name, id] of external) {
    Object.defineProperty(entities, name, {
      enumerable: true,
      get: () =>
        fail(`&${name}; is an external entity (${id}); storeshots never reads files or URLs an XML file names`),
    });
  }
  void src;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
