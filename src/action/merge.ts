// mode: merge: the last job of a sharded matrix (`needs:` the shard jobs). Downloads every
// shard's artifact of this run (named <artifact-name>-<i>-of-<n> by the shards), merges them
// (src/merge.ts: every image exactly once, bytes checked, set-level lint once over the whole)
// and hands the set to the same publishing steps as local mode: one artifact, one summary,
// one comment, one release pull request.
import path from 'node:path';
import { mergeShards } from '../merge.js';
import type { RenderedSet } from '../publish/set.js';
import { RenderError, UserError } from '../util/errors.js';
import type { ActionEnv } from './env.js';
import { pipelineSelection, renderedSet } from './modes/shared.js';
import { ensureNatives } from './natives.js';

/**
 * The artifact a shard job uploads: `<name>-<i>-of-<n>`, whether the name is the default or
 * given (every job of a matrix shares its inputs, and one run holds one artifact per name).
 */
export function shardArtifactName(name: string, shard: string): string {
  const suffix = `-${shard.replace('/', '-of-')}`;
  return name.endsWith(suffix) ? name : `${name}${suffix}`;
}

/** This run's shard artifacts for `base`, ordered by shard; throws when one is missing or the counts disagree. */
export function shardArtifacts(
  base: string,
  artifacts: Array<{ name: string; id: number }>,
): Array<{ name: string; id: number; index: number; total: number }> {
  const re = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)-of-(\\d+)$`);
  const found = artifacts.flatMap((a) => {
    const m = re.exec(a.name);
    return m ? [{ ...a, index: Number(m[1]), total: Number(m[2]) }] : [];
  });
  if (!found.length) {
    throw new UserError(
      `mode: merge found no shard artifacts named "${base}-<i>-of-<n>" in this run (${artifacts.length ? `it has: ${artifacts.map((a) => a.name).join(', ')}` : 'it has none'}); ` +
        'run the shard jobs with shard: i/n and upload-artifact: true, and give this job needs: on them',
    );
  }
  const totals = [...new Set(found.map((f) => f.total))];
  if (totals.length > 1)
    throw new UserError(
      `mode: merge found shards of different splits (${totals.map((t) => `of ${t}`).join(', ')}) named "${base}-…": give each matrix its own artifact-name`,
    );
  const total = totals[0]!;
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !found.some((f) => f.index === i));
  if (missing.length)
    throw new RenderError(
      `mode: merge is missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${total}`).join(', ')} (artifact ${missing.map((i) => `${base}-${i}-of-${total}`).join(', ')}): did that job fail?`,
    );
  return found.sort((a, b) => a.index - b.index);
}

export async function mergeMode(a: ActionEnv): Promise<RenderedSet> {
  const { inputs, ctx, runner, artifacts: client } = a;
  if (inputs.shard) throw new UserError('mode: merge combines every shard: leave shard empty in the merge job');
  const t0 = performance.now();
  const shards = shardArtifacts(inputs.artifactName, (await client.listArtifacts({ latest: true })).artifacts);
  const dirs: string[] = [];
  for (const s of shards) {
    const dir = path.join(ctx.tempDir, 'storeshots-shards', s.name);
    await client.downloadArtifact(s.id, { path: dir });
    dirs.push(dir);
  }
  const tDownload = performance.now() - t0;
  runner.info(`Downloaded ${shards.length} shard artifacts: ${shards.map((s) => s.name).join(', ')}`);
  // The comment's contact sheets draw with sharp: the same native packages as local mode.
  ensureNatives({ toolCacheDir: ctx.toolCacheDir, log: runner.info });
  const t1 = performance.now();
  // The whole manifest's selection: a merge job has no shard of its own.
  const { shard: _shard, ...selection } = pipelineSelection(a);
  const r = await mergeShards({ dirs, ...selection });
  // Plan warnings become annotations on their manifest line, as in local mode.
  return renderedSet(a, r, [
    ['download shards', tDownload],
    ['merge and lint', performance.now() - t1],
  ]);
}
