// mode: comment: the second half of the fork setup. Runs in a workflow_run workflow (base
// repository, write token), downloads the artifact the pull_request run uploaded, and posts
// the preview comment. It reads images and JSON only: no code of the fork ever runs here.
import path from 'node:path';
import { buildReport } from '../../report/index.js';
import type { ImageRecord, Report } from '../../report/types.js';
import { downloadSet, isArtifactNotFound } from '../../publish/artifact.js';
import type { RenderedSet } from '../../publish/set.js';
import type { PullRequestRef } from '../context.js';
import type { ActionEnv } from '../env.js';
import { UserError } from '../../util/errors.js';
import { httpStatus } from '../../github/client.js';

export interface CommentModeResult {
  /** Undefined when the run left no artifact to show. */
  set?: RenderedSet;
  /** The pull request to comment on, checked against the API; undefined when none could be trusted. */
  pullRequest?: PullRequestRef;
}

const dim = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 20000;

/** A report from another run (possibly a fork's): keep only well-formed records and recount. */
export function sanitizeReport(r: Report): Report {
  const images = r.images.filter(
    (i): i is ImageRecord =>
      !!i &&
      typeof i.path === 'string' &&
      typeof i.locale === 'string' &&
      typeof i.preset === 'string' &&
      typeof i.slide === 'string' &&
      dim(i.width) &&
      dim(i.height) &&
      Number.isInteger(i.index),
  );
  const findings = r.findings.filter(
    (f) =>
      !!f &&
      typeof f.rule === 'string' &&
      typeof f.message === 'string' &&
      (f.severity === 'error' || f.severity === 'warning'),
  );
  return buildReport(images, findings);
}

export async function commentMode(a: ActionEnv): Promise<CommentModeResult> {
  const { ctx, inputs, gh, token, runner } = a;
  const run = ctx.payload.workflow_run as
    | { id?: number; head_sha?: string; pull_requests?: Array<{ number: number }> }
    | undefined;
  if (ctx.eventName !== 'workflow_run' || !run?.id) {
    throw new UserError(
      `mode: comment runs in a workflow_run workflow (this event is ${ctx.eventName || 'unknown'}); see docs/action.md#forks`,
    );
  }
  if (!gh || !token) throw new UserError('mode: comment needs github-token (actions: read, pull-requests: write)');
  const t0 = performance.now();
  const dir = path.join(ctx.tempDir, `storeshots-artifact-${run.id}`);
  let got;
  try {
    got = await downloadSet(a.artifacts, {
      name: inputs.artifactName,
      token,
      owner: ctx.owner,
      repo: ctx.repo,
      runId: run.id,
      dir,
      serverUrl: ctx.serverUrl,
    });
  } catch (e) {
    // The render run failed before uploading: it already shows the reason; a second red X helps nobody.
    if (!isArtifactNotFound(e)) throw e;
    runner.notice(
      `Run ${run.id} uploaded no artifact named "${inputs.artifactName}" (did it fail before rendering?): no comment.`,
    );
    return { set: undefined };
  }
  const tDownload = performance.now() - t0;
  const set: RenderedSet = {
    outDir: got.dir,
    report: sanitizeReport(got.report),
    reportFile: path.join(got.dir, 'report.json'),
    timings: [['download artifact', tDownload]],
    artifact: got.artifact,
    partial: got.runFile?.partial ?? false,
  };
  // The number comes from the fork's artifact (GitHub leaves workflow_run.pull_requests empty
  // for forks), so trust it only when that pull request's head is the commit that run built.
  const claimed = got.runFile?.pullRequest?.number ?? run.pull_requests?.[0]?.number;
  if (!claimed || !Number.isInteger(claimed)) {
    runner.notice('The artifact does not name a pull request (was the render run a pull_request event?): no comment.');
    return { set };
  }
  let pr;
  try {
    ({ data: pr } = await gh.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: claimed }));
  } catch (e) {
    if (httpStatus(e) !== 404) throw e;
    runner.notice(
      `Pull request #${claimed} named by the artifact does not exist in ${ctx.owner}/${ctx.repo}: no comment.`,
    );
    return { set };
  }
  if (pr.head.sha !== run.head_sha) {
    runner.warning(
      `Pull request #${claimed} is at ${pr.head.sha.slice(0, 7)}, but the render run built ${String(run.head_sha).slice(0, 7)}: not commenting (a newer run will).`,
    );
    return { set };
  }
  return {
    set,
    pullRequest: {
      number: pr.number,
      headSha: pr.head.sha,
      headRepo: pr.head.repo?.full_name,
      baseRef: pr.base.ref,
      baseSha: pr.base.sha,
    },
  };
}
