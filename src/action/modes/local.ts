// mode: local: render the manifest on this runner with the embedded renderer.
import path from 'node:path';
import { runPipeline } from '../../pipeline.js';
import type { RenderedSet } from '../../publish/set.js';
import type { ActionEnv } from '../env.js';
import { ensureNatives } from '../natives.js';
import { actionCacheDir, cachePrefix, withActionCache } from '../cache.js';
import type { RenderStats } from '../../render/index.js';

export async function localMode(a: ActionEnv): Promise<RenderedSet> {
  const { inputs, ctx, runner } = a;
  const t0 = performance.now();
  const natives = ensureNatives({ toolCacheDir: ctx.toolCacheDir, log: runner.info });
  if (natives.source !== 'present') runner.info(`Native packages ${natives.source === 'cache' ? 'from the tool cache' : 'installed'}: ${natives.dir}`);
  const tNatives = performance.now() - t0;
  // The render cache persists across runs (src/action/cache.ts): unchanged images are copied, not drawn.
  const { result: res } = await withActionCache(
    { dir: actionCacheDir(ctx.tempDir), prefix: cachePrefix({ shard: inputs.shard }), log: runner, runId: ctx.runId },
    async (cacheDir) => {
      let stats: RenderStats | undefined;
      const result = await runPipeline({
        config: inputs.manifest,
        cwd: ctx.workspace,
        outDir: inputs.outputDir,
        layout: inputs.layout,
        locales: inputs.locales,
        presets: inputs.presets,
        slides: inputs.slides,
        shard: inputs.shard,
        cacheDir,
        onStats: (s) => (stats = s),
      });
      return { result, stats };
    },
  );
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
