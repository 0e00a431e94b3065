import type { Command } from '@commander-js/extra-typings';
import { loadProject } from '../project.js';
import { formatProblem, UserError } from '../util/errors.js';
import type { CliIO } from './io.js';
import { type CliContext, type OptionsOf, configOption } from './options.js';

const declare = (program: Command) =>
  program
    .command('validate')
    .description(
      'Check the manifest: schema, files, fonts, locales, presets, translations and that every word fits; no rendering',
    )
    .addOption(configOption('manifest file'));

export function registerValidate(program: Command, cli: CliContext): void {
  declare(program).action(async (opts) => cli.done(await validateCommand(opts, cli.io)));
}

export async function validateCommand(opts: OptionsOf<typeof declare>, io: CliIO): Promise<number> {
  const project = loadProject({ config: opts.config, cwd: io.cwd });
  const { plan } = project;
  for (const w of project.warnings) io.stderr(`${formatProblem(w)}\n`);
  // The text laid out as render lays it out (pure JS: fontkit measures; break data loads on demand).
  const { textFitProblems } = await import('../render/fit-check.js');
  const fit = await textFitProblems(plan.all);
  const errors = fit.filter((p) => p.severity === 'error');
  if (errors.length) throw new UserError(errors);
  for (const w of fit) io.stderr(`${formatProblem(w)}\n`);
  const sets = new Set(plan.all.map((j) => j.set)).size;
  io.stdout(
    `${project.loaded.file}: ok: ${plan.locales.length} locale(s) x ${plan.presets.length} preset(s): ${plan.all.length} image(s) in ${sets} set(s)\n`,
  );
  return 0;
}
