#!/usr/bin/env node
import { allocatorEnv, restartWith, threadpoolSize } from './cli/allocator.js';

// In lean mode, rendering commands restart once with glibc settings that return freed image memory
// (cli/allocator.ts); if the child cannot start, this process renders as it is. The CLI itself is loaded only where it runs.
const argv = process.argv.slice(2);
// Before anything starts libuv's thread pool: no more of its threads than render threads (allocator.ts).
const uv = threadpoolSize(argv, process.env);
if (uv) process.env.UV_THREADPOOL_SIZE = uv;
const env = allocatorEnv(argv, process.env);
const restarted = env ? await restartWith(env) : undefined;
if (restarted !== undefined) process.exitCode = restarted;
else {
  const [{ main }, { processIO }] = await Promise.all([import('./cli/main.js'), import('./cli/io.js')]);
  process.exitCode = await main(argv, processIO());
}
