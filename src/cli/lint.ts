// `storeshots lint PATH... [--store appstore|play] [--json]`: lints existing images.
// Exit 0 when no finding is an error, 1 when one is, 2 for a path that does not exist or holds no images.
import type { Command } from '@commander-js/extra-typings';
import type { CliIO } from './io.js';
import { type CliContext, type OptionsOf, jsonOption, storeOption } from './options.js';
import { lintPaths } from '../lint/index.js';
import { countFindings, failingCount, findingCommand, formatFinding } from '../outcome.js';

const declare = (program: Command) =>
  program
    .command('lint')
    .description(
      'Lint existing images against the store rules: a folder, a fastlane screenshots/ or metadata/android/ tree, or files',
    )
    .argument('<path...>', 'files or folders')
    .addOption(storeOption('which store the images are for (default: guessed from the layout)'))
    .addOption(jsonOption('print the findings as JSON (the report.json findings shape)'));

export function registerLint(program: Command, cli: CliContext): void {
  declare(program).action(async (paths, opts) => cli.done(await lintCommand(paths, opts, cli.io)));
}

export async function lintCommand(paths: string[], opts: OptionsOf<typeof declare>, io: CliIO): Promise<number> {
  const { findings, images } = await lintPaths(paths, { cwd: io.cwd, store: opts.store });
  const { errors, warnings } = countFindings(findings);
  if (opts.json) {
    io.stdout(`${JSON.stringify({ findings, summary: { images: images.length, errors, warnings } }, null, 2)}\n`);
  } else {
    for (const f of findings) io.stdout(formatFinding(f));
    io.stdout(`${images.length} image(s): ${errors} error(s), ${warnings} warning(s)\n`);
    if (io.env.GITHUB_ACTIONS === 'true') for (const f of findings) io.stdout(findingCommand(f));
  }
  return failingCount({ errors, warnings }, 'error') > 0 ? 1 : 0;
}
