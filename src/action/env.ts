// What every mode and step receives: the parsed inputs, the run's context, the GitHub client
// (absent without a token) and the runner's logging commands.
import * as core from '@actions/core';
import type { GitHub } from '../github/client.js';
import type { ActionInputs } from './inputs.js';
import type { RunContext } from './context.js';

export interface Runner {
  info(message: string): void;
  notice(message: string): void;
  warning(message: string, props?: core.AnnotationProperties): void;
  error(message: string, props?: core.AnnotationProperties): void;
  setOutput(name: string, value: string | number): void;
  summary(markdown: string): Promise<void>;
  /** Runs fn inside a collapsible group of the log (core.group); tests may leave it out. */
  group?<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** One phase of the run as a log group, when the runner has groups. */
export function inGroup<T>(runner: Runner, name: string, fn: () => Promise<T>): Promise<T> {
  return runner.group ? runner.group(name, fn) : fn();
}

export const coreRunner: Runner = {
  info: (m) => core.info(m),
  notice: (m) => core.notice(m),
  warning: (m, p) => core.warning(m, p),
  error: (m, p) => core.error(m, p),
  setOutput: (n, v) => core.setOutput(n, v),
  group: (name, fn) => core.group(name, fn),
  summary: async (md) => {
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(md).write();
  },
};

export interface ActionEnv {
  inputs: ActionInputs;
  ctx: RunContext;
  gh?: GitHub;
  token?: string;
  runner: Runner;
}
