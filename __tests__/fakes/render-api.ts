// A loopback render API for the remote client's tests (src/remote): the operations remote mode
// uses (create a render, get it, get an image), every request and response checked against our
// own OpenAPI description (src/server/openapi.ts, what `storeshots serve` publishes at
// /v1/openapi.json), so a request the real service would refuse fails here too. Renders end as
// scripted (a test may make one fail, or answer a request its own way) and their images are bytes
// that name the render and slide, so a test can tell whose image landed where.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MANIFEST_FORMATS } from '../../src/manifest/formats.js';
import { openApiDocument } from '../../src/server/openapi.js';
import { OpenApi } from './openapi.js';

export interface Received {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  /** The body as sent ('' when none). */
  body: string;
}

export interface FakeRender {
  id: string;
  body: Record<string, unknown>;
  /** States the next GETs answer, in turn (the last one from then on). */
  states: Array<'queued' | 'processing' | 'succeeded' | 'failed' | 'canceled'>;
  images: Array<{ slide: string; bytes: Buffer; width: number; height: number }>;
  findings: object[];
}

/** An answer a test gives instead of the fake's own (undefined: the fake answers). */
export type Intercept = (
  r: Received,
) => { status: number; body?: unknown; headers?: Record<string, string>; raw?: Buffer } | undefined;

let description: OpenApi | undefined;

export class FakeRenderApi {
  url = '';
  readonly received: Received[] = [];
  /** Every way a request or a response broke the description: a test expects it empty. */
  readonly problems: string[] = [];
  readonly renders: FakeRender[] = [];
  intercept: Intercept | undefined;
  /** The states a new render goes through when polled. */
  states: FakeRender['states'] = ['processing', 'succeeded'];
  private server: Server | undefined;
  private byKey = new Map<string, { body: string; response: object }>();

  constructor(
    private readonly opts: {
      key: string;
      /** The pixel size a request's canvas renders at. */
      sizeOf: (canvas: Record<string, unknown>) => { width: number; height: number };
      /** The service's own lint findings for a render. */
      findingsOf?: (body: Record<string, unknown>) => object[];
    },
  ) {}

  async start(): Promise<this> {
    description ??= new OpenApi(openApiDocument(), { name: 'the render API description', formats: MANIFEST_FORMATS });
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The bytes the fake serves for a render's slide. */
  static imageBytes(id: string, slide: string): Buffer {
    return Buffer.from(`image of ${slide} made by ${id}`);
  }

  private handle(req: IncomingMessage, res: ServerResponse, text: string): void {
    const r: Received = { method: req.method!, url: req.url!, headers: req.headers, body: text };
    this.received.push(r);
    const url = new URL(r.url, this.url);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      this.problems.push(`${r.method} ${url.pathname}: a body that is not JSON`);
    }
    const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      this.problems.push(
        ...description!.checkResponse(
          r.method,
          url,
          status,
          json,
          Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
        ),
      );
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
    };
    const error = (status: number, code: string, message: string) => answer(status, { error: { code, message } });

    if (req.headers.authorization !== `Bearer ${this.opts.key}`) {
      this.problems.push(`${r.method} ${url.pathname}: authorization ${String(req.headers.authorization)}`);
      return error(401, 'unauthorized', 'Missing or invalid API key.');
    }
    const found = description!.checkRequest(r.method, url, body, req.headers['content-type']);
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string' && key.length > 200) found.push('Idempotency-Key longer than 200 characters');
    if (found.length) {
      this.problems.push(...found);
      return error(400, 'invalid_request', found.join('; '));
    }
    const given = this.intercept?.(r);
    if (given) {
      if (given.raw) return void res.writeHead(given.status, given.headers).end(given.raw);
      return answer(given.status, given.body, given.headers);
    }

    const op = description!.find(r.method, url.pathname)!;
    const render = this.renders.find((x) => x.id === op.pathParams.id);
    switch (op.template) {
      case '/v1/renders': {
        if (typeof key !== 'string') {
          this.problems.push('POST /v1/renders without an Idempotency-Key (remote mode always sends one)');
          return error(400, 'invalid_request', 'Idempotency-Key missing');
        }
        const before = this.byKey.get(key);
        if (before && before.body !== text)
          return error(422, 'idempotency_key_reused', 'This Idempotency-Key was used with another request.');
        if (before) return answer(202, before.response, { 'Idempotent-Replayed': 'true' });
        const b = body as Record<string, unknown>;
        const id = `rnd_${createHash('sha256').update(`${this.url} ${this.renders.length}`).digest('hex').slice(0, 24)}`;
        const size = this.opts.sizeOf(b.canvas as Record<string, unknown>);
        this.renders.push({
          id,
          body: b,
          states: [...this.states],
          images: (b.slides as Array<{ id: string }>).map((s) => ({
            slide: s.id,
            bytes: FakeRenderApi.imageBytes(id, s.id),
            ...size,
          })),
          findings: this.opts.findingsOf?.(b) ?? [],
        });
        const response = {
          id,
          status: 'processing',
          polling_url: `${this.url}/v1/renders/${id}`,
          created_at: '2026-12-02T12:00:00Z',
          metadata: b.metadata ?? {},
        };
        this.byKey.set(key, { body: text, response });
        return answer(202, response);
      }
      case '/v1/renders/{id}': {
        if (!render) return error(404, 'not_found', 'No such render.');
        const status = render.states.length > 1 ? render.states.shift()! : render.states[0]!;
        const ok = status === 'succeeded';
        return answer(200, {
          id: render.id,
          object: 'render',
          status,
          created_at: '2026-12-02T12:00:00Z',
          images: ok
            ? render.images.map((img, i) => ({
                index: i + 1,
                slide: img.slide,
                url: `/v1/renders/${render.id}/images/${i + 1}`,
                width: img.width,
                height: img.height,
                format: 'png',
                bytes: img.bytes.length,
                sha256: createHash('sha256').update(img.bytes).digest('hex'),
              }))
            : [],
          lint: { findings: ok ? render.findings : [] },
          credits_used: ok ? render.images.length : 0,
          error: status === 'failed' ? { code: 'render_failed', message: 'the renderer gave up' } : null,
          metadata: render.body.metadata ?? {},
        });
      }
      case '/v1/renders/{id}/images/{index}': {
        const img = render?.images[Number(op.pathParams.index) - 1];
        if (!img) return error(404, 'not_found', 'No such render or image.');
        return void res.writeHead(200, { 'content-type': 'image/png' }).end(img.bytes);
      }
      default:
        this.problems.push(`${r.method} ${url.pathname}: remote mode has no business here`);
        return error(404, 'not_found', 'not in this fake');
    }
  }
}
