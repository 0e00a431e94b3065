// The render service as tests start it: startService() runs the real service (the built bin, as
// users run it) on 127.0.0.1 with a temporary --data folder; startServiceInProcess() runs it inside
// the test process for tests that need its route table. Plus the API caller, a poll until a render
// ends, and loopback receivers for webhooks and GitHub dispatches.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import { ROOT } from './root.js';
import { waitFor } from './wait.js';

export { ROOT };
export const FIXTURES = path.join(ROOT, '__tests__/fixtures/server');
export const SCREEN_PNG = readFileSync(path.join(FIXTURES, 'screen.png'));
export const SCREEN_JPG = readFileSync(path.join(FIXTURES, 'screen.jpg'));
/** 768x1024: the iPad's 3:4 (a phone screenshot on an iPad canvas is refused by the renderer). */
export const SCREEN_IPAD = readFileSync(path.join(FIXTURES, 'screen-ipad.png'));
export const KEY = 'sk_test_alpha';
export const OTHER_KEY = 'sk_test_beta';

export interface ServerHandle {
  url: string;
  port: number;
  data: string;
  proc: ChildProcess;
  stderr: () => string;
  /** Resolves with the exit code after SIGTERM. */
  stop: () => Promise<number | null>;
  kill9: () => Promise<void>;
}

// Every service a test started and that still runs: killed when the test process exits, whatever
// happened to the test (a time-out does not run the code after the await it was stuck in). The
// --data folders the fixture made itself go with them.
const live = new Set<ChildProcess>();
const madeData = new Set<string>();
process.once('exit', () => {
  for (const p of live) p.kill('SIGKILL');
  for (const d of madeData) cleanup(d);
});

export function tempData(): string {
  return mkdtempSync(path.join(tmpdir(), 'storeshots-serve-'));
}

/**
 * Spawns `storeshots serve --port 0` on 127.0.0.1 and waits for the address it prints on stdout.
 * Started inside a test, it is stopped when that test ends; started in a hook, the caller's afterAll
 * stops it (an exit hook backs both up). A --data folder it made itself (no `data` given) is removed
 * when the test process exits, if the test did not remove it (cleanup) before.
 */
export async function startService(
  opts: { env?: NodeJS.ProcessEnv; data?: string; args?: string[] } = {},
): Promise<ServerHandle> {
  const data = opts.data ?? tempData();
  if (!opts.data) madeData.add(data);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STORESHOTS_API_KEYS: `${KEY},${OTHER_KEY}`,
    STORESHOTS_WORKERS: '2',
    STORESHOTS_POLL_MS: '20',
    STORESHOTS_WEBHOOK_BACKOFF_MS: '20',
    STORESHOTS_WEBHOOK_BACKOFF_MAX_MS: '200',
    STORESHOTS_RATE_LIMIT: '0',
    ...opts.env,
  };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const proc = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/storeshots.js'), 'serve', '--port', '0', '--data', data, ...(opts.args ?? [])],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  live.add(proc);
  proc.once('exit', () => live.delete(proc));
  // Started inside a test: stopped when that test ends, passed, failed or timed out. (Started in a
  // beforeAll hook, the caller's afterAll stops it, and the exit hook above backs that up.)
  let stoppedAtTestEnd = false;
  try {
    onTestFinished(async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      stoppedAtTestEnd = true;
      const gone = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await gone;
    });
  } catch {
    // not inside a test
  }
  let err = '';
  let out = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    // Stopped because its test ended (timed out while it started): nobody waits for it any more.
    void exited.then(
      (code) => stoppedAtTestEnd || reject(new Error(`server exited (${code}) before listening:\n${err}`)),
    );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    data,
    proc,
    stderr: () => err,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * The service with Debian's Chromium for web capture, opening only `allowHosts` (a loopback page server's
 * `127.0.0.1:<port>`, no private ranges), a 60 s capture limit, and its own /v1/openapi.json to check answers.
 */
export async function startCaptureService(
  allowHosts: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ svc: ServerHandle; doc: any }> {
  const svc = await startService({
    env: {
      STORESHOTS_BROWSER: '/usr/bin/chromium',
      STORESHOTS_ALLOW_HOSTS: allowHosts,
      STORESHOTS_CAPTURE_TIMEOUT_MS: '60000',
      ...env,
    },
  });
  return { svc, doc: (await api(svc.url, 'GET', '/v1/openapi.json', undefined, { key: null })).body };
}

export function cleanup(data: string): void {
  rmSync(data, { recursive: true, force: true });
}

export interface InProcessService extends RunningServer {
  data: string;
}

/**
 * The service inside this test process (src/server/server.ts), on 127.0.0.1 with a temporary --data
 * folder, for tests that need what only the process knows (its route table). `env` is the whole
 * environment it sees; close() stops it and removes the folder.
 */
export async function startServiceInProcess(opts: {
  env: NodeJS.ProcessEnv;
  /** The service's clock (default Date.now). */
  now?: () => number;
  /** A --data folder to use (and keep on close); default a new temporary one, removed on close. */
  data?: string;
}): Promise<InProcessService> {
  const data = opts.data ?? tempData();
  // Loaded on demand: the other tests of this helper start the built bin and need none of it.
  const { startServer: startServerInProcess } = await import('../../src/server/server.js');
  const server = await startServerInProcess(
    { port: '0', host: '127.0.0.1', data },
    { cwd: process.cwd(), env: opts.env, stdout: () => undefined, stderr: () => undefined, isTTY: false },
    { now: opts.now },
  );
  return {
    url: server.url,
    port: server.port,
    config: server.config,
    storage: server.storage,
    routes: server.routes,
    data,
    close: async () => {
      await server.close();
      if (!opts.data) cleanup(data);
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the API with a key; JSON in, JSON (or bytes for non-JSON answers) out. */
export async function api<T = any>(
  base: string,
  method: string,
  url: string,
  body?: unknown,
  opts: { key?: string | null; headers?: Record<string, string>; raw?: RequestInit['body'] } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key !== null) headers.authorization = `Bearer ${opts.key ?? KEY}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + url, {
    method,
    headers,
    body: opts.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/**
 * Polls a render until it has ended (each poll is a request, no sleeping for a time-out). The bound
 * is longer than any test's own time-out: the test's limit is the one that applies.
 */
export async function pollUntilEnded(base: string, id: string, key = KEY, seen?: string[]): Promise<any> {
  return waitFor(
    async () => {
      const r = await api(base, 'GET', `/v1/renders/${id}`, undefined, { key });
      if (r.status !== 200) throw new Error(`poll ${id}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
      seen?.push(r.body.status);
      return ['succeeded', 'failed', 'canceled'].includes(r.body.status) ? r.body : undefined;
    },
    { timeoutMs: 600_000, intervalMs: 25, what: `render ${id} to end` },
  );
}

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body's bytes exactly as they arrived (what a signature is checked against). */
  raw: Buffer;
  status: number;
}

/** A loopback HTTP receiver that answers with the given statuses in turn (the last one repeats). */
export async function receiver(statuses: number[] = [200]): Promise<{
  url: string;
  received: Received[];
  next: (n?: number) => Promise<Received[]>;
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = statuses[Math.min(received.length, statuses.length - 1)]!;
      received.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        raw: Buffer.concat(chunks),
        status,
      });
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Resolves once at least n requests have arrived. */
    next: async (n = received.length + 1) => {
      while (received.length < n) await new Promise<void>((r) => waiters.push(r));
      return received;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export const b64 = (buf: Buffer) => buf.toString('base64');
