// `storeshots diff BASE HEAD [--json] [--out DIR] [--threshold T]`: what changed between two
// rendered sets. Exit 0 when nothing did, 1 when something did (like `git diff --exit-code`),
// 2 on bad input (a missing or broken report.json, a path leaving its folder, an unreadable image).
import path from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import type { CliIO } from './io.js';
import { type CliContext, type OptionsOf, jsonOption, outDirOption } from './options.js';
import {
  DEFAULT_THRESHOLD,
  diffJson,
  diffSets,
  diffVerdict,
  formatShare as pct,
  hasChanges,
  parseThreshold,
} from '../diff/index.js';

const declare = (program: Command) =>
  program
    .command('diff')
    .description(
      'Compare two rendered sets (folders with report.json) image by image: exit 0 when nothing changed, 1 when something did',
    )
    .argument('<base>', 'the earlier set: an output folder or a downloaded artifact')
    .argument('<head>', 'the later set')
    .addOption(jsonOption('print { changed, added, removed, unchanged } as JSON'))
    .addOption(outDirOption('write before/after copies, diff images, diff.json and diff.html here'))
    .option(
      '--threshold <share>',
      'a share of changed pixels at or below which an image counts as unchanged (0.001 or 0.1%; default 0.001%)',
    );

export type DiffCommandOptions = OptionsOf<typeof declare>;

export function registerDiff(program: Command, cli: CliContext): void {
  declare(program).action(async (base, head, opts) => cli.done(await diffCommand(base, head, opts, cli.io)));
}

/** Lines for images that differ in bytes only; beyond this many, a count (the JSON lists them all). */
const MAX_SAME_LINES = 20;

export async function diffCommand(base: string, head: string, opts: DiffCommandOptions, io: CliIO): Promise<number> {
  const threshold = opts.threshold !== undefined ? parseThreshold(opts.threshold) : DEFAULT_THRESHOLD;
  const r = await diffSets(path.resolve(io.cwd, base), path.resolve(io.cwd, head), {
    threshold,
    outDir: opts.out ? path.resolve(io.cwd, opts.out) : undefined,
  });
  if (opts.json) {
    io.stdout(diffJson(r));
    return hasChanges(r) ? 1 : 0;
  }
  for (const e of r.changed)
    io.stdout(
      `changed  ${e.path}  ${pct(e.score)} of pixels (${e.pixels} px, ${e.regions.length} area(s))${e.basePath ? `, was ${e.basePath}` : ''}\n`,
    );
  for (const e of r.added) io.stdout(`added    ${e.path}\n`);
  for (const e of r.removed) io.stdout(`removed  ${e.path}\n`);
  for (const e of r.belowThreshold.slice(0, MAX_SAME_LINES)) {
    io.stdout(
      `same     ${e.path}  bytes differ, pixels by ${pct(e.score)} (${e.pixels} px): at or below --threshold ${pct(r.threshold)}, counted as unchanged\n`,
    );
  }
  const more = r.belowThreshold.length - MAX_SAME_LINES;
  if (more > 0)
    io.stdout(
      `same     … and ${more} more image(s) whose bytes differ at or below --threshold ${pct(r.threshold)} (--json lists them)\n`,
    );
  io.stdout(`${diffVerdict(r)}\n`);
  if (opts.out)
    io.stdout(`diff images and diff.html in ${path.relative(io.cwd, path.resolve(io.cwd, opts.out)) || '.'}\n`);
  return hasChanges(r) ? 1 : 0;
}
