// /v1/events: the events a key's jobs sent to its webhook endpoints (docs/render-api.md#events), in the
// shape of Stripe's API: list (newest first; limit, starting_after, type with `*` groups,
// delivery_success), retrieve, and resend one to one of the key's endpoints (POST …/retry with
// webhook_endpoint, as JSON or form-encoded as Stripe's clients send it).
import type { FastifyInstance } from 'fastify';
import { Events, presentEvent } from '../events.js';
import { badRequest } from '../errors.js';
import { bodyChecker } from '../request.js';
import { eventRetrySchema } from '../schema.js';
import { WebhookEndpoints } from '../webhook-endpoints.js';
import { oneValueEach, parameterError, type RouteDeps } from './shared.js';

const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
const listQuery = {
  type: 'object',
  properties: {
    limit: { type: 'string', pattern: '^(?:0{0,2}[1-9]|0?[1-9][0-9]|100)$', description: 'an integer 1-100' },
    starting_after: { type: 'string' },
    type: { type: 'string', maxLength: 100 },
    delivery_success: { enum: ['true', 'false'] },
  },
} as const;
/** The retry body names one endpoint: anything larger is no retry. */
const BODY_BYTES = 4 * 1024;
const checkRetry = bodyChecker<{ webhook_endpoint: string }>(eventRetrySchema);

export async function eventRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const events = new Events(deps.store, new WebhookEndpoints(deps.store, deps.config, deps.now), deps.deliveries);
  app.setSchemaErrorFormatter(parameterError);
  // Stripe's clients (the CLI's `stripe events resend`, the SDKs) send form-encoded bodies: this
  // plugin's routes take them beside JSON, each field once.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, text, done) => {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(text as string)) {
      if (k in out) return done(badRequest(`Expected one value for ${k.slice(0, 100)}`, k.slice(0, 100)), undefined);
      out[k] = v;
    }
    done(null, out);
  });

  app.get<{ Querystring: { limit?: string; starting_after?: string; type?: string; delivery_success?: string } }>(
    '/v1/events',
    { schema: { querystring: listQuery }, preValidation: oneValueEach(Object.keys(listQuery.properties)) },
    async (req) => {
      const q = req.query;
      const { rows, more } = await events.list(req.owner, {
        limit: Number(q.limit ?? '10'),
        starting_after: q.starting_after,
        type: q.type,
        delivery_success: q.delivery_success === undefined ? undefined : q.delivery_success === 'true',
      });
      return { object: 'list', url: '/v1/events', data: rows.map(presentEvent), has_more: more };
    },
  );

  app.get<{ Params: { id: string } }>('/v1/events/:id', { schema: { params: idParams } }, async (req) =>
    presentEvent(await events.get(req.owner, req.params.id)),
  );

  app.post<{ Params: { id: string } }>(
    '/v1/events/:id/retry',
    { schema: { params: idParams }, bodyLimit: BODY_BYTES },
    async (req) => {
      const body = checkRetry(req.body ?? {});
      return presentEvent(await events.resend(req.owner, req.params.id, body.webhook_endpoint));
    },
  );
}
