// `storeshots render`: plan -> images -> lint -> report.json, with progress and the exit codes of docs/interfaces.md#exit-codes.
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { CliIO } from './io.js';
import { UserError, expected, formatProblem } from '../util/errors.js';
import { runPipeline } from '../pipeline.js';
import type { Finding } from '../report/types.js';

export interface RenderOptions {
  config?: string;
  out?: string;
  locale?: string[];
  preset?: string[];
  slide?: string[];
  shard?: string;
  jobs?: string;
  cache?: boolean;
  cacheDir?: string;
  layout?: 'flat' | 'fastlane';
  failOn?: 'error' | 'warning' | 'never';
  pseudo?: boolean;
  remote?: string;
  apiKey?: string;
  timeout?: string;
}

function parseTimeout(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400) throw new UserError(expected('a number of seconds from 1 to 86400', '--timeout', v));
  return n * 1000;
}

function parseJobs(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UserError(expected('a whole number of workers from 1 to 64', '--jobs', v));
  return n;
}

function failing(findings: Finding[], failOn: RenderOptions['failOn']): boolean {
  if (failOn === 'never') return false;
  return findings.some((f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning'));
}

export async function renderCommand(opts: RenderOptions, io: CliIO): Promise<number> {
  const jobs = parseJobs(opts.jobs);
  const apiKey = opts.apiKey ?? io.env.STORESHOTS_API_KEY;
  if (opts.remote && !apiKey) throw new UserError('--remote needs an API key: set STORESHOTS_API_KEY or pass --api-key');
  const remote = opts.remote
    ? {
        baseUrl: opts.remote,
        apiKey,
        timeoutMs: parseTimeout(opts.timeout),
        // One line per state change of a set: readable in CI logs and on a terminal alike.
        onState: (set: string, status: string, id: string) => io.stderr(`remote ${set}: ${status} (${id})\n`),
        onRetry: (r: { attempt: number; reason: string; waitMs: number }) => io.stderr(`remote: retry ${r.attempt} in ${(r.waitMs / 1000).toFixed(1)} s: ${r.reason}\n`),
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
    shard: opts.shard,
    jobs,
    noCache: opts.cache === false,
    cacheDir: opts.cacheDir ? path.resolve(io.cwd, opts.cacheDir) : undefined,
    onNote: (m) => io.stderr(`note: ${m}\n`),
    remote,
    pseudo: opts.pseudo,
    onImage: (img, done, total) => {
      if (io.isTTY) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            // isTTY means stderr is a real terminal: the bar draws on it directly.
            { format: 'rendering {bar} {value}/{total} {file}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0, { file: '' });
        }
        bar.update(done, { file: img.record.path });
        if (done === total) bar.stop();
      } else io.stderr(`[${done}/${total}] ${img.record.path} (${img.record.width}x${img.record.height}, ${Math.round(img.record.bytes / 1024)} KB)\n`);
    },
  }).finally(() => bar?.stop());
  for (const w of result.warnings) io.stderr(`${formatProblem(w)}\n`);
  const { report, reportFile, plan } = result;
  for (const f of report.findings) io.stderr(`${f.severity}: ${f.rule}: ${f.path && !f.message.startsWith(f.path) ? `${f.path}: ` : ''}${f.message}\n`);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  const s = report.summary;
  io.stdout(
    `rendered ${s.images} image(s) in ${secs} s into ${path.relative(io.cwd, plan.outDir) || '.'}${s.cached ? ` (${s.cached} unchanged, from the cache)` : ''}; ` +
      `lint: ${s.errors} error(s), ${s.warnings} warning(s); report: ${path.relative(io.cwd, reportFile)}\n`,
  );
  return failing(report.findings, opts.failOn ?? 'error') ? 1 : 0;
}
