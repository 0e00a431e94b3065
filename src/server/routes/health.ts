// GET /healthz, /metrics and /v1/openapi.json: the routes served without a key.
import type { FastifyInstance } from 'fastify';
import { healthReport } from '../health.js';
import { openApiDocument } from '../openapi.js';
import type { RouteDeps } from './shared.js';

/** The allow-list: the only routes served without a key. */
const OPEN = { config: { public: true } } as const;

export async function healthRoutes(app: FastifyInstance, { store, metrics, renders, now }: RouteDeps): Promise<void> {
  app.get('/healthz', OPEN, async () => healthReport(store, renders.rendering ? 'all' : 'api', renders.inFlight, now));
  app.get('/metrics', OPEN, async (_req, reply) =>
    reply.type('text/plain; version=0.0.4').send(await metrics.render()),
  );
  const doc = openApiDocument();
  app.get('/v1/openapi.json', OPEN, async () => doc);
}
