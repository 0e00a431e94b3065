// mode: collect from src/, in process (the Action's end-to-end tests run the built bundle, which a
// mutation tool cannot see): the real render service on loopback makes the renders, the loopback
// GitHub (OpenAPI-checked) answers for the pull request, and every refusal is tried against a
// render that exists, beside a control that is accepted.
import { DefaultArtifactClient } from '@actions/artifact';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectMode } from '../src/action/modes/collect.js';
import { readContext } from '../src/action/context.js';
import { parseInputs } from '../src/action/inputs.js';
import type { ActionEnv, Runner } from '../src/action/env.js';
import { createGitHub } from '../src/github/client.js';
import { signDispatch } from '../src/util/signature.js';
import { RenderError, UserError } from '../src/util/errors.js';
import { FakeGitHub } from './fakes/github.js';
import { KEY, SCREEN_PNG, api, b64, cleanup, startService, type ServerHandle } from './helpers/server.js';

const SECRET = 'whsec_collect_unit';
let server: ServerHandle;
let gh: FakeGitHub;

beforeAll(async () => {
  server = await startService();
});
afterAll(async () => {
  await server?.stop();
  if (server) cleanup(server.data);
});
beforeEach(async () => {
  gh = await new FakeGitHub().start();
  gh.pulls.push({
    number: 11,
    title: 'New onboarding',
    body: '',
    state: 'open',
    head: { ref: 'feature', sha: '1'.repeat(40), repo: gh.full },
    base: { ref: 'main' },
    labels: [],
  });
});
afterEach(async () => {
  expect(gh.violations).toEqual([]);
  expect(gh.writes()).toEqual([]);
  await gh.stop();
});

interface Calls {
  runner: Runner;
  log: string[];
}

function recorder(): Calls {
  const log: string[] = [];
  const at = (kind: string) => (m: string) => void log.push(`${kind}: ${m}`);
  return {
    log,
    runner: {
      info: at('info'),
      notice: at('notice'),
      warning: at('warning'),
      error: at('error'),
      setOutput: () => {},
      summary: async () => {},
      fail: at('fail'),
      group: (_name, fn) => fn(),
    },
  };
}

function env(
  clientPayload: object,
  o: { event?: string; inputs?: Record<string, string>; token?: string | null; repository?: string } = {},
): { a: ActionEnv; calls: Calls; workspace: string } {
  const workspace = mkdtempSync(path.join(tmpdir(), 'storeshots-collect-unit-'));
  writeFileSync(
    path.join(workspace, 'event.json'),
    JSON.stringify({ action: 'storeshots-render', client_payload: clientPayload }),
  );
  const ctx = readContext({
    GITHUB_EVENT_NAME: o.event ?? 'repository_dispatch',
    GITHUB_EVENT_PATH: path.join(workspace, 'event.json'),
    GITHUB_REPOSITORY: o.repository ?? gh.full,
    GITHUB_API_URL: gh.url,
    GITHUB_RUN_ID: '5001',
    GITHUB_SHA: 'c'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_WORKSPACE: workspace,
  });
  const inputs = { mode: 'collect', 'api-url': server.url, 'api-key': KEY, 'webhook-secret': SECRET, ...o.inputs };
  const calls = recorder();
  const token = o.token === null ? undefined : (o.token ?? 'ghs_write');
  const a: ActionEnv = {
    inputs: parseInputs((n) => (inputs as Record<string, string>)[n] ?? ''),
    ctx,
    gh: token ? createGitHub({ token, baseUrl: gh.url, sleep: async () => {} }) : undefined,
    token,
    runner: calls.runner,
    artifacts: new DefaultArtifactClient(),
  };
  return { a, calls, workspace };
}

const slide = (id: string, headline: string) => ({ id, headline, screenshot: { data: b64(SCREEN_PNG) } });

/** A finished render made the way remote mode makes them; `meta` replaces metadata fields. */
async function render(
  meta: Record<string, unknown> = {},
  slides = [slide('home', 'Track every habit'), slide('stats', 'See your streaks')],
  output?: { format: 'png' | 'jpeg' },
): Promise<string> {
  const metadata = {
    storeshots: 1,
    repository: gh.full,
    run_id: '5000',
    run_url: 'https://example.invalid/run',
    sha: 'c'.repeat(40),
    layout: 'flat',
    set: 'en-US/play.phone',
    ...meta,
  };
  for (const [k, v] of Object.entries(metadata)) if (v === undefined) delete (metadata as Record<string, unknown>)[k];
  const r = await api(server.url, 'POST', '/v1/renders', {
    canvas: { preset: 'play.phone' },
    locale: 'en-US',
    slides,
    metadata,
    ...(output ? { output } : {}),
  });
  expect(r.status).toBe(200);
  expect(r.body.status).toBe('succeeded');
  return r.body.id as string;
}

const signed = (id: string, status = 'succeeded', t?: number) => ({
  render_id: id,
  status,
  api_url: server.url,
  signature: signDispatch(SECRET, id, status, t),
});
const pngs = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.png')).sort();
const failure = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
/** What the user reads: a UserError's problems, else the message. */
const text = (e: Error | undefined) =>
  e instanceof UserError ? e.problems.map((x) => x.message).join('\n') : e?.message;

let shared: string;
beforeAll(async () => {
  gh = await new FakeGitHub().start();
  shared = await render();
  await gh.stop();
});

describe('collect: what it refuses before fetching anything', () => {
  it('runs only on repository_dispatch', async () => {
    const err = await failure(collectMode(env(signed(shared), { event: 'push' }).a));
    expect(err).toBeInstanceOf(UserError);
    expect(text(err)).toBe(
      'mode: collect runs in a repository_dispatch workflow (on: repository_dispatch: types: [storeshots-render]); this event is push',
    );
    const none = await failure(collectMode(env(signed(shared), { event: '' }).a));
    expect(text(none)).toBe(
      'mode: collect runs in a repository_dispatch workflow (on: repository_dispatch: types: [storeshots-render]); this event is unknown',
    );
  });

  it('needs the webhook secret', async () => {
    const err = await failure(collectMode(env(signed(shared), { inputs: { 'webhook-secret': '' } }).a));
    expect(err).toBeInstanceOf(UserError);
    expect(text(err)).toBe(
      'mode: collect needs webhook-secret to verify the dispatch (the secret the render service signs with)',
    );
  });

  it('refuses a payload without a well-formed render_id and status', async () => {
    const bad = [
      { status: 'succeeded' },
      { render_id: shared },
      { render_id: 7, status: 'succeeded' },
      { render_id: shared, status: 1 },
      { render_id: '../x', status: 'succeeded' },
      { render_id: '', status: 'succeeded' },
      { render_id: 'r'.repeat(101), status: 'succeeded' },
    ];
    for (const p of bad) {
      const err = await failure(collectMode(env({ ...p, signature: `t=1,v1=${'0'.repeat(64)}` }).a));
      expect(err, JSON.stringify(p)).toBeInstanceOf(UserError);
      expect(text(err)).toBe(
        'refusing the repository_dispatch: its client_payload has no render_id and status (was it sent by the render service?)',
      );
    }
    // The longest id the pattern takes gets as far as the signature check.
    const long = await failure(collectMode(env({ render_id: 'r'.repeat(100), status: 'succeeded' }).a));
    expect(text(long)).toBe(`refusing the repository_dispatch for ${'r'.repeat(100)}: it is not signed`);
  });

  it('refuses an unsigned dispatch, a bad signature, a stale one and a changed status, for a render that exists', async () => {
    // The injected clock, ten days from the real one: the check must use it.
    const now = Math.floor(Date.now() / 1000) + 10 * 86_400;
    const cases: Array<[object, string]> = [
      [{ render_id: shared, status: 'succeeded' }, 'it is not signed'],
      [{ render_id: shared, status: 'succeeded', signature: '' }, 'it is not signed'],
      [{ render_id: shared, status: 'succeeded', signature: 5 }, 'it is not signed'],
      [
        { ...signed(shared, 'succeeded', now), signature: signDispatch('another-secret', shared, 'succeeded', now) },
        'signature does not match',
      ],
      [{ ...signed(shared, 'succeeded', now), status: 'failed' }, 'signature does not match'],
      [{ ...signed(shared, 'succeeded', now), render_id: 'rnd_other' }, 'signature does not match'],
      [signed(shared, 'succeeded', now - 3600), `signature timestamp ${now - 3600} is more than 300s away from now`],
    ];
    for (const [payload, reason] of cases) {
      const { a, calls, workspace } = env(payload);
      const err = await failure(collectMode(a, { now: () => now * 1000 }));
      expect(err, reason).toBeInstanceOf(UserError);
      const id = (payload as { render_id: string }).render_id;
      expect(text(err)!.startsWith(`refusing the repository_dispatch for ${id}: ${reason}`), text(err)).toBe(true);
      expect(calls.log).toEqual([]);
      expect(readdirSync(workspace)).toEqual(['event.json']);
    }
    // The control: the same render, signed with the secret and within the tolerance, is collected.
    const { a, calls } = env(signed(shared, 'succeeded', now - 299));
    const ok = await collectMode(a, { now: () => now * 1000 });
    expect(ok.set.report.images).toHaveLength(2);
    expect(calls.log[0]).toBe(`info: Dispatch for render ${shared} (succeeded) verified.`);
  });
});

describe('collect: whose render it is', () => {
  it('refuses a render another repository submitted, or one that names no repository', async () => {
    for (const [repository, named] of [
      ['someone-else/their-app', 'someone-else/their-app'],
      [undefined, 'no repository'],
    ] as const) {
      const id = await render({ repository });
      const { a, workspace } = env(signed(id));
      const err = await failure(collectMode(a));
      expect(err).toBeInstanceOf(UserError);
      expect(text(err)).toBe(`render ${id} belongs to ${named}, not ${gh.full}`);
      expect(pngs(workspace)).toEqual([]);
    }
  });

  it('takes the repository name in any letter case (GitHub names are case-insensitive)', async () => {
    const id = await render({ repository: gh.full.toUpperCase() });
    const r = await collectMode(env(signed(id)).a);
    expect(r.set.report.images).toHaveLength(2);
  });

  it('refuses a render without the storeshots marker', async () => {
    for (const storeshots of [undefined, 2, '1']) {
      const id = await render({ storeshots });
      const err = await failure(collectMode(env(signed(id)).a));
      expect(err).toBeInstanceOf(RenderError);
      expect(text(err)).toBe(
        `render ${id} was not submitted by storeshots' remote mode (its metadata has no storeshots marker)`,
      );
    }
  });

  it('refuses a batch that lists a render of another repository', async () => {
    const foreign = await render({ repository: 'someone-else/their-app', set: 'de-DE/play.phone' });
    const id = await render({ batch: [{ set: 'de-DE/play.phone', id: foreign }] });
    const { a, workspace } = env(signed(id));
    const err = await failure(collectMode(a));
    expect(err).toBeInstanceOf(UserError);
    expect(text(err)).toBe(`render ${foreign} belongs to someone-else/their-app, not ${gh.full}`);
    expect(pngs(path.join(workspace))).toEqual([]);
  });
});

describe('collect: what it fetches and reports', () => {
  it('downloads every render of the batch into the layout the metadata names, lints it and reports the renders', async () => {
    const other = await render({ set: 'de-DE/play.phone' }, [
      slide('home', 'Jede Gewohnheit'),
      slide('stats', 'Serien'),
    ]);
    const id = await render({
      layout: 'fastlane',
      // The batch's label of a render is not trusted: its own metadata says which set it is (de-DE).
      // The entries after it are no render ids, or no set names: left out.
      batch: [
        { set: 'fr-FR/play.phone', id: other },
        { set: 'x/y', id: '../../etc' },
        { set: 5, id: 'rnd_x' },
        { set: 'x/y', id: 12345 },
        null,
      ],
    });
    const { a, calls, workspace } = env(
      { ...signed(id), api_url: `${server.url}//` },
      { inputs: { 'output-dir': 'nested/shots-out' } },
    );
    const t0 = performance.now();
    const r = await collectMode(a);
    const elapsed = performance.now() - t0;
    const out = path.join(workspace, 'nested/shots-out');
    expect(r.set.outDir).toBe(out);
    expect(pngs(out)).toEqual([
      'fastlane/metadata/android/de-DE/images/phoneScreenshots/01_home.png',
      'fastlane/metadata/android/de-DE/images/phoneScreenshots/02_stats.png',
      'fastlane/metadata/android/en-US/images/phoneScreenshots/01_home.png',
      'fastlane/metadata/android/en-US/images/phoneScreenshots/02_stats.png',
    ]);
    expect(
      r.set.report.images.map((i) => `${i.locale} ${i.preset} ${i.slide} ${i.index} ${i.width}x${i.height}`),
    ).toEqual([
      'de-DE play.phone home 1 1080x1920',
      'de-DE play.phone stats 2 1080x1920',
      'en-US play.phone home 1 1080x1920',
      'en-US play.phone stats 2 1080x1920',
    ]);
    // Our own lint of the downloaded bytes: two phone screenshots a locale are below Play's promotion threshold.
    expect(r.set.report.findings.map((f) => `${f.severity} ${f.rule} ${f.locale}`)).toEqual([
      'warning play.promo-eligibility de-DE',
      'warning play.promo-eligibility en-US',
    ]);
    expect(r.set.report.remote!.url).toBe(server.url);
    expect(r.set.report.remote!.renders).toEqual([
      { set: 'de-DE/play.phone', id: other, status: 'succeeded' },
      { set: 'en-US/play.phone', id, status: 'succeeded' },
    ]);
    // The service's own findings are kept beside ours, marked as the service's.
    expect(r.set.report.remote!.findings.map((f) => f.rule)).toEqual([
      'remote.play.promo-eligibility',
      'remote.play.promo-eligibility',
    ]);
    expect(r.set.reportFile).toBe(path.join(out, 'report.json'));
    expect(r.set.partial).toBe(false);
    expect(r.set.timings.map(([name]) => name)).toEqual(['wait and download', 'lint']);
    // Each phase took part of the call, and together no more than all of it.
    const [[, wait], [, lint]] = r.set.timings as [[string, number], [string, number]];
    expect(wait).toBeGreaterThan(0);
    expect(lint).toBeGreaterThan(0);
    expect(wait + lint).toBeLessThanOrEqual(elapsed);
    expect(r.release).toBe(false);
    expect(r.pullRequest).toBeUndefined();
    // Trailing slashes are the same API; no warning about them.
    expect(calls.log.filter((l) => l.startsWith('warning'))).toEqual([]);
    // Progress lines name each set, its state and its render.
    expect(calls.log).toContain(`info: remote en-US/play.phone: succeeded (${id})`);
    // (while waiting, before its metadata is read, a render goes by the batch's label)
    expect(calls.log).toContain(`info: remote fr-FR/play.phone: succeeded (${other})`);
  });

  it('needs no api_url in the dispatch, and takes an api-url input ending in a slash as the same API', async () => {
    const { render_id, status, signature } = signed(shared);
    const bare = env({ render_id, status, signature });
    expect((await collectMode(bare.a)).set.report.images).toHaveLength(2);
    expect(bare.calls.log.filter((l) => l.startsWith('warning'))).toEqual([]);
    for (const url of [`${server.url}/`, `${server.url}//`]) {
      const slash = env(signed(shared), { inputs: { 'api-url': url } });
      expect((await collectMode(slash.a)).set.report.images).toHaveLength(2);
      expect(
        slash.calls.log.filter((l) => l.startsWith('warning')),
        url,
      ).toEqual([]);
    }
  });

  it('uses api-url, with a warning, when the dispatch names another one; flat layout by default', async () => {
    const { a, calls, workspace } = env({ ...signed(shared), api_url: 'http://127.0.0.1:9/elsewhere' });
    const r = await collectMode(a);
    expect(calls.log.filter((l) => l.startsWith('warning'))).toEqual([
      `warning: The dispatch names http://127.0.0.1:9/elsewhere but api-url is ${server.url}: using api-url.`,
    ]);
    expect(pngs(path.join(workspace, 'storeshots-out'))).toEqual([
      'en-US/play.phone/01-home.png',
      'en-US/play.phone/02-stats.png',
    ]);
    expect(r.set.outDir).toBe(path.join(workspace, 'storeshots-out'));
  });

  it('refuses a set or a slide that has no place in the layout', async () => {
    const badSet = await render({ set: 'en-US/../../x' });
    expect(text(await failure(collectMode(env(signed(badSet)).a)))).toBe(
      `render ${badSet} names an unexpected set "en-US/../../x"`,
    );
    // A locale Play does not list has no fastlane folder.
    const noFolder = await render({ set: 'xx-YY/play.phone', layout: 'fastlane' });
    const err = await failure(collectMode(env(signed(noFolder)).a));
    expect(err).toBeInstanceOf(RenderError);
    expect(text(err)).toBe(`render ${noFolder} has an image for slide "home" that has no place in the fastlane layout`);
    // Slide ids the service takes but no layout path can hold: capitals, a dot.
    for (const id of ['Home', 'home.v2']) {
      const odd = await render({}, [slide(id, 'Track every habit')]);
      expect(text(await failure(collectMode(env(signed(odd)).a))), id).toBe(
        `render ${odd} has an image for slide ${JSON.stringify(id)} that has no place in the flat layout`,
      );
    }
  });

  it('comments on the pull request the metadata names when it still exists, and says why not otherwise', async () => {
    const moved = await render({ pr: { number: 11, head_sha: '2'.repeat(40) }, release: true });
    const a1 = env(signed(moved));
    const r1 = await collectMode(a1.a);
    // The base commit too: a render of the base (diff-base) checks it out.
    const baseSha = gh.refs.get('heads/main');
    expect(r1.pullRequest).toEqual({
      number: 11,
      headSha: '2'.repeat(40),
      headRepo: gh.full,
      baseRef: 'main',
      baseSha,
    });
    expect(r1.release).toBe(true);
    expect(a1.calls.log.filter((l) => l.startsWith('notice'))).toEqual([
      `notice: Pull request #11 has moved on to 1111111 since 2222222 was rendered: commenting anyway, marked with the rendered commit.`,
    ]);

    const same = await render({ pr: { number: 11, head_sha: '1'.repeat(40) } });
    const a2 = env(signed(same));
    expect((await collectMode(a2.a)).pullRequest).toEqual({
      number: 11,
      headSha: '1'.repeat(40),
      headRepo: gh.full,
      baseRef: 'main',
      baseSha,
    });
    expect(a2.calls.log.filter((l) => l.startsWith('notice'))).toEqual([]);

    const gone = await render({ pr: { number: 99, head_sha: '1'.repeat(40) } });
    const a3 = env(signed(gone));
    expect((await collectMode(a3.a)).pullRequest).toBeUndefined();
    expect(a3.calls.log.filter((l) => l.startsWith('notice'))).toEqual([
      `notice: Pull request #99 does not exist in ${gh.full}: no comment.`,
    ]);

    const a4 = env(signed(same), { token: null });
    expect((await collectMode(a4.a)).pullRequest).toBeUndefined();
    expect(a4.calls.log.filter((l) => l.startsWith('warning'))).toEqual([
      'warning: No github-token: no preview comment.',
    ]);

    for (const pr of [{ number: 0 }, { number: 1.5 }, { number: -3 }]) {
      const bad = await render({ pr });
      expect((await collectMode(env(signed(bad)).a)).pullRequest).toBeUndefined();
    }
  });
});

describe('collect: what the result says about the run that submitted', () => {
  it('names the submitting run for the comment stamp, and no run when the metadata has none usable', async () => {
    expect((await collectMode(env(signed(shared)).a)).renderedBy).toEqual({ run: 5000, attempt: 1 });
    for (const run_id of [undefined, '0', '-4', 'abc', '1.5', '9007199254740993']) {
      const id = await render({ run_id });
      expect((await collectMode(env(signed(id)).a)).renderedBy, String(run_id)).toBeUndefined();
    }
    const one = await render({ run_id: '1' });
    expect((await collectMode(env(signed(one)).a)).renderedBy).toEqual({ run: 1, attempt: 1 });
  });

  it('is a release only when the metadata says release: true', async () => {
    for (const [release, want] of [
      [true, true],
      ['true', false],
      [1, false],
      [undefined, false],
    ] as const) {
      const id = await render({ release });
      expect((await collectMode(env(signed(id)).a)).release, String(release)).toBe(want);
    }
  });

  it('writes JPEG renders as .jpg files', async () => {
    const id = await render({}, undefined, { format: 'jpeg' });
    const { a, workspace } = env(signed(id));
    const r = await collectMode(a);
    const out = path.join(workspace, 'storeshots-out');
    expect((readdirSync(out, { recursive: true }) as string[]).filter((f) => /\.(png|jpg)$/.test(f)).sort()).toEqual([
      'en-US/play.phone/01-home.jpg',
      'en-US/play.phone/02-stats.jpg',
    ]);
    expect(r.set.report.images.map((i) => `${i.path} ${i.format}`)).toEqual([
      'en-US/play.phone/01-home.jpg jpeg',
      'en-US/play.phone/02-stats.jpg jpeg',
    ]);
  });

  it("takes the pull request's head when the metadata names no rendered commit", async () => {
    const id = await render({ pr: { number: 11 } });
    const { a, calls } = env(signed(id));
    expect((await collectMode(a)).pullRequest).toEqual({
      number: 11,
      headSha: '1'.repeat(40),
      headRepo: gh.full,
      baseRef: 'main',
      baseSha: gh.refs.get('heads/main'),
    });
    expect(calls.log.filter((l) => l.startsWith('notice'))).toEqual([]);
  });

  it('stops on a GitHub error other than 404 while reading the pull request', async () => {
    const id = await render({ pr: { number: 11, head_sha: '1'.repeat(40) } });
    gh.faults.push({ method: 'GET', path: '/pulls/11', status: 500, message: 'Server Error' });
    const err = await failure(collectMode(env(signed(id)).a));
    expect(err).toMatchObject({ status: 500 });
  });
});
