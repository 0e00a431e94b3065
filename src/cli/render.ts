// `storeshots render`: plan -> images -> lint -> report.json, with progress and the exit codes of docs/interfaces.md#exit-codes.
import path from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import cliProgress from 'cli-progress';
import type { CliIO } from './io.js';
import {
  appearanceOption,
  type CliContext,
  type OptionsOf,
  configOption,
  failOnOption,
  layoutOption,
  localeOption,
  outDirOption,
  presetOption,
  pseudoOption,
  slideOption,
} from './options.js';
import { UserError, expected, formatProblem } from '../util/errors.js';
import { runPipeline } from '../pipeline.js';
import { countFindings, failingCount, findingLine } from '../outcome.js';

const declare = (program: Command) =>
  program
    .command('render')
    .description('Render every (locale, preset, slide) of the manifest, lint the images and write DIR/report.json')
    .addOption(configOption())
    .addOption(outDirOption())
    .addOption(localeOption())
    .addOption(presetOption())
    .addOption(slideOption())
    .addOption(appearanceOption())
    .option('--shard <i/n>', 'render share i of n (for a CI matrix)')
    .option('-j, --jobs <n>', 'parallel workers (default: number of cores)')
    .option('--no-cache', 'render every image even when a cached copy matches')
    .option('--cache-dir <dir>', 'render cache folder (default: .storeshots-cache)')
    .addOption(layoutOption())
    .addOption(failOnOption())
    .addOption(pseudoOption('also render the pseudo and pseudo-rtl locales'))
    .option('--remote <url>', 'render through a render API (docs/render-api.md) instead of on this machine')
    .option('--api-key <key>', 'API key for --remote (default: $STORESHOTS_API_KEY)')
    .option('--timeout <seconds>', 'with --remote: how long to wait for the renders (default 1800)')
    .option('--browser <path>', 'Chromium for web captures (default: $STORESHOTS_BROWSER, else chromium on PATH)');

export type RenderOptions = OptionsOf<typeof declare>;

export function registerRender(program: Command, cli: CliContext): void {
  declare(program).action(async (opts) => cli.done(await renderCommand(opts, cli.io)));
}

function parseTimeout(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400)
    throw new UserError(expected('a number of seconds from 1 to 86400', '--timeout', v));
  return n * 1000;
}

function parseJobs(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new UserError(expected('a whole number of workers from 1 to 64', '--jobs', v));
  return n;
}

export async function renderCommand(opts: RenderOptions, io: CliIO): Promise<number> {
  const jobs = parseJobs(opts.jobs);
  const apiKey = opts.apiKey ?? io.env.STORESHOTS_API_KEY;
  if (opts.remote && !apiKey)
    throw new UserError('--remote needs an API key: set STORESHOTS_API_KEY or pass --api-key');
  const remote = opts.remote
    ? {
        baseUrl: opts.remote,
        apiKey,
        timeoutMs: parseTimeout(opts.timeout),
        // One line per state change of a set: readable in CI logs and on a terminal alike.
        onState: (set: string, status: string, id: string) => io.stderr(`remote ${set}: ${status} (${id})\n`),
        onRetry: (r: { attempt: number; reason: string; waitMs: number }) =>
          io.stderr(`remote: retry ${r.attempt} in ${(r.waitMs / 1000).toFixed(1)} s: ${r.reason}\n`),
      }
    : undefined;
  const started = performance.now();
  let bar: cliProgress.SingleBar | undefined;
  const result = await runPipeline({
    config: opts.config,
    cwd: io.cwd,
    outDir: opts.out ? path.resolve(io.cwd, opts.out) : undefined,
    layout: opts.layout,
    locales: opts.locale,
    presets: opts.preset,
    slides: opts.slide,
    appearances: opts.appearance,
    shard: opts.shard,
    jobs,
    noCache: opts.cache === false,
    cacheDir: opts.cacheDir ? path.resolve(io.cwd, opts.cacheDir) : undefined,
    onNote: (m) => io.stderr(`note: ${m}\n`),
    remote,
    browser: opts.browser,
    pseudo: opts.pseudo,
    onImage: (img, done, total) => {
      if (io.isTTY) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            // isTTY means stderr is a real terminal: the bar draws on it directly.
            {
              format: 'rendering {bar} {value}/{total} {file}',
              stream: process.stderr,
              hideCursor: true,
              clearOnComplete: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0, { file: '' });
        }
        bar.update(done, { file: img.record.path });
        if (done === total) bar.stop();
      } else
        io.stderr(
          `[${done}/${total}] ${img.record.path} (${img.record.width}x${img.record.height}, ${Math.round(img.record.bytes / 1024)} KB)\n`,
        );
    },
  }).finally(() => bar?.stop());
  for (const w of result.warnings) io.stderr(`${formatProblem(w)}\n`);
  const { report, reportFile, plan } = result;
  for (const f of report.findings) io.stderr(findingLine(f));
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  const s = report.summary;
  io.stdout(
    `rendered ${s.images} image(s) in ${secs} s into ${path.relative(io.cwd, plan.outDir) || '.'}${s.cached ? ` (${s.cached} unchanged, from the cache)` : ''}; ` +
      `lint: ${s.errors} error(s), ${s.warnings} warning(s); report: ${path.relative(io.cwd, reportFile)}\n`,
  );
  return failingCount(countFindings(report.findings), opts.failOn ?? 'error') > 0 ? 1 : 0;
}
