#!/usr/bin/env node
// The render service entry (dist/server/index.js): the same as `storeshots serve [options]`.
import { main } from '../cli/main.js';
import { processIO } from '../util/io.js';

process.exitCode = await main(['serve', ...process.argv.slice(2)], processIO());
