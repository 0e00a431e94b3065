// Remote mode's waiting and downloading (src/remote/run.ts) against a loopback render API that
// answers as docs/render-api.md describes, scripted per request so that the cases a real service
// gives only by chance (a render still queued at the deadline, a failed or canceled render, bytes
// that do not match their sha256, an image of the wrong size or for a slide the set lacks) happen
// every time. The clock and the sleep are injected: nothing waits for real. The whole path
// (renderRemote, submitSets) runs against a loopback render API that checks every request and
// response against our OpenAPI description (fakes/render-api.ts).
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RenderApiClient, type RemoteImage, type RemoteRender } from '../src/remote/client.js';
import {
  downloadImages,
  downloadRenderedSet,
  remoteFindingsOf,
  renderRemote,
  submitSets,
  waitForRenders,
} from '../src/remote/run.js';
import { buildSetRequest, groupSets } from '../src/remote/request.js';
import type { Job, Plan } from '../src/plan/types.js';
import { resolvePreset } from '../src/store/presets.js';
import { RenderError } from '../src/util/errors.js';
import { FakeRenderApi } from './fakes/render-api.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** A render API whose GET /v1/renders/{id} answers each id's states in turn (the last one from then on). */
async function api(states: Record<string, RemoteRender['status'][]>, images: Record<string, Buffer[]> = {}) {
  const gets: string[] = [];
  server = createServer((req, res) => {
    const m = /^\/v1\/renders\/([^/]+)(?:\/images\/(\d+))?$/.exec(req.url ?? '');
    const id = decodeURIComponent(m?.[1] ?? '');
    if (m?.[2]) {
      const buf = images[id]?.[Number(m[2]) - 1];
      if (!buf) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-type': 'image/png' }).end(buf);
    }
    const list = states[id];
    if (!list)
      return void res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"error":{"code":"not_found","message":"no such render"}}');
    gets.push(id);
    const status = list.length > 1 ? list.shift()! : list[0]!;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, status }));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { baseUrl, gets, client: new RenderApiClient({ baseUrl, sleep: async () => {}, minDelayMs: 1 }) };
}

/** A clock that moves only when the code under test sleeps. */
function clock() {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return { sleeps, now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)) };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const image = (index: number, slide: string, bytes: Buffer, o: Partial<RemoteImage> = {}): RemoteImage => ({
  index,
  slide,
  url: `/v1/renders/rnd_1/images/${index}`,
  width: 1080,
  height: 1920,
  format: 'png',
  bytes: bytes.length,
  sha256: sha(bytes),
  ...o,
});
const files = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.png')).sort();
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );

describe('waiting for renders', () => {
  it('polls each render until it ends, reports each change of state once, and backs off by half each round up to maxPollMs', async () => {
    const { client, gets } = await api({
      rnd_a: ['queued', 'queued', 'processing', 'succeeded'],
      rnd_b: ['processing', 'processing', 'processing', 'processing', 'processing', 'failed'],
      rnd_c: ['canceled'],
    });
    const c = clock();
    const states: string[] = [];
    const done = await waitForRenders(
      [
        { set: 'en-US/play.phone', id: 'rnd_a' },
        { set: 'de-DE/play.phone', id: 'rnd_b' },
        { set: 'fr-FR/play.phone', id: 'rnd_c' },
      ],
      {
        baseUrl: 'unused',
        pollMs: 1000,
        maxPollMs: 3000,
        now: c.now,
        sleep: c.sleep,
        onState: (s, st, id) => void states.push(`${s} ${st} ${id}`),
      },
      client,
    );
    expect([...done.keys()].sort()).toEqual(['rnd_a', 'rnd_b', 'rnd_c']);
    expect(done.get('rnd_a')!.status).toBe('succeeded');
    expect(done.get('rnd_b')!.status).toBe('failed');
    expect(done.get('rnd_c')!.status).toBe('canceled');
    expect(states).toEqual([
      'en-US/play.phone queued rnd_a',
      'de-DE/play.phone processing rnd_b',
      'fr-FR/play.phone canceled rnd_c',
      'en-US/play.phone processing rnd_a',
      'en-US/play.phone succeeded rnd_a',
      'de-DE/play.phone failed rnd_b',
    ]);
    // A render that ended (succeeded, failed or canceled) is not asked about again.
    expect(gets).toEqual([
      'rnd_a',
      'rnd_b',
      'rnd_c',
      'rnd_a',
      'rnd_b',
      'rnd_a',
      'rnd_b',
      'rnd_a',
      'rnd_b',
      'rnd_b',
      'rnd_b',
    ]);
    expect(c.sleeps).toEqual([1000, 1500, 2250, 3000, 3000]);
  });

  it('gives up at the deadline naming every set still pending with its last state; the last sleep ends at the deadline', async () => {
    const { client } = await api({ rnd_a: ['succeeded'], rnd_b: ['queued'], rnd_c: ['processing'] });
    const c = clock();
    const err = await failure(
      waitForRenders(
        [
          { set: 'en-US/play.phone', id: 'rnd_a' },
          { set: 'de-DE/play.phone', id: 'rnd_b' },
          { set: 'fr-FR/play.phone', id: 'rnd_c' },
        ],
        { baseUrl: 'unused', timeoutMs: 5000, pollMs: 2000, now: c.now, sleep: c.sleep },
        client,
      ),
    );
    expect(err).toBeInstanceOf(RenderError);
    expect(err!.message).toBe(
      'timed out waiting for the render API after 5 s; still pending: de-DE/play.phone (rnd_b: queued), fr-FR/play.phone (rnd_c: processing)',
    );
    expect(c.sleeps).toEqual([2000, 3000]);
  });

  it('waits 30 minutes by default, polling from 1 s up to 15 s', async () => {
    const { client } = await api({ rnd_a: ['queued'] });
    const c = clock();
    const err = await failure(
      waitForRenders(
        [{ set: 'en-US/play.phone', id: 'rnd_a' }],
        { baseUrl: 'unused', now: c.now, sleep: c.sleep },
        client,
      ),
    );
    expect(err!.message).toBe(
      'timed out waiting for the render API after 1800 s; still pending: en-US/play.phone (rnd_a: queued)',
    );
    expect(c.sleeps.slice(0, 8)).toEqual([1000, 1500, 2250, 3375, 5063, 7595, 11393, 15000]);
    expect(c.sleeps.reduce((a, b) => a + b, 0)).toBe(1_800_000);
  });
});

describe('downloading a finished render', () => {
  const A = Buffer.from('first image bytes');
  const B = Buffer.from('second image byte');
  /** A finished render of two images, A and B. */
  const twoImages = () =>
    ({ id: 'rnd_1', status: 'succeeded', images: [image(1, 'home', A), image(2, 'stats', B)] }) as RemoteRender;
  const place = (img: RemoteImage) => ({
    img,
    path: `en-US/play.phone/0${img.index}-${img.slide}.png`,
    locale: 'en-US',
    preset: 'play.phone',
  });

  it('refuses a render that did not succeed, naming its set and error', async () => {
    const { client } = await api({});
    const out = mkdtempSync(path.join(tmpdir(), 'ss-run-'));
    const failed = {
      id: 'rnd_f',
      status: 'failed',
      metadata: { set: 'en-US/play.phone' },
      error: { code: 'render_failed', message: 'font missing' },
    } as RemoteRender;
    expect((await failure(downloadImages(failed, out, place, client)))!.message).toBe(
      'render rnd_f for en-US/play.phone failed: render_failed: font missing',
    );
    const canceled = { id: 'rnd_c', status: 'canceled' } as RemoteRender;
    expect((await failure(downloadImages(canceled, out, place, client)))!.message).toBe(
      'render rnd_c for rnd_c canceled',
    );
    expect(files(out)).toEqual([]);
  });

  it('writes nothing when any image does not match its sha256, even with the right length', async () => {
    const flipped = Buffer.from(B);
    flipped[3]! ^= 1;
    const { client } = await api({}, { rnd_1: [A, flipped] });
    const out = mkdtempSync(path.join(tmpdir(), 'ss-run-'));
    const render = twoImages();
    const err = await failure(downloadImages(render, out, place, client));
    expect(err).toBeInstanceOf(RenderError);
    expect(err!.message).toBe(
      `image 2 of render rnd_1 does not match its sha256 (got ${sha(flipped).slice(0, 12)}…, expected ${sha(B).slice(0, 12)}…)`,
    );
    expect(files(out)).toEqual([]);
  });

  it('writes nothing when two images land on one path, or a path leaves the output folder', async () => {
    const { client } = await api({}, { rnd_1: [A, B] });
    const out = mkdtempSync(path.join(tmpdir(), 'ss-run-'));
    const render = twoImages();
    const same = (img: RemoteImage) => ({ ...place(img), path: 'en-US/play.phone/shot.png' });
    expect((await failure(downloadImages(render, out, same, client)))!.message).toBe(
      'render rnd_1 has two images for en-US/play.phone/shot.png',
    );
    const outside = (img: RemoteImage) => ({
      ...place(img),
      path: img.index === 2 ? '../escape.png' : place(img).path,
    });
    expect((await failure(downloadImages(render, out, outside, client)))!.message).toBe(
      'refusing an output path outside the output folder: "../escape.png"',
    );
    expect(files(out)).toEqual([]);
    const ok = await downloadImages(render, out, place, client);
    expect(ok.map((g) => [g.placed.path, g.bytes, path.relative(out, g.file)])).toEqual([
      ['en-US/play.phone/01-home.png', A.length, 'en-US/play.phone/01-home.png'],
      ['en-US/play.phone/02-stats.png', B.length, 'en-US/play.phone/02-stats.png'],
    ]);
    expect(files(out)).toEqual(['en-US/play.phone/01-home.png', 'en-US/play.phone/02-stats.png']);
  });
});

describe('downloading: what an image must be', () => {
  it('a succeeded render without images writes nothing; an image shorter than announced is fetched again', async () => {
    const A = Buffer.from('first image bytes');
    const sent: number[] = [];
    server = createServer((_req, res) => {
      // The first answer is whole but short (5 bytes): only its length tells it from the real image.
      const body = sent.length === 0 ? A.subarray(0, 5) : A;
      sent.push(body.length);
      res.writeHead(200, { 'content-type': 'image/png' }).end(body);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const sleeps: number[] = [];
    const client = new RenderApiClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      minDelayMs: 7,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const out = mkdtempSync(path.join(tmpdir(), 'ss-run-'));
    const place = (img: RemoteImage) => ({ img, path: 'en-US/a.png', locale: 'en-US', preset: 'play.phone' });
    expect(await downloadImages({ id: 'rnd_0', status: 'succeeded' } as RemoteRender, out, place, client)).toEqual([]);
    expect(sent).toEqual([]);
    const got = await downloadImages(
      { id: 'rnd_1', status: 'succeeded', images: [image(1, 'home', A)] } as RemoteRender,
      out,
      place,
      client,
    );
    expect(got.map((g) => g.bytes)).toEqual([A.length]);
    expect(sent).toEqual([5, A.length]);
    expect(sleeps).toEqual([7]);
    expect(readFileSync(path.join(out, 'en-US/a.png'))).toEqual(A);
  });
});

/** Four slides of a Play phone set per locale, as the example's manifest plans them (the whole path
 * and real projects are remote-e2e's; here a plan is made by hand so each test takes milliseconds). */
const SLIDES = ['home', 'stats', 'photo', 'features'];
const jobOf = (locale: string, slide: string, index: number): Job => ({
  id: `${locale}/play.phone/${slide}`,
  set: `${locale}/play.phone`,
  locale,
  rtl: false,
  preset: 'play.phone',
  presetId: 'play.phone',
  store: 'play',
  device: 'android-phone',
  landscape: false,
  size: { width: 1080, height: 1920 },
  slide,
  index,
  count: SLIDES.length,
  headline: { text: `${slide} (${locale})`, origin: 'inline', locale },
  style: { headline: { color: '#ffffff' } },
  theme: 'aurora',
  screenshot: `/shots/${locale}/android-phone/${slide}.png`,
  fonts: [],
  baseDir: '/',
  output: { path: `${locale}/play.phone/0${index}-${slide}.png`, format: 'png', quality: 90 },
  source: {
    slide: { file: 'screenshots.yml', line: 1, column: 1 },
    preset: { file: 'screenshots.yml', line: 1, column: 1 },
  },
});
const planOf = (locales: string[]): Plan => {
  const jobs = locales.flatMap((l) => SLIDES.map((s, i) => jobOf(l, s, i + 1)));
  return {
    manifestFile: 'screenshots.yml',
    app: { name: 'Habitual' },
    locales,
    presets: ['play.phone'],
    layout: 'flat',
    outDir: mkdtempSync(path.join(tmpdir(), 'ss-run-set-')),
    all: jobs,
    jobs,
  };
};
/** The screenshot "files" the requests carry. */
const readShot = (p: string) => Buffer.from(`screenshot ${p}`);

describe('downloading a set of the plan', () => {
  const plan = () => planOf(['ja']);

  it("puts each image at its job's path and records the job's slide, index, size and sha256", async () => {
    const p = plan();
    const bufs = p.jobs.map((j) => Buffer.from(`png of ${j.slide}`));
    const { client } = await api({}, { rnd_s: bufs });
    const render = {
      id: 'rnd_s',
      status: 'succeeded',
      // The service's order need not be the plan's.
      images: p.jobs.map((j, i) => image(i + 1, j.slide, bufs[i]!)).reverse(),
    } as RemoteRender;
    const got = await downloadRenderedSet(p, p.jobs, render, client);
    expect(got.map((g) => g.job.id)).toEqual(p.jobs.map((j) => j.id));
    expect(got.map((g) => g.record)).toEqual(
      p.jobs.map((j, i) => ({
        path: j.output.path,
        locale: 'ja',
        preset: 'play.phone',
        slide: j.slide,
        index: j.index,
        width: 1080,
        height: 1920,
        format: 'png',
        bytes: bufs[i]!.length,
        sha256: sha(bufs[i]!),
        cached: false,
      })),
    );
    expect(got.map((g) => path.relative(p.outDir, g.file))).toEqual(p.jobs.map((j) => j.output.path));
    expect(files(p.outDir)).toEqual(p.jobs.map((j) => j.output.path).sort());
  });

  it('refuses a render that lacks a slide, has one the set lacks, or the wrong size, and writes nothing', async () => {
    const p = plan();
    const bufs = p.jobs.map((j) => Buffer.from(`png of ${j.slide}`));
    const { client } = await api({}, { rnd_s: bufs });
    const all = p.jobs.map((j, i) => image(i + 1, j.slide, bufs[i]!));
    const cases: Array<[RemoteImage[], string]> = [
      [all.slice(1), `render rnd_s has no image for slide ${p.jobs[0]!.slide}`],
      [
        [...all, image(9, 'extra', bufs[0]!)],
        `render rnd_s sent an image for slide extra, which ja/play.phone does not have`,
      ],
      [
        all.map((img, i) => (i === 1 ? { ...img, height: 1921 } : img)),
        `render rnd_s slide ${p.jobs[1]!.slide} is 1080x1921, expected 1080x1920`,
      ],
      [
        all.map((img, i) => (i === 1 ? { ...img, width: 1079 } : img)),
        `render rnd_s slide ${p.jobs[1]!.slide} is 1079x1920, expected 1080x1920`,
      ],
    ];
    for (const [images, message] of cases) {
      const err = await failure(
        downloadRenderedSet(p, p.jobs, { id: 'rnd_s', status: 'succeeded', images } as RemoteRender, client),
      );
      expect(err, message).toBeInstanceOf(RenderError);
      expect(err!.message).toBe(message);
    }
    // A failed render says why it failed rather than which slide is missing.
    const failed = {
      id: 'rnd_s',
      status: 'failed',
      error: { code: 'timeout', message: 'took too long' },
    } as RemoteRender;
    expect((await failure(downloadRenderedSet(p, p.jobs, failed, client)))!.message).toBe(
      'render rnd_s for rnd_s failed: timeout: took too long',
    );
    expect(files(p.outDir)).toEqual([]);
  });
});

describe("the service's own findings", () => {
  it("are marked as the remote service's (once) and never more than warnings", () => {
    const renders = [
      {
        id: 'a',
        status: 'succeeded',
        lint: {
          findings: [
            { rule: 'play.promo-eligibility', severity: 'warning', message: 'm1' },
            { rule: 'remote.appstore.size', severity: 'error', message: 'm2' },
          ],
        },
      },
      {
        id: 'b',
        status: 'succeeded',
        lint: {
          findings: [
            null,
            { rule: 7 },
            { severity: 'error' },
            { rule: 'appstore.alpha', severity: 'error', message: 'm3' },
          ],
        },
      },
      { id: 'c', status: 'failed' },
    ] as unknown as RemoteRender[];
    expect(remoteFindingsOf(renders)).toEqual([
      { rule: 'remote.play.promo-eligibility', severity: 'warning', message: 'm1' },
      { rule: 'remote.appstore.size', severity: 'warning', message: 'm2' },
      { rule: 'remote.appstore.alpha', severity: 'warning', message: 'm3' },
    ]);
  });
});

describe('the whole remote path against a render API that keeps to our OpenAPI description', () => {
  const KEY = 'sk_test_remote';
  let fake: FakeRenderApi | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  const start = async (findingsOf?: (b: Record<string, unknown>) => object[]) =>
    (fake = await new FakeRenderApi({
      key: KEY,
      sizeOf: (canvas) =>
        typeof canvas.preset === 'string'
          ? resolvePreset(canvas.preset)!.size
          : { width: canvas.width as number, height: canvas.height as number },
      findingsOf,
    }).start());
  /** Two sets of the example (ja and de-DE on the Play phone), four slides each. */
  const plan = () => planOf(['de-DE', 'ja']);

  it('submits one render per set, polls each until it ends, and writes every image at its own job', async () => {
    const api = await start((b) =>
      (b.locale as string) === 'ja' ? [{ rule: 'play.promo-eligibility', severity: 'error', message: 'm' }] : [],
    );
    const p = plan();
    const sets = [...groupSets(p.jobs).keys()];
    expect(sets).toEqual(['de-DE/play.phone', 'ja/play.phone']);
    const c = clock();
    const states: string[] = [];
    const result = await renderRemote(p, {
      baseUrl: api.url,
      apiKey: KEY,
      metadata: { run: 41 },
      readFile: readShot,
      now: c.now,
      sleep: c.sleep,
      onState: (set, status, id) => void states.push(`${set} ${status} ${id}`),
    });
    expect(api.problems).toEqual([]);
    const [de, ja] = api.renders;
    // What the service received: two creates (each with its set's body and key), then polls.
    expect(api.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /v1/renders',
      'POST /v1/renders',
      `GET /v1/renders/${de!.id}`,
      `GET /v1/renders/${ja!.id}`,
      `GET /v1/renders/${de!.id}`,
      `GET /v1/renders/${ja!.id}`,
      ...[1, 2, 3, 4].map((i) => `GET /v1/renders/${de!.id}/images/${i}`),
      ...[1, 2, 3, 4].map((i) => `GET /v1/renders/${ja!.id}/images/${i}`),
    ]);
    const opts = { metadata: { run: 41 } };
    for (const [i, set] of sets.entries()) {
      const expected = buildSetRequest([...groupSets(p.jobs).get(set)!], opts, readShot);
      const create = api.received[i]!;
      expect(create.headers['idempotency-key']).toBe(expected.idempotencyKey);
      expect(JSON.parse(create.body)).toEqual(JSON.parse(JSON.stringify(expected.body)));
    }
    expect(c.sleeps).toEqual([1000]);
    expect(states).toEqual([
      `de-DE/play.phone processing ${de!.id}`,
      `ja/play.phone processing ${ja!.id}`,
      `de-DE/play.phone processing ${de!.id}`,
      `ja/play.phone processing ${ja!.id}`,
      `de-DE/play.phone succeeded ${de!.id}`,
      `ja/play.phone succeeded ${ja!.id}`,
    ]);
    expect(result.renders).toEqual([
      { set: 'de-DE/play.phone', id: de!.id, status: 'succeeded' },
      { set: 'ja/play.phone', id: ja!.id, status: 'succeeded' },
    ]);
    expect(result.remoteFindings).toEqual([
      { rule: 'remote.play.promo-eligibility', severity: 'warning', message: 'm' },
    ]);
    // Each job's file holds the image its own set's render made for its slide.
    expect(result.images.map((i) => i.job.id)).toEqual(p.jobs.map((j) => j.id));
    for (const img of result.images) {
      const render = img.job.locale === 'ja' ? ja! : de!;
      const bytes = FakeRenderApi.imageBytes(render.id, img.job.slide);
      expect(readFileSync(img.file)).toEqual(bytes);
      expect(path.relative(p.outDir, img.file)).toBe(img.job.output.path);
      expect(img.text).toEqual([]);
      expect(img.record).toEqual({
        path: img.job.output.path,
        locale: img.job.locale,
        preset: 'play.phone',
        slide: img.job.slide,
        index: img.job.index,
        width: 1080,
        height: 1920,
        format: 'png',
        bytes: bytes.length,
        sha256: sha(bytes),
        cached: false,
      });
    }
    expect(files(p.outDir)).toEqual(p.jobs.map((j) => j.output.path).sort());
  });

  it('a rerun reuses the renders the service replays, and says which were replayed', async () => {
    const api = await start();
    const p = plan();
    const seen: string[] = [];
    const opts = {
      baseUrl: api.url,
      apiKey: KEY,
      readFile: readShot,
      onState: (set: string, status: string, id: string) => void seen.push(`${set} ${status} ${id}`),
    };
    const first = await submitSets(p, opts);
    expect(first.sets.map((s) => s.set)).toEqual(['de-DE/play.phone', 'ja/play.phone']);
    expect(first.sets.map((s) => s.jobs)).toEqual([...groupSets(p.jobs).values()]);
    const ids = api.renders.map((r) => r.id);
    expect(first.submitted).toEqual([
      { set: 'de-DE/play.phone', id: ids[0], status: 'processing', replayed: false },
      { set: 'ja/play.phone', id: ids[1], status: 'processing', replayed: false },
    ]);
    const again = await submitSets(p, opts);
    expect(again.submitted).toEqual([
      { set: 'de-DE/play.phone', id: ids[0], status: 'processing', replayed: true },
      { set: 'ja/play.phone', id: ids[1], status: 'processing', replayed: true },
    ]);
    expect(api.renders).toHaveLength(2);
    expect(seen).toEqual([
      `de-DE/play.phone processing ${ids[0]}`,
      `ja/play.phone processing ${ids[1]}`,
      `de-DE/play.phone processing ${ids[0]}`,
      `ja/play.phone processing ${ids[1]}`,
    ]);
    expect(api.problems).toEqual([]);
  });

  it('refuses an answer without a render id, naming the set', async () => {
    const api = await start();
    api.intercept = (r) => (r.method === 'POST' ? { status: 202, body: { status: 'processing' } } : undefined);
    const err = await failure(submitSets(plan(), { baseUrl: api.url, apiKey: KEY, readFile: readShot }));
    expect(err).toBeInstanceOf(RenderError);
    expect(err!.message).toBe('the render API answered without a render id for de-DE/play.phone');
    expect(api.problems).toEqual([]);
  });

  it("an error the API answers becomes a RenderError naming the render API; remote mode's own refusals pass unchanged", async () => {
    const api = await start();
    const p = plan();
    const c = clock();
    const opts = { baseUrl: api.url, apiKey: KEY, readFile: readShot, now: c.now, sleep: c.sleep };
    api.intercept = (r) =>
      r.method === 'POST'
        ? {
            status: 400,
            body: { error: { code: 'invalid_request', message: 'unknown preset', param: 'canvas.preset' } },
          }
        : undefined;
    const refused = await failure(renderRemote(p, opts));
    expect(refused).toBeInstanceOf(RenderError);
    expect(refused!.message).toBe(
      `render API: POST ${api.url}/v1/renders answered 400 invalid_request: unknown preset (canvas.preset)`,
    );
    // A render that failed: named with its set and error, as downloadImages says it.
    api.intercept = undefined;
    api.states = ['failed'];
    const failed = await failure(renderRemote(p, opts));
    expect(failed).toBeInstanceOf(RenderError);
    expect(failed!.message).toBe(
      `render ${api.renders[0]!.id} for de-DE/play.phone failed: render_failed: the renderer gave up`,
    );
    // Bytes that do not match their sha256 (one byte flipped, same length): our own refusal, not the API's.
    api.states = ['succeeded'];
    api.intercept = (r) => {
      const m = /^\/v1\/renders\/(rnd_\w+)\/images\/2$/.exec(r.url);
      if (!m) return undefined;
      const raw = Buffer.from(api.renders.find((x) => x.id === m[1])!.images[1]!.bytes);
      raw[0]! ^= 1;
      return { status: 200, raw, headers: { 'content-type': 'image/png' } };
    };
    const q = plan();
    const corrupt = await failure(renderRemote(q, { ...opts, metadata: { run: 3 } }));
    const first = api.renders.at(-2)!;
    const good = first.images[1]!.bytes;
    const flipped = Buffer.from(good);
    flipped[0]! ^= 1;
    expect(corrupt).toBeInstanceOf(RenderError);
    expect(corrupt!.message).toBe(
      `image 2 of render ${first.id} does not match its sha256 (got ${sha(flipped).slice(0, 12)}…, expected ${sha(good).slice(0, 12)}…)`,
    );
    expect(files(q.outDir)).toEqual([]);
    expect(api.problems).toEqual([]);
  });

  it('without an injected sleep, waits for real between polls', async () => {
    const api = await start();
    api.states = ['processing', 'processing', 'succeeded'];
    const p = plan();
    const { submitted } = await submitSets(p, { baseUrl: api.url, apiKey: KEY, readFile: readShot });
    const at: number[] = [];
    api.intercept = (r) => void (r.method === 'GET' && at.push(performance.now()));
    const done = await waitForRenders(submitted.slice(0, 1), { baseUrl: api.url, apiKey: KEY, pollMs: 60 });
    expect([...done.values()].map((r) => r.status)).toEqual(['succeeded']);
    expect(at).toHaveLength(3);
    // 60 ms, then 90 ms (a timer may fire a millisecond early).
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(58);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(88);
  });
});
