// mode: remote: the render API does the rendering. `wait: poll` waits here and publishes like a
// local run; `wait: dispatch` submits, leaves a "rendering" comment and ends in seconds, and a
// repository_dispatch workflow running `mode: collect` finishes the job.
import * as core from '@actions/core';
import { runPipeline } from '../../pipeline.js';
import { loadProject } from '../../project.js';
import { selectJobs } from '../../plan/plan.js';
import { clientFor, type RemoteRunOptions } from '../../remote/run.js';
import { buildSetRequest, groupSets } from '../../remote/request.js';
import type { RenderedSet } from '../../publish/set.js';
import { upsertStickyComment } from '../../github/comment.js';
import { httpStatus, isPermissionError } from '../../github/client.js';
import { UserError } from '../../util/errors.js';
import type { ActionEnv } from '../env.js';
import { pipelineSelection, renderedSet } from './shared.js';

/** The event type the service sends back; a collect workflow listens for it. */
export const DISPATCH_EVENT = 'storeshots-render';

export interface BatchEntry {
  set: string;
  id: string;
}

/** What every render of a run carries in `metadata`, echoed back by the service. */
export interface RunMetadata {
  storeshots: 1;
  repository: string;
  run_id: string;
  run_url: string;
  sha: string;
  pr?: { number: number; head_sha: string };
  release?: boolean;
  layout: 'flat' | 'fastlane';
  /** On the render that triggers the dispatch: the other renders of the run. */
  batch?: BatchEntry[];
}

export function runMetadata(a: ActionEnv, layout: 'flat' | 'fastlane'): RunMetadata {
  const { ctx } = a;
  return {
    storeshots: 1,
    repository: `${ctx.owner}/${ctx.repo}`,
    run_id: ctx.runId,
    run_url: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}`,
    sha: ctx.sha,
    pr: ctx.pullRequest ? { number: ctx.pullRequest.number, head_sha: ctx.pullRequest.headSha } : undefined,
    release: ctx.isRelease || undefined,
    layout,
  };
}

export function remoteConfig(a: ActionEnv): { baseUrl: string; apiKey: string; timeoutMs: number } {
  const { apiUrl, apiKey, webhookSecret, timeoutMinutes } = a.inputs.remote;
  // Masked before anything can print them.
  if (apiKey) core.setSecret(apiKey);
  if (webhookSecret) core.setSecret(webhookSecret);
  const missing = [!apiUrl && 'api-url', !apiKey && 'api-key'].filter(Boolean);
  if (missing.length)
    throw new UserError(
      `mode: ${a.inputs.mode} needs ${missing.join(' and ')} (the render API's URL and a key, e.g. \${{ secrets.STORESHOTS_API_KEY }})`,
    );
  return { baseUrl: apiUrl!, apiKey: apiKey!, timeoutMs: timeoutMinutes * 60_000 };
}

function logState(a: ActionEnv) {
  return (set: string, status: string, id: string) => a.runner.info(`remote ${set}: ${status} (${id})`);
}

export async function remoteMode(a: ActionEnv): Promise<RenderedSet | undefined> {
  const { inputs, runner } = a;
  const cfg = remoteConfig(a);
  const common = pipelineSelection(a);
  if (inputs.remote.wait === 'dispatch') {
    await submitForDispatch(a, cfg, common);
    return undefined;
  }
  const res = await runPipeline({
    ...common,
    remote: {
      ...cfg,
      metadata: runMetadata(a, inputs.layout ?? 'flat') as unknown as Record<string, unknown>,
      onState: logState(a),
      onRetry: (r) => runner.info(`remote: retry ${r.attempt} in ${(r.waitMs / 1000).toFixed(1)} s: ${r.reason}`),
    },
  });
  return renderedSet(a, res, [
    ['plan', res.timings.plan],
    ['remote render', res.timings.render],
    ['lint', res.timings.lint],
  ]);
}

/**
 * Submits one render per set. The last one carries `github_dispatch` and the ids of the others,
 * so the collect workflow learns the whole batch from the one render it is woken for.
 */
async function submitForDispatch(
  a: ActionEnv,
  cfg: ReturnType<typeof remoteConfig>,
  common: Parameters<typeof loadProject>[0] & {
    locales: string[];
    presets: string[];
    slides: string[];
    shard?: string;
  },
): Promise<void> {
  const { inputs, ctx, runner } = a;
  if (!inputs.remote.webhookSecret) {
    throw new UserError(
      'wait: dispatch needs webhook-secret: the collect workflow verifies the dispatch with it (the same secret as the service signs with)',
    );
  }
  const project = loadProject(common);
  const plan = selectJobs(project.plan, common);
  const meta = runMetadata(a, plan.layout);
  const opts: RemoteRunOptions = { ...cfg, onState: logState(a) };
  const client = clientFor(opts);
  const sets = [...groupSets(plan.jobs).values()];
  if (sets.length === 0) throw new UserError('nothing to render: the filters select no image');
  const batch: BatchEntry[] = [];
  for (const [i, jobs] of sets.entries()) {
    const last = i === sets.length - 1;
    const req = buildSetRequest(jobs, {
      metadata: { ...meta, ...(last ? { batch: [...batch] } : {}) },
      webhookSecret: inputs.remote.webhookSecret,
      githubDispatch: last ? { repository: `${ctx.owner}/${ctx.repo}`, event_type: DISPATCH_EVENT } : undefined,
    });
    const { data, headers } = await client.createRender(req.body, req.idempotencyKey);
    runner.info(
      `remote ${req.set}: ${data.status} (${data.id})${headers.get('idempotent-replayed') === 'true' ? ' (reused)' : ''}`,
    );
    batch.push({ set: req.set, id: data.id });
  }
  runner.setOutput('images', String(plan.jobs.length));
  runner.setOutput('renders', JSON.stringify(batch));
  const body = [
    '### 📱 storeshots preview',
    `⏳ **Rendering ${plan.jobs.length} image(s) in ${batch.length} set(s)** on the render API${ctx.sha ? ` · ${ctx.sha.slice(0, 7)}` : ''}.`,
    'This comment is updated when the renders finish (a `repository_dispatch` runs the collect workflow).',
    `[Workflow run](${meta.run_url})`,
  ].join('\n\n');
  await runner.summary(
    `## storeshots: rendering remotely\n\n${batch.map((b) => `- \`${b.set}\`: ${b.id}`).join('\n')}\n\nThe results arrive with the \`repository_dispatch\` event \`${DISPATCH_EVENT}\`.\n`,
  );
  const pr = ctx.pullRequest;
  if (pr && inputs.comment && a.gh && !ctx.fromFork) {
    try {
      const c = await upsertStickyComment(
        a.gh,
        { owner: ctx.owner, repo: ctx.repo, issueNumber: pr.number },
        inputs.commentHeader,
        body,
        {
          // Attempt 1 always: a re-run reuses the renders (same idempotency keys), and its collect run stamps the same.
          stamp: { sha: pr.headSha, run: Number(ctx.runId) || 0, attempt: 1 },
        },
      );
      runner.setOutput('comment-id', c.id);
      runner.info(`Pending comment ${c.operation}: ${c.url}`);
    } catch (e) {
      if (!isPermissionError(e)) throw e;
      runner.notice(
        `Could not write the pending comment on #${pr.number} (HTTP ${httpStatus(e)}); the collect workflow will try again.`,
      );
    }
  }
}
