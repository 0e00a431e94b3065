// report.json (SPEC §1). The HTML gallery is added by issue 4.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

/** Writes OUT/report.json atomically (a reader never sees half a file). */
export function writeReport(outDir: string, report: Report): string {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'report.json');
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(tmp, file);
  return file;
}
