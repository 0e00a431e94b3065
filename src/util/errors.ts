// One error shape for bad input (docs/architecture.md#one-error-shape): what was expected, for which field, what came.
import type { Position } from './position.js';

export interface Problem {
  severity: 'error' | 'warning';
  message: string;
  /** Dotted path of the field, e.g. slides[0].headline. */
  field?: string;
  at?: Position;
}

export function formatProblem(p: Problem): string {
  const where = p.at ? `${p.at.file}:${p.at.line}:${p.at.column}: ` : '';
  return `${where}${p.severity}: ${p.message}`;
}

/** A user's mistake: reported as its message alone (no stack), exit code 2 in the CLI. */
export class UserError extends Error {
  readonly problems: Problem[];
  readonly exitCode: number;
  constructor(problems: Problem[] | string, exitCode = 2) {
    const list: Problem[] = typeof problems === 'string' ? [{ severity: 'error', message: problems }] : problems;
    super(list.map(formatProblem).join('\n'));
    this.name = 'UserError';
    this.problems = list;
    this.exitCode = exitCode;
  }
}

/** A failure while rendering or talking to a render API: exit code 3 in the CLI. */
export class RenderError extends Error {
  readonly exitCode = 3;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RenderError';
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

export function expected(what: string, field: string, value: unknown): string {
  return `Expected ${what} for ${field} but received ${describeValue(value)}`;
}

/** What went wrong, from anything a `catch` receives: an Error's message, or the thrown value as text. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string')
    return (e as { message: string }).message;
  return String(e);
}

/** One line for a comment or summary: a UserError's problem messages joined by "; " (without their
 * positions and severities), else errorMessage. */
export function oneLineMessage(e: unknown): string {
  return e instanceof UserError ? e.problems.map((p) => p.message).join('; ') : errorMessage(e);
}

/** Why a file or folder could not be read, in words (the errno code), else the error's message. */
export function fsErrorReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file (a broken symbolic link?)';
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a folder';
  if (code === 'EISDIR') return 'it is a folder';
  return errorMessage(e);
}
