// The one formatter of JSON Schema (ajv) errors: the manifest loader and the render service's
// routes both say `Expected <what> for <path.to.field> but received <value>`, with the field
// spelled as the user wrote it (slides[0].headline) and the value described, never dumped.
import type { ErrorObject } from 'ajv';
import { expected } from './errors.js';

/** `['slides', 0, 'headline']` -> `slides[0].headline`; the root is `(root)`. */
export function fieldName(fieldPath: ReadonlyArray<string | number>): string {
  let out = '';
  for (const seg of fieldPath) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || '(root)';
}

/** An ajv instancePath (`/slides/0/headline`, JSON Pointer) as path segments (numbers for indexes). */
export function pathOf(instancePath: string): Array<string | number> {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The value at `p` in `data` (undefined where the path leaves the data). */
export function valueAt(data: unknown, p: ReadonlyArray<string | number>): unknown {
  let v: unknown = data;
  for (const seg of p) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}

/** Drops ajv's echo errors ("must match then schema") and keeps one error per field and keyword. */
export function simplifyAjvErrors(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of errors) {
    // "must match then schema" echoes, and the inner pattern error of propertyNames (reported by its parent).
    if (e.keyword === 'if' || e.schemaPath.includes('/propertyNames/')) continue;
    // One type error per field: an if/then/else branch's own type check repeats the outer one.
    const key =
      e.keyword === 'type' ? `${e.instancePath}|type` : `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/** Finds the schema object at an error's schemaPath, for ajv run without `verbose`. */
export type SchemaLookup = (schemaPath: string) => Record<string, unknown> | undefined;

/** What the failed keyword wanted, in words ("a number >= 1", or the field's own description for a pattern or format). */
export function describeAjvError(e: ErrorObject, schemaAt?: SchemaLookup): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return `a value of type ${String(p.type).replace(',', ' or ')}`;
    case 'enum':
      return `one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return JSON.stringify(p.allowedValue);
    case 'format':
    case 'pattern': {
      // verbose: true hands the schema that holds the keyword (schemaPath is relative to a $ref'd definition).
      const parent =
        (e.parentSchema as Record<string, unknown> | undefined) ??
        schemaAt?.(e.schemaPath.replace(/\/(pattern|format)$/, ''));
      return typeof parent?.description === 'string'
        ? parent.description.replace(/\.$/, '')
        : `a value matching ${String(p.pattern)}`;
    }
    case 'minimum':
    case 'exclusiveMinimum':
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

export interface AjvProblem {
  /** Where, as path segments below the data, and as the user spells it (with `prefix` in front). */
  path: Array<string | number>;
  field: string;
  message: string;
}

/**
 * One ajv error as `Expected <what> for <field> but received <value>`. The value is read from `data`
 * at the error's path, or is the error's own `data` (ajv's `verbose`) when no data is given;
 * `prefix` names where the validated data sits in what the user sent.
 */
export function formatAjvError(
  e: ErrorObject,
  data?: unknown,
  opts: { prefix?: ReadonlyArray<string | number>; schemaAt?: SchemaLookup } = {},
): AjvProblem {
  const path = pathOf(e.instancePath);
  const field = fieldName([...(opts.prefix ?? []), ...path]);
  const value = data === undefined ? e.data : valueAt(data, path);
  return { path, field, message: expected(describeAjvError(e, opts.schemaAt), field, value) };
}
