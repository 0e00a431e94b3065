// /v1/projects: the builder model (docs/render-api.md#projects). Create, list (paged like renders),
// get, patch (name, preset, canvas state), delete; screenshots uploaded to a project (multipart);
// and render, which makes one render of all cards through the render core.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { creditsRemaining } from '../access.js';
import { ApiError, asApiError, badRequest } from '../errors.js';
import type { ProjectFields, ProjectRow, Projects, UploadRow } from '../projects.js';
import type { Renders } from '../renders.js';
import type { RenderRow } from '../storage/types.js';
import { errorMessage } from '../../util/errors.js';
import { oneValueEach, parameterError, type RouteDeps, syncResponse } from './shared.js';

const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
const uploadParams = {
  type: 'object',
  properties: { id: { type: 'string' }, upload: { type: 'string' } },
  required: ['id', 'upload'],
} as const;
const listQuery = {
  type: 'object',
  properties: {
    limit: { type: 'string', pattern: '^(?:0{0,2}[1-9]|0?[1-9][0-9]|100)$', description: 'an integer 1-100' },
    starting_after: { type: 'string' },
  },
} as const;

/** The project fields a create or patch body may hold, checked for shape (the values are checked by Projects). */
export function projectFields(body: unknown, names: { preset: string }): ProjectFields {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('Expected a JSON object for the request body');
  const b = body as Record<string, unknown>;
  const allowed = ['name', names.preset, 'canvas_state'];
  for (const k of Object.keys(b))
    if (!allowed.includes(k)) throw badRequest(`Unknown field ${k}`, k, 'parameter_unknown');
  const out: ProjectFields = {};
  if (b.name !== undefined) out.name = b.name as string;
  if (b[names.preset] !== undefined) {
    if (typeof b[names.preset] !== 'string') throw badRequest(`Expected a string for ${names.preset}`, names.preset);
    out.preset = b[names.preset] as string;
  }
  if (b.canvas_state !== undefined) out.canvas_state = b.canvas_state;
  if (b.name !== undefined && typeof b.name !== 'string') throw badRequest('Expected a string for name', 'name');
  return out;
}

export const presentUpload = (u: UploadRow) => ({
  id: u.id,
  name: u.name,
  width: u.width,
  height: u.height,
  format: u.format,
  bytes: u.bytes,
  sha256: u.sha256,
  created_at: new Date(u.created_at).toISOString(),
});

async function presentProject(projects: Projects, p: ProjectRow) {
  return {
    object: 'project',
    id: p.id,
    name: p.name,
    preset: p.preset,
    canvas_state: JSON.parse(p.canvas_state) as unknown,
    screenshots: (await projects.uploads(p.id)).map(presentUpload),
    created_at: new Date(p.created_at).toISOString(),
    updated_at: new Date(p.updated_at).toISOString(),
  };
}

/** The render a project made, with each image's card (card_index = image index - 1). */
export async function presentProjectRender(renders: Renders, row: RenderRow): Promise<Record<string, unknown>> {
  const r = await renders.present(row);
  return {
    ...r,
    images: (r.images as Array<{ index: number }>).map((i) => ({ card_index: i.index - 1, ...i })),
  };
}

/** The screenshot file parts of a multipart upload (any field name; no other fields). */
export async function readUploads(
  req: FastifyRequest,
  maxFiles: number,
  maxBytes: number,
): Promise<Array<{ field: string; name: string; bytes: Buffer }>> {
  if (!req.isMultipart())
    throw new ApiError(415, 'unsupported_media_type', 'Upload screenshots as multipart/form-data file parts');
  const out: Array<{ field: string; name: string; bytes: Buffer }> = [];
  try {
    for await (const part of req.parts({ limits: { files: maxFiles, fileSize: maxBytes } })) {
      if (part.type !== 'file')
        throw badRequest(
          `Unknown multipart field "${part.fieldname}" (send screenshots as file parts)`,
          part.fieldname,
          'parameter_unknown',
        );
      out.push({ field: part.fieldname, name: part.filename || part.fieldname, bytes: await part.toBuffer() });
    }
  } catch (e) {
    const known = asApiError(e as Error);
    if (known) throw known;
    throw new ApiError(400, 'invalid_multipart', `Invalid multipart body: ${errorMessage(e)}`);
  }
  return out;
}

export async function projectRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { projects, renders, config, store, now } = deps;
  app.setSchemaErrorFormatter(parameterError);
  const credits = (req: FastifyRequest) => creditsRemaining(config, store, req.owner, now());
  const one = async (req: FastifyRequest, p: ProjectRow) => ({
    ...(await presentProject(projects, p)),
    credits_remaining: await credits(req),
  });

  app.post('/v1/projects', async (req, reply) => {
    const p = await projects.create(req.owner, projectFields(req.body, { preset: 'preset' }));
    return reply.code(201).send(await one(req, p));
  });

  app.get<{ Querystring: { limit?: string; starting_after?: string } }>(
    '/v1/projects',
    { schema: { querystring: listQuery }, preValidation: oneValueEach(Object.keys(listQuery.properties)) },
    async (req) => {
      const limit = Number(req.query.limit ?? '20');
      const after = req.query.starting_after;
      let before: number | undefined;
      if (after !== undefined) {
        before = await projects.seqOf(req.owner, after);
        if (before === undefined)
          throw badRequest(`No project ${after.slice(0, 50)} for starting_after`, 'starting_after');
      }
      const rows = await projects.list(req.owner, limit + 1, before);
      return {
        object: 'list',
        data: await Promise.all(rows.slice(0, limit).map((p) => presentProject(projects, p))),
        has_more: rows.length > limit,
        credits_remaining: await credits(req),
      };
    },
  );

  app.get<{ Params: { id: string } }>('/v1/projects/:id', { schema: { params: idParams } }, async (req) =>
    one(req, await projects.get(req.owner, req.params.id)),
  );

  app.patch<{ Params: { id: string } }>('/v1/projects/:id', { schema: { params: idParams } }, async (req) =>
    one(req, await projects.update(req.owner, req.params.id, projectFields(req.body, { preset: 'preset' }))),
  );

  app.delete<{ Params: { id: string } }>('/v1/projects/:id', { schema: { params: idParams } }, async (req) => {
    await projects.delete(req.owner, req.params.id);
    return { object: 'project', id: req.params.id, deleted: true, credits_remaining: await credits(req) };
  });

  app.post<{ Params: { id: string } }>(
    '/v1/projects/:id/screenshots',
    { schema: { params: idParams } },
    async (req, reply) => {
      await projects.get(req.owner, req.params.id);
      const files = await readUploads(req, config.limits.slidesPerRender, config.limits.screenshotBytes);
      const rows = await projects.addUploads(req.owner, req.params.id, files);
      return reply
        .code(201)
        .send({ object: 'list', data: rows.map(presentUpload), credits_remaining: await credits(req) });
    },
  );

  app.delete<{ Params: { id: string; upload: string } }>(
    '/v1/projects/:id/screenshots/:upload',
    { schema: { params: uploadParams } },
    async (req) => {
      await projects.deleteUpload(req.owner, req.params.id, req.params.upload);
      return { object: 'screenshot', id: req.params.upload, deleted: true, credits_remaining: await credits(req) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/v1/projects/:id/render',
    { schema: { params: idParams } },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (typeof body !== 'object' || Array.isArray(body))
        throw badRequest('Expected a JSON object for the request body');
      for (const k of Object.keys(body))
        if (k !== 'async') throw badRequest(`Unknown field ${k}`, k, 'parameter_unknown');
      if (body.async !== undefined && typeof body.async !== 'boolean')
        throw badRequest('Expected a boolean for async', 'async');
      const row = await projects.render(req.owner, req.params.id, deps.baseUrl(req), body.async === true);
      const r = { ...(await presentProjectRender(renders, row)), credits_remaining: await credits(req) };
      return reply.code(body.async === true ? 202 : (await syncResponse(renders, row)).status).send(r);
    },
  );
}
