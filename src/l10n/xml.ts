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
  let start = { line: 1, column: 1 };
  const here = () => ({ line: parser.line, column: parser.column + 1 });
  parser.on('error', (e) => stringsError(file, parser.line, parser.column + 1, `invalid XML: ${e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`));
  parser.on('opentagstart', () => {
    // The parser has just read "<name"; report the element at its "<".
    start = here();
  });
  parser.on('opentag', (tag) => {
    const el: XmlElement = { kind: 'element', name: tag.name, attrs: { ...(tag.attributes as Record<string, string>) }, children: [], line: start.line, column: Math.max(1, start.column - tag.name.length - 1) };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  let textStart = { line: 1, column: 1 };
  const addText = (t: string, cdata: boolean) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push({ kind: 'text', text: t, cdata, line: textStart.line, column: textStart.column });
  };
  parser.on('text', (t) => {
    // saxes reports text once it ends: count back to where it began.
    const { line, column } = here();
    const nl = t.split('\n');
    textStart = nl.length > 1 ? { line: line - (nl.length - 1), column: 1 } : { line, column: Math.max(1, column - t.length - 1) };
    addText(t, false);
  });
  parser.on('cdata', (t) => {
    textStart = here();
    addText(t, true);
  });
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
