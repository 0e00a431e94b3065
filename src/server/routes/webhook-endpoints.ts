// /v1/webhook_endpoints: a key's subscriptions to its jobs' events (docs/render-api.md#webhook-endpoints),
// in the shape of Stripe's webhook endpoints: create (201, the secret shown this once), list (paged like
// renders), retrieve, update (POST: url, enabled_events, description, disabled), delete.
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.js';
import { presentEndpoint, WebhookEndpoints } from '../webhook-endpoints.js';
import { oneValueEach, parameterError, type RouteDeps } from './shared.js';

const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
const listQuery = {
  type: 'object',
  properties: {
    limit: { type: 'string', pattern: '^(?:0{0,2}[1-9]|0?[1-9][0-9]|100)$', description: 'an integer 1-100' },
    starting_after: { type: 'string' },
  },
} as const;
/** An endpoint's fields are a URL, a few event names and a description: a larger body is no endpoint. */
const BODY_BYTES = 64 * 1024;

export async function webhookEndpointRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const endpoints = new WebhookEndpoints(deps.store, deps.config, deps.now);
  app.setSchemaErrorFormatter(parameterError);

  app.post('/v1/webhook_endpoints', { bodyLimit: BODY_BYTES }, async (req, reply) => {
    const e = await endpoints.create(req.owner, req.body);
    return reply.code(201).send(presentEndpoint(e, { secret: true }));
  });

  app.get<{ Querystring: { limit?: string; starting_after?: string } }>(
    '/v1/webhook_endpoints',
    { schema: { querystring: listQuery }, preValidation: oneValueEach(Object.keys(listQuery.properties)) },
    async (req) => {
      const limit = Number(req.query.limit ?? '20');
      const after = req.query.starting_after;
      let before: number | undefined;
      if (after !== undefined) {
        before = await endpoints.seqOf(req.owner, after);
        if (before === undefined)
          throw badRequest(`No webhook endpoint ${after.slice(0, 50)} for starting_after`, 'starting_after');
      }
      const rows = await endpoints.list(req.owner, limit + 1, before);
      return {
        object: 'list',
        url: '/v1/webhook_endpoints',
        data: rows.slice(0, limit).map((e) => presentEndpoint(e)),
        has_more: rows.length > limit,
      };
    },
  );

  app.get<{ Params: { id: string } }>('/v1/webhook_endpoints/:id', { schema: { params: idParams } }, async (req) =>
    presentEndpoint(await endpoints.get(req.owner, req.params.id)),
  );

  app.post<{ Params: { id: string } }>(
    '/v1/webhook_endpoints/:id',
    { schema: { params: idParams }, bodyLimit: BODY_BYTES },
    async (req) => presentEndpoint(await endpoints.update(req.owner, req.params.id, req.body)),
  );

  app.delete<{ Params: { id: string } }>('/v1/webhook_endpoints/:id', { schema: { params: idParams } }, async (req) => {
    await endpoints.delete(req.owner, req.params.id);
    return { id: req.params.id, object: 'webhook_endpoint', deleted: true };
  });
}
