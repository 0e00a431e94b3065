// How the Action reads GitHub's refusals: when to wait and retry (the rate limits of GitHub's REST
// documentation: Retry-After, x-ratelimit-remaining/reset, the secondary limit), and what it tells
// the user when a write is refused (401, 403/404, a ruleset's or a protected branch's 422, with
// GitHub's own messages). The retries go through the real octokit against the loopback GitHub.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createGitHub,
  explainRefusal,
  httpStatus,
  isPermissionError,
  isRuleRefusal,
  rateLimitWait,
} from '../src/github/client.js';
import { FakeGitHub } from './fakes/github.js';

const NOW = 1_700_000_000_000;
const limited = (status: number, headers: Record<string, string> = {}, message = 'API rate limit exceeded') => ({
  status,
  message,
  response: { headers },
});

describe('how long to wait on a rate limit', () => {
  it('takes Retry-After as seconds or as an HTTP date, on 403 and 429', () => {
    expect(rateLimitWait(limited(403, { 'retry-after': '30' }), NOW)).toBe(30_000);
    expect(rateLimitWait(limited(429, { 'retry-after': '0' }), NOW)).toBe(0);
    const at = new Date(NOW + 12_000).toUTCString();
    expect(rateLimitWait(limited(429, { 'retry-after': at }), NOW)).toBe(12_000);
  });

  it('waits until the primary limit resets, plus a second; a reset already past waits the second only', () => {
    const reset = String(NOW / 1000 + 42);
    expect(rateLimitWait(limited(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), NOW)).toBe(43_000);
    expect(
      rateLimitWait(limited(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 60) }), NOW),
    ).toBe(1000);
    // Requests left, or no reset time: not the primary limit.
    expect(
      rateLimitWait(limited(403, { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': reset }, 'Forbidden'), NOW),
    ).toBeUndefined();
    expect(rateLimitWait(limited(403, { 'x-ratelimit-remaining': '0' }, 'Forbidden'), NOW)).toBeUndefined();
  });

  it('waits a minute on a secondary limit without Retry-After, and on any 429 without one', () => {
    expect(
      rateLimitWait(limited(403, {}, 'You have exceeded a Secondary Rate Limit. Please wait a few minutes.'), NOW),
    ).toBe(60_000);
    expect(rateLimitWait(limited(429, {}, 'Too Many Requests'), NOW)).toBe(60_000);
    expect(rateLimitWait(limited(429, { 'retry-after': 'soon' }, 'Too Many Requests'), NOW)).toBe(60_000);
    expect(rateLimitWait({ status: 429 }, NOW)).toBe(60_000);
  });

  it('does not wait on any other error', () => {
    expect(rateLimitWait(limited(403, {}, 'Resource not accessible by integration'), NOW)).toBeUndefined();
    expect(rateLimitWait(limited(500, { 'retry-after': '5' }), NOW)).toBeUndefined();
    expect(
      rateLimitWait(limited(404, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' }), NOW),
    ).toBeUndefined();
    expect(rateLimitWait(new Error('socket hang up'), NOW)).toBeUndefined();
    expect(rateLimitWait(undefined, NOW)).toBeUndefined();
  });
});

describe('retrying through octokit', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await new FakeGitHub().start();
  });
  afterEach(async () => {
    expect(fake.violations).toEqual([]);
    await fake.stop();
  });

  it('retries as many times as asked, logging each wait, then gives up with the error', async () => {
    const waits: number[] = [];
    const log: string[] = [];
    // A base URL with a trailing slash is the same API.
    const gh = createGitHub({
      token: 'ghs_write',
      baseUrl: `${fake.url}/`,
      sleep: async (ms) => void waits.push(ms),
      now: () => NOW,
      log: (m) => void log.push(m),
      maxRetries: 2,
    });
    fake.faults.push({ method: 'GET', path: '/git/ref/', status: 429, headers: { 'retry-after': '2' }, times: 5 });
    await expect(gh.rest.git.getRef({ owner: fake.owner, repo: fake.repo, ref: 'heads/main' })).rejects.toMatchObject({
      status: 429,
    });
    expect(waits).toEqual([2000, 2000]);
    expect(log).toEqual([
      `GitHub rate limit on GET /repos/{owner}/{repo}/git/ref/{ref}: retrying in 2 s`,
      `GitHub rate limit on GET /repos/{owner}/{repo}/git/ref/{ref}: retrying in 2 s`,
    ]);
    expect(fake.log.filter((l) => l.status === 429)).toHaveLength(3);
  });

  it('does not wait longer than maxWaitMs (15 minutes by default): it fails at once instead', async () => {
    const waits: number[] = [];
    const gh = (maxWaitMs?: number) =>
      createGitHub({ token: 'ghs_write', baseUrl: fake.url, sleep: async (ms) => void waits.push(ms), maxWaitMs });
    fake.faults.push({ method: 'GET', path: '/git/ref/', status: 429, headers: { 'retry-after': '901' } });
    await expect(gh().rest.git.getRef({ owner: fake.owner, repo: fake.repo, ref: 'heads/main' })).rejects.toMatchObject(
      {
        status: 429,
      },
    );
    fake.faults.push({ method: 'GET', path: '/git/ref/', status: 429, headers: { 'retry-after': '900' } });
    const { data } = await gh().rest.git.getRef({ owner: fake.owner, repo: fake.repo, ref: 'heads/main' });
    expect(data.object.sha).toBe(fake.refs.get('heads/main'));
    fake.faults.push({ method: 'GET', path: '/git/ref/', status: 429, headers: { 'retry-after': '3' } });
    await expect(
      gh(2999).rest.git.getRef({ owner: fake.owner, repo: fake.repo, ref: 'heads/main' }),
    ).rejects.toMatchObject({ status: 429 });
    expect(waits).toEqual([900_000]);
  });
});

describe('what a refused write tells the user', () => {
  // GitHub's messages for a ruleset and for classic branch protection, as its API sends them.
  const RULESET = 'Repository rule violations found\n\nCannot update this protected ref.\n\n';
  const PROTECTED = 'Protected branch update failed for refs/heads/main.';
  const refused = (status: number | string, message = 'Forbidden') => ({ status, message });

  it('401 is the token itself, whatever the permissions', () => {
    expect(explainRefusal(refused(401, 'Bad credentials'), 'the preview comment on #7', 'pull-requests: write')).toBe(
      'Could not write the preview comment on #7 (HTTP 401: GitHub refused the token as bad or expired credentials, so no permission would help). Check github-token: a personal or app token may have expired or been revoked, or the secret it comes from is empty or misspelled.',
    );
  });

  it('403 and 404 name the permission the token needs', () => {
    for (const s of [403, 404])
      expect(explainRefusal(refused(s), 'the preview comment on #7', 'pull-requests: write')).toBe(
        `Could not write the preview comment on #7 (HTTP ${s}): the token needs pull-requests: write.`,
      );
  });

  it("a ruleset's or a protection's 422 quotes GitHub's first two lines and names the branch and the input to change", () => {
    const branch = { name: 'storeshots/screenshots', input: 'pr-branch' };
    expect(explainRefusal(refused(422, RULESET), 'the release branch', 'contents: write', branch)).toBe(
      "Could not write the release branch (HTTP 422, Repository rule violations found: Cannot update this protected ref.): a ruleset or branch protection covers the branch storeshots/screenshots. Exclude it from the rule (Settings > Rules > Rulesets, or Branches), give the token's actor a bypass, or set pr-branch to a branch no rule covers.",
    );
    expect(explainRefusal(refused(422, PROTECTED), 'the preview images', 'contents: write')).toBe(
      "Could not write the preview images (HTTP 422, Protected branch update failed for refs/heads/main.): a ruleset or branch protection covers that branch. Exclude it from the rule (Settings > Rules > Rulesets, or Branches), give the token's actor a bypass.",
    );
  });

  it('tells each kind of 422 GitHub gives a protected ref from any other 422', () => {
    for (const m of [
      RULESET,
      PROTECTED,
      'Cannot update this protected ref.',
      'refusing: protected ref',
      'Cannot Update This Protected reference',
    ])
      expect(isRuleRefusal(refused(422, m)), m).toBe(true);
    for (const [s, m] of [
      [422, 'Reference already exists'],
      [422, 'Update is not a fast forward'],
      [403, RULESET],
      ['422', RULESET],
    ] as const)
      expect(isRuleRefusal(refused(s, m)), `${s} ${m}`).toBe(false);
    expect(isRuleRefusal({ status: 422 })).toBe(false);
    expect(explainRefusal(refused(422, 'Reference already exists'), 'x', 'contents: write')).toBeUndefined();
    expect(explainRefusal(refused(500, 'Server Error'), 'x', 'contents: write')).toBeUndefined();
  });

  it('counts 401, 403 and 404 as refused permissions, and reads only a numeric status', () => {
    expect([401, 403, 404, 409, 422, 500].map((s) => isPermissionError(refused(s)))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(isPermissionError(refused('403'))).toBe(false);
    expect(httpStatus(refused('404'))).toBeUndefined();
    expect(httpStatus(refused(404))).toBe(404);
    expect(httpStatus(null)).toBeUndefined();
  });
});
