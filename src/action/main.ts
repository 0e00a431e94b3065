// The Action: inputs -> mode -> publish -> fail-on. Errors are reported once, here.
import * as core from '@actions/core';
import { DefaultArtifactClient, type ArtifactClient } from '@actions/artifact';
import { createGitHub } from '../github/client.js';
import { UserError, errorMessage, formatProblem } from '../util/errors.js';
import { readContext } from './context.js';
import { coreRunner, type ActionEnv, type Runner } from './env.js';
import { parseInputs, type InputReader } from './inputs.js';
import { localMode } from './modes/local.js';
import { commentMode } from './modes/comment.js';
import { mergeMode } from './merge.js';
import { remoteMode } from './modes/remote.js';
import { collectMode } from './modes/collect.js';
import { publish } from './publish.js';
import { failingCount, failOnMessage, problemPlace } from '../outcome.js';
import type { RenderedSet } from '../publish/set.js';
import type { PullRequestRef } from './context.js';
import type { RenderBase } from './base.js';
import { renderBaseCommit } from './base-render.js';
import { actionCacheDir } from './cache.js';

export interface ActionDeps {
  env?: NodeJS.ProcessEnv;
  read?: InputReader;
  runner?: Runner;
  /** Waits for rate limits (tests pass one that does not sleep). */
  sleep?: (ms: number) => Promise<void>;
  /** The clock collect mode checks dispatch signatures against (tests pass a fixed one). */
  now?: () => number;
  /** The workflow artifact service; the toolkit's DefaultArtifactClient when left out. */
  artifacts?: ArtifactClient;
}

/** Runs the Action; returns the exit code it also sets on the process. */
export async function runAction(deps: ActionDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const runner = deps.runner ?? coreRunner;
  try {
    const read = deps.read ?? ((n) => core.getInput(n));
    const inputs = parseInputs(read);
    const ctx = readContext(env);
    const token = inputs.githubToken;
    const gh = token ? createGitHub({ token, baseUrl: ctx.apiUrl, sleep: deps.sleep, log: runner.info }) : undefined;
    const a: ActionEnv = { inputs, ctx, gh, token, runner, artifacts: deps.artifacts ?? new DefaultArtifactClient() };
    for (const d of inputs.deprecations) runner.warning(d);

    const made = await runner.group(`storeshots: ${inputs.mode} mode`, () => runMode(a, { ...deps, read, env }));
    // upload mode finished the run itself: its exit code.
    if (typeof made === 'number') return made;
    // remote with wait: dispatch, or comment mode without an artifact: nothing to publish here.
    if (!made) return 0;
    const { set, pullRequest, upload, releaseEvent, renderedBy, renderBase } = made;
    await publish(a, set, {
      pullRequest,
      upload,
      allowRelease: inputs.mode !== 'comment',
      releaseEvent,
      renderedBy,
      renderBase,
    });

    const failing = failingCount(set.report.summary, inputs.failOn);
    if (failing > 0) {
      runner.fail(failOnMessage(failing, inputs.failOn));
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
  /** Local mode: renders the pull request's base commit with this run's render cache. */
  renderBase?: RenderBase;
}

/**
 * The mode's half of a run: a finished set to publish, undefined when this run publishes nothing,
 * or the exit code of a mode that finishes the run itself (upload).
 */
async function runMode(
  a: ActionEnv,
  deps: ActionDeps & Required<Pick<ActionDeps, 'read' | 'env'>>,
): Promise<Made | number | undefined> {
  const { inputs, ctx } = a;
  switch (inputs.mode) {
    case 'local':
      return {
        set: await localMode(a),
        pullRequest: ctx.pullRequest,
        upload: true,
        renderBase: (sha) => renderBaseCommit(a, sha, actionCacheDir(ctx.tempDir)),
      };
    case 'remote': {
      // wait: dispatch ends here: the collect workflow publishes when the renders are done.
      const set = await remoteMode(a);
      return set && { set, pullRequest: ctx.pullRequest, upload: true };
    }
    case 'collect': {
      const r = await collectMode(a, { now: deps.now });
      return {
        set: r.set,
        pullRequest: r.pullRequest,
        upload: true,
        releaseEvent: r.release,
        renderedBy: r.renderedBy,
      };
    }
    case 'comment': {
      const r = await commentMode(a);
      const run = ctx.payload.workflow_run as { id?: number; run_attempt?: number } | undefined;
      return (
        r.set && {
          set: r.set,
          pullRequest: r.pullRequest,
          upload: false,
          renderedBy: run?.id ? { run: run.id, attempt: run.run_attempt ?? 1 } : undefined,
        }
      );
    }
    case 'merge':
      return { set: await mergeMode(a), pullRequest: ctx.pullRequest, upload: true };
    case 'upload': {
      // The set was rendered, linted and published by an earlier job: this one only ships it.
      // Loaded on demand: the store clients (googleapis, jose) are not needed by the other modes.
      const { uploadMode } = await import('./modes/upload.js');
      return uploadMode(a, deps.read, deps.env);
    }
    default: {
      // parseInputs admits only MODES: a mode added there and not handled here fails typecheck.
      const unhandled: never = inputs.mode;
      throw new Error(`mode ${String(unhandled)} is not handled`);
    }
  }
}

function fail(e: unknown, runner: Runner, env: NodeJS.ProcessEnv): number {
  if (e instanceof UserError) {
    const placed = e.problems.filter((p) => p.at);
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    // A manifest problem is an annotation on its line; the rest fail the step as one message.
    for (const p of placed) runner.error(formatProblem(p), problemPlace(p, workspace));
    const rest = e.problems.filter((p) => !p.at);
    if (rest.length) runner.fail(rest.map((p) => p.message).join('\n'));
    // 1 is core.ExitCode.Failure (spelled out: @github/local-action's stand-in for core has no ExitCode).
    else process.exitCode = 1;
    return 1;
  }
  runner.fail(`storeshots: ${errorMessage(e)}`);
  if (env.STORESHOTS_DEBUG || env.RUNNER_DEBUG) core.debug(e instanceof Error ? (e.stack ?? '') : '');
  return 1;
}
