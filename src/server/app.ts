// HTTP routes of the render API (SPEC §5) on fastify. Routing only: checking is request.ts, the
// render lifecycle renders.ts, storage store.ts.
import { readFileSync } from 'node:fs';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { zipSync } from 'fflate';
import type { Job } from '../plan/types.js';
import { VERSION } from '../version.js';
import { authenticate, checkQuota, type Clock, RateLimiter } from './access.js';
import { netPolicy, type ServerConfig } from './config.js';
import { ApiError, badRequest } from './errors.js';
import { checkKey, type Idempotency, requestHash, type SavedResponse } from './idempotency.js';
import { acquireScreenshots } from './inputs.js';
import { archivePath } from './jobs.js';
import type { Metrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
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
}

declare module 'fastify' {
  interface FastifyRequest {
    owner: string;
    startedAt: number;
  }
}

const PUBLIC = new Set(['/healthz', '/metrics', '/v1/openapi.json']);

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
  // SPEC §5 fixes "processing" for the 202 answer: accepted for processing (a poll shows queued first).
  return { status: 202, body: { id: row.id, object: 'render', status: 'processing', polling_url: r.polling_url, created_at: r.created_at, expires_at: r.expires_at, metadata: r.metadata } };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, store, renders, idempotency, metrics, now } = deps;
  const limiter = new RateLimiter(config.limits.rateLimit, config.limits.rateWindowSeconds, now);
  const app = Fastify({
    bodyLimit: config.limits.bodyBytes,
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, stream: process.stderr },
    return503OnClosing: true,
    forceCloseConnections: true,
  });
  await app.register(multipart, {
    limits: { fileSize: config.limits.screenshotBytes, files: config.limits.slidesPerRender, fields: 4, fieldSize: 1024 * 1024, parts: 20 },
    throwFileSizeLimit: true,
  });

  app.decorateRequest('owner', '');
  app.decorateRequest('startedAt', 0);

  app.addHook('onRequest', async (req, reply) => {
    req.startedAt = performance.now();
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > config.limits.bodyBytes) {
      throw new ApiError(413, 'payload_too_large', `Request body is ${declared} bytes; the limit is ${config.limits.bodyBytes}`);
    }
    const url = req.url.split('?')[0]!;
    if (PUBLIC.has(url) || !url.startsWith('/v1/')) return;
    req.owner = authenticate(req.headers, config.keyHashes);
    try {
      reply.headers(limiter.take(req.owner));
    } catch (e) {
      metrics.inc('storeshots_rate_limited_total', 'Requests refused by the rate limit.');
      throw e;
    }
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.inc('storeshots_http_requests_total', 'HTTP requests by route and status.', { method: req.method, route, status: String(reply.statusCode) });
    metrics.observe('storeshots_http_request_duration_seconds', 'HTTP request time by route.', (performance.now() - req.startedAt) / 1000, { route });
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, req, reply) => {
    let e: ApiError;
    if (error instanceof ApiError) e = error;
    else if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT' || error.code === 'FST_PARTS_LIMIT') {
      e = new ApiError(413, 'payload_too_large', `Payload too large: ${error.message}`);
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') e = new ApiError(415, 'unsupported_media_type', 'Send application/json or multipart/form-data');
    else if (error.statusCode === 400) e = new ApiError(400, 'invalid_json', `Invalid request body: ${error.message}`);
    else {
      req.log.error(error);
      e = new ApiError(500, 'internal_error', 'Internal error; the request can be retried with the same Idempotency-Key');
    }
    void reply.code(e.status).headers(e.headers).send(e.toJSON());
  });

  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(new ApiError(404, 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`).toJSON());
  });

  app.get('/healthz', async () => ({ status: 'ok', version: VERSION, renders: store.counts(), pending_deliveries: store.pendingDeliveries() }));
  app.get('/metrics', async (_req, reply) => reply.type('text/plain; version=0.0.4').send(metrics.render()));
  const doc = openApiDocument();
  app.get('/v1/openapi.json', async () => doc);

  /** The body and file parts of a JSON or multipart request. */
  async function readBody(req: FastifyRequest): Promise<{ body: unknown; files?: Map<string, Buffer> }> {
    if (!req.isMultipart()) return { body: req.body };
    const files = new Map<string, Buffer>();
    let body: unknown;
    let total = 0;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const buf = await part.toBuffer();
        total += buf.length;
        if (total > config.limits.bodyBytes) throw new ApiError(413, 'payload_too_large', `Upload is larger than the limit of ${config.limits.bodyBytes} bytes`);
        files.set(part.fieldname, buf);
      } else if (part.fieldname === 'request') {
        try {
          body = JSON.parse(String(part.value));
        } catch (e) {
          throw badRequest(`The "request" part is not JSON: ${(e as Error).message}`, 'request', 'invalid_json');
        }
      } else {
        throw badRequest(`Unknown multipart field "${part.fieldname}" (send the request as a "request" field and files as slides[N].screenshot)`, part.fieldname, 'parameter_unknown');
      }
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

  app.get<{ Querystring: { limit?: string; status?: string; starting_after?: string } }>('/v1/renders', async (req) => {
    const { limit: rawLimit = '20', status, starting_after: after } = req.query;
    const limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badRequest(`Expected an integer 1-100 for limit but received "${rawLimit}"`, 'limit');
    if (status !== undefined && !['queued', 'processing', 'succeeded', 'failed', 'canceled'].includes(status)) throw badRequest(`Expected a render status for status but received "${status}"`, 'status');
    let before: number | undefined;
    if (after !== undefined) {
      const row = store.render(after);
      if (!row || row.owner !== req.owner) throw badRequest(`No render ${after} for starting_after`, 'starting_after');
      before = store.seqOf(after);
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

  return app;
}
