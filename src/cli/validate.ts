import { loadProject } from '../project.js';
import { formatProblem } from '../util/errors.js';
import type { CliIO } from './io.js';

export async function validateCommand(opts: { config?: string }, io: CliIO): Promise<number> {
  const project = loadProject({ config: opts.config, cwd: io.cwd });
  for (const w of project.warnings) io.stderr(`${formatProblem(w)}\n`);
  const { plan } = project;
  const sets = new Set(plan.all.map((j) => j.set)).size;
  io.stdout(
    `${project.loaded.file}: ok: ${plan.locales.length} locale(s) x ${plan.presets.length} preset(s): ${plan.all.length} image(s) in ${sets} set(s)\n`,
  );
  return 0;
}
