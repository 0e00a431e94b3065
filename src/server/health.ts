// What GET /healthz answers, on an API node (routes/health.ts) and on a worker's own listener
// (`storeshots worker --port`): up, which storage, the shared queue as this node sees it (depth,
// oldest queued job) and the jobs this process renders now. /metrics carries the same as gauges.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { VERSION } from '../version.js';
import type { Clock } from './access.js';
import type { Metrics } from './metrics.js';
import type { ServiceStore } from './storage/types.js';

export interface HealthReport {
  status: 'ok';
  version: string;
  /** `all`, `api` or `worker`. */
  role: string;
  /** `sqlite` or `postgres`. */
  storage: string;
  renders: Record<string, number>;
  pending_deliveries: number;
  queue: { depth: number; oldest_queued_age_seconds: number };
  /** Jobs this process renders now (0 on an API node that only queues). */
  jobs_in_flight: number;
}

export async function healthReport(
  store: ServiceStore,
  role: string,
  inFlight: number,
  now: Clock,
): Promise<HealthReport> {
  const renders = await store.counts();
  const oldest = await store.oldestQueuedAt();
  return {
    status: 'ok',
    version: VERSION,
    role,
    storage: store.engine,
    renders,
    pending_deliveries: await store.pendingDeliveries(),
    queue: {
      depth: renders.queued ?? 0,
      oldest_queued_age_seconds: oldest === undefined ? 0 : Math.max(0, (now() - oldest) / 1000),
    },
    jobs_in_flight: inFlight,
  };
}

/**
 * A worker's small listener: GET /healthz and GET /metrics, nothing else (404), no key (neither
 * carries a secret). A failing database answers 503 with the reason, so a probe sees it.
 */
export async function listenHealth(
  host: string,
  port: number,
  report: () => Promise<HealthReport>,
  metrics: Metrics,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string) =>
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(405, 'application/json', '{"error":"method_not_allowed"}');
    const answer =
      path === '/healthz'
        ? report().then((r) => send(200, 'application/json', JSON.stringify(r)))
        : path === '/metrics'
          ? metrics.render().then((t) => send(200, 'text/plain; version=0.0.4', t))
          : Promise.resolve(send(404, 'application/json', '{"error":"not_found"}'));
    answer.catch((e: Error) =>
      send(503, 'application/json', JSON.stringify({ status: 'unavailable', error: e.message })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${bound}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
