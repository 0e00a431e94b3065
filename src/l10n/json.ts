// JSON strings files: flat or nested (i18next style, nested keys join with dots), plus the
// JSON reading that .arb and .xcstrings share: syntax errors and bad values name file:line.
import { LineCounter, parseDocument, isPair, isScalar, type Node } from 'yaml';
import type { StringsParser, StringsTable } from './types.js';
import { stringsError, stringsErrorAt } from './text.js';
import { errorMessage } from '../util/errors.js';

/**
 * Comments in JSON text (`// ...` to the end of the line and `/* ... *\/`), as Ruby's JSON parser
 * (which fastlane reads Framefile.json with) accepts them: the text with each comment blanked out
 * (line breaks kept, so positions stay true) and the line of each comment. Strings are respected.
 */
export function blankJsonComments(text: string): { text: string; lines: number[] } {
  let out = '';
  const lines: number[] = [];
  let line = 1;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '"') {
      // A string: copy it whole (escapes included).
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      if (text[j] === '\n') line++;
      i = j + 1;
      continue;
    }
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const block = text[i + 1] === '*';
      let end = block ? text.indexOf('*/', i + 2) : text.indexOf('\n', i);
      if (end < 0) end = text.length;
      else if (block) end += 2;
      lines.push(line);
      const body = text.slice(i, end);
      out += body.replace(/[^\n]/g, ' ');
      line += body.split('\n').length - 1;
      i = end;
      continue;
    }
    if (c === '\n') line++;
    out += c;
    i++;
  }
  return { text: out, lines };
}

/** JSON.parse with the error placed at file:line:column. */
export function parseJsonText(text: string, file: string, what?: string): unknown {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(src);
  } catch (e) {
    const msg = errorMessage(e);
    const pos = /at position (\d+)/.exec(msg);
    const offset = pos ? Number(pos[1]) : src.length;
    let why = msg.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    // A comma right before } or ]: say so (JSON, and Ruby's JSON parser, refuse it).
    if (/^[\s]*[}\]]/.test(src.slice(offset)) && /,\s*$/.test(src.slice(0, offset)))
      why += ' (a trailing comma before it: remove the comma)';
    return stringsErrorAt(file, src, offset, `invalid JSON: ${why}`, what);
  }
}

/** 1-based line/column of the value at a key path in JSON text (for errors about a valid file's content). */
export function jsonLineOf(text: string, keyPath: ReadonlyArray<string | number>): { line: number; column: number } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, strict: false });
  let node = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const seg of keyPath) {
    if (!node || !('items' in node)) break;
    const items = (node as unknown as { items: unknown[] }).items;
    const next =
      typeof seg === 'number'
        ? items[seg]
        : items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === seg);
    if (next === undefined) break;
    if (isPair(next)) {
      offset = (next.key as Node | null)?.range?.[0] ?? offset;
      node = next.value as Node | null;
    } else {
      node = next as Node;
      offset = node.range?.[0] ?? offset;
    }
  }
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}

export function jsonError(file: string, text: string, keyPath: ReadonlyArray<string | number>, message: string): never {
  const { line, column } = jsonLineOf(text, keyPath);
  return stringsError(file, line, column, message);
}

/** Flat or nested JSON (i18next style): nested keys join with dots; numbers and booleans are refused. */
export const parseJsonStrings: StringsParser = (text, ctx) => {
  const data = parseJsonText(text, ctx.file);
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return jsonError(ctx.file, text, [], 'expected an object of "key": "text" pairs at the top of the file');
  }
  const out: StringsTable = { values: {} };
  const walk = (v: unknown, keyPath: string[]) => {
    if (typeof v === 'string') out.values[keyPath.join('.')] = v;
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, c] of Object.entries(v)) walk(c, [...keyPath, k]);
    } else if (v !== null && !Array.isArray(v)) {
      // A number where text was meant is a mistake worth stopping for; null and arrays (i18next
      // lists) are skipped: they cannot be headlines.
      jsonError(ctx.file, text, keyPath, `expected text for "${keyPath.join('.')}" but found ${typeof v} ${String(v)}`);
    }
  };
  walk(data, []);
  return out;
};
