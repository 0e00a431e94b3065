// The Action: inputs -> mode -> publish -> fail-on. Errors are reported once, here.
import * as core from '@actions/core';
import { createGitHub } from '../github/client.js';
import { UserError, RenderError, formatProblem } from '../util/errors.js';
import { readContext } from './context.js';
import { coreRunner, inGroup, type ActionEnv, type Runner } from './env.js';
import { parseInputs, type InputReader } from './inputs.js';
import { localMode } from './modes/local.js';
import { commentMode } from './modes/comment.js';
import { reservedMode } from './modes/reserved.js';
import { mergeMode } from './merge.js';
import { remoteMode } from './modes/remote.js';
import { collectMode } from './modes/collect.js';
import { publish } from './publish.js';
import { failingCount, failOnMessage, problemPlace } from '../outcome.js';
import type { RenderedSet } from '../publish/set.js';
import type { PullRequestRef } from './context.js';

export interface ActionDeps {
  env?: NodeJS.ProcessEnv;
  read?: InputReader;
  runner?: Runner;
  /** Waits for rate limits (tests pass one that does not sleep). */
  sleep?: (ms: number) => Promise<void>;
  /** The clock collect mode checks dispatch signatures against (tests pass a fixed one). */
  now?: () => number;
}

/** Runs the Action; returns the exit code it also sets on the process. */
export async function runAction(deps: ActionDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const runner = deps.runner ?? coreRunner;
  try {
    const inputs = parseInputs(deps.read ?? ((n) => core.getInput(n)));
    const ctx = readContext(env);
    const token = inputs.githubToken;
    const gh = token ? createGitHub({ token, baseUrl: ctx.apiUrl, sleep: deps.sleep, log: runner.info }) : undefined;
    const a: ActionEnv = { inputs, ctx, gh, token, runner };
    for (const d of inputs.deprecations) runner.warning(d);

    if (inputs.mode === 'upload') {
      // The set was rendered, linted and published by an earlier job: this one only ships it.
      // Loaded on demand: the store clients (googleapis, jose) are not needed by the other modes.
      const { uploadMode } = await import('./modes/upload.js');
      return await inGroup(runner, 'storeshots: upload mode', () => uploadMode(a, deps.read ?? ((n) => core.getInput(n)), env));
    }
    const made = await inGroup(runner, `storeshots: ${inputs.mode} mode`, () => runMode(a, deps));
    // remote with wait: dispatch, or comment mode without an artifact: nothing to publish here.
    if (!made) return 0;
    const { set, pullRequest, upload, releaseEvent, renderedBy } = made;
    await publish(a, set, { pullRequest, upload, allowRelease: inputs.mode !== 'comment', releaseEvent, renderedBy });

    const failing = failingCount(set.report.summary, inputs.failOn);
    if (failing > 0) {
      core.setFailed(failOnMessage(failing, inputs.failOn));
      return 1;
    }
    return 0;
  } catch (e) {
    return fail(e, runner, env);
  }
}

interface Made {
  set: RenderedSet;
  pullRequest?: PullRequestRef;
  upload: boolean;
  releaseEvent?: boolean;
  /** The run that rendered, when it is not this one (comment, collect). */
  renderedBy?: { run: number; attempt: number };
}

/** The mode's half of a run: a finished set to publish, or undefined when this run publishes nothing. */
async function runMode(a: ActionEnv, deps: ActionDeps): Promise<Made | undefined> {
  const { inputs, ctx } = a;
  switch (inputs.mode) {
    case 'local':
      return { set: await localMode(a), pullRequest: ctx.pullRequest, upload: true };
    case 'remote': {
      // wait: dispatch ends here: the collect workflow publishes when the renders are done.
      const set = await remoteMode(a);
      return set && { set, pullRequest: ctx.pullRequest, upload: true };
    }
    case 'collect': {
      const r = await collectMode(a, { now: deps.now });
      return { set: r.set, pullRequest: r.pullRequest, upload: true, releaseEvent: r.release, renderedBy: r.renderedBy };
    }
    case 'comment': {
      const r = await commentMode(a);
      const run = ctx.payload.workflow_run as { id?: number; run_attempt?: number } | undefined;
      return r.set && { set: r.set, pullRequest: r.pullRequest, upload: false, renderedBy: run?.id ? { run: run.id, attempt: run.run_attempt ?? 1 } : undefined };
    }
    case 'merge':
      return { set: await mergeMode(a), pullRequest: ctx.pullRequest, upload: true };
    default:
      return reservedMode(inputs.mode);
  }
}

function fail(e: unknown, runner: Runner, env: NodeJS.ProcessEnv): number {
  if (e instanceof UserError) {
    const placed = e.problems.filter((p) => p.at);
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    // A manifest problem is an annotation on its line; the rest fail the step as one message.
    for (const p of placed) runner.error(formatProblem(p), problemPlace(p, workspace));
    const rest = e.problems.filter((p) => !p.at);
    if (rest.length) core.setFailed(rest.map((p) => p.message).join('\n'));
    // 1 is core.ExitCode.Failure (spelled out: @github/local-action's stand-in for core has no ExitCode).
    else process.exitCode = 1;
    return 1;
  }
  const err = e as Error;
  core.setFailed(e instanceof RenderError ? `storeshots: ${err.message}` : `storeshots: ${err?.message ?? String(e)}`);
  if (env.STORESHOTS_DEBUG || env.RUNNER_DEBUG) core.debug(err?.stack ?? '');
  return 1;
}
