// The one reader of report.json: a render's output folder, a shard, a downloaded artifact or a
// side of a diff. It checks the shape every reader relies on (version 1, images and findings
// arrays); the records themselves are checked by whoever reads their files.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError, errorMessage } from '../util/errors.js';
import { sha256 } from '../util/hash.js';
import { isReallyInside, joinInside } from '../util/paths.js';
import type { Report } from './types.js';

export const REPORT_FILE = 'report.json';

/**
 * Reads DIR/report.json. Throws a UserError naming the file when it is missing (`missing`
 * replaces the default message), not JSON, or not a storeshots report.
 */
export function readReport(dir: string, opts: { missing?: string } = {}): Report {
  const file = path.join(dir, REPORT_FILE);
  if (!existsSync(file))
    throw new UserError(
      opts.missing ??
        `${dir} has no report.json: is it the output folder of a storeshots render (or a shard's artifact)?`,
    );
  let report: Report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  } catch (e) {
    throw new UserError(`${file} is not valid JSON (${errorMessage(e)})`);
  }
  if (report?.version !== 1 || !Array.isArray(report.images) || !Array.isArray(report.findings))
    throw new UserError(`${file} is not a storeshots report (version 1 with images and findings)`);
  return report;
}

/** Why an image a report.json lists cannot be used. */
export type ListedImageProblem = 'outside' | 'missing' | 'link-outside' | 'not-file' | 'sha256';

/** What follows "DIR: PATH " in merge's and upload's messages. */
export const LISTED_PROBLEM: Record<ListedImageProblem, string> = {
  outside: 'is listed in report.json but missing',
  missing: 'is listed in report.json but missing',
  'link-outside': 'is listed in report.json but leads outside the folder (through a symbolic link)',
  'not-file': 'is listed in report.json but is not a file',
  sha256: 'does not match the sha256 in its report.json (changed after the render, or a cut download?)',
};

/**
 * Reads the file of an image that DIR/report.json lists: its path must stay inside DIR (also
 * through symbolic links, since a downloaded artifact may hold any link), be a file, and hold
 * the bytes whose sha256 the record names. Callers word the problem for their command.
 */
export function readListedImage(
  dir: string,
  rec: { path: string; sha256: string },
): { file: string; bytes: Buffer } | { problem: ListedImageProblem; file?: string } {
  const file = joinInside(dir, rec.path);
  if (!file) return { problem: 'outside' };
  if (!existsSync(file)) return { problem: 'missing', file };
  if (!isReallyInside(dir, file)) return { problem: 'link-outside', file };
  if (!statSync(file).isFile()) return { problem: 'not-file', file };
  const bytes = readFileSync(file);
  if (sha256(bytes) !== rec.sha256) return { problem: 'sha256', file };
  return { file, bytes };
}
