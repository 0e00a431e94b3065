// glibc's allocator and large images: after the first free of a large block glibc raises its mmap
// threshold (up to 32 MB), so the 8-23 MB pixel buffers of every later image come from heaps it
// keeps and fragments, and a render's peak RSS grows far above what it holds. glibc reads its
// settings only when a process starts, so in lean mode `storeshots render` starts itself once more
// with settings that return freed buffers to the system: about a third less peak RSS, measured on a
// quiet machine at 13% (36 images) to 50% (480 images) more wall time, since every buffer is then a
// fresh mapping the kernel faults in and zeroes (BENCHMARKS.md). Speed is the default; lean mode is
// chosen with STORESHOTS_ALLOCATOR=lean, or on its own where the memory this process may use (its
// cgroup limit, else the machine's) is under LEAN_BELOW. Variables the user set win.
// Not `serve`: a supervisor's SIGKILL reaches only the process it started and would leave a
// restarted server running without it (server-crash.test.ts kills it so); set the variables in the
// service's environment instead (docs/render-api.md).
import { spawn } from 'node:child_process';
import os from 'node:os';

/** Buffers of at least this size get their own mapping, returned to the system when freed. */
export const ALLOCATOR_ENV: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: String(4 * 1024 * 1024),
  MALLOC_ARENA_MAX: '2',
};

/** Below this much memory (cgroup limit or the machine's), lean mode is on without being asked for. */
export const LEAN_BELOW = 4 * 1024 ** 3;

/** Commands that restart: those that render large sets and end by themselves. */
const RENDERING = new Set(['render']);

/**
 * The environment to start this CLI again with, or undefined to run as it is: on glibc Linux, for
 * a rendering command in lean mode (STORESHOTS_ALLOCATOR=lean, or less than LEAN_BELOW of memory),
 * when none of ALLOCATOR_ENV's variables is set and this is not already the restarted process.
 */
export function allocatorEnv(
  argv: string[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  glibc: boolean = isGlibc(),
  memory: number = availableMemory(),
): NodeJS.ProcessEnv | undefined {
  if (platform !== 'linux' || !glibc) return undefined;
  if (!RENDERING.has(argv.find((a) => !a.startsWith('-')) ?? '')) return undefined;
  if (env.STORESHOTS_ALLOCATOR === 'default' || env.STORESHOTS_ALLOCATOR === 'set') return undefined;
  if (Object.keys(ALLOCATOR_ENV).some((k) => env[k] !== undefined)) return undefined;
  if (env.STORESHOTS_ALLOCATOR !== 'lean' && memory >= LEAN_BELOW) return undefined;
  return { ...env, ...ALLOCATOR_ENV, STORESHOTS_ALLOCATOR: 'set' };
}

/** What this process may use: its cgroup's limit where one is set (containers), else the machine's memory. */
function availableMemory(): number {
  const limit = process.constrainedMemory?.() ?? 0;
  return limit > 0 ? Math.min(limit, os.totalmem()) : os.totalmem();
}

function isGlibc(): boolean {
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return typeof header?.glibcVersionRuntime === 'string';
}

/** Runs this CLI again in a child with `env`, forwarding signals; resolves to its exit code, or undefined when it could not start. */
export function restartWith(env: NodeJS.ProcessEnv): Promise<number | undefined> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const forward = (s: NodeJS.Signals) => child.kill(s);
  for (const s of signals) process.on(s, forward);
  return new Promise((resolve) => {
    child.on('error', () => {
      for (const s of signals) process.off(s, forward);
      resolve(undefined);
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      // Killed by a signal: the usual shell code for it (128 + its number).
      resolve(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
    });
  });
}
