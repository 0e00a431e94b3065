// The web screenshot API's surface (docs/render-api.md#compatibility-surfaces): POST
// /v1/screenshot, POST /v1/bulk with {"jobs": [...]}, GET /v1/jobs/{id} and /result, in that API's
// field names and status words, over the one capture and render core (page-job.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { parameterError, type RouteDeps } from '../routes/shared.js';
import type { RenderRow } from '../storage/types.js';
import { createPageJob, creditsRemaining, pageImage, type PageJob, sendBytes, validator } from './page-job.js';

const jobSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: {
    type: { enum: ['screenshot', 'pdf'] },
    url: { type: 'string', minLength: 1, maxLength: 2048 },
    format: { enum: ['png', 'jpeg', 'pdf'] },
    quality: { type: 'integer', minimum: 1, maximum: 100 },
    viewport: {
      type: 'object',
      additionalProperties: false,
      required: ['width', 'height'],
      properties: {
        width: { type: 'integer', minimum: 64, maximum: 3840 },
        height: { type: 'integer', minimum: 64, maximum: 3840 },
      },
    },
    dpr: { type: 'number', minimum: 1, maximum: 3 },
    full_page: { type: 'boolean' },
    wait_until: { enum: ['load', 'domcontentloaded', 'networkidle'] },
    wait_for: { type: ['string', 'null'], maxLength: 200 },
    delay: { type: 'integer', minimum: 0, maximum: 10_000 },
    async_mode: { type: 'boolean' },
  },
};

const bulkSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['jobs'],
  properties: { jobs: { type: 'array', minItems: 1, maxItems: 20 } },
};

const checkJob = validator(jobSchema);
const checkBulk = validator(bulkSchema);

interface WebshotJob {
  type?: 'screenshot' | 'pdf';
  url: string;
  format?: 'png' | 'jpeg' | 'pdf';
  quality?: number;
  viewport?: { width: number; height: number };
  dpr?: number;
  full_page?: boolean;
  wait_until?: 'load' | 'domcontentloaded' | 'networkidle';
  wait_for?: string | null;
  delay?: number;
  async_mode?: boolean;
}

/** PDF jobs are refused before their print options are checked (a print rendering, not a screenshot: see the docs). */
function refusePdf(j: WebshotJob | null, prefix: string): void {
  if (j?.type === 'pdf' || j?.format === 'pdf')
    throw new ApiError(
      400,
      'unsupported_format',
      `${prefix}${j.type === 'pdf' ? 'type' : 'format'}: PDF output is not offered by storeshots serve (screenshots only: png or jpeg)`,
      `${prefix}${j.type === 'pdf' ? 'type' : 'format'}`,
    );
}

/** A webshot job as a page job. */
function pageJob(j: WebshotJob): PageJob {
  const format = j.format ?? 'png';
  return {
    outputs: [
      {
        id: 'screenshot',
        format: format === 'jpeg' ? 'jpeg' : 'png',
        quality: j.quality,
        capture: {
          url: j.url,
          viewport: { ...(j.viewport ?? { width: 1280, height: 720 }), device_scale_factor: j.dpr ?? 1 },
          full_page: j.full_page ?? false,
          wait_until: j.wait_until ?? 'load',
          ...(j.wait_for ? { wait_for: j.wait_for } : {}),
          ...(j.delay ? { delay: j.delay } : {}),
        },
      },
    ],
    metadata: { compat: 'webshot', url: j.url },
  };
}

const STATUS: Record<RenderRow['status'], string> = {
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
  const { jobs } = req.body as { jobs: unknown[] };
  const out: Array<Record<string, unknown>> = [];
  let submitted = 0;
  for (const [index, raw] of jobs.entries()) {
    const prefix = `jobs[${index}].`;
    try {
      if (!raw || typeof raw !== 'object' || Array.isArray(raw))
        throw new ApiError(400, 'invalid_request', `Expected an object for jobs[${index}]`, `jobs[${index}]`);
      refusePdf(raw as WebshotJob, prefix);
      validator(jobSchema, prefix)(raw);
      const row = await createPageJob(deps, req.owner, deps.baseUrl(req), pageJob(raw as WebshotJob), `${prefix}url`);
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
  return reply.code(202).send({
    submitted,
    failed: jobs.length - submitted,
    credits_used: submitted,
    credits_remaining: await creditsRemaining(deps, req.owner),
    jobs: out,
  });
}

const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;

export async function webshotRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.setSchemaErrorFormatter(parameterError);

  app.post('/v1/screenshot', async (req, reply) => {
    refusePdf(req.body as WebshotJob, '');
    checkJob(req.body);
    const body = req.body as WebshotJob;
    const row = await createPageJob(deps, req.owner, deps.baseUrl(req), pageJob(body), 'url');
    if (body.async_mode === true)
      return reply.code(202).send({ job_id: row.id, status: 'queued', poll_url: `/v1/jobs/${row.id}` });
    const done = await deps.renders.waitFor(row.id);
    if (done.status !== 'succeeded') return reply.code(422).send(await present(done, deps));
    return sendBytes(reply, await pageImage(deps, done));
  });

  app.get<{ Params: { id: string } }>('/v1/jobs/:id', { schema: { params: idParams } }, async (req) =>
    present(await deps.renders.get(req.owner, req.params.id), deps),
  );

  app.get<{ Params: { id: string } }>('/v1/jobs/:id/result', { schema: { params: idParams } }, async (req, reply) =>
    sendBytes(reply, await pageImage(deps, await deps.renders.get(req.owner, req.params.id))),
  );
}
