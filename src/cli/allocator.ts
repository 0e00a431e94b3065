// glibc's allocator and large images: after the first free of a large block glibc raises its mmap
// threshold (up to 32 MB), so the 8-23 MB pixel buffers of every later image come from heaps it
// keeps and fragments, and a render's peak RSS grows far above what it holds (BENCHMARKS.md: 947
// MB for 480 images on 2 threads, 583 MB with the threshold fixed). glibc reads its settings only
// when a process starts, so `storeshots render` starts itself once more with them
// set, unless the user set them (theirs win) or turned this off (STORESHOTS_ALLOCATOR=default).
// Not `serve`: a supervisor's SIGKILL reaches only the process it started and would leave a
// restarted server running without it (server-crash.test.ts kills it so); set the variables in the
// service's environment instead (docs/render-api.md).
import { spawn } from 'node:child_process';

/** Buffers of at least this size get their own mapping, returned to the system when freed. */
export const ALLOCATOR_ENV: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: String(4 * 1024 * 1024),
  MALLOC_ARENA_MAX: '2',
};

/** Commands that restart: those that render large sets and end by themselves. */
const RENDERING = new Set(['render']);

/**
 * The environment to start this CLI again with, or undefined to run as it is: on glibc Linux, for
 * a rendering command, when none of ALLOCATOR_ENV's variables is set and this is not already the
 * restarted process.
 */
export function allocatorEnv(
  argv: string[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  glibc: boolean = isGlibc(),
): NodeJS.ProcessEnv | undefined {
  if (platform !== 'linux' || !glibc) return undefined;
  if (!RENDERING.has(argv.find((a) => !a.startsWith('-')) ?? '')) return undefined;
  if (env.STORESHOTS_ALLOCATOR === 'default' || env.STORESHOTS_ALLOCATOR === 'set') return undefined;
  if (Object.keys(ALLOCATOR_ENV).some((k) => env[k] !== undefined)) return undefined;
  return { ...env, ...ALLOCATOR_ENV, STORESHOTS_ALLOCATOR: 'set' };
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
