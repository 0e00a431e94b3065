// End to end with the real clients: the built action (dist/action.js in a child process) saves
// and restores its render cache with @actions/cache against the loopback cache service (v2
// protocol, a real tar+zstd archive), and a sharded matrix (two shard jobs and a mode: merge job
// of one workflow run) moves its sets through the real @actions/artifact client. Every GitHub
// request passes the OpenAPI check; the artifact and cache fakes see no malformed request.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from './fakes/github.js';
import { FakeArtifacts } from './fakes/artifacts.js';
import { FakeCache } from './fakes/cache.js';
import {
  pullRequestEvent,
  runAction as run,
  shippedAction,
  type RunOptions,
  exampleWorkspace,
} from './fakes/run-action.js';
import type { Report } from '../src/report/types.js';
import { cachePrefix } from '../src/action/cache.js';

let gh: FakeGitHub;
let arts: FakeArtifacts;
let cache: FakeCache;
let actionDir: string;

beforeAll(async () => {
  actionDir = shippedAction({ linkModules: true });
  arts = await new FakeArtifacts().start();
  cache = new FakeCache().attach(arts);
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
  expect(cache.problems).toEqual([]);
  await gh.stop();
});

/** Where every job runs: hosted runners differ as machines but not in paths, which the cache's version hashes. */
const MACHINE = mkdtempSync(path.join(tmpdir(), 'storeshots-machine-'));

/**
 * The repository: the example project cut to 2 locales x 2 presets (16 images). `job` runs
 * the action as one job of a workflow on a fresh runner: …/work/<repo>/<repo> a new checkout,
 * …/work/_temp empty, nothing left from a previous job, the same paths as every other job.
 */
function repository() {
  const src = exampleWorkspace(['en-US', 'de-DE'], ['appstore.iphone_6_9', 'play.phone'], 'storeshots-repo-');
  const file = path.join(src, 'screenshots.yml');
  return {
    edit: (from: string, to: string) => {
      const before = readFileSync(file, 'utf8');
      if (!before.includes(from)) throw new Error(`the example manifest has no "${from}"`);
      writeFileSync(file, before.replace(from, to));
    },
    /** Back to the example's three device slides: its Play set of 3 is then short of promotion eligibility (4), a set-level finding. */
    dropFeatureList: () => {
      const yml = readFileSync(file, 'utf8');
      writeFileSync(file, yml.slice(0, yml.indexOf('  - id: features')) + yml.slice(yml.indexOf('fallback-locale:')));
    },
    job: async (o: Omit<RunOptions, 'actionDir' | 'workspace' | 'github' | 'artifacts'>) => {
      const work = path.join(MACHINE, 'work');
      const ws = path.join(work, 'habitual', 'habitual');
      const temp = path.join(work, '_temp');
      rmSync(work, { recursive: true, force: true });
      cpSync(src, ws, { recursive: true });
      mkdirSync(temp, { recursive: true });
      const r = await run({
        ...o,
        actionDir,
        workspace: ws,
        github: gh,
        artifacts: arts,
        env: { ACTIONS_CACHE_SERVICE_V2: 'true', RUNNER_TEMP: temp, ...o.env },
      });
      const reportFile = path.join(ws, 'storeshots-out', 'report.json');
      return {
        ...r,
        report: (existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : undefined) as Report,
      };
    },
  };
}

const base = { 'github-token': 'ghs_write', 'fail-on': 'never' };
const push = {
  name: 'push',
  payload: {
    ref: 'refs/heads/main',
    repository: { full_name: 'acme/habitual', default_branch: 'main', private: false },
  },
};
const entriesIn = (listing: string[]) => listing.filter((f) => f.endsWith('.img'));
/** This platform's cache key prefix for the whole set (storeshots-render-v1-<platform>-<arch>-all-). */
const ALL = cachePrefix({});
const calls = (...patterns: string[]) =>
  patterns.map((p) => expect.stringMatching(new RegExp(`^${p.replaceAll('ALL', ALL)}$`)));

describe('the render cache across workflow runs (@actions/cache, cache service v2)', { timeout: 240_000 }, () => {
  it('saves after the first run, restores on the next runner (all cached), redraws only an edited locale, and makes a reverted set the newest cache again', async () => {
    const m = repository();
    const first = await m.job({ inputs: base, event: push, runId: 4001 });
    expect(first.code).toBe(0);
    const r1 = first.report;
    expect(r1.summary).toMatchObject({ images: 16, rendered: 16, cached: 0 });
    expect(cache.calls).toEqual(
      calls(
        'GetCacheEntryDownloadURL ALLrun-4001 -> miss',
        // Is this set cached already (under its key, maybe not as the newest)? No.
        'GetCacheEntryDownloadURL ALL[0-9a-f]{32} -> miss',
        'CreateCacheEntry ALL[0-9a-f]{32}',
        'FinalizeCacheEntryUpload ALL[0-9a-f]{32}',
      ),
    );
    const key1 = cache.entries[0]!.key;
    expect(cache.calls[1]).toBe(`GetCacheEntryDownloadURL ${key1} -> miss`);
    expect(first.stdout).toContain(`Render cache saved as ${key1} (16 images)`);
    // The archive is the client's tar of RUNNER_TEMP/storeshots-cache, one entry per image.
    expect(entriesIn(cache.listing(key1))).toHaveLength(16);
    expect(cache.listing(key1).every((f) => f.startsWith('../../_temp/storeshots-cache'))).toBe(true);

    const second = await m.job({ inputs: base, event: push, runId: 4002 });
    expect(second.code).toBe(0);
    const r2 = second.report;
    expect(second.stdout).toContain(`Render cache restored from ${key1}`);
    expect(r2.summary).toMatchObject({ images: 16, rendered: 0, cached: 16 });
    expect(r2.images.every((i) => i.cached)).toBe(true);
    expect(r2.images.map((i) => [i.path, i.sha256])).toEqual(r1.images.map((i) => [i.path, i.sha256]));
    expect(second.stdout).toContain('Render cache: 16 of 16 images unchanged (copied from the cache), 0 rendered.');
    expect(second.summary).toContain('16 of 16 images were unchanged and copied from the render cache; 0 rendered.');
    // Nothing rendered: nothing saved.
    expect(cache.downloads).toBe(1);
    expect(cache.entries).toHaveLength(1);
    expect(cache.calls.slice(4)).toEqual([`GetCacheEntryDownloadURL ${ALL}run-4002 -> ${key1}`]);

    // One locale's headline changes: only de-DE images are drawn; en-US comes from the cache.
    m.edit('de-DE: Sieh deinen Fortschritt', 'de-DE: Sieh deinen ganzen Fortschritt');
    const third = await m.job({ inputs: base, event: push, runId: 4003 });
    expect(third.code).toBe(0);
    const r3 = third.report;
    expect(third.stdout).toContain(`Render cache restored from ${key1}`);
    // The edited slide in its two presets; the rest of de-DE and all of en-US are copied.
    expect(r3.images.filter((i) => !i.cached).map((i) => i.path)).toEqual([
      'de-DE/appstore.iphone_6_9/02-stats.png',
      'de-DE/play.phone/02-stats.png',
    ]);
    expect(r3.summary).toMatchObject({ images: 16, rendered: 2, cached: 14 });
    // The new cache holds this set's 16 images, not the replaced de-DE ones too.
    const key3 = cache.entries.at(-1)!.key;
    expect(key3).not.toBe(key1);
    expect(third.stdout).toContain(`Render cache saved as ${key3} (16 images)`);
    expect(entriesIn(cache.listing(key3))).toHaveLength(16);

    // The edit is reverted: the newest cache (key3) lacks the old de-DE slide, so it is drawn
    // again; the set is key1's, which is taken (keys are immutable), yet this cache must become
    // the newest, or every later run would restore key3 and draw those images again.
    m.edit('de-DE: Sieh deinen ganzen Fortschritt', 'de-DE: Sieh deinen Fortschritt');
    const fourth = await m.job({ inputs: base, event: push, runId: 4004 });
    expect(fourth.stdout).toContain(`Render cache restored from ${key3}`);
    expect(fourth.report.summary).toMatchObject({ rendered: 2, cached: 14 });
    expect(fourth.stdout).toContain(`Render cache saved as ${key1}-4004 (16 images)`);
    const fifth = await m.job({ inputs: base, event: push, runId: 4005 });
    expect(fifth.stdout).toContain(`Render cache restored from ${key1}-4004`);
    expect(fifth.report.summary).toMatchObject({ rendered: 0, cached: 16 });
  });
});

describe('a sharded matrix: shard 1/2 and 2/2, then mode: merge, in one workflow run', { timeout: 240_000 }, () => {
  it('merges the shard artifacts into the single-runner set, lints it once, uploads once and posts one comment', async () => {
    // The README's workflow: shard jobs (comment: false, fail-on: never), then the merge job; one run id, three jobs.
    // The matrix has its own artifact-name (as the README advises when a workflow has two).
    const name = { 'artifact-name': 'screenshots' };
    const repo = repository();
    repo.dropFeatureList();
    const ev = pullRequestEvent(gh, { number: 9, headSha: '9'.repeat(40) });
    const shards = [];
    for (const i of [1, 2]) {
      const r = await repo.job({
        inputs: { ...base, ...name, shard: `${i}/2`, comment: 'false' },
        event: ev,
        runId: 5001,
        jobId: `shard-${i}`,
      });
      expect(r.code).toBe(0);
      expect(r.outputs.images).toBe('6');
      shards.push(r);
    }
    const uploaded = arts.artifacts.filter((a) => a.runId === 5001 && a.finalized);
    expect(uploaded.map((a) => [a.name, a.jobBackendId])).toEqual([
      ['screenshots-1-of-2', 'shard-1'],
      ['screenshots-2-of-2', 'shard-2'],
    ]);
    expect(gh.comments).toHaveLength(0);
    // Each shard keeps its own render cache.
    expect(cache.entries.filter((e) => /-shard-1-of-2-[0-9a-f]{32}$/.test(e.key))).toHaveLength(1);
    expect(cache.entries.filter((e) => /-shard-2-of-2-[0-9a-f]{32}$/.test(e.key))).toHaveLength(1);

    // The reference: one runner renders everything (another workflow, after the shards). Its
    // cache restore must not take a shard's cache, the newest one with this platform's prefix.
    const one = await repo.job({
      inputs: { ...base, comment: 'false', 'upload-artifact': 'false' },
      event: push,
      runId: 5000,
    });
    expect(one.code).toBe(0);
    expect(one.stdout).not.toMatch(/Render cache restored from \S*shard/);
    const reference = one.report;
    expect(reference.summary.images).toBe(12);

    const merge = await repo.job({
      inputs: { ...base, ...name, 'fail-on': 'error', mode: 'merge' },
      event: ev,
      runId: 5001,
      jobId: 'merge',
    });
    expect(merge.stderr.split('\n').filter((l) => l && !/DEP0005|trace-deprecation/.test(l))).toEqual([]);
    expect(merge.code).toBe(0);
    expect(merge.stdout).toContain('Downloaded 2 shard artifacts: screenshots-1-of-2, screenshots-2-of-2');
    const merged = merge.report;
    // A shard holds no complete set, so it cannot judge the sets; the merge job does, over the whole.
    for (const r of shards) expect(r.report.findings.filter((f) => f.rule === 'play.promo-eligibility')).toEqual([]);
    expect(merged.images.map((i) => [i.path, i.sha256])).toEqual(reference.images.map((i) => [i.path, i.sha256]));
    // The set-level lint ran once over the whole set: the same findings as one runner, each annotated once.
    expect(merged.findings).toEqual(reference.findings);
    expect(merged.findings.filter((f) => f.rule === 'play.promo-eligibility').map((f) => f.locale)).toEqual([
      'de-DE',
      'en-US',
    ]);
    // A run-level finding every shard reported is in the merged report once.
    expect(shards.every((r) => r.report.findings.some((f) => f.rule === 'appstore.required-slot'))).toBe(true);
    expect(merged.findings.filter((f) => f.rule === 'appstore.required-slot')).toHaveLength(1);
    for (const f of merged.findings.filter((x) => x.rule === 'play.promo-eligibility')) {
      expect(
        merge.stdout
          .split('\n')
          .filter((l) => l.startsWith(`::warning title=storeshots play.promo-eligibility (${f.locale} / ${f.preset})`)),
      ).toHaveLength(1);
    }
    // One artifact (the whole set), one summary, one comment.
    const run = arts.artifacts.filter((a) => a.runId === 5001 && a.finalized);
    expect(run.map((a) => a.name)).toEqual(['screenshots-1-of-2', 'screenshots-2-of-2', 'screenshots']);
    expect(run[2]!.jobBackendId).toBe('merge');
    const files = arts.files('screenshots');
    expect([...files.keys()].filter((f) => f.endsWith('.png')).sort()).toEqual(
      reference.images.map((i) => i.path).sort(),
    );
    expect((JSON.parse(files.get('report.json')!.toString('utf8')) as Report).images).toEqual(merged.images);
    expect(merge.outputs.images).toBe('12');
    expect(merge.summary.match(/^## storeshots: /gm)).toHaveLength(1);
    expect(merge.summary).toContain('## storeshots: 12 images');
    expect(merge.summary).toContain(merge.outputs['artifact-url']);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toContain('12 images');
    expect(gh.comments[0]!.body).toContain('9999999');
    expect(merge.outputs['comment-id']).toBe(String(gh.comments[0]!.id));
  });
});

describe('the loopback cache service', () => {
  it('records requests the real service would refuse, and matches keys as GitHub does', async () => {
    const server = await new FakeArtifacts().start();
    const fake = new FakeCache().attach(server);
    const post = (method: string, body: object, auth = `Bearer ${FakeArtifacts.token('run-1', 'job-1')}`) =>
      fetch(`${server.url}/twirp/github.actions.results.api.v1.CacheService/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, string> }));
    const v = 'a'.repeat(64);
    try {
      expect((await post('GetCacheEntryDownloadURL', { key: 'k', restoreKeys: ['k'], version: 'v1' })).status).toBe(
        400,
      );
      expect(fake.problems).toEqual([
        'GetCacheEntryDownloadURL: unknown field restoreKeys',
        'GetCacheEntryDownloadURL: version is not a sha256: v1',
      ]);
      fake.problems.length = 0;
      // Saved in this order: a-1, a-2 (newest), b; each a Put Blob then finalize.
      for (const key of ['a-1', 'a-2', 'b']) {
        const created = await post('CreateCacheEntry', { key, version: v });
        await fetch(created.body.signed_upload_url!, {
          method: 'PUT',
          headers: { 'x-ms-blob-type': 'BlockBlob' },
          body: key,
        });
        expect(
          (await post('FinalizeCacheEntryUpload', { key, version: v, size_bytes: String(key.length) })).body.ok,
        ).toBe(true);
      }
      expect((await post('CreateCacheEntry', { key: 'b', version: v })).status).toBe(409);
      const find = async (key: string, restore_keys: string[] = [], version = v) =>
        (await post('GetCacheEntryDownloadURL', { key, restore_keys, version })).body.matched_key;
      expect(await find('a-1')).toBe('a-1');
      expect(await find('a-')).toBe('a-2');
      expect(await find('x', ['y', 'a'])).toBe('a-2');
      expect(await find('x', ['b', 'a'])).toBe('b');
      expect(await find('a-1', [], 'b'.repeat(64))).toBeUndefined();
      const url = (await post('GetCacheEntryDownloadURL', { key: 'a-1', version: v })).body.signed_download_url!;
      expect(await (await fetch(url, { headers: { range: 'bytes=1-' } })).text()).toBe('-1');
      expect(fake.problems).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
