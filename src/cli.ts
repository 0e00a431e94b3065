#!/usr/bin/env node
import { allocatorEnv, restartWith } from './cli/allocator.js';
import { main } from './cli/main.js';
import { processIO } from './cli/io.js';

// Rendering commands restart once with glibc settings that return freed image memory (cli/allocator.ts);
// if the child cannot start, this process renders as it is.
const argv = process.argv.slice(2);
const env = allocatorEnv(argv, process.env);
process.exitCode = (env && (await restartWith(env))) ?? (await main(argv, processIO()));
