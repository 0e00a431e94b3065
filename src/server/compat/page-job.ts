// What the web-screenshot compatibility surfaces (webshot.ts, allscreenshots.ts) share: a page job is
// a capture (../capture.ts) turned into an ordinary render of our API — the canvas the size of the
// capture, no text, no frame, no margin — so it is stored, queued, rendered by the one render core,
// expired and linked exactly like any render; the adapters only translate field names and statuses.
import { Ajv, type ErrorObject } from 'ajv';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CaptureResult } from '../../capture/capture.js';
import type { CaptureSpec } from '../../capture/limits.js';
import { fieldName, formatAjvError } from '../../util/ajv-errors.js';
import { encodeWebp } from '../../render/encode.js';
import { sha256 } from '../../util/hash.js';
import { checkQuota, monthOf } from '../access.js';
import { captureScreenshot } from '../capture.js';
import type { Hold } from '../hold.js';
import { netPolicy } from '../config.js';
import { ApiError, badRequest } from '../errors.js';
import { type Attach, checkKey, requestHash } from '../idempotency.js';
import { acquireScreenshots } from '../inputs.js';
import { checkRenderRequest } from '../request.js';
import type { RenderRow } from '../storage/types.js';
import { blobBytes } from '../routes/files.js';
import type { RouteDeps } from '../routes/shared.js';
import { htmlToMarkdown } from './markdown.js';

const ajv = new Ajv({ allErrors: false, strict: false, verbose: true });

/** A validator whose first error is a 400 naming the field, in the peer API's own field names. */
export function validator(schema: object, prefix = '') {
  const validate = ajv.compile(schema);
  return (body: unknown): void => {
    if (validate(body)) return;
    const e = validate.errors![0] as ErrorObject;
    // A field the surface does not take, or one it needs: named itself, never silently ignored.
    if (e.keyword === 'additionalProperties' || e.keyword === 'required') {
      const at = fieldName(
        e.instancePath
          .split('/')
          .slice(1)
          .map((x) => (/^\d+$/.test(x) ? Number(x) : x)),
      );
      const p = e.params as { additionalProperty?: string; missingProperty?: string };
      const name = `${prefix}${at === '(root)' ? '' : `${at}.`}${p.additionalProperty ?? p.missingProperty}`;
      if (p.additionalProperty) throw badRequest(`Unknown field ${name}`, name, 'parameter_unknown');
      throw badRequest(`Missing required field ${name}`, name, 'parameter_missing');
    }
    const { field, message } = formatAjvError(e, body);
    throw badRequest(prefix && field ? message.replace(field, `${prefix}${field}`) : message, `${prefix}${field}`);
  };
}

/** One image of a page job: how the page is captured and how the image is encoded. */
export interface PageOutput {
  id: string;
  capture: CaptureSpec;
  /** The request field of `capture.selector` (its errors name it); default `<param>.selector`. */
  selectorParam?: string;
  /** The request field of another capture field (`device`, `hide_selectors[i]`, ...); default `<param>.<field>`. */
  fieldParam?: (field: string) => string;
  format: 'png' | 'jpeg';
  quality?: number;
  /** A shorter time limit for this capture (the peer's own timeout field); never longer than the server's. */
  timeoutMs?: number;
}

/** A file of a page job that is not an image: read from the capture of the job's first image. */
export interface PageFile {
  id: string;
  type: 'pdf' | 'html' | 'markdown' | 'json';
  /** markdown: of the main content only (CaptureSpec.content.main) instead of the whole page. */
  mainContentOnly?: boolean;
  /** json: which rule map of CaptureSpec.content.extract. */
  extract?: number;
}

export const FILE_TYPES: Record<PageFile['type'], { ext: string; contentType: string }> = {
  pdf: { ext: 'pdf', contentType: 'application/pdf' },
  html: { ext: 'html', contentType: 'text/html; charset=utf-8' },
  markdown: { ext: 'md', contentType: 'text/markdown; charset=utf-8' },
  json: { ext: 'json', contentType: 'application/json; charset=utf-8' },
};

/** The blob name of a page file under its render (renders/<id>/page/<output id>.<ext>). */
export const pageFileName = (f: { id: string; type: PageFile['type'] }) => `page/${f.id}.${FILE_TYPES[f.type].ext}`;

/** What the job keeps of each page file (in its metadata, as `files`). */
export interface PageFileInfo {
  id: string;
  type: PageFile['type'];
  contentType: string;
  size: number;
  sha256: string;
}

export interface PageJob {
  /** The images (at least one); the first one's capture also carries what `files` need (pdf, content). */
  outputs: PageOutput[];
  files?: PageFile[];
  /** Where each file was asked in the request (`outputs[i]`), for the errors' field names. */
  fileIndex?: Record<string, number>;
  webhook?: { url: string; secret?: string };
  /** Kept with the render (our API shows it as metadata): which surface made it and its own fields. */
  metadata: Record<string, unknown>;
  /** The allscreenshots bulk it is one URL of: kept in its own column, so a bulk's jobs are found by index. */
  bulk?: string;
}

/** The render core's smallest canvas side (schema.ts: canvas.width, canvas.height). */
const MIN_CANVAS = 64;

/** Captures that load the page the same way (what else one reads of the page, its PDF and content, is the first's). */
const sameCapture = (a: CaptureSpec, b: CaptureSpec) => {
  const base = ({ pdf: _pdf, content: _content, ...rest }: CaptureSpec) => JSON.stringify(rest);
  return base(a) === base(b);
};

/** The bytes of a page file from the capture that read it; a selector the browser refused is a 400 naming it. */
function fileBytes(f: PageFile, shot: CaptureResult, param: (field: string) => string): Buffer {
  const c = shot.content ?? {};
  if (f.type === 'pdf') return shot.pdf!;
  if (f.type === 'html') return Buffer.from(c.html!, 'utf8');
  if (f.type === 'markdown') return Buffer.from(htmlToMarkdown(f.mainContentOnly ? c.main! : c.html!), 'utf8');
  const got = c.extract![f.extract!]!;
  if (got.invalid)
    throw badRequest(
      `The browser does not accept the CSS selector of ${param(`schema.${got.invalid}.selector`)}`,
      param(`schema.${got.invalid}.selector`),
    );
  return Buffer.from(JSON.stringify(got.values), 'utf8');
}

/**
 * Captures each distinct page once (outputs that ask for the same capture share it), then creates
 * the render: one slide per output, the canvas the size of the first capture (every output of one
 * job must have that size, which holds when they share viewport and full_page). `hold`: made held
 * (a bulk's job, released with the others: ../hold.ts).
 */
export async function createPageJob(
  deps: RouteDeps,
  owner: string,
  baseUrl: string,
  job: PageJob,
  param: string,
  inTx?: Attach,
  hold?: Hold,
) {
  const { config, store, now } = deps;
  await checkQuota(config, store, owner, job.outputs.length, now(), param);
  type Shot = { capture: CaptureSpec } & CaptureResult;
  const shots: Shot[] = [];
  const perOutput: Shot[] = [];
  for (const o of job.outputs) {
    let shot = shots.find((s) => sameCapture(s.capture, o.capture));
    if (!shot) {
      const limits = o.timeoutMs
        ? {
            ...config.limits,
            capture: { ...config.limits.capture, timeoutMs: Math.min(o.timeoutMs, config.limits.capture.timeoutMs) },
          }
        : config.limits;
      const r = await captureScreenshot(o.capture, limits, netPolicy(config), param, o.selectorParam, o.fieldParam);
      shot = { capture: o.capture, ...r };
      shots.push(shot);
    }
    perOutput.push(shot);
  }
  const { width, height } = perOutput[0]!;
  // The job's canvas is the capture's size, and the render core's smallest canvas is 64 pixels a side:
  // only an element screenshot (selector) or a clip comes out smaller than the viewport's 64.
  if (width < MIN_CANVAS || height < MIN_CANVAS) {
    const first = job.outputs[0]!;
    // A clip (a rectangle of the page) or an element: the image is smaller than the viewport.
    const clipSide = width < MIN_CANVAS ? 'clip.width' : 'clip.height';
    const at = first.capture.clip
      ? (first.fieldParam?.(clipSide) ?? `${param}.${clipSide}`)
      : (first.selectorParam ?? `${param}.selector`);
    throw new ApiError(
      400,
      'capture_too_small',
      first.capture.clip
        ? `${at}: the clip's image is ${width}x${height} pixels; an image is at least ${MIN_CANVAS} pixels a side (a larger clip, or a higher dpr)`
        : `${at}: the element's image is ${width}x${height} pixels; an image is at least ${MIN_CANVAS} pixels a side (pick a larger element, or a higher deviceScaleFactor)`,
      at,
    );
  }
  const odd = job.outputs.findIndex((_, i) => perOutput[i]!.width !== width || perOutput[i]!.height !== height);
  if (odd > 0)
    throw badRequest(
      `Every output of one job must have the same size: outputs[${odd}] is ${perOutput[odd]!.width}x${perOutput[odd]!.height}, outputs[0] ${width}x${height} (give them the same fullPage and selector)`,
      `outputs[${odd}]`,
    );
  // The files (PDF, HTML, Markdown, JSON) from the first capture, kept beside the render's images.
  const files: Record<string, Buffer> = {};
  const infos: PageFileInfo[] = [];
  for (const f of job.files ?? []) {
    const index = job.fileIndex?.[f.id] ?? 0;
    const bytes = fileBytes(f, perOutput[0]!, (field) => `outputs[${index}].${field}`);
    const limit = Math.min(config.limits.capture.maxBytes, config.limits.screenshotBytes);
    if (bytes.length > limit)
      throw new ApiError(
        400,
        'capture_too_large',
        `outputs[${index}]: the ${f.type} is ${bytes.length} bytes; the limit is ${limit}`,
        `outputs[${index}]`,
      );
    files[pageFileName(f)] = bytes;
    infos.push({
      id: f.id,
      type: f.type,
      contentType: FILE_TYPES[f.type].contentType,
      size: bytes.length,
      sha256: sha256(bytes),
    });
  }
  // A capture that also printed the page to PDF: the PDF is a blob under the render's prefix (expired
  // and deleted with it), stored before the render's row is written, so before the client hears back.
  const pdf = job.files ? undefined : perOutput.find((s) => s.pdf)?.pdf;
  if (pdf) files[PDF_FILE] = pdf;
  return renderImages(
    deps,
    owner,
    baseUrl,
    job.outputs.map((o, i) => ({
      id: o.id,
      png: perOutput[i]!.png,
      format: o.format,
      quality: o.quality,
      capture: { url: o.capture.url, refused: perOutput[i]!.refused },
    })),
    { ...job, metadata: infos.length ? { ...job.metadata, files: infos } : job.metadata },
    param,
    files,
    inTx,
    hold,
  );
}

/** One image of a job made from captures: its bytes, encoding, and the capture it came from. */
export interface JobImage {
  id: string;
  png: Buffer;
  format: 'png' | 'jpeg';
  quality?: number;
  capture: { url: string; refused: CaptureResult['refused'] };
}

/**
 * The render of ready images: one slide each, the canvas the size of the first (all must share it), no
 * text, frame or margin; stored, queued and rendered by the one render core like any render. Page jobs
 * come here after their captures; allscreenshots' compose with the one image it drew from several.
 */
export async function renderImages(
  deps: RouteDeps,
  owner: string,
  baseUrl: string,
  images: JobImage[],
  job: Pick<PageJob, 'webhook' | 'metadata' | 'bulk'>,
  param: string,
  files: Record<string, Buffer> = {},
  inTx?: Attach,
  hold?: Hold,
) {
  const { config, renders } = deps;
  const first = images[0]!;
  const body = {
    async: true,
    canvas: { width: first.png.readUInt32BE(16), height: first.png.readUInt32BE(20), device: 'none' },
    style: { layout: 'full-bleed', padding: 0, device: { frame: 'none', shadow: false, fit: 'crop' } },
    slides: images.map((o) => ({
      id: o.id,
      screenshot: { data: o.png.toString('base64') },
      output: { format: o.format, ...(o.quality ? { quality: o.quality } : {}) },
    })),
    output: { format: first.format },
    ...(job.webhook ? { webhook_url: job.webhook.url } : {}),
    ...(job.webhook?.secret ? { webhook_secret: job.webhook.secret } : {}),
    metadata: job.metadata,
  };
  let checked: Awaited<ReturnType<typeof checkRenderRequest>>;
  try {
    checked = await checkRenderRequest(body, { config });
  } catch (e) {
    // Our field names mean nothing to the peer's client: name theirs.
    if (e instanceof ApiError && e.param?.startsWith('webhook'))
      throw new ApiError(
        e.status,
        e.code,
        e.message.replaceAll('webhook_secret', 'webhookSecret'),
        param.replace(/url$/, 'webhook'),
      );
    throw e;
  }
  const acquired = await acquireScreenshots(checked.screenshots, undefined, config.limits, netPolicy(config));
  // The refused requests of each capture travel with the render (our API shows them as `captures`).
  acquired.forEach((a, i) => {
    if (a) a.capture = images[i]!.capture;
  });
  const row = await renders.create(
    owner,
    checked,
    acquired,
    baseUrl,
    inTx,
    Object.keys(files).length ? files : undefined,
    hold?.until(),
    job.bulk,
  );
  return hold ? hold.add(row) : row;
}

/** A page job's PDF, as a file of the job (its blob key is renders/<id>/page.pdf). */
const PDF_FILE = 'page.pdf';

/** The blob key of a page job's PDF. */
export const pdfKey = (deps: RouteDeps, id: string) => deps.renders.keyOf(id, PDF_FILE);

/**
 * Creates a page job under the request's Idempotency-Key (the service's idempotency module, Stripe's
 * semantics): the same key and body give the job the first request made (`replayed`), waiting for it
 * while the first is still capturing; the same key with another body is 422 idempotency_key_reused.
 * The saved answer is the job's id; each surface answers from the job in its own words.
 */
export async function idempotentPageJob(
  deps: RouteDeps,
  req: FastifyRequest,
  route: string,
  body: unknown,
  make: (inTx?: Attach) => Promise<RenderRow>,
): Promise<{ row: RenderRow; replayed: boolean }> {
  const key = checkKey(req.headers['idempotency-key']);
  if (!key) return { row: await make(), replayed: false };
  const claim = await deps.idempotency.claim(req.owner, key, requestHash(route, body), 'async');
  if (claim.kind === 'replay')
    return {
      row: await deps.renders.get(req.owner, (claim.response.body as { job: string }).job),
      replayed: true,
    };
  if (claim.kind === 'resume') {
    await claim.finish({ status: 202, body: { job: claim.renderId } });
    return { row: await deps.renders.get(req.owner, claim.renderId), replayed: true };
  }
  let row: RenderRow;
  try {
    row = await make(claim.attach);
  } catch (e) {
    await claim.abandon();
    throw e;
  }
  await claim.finish({ status: 202, body: { job: row.id } });
  return { row, replayed: false };
}

/** Credits are our monthly image quota: one image (one output) is one credit. null: no quota set. */
export async function creditsRemaining(deps: RouteDeps, owner: string): Promise<number | null> {
  const quota = deps.config.limits.monthlyQuota;
  if (quota === undefined) return null;
  const used = (await deps.store.usage(owner, monthOf(deps.now()))) + (await deps.store.pendingSlides(owner));
  return Math.max(0, quota - used);
}

/** One image of a succeeded render: its row and bytes; 409 while it is not done. */
export async function pageImage(deps: RouteDeps, row: RenderRow, outputId?: string) {
  if (row.status !== 'succeeded')
    throw new ApiError(
      409,
      'job_not_ready',
      `Job ${row.id} is ${row.status}; the result is served once it has completed`,
      'id',
    );
  const images = await deps.store.images(row.id);
  const image = outputId === undefined ? images[0] : images.find((i) => i.slide === outputId);
  if (!image) throw new ApiError(404, 'output_not_found', `Job ${row.id} has no output ${outputId}`, 'outputId');
  return {
    image,
    bytes: await blobBytes(deps.blobs, image.file),
    type: image.format === 'jpeg' ? 'image/jpeg' : 'image/png',
  };
}

export function sendBytes(reply: FastifyReply, img: Awaited<ReturnType<typeof pageImage>>) {
  return sendAs(reply, 'binary', {
    bytes: img.bytes,
    contentType: img.type,
    etag: img.image.sha256,
    link: () => null,
    expiresAt: null,
  });
}

/** How a job's result is answered: the bytes, a signed link, or the bytes in base64 (JSON). */
export type ResponseType = 'binary' | 'url' | 'base64';

/**
 * One result of a job as its response type asks (allscreenshots' `responseType`, the web screenshot API's
 * `response_type`): the bytes (`binary`, the default), `{"url", "expiresAt"}` with a signed, key-free link
 * (`url`), or `{"data", "contentType", "size"}` with the bytes in base64 (`base64`).
 */
export function sendAs(
  reply: FastifyReply,
  responseType: string | undefined,
  r: { bytes: Buffer; contentType: string; etag: string; link: () => string | null; expiresAt: number | null },
  cacheControl = 'private, max-age=86400',
) {
  if (responseType === 'url') return reply.send({ url: r.link(), expiresAt: iso(r.expiresAt) });
  if (responseType === 'base64')
    return reply.send({ data: r.bytes.toString('base64'), contentType: r.contentType, size: r.bytes.length });
  return reply.type(r.contentType).header('etag', `"${r.etag}"`).header('cache-control', cacheControl).send(r.bytes);
}

/**
 * A signed, key-free link to `pathname` (a file of a succeeded render: links.ts), valid for the link
 * lifetime (`lifetimeSeconds`, default STORESHOTS_LINK_TTL_SECONDS) and never past the render's expiry;
 * null while the render has not succeeded.
 */
export function signedUrl(
  deps: Pick<RouteDeps, 'now' | 'config' | 'links'>,
  row: RenderRow,
  pathname: string,
  lifetimeSeconds = deps.config.linkTtlSeconds,
): string | null {
  if (row.status !== 'succeeded') return null;
  const expires = Math.min(Math.floor(deps.now() / 1000) + lifetimeSeconds, Math.floor(row.expires_at / 1000));
  return row.base_url + deps.links.sign(pathname, expires);
}

/** A signed, key-free link to one image of a succeeded render (links.ts), valid for the link lifetime (or `lifetimeSeconds`). */
export const signedImageUrl = (
  deps: Pick<RouteDeps, 'now' | 'config' | 'links'>,
  row: RenderRow,
  index: number,
  lifetimeSeconds?: number,
) => signedUrl(deps, row, `/v1/files/renders/${row.id}/images/${index}`, lifetimeSeconds);

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A page file's bytes (PDF, HTML, Markdown, JSON) of a succeeded job; 409 while it is not done. */
export async function pageFile(deps: Pick<RouteDeps, 'renders' | 'blobs'>, row: RenderRow, f: PageFileInfo) {
  if (row.status !== 'succeeded')
    throw new ApiError(
      409,
      'job_not_ready',
      `Job ${row.id} is ${row.status}; the result is served once it has completed`,
      'id',
    );
  return blobBytes(deps.blobs, deps.renders.keyOf(row.id, pageFileName(f)));
}

/** A signed, key-free link to a page file of a succeeded render (`name`: page/<id>.<ext>). */
export const signedFileUrl = (deps: Pick<RouteDeps, 'now' | 'config' | 'links'>, row: RenderRow, name: string) =>
  signedUrl(deps, row, `/v1/files/renders/${row.id}/${name}`);

/**
 * One image of a succeeded job re-encoded as WebP at `quality` (the rendered PNG, through sharp): encoded
 * once, then kept as a blob beside the image (its key + .webp, under the render's prefix, expired with
 * it). Two first fetches at once both encode the same bytes.
 */
export async function webpOf(
  deps: Pick<RouteDeps, 'store' | 'renders'>,
  row: RenderRow,
  slide: string,
  quality: number,
  s: Pick<RouteDeps['store'], 'images'> = deps.store,
): Promise<Buffer> {
  const image = (await s.images(row.id)).find((i) => i.slide === slide);
  if (!image) throw new ApiError(404, 'output_not_found', `Job ${row.id} has no output ${slide}`, 'outputId');
  const blobs = deps.renders.blobStore;
  const key = `${image.file}.webp`;
  let bytes = await blobs.get(key);
  if (!bytes) {
    bytes = await encodeWebp(await blobBytes(blobs, image.file), quality);
    await blobs.put(key, bytes);
  }
  return bytes;
}
