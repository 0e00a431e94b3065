// storeshots upload --store appstore against a loopback App Store Connect that checks every request
// and response against Apple's OpenAPI description: the plan (dry run) for the cases of issue #22,
// real uploads, and every fault with a rerun that converges without duplicates.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FakeAsc } from './fakes/asc.js';
import { ROOT, runCli } from './helpers/cli.js';
import { execFile } from 'node:child_process';
import { fakeClock, md5, png, writeRenderedSet, type SetSpec } from './helpers/upload-set.js';
import { runUpload, type UploadOptions } from '../src/upload/index.js';
import type { PlanJson } from '../src/upload/plan.js';

const P = 'appstore.iphone_6_9';
const DT = 'APP_IPHONE_67';
const SIZE = [1320, 2868] as const;
const LOCALES = ['en-US', 'de-DE', 'ja'];
const COLORS: Record<string, string[]> = {
  'en-US': ['#102030', '#203040', '#304050'],
  'de-DE': ['#405060', '#506070', '#607080'],
  ja: ['#708090', '#8090a0', '#90a0b0'],
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

let asc: FakeAsc;
let clock: ReturnType<typeof fakeClock>;

beforeEach(async () => {
  clock = fakeClock();
  asc = await new FakeAsc({ now: clock.now, partSize: 2048 }).start();
});
afterEach(async () => {
  await asc.stop();
  expect(asc.violations).toEqual([]);
});

const env = () => ({
  STORESHOTS_ASC_API_URL: asc.url,
  ASC_KEY_ID: asc.keyId,
  ASC_ISSUER_ID: asc.issuerId,
  ASC_PRIVATE_KEY: asc.privateKeyPem,
  GITHUB_STEP_SUMMARY: '',
});

/** What the store would hold after the seeded "earlier upload" of these slides. */
async function seedLive(locale: string, slides: Array<[string, string]>): Promise<void> {
  asc.seed(
    locale,
    DT,
    await Promise.all(
      slides.map(async ([slide, color], i) => ({
        fileName: `${String(i + 1).padStart(2, '0')}-${slide}.png`,
        bytes: await png(SIZE[0], SIZE[1], color),
      })),
    ),
  );
}
const allLive = async () => {
  for (const l of LOCALES)
    await seedLive(
      l,
      SLIDES.map((s, i) => [s, COLORS[l]![i]!]),
    );
};

async function dryRun(dir: string) {
  const r = await runCli(
    ['upload', dir, '--store', 'appstore', '--bundle-id', 'com.example.habitual', '--dry-run', '--json'],
    dir,
    env(),
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as PlanJson;
}

describe('upload --dry-run --json (the plan)', () => {
  it('nothing live yet: every image is uploaded, the store is not touched', async () => {
    const dir = await writeRenderedSet(spec());
    const out = await dryRun(dir);
    expect(out.store).toBe('appstore');
    expect(out.plan).toEqual(
      LOCALES.slice()
        .sort()
        .map((locale) => ({
          locale,
          displayType: DT,
          unchanged: 0,
          upload: SLIDES.map((s, i) => `${locale}/${P}/0${i + 1}-${s}.png`),
          delete: [],
          reorder: false,
        })),
    );
    expect(asc.mutations()).toBe(0);
  });

  it('everything identical: 0 uploads, 0 deletes, nothing reordered', async () => {
    await allLive();
    const out = await dryRun(await writeRenderedSet(spec()));
    expect(out.plan.map((p) => [p.locale, p.unchanged, p.upload.length, p.delete.length, p.reorder])).toEqual([
      ['de-DE', 3, 0, 0, false],
      ['en-US', 3, 0, 0, false],
      ['ja', 3, 0, 0, false],
    ]);
  });

  it('one locale changed: exactly its images are uploaded and its old ones deleted', async () => {
    await allLive();
    const out = await dryRun(
      await writeRenderedSet(
        spec({
          'de-DE': [
            ['home', '#aa0000'],
            ['stats', '#aa0001'],
            ['share', '#aa0002'],
          ],
        }),
      ),
    );
    const de = out.plan.find((p) => p.locale === 'de-DE')!;
    expect(de).toEqual({
      locale: 'de-DE',
      displayType: DT,
      unchanged: 0,
      upload: SLIDES.map((s, i) => `de-DE/${P}/0${i + 1}-${s}.png`),
      delete: ['01-home.png', '02-stats.png', '03-share.png'],
      reorder: false,
    });
    for (const p of out.plan.filter((x) => x.locale !== 'de-DE'))
      expect([p.unchanged, p.upload, p.delete, p.reorder]).toEqual([3, [], [], false]);
  });

  it('part of a locale changed: only the changed slides are uploaded; a new first slide needs a reorder (uploads land at the end)', async () => {
    await allLive();
    const out = await dryRun(
      await writeRenderedSet(
        spec({
          'de-DE': [
            ['home', '#aa0000'],
            ['stats', '#506070'],
            ['share', '#aa0002'],
          ],
        }),
      ),
    );
    const de = out.plan.find((p) => p.locale === 'de-DE')!;
    expect(de).toEqual({
      locale: 'de-DE',
      displayType: DT,
      unchanged: 1,
      upload: [`de-DE/${P}/01-home.png`, `de-DE/${P}/03-share.png`],
      delete: ['01-home.png', '03-share.png'],
      reorder: true,
    });
    const last = await dryRun(
      await writeRenderedSet(
        spec({
          'de-DE': [
            ['home', '#405060'],
            ['stats', '#506070'],
            ['share', '#aa0002'],
          ],
        }),
      ),
    );
    expect(last.plan.find((p) => p.locale === 'de-DE')).toMatchObject({
      unchanged: 2,
      upload: [`de-DE/${P}/03-share.png`],
      delete: ['03-share.png'],
      reorder: false,
    });
  });

  it('a slide removed: its live screenshot is deleted, the rest stay', async () => {
    await allLive();
    const out = await dryRun(
      await writeRenderedSet(
        spec({
          ja: [
            ['home', COLORS.ja![0]!],
            ['share', COLORS.ja![2]!],
          ],
        }),
      ),
    );
    const ja = out.plan.find((p) => p.locale === 'ja')!;
    expect(ja).toEqual({
      locale: 'ja',
      displayType: DT,
      unchanged: 2,
      upload: [],
      delete: ['02-stats.png'],
      reorder: false,
    });
  });

  it('a reorder: no upload, the set is reordered', async () => {
    await allLive();
    const c = COLORS['en-US']!;
    const out = await dryRun(
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
    const en = out.plan.find((p) => p.locale === 'en-US')!;
    expect(en).toEqual({ locale: 'en-US', displayType: DT, unchanged: 3, upload: [], delete: [], reorder: true });
    expect(out.plan.filter((p) => p.reorder).map((p) => p.locale)).toEqual(['en-US']);
  });

  it('prints a table per locale and display type without --json, and never the key', async () => {
    await seedLive('en-US', [['home', '#000001']]);
    const dir = await writeRenderedSet(spec());
    const r = await runCli(
      ['upload', dir, '--store', 'appstore', '--bundle-id', 'com.example.habitual', '--dry-run'],
      dir,
      env(),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/locale\s+display type\s+unchanged\s+upload\s+delete\s+reorder/);
    expect(r.stdout).toMatch(/en-US\s+APP_IPHONE_67\s+0\s+3\s+1\s+no/);
    expect(r.stdout).toContain(`- en-US APP_IPHONE_67 01-home.png`);
    const keyLine = asc.privateKeyPem.split('\n')[1]!;
    expect(r.stdout + r.stderr).not.toContain(keyLine);
  });

  it('a locked version is reported before anything changes, dry run or not', async () => {
    await asc.stop();
    asc = await new FakeAsc({
      now: clock.now,
      versions: [
        { versionString: '2.0', state: 'READY_FOR_SALE' },
        { versionString: '2.1', state: 'IN_REVIEW' },
      ],
    }).start();
    const dir = await writeRenderedSet(spec());
    for (const extra of [['--dry-run'], []]) {
      const r = await runCli(
        ['upload', dir, '--store', 'appstore', '--bundle-id', 'com.example.habitual', ...extra],
        dir,
        env(),
      );
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(
        /no IOS version whose screenshots can be changed \(2\.0 READY_FOR_DISTRIBUTION, 2\.1 IN_REVIEW\).*Nothing was changed/,
      );
    }
    const named = await runCli(
      ['upload', dir, '--store', 'appstore', '--bundle-id', 'com.example.habitual', '--app-version', '2.1'],
      dir,
      env(),
    );
    expect(named.code).toBe(3);
    expect(named.stderr).toContain(
      'version 2.1 of com.example.habitual is IN_REVIEW: its screenshots cannot be changed',
    );
    expect(asc.mutations()).toBe(0);
    // Rejected by review (editable again): the rerun uploads.
    asc.versions[1]!.state = 'METADATA_REJECTED';
    const again = await runCli(
      ['upload', dir, '--store', 'appstore', '--bundle-id', 'com.example.habitual', '--app-version', '2.1'],
      dir,
      env(),
    );
    expect(again.code).toBe(0);
    for (const l of LOCALES)
      expect(asc.setOf(l, DT)!.map((x) => x.state)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE']);
  });

  it('the shipped bin (dist) prints the same plan', async () => {
    await allLive();
    const dir = await writeRenderedSet(spec({ ja: [['home', COLORS.ja![0]!]] }));
    // Not spawnSync: the loopback store answers from this process's event loop.
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [
          path.join(ROOT, 'bin/storeshots.js'),
          'upload',
          dir,
          '--store',
          'appstore',
          '--bundle-id',
          'com.example.habitual',
          '--dry-run',
          '--json',
        ],
        { cwd: dir, env: { ...process.env, ...env() }, timeout: 120_000 },
        (e, stdout, stderr) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout, stderr }),
      ),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(await dryRun(dir));
  });

  it('missing credentials and bundle id are usage errors naming the flag and variable', async () => {
    const dir = await writeRenderedSet(spec());
    const r = await runCli(['upload', dir, '--store', 'appstore', '--bundle-id', 'x.y', '--dry-run'], dir, {
      ...env(),
      ASC_KEY_ID: '',
      ASC_PRIVATE_KEY: '',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--asc-key-id or ASC_KEY_ID');
    expect(r.stderr).toContain('--asc-private-key FILE or ASC_PRIVATE_KEY');
    const noApp = await runCli(['upload', dir, '--store', 'appstore', '--dry-run'], dir, env());
    expect(noApp.code).toBe(2);
    expect(noApp.stderr).toContain('--bundle-id or set app.bundle-id');
  });
});

// ---- real uploads -------------------------------------------------------------------------------

const log: string[] = [];
const opts = (dir: string, over: Partial<UploadOptions> = {}): UploadOptions => ({
  cwd: dir,
  env: env(),
  dir,
  store: 'appstore',
  bundleId: 'com.example.habitual',
  transport: clock.transport(log),
  asc: { pollMs: 2000, maxPolls: 20 },
  ...over,
});

/** The store holds exactly the local set: same checksums in the same order, every asset COMPLETE, nothing extra. */
function expectConverged(dir: string, specs: SetSpec[]): void {
  for (const s of specs) {
    const live = asc.setOf(s.locale, DT)!;
    const want = s.slides.map((_, i) =>
      md5(readFileSync(path.join(dir, s.locale, P, `${String(i + 1).padStart(2, '0')}-${s.slides[i]!.slide}.png`))),
    );
    expect({
      locale: s.locale,
      sums: live.map((l) => l.checksum),
      states: [...new Set(live.map((l) => l.state))],
    }).toEqual({ locale: s.locale, sums: want, states: ['COMPLETE'] });
  }
}

async function expectNoChangesLeft(dir: string): Promise<void> {
  const before = asc.mutations();
  const again = await runUpload(opts(dir, { dryRun: true }));
  expect(again.json.plan.every((p) => p.upload.length === 0 && p.delete.length === 0 && !p.reorder)).toBe(true);
  expect(asc.mutations()).toBe(before);
}

describe('upload (applied)', () => {
  it('uploads a new set (reserve, PUT every part with its headers, commit with the MD5, wait), then converges to no changes', async () => {
    const specs = spec();
    const dir = await writeRenderedSet(specs);
    const r = await runUpload(opts(dir));
    expect(r.failures).toEqual([]);
    expectConverged(dir, specs);
    // Each screenshot was several upload operations (2 KB parts).
    expect(asc.requests.filter((q) => q.path === 'upload').length).toBeGreaterThan(9);
    await expectNoChangesLeft(dir);
  });

  it('applies a changed locale, a removed slide and a reorder in one run', async () => {
    await allLive();
    const c = COLORS['en-US']!;
    const specs = spec({
      'en-US': [
        ['share', c[2]!],
        ['home', c[0]!],
        ['stats', c[1]!],
      ],
      'de-DE': [
        ['home', '#aa0000'],
        ['stats', '#506070'],
        ['share', '#aa0002'],
      ],
      ja: [
        ['home', COLORS.ja![0]!],
        ['share', COLORS.ja![2]!],
      ],
    });
    const dir = await writeRenderedSet(specs);
    await runUpload(opts(dir));
    expectConverged(dir, specs);
    expect(asc.setOf('de-DE', DT)!.map((s) => s.fileName)).toEqual(['01-home.png', '02-stats.png', '03-share.png']);
    await expectNoChangesLeft(dir);
  });

  it('the CLI prints the plan before the first change, then applies it', async () => {
    const dir = await writeRenderedSet([{ locale: 'en-US', preset: P, slides: [{ slide: 'home', color: '#654321' }] }]);
    const r = await runCli(['upload', dir, '--store', 'appstore', '--bundle-id', 'com.example.habitual'], dir, env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Upload plan \(App Store Connect\)\n[\s\S]*en-US\s+APP_IPHONE_67\s+0\s+1\s+0\s+no[\s\S]*Done: the store now matches/,
    );
    expect(r.stderr).toMatch(
      /en-US APP_IPHONE_67: created the screenshot set\nen-US APP_IPHONE_67: uploaded en-US\/appstore.iphone_6_9\/01-home.png/,
    );
    expect(asc.setOf('en-US', DT)!.map((s) => s.state)).toEqual(['COMPLETE']);
  });

  it('renews the 20-minute token while Apple processes a long upload', async () => {
    await asc.stop();
    asc = await new FakeAsc({ now: clock.now, processingPolls: 400 }).start();
    const dir = await writeRenderedSet([{ locale: 'en-US', preset: P, slides: [{ slide: 'home', color: '#123456' }] }]);
    await runUpload(opts(dir, { asc: { pollMs: 5000, maxPolls: 500 } }));
    // 400 polls x 5 s = 33 minutes: at least one renewal, and every token was checked by the fake's clock.
    expect(asc.tokens.size).toBeGreaterThanOrEqual(2);
    expectConverged(dir, [{ locale: 'en-US', preset: P, slides: [{ slide: 'home', color: '#123456' }] }]);
  });
});

describe('faults, each followed by a rerun', () => {
  const cases: Array<{ name: string; faults: FakeAsc['faults']; firstRun: 'converges' | RegExp; fresh?: boolean }> = [
    { name: '401 once (token renewed, retried)', faults: [{ op: 'GET /v1/apps', status: 401 }], firstRun: 'converges' },
    {
      name: '401 always (a revoked key)',
      faults: [{ op: 'GET /v1/apps', status: 401, times: 9 }],
      firstRun: /answered 401.*check ASC_KEY_ID, ASC_ISSUER_ID and ASC_PRIVATE_KEY/,
    },
    {
      name: '403 on reserve',
      faults: [{ op: 'POST /v1/appScreenshots', status: 403 }],
      firstRun: /answered 403: FORBIDDEN_ERROR.*App Manager/,
    },
    {
      name: '409 on create set (nothing live yet)',
      faults: [{ op: 'POST /v1/appScreenshotSets', status: 409 }],
      firstRun: /answered 409: STATE_ERROR/,
      fresh: true,
    },
    {
      name: '409 on commit',
      faults: [{ op: 'PATCH /v1/appScreenshots/{id}', status: 409 }],
      firstRun: /answered 409: STATE_ERROR/,
    },
    {
      name: '409 on delete',
      faults: [{ op: 'DELETE /v1/appScreenshots/{id}', status: 409 }],
      firstRun: /answered 409/,
    },
    {
      name: '429 with Retry-After',
      faults: [
        { op: 'GET /v1/appScreenshotSets/{id}/appScreenshots', status: 429, retryAfter: '7' },
        { op: 'POST /v1/appScreenshots', status: 429, retryAfter: '3' },
      ],
      firstRun: 'converges',
    },
    { name: 'a failed upload part (once)', faults: [{ op: 'PUT upload', status: 500 }], firstRun: 'converges' },
    {
      name: 'a failed upload part (every try)',
      faults: [{ op: 'PUT upload', status: 500, times: 5 }],
      firstRun: /PUT part at 0 of .* answered 500/,
    },
    {
      name: 'an asset that ends FAILED',
      faults: [{ op: 'commit FAILED' }],
      firstRun: /FAILED in App Store Connect: IMAGE_INCORRECT_DIMENSIONS: The dimensions/,
    },
    {
      name: 'a network cut on reserve',
      faults: [{ op: 'POST /v1/appScreenshots', cut: true }],
      firstRun: /fetch failed|socket|other side closed/i,
    },
    {
      name: 'a network cut on commit',
      faults: [{ op: 'PATCH /v1/appScreenshots/{id}', cut: true }],
      firstRun: 'converges',
    },
    {
      name: 'a network cut on reorder',
      faults: [{ op: 'PATCH /v1/appScreenshotSets/{id}/relationships/appScreenshots', cut: true }],
      firstRun: 'converges',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      // Start from a live set that needs every kind of change: one changed, one removed, a reorder.
      if (!c.fresh) await allLive();
      const c0 = COLORS['en-US']!;
      const specs = spec({
        'en-US': [
          ['share', c0[2]!],
          ['home', '#fe0000'],
          ['stats', c0[1]!],
        ],
        ja: [
          ['home', COLORS.ja![0]!],
          ['share', COLORS.ja![2]!],
        ],
      });
      const dir = await writeRenderedSet(specs);
      asc.faults = c.faults.map((f) => ({ ...f }));
      let first: Error | undefined;
      let failures: string[] = [];
      try {
        failures = (await runUpload(opts(dir))).failures;
      } catch (e) {
        first = e as Error;
      }
      if (c.firstRun === 'converges') {
        expect(first?.message).toBeUndefined();
        expect(failures).toEqual([]);
      } else {
        expect(first?.message ?? failures.join('\n')).toMatch(c.firstRun);
        if (c.name.startsWith('401')) expect(asc.mutations()).toBe(0);
      }
      if (c.name.startsWith('429')) expect(clock.waits).toEqual(expect.arrayContaining([7000, 3000]));
      // No set ever holds a screenshot twice, or more than 10.
      for (const l of LOCALES) {
        const live = asc.setOf(l, DT) ?? [];
        expect(live.length).toBeLessThanOrEqual(10);
      }
      asc.faults = [];
      const again = await runUpload(opts(dir));
      expect(again.failures).toEqual([]);
      expectConverged(dir, specs);
      await expectNoChangesLeft(dir);
    });
  }
});
