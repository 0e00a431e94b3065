// allscreenshots' async surface (docs/render-api.md#compatibility-surfaces): POST
// /v1/screenshots/async, GET /v1/screenshots/jobs/{id}, /result and /result/{outputId}, in that API's
// camelCase fields and upper-case status words, over the one capture and render core (page-job.ts).
import { createHmac } from 'node:crypto';
import { sha256 } from '../../util/hash.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RenderEvent, WebhookFormat } from '../deliveries.js';
import { ApiError, badRequest } from '../errors.js';
import type { Hold } from '../hold.js';
import type { Attach } from '../idempotency.js';
import { parameterError, type RouteDeps } from '../routes/shared.js';
import { linkCacheControl, linkedRow } from '../routes/links.js';
import { bulkRoutes } from './allscreenshots-bulk.js';
import { scheduleRoutes, type ScheduleTag } from './allscreenshots-schedules.js';
import { composeRoutes, registerComposeWebhook } from './allscreenshots-compose.js';
import { usageRoutes } from './allscreenshots-usage.js';
import type { RenderRow, ServiceStore } from '../storage/types.js';
import type { BlockLevel, CaptureSpec, ExtractRule } from '../../capture/limits.js';
import { camelField, pageOptionsOf, pageOptionsSchema } from './allscreenshots-page.js';
import {
  createPageJob,
  idempotentPageJob,
  iso,
  type PageFile,
  type PageFileInfo,
  type PageJob,
  type PageOutput,
  pageFileName,
  pageFile,
  pageImage,
  sendAs,
  signedFileUrl,
  signedImageUrl,
  validator,
  webpOf,
} from './page-job.js';

const screenshotOptions = {
  format: { enum: ['png', 'jpeg', 'jpg'] },
  quality: { type: 'integer', minimum: 1, maximum: 100 },
  fullPage: { type: 'boolean' },
  // An element screenshot (their ScreenshotRequest's `selector`): that element's box, not the viewport.
  selector: { type: 'string', minLength: 1, maxLength: 500 },
};

/** Paper formats Chromium's page.pdf() knows (Playwright's names). */
const PAPER = ['Letter', 'Legal', 'Tabloid', 'Ledger', 'A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6'];

// One entry of `outputs` ("Multi-output extraction" in their docs): its type's own options only.
const outputId = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' };
const outputSchema = (type: string, properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required: ['type', ...required],
  properties: { type: { const: type }, id: outputId, ...properties },
});
const OUTPUT_SCHEMAS: Record<string, object> = {
  // WebP: the rendered PNG re-encoded by sharp when first served (webpOf), as on the web screenshot API's surface.
  screenshot: outputSchema('screenshot', { ...screenshotOptions, format: { enum: ['png', 'jpeg', 'jpg', 'webp'] } }),
  pdf: outputSchema('pdf', {
    printBackground: { type: 'boolean' },
    format: { enum: PAPER },
    landscape: { type: 'boolean' },
  }),
  html: outputSchema('html', {}),
  markdown: outputSchema('markdown', { mainContentOnly: { type: 'boolean' } }),
  json: outputSchema(
    'json',
    {
      schema: {
        type: 'object',
        minProperties: 1,
        maxProperties: 50,
        propertyNames: { pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$' },
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          required: ['selector'],
          properties: {
            selector: { type: 'string', minLength: 1, maxLength: 500 },
            type: { enum: ['text', 'html', 'attribute'] },
            attribute: { type: 'string', minLength: 1, maxLength: 100 },
            multiple: { type: 'boolean' },
          },
        },
      },
    },
    ['schema'],
  ),
};
const OUTPUT_TYPES = Object.keys(OUTPUT_SCHEMAS);
const checkOutput = Object.fromEntries(
  Object.entries(OUTPUT_SCHEMAS).map(([t, schema]) => [
    t,
    (o: unknown, i: number) => validator(schema, `outputs[${i}].`)(o),
  ]),
);

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
    ...pageOptionsSchema,
    responseType: { enum: ['binary', 'url', 'base64'] },
    webhookUrl: { type: 'string', maxLength: 2048 },
    webhookSecret: { type: 'string', minLength: 1, maxLength: 256 },
    // Each entry is checked in its type's schema (checkOutputs), so an error names the entry's own field.
    outputs: { type: 'array', minItems: 1, maxItems: 10, items: { type: 'object', required: ['type'] } },
  },
};

const check = validator(requestSchema);

type Output = {
  type: 'screenshot' | PageFile['type'];
  id?: string;
  format?: string;
  quality?: number;
  fullPage?: boolean;
  selector?: string;
  printBackground?: boolean;
  landscape?: boolean;
  mainContentOnly?: boolean;
  schema?: Record<string, ExtractRule>;
};

interface Request {
  url: string;
  format?: 'png' | 'jpeg' | 'jpg';
  quality?: number;
  fullPage?: boolean;
  selector?: string;
  viewport?: { width?: number; height?: number; deviceScaleFactor?: number };
  waitUntil?: 'load' | 'domcontentloaded' | 'networkidle';
  waitFor?: string;
  delay?: number;
  device?: string | null;
  darkMode?: boolean;
  customCss?: string | null;
  hideSelectors?: string[];
  blockAds?: boolean;
  blockCookieBanners?: boolean;
  blockLevel?: BlockLevel;
  responseType?: 'binary' | 'url' | 'base64';
  webhookUrl?: string;
  webhookSecret?: string;
  outputs?: Output[];
}

/** Checks each entry of `outputs` in its type's schema: a 400 names `outputs[i].<field>`. */
function checkOutputs(outputs: unknown[] | undefined): void {
  outputs?.forEach((o, i) => {
    const type = (o as { type?: unknown }).type;
    if (typeof type !== 'string' || !OUTPUT_TYPES.includes(type))
      throw badRequest(`outputs[${i}].type must be one of ${OUTPUT_TYPES.join(', ')}`, `outputs[${i}].type`);
    checkOutput[type]!(o, i);
    const bad = Object.entries((o as Output).schema ?? {}).find(([, r]) => r.type === 'attribute' && !r.attribute);
    if (bad)
      throw badRequest(
        `outputs[${i}].schema.${bad[0]}.attribute is required when its type is attribute`,
        `outputs[${i}].schema.${bad[0]}.attribute`,
      );
  });
}

/** One output as the job keeps it (metadata.outputs, in request order). */
interface Listed {
  id: string;
  type: Output['type'];
  /** A screenshot served as WebP at this quality (their default 80). */
  webp?: number;
}

/** The request as a page job: its images, its files (read from the first image's capture), their order. */
function pageJobOf(
  b: Request,
  paramOf: (field: string) => string = (field) => field,
): Pick<PageJob, 'outputs' | 'files' | 'fileIndex'> & { listed?: Listed[] } {
  const capture = (fullPage: boolean | undefined, selector?: string): CaptureSpec => ({
    url: b.url,
    ...pageOptionsOf(b),
    full_page: fullPage ?? b.fullPage ?? false,
    wait_until: b.waitUntil ?? 'load',
    ...(b.waitFor ? { wait_for: b.waitFor } : {}),
    ...(b.delay ? { delay: b.delay } : {}),
    ...(selector ? { selector } : {}),
  });
  // The request fields of the capture's selector and other fields, where the options came from.
  const selectorParam = paramOf('selector');
  const fieldParam = (field: string) => paramOf(camelField(field));
  const fmt = (f: string | undefined) => (f === 'jpeg' || f === 'jpg' ? 'jpeg' : 'png') as 'png' | 'jpeg';
  if (!b.outputs)
    return {
      outputs: [
        {
          id: 'screenshot',
          format: fmt(b.format),
          quality: b.quality,
          capture: capture(undefined, b.selector),
          selectorParam,
          fieldParam,
        },
      ],
    };
  const seen = new Set<string>();
  const listed: Listed[] = [];
  const images: PageOutput[] = [];
  const files: PageFile[] = [];
  const fileIndex: Record<string, number> = {};
  const extract: Array<Record<string, ExtractRule>> = [];
  let pdf: CaptureSpec['pdf'];
  let shotIndex = 0;
  let html = false;
  let main = false;
  b.outputs.forEach((o, i) => {
    // Outputs are named by their type (the first), then type-2, type-3 ... unless they carry an id.
    let id = o.id ?? o.type;
    for (let n = 2; !o.id && seen.has(id); n++) id = `${o.type}-${n}`;
    if (seen.has(id)) throw badRequest(`Duplicate output id "${id}" at outputs[${i}].id`, `outputs[${i}].id`);
    seen.add(id);
    const webp = o.type === 'screenshot' && o.format === 'webp';
    listed.push({ id, type: o.type, ...(webp ? { webp: o.quality ?? 80 } : {}) });
    if (o.type === 'screenshot') {
      // An output's own selector, else the request's (as fullPage): one job's images are one size, so
      // every screenshot output must capture the same element (or none).
      const selector = o.selector ?? b.selector;
      if (images.length && selector !== images[0]!.capture.selector)
        throw badRequest(
          `outputs[${i}].selector: every screenshot output of one job must capture the same element (or none): their images are the slides of one render, one size (outputs[${shotIndex}] has ${images[0]!.capture.selector ? `selector ${images[0]!.capture.selector}` : 'no selector'})`,
          `outputs[${i}].selector`,
        );
      if (!images.length) shotIndex = i;
      images.push({
        id,
        format: webp ? 'png' : fmt(o.format ?? b.format),
        quality: webp ? undefined : (o.quality ?? b.quality),
        capture: capture(o.fullPage, selector),
        selectorParam: o.selector !== undefined ? `outputs[${i}].selector` : selectorParam,
        fieldParam,
      });
      return;
    }
    fileIndex[id] = i;
    if (o.type === 'pdf') {
      // One PDF a job: Chromium prints the page once, from the load the images come from.
      if (pdf) throw badRequest(`outputs[${i}]: one pdf output a job (the page is printed once)`, `outputs[${i}].type`);
      // Their default prints backgrounds (printBackground true).
      pdf = { format: o.format ?? 'A4', landscape: o.landscape ?? false, print_background: o.printBackground ?? true };
    }
    if (o.type === 'html') html = true;
    if (o.type === 'markdown') o.mainContentOnly ? (main = true) : (html = true);
    if (o.type === 'json') extract.push(o.schema!);
    files.push({
      id,
      type: o.type,
      ...(o.type === 'markdown' ? { mainContentOnly: o.mainContentOnly ?? false } : {}),
      ...(o.type === 'json' ? { extract: extract.length - 1 } : {}),
    });
  });
  // No screenshot asked: the page's screenshot is still the job's one image (the render core's), not listed.
  if (!images.length) images.push({ id: 'page', format: 'png', capture: capture(undefined) });
  const content =
    html || main || extract.length
      ? { ...(html ? { html } : {}), ...(main ? { main } : {}), ...(extract.length ? { extract } : {}) }
      : undefined;
  images[0] = {
    ...images[0]!,
    capture: { ...images[0]!.capture, ...(pdf ? { pdf } : {}), ...(content ? { content } : {}) },
  };
  return { outputs: images, files, fileIndex, listed };
}

const STATUS: Record<RenderRow['status'], string> = {
  // Never read by a client (Renders.get refuses a held job); a released bulk's rows are queued.
  held: 'QUEUED',
  queued: 'QUEUED',
  processing: 'PROCESSING',
  succeeded: 'COMPLETED',
  failed: 'FAILED',
  canceled: 'CANCELLED',
};

/** What the job's view and webhook need (a worker, which serves no routes, has these too). */
type ViewDeps = Pick<RouteDeps, 'store' | 'renders' | 'now' | 'config' | 'links'>;

/** What the job keeps of its request: the outputs in order (false: no `outputs` asked) and its files. */
type Meta = {
  compat?: string;
  url?: string;
  /** The bulk job it is one URL of (allscreenshots-bulk.ts). */
  bulk?: { id: string; index: number; total: number };
  /** The schedule and run that made it (allscreenshots-schedules.ts). */
  schedule?: ScheduleTag;
  outputs?: Listed[] | boolean;
  files?: PageFileInfo[];
};

const metaOf = (row: RenderRow) => ((JSON.parse(row.spec) as { metadata?: Meta }).metadata ?? {}) as Meta;

/** The job in allscreenshots' words; `s`: the store to read (the transaction that ends the job, for its webhook). */
async function present(row: RenderRow, deps: ViewDeps, s: ServiceStore = deps.store) {
  const p = await deps.renders.present(row, s);
  const meta = (p.metadata ?? {}) as Meta;
  const error = p.error as { code: string; message: string } | null;
  const base = `${row.base_url}/v1/screenshots/jobs/${row.id}`;
  const images = await s.images(row.id);
  const first = images[0];
  const done = row.status === 'succeeded';
  // Jobs made before the list was kept say `outputs: true`: their outputs are their images.
  const listed: Listed[] | undefined = Array.isArray(meta.outputs)
    ? meta.outputs
    : meta.outputs
      ? images.map((i) => ({ id: i.slide, type: 'screenshot' as const }))
      : undefined;
  const entry = async (o: Listed) => {
    if (o.type === 'screenshot') {
      const i = images.find((x) => x.slide === o.id)!;
      return {
        type: 'screenshot',
        contentType: o.webp ? 'image/webp' : i.format === 'jpeg' ? 'image/jpeg' : 'image/png',
        // A WebP output's size is the WebP's: encoded (once) when the job is first shown done.
        size: o.webp ? (await webpOf(deps, row, o.id, o.webp, s)).length : i.bytes,
        width: i.width,
        height: i.height,
        resultUrl: `${base}/result/${o.id}`,
        storageUrl: o.webp ? signedFileUrl(deps, row, `page/${o.id}.webp`) : signedImageUrl(deps, row, i.idx),
      };
    }
    const f = meta.files!.find((x) => x.id === o.id)!;
    return {
      type: f.type,
      contentType: f.contentType,
      size: f.size,
      resultUrl: `${base}/result/${o.id}`,
      storageUrl: signedFileUrl(deps, row, pageFileName(f)),
    };
  };
  const outputs =
    done && listed ? await Promise.all(listed.map(async (o) => [o.id, await entry(o)] as const)) : undefined;
  return {
    id: row.id,
    status: STATUS[row.status],
    url: meta.url ?? null,
    ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
    ...(done
      ? {
          resultUrl: `${base}/result`,
          storageUrl: outputs ? outputs[0]![1].storageUrl : first ? signedImageUrl(deps, row, first.idx) : null,
        }
      : {}),
    createdAt: iso(row.created_at),
    startedAt: iso(row.started_at),
    completedAt: iso(row.completed_at),
    expiresAt: iso(row.expires_at),
    ...(done && first
      ? {
          metadata: {
            width: first.width,
            height: first.height,
            format: listed ? 'MULTI' : first.format.toUpperCase(),
            size: outputs ? outputs.reduce((n, [, o]) => n + o.size, 0) : images.reduce((n, i) => n + i.bytes, 0),
          },
        }
      : {}),
    ...(outputs ? { outputs: Object.fromEntries(outputs) } : {}),
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
  registerComposeWebhook(deps);
}

/** Rows read a time when listing (the key's other renders are skipped). */
const LIST_PAGE = 200;

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
    checkOutputs(b.outputs);
    const { row, replayed } = await idempotentPageJob(deps, req, route, b, (inTx) =>
      make(req.owner, deps.baseUrl(req), b, inTx),
    );
    if (replayed) reply.header('idempotent-replayed', 'true');
    return row;
  };
  /**
   * One job from an async request's body, for `owner`; `tag` names the bulk or schedule that made it;
   * `paramOf` where a field came from (for its errors: `selector` -> `urls[3].options.selector` in a bulk); `hold`: made held, released with its bulk.
   */
  const make = (
    owner: string,
    baseUrl: string,
    b: Request,
    inTx?: Attach,
    tag: Pick<Meta, 'bulk' | 'schedule'> = {},
    param = 'url',
    paramOf: (field: string) => string = (field) => field,
    hold?: Hold,
  ) => {
    const { listed, ...job } = pageJobOf(b, paramOf);
    return createPageJob(
      deps,
      owner,
      baseUrl,
      {
        ...job,
        ...(b.webhookUrl ? { webhook: { url: b.webhookUrl, secret: b.webhookSecret } } : {}),
        ...(tag.bulk ? { bulk: tag.bulk.id } : {}),
        metadata: {
          compat: 'allscreenshots',
          url: b.url,
          responseType: b.responseType ?? 'binary',
          outputs: listed ?? false,
          ...tag,
        },
      },
      param,
      inTx,
      hold,
    );
  };

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

  // Bulk jobs: each URL one job made by `make`, as this surface's async path makes it.
  const {
    url: _url,
    webhookUrl: _hook,
    webhookSecret: _secret,
    outputs: _outputs,
    responseType: _rt,
    ...options
  } = requestSchema.properties;
  await bulkRoutes(app, deps, {
    options,
    make: (req, b, bulk, param, paramOf, hold) => {
      check(b);
      return make(req.owner, deps.baseUrl(req), b as unknown as Request, undefined, { bulk }, param, paramOf, hold);
    },
    present: (row) => present(row, deps),
    bulkOf: (row) => metaOf(row).bulk,
  });

  // Schedules: each due time one job made by `make`, as this surface's async path makes it.
  await scheduleRoutes(app, deps, {
    options,
    make: (owner, baseUrl, b, schedule) => {
      check(b);
      return make(owner, baseUrl, b as unknown as Request, undefined, { schedule });
    },
    present: (row) => present(row, deps),
    // The job's webhook as the render core would send it when the job ended (JOB_COMPLETED, JOB_FAILED…).
    webhookBody: (row) =>
      webhookFormat(deps).body(row, { type: `render.${row.status}`, data: {} }, deps.now(), deps.store),
  });

  await usageRoutes(app, deps);
  await composeRoutes(app, deps);

  // Cancel ("Cancel a pending or running job"): the render core's cancel, so a queued job never runs
  // and a running capture is aborted; the answer is the job (CANCELLED). A job already COMPLETED or
  // FAILED is 409 render_not_cancelable (their docs name no error for it); canceling twice is the job again.
  app.post<{ Params: { id: string } }>(
    '/v1/screenshots/jobs/:id/cancel',
    { schema: { params: idParams } },
    async (req) => present(await deps.renders.cancel(req.owner, req.params.id), deps),
  );

  // List ("List all screenshot jobs"): the key's allscreenshots jobs, newest first, as an array of
  // jobs in the status shape. Their API defines no paging; `limit` (default 50, at most 100) and
  // `startingAfter` (a job id: the jobs older than it) are ours.
  app.get<{ Querystring: { limit?: number; startingAfter?: string } }>(
    '/v1/screenshots/jobs',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 100 },
            startingAfter: { type: 'string', minLength: 1, maxLength: 100 },
          },
        },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 50;
      let before: number | undefined;
      if (req.query.startingAfter !== undefined) {
        // Looked up among this key's jobs only: another key's id is an id that does not exist.
        before = await deps.store.seqOf(req.query.startingAfter, req.owner, 'rnd');
        if (before === undefined)
          throw badRequest(`No job ${req.query.startingAfter.slice(0, 50)} for startingAfter`, 'startingAfter');
      }
      const found: RenderRow[] = [];
      // The key's renders, a page at a time, keeping those made on this surface.
      for (;;) {
        const rows = await deps.store.list(req.owner, LIST_PAGE, before, undefined, 'rnd');
        for (const r of rows) if (metaOf(r).compat === 'allscreenshots' && found.length < limit) found.push(r);
        if (found.length >= limit || rows.length < LIST_PAGE) break;
        before = rows[rows.length - 1]!.seq;
      }
      return Promise.all(found.map((r) => present(r, deps)));
    },
  );

  /** The result as the job's responseType asked: the bytes, a signed link, or base64 in JSON. */
  async function sendResult(row: RenderRow, reply: FastifyReply, outputId?: string) {
    const meta = metaOf(row);
    const responseType = (JSON.parse(row.spec) as { metadata?: { responseType?: string } }).metadata?.responseType;
    const listed = Array.isArray(meta.outputs) ? meta.outputs : undefined;
    const wanted = listed ? (outputId === undefined ? listed[0] : listed.find((o) => o.id === outputId)) : undefined;
    if (listed && !wanted)
      throw new ApiError(404, 'output_not_found', `Job ${row.id} has no output ${outputId}`, 'outputId');
    const file = wanted && wanted.type !== 'screenshot' ? meta.files?.find((f) => f.id === wanted.id) : undefined;
    if (file)
      return sendAs(reply, responseType, {
        bytes: await pageFile(deps, row, file),
        contentType: file.contentType,
        etag: file.sha256,
        link: () => signedFileUrl(deps, row, pageFileName(file)),
        expiresAt: row.expires_at,
      });
    if (wanted?.webp) {
      await pageImage(deps, row, wanted.id); // 409 until done
      const bytes = await webpOf(deps, row, wanted.id, wanted.webp);
      return sendAs(reply, responseType, {
        bytes,
        contentType: 'image/webp',
        etag: sha256(bytes),
        link: () => signedFileUrl(deps, row, `page/${wanted.id}.webp`),
        expiresAt: row.expires_at,
      });
    }
    const img = await pageImage(deps, row, wanted?.id ?? outputId);
    return sendAs(reply, responseType, {
      bytes: img.bytes,
      contentType: img.type,
      etag: img.image.sha256,
      link: () => signedImageUrl(deps, row, img.image.idx),
      expiresAt: row.expires_at,
    });
  }

  // A page file (pdf, html, markdown, json) through its signed link: no key, valid until `expires`.
  app.get<{ Params: { id: string; file: string }; Querystring: { expires?: string; signature?: string } }>(
    '/v1/files/renders/:id/page/:file',
    {
      config: { public: true },
      schema: {
        params: {
          type: 'object',
          required: ['id', 'file'],
          properties: {
            id: { type: 'string' },
            file: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\.(pdf|html|md|json|webp)$' },
          },
        },
        querystring: {
          type: 'object',
          properties: { expires: { type: 'string' }, signature: { type: 'string' } },
        },
      },
    },
    async (req, reply) => {
      const { id, file } = req.params;
      const row = await linkedRow(deps, `/v1/files/renders/${id}/page/${file}`, req.query, id);
      deps.rateLimit(row.owner, reply);
      const meta = metaOf(row);
      const webp = Array.isArray(meta.outputs)
        ? meta.outputs.find((o) => o.webp && `${o.id}.webp` === file)
        : undefined;
      if (webp) {
        if (row.status !== 'succeeded') throw new ApiError(409, 'job_not_ready', `Job ${id} has not completed`, 'id');
        const bytes = await webpOf(deps, row, webp.id, webp.webp!);
        return reply
          .type('image/webp')
          .header('etag', `"${sha256(bytes)}"`)
          .header('cache-control', linkCacheControl(req.query, deps.now()))
          .header('content-disposition', `inline; filename="${file}"`)
          .send(bytes);
      }
      const info = meta.files?.find((f) => pageFileName(f) === `page/${file}`);
      if (!info) throw new ApiError(404, 'output_not_found', `Job ${id} has no file ${file}`, 'file');
      return reply
        .type(info.contentType)
        .header('etag', `"${info.sha256}"`)
        .header('cache-control', linkCacheControl(req.query, deps.now()))
        .header('content-disposition', `inline; filename="${file}"`)
        .send(await pageFile(deps, row, info));
    },
  );

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
