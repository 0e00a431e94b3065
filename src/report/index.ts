// report.json (docs/interfaces.md#reportjson) and report.html (a gallery of the run), written side by side in the output folder.
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic.js';
import path from 'node:path';
import { renderReportHtml } from './html.js';
import type { Finding, ImageRecord, Report } from './types.js';

export function buildReport(images: ImageRecord[], findings: Finding[]): Report {
  return {
    version: 1,
    images,
    findings,
    summary: {
      images: images.length,
      rendered: images.filter((i) => !i.cached).length,
      cached: images.filter((i) => i.cached).length,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
    },
  };
}

/** Writes OUT/report.json and OUT/report.html atomically; returns the report.json path. */
export function writeReport(outDir: string, report: Report, opts: { title?: string } = {}): string {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'report.json');
  writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomic(path.join(outDir, 'report.html'), renderReportHtml(report, opts));
  return file;
}
