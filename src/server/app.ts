// The render API (docs/render-api.md) on fastify: authentication, limits, parsers, metrics and the one error
// shape for every route; the routes themselves are plugins in routes/ (one per resource). Checking is
// request.ts, the render lifecycle renders.ts, storage storage/ (types.ts; sqlite.ts, fs-blobs.ts).
import http from 'node:http';
import type { Socket } from 'node:net';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { authenticate, RateLimiter } from './access.js';
import { jsonDepth, MAX_JSON_DEPTH } from './body.js';
import { ApiError, asApiError } from './errors.js';
import { redactUrl } from './net.js';
import { errorMessage } from '../util/errors.js';
import { allscreenshotsRoutes } from './compat/allscreenshots.js';
import { webshotRoutes } from './compat/webshot.js';
import { bulkRoutes } from './routes/bulk.js';
import { healthRoutes } from './routes/health.js';
import { linkRoutes } from './routes/links.js';
import { projectRoutes } from './routes/projects.js';
import { appscreenRoutes } from './compat/appscreen/routes.js';
import { studioRoutes } from './compat/studio/routes.js';
import { renderRoutes } from './routes/renders.js';
import { setRoutes } from './routes/sets.js';
import { webhookEndpointRoutes } from './routes/webhook-endpoints.js';
import { eventRoutes } from './routes/events.js';
import { translateRoutes } from './routes/translate.js';
import type { AppDeps, RouteDeps } from './routes/shared.js';

export type { AppDeps };

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
      return new ApiError(
        400,
        'invalid_content_length',
        'Content-Length is not a single non-negative integer, or is sent with Transfer-Encoding',
        'Content-Length',
      );
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_INVALID_CHUNK_SIZE':
      return new ApiError(
        400,
        'invalid_transfer_encoding',
        'Transfer-Encoding or a chunk size is malformed',
        'Transfer-Encoding',
      );
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

export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; routes: readonly RouteInfo[] }> {
  const { config, metrics, now, keys } = deps;
  const limiter = new RateLimiter(config.limits.rateLimit, config.limits.rateWindowSeconds, now);
  const routes: RouteInfo[] = [];

  function rateLimit(owner: string, reply: FastifyReply): void {
    try {
      reply.headers(limiter.take(owner));
    } catch (e) {
      metrics.inc('storeshots_rate_limited_total', 'Requests refused by the rate limit.');
      throw e;
    }
  }

  /** Authenticates a request and takes a rate-limit token: every request not on a public route. */
  function gate(req: FastifyRequest, reply: FastifyReply): void {
    req.owner = authenticate(req.headers, keys.current(), keys.open);
    rateLimit(req.owner, reply);
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
            serializers: {
              req: (r: { method: string; url: string; id?: string }) => ({
                method: r.method,
                url: redactUrl(r.url),
                id: r.id,
              }),
            },
          },
    return503OnClosing: true,
    // Route schemas (params, query strings) report the failing value, for "but received ..." (routes/shared.ts).
    ajv: { customOptions: { verbose: true } },
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
        void sendError(reply, e instanceof ApiError ? e : new ApiError(400, 'invalid_request', errorMessage(e)));
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
    if (jsonDepth(s) > MAX_JSON_DEPTH)
      return done(
        new ApiError(400, 'invalid_json', `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`),
        undefined,
      );
    defaultJson(_req, s, done);
  });
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  // The API takes JSON and multipart only (fastify would otherwise accept text/plain as a string body).
  app.removeContentTypeParser('text/plain');
  await app.register(multipart, {
    limits: {
      fileSize: config.limits.screenshotBytes,
      files: config.limits.slidesPerRender,
      fields: 4,
      fieldSize: 1024 * 1024,
      parts: 20,
    },
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
      throw new ApiError(
        413,
        'payload_too_large',
        `Request body is ${declared} bytes; the limit is ${config.limits.bodyBytes}`,
      );
    }
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.inc('storeshots_http_requests_total', 'HTTP requests by route and status.', {
      method: req.method,
      route,
      status: String(reply.statusCode),
    });
    metrics.observe(
      'storeshots_http_request_duration_seconds',
      'HTTP request time by route.',
      (performance.now() - req.startedAt) / 1000,
      { route },
    );
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
    void reply
      .code(404)
      .send(new ApiError(404, 'not_found', `No route ${req.method} ${redactUrl(req.url).slice(0, 200)}`).toJSON());
  });

  // The routes, one plugin per resource; they share the hooks, error handler and parsers above.
  const routeDeps: RouteDeps = {
    ...deps,
    baseUrl: (req) => config.publicUrl ?? `${req.protocol}://${req.host}`,
    rateLimit,
  };
  await app.register(healthRoutes, routeDeps);
  await app.register(renderRoutes, routeDeps);
  await app.register(linkRoutes, routeDeps);
  await app.register(bulkRoutes, routeDeps);
  // Compatibility surfaces of peer APIs (docs/render-api.md#compatibility-surfaces), over the same core.
  await app.register(webshotRoutes, routeDeps);
  await app.register(allscreenshotsRoutes, routeDeps);
  await app.register(setRoutes, routeDeps);
  await app.register(projectRoutes, routeDeps);
  await app.register(webhookEndpointRoutes, routeDeps);
  await app.register(eventRoutes, routeDeps);
  await app.register(translateRoutes, routeDeps);
  // Compatibility surfaces: other APIs' paths and shapes over the same core (docs/render-api.md).
  await app.register(studioRoutes, { ...routeDeps, prefix: '/api/v1' });
  await app.register(appscreenRoutes, routeDeps);

  await app.ready();
  return { app, routes };
}
