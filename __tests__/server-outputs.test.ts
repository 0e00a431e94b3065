// Outputs of a plain render (docs/render-api.md#outputs) against the real `storeshots serve` on
// 127.0.0.1: POST /v1/renders with `outputs` makes the PNG set, a JPEG set, a contact sheet, a review
// PDF (read back with Mozilla's PDF.js) and report.json, each with its own URL and signed link,
// described in the OpenAPI document. The outputs are made on the render threads, not the API's: the
// service's own count of tasks handed to its workers shows them there, and polls answer while they
// are being made.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { unzipSync } from 'fflate';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, b64, cleanup, SCREEN_PNG, type ServerHandle, startService } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const SLIDES = ['home', 'stats', 'share'];
const OUTPUTS = [
  { type: 'png' },
  { id: 'jpeg-60', type: 'jpeg', quality: 60 },
  { type: 'contact-sheet' },
  { type: 'review-pdf' },
  { type: 'report' },
];

const renderRequest = (extra: Record<string, unknown> = {}) => ({
  async: true,
  app: { name: 'Habits' },
  canvas: { preset: 'appstore.iphone_6_9' },
  slides: SLIDES.map((id) => ({ id, headline: `The ${id} screen`, screenshot: { data: b64(SCREEN_PNG) } })),
  outputs: OUTPUTS,
  ...extra,
});

/** The service's count of tasks handed to its render threads, by kind (GET /metrics). */
async function workerTasks(base: string, kind: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = new RegExp(`^storeshots_worker_tasks\\{kind="${kind}"\\} (\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

async function fetchBytes(url: string, key?: string) {
  const res = await fetch(url, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

describe('outputs of a render (POST /v1/renders)', () => {
  let s: ServerHandle;
  let done: any;
  const seen: any[] = [];
  let outputTasks = 0;
  beforeAll(async () => {
    s = await startService({ env: { STORESHOTS_WORKERS: '2' } });
    const before = await workerTasks(s.url, 'output');
    const r = await api(s.url, 'POST', '/v1/renders', renderRequest());
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body.total_steps).toBe(SLIDES.length + OUTPUTS.length);
    done = await waitFor(
      async () => {
        const p = await api(s.url, 'GET', `/v1/renders/${r.body.id}`);
        if (p.status !== 200) throw new Error(`poll: ${p.status} ${JSON.stringify(p.body)}`);
        seen.push(p.body);
        return ['succeeded', 'failed', 'canceled'].includes(p.body.status) ? p.body : undefined;
      },
      { timeoutMs: 600_000, intervalMs: 20, what: 'the render to end' },
    );
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    outputTasks = (await workerTasks(s.url, 'output')) - before;
  });
  afterAll(async () => {
    await s?.stop();
    if (s) cleanup(s.data);
  });

  const output = (id: string) => done.outputs.find((o: any) => o.id === id);
  /** An output through its signed link, no key; its bytes match the answer's sha256 and size. */
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

  it('lists each output with its own URL and signed link; done_steps counts them', async () => {
    expect(done.done_steps).toBe(SLIDES.length + OUTPUTS.length);
    expect(done.outputs.map((o: any) => o.id)).toEqual(['png', 'jpeg-60', 'contact-sheet', 'review-pdf', 'report']);
    for (const o of done.outputs) {
      expect(o.url).toBe(`${s.url}/v1/renders/${done.id}/outputs/${o.id}`);
      expect(o.download_url).toMatch(
        new RegExp(`^${s.url}/v1/files/renders/${done.id}/outputs/${o.id}\\?expires=\\d+&signature=[\\w-]{43}$`),
      );
      // With the key, the same bytes; without it, 401; an altered link 403.
      const withKey = await fetchBytes(o.url, 'sk_test_alpha');
      expect([withKey.status, sha(withKey.body)]).toEqual([200, o.sha256]);
      expect((await fetchBytes(o.url)).status).toBe(401);
      const altered = o.download_url.replace(
        /signature=(.)/,
        (_: string, c: string) => `signature=${c === 'A' ? 'B' : 'A'}`,
      );
      expect((await fetchBytes(altered)).status).toBe(403);
    }
    expect(output('jpeg-60').quality).toBe(60);
    const missing = await api(s.url, 'GET', `/v1/renders/${done.id}/outputs/thumbnail`);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'output_not_found']);
  });

  it('makes the PNG set and a JPEG set in the archive layout', async () => {
    const png = unzipSync(new Uint8Array(await get('png')));
    expect(Object.keys(png).sort()).toEqual(done.images.map((i: any) => i.path).sort());
    for (const i of done.images) expect(sha(Buffer.from(png[i.path]!))).toBe(i.sha256);
    const jpeg = unzipSync(new Uint8Array(await get('jpeg-60')));
    expect(Object.keys(jpeg).sort()).toEqual(done.images.map((i: any) => i.path.replace(/\.png$/, '.jpg')).sort());
    for (const i of done.images) {
      const meta = await sharp(Buffer.from(jpeg[i.path.replace(/\.png$/, '.jpg')]!)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1320, 2868]);
    }
  });

  it('draws a contact sheet and a review PDF of the render, and writes its report.json', async () => {
    const sheet = await sharp(await get('contact-sheet')).metadata();
    // One row (one locale x preset) of three 480 px tall tiles, 16 px gaps, a label band and captions.
    const tile = Math.round((1320 * 480) / 2868);
    expect([sheet.format, sheet.width, sheet.height]).toEqual(['png', 16 + 3 * (tile + 16), 16 + 40 + 480 + 28 + 16]);

    const standardFontDataUrl = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
    const doc = await getDocument({ data: new Uint8Array(await get('review-pdf')), standardFontDataUrl }).promise;
    expect(doc.numPages).toBe(1);
    const page = await doc.getPage(1);
    const text = (await page.getTextContent()).items.map((x: any) => x.str).join('\n');
    expect(text).toContain('en-US / appstore.iphone_6_9');
    expect(text).toContain('Habits');
    for (const [k, id] of SLIDES.entries()) expect(text).toContain(`0${k + 1} ${id} (1320x2868)`);
    const ops = await page.getOperatorList();
    expect(ops.fnArray.filter((f: number) => f === OPS.paintImageXObject)).toHaveLength(3);

    const report = JSON.parse((await get('report')).toString('utf8'));
    expect(report.images.map((i: any) => i.sha256)).toEqual(done.images.map((i: any) => i.sha256));
    expect(report.findings).toEqual(done.lint.findings);
  });

  it('makes the outputs on the render threads, and answers polls while they are made', () => {
    // One task a output handed to the worker pool (GET /metrics, the pool's own count): none is made on the API's thread.
    expect(outputTasks).toBe(OUTPUTS.length);
    // A poll answered after the images were done and before every output was: the API was not held up by them.
    const during = seen.filter(
      (p) =>
        p.status === 'processing' &&
        p.images.length === SLIDES.length &&
        p.outputs.some((o: any) => o.status === 'pending'),
    );
    expect(during.length).toBeGreaterThan(0);
  });

  it('describes the outputs in the OpenAPI document, and the answer fits its Render schema', async () => {
    const doc = (await api(s.url, 'GET', '/v1/openapi.json', undefined, { key: null })).body;
    expect(doc.paths['/v1/renders/{id}/outputs/{output}'].get).toBeDefined();
    expect(doc.paths['/v1/files/renders/{id}/outputs/{output}'].get.security).toEqual([]);
    expect(doc.components.schemas.RenderRequest.properties.outputs.items.properties.type.enum).toEqual([
      'png',
      'jpeg',
      'contact-sheet',
      'review-pdf',
      'report',
    ]);
    const ajv = new Ajv({ strict: false, validateFormats: false });
    const check = ajv.compile({ ...doc.components.schemas.Render, components: doc.components });
    expect(check(done), JSON.stringify(check.errors)).toBe(true);
    expect(check({ ...done, outputs: [{ ...done.outputs[0], status: 'done' }] })).toBe(false);
  });

  it('refuses bad outputs naming the field, in a render and in a bulk', async () => {
    const cases: Array<[unknown, string]> = [
      [[{ type: 'png' }, { type: 'png' }], 'outputs[1].id'],
      [[{ type: 'png', quality: 50 }], 'outputs[0].quality'],
      [[{ type: 'gif' }], 'outputs[0].type'],
      [[], 'outputs'],
    ];
    for (const [outputs, param] of cases) {
      const r = await api(s.url, 'POST', '/v1/renders', renderRequest({ outputs }));
      expect([r.status, r.body.error.param], JSON.stringify(outputs)).toEqual([400, param]);
    }
    const bulk = await api(s.url, 'POST', '/v1/bulk', {
      renders: [
        renderRequest({
          outputs: [
            { id: 'a', type: 'png' },
            { id: 'a', type: 'report' },
          ],
        }),
      ],
    });
    expect(bulk.body.renders[0].error.param).toBe('renders[0].outputs[1].id');
  });
});
