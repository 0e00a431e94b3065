// What local and remote mode share: the pipeline options the inputs select, and the step from
// a pipeline result to the set the publishing steps take.
import type { PipelineOptions, PipelineResult } from '../../pipeline.js';
import type { RenderedSet } from '../../publish/set.js';
import type { ActionEnv } from '../env.js';
import { problemPlace } from '../../outcome.js';

export function pipelineSelection(a: ActionEnv) {
  const { inputs, ctx } = a;
  return {
    config: inputs.manifest,
    cwd: ctx.workspace,
    outDir: inputs.outputDir,
    layout: inputs.layout,
    locales: inputs.locales,
    presets: inputs.presets,
    slides: inputs.slides,
    shard: inputs.shard,
  } satisfies PipelineOptions;
}

/** Plan warnings become annotations on their manifest line; the result becomes a RenderedSet. */
export function renderedSet(
  a: ActionEnv,
  res: Pick<PipelineResult, 'warnings' | 'plan' | 'report' | 'reportFile'>,
  timings: Array<[string, number]>,
): RenderedSet {
  const { ctx, runner } = a;
  for (const w of res.warnings) runner.warning(w.message, problemPlace(w, ctx.workspace));
  return {
    outDir: res.plan.outDir,
    report: res.report,
    reportFile: res.reportFile,
    plan: res.plan,
    timings,
    partial: res.plan.jobs.length < res.plan.all.length,
  };
}
