// The one reader of report.json: a render's output folder, a shard, a downloaded artifact or a
// side of a diff. It checks the shape every reader relies on (version 1, images and findings
// arrays); the records themselves are checked by whoever reads their files.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError, errorMessage } from '../util/errors.js';
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
