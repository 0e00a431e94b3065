// HTTP routes of the render API (docs/render-api.md#renders) on fastify. Routing only: checking is request.ts, the
// render lifecycle renders.ts, storage store.ts.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { zipSync } from 'fflate';
import type { Job } from '../plan/types.js';
import { VERSION } from '../version.js';
import { authenticate, checkQuota, type Clock, RateLimiter } from './access.js';
import { jsonDepth, MAX_JSON_DEPTH } from './body.js';
import { netPolicy, type ServerConfig } from './config.js';
import { ApiError, badRequest } from './errors.js';
import { checkKey, type Idempotency, requestHash, type SavedResponse } from './idempotency.js';
import { acquireScreenshots } from './inputs.js';
import { archivePath } from './jobs.js';
import type { KeyRing } from './keys.js';
import type { Metrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { redactUrl } from './net.js';
import type { Renders } from './renders.js';
import { checkBulkShape, checkRenderRequest } from './request.js';
import type { RenderRow, Store } from './store.js';

export interface AppDeps {
  config: ServerConfig;
  store: Store;
  renders: Renders;
  idempotency: Idempotency;
  metrics: Metrics;
  now: Clock;
  keys: KeyRing;
}

/** A registered route and whether it is on the allow-list of routes served without a key. */
export interface RouteInfo {
  method: string;
  url: string;
  public: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    owner: string;
    startedAt: number;
  }
  interface FastifyContextConfig {
    /** Served without an API key. Only routes that say so are: every other route, and every request
     * that matches no route, is authenticated (deny by default). */
    public?: boolean;
  }
}

/** The allow-list: the only routes served without a key. */
const OPEN = { config: { public: true } } as const;

/** The documented error shape for answers Node's HTTP parser gives before fastify sees a request. */
type ClientError = Error & { code?: string; rawPacket?: unknown };

function clientErrorAnswer(err: ClientError): ApiError {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW': {
      // The request line alone overflowing means the URI is too long; otherwise the headers are.
      const raw = Buffer.isBuffer(err.rawPacket) ? err.rawPacket.toString('latin1') : '';
      return raw.split('\n', 1)[0]!.length < 8192
        ? new ApiError(431, 'headers_too_large', 'Request headers are larger than the server accepts (16 KiB)')
        : new ApiError(414, 'uri_too_long', 'The request URI is longer than the server accepts');
    }
    case 'HPE_URI_TOO_LONG':
      return new ApiError(414, 'uri_too_long', 'The request URI is longer than the server accepts');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return new ApiError(408, 'request_timeout', 'The request was not received in time');
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return new ApiError(400, 'invalid_content_length', 'Content-Length is not a single non-negative integer, or is sent with Transfer-Encoding', 'Content-Length');
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_INVALID_CHUNK_SIZE':
      return new ApiError(400, 'invalid_transfer_encoding', 'Transfer-Encoding or a chunk size is malformed', 'Transfer-Encoding');
    case 'HPE_INVALID_URL':
      return new ApiError(400, 'invalid_url', 'The request target is not a valid URI');
    default:
      return new ApiError(400, 'malformed_request', `The request is not valid HTTP/1.1 (${err.code ?? 'parse error'})`);
  }
}

function clientErrorHandler(err: ClientError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const e = clientErrorAnswer(err);
    const body = JSON.stringify(e.toJSON());
    socket.write(
      `HTTP/1.1 ${e.status} ${http.STATUS_CODES[e.status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** Errors fastify and its plugins throw for a bad request, as the API's codes. Anything unknown is a 500. */
function asApiError(error: Error & { statusCode?: number; code?: string }): ApiError | undefined {
  if (error instanceof ApiError) return error;
  const code = error.code ?? '';
  if (error.statusCode === 413 || ['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT', 'FST_ERR_CTP_BODY_TOO_LARGE'].includes(code)) {
    return new ApiError(413, 'payload_too_large', `Payload too large: ${error.message}`);
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new ApiError(415, 'unsupported_media_type', 'Send application/json or multipart/form-data');
  if (code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return new ApiError(400, 'invalid_content_length', `The body does not match Content-Length: ${error.message}`, 'Content-Length');
  if (code === 'FST_MP_PREMATURE_CLOSE' || code === 'FST_PROTO_VIOLATION' || code === 'FST_INVALID_JSON_FIELD_ERROR') return new ApiError(400, 'invalid_multipart', `Invalid multipart body: ${error.message}`);
  if (code.startsWith('FST_ERR_CTP_') || (error.statusCode === 400 && error instanceof SyntaxError)) return new ApiError(400, 'invalid_json', `Invalid request body: ${error.message}`);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return new ApiError(error.statusCode, 'invalid_request', error.message);
  return undefined;
}

function baseUrlOf(config: ServerConfig, req: FastifyRequest): string {
  return config.publicUrl ?? `${req.protocol}://${req.host}`;
}

/** A sync render answers with the render: 200 when it succeeded, 422 when it failed, 504 on the time-out. */
function syncResponse(renders: Renders, row: RenderRow): SavedResponse {
  const body = renders.present(row);
  const code = (body.error as { code?: string } | null)?.code;
  return { status: row.status === 'succeeded' ? 200 : code === 'render_timeout' ? 504 : 422, body };
}

function accepted(renders: Renders, row: RenderRow): SavedResponse {
  const r = renders.present(row);
  // docs/render-api.md#post-v1renders fixes "processing" for the 202 answer: accepted for processing (a poll shows queued first).
  return { status: 202, body: { id: row.id, object: 'render', status: 'processing', polling_url: r.polling_url, created_at: r.created_at, expires_at: r.expires_at, metadata: r.metadata } };
}

export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; routes: readonly RouteInfo[] }> {
  const { config, store, renders, idempotency, metrics, now, keys } = deps;
  const limiter = new RateLimiter(config.limits.rateLimit, config.limits.rateWindowSeconds, now);
  const routes: RouteInfo[] = [];

  /** Authenticates a request and takes a rate-limit token: every request not on a public route. */
  function gate(req: FastifyRequest, reply: FastifyReply): void {
    req.owner = authenticate(req.headers, keys.current(), keys.open);
    try {
      reply.headers(limiter.take(req.owner));
    } catch (e) {
      metrics.inc('storeshots_rate_limited_total', 'Requests refused by the rate limit.');
      throw e;
    }
  }

  const sendError = (reply: FastifyReply, e: ApiError) => reply.code(e.status).headers(e.headers).send(e.toJSON());

  const app = Fastify({
    bodyLimit: config.limits.bodyBytes,
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            stream: process.stderr,
            // Request logs carry the path only: query strings may hold tokens.
            serializers: { req: (r: { method: string; url: string; id?: string }) => ({ method: r.method, url: redactUrl(r.url), id: r.id }) },
          },
    return503OnClosing: true,
    forceCloseConnections: true,
    clientErrorHandler,
    // Bad percent-encoding and over-long path parameters are answered before routing: they are
    // authenticated here too (deny by default), then get the API's error shape.
    frameworkErrors: (error, req, reply) => {
      try {
        gate(req, reply);
        const e =
          error.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? new ApiError(414, 'uri_too_long', 'A path parameter is longer than the server accepts (100 characters)')
            : error.code === 'FST_ERR_BAD_URL'
              ? new ApiError(400, 'invalid_url', 'The request path has invalid percent-encoding')
              : new ApiError(400, 'invalid_request', error.message);
        void sendError(reply, e);
      } catch (e) {
        void sendError(reply, e instanceof ApiError ? e : new ApiError(400, 'invalid_request', (e as Error).message));
      }
    },
  });
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url, public: r.config?.public === true });
  });
  // Bodies are checked for depth before JSON.parse, so nothing downstream (schema, hashing,
  // stringify) recurses deeper than MAX_JSON_DEPTH.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, text, done) => {
    const s = text as string;
    if (jsonDepth(s) > MAX_JSON_DEPTH) return done(new ApiError(400, 'invalid_json', `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    defaultJson(_req, s, done);
  });
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  // The API takes JSON and multipart only (fastify would otherwise accept text/plain as a string body).
  app.removeContentTypeParser('text/plain');
  await app.register(multipart, {
    limits: { fileSize: config.limits.screenshotBytes, files: config.limits.slidesPerRender, fields: 4, fieldSize: 1024 * 1024, parts: 20 },
    throwFileSizeLimit: true,
  });

  app.decorateRequest('owner', '');
  app.decorateRequest('startedAt', 0);

  app.addHook('onRequest', async (req, reply) => {
    req.startedAt = performance.now();
    // Authentication follows the route the router matched (after it decoded the path), never the raw
    // URL: only routes registered with { public: true } are open; unmatched requests are authenticated.
    if (req.routeOptions.config?.public !== true) gate(req, reply);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > config.limits.bodyBytes) {
      throw new ApiError(413, 'payload_too_large', `Request body is ${declared} bytes; the limit is ${config.limits.bodyBytes}`);
    }
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.inc('storeshots_http_requests_total', 'HTTP requests by route and status.', { method: req.method, route, status: String(reply.statusCode) });
    metrics.observe('storeshots_http_request_duration_seconds', 'HTTP request time by route.', (performance.now() - req.startedAt) / 1000, { route });
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, req, reply) => {
    let e = asApiError(error);
    if (!e) {
      req.log.error(error);
      // Unknown failures say nothing about retrying: they may well be deterministic.
      e = new ApiError(500, 'internal_error', `Internal error (request ${req.id}); the server log has the details`);
    }
    void sendError(reply, e);
  });

  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(new ApiError(404, 'not_found', `No route ${req.method} ${redactUrl(req.url).slice(0, 200)}`).toJSON());
  });

  app.get('/healthz', OPEN, async () => ({ status: 'ok', version: VERSION, renders: store.counts(), pending_deliveries: store.pendingDeliveries() }));
  app.get('/metrics', OPEN, async (_req, reply) => reply.type('text/plain; version=0.0.4').send(metrics.render()));
  const doc = openApiDocument();
  app.get('/v1/openapi.json', OPEN, async () => doc);

  /** The body and file parts of a JSON or multipart request. */
  async function readBody(req: FastifyRequest): Promise<{ body: unknown; files?: Map<string, Buffer> }> {
    if (!req.isMultipart()) return { body: req.body };
    const files = new Map<string, Buffer>();
    let body: unknown;
    let total = 0;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const buf = await part.toBuffer();
          total += buf.length;
          if (total > config.limits.bodyBytes) throw new ApiError(413, 'payload_too_large', `Upload is larger than the limit of ${config.limits.bodyBytes} bytes`);
          files.set(part.fieldname, buf);
        } else if (part.fieldname === 'request') {
          const text = String(part.value);
          if (jsonDepth(text) > MAX_JSON_DEPTH) throw badRequest(`The "request" part is nested deeper than ${MAX_JSON_DEPTH} levels`, 'request', 'invalid_json');
          try {
            body = JSON.parse(text);
          } catch (e) {
            throw badRequest(`The "request" part is not JSON: ${(e as Error).message}`, 'request', 'invalid_json');
          }
        } else {
          throw badRequest(`Unknown multipart field "${part.fieldname}" (send the request as a "request" field and files as slides[N].screenshot)`, part.fieldname, 'parameter_unknown');
        }
      }
    } catch (e) {
      // The multipart parser (busboy) throws plain errors for a missing boundary, a truncated body or a
      // malformed part header: all of them are the client's request, never a server failure.
      const known = asApiError(e as Error);
      if (known) throw known;
      throw new ApiError(400, 'invalid_multipart', `Invalid multipart body: ${(e as Error).message}`);
    }
    if (body === undefined) throw badRequest('A multipart request needs a "request" field with the JSON body', 'request', 'parameter_missing');
    return { body, files };
  }

  /** Runs a creating request under its Idempotency-Key (if any) and sends the saved or fresh response. */
  async function idempotent(req: FastifyRequest, reply: FastifyReply, route: string, body: unknown, files: Map<string, Buffer> | undefined, work: (attach: (id: string) => void) => Promise<SavedResponse>) {
    const key = checkKey(req.headers['idempotency-key']);
    if (!key) return send(reply, await work(() => undefined));
    const mode = (body as { async?: unknown } | null)?.async === true || route === 'bulk' ? 'async' : 'sync';
    const claim = await idempotency.claim(req.owner, key, requestHash(route, body, files), mode);
    if (claim.kind === 'replay') return send(reply.header('idempotent-replayed', 'true'), claim.response);
    if (claim.kind === 'resume') {
      const row = store.render(claim.renderId)!;
      const r = claim.mode === 'async' ? accepted(renders, row) : syncResponse(renders, await renders.waitFor(row.id));
      claim.finish(r);
      return send(reply.header('idempotent-replayed', 'true'), r);
    }
    let r: SavedResponse;
    try {
      r = await work(claim.attach);
    } catch (e) {
      claim.abandon();
      throw e;
    }
    claim.finish(r);
    return send(reply, r);
  }

  function send(reply: FastifyReply, r: SavedResponse) {
    return reply.code(r.status).send(r.body);
  }

  app.post('/v1/renders', async (req, reply) => {
    const { body, files } = await readBody(req);
    return idempotent(req, reply, 'renders', body, files, async (attach) => {
      const checked = await checkRenderRequest(body, { config, files });
      checkQuota(config, store, req.owner, checked.spec.slides.length, now());
      const shots = await acquireScreenshots(checked.screenshots, files, config.limits, netPolicy(config));
      const row = renders.create(req.owner, checked, shots, baseUrlOf(config, req), attach);
      return checked.spec.async ? accepted(renders, row) : syncResponse(renders, await renders.waitFor(row.id));
    });
  });

  app.post('/v1/bulk', async (req, reply) => {
    const body = req.body;
    const { renders: items } = checkBulkShape(body);
    return idempotent(req, reply, 'bulk', body, undefined, async () => {
      const results: Array<Record<string, unknown>> = [];
      const created: string[] = [];
      for (const [index, item] of items.entries()) {
        const prefix = `renders[${index}].`;
        try {
          const checked = await checkRenderRequest(item, { config, prefix });
          checked.spec.async = true;
          checkQuota(config, store, req.owner, checked.spec.slides.length, now(), `renders[${index}]`);
          const shots = await acquireScreenshots(checked.screenshots, undefined, config.limits, netPolicy(config), prefix);
          const row = renders.create(req.owner, checked, shots, baseUrlOf(config, req));
          created.push(row.id);
          results.push({ index, id: row.id, status: 'processing', polling_url: `/v1/renders/${row.id}` });
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          results.push({ index, error: e.toJSON().error });
        }
      }
      return { status: 202, body: { object: 'bulk', submitted: created.length, failed: items.length - created.length, renders: results } };
    });
  });

  app.get<{ Querystring: Record<string, string | string[] | undefined> }>('/v1/renders', async (req) => {
    const q = (name: string): string | undefined => {
      const v = req.query[name];
      if (Array.isArray(v)) throw badRequest(`Expected one value for ${name} but received ${v.length}`, name);
      return v;
    };
    const rawLimit = q('limit') ?? '20';
    const status = q('status');
    const after = q('starting_after');
    const limit = Number(rawLimit);
    if (!/^\d{1,3}$/.test(rawLimit) || limit < 1 || limit > 100) throw badRequest(`Expected an integer 1-100 for limit but received "${rawLimit.slice(0, 50)}"`, 'limit');
    if (status !== undefined && !['queued', 'processing', 'succeeded', 'failed', 'canceled'].includes(status)) throw badRequest(`Expected a render status for status but received "${status.slice(0, 50)}"`, 'status');
    let before: number | undefined;
    if (after !== undefined) {
      // The cursor is looked up among this key's renders only: another key's id is, to this key,
      // an id that does not exist (same status, same message).
      before = store.seqOf(after, req.owner);
      if (before === undefined) throw badRequest(`No render ${after.slice(0, 50)} for starting_after`, 'starting_after');
    }
    const rows = store.list(req.owner, limit + 1, before, status as RenderRow['status'] | undefined);
    return { object: 'list', data: rows.slice(0, limit).map((r) => renders.present(r)), has_more: rows.length > limit };
  });

  app.get<{ Params: { id: string } }>('/v1/renders/:id', async (req) => renders.present(renders.get(req.owner, req.params.id)));

  app.post<{ Params: { id: string } }>('/v1/renders/:id/cancel', async (req) => renders.present(renders.cancel(req.owner, req.params.id)));

  function finished(req: FastifyRequest<{ Params: { id: string } }>): RenderRow {
    const row = renders.get(req.owner, req.params.id);
    if (row.status !== 'succeeded') throw new ApiError(409, 'render_not_ready', `Render ${row.id} is ${row.status}; images are served once it has succeeded`, 'id');
    return row;
  }

  app.get<{ Params: { id: string; index: string }; Querystring: { encoding?: string } }>('/v1/renders/:id/images/:index', async (req, reply) => {
    const row = finished(req);
    const enc = req.query.encoding;
    if (enc !== undefined && enc !== 'base64') throw badRequest(`Expected base64 for encoding but received "${enc}"`, 'encoding');
    const image = store.images(row.id).find((i) => String(i.idx) === req.params.index);
    if (!image) throw new ApiError(404, 'image_not_found', `Render ${row.id} has no image ${req.params.index}`, 'index');
    const bytes = readFileSync(image.file);
    const type = image.format === 'jpeg' ? 'image/jpeg' : 'image/png';
    if (enc === 'base64') {
      return { object: 'image', index: image.idx, slide: image.slide, width: image.width, height: image.height, format: image.format, bytes: image.bytes, sha256: image.sha256, content_type: type, data: bytes.toString('base64') };
    }
    return reply
      .type(type)
      .header('etag', `"${image.sha256}"`)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('content-disposition', `inline; filename="${String(image.idx).padStart(2, '0')}-${image.slide}.${image.format === 'jpeg' ? 'jpg' : 'png'}"`)
      .send(bytes);
  });

  app.get<{ Params: { id: string } }>('/v1/renders/:id/archive', async (req, reply) => {
    const row = finished(req);
    const jobs = new Map((JSON.parse(row.jobs) as Job[]).map((j) => [j.index, j]));
    const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
    for (const i of store.images(row.id)) entries[archivePath(jobs.get(i.idx)!)] = [readFileSync(i.file), { level: 0 }];
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${row.id}.zip"`)
      .send(Buffer.from(zipSync(entries)));
  });

  await app.ready();
  return { app, routes };
}

