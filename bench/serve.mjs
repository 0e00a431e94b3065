// `storeshots serve` from dist/ for the benches: loopback, port 0, a throwaway --data folder, the rate
// limit off. Resolves once the server says where it listens; stop() ends it and removes the folder.
// `command` runs the server under another program (e.g. ['/usr/bin/time', '-f', …, '-o', file]).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export async function startServe({
  key = `bench_${process.pid}`,
  env = {},
  prefix = 'storeshots-bench-',
  command = [],
  args: extra = [],
} = {}) {
  if (!existsSync(path.join(root, 'dist/render/worker.js')))
    throw new Error('dist/ is missing: run "npm run build" first');
  const data = mkdtempSync(path.join(os.tmpdir(), prefix));
  const args = [
    path.join(root, 'bin/storeshots.js'),
    'serve',
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--data',
    data,
    ...extra,
  ];
  const [cmd, ...pre] = command.length ? [...command, process.execPath] : [process.execPath];
  const proc = spawn(cmd, [...pre, ...args], {
    cwd: root,
    env: {
      ...process.env,
      STORESHOTS_API_KEYS: key,
      STORESHOTS_RATE_LIMIT: '0',
      STORESHOTS_LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    key,
    pid: proc.pid,
    stop: async () => {
      const exited = new Promise((r) => proc.on('exit', r));
      proc.kill('SIGTERM');
      await exited;
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/**
 * `storeshots worker --database URL` from dist/ with a throwaway scratch folder and its /healthz and
 * /metrics on a free loopback port. Resolves once it renders; stop() ends it (SIGTERM: it hands its
 * jobs back) and removes the folder.
 */
export async function startWorker({ database, env = {}, prefix = 'storeshots-bench-worker-' }) {
  const data = mkdtempSync(path.join(os.tmpdir(), prefix));
  const args = [path.join(root, 'bin/storeshots.js'), 'worker', '--database', database, '--data', data, '--port', '0'];
  const proc = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, STORESHOTS_LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = /\(health: (http:\/\/127\.0\.0\.1:\d+)\/healthz\)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
  return {
    url,
    pid: proc.pid,
    stop: async () => {
      const exited = new Promise((r) => proc.on('exit', r));
      proc.kill('SIGTERM');
      await exited;
      rmSync(data, { recursive: true, force: true });
    },
  };
}
