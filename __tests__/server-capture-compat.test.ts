// The web-capture compatibility surfaces, end to end on the real `storeshots serve` (built bin) with
// Debian's Chromium and pages from a loopback static server: the web screenshot API's WebP and PDF
// results (PDF printed by Chromium behind the same request checks), Idempotency-Key on both
// surfaces, allscreenshots' own webhook signature checked by a receiver the documented way, their
// answers validated against /v1/openapi.json, and the warm browser (reused, relaunched after a
// crash, closed when idle and at shutdown).
//
// The service opens only the page server's host (STORESHOTS_ALLOW_HOSTS, no private ranges), so a
// page's request for `localhost` (a trap server on loopback) is refused: the trap must see nothing.
import { spawn } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listener } from './helpers/listen.js';
import { ROOT } from './helpers/root.js';
import { api, cleanup, KEY, startService, tempData, type ServerHandle } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';
import { expectFits } from './helpers/openapi.js';

const BROWSER = '/usr/bin/chromium';
const HOOK_SECRET = 'allscreenshots-hook-secret';

let trap: Listener;
let origin: Listener;
let hook: Listener & { deliveries: Array<{ body: string; signature: string; verified: boolean }> };
let svc: ServerHandle;
let doc: any;

const page = (trapPort: number) => `<!doctype html><html><head><style>
body{margin:0;background:#3366cc;font:32px sans-serif;color:#fff}#box{width:200px;height:100px;background:#ff0000}
</style></head><body><div id="box"></div><p>Quarterly inbox report</p>
<img src="http://localhost:${trapPort}/direct.png"><img src="/redirect"></body></html>`;

// An article with the chrome around it (navigation, footer) that mainContentOnly leaves out, a link
// list for the json output, and a subresource on a refused host.
const article = (trapPort: number) => `<!doctype html><html><head><title>Inbox report</title>
<style>body{margin:0;background:#ffffff;font:20px sans-serif}main{height:1600px;background:#22aa44}</style></head><body>
<nav><a href="/home">Home</a> <a href="/pricing">Pricing plans</a></nav>
<main><h1>Quarterly inbox report</h1><p>Mail <strong>answered</strong> within a day.</p>
<ul><li>Fewer threads</li><li>Faster replies</li></ul><a class="more" href="/details">Details</a>
<img src="http://localhost:${trapPort}/article.png" alt="chart"></main>
<footer>Footer text 2026</footer>
<script>document.querySelector('h1').dataset.loaded = 'yes';</script></body></html>`;

beforeAll(async () => {
  trap = await listen((_req, res) => res.writeHead(200).end('caught'));
  origin = await listen((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(page(trap.port));
    else if (req.url === '/article') res.writeHead(200, { 'content-type': 'text/html' }).end(article(trap.port));
    else if (req.url === '/redirect') res.writeHead(302, { location: `http://localhost:${trap.port}/hop.png` }).end();
    else res.writeHead(404).end();
  });
  // A receiver that checks allscreenshots' signature as its docs say: X-Allscreenshots-Signature is
  // "sha256=" + the hex HMAC-SHA256 of the raw body under the webhookSecret; anything else is 401.
  const deliveries: Array<{ body: string; signature: string; verified: boolean }> = [];
  const base = await listen((req, res, body) => {
    const signature = String(req.headers['x-allscreenshots-signature'] ?? '');
    const expected = `sha256=${createHmac('sha256', HOOK_SECRET).update(body).digest('hex')}`;
    const verified =
      signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
    deliveries.push({ body, signature, verified });
    res.writeHead(verified ? 200 : 401).end();
  });
  hook = Object.assign(base, { deliveries });
  svc = await startService({
    env: {
      STORESHOTS_BROWSER: BROWSER,
      STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${origin.port},127.0.0.1:${hook.port}`,
      STORESHOTS_CAPTURE_TIMEOUT_MS: '30000',
      STORESHOTS_CAPTURE_IDLE_MS: '4000',
      STORESHOTS_WEBHOOK_BACKOFF_MS: '200',
    },
  });
  doc = (await api(svc.url, 'GET', '/v1/openapi.json', undefined, { key: null })).body;
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  await Promise.all([trap?.close(), origin?.close(), hook?.close()]);
});

const fits = (route: string, method: string, status: number, body: unknown, type = 'application/json') =>
  expectFits(doc, route, method, status, body, type);

async function pollWebshot(id: string) {
  return waitFor(
    async () => {
      const j = await api(svc.url, 'GET', `/v1/jobs/${id}`);
      fits('/v1/jobs/{id}', 'get', 200, j.body);
      return ['completed', 'failed'].includes(j.body.status) ? j.body : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 50, what: `job ${id}` },
  );
}

async function pixel(img: Buffer, x: number, y: number): Promise<string> {
  const { data, info } = await sharp(img).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 3;
  return `#${[data[i], data[i + 1], data[i + 2]].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;
}

describe('the web screenshot API: WebP and PDF results', () => {
  it('format webp: the job completes and /result is image/webp with the page in it', async () => {
    const sub = await api(svc.url, 'POST', '/v1/screenshot', {
      url: `${origin.url}/`,
      format: 'webp',
      async_mode: true,
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(202);
    fits('/v1/screenshot', 'post', 202, sub.body);
    const done = await pollWebshot(sub.body.job_id);
    expect(done.status).toBe('completed');
    const img = await api(svc.url, 'GET', done.result_url);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/webp');
    expect(img.body.subarray(8, 12).toString('latin1')).toBe('WEBP');
    const meta = await sharp(img.body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1920, 1080]);
    expect(await pixel(img.body, 100, 50)).toMatch(/^#f[0-9a-f]0[0-9a-f]0[0-9a-f]$/); // red, within WebP's loss
    // Fetched again: the same bytes (encoded once, kept).
    const again = await api(svc.url, 'GET', done.result_url);
    expect(again.body.equals(img.body)).toBe(true);
  });

  it('format pdf: Chromium prints the page (text kept), every request of the page goes through the same checks', async () => {
    const r = await api(svc.url, 'POST', '/v1/screenshot', { url: `${origin.url}/`, format: 'pdf' });
    expect(r.status, r.body.toString()).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const standardFontDataUrl = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
    const pdf = await getDocument({ data: new Uint8Array(r.body), standardFontDataUrl }).promise;
    const first = await pdf.getPage(1);
    // A4 portrait by default (210 x 297 mm: 595.3 x 841.9 points; Chromium rounds to whole CSS pixels).
    expect(Math.abs(first.view[2]! - 595.3)).toBeLessThan(1);
    expect(Math.abs(first.view[3]! - 841.9)).toBeLessThan(1.5);
    const text = (await first.getTextContent()).items.map((x: any) => x.str).join(' ');
    expect(text).toContain('Quarterly inbox report');
    // The refused subresources, direct and behind a redirect, never reached the trap.
    expect(trap.hits).toEqual([]);
    expect(origin.hits).toContain('/redirect');
  });

  it('bulk: the documented PDF job (type pdf, format A4, print_background) is made and served raw; the job lists what was blocked', async () => {
    const r = await api(svc.url, 'POST', '/v1/bulk', {
      jobs: [
        { type: 'screenshot', url: `${origin.url}/`, format: 'jpeg', viewport: { width: 640, height: 480 } },
        { type: 'pdf', url: `${origin.url}/`, format: 'Letter', print_background: true, landscape: true },
        { type: 'pdf', url: `${origin.url}/`, format: 'B7' },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    fits('/v1/bulk', 'post', 202, r.body);
    expect(r.body).toMatchObject({ submitted: 2, failed: 1 });
    expect(r.body.jobs[2]).toMatchObject({ index: 2, error_code: 'INVALID_REQUEST' });
    expect(r.body.jobs[2].error_message).toContain('jobs[2].format');
    const pdfJob = await pollWebshot(r.body.jobs[1].job_id);
    expect(pdfJob.status).toBe('completed');
    expect(pdfJob.blocked_requests.map((b: { url: string }) => b.url)).toEqual(
      expect.arrayContaining([`http://localhost:${trap.port}/direct.png`]),
    );
    const res = await api(svc.url, 'GET', pdfJob.result_url);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = await getDocument({ data: new Uint8Array(res.body) }).promise;
    // Letter landscape: 792 x 612 points.
    const view = (await pdf.getPage(1)).view;
    expect(Math.abs(view[2]! - 792)).toBeLessThan(1.5);
    expect(Math.abs(view[3]! - 612)).toBeLessThan(1.5);
    const jpeg = await pollWebshot(r.body.jobs[0].job_id);
    const img = await api(svc.url, 'GET', jpeg.result_url);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect(trap.hits).toEqual([]);
  });
});

describe('Idempotency-Key on the web surfaces', () => {
  it('web screenshot API: the same key and body are one job (replayed); another body is 422', async () => {
    const headers = { 'Idempotency-Key': 'webshot-key-1' };
    const body = { url: `${origin.url}/`, format: 'png', async_mode: true };
    const [a, b] = await Promise.all([
      api(svc.url, 'POST', '/v1/screenshot', body, { headers }),
      api(svc.url, 'POST', '/v1/screenshot', body, { headers }),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(b.body.job_id).toBe(a.body.job_id);
    expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')]).toContain('true');
    const other = await api(svc.url, 'POST', '/v1/screenshot', { ...body, format: 'jpeg' }, { headers });
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ code: 'idempotency_key_reused', param: 'Idempotency-Key' });
    fits('/v1/screenshot', 'post', 422, other.body);
    // Synchronous with a key: the replay answers with the same job's bytes.
    const syncHeaders = { 'Idempotency-Key': 'webshot-sync-1' };
    const s1 = await api(svc.url, 'POST', '/v1/screenshot', { url: `${origin.url}/` }, { headers: syncHeaders });
    const s2 = await api(svc.url, 'POST', '/v1/screenshot', { url: `${origin.url}/` }, { headers: syncHeaders });
    expect(s2.headers.get('idempotent-replayed')).toBe('true');
    expect(s2.headers.get('etag')).toBe(s1.headers.get('etag'));
    // Bulk: the whole answer is replayed, no second set of jobs.
    const bulkBody = { jobs: [{ url: `${origin.url}/` }] };
    const bulkHeaders = { 'Idempotency-Key': 'webshot-bulk-1' };
    const x = await api(svc.url, 'POST', '/v1/bulk', bulkBody, { headers: bulkHeaders });
    const y = await api(svc.url, 'POST', '/v1/bulk', bulkBody, { headers: bulkHeaders });
    expect(y.body.jobs[0].job_id).toBe(x.body.jobs[0].job_id);
    expect(y.headers.get('idempotent-replayed')).toBe('true');
  });

  it('allscreenshots: the same key and body are one job; another body is 422 in its error shape', async () => {
    const headers = { 'Idempotency-Key': 'allshots-key-1', 'X-API-Key': KEY };
    const body = { url: `${origin.url}/`, viewport: { width: 800, height: 600 } };
    const a = await api(svc.url, 'POST', '/v1/screenshots/async', body, { key: null, headers });
    const b = await api(svc.url, 'POST', '/v1/screenshots/async', body, { key: null, headers });
    expect([a.status, b.status]).toEqual([202, 202]);
    fits('/v1/screenshots/async', 'post', 202, a.body);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const other = await api(
      svc.url,
      'POST',
      '/v1/screenshots/async',
      { ...body, fullPage: true },
      { key: null, headers },
    );
    expect(other.status).toBe(422);
    // allscreenshots' ErrorResponse: {"error": {"code", "message"}} (ours adds param).
    expect(other.body.error).toMatchObject({ code: 'idempotency_key_reused', param: 'Idempotency-Key' });
    expect(typeof other.body.error.message).toBe('string');
    fits('/v1/screenshots/async', 'post', 422, other.body);
  });
});

describe("allscreenshots' webhook", () => {
  it('is signed in X-Allscreenshots-Signature (sha256=HMAC of the raw body with webhookSecret) and carries the job in its words', async () => {
    const sub = await api(svc.url, 'POST', '/v1/screenshots/async', {
      url: `${origin.url}/`,
      webhookUrl: `${hook.url}/webhooks/screenshot`,
      webhookSecret: HOOK_SECRET,
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(202);
    const delivery = await waitFor(async () => hook.deliveries.find((d) => d.body.includes(sub.body.id)), {
      timeoutMs: 120_000,
      intervalMs: 50,
      what: 'the webhook',
    });
    expect(delivery.verified, delivery.signature).toBe(true);
    const event = JSON.parse(delivery.body);
    const schema = doc.components.schemas.AllscreenshotsWebhook;
    const check = new Ajv({ strict: false }).compile({ ...schema, components: doc.components });
    expect(check(event), JSON.stringify(check.errors)).toBe(true);
    expect(event).toMatchObject({
      event: 'JOB_COMPLETED',
      data: {
        jobId: sub.body.id,
        status: 'COMPLETED',
        url: `${origin.url}/`,
        format: 'PNG',
        width: 1920,
        height: 1080,
      },
    });
    // Not our API's headers on their surface.
    expect(delivery.body).not.toContain('render.succeeded');
    const job = await api(svc.url, 'GET', `/v1/screenshots/jobs/${sub.body.id}`);
    fits('/v1/screenshots/jobs/{id}', 'get', 200, job.body);
    expect(event.data.fileSize).toBe(job.body.metadata.size);
    // The storage link in the webhook opens the image without a key.
    const stored = await fetch(event.data.storageUrl);
    expect(stored.status).toBe(200);
    expect(stored.headers.get('content-type')).toBe('image/png');
  });

  it('is in their format when a `storeshots worker` ends the job (an API node with --role api queues it)', async () => {
    // The body and the delivery's kind are made where the job ends: on the worker, which serves no routes.
    const data = tempData();
    const node = await startService({
      data,
      args: ['--role', 'api'],
      env: {
        STORESHOTS_BROWSER: BROWSER,
        STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${origin.port},127.0.0.1:${hook.port}`,
        STORESHOTS_WEBHOOK_BACKOFF_MS: '200',
      },
    });
    const worker = spawn(process.execPath, [path.join(ROOT, 'bin/storeshots.js'), 'worker', '--data', data], {
      cwd: ROOT,
      env: { ...process.env, STORESHOTS_WORKERS: '1', STORESHOTS_CONCURRENCY: '1', STORESHOTS_POLL_MS: '50' },
      stdio: 'ignore',
    });
    const exited = new Promise((r) => worker.on('exit', r));
    try {
      const sub = await api(node.url, 'POST', '/v1/screenshots/async', {
        url: `${origin.url}/`,
        webhookUrl: `${hook.url}/webhooks/worker`,
        webhookSecret: HOOK_SECRET,
      });
      expect(sub.status, JSON.stringify(sub.body)).toBe(202);
      const delivery = await waitFor(async () => hook.deliveries.find((d) => d.body.includes(sub.body.id)), {
        timeoutMs: 120_000,
        intervalMs: 50,
        what: 'the webhook of the job the worker ended',
      });
      expect(delivery.verified, delivery.signature).toBe(true);
      const event = JSON.parse(delivery.body);
      expect(event).toMatchObject({ event: 'JOB_COMPLETED', data: { jobId: sub.body.id, status: 'COMPLETED' } });
      // The worker signed the storage link; the API node serves it (one link secret in --data).
      expect((await fetch(event.data.storageUrl)).status).toBe(200);
    } finally {
      worker.kill('SIGTERM');
      await exited;
      await node.stop();
      cleanup(data);
    }
  }, 180_000);

  it('the answers of the other allscreenshots routes fit the OpenAPI document', async () => {
    const r = await api(svc.url, 'POST', '/v1/screenshots', {
      url: `${origin.url}/`,
      responseType: 'base64',
      outputs: [{ type: 'screenshot' }, { type: 'screenshot', format: 'jpeg' }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    fits('/v1/screenshots', 'post', 200, r.body);
    const list = await api(svc.url, 'GET', '/v1/renders?limit=1');
    const id = list.body.data[0].id;
    const job = await api(svc.url, 'GET', `/v1/screenshots/jobs/${id}`);
    fits('/v1/screenshots/jobs/{id}', 'get', 200, job.body);
    const out = await api(svc.url, 'GET', `/v1/screenshots/jobs/${id}/result/screenshot-2`);
    fits('/v1/screenshots/jobs/{id}/result/{outputId}', 'get', 200, out.body);
    expect(out.body.contentType).toBe('image/jpeg');
  });
});

async function pollAllshots(id: string) {
  return waitFor(
    async () => {
      const j = await api(svc.url, 'GET', `/v1/screenshots/jobs/${id}`);
      fits('/v1/screenshots/jobs/{id}', 'get', 200, j.body);
      return ['COMPLETED', 'FAILED', 'CANCELLED'].includes(j.body.status) ? j.body : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 50, what: `job ${id}` },
  );
}

describe("allscreenshots' multi-output extraction (pdf, html, markdown, json)", () => {
  it('their documented example (screenshot fullPage, pdf printBackground, markdown mainContentOnly), sent literally: one load, each output its own result and link', async () => {
    // "Multi-output extraction" in their docs, with the host swapped for the loopback page.
    const loads = origin.hits.filter((h) => h === '/article').length;
    const sub = await api(svc.url, 'POST', '/v1/screenshots/async', {
      url: `${origin.url}/article`,
      outputs: [
        { type: 'screenshot', format: 'png', fullPage: true },
        { type: 'pdf', printBackground: true },
        { type: 'markdown', mainContentOnly: true },
      ],
      webhookUrl: `${hook.url}/webhooks/multi`,
      webhookSecret: HOOK_SECRET,
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(202);
    fits('/v1/screenshots/async', 'post', 202, sub.body);
    const job = await pollAllshots(sub.body.id);
    expect(job.status, JSON.stringify(job)).toBe('COMPLETED');
    expect(Object.keys(job.outputs)).toEqual(['screenshot', 'pdf', 'markdown']);
    expect(job.outputs.screenshot).toMatchObject({ type: 'screenshot', contentType: 'image/png' });
    expect(job.outputs.pdf).toMatchObject({ type: 'pdf', contentType: 'application/pdf' });
    expect(job.outputs.markdown).toMatchObject({ type: 'markdown', contentType: 'text/markdown; charset=utf-8' });
    expect(job.metadata.format).toBe('MULTI');
    // One load of the page for the three outputs.
    expect(origin.hits.filter((h) => h === '/article').length).toBe(loads + 1);
    expect(job.metadata.size).toBe(job.outputs.screenshot.size + job.outputs.pdf.size + job.outputs.markdown.size);
    // The full page: taller than the 1080 viewport (main is 1600 px).
    expect(job.outputs.screenshot.height).toBeGreaterThan(1600);
    // The markdown: the main content only, converted (heading, bold, list, link), no nav, no footer.
    const md = await api(svc.url, 'GET', `/v1/screenshots/jobs/${job.id}/result/markdown`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const text = md.body.toString('utf8');
    expect(text).toContain('# Quarterly inbox report');
    expect(text).toContain('**answered**');
    expect(text).toMatch(/^- +Fewer threads$/m);
    expect(text).toContain('[Details](/details)');
    expect(text).not.toContain('Pricing plans');
    expect(text).not.toContain('Footer text');
    expect(Buffer.byteLength(text)).toBe(job.outputs.markdown.size);
    // The PDF: printed by Chromium from the same load, its text there.
    const pdfRes = await api(svc.url, 'GET', `/v1/screenshots/jobs/${job.id}/result/pdf`);
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    const pdf = await getDocument({ data: new Uint8Array(pdfRes.body) }).promise;
    const words = (await (await pdf.getPage(1)).getTextContent()).items.map((x: any) => x.str).join(' ');
    expect(words).toContain('Quarterly inbox report');
    // /result without an output id: the first output, the screenshot.
    const first = await api(svc.url, 'GET', `/v1/screenshots/jobs/${job.id}/result`);
    expect(first.headers.get('content-type')).toBe('image/png');
    expect(await pixel(first.body, 10, 200)).toBe('#22aa44');
    // Each storageUrl opens its output without a key; a tampered one is refused.
    for (const [id, type] of [
      ['markdown', 'text/markdown; charset=utf-8'],
      ['pdf', 'application/pdf'],
      ['screenshot', 'image/png'],
    ] as const) {
      const r = await fetch(job.outputs[id].storageUrl);
      expect(r.status, id).toBe(200);
      expect(r.headers.get('content-type')).toBe(type);
      expect(Buffer.from(await r.arrayBuffer()).length).toBe(job.outputs[id].size);
    }
    const tampered = await fetch(job.outputs.markdown.storageUrl.replace('markdown.md', 'markdown.json'));
    expect(tampered.status).toBe(403);
    // The webhook carries the outputs, as their docs' multi-output example does.
    const delivery = await waitFor(async () => hook.deliveries.find((d) => d.body.includes(sub.body.id)), {
      timeoutMs: 60_000,
      intervalMs: 50,
      what: 'the webhook',
    });
    expect(delivery.verified).toBe(true);
    const event = JSON.parse(delivery.body);
    expect(event.data.format).toBe('MULTI');
    expect(event.data.outputs.markdown).toMatchObject({
      type: 'markdown',
      contentType: 'text/markdown; charset=utf-8',
    });
    // The refused subresource never reached the trap.
    expect(trap.hits).toEqual([]);
  });

  it('html and json outputs (CSS selectors: text, html, attribute, multiple), without a screenshot, synchronously with responseType base64', async () => {
    const r = await api(svc.url, 'POST', '/v1/screenshots', {
      url: `${origin.url}/article`,
      responseType: 'base64',
      outputs: [
        {
          type: 'json',
          id: 'facts',
          schema: {
            title: { selector: 'h1' },
            intro: { selector: 'main p', type: 'html' },
            more: { selector: 'a.more', type: 'attribute', attribute: 'href' },
            items: { selector: 'li', multiple: true },
            loaded: { selector: 'h1', type: 'attribute', attribute: 'data-loaded' },
            missing: { selector: '.nowhere' },
          },
        },
        { type: 'html' },
        { type: 'markdown' },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    fits('/v1/screenshots', 'post', 200, r.body);
    // The first output, in base64 as asked.
    expect(r.body.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(Buffer.from(r.body.data, 'base64').toString('utf8'))).toEqual({
      title: 'Quarterly inbox report',
      intro: 'Mail <strong>answered</strong> within a day.',
      more: '/details',
      items: ['Fewer threads', 'Faster replies'],
      loaded: 'yes',
      missing: null,
    });
    const list = await api(svc.url, 'GET', '/v1/renders?limit=1');
    const job = await api(svc.url, 'GET', `/v1/screenshots/jobs/${list.body.data[0].id}`);
    fits('/v1/screenshots/jobs/{id}', 'get', 200, job.body);
    // Only what was asked is listed (the page's screenshot the render core makes is not an output).
    expect(Object.keys(job.body.outputs)).toEqual(['facts', 'html', 'markdown']);
    // The whole page as Markdown: navigation and footer kept; head and script dropped.
    const md = await api(svc.url, 'GET', `/v1/screenshots/jobs/${job.body.id}/result/markdown`);
    const mdText = Buffer.from(md.body.data, 'base64').toString('utf8');
    expect(mdText).toContain('[Pricing plans](/pricing)');
    expect(mdText).toContain('Footer text 2026');
    expect(mdText).toContain('# Quarterly inbox report');
    expect(mdText).not.toMatch(/^Inbox report$/m);
    expect(mdText).not.toContain('dataset.loaded');
    const html = await api(svc.url, 'GET', `/v1/screenshots/jobs/${job.body.id}/result/html`);
    fits('/v1/screenshots/jobs/{id}/result/{outputId}', 'get', 200, html.body);
    const doc = Buffer.from(html.body.data, 'base64').toString('utf8');
    // The page as the browser holds it after its script ran (the rendered DOM, not the source).
    expect(doc).toContain('data-loaded="yes"');
    expect(doc).toContain('<nav>');
    expect(html.body.contentType).toBe('text/html; charset=utf-8');
    const none = await api(svc.url, 'GET', `/v1/screenshots/jobs/${job.body.id}/result/page`);
    expect(none.status).toBe(404);
    expect(trap.hits).toEqual([]);
  });

  it('a WebP screenshot output (their format webp): the rendered PNG re-encoded, its size and link those of the WebP', async () => {
    const sub = await api(svc.url, 'POST', '/v1/screenshots/async', {
      url: `${origin.url}/article`,
      viewport: { width: 640, height: 480 },
      responseType: 'url',
      outputs: [{ type: 'screenshot', format: 'webp', quality: 70 }, { type: 'screenshot' }],
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(202);
    const job = await pollAllshots(sub.body.id);
    expect(job.status).toBe('COMPLETED');
    expect(job.outputs.screenshot).toMatchObject({ contentType: 'image/webp', width: 640, height: 480 });
    expect(job.outputs['screenshot-2']).toMatchObject({ contentType: 'image/png' });
    // responseType url: a signed link, opened without a key.
    const link = await api(svc.url, 'GET', `/v1/screenshots/jobs/${job.id}/result/screenshot`);
    fits('/v1/screenshots/jobs/{id}/result/{outputId}', 'get', 200, link.body);
    for (const url of [link.body.url, job.outputs.screenshot.storageUrl]) {
      const r = await fetch(url);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('image/webp');
      const webp = Buffer.from(await r.arrayBuffer());
      expect(webp.subarray(8, 12).toString('latin1')).toBe('WEBP');
      expect(webp.length).toBe(job.outputs.screenshot.size);
      const meta = await sharp(webp).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', 640, 480]);
      expect(await pixel(webp, 300, 300)).toMatch(/^#2[0-9a-f]a[0-9a-f]4[0-9a-f]$/); // main's green, within WebP's loss
    }
  });

  it('refuses what cannot be made with a 400 naming the field', async () => {
    const cases: Array<[unknown[], string]> = [
      [[{ type: 'json', schema: { t: { selector: 'h1', type: 'attribute' } } }], 'outputs[0].schema.t.attribute'],
      [[{ type: 'json', schema: { t: { selector: 'h1[' } } }], 'outputs[0].schema.t.selector'],
      [[{ type: 'markdown', fullPage: true }], 'outputs[0].fullPage'],
      [[{ type: 'json' }], 'outputs[0].schema'],
      [[{ type: 'pdf' }, { type: 'pdf', landscape: true }], 'outputs[1].type'],
      [[{ type: 'video' }], 'outputs[0].type'],
    ];
    for (const [outputs, param] of cases) {
      const r = await api(svc.url, 'POST', '/v1/screenshots/async', { url: `${origin.url}/article`, outputs });
      expect(r.status, JSON.stringify(outputs)).toBe(400);
      expect(r.body.error.param, JSON.stringify(r.body)).toBe(param);
    }
  });
});

/** Chromium processes the service started (children of its process). */
function browsers(): number[] {
  const pids: number[] = [];
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const [, comm, rest] = /^\d+ \((.*)\) (.*)$/s.exec(stat)!;
      if (Number(rest!.split(' ')[1]) === svc.proc.pid && /chrom/i.test(comm!)) pids.push(Number(p));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

async function metric(name: string): Promise<number> {
  const text = (await api(svc.url, 'GET', '/metrics', undefined, { key: null })).body.toString();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

const capture = async () => {
  const r = await api(svc.url, 'POST', '/v1/screenshot', {
    url: `${origin.url}/`,
    viewport: { width: 320, height: 240 },
  });
  expect(r.status, r.body.toString().slice(0, 300)).toBe(200);
};

describe('the warm browser', () => {
  it('is reused across captures, launched again after it is killed, and closed when idle', async () => {
    await capture();
    const launches = await metric('storeshots_capture_browser_launches');
    await capture();
    await capture();
    expect(await metric('storeshots_capture_browser_launches')).toBe(launches);
    const [pid, ...more] = browsers();
    expect(pid, 'one warm Chromium').toBeDefined();
    expect(more).toEqual([]);
    // A crash (here: SIGKILL to the browser this service started): the next capture relaunches it.
    process.kill(pid!, 'SIGKILL');
    await waitFor(async () => (browsers().includes(pid!) ? undefined : true), {
      timeoutMs: 10_000,
      intervalMs: 100,
      what: 'the kill',
    });
    await capture();
    expect(await metric('storeshots_capture_browser_launches')).toBe(launches + 1);
    expect(browsers()).toHaveLength(1);
    // Idle (STORESHOTS_CAPTURE_IDLE_MS 4000): closed.
    await waitFor(async () => ((await metric('storeshots_capture_browsers')) === 0 ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 250,
      what: 'the idle close',
    });
    await waitFor(async () => (browsers().length === 0 ? true : undefined), {
      timeoutMs: 10_000,
      intervalMs: 100,
      what: 'no browser',
    });
  });

  it('is closed when the service stops', async () => {
    await capture();
    const [pid] = browsers();
    expect(pid, 'a warm Chromium').toBeDefined();
    expect(await svc.stop()).toBe(0);
    await waitFor(async () => (existsSync(`/proc/${pid}`) ? undefined : true), {
      timeoutMs: 10_000,
      intervalMs: 100,
      what: `Chromium ${pid} to end with the service`,
    });
  });
});
