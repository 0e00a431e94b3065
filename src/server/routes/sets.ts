// /v1/sets: whole-set jobs (sets.ts): create (JSON or multipart), list, get, cancel, a finished set's
// images, archive and outputs; and their signed links under /v1/files/sets/ (no key needed).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RenderRow } from '../storage/types.js';
import { SET_PREFIX } from '../sets.js';
import { sendImage, sendOutput } from './files.js';
import { linkCacheControl, linkedRow, linkQuery } from './links.js';
import { idParams, listPage, listQuery } from './renders.js';
import {
  accepted,
  idempotent,
  oneValueEach,
  parameterError,
  readBody,
  type RouteDeps,
  syncResponse,
} from './shared.js';

const fileParams = {
  type: 'object',
  properties: { id: { type: 'string' }, index: { type: 'string' }, output: { type: 'string' } },
  required: ['id'],
} as const;

type FileRequest = {
  Params: { id: string; index?: string; output?: string };
  Querystring: { expires?: string; signature?: string };
};

export async function setRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { config, store, renders, sets, now } = deps;
  app.setSchemaErrorFormatter(parameterError);

  app.post('/v1/sets', async (req, reply) => {
    // A set names a file per screenshot: the multipart limits grow with the set's image limit.
    const { body, files } = await readBody(req, config.limits.bodyBytes, {
      files: config.limits.setImages,
      parts: config.limits.setImages + 2,
    });
    return idempotent(deps, req, reply, 'sets', body, files, async (attach) => {
      const row = await sets.create(req.owner, body, files, deps.baseUrl(req), attach);
      const async = (body as { async?: unknown }).async === true;
      return async ? accepted(renders, row) : syncResponse(renders, await renders.waitFor(row.id));
    });
  });

  app.get<{ Querystring: { limit?: string; status?: RenderRow['status']; starting_after?: string } }>(
    '/v1/sets',
    { schema: { querystring: listQuery }, preValidation: oneValueEach(Object.keys(listQuery.properties)) },
    async (req) => listPage(deps, req.owner, req.query, SET_PREFIX),
  );

  app.get<{ Params: { id: string } }>('/v1/sets/:id', { schema: { params: idParams } }, async (req) =>
    sets.present(await sets.get(req.owner, req.params.id)),
  );

  app.post<{ Params: { id: string } }>('/v1/sets/:id/cancel', { schema: { params: idParams } }, async (req) =>
    sets.present(await sets.cancel(req.owner, req.params.id)),
  );

  const finished = (req: FastifyRequest<{ Params: { id: string } }>) =>
    renders.finished(req.owner, req.params.id, SET_PREFIX);

  const archive = async (row: RenderRow, reply: FastifyReply, cacheControl: string) =>
    reply
      .type('application/zip')
      .header('cache-control', cacheControl)
      .header('content-disposition', `attachment; filename="${row.id}.zip"`)
      .send(await sets.archive(row));

  const output = async (row: RenderRow, id: string, reply: FastifyReply, cacheControl: string) =>
    sendOutput(deps.blobs, await sets.output(row, id), reply, cacheControl);

  const PRIVATE = 'private, max-age=31536000, immutable';
  const withKey = { schema: { params: fileParams } };

  app.get<FileRequest>('/v1/sets/:id/images/:index', withKey, async (req, reply) =>
    sendImage(store, deps.blobs, await finished(req), req.params.index!, undefined, reply, PRIVATE),
  );
  app.get<FileRequest>('/v1/sets/:id/archive', withKey, async (req, reply) =>
    archive(await finished(req), reply, PRIVATE),
  );
  app.get<FileRequest>('/v1/sets/:id/outputs/:output', withKey, async (req, reply) =>
    output(await finished(req), req.params.output!, reply, PRIVATE),
  );

  // Signed links: public routes, the signature stands in for the key (routes/links.ts has the rules).
  const signedOptions = {
    config: { public: true },
    schema: { params: fileParams, querystring: linkQuery },
    preValidation: oneValueEach(['expires', 'signature']),
  };
  const linked = async (req: FastifyRequest<FileRequest>, reply: FastifyReply, file: string) => {
    const row = await linkedRow(deps, `/v1/files/sets/${req.params.id}/${file}`, req.query, req.params.id, SET_PREFIX);
    deps.rateLimit(row.owner, reply);
    return row;
  };
  app.get<FileRequest>('/v1/files/sets/:id/images/:index', signedOptions, async (req, reply) =>
    sendImage(
      store,
      deps.blobs,
      await linked(req, reply, `images/${req.params.index}`),
      req.params.index!,
      undefined,
      reply,
      linkCacheControl(req.query, now()),
    ),
  );
  app.get<FileRequest>('/v1/files/sets/:id/archive', signedOptions, async (req, reply) =>
    archive(await linked(req, reply, 'archive'), reply, linkCacheControl(req.query, now())),
  );
  app.get<FileRequest>('/v1/files/sets/:id/outputs/:output', signedOptions, async (req, reply) =>
    output(
      await linked(req, reply, `outputs/${req.params.output}`),
      req.params.output!,
      reply,
      linkCacheControl(req.query, now()),
    ),
  );
}
