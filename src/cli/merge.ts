// `storeshots merge DIR... --out DIR`: one set from the output folders of a sharded render.
import path from 'node:path';
import type { CliIO } from './io.js';
import { formatProblem } from '../util/errors.js';
import { mergeShards } from '../merge.js';
import { countFindings, failingCount, findingLine, type FailOn } from '../outcome.js';

export interface MergeCommandOptions {
  config?: string;
  out?: string;
  locale?: string[];
  preset?: string[];
  slide?: string[];
  layout?: 'flat' | 'fastlane';
  pseudo?: boolean;
  failOn?: FailOn;
}

export async function mergeCommand(dirs: string[], opts: MergeCommandOptions, io: CliIO): Promise<number> {
  const r = await mergeShards({
    dirs: dirs.map((d) => path.resolve(io.cwd, d)),
    config: opts.config,
    cwd: io.cwd,
    outDir: opts.out ? path.resolve(io.cwd, opts.out) : undefined,
    layout: opts.layout,
    pseudo: opts.pseudo,
    locales: opts.locale,
    presets: opts.preset,
    slides: opts.slide,
  });
  for (const w of r.warnings) io.stderr(`${formatProblem(w)}\n`);
  for (const f of r.report.findings) io.stderr(findingLine(f));
  const s = r.report.summary;
  io.stdout(
    `merged ${s.images} image(s) from ${r.shards.length} shard(s) into ${path.relative(io.cwd, r.plan.outDir) || '.'}; ` +
      `lint: ${s.errors} error(s), ${s.warnings} warning(s); report: ${path.relative(io.cwd, r.reportFile)}\n`,
  );
  return failingCount(countFindings(r.report.findings), opts.failOn ?? 'error') > 0 ? 1 : 0;
}
