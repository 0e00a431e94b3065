#!/usr/bin/env node
import { allocatorEnv, restartWith } from './cli/allocator.js';

// In lean mode, rendering commands restart once with glibc settings that return freed image memory
// (cli/allocator.ts); if the child cannot start, this process renders as it is. The CLI itself is loaded only where it runs.
const argv = process.argv.slice(2);
const env = allocatorEnv(argv, process.env);
const restarted = env ? await restartWith(env) : undefined;
if (restarted !== undefined) process.exitCode = restarted;
else {
  const [{ main }, { processIO }] = await Promise.all([import('./cli/main.js'), import('./cli/io.js')]);
  process.exitCode = await main(argv, processIO());
}
