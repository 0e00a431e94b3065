// Checks HTTP exchanges against a Google API discovery document (the trimmed androidpublisher v3
// copy in __tests__/fixtures/play-discovery.json, made by scripts/trim-store-apis.mjs): the method
// by path and verb (and the media upload path), path and query parameters (types, enums, the
// document's global parameters), request and response bodies against the named schemas, with
// every described object closed. Discovery documents do not describe errors: error bodies are
// checked against Google's JSON error format (AIP-193), written out below.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

type Json = any;

const FILE = path.join(import.meta.dirname, '../fixtures/play-discovery.json');

/** Google's error body (https://google.aip.dev/193, "HTTP/1.1+JSON representation"). */
const GOOGLE_ERROR = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'status'],
      properties: {
        code: { type: 'integer' },
        message: { type: 'string' },
        status: {
          type: 'string',
          enum: [
            'INVALID_ARGUMENT',
            'FAILED_PRECONDITION',
            'OUT_OF_RANGE',
            'UNAUTHENTICATED',
            'PERMISSION_DENIED',
            'NOT_FOUND',
            'ABORTED',
            'ALREADY_EXISTS',
            'RESOURCE_EXHAUSTED',
            'CANCELLED',
            'DATA_LOSS',
            'UNKNOWN',
            'INTERNAL',
            'NOT_IMPLEMENTED',
            'UNAVAILABLE',
            'DEADLINE_EXCEEDED',
          ],
        },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: { message: { type: 'string' }, domain: { type: 'string' }, reason: { type: 'string' } },
          },
        },
        details: { type: 'array' },
      },
    },
  },
};

function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref') out.$ref = `#/definitions/${v as string}`;
    else if (k === 'properties')
      out.properties = Object.fromEntries(Object.entries(v as Json).map(([n, x]) => [n, toJsonSchema(x)]));
    else if (
      [
        'id',
        'description',
        'readOnly',
        'annotations',
        'enumDescriptions',
        'enumDeprecated',
        'deprecated',
        'format',
        'location',
        'required',
        'default',
        'pattern',
      ].includes(k)
    )
      continue;
    else out[k] = toJsonSchema(v);
  }
  if (node.type === 'object' && node.properties && node.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}

export interface DiscoveryMethod {
  id: string;
  httpMethod: string;
  parameters: Record<string, Json>;
  request?: { $ref: string };
  response?: { $ref: string };
  mediaUpload?: { accept: string[]; maxSize: string; protocols: { simple: { path: string } } };
}

export class Discovery {
  readonly doc: Json;
  private ajv = new Ajv({ strict: false, allErrors: true });
  private validators = new Map<string, ValidateFunction>();
  private routes: Array<{ m: DiscoveryMethod; re: RegExp; names: string[]; media: boolean }> = [];

  constructor(file = FILE) {
    this.doc = JSON.parse(readFileSync(file, 'utf8'));
    this.ajv.addSchema(
      { definitions: Object.fromEntries(Object.entries<Json>(this.doc.schemas).map(([k, v]) => [k, toJsonSchema(v)])) },
      'disc',
    );
    this.ajv.addSchema(GOOGLE_ERROR, 'google-error');
    const walk = (res: Json) => {
      for (const m of Object.values<DiscoveryMethod & { flatPath: string }>(res.methods ?? {})) {
        const add = (p: string, media: boolean) => {
          const names: string[] = [];
          const re = new RegExp(
            `^/${p
              .replace(/^\//, '')
              .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
              .replace(/\\?\{(\w+)\\?\}/g, (_, n: string) => (names.push(n), '([^/:]+)'))}$`,
          );
          this.routes.push({ m, re, names, media });
        };
        add(m.flatPath, false);
        if (m.mediaUpload) add(m.mediaUpload.protocols.simple.path, true);
      }
      for (const r of Object.values(res.resources ?? {})) walk(r);
    };
    walk(this.doc);
  }

  find(
    method: string,
    pathname: string,
  ): { m: DiscoveryMethod; params: Record<string, string>; media: boolean } | undefined {
    for (const r of this.routes) {
      if (r.m.httpMethod !== method) continue;
      const hit = r.re.exec(pathname);
      if (hit)
        return {
          m: r.m,
          media: r.media,
          params: Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(hit[i + 1]!)])),
        };
    }
    return undefined;
  }

  private check(ref: string, value: unknown, what: string): string[] {
    let v = this.validators.get(ref);
    if (!v)
      this.validators.set(
        ref,
        (v = this.ajv.compile({ $ref: ref === 'google-error' ? 'google-error' : `disc#/definitions/${ref}` })),
      );
    if (v(value)) return [];
    return (v.errors ?? []).slice(0, 8).map((e) => `${what}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  }

  private checkParam(def: Json, raw: string, what: string): string[] {
    if (def.enum && !def.enum.includes(raw))
      return [`${what} ${JSON.stringify(raw)} is not one of ${def.enum.join(', ')}`];
    if (def.type === 'boolean' && raw !== 'true' && raw !== 'false')
      return [`${what} ${JSON.stringify(raw)} is not a boolean`];
    if (def.type === 'integer' && !/^-?\d+$/.test(raw)) return [`${what} ${JSON.stringify(raw)} is not an integer`];
    return [];
  }

  checkRequest(method: string, url: URL, body: Buffer, contentType: string | undefined): string[] {
    const found = this.find(method, url.pathname);
    if (!found) return [`${method} ${url.pathname}: no such method in Google's androidpublisher discovery document`];
    const { m, media } = found;
    const problems: string[] = [];
    const what = `${m.id}${media ? ' (media upload)' : ''}`;
    for (const [name, def] of Object.entries<Json>(m.parameters)) {
      if (def.location === 'path') {
        const raw = found.params[name];
        if (raw === undefined || raw === '') problems.push(`${what}: missing path parameter ${name}`);
        else problems.push(...this.checkParam(def, raw, `${what} path parameter ${name}`));
      } else if (def.location === 'query') {
        const raw = url.searchParams.get(name);
        if (raw === null) {
          if (def.required) problems.push(`${what}: missing query parameter ${name}`);
        } else problems.push(...this.checkParam(def, raw, `${what} query parameter ${name}`));
      }
    }
    for (const k of url.searchParams.keys()) {
      const def = m.parameters[k] ?? this.doc.parameters[k];
      if (def?.location !== 'query') problems.push(`${what}: undocumented query parameter ${k}`);
      else if (!m.parameters[k])
        problems.push(...this.checkParam(def, url.searchParams.get(k)!, `${what} query parameter ${k}`));
    }
    if (media) {
      const up = m.mediaUpload!;
      const type = url.searchParams.get('uploadType');
      if (type !== 'media') problems.push(`${what}: uploadType ${type}, expected media (a simple upload of the bytes)`);
      const ct = (contentType ?? '').split(';')[0]!.trim();
      if (!up.accept.some((a) => (a.endsWith('/*') ? ct.startsWith(a.slice(0, -1)) : ct === a)))
        problems.push(`${what}: Content-Type ${ct} is not one of ${up.accept.join(', ')}`);
      if (body.length > Number(up.maxSize))
        problems.push(`${what}: ${body.length} bytes, more than maxSize ${up.maxSize}`);
      if (!body.length) problems.push(`${what}: no bytes`);
      return problems;
    }
    if (m.request) {
      if (!body.length) problems.push(`${what}: missing request body (${m.request.$ref})`);
      else {
        if (!contentType?.includes('application/json')) problems.push(`${what}: body sent as ${contentType}`);
        try {
          problems.push(...this.check(m.request.$ref, JSON.parse(body.toString('utf8')), `${what} request body`));
        } catch {
          problems.push(`${what}: request body is not JSON`);
        }
      }
    } else if (body.length) problems.push(`${what}: a body where the method takes none`);
    return problems;
  }

  checkResponse(method: string, url: URL, status: number, body: unknown): string[] {
    const found = this.find(method, url.pathname);
    if (!found) return [];
    const { m } = found;
    if (status >= 400) return this.check('google-error', body, `${m.id} ${status} error body`);
    if (m.response) return this.check(m.response.$ref, body, `${m.id} ${status} response`);
    return body === undefined ? [] : [`${m.id} ${status}: a body where the method returns none`];
  }
}
