// allscreenshots' bulk jobs (docs/render-api.md#allscreenshots-v1screenshotsasync-v1screenshotsjobs-v1screenshotsbulk):
// POST /v1/screenshots/bulk (`urls`, up to 100, each `{url, options}` over `defaults`), GET
// /v1/screenshots/bulk and /bulk/{id}, POST /bulk/{id}/cancel, in the shapes of their published SDKs
// (BulkResponse, BulkJobSummary, BulkStatusResponse). A bulk job is a thin adapter: each URL is one page
// job made exactly as POST /v1/screenshots/async makes it (allscreenshots.ts), whose metadata names the
// bulk (`bulk: {id, index, total}`) and whose bulk_id column holds the bulk's id (indexed): the bulk itself
// is not stored, it is read back from its jobs. The
// jobs are made held and queued together once every URL is captured, or deleted (../hold.ts): a bulk
// is all or nothing.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkQuota } from '../access.js';
import { checkPageUrl } from '../capture.js';
import { netPolicy } from '../config.js';
import { ApiError } from '../errors.js';
import { allOrNothing, type Hold } from '../hold.js';
import { checkKey, requestHash } from '../idempotency.js';
import type { RouteDeps } from '../routes/shared.js';
import type { RenderRow } from '../storage/types.js';
import { iso, validator } from './page-job.js';

/** What a bulk job is made of, from allscreenshots.ts (which owns the per-job path). */
export interface BulkSurface {
  /** The per-URL job fields a bulk's `defaults` and `options` may carry (the async request's, less url/webhook/outputs). */
  options: Record<string, unknown>;
  /** Makes one URL's page job, as /v1/screenshots/async does, held; `param` names the URL's entry in errors. */
  make: (
    req: FastifyRequest,
    body: Record<string, unknown>,
    bulk: BulkTag,
    param: string,
    /** Where a field of the URL's job came from (its own options or the defaults), for its errors: `selector` -> `urls[3].options.selector`. */
    paramOf: (field: string) => string,
    hold: Hold,
  ) => Promise<RenderRow>;
  /** The job in allscreenshots' words (GET /v1/screenshots/jobs/{id}). */
  present: (row: RenderRow) => Promise<Record<string, unknown>>;
  /** The bulk a job belongs to, if any. */
  bulkOf: (row: RenderRow) => BulkTag | undefined;
}

export interface BulkTag {
  id: string;
  index: number;
  total: number;
}

/** Their documented limit ("up to 100 URLs"). */
export const MAX_BULK_URLS = 100;

const STATUS_WORDS: Record<RenderRow['status'], string> = {
  // Never read by a client (Renders.get refuses a held job); a released bulk's rows are queued.
  held: 'QUEUED',
  queued: 'QUEUED',
  processing: 'PROCESSING',
  succeeded: 'COMPLETED',
  failed: 'FAILED',
  canceled: 'CANCELLED',
};

const bulkSchema = (options: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required: ['urls'],
  properties: {
    urls: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_BULK_URLS,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: {
          url: { type: 'string', minLength: 1, maxLength: 2048 },
          options: { type: 'object', additionalProperties: false, properties: options },
        },
      },
    },
    defaults: { type: 'object', additionalProperties: false, properties: options },
    webhookUrl: { type: 'string', maxLength: 2048 },
    webhookSecret: { type: 'string', minLength: 1, maxLength: 256 },
  },
});

interface BulkRequest {
  urls: Array<{ url: string; options?: Record<string, unknown> }>;
  defaults?: Record<string, unknown>;
  webhookUrl?: string;
  webhookSecret?: string;
}

/** A bulk's jobs in URL order (found by their bulk_id column's index); undefined when this key has no bulk of that id. */
async function jobsOf(deps: RouteDeps, surface: BulkSurface, owner: string, id: string) {
  const found = await deps.store.bulkJobs(owner, id);
  // Not every job listed (some expired, their rows kept but not listed): not shown as a bulk.
  if (!found.length || found.length < surface.bulkOf(found[0]!)!.total) return undefined;
  return found.sort((a, b) => surface.bulkOf(a)!.index - surface.bulkOf(b)!.index);
}

/** The key's bulks, newest first, at most `limit` (by the bulk_id column's index); those with every job listed. */
async function listBulks(deps: RouteDeps, surface: BulkSurface, owner: string, limit: number) {
  const groups = new Map<string, RenderRow[]>();
  // Newest job first, so the groups are made in the order of their bulks' newest jobs.
  for (const r of await deps.store.bulks(owner, limit)) {
    const id = r.bulk_id!;
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id)!.push(r);
  }
  return [...groups.entries()]
    .filter(([, rows]) => rows.length === surface.bulkOf(rows[0]!)!.total)
    .map(([id, rows]) => ({
      id,
      rows: rows.sort((a, b) => surface.bulkOf(a)!.index - surface.bulkOf(b)!.index),
    }));
}

/**
 * The bulk's summary (BulkJobSummary): its status is the jobs' — QUEUED while all wait, PROCESSING while
 * any is unfinished, then CANCELLED if any was canceled, FAILED if all failed, else COMPLETED.
 */
function summary(id: string, rows: RenderRow[]) {
  const n = (s: RenderRow['status']) => rows.filter((r) => r.status === s).length;
  const done = n('succeeded') + n('failed') + n('canceled');
  const status =
    n('queued') === rows.length
      ? 'QUEUED'
      : done < rows.length
        ? 'PROCESSING'
        : n('canceled')
          ? 'CANCELLED'
          : n('failed') === rows.length
            ? 'FAILED'
            : 'COMPLETED';
  const ends = rows.map((r) => r.completed_at).filter((t): t is number => t !== null);
  return {
    id,
    status,
    totalJobs: rows.length,
    completedJobs: n('succeeded'),
    failedJobs: n('failed'),
    progress: Math.floor((100 * done) / rows.length),
    createdAt: iso(Math.min(...rows.map((r) => r.created_at))),
    ...(done === rows.length && ends.length ? { completedAt: iso(Math.max(...ends)) } : {}),
  };
}

/** One job of a bulk's status (BulkJobDetailInfo), from the job as GET /v1/screenshots/jobs/{id} shows it. */
async function detail(surface: BulkSurface, row: RenderRow) {
  const j = (await surface.present(row)) as {
    id: string;
    url: string | null;
    status: string;
    resultUrl?: string;
    storageUrl?: string | null;
    errorCode?: string;
    errorMessage?: string;
    createdAt: string;
    completedAt: string | null;
    metadata?: { width: number; height: number; format: string; size: number };
  };
  return {
    id: j.id,
    url: j.url ?? '',
    status: j.status,
    ...(j.resultUrl ? { resultUrl: j.resultUrl } : {}),
    ...(j.storageUrl ? { storageUrl: j.storageUrl } : {}),
    ...(j.metadata
      ? {
          format: j.metadata.format,
          width: j.metadata.width,
          height: j.metadata.height,
          fileSize: j.metadata.size,
          renderTimeMs: row.completed_at && row.started_at ? row.completed_at - row.started_at : null,
        }
      : {}),
    ...(j.errorCode ? { errorCode: j.errorCode, errorMessage: j.errorMessage } : {}),
    createdAt: j.createdAt,
    ...(j.completedAt ? { completedAt: j.completedAt } : {}),
  };
}

const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
const notFound = (id: string) => new ApiError(404, 'not_found', `No bulk job ${id.slice(0, 50)}`, 'id');

export async function bulkRoutes(app: FastifyInstance, deps: RouteDeps, surface: BulkSurface): Promise<void> {
  const check = validator(bulkSchema(surface.options));

  /**
   * Makes the bulk's jobs, one per URL, all or none: each held as it is made (its capture stored), all
   * queued in one transaction at the end; a URL that cannot be captured deletes those made.
   */
  const create = async (req: FastifyRequest, b: BulkRequest) => {
    // Every URL against the SSRF rules and the whole bulk against the quota first: no job is made for
    // a bulk that cannot all be made (each capture checks its page and subresources again).
    for (const [i, u] of b.urls.entries()) await checkPageUrl(u.url, netPolicy(deps.config), `urls[${i}]`);
    await checkQuota(deps.config, deps.store, req.owner, b.urls.length, deps.now(), 'urls');
    const id = `blk_${randomBytes(12).toString('base64url')}`;
    const made = await allOrNothing(deps, async (hold) => {
      const rows: RenderRow[] = [];
      for (const [i, u] of b.urls.entries()) {
        const body = {
          ...b.defaults,
          ...u.options,
          url: u.url,
          ...(b.webhookUrl ? { webhookUrl: b.webhookUrl } : {}),
          ...(b.webhookSecret ? { webhookSecret: b.webhookSecret } : {}),
        };
        const paramOf = (field: string) =>
          u.options?.[field.replace(/\[.*$/, '')] !== undefined ? `urls[${i}].options.${field}` : `defaults.${field}`;
        rows.push(await surface.make(req, body, { id, index: i, total: b.urls.length }, `urls[${i}]`, paramOf, hold));
      }
      return rows;
    });
    // Released together just now: queued (a worker may have taken some since).
    return { id, rows: made.map((r) => ({ ...r, status: 'queued' as const, lease_expires_at: null })) };
  };

  app.post('/v1/screenshots/bulk', async (req, reply) => {
    check(req.body);
    const b = req.body as BulkRequest;
    // Under an Idempotency-Key (the service's idempotency module): the same key and body are the same bulk.
    const key = checkKey(req.headers['idempotency-key']);
    let bulk: { id: string; rows: RenderRow[] };
    if (!key) bulk = await create(req, b);
    else {
      const claim = await deps.idempotency.claim(req.owner, key, requestHash('allscreenshots-bulk', b), 'async');
      if (claim.kind === 'new') {
        try {
          bulk = await create(req, b);
        } catch (e) {
          await claim.abandon();
          throw e;
        }
        await claim.finish({ status: 202, body: { bulk: bulk.id } });
      } else {
        // A bulk never attaches a render to its key, so a claim is either new or answered.
        if (claim.kind !== 'replay')
          throw new ApiError(
            409,
            'idempotency_conflict',
            'The bulk job of this key was interrupted',
            'Idempotency-Key',
          );
        const id = (claim.response.body as { bulk: string }).bulk;
        bulk = { id, rows: (await jobsOf(deps, surface, req.owner, id)) ?? [] };
        reply.header('idempotent-replayed', 'true');
      }
    }
    return reply.code(202).send({
      ...summary(bulk.id, bulk.rows),
      jobs: bulk.rows.map((r) => ({
        id: r.id,
        url: b.urls[surface.bulkOf(r)!.index]!.url,
        status: STATUS_WORDS[r.status],
      })),
    });
  });

  app.get<{ Querystring: { limit?: number } }>(
    '/v1/screenshots/bulk',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 100 } },
        },
      },
    },
    async (req) => (await listBulks(deps, surface, req.owner, req.query.limit ?? 50)).map((g) => summary(g.id, g.rows)),
  );

  app.get<{ Params: { id: string } }>('/v1/screenshots/bulk/:id', { schema: { params: idParams } }, async (req) => {
    const rows = await jobsOf(deps, surface, req.owner, req.params.id);
    if (!rows) throw notFound(req.params.id);
    return { ...summary(req.params.id, rows), jobs: await Promise.all(rows.map((r) => detail(surface, r))) };
  });

  // Cancel: each job not yet ended through the render core's cancel; those ended stay as they are.
  app.post<{ Params: { id: string } }>(
    '/v1/screenshots/bulk/:id/cancel',
    { schema: { params: idParams } },
    async (req) => {
      const rows = await jobsOf(deps, surface, req.owner, req.params.id);
      if (!rows) throw notFound(req.params.id);
      const now = await Promise.all(
        rows.map(async (r) =>
          r.status === 'queued' || r.status === 'processing'
            ? deps.renders.cancel(req.owner, r.id).catch(async () => (await deps.store.render(r.id)) ?? r)
            : r,
        ),
      );
      return summary(req.params.id, now);
    },
  );
}
