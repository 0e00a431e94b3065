// report.json (docs/interfaces.md#reportjson) and report.html (a gallery of the run), written side by side in the output folder.
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic.js';
import path from 'node:path';
import { renderReportHtml } from './html.js';
import type { Finding, ImageRecord, Report } from './types.js';

export { renderReportHtml } from './html.js';

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

/**
 * One report from several (the shards of a CI matrix). Images are kept once per path; findings
 * once per (rule, severity, message, path, locale, preset, slide), since every shard reports the
 * set-level findings of the whole plan (counts, required slots).
 */
export function mergeReports(reports: Report[]): Report {
  const images = new Map<string, ImageRecord>();
  const findings = new Map<string, Finding>();
  for (const r of reports) {
    for (const img of r.images) images.set(img.path, img);
    for (const f of r.findings) findings.set(JSON.stringify([f.rule, f.severity, f.message, f.path, f.locale, f.preset, f.slide]), f);
  }
  return buildReport([...images.values()], [...findings.values()]);
}


/** Writes OUT/report.json and OUT/report.html atomically; returns the report.json path. */
export function writeReport(outDir: string, report: Report, opts: { title?: string } = {}): string {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'report.json');
  writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomic(path.join(outDir, 'report.html'), renderReportHtml(report, opts));
  return file;
}

/** Where writeReport puts the gallery. */
export function reportHtmlPath(outDir: string): string {
  return path.join(outDir, 'report.html');
}
