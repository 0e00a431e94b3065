// AppScreen's render API (https://appscreen.co/docs/api/): POST /v1/render (multipart screens and
// options) answers 202 with a job, GET /v1/render/:jobId polls it until `done` with a signed zip link
// made afresh on every poll. A thin adapter over the whole-set job core (../../sets.ts): the request
// becomes a set job (request.ts), the poll is the set's own answer renamed. Idempotency-Key,
// authentication, rate limits and quotas are the service's. "Render-completed callbacks. Subscribe
// once.": the key's webhook endpoints (../../webhook-endpoints.ts) get `appscreen.render.completed` /
// `appscreen.render.failed` events whose data.object is the poll's answer (registerAppscreenEvents).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, asApiError, badRequest } from '../../errors.js';
import type { Renders } from '../../renders.js';
import { idempotent, parameterError, type RouteDeps } from '../../routes/shared.js';
import type { RenderRow } from '../../storage/types.js';
import { errorMessage } from '../../../util/errors.js';
import { checkTexts, type Translator } from '../../translate/translator.js';
import { type AppScreenForm, formField, MAX_SCREENS, SCREEN_BYTES, setBody, type TranslatePlan } from './request.js';

const FIELDS = ['theme', 'sizes', 'langs', 'captions', 'fields', 'layout', 'rounded', 'translate'] as const;
const jobParams = { type: 'object', properties: { jobId: { type: 'string' } }, required: ['jobId'] } as const;

/** AppScreen's words for a job's state. */
const STATUS: Record<RenderRow['status'], string> = {
  // Never read by a client (Renders.get refuses a held job).
  held: 'queued',
  queued: 'queued',
  processing: 'processing',
  succeeded: 'done',
  failed: 'failed',
  canceled: 'failed',
};

/** Seconds until the monthly quota renews (the first of next month, UTC). */
function untilNextMonth(nowMs: number): number {
  const d = new Date(nowMs);
  return Math.max(1, Math.ceil((Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - nowMs) / 1000));
}

/** A job as AppScreen's poll shows it; `p` is the set as our API shows it (a poll's, or an ending job's event data). */
function appscreenJob(row: RenderRow, p: Record<string, unknown>, base: string): Record<string, unknown> {
  const error = p.error as { code: string; message: string } | null;
  return {
    jobId: row.id,
    status: STATUS[row.status],
    totalSteps: p.total_steps,
    doneSteps: p.done_steps,
    pollUrl: `${base}/v1/render/${row.id}`,
    // A fresh signed link on every poll, valid STORESHOTS_LINK_TTL_SECONDS (an hour by default).
    downloadUrl: p.archive_download_url,
    downloadUrlExpiresAt: p.download_urls_expire_at,
    expiresAt: p.expires_at,
    error: row.status === 'canceled' ? 'canceled' : (error?.message ?? null),
  };
}

/**
 * AppScreen jobs' events to webhook endpoints: `appscreen.render.completed` when the zip is ready,
 * `appscreen.render.failed` otherwise (a canceled job polls as failed too), with the poll's answer as
 * data.object (its downloadUrl signed when the job ended). The routes register it; so does `storeshots
 * worker`, which ends jobs (the event is made then).
 */
export function registerAppscreenEvents(renders: Renders): void {
  renders.eventView('appscreen', {
    type: (status) => (status === 'succeeded' ? 'appscreen.render.completed' : 'appscreen.render.failed'),
    object: (row, data) => appscreenJob(row, data, row.base_url),
  });
}

async function readForm(
  req: FastifyRequest,
  limits: { fileBytes: number; bodyBytes: number },
): Promise<{ form: AppScreenForm; files: Map<string, Buffer> }> {
  if (!req.isMultipart())
    throw new ApiError(
      415,
      'unsupported_media_type',
      'Send POST /v1/render as multipart/form-data (screens as file parts)',
    );
  const form: Record<string, string> = {};
  const files = new Map<string, Buffer>();
  let total = 0;
  try {
    for await (const part of req.parts({
      limits: {
        files: MAX_SCREENS,
        fileSize: limits.fileBytes,
        fields: 20,
        fieldSize: limits.bodyBytes,
        parts: MAX_SCREENS + 20,
      },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'screens')
          throw badRequest(
            `Unknown file field "${part.fieldname}" (send screenshots as screens)`,
            part.fieldname,
            'parameter_unknown',
          );
        const buf = await part.toBuffer();
        total += buf.length;
        if (total > limits.bodyBytes)
          throw new ApiError(413, 'payload_too_large', `Upload is larger than the limit of ${limits.bodyBytes} bytes`);
        files.set(`screens/${String(files.size + 1).padStart(3, '0')}.png`, buf);
      } else {
        if (!(FIELDS as readonly string[]).includes(part.fieldname))
          throw badRequest(
            `Unknown field "${part.fieldname}" (fields: screens, ${FIELDS.join(', ')})`,
            part.fieldname,
            'parameter_unknown',
          );
        if (part.fieldname in form) throw badRequest(`Expected one value for ${part.fieldname}`, part.fieldname);
        form[part.fieldname] = String(part.value);
      }
    }
  } catch (e) {
    const known = asApiError(e as Error);
    if (known?.status === 413)
      throw new ApiError(
        413,
        'payload_too_large',
        `A screen is larger than ${limits.fileBytes} bytes, or there are more than ${MAX_SCREENS}`,
        'screens',
      );
    if (known) throw known;
    throw new ApiError(400, 'invalid_multipart', `Invalid multipart body: ${errorMessage(e)}`);
  }
  return { form, files };
}

/** Fills the captions a translate plan lacks, in the set body's slides, through the translator. */
async function fillCaptions(translator: Translator, plan: TranslatePlan, body: Record<string, unknown>): Promise<void> {
  const slides = (body.manifest as { slides: Array<Record<string, Record<string, string>>> }).slides;
  const targets = plan.targets
    .map(({ locale, lang }) => ({
      lang,
      locale,
      texts: Object.fromEntries(
        plan.captions.filter((c) => c.missing.includes(locale)).map((c) => [c.field, c.text] as const),
      ),
    }))
    .filter((t) => Object.keys(t.texts).length > 0);
  if (targets.length === 0) return;
  const { translations } = await translator.translate(
    { source: plan.source, targets },
    { source: 'langs[0]', target: (i) => `langs[${targets[i]!.lang}]`, text: (f) => f, texts: 'captions' },
  );
  for (const c of plan.captions)
    for (const locale of c.missing) slides[c.slide]![c.to]![locale] = translations[locale]![c.field]!;
}

export async function appscreenRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { sets, config, now } = deps;
  app.setSchemaErrorFormatter(parameterError);
  registerAppscreenEvents(deps.renders);

  const pollUrl = (req: FastifyRequest, id: string) => `${deps.baseUrl(req)}/v1/render/${id}`;

  app.post('/v1/render', async (req, reply) => {
    const { form, files } = await readForm(req, {
      fileBytes: Math.min(SCREEN_BYTES, config.limits.screenshotBytes),
      bodyBytes: config.limits.bodyBytes,
    });
    const { body, variants, rounded, translate } = setBody(form, [...files.keys()]);
    const translator = deps.translator;
    if (translate) {
      if (!translator)
        throw badRequest(
          'translate=true needs machine translation, which is not configured on this server: start storeshots serve with --translate-url or STORESHOTS_TRANSLATE_URL set to your LibreTranslate server, or send every language in captions',
          'translate',
          'translate_not_configured',
        );
      checkTexts(
        translate.captions.map((c) => [c.field, c.text]),
        { source: 'langs[0]', target: (i) => `langs[${i + 1}]`, text: (f) => f, texts: 'captions' },
      );
    }
    // The variants, rounded and translate are part of what the request asks (the body alone lists a
    // shared slot once, and holds only the source's captions before translation).
    const asked = variants || rounded || translate ? { ...body, variants, rounded, translate: !!translate } : body;
    try {
      return await idempotent(deps, req, reply, 'appscreen', asked, files, async (attach) => {
        // Translated inside the idempotent work: a replay answers from the saved job, not LibreTranslate.
        if (translate && translator) await fillCaptions(translator, translate, body);
        const row = await sets.create(req.owner, body, files, deps.baseUrl(req), attach, {
          variants,
          rounded,
          surface: 'appscreen',
        });
        const p = await sets.present(row);
        return {
          status: 202,
          body: {
            jobId: row.id,
            status: 'queued',
            totalSteps: p.total_steps,
            doneSteps: 0,
            pollUrl: pollUrl(req, row.id),
          },
        };
      });
    } catch (e) {
      // Out of credits: AppScreen's clients wait for Retry-After; here that is when the month's quota renews.
      if (!(e instanceof ApiError)) throw e;
      const headers = e.status === 402 ? { ...e.headers, 'retry-after': String(untilNextMonth(now())) } : e.headers;
      const param = e.param && formField(e.param);
      throw new ApiError(e.status, e.code, param ? e.message.split(e.param).join(param) : e.message, param, headers);
    }
  });

  app.get<{ Params: { jobId: string } }>('/v1/render/:jobId', { schema: { params: jobParams } }, async (req) => {
    const row = await sets.get(req.owner, req.params.jobId);
    return appscreenJob(row, await sets.present(row), deps.baseUrl(req));
  });
}
