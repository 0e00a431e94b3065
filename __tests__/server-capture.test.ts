// Web capture end to end: the real `storeshots serve` (built bin) with Debian's Chromium, pages from a
// loopback static server (STORESHOTS_ALLOW_PRIVATE_URLS=1 opens loopback, never link-local), through
// our API's `screenshot: {capture}` and the two compatibility surfaces (the web screenshot API and
// allscreenshots) with their documented examples sent as written (host swapped).
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, KEY, pollUntilEnded, receiver, startService, type ServerHandle } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const BROWSER = '/usr/bin/chromium';
const SECRET = 'whsec_capture_test_secret';

// The page: a blue body with a red 200x100 box at the top left, an image from the cloud-metadata
// address (refused by the route check) and one behind a redirect to it (a hop the browser follows on
// its own: refused by the proxy).
const PAGE = `<!doctype html><html><head><style>body{margin:0;background:#3366cc}#box{width:200px;height:100px;background:#ff0000}</style></head>
<body><div id="box"></div><img src="http://169.254.169.254/latest/meta-data/x.png"><img src="/redirect"><div style="height:3000px"></div></body></html>`;

let origin: { url: string; hits: string[]; close: () => Promise<void> };
let svc: ServerHandle;
let hook: Awaited<ReturnType<typeof receiver>>;

async function staticOrigin() {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url!);
    if (req.url === '/' || req.url === '/page.html') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    else if (req.url === '/redirect') res.writeHead(302, { location: 'http://169.254.169.254/hop.png' }).end();
    else if (req.url === '/hang.html')
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><img src="/never"></body></html>');
    else if (req.url === '/big.html')
      // A tiny page to look at (a 64x64 screenshot is a few hundred bytes) holding 40 KB of hidden text.
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<html><body style="background:#fff"><div style="display:none">${'<p>filler text</p>'.repeat(2300)}</div></body></html>`,
        );
    else if (req.url === '/never')
      return; // never answered: the page's load event never comes
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  STORESHOTS_ALLOW_PRIVATE_URLS: '1',
  STORESHOTS_BROWSER: BROWSER,
  STORESHOTS_WEBHOOK_SECRET: SECRET,
  // Long enough for a browser to start on a loaded machine; the hanging page below must exceed it.
  STORESHOTS_CAPTURE_TIMEOUT_MS: '20000',
  ...extra,
});

beforeAll(async () => {
  origin = await staticOrigin();
  hook = await receiver();
  svc = await startService({ env: env() });
}, 60_000);

afterAll(async () => {
  await svc?.stop();
  await hook?.close();
  await origin?.close();
});

async function pixel(png: Buffer, x: number, y: number): Promise<string> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 3;
  return `#${[data[i], data[i + 1], data[i + 2]].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;
}

describe('web capture in our API', () => {
  it('captures the page as a slide screenshot; refused subresources (direct and behind a redirect) are aborted and reported', async () => {
    const r = await api(svc.url, 'POST', '/v1/renders', {
      canvas: { preset: 'play.phone' },
      slides: [
        {
          headline: 'Our web app',
          screenshot: {
            capture: { url: `${origin.url}/page.html`, viewport: { width: 360, height: 640, device_scale_factor: 2 } },
          },
        },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('succeeded');
    expect(r.body.images).toHaveLength(1);
    // The redirect was requested from the origin; its target never was (it is not a loopback origin).
    expect(origin.hits).toContain('/redirect');
    const refused = r.body.captures[0].refused.map((x: { url: string }) => x.url);
    expect(r.body.captures[0]).toMatchObject({ slide: 'slide-1', url: `${origin.url}/page.html` });
    expect(refused).toContain('http://169.254.169.254/latest/meta-data/x.png');
    expect(refused).toContain('http://169.254.169.254/hop.png');
    expect(r.body.captures[0].refused[0].reason).toMatch(/linkLocal/);
  });

  it('a page that never finishes loading hits the capture time limit with a clear 400 naming the field', async () => {
    const short = await startService({ env: env({ STORESHOTS_CAPTURE_TIMEOUT_MS: '6000' }) });
    // The browser is warmed first (a launch on a loaded machine can take most of the 6 s by itself).
    await api(short.url, 'POST', '/v1/screenshot', { url: `${origin.url}/`, viewport: { width: 200, height: 200 } });
    const r = await api(short.url, 'POST', '/v1/renders', {
      canvas: { preset: 'play.phone' },
      slides: [{ screenshot: { capture: { url: `${origin.url}/hang.html`, viewport: { width: 400, height: 800 } } } }],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('capture_timeout');
    expect(r.body.error.param).toBe('slides[0].screenshot.capture');
    expect(r.body.error.message).toMatch(/longer than its limit of 6000 ms \(while loading the page/);
  });

  it("allscreenshots' html, markdown and json outputs obey the capture size limit: a clear 400, nothing made", async () => {
    const small = await startService({ env: env({ STORESHOTS_MAX_SCREENSHOT_BYTES: '20000' }) });
    try {
      const ask = (outputs: unknown[]) =>
        api(small.url, 'POST', '/v1/screenshots/async', {
          url: `${origin.url}/big.html`,
          viewport: { width: 64, height: 64 },
          outputs,
        });
      // The screenshot alone fits.
      expect((await ask([{ type: 'screenshot' }])).status).toBe(202);
      for (const [outputs, what] of [
        [[{ type: 'screenshot' }, { type: 'html' }], 'HTML'],
        [[{ type: 'markdown' }], 'HTML'],
        [[{ type: 'json', schema: { all: { selector: 'p', type: 'html', multiple: true } } }], 'extracted data'],
      ] as const) {
        const r = await ask([...outputs]);
        expect(r.status, JSON.stringify(outputs)).toBe(400);
        expect(r.body.error.code).toBe('capture_too_large');
        expect(r.body.error.message).toMatch(new RegExp(`the page's ${what} is \\d+ bytes; the limit is 20000`));
      }
      const list = await api(small.url, 'GET', '/v1/renders');
      expect(list.body.data).toHaveLength(1); // only the screenshot job was made
    } finally {
      await small.stop();
    }
  });

  it('without a browser: a clear 400 naming the field, in our API and in each compatibility surface', async () => {
    const none = await startService({
      env: { ...env(), STORESHOTS_BROWSER: undefined, PATH: '/nonexistent' },
    });
    const r = await api(none.url, 'POST', '/v1/renders', {
      canvas: { preset: 'play.phone' },
      slides: [{ screenshot: { capture: { url: `${origin.url}/page.html`, viewport: { width: 400, height: 800 } } } }],
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'browser_not_configured', param: 'slides[0].screenshot.capture' });
    expect(r.body.error.message).toMatch(/--browser PATH/);
    const w = await api(none.url, 'POST', '/v1/screenshot', { url: `${origin.url}/page.html` });
    expect(w.body.error).toMatchObject({ code: 'browser_not_configured', param: 'url' });
  });

  it('refuses a page at a refused address before starting a browser, and an over-large viewport', async () => {
    const meta = await api(svc.url, 'POST', '/v1/renders', {
      canvas: { preset: 'play.phone' },
      slides: [{ screenshot: { capture: { url: 'http://169.254.169.254/', viewport: { width: 400, height: 800 } } } }],
    });
    expect(meta.status).toBe(400);
    expect(meta.body.error).toMatchObject({ code: 'capture_refused', param: 'slides[0].screenshot.capture' });
    const big = await api(svc.url, 'POST', '/v1/renders', {
      canvas: { preset: 'play.phone' },
      slides: [
        {
          screenshot: {
            capture: { url: `${origin.url}/`, viewport: { width: 3000, height: 800, device_scale_factor: 3 } },
          },
        },
      ],
    });
    expect(big.status).toBe(400);
    expect(big.body.error.code).toBe('capture_too_large');
    expect(big.body.error.message).toMatch(/7680 device pixels/);
  });
});

describe('the web screenshot API surface', () => {
  it('async_mode: the documented submit, poll and result download end with the page image', async () => {
    // POST /v1/screenshot {"url": "https://example.com", "format": "png", "async_mode": true}, host swapped.
    const sub = await api(svc.url, 'POST', '/v1/screenshot', {
      url: `${origin.url}/`,
      format: 'png',
      async_mode: true,
    });
    expect(sub.status).toBe(202);
    expect(sub.body).toMatchObject({ status: 'queued' });
    const id = sub.body.job_id as string;
    const seen: string[] = [];
    const done = await waitFor(
      async () => {
        const j = await api(svc.url, 'GET', `/v1/jobs/${id}`);
        seen.push(j.body.status);
        return ['completed', 'failed'].includes(j.body.status) ? j.body : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 25, what: `job ${id}` },
    );
    for (const s of seen) expect(['queued', 'processing', 'completed']).toContain(s);
    expect(done).toMatchObject({ job_id: id, status: 'completed', result_url: `/v1/jobs/${id}/result` });
    expect(Date.parse(done.expires_at)).toBeGreaterThan(Date.now() + 24 * 3600_000 - 60_000);
    const img = await api(svc.url, 'GET', done.result_url);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(img.body).metadata();
    expect([meta.width, meta.height]).toEqual([1920, 1080]); // their page's default viewport
    // The page itself, edge to edge: the red box at the top left, the blue body elsewhere.
    expect(await pixel(img.body, 100, 50)).toBe('#ff0000');
    expect(await pixel(img.body, 800, 500)).toBe('#3366cc');
  });

  it('synchronous: the answer is the image bytes', async () => {
    const r = await api(svc.url, 'POST', '/v1/screenshot', { url: `${origin.url}/`, format: 'jpeg' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(r.body).metadata()).format).toBe('jpeg');
  });

  it('bulk: the documented three jobs; credits run out mid-batch (CREDITS_EXHAUSTED) for the rest, our {renders} bulk is untouched', async () => {
    const one = await startService({ env: env({ STORESHOTS_MONTHLY_QUOTA: '1' }) });
    const r = await api(one.url, 'POST', '/v1/bulk', {
      jobs: [
        { type: 'screenshot', url: `${origin.url}/`, format: 'png', viewport: { width: 1280, height: 720 } },
        { type: 'screenshot', url: `${origin.url}/page.html`, format: 'jpeg', full_page: true },
        { type: 'pdf', url: `${origin.url}/`, format: 'A4', print_background: true },
      ],
    });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ submitted: 1, failed: 2, credits_used: 1, credits_remaining: 0 });
    expect(r.body.jobs[0]).toMatchObject({ index: 0, status: 'queued' });
    expect(r.body.jobs[0].poll_url).toBe(`/v1/jobs/${r.body.jobs[0].job_id}`);
    expect(r.body.jobs[1]).toMatchObject({ index: 1, error_code: 'CREDITS_EXHAUSTED' });
    expect(r.body.jobs[1].error_message).toMatch(/^No credits remaining/);
    // The documented PDF job is a job like the others (server-capture-compat.test.ts): out of credits too.
    expect(r.body.jobs[2]).toMatchObject({ index: 2, error_code: 'CREDITS_EXHAUSTED' });
    const done = await waitFor(
      async () => {
        const j = await api(one.url, 'GET', r.body.jobs[0].poll_url);
        return j.body.status === 'completed' ? j.body : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 25, what: 'bulk job 0' },
    );
    const img = await api(one.url, 'GET', done.result_url);
    expect((await sharp(img.body).metadata()).width).toBe(1280);
    // Our own bulk shape on the same path still answers in ours.
    const ours = await api(one.url, 'POST', '/v1/bulk', {
      renders: [{ canvas: { preset: 'play.phone' }, slides: [{}] }],
    });
    expect(ours.status).toBe(202);
    expect(ours.body.object).toBe('bulk');
  });

  it('a format it does not make is a clear 400 naming the field', async () => {
    const r = await api(svc.url, 'POST', '/v1/screenshot', { url: `${origin.url}/`, format: 'gif' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ param: 'format' });
    expect(r.body.error.message).toContain('webp');
  });
});

describe('the allscreenshots surface', () => {
  it('the documented async example (X-API-Key, fullPage, webhookUrl): status, poll, result, signed storageUrl and the webhook', async () => {
    const sub = await api(
      svc.url,
      'POST',
      '/v1/screenshots/async',
      { url: `${origin.url}/`, fullPage: true, webhookUrl: `${hook.url}/webhooks/screenshot` },
      { key: null, headers: { 'X-API-Key': KEY } },
    );
    expect(sub.status, JSON.stringify(sub.body)).toBe(202);
    expect(sub.body).toMatchObject({ status: 'QUEUED', statusUrl: `${svc.url}/v1/screenshots/jobs/${sub.body.id}` });
    expect(Number.isNaN(Date.parse(sub.body.createdAt))).toBe(false);
    const seen: string[] = [];
    const done = await waitFor(
      async () => {
        const j = await api(svc.url, 'GET', sub.body.statusUrl.slice(svc.url.length), undefined, {
          key: null,
          headers: { 'X-API-Key': KEY },
        });
        seen.push(j.body.status);
        return ['COMPLETED', 'FAILED', 'CANCELLED'].includes(j.body.status) ? j.body : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 25, what: `job ${sub.body.id}` },
    );
    for (const s of seen) expect(['QUEUED', 'PROCESSING', 'COMPLETED']).toContain(s);
    expect(done).toMatchObject({ id: sub.body.id, status: 'COMPLETED', url: `${origin.url}/` });
    // fullPage: the whole 3000+ px tall page, at the default 1920 wide viewport.
    expect(done.metadata).toMatchObject({ width: 1920, format: 'PNG' });
    expect(done.metadata.height).toBeGreaterThan(3000);
    for (const k of ['createdAt', 'startedAt', 'completedAt', 'expiresAt'])
      expect(Number.isNaN(Date.parse(done[k])), k).toBe(false);
    expect(Date.parse(done.expiresAt) - Date.parse(done.completedAt)).toBe(7 * 86_400_000);
    const result = await api(svc.url, 'GET', done.resultUrl.slice(svc.url.length));
    expect(result.headers.get('content-type')).toBe('image/png');
    expect(result.body.length).toBe(done.metadata.size);
    // storageUrl is a signed link: no key needed.
    const stored = await fetch(done.storageUrl);
    expect(stored.status).toBe(200);
    expect(Buffer.from(await stored.arrayBuffer()).equals(result.body)).toBe(true);
    // The webhook arrives in allscreenshots' format, signed with the server's secret (no webhookSecret
    // was sent) the way allscreenshots signs: X-Allscreenshots-Signature: sha256=HMAC(secret, raw body).
    const [delivery] = await hook.next(1);
    expect(delivery!.url).toBe('/webhooks/screenshot');
    const expected = `sha256=${createHmac('sha256', SECRET).update(delivery!.body).digest('hex')}`;
    expect(delivery!.headers['x-allscreenshots-signature']).toBe(expected);
    expect(delivery!.headers['x-asa-signature']).toBeUndefined();
    expect(JSON.parse(delivery!.body)).toMatchObject({ event: 'JOB_COMPLETED', data: { jobId: sub.body.id } });
  });

  it('outputs: several outputs from one job, each with its own result; responseType base64', async () => {
    const sub = await api(svc.url, 'POST', '/v1/screenshots/async', {
      url: `${origin.url}/`,
      responseType: 'base64',
      outputs: [
        { type: 'screenshot', format: 'png' },
        { type: 'screenshot', format: 'jpeg', quality: 80 },
      ],
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(202);
    const row = await pollUntilEnded(svc.url, sub.body.id);
    expect(row.status).toBe('succeeded');
    const j = await api(svc.url, 'GET', `/v1/screenshots/jobs/${sub.body.id}`);
    expect(j.body.metadata.format).toBe('MULTI');
    expect(Object.keys(j.body.outputs)).toEqual(['screenshot', 'screenshot-2']);
    expect(j.body.outputs['screenshot-2']).toMatchObject({ type: 'screenshot', contentType: 'image/jpeg' });
    const second = await api(svc.url, 'GET', j.body.outputs['screenshot-2'].resultUrl.slice(svc.url.length));
    expect(second.body).toMatchObject({ contentType: 'image/jpeg' });
    expect((await sharp(Buffer.from(second.body.data, 'base64')).metadata()).format).toBe('jpeg');
    const first = await api(svc.url, 'GET', `/v1/screenshots/jobs/${sub.body.id}/result/screenshot`);
    expect(first.body.contentType).toBe('image/png');
  });

  it('synchronous POST /v1/screenshots with responseType url: a signed link to the image, usable without a key', async () => {
    const r = await api(svc.url, 'POST', '/v1/screenshots', {
      url: `${origin.url}/`,
      viewport: { width: 800, height: 600 },
      responseType: 'url',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const img = await fetch(r.body.url);
    expect(img.status).toBe(200);
    const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([800, 600]);
  });

  it('an output type allscreenshots does not document is a clear 400 naming it', async () => {
    // screenshot, pdf, html, markdown and json are made (server-capture-compat.test.ts); others are refused.
    const r = await api(svc.url, 'POST', '/v1/screenshots/async', {
      url: `${origin.url}/`,
      outputs: [{ type: 'screenshot' }, { type: 'video' }],
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_request', param: 'outputs[1].type' });
    expect(r.body.error.message).toContain('screenshot, pdf, html, markdown, json');
  });
});
