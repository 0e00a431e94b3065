// A loopback LibreTranslate: GET /languages and POST /translate, every request and every answer
// checked against LibreTranslate's own description (the Swagger 2.0 its server publishes at /spec,
// generated from libretranslate/app.py's docstrings; trimmed copy made by scripts/trim-libretranslate.mjs).
// The description lists /translate's fields as formData parameters; LibreTranslate reads the same
// fields from a JSON body (the only way to send `q` as an array), so a JSON body's fields are checked
// against those parameters, and a field it does not name is a violation.
//
// It answers as LibreTranslate does: errors {"error": "…"}, 400 for an unknown language or pair, an
// API key when one is required (400 missing, 403 wrong). Its translations are deterministic and
// reversible: every text node gets the target's marker, `[de]`, so tests can read which language a
// text was sent to, how it was batched, and that tags came back around the words they enclosed. In
// HTML mode the answer's entities are unescaped, as LibreTranslate's html.unescape(str(translate_html(…)))
// leaves them.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { LoopbackFake, type Fault } from './loopback.js';

type Json = any;

const SPEC: Json = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../fixtures/libretranslate/spec.json'), 'utf8'),
);

/** What current LibreTranslate publishes (model2iso: pb as pt-BR, zh as zh-Hans, zt as zh-Hant). */
export const CURRENT_LANGUAGES = ['en', 'de', 'fr', 'ja', 'pt', 'pt-BR', 'zh-Hans', 'zh-Hant', 'nb', 'he'];
/** What servers of early 2025 published: the Argos model codes. */
export const ARGOS_CODES = ['en', 'de', 'ja', 'pt', 'pb', 'zh', 'zt'];

export interface LtFault extends Fault {
  /** 'languages' or 'translate' (or '*'). */
  op: string;
  /** Never answer (until the fake stops): a time-out. */
  hang?: boolean;
  /** The error message in the body. */
  message?: string;
}

export interface LtCall {
  op: 'languages' | 'translate';
  body?: Json;
  /** Arrival time, ms. */
  at: number;
}

/** The fake's translation of a text node into `target`: the marker before its words. */
export const mark = (target: string, text: string) => text.replace(/^(\s*)(?=\S)/, `$1[${target}]`);

const unescapeHtml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

/** translate_html then html.unescape: tags stay, each text node is translated, entities come back as text. */
function translateHtml(html: string, target: string): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith('<') ? part : mark(target, unescapeHtml(part))))
    .join('');
}

export class FakeLibreTranslate extends LoopbackFake<LtFault> {
  protected override readonly anyOp = '*';
  readonly calls: LtCall[] = [];
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly hung: ServerResponse[] = [];

  constructor(
    private readonly opts: {
      /** Codes it has models for; every code translates into every other. */
      languages?: string[];
      /** The api_key it requires (LibreTranslate's --api-keys with --require-api-key-origin and co.). */
      apiKey?: string;
    } = {},
  ) {
    super();
  }

  get languages(): string[] {
    return this.opts.languages ?? CURRENT_LANGUAGES;
  }

  /** Translate requests (their bodies), in arrival order. */
  get translations(): Json[] {
    return this.calls.filter((c) => c.op === 'translate').map((c) => c.body);
  }

  private check(key: string, schema: Json, value: unknown, what: string): void {
    let v = this.validators.get(key);
    if (!v) {
      v = this.ajv.compile({ allOf: [schema], definitions: SPEC.definitions });
      this.validators.set(key, v);
    }
    if (!v(value))
      this.violations.push(`${what}: ${(v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
  }

  /** Sends an answer after checking it against the operation's documented response. */
  private answer(res: ServerResponse, op: Json, opName: string, status: number, body: unknown, headers = {}): void {
    const documented = op.responses[String(status)];
    if (!documented) this.violations.push(`${opName} answered ${status}, which its description does not list`);
    else if (documented.schema)
      this.check(`${opName} ${status}`, documented.schema, body, `${opName} ${status} answer`);
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  override async stop(): Promise<void> {
    for (const r of this.hung.splice(0)) r.destroy();
    await super.stop();
  }

  protected handle(req: IncomingMessage, res: ServerResponse, raw: Buffer, url: URL): void {
    const method = (req.method ?? '').toLowerCase();
    const op = SPEC.paths[url.pathname]?.[method];
    if (!op) {
      this.violations.push(`${req.method} ${url.pathname}: no such operation in LibreTranslate's description`);
      res.writeHead(404).end();
      return;
    }
    const name = url.pathname === '/languages' ? 'languages' : 'translate';
    const opName = `${req.method} ${url.pathname}`;
    if (url.search) this.violations.push(`${opName}: a query string (${url.search}) the description does not take`);
    let body: Json;
    if (name === 'translate') {
      if (!String(req.headers['content-type']).startsWith('application/json'))
        this.violations.push(`${opName}: sent as ${req.headers['content-type']}, not JSON`);
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        this.violations.push(`${opName}: the body is not JSON`);
      }
    } else if (raw.length > 0) this.violations.push(`${opName}: a body where the operation takes none`);
    this.calls.push({ op: name, body, at: Date.now() });

    const fault = this.takeFault(name);
    if (fault?.hang) {
      this.hung.push(res);
      return;
    }
    if (fault?.cut) {
      req.socket.destroy();
      return;
    }
    if (fault) {
      const status = fault.status ?? 500;
      const body = { error: fault.message ?? 'Cannot translate text: planted failure' };
      const headers = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
      // A status LibreTranslate does not document (502, 503, 504) comes from a proxy in front of it.
      if (op.responses[String(status)]) this.answer(res, op, opName, status, body, headers);
      else res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      return;
    }

    if (name === 'languages') {
      const list = this.languages.map((code) => ({
        code,
        name: `Language ${code}`,
        targets: this.languages.filter((t) => t !== code),
      }));
      this.answer(res, op, opName, 200, list);
      return;
    }

    // The body's fields are the description's formData parameters.
    const params: Json[] = op.parameters;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      this.answer(res, op, opName, 400, { error: 'Invalid JSON format' });
      return;
    }
    for (const k of Object.keys(body))
      if (!params.some((p) => p.name === k)) this.violations.push(`${opName}: field ${k} is not in the description`);
    for (const p of params) {
      if (body[p.name] === undefined) {
        if (p.required) this.violations.push(`${opName}: required field ${p.name} is missing`);
        continue;
      }
      this.check(`${opName} ${p.name}`, p.schema, body[p.name], `${opName} field ${p.name}`);
    }
    const q: unknown = body.q;
    if (Array.isArray(q) && q.some((t) => typeof t !== 'string'))
      this.violations.push(`${opName}: q holds something other than strings`);
    if (this.opts.apiKey !== undefined) {
      if (body.api_key === undefined) {
        this.answer(res, op, opName, 400, { error: 'Please contact the server operator to get an API key' });
        return;
      }
      if (body.api_key !== this.opts.apiKey) {
        this.answer(res, op, opName, 403, { error: 'Invalid API key' });
        return;
      }
    }
    // As LibreTranslate: codes compare without case (iso2model lowercases them).
    const known = (c: unknown) => this.languages.find((l) => l.toLowerCase() === String(c).toLowerCase());
    for (const f of ['source', 'target'])
      if (!known(body[f])) {
        this.answer(res, op, opName, 400, { error: `${body[f]} is not supported` });
        return;
      }
    const target = known(body.target)!;
    const one = (t: string) => (body.format === 'html' ? translateHtml(t, target) : mark(target, t));
    this.answer(res, op, opName, 200, {
      translatedText: Array.isArray(q) ? q.map((t) => one(String(t))) : one(String(q)),
    });
  }
}
