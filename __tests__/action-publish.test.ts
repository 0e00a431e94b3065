// The publishing steps every mode ends in, with a hand-made set of real PNG files, the real
// @actions/artifact client and octokit against the loopback servers (every GitHub request
// and response checked against GitHub's OpenAPI description).
import { DefaultArtifactClient } from '@actions/artifact';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createGitHub } from '../src/github/client.js';
import { commentMarker } from '../src/github/comment.js';
import { readContext } from '../src/action/context.js';
import { parseInputs } from '../src/action/inputs.js';
import { publish, FORK_NOTICE, fastlaneFiles } from '../src/action/publish.js';
import type { ActionEnv, Runner } from '../src/action/env.js';
import type { RenderedSet } from '../src/publish/set.js';
import { FakeGitHub } from './fakes/github.js';
import { FakeArtifacts } from './fakes/artifacts.js';
import { pullRequestEvent } from './fakes/run-action.js';
import { makeSet, FINDING } from './fakes/sets.js';

let gh: FakeGitHub;
let arts: FakeArtifacts;

interface Recorded {
  runner: Runner;
  calls: Array<{ kind: string; message: string; props?: object }>;
  outputs: Record<string, string>;
  summaries: string[];
}

function recorder(): Recorded {
  const r: Recorded = { calls: [], outputs: {}, summaries: [], runner: undefined as unknown as Runner };
  const log = (kind: string) => (message: string, props?: object) => void r.calls.push({ kind, message, props });
  r.runner = {
    info: log('info'),
    notice: log('notice'),
    warning: log('warning'),
    error: log('error'),
    setOutput: (n, v) => void (r.outputs[n] = String(v)),
    summary: async (md) => void r.summaries.push(md),
    fail: log('fail'),
    group: async (name, fn) => {
      r.calls.push({ kind: 'group', message: name });
      try {
        return await fn();
      } finally {
        r.calls.push({ kind: 'endgroup', message: name });
      }
    },
  };
  return r;
}

function env(
  event: { name: string; payload: object; ref?: string; sha?: string },
  inputs: Record<string, string> = {},
  token = 'ghs_write',
): { a: ActionEnv; rec: Recorded } {
  const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-ctx-'));
  writeFileSync(path.join(dir, 'event.json'), JSON.stringify(event.payload));
  const ctx = readContext({
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    GITHUB_REPOSITORY: gh.full,
    GITHUB_API_URL: gh.url,
    GITHUB_RUN_ID: '1001',
    GITHUB_SHA: event.sha ?? 'c'.repeat(40),
    GITHUB_REF: event.ref ?? 'refs/heads/main',
    GITHUB_WORKSPACE: dir,
  });
  const rec = recorder();
  const read = (n: string) => ({ 'github-token': token, ...inputs })[n] ?? '';
  return {
    a: {
      inputs: parseInputs(read),
      ctx,
      gh: createGitHub({ token, baseUrl: gh.url, sleep: async () => {} }),
      token,
      runner: rec.runner,
      artifacts: new DefaultArtifactClient(),
    },
    rec,
  };
}

beforeAll(async () => {
  arts = await new FakeArtifacts().start();
  arts.runs.set('run-1001', 1001);
  process.env.ACTIONS_RUNTIME_TOKEN = FakeArtifacts.token('run-1001', 'job-1');
  process.env.ACTIONS_RESULTS_URL = `${arts.url}/`;
  delete process.env.GITHUB_SERVER_URL;
});
afterAll(async () => {
  await arts.stop();
});
beforeEach(async () => {
  gh = await new FakeGitHub().start();
  arts.artifacts.length = 0;
  arts.deleted.length = 0;
});
afterEach(async () => {
  expect(gh.violations).toEqual([]);
  expect(arts.problems).toEqual([]);
  await gh.stop();
});

const prEvent = (o: { fork?: boolean; headSha?: string } = {}) =>
  pullRequestEvent(gh, { number: 12, headSha: o.headSha ?? 'd'.repeat(40), fork: o.fork });

describe('on a pull request', () => {
  let set: RenderedSet;
  beforeAll(async () => {
    set = await makeSet({ findings: [FINDING] });
  });

  it('uploads the artifact, posts the comment with a contact sheet per locale, writes summary and outputs', async () => {
    const { a, rec } = env(prEvent());
    const res = await publish(a, set, { pullRequest: a.ctx.pullRequest, upload: true, allowRelease: true });

    const files = arts.files('storeshots');
    const html = existsSync(path.join(set.outDir, 'report.html')) ? ['report.html'] : [];
    expect([...files.keys()].sort()).toEqual(
      [...set.report.images.map((i) => i.path), ...html, 'report.json', 'storeshots-run.json'].sort(),
    );
    expect(JSON.parse(String(files.get('storeshots-run.json')))).toMatchObject({
      pullRequest: { number: 12, headSha: 'd'.repeat(40) },
    });
    expect(res.artifact?.url).toBe(`https://github.com/acme/habitual/actions/runs/1001/artifacts/${res.artifact?.id}`);

    expect(gh.comments).toHaveLength(1);
    const body = gh.comments[0]!.body;
    expect(body.startsWith(commentMarker(''))).toBe(true);
    expect(body).toContain('❌ **not ready for the stores**: 8 images (2 locales × 2 presets), 1 error, 0 warnings');
    // The short SHA links the commit.
    expect(body).toContain(`[\`ddddddd\`](https://github.com/acme/habitual/commit/${'d'.repeat(40)})`);
    expect(body).toContain(res.artifact!.url!);
    // One contact sheet per locale, committed to the previews branch and embedded by URL.
    const sheets = [
      ...body.matchAll(
        /!\[([^\]:]+)[^\]]*\]\((https:\/\/github\.com\/acme\/habitual\/blob\/storeshots-previews\/([0-9a-f]{32})\.jpg\?raw=true)\)/g,
      ),
    ];
    expect(sheets.map((m) => m[1])).toEqual(['en-US', 'de-DE']);
    const branch = gh.filesOf('storeshots-previews');
    for (const m of sheets) {
      const meta = await sharp(branch.get(`${m[3]}.jpg`)!).metadata();
      expect(meta.format).toBe('jpeg');
      // A row per preset (two) under its 44 px label, the two slides side by side, 240 px rows with 16 px gaps.
      expect([meta.width, meta.height]).toEqual([16 + 135 + 16 + 135 + 16, 16 + 44 + 240 + 16 + 44 + 240 + 16]);
    }
    // The finding's text is escaped: no HTML, no table break, no @-mention.
    expect(body).toContain('31 px \\| smaller');
    expect(body).toContain('&lt;b&gt;minimum&lt;/b&gt;');
    expect(body).not.toContain('@team');

    expect(rec.summaries[0]).toContain('## storeshots: 8 images, 1 error, 0 warnings');
    expect(rec.summaries[0]).toMatch(/\| en-US \| 2 \| 2 \|/);
    expect(rec.summaries[0]).toMatch(/\| de-DE \| 2 \(1 ❌\) \| 2 \|/);
    expect(rec.summaries[0]).toContain('| render | 1.2 |');
    expect(rec.summaries[0]).toContain(res.artifact!.url!);
    expect(rec.outputs).toMatchObject({
      images: '8',
      errors: '1',
      warnings: '0',
      'artifact-id': String(res.artifact!.id),
      'comment-id': String(gh.comments[0]!.id),
      'pull-request-operation': 'none',
    });
    expect(rec.calls.filter((c) => c.kind === 'error')).toHaveLength(1); // the finding's annotation
    // Each phase is one log group, none nested (GitHub's log has no nested groups).
    const groups = rec.calls.filter((c) => c.kind === 'group' || c.kind === 'endgroup');
    expect(groups.map((c) => `${c.kind} ${c.message}`)).toEqual([
      'group compare with base',
      'endgroup compare with base',
      'group upload artifact',
      'endgroup upload artifact',
      'group comment',
      'endgroup comment',
    ]);
  });

  it('updates the same comment on the next run and commits no new preview for unchanged sheets', async () => {
    const first = env(prEvent());
    await publish(first.a, set, { pullRequest: first.a.ctx.pullRequest, upload: false, allowRelease: false });
    const commits = gh.commits.size;
    const second = env(prEvent({ headSha: 'e'.repeat(40) }));
    await publish(second.a, set, { pullRequest: second.a.ctx.pullRequest, upload: false, allowRelease: false });
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toContain('eeeeeee');
    expect(gh.commits.size).toBe(commits);
  });

  it('a fork: artifact yes, comment no, a notice, no failure', async () => {
    const { a, rec } = env(prEvent({ fork: true }), {}, 'ghs_read');
    const res = await publish(a, set, { pullRequest: a.ctx.pullRequest, upload: true, allowRelease: true });
    expect(res.artifact?.id).toBeDefined();
    expect(gh.comments).toHaveLength(0);
    expect(gh.writes()).toEqual([]);
    expect(rec.calls).toContainEqual({ kind: 'notice', message: FORK_NOTICE, props: undefined });
  });

  it('a read-only token on a same-repo PR: notices instead of failures', async () => {
    const { a, rec } = env(prEvent(), {}, 'ghs_read');
    await publish(a, set, { pullRequest: a.ctx.pullRequest, upload: false, allowRelease: true });
    expect(gh.comments).toHaveLength(0);
    const notices = rec.calls.filter((c) => c.kind === 'notice').map((c) => c.message);
    expect(notices.some((m) => m.includes('HTTP 403') && m.includes('contents: write'))).toBe(true);
    expect(notices.some((m) => m.includes('pull-requests: write'))).toBe(true);
  });

  it('on GitHub Enterprise Server (no v4 artifact service): a warning, and the comment still goes out', async () => {
    process.env.GITHUB_SERVER_URL = 'https://ghe.example.com';
    try {
      const { a, rec } = env(prEvent());
      const res = await publish(a, set, { pullRequest: a.ctx.pullRequest, upload: true, allowRelease: false });
      expect(res.artifact).toBeUndefined();
      expect(arts.artifacts).toHaveLength(0);
      expect(rec.calls.some((c) => c.kind === 'warning' && c.message.includes('Enterprise Server'))).toBe(true);
      expect(gh.comments).toHaveLength(1);
    } finally {
      delete process.env.GITHUB_SERVER_URL;
    }
  });

  it('a private repository gets links to the contact sheets instead of embedded images', async () => {
    gh.private = true;
    const ev = prEvent();
    const { a } = env(ev);
    await publish(a, set, { pullRequest: a.ctx.pullRequest, upload: false, allowRelease: false });
    expect(gh.comments[0]!.body).not.toContain('![');
    expect(gh.comments[0]!.body).toMatch(
      /\[en-US contact sheet\]\(https:\/\/github\.com\/acme\/habitual\/blob\/storeshots-previews\/[0-9a-f]{32}\.jpg\?raw=true\)/,
    );
  });
});

describe('on a tag push', () => {
  const tag = {
    name: 'push',
    ref: 'refs/tags/v1.2.0',
    payload: {
      ref: 'refs/tags/v1.2.0',
      repository: { full_name: 'acme/habitual', default_branch: 'main', private: false },
    },
  };

  it('opens the release PR in fastlane layout; a rerun makes no commit; a changed set updates it', async () => {
    const set = await makeSet();
    const { a, rec } = env(tag, { 'pr-labels': 'screenshots, release' });
    const res = await publish(a, set, { upload: false, allowRelease: true });
    expect(res.release).toMatchObject({ operation: 'created', number: 1 });
    const files = [...gh.filesOf('storeshots/screenshots').keys()].filter((p) => p.startsWith('fastlane/')).sort();
    expect(files).toEqual([
      'fastlane/metadata/android/de-DE/images/phoneScreenshots/01_home.png',
      'fastlane/metadata/android/de-DE/images/phoneScreenshots/02_stats.png',
      'fastlane/metadata/android/en-US/images/phoneScreenshots/01_home.png',
      'fastlane/metadata/android/en-US/images/phoneScreenshots/02_stats.png',
      'fastlane/screenshots/de-DE/01_appstore.iphone_6_9_home.png',
      'fastlane/screenshots/de-DE/02_appstore.iphone_6_9_stats.png',
      'fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png',
      'fastlane/screenshots/en-US/02_appstore.iphone_6_9_stats.png',
    ]);
    expect(gh.pulls[0]).toMatchObject({
      title: 'Update store screenshots',
      labels: ['screenshots', 'release'],
      head: { ref: 'storeshots/screenshots' },
    });
    // The body lists what main's fastlane tree gets: here all 8 new (main has only a README).
    const body = gh.pulls[0]!.body;
    expect(body).toContain(
      '**Against `main`** (byte for byte: what the stores will get): 0 changed · 8 added · 0 removed · 0 unchanged.',
    );
    expect(body.split('\n').filter((l) => l.startsWith('- ➕ '))).toHaveLength(8);
    expect(body).toContain(
      '- ➕ `de-DE` · iPhone 6.9" (Dynamic Island, large) · slide `stats`: `fastlane/screenshots/de-DE/02_appstore.iphone_6_9_stats.png`',
    );
    expect(rec.outputs).toMatchObject({
      'pull-request-number': '1',
      'pull-request-operation': 'created',
      'pull-request-url': 'https://github.com/acme/habitual/pull/1',
    });

    const commits = gh.commits.size;
    const again = env(tag);
    const res2 = await publish(again.a, set, { upload: false, allowRelease: true });
    expect(res2.release?.operation).toBe('unchanged');
    expect(gh.commits.size).toBe(commits);

    const changed = await makeSet({ tint: 30 });
    const third = env(tag);
    const res3 = await publish(third.a, changed, { upload: false, allowRelease: true });
    expect(res3.release).toMatchObject({ operation: 'updated', number: 1 });
    expect(gh.pulls).toHaveLength(1);
    // Against main, which still has none of them (the first set was never merged): 8 added again.
    expect(gh.pulls[0]!.body).toContain('0 changed · 8 added · 0 removed · 0 unchanged');

    // The release PR was merged: main now holds the first set.
    gh.commitTo('main', Object.fromEntries(fastlaneFiles(set, '').files.map((f) => [f.path, f.content])));
    const fourth = env(tag);
    // main holds the first set; the new one retints the home slide and drops stats.
    const partly = await makeSet({ tint: 30, slides: ['home'] });
    await publish(fourth.a, partly, { upload: false, allowRelease: true });
    const latest = gh.pulls[0]!.body;
    expect(latest).toContain('4 changed · 0 added · 4 removed · 0 unchanged');
    expect(latest).toContain(
      '- ✏️ `en-US` · Android phone · slide `home`: `fastlane/metadata/android/en-US/images/phoneScreenshots/01_home.png`',
    );
    expect(latest).toContain('- ➖ `fastlane/screenshots/de-DE/02_appstore.iphone_6_9_stats.png`');
  });

  it('maps locales to store codes and honours pr-path', async () => {
    const set = await makeSet({
      locales: ['ar', 'he'],
      presets: ['appstore.iphone_6_9', 'play.phone'],
      slides: ['home'],
    });
    const { files } = fastlaneFiles(set, 'ios');
    expect(files.map((f) => f.path).sort()).toEqual([
      'ios/fastlane/metadata/android/ar/images/phoneScreenshots/01_home.png',
      'ios/fastlane/metadata/android/iw-IL/images/phoneScreenshots/01_home.png',
      'ios/fastlane/screenshots/ar-SA/01_appstore.iphone_6_9_home.png',
      'ios/fastlane/screenshots/he/01_appstore.iphone_6_9_home.png',
    ]);
  });

  it('a partial set (filters or a shard) opens no release PR', async () => {
    const set = { ...(await makeSet({ locales: ['en-US'] })), partial: true };
    const { a, rec } = env(tag);
    const res = await publish(a, set, { upload: false, allowRelease: true });
    expect(res.release).toBeUndefined();
    expect(gh.pulls).toHaveLength(0);
    expect(rec.calls.some((c) => c.kind === 'warning' && c.message.includes('Only part of the manifest'))).toBe(true);
  });

  it('when Actions may not open PRs, the branch is pushed and a warning says which setting to change', async () => {
    gh.faults.push({
      method: 'POST',
      path: /\/pulls$/,
      status: 403,
      message: 'GitHub Actions is not permitted to create or approve pull requests.',
    });
    const { a, rec } = env(tag);
    await publish(a, await makeSet(), { upload: false, allowRelease: true });
    expect(gh.refs.has('heads/storeshots/screenshots')).toBe(true);
    expect(rec.calls.some((c) => c.kind === 'warning' && c.message.includes('Settings > Actions > General'))).toBe(
      true,
    );
  });
});

describe('errors a real repository produces', () => {
  const RULESET = 'Repository rule violations found\n\nCannot create ref due to creations being restricted.\n\n';
  const tag = {
    name: 'push',
    ref: 'refs/tags/v1.2.0',
    payload: {
      ref: 'refs/tags/v1.2.0',
      repository: { full_name: 'acme/habitual', default_branch: 'main', private: false },
    },
  };

  it('401 (bad or expired token) says so, and does not blame a missing permission', async () => {
    const { a, rec } = env(prEvent(), {}, 'ghp_expired');
    await publish(a, await makeSet(), { pullRequest: a.ctx.pullRequest, upload: false, allowRelease: false });
    const notices = rec.calls.filter((c) => c.kind === 'notice').map((c) => c.message);
    expect(notices.length).toBeGreaterThanOrEqual(1);
    for (const n of notices) {
      expect(n).toContain('HTTP 401');
      expect(n).toMatch(/bad or expired credentials/);
      expect(n).not.toMatch(/needs (contents|pull-requests)/);
    }
    expect(gh.log.some((l) => l.status === 401)).toBe(true);
  });

  it('a ruleset refusing the previews branch (422): the comment still posts, with a link to the artifact instead of images, and a notice explains', async () => {
    gh.faults.push({ method: 'POST', path: /\/git\/refs$/, status: 422, message: RULESET, times: 5 });
    const { a, rec } = env(prEvent());
    const res = await publish(a, await makeSet(), {
      pullRequest: a.ctx.pullRequest,
      upload: true,
      allowRelease: false,
    });
    expect(gh.log.some((l) => l.method === 'POST' && l.path.endsWith('/git/refs') && l.status === 422)).toBe(true);
    expect(gh.refs.has('heads/storeshots-previews')).toBe(false);
    expect(gh.comments).toHaveLength(1);
    const body = gh.comments[0]!.body;
    expect(body).not.toContain('![');
    expect(body).toContain(res.artifact!.url!);
    expect(body).toMatch(/ruleset or branch protection covers the branch storeshots-previews/);
    const notice = rec.calls.find((c) => c.kind === 'notice')!.message;
    expect(notice).toMatch(/HTTP 422, Repository rule violations found: Cannot create ref/);
    expect(notice).toContain('set preview-branch');
    expect(rec.summaries[0]).toMatch(/ruleset/);
    expect(rec.outputs['comment-id']).toBe(String(gh.comments[0]!.id));
  });

  it('a ruleset or protection on the release branch (422): a warning naming the branch, the summary written, the step goes on', async () => {
    gh.faults.push({ method: 'POST', path: /\/git\/refs$/, status: 422, message: RULESET });
    const { a, rec } = env(tag);
    const res = await publish(a, await makeSet(), { upload: false, allowRelease: true });
    expect(res.release).toBeUndefined();
    const warning = rec.calls.find(
      (c) => c.kind === 'warning' && c.message.includes('storeshots/screenshots'),
    )!.message;
    expect(warning).toMatch(
      /HTTP 422.*ruleset or branch protection covers the branch storeshots\/screenshots.*pr-branch/s,
    );
    expect(rec.summaries).toHaveLength(1);
    expect(rec.summaries[0]).toContain('## storeshots: 8 images');
    expect(rec.summaries[0]).toContain('storeshots/screenshots');
    expect(rec.outputs['pull-request-operation']).toBe('none');

    // A protected branch that refuses the force-update of an existing release branch: the same.
    gh.faults.push({
      method: 'PATCH',
      path: /\/git\/refs\//,
      status: 422,
      message: 'Protected branch update failed for refs/heads/storeshots/screenshots.',
    });
    gh.commitTo('main', { 'x.txt': Buffer.from('1') });
    gh.refs.set('heads/storeshots/screenshots', gh.refs.get('heads/main')!);
    const again = env(tag);
    await publish(again.a, await makeSet(), { upload: false, allowRelease: true });
    expect(
      again.rec.calls.some(
        (c) => c.kind === 'warning' && /Protected branch update failed.*storeshots\/screenshots/s.test(c.message),
      ),
    ).toBe(true);
  });

  it('a re-run of the job replaces the artifact of the same name (overwrite, the default) instead of the 409', async () => {
    const set = await makeSet();
    const first = env(prEvent(), { comment: 'false' });
    const one = await publish(first.a, set, { upload: true, allowRelease: false });
    const rerun = env(prEvent(), { comment: 'false' });
    const two = await publish(rerun.a, set, { upload: true, allowRelease: false });
    expect(two.artifact!.id).not.toBe(one.artifact!.id);
    expect(arts.deleted).toContain(one.artifact!.id);
    expect(arts.artifacts.filter((x) => x.name === 'storeshots' && x.finalized).map((x) => x.id)).toEqual([
      two.artifact!.id,
    ]);
    expect(rerun.rec.calls.some((c) => c.kind === 'info' && c.message.includes(`id ${one.artifact!.id}`))).toBe(true);
  });

  it('overwrite: false keeps the old artifact and fails with a plain message; the summary is still written', async () => {
    const set = await makeSet();
    await publish(env(prEvent(), { comment: 'false' }).a, set, { upload: true, allowRelease: false });
    const { a, rec } = env(prEvent(), { comment: 'false', overwrite: 'false' });
    await expect(publish(a, set, { upload: true, allowRelease: false })).rejects.toThrow(
      /artifact named "storeshots" already exists in this workflow run.*overwrite: true/,
    );
    expect(arts.deleted).toEqual([]);
    expect(rec.summaries).toHaveLength(1);
    expect(rec.summaries[0]).toMatch(/storeshots stopped: An artifact named "storeshots" already exists/);
  });

  it('passes retention-days above 90 to the artifact service (GitHub caps it at the repository setting)', async () => {
    const { a } = env(prEvent(), { comment: 'false', 'retention-days': '400' });
    const before = Date.now();
    await publish(a, await makeSet(), { upload: true, allowRelease: false });
    const expires = Date.parse(arts.artifacts[0]!.expiresAt!);
    expect(expires - before).toBeGreaterThan(399 * 86_400_000);
  });
});

describe('runs that finish out of order', () => {
  it('an older run finishing after a newer one leaves the newer comment and previews alone', async () => {
    const newer = env(prEvent({ headSha: 'e'.repeat(40) }));
    newer.a.ctx.runId = '1002';
    await publish(newer.a, await makeSet({ tint: 10 }), {
      pullRequest: newer.a.ctx.pullRequest,
      upload: false,
      allowRelease: false,
    });
    const body = gh.comments[0]!.body;
    expect(body).toContain(`<!-- storeshots:run {"sha":"${'e'.repeat(40)}","run":1002,"attempt":1} -->`);
    const branch = gh.refs.get('heads/storeshots-previews');

    const older = env(prEvent({ headSha: 'd'.repeat(40) }));
    older.a.ctx.runId = '1001';
    const res = await publish(older.a, await makeSet({ tint: 20 }), {
      pullRequest: older.a.ctx.pullRequest,
      upload: false,
      allowRelease: false,
    });
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toBe(body);
    expect(gh.refs.get('heads/storeshots-previews')).toBe(branch);
    expect(res.comment?.operation).toBe('skipped');
    expect(
      older.rec.calls.some((c) => c.kind === 'notice' && c.message.includes('already shows a newer run (1002')),
    ).toBe(true);

    // A re-run (attempt 2) of the newer run does update it.
    const rerun = env(prEvent({ headSha: 'e'.repeat(40) }));
    rerun.a.ctx.runId = '1002';
    rerun.a.ctx.runAttempt = 2;
    await publish(rerun.a, await makeSet({ tint: 30 }), {
      pullRequest: rerun.a.ctx.pullRequest,
      upload: false,
      allowRelease: false,
    });
    expect(gh.comments[0]!.body).toContain('"run":1002,"attempt":2');
  });
});
