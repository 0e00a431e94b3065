// The built Action in remote mode against a real `storeshots serve` on loopback, with the
// loopback GitHub (OpenAPI-checked) and artifact servers. wait: poll publishes like a local run;
// wait: dispatch submits and ends, the service calls GitHub's dispatches endpoint, and the
// repository_dispatch run in mode: collect verifies the signature and finishes the job.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
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
import { KEY, SCREEN_PNG, api, b64, startService, cleanup, type ServerHandle } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';
import { commentMarker } from '../src/github/comment.js';
import { signDispatch } from '../src/util/signature.js';

const SECRET = 'whsec_storeshots_test';
let gh: FakeGitHub;
let arts: FakeArtifacts;
let actionDir: string;
let server: ServerHandle;
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
  gh.pulls.push({
    number: 11,
    title: 'New onboarding',
    body: '',
    state: 'open',
    head: { ref: 'feature', sha: '1'.repeat(40), repo: gh.full },
    base: { ref: 'main' },
    labels: [],
  });
  gh.refs.set('heads/feature', '1'.repeat(40));
  server = await startService({ env: { STORESHOTS_GITHUB_API_URL: gh.url, STORESHOTS_GITHUB_TOKEN: 'ghs_write' } });
});
afterEach(async () => {
  await server.stop();
  cleanup(server.data);
  expect(gh.violations).toEqual([]);
  expect(arts.problems).toEqual([]);
  await gh.stop();
});

/** The example cut to one locale and the two phone presets: 8 images. */
function workspace(): string {
  return exampleWorkspace(['en-US', 'de-DE'], ['appstore.iphone_6_9', 'play.phone']);
}

const remote = () => ({
  'github-token': 'ghs_write',
  manifest: 'screenshots.yml',
  locales: 'de-DE',
  mode: 'remote',
  'api-url': server.url,
  'api-key': KEY,
  'fail-on': 'error',
});

async function dispatched(n = 1) {
  await waitFor(() => gh.dispatches.length >= n, {
    timeoutMs: 60_000,
    intervalMs: 100,
    what: () => `${n} dispatch(es), got ${gh.dispatches.length}`,
  });
  expect(gh.dispatches.length).toBeGreaterThanOrEqual(n);
  return gh.dispatches[n - 1];
}

function dispatchEvent(clientPayload: object) {
  return {
    name: 'repository_dispatch',
    sha: 'c'.repeat(40),
    ref: 'refs/heads/main',
    payload: {
      action: 'storeshots-render',
      client_payload: clientPayload,
      repository: { full_name: gh.full, private: false, default_branch: 'main' },
    },
  };
}

describe('mode: remote', { timeout: 300_000 }, () => {
  it('wait: poll renders through the service, lints the downloaded bytes and publishes', async () => {
    const r = await runAction({
      workspace: workspace(),
      inputs: { ...remote(), wait: 'poll' },
      event: pullRequestEvent(gh, { number: 11, headSha: '1'.repeat(40) }),
      github: gh,
      artifacts: arts,
      runId: 4001,
    });
    if (r.code !== 0) console.log(r.stdout, r.stderr);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/remote de-DE\/play\.phone: succeeded \(rnd_/);
    // The key reaches the log only in the runner's mask command, which hides it everywhere else.
    expect(r.stdout.split('\n').filter((l) => l.includes(KEY))).toEqual([`::add-mask::${KEY}`]);
    expect(Number(r.outputs.images)).toBe(8);
    expect(Number(r.outputs.errors)).toBe(0);
    const files = arts.files('storeshots');
    const pngs = [...files.keys()].filter((f) => f.endsWith('.png'));
    expect(pngs).toHaveLength(8);
    for (const f of pngs) {
      const meta = await sharp(files.get(f)!).metadata();
      expect(meta.hasAlpha).toBe(false);
    }
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toContain('8 images');
  });

  it('wait: dispatch submits and ends; the dispatch wakes mode: collect, which updates the same comment', async () => {
    const ws = workspace();
    const submit = await runAction({
      workspace: ws,
      inputs: { ...remote(), wait: 'dispatch', 'webhook-secret': SECRET, 'artifact-name': 'dispatched' },
      event: pullRequestEvent(gh, { number: 11, headSha: '1'.repeat(40) }),
      github: gh,
      artifacts: arts,
      runId: 4101,
    });
    if (submit.code !== 0) console.log(submit.stdout, submit.stderr);
    expect(submit.stderr).toBe('');
    expect(submit.code).toBe(0);
    expect(JSON.parse(submit.outputs.renders!)).toHaveLength(2);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toContain('Rendering 8 image(s) in 2 set(s)');
    expect(gh.comments[0]!.body).toContain(commentMarker(''));
    const commentId = gh.comments[0]!.id;
    expect(() => arts.files('dispatched')).toThrow(/no finalized artifact/);

    const d = await dispatched();
    expect(d.event_type).toBe('storeshots-render');
    expect(d.client_payload.status).toBe('succeeded');

    const collect = await runAction({
      workspace: mkdtempSync(path.join(tmpdir(), 'storeshots-collect-')),
      inputs: {
        'github-token': 'ghs_write',
        mode: 'collect',
        'api-url': server.url,
        'api-key': KEY,
        'webhook-secret': SECRET,
        'artifact-name': 'dispatched',
      },
      event: dispatchEvent(d.client_payload),
      github: gh,
      artifacts: arts,
      runId: 4102,
    });
    expect(collect.stderr).toBe('');
    expect(collect.code).toBe(0);
    expect(collect.stdout).toMatch(/Dispatch for render rnd_\w+ \(succeeded\) verified/);
    expect(Number(collect.outputs.images)).toBe(8);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.id).toBe(commentId);
    expect(gh.comments[0]!.body).not.toContain('Rendering 8 image(s)');
    expect(gh.comments[0]!.body).toContain('8 images');
    const pngs = [...arts.files('dispatched').keys()].filter((f) => f.endsWith('.png')).sort();
    expect(pngs).toEqual([
      'de-DE/appstore.iphone_6_9/01-home.png',
      'de-DE/appstore.iphone_6_9/02-stats.png',
      'de-DE/appstore.iphone_6_9/03-photo.png',
      'de-DE/appstore.iphone_6_9/04-features.png',
      'de-DE/play.phone/01-home.png',
      'de-DE/play.phone/02-stats.png',
      'de-DE/play.phone/03-photo.png',
      'de-DE/play.phone/04-features.png',
    ]);
  });

  /** A finished render on the service, made as remote mode would (the storeshots marker, this repository). */
  async function finishedRender(repository = gh.full): Promise<string> {
    const r = await api(server.url, 'POST', '/v1/renders', {
      canvas: { preset: 'play.phone' },
      locale: 'en-US',
      // Two slides: Play needs at least two screenshots in a listing, so the control run has no lint error.
      slides: [
        { id: 'home', headline: 'Track every habit', screenshot: { data: b64(SCREEN_PNG) } },
        { id: 'stats', headline: 'See your streaks', screenshot: { data: b64(SCREEN_PNG) } },
      ],
      metadata: {
        storeshots: 1,
        repository,
        run_id: '4100',
        run_url: 'https://example.invalid/run',
        sha: 'c'.repeat(40),
        layout: 'flat',
        set: 'en-US/play.phone',
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('succeeded');
    return r.body.id as string;
  }

  it('collect refuses a dispatch signed with the wrong secret, an unsigned one and a stale one, for a render that exists', async () => {
    const id = await finishedRender();
    const render = { render_id: id, status: 'succeeded', api_url: server.url };
    const inputs = {
      'github-token': 'ghs_write',
      mode: 'collect',
      'api-url': server.url,
      'api-key': KEY,
      'webhook-secret': SECRET,
      'artifact-name': 'refused',
    };
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[object, string | RegExp]> = [
      [
        { ...render, signature: signDispatch('not-the-secret', id, render.status) },
        `refusing the repository_dispatch for ${id}: signature does not match`,
      ],
      [{ ...render }, `refusing the repository_dispatch for ${id}: it is not signed`],
      [
        { ...render, signature: signDispatch(SECRET, id, render.status, now - 3600) },
        new RegExp(
          `refusing the repository_dispatch for ${id}: signature timestamp ${now - 3600} is more than 300s away from now \\(\\d+\\)`,
        ),
      ],
      [
        { ...render, status: 'failed', signature: signDispatch(SECRET, id, 'succeeded') },
        `refusing the repository_dispatch for ${id}: signature does not match`,
      ],
    ];
    for (const [payload, message] of cases) {
      const r = await runAction({
        workspace: mkdtempSync(path.join(tmpdir(), 'storeshots-collect-')),
        inputs,
        event: dispatchEvent(payload),
        github: gh,
        artifacts: arts,
        runId: 4201,
      });
      expect(r.code).toBe(1);
      const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
      expect(errors).toHaveLength(1);
      if (typeof message === 'string') expect(errors[0]).toContain(message);
      else expect(errors[0]).toMatch(message);
      expect(r.stdout).not.toMatch(/verified/);
    }
    expect(gh.writes()).toEqual([]);
    expect(() => arts.files('refused')).toThrow(/no finalized artifact/);
    // The control: the same render with a good signature is collected, so the refusals above were the signature's doing.
    const ok = await runAction({
      workspace: mkdtempSync(path.join(tmpdir(), 'storeshots-collect-')),
      inputs: { ...inputs, 'artifact-name': 'accepted' },
      event: dispatchEvent({ ...render, signature: signDispatch(SECRET, id, 'succeeded') }),
      github: gh,
      artifacts: arts,
      runId: 4202,
    });
    expect(ok.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([]);
    expect(ok.code).toBe(0);
    expect(ok.outputs.images).toBe('2');
    expect([...arts.files('accepted').keys()].filter((f) => f.endsWith('.png')).sort()).toEqual([
      'en-US/play.phone/01-home.png',
      'en-US/play.phone/02-stats.png',
    ]);
  });

  it('collect refuses a correctly signed dispatch for a render another repository submitted', async () => {
    const id = await finishedRender('someone-else/their-app');
    const inputs = {
      'github-token': 'ghs_write',
      mode: 'collect',
      'api-url': server.url,
      'api-key': KEY,
      'webhook-secret': SECRET,
      'artifact-name': 'foreign',
    };
    const r = await runAction({
      workspace: mkdtempSync(path.join(tmpdir(), 'storeshots-collect-')),
      inputs,
      event: dispatchEvent({
        render_id: id,
        status: 'succeeded',
        api_url: server.url,
        signature: signDispatch(SECRET, id, 'succeeded'),
      }),
      github: gh,
      artifacts: arts,
      runId: 4203,
    });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([
      expect.stringContaining(`render ${id} belongs to someone-else/their-app, not ${gh.full}`),
    ]);
    expect(gh.writes()).toEqual([]);
    expect(() => arts.files('foreign')).toThrow(/no finalized artifact/);
  });

  it('needs api-url and api-key', async () => {
    const r = await runAction({
      workspace: workspace(),
      inputs: { 'github-token': 'ghs_write', manifest: 'screenshots.yml', mode: 'remote' },
      event: { name: 'push', payload: {} },
      github: gh,
      artifacts: arts,
      runId: 4301,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/mode: remote needs api-url and api-key/);
  });
});
