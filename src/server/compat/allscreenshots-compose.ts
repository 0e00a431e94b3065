// allscreenshots' compose (docs/render-api.md#compose-jobs): POST /v1/screenshots/compose (several
// captures drawn into one image), GET /v1/screenshots/compose/jobs/{jobId}, GET .../compose/jobs and GET
// .../compose/preview, in the paths and models of their docs ("Compose") and SDKs (ComposeRequest,
// ComposeResponse, ComposeJobStatusResponse). A thin adapter: each page is captured as the async path
// captures (server/capture.ts, the SSRF rules, the capture limits), the images are drawn into one by
// render/compose.ts, and that one image is an ordinary render of the one render core (page-job.ts).
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaptureResult } from '../../capture/capture.js';
import type { BlockLevel, CaptureSpec } from '../../capture/limits.js';
import {
  type ComposeDecor,
  type ComposeOptions,
  composeImages,
  layoutCompose,
  parseColor,
  resolveLayout,
} from '../../render/compose.js';
import { checkQuota } from '../access.js';
import { captureScreenshot, checkPageUrl } from '../capture.js';
import { netPolicy } from '../config.js';
import type { RenderEvent, WebhookFormat } from '../deliveries.js';
import { ApiError, badRequest } from '../errors.js';
import type { Attach } from '../idempotency.js';
import type { RouteDeps } from '../routes/shared.js';
import { camelField, pageOptionsOf, pageOptionsSchema } from './allscreenshots-page.js';
import type { RenderRow, ServiceStore } from '../storage/types.js';
import {
  idempotentPageJob,
  iso,
  pageImage,
  renderImages,
  sendBytes,
  signedFileUrl,
  signedImageUrl,
  validator,
  webpOf,
} from './page-job.js';

/** The metadata's `compat` of a compose job (and its webhook format's name). */
export const COMPOSE = 'allscreenshots-compose';

/** Captures a compose job takes (their SDKs: "max 20"). */
const MAX_CAPTURES = 20;
/** The render core's largest canvas side (schema.ts: canvas.width, canvas.height). */
const MAX_SIDE = 7680;

const viewport = {
  type: 'object',
  additionalProperties: false,
  properties: {
    width: { type: 'integer', minimum: 64, maximum: 3840 },
    height: { type: 'integer', minimum: 64, maximum: 3840 },
    deviceScaleFactor: { type: 'number', minimum: 1, maximum: 3 },
  },
};
// The page options (allscreenshots-page.ts) a capture or variant may carry (the rest are the defaults').
const off = { device: pageOptionsSchema.device, darkMode: pageOptionsSchema.darkMode };
const item = {
  id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
  label: { type: 'string', maxLength: 200 },
  viewport,
  fullPage: { type: 'boolean' },
  delay: { type: 'integer', minimum: 0, maximum: 10_000 },
  ...off,
};
const LAYOUTS = ['auto', 'grid', 'horizontal', 'vertical', 'masonry', 'partitioning', 'mondrian'];
/** A colour of their configs ("#cccccc", "rgba(0,0,0,0.2)"): parseColor checks the numbers' ranges. */
const color = { type: 'string', maxLength: 64, pattern: '^(#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?|rgba?\\([0-9., ]+\\))$' };
/** Their LabelConfig (the generated SDKs name the strip's colour `background`, the TypeScript one `backgroundColor`). */
const labels = {
  type: 'object',
  additionalProperties: false,
  properties: {
    show: { type: 'boolean' },
    position: { enum: ['top', 'bottom'] },
    fontSize: { type: 'integer', minimum: 6, maximum: 200 },
    fontColor: color,
    background: color,
    backgroundColor: color,
    padding: { type: 'integer', minimum: 0, maximum: 200 },
  },
};
const border = {
  type: 'object',
  additionalProperties: false,
  properties: {
    width: { type: 'integer', minimum: 0, maximum: 100 },
    color,
    radius: { type: 'integer', minimum: 0, maximum: 1000 },
  },
};
const shadow = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    color,
    blur: { type: 'integer', minimum: 0, maximum: 100 },
    offsetX: { type: 'integer', minimum: -100, maximum: 100 },
    offsetY: { type: 'integer', minimum: -100, maximum: 100 },
  },
};

const requestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    captures: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_CAPTURES,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: { url: { type: 'string', minLength: 1, maxLength: 2048 }, ...item },
      },
    },
    url: { type: 'string', minLength: 1, maxLength: 2048 },
    variants: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_CAPTURES,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { ...item, customCss: pageOptionsSchema.customCss },
      },
    },
    defaults: {
      type: 'object',
      additionalProperties: false,
      properties: {
        viewport,
        format: { enum: ['png', 'jpeg', 'jpg'] },
        quality: { type: 'integer', minimum: 1, maximum: 100 },
        fullPage: { type: 'boolean' },
        delay: { type: 'integer', minimum: 0, maximum: 10_000 },
        waitFor: { type: ['string', 'null'], minLength: 1, maxLength: 200 },
        waitUntil: { enum: ['load', 'domcontentloaded', 'networkidle'] },
        timeout: { type: 'integer', minimum: 1000, maximum: 120_000 },
        ...pageOptionsSchema,
      },
    },
    output: {
      type: 'object',
      additionalProperties: false,
      properties: {
        layout: { type: 'string' },
        format: { enum: ['png', 'jpeg', 'jpg', 'webp'] },
        quality: { type: 'integer', minimum: 1, maximum: 100 },
        columns: { type: 'integer', minimum: 1, maximum: MAX_CAPTURES },
        spacing: { type: 'integer', minimum: 0, maximum: 500 },
        padding: { type: 'integer', minimum: 0, maximum: 1000 },
        background: { type: 'string', pattern: '^(#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?|transparent)$' },
        alignment: { enum: ['top', 'center', 'bottom'] },
        maxWidth: { type: 'integer', minimum: 64, maximum: MAX_SIDE },
        maxHeight: { type: 'integer', minimum: 64, maximum: MAX_SIDE },
        thumbnailWidth: { type: 'integer', minimum: 64, maximum: 3840 },
        labels,
        border,
        shadow,
      },
    },
    async: { type: 'boolean' },
    webhookUrl: { type: ['string', 'null'], maxLength: 2048 },
    webhookSecret: { type: ['string', 'null'], minLength: 1, maxLength: 256 },
  },
};
const check = validator(requestSchema);

type Item = {
  url?: string;
  id?: string;
  label?: string;
  viewport?: { width?: number; height?: number; deviceScaleFactor?: number };
  fullPage?: boolean;
  delay?: number;
  device?: string | null;
  darkMode?: boolean;
  customCss?: string | null;
};
interface ComposeRequest {
  captures?: Item[];
  url?: string;
  variants?: Item[];
  defaults?: Item & {
    format?: string;
    quality?: number;
    waitFor?: string | null;
    waitUntil?: CaptureSpec['wait_until'];
    timeout?: number;
    hideSelectors?: string[];
    blockAds?: boolean;
    blockCookieBanners?: boolean;
    blockLevel?: BlockLevel;
  };
  output?: Partial<Omit<ComposeOptions, 'layout' | 'frame'>> & {
    layout?: string;
    format?: string;
    quality?: number;
    background?: string;
    labels?: {
      show?: boolean;
      position?: 'top' | 'bottom';
      fontSize?: number;
      fontColor?: string;
      background?: string;
      backgroundColor?: string;
      padding?: number;
    };
    border?: { width?: number; color?: string; radius?: number };
    shadow?: { enabled?: boolean; color?: string; blur?: number; offsetX?: number; offsetY?: number };
  };
  async?: boolean;
  webhookUrl?: string | null;
  webhookSecret?: string | null;
}

/** One capture of the job: where it is named in the request, what is captured. */
interface Planned {
  param: string;
  urlParam: string;
  id: string;
  label?: string;
  spec: CaptureSpec;
}

/** The layout asked, lower-cased (their docs write `grid`, their SDKs `GRID`). */
function layoutOf(b: ComposeRequest): ComposeOptions['layout'] {
  const l = (b.output?.layout ?? 'auto').toLowerCase();
  if (!LAYOUTS.includes(l))
    throw badRequest(`output.layout must be one of ${LAYOUTS.join(', ')} (any case)`, 'output.layout');
  return l as ComposeOptions['layout'];
}

/**
 * The cards' decorations, with their SDKs' defaults (LabelConfig: bottom, 14, #333333 on #ffffff,
 * padding 8; BorderConfig: 1, #cccccc, radius 0; ShadowConfig: rgba(0,0,0,0.2), blur 10, offset 0, 4).
 * A colour whose numbers are out of range is a 400 naming its field.
 */
function decorOf(b: ComposeRequest, texts: Array<string | undefined>): ComposeDecor {
  const o = b.output ?? {};
  const colour = (value: string | undefined, fallback: string, param: string) => {
    const v = value ?? fallback;
    try {
      parseColor(v);
    } catch (e) {
      throw badRequest(`${param}: ${(e as Error).message}`, param);
    }
    return v;
  };
  const l = o.labels;
  const d: ComposeDecor = {};
  if (l && l.show !== false) {
    if (l.background !== undefined && l.backgroundColor !== undefined)
      throw badRequest('Give output.labels.background or backgroundColor, not both', 'output.labels.backgroundColor');
    d.labels = {
      position: l.position ?? 'bottom',
      fontSize: l.fontSize ?? 14,
      fontColor: colour(l.fontColor, '#333333', 'output.labels.fontColor'),
      background: colour(
        l.background ?? l.backgroundColor,
        '#ffffff',
        l.backgroundColor !== undefined ? 'output.labels.backgroundColor' : 'output.labels.background',
      ),
      padding: l.padding ?? 8,
      texts,
    };
  }
  if (o.border)
    d.border = {
      width: o.border.width ?? 1,
      color: colour(o.border.color, '#cccccc', 'output.border.color'),
      radius: o.border.radius ?? 0,
    };
  if (o.shadow && o.shadow.enabled !== false)
    d.shadow = {
      color: colour(o.shadow.color, 'rgba(0,0,0,0.2)', 'output.shadow.color'),
      blur: o.shadow.blur ?? 10,
      offsetX: o.shadow.offsetX ?? 0,
      offsetY: o.shadow.offsetY ?? 4,
    };
  return d;
}

/** The captures the request asks for, each with its request field names. */
function plan(b: ComposeRequest): Planned[] {
  if (b.captures && (b.url !== undefined || b.variants))
    throw badRequest('Give captures, or url with variants, not both', 'captures');
  if (!b.captures && !(b.url && b.variants))
    throw badRequest('Give captures (several URLs), or url with variants (one URL, several settings)', 'captures');
  const d = b.defaults ?? {};
  const items = b.captures ?? b.variants!.map((v) => ({ ...v, url: b.url }));
  const seen = new Set<string>();
  return items.map((c, i) => {
    const param = b.captures ? `captures[${i}]` : `variants[${i}]`;
    const id = c.id ?? `capture-${i + 1}`;
    if (seen.has(id)) throw badRequest(`Duplicate id "${id}" at ${param}.id`, `${param}.id`);
    seen.add(id);
    const vp = { ...d.viewport, ...c.viewport };
    return {
      param,
      urlParam: b.captures ? `${param}.url` : 'url',
      id,
      ...(c.label !== undefined ? { label: c.label } : {}),
      spec: {
        url: c.url!,
        ...pageOptionsOf({
          viewport: vp,
          device: c.device !== undefined ? c.device : d.device,
          darkMode: c.darkMode ?? d.darkMode,
          customCss: c.customCss !== undefined ? c.customCss : d.customCss,
          ...(d.hideSelectors ? { hideSelectors: d.hideSelectors } : {}),
          ...(d.blockAds !== undefined ? { blockAds: d.blockAds } : {}),
          ...(d.blockCookieBanners !== undefined ? { blockCookieBanners: d.blockCookieBanners } : {}),
          ...(d.blockLevel !== undefined ? { blockLevel: d.blockLevel } : {}),
        }),
        full_page: c.fullPage ?? d.fullPage ?? false,
        wait_until: d.waitUntil ?? 'load',
        ...(d.waitFor ? { wait_for: d.waitFor } : {}),
        ...((c.delay ?? d.delay) ? { delay: c.delay ?? d.delay } : {}),
      },
    };
  });
}

const STATUS: Record<RenderRow['status'], string> = {
  // Never shown: a compose job is not made held (only a bulk's jobs are).
  held: 'QUEUED',
  queued: 'QUEUED',
  processing: 'PROCESSING',
  succeeded: 'COMPLETED',
  failed: 'FAILED',
  canceled: 'CANCELLED',
};

interface Meta {
  compat?: string;
  layout?: string;
  format?: string;
  webp?: number;
  captures?: Array<{ id: string; url: string; label?: string; width: number; height: number }>;
  outputs?: unknown;
}
const metaOf = (row: RenderRow) => ((JSON.parse(row.spec) as { metadata?: Meta }).metadata ?? {}) as Meta;

type ViewDeps = Pick<RouteDeps, 'store' | 'renders' | 'now' | 'config' | 'links'>;

/** ComposeResponse: the composed image, its signed link, the captures it was made of. */
async function result(row: RenderRow, deps: ViewDeps, s: ServiceStore = deps.store) {
  const meta = metaOf(row);
  const image = (await s.images(row.id))[0];
  if (row.status !== 'succeeded' || !image) return undefined;
  const link = meta.webp ? signedFileUrl(deps, row, 'page/compose.webp') : signedImageUrl(deps, row, image.idx);
  return {
    url: link,
    storageUrl: link,
    expiresAt: iso(row.expires_at),
    width: image.width,
    height: image.height,
    format: meta.webp ? 'webp' : image.format,
    fileSize: meta.webp ? (await webpOf(deps, row, 'compose', meta.webp, s)).length : image.bytes,
    renderTimeMs: row.completed_at && row.started_at ? row.completed_at - row.started_at : 0,
    layout: (meta.layout ?? 'grid').toUpperCase(),
    metadata: { captures: meta.captures ?? [], totalCaptures: meta.captures?.length ?? 0 },
  };
}

/** ComposeJobStatusResponse. The pages are captured when the job is made: progress counts them and the render. */
async function present(row: RenderRow, deps: ViewDeps, s: ServiceStore = deps.store) {
  const p = await deps.renders.present(row, s);
  const error = p.error as { code: string; message: string } | null;
  const total = metaOf(row).captures?.length ?? 0;
  const ended = ['succeeded', 'failed', 'canceled'].includes(row.status);
  const done = await result(row, deps, s);
  return {
    jobId: row.id,
    status: STATUS[row.status],
    progress: ended ? 100 : Math.floor((100 * total) / (total + 1)),
    totalCaptures: total,
    completedCaptures: total,
    ...(done ? { result: done } : {}),
    ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
    createdAt: iso(row.created_at),
    ...(row.completed_at ? { completedAt: iso(row.completed_at) } : {}),
  };
}

const EVENT: Record<string, string> = { succeeded: 'JOB_COMPLETED', failed: 'JOB_FAILED', canceled: 'JOB_CANCELLED' };

/**
 * A compose job's webhook: their docs describe none of its own, so it is their job webhook's envelope
 * (`{event, timestamp, data}`, X-Allscreenshots-Signature) with the job's status as `data`.
 */
export function registerComposeWebhook(deps: ViewDeps): void {
  const format: WebhookFormat = {
    async body(row: RenderRow, event: RenderEvent, now: number, s: ServiceStore) {
      const status = event.type.slice(event.type.indexOf('.') + 1);
      return JSON.stringify({
        event: EVENT[status] ?? `JOB_${status.toUpperCase()}`,
        timestamp: new Date(now).toISOString(),
        data: await present(row, deps, s),
      });
    },
    headers: (secret: string, body: string) => ({
      'x-allscreenshots-signature': `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`,
    }),
  };
  deps.renders.webhookFormat(COMPOSE, format);
}

const jobParams = { type: 'object', properties: { jobId: { type: 'string' } }, required: ['jobId'] } as const;

export async function composeRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  registerComposeWebhook(deps);

  /** Captures every page (checked first, all of them), draws them into one, and makes the render. */
  const make = async (req: FastifyRequest, b: ComposeRequest, inTx?: Attach) => {
    const layout = layoutOf(b);
    // The render core makes images without alpha (the stores refuse it): a see-through background
    // would come out a colour, so it is refused rather than changed.
    const bg = b.output?.background;
    if (bg && (bg === 'transparent' || (bg.length === 9 && bg.slice(7).toLowerCase() !== 'ff')))
      throw badRequest(
        `output.background ${bg}: images here have no alpha channel (the render core makes RGB, as the stores take it); give #RRGGBB`,
        'output.background',
      );
    const planned = plan(b);
    const decor = decorOf(
      b,
      planned.map((p) => p.label),
    );
    const policy = netPolicy(deps.config);
    // Every URL against the SSRF rules before any page is loaded: a refused one names its field.
    for (const p of planned)
      await checkPageUrl(p.spec.url, policy, p.param).catch((e: unknown) => {
        if (e instanceof ApiError) throw new ApiError(e.status, e.code, e.message, p.urlParam);
        throw e;
      });
    // One composed image is one image of the quota (the render core counts the images it makes).
    await checkQuota(deps.config, deps.store, req.owner, 1, deps.now(), 'captures');
    // A shorter `timeout` of theirs shortens each capture's limit (never lengthens the server's).
    const timeout = b.defaults?.timeout;
    const limits = timeout
      ? {
          ...deps.config.limits,
          capture: {
            ...deps.config.limits.capture,
            timeoutMs: Math.min(timeout, deps.config.limits.capture.timeoutMs),
          },
        }
      : deps.config.limits;
    const shots: CaptureResult[] = [];
    for (const p of planned)
      shots.push(
        await captureScreenshot(
          p.spec,
          limits,
          policy,
          p.urlParam,
          undefined,
          // Hidden selectors and blocking come from the defaults only.
          (f) => `${/^(hide_selectors|block_)/.test(f) ? 'defaults' : p.param}.${camelField(f)}`,
        ),
      );
    const o = b.output ?? {};
    const drawn = await composeImages(
      shots.map((s) => s.png),
      shots,
      {
        layout,
        columns: o.columns,
        spacing: o.spacing ?? 10,
        padding: o.padding ?? 0,
        alignment: o.alignment ?? 'center',
        thumbnailWidth: o.thumbnailWidth,
        maxWidth: o.maxWidth,
        maxHeight: o.maxHeight,
        background: o.background ?? '#ffffff',
        decor,
      },
      MAX_SIDE,
    );
    const format = o.format ?? b.defaults?.format ?? 'png';
    const webp = format === 'webp' ? (o.quality ?? 80) : undefined;
    const jpeg = format === 'jpeg' || format === 'jpg';
    return renderImages(
      deps,
      req.owner,
      deps.baseUrl(req),
      [
        {
          id: 'compose',
          png: drawn.png,
          format: jpeg ? 'jpeg' : 'png',
          quality: jpeg ? (o.quality ?? 90) : undefined,
          capture: { url: planned[0]!.spec.url, refused: shots.flatMap((s) => s.refused) },
        },
      ],
      {
        ...(b.webhookUrl
          ? { webhook: { url: b.webhookUrl, ...(b.webhookSecret ? { secret: b.webhookSecret } : {}) } }
          : {}),
        metadata: {
          compat: COMPOSE,
          layout: drawn.layout,
          format,
          ...(webp ? { webp, outputs: [{ id: 'compose', type: 'screenshot', webp }] } : {}),
          captures: planned.map((p, i) => ({
            id: p.id,
            url: p.spec.url,
            ...(p.label !== undefined ? { label: p.label } : {}),
            width: shots[i]!.width,
            height: shots[i]!.height,
          })),
        },
      },
      'webhookUrl',
      {},
      inTx,
    );
  };

  /** A compose job of this key (another surface's render, or another key's, is a job that does not exist). */
  const composeJob = async (owner: string, id: string) => {
    const row = await deps.renders.get(owner, id).catch(() => undefined);
    if (!row || metaOf(row).compat !== COMPOSE)
      throw new ApiError(404, 'job_not_found', `No compose job ${id.slice(0, 50)}`, 'jobId');
    return row;
  };

  app.post('/v1/screenshots/compose', async (req: FastifyRequest, reply: FastifyReply) => {
    check(req.body);
    const b = req.body as ComposeRequest;
    const { row, replayed } = await idempotentPageJob(deps, req, 'allscreenshots-compose', b, (inTx) =>
      make(req, b, inTx),
    );
    if (replayed) reply.header('idempotent-replayed', 'true');
    if (b.async) {
      const p = await present(row, deps);
      return reply.code(202).send({ ...p, statusUrl: `${row.base_url}/v1/screenshots/compose/jobs/${row.id}` });
    }
    // Synchronous: the image (their n8n node and generated clients take bytes), or ComposeResponse as
    // JSON when the client asks for JSON only (their hand-written SDKs send Accept: application/json).
    const done = await deps.renders.waitFor(row.id);
    if (done.status !== 'succeeded') return reply.code(422).send(await present(done, deps));
    const accept = String(req.headers.accept ?? '');
    if (/application\/json/.test(accept) && !/image\/|octet-stream|\*\/\*/.test(accept))
      return (await result(done, deps))!;
    const meta = metaOf(done);
    if (meta.webp) {
      const bytes = await webpOf(deps, done, 'compose', meta.webp);
      return reply.type('image/webp').header('cache-control', 'private, max-age=86400').send(bytes);
    }
    return sendBytes(reply, await pageImage(deps, done));
  });

  app.get<{ Params: { jobId: string } }>(
    '/v1/screenshots/compose/jobs/:jobId',
    { schema: { params: jobParams } },
    async (req) => present(await composeJob(req.owner, req.params.jobId), deps),
  );

  // ListComposeJobs: the key's compose jobs, newest first (the newest 50; their SDKs pass no paging).
  app.get('/v1/screenshots/compose/jobs', async (req) => {
    const found: RenderRow[] = [];
    let before: number | undefined;
    for (;;) {
      const rows = await deps.store.list(req.owner, 200, before, undefined, 'rnd');
      for (const r of rows) if (metaOf(r).compat === COMPOSE && found.length < 50) found.push(r);
      if (found.length >= 50 || rows.length < 200) break;
      before = rows[rows.length - 1]!.seq;
    }
    return Promise.all(
      found.map(async (r) => {
        const p = await present(r, deps);
        return {
          jobId: p.jobId,
          status: p.status,
          totalCaptures: p.totalCaptures,
          completedCaptures: p.status === 'COMPLETED' ? p.totalCaptures : 0,
          failedCaptures: p.status === 'FAILED' ? p.totalCaptures : 0,
          progress: p.progress,
          layoutType: (metaOf(r).layout ?? 'grid').toUpperCase(),
          createdAt: p.createdAt,
          ...(p.completedAt ? { completedAt: p.completedAt } : {}),
        };
      }),
    );
  });

  // GetLayoutPreview: the placements layoutCompose gives for `imageCount` images of `aspectRatios`
  // (width / height; default 16:9) in a canvas of canvasWidth x canvasHeight (default 1200x800).
  app.get<{
    Querystring: {
      layout: string;
      imageCount: number;
      canvasWidth?: number;
      canvasHeight?: number;
      aspectRatios?: string;
    };
  }>(
    '/v1/screenshots/compose/preview',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['layout', 'imageCount'],
          properties: {
            layout: { type: 'string' },
            imageCount: { type: 'integer', minimum: 1, maximum: MAX_CAPTURES },
            canvasWidth: { type: 'integer', minimum: 64, maximum: MAX_SIDE },
            canvasHeight: { type: 'integer', minimum: 64, maximum: MAX_SIDE },
            aspectRatios: { type: 'string', maxLength: 500 },
          },
        },
      },
    },
    async (req) => {
      const q = req.query;
      const layout = layoutOf({ output: { layout: q.layout } });
      const ratios = (q.aspectRatios ?? '').split(',').filter(Boolean).map(Number);
      if (ratios.some((r) => !Number.isFinite(r) || r <= 0 || r > 20))
        throw badRequest('aspectRatios must be positive numbers (width / height), comma-separated', 'aspectRatios');
      const sizes = Array.from({ length: q.imageCount }, (_, i) => {
        const r = ratios[i] ?? ratios[ratios.length - 1] ?? 16 / 9;
        return { width: 1000, height: Math.round(1000 / r) };
      });
      const w = q.canvasWidth ?? 1200;
      const h = q.canvasHeight ?? 800;
      const placed = layoutCompose(
        sizes,
        { layout, spacing: 10, padding: 0, alignment: 'center', maxWidth: w, maxHeight: h },
        MAX_SIDE,
      );
      return {
        layout: q.layout.toUpperCase(),
        resolvedLayout: resolveLayout(sizes, layout).toUpperCase(),
        canvasWidth: placed.width,
        canvasHeight: placed.height,
        placements: placed.placements,
      };
    },
  );
}
