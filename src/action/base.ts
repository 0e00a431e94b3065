// The base set of a pull request and what changed against it: the artifact of the latest
// successful run of this workflow on the base branch (src/publish/base-set.ts), or the base
// commit rendered on this runner (input diff-base), compared image by image (src/diff). Never
// fails the step: every way of having no base is one sentence for the comment and the summary.
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { diffSets, type DiffResult } from '../diff/index.js';
import { describeBase, findBaseSet } from '../publish/base-set.js';
import type { RenderedSet } from '../publish/set.js';
import { oneLineMessage } from '../util/errors.js';
import type { PullRequestRef } from './context.js';
import type { ActionEnv } from './env.js';

/** Folder of the head set the comparison is written to (uploaded with the artifact). */
export const DIFF_DIR = 'storeshots-diff';

/** A base set rendered on this runner from the base commit, or why it could not be. */
export type RenderedBase = { dir: string; sha: string; note?: string } | { error: string };

/** Renders the base commit's manifest (local mode only: the other modes have no renderer at hand). */
export type RenderBase = (sha: string) => Promise<RenderedBase>;

export interface BaseComparison {
  /** One line: which base was used (run id, commit), or why there is none. */
  base: string;
  /** Where the base came from. */
  source: 'artifact' | 'render' | 'none';
  diff?: DiffResult;
  /** Absolute folder holding diff.json, diff.html and the diff images (inside the head set). */
  diffDir?: string;
  /** The base's commit. */
  baseSha?: string;
}

const short = (sha: string) => sha.slice(0, 7);

/**
 * Finds the base set of `pr` and compares `set` with it. `runId` is the run whose workflow is
 * searched (this run; the rendering run in comment and collect mode).
 */
export async function compareWithBase(
  a: ActionEnv,
  set: RenderedSet,
  pr: PullRequestRef,
  o: { runId: number; renderBase?: RenderBase },
): Promise<BaseComparison> {
  const { inputs, ctx, gh, token, runner } = a;
  if (inputs.diffBase === 'none')
    return { base: 'No comparison with the base branch (diff-base: none).', source: 'none' };
  if (set.partial)
    return {
      base: 'Only part of the manifest was rendered (filters or a shard): no comparison with the base branch.',
      source: 'none',
    };
  const baseRef = pr.baseRef ?? ctx.defaultBranch;
  let why = '';
  let base: { dir: string; line: string; source: 'artifact' | 'render'; sha?: string } | undefined;

  if (inputs.diffBase === 'artifact') {
    if (!gh || !token) why = 'No base set: no github-token to find the base branch’s run with.';
    else if (!baseRef) why = 'No base set: the event names no base branch.';
    else if (!o.runId) why = 'No base set: no workflow run id (GITHUB_RUN_ID) to find this workflow by.';
    else {
      const found = await findBaseSet({
        gh,
        artifacts: a.artifacts,
        token,
        owner: ctx.owner,
        repo: ctx.repo,
        runId: o.runId,
        baseRef,
        artifactName: inputs.artifactName,
        dir: mkdtempSync(path.join(ctx.tempDir, 'storeshots-base-')),
      });
      for (const s of found.skipped) runner.info(`Base set: passed over ${s}`);
      if (found.found)
        base = { dir: found.dir, line: describeBase(found, baseRef), source: 'artifact', sha: found.headSha };
      else why = describeBase(found, baseRef);
    }
    if (why) runner.info(why);
  }

  if (!base) {
    const sha = pr.baseSha;
    if (!o.renderBase) {
      if (inputs.diffBase === 'render')
        why = `${why ? `${why} ` : ''}diff-base: render needs mode: local (the base commit is rendered on this runner).`;
      return { base: why, source: 'none' };
    }
    if (!sha) return { base: `${why ? `${why} ` : ''}The event names no base commit to render.`, source: 'none' };
    const r = await o.renderBase(sha);
    if ('error' in r) return { base: `${why ? `${why} ` : ''}${r.error}`, source: 'none' };
    base = {
      dir: r.dir,
      source: 'render',
      sha,
      line: `${why ? `${why} ` : ''}Compared with the base commit \`${short(sha)}\`${baseRef ? ` of ${baseRef}` : ''}, rendered on this runner${r.note ? ` (${r.note})` : ''}.`,
    };
  }

  const diffDir = path.join(set.outDir, DIFF_DIR);
  try {
    const diff = await diffSets(base.dir, set.outDir, { outDir: diffDir });
    return { base: base.line, source: base.source, diff, diffDir, baseSha: base.sha };
  } catch (e) {
    // A base set we cannot read (an older storeshots, a broken download) is no reason to fail the run.
    const msg = oneLineMessage(e);
    return { base: `${base.line} The comparison failed: ${msg}`, source: 'none' };
  }
}
