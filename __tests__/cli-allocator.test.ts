// In lean mode (asked for, or on a machine with little memory) `storeshots render` restarts itself
// once with glibc settings that return freed image memory (src/cli/allocator.ts), unless the user set
// them; the exit code, output and signals pass through. The child is seen by a preload that records each process's settings.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOCATOR_ENV, allocatorEnv, ARENA_ENV, coldRun, LEAN_BELOW, threadpoolSize } from '../src/cli/allocator.js';
import { ROOT } from './helpers/cli.js';

describe('the allocator restart', () => {
  it('is asked for in lean mode by rendering commands on glibc Linux only, never twice, never over the user', () => {
    const GiB = 1024 ** 3;
    const lean = { STORESHOTS_ALLOCATOR: 'lean' };
    // By default, where memory is plentiful: fewer heaps for a cold run, no restart when a cache may serve.
    const warm = () => false;
    const cold = () => true;
    expect(allocatorEnv(['render', '-c', 'x.yml'], {}, 'linux', true, 16 * GiB, warm)).toBeUndefined();
    const arenas = allocatorEnv(['render', '-c', 'x.yml'], { PATH: '/bin' }, 'linux', true, 16 * GiB, cold);
    expect(arenas).toEqual({ PATH: '/bin', ...ARENA_ENV, STORESHOTS_ALLOCATOR: 'set' });
    expect(arenas?.MALLOC_MMAP_THRESHOLD_).toBeUndefined();
    expect(allocatorEnv(['render'], { MALLOC_ARENA_MAX: '8' }, 'linux', true, 16 * GiB, cold)).toBeUndefined();
    expect(
      allocatorEnv(['render'], { STORESHOTS_ALLOCATOR: 'default' }, 'linux', true, 16 * GiB, cold),
    ).toBeUndefined();
    expect(allocatorEnv(['render'], {}, 'darwin', false, 16 * GiB, cold)).toBeUndefined();
    expect(allocatorEnv(['lint', 'out'], {}, 'linux', true, 16 * GiB, cold)).toBeUndefined();
    expect(allocatorEnv(['render', '-c', 'x.yml'], lean, 'linux', true, 16 * GiB)).toMatchObject({
      ...ALLOCATOR_ENV,
      STORESHOTS_ALLOCATOR: 'set',
    });
    // Lean on its own under LEAN_BELOW (a small container), and not at it.
    expect(allocatorEnv(['render'], { PATH: '/bin' }, 'linux', true, LEAN_BELOW - 1)).toMatchObject({
      PATH: '/bin',
      ...ALLOCATOR_ENV,
    });
    expect(allocatorEnv(['render'], {}, 'linux', true, LEAN_BELOW, warm)).toBeUndefined();
    expect(allocatorEnv(['render'], { STORESHOTS_ALLOCATOR: 'default' }, 'linux', true, GiB)).toBeUndefined();
    // A server restarted in a child would outlive a SIGKILL of the process its supervisor started.
    expect(allocatorEnv(['serve'], lean, 'linux', true)).toBeUndefined();
    expect(allocatorEnv(['lint', 'out'], lean, 'linux', true)).toBeUndefined();
    expect(allocatorEnv(['--help'], lean, 'linux', true)).toBeUndefined();
    expect(allocatorEnv(['render'], lean, 'darwin', false)).toBeUndefined();
    expect(allocatorEnv(['render'], lean, 'linux', false)).toBeUndefined(); // musl (Alpine)
    expect(allocatorEnv(['render'], { STORESHOTS_ALLOCATOR: 'set' }, 'linux', true, GiB)).toBeUndefined();
    expect(allocatorEnv(['render'], { ...lean, MALLOC_ARENA_MAX: '4' }, 'linux', true)).toBeUndefined();
  });

  it('calls a run cold when it has no cache to read: --no-cache, or a cache folder missing or empty', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-cold-'));
    expect(coldRun(['render'], dir)).toBe(true);
    mkdirSync(path.join(dir, '.storeshots-cache'));
    expect(coldRun(['render'], dir)).toBe(true);
    writeFileSync(path.join(dir, '.storeshots-cache', '.pruned'), '');
    expect(coldRun(['render'], dir)).toBe(false);
    expect(coldRun(['render', '--no-cache'], dir)).toBe(true);
    expect(coldRun(['render', '--cache-dir', 'elsewhere'], dir)).toBe(true);
    expect(coldRun(['render', '--cache-dir=elsewhere'], dir)).toBe(true);
    mkdirSync(path.join(dir, 'elsewhere', 'ab'), { recursive: true });
    expect(coldRun(['render', '--cache-dir', 'elsewhere'], dir)).toBe(false);
  });

  it("sizes libuv's pool to the render threads for render, between 2 and libuv's default 4, never over the user", () => {
    expect(threadpoolSize(['render'], {}, 2)).toBe('2');
    expect(threadpoolSize(['render'], {}, 1)).toBe('2');
    expect(threadpoolSize(['render'], {}, 16)).toBe('4');
    expect(threadpoolSize(['render', '--jobs', '3'], {}, 16)).toBe('3');
    expect(threadpoolSize(['render', '-j', '1'], {}, 16)).toBe('2');
    expect(threadpoolSize(['render', '--jobs=3'], {}, 2)).toBe('3');
    expect(threadpoolSize(['render'], { UV_THREADPOOL_SIZE: '8' }, 2)).toBeUndefined();
    expect(threadpoolSize(['serve'], {}, 2)).toBeUndefined();
  });

  it('runs the render in a child with the settings and passes its exit code and output through', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-alloc-'));
    const log = path.join(dir, 'seen.txt');
    const preload = path.join(dir, 'seen.mjs');
    writeFileSync(
      preload,
      `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(log)}, \`\${process.pid} \${process.env.MALLOC_MMAP_THRESHOLD_ ?? '-'} \${process.env.MALLOC_ARENA_MAX ?? '-'} \${process.env.UV_THREADPOOL_SIZE ?? '-'}\\n\`);\n`,
    );
    // A manifest that does not exist: exit code 2 and the message, from the child.
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, ['--import', preload, path.join(ROOT, 'dist/cli.js'), 'render', '-c', 'nope.yml'], {
        cwd: dir,
        env: {
          ...process.env,
          MALLOC_MMAP_THRESHOLD_: undefined,
          MALLOC_ARENA_MAX: undefined,
          STORESHOTS_ALLOCATOR: undefined,
          UV_THREADPOOL_SIZE: undefined,
          ...env,
        },
        encoding: 'utf8',
      });
    const r = run({ STORESHOTS_ALLOCATOR: 'lean' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nope\.yml/);
    const seen = readFileSync(log, 'utf8').trim().split('\n');
    expect(seen.map((l) => l.split(' ')[1])).toEqual(['-', ALLOCATOR_ENV.MALLOC_MMAP_THRESHOLD_]);

    // Not asked for, on a machine with memory to spare (this one), no cache yet: the child has fewer heaps only.
    writeFileSync(log, '');
    const plain = run({});
    expect(plain.status).toBe(2);
    expect(plain.stderr).toMatch(/nope\.yml/);
    const child = readFileSync(log, 'utf8').trim().split('\n');
    expect(child).toHaveLength(2);
    expect(child[1]!.split(' ').slice(1, 3)).toEqual(['-', ARENA_ENV.MALLOC_ARENA_MAX]);
    // libuv's pool sized by the first process before its pool starts (the child inherits the size).
    expect(Number(child[1]!.split(' ')[3])).toBeGreaterThanOrEqual(2);

    // A cache to read: one process, as started.
    mkdirSync(path.join(dir, '.storeshots-cache', 'ab'), { recursive: true });
    writeFileSync(log, '');
    expect(run({}).status).toBe(2);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
