// Reads a manifest: YAML with positions kept, then the JSON Schema. Every problem names
// file:line:column and the field; a typo'd key gets the nearest valid one suggested.
import { readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import { isUtf8 } from 'node:buffer';
import {
  CST,
  Lexer,
  LineCounter,
  parseDocument,
  isAlias,
  isMap,
  isPair,
  isScalar,
  visit,
  type Document,
  type Node,
} from 'yaml';
import schema from '../../schema/screenshots.schema.json' with { type: 'json' };
import { fieldName, formatAjvError, pathOf, simplifyAjvErrors, valueAt } from '../util/ajv-errors.js';
import { UserError, expected, type Problem } from '../util/errors.js';
import { validator } from './validators.js';
import type { Manifest, Position } from './types.js';

export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Deepest nesting of lists and maps a manifest may use (the schema needs 6; YAML parsers overflow in the thousands). */
export const MAX_DEPTH = 32;
/** Times one alias may be expanded (a "billion laughs" document expands millions). */
export const MAX_ALIAS_COUNT = 100;
export const DEFAULT_MANIFEST_NAMES = ['screenshots.yml', 'storeshots.yml'];

export { schema as manifestSchema };

export interface LoadedManifest {
  manifest: Manifest;
  /** Absolute path of the manifest file. */
  file: string;
  /** Folder relative paths in the manifest are resolved against. */
  dir: string;
  /** Position of a field path such as ['slides', 0, 'headline'] (nearest existing ancestor). */
  positionOf(fieldPath: ReadonlyArray<string | number>): Position;
}

/** Finds the manifest: the given path, else screenshots.yml then storeshots.yml in cwd. */
export function findManifest(given: string | undefined, cwd = process.cwd()): string {
  if (given) return path.resolve(cwd, given);
  for (const name of DEFAULT_MANIFEST_NAMES) {
    const p = path.join(cwd, name);
    if (existsSync(p)) return p;
  }
  throw new UserError(
    `No manifest found: looked for ${DEFAULT_MANIFEST_NAMES.join(' and ')} in ${cwd}. Pass -c FILE, or run "storeshots init".`,
  );
}

export { fieldName };

export function loadManifest(file: string, displayName?: string): LoadedManifest {
  const abs = path.resolve(file);
  const shown = displayName ?? path.relative(process.cwd(), abs) ?? abs;
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new UserError(`Cannot read manifest ${shown}: no such file`);
  }
  if (!st.isFile()) throw new UserError(`Cannot read manifest ${shown}: not a file`);
  if (st.size > MAX_MANIFEST_BYTES) {
    throw new UserError(`Manifest ${shown} is ${st.size} bytes; the limit is ${MAX_MANIFEST_BYTES}`);
  }
  const text = decodeUtf8(readFileSync(abs), shown);
  return parseManifest(text, shown, path.dirname(abs), abs);
}

/** The manifest's text; bytes that are not UTF-8 are refused at their line and column (never read as "\ufffd"). */
export function decodeUtf8(bytes: Buffer, shown: string): string {
  if (isUtf8(bytes)) return bytes.toString('utf8').replace(/^\uFEFF/, '');
  // A newline byte never occurs inside a multi-byte sequence, so lines can be checked one by one.
  let start = 0;
  for (let line = 1; ; line++) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 ? bytes.length : nl;
    const row = bytes.subarray(start, end);
    if (!isUtf8(row)) {
      // The column is the first character whose bytes do not survive decoding (a U+FFFD that was not in the file).
      let col = 1;
      let off = 0;
      for (const ch of row.toString('utf8')) {
        const enc = Buffer.from(ch, 'utf8');
        if (!row.subarray(off, off + enc.length).equals(enc)) break;
        off += enc.length;
        col++;
      }
      const hex = [...row.subarray(off, off + 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new UserError([
        {
          severity: 'error',
          message: `The manifest is not valid UTF-8: bytes ${hex} at byte ${start + off}; save it as UTF-8`,
          at: { file: shown, line, column: col },
        },
      ]);
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return bytes.toString('utf8');
}

/**
 * Offset of the first list or map nested deeper than MAX_DEPTH, from yaml's lexer: its tokens come
 * from a flat loop, while the parser and composer recurse per level and overflow the stack on
 * 10,000 nested "[" or "- ". Block levels are the columns of their indicators; flow levels are brackets.
 */
function tooDeep(text: string): number | undefined {
  let offset = 0;
  let lineStart = 0;
  let flow = 0;
  let keyCol = -1;
  const cols: number[] = [];
  for (const tok of new Lexer().lex(text)) {
    const type = CST.tokenType(tok);
    // Markers the lexer adds that are not in the source.
    if (type === 'doc-mode' || type === 'flow-error-end' || type === 'scalar') continue;
    const at = offset;
    offset += tok.length;
    const nl = tok.lastIndexOf('\n');
    if (nl >= 0) {
      lineStart = at + nl + 1;
      if (type === 'newline') {
        keyCol = -1;
        continue;
      }
    }
    if (type === 'doc-start' || type === 'doc-end') {
      cols.length = 0;
      flow = 0;
      continue;
    }
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (cols.length + ++flow > MAX_DEPTH) return at;
      continue;
    }
    if (type === 'flow-map-end' || type === 'flow-seq-end') {
      flow = Math.max(0, flow - 1);
      continue;
    }
    if (flow > 0) continue;
    const col = at - lineStart;
    if (
      type === null ||
      type === 'alias' ||
      type === 'anchor' ||
      type === 'tag' ||
      type === 'single-quoted-scalar' ||
      type === 'double-quoted-scalar'
    ) {
      if (keyCol < 0) keyCol = col;
      continue;
    }
    let c: number;
    if (type === 'seq-item-ind' || type === 'explicit-key-ind') c = col;
    else if (type === 'map-value-ind') c = keyCol >= 0 ? keyCol : col;
    else continue;
    while (cols.length && cols[cols.length - 1]! > c) cols.pop();
    if (!cols.length || cols[cols.length - 1]! < c) cols.push(c);
    if (cols.length > MAX_DEPTH) return at;
    if (type !== 'map-value-ind') keyCol = -1;
  }
  return undefined;
}

export function parseManifest(text: string, shown: string, dir: string, abs = path.join(dir, shown)): LoadedManifest {
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: shown, line, column: col };
  };
  const deep = tooDeep(text);
  if (deep !== undefined) {
    const before = text.slice(0, deep);
    const line = before.split('\n').length;
    const column = deep - before.lastIndexOf('\n');
    throw new UserError([
      {
        severity: 'error',
        message: `Invalid YAML: lists and maps nested more than ${MAX_DEPTH} levels deep`,
        at: { file: shown, line, column },
      },
    ]);
  }
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    // Defence in depth: should some nesting slip past tooDeep, it is still a manifest error, not a crash.
    if (!(e instanceof RangeError)) throw e;
    throw new UserError([
      {
        severity: 'error',
        message: 'Invalid YAML: nested too deeply to read',
        at: { file: shown, line: 1, column: 1 },
      },
    ]);
  }
  if (doc.errors.length > 0) {
    throw new UserError(
      doc.errors.map((e) => ({
        severity: 'error' as const,
        message: `Invalid YAML: ${e.message.split('\n')[0]}`,
        at: at(e.pos[0]),
      })),
    );
  }
  const data = toData(doc, at);
  const positionOf = (fieldPath: ReadonlyArray<string | number>) => at(offsetOf(doc, fieldPath));
  const problems: Problem[] = nonFinite(data).map((fp) => ({
    severity: 'error' as const,
    field: fieldName(fp),
    message: expected('a finite number', fieldName(fp), valueAt(data, fp)),
    at: positionOf(fp),
  }));
  if (problems.length > 0) throw new UserError(problems);
  const validateSchema = validator('manifest');
  if (!validateSchema(data)) {
    for (const err of simplifyAjvErrors(validateSchema.errors ?? [])) problems.push(toProblem(err, data, doc, at));
  }
  if (problems.length > 0) throw new UserError(problems);
  return { manifest: data as Manifest, file: abs, dir, positionOf };
}

/** The document as plain data; an alias that is undefined or expands too often is refused at the alias. */
function toData(doc: Document, at: (offset: number) => Position): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    const anchors = new Set<string>();
    let unresolved: { name: string; offset: number } | undefined;
    let first: number | undefined;
    visit(doc, (_key, node) => {
      if (isAlias(node)) {
        first ??= node.range?.[0];
        if (!anchors.has(node.source)) {
          unresolved = { name: node.source, offset: node.range?.[0] ?? 0 };
          return visit.BREAK;
        }
      } else if (node && typeof node === 'object' && 'anchor' in node && typeof node.anchor === 'string')
        anchors.add(node.anchor);
      return undefined;
    });
    const message = unresolved
      ? `Invalid YAML: the alias *${unresolved.name} names no anchor defined before it`
      : `Invalid YAML: aliases expand more than ${MAX_ALIAS_COUNT} times (an alias bomb?); write the values out instead`;
    throw new UserError([{ severity: 'error', message, at: at(unresolved?.offset ?? first ?? 0) }]);
  }
}

/** Field paths of numbers that are not finite (.inf, -.inf, .nan): no field takes them. */
function nonFinite(data: unknown): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<[unknown, Array<string | number>]> = [[data, []]];
  while (stack.length) {
    const [v, fp] = stack.pop()!;
    if (typeof v === 'number' && !Number.isFinite(v)) out.push(fp);
    else if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...fp, i]]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push([x, [...fp, k]]);
  }
  return out.reverse();
}

function offsetOf(doc: Document, fieldPath: ReadonlyArray<string | number>, keyOf?: string): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const seg of fieldPath) {
    if (!node || typeof node !== 'object' || !('items' in node)) break;
    const items = (node as { items: unknown[] }).items;
    let next: unknown;
    if (typeof seg === 'number') next = items[seg];
    else next = items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === seg);
    if (next === undefined) break;
    if (isPair(next)) {
      const keyNode = next.key as Node | null;
      offset = (next.value as Node | null)?.range?.[0] ?? keyNode?.range?.[0] ?? offset;
      node = next.value;
    } else {
      node = next;
      offset = (next as Node).range?.[0] ?? offset;
    }
  }
  if (keyOf !== undefined && isMap(node)) {
    const pair = node.items.find((it) => isScalar(it.key) && it.key.value === keyOf);
    const r = (pair?.key as Node | undefined)?.range;
    if (r) offset = r[0];
  }
  return offset;
}

function schemaAt(schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = schema;
  const rel = schemaPath.replace(/^#\/?/, '');
  if (!rel) return schema as Record<string, unknown>;
  for (const seg of rel.split('/')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node as Record<string, unknown> | undefined;
}

function toProblem(e: ErrorObject, data: unknown, doc: Document, at: (offset: number) => Position): Problem {
  const fp = pathOf(e.instancePath);
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') {
    const key = String(p.additionalProperty);
    const parent =
      (e.parentSchema as Record<string, unknown> | undefined) ??
      schemaAt(e.schemaPath.replace(/\/additionalProperties$/, ''));
    const allowed = Object.keys((parent?.properties as Record<string, unknown>) ?? {});
    const near = allowed.length ? closest(key, allowed) : undefined;
    const hint =
      near && distance(key, near) <= Math.max(2, Math.floor(near.length / 3)) ? ` (did you mean "${near}"?)` : '';
    const where = fieldName([...fp, key]);
    return {
      severity: 'error',
      field: where,
      message: `Unknown key "${key}" at ${where}${hint}; expected one of: ${allowed.join(', ')}`,
      at: at(offsetOf(doc, fp, key)),
    };
  }
  if (e.keyword === 'required') {
    const missing = String(p.missingProperty);
    const where = fieldName([...fp, missing]);
    return { severity: 'error', field: where, message: `Missing required key ${where}`, at: at(offsetOf(doc, fp)) };
  }
  if (e.keyword === 'propertyNames') {
    const name = String(p.propertyName);
    const where = fieldName([...fp, name]);
    return {
      severity: 'error',
      field: where,
      message: expected('a locale code (BCP 47, e.g. en-US)', where, name),
      at: at(offsetOf(doc, fp, name)),
    };
  }
  const { field, message } = formatAjvError(e, data, { schemaAt });
  return { severity: 'error', field, message, at: at(offsetOf(doc, fp)) };
}
