// storeshots upload --store play against a loopback Google Play Developer API that checks every
// request and response against Google's androidpublisher v3 discovery document, with the OAuth2
// token requested from the service account's own token_uri.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FakePlay } from './fakes/play.js';
import { runCli } from './helpers/cli.js';
import { fakeClock, png, sha256, writeRenderedSet, type SetSpec } from './helpers/upload-set.js';
import { runUpload, type UploadOptions } from '../src/upload/index.js';
import type { PlanJson } from '../src/upload/plan.js';

const P = 'play.phone';
const T = 'phoneScreenshots';
const LOCALES = ['en-US', 'de-DE', 'ja'];
const PLAY_CODE: Record<string, string> = { 'en-US': 'en-US', 'de-DE': 'de-DE', ja: 'ja-JP' };
const COLORS: Record<string, string[]> = {
  'en-US': ['#112233', '#223344', '#334455'],
  'de-DE': ['#445566', '#556677', '#667788'],
  ja: ['#778899', '#8899aa', '#99aabb'],
};
const SLIDES = ['home', 'stats', 'share'];

const spec = (over: Partial<Record<string, Array<[string, string]>>> = {}): SetSpec[] =>
  LOCALES.map((locale) => ({
    locale,
    preset: P,
    slides: (over[locale] ?? SLIDES.map((s, i) => [s, COLORS[locale]![i]!] as [string, string])).map(
      ([slide, color]) => ({ slide, color }),
    ),
  }));

let play: FakePlay;
let clock: ReturnType<typeof fakeClock>;
beforeEach(async () => {
  clock = fakeClock(Date.now());
  play = await new FakePlay(clock.now).start();
});
afterEach(async () => {
  await play.stop();
  expect(play.violations).toEqual([]);
});

const env = () => ({
  STORESHOTS_PLAY_API_URL: play.url,
  PLAY_SERVICE_ACCOUNT_JSON: play.serviceAccountJson(),
  GITHUB_STEP_SUMMARY: '',
});
const bytes = (_locale: string, colors: string[]) => Promise.all(colors.map((c) => png(1080, 1920, c)));
const allLive = async () => {
  for (const l of LOCALES) play.seed(PLAY_CODE[l]!, T, await bytes(l, COLORS[l]!));
};

async function dryRun(dir: string, extraEnv: Record<string, string> = {}) {
  const r = await runCli(
    ['upload', dir, '--store', 'play', '--package', play.packageName, '--dry-run', '--json'],
    dir,
    { ...env(), ...extraEnv },
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  // A dry run validates and deletes its edit: nothing is committed.
  expect(play.commits).toEqual([]);
  expect([...play.edits.values()].every((e) => !e.open)).toBe(true);
  return JSON.parse(r.stdout) as PlanJson;
}

describe('upload --store play --dry-run --json (the plan)', () => {
  it('nothing live yet: every image is uploaded', async () => {
    const out = await dryRun(await writeRenderedSet(spec()));
    expect(out.store).toBe('play');
    expect(out.plan).toEqual(
      ['de-DE', 'en-US', 'ja'].map((l) => ({
        locale: PLAY_CODE[l],
        displayType: T,
        unchanged: 0,
        upload: SLIDES.map((s, i) => `${l}/${P}/0${i + 1}-${s}.png`),
        delete: [],
        reorder: false,
      })),
    );
    expect(play.requests.filter((r) => r.op === 'edits.validate' || r.op === 'edits.delete').map((r) => r.op)).toEqual([
      'edits.validate',
      'edits.delete',
    ]);
  });

  it('everything identical: 0 uploads', async () => {
    await allLive();
    const out = await dryRun(await writeRenderedSet(spec()));
    expect(out.plan.map((p) => [p.locale, p.unchanged, p.upload.length, p.delete.length, p.reorder])).toEqual([
      ['de-DE', 3, 0, 0, false],
      ['en-US', 3, 0, 0, false],
      ['ja-JP', 3, 0, 0, false],
    ]);
  });

  it('one locale changed: exactly its images', async () => {
    await allLive();
    const out = await dryRun(
      await writeRenderedSet(
        spec({
          'de-DE': [
            ['home', '#ab0000'],
            ['stats', '#ab0001'],
            ['share', '#ab0002'],
          ],
        }),
      ),
    );
    const de = out.plan.find((p) => p.locale === 'de-DE')!;
    const liveIds = play.live.get(`de-DE/${T}`)!.map((i) => i.id);
    expect(de).toEqual({
      locale: 'de-DE',
      displayType: T,
      unchanged: 0,
      upload: SLIDES.map((s, i) => `de-DE/${P}/0${i + 1}-${s}.png`),
      delete: liveIds,
      reorder: false,
    });
    expect(
      out.plan
        .filter((p) => p.locale !== 'de-DE')
        .every((p) => p.unchanged === 3 && !p.upload.length && !p.delete.length),
    ).toBe(true);
  });

  it('a slide removed: its image is deleted, the rest stay', async () => {
    await allLive();
    const out = await dryRun(
      await writeRenderedSet(
        spec({
          ja: [
            ['home', COLORS.ja![0]!],
            ['stats', COLORS.ja![1]!],
          ],
        }),
      ),
    );
    expect(out.plan.find((p) => p.locale === 'ja-JP')).toEqual({
      locale: 'ja-JP',
      displayType: T,
      unchanged: 2,
      upload: [],
      delete: [play.live.get(`ja-JP/${T}`)![2]!.id],
      reorder: false,
    });
  });

  it('a reorder: Play cannot move images, so the ones after the first moved one are uploaded again', async () => {
    await allLive();
    const c = COLORS['en-US']!;
    const out = await dryRun(
      await writeRenderedSet(
        spec({
          'en-US': [
            ['home', c[0]!],
            ['share', c[2]!],
            ['stats', c[1]!],
          ],
        }),
      ),
    );
    const ids = play.live.get(`en-US/${T}`)!.map((i) => i.id);
    // Live home, stats, share; wanted home, share, stats: home and share keep their places, stats goes to the end again.
    expect(out.plan.find((p) => p.locale === 'en-US')).toEqual({
      locale: 'en-US',
      displayType: T,
      unchanged: 2,
      upload: [`en-US/${P}/03-stats.png`],
      delete: [ids[1]],
      reorder: true,
    });
    const moved = await dryRun(
      await writeRenderedSet(
        spec({
          'en-US': [
            ['share', c[2]!],
            ['home', c[0]!],
            ['stats', c[1]!],
          ],
        }),
      ),
    );
    expect(moved.plan.find((p) => p.locale === 'en-US')).toEqual({
      locale: 'en-US',
      displayType: T,
      unchanged: 1,
      upload: [`en-US/${P}/02-home.png`, `en-US/${P}/03-stats.png`],
      delete: [ids[0], ids[1]],
      reorder: true,
    });
  });

  it('reads the service account from --play-service-account FILE as well', async () => {
    const dir = await writeRenderedSet(spec());
    const key = path.join(dir, 'sa.json');
    writeFileSync(key, play.serviceAccountJson());
    const r = await runCli(
      ['upload', dir, '--store', 'play', '--package', play.packageName, '--play-service-account', key, '--dry-run'],
      dir,
      { STORESHOTS_PLAY_API_URL: play.url, PLAY_SERVICE_ACCOUNT_JSON: '' },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ja-JP\s+phoneScreenshots\s+0\s+3\s+0\s+no/);
    expect(r.stdout + r.stderr).not.toContain(play.privateKeyPem.split('\n')[1]!);
  });
});

const opts = (dir: string, over: Partial<UploadOptions> = {}): UploadOptions => ({
  cwd: dir,
  env: env(),
  dir,
  store: 'play',
  packageName: play.packageName,
  transport: clock.transport(),
  ...over,
});

function expectConverged(dir: string, specs: SetSpec[]): void {
  for (const s of specs) {
    const want = s.slides.map((sl, i) =>
      sha256(readFileSync(path.join(dir, s.locale, P, `${String(i + 1).padStart(2, '0')}-${sl.slide}.png`))),
    );
    expect({ l: s.locale, sums: (play.live.get(`${PLAY_CODE[s.locale]}/${T}`) ?? []).map((i) => i.sha256) }).toEqual({
      l: s.locale,
      sums: want,
    });
  }
}

async function expectNoChangesLeft(dir: string): Promise<void> {
  const r = await runUpload(opts(dir, { dryRun: true }));
  expect(r.json.plan.every((p) => !p.upload.length && !p.delete.length && !p.reorder)).toBe(true);
}

describe('upload --store play (applied)', () => {
  it('uploads, validates and commits one edit; a rerun changes nothing', async () => {
    await allLive();
    const c = COLORS['en-US']!;
    const specs = spec({
      'en-US': [
        ['home', c[0]!],
        ['share', c[2]!],
        ['stats', c[1]!],
      ],
      'de-DE': [
        ['home', '#ab0000'],
        ['stats', '#556677'],
        ['share', '#667788'],
      ],
      ja: [['home', COLORS.ja![0]!]],
    });
    const dir = await writeRenderedSet(specs);
    await runUpload(opts(dir, { changesNotSentForReview: true }));
    expectConverged(dir, specs);
    expect(play.commits).toEqual([{ editId: expect.any(String), changesNotSentForReview: true }]);
    expect(play.requests.filter((r) => r.op === 'token').length).toBe(1);
    await expectNoChangesLeft(dir);
    expect(play.commits.length).toBe(1);
  });

  const cases: Array<{ name: string; faults: FakePlay['faults']; firstRun: 'converges' | RegExp }> = [
    {
      name: '401 on the token endpoint (a revoked key)',
      faults: [{ op: 'token', status: 401 }],
      firstRun: /Google refused the service account .* \(401 invalid_grant/,
    },
    {
      name: '401 once from the API (token renewed, retried)',
      faults: [{ op: 'edits.images.list', status: 401 }],
      firstRun: 'converges',
    },
    {
      name: '403 (not invited in Play Console)',
      faults: [{ op: 'edits.insert', status: 403, times: 2 }],
      firstRun: /edits.insert failed \(403\).*invite the service account/,
    },
    { name: '409 on commit', faults: [{ op: 'edits.commit', status: 409 }], firstRun: /edits.commit failed \(409\)/ },
    {
      name: '429 with Retry-After',
      faults: [
        { op: 'edits.images.list', status: 429, retryAfter: '11' },
        { op: 'token', status: 429, retryAfter: '2' },
      ],
      firstRun: 'converges',
    },
    {
      name: 'a failed upload',
      faults: [{ op: 'edits.images.upload', status: 500 }],
      firstRun: /images.upload .* failed \(500\)/,
    },
    {
      name: 'a rejected edit (validate 400)',
      faults: [{ op: 'edits.validate', status: 400 }],
      firstRun: /edits.validate failed \(400\)/,
    },
    {
      name: 'a network cut during an upload',
      faults: [{ op: 'edits.images.upload', cut: true }],
      firstRun: /images.upload/,
    },
  ];
  for (const c of cases) {
    it(`${c.name}, then a rerun converges`, async () => {
      await allLive();
      const specs = spec({
        'de-DE': [
          ['home', '#ab0000'],
          ['stats', '#556677'],
        ],
      });
      const dir = await writeRenderedSet(specs);
      const before = new Map(play.live);
      play.faults = c.faults.map((f) => ({ ...f }));
      let first: Error | undefined;
      try {
        await runUpload(opts(dir));
      } catch (e) {
        first = e as Error;
      }
      if (c.firstRun === 'converges') expect(first?.message).toBeUndefined();
      else {
        expect(first?.message).toMatch(c.firstRun);
        // A failed run leaves the store as it was: its edit is never committed (and is deleted).
        expect(play.live).toEqual(before);
        expect(play.commits).toEqual([]);
      }
      if (c.name.startsWith('429')) expect(clock.waits).toEqual(expect.arrayContaining([11000, 2000]));
      play.faults = [];
      await runUpload(opts(dir));
      expectConverged(dir, specs);
      await expectNoChangesLeft(dir);
    });
  }
});
