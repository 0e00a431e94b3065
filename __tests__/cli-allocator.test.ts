// In lean mode (asked for, or on a machine with little memory) `storeshots render` restarts itself
// once with glibc settings that return freed image memory (src/cli/allocator.ts), unless the user set
// them; the exit code, output and signals pass through. The child is seen by a preload that records each process's settings.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOCATOR_ENV, allocatorEnv, LEAN_BELOW } from '../src/cli/allocator.js';
import { ROOT } from './helpers/cli.js';

describe('the allocator restart', () => {
  it('is asked for in lean mode by rendering commands on glibc Linux only, never twice, never over the user', () => {
    const GiB = 1024 ** 3;
    const lean = { STORESHOTS_ALLOCATOR: 'lean' };
    // Speed by default: no restart where memory is plentiful.
    expect(allocatorEnv(['render', '-c', 'x.yml'], {}, 'linux', true, 16 * GiB)).toBeUndefined();
    expect(allocatorEnv(['render', '-c', 'x.yml'], lean, 'linux', true, 16 * GiB)).toMatchObject({
      ...ALLOCATOR_ENV,
      STORESHOTS_ALLOCATOR: 'set',
    });
    // Lean on its own under LEAN_BELOW (a small container), and not at it.
    expect(allocatorEnv(['render'], { PATH: '/bin' }, 'linux', true, LEAN_BELOW - 1)).toMatchObject({
      PATH: '/bin',
      ...ALLOCATOR_ENV,
    });
    expect(allocatorEnv(['render'], {}, 'linux', true, LEAN_BELOW)).toBeUndefined();
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

  it('runs the render in a child with the settings and passes its exit code and output through', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-alloc-'));
    const log = path.join(dir, 'seen.txt');
    const preload = path.join(dir, 'seen.mjs');
    writeFileSync(
      preload,
      `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(log)}, \`\${process.pid} \${process.env.MALLOC_MMAP_THRESHOLD_ ?? '-'}\\n\`);\n`,
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
          ...env,
        },
        encoding: 'utf8',
      });
    const r = run({ STORESHOTS_ALLOCATOR: 'lean' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nope\.yml/);
    const seen = readFileSync(log, 'utf8').trim().split('\n');
    expect(seen.map((l) => l.split(' ')[1])).toEqual(['-', ALLOCATOR_ENV.MALLOC_MMAP_THRESHOLD_]);

    // Not asked for, on a machine with memory to spare (this one): one process, as started.
    writeFileSync(log, '');
    const plain = run({});
    expect(plain.status).toBe(2);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
