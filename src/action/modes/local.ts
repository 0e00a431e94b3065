// mode: local: render the manifest on this runner with the embedded renderer.
import path from 'node:path';
import { runPipeline } from '../../pipeline.js';
import type { RenderedSet } from '../../publish/set.js';
import type { ActionEnv } from '../env.js';
import { ensureNatives } from '../natives.js';

export async function localMode(a: ActionEnv): Promise<RenderedSet> {
  const { inputs, ctx, runner } = a;
  const t0 = performance.now();
  const natives = ensureNatives({ toolCacheDir: ctx.toolCacheDir, log: runner.info });
  if (natives.source !== 'present') runner.info(`Native packages ${natives.source === 'cache' ? 'from the tool cache' : 'installed'}: ${natives.dir}`);
  const tNatives = performance.now() - t0;
  const res = await runPipeline({
    config: inputs.manifest,
    cwd: ctx.workspace,
    outDir: inputs.outputDir,
    layout: inputs.layout,
    locales: inputs.locales,
    presets: inputs.presets,
    slides: inputs.slides,
    shard: inputs.shard,
  });
  for (const w of res.warnings) {
    runner.warning(w.message, w.at ? { file: path.relative(ctx.workspace, path.resolve(ctx.workspace, w.at.file)), startLine: w.at.line, startColumn: w.at.column } : {});
  }
  return {
    outDir: res.plan.outDir,
    report: res.report,
    reportFile: res.reportFile,
    plan: res.plan,
    timings: [
      ...(natives.source === 'installed' ? [['native packages', tNatives] as [string, number]] : []),
      ['plan', res.timings.plan],
      ['render', res.timings.render],
      ['lint', res.timings.lint],
    ],
    partial: res.plan.jobs.length < res.plan.all.length,
  };
}
