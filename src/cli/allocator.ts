// glibc's allocator and large images: after the first free of a large block glibc raises its mmap
// threshold (up to 32 MB), so the 8-23 MB pixel buffers of every later image come from heaps it
// keeps and fragments, and a render's peak RSS grows far above what it holds. Every thread that
// allocates such buffers (the render threads, libuv's pool where sharp decodes and encodes) gets a
// heap (arena) of its own, up to 8 per core. glibc reads its settings only when a process starts,
// so `storeshots render` starts itself once more with settings:
// - by default, when the run is cold (`--no-cache`, or no render cache yet: every image will be
//   drawn), MALLOC_ARENA_MAX=2 only: fewer heaps keeping freed buffers, at the same CPU time
//   (BENCHMARKS.md, "Issue #19, fourth pass"). A run with a cache starts once (a re-run that
//   renders little pays no second start, and holds little);
// - in lean mode, settings that also return freed buffers to the system: about a third less peak
//   RSS, measured on a quiet machine at 13% (36 images) to 50% (480 images) more wall time, since
//   every buffer is then a fresh mapping the kernel faults in and zeroes (BENCHMARKS.md). Lean mode
//   is chosen with STORESHOTS_ALLOCATOR=lean, or comes on where the memory this process may use
//   (its cgroup limit, else the machine's) is under LEAN_BELOW.
// Variables the user set win, and STORESHOTS_ALLOCATOR=default starts once, as it is.
// Not `serve`: a supervisor's SIGKILL reaches only the process it started and would leave a
// restarted server running without it (server-crash.test.ts kills it so); set the variables in the
// service's environment instead (docs/render-api.md).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Buffers of at least this size get their own mapping, returned to the system when freed. */
export const ALLOCATOR_ENV: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: String(4 * 1024 * 1024),
  MALLOC_ARENA_MAX: '2',
};

/** The default restart of a cold run: fewer heaps, freed buffers kept for reuse as glibc does by default. */
export const ARENA_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
};

/** Below this much memory (cgroup limit or the machine's), lean mode is on without being asked for. */
export const LEAN_BELOW = 4 * 1024 ** 3;

/** Commands that restart: those that render large sets and end by themselves. */
const RENDERING = new Set(['render']);

/**
 * The environment to start this CLI again with, or undefined to run as it is: on glibc Linux, for
 * a rendering command, when none of ALLOCATOR_ENV's variables is set and this is not already the
 * restarted process: lean mode's settings (STORESHOTS_ALLOCATOR=lean, or less than LEAN_BELOW of
 * memory), else ARENA_ENV when the run is cold (`cold`: every image will be drawn).
 */
export function allocatorEnv(
  argv: string[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  glibc: boolean = isGlibc(),
  memory: number = availableMemory(),
  cold: () => boolean = () => coldRun(argv, process.cwd()),
): NodeJS.ProcessEnv | undefined {
  if (platform !== 'linux' || !glibc) return undefined;
  if (!RENDERING.has(argv.find((a) => !a.startsWith('-')) ?? '')) return undefined;
  if (env.STORESHOTS_ALLOCATOR === 'default' || env.STORESHOTS_ALLOCATOR === 'set') return undefined;
  if (Object.keys(ALLOCATOR_ENV).some((k) => env[k] !== undefined)) return undefined;
  if (env.STORESHOTS_ALLOCATOR === 'lean' || memory < LEAN_BELOW)
    return { ...env, ...ALLOCATOR_ENV, STORESHOTS_ALLOCATOR: 'set' };
  return cold() ? { ...env, ...ARENA_ENV, STORESHOTS_ALLOCATOR: 'set' } : undefined;
}

/**
 * Whether every image of this run will be drawn: `--no-cache`, or a render cache folder
 * (`--cache-dir`, else `.storeshots-cache` in `cwd`: render/cache.ts DEFAULT_CACHE_DIR) that is
 * missing or empty. Read from the arguments only: the CLI is not loaded yet.
 */
export function coldRun(argv: string[], cwd: string): boolean {
  if (argv.includes('--no-cache')) return true;
  let dir = '.storeshots-cache';
  for (const [i, a] of argv.entries()) {
    const v = a === '--cache-dir' ? argv[i + 1] : /^--cache-dir=(.*)$/.exec(a)?.[1];
    if (v) dir = v;
  }
  try {
    return !existsSync(path.resolve(cwd, dir)) || readdirSync(path.resolve(cwd, dir)).length === 0;
  } catch {
    return false;
  }
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

/**
 * libuv's thread pool size for a rendering command, when the user did not set UV_THREADPOOL_SIZE:
 * one thread per render thread (`--jobs`, else the cores this process may use), at least 2 and never
 * more than libuv's default of 4. sharp runs every decode and encode on this pool, and each of its
 * threads that allocates an image-sized buffer gets a glibc heap (arena) of its own that keeps
 * freed buffers; a render thread waits for one sharp call at a time, so more threads than render
 * threads only add heaps. Measured on 2 cores (BENCHMARKS.md, "Issue #19, fourth pass"). libuv
 * reads the variable when the pool first starts, so this must run before any asynchronous file,
 * zlib or sharp call.
 */
export function threadpoolSize(
  argv: string[],
  env: NodeJS.ProcessEnv,
  cores: number = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
): string | undefined {
  if (env.UV_THREADPOOL_SIZE !== undefined) return undefined;
  if (!RENDERING.has(argv.find((a) => !a.startsWith('-')) ?? '')) return undefined;
  let jobs = cores;
  for (const [i, a] of argv.entries()) {
    const v = a === '--jobs' || a === '-j' ? argv[i + 1] : /^--jobs=(.*)$/.exec(a)?.[1];
    if (v !== undefined && /^\d+$/.test(v)) jobs = Number(v);
  }
  return String(Math.min(4, Math.max(2, jobs)));
}
