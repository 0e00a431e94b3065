// What every mode and step receives: the parsed inputs, the run's context, the GitHub client
// (absent without a token), the artifact client and the runner's logging commands.
import * as core from '@actions/core';
import type { ArtifactClient } from '@actions/artifact';
import type { GitHub } from '../github/client.js';
import type { ActionInputs } from './inputs.js';
import type { ActionContext } from './context.js';

export interface Runner {
  info(message: string): void;
  notice(message: string): void;
  warning(message: string, props?: core.AnnotationProperties): void;
  error(message: string, props?: core.AnnotationProperties): void;
  setOutput(name: string, value: string | number): void;
  summary(markdown: string): Promise<void>;
  /** Runs fn inside a collapsible group of the log (core.group). */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Fails the step with this message (core.setFailed: an error annotation and exit code 1). */
  fail(message: string): void;
}

export const coreRunner: Runner = {
  info: (m) => core.info(m),
  notice: (m) => core.notice(m),
  warning: (m, p) => core.warning(m, p),
  error: (m, p) => core.error(m, p),
  setOutput: (n, v) => core.setOutput(n, v),
  group: (name, fn) => core.group(name, fn),
  fail: (m) => core.setFailed(m),
  summary: async (md) => {
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(md).write();
  },
};

export interface ActionEnv {
  inputs: ActionInputs;
  ctx: ActionContext;
  gh?: GitHub;
  token?: string;
  runner: Runner;
  /** The workflow artifact service (@actions/artifact's DefaultArtifactClient in a real run). */
  artifacts: ArtifactClient;
}
