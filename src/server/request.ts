// A render request, checked: the JSON Schema first (shape), then what a schema cannot say (known
// preset and theme, no file paths in style, webhook targets allowed, secrets available).
// Errors name the field at fault in `param`, e.g. slides[0].screenshot.
import type { ContentText } from '../plan/content.js';
import { Ajv, type ErrorObject } from 'ajv';
import type { CaptureSpec, Refusal } from '../capture/limits.js';
import { addManifestFormats } from '../manifest/formats.js';
import { closest } from 'fastest-levenshtein';
import { builtinThemes } from '../manifest/theme.js';
import type { Callout, Style } from '../manifest/types.js';
import { acceptedSizes, presetRefs, PRESETS, resolvePreset, type DeviceFamily } from '../store/presets.js';
import { fieldName, pathOf, valueAt } from '../util/ajv-errors.js';
import { describeValue } from '../util/errors.js';
import { netPolicy, type ServerConfig } from './config.js';
import { ApiError, badRequest } from './errors.js';
import { checkOutputs, type OutputSpec } from './outputs.js';
import { checkUrlSyntax, FetchError, type NetPolicy, privateOpenFor, resolveChecked, UrlRefusedError } from './net.js';
import { bulkRequestSchema, renderRequestSchema } from './schema.js';

export type ScreenshotInput = { url: string } | { data: string } | { file: string } | { capture: CaptureSpec };

export interface SlideSpec {
  id: string;
  headline?: string;
  subtitle?: string;
  style?: Style;
  callouts?: Callout[];
  /** This slide's encoding, when it differs from the render's `output`. */
  output?: { format: 'png' | 'jpeg'; quality?: number };
  content?: ContentText;
}

/** The accepted request as stored with the render (screenshots live as files beside it). */
export interface RenderSpec {
  async: boolean;
  canvas: { preset: string; width: number; height: number; landscape: boolean };
  appName?: string;
  theme: string;
  style?: Style;
  locale: string;
  slides: SlideSpec[];
  output: { format: 'png' | 'jpeg'; quality: number };
  /** Results made from the images after lint (docs/render-api.md#outputs). */
  outputs?: OutputSpec[];
  webhook?: { url: string; secret: string };
  dispatch?: { repository: string; event_type: string; secret: string };
  metadata: Record<string, unknown> | null;
  /** Web captures whose page had requests refused: per slide, what was aborted (docs/render-api.md#web-capture). */
  captures?: Array<{ slide: string; url: string; refused: Refusal[] }>;
}

export interface CheckedRequest {
  spec: RenderSpec;
  /** Per slide: where its screenshot comes from (undefined: none). */
  screenshots: Array<ScreenshotInput | undefined>;
}

const ajv = addManifestFormats(new Ajv({ allErrors: false, strict: false }));
const validateRender = ajv.compile(renderRequestSchema);
const validateBulk = ajv.compile(bulkRequestSchema);

/** `/slides/0/screenshot` -> `slides[0].screenshot` (empty at the root). */
function paramOf(instancePath: string, extra?: string): string {
  const path = pathOf(instancePath);
  if (extra) path.push(extra);
  return path.length ? fieldName(path) : '';
}

/** A JSON Schema error as the API's 400, naming the field (`prefix` goes in front of the field path). */
export function schemaError(e: ErrorObject, root: unknown, prefix: string): ApiError {
  const p = (extra?: string) =>
    prefix + (prefix && paramOf(e.instancePath, extra) ? '.' : '') + paramOf(e.instancePath, extra);
  const got = describeValue(valueAt(root, pathOf(e.instancePath)));
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return badRequest(
        `Missing ${p(String(params.missingProperty))}`,
        p(String(params.missingProperty)),
        'parameter_missing',
      );
    case 'additionalProperties':
      return badRequest(
        `Unknown field ${p(String(params.additionalProperty))}`,
        p(String(params.additionalProperty)),
        'parameter_unknown',
      );
    case 'type':
      return badRequest(`Expected ${String(params.type).replace(',', ' or ')} for ${p()} but received ${got}`, p());
    case 'enum':
      return badRequest(
        `Expected one of ${(params.allowedValues as unknown[]).map(String).join(', ')} for ${p()} but received ${got}`,
        p(),
      );
    case 'maxItems':
      return badRequest(
        `Expected at most ${String(params.limit)} items for ${p()} but received ${got}`,
        p(),
        'too_many_items',
      );
    case 'minProperties':
    case 'maxProperties':
      return badRequest(
        p().endsWith('screenshot')
          ? `Expected exactly one of url, data, file or capture for ${p()}`
          : `Expected ${e.message} for ${p()}`,
        p(),
      );
    default:
      return badRequest(`Expected a value that ${e.message} for ${p()} but received ${got}`, p());
  }
}

/** A body schema's first error as the API's 400 naming the field (a body that is no object says so). */
function bodyError(e: ErrorObject, body: unknown): ApiError {
  return e.instancePath === '' && e.keyword === 'type'
    ? badRequest('Expected a JSON object for the request body')
    : schemaError(e, body, '');
}

/**
 * A checker of a request body against one of schema.ts's schemas: the body as T, or `toError` of the
 * first error (the API's 400 naming the field, in schemaError's words unless the route words its own).
 */
export function bodyChecker<T>(
  schema: object,
  toError: (e: ErrorObject, body: unknown) => ApiError = bodyError,
): (body: unknown) => T {
  const validate = ajv.compile(schema);
  return (body) => {
    if (!validate(body)) throw toError(validate.errors![0]!, body);
    return body as T;
  };
}

export function checkBulkShape(body: unknown): { renders: unknown[] } {
  if (!validateBulk(body)) throw schemaError(validateBulk.errors![0]!, body, '');
  return body as { renders: unknown[] };
}

function textOf(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : (v as { lines: string[] }).lines.join('\n');
}

/** A Play preset for a custom size: Play takes any size within its rules, so the device family picks the slot. */
function guessDevice(width: number, height: number): DeviceFamily {
  const long = Math.max(width, height) / Math.min(width, height);
  if (width === height) return 'watch';
  if (width > height) return 'tv';
  return long >= 1.6 ? 'android-phone' : 'android-tablet';
}

const PLAY_BY_DEVICE: Partial<Record<DeviceFamily, string>> = {
  'android-phone': 'play.phone',
  iphone: 'play.phone',
  'android-tablet': 'play.tablet_10',
  ipad: 'play.tablet_10',
  tv: 'play.tv',
  mac: 'play.tv',
  vision: 'play.tv',
  watch: 'play.wear',
  none: 'play.feature_graphic',
};

function resolveCanvas(
  c: { preset?: string; width?: number; height?: number; device?: DeviceFamily },
  prefix: string,
): RenderSpec['canvas'] {
  if (c.preset !== undefined) {
    if (c.width !== undefined || c.height !== undefined)
      throw badRequest(`Give either canvas.preset or canvas.width and canvas.height, not both`, `${prefix}canvas`);
    const ref = resolvePreset(c.preset);
    if (!ref)
      throw badRequest(
        `Unknown preset "${c.preset}" for canvas.preset (did you mean "${closest(c.preset, presetRefs())}"?)`,
        `${prefix}canvas.preset`,
        'unknown_preset',
      );
    return { preset: c.preset, width: ref.size.width, height: ref.size.height, landscape: ref.landscape };
  }
  if (c.width === undefined || c.height === undefined)
    throw badRequest(
      'Expected canvas.preset, or canvas.width and canvas.height',
      `${prefix}canvas`,
      'parameter_missing',
    );
  if (c.width * c.height > 40_000_000)
    throw badRequest(
      `Expected a canvas of at most 40 megapixels for canvas but received ${c.width}x${c.height}`,
      `${prefix}canvas`,
    );
  const { width, height } = c;
  // A size some store slot takes exactly renders as that slot (App Store first, so lint checks the right rules).
  const device = c.device;
  for (const p of PRESETS) {
    if (device && p.device !== device) continue;
    for (const z of acceptedSizes(p)) {
      if (z.width !== width || z.height !== height || p.anySize) continue;
      const landscape = p.orientation === 'portrait' && width > height;
      return { preset: landscape ? `${p.id}@landscape` : p.id, width, height, landscape };
    }
  }
  const preset = PLAY_BY_DEVICE[device ?? guessDevice(width, height)] ?? 'play.phone';
  return { preset, width, height, landscape: false };
}

/** Tokens that name files are refused: a request must never make the service read its own disk. */
function checkStylePaths(style: Style | undefined, param: string): void {
  if (!style) return;
  if (style.background?.image !== undefined)
    throw badRequest(
      `${param}.background.image is not supported by the render API (it names a file on the server)`,
      `${param}.background.image`,
    );
  for (const k of ['headline', 'subtitle'] as const) {
    const font = style[k]?.font;
    if (font !== undefined && (/[\\/]/.test(font) || /\.(ttf|otf|ttc|woff2?)$/i.test(font))) {
      throw badRequest(
        `Expected a shipped font family name for ${param}.${k}.font but received ${describeValue(font)}`,
        `${param}.${k}.font`,
      );
    }
  }
  const frame = style.device?.frame;
  if (frame !== undefined && (/[\\/]/.test(frame) || /\.(png|jpe?g|svg)$/i.test(frame))) {
    throw badRequest(
      `Expected a built-in frame name for ${param}.device.frame but received ${describeValue(frame)}`,
      `${param}.device.frame`,
    );
  }
}

export interface CheckContext {
  config: ServerConfig;
  /** Multipart file parts by field name. */
  files?: Map<string, Buffer>;
  /** `renders[3].` in a bulk request. */
  prefix?: string;
}

export async function checkRenderRequest(body: unknown, ctx: CheckContext): Promise<CheckedRequest> {
  const prefix = ctx.prefix ?? '';
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badRequest(
      `Expected a JSON object for ${prefix.replace(/\.$/, '') || 'the request body'} but received ${describeValue(body)}`,
      prefix.replace(/\.$/, '') || undefined,
    );
  if (!validateRender(body)) throw schemaError(validateRender.errors![0]!, body, prefix.replace(/\.$/, ''));
  const b = body as Record<string, unknown> & { slides: Array<Record<string, unknown>> };
  const canvas = resolveCanvas(b.canvas as Parameters<typeof resolveCanvas>[0], prefix);

  const theme = (b.theme as string | undefined) ?? 'aurora';
  const themes = builtinThemes();
  if (!themes.includes(theme)) {
    throw badRequest(
      `Unknown theme "${theme}" for theme (did you mean "${closest(theme, themes)}"?); built-in themes: ${themes.join(', ')}`,
      `${prefix}theme`,
      'unknown_theme',
    );
  }
  checkStylePaths(b.style as Style | undefined, `${prefix}style`);

  const seen = new Set<string>();
  const slides: SlideSpec[] = [];
  const screenshots: Array<ScreenshotInput | undefined> = [];
  b.slides.forEach((s, i) => {
    const param = `${prefix}slides[${i}]`;
    const id = (s.id as string | undefined) ?? `slide-${i + 1}`;
    if (seen.has(id)) throw badRequest(`Duplicate slide id "${id}" at ${param}.id`, `${param}.id`);
    seen.add(id);
    checkStylePaths(s.style as Style | undefined, `${param}.style`);
    const shot = s.screenshot as ScreenshotInput | undefined;
    const fromPart = ctx.files?.get(`slides[${i}].screenshot`);
    if (shot && 'file' in shot && !ctx.files?.has(shot.file))
      throw badRequest(
        `No multipart file part named "${shot.file}" for ${param}.screenshot.file`,
        `${param}.screenshot`,
      );
    slides.push({
      id,
      headline: textOf(s.headline),
      subtitle: textOf(s.subtitle),
      style: s.style as Style | undefined,
      ...(s.callouts ? { callouts: s.callouts as Callout[] } : {}),
      ...(s.output ? { output: s.output as SlideSpec['output'] } : {}),
      ...(s.content ? { content: s.content as ContentText } : {}),
    });
    screenshots.push(shot ?? (fromPart ? { file: `slides[${i}].screenshot` } : undefined));
  });

  const { metadata, webhook, dispatch } = await checkDeliveryFields(b, ctx.config, prefix);

  const output = (b.output as { format?: 'png' | 'jpeg'; quality?: number } | undefined) ?? {};
  const outputs = checkOutputs(b.outputs as Parameters<typeof checkOutputs>[0], prefix);
  return {
    spec: {
      async: b.async === true,
      canvas,
      appName: (b.app as { name?: string } | undefined)?.name,
      theme,
      style: b.style as Style | undefined,
      locale: (b.locale as string | undefined) ?? 'en-US',
      slides,
      output: { format: output.format ?? 'png', quality: output.quality ?? 90 },
      ...(outputs.length ? { outputs } : {}),
      webhook,
      dispatch,
      metadata,
    },
    screenshots,
  };
}

/** The fields every creating request shares (renders, whole-set jobs): metadata, webhook_url and its
 * secret, github_dispatch; checked the same way for each. */
export async function checkDeliveryFields(
  b: Record<string, unknown>,
  config: ServerConfig,
  prefix = '',
): Promise<Pick<RenderSpec, 'metadata' | 'webhook' | 'dispatch'>> {
  const ctx = { config };
  const metadata = (b.metadata as Record<string, unknown> | undefined) ?? null;
  if (metadata && Buffer.byteLength(JSON.stringify(metadata)) > 8192)
    throw badRequest('Expected at most 8 KiB of JSON for metadata', `${prefix}metadata`);

  /** The request's webhook_secret, else the server's; `what` needs one to sign with. */
  const signingSecret = (what: string): string => {
    const secret = (b.webhook_secret as string | undefined) ?? ctx.config.webhookSecret;
    if (!secret)
      throw badRequest(
        `${what} needs webhook_secret (the server has no STORESHOTS_WEBHOOK_SECRET to sign with)`,
        `${prefix}webhook_secret`,
        'parameter_missing',
      );
    return secret;
  };
  let webhook: RenderSpec['webhook'];
  if (b.webhook_url !== undefined) {
    const secret = signingSecret('webhook_url');
    await checkTarget(b.webhook_url as string, netPolicy(ctx.config), `${prefix}webhook_url`);
    webhook = { url: b.webhook_url as string, secret };
  }
  let dispatch: RenderSpec['dispatch'];
  if (b.github_dispatch !== undefined) {
    const gd = b.github_dispatch as { repository: string; event_type?: string };
    if (!ctx.config.githubToken && !ctx.config.githubApp)
      throw new ApiError(
        400,
        'dispatch_not_configured',
        'github_dispatch needs a GitHub App (STORESHOTS_GITHUB_APP_ID and its private key) or STORESHOTS_GITHUB_TOKEN on the server',
        `${prefix}github_dispatch`,
      );
    const secret = signingSecret('github_dispatch');
    dispatch = { repository: gd.repository, event_type: gd.event_type ?? 'storeshots-render', secret };
  }

  return { metadata, webhook, dispatch };
}

/** A webhook target is checked when the request comes in (a clear 400) and again on every delivery. */
export async function checkTarget(raw: string, policy: NetPolicy, param: string): Promise<void> {
  try {
    const open = privateOpenFor(checkUrlSyntax(raw, true), policy);
    const url = checkUrlSyntax(raw, open);
    await resolveChecked(url.hostname, open);
  } catch (e) {
    if (e instanceof UrlRefusedError) throw new ApiError(400, 'url_refused', `${param}: ${e.message}`, param);
    if (e instanceof FetchError) throw new ApiError(400, 'url_unreachable', `${param}: ${e.message}`, param);
    throw e;
  }
}
