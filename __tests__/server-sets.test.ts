// Whole-set jobs and multi-output jobs (docs/render-api.md#whole-set-jobs, #outputs) against the real
// service on 127.0.0.1 with the real renderer: a manifest of 2 locales x 2 presets x 2 slides as one job,
// its fastlane archive compared file by file and pixel by pixel with what `storeshots render` writes for
// the same manifest, signed links without a key, the outputs (contact sheet, review PDF read back with
// Mozilla's PDF.js, report.json against the CLI's), idempotency, ownership, cancel, webhooks, and
// hostile requests (clear 4xx naming the field, nothing read outside, nothing left behind).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { Ajv } from 'ajv';
import sharp from 'sharp';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../src/util/signature.js';
import { runCli } from './helpers/cli.js';
import {
  api,
  b64,
  type InProcessService,
  KEY,
  OTHER_KEY,
  receiver,
  SCREEN_JPG,
  SCREEN_PNG,
  startService,
  startServiceInProcess,
  tempData,
  cleanup,
} from './helpers/server.js';
import { tempDirs } from './helpers/temp.js';
import { waitFor } from './helpers/wait.js';

const tmp = tempDirs('storeshots-sets-');
const LOCALES = ['en-US', 'de-DE'];
const SLIDES = ['home', 'stats'];
const PRESETS = ['appstore.iphone_6_9', 'play.phone'];

/** The manifest (screenshots.yml as JSON): 2 locales x 2 presets x 2 slides, screenshots by pattern. */
const manifest = (extra: Record<string, unknown> = {}) => ({
  version: 1,
  app: { name: 'Habits' },
  locales: LOCALES,
  presets: PRESETS,
  screenshots: 'shots/{locale}/{slide}.png',
  slides: [
    { id: 'home', headline: { 'en-US': 'Track every **habit**', 'de-DE': 'Jede Gewohnheit im **Blick**' } },
    { id: 'stats', headline: { 'en-US': 'See your stats', 'de-DE': 'Deine Statistik' } },
  ],
  output: { layout: 'fastlane' },
  ...extra,
});

/** The screenshots the manifest names, by path: a JPEG for de-DE's stats, so both formats go through. */
const shots = () =>
  new Map(
    LOCALES.flatMap((l) =>
      SLIDES.map((s) => [`shots/${l}/${s}.png`, l === 'de-DE' && s === 'stats' ? SCREEN_JPG : SCREEN_PNG] as const),
    ),
  );

/** POST /v1/sets as multipart: the JSON as `request`, each file as a part named by its manifest path. */
async function postSet(
  base: string,
  request: unknown,
  files: Map<string, Buffer> = shots(),
  opts: { key?: string; headers?: Record<string, string> } = {},
) {
  const fd = new FormData();
  fd.set('request', JSON.stringify(request));
  for (const [name, bytes] of files) fd.set(name, new Blob([bytes]), path.basename(name));
  const res = await fetch(`${base}/v1/sets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${opts.key ?? KEY}`, ...opts.headers },
    body: fd,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

async function fetchBytes(url: string, key?: string) {
  const res = await fetch(url, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

/** Polls GET /v1/sets/{id} until the job ends; every answer seen is kept, for the progress checks. */
async function pollSet(base: string, id: string, seen: any[] = []) {
  return waitFor(
    async () => {
      const r = await api(base, 'GET', `/v1/sets/${id}`);
      if (r.status !== 200) throw new Error(`poll ${id}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
      seen.push(r.body);
      return ['succeeded', 'failed', 'canceled'].includes(r.body.status) ? r.body : undefined;
    },
    { timeoutMs: 600_000, intervalMs: 25, what: `set ${id} to end` },
  );
}

/** Decoded RGBA pixels, to compare images by what they show. */
const pixels = async (bytes: Buffer) => (await sharp(bytes).ensureAlpha().raw().toBuffer()).toString('base64');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under a folder, by its path relative to it. */
function filesUnder(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((name) => {
    const r = rel ? `${rel}/${name}` : name;
    return statSync(path.join(dir, r)).isDirectory() ? filesUnder(dir, r) : [r];
  });
}

/** What `storeshots render` writes for the same manifest and screenshots (its output folder). */
async function renderWithCli(m: unknown): Promise<string> {
  const dir = tmp();
  writeFileSync(path.join(dir, 'screenshots.yml'), JSON.stringify(m, null, 2));
  for (const [name, bytes] of shots()) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), bytes);
  }
  const r = await runCli(['render', '-c', 'screenshots.yml', '--out', 'out', '--no-cache', '--fail-on', 'never'], dir);
  expect(r.code, r.stderr).toBe(0);
  return path.join(dir, 'out');
}

describe('whole-set jobs', () => {
  let s: InProcessService;
  let cliOut: string;
  let hook: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    hook = await receiver([200]);
    s = await startServiceInProcess({
      env: {
        STORESHOTS_API_KEYS: `${KEY},${OTHER_KEY}`,
        STORESHOTS_WORKERS: '2',
        STORESHOTS_POLL_MS: '20',
        STORESHOTS_LOG_LEVEL: 'silent',
        STORESHOTS_RATE_LIMIT: '0',
        STORESHOTS_ALLOW_PRIVATE_URLS: '1',
        STORESHOTS_MAX_SET_IMAGES: '8',
      },
    });
    cliOut = await renderWithCli(manifest());
  });
  afterAll(async () => {
    await s?.close();
    await hook?.close();
  });

  let done: any;

  it('renders 2 locales x 2 presets x 2 slides as one job, its progress rising to total_steps', async () => {
    const r = await postSet(s.url, {
      async: true,
      manifest: manifest(),
      webhook_url: `${hook.url}/hooks`,
      webhook_secret: 'whsec_set',
      metadata: { pr: 7 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body).toMatchObject({ object: 'set', status: 'processing', total_steps: 8, done_steps: 0 });
    expect(r.body.id).toMatch(/^set_[0-9a-f]{24}$/);
    expect(r.body.polling_url).toBe(`/v1/sets/${r.body.id}`);

    const seen: any[] = [];
    done = await pollSet(s.url, r.body.id, seen);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    // Progress only rises, each step is an image that is there, and it ends at total_steps.
    const steps = seen.map((b) => b.done_steps);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    for (const b of seen) {
      expect(b.total_steps).toBe(8);
      if (b.status === 'processing') expect(b.images).toHaveLength(b.done_steps);
    }
    expect(done.done_steps).toBe(8);
    expect(done).toMatchObject({ layout: 'fastlane', locales: LOCALES, presets: PRESETS, slides: SLIDES });
    expect(done.credits_used).toBe(8);
    expect(done.metadata).toEqual({ pr: 7 });
    expect(done.images.map((i: any) => `${i.locale}/${i.preset}/${i.slide}`)).toEqual(
      LOCALES.flatMap((l) => PRESETS.flatMap((p) => SLIDES.map((sl) => `${l}/${p}/${sl}`))),
    );

    // The webhook says set.succeeded, signed, with the set as its data.
    const [got] = await hook.next(1);
    expect(got!.headers['x-asa-event']).toBe('set.succeeded');
    expect(verifyWebhook('whsec_set', got!.body, String(got!.headers['x-asa-signature'])).ok).toBe(true);
    expect(JSON.parse(got!.body).data).toMatchObject({ object: 'set', id: done.id, status: 'succeeded' });
  });

  it("archives the set in fastlane's layout: the same paths and pixels `storeshots render` writes", async () => {
    const zip = await fetchBytes(done.archive_url, KEY);
    expect(zip.status).toBe(200);
    expect(zip.type).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(zip.body));
    const cliFiles = filesUnder(cliOut)
      .filter((f) => !/^report\.(json|html)$/.test(f))
      .sort();
    expect(cliFiles).toHaveLength(8);
    expect(Object.keys(entries).sort()).toEqual(cliFiles);
    for (const f of cliFiles) {
      const ours = Buffer.from(entries[f]!);
      const theirs = readFileSync(path.join(cliOut, f));
      expect(await pixels(ours), f).toBe(await pixels(theirs));
    }
    // Each image's path in the answer is its place in the archive, and its sha256 the archived bytes'.
    for (const i of done.images) expect(sha(Buffer.from(entries[i.path]!))).toBe(i.sha256);
  });

  it('serves each image through its signed link without a key, and refuses an altered one', async () => {
    for (const i of done.images) {
      expect(i.download_url).toMatch(
        new RegExp(`/v1/files/sets/${done.id}/images/${i.index}\\?expires=\\d+&signature=[\\w-]{43}$`),
      );
      const got = await fetchBytes(i.download_url);
      expect(got.status).toBe(200);
      expect(sha(got.body)).toBe(i.sha256);
      const meta = await sharp(got.body).metadata();
      expect([meta.width, meta.height]).toEqual([i.width, i.height]);
    }
    const archive = await fetchBytes(done.archive_download_url);
    expect(archive.status).toBe(200);
    // A link to image 1 does not open image 2; the key-less poll is refused.
    const other = done.images[0].download_url.replace('/images/1?', '/images/2?');
    expect((await fetchBytes(other)).status).toBe(403);
    expect((await fetchBytes(`${s.url}/v1/sets/${done.id}`)).status).toBe(401);
  });

  it('describes every set route in the OpenAPI document, and its answers fit the Set schema there', async () => {
    const doc = (await api(s.url, 'GET', '/v1/openapi.json', undefined, { key: null })).body;
    for (const r of s.routes.filter((x) => x.url.includes('/sets') && x.method !== 'HEAD')) {
      const p = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[p]?.[r.method.toLowerCase()], `${r.method} ${p}`).toBeDefined();
    }
    const ajv = new Ajv({ strict: false, validateFormats: false });
    const check = ajv.compile({ ...doc.components.schemas.Set, components: doc.components });
    expect(check(done), JSON.stringify(check.errors)).toBe(true);
    expect(check({ ...done, status: 'done' })).toBe(false);
  });

  it('belongs to the key that made it: lists, polls and files are 404 to another key; renders do not list it', async () => {
    expect((await api(s.url, 'GET', `/v1/sets/${done.id}`, undefined, { key: OTHER_KEY })).body.error.code).toBe(
      'set_not_found',
    );
    expect((await fetchBytes(`${s.url}/v1/sets/${done.id}/archive`, OTHER_KEY)).status).toBe(404);
    const mine = await api(s.url, 'GET', '/v1/sets');
    expect(mine.body.data.map((x: any) => x.id)).toContain(done.id);
    expect((await api(s.url, 'GET', '/v1/sets', undefined, { key: OTHER_KEY })).body.data).toEqual([]);
    expect((await api(s.url, 'GET', '/v1/renders')).body.data.map((x: any) => x.id)).not.toContain(done.id);
    // A set id is no render, and a render route never serves it.
    expect((await api(s.url, 'GET', `/v1/renders/${done.id}`)).status).toBe(404);
  });

  it('replays an Idempotency-Key: one job for two requests; another body is 422', async () => {
    const body = { async: true, manifest: manifest({ locales: ['en-US'], presets: ['play.phone'] }) };
    const files = new Map([...shots()].filter(([n]) => n.includes('en-US')));
    const headers = { 'idempotency-key': 'set-key-1' };
    const a = await postSet(s.url, body, files, { headers });
    const b = await postSet(s.url, body, files, { headers });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.body.id).toBe(a.body.id);
    const c = await postSet(s.url, { ...body, metadata: { other: true } }, files, { headers });
    expect(c.status).toBe(422);
    expect(c.body.error.code).toBe('idempotency_key_reused');
    // Cancel: a queued or running set ends canceled (or, had it finished already, says so).
    const x = await api(s.url, 'POST', `/v1/sets/${a.body.id}/cancel`);
    if (x.status === 200) expect(x.body.status).toBe('canceled');
    else expect(x.body.error.code).toBe('set_not_cancelable');
    const ended = await pollSet(s.url, a.body.id);
    expect(['canceled', 'succeeded']).toContain(ended.status);
  });

  it('answers synchronously with the set, and takes screenshots as base64 in files instead of uploads', async () => {
    const r = await api(s.url, 'POST', '/v1/sets', {
      manifest: manifest({ locales: ['de-DE'], presets: ['play.phone'], output: { layout: 'flat' } }),
      layout: 'flutter',
      files: { 'shots/de-DE/home.png': { data: b64(SCREEN_PNG) }, 'shots/de-DE/stats.png': { data: b64(SCREEN_JPG) } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('succeeded');
    // Flutter keeps fastlane under android/ (and ios/): Flutter's deployment guide.
    expect(r.body.images.map((i: any) => i.path)).toEqual([
      'android/fastlane/metadata/android/de-DE/images/phoneScreenshots/01_home.png',
      'android/fastlane/metadata/android/de-DE/images/phoneScreenshots/02_stats.png',
    ]);
  });
});

describe('multi-output set jobs', () => {
  let s: InProcessService;
  let cliOut: string;
  let done: any;
  beforeAll(async () => {
    s = await startServiceInProcess({
      env: {
        STORESHOTS_API_KEYS: KEY,
        STORESHOTS_WORKERS: '2',
        STORESHOTS_LOG_LEVEL: 'silent',
        STORESHOTS_RATE_LIMIT: '0',
      },
    });
    cliOut = await renderWithCli(manifest());
    const r = await postSet(s.url, {
      async: true,
      manifest: manifest(),
      outputs: [
        { type: 'png' },
        { id: 'jpeg-70', type: 'jpeg', quality: 70 },
        { type: 'contact-sheet' },
        { type: 'review-pdf' },
        { type: 'report' },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body.total_steps).toBe(8 + 5);
    done = await pollSet(s.url, r.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
  });
  afterAll(async () => s?.close());

  const output = (id: string) => done.outputs.find((o: any) => o.id === id);
  /** An output through its signed link, no key; its bytes match the answer's sha256. */
  async function get(id: string): Promise<Buffer> {
    const o = output(id);
    expect(o).toMatchObject({ status: 'ready' });
    const got = await fetchBytes(o.download_url);
    expect(got.status).toBe(200);
    expect(got.type).toContain(o.content_type);
    expect(sha(got.body)).toBe(o.sha256);
    expect(got.body.length).toBe(o.bytes);
    return got.body;
  }

  it('lists every output asked for, each with its own URL and signed link, done_steps counting them', () => {
    expect(done.done_steps).toBe(13);
    expect(done.outputs.map((o: any) => [o.id, o.type])).toEqual([
      ['png', 'png'],
      ['jpeg-70', 'jpeg'],
      ['contact-sheet', 'contact-sheet'],
      ['review-pdf', 'review-pdf'],
      ['report', 'report'],
    ]);
    for (const o of done.outputs) {
      expect(o.url).toBe(`${s.url}/v1/sets/${done.id}/outputs/${o.id}`);
      expect(o.download_url).toContain(`/v1/files/sets/${done.id}/outputs/${o.id}?expires=`);
    }
  });

  it('makes the PNG set and a JPEG set at the quality asked, in the layout', async () => {
    const png = unzipSync(new Uint8Array(await get('png')));
    expect(Object.keys(png).sort()).toEqual(done.images.map((i: any) => i.path).sort());
    const jpeg = unzipSync(new Uint8Array(await get('jpeg-70')));
    expect(Object.keys(jpeg).sort()).toEqual(done.images.map((i: any) => i.path.replace(/\.png$/, '.jpg')).sort());
    for (const i of done.images) {
      const j = Buffer.from(jpeg[i.path.replace(/\.png$/, '.jpg')]!);
      const meta = await sharp(j).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', i.width, i.height]);
      // The same picture (JPEG-close) as the PNG, at a fraction of the bytes.
      const a = await sharp(Buffer.from(png[i.path]!)).removeAlpha().raw().toBuffer();
      const b = await sharp(j).removeAlpha().raw().toBuffer();
      let diff = 0;
      for (let k = 0; k < a.length; k++) diff += Math.abs(a[k]! - b[k]!);
      expect(diff / a.length).toBeLessThan(4);
      expect(j.length).toBeLessThan(i.bytes);
    }
  });

  it('draws a contact sheet with every image in its slot of the grid, under its labels', async () => {
    const sheet = await get('contact-sheet');
    // The grid as documented, computed here by hand: 16 px gaps, a 40 px label band over each row
    // (locale x preset, in plan order), 480 px tall tiles (the rows fit 2400 px), 28 px captions under them.
    const gap = 16;
    const rowH = 40 + 480 + 28 + gap;
    const tileW = (i: any) => Math.round((i.width * 480) / i.height);
    const widest = Math.max(...done.images.map((i: any) => tileW(i)));
    const meta = await sharp(sheet).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', gap + 2 * (widest + gap), gap + 4 * rowH]);
    const rows = LOCALES.flatMap((l) => PRESETS.map((p) => [l, p]));
    for (const i of done.images) {
      const r = rows.findIndex(([l, p]) => l === i.locale && p === i.preset);
      const k = SLIDES.indexOf(i.slide);
      const slot = { left: gap + k * (tileW(i) + gap), top: gap + r * rowH + 40, width: tileW(i), height: 480 };
      const full = await fetchBytes(i.download_url);
      const want = await sharp(full.body)
        .resize(slot.width, slot.height, { fit: 'fill' })
        .removeAlpha()
        .raw()
        .toBuffer();
      const got = await sharp(sheet).extract(slot).removeAlpha().raw().toBuffer();
      let diff = 0;
      for (let b = 0; b < want.length; b++) diff += Math.abs(want[b]! - got[b]!);
      expect(diff / want.length, `${i.locale}/${i.preset}/${i.slide}`).toBeLessThan(2);
      // Dark caption text in the band under the tile, and the row label above the row.
      const caption = await sharp(sheet)
        .extract({ left: slot.left, top: slot.top + 480 + 4, width: 40, height: 24 })
        .greyscale()
        .raw()
        .toBuffer();
      expect(Math.min(...caption), `caption of ${i.slide}`).toBeLessThan(100);
      const label = await sharp(sheet)
        .extract({ left: gap, top: slot.top - 40, width: 60, height: 40 })
        .greyscale()
        .raw()
        .toBuffer();
      expect(Math.min(...label), `label of ${i.locale}/${i.preset}`).toBeLessThan(100);
    }
  });

  it('makes a review PDF of one page per locale x preset, labelled, read back by PDF.js', async () => {
    const pdf = await get('review-pdf');
    const standardFontDataUrl = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
    const doc = await getDocument({ data: new Uint8Array(pdf), standardFontDataUrl }).promise;
    expect(doc.numPages).toBe(4);
    const titles: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      expect(page.view).toEqual([0, 0, 842, 595]);
      const text = (await page.getTextContent()).items.map((x: any) => x.str).join('\n');
      titles.push(text.split('\n')[0]!.replace(/\s+/g, ' '));
      expect(text).toContain(`page ${n} of 4`);
      expect(text).toContain('approved by:');
      const preset = PRESETS.find((p) => text.includes(p))!;
      const size = preset === 'play.phone' ? '1080x1920' : '1320x2868';
      expect(text).toContain(`01 home (${size})`);
      expect(text).toContain(`02 stats (${size})`);
      // Two images drawn on the page: the two slides.
      const ops = await page.getOperatorList();
      const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
      expect(ops.fnArray.filter((f: number) => f === OPS.paintImageXObject)).toHaveLength(2);
    }
    expect(titles).toEqual(LOCALES.flatMap((l) => PRESETS.map((p) => `${l} / ${p}`)));
  });

  it('writes report.json as the CLI does for the same manifest', async () => {
    const report = JSON.parse((await get('report')).toString('utf8'));
    const cli = JSON.parse(readFileSync(path.join(cliOut, 'report.json'), 'utf8'));
    // The same records (paths, sizes, bytes, hashes: the renderer is deterministic), findings and summary.
    expect(report).toEqual(cli);
  });
});

describe('quotas count a set job by its images', () => {
  it('refuses a set that would pass the monthly quota with 402, before anything is stored', async () => {
    const s = await startServiceInProcess({
      env: {
        STORESHOTS_API_KEYS: KEY,
        STORESHOTS_WORKERS: '1',
        STORESHOTS_LOG_LEVEL: 'silent',
        STORESHOTS_MONTHLY_QUOTA: '7',
      },
    });
    try {
      const r = await postSet(s.url, { async: true, manifest: manifest() });
      expect(r.status, JSON.stringify(r.body)).toBe(402);
      expect(r.body.error).toMatchObject({ code: 'quota_exceeded', param: 'manifest' });
      expect(r.body.error.message).toMatch(/this request asks for 8/);
      expect(existsSync(path.join(s.data, 'renders')) ? readdirSync(path.join(s.data, 'renders')) : []).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('a set job survives kill -9', () => {
  const data = tempData();
  afterAll(() => cleanup(data));

  it('resumes after kill -9 where it stopped, keeping the images made before, then makes its outputs', async () => {
    const env = { STORESHOTS_WORKERS: '1', STORESHOTS_CONCURRENCY: '1' };
    const first = await startService({ data, env });
    const r = await postSet(first.url, { async: true, manifest: manifest(), outputs: [{ type: 'report' }] });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const mid: any = await waitFor(
      async () => {
        const b = (await api(first.url, 'GET', `/v1/sets/${r.body.id}`)).body;
        if (b.status === 'processing' && b.images.length > 0) return b;
        if (b.status !== 'queued' && b.status !== 'processing')
          throw new Error(`the set ended before the kill: ${JSON.stringify(b.error)}`);
        return undefined;
      },
      { timeoutMs: 150_000, intervalMs: 10, what: 'the set to be part-way' },
    );
    expect(mid.done_steps).toBeLessThan(mid.total_steps);
    await first.kill9();

    const second = await startService({ data, env });
    try {
      const done = await pollSet(second.url, r.body.id);
      expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
      expect(done.images).toHaveLength(8);
      expect(done.done_steps).toBe(9);
      // Images stored before the kill are the same files (kept, not rendered again into something else).
      for (const before of mid.images)
        expect(done.images.find((i: any) => i.index === before.index).sha256).toBe(before.sha256);
      // The answer's URLs are the first server's (the origin the job was made at); this one has another port.
      const here = (u: string) => u.replace(first.url, second.url);
      const report = JSON.parse((await fetchBytes(here(done.outputs[0].download_url))).body.toString('utf8'));
      expect(report.images.map((i: any) => i.sha256)).toEqual(done.images.map((i: any) => i.sha256));
      const zip = unzipSync(new Uint8Array((await fetchBytes(here(done.archive_url), KEY)).body));
      expect(Object.keys(zip)).toHaveLength(8);
    } finally {
      await second.stop();
    }
    // Its own waits allow 150 s for the set to get part-way and the poll its own limit: a loaded machine
    // (CI beside other work) took over the suite's 60 s default for the whole of it.
  }, 300_000);
});

describe('hostile set requests', () => {
  let s: InProcessService;
  beforeAll(async () => {
    s = await startServiceInProcess({
      env: {
        STORESHOTS_API_KEYS: KEY,
        STORESHOTS_WORKERS: '1',
        STORESHOTS_LOG_LEVEL: 'silent',
        STORESHOTS_RATE_LIMIT: '0',
        STORESHOTS_MAX_SET_IMAGES: '8',
      },
    });
  });
  afterAll(async () => s?.close());

  const refused = async (
    request: unknown,
    files: Map<string, Buffer> | undefined,
    want: { status?: number; code: string; param: string; message?: RegExp },
  ) => {
    const r = await postSet(s.url, request, files);
    expect(r.status, JSON.stringify(r.body)).toBe(want.status ?? 400);
    expect(r.body.error).toMatchObject({ code: want.code, param: want.param });
    if (want.message) expect(r.body.error.message).toMatch(want.message);
    // Nothing was kept: no job folder, no row.
    expect(existsSync(path.join(s.data, 'renders')) ? readdirSync(path.join(s.data, 'renders')) : []).toEqual([]);
    return r.body.error;
  };

  it('names the manifest field at fault with its path', async () => {
    await refused({ manifest: manifest({ locales: ['en-US', 'de-DE', 'de DE'] }) }, shots(), {
      code: 'invalid_request',
      param: 'manifest.locales[2]',
    });
    await refused({ manifest: manifest({ slides: [{ id: 'home', headlin: 'x' }] }) }, shots(), {
      code: 'invalid_request',
      param: 'manifest.slides[0].headlin',
      message: /did you mean "headline"/,
    });
    await refused({ manifest: manifest({ presets: ['appstore.iphone_69'] }) }, shots(), {
      code: 'invalid_request',
      param: 'manifest.presets[0]',
      message: /did you mean "appstore\.iphone_6_9"/,
    });
    await refused({ manifest: { ...manifest(), version: 2 } }, shots(), {
      code: 'invalid_request',
      param: 'manifest.version',
    });
    await refused({ manifest: manifest(), layout: 'react-native' }, shots(), {
      code: 'unsupported_layout',
      param: 'layout',
    });
    await refused({ manifest: manifest(), outputs: [{ type: 'gif' }] }, shots(), {
      code: 'invalid_request',
      param: 'outputs[0].type',
    });
    // A font the manifest names and nobody sent (font files are uploaded like screenshots).
    await refused({ manifest: manifest({ fonts: ['Brand.ttf'] }) }, shots(), {
      code: 'file_missing',
      param: 'manifest.fonts[0]',
    });
    // A capture is not taken in a set: the plan would point at the CLI's capture folder, outside the job.
    await refused(
      {
        manifest: manifest({
          slides: [
            { id: 'home', headline: 'Hi' },
            {
              id: 'web',
              headline: 'Web',
              screenshot: { capture: { url: 'https://example.com/', viewport: { width: 400, height: 800 } } },
            },
          ],
        }),
      },
      shots(),
      { code: 'parameter_unsupported', param: 'manifest.slides[1].screenshot.capture' },
    );
  });

  it('names the upload the manifest needs and did not get', async () => {
    const files = shots();
    files.delete('shots/de-DE/stats.png');
    await refused({ manifest: manifest() }, files, {
      code: 'file_missing',
      param: 'manifest.screenshots',
      message: /no file named "shots\/de-DE\/stats\.png"/,
    });
    const own = manifest({ slides: [{ id: 'home', headline: 'Hi', screenshot: 'home-shot.png' }] });
    await refused({ manifest: own }, shots(), {
      code: 'file_missing',
      param: 'manifest.slides[0].screenshot',
      message: /"home-shot\.png"/,
    });
  });

  it('refuses a manifest larger than a screenshots.yml may be, before parsing it', async () => {
    const huge = manifest({
      app: { name: 'x'.repeat(100) },
      slides: [{ id: 'home', headline: 'y'.repeat(1_100_000) }],
    });
    // As JSON (the body limit is 48 MiB): the manifest's own limit answers.
    const r = await api(s.url, 'POST', '/v1/sets', { manifest: huge });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'too_many_items', param: 'manifest' });
    expect(r.body.error.message).toMatch(/the limit is 1048576/);
    // As multipart, the request part's own limit (1 MiB) answers first.
    await refused({ manifest: huge }, new Map(), { status: 413, code: 'payload_too_large', param: 'request' });
  });

  it('refuses more images than a set job may make before reading any file', async () => {
    const big = manifest({ slides: ['a', 'b', 'c'].map((id) => ({ id, headline: 'x' })) });
    await refused({ manifest: big }, new Map(), {
      code: 'too_many_items',
      param: 'manifest',
      message: /makes 12 images/,
    });
  });

  it('never reads outside the job: ../ and absolute paths in the manifest or in upload names are refused', async () => {
    // A real PNG just outside the job's folder: a path that reached it would render.
    writeFileSync(path.join(s.data, 'x.png'), SCREEN_PNG);
    for (const p of ['../x.png', '../../x.png', '../../../x.png', `${s.data}/x.png`, 'shots/../../x.png']) {
      const m = manifest({ slides: [{ id: 'home', headline: 'Hi', screenshot: p }] });
      const e = await refused({ manifest: m }, shots(), {
        code: 'invalid_request',
        param: 'manifest.slides[0].screenshot',
      });
      expect(e.message).toMatch(/leaves the manifest's folder/);
    }
    for (const name of ['../x.png', '/etc/x.png', 'shots/../x.png', '.hidden.png', 'a\\b.png', 'shots//x.png']) {
      await refused({ manifest: manifest() }, new Map([...shots(), [name, SCREEN_PNG]]), {
        code: 'invalid_file_name',
        param: `files[${JSON.stringify(name)}]`,
      });
    }
  });

  it('refuses uploads that are not PNG or JPEG, and url files the SSRF rules forbid', async () => {
    const files = shots();
    files.set('shots/en-US/home.png', Buffer.from('#!/bin/sh\necho not an image\n'));
    await refused({ manifest: manifest() }, files, {
      code: 'unsupported_image',
      param: 'files["shots/en-US/home.png"]',
    });
    const asUrl = shots();
    asUrl.delete('shots/en-US/home.png');
    await refused(
      { manifest: manifest(), files: { 'shots/en-US/home.png': { url: 'http://169.254.169.254/latest/x.png' } } },
      asUrl,
      { code: 'url_refused', param: 'files["shots/en-US/home.png"]' },
    );
  });

  it('is still up and rendering after all of them', async () => {
    const r = await api(s.url, 'GET', '/healthz', undefined, { key: null });
    expect(r.status).toBe(200);
  });
});
