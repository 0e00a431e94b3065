// What a run's findings and problems mean to whoever started it, the same for every front end
// (the CLI's render, merge and lint commands, the Action's modes): whether the run fails under
// fail-on, how a finding reads on a terminal, and where a problem or finding is annotated.
import path from 'node:path';
import type { Finding } from './report/types.js';
import type { Problem } from './util/errors.js';

/** The `fail-on` input / `--fail-on` option: the lowest severity that fails the run. */
export type FailOn = 'error' | 'warning' | 'never';

export interface SeverityCounts {
  errors: number;
  warnings: number;
}

export function countFindings(findings: readonly Finding[]): SeverityCounts {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

/** How many findings are at or above `failOn`: the run fails when this is above 0. */
export function failingCount(counts: SeverityCounts, failOn: FailOn): number {
  if (failOn === 'never') return 0;
  return failOn === 'warning' ? counts.errors + counts.warnings : counts.errors;
}

/** The step's failure message when findings reach fail-on. */
export function failOnMessage(failing: number, failOn: FailOn): string {
  return `${failing} lint finding${failing === 1 ? '' : 's'} at or above fail-on: ${failOn} (see the annotations and the job summary)`;
}

/** A finding as one line on stderr after a render or merge: `severity: rule: path: message`. */
export function findingLine(f: Finding): string {
  // Messages about one file often start with its path already: not twice.
  return `${f.severity}: ${f.rule}: ${f.path && !f.message.startsWith(f.path) ? `${f.path}: ` : ''}${f.message}\n`;
}

/** A finding as `storeshots lint` prints it: severity, rule and message, then its source. */
export function formatFinding(f: Finding): string {
  return `${f.severity.padEnd(7)} ${f.rule}: ${f.message}\n        ${f.source} (verified ${f.verified})\n`;
}

/** A finding as a GitHub workflow command, so it shows on its file in the run and the pull request. */
export function findingCommand(f: Finding): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const file = f.path ? ` file=${prop(f.path)},` : ' ';
  return `::${f.severity === 'error' ? 'error' : 'warning'}${file}title=${prop(f.rule)}::${esc(`${f.message} (${f.source}, verified ${f.verified})`)}\n`;
}

/**
 * A file as an annotation names it: relative to the workspace (the repository root), with `/`
 * separators whatever the runner's OS, so GitHub finds it in the repository.
 * @param from folder a relative `file` is relative to
 * @param paths the runner's path flavour (node:path; tests pass path.win32)
 */
export function annotationFile(file: string, from: string, workspace: string, paths: path.PlatformPath = path): string {
  return paths.relative(workspace, paths.resolve(from, file)).split(paths.sep).join('/');
}

/** Where an annotation sits (the fields of @actions/core's AnnotationProperties this sets). */
export interface AnnotationPlace {
  file?: string;
  startLine?: number;
  startColumn?: number;
}

/** A problem's annotation place: its file, line and column; none when the problem has no position. */
export function problemPlace(p: Problem, workspace: string, paths: path.PlatformPath = path): AnnotationPlace {
  if (!p.at) return {};
  return {
    file: annotationFile(p.at.file, workspace, workspace, paths),
    startLine: p.at.line,
    startColumn: p.at.column,
  };
}
