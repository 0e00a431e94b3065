import { describe, expect, it } from 'vitest';
import { EXAMPLE, ROOT, runBin, runCli } from './helpers/cli.js';

describe('storeshots CLI', () => {
  it('validates the example project', async () => {
    const r = await runCli(['validate', '-c', EXAMPLE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4 locale\(s\) x 3 preset\(s\): 48 image\(s\)/);
  });

  it('the shipped bin lists every preset as JSON', () => {
    const r = runBin(['presets', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ id: string; size: string }>;
    expect(list.find((p) => p.id === 'appstore.iphone_6_9')?.size).toBe('1320x2868');
    expect(list).toHaveLength(18);
  });
});

describe('storeshots init', () => {
  it('writes a starter project that validates, and refuses to overwrite it', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-init-'));
    const first = await runCli(['init'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/wrote screenshots.yml/);
    expect(first.stdout).toMatch(/wrote 8 placeholder screenshot\(s\)/);
    const v = await runCli(['validate'], dir);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/2 locale\(s\) x 2 preset\(s\): 8 image\(s\)/);
    const again = await runCli(['init'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/screenshots.yml already exists; pass --force/);
  });

  it('unknown options and commands are usage errors (exit 2)', async () => {
    expect((await runCli(['render', '--bogus'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['presets', '--help'])).code).toBe(0);
  });
});

describe('selection errors are usage errors', () => {
  it('a bad shard or an unknown locale exits 2 with a clear message', async () => {
    const shard = await runCli(['render', '-c', EXAMPLE, '--shard', '3/2']);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toMatch(/Expected a shard "i\/n" with 1 <= i <= n <= 256 for --shard but received "3\/2"/);
    const locale = await runCli(['render', '-c', EXAMPLE, '--locale', 'fr-FR']);
    expect(locale.code).toBe(2);
    expect(locale.stderr).toMatch(/Unknown locale "fr-FR" \(did you mean "en-US"\?\)/);
  });

  it('the bin refuses a Node older than 24 with a plain message', async () => {
    const { spawnSync } = await import('node:child_process');
    const path = await import('node:path');
    const { existsSync, mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    // On every machine: Node 24 told by a preload that it is 20.11.1 (what the bin reads).
    const preload = path.join(mkdtempSync(path.join(tmpdir(), 'storeshots-old-node-')), 'old.mjs');
    writeFileSync(
      preload,
      "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.11.1' } });\n",
    );
    const faked = spawnSync(process.execPath, ['--import', preload, path.join(ROOT, 'bin/storeshots.js'), 'presets'], {
      encoding: 'utf8',
    });
    expect(faked.status).toBe(2);
    expect(faked.stdout).toBe('');
    expect(faked.stderr.split('\n')[0]).toBe('storeshots needs Node.js 24 or newer; this is Node.js 20.11.1.');
    // And a real older Node, where the machine has one (the global Node is 20 here).
    const old = ['/usr/local/bin/node', '/usr/bin/node'].find(
      (p) =>
        existsSync(p) &&
        Number(spawnSync(p, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim()) < 24,
    );
    if (old) {
      const r = spawnSync(old, [path.join(ROOT, 'bin/storeshots.js'), 'presets'], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^storeshots needs Node\.js 24 or newer; this is Node\.js \d+\./);
    }
  });
});
