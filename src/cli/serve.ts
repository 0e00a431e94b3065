// `storeshots serve`: runs the render API (docs/render-api.md) until SIGINT or SIGTERM. The first line on stdout
// names the bound address ("listening on http://127.0.0.1:PORT"), so scripts can use --port 0.
import type { Command } from '@commander-js/extra-typings';
import type { CliIO } from './io.js';
import type { CliContext, OptionsOf } from './options.js';

const declare = (program: Command) =>
  program
    .command('serve')
    .description('Run the render API (docs/render-api.md)')
    .option('--port <n>', 'port to listen on', '8787')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--data <dir>', 'folder for the job database and images', '.storeshots-data')
    .option('--keys <file>', 'file of API keys, one a line (or $STORESHOTS_API_KEYS)')
    .option('--browser <path>', 'Chromium for web capture (or $STORESHOTS_BROWSER; default: chromium on PATH)');

export function registerServe(program: Command, cli: CliContext): void {
  declare(program).action(async (opts) => cli.done(await serveCommand(opts, cli.io)));
}

export async function serveCommand(opts: OptionsOf<typeof declare>, io: CliIO): Promise<number> {
  // Loaded on demand: the server (node:sqlite, fastify) costs nothing to the other commands.
  const { startServer } = await import('../server/server.js');
  const server = await startServer(opts, io);
  io.stdout(`storeshots serve listening on ${server.url} (data: ${server.config.dataDir})\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      io.stderr(`storeshots serve: ${signal}, stopping (unfinished renders resume on the next start)\n`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().finally(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
