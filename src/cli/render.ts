// `storeshots render`: plan -> images -> lint -> report.json, with progress and SPEC §1 exit codes.
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { CliIO } from './io.js';
import { RenderError, UserError, expected, formatProblem } from '../util/errors.js';
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
  if (opts.remote) throw new RenderError(`remote mode is not available yet (--remote ${opts.remote}); render on this machine without --remote`);
  const jobs = parseJobs(opts.jobs);
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
  for (const f of report.findings) io.stderr(`${f.severity}: ${f.rule}: ${f.path ? `${f.path}: ` : ''}${f.message}\n`);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  const s = report.summary;
  io.stdout(
    `rendered ${s.rendered} image(s)${s.cached ? `, ${s.cached} from cache` : ''} in ${secs} s into ${path.relative(io.cwd, plan.outDir) || '.'}; ` +
      `lint: ${s.errors} error(s), ${s.warnings} warning(s); report: ${path.relative(io.cwd, reportFile)}\n`,
  );
  return failing(report.findings, opts.failOn ?? 'error') ? 1 : 0;
}
