// `storeshots serve`: runs the render API (docs/render-api.md) until SIGINT or SIGTERM. The first line on stdout
// names the bound address ("listening on http://127.0.0.1:PORT"), so scripts can use --port 0.
// `storeshots worker`: renders the jobs an API node (`serve --role api`) queued, with a lease, until
// SIGINT or SIGTERM, when it hands its jobs back (docs/render-api.md#roles-api-nodes-and-workers).
import { type Command, Option } from '@commander-js/extra-typings';
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
    .option('--browser <path>', 'Chromium for web capture (or $STORESHOTS_BROWSER; default: chromium on PATH)')
    .addOption(
      new Option(
        '--role <role>',
        'all: serve the API and render; api: serve the API and queue only (`storeshots worker` processes render)',
      )
        .choices(['all', 'api'] as const)
        .default('all' as const),
    );

const declareWorker = (program: Command) =>
  program
    .command('worker')
    .description('Render the jobs an API node (serve --role api) queued on the same --data (docs/render-api.md)')
    .option('--data <dir>', 'the folder of the API node the jobs come from', '.storeshots-data')
    .option('--browser <path>', 'Chromium for web capture (or $STORESHOTS_BROWSER; default: chromium on PATH)');

export function registerServe(program: Command, cli: CliContext): void {
  declare(program).action(async (opts) => cli.done(await serveCommand(opts, cli.io)));
  declareWorker(program).action(async (opts) => cli.done(await workerCommand(opts, cli.io)));
}

/** Resolves on the first SIGINT or SIGTERM, after `stop` has run. */
function untilSignal(io: CliIO, name: string, note: string, stop: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      io.stderr(`storeshots ${name}: ${signal}, stopping (${note})\n`);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      void stop().finally(resolve);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export async function workerCommand(opts: OptionsOf<typeof declareWorker>, io: CliIO): Promise<number> {
  const { startServer } = await import('../server/server.js');
  const worker = await startServer({ ...opts, port: '0', host: '127.0.0.1' }, io, { role: 'worker' });
  io.stdout(`storeshots worker rendering jobs of ${worker.config.dataDir}\n`);
  await untilSignal(io, 'worker', 'its jobs are handed back to the queue', () => worker.close());
  return 0;
}

export async function serveCommand(opts: OptionsOf<typeof declare>, io: CliIO): Promise<number> {
  // Loaded on demand: the server (node:sqlite, fastify) costs nothing to the other commands.
  const { startServer } = await import('../server/server.js');
  const { role, ...serveOpts } = opts;
  const server = await startServer(serveOpts, io, { role });
  io.stdout(`storeshots serve listening on ${server.url} (data: ${server.config.dataDir})\n`);
  await untilSignal(
    io,
    'serve',
    role === 'api' ? 'queued renders wait for a worker' : 'unfinished renders resume on the next start',
    () => server.close(),
  );
  return 0;
}
