// A test that starts `storeshots serve` and then times out (or simply forgets to stop it) must not
// leave the service running: a nested vitest runs such tests (fixtures/serve-timeout) and we check
// the pids they wrote.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers/server.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it('stops the service of a test that timed out and of one that forgot it', { timeout: 180_000 }, () => {
  const pidFile = path.join(mkdtempSync(path.join(tmpdir(), 'storeshots-timeout-')), 'pid');
  const r = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      path.join(ROOT, '__tests__/fixtures/serve-timeout/vitest.config.ts'),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, STORESHOTS_PID_FILE: pidFile },
      encoding: 'utf8',
      timeout: 170_000,
    },
  );
  const out = r.stdout + r.stderr;
  expect(r.status, out).toBe(1);
  expect(out).toMatch(/Test timed out in 30000ms/);
  const pids = [Number(readFileSync(pidFile, 'utf8')), Number(readFileSync(`${pidFile}.2`, 'utf8'))];
  for (const pid of pids) {
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid), `storeshots serve (pid ${pid}) still runs`).toBe(false);
  }
});
