// `storeshots serve`: runs the render API (docs/render-api.md) until SIGINT or SIGTERM. The first line on stdout
// names the bound address ("listening on http://127.0.0.1:PORT"), so scripts can use --port 0.
// `storeshots worker`: renders the jobs an API node (`serve --role api`) queued, with a lease, until
// SIGINT or SIGTERM, when it hands its jobs back (docs/render-api.md#roles-api-nodes-and-workers).
import { type Command, Option } from '@commander-js/extra-typings';
import { UserError, expected } from '../util/errors.js';
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
    .option(
      '--database <url>',
      'postgres://user:password@host:5432/db shared by many API nodes and workers (or $STORESHOTS_DATABASE_URL; default: SQLite under --data)',
    )
    .option(
      '--translate-url <url>',
      'your LibreTranslate server, for POST /v1/translate (or $STORESHOTS_TRANSLATE_URL; its key: $STORESHOTS_TRANSLATE_API_KEY)',
    )
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
    .description(
      'Render the jobs API nodes (serve --role api) queued, on the same --data or --database (docs/scaling.md)',
    )
    .option(
      '--data <dir>',
      "the folder of the API node the jobs come from (with --database: this machine's scratch folder)",
      '.storeshots-data',
    )
    .option(
      '--database <url>',
      'postgres://user:password@host:5432/db the API nodes use (or $STORESHOTS_DATABASE_URL; default: SQLite under --data)',
    )
    .option('--browser <path>', 'Chromium for web capture (or $STORESHOTS_BROWSER; default: chromium on PATH)')
    .option('--port <n>', 'serve GET /healthz and /metrics on this port (0: any free one; default: no listener)')
    .option('--host <host>', 'address for --port', '127.0.0.1');

export function registerServe(program: Command, cli: CliContext): void {
  declare(program).action(async (opts) => cli.done(await serveCommand(opts, cli.io)));
  declareWorker(program).action(async (opts) => cli.done(await workerCommand(opts, cli.io)));
}

function parsePort(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > 65_535) throw new UserError(expected('a port number 0-65535', '--port', raw));
  return Number(raw);
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
  const { port, host, ...rest } = opts;
  const health = port === undefined ? undefined : { host, port: parsePort(port) };
  // The API's host and port checks do not apply: a worker serves no API, only /healthz and /metrics.
  const worker = await startServer({ ...rest, port: '0', host: '127.0.0.1' }, io, { role: 'worker', health });
  io.stdout(
    `storeshots worker rendering jobs of ${worker.storage}${worker.url ? ` (health: ${worker.url}/healthz)` : ''}\n`,
  );
  await untilSignal(io, 'worker', 'its jobs are handed back to the queue', () => worker.close());
  return 0;
}

export async function serveCommand(opts: OptionsOf<typeof declare>, io: CliIO): Promise<number> {
  // Loaded on demand: the server (node:sqlite, fastify) costs nothing to the other commands.
  const { startServer } = await import('../server/server.js');
  const { role, ...serveOpts } = opts;
  const server = await startServer(serveOpts, io, { role });
  io.stdout(
    `storeshots serve listening on ${server.url} (${server.storage === server.config.dataDir ? 'data' : 'database'}: ${server.storage})\n`,
  );
  await untilSignal(
    io,
    'serve',
    role === 'api' ? 'queued renders wait for a worker' : 'unfinished renders resume on the next start',
    () => server.close(),
  );
  return 0;
}
