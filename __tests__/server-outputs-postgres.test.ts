// A job's outputs (src/server/outputs.ts) on PostgreSQL rows and blobs, as a worker on one machine
// and an API node on another see them: the worker's render threads make the outputs into its own
// scratch folder, Outputs puts them in PgBlobStore and records them through insertOutput; the
// worker's folder is then removed, and an API node (its own pool of connections, its own empty
// folder, no render threads) lists them, finds them and streams their bytes from the database.
// Then the whole way, as `serve --role api` and `storeshots worker` on two machines would run it: a set
// job with a font file, strings files, a theme file and outputs, accepted by one node's Sets, its
// local copies removed, rendered by another node's Renders (its own --data, its own render pool) which
// finds every file through PgBlobStore; the first node then serves its images and outputs.
// The real pieces throughout: a throwaway PostgreSQL cluster (helpers/postgres.ts), the render pool
// running dist/render/worker.js, PNGs made by sharp. The routes over the same calls are tested on
// SQLite by server-outputs and server-workers.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Job } from '../src/plan/types.js';
import { RenderPool } from '../src/render/pool.js';
import { jobRecord } from '../src/report/record.js';
import { DecodeBudget } from '../src/server/budget.js';
import { loadConfig } from '../src/server/config.js';
import { Deliveries } from '../src/server/deliveries.js';
import { LinkSigner } from '../src/server/links.js';
import { Metrics } from '../src/server/metrics.js';
import { type OutputSource, Outputs } from '../src/server/outputs.js';
import { Renders } from '../src/server/renders.js';
import { Sets } from '../src/server/sets.js';
import { PgBlobStore } from '../src/server/storage/pg-blobs.js';
import { PostgresStore } from '../src/server/storage/postgres.js';
import type { RenderRow } from '../src/server/storage/types.js';
import { describePg, usePostgres } from './helpers/postgres.js';
import { ROOT, SCREEN_PNG } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const ID = 'rnd_outputs_on_postgres';
const T0 = Date.UTC(2026, 11, 3, 2);

/** A node's files: blob keys as renders.ts makes them, under this node's own folder. */
const filesUnder = (root: string) => ({
  keyOf: (id: string, rel: string) => `renders/${id}/${rel}`,
  localFile: (key: string) => path.join(root, ...key.split('/')),
});

async function streamed(s: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(parts);
}

describePg('outputs on PostgreSQL: made by a worker, served by another node', () => {
  const pg = usePostgres();
  const stores: PostgresStore[] = [];
  const folders: string[] = [];
  let pool: RenderPool;
  afterAll(async () => {
    await pool?.close();
    for (const s of stores) await s.close();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });

  const node = async () => {
    const store = PostgresStore.open({ url: pg.url(), max: 4, log: () => undefined });
    stores.push(store);
    await store.migrate();
    const root = mkdtempSync(path.join(tmpdir(), 'storeshots-pg-outputs-'));
    folders.push(root);
    return { store, blobs: new PgBlobStore(store.pool), root };
  };

  let worker: Awaited<ReturnType<typeof node>>;
  let api: Awaited<ReturnType<typeof node>>;
  let row: RenderRow;
  const images: Buffer[] = [];
  const jobs: Job[] = [];
  beforeAll(async () => {
    worker = await node();
    api = await node();
    const opened = await RenderPool.open(1);
    if (!(opened instanceof RenderPool)) throw new Error(opened.unavailable);
    pool = opened;
    await worker.store.insertRender({
      id: ID,
      owner: 'alpha',
      status: 'processing',
      created_at: T0,
      expires_at: T0 + 86_400_000,
      spec: '{}',
      jobs: '[]',
      slides: 2,
      base_url: 'http://127.0.0.1:1',
    });
    // The worker's rendered images: in the blob store and in its own folder (renders.ts putFile).
    const files = filesUnder(worker.root);
    for (const [k, colour] of ['#c0392b', '#2980b9'].entries()) {
      const png = await sharp({ create: { width: 90, height: 160, channels: 3, background: colour } })
        .png()
        .toBuffer();
      const slide = ['home', 'share'][k]!;
      const job = {
        locale: 'en-US',
        preset: 'play.phone',
        slide,
        index: k + 1,
        size: { width: 90, height: 160 },
        output: { path: `en-US/play.phone/0${k + 1}-${slide}.png`, format: 'png', quality: 90 },
      } as unknown as Job;
      const key = files.keyOf(ID, `out/${job.output.path}`);
      await worker.blobs.put(key, png);
      mkdirSync(path.dirname(files.localFile(key)), { recursive: true });
      writeFileSync(files.localFile(key), png);
      await worker.store.insertImage({
        render_id: ID,
        idx: k + 1,
        slide,
        file: key,
        width: 90,
        height: 160,
        format: 'png',
        bytes: png.length,
        sha256: sha(png),
        text: '[]',
      });
      images.push(png);
      jobs.push(job);
    }
    row = (await worker.store.render(ID))!;
  }, 120_000);

  const OUTPUTS = [
    { id: 'png', type: 'png' as const },
    { id: 'jpeg', type: 'jpeg' as const, quality: 80 },
    { id: 'contact-sheet', type: 'contact-sheet' as const },
    { id: 'report', type: 'report' as const },
  ];

  it('the worker makes them on its render threads and keeps them in the database, not only on its disk', async () => {
    const files = filesUnder(worker.root);
    const outputs = new Outputs(worker.store, worker.blobs, pool, files);
    const rows = await worker.store.images(ID);
    const items = rows.map((i) => ({ job: jobs[i.idx - 1]!, file: files.localFile(i.file), image: i }));
    const src: OutputSource = {
      items,
      title: 'Habits',
      pathOf: (job, ext) => job.output.path.replace(/\.png$/, `.${ext}`),
      report: () => ({
        records: items.map((it) => jobRecord(it.job, it.image.bytes, it.image.sha256, false)),
        findings: [],
      }),
    };
    const before = pool.tasks.output;
    await outputs.make(row, OUTPUTS, src, new AbortController().signal);
    expect(pool.tasks.output - before).toBe(OUTPUTS.length);
    // Made once: a resumed job (another worker taking it over) skips the outputs it has.
    await outputs.make(row, OUTPUTS, src, new AbortController().signal);
    expect(pool.tasks.output - before).toBe(OUTPUTS.length);
    expect((await worker.blobs.list(`renders/${ID}/outputs`)).sort()).toEqual(
      ['contact-sheet.png', 'jpeg.zip', 'png.zip', 'report.json'].map((f) => `renders/${ID}/outputs/${f}`),
    );
    // The worker's machine is gone: nothing of it is left on disk.
    rmSync(worker.root, { recursive: true, force: true });
  });

  it('an API node on another machine lists, finds and streams each from the database', async () => {
    const outputs = new Outputs(api.store, api.blobs, undefined, filesUnder(api.root));
    const listed = await outputs.list(row);
    expect(listed.map((o) => [o.id, o.file, o.content_type])).toEqual([
      ['png', `renders/${ID}/outputs/png.zip`, 'application/zip'],
      ['jpeg', `renders/${ID}/outputs/jpeg.zip`, 'application/zip'],
      ['contact-sheet', `renders/${ID}/outputs/contact-sheet.png`, 'image/png'],
      ['report', `renders/${ID}/outputs/report.json`, 'application/json'],
    ]);
    const bytes = new Map<string, Buffer>();
    for (const o of OUTPUTS) {
      const f = await outputs.find(row, OUTPUTS, o.id, 'render');
      const s = await api.blobs.stream(f.key);
      expect(s, f.key).toBeDefined();
      const b = await streamed(s!);
      const made = listed.find((x) => x.id === o.id)!;
      expect([b.length, sha(b), f.sha256]).toEqual([made.bytes, made.sha256, made.sha256]);
      bytes.set(o.id, b);
    }
    // The PNG zip holds the worker's images as they were; the JPEG zip the same pictures as JPEGs.
    const png = unzipSync(bytes.get('png')!);
    expect(Object.keys(png)).toEqual(jobs.map((j) => j.output.path));
    jobs.forEach((j, k) => expect(Buffer.from(png[j.output.path]!).equals(images[k]!)).toBe(true));
    const jpeg = unzipSync(bytes.get('jpeg')!);
    for (const j of jobs) {
      const m = await sharp(Buffer.from(jpeg[j.output.path.replace(/\.png$/, '.jpg')]!)).metadata();
      expect([m.format, m.width, m.height]).toEqual(['jpeg', 90, 160]);
    }
    expect((await sharp(bytes.get('contact-sheet')!).metadata()).format).toBe('png');
    const report = JSON.parse(bytes.get('report')!.toString());
    expect(report.images.map((i: { sha256: string }) => i.sha256)).toEqual(images.map(sha));
    // Listed as ready once the job has succeeded; an unknown output is a 404 naming the ones it has.
    await api.store.finish(ID, ['processing'], 'succeeded', { completed_at: T0 + 1, expires_at: T0 + 86_400_000 });
    const done = (await api.store.render(ID))!;
    const shown = await outputs.present(done, OUTPUTS, `http://127.0.0.1:1/v1/renders/${ID}`, undefined);
    expect(shown.map((o) => [o.id, o.status, o.url])).toEqual(
      OUTPUTS.map((o) => [o.id, 'ready', `http://127.0.0.1:1/v1/renders/${ID}/outputs/${o.id}`]),
    );
    await expect(outputs.find(done, OUTPUTS, 'thumbnail', 'render')).rejects.toMatchObject({
      status: 404,
      code: 'output_not_found',
      message: `Render ${ID} has no output thumbnail (it has png, jpeg, contact-sheet, report)`,
    });
    // A node without render threads never makes outputs itself.
    await expect(
      outputs.make(done, [{ id: 'pdf', type: 'review-pdf' }], {} as OutputSource, new AbortController().signal),
    ).rejects.toThrow(/no render pool/);
  });
});

describePg('a set job accepted on one node and rendered by a worker on another (PostgreSQL rows and blobs)', () => {
  const pg = usePostgres();
  const stores: PostgresStore[] = [];
  const folders: string[] = [];
  const running: Renders[] = [];
  let pool: RenderPool | undefined;
  afterAll(async () => {
    for (const r of running) await r.stop(true);
    await pool?.close();
    for (const s of stores) await s.close();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });

  /** One node as server.ts wires it, on the shared database, with its own --data; a worker has a render pool. */
  async function node(name: string, worker: boolean) {
    const store = PostgresStore.open({ url: pg.url(), max: 4, log: () => undefined });
    stores.push(store);
    await store.migrate();
    const blobs = new PgBlobStore(store.pool);
    const data = mkdtempSync(path.join(tmpdir(), `storeshots-pg-${name}-`));
    folders.push(data);
    const config = loadConfig({ port: '0', host: '127.0.0.1', data }, { STORESHOTS_POLL_MS: '50' }, data);
    const metrics = new Metrics();
    const log = () => undefined;
    const deliveries = new Deliveries(store, config, Date.now, metrics, log, name);
    if (worker) {
      const opened = await RenderPool.open(1);
      if (!(opened instanceof RenderPool)) throw new Error(opened.unavailable);
      pool = opened;
    }
    const renders = new Renders(
      store,
      blobs,
      { worker: name, leaseMs: 10_000, render: worker, recoverAll: false },
      worker ? pool : undefined,
      new DecodeBudget(config.limits.decodeBudgetBytes),
      config,
      Date.now,
      deliveries,
      metrics,
      log,
      new LinkSigner([Buffer.alloc(32, 7)]),
    );
    const sets = new Sets(store, blobs, renders, config, Date.now);
    return { store, blobs, data, renders, sets };
  }

  it('the worker finds the font, strings and theme through the blob store, makes the outputs, and the API node serves them', async () => {
    const api = await node('api', false);
    const manifest = {
      version: 1,
      app: { name: 'Habits' },
      locales: ['en-US', 'hy-AM'],
      'fallback-locale': 'en-US',
      presets: ['play.phone'],
      screenshots: 'shots/{slide}.png',
      theme: 'brand/theme.json',
      fonts: ['brand/Armenian.ttf'],
      strings: ['l10n/{locale}.json'],
      style: { headline: { font: 'Noto Sans Armenian' } },
      slides: [{ id: 'home', headline: { key: 'home.title' } }],
    };
    const files = new Map<string, Buffer>([
      ['shots/home.png', SCREEN_PNG],
      ['brand/Armenian.ttf', readFileSync(path.join(ROOT, 'fonts/NotoSansArmenian-Regular.ttf'))],
      ['brand/theme.json', Buffer.from(JSON.stringify({ name: 'brand', style: { background: { color: '#7c2d12' } } }))],
      ['l10n/en-US.json', Buffer.from(JSON.stringify({ home: { title: 'Hello' } }))],
      ['l10n/hy-AM.json', Buffer.from(JSON.stringify({ home: { title: 'Բարեւ' } }))],
    ]);
    const outputs = [{ type: 'png' }, { type: 'review-pdf' }, { type: 'report' }];
    const accepted = await api.sets.create(
      'alpha',
      { async: true, layout: 'flat', manifest, outputs },
      files,
      'http://127.0.0.1:1',
    );
    expect(accepted.status).toBe('queued');
    // Every file is in the database; the API node's own copies are removed (another machine has none).
    expect(await api.blobs.list(`renders/${accepted.id}/inputs`)).toEqual(
      expect.arrayContaining([...files.keys()].map((n) => `renders/${accepted.id}/inputs/${n}`)),
    );
    rmSync(api.renders.dirOf(accepted.id), { recursive: true, force: true });

    const worker = await node('worker', true);
    running.push(worker.renders);
    worker.renders.start();
    const done = await waitFor(
      async () => {
        const r = await api.store.render(accepted.id);
        return r && ['succeeded', 'failed', 'canceled'].includes(r.status) ? r : undefined;
      },
      { timeoutMs: 300_000, intervalMs: 50, what: 'the set to end on the worker' },
    );
    expect(done.status, done.error ?? '').toBe('succeeded');
    expect(existsSync(worker.renders.dirOf(accepted.id))).toBe(true);
    expect(existsSync(api.renders.dirOf(accepted.id))).toBe(false);

    // The API node: the answer lists the outputs ready; each comes from the database.
    const shown = await api.sets.present(done);
    expect((shown.outputs as Array<{ id: string; status: string }>).map((o) => [o.id, o.status])).toEqual([
      ['png', 'ready'],
      ['review-pdf', 'ready'],
      ['report', 'ready'],
    ]);
    const get = async (id: string) => {
      const f = await api.sets.output(done, id);
      const b = await streamed((await api.blobs.stream(f.key))!);
      expect(sha(b)).toBe(f.sha256);
      return b;
    };
    const zip = unzipSync(await get('png'));
    expect(Object.keys(zip).sort()).toEqual(['en-US/play.phone/01-home.png', 'hy-AM/play.phone/01-home.png']);
    for (const i of await api.store.images(done.id)) {
      const path_ = (shown.images as Array<{ index: number; path: string }>).find((x) => x.index === i.idx)!.path;
      expect(Buffer.from(zip[path_]!).equals((await api.blobs.get(i.file))!)).toBe(true);
    }
    // The theme's background, and the two locales' strings drawn differently (the Armenian one in the uploaded font).
    const [en, hy] = await Promise.all(
      ['en-US', 'hy-AM'].map((l) =>
        sharp(Buffer.from(zip[`${l}/play.phone/01-home.png`]!))
          .raw()
          .toBuffer(),
      ),
    );
    expect([...en!.subarray(0, 3)]).toEqual([0x7c, 0x2d, 0x12]);
    expect(en!.equals(hy!)).toBe(false);
    expect((await get('review-pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(JSON.parse((await get('report')).toString()).images).toHaveLength(2);
  });
});
