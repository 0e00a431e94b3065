// A pull request's comment shows what changed against its base branch, end to end: the built
// Action (node dist/action.js in a child process, as the runner starts it) against the loopback
// GitHub (every request and response checked against GitHub's OpenAPI description) and the
// loopback artifact service. A push run on main uploads the base set; pull request runs of the
// same workflow find that run, download its artifact across runs and compare (src/action/base.ts).
// The example is cut to en-US and de-DE with all three presets: a changed slide is 3 images.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeArtifacts } from './fakes/artifacts.js';
import { FakeGitHub, type FakeRun } from './fakes/github.js';
import {
  exampleWorkspace,
  pullRequestEvent,
  runAction as run,
  shippedAction,
  type RunOptions,
} from './fakes/run-action.js';
import { tempDirs } from './helpers/temp.js';

const PRESETS = ['appstore.iphone_6_9', 'appstore.ipad_13', 'play.phone'];
const IMAGES = 2 * 3 * 4;
const WORKFLOW = 42;
const MAIN_SHA = 'c'.repeat(40);
const inputs = { 'github-token': 'ghs_write', manifest: 'screenshots.yml', 'fail-on': 'never' };

let gh: FakeGitHub;
let arts: FakeArtifacts;
let actionDir: string;
/** One RUNNER_TEMP for every run: the render cache folder in it carries over, as @actions/cache would. */
const temp = tempDirs('storeshots-diff-e2e-');
const runnerTemp = temp();
const runAction = (o: Omit<RunOptions, 'actionDir' | 'github' | 'artifacts'>) =>
  run({ ...o, actionDir, github: gh, artifacts: arts, env: { RUNNER_TEMP: runnerTemp, ...o.env } });

/** A run of the Screenshots workflow as the Actions API lists it. */
function workflowRun(id: number, o: Partial<FakeRun> = {}): FakeRun {
  const r: FakeRun = {
    id,
    workflowId: WORKFLOW,
    path: '.github/workflows/screenshots.yml',
    headBranch: 'main',
    headSha: MAIN_SHA,
    event: 'push',
    status: 'completed',
    conclusion: 'success',
    createdAt: `2026-12-01T10:${String(id % 60).padStart(2, '0')}:00Z`,
    ...o,
  };
  gh.runs.push(r);
  return r;
}

/** The example, 2 locales × 3 presets, with `edit` applied to its manifest. */
function workspace(edit?: (yaml: string) => string): string {
  const ws = exampleWorkspace(['en-US', 'de-DE'], PRESETS);
  const file = path.join(ws, 'screenshots.yml');
  const before = readFileSync(file, 'utf8');
  const after = edit ? edit(before) : before;
  if (edit && after === before) throw new Error('the edit changed nothing: the example changed shape');
  writeFileSync(file, after);
  return ws;
}

const germanHeadline = (y: string) => y.replace('de-DE: Sieh deinen Fortschritt', 'de-DE: Sieh deine Fortschritte');

/** A pull request run of the workflow (in progress: it is this run). */
async function pullRequestRun(runId: number, number: number, ws: string, extra: Record<string, string> = {}) {
  workflowRun(runId, {
    headBranch: `feature-${number}`,
    event: 'pull_request',
    status: 'in_progress',
    conclusion: null,
  });
  return runAction({
    workspace: ws,
    inputs: { ...inputs, ...extra },
    event: pullRequestEvent(gh, { number, headSha: String(number % 10).repeat(40) }),
    runId,
  });
}

/** The pictures a comment embeds from the previews branch, by their alt text. */
function pictures(body: string): Array<{ alt: string; name: string }> {
  return [
    ...body.matchAll(
      /!\[([^\]]*)\]\(https:\/\/github\.com\/acme\/habitual\/blob\/storeshots-previews\/([0-9a-f]{32}\.jpg)\?raw=true\)/g,
    ),
  ].map((m) => ({ alt: m[1]!, name: m[2]! }));
}

beforeAll(async () => {
  actionDir = shippedAction({ linkModules: true });
  arts = await new FakeArtifacts().start();
  gh = await new FakeGitHub().start();
  gh.artifacts = arts;
  // The base: a push to main renders the example and uploads it (no pull request: no comparison).
  workflowRun(5001);
  const r = await runAction({
    workspace: workspace(),
    inputs,
    event: {
      name: 'push',
      sha: MAIN_SHA,
      ref: 'refs/heads/main',
      payload: { ref: 'refs/heads/main', repository: { full_name: gh.full, default_branch: 'main', private: false } },
    },
    runId: 5001,
  });
  expect(r.code, r.stdout).toBe(0);
  expect(r.outputs.images).toBe(String(IMAGES));
  expect([r.outputs.changed, r.outputs.added, r.outputs.removed]).toEqual(['', '', '']);
  expect(r.summary).not.toContain('### Changes');
}, 300_000);
afterAll(async () => {
  await gh.stop();
  await arts.stop();
});
afterEach(() => {
  expect(gh.violations).toEqual([]);
  expect(arts.problems).toEqual([]);
});

describe('the preview comment shows what changed against the base branch', { timeout: 300_000 }, () => {
  it('one German headline changed: exactly that slide, one image per preset, before | after | diff', async () => {
    const r = await pullRequestRun(5002, 21, workspace(germanHeadline));
    expect(r.code, r.stdout).toBe(0);
    expect([r.outputs.changed, r.outputs.added, r.outputs.removed]).toEqual(['3', '0', '0']);
    const body = gh.comments.find((c) => c.issue === 21)!.body;
    expect(body).toContain(`🔍 **3 changed · 0 added · 0 removed · ${IMAGES - 3} unchanged**.`);
    expect(body).toContain(
      'Compared with run [5001](https://github.com/acme/habitual/actions/runs/5001) on main at `ccccccc`.',
    );
    // One line per changed image, each naming de-DE's stats slide, one per preset, each with its picture.
    const changed = body
      .split('\n')
      .filter((l) => /^\*\*`[^`]+`\*\* · .* · slide `[^`]+` · .* of the pixels changed$/.test(l));
    expect(changed).toHaveLength(3);
    for (const l of changed) expect(l).toMatch(/^\*\*`de-DE`\*\* · .* · slide `stats` · /);
    expect(new Set(changed.map((l) => l.split(' · ')[1])).size).toBe(3);
    const shown = pictures(body).filter((p) => p.alt.startsWith('before, after and difference'));
    expect(shown.map((p) => p.alt)).toEqual(Array(3).fill('before, after and difference of de-DE stats'));
    // Each picture is on the previews branch: a strip wider than tall (before | after | diff).
    const branch = gh.filesOf('storeshots-previews');
    for (const p of shown) {
      const m = await sharp(branch.get(p.name)!).metadata();
      expect(m.format).toBe('jpeg');
      expect(m.width!).toBeGreaterThan(m.height!);
    }
    // The changes come first, then findings, then every contact sheet, folded away.
    expect(body.indexOf('🔍')).toBeLessThan(body.indexOf('<details'));
    expect(body).not.toContain('<details open>');
    expect(body.match(/<details><summary><b>(en-US|de-DE)<\/b>/g)).toHaveLength(2);
    expect(body).toContain('`storeshots-diff/diff.html` in the artifact [storeshots]');
    // The job summary says the same, and the artifact holds the comparison.
    expect(r.summary).toContain('### Changes');
    expect(r.summary).toContain(`3 changed · 0 added · 0 removed · ${IMAGES - 3} unchanged`);
    expect(
      pictures(r.summary)
        .map((p) => p.name)
        .sort(),
    ).toEqual(shown.map((p) => p.name).sort());
    const files = arts.files('storeshots');
    expect(files.has('storeshots-diff/diff.html')).toBe(true);
    const diff = JSON.parse(files.get('storeshots-diff/diff.json')!.toString()) as {
      changed: Array<{ slide: string }>;
    };
    expect(diff.changed.map((e) => e.slide)).toEqual(['stats', 'stats', 'stats']);

    // The headline is put back, with comment: changes-only: the comment that showed the change
    // is brought up to date (one line), not left showing a change that is gone.
    const back = await pullRequestRun(5006, 21, workspace(), { comment: 'changes-only' });
    expect(back.code, back.stdout).toBe(0);
    const mine = gh.comments.filter((c) => c.issue === 21);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toContain(`**No visual change**: 0 changed · 0 added · 0 removed · ${IMAGES} unchanged`);
    expect(pictures(mine[0]!.body)).toEqual([]);
  });

  it('no visual change: the comment is one line; with comment: changes-only there is none', async () => {
    const r = await pullRequestRun(5003, 22, workspace());
    expect(r.code, r.stdout).toBe(0);
    expect([r.outputs.changed, r.outputs.added, r.outputs.removed]).toEqual(['0', '0', '0']);
    const body = gh.comments.find((c) => c.issue === 22)!.body;
    const lines = body.split('\n').filter((l) => l.trim() && !l.startsWith('<!--'));
    expect(lines[0]).toBe('### 📱 storeshots preview');
    expect(lines[1]).toMatch(
      new RegExp(`^[✅⚠️]+ \\*\\*No visual change\\*\\*: 0 changed · 0 added · 0 removed · ${IMAGES} unchanged · `),
    );
    expect(lines).toHaveLength(3); // title, the verdict, the links
    expect(pictures(body)).toEqual([]);
    expect(r.summary).toContain(`0 changed · 0 added · 0 removed · ${IMAGES} unchanged`);

    const quiet = await pullRequestRun(5004, 23, workspace(), { comment: 'changes-only' });
    expect(quiet.code, quiet.stdout).toBe(0);
    expect(gh.comments.filter((c) => c.issue === 23)).toEqual([]);
    expect(quiet.outputs['comment-id']).toBe('');
    expect(quiet.summary).toContain('no preview comment on #23');
  });

  it('a pull request that adds a slide lists its images as added', async () => {
    const ws = workspace((y) =>
      y.replace(
        /^fallback-locale:/m,
        '  - id: streaks\n    headline: { en-US: Keep your streak, de-DE: Bleib dran }\nfallback-locale:',
      ),
    );
    // Its raw screenshots: the home screen's, under the new slide's name.
    for (const locale of ['en-US', 'de-DE'])
      for (const device of ['iphone', 'ipad', 'android-phone'])
        cpSync(
          path.join(ws, 'shots', locale, device, 'home.png'),
          path.join(ws, 'shots', locale, device, 'streaks.png'),
        );
    const r = await pullRequestRun(5005, 24, ws);
    expect(r.code, r.stdout).toBe(0);
    expect([r.outputs.changed, r.outputs.added, r.outputs.removed]).toEqual(['0', '6', '0']);
    const body = gh.comments.find((c) => c.issue === 24)!.body;
    expect(body).toContain(`🔍 **0 changed · 6 added · 0 removed · ${IMAGES} unchanged**.`);
    const added = body.split('\n').filter((l) => l.startsWith('➕ '));
    expect(added).toHaveLength(6);
    for (const l of added) expect(l).toMatch(/^➕ \*\*`(en-US|de-DE)`\*\* · .* · slide `streaks` · added$/);
    expect(pictures(body).filter((p) => p.alt.endsWith('(added)'))).toHaveLength(6);
  });
});

describe('without a base artifact: the base commit rendered on the runner', { timeout: 300_000 }, () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd,
      encoding: 'utf8',
    }).trim();

  /** origin (bare) with main = the example and feature = one German headline changed. */
  function repository(): { origin: string; base: string; head: string } {
    const src = workspace();
    git(src, 'init', '-q', '-b', 'main');
    git(src, 'add', '-A');
    git(src, 'commit', '-qm', 'base');
    const base = git(src, 'rev-parse', 'HEAD');
    git(src, 'checkout', '-q', '-b', 'feature');
    writeFileSync(
      path.join(src, 'screenshots.yml'),
      germanHeadline(readFileSync(path.join(src, 'screenshots.yml'), 'utf8')),
    );
    git(src, 'commit', '-qam', 'headline');
    const head = git(src, 'rev-parse', 'HEAD');
    const origin = temp();
    git(origin, 'clone', '-q', '--bare', src, '.');
    return { origin, base, head };
  }

  /** A workspace as actions/checkout makes it by default: one commit, no history. */
  function shallowCheckout(origin: string, head: string): string {
    const ws = temp();
    git(ws, 'init', '-q');
    git(ws, 'remote', 'add', 'origin', `file://${origin}`);
    git(ws, 'fetch', '-q', '--depth=1', 'origin', head);
    git(ws, 'checkout', '-q', head);
    return ws;
  }

  function event(number: number, base: string, head: string) {
    const ev = pullRequestEvent(gh, { number, headSha: head });
    Object.assign(ev.payload.pull_request.base, { sha: base });
    return ev;
  }

  it('diff-base: render checks the base commit out and renders it: the same 3 images changed', async () => {
    const { origin, base, head } = repository();
    const ws = temp();
    git(ws, 'clone', '-q', origin, '.');
    git(ws, 'checkout', '-q', head);
    workflowRun(5101, { headBranch: 'feature-31', event: 'pull_request', status: 'in_progress', conclusion: null });
    // A fresh render cache: the head draws all 24 images, the base only the 3 that differ.
    const r = await runAction({
      env: { RUNNER_TEMP: temp() },
      workspace: ws,
      inputs: { ...inputs, 'diff-base': 'render' },
      event: event(31, base, head),
      runId: 5101,
    });
    expect(r.code, r.stdout).toBe(0);
    expect([r.outputs.changed, r.outputs.added, r.outputs.removed]).toEqual(['3', '0', '0']);
    const body = gh.comments.find((c) => c.issue === 31)!.body;
    expect(body).toContain(
      `Compared with the base commit \`${base.slice(0, 7)}\` of main, rendered on this runner (3 of ${IMAGES} images drawn, the rest from the render cache).`,
    );
    // No artifact was looked for, and the worktree is gone again.
    expect(gh.log.filter((l) => l.path.includes('/actions/runs/5101'))).toEqual([]);
    expect(git(ws, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('a shallow checkout fetches the base commit from origin; where origin refuses, it says how to fix the checkout', async () => {
    const { origin, base, head } = repository();
    const ws = shallowCheckout(origin, head);
    expect(git(ws, 'rev-parse', '--is-shallow-repository')).toBe('true');
    // No successful run on this workflow's main yet (diff-base: artifact): the base commit is rendered instead.
    workflowRun(5102, {
      workflowId: WORKFLOW + 1,
      headBranch: 'feature-32',
      event: 'pull_request',
      status: 'in_progress',
      conclusion: null,
    });
    const r = await runAction({ workspace: ws, inputs, event: event(32, base, head), runId: 5102 });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.changed).toBe('3');
    const body = gh.comments.find((c) => c.issue === 32)!.body;
    expect(body).toContain('No base set: No successful run of this workflow on main yet');
    expect(body).toContain(`Compared with the base commit \`${base.slice(0, 7)}\` of main, rendered on this runner (`);
    expect(body).toContain('fetched from origin');

    // A base commit origin does not have (the base branch was force-pushed since): nothing to render.
    const gone = 'e'.repeat(40);
    const ws2 = shallowCheckout(origin, head);
    workflowRun(5103, {
      workflowId: WORKFLOW + 1,
      headBranch: 'feature-33',
      event: 'pull_request',
      status: 'in_progress',
      conclusion: null,
    });
    const none = await runAction({ workspace: ws2, inputs, event: event(33, gone, head), runId: 5103 });
    expect(none.code, none.stdout).toBe(0);
    expect([none.outputs.changed, none.outputs.added, none.outputs.removed]).toEqual(['', '', '']);
    const said = gh.comments.find((c) => c.issue === 33)!.body;
    expect(said).toContain('The checkout does not have the base commit eeeeeee (it is shallow');
    expect(said).toContain('fetch-depth: 2');
    // Without a comparison the comment is the full preview, as before.
    expect(said).toContain('<details open>');
  });
});
