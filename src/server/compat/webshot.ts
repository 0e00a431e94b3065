// The web screenshot API's surface (docs/render-api.md#compatibility-surfaces): POST
// /v1/screenshot, POST /v1/bulk with {"jobs": [...]}, GET /v1/jobs/{id} and /result, in that API's
// field names and status words, over the one capture and render core (page-job.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sha256 } from '../../util/hash.js';
import { CSS_MAX_BYTES, HIDE_SELECTOR_MAX_LENGTH, HIDE_SELECTORS_MAX, INLINE_PAGE_URL } from '../../capture/limits.js';
import { captureSchema } from '../capture.js';
import { ApiError, badRequest } from '../errors.js';
import { allOrNothing, type Hold } from '../hold.js';
import { blobBytes } from '../routes/files.js';
import { linkCacheControl, linkedRow, linkQuery } from '../routes/links.js';
import { idempotent, oneValueEach, parameterError, type RouteDeps } from '../routes/shared.js';
import type { RenderRow } from '../storage/types.js';
import {
  createPageJob,
  creditsRemaining,
  idempotentPageJob,
  type PageJob,
  pageImage,
  pdfKey,
  type ResponseType,
  sendAs,
  signedUrl,
  validator,
  webpOf,
} from './page-job.js';

/** Their "Screenshot API" page's device presets ("overrides viewport"): CSS pixels and scale. */
const DEVICES: Record<string, { width: number; height: number; scale: number }> = {
  desktop: { width: 1920, height: 1080, scale: 1 },
  mobile: { width: 390, height: 844, scale: 2 },
  tablet: { width: 768, height: 1024, scale: 2 },
};

/**
 * Their "Screenshot API" page's `wait_for` is a strategy ("load", "networkidle", or "selector" with
 * `wait_selector`); any other value is a CSS selector to wait for, as before (their bulk docs' meaning).
 */
const WAIT_STRATEGIES = ['load', 'networkidle', 'selector'];

// The page options both job types take (the web screenshot API's names).
const pageOptions = {
  url: { type: 'string', minLength: 1, maxLength: 2048 },
  // Their "Screenshot API" page's other source: raw HTML, rendered instead of url (exactly one of the two);
  // its size (HTML_MAX_BYTES, UTF-8) is checked with the capture's other sizes (a 400 naming html).
  html: { type: 'string', minLength: 1 },
  viewport: {
    type: 'object',
    additionalProperties: false,
    required: ['width', 'height'],
    properties: {
      width: { type: 'integer', minimum: 64, maximum: 3840 },
      height: { type: 'integer', minimum: 64, maximum: 3840 },
      // Their "Screenshot API" page's name for dpr.
      device_scale_factor: { type: 'number', minimum: 1, maximum: 3 },
    },
  },
  // Their "Screenshot API" page's other names: a device preset, the wait time limit, delay_ms, custom_css
  // (wait_for also takes their strategy words: WAIT_STRATEGIES).
  device: { enum: Object.keys(DEVICES) },
  wait_timeout: { type: 'integer', minimum: 1000, maximum: 30_000 },
  delay_ms: { type: 'integer', minimum: 0, maximum: 10_000 },
  custom_css: { type: 'string', minLength: 1, maxLength: CSS_MAX_BYTES },
  dpr: { type: 'number', minimum: 1, maximum: 3 },
  full_page: { type: 'boolean' },
  wait_until: { enum: ['load', 'domcontentloaded', 'networkidle'] },
  wait_for: { type: ['string', 'null'], maxLength: 200 },
  // Their "Screenshot API" page's names: wait_selector (our wait_for), hide_selectors, dark_mode.
  wait_selector: { type: ['string', 'null'], maxLength: 200 },
  hide_selectors: {
    type: 'array',
    maxItems: HIDE_SELECTORS_MAX,
    items: { type: 'string', minLength: 1, maxLength: HIDE_SELECTOR_MAX_LENGTH },
  },
  dark_mode: { type: 'boolean' },
  // Their "Page Modifications": ad and cookie-banner blocking (docs/render-api.md#ad-and-cookie-banner-blocking).
  block_ads: { type: 'boolean' },
  block_cookie_banners: { type: 'boolean' },
  delay: { type: 'integer', minimum: 0, maximum: 10_000 },
  async_mode: { type: 'boolean' },
  // Print options, for format pdf (Chromium's page.pdf()).
  print_background: { type: 'boolean' },
  landscape: { type: 'boolean' },
};

/** The render core's smallest canvas side (schema.ts: canvas.width, canvas.height). */
const MIN_IMAGE_SIDE = 64;

/** Paper formats Chromium's page.pdf() knows (Playwright's names). */
const PAPER = ['Letter', 'Legal', 'Tabloid', 'Ledger', 'A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6'];

/** A screenshot job (POST /v1/screenshot, bulk jobs of type screenshot): the image format, or pdf. */
const jobSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { const: 'screenshot' },
    ...pageOptions,
    format: { enum: ['png', 'jpeg', 'webp', 'pdf'] },
    quality: { type: 'integer', minimum: 1, maximum: 100 },
    // Their "Screenshot API" page's clip.x/.y/.width/.height: the image is that rectangle of the page
    // (our screenshot.capture's clip, the manifest schema's definition).
    clip: (captureSchema as { properties: { clip: object } }).properties.clip,
    // Their "Screenshot API" page's answer format: the bytes (their default), a signed link, or base64. Their
    // page gives no shapes for the last two: they are allscreenshots' ({url, expiresAt}, {data, contentType, size}).
    response_type: { enum: ['binary', 'url', 'base64'] },
  },
};

/** A PDF job of bulk (`"type": "pdf"`): `format` is the paper format there. */
const pdfJobSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: { type: { const: 'pdf' }, ...pageOptions, format: { enum: PAPER } },
};

const bulkSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['jobs'],
  properties: { jobs: { type: 'array', minItems: 1, maxItems: 20 } },
};

const checkBulk = validator(bulkSchema);

interface WebshotJob {
  type?: 'screenshot' | 'pdf';
  url?: string;
  html?: string;
  format?: string;
  quality?: number;
  viewport?: { width: number; height: number; device_scale_factor?: number };
  dpr?: number;
  device?: string;
  wait_timeout?: number;
  delay_ms?: number;
  custom_css?: string;
  full_page?: boolean;
  wait_until?: 'load' | 'domcontentloaded' | 'networkidle';
  wait_for?: string | null;
  wait_selector?: string | null;
  hide_selectors?: string[];
  dark_mode?: boolean;
  block_ads?: boolean;
  block_cookie_banners?: boolean;
  delay?: number;
  async_mode?: boolean;
  print_background?: boolean;
  landscape?: boolean;
  clip?: { x: number; y: number; width: number; height: number };
  response_type?: ResponseType;
}

/** What a job's result is: an image format, or the page printed to PDF. */
type ResultFormat = 'png' | 'jpeg' | 'webp' | 'pdf';

/** Checks one job (a bulk entry or the body of POST /v1/screenshot) in its type's schema. */
function checkAnyJob(j: unknown, prefix: string): WebshotJob {
  const isPdf = !!j && typeof j === 'object' && (j as { type?: unknown }).type === 'pdf';
  validator(isPdf ? pdfJobSchema : jobSchema, prefix)(j);
  const job = j as WebshotJob;
  // The page: a URL to fetch, or HTML to render; exactly one.
  if (job.url === undefined && job.html === undefined)
    throw badRequest(`Missing required field ${prefix}url (or ${prefix}html)`, `${prefix}url`, 'parameter_missing');
  if (job.url !== undefined && job.html !== undefined)
    throw badRequest(
      `${prefix}html and ${prefix}url: give one of them (the page to fetch, or the HTML to render), not both`,
      `${prefix}html`,
    );
  const twice = (a: unknown, b: unknown, field: string, other: string) => {
    if (a !== undefined && b !== undefined && a !== b)
      throw badRequest(`${prefix}${field} and ${prefix}${other} differ: give one of them`, `${prefix}${field}`);
  };
  twice(job.viewport?.device_scale_factor, job.dpr, 'viewport.device_scale_factor', 'dpr');
  twice(job.delay_ms, job.delay, 'delay_ms', 'delay');
  const strategy = waitStrategy(job);
  if (strategy === 'selector' && !job.wait_selector)
    throw badRequest(
      `Missing required field ${prefix}wait_selector (wait_for is "selector")`,
      `${prefix}wait_selector`,
      'parameter_missing',
    );
  if (strategy && strategy !== 'selector') twice(strategy, job.wait_until, 'wait_for', 'wait_until');
  const delay = job.delay ?? job.delay_ms;
  if (job.wait_timeout && delay !== undefined && delay >= job.wait_timeout)
    throw badRequest(
      `${prefix}${job.delay === undefined ? 'delay_ms' : 'delay'} ${delay} ms is not shorter than ${prefix}wait_timeout ${job.wait_timeout} ms`,
      `${prefix}${job.delay === undefined ? 'delay_ms' : 'delay'}`,
    );
  // A PDF is the whole page printed: a rectangle of it means nothing there.
  if (job.clip && job.format === 'pdf')
    throw badRequest(`${prefix}clip applies to images (png, jpeg, webp), not to format pdf`, `${prefix}clip`);
  // The job's image is the clip at the dpr, and the render core's smallest image is 64 pixels a side.
  const dpr = scaleOf(job);
  for (const side of ['width', 'height'] as const)
    if (job.clip && job.clip[side] * dpr < MIN_IMAGE_SIDE)
      throw new ApiError(
        400,
        'capture_too_small',
        `${prefix}clip.${side} ${job.clip[side]} at dpr ${dpr} makes an image ${job.clip[side] * dpr} pixels ${side === 'width' ? 'wide' : 'tall'}; an image is at least ${MIN_IMAGE_SIDE} pixels a side`,
        `${prefix}clip.${side}`,
      );
  return job;
}

/** Their wait_for strategy word, if wait_for is one (else it is a CSS selector, or absent). */
const waitStrategy = (j: WebshotJob) =>
  j.wait_for && WAIT_STRATEGIES.includes(j.wait_for) ? (j.wait_for as 'load' | 'networkidle' | 'selector') : undefined;

/** The device scale: the device preset's, else dpr or viewport.device_scale_factor (checked equal), else 1. */
const scaleOf = (j: WebshotJob) =>
  j.device ? DEVICES[j.device]!.scale : (j.dpr ?? j.viewport?.device_scale_factor ?? 1);

const resultFormat = (j: WebshotJob): ResultFormat =>
  j.type === 'pdf' ? 'pdf' : ((j.format as ResultFormat | undefined) ?? 'png');

/**
 * A webshot job as a page job. The render core makes the image (PNG, or JPEG); WebP is that image
 * re-encoded when the result is first fetched; a PDF is printed by Chromium in the same capture and
 * kept beside the render (the render's image is then the page's screenshot).
 */
function pageJob(j: WebshotJob, prefix = ''): PageJob {
  const format = resultFormat(j);
  const pdf =
    format === 'pdf'
      ? {
          format: j.type === 'pdf' ? (j.format ?? 'A4') : 'A4',
          landscape: j.landscape ?? false,
          print_background: j.print_background ?? false,
        }
      : undefined;
  const strategy = waitStrategy(j);
  // The selector to wait for: wait_selector under a strategy word, else wait_for (a CSS selector) or wait_selector.
  const waitSelector = strategy ? j.wait_selector : (j.wait_for ?? j.wait_selector);
  const fromWaitSelector = !!waitSelector && waitSelector !== j.wait_for;
  const device = j.device ? DEVICES[j.device]! : undefined;
  const delay = j.delay ?? j.delay_ms;
  // A capture field's errors name this surface's field (wait_selector, custom_css when those were sent).
  const names: Record<string, string> = {
    ...(fromWaitSelector ? { wait_for: 'wait_selector' } : {}),
    css: 'custom_css',
  };
  return {
    outputs: [
      {
        id: 'screenshot',
        fieldParam: (f: string) => `${prefix}${names[f] ?? f}`,
        ...(j.wait_timeout ? { timeoutMs: j.wait_timeout } : {}),
        format: format === 'jpeg' ? 'jpeg' : 'png',
        ...(format === 'jpeg' ? { quality: j.quality } : {}),
        capture: {
          // HTML is served from inside the capture, at INLINE_PAGE_URL.
          ...(j.html === undefined ? { url: j.url! } : { url: INLINE_PAGE_URL, html: j.html }),
          // Their device preset overrides the viewport, as their page says; without either, their
          // "Screenshot API" page's default viewport, 1920x1080.
          viewport: {
            ...(device
              ? { width: device.width, height: device.height }
              : { width: j.viewport?.width ?? 1920, height: j.viewport?.height ?? 1080 }),
            device_scale_factor: scaleOf(j),
          },
          full_page: j.full_page ?? false,
          wait_until: strategy === 'load' || strategy === 'networkidle' ? strategy : (j.wait_until ?? 'load'),
          ...(waitSelector ? { wait_for: waitSelector } : {}),
          ...(delay ? { delay } : {}),
          ...(j.custom_css ? { css: j.custom_css } : {}),
          ...(j.dark_mode ? { dark_mode: true } : {}),
          ...(j.hide_selectors?.length ? { hide_selectors: j.hide_selectors } : {}),
          ...(j.clip ? { clip: j.clip } : {}),
          ...(j.block_ads ? { block_ads: true } : {}),
          ...(j.block_cookie_banners ? { block_cookie_banners: true } : {}),
          ...(pdf ? { pdf } : {}),
        },
      },
    ],
    // The html itself is not kept: it lives only as long as its capture.
    metadata: {
      compat: 'webshot',
      ...(j.url !== undefined ? { url: j.url } : {}),
      format,
      ...(j.quality ? { quality: j.quality } : {}),
      ...(j.response_type && j.response_type !== 'binary' ? { response_type: j.response_type } : {}),
    },
  };
}

const CONTENT_TYPE: Record<ResultFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

/** The job's result bytes in the format it asked for (409 until it completed). */
async function resultOf(deps: RouteDeps, row: RenderRow): Promise<{ bytes: Buffer; type: string }> {
  const img = await pageImage(deps, row);
  const meta = (JSON.parse(row.spec) as { metadata?: { format?: ResultFormat; quality?: number } }).metadata ?? {};
  const format = meta.format ?? (img.image.format === 'jpeg' ? 'jpeg' : 'png');
  if (format === 'pdf') return { bytes: await blobBytes(deps.blobs, pdfKey(deps, row.id)), type: CONTENT_TYPE.pdf };
  if (format === 'webp')
    return { bytes: await webpOf(deps, row, img.image.slide, meta.quality ?? 80), type: CONTENT_TYPE.webp };
  return { bytes: img.bytes, type: img.type };
}

/** The key-free path of a job's result (its signed link's; the route below). */
const resultPath = (id: string) => `/v1/files/renders/${id}/result`;

/** The job's result as its response_type asked: the bytes, a signed link, or base64 (JSON). */
async function sendResult(
  deps: RouteDeps,
  reply: FastifyReply,
  row: RenderRow,
  responseType = (JSON.parse(row.spec) as { metadata?: { response_type?: ResponseType } }).metadata?.response_type,
  cacheControl?: string,
) {
  const r = await resultOf(deps, row);
  return sendAs(
    reply,
    responseType,
    {
      bytes: r.bytes,
      contentType: r.type,
      etag: sha256(r.bytes),
      link: () => signedUrl(deps, row, resultPath(row.id)),
      expiresAt: row.expires_at,
    },
    cacheControl,
  );
}

const STATUS: Record<RenderRow['status'], string> = {
  // Never read by a client (Renders.get refuses a held job).
  held: 'queued',
  queued: 'queued',
  processing: 'processing',
  succeeded: 'completed',
  failed: 'failed',
  canceled: 'failed',
};

async function present(row: RenderRow, deps: RouteDeps) {
  const p = await deps.renders.present(row);
  const error = p.error as { code: string; message: string } | null;
  const meta = (p.metadata ?? {}) as { url?: string };
  return {
    job_id: row.id,
    status: STATUS[row.status],
    url: meta.url ?? null,
    created_at: p.created_at,
    completed_at: p.completed_at,
    result_url: row.status === 'succeeded' ? `/v1/jobs/${row.id}/result` : null,
    expires_at: p.expires_at,
    ...(error ? { error_code: error.code.toUpperCase(), error_message: error.message } : {}),
    ...(p.captures
      ? { blocked_requests: (p.captures as Array<{ refused: unknown[] }>).flatMap((c) => c.refused) }
      : {}),
  };
}

/** POST /v1/bulk with {"jobs": [...]} (routes/bulk.ts hands it here; {"renders": [...]} stays ours). */
export async function webshotBulk(deps: RouteDeps, req: FastifyRequest, reply: FastifyReply) {
  checkBulk(req.body);
  // Under an Idempotency-Key the whole answer is saved and replayed (the jobs are made once).
  return idempotent(deps, req, reply, 'webshot-bulk', req.body, undefined, async () => ({
    status: 202,
    body: await allOrNothing(deps, (hold) => bulkJobs(deps, req, hold)),
  }));
}

/**
 * Each entry one job or one error, as documented; the jobs made are held and queued together at the
 * end (../hold.ts), so a request that fails as a whole (a service error, the process killed) leaves none.
 */
async function bulkJobs(deps: RouteDeps, req: FastifyRequest, hold: Hold) {
  const { jobs } = req.body as { jobs: unknown[] };
  const out: Array<Record<string, unknown>> = [];
  let submitted = 0;
  for (const [index, raw] of jobs.entries()) {
    const prefix = `jobs[${index}].`;
    try {
      if (!raw || typeof raw !== 'object' || Array.isArray(raw))
        throw new ApiError(400, 'invalid_request', `Expected an object for jobs[${index}]`, `jobs[${index}]`);
      const job = checkAnyJob(raw, prefix);
      const row = await createPageJob(
        deps,
        req.owner,
        deps.baseUrl(req),
        pageJob(job, prefix),
        `${prefix}${job.html === undefined ? 'url' : 'html'}`,
        undefined,
        hold,
      );
      submitted++;
      out.push({ index, job_id: row.id, status: 'queued', poll_url: `/v1/jobs/${row.id}` });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      out.push({
        index,
        error_code: e.code === 'quota_exceeded' ? 'CREDITS_EXHAUSTED' : e.code.toUpperCase(),
        error_message: e.code === 'quota_exceeded' ? `No credits remaining. ${e.message}` : e.message,
      });
    }
  }
  return {
    submitted,
    failed: jobs.length - submitted,
    credits_used: submitted,
    credits_remaining: await creditsRemaining(deps, req.owner),
    jobs: out,
  };
}

const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;

export async function webshotRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.setSchemaErrorFormatter(parameterError);

  app.post('/v1/screenshot', async (req, reply) => {
    const body = checkAnyJob(req.body, '');
    const { row, replayed } = await idempotentPageJob(deps, req, 'webshot', body, (inTx) =>
      createPageJob(deps, req.owner, deps.baseUrl(req), pageJob(body), body.html === undefined ? 'url' : 'html', inTx),
    );
    if (replayed) reply.header('idempotent-replayed', 'true');
    if (body.async_mode === true)
      return reply.code(202).send({ job_id: row.id, status: 'queued', poll_url: `/v1/jobs/${row.id}` });
    const done = await deps.renders.waitFor(row.id);
    if (done.status !== 'succeeded') return reply.code(422).send(await present(done, deps));
    return sendResult(deps, reply, done);
  });

  app.get<{ Params: { id: string } }>('/v1/jobs/:id', { schema: { params: idParams } }, async (req) =>
    present(await deps.renders.get(req.owner, req.params.id), deps),
  );

  app.get<{ Params: { id: string } }>('/v1/jobs/:id/result', { schema: { params: idParams } }, async (req, reply) =>
    sendResult(deps, reply, await deps.renders.get(req.owner, req.params.id)),
  );

  // The result through its signed link (response_type "url"): no key, valid until `expires` (links.ts).
  app.get<{ Params: { id: string }; Querystring: { expires?: string; signature?: string } }>(
    '/v1/files/renders/:id/result',
    {
      config: { public: true },
      schema: { params: idParams, querystring: linkQuery },
      preValidation: oneValueEach(['expires', 'signature']),
    },
    async (req, reply) => {
      const row = await linkedRow(deps, resultPath(req.params.id), req.query, req.params.id);
      deps.rateLimit(row.owner, reply);
      return sendResult(deps, reply, row, 'binary', linkCacheControl(req.query, deps.now()));
    },
  );
}
