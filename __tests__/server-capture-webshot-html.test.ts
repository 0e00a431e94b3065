// The web screenshot API's "Screenshot API" page's `html` (raw HTML rendered instead of `url`) and
// `response_type` ("binary", "base64", "url"), end to end on the real `storeshots serve` (built bin) with
// Debian's Chromium. The html page is served from inside the capture; what it loads goes through the same
// checks as a fetched page's: the service opens only the page server's host (STORESHOTS_ALLOW_HOSTS, no
// private ranges), so the page's requests for `localhost` (a trap on loopback), for its own synthetic
// origin, a second load of itself and an allowed host's redirect to `localhost` (refused by the guarding
// proxy: the route handler never sees redirect hops) are refused and listed in blocked_requests, and the
// trap sees nothing.
// Each result is checked in its pixels; answers are validated against /v1/openapi.json.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listener } from './helpers/listen.js';
import { expectFits } from './helpers/openapi.js';
import { api, type ServerHandle, startCaptureService } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

/** The documented limit of `html`: 5 MB of UTF-8 (their page's 5 MB). */
const HTML_MAX_BYTES = 5_000_000;

let trap: Listener;
let origin: Listener;
let svc: ServerHandle;
let doc: any;

// A green 100x50 PNG the page may load (the allowed host), made once.
let green: Buffer;

/** A 200x150 page: blue ground, a red 100x100 block at the top left, the allowed host's green image at (100, 0). */
const page = (extra = '') =>
  `<!doctype html><html><head><style>html,body{margin:0;background:#0000ff}
#red{position:absolute;left:0;top:0;width:100px;height:100px;background:#ff0000}
#green{position:absolute;left:100px;top:0;width:100px;height:50px}</style></head>
<body><div id="red"></div><img id="green" src="${origin.url}/green.png">${extra}</body></html>`;

beforeAll(async () => {
  green = await sharp({ create: { width: 100, height: 50, channels: 3, background: '#00ff00' } })
    .png()
    .toBuffer();
  trap = await listen((_req, res) => res.writeHead(200).end('caught'));
  origin = await listen((req, res) => {
    if (req.url === '/green.png') res.writeHead(200, { 'content-type': 'image/png' }).end(green);
    // A redirect hop the route handler never sees: the guarding proxy refuses it.
    else if (req.url === '/redirect') res.writeHead(302, { location: `http://localhost:${trap.port}/hop.png` }).end();
    else res.writeHead(404).end();
  });
  ({ svc, doc } = await startCaptureService(`127.0.0.1:${origin.port}`));
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  await trap?.close();
  await origin?.close();
});

/** The colour of a pixel as #rrggbb, and the image's size. */
async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const i = (y * info.width + x) * 3;
    return `#${[data[i]!, data[i + 1]!, data[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  };
  return { width: info.width, height: info.height, at, raw: data };
}

async function expectPage(png: Buffer) {
  const p = await pixels(png);
  expect([p.width, p.height]).toEqual([200, 150]);
  expect([p.at(50, 50), p.at(150, 25), p.at(150, 120)]).toEqual(['#ff0000', '#00ff00', '#0000ff']);
}

async function pollJob(id: string) {
  return waitFor(
    async () => {
      const j = await api(svc.url, 'GET', `/v1/jobs/${id}`);
      expectFits(doc, '/v1/jobs/{id}', 'get', 200, j.body);
      return ['completed', 'failed'].includes(j.body.status) ? j.body : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 50, what: `job ${id}` },
  );
}

async function expectRefused(body: Record<string, unknown>, code: string, param: string) {
  const r = await api(svc.url, 'POST', '/v1/screenshot', body);
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expectFits(doc, '/v1/screenshot', 'post', 400, r.body);
  expect(r.body.error, JSON.stringify(r.body)).toMatchObject({ code, param });
  expect(JSON.stringify(r.body)).not.toMatch(/\n\s+at /);
}

/** Every file under `dir`, read. */
function filesUnder(dir: string): Array<{ file: string; bytes: Buffer }> {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [{ file, bytes: readFileSync(file) }];
  });
}

const view = { width: 200, height: 150 };

describe('the web screenshot API: html', () => {
  it('renders the html (its allowed subresource loads); the answer is the PNG', async () => {
    const r = await api(svc.url, 'POST', '/v1/screenshot', { html: page(), viewport: view });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    await expectPage(r.body);
    expect(origin.hits).toContain('/green.png');
  }, 120_000);

  it("refuses the page's requests to a private address (directly and behind a redirect), its own origin and itself again: listed in blocked_requests, nothing reached; the html is not kept", async () => {
    const marker = `inline-marker-${Date.now()}`;
    const extra = `<img src="http://localhost:${trap.port}/secret.png"><img src="/relative.png"><img src="${origin.url}/redirect">
<script>fetch('http://storeshots.invalid/').catch(() => {});</script><!-- ${marker} -->`;
    const sub = await api(svc.url, 'POST', '/v1/screenshot', { html: page(extra), viewport: view, async_mode: true });
    expect(sub.status, JSON.stringify(sub.body)).toBe(202);
    expectFits(doc, '/v1/screenshot', 'post', 202, sub.body);
    const job = await pollJob(sub.body.job_id);
    expect(job.status).toBe('completed');
    // No page address was fetched: the job has none.
    expect(job.url).toBeNull();
    const blocked = job.blocked_requests as Array<{ url: string; reason: string }>;
    expect(blocked.map((b) => b.url)).toEqual(
      expect.arrayContaining([
        `http://localhost:${trap.port}/secret.png`,
        `http://localhost:${trap.port}/hop.png`,
        'http://storeshots.invalid/relative.png',
        'http://storeshots.invalid/',
      ]),
    );
    expect(blocked.find((b) => b.url.startsWith('http://localhost'))!.reason).toMatch(/loopback/);
    expect(trap.hits).toEqual([]);
    expect(origin.hits).toContain('/redirect');
    // The refused requests took nothing from the page: it is the same image.
    await expectPage((await api(svc.url, 'GET', `/v1/jobs/${sub.body.job_id}/result`)).body);
    // The html lives only as long as its capture: neither the job's view nor any stored file holds it.
    const render = await api(svc.url, 'GET', `/v1/renders/${sub.body.job_id}`);
    expect(JSON.stringify(render.body)).not.toContain(marker);
    const holding = filesUnder(svc.data).filter((f) => f.bytes.includes(marker));
    expect(holding.map((f) => f.file)).toEqual([]);
  }, 120_000);

  it('is exactly one of url and html; html is at most 5 MB of UTF-8 (a 400 naming html above it)', async () => {
    await expectRefused({ url: `${origin.url}/green.png`, html: page(), viewport: view }, 'invalid_request', 'html');
    await expectRefused({ viewport: view }, 'parameter_missing', 'url');
    await expectRefused({ html: '', viewport: view }, 'invalid_request', 'html');
    await expectRefused({ html: 'a'.repeat(HTML_MAX_BYTES + 1), viewport: view }, 'capture_too_large', 'html');
    // Bytes, not characters: 1 700 000 euro signs are 5.1 MB.
    await expectRefused({ html: '€'.repeat(1_700_000), viewport: view }, 'capture_too_large', 'html');
    // At the limit exactly: rendered.
    const head = page();
    const padded = `${head}<!--${'x'.repeat(HTML_MAX_BYTES - Buffer.byteLength(head) - 7)}-->`;
    expect(Buffer.byteLength(padded)).toBe(HTML_MAX_BYTES);
    const ok = await api(svc.url, 'POST', '/v1/screenshot', { html: padded, viewport: view });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    await expectPage(ok.body);
    // In a bulk: each job on its own, its errors naming its fields.
    const bulk = await api(svc.url, 'POST', '/v1/bulk', {
      jobs: [
        { type: 'screenshot', html: page(), viewport: view },
        { type: 'screenshot', html: page(), url: `${origin.url}/`, viewport: view },
        { type: 'pdf', html: 'a'.repeat(HTML_MAX_BYTES + 1) },
      ],
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(202);
    expectFits(doc, '/v1/bulk', 'post', 202, bulk.body);
    expect(bulk.body).toMatchObject({ submitted: 1, failed: 2 });
    expect(bulk.body.jobs[1]).toMatchObject({ index: 1, error_code: 'INVALID_REQUEST' });
    expect(bulk.body.jobs[1].error_message).toContain('jobs[1].html');
    expect(bulk.body.jobs[2]).toMatchObject({ index: 2, error_code: 'CAPTURE_TOO_LARGE' });
    expect(bulk.body.jobs[2].error_message).toContain('jobs[2].html');
    const done = await pollJob(bulk.body.jobs[0].job_id);
    await expectPage((await api(svc.url, 'GET', done.result_url)).body);
  }, 180_000);
});

describe('the web screenshot API: response_type', () => {
  it('"base64" is the same PNG as the job\'s binary image, synchronous and from /v1/jobs/{id}/result', async () => {
    const r = await api(svc.url, 'POST', '/v1/screenshot', { html: page(), viewport: view, response_type: 'base64' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expectFits(doc, '/v1/screenshot', 'post', 200, r.body);
    expect(r.body.contentType).toBe('image/png');
    const png = Buffer.from(r.body.data, 'base64');
    expect(r.body.size).toBe(png.length);
    await expectPage(png);
    const binary = await api(svc.url, 'POST', '/v1/screenshot', { html: page(), viewport: view });
    expect((await pixels(png)).raw.equals((await pixels(binary.body)).raw)).toBe(true);
    // Async: the result answers as the job asked; its bytes are the job's image, byte for byte.
    const sub = await api(svc.url, 'POST', '/v1/screenshot', {
      html: page(),
      viewport: view,
      response_type: 'base64',
      async_mode: true,
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(202);
    await pollJob(sub.body.job_id);
    const result = await api(svc.url, 'GET', `/v1/jobs/${sub.body.job_id}/result`);
    expect(result.status).toBe(200);
    expectFits(doc, '/v1/jobs/{id}/result', 'get', 200, result.body);
    const image = await api(svc.url, 'GET', `/v1/renders/${sub.body.job_id}/images/1`);
    expect(Buffer.from(result.body.data, 'base64').equals(image.body)).toBe(true);
  }, 120_000);

  it('"url" is a signed link that works without the key (and not once tampered with)', async () => {
    const r = await api(svc.url, 'POST', '/v1/screenshot', { html: page(), viewport: view, response_type: 'url' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expectFits(doc, '/v1/screenshot', 'post', 200, r.body);
    const link = new URL(r.body.url);
    expect(link.searchParams.get('signature')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Number(link.searchParams.get('expires')) * 1000).toBeLessThanOrEqual(Date.parse(r.body.expiresAt));
    const got = await fetch(link);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    await expectPage(Buffer.from(await got.arrayBuffer()));
    const forged = new URL(link);
    forged.searchParams.set('expires', String(Number(link.searchParams.get('expires')) + 60));
    expect((await fetch(forged)).status).toBe(403);
  }, 120_000);

  it('bulk jobs keep their response_type: WebP as base64, PDF as a signed link', async () => {
    const bulk = await api(svc.url, 'POST', '/v1/bulk', {
      jobs: [
        { type: 'screenshot', html: page(), viewport: view, format: 'webp', response_type: 'base64' },
        { type: 'screenshot', html: page(), viewport: view, format: 'pdf', response_type: 'url' },
      ],
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(202);
    expect(bulk.body).toMatchObject({ submitted: 2, failed: 0 });
    const [webp, pdf] = await Promise.all(bulk.body.jobs.map((j: { job_id: string }) => pollJob(j.job_id)));
    const w = await api(svc.url, 'GET', webp.result_url);
    expectFits(doc, '/v1/jobs/{id}/result', 'get', 200, w.body);
    expect(w.body.contentType).toBe('image/webp');
    const webpBytes = Buffer.from(w.body.data, 'base64');
    expect((await sharp(webpBytes).metadata()).format).toBe('webp');
    expect((await pixels(webpBytes)).at(50, 50)).toMatch(/^#f[0-9a-f]0[0-9a-f]0[0-9a-f]$/);
    const p = await api(svc.url, 'GET', pdf.result_url);
    expectFits(doc, '/v1/jobs/{id}/result', 'get', 200, p.body);
    const got = await fetch(p.body.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await got.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  }, 120_000);

  it('another value is a 400 naming response_type', async () => {
    await expectRefused({ html: page(), viewport: view, response_type: 'json' }, 'invalid_request', 'response_type');
  }, 60_000);
});
