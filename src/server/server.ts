// Starts the render service: storage, worker pool, render queue, delivery loop, HTTP. The one
// function the CLI's `serve` and src/server/index.ts call.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CliIO } from '../util/io.js';
import { RenderPool } from '../render/pool.js';
import { UserError } from '../util/errors.js';
import type { Clock } from './access.js';
import { buildApp, type RouteInfo } from './app.js';
import { DecodeBudget } from './budget.js';
import { loadConfig, type ServeOptions, type ServerConfig } from './config.js';
import { Deliveries } from './deliveries.js';
import { LinkSigner, loadLinkSecrets } from './links.js';
import { Idempotency } from './idempotency.js';
import { KeyRing } from './keys.js';
import { Metrics } from './metrics.js';
import { closeAgents } from './net.js';
import { Projects } from './projects.js';
import { Renders } from './renders.js';
import { Sets } from './sets.js';
import { ServiceDb } from './store.js';

export interface RunningServer {
  url: string;
  port: number;
  config: ServerConfig;
  /** Every route the API registered, with whether it is served without a key. */
  routes: readonly RouteInfo[];
  close(): Promise<void>;
}

/** One server per --data: two would both resume each other's renders. A lock left by a killed process is taken over. */
function lockData(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'serve.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8'));
      let alive = false;
      try {
        alive = Number.isInteger(pid) && pid > 0 && pid !== process.pid && process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (alive)
        throw new UserError(`another storeshots serve (pid ${pid}) uses --data ${dir}; stop it or pick another folder`);
      rmSync(file, { force: true });
    }
  }
  throw new UserError(`cannot lock --data ${dir}`);
}

export interface ServiceOptions {
  /** The service's clock, ms since the epoch (default Date.now): render times, expiry, quotas, rate limits, key ages. Tests inject one. */
  now?: Clock;
}

export async function startServer(opts: ServeOptions, io: CliIO, service: ServiceOptions = {}): Promise<RunningServer> {
  const config = loadConfig(opts, io.env, io.cwd);
  const now = service.now ?? Date.now;
  const log = (msg: string) => io.stderr(`storeshots serve: ${msg}\n`);
  const unlock = lockData(config.dataDir);
  let links: LinkSigner;
  try {
    links = new LinkSigner(loadLinkSecrets(io.env, config.dataDir));
  } catch (e) {
    unlock();
    throw e;
  }
  const store = new ServiceDb(config.dataDir);
  const released = store.releaseOrphanKeys();
  if (released) log(`released ${released} idempotency key(s) of requests that never got an answer`);
  const metrics = new Metrics();
  // Render threads start on demand and idle out after a minute: a slow render occupies a thread, never the API's event loop.
  const pool = await RenderPool.open(config.workers, { minThreads: 1, idleTimeoutMs: 60_000 });
  if (!(pool instanceof RenderPool)) {
    unlock();
    store.close();
    throw new Error(`cannot start the render threads: ${pool.unavailable}`);
  }
  const budget = new DecodeBudget(config.limits.decodeBudgetBytes);
  const deliveries = new Deliveries(store, config, now, metrics, log);
  const renders = new Renders(store, pool, budget, config, now, deliveries, metrics, log, links);
  const sets = new Sets(store, renders, config, now);
  const idempotency = new Idempotency(store, now, config.idempotencyTtlSeconds);
  const projects = new Projects(store, renders, config, now);
  metrics.collect(() => {
    const counts = store.counts();
    for (const s of ['queued', 'processing', 'succeeded', 'failed', 'canceled']) {
      metrics.set('storeshots_renders', 'Renders kept, by status.', counts[s] ?? 0, { status: s });
    }
    metrics.set(
      'storeshots_deliveries_pending',
      'Webhook and dispatch deliveries waiting for a 2xx.',
      store.pendingDeliveries(),
    );
    metrics.set('storeshots_worker_threads', 'Render worker threads running.', pool.threads);
    metrics.set('storeshots_worker_queue_size', 'Images waiting for a render worker.', pool.queueSize);
    metrics.set('storeshots_worker_utilization', 'Share of worker capacity used since start (0-1).', pool.utilization);
    // Outputs (zips, contact sheets, review PDFs) are made there too, never on the API's thread.
    for (const [kind, n] of Object.entries(pool.tasks))
      metrics.set('storeshots_worker_tasks', 'Tasks handed to the render workers since start, by kind.', n, { kind });
    metrics.set(
      'storeshots_decode_budget_bytes',
      'Decode memory the render workers share (STORESHOTS_DECODE_BUDGET_BYTES).',
      config.limits.decodeBudgetBytes,
    );
    metrics.set('storeshots_decode_budget_waiting', 'Images waiting for decode memory.', budget.waiting);
    const held = pool.decodeHeld;
    metrics.set(
      'storeshots_decode_bytes_held',
      'Decode memory the render workers hold now (estimated per image).',
      held.now,
    );
    metrics.set(
      'storeshots_decode_bytes_held_peak',
      'Most decode memory the render workers held at once since start.',
      held.peak,
    );
  });

  const keys = new KeyRing(config, log);
  const { app, routes } = await buildApp({
    config,
    store,
    renders,
    sets,
    projects,
    idempotency,
    metrics,
    now,
    keys,
    links,
  });
  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  renders.start();
  deliveries.start();
  if (keys.open) log('no API keys configured: the API is open (allowed on loopback only)');
  keys.watch();
  const onHup = () => keys.reload('SIGHUP');
  process.on('SIGHUP', onHup);
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    config,
    routes,
    close: () =>
      (closing ??= (async () => {
        process.off('SIGHUP', onHup);
        keys.close();
        deliveries.stop();
        await renders.stop();
        await app.close();
        await pool.close().catch(() => undefined);
        await closeAgents();
        store.close();
        unlock();
      })()),
  };
}
