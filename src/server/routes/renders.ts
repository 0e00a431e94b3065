// /v1/renders: create (JSON or multipart), list, get, cancel, and a finished render's images and archive.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkQuota } from '../access.js';
import { netPolicy } from '../config.js';
import { ApiError } from '../errors.js';
import { acquireScreenshots } from '../inputs.js';
import type { OutputFile } from '../outputs.js';
import type { Renders } from '../renders.js';
import { checkRenderRequest, type RenderSpec } from '../request.js';
import type { RenderRow } from '../storage/types.js';
import { sendArchive, sendImage, sendOutput } from './files.js';
import {
  accepted,
  idempotent,
  oneValueEach,
  parameterError,
  readBody,
  type RouteDeps,
  syncResponse,
} from './shared.js';

const STATUSES = ['queued', 'processing', 'succeeded', 'failed', 'canceled'] as const;

export const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
const imageParams = {
  type: 'object',
  properties: { id: { type: 'string' }, index: { type: 'string' } },
  required: ['id', 'index'],
} as const;

export const listQuery = {
  type: 'object',
  properties: {
    // 1-100, written with up to three digits (007 is 7).
    limit: { type: 'string', pattern: '^(?:0{0,2}[1-9]|0?[1-9][0-9]|100)$', description: 'an integer 1-100' },
    status: { type: 'string', pattern: `^(?:${STATUSES.join('|')})$`, description: 'a render status' },
    starting_after: { type: 'string' },
  },
} as const;

const imageQuery = {
  type: 'object',
  properties: { encoding: { type: 'string', pattern: '^base64$', description: 'base64' } },
} as const;

export async function renderRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { config, store, renders, now } = deps;
  app.setSchemaErrorFormatter(parameterError);

  app.post('/v1/renders', async (req, reply) => {
    const { body, files } = await readBody(req, config.limits.bodyBytes);
    return idempotent(deps, req, reply, 'renders', body, files, async (attach) => {
      const checked = await checkRenderRequest(body, { config, files });
      await checkQuota(config, store, req.owner, checked.spec.slides.length, now());
      const shots = await acquireScreenshots(checked.screenshots, files, config.limits, netPolicy(config));
      const row = await renders.create(req.owner, checked, shots, deps.baseUrl(req), attach);
      return checked.spec.async ? accepted(renders, row) : syncResponse(renders, await renders.waitFor(row.id));
    });
  });

  app.get<{ Querystring: { limit?: string; status?: RenderRow['status']; starting_after?: string } }>(
    '/v1/renders',
    { schema: { querystring: listQuery }, preValidation: oneValueEach(Object.keys(listQuery.properties)) },
    async (req) => listPage(deps, req.owner, req.query, 'rnd'),
  );

  app.get<{ Params: { id: string } }>('/v1/renders/:id', { schema: { params: idParams } }, async (req) =>
    renders.present(await renders.get(req.owner, req.params.id)),
  );

  app.post<{ Params: { id: string } }>('/v1/renders/:id/cancel', { schema: { params: idParams } }, async (req) =>
    renders.present(await renders.cancel(req.owner, req.params.id)),
  );

  const finished = (req: FastifyRequest<{ Params: { id: string } }>) => renders.finished(req.owner, req.params.id);

  app.get<{ Params: { id: string; index: string }; Querystring: { encoding?: 'base64' } }>(
    '/v1/renders/:id/images/:index',
    { schema: { params: imageParams, querystring: imageQuery }, preValidation: oneValueEach(['encoding']) },
    async (req, reply) => {
      const row = await finished(req);
      return sendImage(
        store,
        deps.blobs,
        row,
        req.params.index,
        req.query.encoding,
        reply,
        'private, max-age=31536000, immutable',
      );
    },
  );

  app.get<{ Params: { id: string } }>('/v1/renders/:id/archive', { schema: { params: idParams } }, async (req, reply) =>
    sendArchive(store, deps.blobs, await finished(req), reply),
  );

  app.get<{ Params: { id: string; output: string } }>(
    '/v1/renders/:id/outputs/:output',
    { schema: { params: outputParams } },
    async (req, reply) =>
      sendOutput(
        deps.blobs,
        await renderOutput(renders, await finished(req), req.params.output),
        reply,
        'private, max-age=31536000, immutable',
      ),
  );
}

export const outputParams = {
  type: 'object',
  properties: { id: { type: 'string' }, output: { type: 'string' } },
  required: ['id', 'output'],
} as const;

/** A render's output file (404 output_not_found for one it did not ask for or has not made). */
export function renderOutput(renders: Renders, row: RenderRow, output: string): Promise<OutputFile> {
  return renders.outputs.find(row, (JSON.parse(row.spec) as RenderSpec).outputs ?? [], output, 'render');
}

/** One page of an owner's jobs of one kind (GET /v1/renders, GET /v1/sets). */
export async function listPage(
  deps: RouteDeps,
  owner: string,
  query: { limit?: string; status?: RenderRow['status']; starting_after?: string },
  prefix: string,
) {
  const { status, starting_after: after } = query;
  const limit = Number(query.limit ?? '20');
  let before: number | undefined;
  if (after !== undefined) {
    // The cursor is looked up among this key's jobs only: another key's id is, to this key,
    // an id that does not exist (same status, same message).
    before = await deps.store.seqOf(after, owner, prefix);
    if (before === undefined)
      throw new ApiError(
        400,
        'invalid_request',
        `No ${prefix === 'rnd' ? 'render' : prefix} ${after.slice(0, 50)} for starting_after`,
        'starting_after',
      );
  }
  const rows = await deps.store.list(owner, limit + 1, before, status, prefix);
  return {
    object: 'list',
    data: await Promise.all(rows.slice(0, limit).map((r) => deps.renders.present(r))),
    has_more: rows.length > limit,
  };
}
