// `storeshots lint PATH... [--store appstore|play] [--json]`: lints existing images.
// Exit 0 when no finding is an error, 1 when one is, 2 for a path that does not exist or holds no images.
import type { Command } from '@commander-js/extra-typings';
import type { CliIO } from './io.js';
import { type CliContext, type OptionsOf, jsonOption, storeOption } from './options.js';
import { lintPaths } from '../lint/index.js';
import type { Finding } from '../report/types.js';

const declare = (program: Command) =>
  program
    .command('lint')
    .description('Lint existing images against the store rules: a folder, a fastlane screenshots/ or metadata/android/ tree, or files')
    .argument('<path...>', 'files or folders')
    .addOption(storeOption('which store the images are for (default: guessed from the layout)'))
    .addOption(jsonOption('print the findings as JSON (the report.json findings shape)'));

export function registerLint(program: Command, cli: CliContext): void {
  declare(program).action(async (paths, opts) => cli.done(await lintCommand(paths, opts, cli.io)));
}

export async function lintCommand(paths: string[], opts: OptionsOf<typeof declare>, io: CliIO): Promise<number> {
  const { findings, images } = await lintPaths(paths, { cwd: io.cwd, store: opts.store });
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  if (opts.json) {
    io.stdout(`${JSON.stringify({ findings, summary: { images: images.length, errors, warnings } }, null, 2)}\n`);
  } else {
    for (const f of findings) io.stdout(formatFinding(f));
    io.stdout(`${images.length} image(s): ${errors} error(s), ${warnings} warning(s)\n`);
    if (io.env.GITHUB_ACTIONS === 'true') for (const f of findings) io.stdout(annotation(f));
  }
  return errors > 0 ? 1 : 0;
}

export function formatFinding(f: Finding): string {
  return `${f.severity.padEnd(7)} ${f.rule}: ${f.message}\n        ${f.source} (verified ${f.verified})\n`;
}

/** A GitHub workflow command, so findings show on the file in the run and the pull request. */
function annotation(f: Finding): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const file = f.path ? ` file=${prop(f.path)},` : ' ';
  return `::${f.severity === 'error' ? 'error' : 'warning'}${file}title=${prop(f.rule)}::${esc(`${f.message} (${f.source}, verified ${f.verified})`)}\n`;
}
