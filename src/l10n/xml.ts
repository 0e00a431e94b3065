// A small element tree from saxes (a strict, non-validating XML parser that never fetches
// or expands external entities), with the line and column of every element and text run,
// so format errors in strings.xml and XLIFF can name the line.
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
  parser.on('error', (e) => stringsError(file, parser.line, parser.column + 1, `invalid XML: ${e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`));
  parser.on('opentag', (tag) => {
    const el: XmlElement = { kind: 'element', name: tag.name, attrs: { ...(tag.attributes as Record<string, string>) }, children: [], line: lastEnd.line, column: lastEnd.column };
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
    if (parent) parent.children.push({ kind: 'text', text: t, cdata, line: lastEnd.line, column: lastEnd.column + (cdata ? 9 : 0) });
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
  for (const ev of ['comment', 'processinginstruction', 'doctype', 'xmldecl'] as const) parser.on(ev, mark);
  parser.write(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).close();
  if (!root) return stringsError(file, 1, 1, 'the file has no XML element');
  return root;
}

export const elements = (el: XmlElement, name?: string): XmlElement[] =>
  el.children.filter((c): c is XmlElement => c.kind === 'element' && (name === undefined || localName(c.name) === name));

/** The element name without its namespace prefix (xliff:g -> g). */
export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** All text inside an element, markup dropped. */
export function textContent(el: XmlElement): string {
  return el.children.map((c) => (c.kind === 'text' ? c.text : textContent(c))).join('');
}
