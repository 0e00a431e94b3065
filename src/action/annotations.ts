// Lint findings as GitHub annotations on the manifest line of the slide (or, for set-level
// findings, the preset) they concern, from the plan's Job.source positions.
import path from 'node:path';
import type { Job, Plan } from '../plan/types.js';
import type { Finding } from '../report/types.js';
import type { Position } from '../manifest/types.js';

export interface Annotation {
  severity: 'error' | 'warning';
  title: string;
  message: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

function positionOf(f: Finding, jobs: Job[]): Position | undefined {
  const match = (j: Job) => (!f.locale || j.locale === f.locale) && (!f.preset || j.preset === f.preset || j.presetId === f.preset);
  if (f.slide) {
    const job = jobs.find((j) => match(j) && j.slide === f.slide);
    if (job) return job.source.slide;
  }
  if (f.preset) return jobs.find(match)?.source.preset;
  return undefined;
}

/**
 * @param cwd folder the plan's positions are relative to
 * @param workspace the repository root annotations are relative to
 */
export function findingAnnotations(findings: Finding[], plan: Plan | undefined, cwd: string, workspace: string): Annotation[] {
  const jobs = plan?.all ?? [];
  const manifest = plan ? path.relative(workspace, plan.manifestFile) : undefined;
  return findings.map((f) => {
    const where = [f.locale, f.preset, f.slide].filter(Boolean).join(' / ');
    const pos = positionOf(f, jobs);
    const file = pos ? path.relative(workspace, path.resolve(cwd, pos.file)) : manifest;
    return {
      severity: f.severity,
      title: `storeshots ${f.rule}${where ? ` (${where})` : ''}`,
      message: `${f.message}\nRule source: ${f.source} (verified ${f.verified})`,
      file: file?.split(path.sep).join('/'),
      startLine: pos?.line ?? (plan ? 1 : undefined),
      startColumn: pos?.column,
    };
  });
}
