// `storeshots merge DIR... --out DIR`: one set from the output folders of a sharded render.
import path from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import type { CliIO } from './io.js';
import {
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
import { formatProblem } from '../util/errors.js';
import { mergeShards } from '../merge.js';
import { countFindings, failingCount, findingLine } from '../outcome.js';

const declare = (program: Command) =>
  program
    .command('merge')
    .description(
      'Combine the output folders of a sharded render (--shard i/n) into one set, lint it as a whole and write DIR/report.json',
    )
    .argument('<dir...>', "the shards' output folders (or their downloaded artifacts)")
    .addOption(configOption('manifest file the shards rendered (default: screenshots.yml, then storeshots.yml)'))
    .addOption(outDirOption())
    .addOption(localeOption('the --locale filters the shards used'))
    .addOption(presetOption('the --preset filters the shards used'))
    .addOption(slideOption('the --slide filters the shards used'))
    .addOption(layoutOption('output layout the shards used'))
    .addOption(pseudoOption('the shards rendered the pseudo locales too'))
    .addOption(failOnOption());

export type MergeCommandOptions = OptionsOf<typeof declare>;

export function registerMerge(program: Command, cli: CliContext): void {
  declare(program).action(async (dirs, opts) => cli.done(await mergeCommand(dirs, opts, cli.io)));
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
