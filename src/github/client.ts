// The GitHub REST client: octokit from @actions/github with an explicit base URL, and a
// rate-limit hook that waits for the reset (primary limit) or Retry-After (secondary limit)
// and tries again. The wait and the clock are parameters so tests never sleep.
import { getOctokit } from '@actions/github';
import { retryAfterMs, retrying } from '../util/retry.js';

export type GitHub = ReturnType<typeof getOctokit>;

export interface GitHubOptions {
  token: string;
  baseUrl: string;
  /** Waits this many milliseconds (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
  /** The current time in ms since the epoch (default: Date.now). */
  now?: () => number;
  log?: (message: string) => void;
  /** Retries after a rate limit before giving up (default 3). */
  maxRetries?: number;
  /** Longest wait accepted for one retry, ms (default 15 min: a runner's minutes cost money). */
  maxWaitMs?: number;
}

interface HttpErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

/** Milliseconds to wait before retrying, or undefined when the error is not a rate limit. */
export function rateLimitWait(e: unknown, now: number): number | undefined {
  const err = e as HttpErrorLike;
  if (err?.status !== 403 && err?.status !== 429) return undefined;
  const h = err.response?.headers ?? {};
  const retryAfter = h['retry-after'];
  const hinted = retryAfter === undefined ? undefined : retryAfterMs(String(retryAfter), now);
  if (hinted !== undefined) return hinted;
  if (String(h['x-ratelimit-remaining']) === '0' && h['x-ratelimit-reset'] !== undefined) {
    return Math.max(0, Number(h['x-ratelimit-reset']) * 1000 - now) + 1000;
  }
  // A secondary limit without Retry-After: GitHub asks for at least a minute.
  if (/secondary rate limit/i.test(err.message ?? '')) return 60_000;
  if (err.status === 429) return 60_000;
  return undefined;
}

export function createGitHub(o: GitHubOptions): GitHub {
  const gh = getOctokit(o.token, { baseUrl: o.baseUrl.replace(/\/+$/, '') });
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? Date.now;
  const max = o.maxRetries ?? 3;
  const maxWait = o.maxWaitMs ?? 15 * 60_000;
  gh.hook.wrap('request', (request, options) =>
    retrying(async () => request(options), {
      retries: max,
      sleep,
      delayAfter: (e, attempt) => {
        const wait = rateLimitWait(e, now());
        if (wait === undefined || attempt > max || wait > maxWait) return undefined;
        o.log?.(`GitHub rate limit on ${options.method} ${options.url}: retrying in ${Math.ceil(wait / 1000)} s`);
        return wait;
      },
    }),
  );
  return gh;
}

export function httpStatus(e: unknown): number | undefined {
  const s = (e as HttpErrorLike)?.status;
  return typeof s === 'number' ? s : undefined;
}

/** A 403/404 from a write: the token may not write here (fork, or missing `permissions:`). */
export function isPermissionError(e: unknown): boolean {
  const s = httpStatus(e);
  return s === 403 || s === 404 || s === 401;
}

/** A 422 that a ruleset or branch protection gives a push (a ref create or update). */
export function isRuleRefusal(e: unknown): boolean {
  return (
    httpStatus(e) === 422 &&
    /rule violations|protected branch|protected ref|cannot update this protected/i.test(
      (e as HttpErrorLike)?.message ?? '',
    )
  );
}

/**
 * What to tell the user when GitHub refused a write, or undefined when the error is not a
 * refusal the step should survive. 401 is the token itself (bad, expired or revoked), not a
 * missing permission; 403/404 a permission the token lacks; a 422 from a ruleset or branch
 * protection names the branch it covers.
 * @param what what could not be written, e.g. "the preview comment on #7"
 * @param need the `permissions:` it takes, e.g. "pull-requests: write"
 * @param branch the branch pushed to, for rule refusals
 */
export function explainRefusal(
  e: unknown,
  what: string,
  need: string,
  branch?: { name: string; input: string },
): string | undefined {
  const s = httpStatus(e);
  if (s === 401) {
    return `Could not write ${what} (HTTP 401: GitHub refused the token as bad or expired credentials, so no permission would help). Check github-token: a personal or app token may have expired or been revoked, or the secret it comes from is empty or misspelled.`;
  }
  if (s === 403 || s === 404) return `Could not write ${what} (HTTP ${s}): the token needs ${need}.`;
  if (isRuleRefusal(e)) {
    const first = String((e as HttpErrorLike).message ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, 2)
      .join(': ');
    const where = branch ? `the branch ${branch.name}` : 'that branch';
    return `Could not write ${what} (HTTP 422, ${first}): a ruleset or branch protection covers ${where}. Exclude it from the rule (Settings > Rules > Rulesets, or Branches), give the token's actor a bypass${branch ? `, or set ${branch.input} to a branch no rule covers` : ''}.`;
  }
  return undefined;
}
