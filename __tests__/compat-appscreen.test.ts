// AppScreen's render API (https://appscreen.co/docs/api/) against the real `storeshots serve`: its
// documented curl examples, read as written (only the base URL swapped) and sent as the multipart
// requests curl makes, answered 202 with a job; the poll loop ends `done` with a signed zip link (no
// key needed) made afresh on every poll; the zip holds the images in the layout asked for (fastlane
// folders included). Errors: 401/402/413/429 with Retry-After, refused fields named, Idempotency-Key
// replays, a revoked key's links stop at once. docs/render-api.md#appscreen says what differs.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docText } from '../src/server/compat/appscreen/request.js';
import { pngSize } from '../src/util/png.js';
import {
  cleanup,
  KEY,
  OTHER_KEY,
  SCREEN_PNG,
  startService,
  startServiceInProcess,
  tempData,
  type ServerHandle,
} from './helpers/server.js';
import { waitFor } from './helpers/wait.js';
import { POLL, pollUntilDone, QUICK_START, readCurl, send } from './helpers/appscreen.js';

/** The API page's request (three languages, no captions). */
const LANDING = String.raw`curl https://api.appscreen.co/v1/render \
  -H "X-API-Key: $APPSCREEN_KEY" \
  -F 'theme=paper' \
  -F 'sizes=["ios-6.9"]' \
  -F 'langs=["en","de","tr"]' \
  -F 'screens=@./shot1.png' \
  -F 'screens=@./shot2.png'`;

const SHOTS = { './shot1.png': SCREEN_PNG, './shot2.png': SCREEN_PNG };

async function zipOf(url: string): Promise<Record<string, Uint8Array>> {
  const res = await fetch(url); // no key: the link is signed
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  return unzipSync(new Uint8Array(await res.arrayBuffer()));
}

describe('AppScreen compatibility', () => {
  let s: ServerHandle;
  beforeAll(async () => {
    s = await startService({ env: { STORESHOTS_MAX_SCREENSHOT_BYTES: String(64 * 1024) } });
  });
  afterAll(async () => {
    await s?.stop();
    if (s) cleanup(s.data);
  });

  it('runs the Quick start: POST the screens, poll the jobId until done, download the zip', async () => {
    const posted = await send(readCurl(QUICK_START, s.url, { APPSCREEN_KEY: KEY }, SHOTS));
    expect(posted.status).toBe(202);
    expect(posted.body).toEqual({
      jobId: expect.any(String),
      status: 'queued',
      totalSteps: 2,
      doneSteps: 0,
      pollUrl: `${s.url}/v1/render/${posted.body.jobId}`,
    });
    const done = await pollUntilDone(s.url, posted.body.jobId);
    expect(done).toMatchObject({ status: 'done', totalSteps: 2, doneSteps: 2, error: null });
    expect(done.downloadUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/v1\/files\/sets\/[^?]+\?expires=\d+&signature=[\w-]{43}$/,
    );
    const zip = await zipOf(done.downloadUrl);
    const names = Object.keys(zip).sort();
    expect(names).toHaveLength(2);
    for (const name of names) {
      expect(name).toMatch(/^en-US\/appstore\.iphone_6_9\/0[12]-screen-00[12]\.png$/);
      expect(pngSize(Buffer.from(zip[name]!))).toEqual({ width: 1320, height: 2868 });
    }
  });

  it('renders screens x sizes x langs into fastlane folders (the API page and the Fastfile lane)', async () => {
    const c = readCurl(LANDING, s.url, { APPSCREEN_KEY: KEY }, SHOTS);
    c.form!.set('sizes', '["ios-6.7","ios-6.5","play"]');
    c.form!.append('layout', 'fastlane');
    const posted = await send(c);
    expect(posted.status).toBe(202);
    expect(posted.body.totalSteps).toBe(2 * 3 * 3);
    const done = await pollUntilDone(s.url, posted.body.jobId);
    expect(done.status).toBe('done');
    const zip = await zipOf(done.downloadUrl);
    const names = Object.keys(zip).sort();
    expect(names).toHaveLength(18);
    for (const [locale, play] of [
      ['en-US', 'en-US'],
      ['de-DE', 'de-DE'],
      ['tr', 'tr-TR'],
    ]) {
      expect(names.filter((n) => n.startsWith(`fastlane/screenshots/${locale}/`))).toHaveLength(4);
      expect(
        names.filter((n) => n.startsWith(`fastlane/metadata/android/${play}/images/phoneScreenshots/`)),
      ).toHaveLength(2);
    }
    const sizes = new Set(
      names
        .filter((n) => n.startsWith('fastlane/screenshots/en-US/'))
        .map((n) => JSON.stringify(pngSize(Buffer.from(zip[n]!)))),
    );
    expect(sizes).toEqual(
      new Set([JSON.stringify({ width: 1290, height: 2796 }), JSON.stringify({ width: 1284, height: 2778 })]),
    );
  });

  it('renders ios-6.9 and ios-6.7 together, each size in its own folder; refuses them in store folders', async () => {
    // The Quick start with both iPhone sizes AppScreen documents (`sizes: ["ios-6.9","ios-6.7"]`).
    const both = QUICK_START.replace(`-F 'sizes=["ios-6.9"]'`, `-F 'sizes=["ios-6.9","ios-6.7"]'`);
    expect(both).toContain('sizes=["ios-6.9","ios-6.7"]');
    const posted = await send(readCurl(both, s.url, { APPSCREEN_KEY: KEY }, SHOTS));
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    expect(posted.body.totalSteps).toBe(2 * 2);
    const done = await pollUntilDone(s.url, posted.body.jobId);
    expect(done.status, done.error).toBe('done');
    const zip = await zipOf(done.downloadUrl);
    const sizes = Object.fromEntries(
      Object.keys(zip)
        .sort()
        .map((n) => [n, pngSize(Buffer.from(zip[n]!))]),
    );
    expect(sizes).toEqual({
      'ios-6.7/en-US/appstore.iphone_6_9/01-screen-001.png': { width: 1290, height: 2796 },
      'ios-6.7/en-US/appstore.iphone_6_9/02-screen-002.png': { width: 1290, height: 2796 },
      'ios-6.9/en-US/appstore.iphone_6_9/01-screen-001.png': { width: 1320, height: 2868 },
      'ios-6.9/en-US/appstore.iphone_6_9/02-screen-002.png': { width: 1320, height: 2868 },
    });
    // In fastlane's folders both sizes would go to the one 6.9" slot: refused, naming the second size.
    for (const layout of ['fastlane', 'flutter']) {
      const c = readCurl(both, s.url, { APPSCREEN_KEY: KEY }, SHOTS);
      c.form!.set('layout', layout);
      const r = await send(c);
      expect(r.status).toBe(400);
      expect(r.body).toEqual({
        error: { code: 'sizes_share_slot', param: 'sizes[1]', message: expect.stringMatching(/same App Store slot/) },
      });
    }
  });

  it('renders rounded marketing assets: PNGs whose corners are transparent and centre opaque, not linted as store screenshots', async () => {
    const c = readCurl(QUICK_START, s.url, { APPSCREEN_KEY: KEY }, SHOTS);
    c.form!.append('rounded', 'true');
    const posted = await send(c);
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    const done = await pollUntilDone(s.url, posted.body.jobId);
    expect(done.status, done.error).toBe('done');
    const zip = await zipOf(done.downloadUrl);
    expect(Object.keys(zip).sort()).toEqual([
      'en-US/appstore.iphone_6_9/01-screen-001.png',
      'en-US/appstore.iphone_6_9/02-screen-002.png',
    ]);
    for (const bytes of Object.values(zip)) {
      const { data, info } = await sharp(Buffer.from(bytes)).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height, info.channels]).toEqual([1320, 2868, 4]);
      const alpha = (x: number, y: number) => data[(y * info.width + x) * 4 + 3];
      const { width: w, height: h } = info;
      for (const [x, y] of [
        [0, 0],
        [w - 1, 0],
        [0, h - 1],
        [w - 1, h - 1],
        [8, 8],
      ])
        expect(alpha(x!, y!), `corner ${x},${y}`).toBe(0);
      for (const [x, y] of [
        [w / 2, h / 2],
        [w / 2, 0],
        [0, h / 2],
        [w / 2, h - 1],
      ])
        expect(alpha(x!, y!), `inside ${x},${y}`).toBe(255);
    }
    // The set answer says why it has no lint findings: these are not store screenshots.
    const set = await fetch(`${s.url}/v1/sets/${posted.body.jobId}`, { headers: { authorization: `Bearer ${KEY}` } });
    const body = (await set.json()) as any;
    expect(body.rounded).toBe(true);
    expect(body.lint).toEqual({ findings: [], skipped: expect.stringMatching(/not store screenshots/) });
  });

  it('replays a job for the same Idempotency-Key and refuses a key over 200 characters', async () => {
    const key = `release-42-${'x'.repeat(189)}`; // 200 characters
    const first = await send(readCurl(LANDING, s.url, { APPSCREEN_KEY: KEY }, SHOTS), { 'Idempotency-Key': key });
    expect(first.status).toBe(202);
    const again = await send(readCurl(LANDING, s.url, { APPSCREEN_KEY: KEY }, SHOTS), { 'Idempotency-Key': key });
    expect(again.status).toBe(202);
    expect(again.body.jobId).toBe(first.body.jobId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // Another key's Idempotency-Key space is its own.
    const other = await send(readCurl(LANDING, s.url, { APPSCREEN_KEY: OTHER_KEY }, SHOTS), { 'Idempotency-Key': key });
    expect(other.body.jobId).not.toBe(first.body.jobId);
    const long = await send(readCurl(LANDING, s.url, { APPSCREEN_KEY: KEY }, SHOTS), { 'Idempotency-Key': `${key}y` });
    expect(long.status).toBe(400);
    expect(long.body.error.param).toBe('Idempotency-Key');
    // Another key's job is not found.
    const foreign = await send(readCurl(POLL, s.url, { APPSCREEN_KEY: OTHER_KEY, JOB: first.body.jobId }, {}));
    expect(foreign.status).toBe(404);
  });

  it('refuses bad fields with a 400 naming them, and answers 401 and 413', async () => {
    const cases: Array<[field: string, value: string, param: string]> = [
      ['theme', 'neon', 'theme'],
      ['sizes', '["ios-5.5"]', 'sizes[0]'],
      ['sizes', 'ios-6.9', 'sizes'],
      ['sizes', '["ios-6.9","ios-6.9"]', 'sizes[1]'],
      ['langs', JSON.stringify(Array.from({ length: 16 }, (_, i) => `l${i}`)), 'langs'],
      ['layout', 'xcode', 'layout'],
      ['rounded', 'yes', 'rounded'],
      [
        'captions',
        '[{"texts":{"Headline":{"type":"doc","content":[{"type":"image"}]}}}]',
        'captions[0].texts.Headline.content[0]',
      ],
      ['captions', '[{"texts":{"Tagline":{"type":"doc","content":[]}}}]', 'captions[0].texts.Tagline'],
    ];
    for (const [field, value, param] of cases) {
      const c = readCurl(QUICK_START, s.url, { APPSCREEN_KEY: KEY }, SHOTS);
      c.form!.set(field, value);
      const r = await send(c);
      expect(r.status, `${field}=${value}`).toBe(400);
      expect(r.body.error.param, `${field}=${value}`).toBe(param);
    }
    // rounded with a fastlane layout is refused for that reason.
    const fastlane = readCurl(QUICK_START, s.url, { APPSCREEN_KEY: KEY }, SHOTS);
    fastlane.form!.set('rounded', 'true');
    fastlane.form!.set('layout', 'fastlane');
    expect((await send(fastlane)).body.error.message).toMatch(/cannot be combined with the fastlane layout/);

    expect((await send(readCurl(QUICK_START, s.url, { APPSCREEN_KEY: '' }, SHOTS))).status).toBe(401);
    expect((await send(readCurl(QUICK_START, s.url, { APPSCREEN_KEY: 'ask_live_wrong' }, SHOTS))).status).toBe(401);
    const big = readCurl(
      QUICK_START,
      s.url,
      { APPSCREEN_KEY: KEY },
      { ...SHOTS, './shot2.png': Buffer.concat([SCREEN_PNG, Buffer.alloc(70 * 1024)]) },
    );
    const r = await send(big);
    expect(r.status).toBe(413);
    expect(r.body.error.param).toBe('screens');
    // 200 screens a job at most.
    const many = readCurl(QUICK_START, s.url, { APPSCREEN_KEY: KEY }, SHOTS);
    for (let i = 0; i < 199; i++) many.form!.append('screens', new Blob([new Uint8Array(SCREEN_PNG)]), `s${i}.png`);
    const tooMany = await send(many);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.message).toMatch(/more than 200/);
  });
});

describe('AppScreen limits', () => {
  it('answers 402 and 429 with Retry-After', async () => {
    const s = await startService({
      env: { STORESHOTS_MONTHLY_QUOTA: '1', STORESHOTS_RATE_LIMIT: '2', STORESHOTS_RATE_WINDOW_SECONDS: '100000' },
    });
    try {
      const broke = await send(readCurl(QUICK_START, s.url, { APPSCREEN_KEY: KEY }, SHOTS));
      expect(broke.status).toBe(402);
      expect(broke.body.error.code).toBe('quota_exceeded');
      expect(Number(broke.headers.get('retry-after'))).toBeGreaterThan(0);
      await send(readCurl(POLL, s.url, { APPSCREEN_KEY: KEY, JOB: 'set_x' }, {}));
      const limited = await send(readCurl(POLL, s.url, { APPSCREEN_KEY: KEY, JOB: 'set_x' }, {}));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await s.stop();
      cleanup(s.data);
    }
  });
});

describe('AppScreen download links', () => {
  it('makes a fresh link on every poll, valid one hour, refused after', async () => {
    let clock = Date.UTC(2026, 11, 2, 12, 0, 0);
    const s = await startServiceInProcess({
      env: { STORESHOTS_API_KEYS: KEY, STORESHOTS_WORKERS: '1', STORESHOTS_LOG_LEVEL: 'silent' },
      now: () => clock,
    });
    try {
      const posted = await send(readCurl(QUICK_START, s.url, { APPSCREEN_KEY: KEY }, SHOTS));
      const first = await pollUntilDone(s.url, posted.body.jobId);
      expect(first.downloadUrlExpiresAt).toBe(new Date(clock + 3_600_000).toISOString());
      clock += 60_000;
      const second = await pollUntilDone(s.url, posted.body.jobId);
      expect(second.downloadUrl).not.toBe(first.downloadUrl);
      expect(second.downloadUrlExpiresAt).toBe(new Date(clock + 3_600_000).toISOString());
      expect((await fetch(first.downloadUrl)).status).toBe(200);
      clock += 3_540_000; // the first link's hour is over
      const late = await fetch(first.downloadUrl);
      expect(late.status).toBe(403);
      expect(((await late.json()) as any).error.code).toBe('link_expired');
      expect((await fetch(second.downloadUrl)).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('stops a revoked key at once: its polls and its links', async () => {
    const data = tempData();
    const keys = path.join(data, 'keys.txt');
    writeFileSync(keys, `${KEY}\n${OTHER_KEY}\n`);
    const s = await startService({ data, args: ['--keys', keys], env: { STORESHOTS_API_KEYS: undefined } });
    try {
      const posted = await send(readCurl(QUICK_START, s.url, { APPSCREEN_KEY: KEY }, SHOTS));
      const done = await pollUntilDone(s.url, posted.body.jobId);
      expect((await fetch(done.downloadUrl)).status).toBe(200);
      writeFileSync(keys, `${OTHER_KEY}\n`);
      s.proc.kill('SIGHUP');
      const refused = await waitFor(
        async () => {
          const r = await fetch(done.downloadUrl);
          return r.status === 403 ? ((await r.json()) as any) : undefined;
        },
        { timeoutMs: 600_000, intervalMs: 25, what: 'the link to be refused' },
      );
      expect(refused.error.code).toBe('link_revoked');
      expect((await send(readCurl(POLL, s.url, { APPSCREEN_KEY: KEY, JOB: posted.body.jobId }, {}))).status).toBe(401);
    } finally {
      await s.stop();
      cleanup(data);
    }
  });
});

describe('AppScreen captions', () => {
  it('reads a rich-text doc as lines, with bold marks as the accent', () => {
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Find ' },
            { type: 'text', text: 'people', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' who share' },
          ],
        },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'your ' },
            { type: 'text', text: 'taste', marks: [{ type: 'strong' }] },
          ],
        },
      ],
    };
    expect(docText(doc, 'captions[0].texts.Headline')).toBe('Find **people** who share\nyour **taste**');
  });
});
