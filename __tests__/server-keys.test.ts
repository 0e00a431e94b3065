// Key revocation without a restart (issue #13, item 14): the --keys FILE is re-read when it changes
// (replaced by a rename, as deploys do, or rewritten in place) and on SIGHUP. The test waits for the
// server's own "keys reloaded" line (an event, not a sleep), then checks what the keys can do.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, cleanup, startService, tempData, type ServerHandle } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

describe('the keys file is reloaded while the server runs', () => {
  let s: ServerHandle;
  let data: string;
  let file: string;

  /** Resolves once stderr, after `from`, has a line matching re; returns where it ended. */
  async function logged(re: RegExp, from: number): Promise<number> {
    // A bound so a missing reload fails the test rather than hanging it (not a timing assertion).
    return waitFor(
      () => {
        const tail = s.stderr().slice(from);
        const m = re.exec(tail);
        if (m) return from + m.index + m[0].length;
        if (s.proc.exitCode !== null) throw new Error(`server exited:\n${s.stderr()}`);
        return undefined;
      },
      { timeoutMs: 10_000, intervalMs: 10, what: () => `no log line ${re}:\n${s.stderr().slice(from)}` },
    );
  }
  const status = async (key: string) => (await api(s.url, 'GET', '/v1/renders', undefined, { key })).status;

  beforeAll(async () => {
    data = tempData();
    file = path.join(data, 'keys.txt');
    writeFileSync(file, '# keys\nsk_keep\nsk_revoke\n');
    s = await startService({ data, env: { STORESHOTS_API_KEYS: undefined }, args: ['--keys', file] });
  });
  afterAll(async () => {
    await s?.stop();
    if (data) cleanup(data);
  });

  it('refuses a key removed by replacing the file (rename), at once and without a restart', async () => {
    expect([await status('sk_keep'), await status('sk_revoke')]).toEqual([200, 200]);
    const from = s.stderr().length;
    const tmp = `${file}.new`;
    writeFileSync(tmp, 'sk_keep\n');
    renameSync(tmp, file);
    await logged(/keys reloaded \(file changed\): 1 key\(s\)/, from);
    expect(await status('sk_revoke')).toBe(401);
    expect(await status('sk_keep')).toBe(200);
  });

  it('keeps the keys in force while the file is missing (a half-done deploy)', async () => {
    const from = s.stderr().length;
    rmSync(file);
    await logged(/cannot read the keys file .*keeping the 1 key\(s\) in force/, from);
    expect(await status('sk_keep')).toBe(200);
  });

  it('picks up a file written in place', async () => {
    const from = s.stderr().length;
    writeFileSync(file, 'sk_new\n');
    await logged(/keys reloaded \(file changed\): 1 key\(s\)/, from);
    expect(await status('sk_new')).toBe(200);
    expect(await status('sk_keep')).toBe(401);
  });

  it('refuses everyone, rather than opening the API, when the file is emptied', async () => {
    const from = s.stderr().length;
    writeFileSync(file, '# all keys revoked\n');
    await logged(/keys reloaded \(file changed\): 0 key\(s\) in force.*every request is refused/, from);
    const r = await api(s.url, 'GET', '/v1/renders', undefined, { key: 'sk_new' });
    expect(r.status).toBe(401);
    expect((await api(s.url, 'GET', '/v1/renders', undefined, { key: null })).status).toBe(401);
  });

  it('reloads on SIGHUP and keeps running', async () => {
    writeFileSync(file, 'sk_after_hup\n');
    const from = s.stderr().length;
    s.proc.kill('SIGHUP');
    await logged(/keys reloaded \(SIGHUP\): 1 key\(s\)/, from);
    expect(s.proc.exitCode).toBeNull();
    expect(await status('sk_after_hup')).toBe(200);
  });
});
