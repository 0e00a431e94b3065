// Starts the render service: storage, worker pool, render queue, delivery loop, HTTP. The one
// function the CLI's `serve` and src/server/index.ts call. Roles (docs/render-api.md#roles-api-nodes-and-workers):
// `all` (the default serve: API and rendering in one process), `api` (queues only; workers render),
// `worker` (`storeshots worker`: claims queued jobs with a lease and renders them; no HTTP).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIO } from '../util/io.js';
import { RenderPool } from '../render/pool.js';
import { UserError } from '../util/errors.js';
import type { Clock } from './access.js';
import { buildApp, type RouteInfo } from './app.js';
import { registerAllscreenshotsWebhook } from './compat/allscreenshots.js';
import { registerAppscreenEvents } from './compat/appscreen/routes.js';
import { capturePoolStats, closeCapturePools } from './capture.js';
import { DecodeBudget } from './budget.js';
import { loadConfig, type ServeOptions, type ServerConfig } from './config.js';
import { Deliveries } from './deliveries.js';
import { LinkSigner, linkSecretsOf } from './links.js';
import { Idempotency } from './idempotency.js';
import { KeyRing } from './keys.js';
import { Metrics } from './metrics.js';
import { closeAgents } from './net.js';
import { Projects } from './projects.js';
import { Renders } from './renders.js';
import { Sets } from './sets.js';
import { LibreTranslate } from './translate/libretranslate.js';
import { Translator } from './translate/translator.js';
import { openStorage, parseDatabaseFlag } from './storage/open.js';
import type { BlobStore, ServiceStore } from './storage/types.js';
import { healthReport, listenHealth } from './health.js';

export interface RunningServer {
  url: string;
  port: number;
  config: ServerConfig;
  /** Where the rows live: the --data folder (SQLite) or the database URL without its password. */
  storage: string;
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

export type ServiceRole = 'all' | 'api' | 'worker';

export interface ServiceOptions {
  /** The service's clock, ms since the epoch (default Date.now): render times, expiry, quotas, rate limits, key ages. Tests inject one. */
  now?: Clock;
  /** What this process does (default `all`). */
  role?: ServiceRole;
  /** A worker's /healthz and /metrics listener (`storeshots worker --port`): none when undefined. */
  health?: { host: string; port: number };
}

/** This process's name in claims and leases: host, pid and a random part (a restarted pid is another worker). */
const nodeId = () => `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export async function startServer(opts: ServeOptions, io: CliIO, service: ServiceOptions = {}): Promise<RunningServer> {
  const config = loadConfig(opts, io.env, io.cwd);
  const now = service.now ?? Date.now;
  const role = service.role ?? 'all';
  const log = (msg: string) => io.stderr(`storeshots ${role === 'worker' ? 'worker' : 'serve'}: ${msg}\n`);
  // --database (or STORESHOTS_DATABASE_URL): PostgreSQL shared by every node, else SQLite under --data.
  const choice = parseDatabaseFlag(
    opts.database ?? io.env.STORESHOTS_DATABASE_URL,
    opts.database === undefined ? 'STORESHOTS_DATABASE_URL' : '--database',
  );
  // One API node per --data (SQLite): two would both resume each other's renders. Workers share it.
  // On PostgreSQL --data is only this machine's scratch folder: nodes coordinate in the database.
  const unlock = role === 'worker' || choice.engine !== 'sqlite' ? () => undefined : lockData(config.dataDir);
  let store: ServiceStore;
  let blobs: BlobStore;
  let storage: string;
  let links: LinkSigner;
  try {
    ({ store, blobs, where: storage } = await openStorage(choice, config.dataDir, { log }));
  } catch (e) {
    unlock();
    throw e;
  }
  try {
    links = new LinkSigner(await linkSecretsOf(io.env, config.dataDir, store.setting?.bind(store)));
  } catch (e) {
    unlock();
    await store.close();
    throw e;
  }
  const node = nodeId();
  if (role !== 'worker' && !store.shared) {
    const released = await store.releaseOrphanKeys();
    if (released) log(`released ${released} idempotency key(s) of requests that never got an answer`);
  }
  const metrics = new Metrics();
  // Render threads start on demand and idle out after a minute: a slow render occupies a thread, never the API's event loop.
  // An API node that only queues has none.
  const opened =
    role === 'api' ? undefined : await RenderPool.open(config.workers, { minThreads: 1, idleTimeoutMs: 60_000 });
  if (opened && !(opened instanceof RenderPool)) {
    unlock();
    await store.close();
    throw new Error(`cannot start the render threads: ${opened.unavailable}`);
  }
  const pool = opened;
  const budget = new DecodeBudget(config.limits.decodeBudgetBytes);
  const deliveries = new Deliveries(store, config, now, metrics, log, node);
  const renders = new Renders(
    store,
    blobs,
    { worker: node, leaseMs: config.leaseMs, render: role !== 'api', recoverAll: role === 'all' && !store.shared },
    pool,
    budget,
    config,
    now,
    deliveries,
    metrics,
    log,
    links,
  );
  const sets = new Sets(store, blobs, renders, config, now);
  const idempotency = new Idempotency(store, now, config.idempotencyTtlSeconds);
  const projects = new Projects(store, blobs, renders, config, now);
  metrics.collect(async () => {
    const cap = capturePoolStats();
    metrics.set('storeshots_capture_browser_launches', 'Chromium launches for web capture since start.', cap.launches);
    metrics.set('storeshots_capture_browsers', 'Warm capture browsers running.', cap.running);
    metrics.set('storeshots_capture_contexts', 'Web captures running (browser contexts open).', cap.contexts);
    metrics.set('storeshots_capture_waiting', 'Web captures waiting for a place.', cap.waiting);
    const counts = await store.counts();
    for (const s of ['queued', 'processing', 'succeeded', 'failed', 'canceled']) {
      metrics.set('storeshots_renders', 'Renders kept, by status.', counts[s] ?? 0, { status: s });
    }
    metrics.set(
      'storeshots_deliveries_pending',
      'Webhook and dispatch deliveries waiting for a 2xx.',
      await store.pendingDeliveries(),
    );
    const oldest = await store.oldestQueuedAt();
    metrics.set(
      'storeshots_queue_oldest_age_seconds',
      'Age of the oldest queued job (0 when none is queued).',
      oldest === undefined ? 0 : Math.max(0, (now() - oldest) / 1000),
    );
    metrics.set('storeshots_jobs_in_flight', 'Jobs this process is rendering now.', renders.inFlight);
    if (!pool) return;
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

  await renders.recover();
  if (role === 'all' && !store.shared) await deliveries.recover();

  if (role === 'worker') {
    // The API nodes register the compatibility surfaces' webhook formats with their routes; a worker
    // ends those jobs too, and the webhook's body and kind are made when a job ends.
    registerAllscreenshotsWebhook({ store, renders, now, config, links });
    registerAppscreenEvents(renders);
    let health: Awaited<ReturnType<typeof listenHealth>> | undefined;
    if (service.health) {
      try {
        health = await listenHealth(
          service.health.host,
          service.health.port,
          () => healthReport(store, 'worker', renders.inFlight, now),
          metrics,
        );
      } catch (e) {
        await pool?.close().catch(() => undefined);
        await store.close();
        throw new UserError(
          `cannot listen on ${service.health.host}:${service.health.port} for /healthz and /metrics: ${(e as Error).message}`,
        );
      }
    }
    renders.start();
    let closing: Promise<void> | undefined;
    return {
      url: health?.url ?? '',
      port: health ? Number(new URL(health.url).port) : 0,
      config,
      storage,
      routes: [],
      close: () =>
        (closing ??= (async () => {
          // A worker hands its jobs back: another worker takes them at once, not after the lease.
          await renders.stop(true);
          await health?.close();
          await pool?.close().catch(() => undefined);
          await closeAgents();
          await store.close();
        })()),
    };
  }

  const keys = new KeyRing(config, log);
  // Translation runs on the API node, at request time: workers never need it.
  const translator = config.translate ? new Translator(new LibreTranslate(config.translate), metrics) : undefined;
  const { app, routes } = await buildApp({
    config,
    store,
    blobs,
    renders,
    deliveries,
    sets,
    projects,
    idempotency,
    metrics,
    now,
    keys,
    links,
    translator,
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
    storage,
    routes,
    close: () =>
      (closing ??= (async () => {
        process.off('SIGHUP', onHup);
        keys.close();
        deliveries.stop();
        await renders.stop();
        await app.close();
        await translator?.close();
        await pool?.close().catch(() => undefined);
        await closeCapturePools();
        await closeAgents();
        await store.close();
        unlock();
      })()),
  };
}
