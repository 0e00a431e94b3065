// Remote mode's waiting and downloading (src/remote/run.ts) against a loopback render API that
// answers as docs/render-api.md describes, scripted per request so that the cases a real service
// gives only by chance (a render still queued at the deadline, a failed or canceled render, bytes
// that do not match their sha256, an image of the wrong size or for a slide the set lacks) happen
// every time. The clock and the sleep are injected: nothing waits for real.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RenderApiClient, type RemoteImage, type RemoteRender } from '../src/remote/client.js';
import { downloadImages, downloadRenderedSet, remoteFindingsOf, waitForRenders } from '../src/remote/run.js';
import { loadProject } from '../src/project.js';
import { selectJobs } from '../src/plan/plan.js';
import { EXAMPLE, ROOT } from './helpers/cli.js';
import { RenderError } from '../src/util/errors.js';

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
    });
    const c = clock();
    const states: string[] = [];
    const done = await waitForRenders(
      [
        { set: 'en-US/play.phone', id: 'rnd_a' },
        { set: 'de-DE/play.phone', id: 'rnd_b' },
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
    expect([...done.keys()].sort()).toEqual(['rnd_a', 'rnd_b']);
    expect(done.get('rnd_a')!.status).toBe('succeeded');
    expect(done.get('rnd_b')!.status).toBe('failed');
    expect(states).toEqual([
      'en-US/play.phone queued rnd_a',
      'de-DE/play.phone processing rnd_b',
      'en-US/play.phone processing rnd_a',
      'en-US/play.phone succeeded rnd_a',
      'de-DE/play.phone failed rnd_b',
    ]);
    // A render that ended is not asked about again.
    expect(gets).toEqual(['rnd_a', 'rnd_b', 'rnd_a', 'rnd_b', 'rnd_a', 'rnd_b', 'rnd_a', 'rnd_b', 'rnd_b', 'rnd_b']);
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

describe('downloading a set of the plan', () => {
  const plan = () => ({
    ...selectJobs(loadProject({ config: EXAMPLE, cwd: ROOT }).plan, { locales: ['ja'], presets: ['play.phone'] }),
    outDir: mkdtempSync(path.join(tmpdir(), 'ss-run-set-')),
  });

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
