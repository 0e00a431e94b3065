// End to end: the built action (scripts/build.mjs output, with what a release ships) run as
// the runner starts it, `node dist/action.js` in a child process, against the loopback
// GitHub (OpenAPI-checked) and artifact servers.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from './fakes/github.js';
import { FakeArtifacts } from './fakes/artifacts.js';
import {
  pullRequestEvent,
  runAction as run,
  shippedAction,
  type RunOptions,
  exampleWorkspace,
} from './fakes/run-action.js';
import { commentMarker } from '../src/github/comment.js';
import { uploadFixture } from './fakes/upload-fixture.js';

let gh: FakeGitHub;
let arts: FakeArtifacts;
let actionDir: string;
const runAction = (o: Omit<RunOptions, 'actionDir'>) => run({ ...o, actionDir });

beforeAll(async () => {
  actionDir = shippedAction({ linkModules: true });
  arts = await new FakeArtifacts().start();
});
afterAll(async () => {
  await arts.stop();
});
beforeEach(async () => {
  gh = await new FakeGitHub().start();
  gh.artifacts = arts;
});
afterEach(async () => {
  expect(gh.violations).toEqual([]);
  expect(arts.problems).toEqual([]);
  await gh.stop();
});

/** A workspace holding the example project (the user's checkout), cut to 2 locales x 2 presets to keep it quick. */
function workspace(): string {
  return exampleWorkspace(['en-US', 'de-DE'], ['appstore.iphone_6_9', 'play.phone']);
}

const base = { 'github-token': 'ghs_write', manifest: 'screenshots.yml' };

describe('inputs', () => {
  it('reports every bad input once and fails', async () => {
    const r = await runAction({
      workspace: workspace(),
      inputs: { ...base, 'fail-on': 'sometimes', 'retention-days': '3.5', comment: 'yes' },
      event: { name: 'push', payload: {} },
      github: gh,
      artifacts: arts,
    });
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Expected one of error, warning, never for input fail-on but received "sometimes"');
    expect(errors[0]).toContain('Expected a whole number of 1 or more for input retention-days but received "3.5"');
    expect(errors[0]).toContain('Expected true, false or changes-only for input comment but received "yes"');
    expect(gh.log).toEqual([]);
  });

  it('a manifest error is an annotation on its line', async () => {
    const ws = workspace();
    const r = await runAction({
      workspace: ws,
      inputs: { ...base, manifest: 'missing.yml' },
      event: { name: 'push', payload: {} },
      github: gh,
      artifacts: arts,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error::Cannot read manifest');
  });
});

describe("mode: comment (the fork setup's workflow_run half)", { timeout: 180_000 }, () => {
  it("downloads the fork run's artifact, checks the PR head, comments; a stale artifact is refused", async () => {
    // The pull_request run of a fork uploaded its set (read-only token: no comment).
    gh.pulls.push({
      number: 12,
      title: 'Add Japanese',
      body: '',
      state: 'open',
      head: { ref: 'ja', sha: 'd'.repeat(40), repo: 'contributor/habitual' },
      base: { ref: 'main' },
      labels: [],
    });
    await uploadFixture(arts, 1001, { pullRequest: { number: 12, headSha: 'd'.repeat(40) } });

    const event = (headSha: string) => ({
      name: 'workflow_run',
      payload: {
        action: 'completed',
        workflow_run: { id: 1001, head_sha: headSha, pull_requests: [], conclusion: 'success' },
        repository: { full_name: gh.full, private: false, default_branch: 'main' },
      },
    });
    const r = await runAction({
      workspace: workspace(),
      inputs: { ...base, mode: 'comment' },
      event: event('d'.repeat(40)),
      github: gh,
      artifacts: arts,
      runId: 2002,
    });
    // unzip-stream (inside @actions/artifact's download) still calls Buffer(): a deprecation warning, nothing else.
    expect(r.stderr.split('\n').filter((l) => l && !/DEP0005|trace-deprecation/.test(l))).toEqual([]);
    expect(r.code).toBe(0);
    expect(gh.comments).toHaveLength(1);
    const body = gh.comments[0]!.body;
    expect(body.startsWith(commentMarker(''))).toBe(true);
    expect(body).toContain('4 images (2 locales × 1 preset), 0 errors, 0 warnings');
    expect(body).toMatch(
      /!\[en-US: [^\]]*\]\(https:\/\/github\.com\/acme\/habitual\/blob\/storeshots-previews\/[0-9a-f]{32}\.jpg\?raw=true\)/,
    );
    expect(body).toContain('/actions/runs/1001/artifacts/');
    expect(r.summary).toContain('## storeshots: 4 images');
    expect(r.outputs['comment-id']).toBe(String(gh.comments[0]!.id));
    // Nothing was uploaded by the comment run, and nothing went to a release branch.
    expect(arts.artifacts.filter((a) => a.runId === 2002)).toEqual([]);
    expect(gh.refs.has('heads/storeshots/screenshots')).toBe(false);

    // The PR moved on since that run: its artifact no longer describes the PR head.
    gh.pulls[0]!.head.sha = 'f'.repeat(40);
    const stale = await runAction({
      workspace: workspace(),
      inputs: { ...base, mode: 'comment', 'comment-header': 'other' },
      event: event('d'.repeat(40)),
      github: gh,
      artifacts: arts,
      runId: 2003,
    });
    expect(stale.code).toBe(0);
    expect(stale.stdout).toContain('not commenting');
    expect(gh.comments).toHaveLength(1);

    // An artifact naming a pull request that does not exist (404): a notice, no failure.
    await uploadFixture(arts, 1004, { pullRequest: { number: 99, headSha: 'd'.repeat(40) } });
    const ghost = await runAction({
      workspace: workspace(),
      inputs: { ...base, mode: 'comment' },
      event: {
        ...event('d'.repeat(40)),
        payload: {
          ...event('d'.repeat(40)).payload,
          workflow_run: { id: 1004, head_sha: 'd'.repeat(40), pull_requests: [] },
        },
      },
      github: gh,
      artifacts: arts,
      runId: 2004,
    });
    expect(ghost.code).toBe(0);
    expect(ghost.stdout).toContain('::notice::Pull request #99 named by the artifact does not exist');

    // The render run failed before uploading anything: a notice, not a second failure.
    const none = await runAction({
      workspace: workspace(),
      inputs: { ...base, mode: 'comment' },
      event: {
        ...event('d'.repeat(40)),
        payload: {
          ...event('d'.repeat(40)).payload,
          workflow_run: { id: 1005, head_sha: 'd'.repeat(40), pull_requests: [] },
        },
      },
      github: gh,
      artifacts: arts,
      runId: 2005,
    });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('::notice::Run 1005 uploaded no artifact named "storeshots"');
  });
});

// Each run renders 12 images in a child process: generous limits for a busy 2-core machine.
describe('mode: local (renders the example)', { timeout: 240_000 }, () => {
  it('pull_request: renders, uploads, summarizes, comments; a second run updates the same comment', async () => {
    const ws = workspace();
    // Three slides, as the example had: a Play phone set of 3 is short of promotion eligibility
    // (4), the set-level warning whose annotation this test checks.
    const manifest = path.join(ws, 'screenshots.yml');
    const yml = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, yml.slice(0, yml.indexOf('  - id: features')) + yml.slice(yml.indexOf('fallback-locale:')));
    const ev = pullRequestEvent(gh, { number: 7, headSha: '1'.repeat(40) });
    // fail-on: warning, and the example has warnings: the step fails, but only after publishing.
    const r = await runAction({
      workspace: ws,
      inputs: { ...base, 'fail-on': 'warning' },
      event: ev,
      github: gh,
      artifacts: arts,
      runId: 3001,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(Number(r.outputs.warnings)).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/::error::\d+ lint findings? at or above fail-on: warning/);
    // A set-level finding (locale + preset) is annotated on the preset's line of the manifest.
    const presetsLine =
      readFileSync(path.join(ws, 'screenshots.yml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('presets:')) + 1;
    expect(r.stdout).toMatch(
      new RegExp(
        `::warning title=storeshots play\\.promo-eligibility \\(de-DE / play\\.phone\\),file=screenshots\\.yml,line=${presetsLine},`,
      ),
    );
    const images = Number(r.outputs.images);
    expect(images).toBe(2 * 2 * 3);
    const files = arts.files('storeshots');
    expect([...files.keys()].filter((f) => f.endsWith('.png'))).toHaveLength(images);
    expect(files.has('report.json')).toBe(true);
    expect(r.summary).toContain(`## storeshots: ${images} images`);
    expect(r.summary).toContain(r.outputs['artifact-url']);
    expect(r.summary).toMatch(/\| render \| \d+\.\d \|/);
    expect(r.summary).toMatch(/\| en-US \| 3 \| 3 \|/);
    expect(gh.comments).toHaveLength(1);
    const id = gh.comments[0]!.id;

    const again = await runAction({
      workspace: ws,
      inputs: { ...base, 'fail-on': 'never' },
      event: pullRequestEvent(gh, { number: 7, headSha: '2'.repeat(40) }),
      github: gh,
      artifacts: arts,
      runId: 3002,
    });
    expect(again.code).toBe(0);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.id).toBe(id);
    expect(gh.comments[0]!.body).toContain('2222222');
  });

  it('a fork PR exits 0 with a notice and no comment', async () => {
    const ev = pullRequestEvent(gh, { number: 8, headSha: '3'.repeat(40), fork: true });
    const r = await runAction({
      workspace: workspace(),
      inputs: { ...base, 'github-token': 'ghs_read', 'fail-on': 'never' },
      event: ev,
      github: gh,
      artifacts: arts,
      runId: 3003,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/::notice::This pull request comes from a fork/);
    expect(gh.comments).toHaveLength(0);
    expect(gh.writes()).toEqual([]);
  });

  it('a tag push opens the release PR in fastlane layout; a rerun makes no commit', async () => {
    const ws = workspace();
    const ev = {
      name: 'push',
      ref: 'refs/tags/v2.0.0',
      payload: { ref: 'refs/tags/v2.0.0', repository: { full_name: gh.full, default_branch: 'main', private: false } },
    };
    const r = await runAction({
      workspace: ws,
      inputs: { ...base, 'fail-on': 'never' },
      event: ev,
      github: gh,
      artifacts: arts,
      runId: 3004,
    });
    expect(r.stderr).toBe('');
    expect(r.outputs['pull-request-operation']).toBe('created');
    const files = [...gh.filesOf('storeshots/screenshots').keys()];
    expect(files).toContain('fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png');
    expect(files).toContain('fastlane/metadata/android/de-DE/images/phoneScreenshots/03_photo.png');
    const commits = gh.commits.size;
    const again = await runAction({
      workspace: ws,
      inputs: { ...base, 'fail-on': 'never' },
      event: ev,
      github: gh,
      artifacts: arts,
      runId: 3005,
    });
    expect(again.outputs['pull-request-operation']).toBe('unchanged');
    expect(gh.commits.size).toBe(commits);
    expect(existsSync(path.join(ws, 'storeshots-out', 'report.json'))).toBe(true);
  });
});
