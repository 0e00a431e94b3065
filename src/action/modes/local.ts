// mode: local: render the manifest on this runner with the embedded renderer.
import { runPipeline } from '../../pipeline.js';
import type { RenderedSet } from '../../publish/set.js';
import type { ActionEnv } from '../env.js';
import { ensureNatives } from '../natives.js';
import { actionCacheDir, cachePrefix, withActionCache } from '../cache.js';
import type { RenderStats } from '../../render/index.js';
import { pipelineSelection, renderedSet } from './shared.js';

export async function localMode(a: ActionEnv): Promise<RenderedSet> {
  const { inputs, ctx, runner } = a;
  const t0 = performance.now();
  const natives = ensureNatives({ toolCacheDir: ctx.toolCacheDir, log: runner.info });
  if (natives.source !== 'present')
    runner.info(`Native packages ${natives.source === 'cache' ? 'from the tool cache' : 'installed'}: ${natives.dir}`);
  const tNatives = performance.now() - t0;
  // The render cache persists across runs (src/action/cache.ts): unchanged images are copied, not drawn.
  const { result: res } = await withActionCache(
    { dir: actionCacheDir(ctx.tempDir), prefix: cachePrefix({ shard: inputs.shard }), log: runner, runId: ctx.runId },
    async (cacheDir) => {
      let stats: RenderStats | undefined;
      const result = await runPipeline({
        ...pipelineSelection(a),
        cacheDir,
        onStats: (s) => (stats = s),
        // A missing worker pool is worth a line: the run still works, on one core.
        onNote: (m) => runner.info(m),
      });
      return { result, stats };
    },
  );
  const s = res.report.summary;
  runner.info(
    `Render cache: ${s.cached} of ${s.images} images unchanged (copied from the cache), ${s.rendered} rendered.`,
  );
  return renderedSet(a, res, [
    ...(natives.source === 'installed' ? [['native packages', tNatives] as [string, number]] : []),
    ['plan', res.timings.plan],
    ['render', res.timings.render],
    ['lint', res.timings.lint],
  ]);
}
