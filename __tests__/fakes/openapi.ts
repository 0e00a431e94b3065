// Checks HTTP exchanges against GitHub's published OpenAPI description (the trimmed copy in
// __tests__/fixtures/github-openapi.json, made by scripts/trim-openapi.mjs), and builds
// response objects that satisfy it. OpenAPI 3.0 schemas are turned into JSON Schema for ajv:
// `nullable` becomes a null type, `discriminator` is dropped (plain oneOf still applies).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type Format, type ValidateFunction } from 'ajv';

type Json = any;

const FILE = path.join(import.meta.dirname, '../fixtures/github-openapi.json');

function toJsonSchema(node: Json, closed = false): Json {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, closed));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'discriminator' || k === 'nullable' || k === 'xml' || k === 'externalDocs') continue;
    // `properties` maps names to schemas: a property called "type" or "properties" is not a keyword.
    out[k] =
      k === 'properties' && v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([n, x]) => [n, toJsonSchema(x, closed)]))
        : toJsonSchema(v, closed);
  }
  // Closed objects: a field the description does not name is a violation (a misspelt attribute).
  if (
    closed &&
    node.properties &&
    typeof node.properties === 'object' &&
    node.additionalProperties === undefined &&
    node.type === 'object'
  )
    out.additionalProperties = false;
  if (node.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

export interface Operation {
  method: string;
  template: string;
  op: Json;
  pathParams: Record<string, string>;
}

export class OpenApi {
  readonly doc: Json;
  private ajv: Ajv;
  private cache = new Map<string, ValidateFunction>();
  private routes: Array<{ method: string; template: string; re: RegExp; names: string[] }> = [];

  /** `file` is a description's JSON file or the description itself (ours: openApiDocument());
   * `name` names the description in messages; `closed` treats every described object as closed;
   * `formats` are the description's own string formats (ours: the manifest's colour formats). */
  constructor(
    file: string | object = FILE,
    private readonly opts: { name?: string; closed?: boolean; formats?: Record<string, Format> } = {},
  ) {
    this.doc = toJsonSchema(
      typeof file === 'string' ? JSON.parse(readFileSync(file, 'utf8')) : structuredClone(file),
      opts.closed,
    );
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    this.ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    this.ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
    this.ajv.addFormat('uri-template', /^[^\s]*$/);
    this.ajv.addFormat('uri-reference', /^[^\s]*$/);
    this.ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
    this.ajv.addFormat('date', /^\d{4}-\d\d-\d\d$/);
    this.ajv.addFormat('binary', () => true);
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
    this.ajv.addFormat('int32', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
    });
    this.ajv.addFormat('repo.nwo', /^[^/\s]+\/[^/\s]+$/);
    this.ajv.addFormat('ssh-key', () => true);
    for (const [name, format] of Object.entries(opts.formats ?? {})) this.ajv.addFormat(name, format);
    this.ajv.addSchema(this.doc, 'gh');
    for (const [template, item] of Object.entries<Json>(this.doc.paths)) {
      const names: string[] = [];
      const re = new RegExp(
        `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_, n: string) => (names.push(n), n === 'ref' ? '(.+)' : '([^/]+)'))}$`,
      );
      for (const method of Object.keys(item))
        if (method !== 'parameters') this.routes.push({ method, template, re, names });
    }
    // A literal segment beats a parameter (e.g. /issues/comments/{id} vs /issues/{number}/comments).
    this.routes.sort((a, b) => a.names.length - b.names.length);
  }

  find(method: string, pathname: string): Operation | undefined {
    for (const r of this.routes) {
      if (r.method !== method.toLowerCase()) continue;
      const m = r.re.exec(pathname);
      if (!m) continue;
      const pathParams = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      return { method: r.method, template: r.template, op: this.doc.paths[r.template][r.method], pathParams };
    }
    return undefined;
  }

  private deref(node: Json): Json {
    let n = node;
    while (n && typeof n.$ref === 'string') n = this.pointer(n.$ref);
    return n;
  }

  private pointer(ref: string): Json {
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((o: Json, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc);
  }

  private validator(pointer: string): ValidateFunction {
    let v = this.cache.get(pointer);
    if (!v) {
      v = this.ajv.compile({ $ref: `gh#${pointer}` });
      this.cache.set(pointer, v);
    }
    return v;
  }

  private check(pointer: string, value: unknown, what: string): string[] {
    const v = this.validator(pointer);
    if (v(value)) return [];
    return (v.errors ?? [])
      .slice(0, 8)
      .map((e) => `${what}${e.instancePath} ${e.message} ${e.params ? JSON.stringify(e.params) : ''}`);
  }

  private static esc(s: string): string {
    return s.replace(/~/g, '~0').replace(/\//g, '~1');
  }

  /** Problems with a request (empty when it conforms). */
  checkRequest(method: string, url: URL, body: unknown, contentType: string | undefined): string[] {
    const found = this.find(method, url.pathname);
    if (!found)
      return [`${method} ${url.pathname}: no such operation in ${this.opts.name ?? "GitHub's OpenAPI description"}`];
    const { op, template } = found;
    const base = `/paths/${OpenApi.esc(template)}`;
    const problems: string[] = [];
    const item = this.doc.paths[template];
    const params: Array<{ p: Json; ptr: string }> = [];
    (item.parameters ?? []).forEach((p: Json, i: number) =>
      params.push({ p: this.deref(p), ptr: p.$ref ? p.$ref.slice(1) : `${base}/parameters/${i}` }),
    );
    (op.parameters ?? []).forEach((p: Json, i: number) =>
      params.push({ p: this.deref(p), ptr: p.$ref ? p.$ref.slice(1) : `${base}/${found.method}/parameters/${i}` }),
    );
    const coerce = (schema: Json, raw: string): unknown => {
      const s = this.deref(schema) ?? {};
      const t = Array.isArray(s.type) ? s.type[0] : s.type;
      if (t === 'integer' || t === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
      if (t === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
      // style: form, explode: false (the OpenAPI default for query arrays is explode: true, one value a key).
      if (t === 'array') return raw.split(',').map((x) => coerce(s.items ?? {}, x));
      return raw;
    };
    const known = new Set<string>();
    for (const { p, ptr } of params) {
      if (p.in === 'query') known.add(p.name);
      const raw =
        p.in === 'path'
          ? found.pathParams[p.name]
          : p.in === 'query'
            ? (url.searchParams.get(p.name) ?? undefined)
            : undefined;
      if (p.in === 'header' || p.in === 'cookie') continue;
      if (raw === undefined) {
        if (p.required) problems.push(`${method} ${template}: missing ${p.in} parameter ${p.name}`);
        continue;
      }
      problems.push(
        ...this.check(`${ptr}/schema`, coerce(p.schema, raw), `${method} ${template} ${p.in} parameter ${p.name}`),
      );
    }
    for (const k of url.searchParams.keys())
      if (!known.has(k)) problems.push(`${method} ${template}: undocumented query parameter ${k}`);
    const rb = op.requestBody ? this.deref(op.requestBody) : undefined;
    if (rb) {
      if (body === undefined) {
        if (rb.required) problems.push(`${method} ${template}: missing request body`);
      } else {
        if (!contentType?.includes('application/json'))
          problems.push(`${method} ${template}: body sent as ${contentType}, expected application/json`);
        const ptr = op.requestBody.$ref ? op.requestBody.$ref.slice(1) : `${base}/${found.method}/requestBody`;
        problems.push(
          ...this.check(`${ptr}/content/application~1json/schema`, body, `${method} ${template} request body`),
        );
      }
    } else if (body !== undefined) problems.push(`${method} ${template}: a body where the operation takes none`);
    return problems;
  }

  /** Problems with a response to a request (empty when it conforms). */
  checkResponse(method: string, url: URL, status: number, body: unknown, headers: Record<string, string>): string[] {
    const found = this.find(method, url.pathname);
    if (!found) return [];
    const { op, template } = found;
    const key = op.responses[String(status)]
      ? String(status)
      : op.responses[`${String(status)[0]}XX`]
        ? `${String(status)[0]}XX`
        : op.responses.default
          ? 'default'
          : undefined;
    if (!key)
      return [
        `${method} ${template}: status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`,
      ];
    const ptr0 = `/paths/${OpenApi.esc(template)}/${found.method}/responses/${key}`;
    const raw = op.responses[key];
    const ptr = raw.$ref ? raw.$ref.slice(1) : ptr0;
    const res = this.deref(raw);
    const problems: string[] = [];
    for (const [h, def] of Object.entries<Json>(res.headers ?? {})) {
      if (this.deref(def)?.required && headers[h.toLowerCase()] === undefined)
        problems.push(`${method} ${template} ${status}: missing header ${h}`);
    }
    if (status === 302 && !headers.location) problems.push(`${method} ${template} 302 without Location`);
    const json = res.content?.['application/json'];
    if (json?.schema)
      problems.push(
        ...this.check(`${ptr}/content/application~1json/schema`, body, `${method} ${template} ${status} response`),
      );
    else if (body !== undefined && status !== 204 && status !== 302) {
      const other = Object.keys(res.content ?? {});
      if (other.length === 0) problems.push(`${method} ${template} ${status}: a body where the description has none`);
    }
    return problems;
  }

  /** Problems with a value against a component schema (e.g. an error body of an undocumented status). */
  checkComponent(name: string, value: unknown, what: string): string[] {
    return this.check(`/components/schemas/${OpenApi.esc(name)}`, value, what);
  }

  /** A minimal instance of a component schema (required fields only), merged with `over`. */
  sample(schemaName: string, over: Json = {}): Json {
    return merge(this.sampleOf(this.doc.components.schemas[schemaName], 0), over);
  }

  private sampleOf(schema: Json, depth: number): Json {
    const s = this.deref(schema);
    if (!s || depth > 12) return null;
    if (s.allOf) return s.allOf.reduce((acc: Json, x: Json) => merge(acc, this.sampleOf(x, depth + 1)), {});
    if (s.anyOf) {
      const nonNull = s.anyOf.find((x: Json) => this.deref(x)?.type !== 'null');
      return s.anyOf.some((x: Json) => this.deref(x)?.type === 'null') ? null : this.sampleOf(nonNull, depth + 1);
    }
    if (s.oneOf) return this.sampleOf(s.oneOf[0], depth + 1);
    if (s.enum) return s.enum[0];
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    if (types.includes('null')) return null;
    switch (types[0]) {
      case 'object':
      case undefined: {
        const o: Json = {};
        for (const k of s.required ?? []) o[k] = this.sampleOf(s.properties?.[k] ?? {}, depth + 1);
        return o;
      }
      case 'array':
        return [];
      case 'integer':
      case 'number':
        return 1;
      case 'boolean':
        return false;
      case 'string':
        if (s.format === 'date-time') return '2026-01-01T00:00:00Z';
        if (s.format === 'uri') return 'https://example.invalid/';
        if (s.format === 'email') return 'someone@example.invalid';
        if (s.format === 'date') return '2026-01-01';
        return 'x';
      default:
        return null;
    }
  }
}

function merge(a: Json, b: Json): Json {
  if (b === undefined) return a;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) || Array.isArray(b)) return b;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
  return out;
}
