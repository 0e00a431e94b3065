// Finding a pull request's base set (src/publish/base-set.ts) with the real @actions/github
// client and the real @actions/artifact client (its cross-run download, findBy) against the
// loopback GitHub (every request and response checked against GitHub's OpenAPI description) and
// the loopback artifact service. @actions/github reads GITHUB_API_URL once, when first imported:
// the servers start first, then everything that imports it is imported.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { FakeArtifacts } from './fakes/artifacts.js';
import { FakeGitHub, type FakeRun } from './fakes/github.js';

const gh = await new FakeGitHub().start();
const arts = await new FakeArtifacts().start();
gh.artifacts = arts;
process.env.GITHUB_API_URL = gh.url;
const { DefaultArtifactClient } = await import('@actions/artifact');
const { createGitHub } = await import('../src/github/client.js');
const { findBaseSet, describeBase } = await import('../src/publish/base-set.js');
const { uploadFixture } = await import('./fakes/upload-fixture.js');

type Options = Parameters<typeof findBaseSet>[0];

const CURRENT = 900;
const WORKFLOW = 77;
const sha = (c: string) => c.repeat(40);

afterAll(async () => {
  await gh.stop();
  await arts.stop();
});
beforeEach(() => {
  gh.runs.length = 0;
  gh.log.length = 0;
  arts.artifacts.length = 0;
  // This pull_request run: the newest of its workflow, still running.
  run(CURRENT, { event: 'pull_request', headBranch: 'feature-7', status: 'in_progress', conclusion: null, at: 59 });
});
afterEach(() => {
  expect(gh.violations).toEqual([]);
  expect(arts.problems).toEqual([]);
});

/** A workflow run; `at` orders them (minutes past 10:00, newer is larger). */
function run(id: number, o: Partial<Omit<FakeRun, 'createdAt'>> & { at: number }): FakeRun {
  const r: FakeRun = {
    id,
    workflowId: WORKFLOW,
    path: '.github/workflows/screenshots.yml',
    headBranch: 'main',
    headSha: sha('0'),
    event: 'push',
    status: 'completed',
    conclusion: 'success',
    createdAt: `2026-12-01T10:${String(o.at).padStart(2, '0')}:00Z`,
    ...o,
  };
  gh.runs.push(r);
  return r;
}

/** A run that uploaded the set (the real client), as the Action does on a push to main. */
async function runWithSet(id: number, o: Partial<Omit<FakeRun, 'createdAt'>> & { at: number }): Promise<number> {
  const r = run(id, o);
  return uploadFixture(arts, id, { sha: r.headSha });
}

function options(over: Partial<Options> = {}): Options {
  const token = over.token ?? 'ghs_read';
  return {
    gh: createGitHub({ token, baseUrl: gh.url, sleep: async () => {} }),
    artifacts: new DefaultArtifactClient(),
    token,
    owner: gh.owner,
    repo: gh.repo,
    runId: CURRENT,
    baseRef: 'main',
    artifactName: 'storeshots',
    dir: mkdtempSync(path.join(tmpdir(), 'storeshots-base-')),
    ...over,
  };
}

const zipDownloads = () => gh.log.filter((l) => /\/actions\/artifacts\/\d+\/zip$/.test(l.path));

it('finds the artifact of the newest successful run of the same workflow on the base branch, and downloads it', async () => {
  await runWithSet(100, { headSha: sha('a'), at: 10 });
  const newest = await runWithSet(120, { headSha: sha('b'), at: 20 });
  const o = options();
  const base = await findBaseSet(o);
  expect(base).toMatchObject({ found: true, runId: 120, headSha: sha('b'), artifactId: newest, dir: o.dir });
  if (!base.found) return;
  expect(base.runUrl).toBe(`https://github.com/${gh.full}/actions/runs/120`);
  // The set itself, byte for byte as report.json names it.
  expect(base.report.images).toHaveLength(4);
  for (const i of base.report.images) {
    const bytes = readFileSync(path.join(o.dir, i.path));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(i.sha256);
  }
  expect(JSON.parse(readFileSync(path.join(o.dir, 'storeshots-run.json'), 'utf8')).sha).toBe(sha('b'));
  // Through the public REST API: the run, its workflow's runs on main, its artifacts, the download.
  expect(gh.log.map((l) => `${l.status} ${l.path.replace(/\?.*/, '')}`)).toEqual([
    `200 /repos/${gh.full}/actions/runs/${CURRENT}`,
    `200 /repos/${gh.full}/actions/workflows/${WORKFLOW}/runs`,
    `200 /repos/${gh.full}/actions/runs/120/artifacts`,
    `302 /repos/${gh.full}/actions/artifacts/${newest}/zip`,
  ]);
  const listed = new URL(gh.log[1]!.path, gh.url).searchParams;
  expect(Object.fromEntries(listed)).toMatchObject({ branch: 'main', status: 'success', per_page: '20' });
  expect(describeBase(base, 'main')).toBe(
    `Compared with run [120](https://github.com/${gh.full}/actions/runs/120) on main at \`bbbbbbb\`.`,
  );
});

it('skips the current run, failed runs, other branches, other workflows, forks and expired artifacts', async () => {
  const good = await runWithSet(100, { headSha: sha('a'), at: 10 });
  await runWithSet(101, { conclusion: 'failure', at: 11 });
  await runWithSet(102, { headBranch: 'develop', at: 12 });
  await runWithSet(103, { workflowId: WORKFLOW + 1, path: '.github/workflows/other.yml', at: 13 });
  // A fork's own `main` branch: a run about it (here a workflow_run) is listed under branch=main too.
  await runWithSet(104, { event: 'workflow_run', headRepo: 'mallory/habitual', at: 14 });
  // A pull request from main into another branch: its artifact shows a merge, not main.
  await runWithSet(106, { event: 'pull_request', at: 16 });
  await runWithSet(105, { at: 15 });
  arts.artifacts.find((a) => a.runId === 105)!.expired = true;
  // A re-run of this very run that GitHub already lists as a success on main.
  gh.runs.splice(0, gh.runs.length, ...gh.runs.filter((r) => r.id !== CURRENT));
  await runWithSet(CURRENT, { at: 59 });
  const base = await findBaseSet(options());
  expect(base).toMatchObject({ found: true, runId: 100, headSha: sha('a'), artifactId: good });
  expect(base.skipped).toEqual([
    'run 106: pull_request from acme/habitual',
    'run 105: its artifact "storeshots" has expired',
    'run 104: workflow_run from mallory/habitual',
  ]);
  expect(zipDownloads()).toHaveLength(1);
});

it('asks GitHub for the base branch only, so other branches cannot crowd the base run out of the page', async () => {
  await runWithSet(100, { headSha: sha('a'), at: 1 });
  for (let i = 0; i < 25; i++) run(200 + i, { headBranch: `feature-${i}`, at: 10 + i });
  const base = await findBaseSet(options({ maxRuns: 20 }));
  expect(base).toMatchObject({ found: true, runId: 100 });
});

it('looks at one page of at most maxRuns runs', async () => {
  await runWithSet(100, { at: 1 });
  for (let i = 0; i < 3; i++) run(200 + i, { at: 10 + i });
  const base = await findBaseSet(options({ maxRuns: 3 }));
  expect(base).toMatchObject({ found: false, reason: 'no-artifact' });
  expect(base.found ? '' : base.message).toBe(
    'No successful run of this workflow on main left a live artifact named "storeshots" (looked at 3).',
  );
  expect(gh.log.filter((l) => l.path.includes('/workflows/'))).toHaveLength(1);
  expect(zipDownloads()).toEqual([]);
});

it('says there is no base yet when no run of the workflow on the base branch succeeded', async () => {
  await runWithSet(100, { conclusion: 'failure', at: 1 });
  await runWithSet(101, { headBranch: 'feature-7', at: 2 });
  const base = await findBaseSet(options());
  expect(base).toEqual({
    found: false,
    reason: 'no-run',
    message: 'No successful run of this workflow on main yet: no base set to compare with.',
    skipped: [],
  });
  expect(describeBase(base, 'main')).toMatch(/^No base set: No successful run/);
});

it('says so when every base artifact has expired', async () => {
  await runWithSet(100, { at: 1 });
  await runWithSet(101, { at: 2 });
  for (const a of arts.artifacts) a.expired = true;
  const base = await findBaseSet(options());
  expect(base).toMatchObject({ found: false, reason: 'expired' });
  expect(base.found ? '' : base.message).toMatch(/has expired \(looked at 2\).*retention-days/);
  expect(zipDownloads()).toEqual([]);
});

it('names the missing `actions: read` permission on a 403, without a stack trace', async () => {
  await runWithSet(100, { at: 1 });
  const base = await findBaseSet(options({ token: 'ghs_no_actions' }));
  expect(base).toMatchObject({ found: false, reason: 'permission' });
  const message = base.found ? '' : base.message;
  expect(message).toBe(
    `Could not read this workflow run (${CURRENT}) (HTTP 403): the token needs \`actions: read\` to read other workflow runs and their artifacts. Add it to the job's \`permissions:\`.`,
  );
  expect(message).not.toMatch(/\n\s+at /);
});

it('names the permission when only the download is refused', async () => {
  await runWithSet(100, { at: 1 });
  gh.faults.push({ method: 'GET', path: /\/zip$/, status: 403, message: 'Resource not accessible by integration' });
  const base = await findBaseSet(options());
  expect(base).toMatchObject({ found: false, reason: 'permission' });
  expect(base.found ? '' : base.message).toMatch(
    /^Could not download the artifact "storeshots" \(\d+\) of run 100 \(HTTP 403\): the token needs `actions: read`/,
  );
});

it('uses the artifact name the Action uploads under', async () => {
  await uploadFixture(arts, (run(100, { at: 1 }), 100), { sha: sha('a') }, 'storeshots-android');
  expect(await findBaseSet(options())).toMatchObject({ found: false, reason: 'no-artifact' });
  expect(await findBaseSet(options({ artifactName: 'storeshots-android' }))).toMatchObject({
    found: true,
    runId: 100,
  });
});

it('refuses an artifact whose bytes do not match the digest GitHub lists', async () => {
  await runWithSet(100, { at: 1 });
  arts.artifacts[0]!.hash = `sha256:${'0'.repeat(64)}`;
  const base = await findBaseSet(options());
  expect(base).toMatchObject({ found: false, reason: 'unavailable' });
  expect(base.found ? '' : base.message).toMatch(/of run 100: its bytes do not match the digest GitHub lists/);
});

it('moves on to the next run when an artifact expires between the listing and the download (410)', async () => {
  const older = await runWithSet(100, { headSha: sha('a'), at: 1 });
  await runWithSet(101, { at: 2 });
  gh.faults.push({ method: 'GET', path: /\/zip$/, status: 410, message: 'Artifact has expired' });
  const base = await findBaseSet(options());
  expect(base).toMatchObject({ found: true, runId: 100, artifactId: older, headSha: sha('a') });
  expect(base.skipped).toEqual(['run 101: its artifact "storeshots" has expired']);
  expect(zipDownloads().map((l) => l.status)).toEqual([410, 302]);
});

it("says no base yet when the only successful runs on the base branch are a fork's, and says why it passed them over", async () => {
  await runWithSet(100, { event: 'pull_request', headRepo: 'mallory/habitual', at: 1 });
  const base = await findBaseSet(options());
  expect(base).toMatchObject({ found: false, reason: 'no-run' });
  expect(base.found ? '' : base.message).toBe(
    'No successful run of this workflow on main yet: no base set to compare with. Passed over: run 100: pull_request from mallory/habitual.',
  );
  expect(zipDownloads()).toEqual([]);
});
