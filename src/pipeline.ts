// One pipeline, one direction: manifest -> plan -> render -> lint -> report.
// The CLI's `render` and the Action's local mode both call runPipeline.
import { captureJobs } from './capture/jobs.js';
import { resolveChecked } from './server/address.js';
import { loadProject, type ProjectOptions } from './project.js';
import { selectJobs, type Selection } from './plan/plan.js';
import type { Plan } from './plan/types.js';
import { renderPlan, type RenderRunOptions } from './render/index.js';
import { renderRemote, type RemoteRunOptions } from './remote/run.js';
import { lintRender } from './lint/index.js';
import { buildReport, writeReport } from './report/index.js';
import type { Problem } from './util/errors.js';
import type { Report } from './report/types.js';
import type { RenderedImage } from './render/types.js';

export interface PipelineOptions extends ProjectOptions, Selection, RenderRunOptions {
  /** Render through a render API (docs/render-api.md) instead of on this machine. */
  remote?: RemoteRunOptions;
  /** The Chromium for web captures (else $STORESHOTS_BROWSER, else chromium on PATH). */
  browser?: string;
}

export interface PipelineResult {
  plan: Plan;
  images: RenderedImage[];
  report: Report;
  reportFile: string;
  warnings: Problem[];
  /** Milliseconds per stage, for the job summary. */
  timings: { plan: number; render: number; lint: number };
}

export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const t0 = performance.now();
  const project = loadProject(opts);
  const plan = selectJobs(project.plan, opts);
  // Web captures first: their PNGs are the screenshots the render (local or remote) reads.
  await captureJobs(plan.jobs, {
    browser: opts.browser,
    env: process.env,
    // The user's own machine: private and loopback open, link-local and metadata still refused.
    resolve: async (host) => (await resolveChecked(host, true))[0]!.address,
    onNote: opts.onNote,
  });
  const t1 = performance.now();
  const remote = opts.remote ? await renderRemote(plan, opts.remote) : undefined;
  const images = remote ? remote.images : await renderPlan(plan, opts);
  const t2 = performance.now();
  // Remote images are linted here from their real bytes, like local ones.
  const findings = await lintRender(plan, images);
  const t3 = performance.now();
  const report = buildReport(
    images.map((i) => i.record),
    findings,
  );
  if (remote && opts.remote)
    report.remote = { url: opts.remote.baseUrl, renders: remote.renders, findings: remote.remoteFindings };
  const reportFile = writeReport(plan.outDir, report, { title: plan.app.name });
  return {
    plan,
    images,
    report,
    reportFile,
    warnings: project.warnings,
    timings: { plan: t1 - t0, render: t2 - t1, lint: t3 - t2 },
  };
}
