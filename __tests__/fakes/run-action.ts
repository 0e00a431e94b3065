// Runs the built Action (dist/action.js, or a copy of it) as the runner would: a child process
// under this Node, INPUT_* variables, an event file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
// files, and the loopback GitHub and artifact servers. GITHUB_API_URL is set before the
// bundle first imports @actions/github, which reads it once.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeArtifacts } from './artifacts.js';
import type { FakeGitHub } from './github.js';

import { ROOT } from '../helpers/root.js';
export { ROOT };

/**
 * The action exactly as a release tag holds it: the tree scripts/release-tree.mjs builds
 * (action.yml, dist/ with only what the Action loads, fonts/, templates/, schema/, README.md,
 * LICENSE, a cut package.json), with dist/ built privately (other work in this tree may rebuild
 * dist/ while tests run). `linkModules` points node_modules at the repository's (the end-to-end
 * tests); without it the action must fetch its native packages itself (the smoke test).
 */
export function shippedAction(o: { linkModules: boolean }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-action-'));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/release-tree.mjs'), '--out', dir], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  if (o.linkModules) symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** What a release tag's tree holds at its top (scripts/release-tree.mjs, docs/action.md#releases). */
export const RELEASE_FILES = [
  'action.yml',
  'dist',
  'fonts',
  'templates',
  'schema',
  'README.md',
  'LICENSE',
  'package.json',
];

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface RunOptions {
  /** Folder holding dist/action.js (from shippedAction). */
  actionDir: string;
  workspace: string;
  inputs: Record<string, string>;
  event: { name: string; payload: object; ref?: string; sha?: string };
  github: FakeGitHub;
  artifacts: FakeArtifacts;
  /** The run's ids: REST run id and the backend ids in the runtime token. */
  runId?: number;
  /** The job's backend id in the runtime token: the jobs of one run (a matrix) share runId and differ here. */
  jobId?: string;
  env?: Record<string, string>;
}

/** GITHUB_OUTPUT's format: name<<DELIM\nvalue\nDELIM (or name=value). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (m) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
      out[m[1]!] = value.join('\n');
    } else if (lines[i]!.includes('=')) {
      const [k, ...v] = lines[i]!.split('=');
      out[k!] = v.join('=');
    }
  }
  return out;
}

export async function runAction(o: RunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-run-'));
  const runId = o.runId ?? 1001;
  const runBackend = `run-${runId}`;
  o.artifacts.runs.set(runBackend, runId);
  const eventPath = path.join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(o.event.payload));
  const outputFile = path.join(dir, 'output.txt');
  const summaryFile = path.join(dir, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  mkdirSync(path.join(dir, 'temp'));
  const env: NodeJS.ProcessEnv = {};
  // Only what a runner sets: nothing of this test process leaks in (PATH aside, for npm).
  for (const k of ['PATH', 'HOME', 'SystemRoot', 'TEMP', 'TMP']) if (process.env[k]) env[k] = process.env[k];
  // The network settings a runner's environment would carry (proxies, extra CA certificates, a registry mirror).
  for (const [k, v] of Object.entries(process.env))
    if (/proxy|_CA_|CA_CERTS|SSL_CERT|^npm_config_(registry|cache|userconfig|strict_ssl)$/i.test(k)) env[k] = v;
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_API_URL: o.github.url,
    GITHUB_REPOSITORY: o.github.full,
    GITHUB_REPOSITORY_OWNER: o.github.owner,
    GITHUB_EVENT_NAME: o.event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: o.event.sha ?? 'a'.repeat(40),
    GITHUB_REF: o.event.ref ?? 'refs/heads/main',
    GITHUB_RUN_ID: String(runId),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: path.join(dir, 'temp'),
    RUNNER_TOOL_CACHE: path.join(dir, 'tool-cache'),
    ACTIONS_RUNTIME_TOKEN: FakeArtifacts.token(runBackend, o.jobId ?? `job-${runId}`),
    ACTIONS_RESULTS_URL: `${o.artifacts.url}/`,
    ...o.env,
  });
  for (const [k, v] of Object.entries(o.inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const main = path.join(o.actionDir, 'dist', 'action.js');
  const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [main],
      { cwd: o.workspace, env, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
      (e, stdout, stderr) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout, stderr }),
    );
  });
  return {
    ...r,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : '',
  };
}

/** The example project copied into a fresh folder (a user's checkout), cut to the given locales and presets. */
export function exampleWorkspace(locales: string[], presets: string[], prefix = 'storeshots-ws-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(path.join(ROOT, 'examples/habitual'), dir, {
    recursive: true,
    filter: (src) => !src.includes('storeshots-out'),
  });
  const file = path.join(dir, 'screenshots.yml');
  const text = readFileSync(file, 'utf8');
  const small = text
    .replace(/^locales: .*$/m, `locales: [${locales.join(', ')}]`)
    .replace(/^presets: .*$/m, `presets: [${presets.join(', ')}]`);
  if (small === text) throw new Error('the example manifest changed shape: update exampleWorkspace');
  writeFileSync(file, small);
  return dir;
}

/** A pull_request event payload as GitHub sends it (the fields the Action reads). */
export function pullRequestEvent(
  gh: FakeGitHub,
  o: { number: number; headSha: string; fork?: boolean; headRef?: string },
) {
  const headRepo = o.fork ? `contributor/${gh.repo}` : gh.full;
  return {
    name: 'pull_request',
    sha: 'b'.repeat(40),
    ref: `refs/pull/${o.number}/merge`,
    payload: {
      action: 'synchronize',
      number: o.number,
      pull_request: {
        number: o.number,
        head: { sha: o.headSha, ref: o.headRef ?? 'feature', repo: { full_name: headRepo, fork: !!o.fork } },
        base: { ref: 'main', repo: { full_name: gh.full } },
      },
      repository: { full_name: gh.full, private: gh.private, default_branch: gh.defaultBranch },
    },
  };
}
