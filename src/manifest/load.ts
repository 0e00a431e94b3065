// Reads a manifest: YAML with positions kept, then the JSON Schema. Every problem names
// file:line:column and the field; a typo'd key gets the nearest valid one suggested.
import { readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import schema from '../../schema/screenshots.schema.json' with { type: 'json' };
import { UserError, expected, type Problem } from '../util/errors.js';
import type { Manifest, Position } from './types.js';

export const MAX_MANIFEST_BYTES = 1024 * 1024;
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

export function fieldName(fieldPath: ReadonlyArray<string | number>): string {
  let out = '';
  for (const seg of fieldPath) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || '(root)';
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validateSchema = ajv.compile(schema);

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
  const text = readFileSync(abs, 'utf8');
  return parseManifest(text, shown, path.dirname(abs), abs);
}

export function parseManifest(text: string, shown: string, dir: string, abs = path.join(dir, shown)): LoadedManifest {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: shown, line, column: col };
  };
  if (doc.errors.length > 0) {
    throw new UserError(
      doc.errors.map((e) => ({
        severity: 'error' as const,
        message: `Invalid YAML: ${e.message.split('\n')[0]}`,
        at: at(e.pos[0]),
      })),
    );
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const positionOf = (fieldPath: ReadonlyArray<string | number>) => at(offsetOf(doc, fieldPath));
  const problems: Problem[] = [];
  if (!validateSchema(data)) {
    for (const err of simplify(validateSchema.errors ?? [])) problems.push(toProblem(err, data, doc, at));
  }
  if (problems.length > 0) throw new UserError(problems);
  return { manifest: data as Manifest, file: abs, dir, positionOf };
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

function pathOf(instancePath: string): Array<string | number> {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function valueAt(data: unknown, p: ReadonlyArray<string | number>): unknown {
  let v: unknown = data;
  for (const seg of p) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}

/** Drops ajv's echo errors ("must match then schema") and keeps one error per field and keyword. */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of errors) {
    // "must match then schema" echoes, and the inner pattern error of propertyNames (reported by its parent).
    if (e.keyword === 'if' || e.schemaPath.includes('/propertyNames/')) continue;
    // One type error per field: an if/then/else branch's own type check repeats the outer one.
    const key = e.keyword === 'type' ? `${e.instancePath}|type` : `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

function schemaAt(schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = schema;
  for (const seg of schemaPath.replace(/^#\//, '').split('/')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node as Record<string, unknown> | undefined;
}

function describeSchema(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return `a value of type ${String(p.type).replace(',', ' or ')}`;
    case 'enum':
      return `one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return JSON.stringify(p.allowedValue);
    case 'pattern': {
      const parent = schemaAt(e.schemaPath.replace(/\/pattern$/, ''));
      return typeof parent?.description === 'string' ? parent.description.replace(/\.$/, '') : `a value matching ${String(p.pattern)}`;
    }
    case 'minimum':
    case 'exclusiveMinimum':
      return `a number ${p.comparison} ${p.limit}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `a number ${p.comparison} ${p.limit}`;
    case 'minItems':
      return `at least ${p.limit} item(s)`;
    case 'maxItems':
      return `at most ${p.limit} item(s)`;
    case 'minLength':
      return `a text of at least ${p.limit} character(s)`;
    case 'maxLength':
      return `a text of at most ${p.limit} characters`;
    case 'uniqueItems':
      return 'a list without repeats';
    case 'minProperties':
      return 'at least one entry';
    default:
      return e.message ?? e.keyword;
  }
}

function toProblem(
  e: ErrorObject,
  data: unknown,
  doc: Document,
  at: (offset: number) => Position,
): Problem {
  const fp = pathOf(e.instancePath);
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') {
    const key = String(p.additionalProperty);
    const parent = schemaAt(e.schemaPath.replace(/\/additionalProperties$/, ''));
    const allowed = Object.keys((parent?.properties as Record<string, unknown>) ?? {});
    const near = allowed.length ? closest(key, allowed) : undefined;
    const hint = near && distance(key, near) <= Math.max(2, Math.floor(near.length / 3)) ? ` (did you mean "${near}"?)` : '';
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
  const where = fieldName(fp);
  return { severity: 'error', field: where, message: expected(describeSchema(e), where, valueAt(data, fp)), at: at(offsetOf(doc, fp)) };
}
