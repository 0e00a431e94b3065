// /v1/files/renders/{id}/images/{index} and /archive: a succeeded render's files through the signed,
// expiring links its answers carry (links.ts). Public routes: the signature stands in for the key. A
// link stops working when it expires, when the render expires, and at once when the key that created
// the render is revoked. Requests count against that key's rate limit.
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import type { RenderRow } from '../storage/types.js';
import { sendArchive, sendImage, sendOutput } from './files.js';
import { outputParams, renderOutput } from './renders.js';
import { oneValueEach, parameterError, type RouteDeps } from './shared.js';

export const linkQuery = {
  type: 'object',
  properties: {
    expires: { type: 'string', pattern: '^[0-9]{1,12}$', description: 'a Unix time' },
    signature: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$', description: 'a link signature' },
  },
} as const;
const params = {
  type: 'object',
  properties: { id: { type: 'string' }, index: { type: 'string' } },
  required: ['id'],
} as const;

type LinkRequest = { Params: { id: string; index?: string }; Querystring: { expires?: string; signature?: string } };

export async function linkRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { store, now } = deps;
  app.setSchemaErrorFormatter(parameterError);
  const options = {
    config: { public: true },
    schema: { params, querystring: linkQuery },
    preValidation: oneValueEach(['expires', 'signature']),
  };

  const linked = (pathname: string, q: LinkRequest['Querystring'], id: string) => linkedRow(deps, pathname, q, id);
  const cacheFor = (q: LinkRequest['Querystring']) => linkCacheControl(q, now());

  app.get<LinkRequest>('/v1/files/renders/:id/images/:index', options, async (req, reply) => {
    const { id, index } = req.params;
    const row = await linked(`/v1/files/renders/${id}/images/${index}`, req.query, id);
    deps.rateLimit(row.owner, reply);
    return sendImage(store, deps.blobs, row, index!, undefined, reply, cacheFor(req.query));
  });

  app.get<{ Params: { id: string; output: string }; Querystring: LinkRequest['Querystring'] }>(
    '/v1/files/renders/:id/outputs/:output',
    { ...options, schema: { params: outputParams, querystring: linkQuery } },
    async (req, reply) => {
      const { id, output } = req.params;
      const row = await linked(`/v1/files/renders/${id}/outputs/${output}`, req.query, id);
      deps.rateLimit(row.owner, reply);
      return sendOutput(deps.blobs, await renderOutput(deps.renders, row, output), reply, cacheFor(req.query));
    },
  );

  app.get<LinkRequest>('/v1/files/renders/:id/archive', options, async (req, reply) => {
    const { id } = req.params;
    const row = await linked(`/v1/files/renders/${id}/archive`, req.query, id);
    deps.rateLimit(row.owner, reply);
    return sendArchive(store, deps.blobs, row, reply, cacheFor(req.query));
  });
}

/** Caches (a CDN's too) may keep the bytes as long as the link lives, not longer. */
export const linkCacheControl = (q: { expires?: string }, nowMs: number) =>
  `public, max-age=${Math.max(0, Number(q.expires) - Math.floor(nowMs / 1000))}, immutable`;

/** The job a genuine, unexpired link names (a render, or a set with prefix `set`); throws the API error otherwise. */
export async function linkedRow(
  deps: RouteDeps,
  pathname: string,
  q: { expires?: string; signature?: string },
  id: string,
  prefix = 'rnd',
): Promise<RenderRow> {
  const { store, renders, links, keys, now } = deps;
  const noun = prefix === 'rnd' ? 'render' : prefix;
  const poll = `GET /v1/${noun}s/${id}`;
  for (const name of ['expires', 'signature'] as const)
    if (q[name] === undefined)
      throw new ApiError(
        400,
        'parameter_missing',
        `A signed link needs ${name}: use the download_url or archive_download_url of ${poll} as it is`,
        name,
      );
  const verdict = links.check(pathname, q.expires!, q.signature!, now());
  if (verdict === 'invalid')
    throw new ApiError(
      403,
      'link_invalid',
      `This link's signature is not valid for ${pathname}: ask ${poll} for a fresh link`,
      'signature',
    );
  if (verdict === 'expired')
    throw new ApiError(
      403,
      'link_expired',
      `This link expired at ${new Date(Number(q.expires) * 1000).toISOString()}: ${poll} gives a fresh one`,
      'expires',
    );
  const row = await store.render(id);
  if (!row) throw new ApiError(404, `${noun}_not_found`, `No ${noun} ${id}`, 'id');
  if (!keys.open && !keys.current().includes(row.owner))
    throw new ApiError(
      403,
      'link_revoked',
      'The API key that created this render was revoked: its links no longer work',
    );
  // 410 once the render's results expired.
  await renders.get(row.owner, id, prefix);
  if (row.status !== 'succeeded')
    throw new ApiError(
      409,
      `${noun}_not_ready`,
      `${noun[0]!.toUpperCase()}${noun.slice(1)} ${row.id} is ${row.status}`,
      'id',
    );
  return row;
}
