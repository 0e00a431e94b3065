// GET /healthz, /metrics and /v1/openapi.json: the routes served without a key.
import type { FastifyInstance } from 'fastify';
import { VERSION } from '../../version.js';
import { openApiDocument } from '../openapi.js';
import type { RouteDeps } from './shared.js';

/** The allow-list: the only routes served without a key. */
const OPEN = { config: { public: true } } as const;

export async function healthRoutes(app: FastifyInstance, { store, metrics }: RouteDeps): Promise<void> {
  app.get('/healthz', OPEN, async () => ({
    status: 'ok',
    version: VERSION,
    renders: await store.counts(),
    pending_deliveries: await store.pendingDeliveries(),
  }));
  app.get('/metrics', OPEN, async (_req, reply) =>
    reply.type('text/plain; version=0.0.4').send(await metrics.render()),
  );
  const doc = openApiDocument();
  app.get('/v1/openapi.json', OPEN, async () => doc);
}
