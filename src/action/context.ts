// What the runner tells the Action through its environment: the repository, the event and
// where things are. Read from an env object (not process.env directly) so tests hand one in.
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PullRequestRef {
  number: number;
  headSha: string;
  /** owner/name of the head repository; differs from the base for a fork. */
  headRepo?: string;
  baseRef?: string;
  /** The base branch's commit the pull request was compared with when the event fired. */
  baseSha?: string;
}

export interface ActionContext {
  eventName: string;
  // The event payload as GitHub sent it (shape depends on the event).
  // biome-ignore lint/suspicious/noExplicitAny: any event's payload, read field by field where used
  payload: Record<string, any>;
  owner: string;
  repo: string;
  serverUrl: string;
  apiUrl: string;
  runId: string;
  /** GITHUB_RUN_ATTEMPT: 1, then 2… for each re-run of the run. */
  runAttempt: number;
  sha: string;
  ref: string;
  workspace: string;
  tempDir: string;
  toolCacheDir: string;
  /** The pull request this run is about (pull_request / pull_request_target events). */
  pullRequest?: PullRequestRef;
  /** True when the pull request comes from a fork: the token is read-only and secrets are absent. */
  fromFork: boolean;
  repoPrivate?: boolean;
  defaultBranch?: string;
  /** A tag push or a release: the events that open the release pull request by default. */
  isRelease: boolean;
  /** owner/name and ref of the action being run (GITHUB_ACTION_REPOSITORY/GITHUB_ACTION_REF; empty for a local `uses: ./`). */
  actionRepository?: string;
  actionRef?: string;
}

export function readContext(env: NodeJS.ProcessEnv): ActionContext {
  // biome-ignore lint/suspicious/noExplicitAny: see ActionContext.payload
  let payload: Record<string, any> = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath && existsSync(eventPath)) payload = JSON.parse(readFileSync(eventPath, 'utf8')) as typeof payload;
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? payload.repository?.full_name ?? '/').split('/');
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const full = `${owner}/${repo}`;
  const pr = payload.pull_request;
  const pullRequest: PullRequestRef | undefined =
    pr && typeof pr.number === 'number'
      ? {
          number: pr.number,
          headSha: pr.head?.sha ?? '',
          headRepo: pr.head?.repo?.full_name,
          baseRef: pr.base?.ref,
          baseSha: pr.base?.sha,
        }
      : undefined;
  const ref = env.GITHUB_REF ?? '';
  return {
    eventName,
    payload,
    owner,
    repo,
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT) || 1,
    sha: env.GITHUB_SHA ?? '',
    ref,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    tempDir: env.RUNNER_TEMP ?? tmpdir(),
    toolCacheDir: env.RUNNER_TOOL_CACHE ?? path.join(tmpdir(), 'storeshots-tool-cache'),
    pullRequest,
    // A deleted fork has no head repo; that is a fork too.
    fromFork: !!pullRequest && pullRequest.headRepo !== full,
    repoPrivate: typeof payload.repository?.private === 'boolean' ? payload.repository.private : undefined,
    defaultBranch: payload.repository?.default_branch,
    isRelease: eventName === 'release' || (eventName === 'push' && ref.startsWith('refs/tags/')),
    actionRepository: env.GITHUB_ACTION_REPOSITORY || undefined,
    actionRef: env.GITHUB_ACTION_REF || undefined,
  };
}
