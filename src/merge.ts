// Merging the outputs of a sharded run (`render --shard i/n` on several runners) into one set:
// the images and report.json files of every shard are combined, checked against the plan (every
// selected job exactly once, bytes as their report says), and the set-level lint (counts,
// required slots, run-wide rules) runs once over the whole. Per-image findings are the shards'
// own: they depend on one image alone, so the union equals what one runner would have found.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadProject, type ProjectOptions } from './project.js';
import { selectJobs, type Selection } from './plan/plan.js';
import type { Job, Plan } from './plan/types.js';
import { getRule, lintRender, sortFindings } from './lint/index.js';
import { buildReport, writeReport } from './report/index.js';
import { LISTED_PROBLEM, readListedImage, readReport } from './report/read.js';
import type { Finding, ImageRecord, Report } from './report/types.js';
import type { RenderedImage } from './render/types.js';
import { RenderError, UserError, type Problem } from './util/errors.js';

export interface MergeOptions extends ProjectOptions, Omit<Selection, 'shard'> {
  /** The shards' output folders (each with its report.json). */
  dirs: string[];
}

export interface MergeResult {
  plan: Plan;
  images: RenderedImage[];
  report: Report;
  reportFile: string;
  warnings: Problem[];
  /** How many images each folder gave. */
  shards: Array<{ dir: string; images: number }>;
}

/** Rule scopes whose findings depend on the whole set or run: these are computed again after the merge. */
const WHOLE = new Set(['set', 'run']);

export async function mergeShards(opts: MergeOptions): Promise<MergeResult> {
  if (!opts.dirs.length) throw new UserError('merge needs at least one shard folder');
  const project = loadProject(opts);
  const plan = selectJobs(project.plan, { locales: opts.locales, presets: opts.presets, slides: opts.slides });
  const byPath = new Map<string, Job>(plan.jobs.map((j) => [j.output.path, j]));
  const found = new Map<string, { record: ImageRecord; dir: string }>();
  const kept: Finding[] = [];
  const problems: string[] = [];
  const shards: MergeResult['shards'] = [];
  mkdirSync(plan.outDir, { recursive: true });

  for (const dir of opts.dirs) {
    const report = readReport(dir);
    shards.push({ dir, images: report.images.length });
    for (const rec of report.images) {
      const job = byPath.get(rec.path);
      if (!job) {
        problems.push(
          `${dir}: ${rec.path} is not an image of this manifest and selection (were the shards rendered from another commit, or with other --locale/--preset/--slide/--pseudo options?)`,
        );
        continue;
      }
      const prev = found.get(rec.path);
      if (prev) {
        if (prev.record.sha256 !== rec.sha256)
          problems.push(`${rec.path} is in both ${prev.dir} and ${dir} with different bytes`);
        continue;
      }
      const listed = readListedImage(dir, rec);
      if ('problem' in listed) {
        problems.push(`${dir}: ${rec.path} ${LISTED_PROBLEM[listed.problem]}`);
        continue;
      }
      const src = listed.file;
      const dest = path.join(plan.outDir, rec.path);
      if (path.resolve(src) !== path.resolve(dest)) {
        mkdirSync(path.dirname(dest), { recursive: true });
        copyFileSync(src, dest);
      }
      found.set(rec.path, { record: rec, dir });
    }
    // Findings about one image (or one job) stand as the shard found them; set and run rules are run again below.
    for (const f of report.findings) {
      const rule = getRule(f.rule);
      if (!rule || !WHOLE.has(rule.scope)) kept.push(f);
    }
  }
  const missing = plan.jobs.filter((j) => !found.has(j.output.path));
  if (missing.length) {
    problems.push(
      `${missing.length} of ${plan.jobs.length} images are in no shard: ${missing
        .slice(0, 8)
        .map((j) => j.output.path)
        .join(', ')}${missing.length > 8 ? ', …' : ''} (did a shard fail, or is one folder missing?)`,
    );
  }
  if (problems.length) throw new RenderError(`cannot merge the shards:\n${problems.map((p) => `  ${p}`).join('\n')}`);

  const images: RenderedImage[] = plan.jobs.map((job) => ({
    job,
    file: path.join(plan.outDir, job.output.path),
    text: [],
    record: found.get(job.output.path)!.record,
  }));
  const whole = (await lintRender(plan, images)).filter((f) => WHOLE.has(getRule(f.rule)?.scope ?? ''));
  const seen = new Set<string>();
  const findings = sortFindings(
    [...kept, ...whole].filter((f) => {
      const k = JSON.stringify(f);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    }),
  );
  const report = buildReport(
    images.map((i) => i.record),
    findings,
  );
  const reportFile = writeReport(plan.outDir, report, { title: plan.app.name });
  return { plan, images, report, reportFile, warnings: project.warnings, shards };
}
