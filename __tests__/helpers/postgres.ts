// A throwaway PostgreSQL for one test file: Debian's binaries (/usr/lib/postgresql/N/bin), a
// cluster made by initdb in a temporary folder, listening on 127.0.0.1 only (a free port, its
// socket in the same folder), one fresh database per test file (more on demand). It is stopped and
// its folder removed after the file's tests, passed or failed, and when the test process exits.
//
// initdb refuses to run as root: as root (CI), every binary runs as the `postgres` user
// (`runuser -u postgres --`) and the folder is handed to that user.
//
// Without the binaries, `describePg` skips, except under CI=true where the tests fail: CI installs
// Debian's postgresql (.ci/run), and a suite that silently skipped there would hide a broken setup.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { PgBlobStore } from '../../src/server/storage/pg-blobs.js';
import { PostgresStore } from '../../src/server/storage/postgres.js';
import type { BlobStore, ServiceStore } from '../../src/server/storage/types.js';

/** How long a start may take before it fails (initdb on a loaded 2-core machine took 5 s). */
const START_SECONDS = 60;

/** The newest installed PostgreSQL's bin folder, or undefined. */
export function pgBinDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : undefined;
}

export const PG_BIN = pgBinDir();
const asRoot = process.getuid?.() === 0;

export interface PgCluster {
  port: number;
  /** The cluster's folder (data in `data/`, the socket beside it). */
  dir: string;
  /** A new empty database; returns its URL. */
  createDatabase(name?: string): string;
  /** Stops the server at once (connections are cut, as when it crashes or is restarted). */
  kill(): void;
  /** Starts it again on the same port and folder. */
  start(): void;
  /** Stops it and removes its folder. */
  remove(): void;
  /** The server's log so far (for a failure message). */
  log(): string;
}

function run(bin: string, args: string[], timeoutMs = START_SECONDS * 1000): string {
  const file = path.join(PG_BIN as string, bin);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : `exit ${r.status}`;
    throw new Error(`${bin} ${args.join(' ')} failed (${why}):\n${r.stdout}${r.stderr}`);
  }
  return r.stdout;
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const live = new Set<PgCluster>();
process.once('exit', () => {
  for (const c of live) c.remove();
});

/**
 * A detached shell that outlives this process: once the test process is gone (even killed, when no
 * exit hook runs, e.g. a worker torn down after a hook timed out), it stops the server and removes
 * the folder. After a normal remove() it finds nothing to do.
 */
function watchdog(dir: string, data: string): void {
  const pgCtl = path.join(PG_BIN as string, 'pg_ctl');
  const stop = asRoot ? `runuser -u postgres -- ${pgCtl}` : pgCtl;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; if [ -f '${data}/postmaster.pid' ]; then ${stop} -D '${data}' -m immediate stop >/dev/null 2>&1; fi; rm -rf '${dir}'`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

/** Makes and starts a cluster (bounded: a start that is not up in START_SECONDS throws with the log). */
export async function startPostgres(): Promise<PgCluster> {
  if (!PG_BIN) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)');
  const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-pg-'));
  chmodSync(dir, 0o700);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  let port = 0;
  let dbs = 0;
  let removed = false;
  const cluster: PgCluster = {
    get port() {
      return port;
    },
    dir,
    createDatabase(name = `t${++dbs}`) {
      run('createdb', ['-h', dir, '-p', String(port), '-U', 'postgres', name]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    kill() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', String(START_SECONDS), 'stop']);
    },
    start() {
      // -w -t: pg_ctl waits until the server accepts connections, and fails after the time-out.
      // fsync off: a throwaway cluster; nothing here tests the operating system's crash safety.
      const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`;
      try {
        run('pg_ctl', ['-D', data, '-o', opts, '-l', logFile, '-w', '-t', String(START_SECONDS), 'start']);
      } catch (e) {
        throw new Error(
          `PostgreSQL did not start within ${START_SECONDS} s on 127.0.0.1:${port}: ${(e as Error).message}\n${cluster.log()}`,
        );
      }
    },
    remove() {
      if (removed) return;
      removed = true;
      live.delete(cluster);
      if (existsSync(path.join(data, 'postmaster.pid'))) {
        try {
          cluster.kill();
        } catch {
          // already down
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
    log() {
      return existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '(no log)';
    },
  };
  live.add(cluster);
  watchdog(dir, data);
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '-N']);
    // A free port can be taken between the check and the start: one more try on another port.
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      try {
        cluster.start();
        break;
      } catch (e) {
        if (attempt >= 1) throw e;
      }
    }
  } catch (e) {
    cluster.remove();
    throw e;
  }
  return cluster;
}

/** True when the Postgres tests can run; throws under CI=true when they cannot (never a silent skip there). */
export function postgresAvailable(): boolean {
  if (PG_BIN) return true;
  if (process.env.CI === 'true')
    throw new Error("CI=true but PostgreSQL is not installed: .ci/run installs Debian's postgresql");
  return false;
}

/**
 * One cluster for the test file, started in beforeAll and removed in afterAll (a failed test
 * included), with one database made for the file. Use inside `describePg`.
 */
export function usePostgres(): { cluster: () => PgCluster; url: () => string } {
  let cluster: PgCluster | undefined;
  let url = '';
  beforeAll(
    async () => {
      cluster = await startPostgres();
      url = cluster.createDatabase('storeshots');
    },
    (START_SECONDS * 2 + 30) * 1000,
  );
  afterAll(() => cluster?.remove());
  return {
    cluster: () => {
      if (!cluster) throw new Error('PostgreSQL was not started (see beforeAll)');
      return cluster;
    },
    url: () => url,
  };
}

/** describe() when PostgreSQL is installed; skipped without it, failing under CI=true. */
export const describePg = postgresAvailable() ? describe : describe.skip;

// ---- the conformance suite's backend (__tests__/storage-conformance.test.ts) ----------------------

let sharedCluster: Promise<PgCluster> | undefined;
afterAll(async () => {
  const c = sharedCluster;
  sharedCluster = undefined;
  if (c) (await c.catch(() => undefined))?.remove();
});

/**
 * PostgreSQL for the storage conformance suite: one cluster for the test file (started by the first
 * open(), removed after the file), a new database per open() with two stores on it, each with its
 * own pool (two nodes), and the blobs in the same database. undefined when PostgreSQL is not
 * installed, except under CI=true, where open() throws.
 */
export const postgresBackend = {
  name: 'postgres',
  async open(): Promise<
    { store: ServiceStore; other: ServiceStore; blobs: BlobStore; close(): Promise<void> } | undefined
  > {
    if (!postgresAvailable()) return undefined;
    sharedCluster ??= startPostgres();
    const url = (await sharedCluster).createDatabase();
    const store = PostgresStore.open({ url, max: 4, log: () => undefined });
    const other = PostgresStore.open({ url, max: 4, log: () => undefined });
    await Promise.all([store.migrate(), other.migrate()]);
    return {
      store,
      other,
      blobs: new PgBlobStore(store.pool),
      close: async () => {
        await store.close();
        await other.close();
      },
    };
  },
};
