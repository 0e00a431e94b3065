// allscreenshots' async surface (docs/render-api.md#compatibility-surfaces): POST
// /v1/screenshots/async, GET /v1/screenshots/jobs/{id}, /result and /result/{outputId}, in that API's
// camelCase fields and upper-case status words, over the one capture and render core (page-job.ts).
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RenderEvent, WebhookFormat } from '../deliveries.js';
import { ApiError, badRequest } from '../errors.js';
import type { Attach } from '../idempotency.js';
import { parameterError, type RouteDeps } from '../routes/shared.js';
import type { RenderRow, ServiceStore } from '../storage/types.js';
import {
  createPageJob,
  idempotentPageJob,
  iso,
  pageImage,
  type PageOutput,
  sendBytes,
  signedImageUrl,
  validator,
} from './page-job.js';

const screenshotOptions = {
  format: { enum: ['png', 'jpeg', 'jpg'] },
  quality: { type: 'integer', minimum: 1, maximum: 100 },
  fullPage: { type: 'boolean' },
};

const requestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: {
    url: { type: 'string', minLength: 1, maxLength: 2048 },
    ...screenshotOptions,
    viewport: {
      type: 'object',
      additionalProperties: false,
      properties: {
        width: { type: 'integer', minimum: 64, maximum: 3840 },
        height: { type: 'integer', minimum: 64, maximum: 3840 },
        deviceScaleFactor: { type: 'number', minimum: 1, maximum: 3 },
      },
    },
    waitUntil: { enum: ['load', 'domcontentloaded', 'networkidle'] },
    waitFor: { type: 'string', minLength: 1, maxLength: 200 },
    delay: { type: 'integer', minimum: 0, maximum: 10_000 },
    responseType: { enum: ['binary', 'url', 'base64'] },
    webhookUrl: { type: 'string', maxLength: 2048 },
    webhookSecret: { type: 'string', minLength: 1, maxLength: 256 },
    outputs: {
      type: 'array',
      minItems: 1,
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type'],
        properties: {
          type: { enum: ['screenshot', 'pdf', 'html', 'markdown', 'json'] },
          id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
          ...screenshotOptions,
        },
      },
    },
  },
};

const check = validator(requestSchema);

interface Request {
  url: string;
  format?: 'png' | 'jpeg' | 'jpg';
  quality?: number;
  fullPage?: boolean;
  viewport?: { width?: number; height?: number; deviceScaleFactor?: number };
  waitUntil?: 'load' | 'domcontentloaded' | 'networkidle';
  waitFor?: string;
  delay?: number;
  responseType?: 'binary' | 'url' | 'base64';
  webhookUrl?: string;
  webhookSecret?: string;
  outputs?: Array<{ type: string; id?: string; format?: 'png' | 'jpeg' | 'jpg'; quality?: number; fullPage?: boolean }>;
}

function outputsOf(b: Request): PageOutput[] {
  const capture = (fullPage: boolean | undefined) => ({
    url: b.url,
    viewport: {
      width: b.viewport?.width ?? 1920,
      height: b.viewport?.height ?? 1080,
      device_scale_factor: b.viewport?.deviceScaleFactor ?? 1,
    },
    full_page: fullPage ?? b.fullPage ?? false,
    wait_until: b.waitUntil ?? 'load',
    ...(b.waitFor ? { wait_for: b.waitFor } : {}),
    ...(b.delay ? { delay: b.delay } : {}),
  });
  const fmt = (f: string | undefined) => (f === 'jpeg' || f === 'jpg' ? 'jpeg' : 'png') as 'png' | 'jpeg';
  if (!b.outputs) return [{ id: 'screenshot', format: fmt(b.format), quality: b.quality, capture: capture(undefined) }];
  const seen = new Set<string>();
  return b.outputs.map((o, i) => {
    if (o.type !== 'screenshot')
      throw new ApiError(
        400,
        'unsupported_output',
        `outputs[${i}].type: storeshots serve makes screenshot outputs only, not ${o.type}`,
        `outputs[${i}].type`,
      );
    // Outputs are named by their type (the first), then type-2, type-3 ... unless they carry an id.
    let id = o.id ?? o.type;
    for (let n = 2; !o.id && seen.has(id); n++) id = `${o.type}-${n}`;
    if (seen.has(id)) throw badRequest(`Duplicate output id "${id}" at outputs[${i}].id`, `outputs[${i}].id`);
    seen.add(id);
    return { id, format: fmt(o.format ?? b.format), quality: o.quality ?? b.quality, capture: capture(o.fullPage) };
  });
}

const STATUS: Record<RenderRow['status'], string> = {
  queued: 'QUEUED',
  processing: 'PROCESSING',
  succeeded: 'COMPLETED',
  failed: 'FAILED',
  canceled: 'CANCELLED',
};

/** What the job's view and webhook need (a worker, which serves no routes, has these too). */
type ViewDeps = Pick<RouteDeps, 'store' | 'renders' | 'now' | 'config' | 'links'>;

/** The job in allscreenshots' words; `s`: the store to read (the transaction that ends the job, for its webhook). */
async function present(row: RenderRow, deps: ViewDeps, s: ServiceStore = deps.store) {
  const p = await deps.renders.present(row, s);
  const meta = (p.metadata ?? {}) as { url?: string; outputs?: boolean };
  const error = p.error as { code: string; message: string } | null;
  const base = `${row.base_url}/v1/screenshots/jobs/${row.id}`;
  const images = await s.images(row.id);
  const first = images[0];
  const done = row.status === 'succeeded';
  return {
    id: row.id,
    status: STATUS[row.status],
    url: meta.url ?? null,
    ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
    ...(done ? { resultUrl: `${base}/result`, storageUrl: first ? signedImageUrl(deps, row, first.idx) : null } : {}),
    createdAt: iso(row.created_at),
    startedAt: iso(row.started_at),
    completedAt: iso(row.completed_at),
    expiresAt: iso(row.expires_at),
    ...(done && first
      ? {
          metadata: {
            width: first.width,
            height: first.height,
            format: meta.outputs ? 'MULTI' : first.format.toUpperCase(),
            size: images.reduce((n, i) => n + i.bytes, 0),
          },
        }
      : {}),
    ...(done && meta.outputs
      ? {
          outputs: Object.fromEntries(
            images.map((i) => [
              i.slide,
              {
                type: 'screenshot',
                contentType: i.format === 'jpeg' ? 'image/jpeg' : 'image/png',
                size: i.bytes,
                width: i.width,
                height: i.height,
                resultUrl: `${base}/result/${i.slide}`,
                storageUrl: signedImageUrl(deps, row, i.idx),
              },
            ]),
          ),
        }
      : {}),
    ...(p.captures ? { blockedRequests: (p.captures as Array<{ refused: unknown[] }>).flatMap((c) => c.refused) } : {}),
  };
}

const EVENT: Record<string, string> = {
  succeeded: 'JOB_COMPLETED',
  failed: 'JOB_FAILED',
  canceled: 'JOB_CANCELLED',
};

/** `sha256=<hex HMAC-SHA256(webhookSecret, raw body)>`, as allscreenshots signs (X-Allscreenshots-Signature). */
export const allscreenshotsSignature = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/**
 * allscreenshots' webhook ("Webhooks" in its docs): `{event: "JOB_COMPLETED", timestamp, data: {jobId,
 * url, status, resultUrl, storageUrl, format, width, height, fileSize, renderTimeMs, completedAt,
 * outputs?}}`, signed in X-Allscreenshots-Signature over the raw body. The body is made once when the
 * job ends and sent unchanged on every retry (its storageUrl is a signed link made then).
 */
function webhookFormat(deps: ViewDeps): WebhookFormat {
  return {
    async body(row: RenderRow, event: RenderEvent, now: number, s: ServiceStore) {
      const p = await present(row, deps, s);
      const status = event.type.slice(event.type.indexOf('.') + 1);
      const meta = p.metadata as { width: number; height: number; format: string; size: number } | undefined;
      return JSON.stringify({
        event: EVENT[status] ?? `JOB_${status.toUpperCase()}`,
        timestamp: new Date(now).toISOString(),
        data: {
          jobId: row.id,
          url: p.url,
          status: p.status,
          ...(p.errorCode ? { errorCode: p.errorCode, errorMessage: p.errorMessage } : {}),
          ...(p.resultUrl ? { resultUrl: p.resultUrl, storageUrl: p.storageUrl } : {}),
          ...(meta
            ? {
                format: meta.format,
                width: meta.width,
                height: meta.height,
                fileSize: meta.size,
                renderTimeMs: row.completed_at && row.started_at ? row.completed_at - row.started_at : null,
              }
            : {}),
          completedAt: p.completedAt,
          ...(p.outputs ? { outputs: p.outputs } : {}),
        },
      });
    },
    headers: (secret: string, body: string) => ({
      'x-allscreenshots-signature': allscreenshotsSignature(secret, body),
    }),
  };
}

/**
 * Sends allscreenshots jobs' webhooks in its format. The routes register it; so does `storeshots
 * worker`, which serves no routes but ends jobs (the body and the delivery's kind are made then).
 */
export function registerAllscreenshotsWebhook(deps: ViewDeps): void {
  deps.renders.webhookFormat('allscreenshots', webhookFormat(deps));
}

const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
const outputParams = {
  type: 'object',
  properties: { id: { type: 'string' }, outputId: { type: 'string' } },
  required: ['id', 'outputId'],
} as const;

export async function allscreenshotsRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.setSchemaErrorFormatter(parameterError);
  registerAllscreenshotsWebhook(deps);

  /** A job from the request body (shared by the synchronous and the async path), under its Idempotency-Key. */
  const submit = async (req: FastifyRequest, reply: FastifyReply, route: string) => {
    check(req.body);
    const b = req.body as Request;
    const { row, replayed } = await idempotentPageJob(deps, req, route, b, (inTx) => make(req, b, inTx));
    if (replayed) reply.header('idempotent-replayed', 'true');
    return row;
  };
  const make = (req: FastifyRequest, b: Request, inTx?: Attach) =>
    createPageJob(
      deps,
      req.owner,
      deps.baseUrl(req),
      {
        outputs: outputsOf(b),
        ...(b.webhookUrl ? { webhook: { url: b.webhookUrl, secret: b.webhookSecret } } : {}),
        metadata: {
          compat: 'allscreenshots',
          url: b.url,
          responseType: b.responseType ?? 'binary',
          outputs: !!b.outputs,
        },
      },
      'url',
      inTx,
    );

  app.post('/v1/screenshots/async', async (req, reply) => {
    const row = await submit(req, reply, 'allscreenshots-async');
    return reply.code(202).send({
      id: row.id,
      status: 'QUEUED',
      statusUrl: `${row.base_url}/v1/screenshots/jobs/${row.id}`,
      createdAt: iso(row.created_at),
    });
  });

  // Synchronous: the answer is the result as responseType asks (the job stays pollable under its id).
  app.post('/v1/screenshots', async (req, reply) => {
    const done = await deps.renders.waitFor((await submit(req, reply, 'allscreenshots-sync')).id);
    if (done.status !== 'succeeded') return reply.code(422).send(await present(done, deps));
    return sendResult(done, reply);
  });

  app.get<{ Params: { id: string } }>('/v1/screenshots/jobs/:id', { schema: { params: idParams } }, async (req) =>
    present(await deps.renders.get(req.owner, req.params.id), deps),
  );

  /** The result as the job's responseType asked: the bytes, a signed link, or base64 in JSON. */
  async function sendResult(row: RenderRow, reply: FastifyReply, outputId?: string) {
    const img = await pageImage(deps, row, outputId);
    const responseType = (JSON.parse(row.spec) as { metadata?: { responseType?: string } }).metadata?.responseType;
    if (responseType === 'url')
      return { url: signedImageUrl(deps, row, img.image.idx), expiresAt: iso(row.expires_at) };
    if (responseType === 'base64')
      return { data: img.bytes.toString('base64'), contentType: img.type, size: img.image.bytes };
    return sendBytes(reply, img);
  }

  app.get<{ Params: { id: string } }>(
    '/v1/screenshots/jobs/:id/result',
    { schema: { params: idParams } },
    async (req, reply) => sendResult(await deps.renders.get(req.owner, req.params.id), reply),
  );

  app.get<{ Params: { id: string; outputId: string } }>(
    '/v1/screenshots/jobs/:id/result/:outputId',
    { schema: { params: outputParams } },
    async (req, reply) => sendResult(await deps.renders.get(req.owner, req.params.id), reply, req.params.outputId),
  );
}
