// `storeshots import frameit [DIR]`: writes a storeshots manifest equivalent to a fastlane
// frameit setup, lists what could not be carried over, then checks the result like `validate`.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { findFramefile, importFrameit, type ImportFinding } from '../import/frameit/index.js';
import { loadProject } from '../project.js';
import { UserError, formatProblem } from '../util/errors.js';
import type { CliIO } from './io.js';
import { type CliContext, type OptionsOf, forceOption, jsonOption } from './options.js';

const declareFrameit = (program: Command) =>
  program
    .command('import')
    .description('Move an existing setup to storeshots')
    .command('frameit')
    .description(
      'Write a storeshots manifest from a fastlane frameit setup (Framefile.json, title.strings, keyword.strings) and list what has no equivalent',
    )
    .argument('[dir]', 'folder with Framefile.json (default: fastlane/screenshots, then fastlane/metadata/android)')
    .option('-o, --out <file>', 'manifest to write', 'screenshots.yml')
    .addOption(forceOption())
    .addOption(jsonOption('print the findings as JSON'));

export type ImportFrameitOptions = OptionsOf<typeof declareFrameit>;

export function registerImport(program: Command, cli: CliContext): void {
  declareFrameit(program).action(async (dir, opts) => cli.done(await importFrameitCommand(dir, opts, cli.io)));
}

export function formatImportFinding(f: ImportFinding): string {
  return `${formatProblem({ severity: f.severity, message: f.message, at: f.at })} (${f.rule})`;
}

export async function importFrameitCommand(
  dir: string | undefined,
  opts: ImportFrameitOptions,
  io: CliIO,
): Promise<number> {
  const out = path.resolve(io.cwd, opts.out ?? 'screenshots.yml');
  if (existsSync(out) && !opts.force)
    throw new UserError(
      `${path.relative(io.cwd, out) || out} already exists; pass --force to overwrite it, or -o to write elsewhere`,
    );
  const framefile = findFramefile(dir, io.cwd);
  const result = importFrameit(framefile, path.dirname(out), io.cwd);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, result.yaml);
  const shownOut = path.relative(io.cwd, out) || out;

  // The written manifest must stand on its own: check it the way `validate` does.
  let problems: string[] = [];
  let summary = '';
  try {
    const project = loadProject({ config: out, cwd: io.cwd });
    problems = project.warnings.map(formatProblem);
    summary = `${project.plan.locales.length} locale(s) x ${project.plan.presets.length} preset(s): ${project.plan.all.length} image(s)`;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    problems = e.problems.map(formatProblem);
  }
  if (opts.json) {
    io.stdout(
      `${JSON.stringify({ manifest: shownOut, framefile: path.relative(io.cwd, framefile), findings: result.findings, problems }, null, 2)}\n`,
    );
  } else {
    io.stdout(`wrote ${shownOut} from ${path.relative(io.cwd, framefile)}${summary ? `: ${summary}` : ''}\n`);
    for (const f of result.findings) io.stderr(`${formatImportFinding(f)}\n`);
    if (result.findings.length)
      io.stderr(
        `${result.findings.length} item(s) not carried over exactly; they are listed at the top of ${shownOut}\n`,
      );
  }
  if (!summary) {
    if (!opts.json) {
      io.stderr(`${shownOut} does not validate yet:\n`);
      for (const p of problems) io.stderr(`${p}\n`);
    }
    return 2;
  }
  if (!opts.json) io.stdout(`next: storeshots render -c ${shownOut}\n`);
  return 0;
}
