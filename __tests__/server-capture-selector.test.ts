// Element screenshots (`selector`), end to end on the real `storeshots serve` (built bin) with Debian's
// Chromium and pages from a loopback static server: allscreenshots' request-level `selector` and
// `outputs[i].selector` (their ScreenshotRequest field), bulk `options.selector`, and our own web
// capture's `screenshot.capture.selector`. The image is the element's box (pixels checked), a selector
// that matches nothing is a bounded wait then 400 selector_not_found naming the field, a selector the
// browser does not parse is 400 selector_invalid, outputs that would differ in size are refused naming
// the field, and the page's requests stay under the SSRF rules (a refused image inside the element is
// listed as blocked). Answers are validated against /v1/openapi.json.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv } from 'ajv';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, pollUntilEnded, startService, type ServerHandle } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';
import { expectFits } from './helpers/openapi.js';
import { near, pixel } from './helpers/pixels.js';

const BROWSER = '/usr/bin/chromium';

type Listener = { url: string; port: number; hits: string[]; close: () => Promise<void> };

async function listen(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Listener> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url!);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let origin: Listener;
let svc: ServerHandle;
let doc: any;

// A blue page with a red 120x80 box at (50, 40) holding an image from a link-local address (refused), a
// hidden element, and a green 90x70 box that appears 400 ms after the load.
const page = () => `<!doctype html><html><head><style>
  body { margin: 0; background: #2040c0; }
  #box { position: absolute; left: 50px; top: 40px; width: 120px; height: 80px; background: #e02020; }
  #box img { width: 1px; height: 1px; }
  .ghost { display: none; width: 50px; height: 50px; }
  #late { position: absolute; left: 10px; top: 200px; width: 90px; height: 70px; background: #20c040; }
  #tiny { position: absolute; left: 300px; top: 10px; width: 40px; height: 30px; background: #000; }
</style></head><body>
  <div id="box"><img src="http://169.254.169.254/latest/inside.png"></div>
  <div class="ghost">hidden</div>
  <div id="tiny"></div>
  <script>window.addEventListener('load', () => setTimeout(() => {
    const d = document.createElement('div'); d.id = 'late'; document.body.appendChild(d);
  }, 400));</script>
</body></html>`;

beforeAll(async () => {
  origin = await listen((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(page());
    else res.writeHead(404).end();
  });
  svc = await startService({
    env: {
      STORESHOTS_BROWSER: BROWSER,
      STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${origin.port}`,
      STORESHOTS_CAPTURE_TIMEOUT_MS: '30000',
    },
  });
  doc = (await api(svc.url, 'GET', '/v1/openapi.json', undefined, { key: null })).body;
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  await origin?.close();
});

const fits = (route: string, method: string, status: number, body: unknown) =>
  expectFits(doc, route, method, status, body);

/** A request body as the OpenAPI document describes it (the test's own requests must fit it too). */
function bodyFits(route: string, body: unknown) {
  const schema = doc.paths[route].post.requestBody.content['application/json'].schema;
  const check = new Ajv({ strict: false, validateFormats: false }).compile({ ...schema, components: doc.components });
  expect(check(body), `${route} request: ${JSON.stringify(check.errors)}`).toBe(true);
}

async function job(body: Record<string, unknown>) {
  bodyFits('/v1/screenshots/async', body);
  const a = await api(svc.url, 'POST', '/v1/screenshots/async', body);
  expect(a.status, JSON.stringify(a.body)).toBe(202);
  fits('/v1/screenshots/async', 'post', 202, a.body);
  const done = await waitFor(
    async () => {
      const j = await api(svc.url, 'GET', `/v1/screenshots/jobs/${a.body.id}`);
      fits('/v1/screenshots/jobs/{id}', 'get', 200, j.body);
      return ['COMPLETED', 'FAILED', 'CANCELLED'].includes(j.body.status) ? j.body : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 50, what: `job ${a.body.id}` },
  );
  expect(done.status, JSON.stringify(done)).toBe('COMPLETED');
  return done;
}

async function expectError(route: string, body: Record<string, unknown>, code: string, param: string) {
  const r = await api(svc.url, 'POST', route, body);
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expect(r.body.error, JSON.stringify(r.body)).toMatchObject({ code, param });
  fits(route, 'post', 400, r.body);
  return r.body.error.message as string;
}

describe("allscreenshots' selector (element screenshot)", () => {
  it("the job's image is the element's box, at the device scale; refused requests inside it are listed as blocked", async () => {
    const done = await job({ url: `${origin.url}/`, viewport: { width: 400, height: 300 }, selector: '#box' });
    expect(done.metadata).toMatchObject({ width: 120, height: 80, format: 'PNG' });
    const bytes = (await api(svc.url, 'GET', `/v1/screenshots/jobs/${done.id}/result`)).body as Buffer;
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 120, height: 80 });
    // Red all over: the box, not the blue page around it.
    for (const [x, y] of [
      [2, 2],
      [60, 40],
      [117, 77],
    ] as const)
      expect(near(await pixel(bytes, x, y), '#e02020'), `(${x}, ${y})`).toBe(true);
    expect(done.blockedRequests).toContainEqual({
      url: 'http://169.254.169.254/latest/inside.png',
      reason: expect.stringMatching(/linkLocal/),
    });

    const x2 = await job({
      url: `${origin.url}/`,
      viewport: { width: 400, height: 300, deviceScaleFactor: 2 },
      selector: '#box',
      format: 'jpeg',
    });
    expect(x2.metadata).toMatchObject({ width: 240, height: 160, format: 'JPEG' });
  });

  it('waits (bounded) for an element that appears after the load', async () => {
    const done = await job({ url: `${origin.url}/`, viewport: { width: 400, height: 300 }, selector: '#late' });
    expect(done.metadata).toMatchObject({ width: 90, height: 70 });
  });

  it('outputs: screenshots of the same element share the job; a screenshot of another element (or none) is a 400 naming the field', async () => {
    const done = await job({
      url: `${origin.url}/`,
      viewport: { width: 400, height: 300 },
      outputs: [
        { type: 'screenshot', selector: '#box' },
        { type: 'screenshot', format: 'webp', selector: '#box' },
        { type: 'html' },
      ],
    });
    expect(done.outputs.screenshot).toMatchObject({ width: 120, height: 80 });
    expect(done.outputs['screenshot-2']).toMatchObject({ width: 120, height: 80, contentType: 'image/webp' });
    expect(done.outputs.html.size).toBeGreaterThan(100);
    // The request's selector is every screenshot output's default.
    const inherited = await job({
      url: `${origin.url}/`,
      viewport: { width: 400, height: 300 },
      selector: '#box',
      outputs: [{ type: 'screenshot' }, { type: 'screenshot', format: 'jpeg' }],
    });
    expect(inherited.outputs['screenshot-2']).toMatchObject({ width: 120, height: 80 });

    const base = { url: `${origin.url}/`, viewport: { width: 400, height: 300 } };
    // The entry that differs is named.
    const mixed = await api(svc.url, 'POST', '/v1/screenshots/async', {
      ...base,
      outputs: [{ type: 'screenshot' }, { type: 'screenshot', selector: '#box' }],
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.param).toBe('outputs[1].selector');
    expect(mixed.body.error.message).toMatch(/same element/);
    const msg = await expectError(
      '/v1/screenshots/async',
      { ...base, selector: '#box', outputs: [{ type: 'screenshot' }, { type: 'screenshot', selector: '#late' }] },
      mixed.body.error.code,
      'outputs[1].selector',
    );
    expect(msg).toMatch(/one size/);
  });

  it("an element smaller than the render core's smallest image (64 pixels) is a 400 naming the field; at scale 3 it is not", async () => {
    const msg = await expectError(
      '/v1/screenshots/async',
      { url: `${origin.url}/`, viewport: { width: 400, height: 300 }, selector: '#tiny' },
      'capture_too_small',
      'selector',
    );
    expect(msg).toMatch(/40x30 pixels; an image is at least 64/);
    const done = await job({
      url: `${origin.url}/`,
      viewport: { width: 400, height: 300, deviceScaleFactor: 3 },
      selector: '#tiny',
    });
    expect(done.metadata).toMatchObject({ width: 120, height: 90 });
  });

  it('a selector that matches nothing, or only a hidden element, is 400 selector_not_found naming the field, after a bounded wait', async () => {
    const base = { url: `${origin.url}/`, viewport: { width: 400, height: 300 } };
    const msg = await expectError(
      '/v1/screenshots/async',
      { ...base, selector: '#nowhere' },
      'selector_not_found',
      'selector',
    );
    expect(msg).toMatch(/^selector: no visible element matches the selector #nowhere \(waited 5000 ms/);
    await expectError('/v1/screenshots/async', { ...base, selector: '.ghost' }, 'selector_not_found', 'selector');
    await expectError(
      '/v1/screenshots/async',
      { ...base, outputs: [{ type: 'screenshot', selector: '#nowhere' }] },
      'selector_not_found',
      'outputs[0].selector',
    );
    // The synchronous path answers the same 400 (no job is left behind).
    await expectError('/v1/screenshots', { ...base, selector: '#nowhere' }, 'selector_not_found', 'selector');
  });

  it('a selector the browser does not parse is 400 selector_invalid naming the field; an empty or huge one is refused by the schema', async () => {
    const base = { url: `${origin.url}/`, viewport: { width: 400, height: 300 } };
    for (const bad of ['div[', '#box >>> p', '::nonsense(', 'text=Hello'])
      await expectError('/v1/screenshots/async', { ...base, selector: bad }, 'selector_invalid', 'selector');
    await expectError(
      '/v1/screenshots/async',
      { ...base, outputs: [{ type: 'screenshot', selector: 'a[b' }] },
      'selector_invalid',
      'outputs[0].selector',
    );
    const empty = await api(svc.url, 'POST', '/v1/screenshots/async', { ...base, selector: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.param).toBe('selector');
    const huge = await api(svc.url, 'POST', '/v1/screenshots/async', { ...base, selector: `#${'a'.repeat(600)}` });
    expect(huge.status).toBe(400);
    expect(huge.body.error.param).toBe('selector');
  });

  it('bulk: options.selector and defaults.selector work, and their errors name where the selector came from', async () => {
    const b = await api(svc.url, 'POST', '/v1/screenshots/bulk', {
      urls: [{ url: `${origin.url}/` }, { url: `${origin.url}/`, options: { selector: '#late' } }],
      defaults: { viewport: { width: 400, height: 300 }, selector: '#box' },
    });
    expect(b.status, JSON.stringify(b.body)).toBe(202);
    const ids = b.body.jobs.map((j: { id: string }) => j.id);
    const sizes = [];
    for (const id of ids) {
      const j = await waitFor(
        async () => {
          const r = await api(svc.url, 'GET', `/v1/screenshots/jobs/${id}`);
          return r.body.status === 'COMPLETED' ? r.body : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 50, what: `job ${id}` },
      );
      sizes.push([j.metadata.width, j.metadata.height]);
    }
    expect(sizes).toEqual([
      [120, 80],
      [90, 70],
    ]);
    const own = await api(svc.url, 'POST', '/v1/screenshots/bulk', {
      urls: [{ url: `${origin.url}/` }, { url: `${origin.url}/`, options: { selector: '#nowhere' } }],
    });
    expect(own.body.error).toMatchObject({ code: 'selector_not_found', param: 'urls[1].options.selector' });
    const dflt = await api(svc.url, 'POST', '/v1/screenshots/bulk', {
      urls: [{ url: `${origin.url}/` }],
      defaults: { selector: 'div[' },
    });
    expect(dflt.body.error).toMatchObject({ code: 'selector_invalid', param: 'defaults.selector' });
  });
});

describe("our web capture's selector (screenshot.capture.selector)", () => {
  const render = (capture: Record<string, unknown>) =>
    api(svc.url, 'POST', '/v1/renders', {
      canvas: { width: 300, height: 200, device: 'none' },
      style: { layout: 'full-bleed', padding: 0, device: { frame: 'none', shadow: false, fit: 'crop' } },
      slides: [
        {
          id: 'one',
          screenshot: { capture: { url: `${origin.url}/`, viewport: { width: 400, height: 300 }, ...capture } },
        },
      ],
    });

  it('renders the element (not the page) as the slide screenshot', async () => {
    for (const [selector, colour] of [
      [undefined, '#2040c0'],
      ['#box', '#e02020'],
    ] as const) {
      const r = await render(selector ? { selector } : {});
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      const done = r.body.status === 'succeeded' ? r.body : await pollUntilEnded(svc.url, r.body.id);
      expect(done.status).toBe('succeeded');
      const img = await api(svc.url, 'GET', `/v1/renders/${done.id}/images/1`);
      expect(img.status).toBe(200);
      // The middle of the canvas: the red box fills it when it is the screenshot, the blue page otherwise.
      expect(
        near(await pixel(img.body as Buffer, 150, 100), colour),
        `${selector}: ${await pixel(img.body as Buffer, 150, 100)}`,
      ).toBe(true);
    }
  });

  it('a selector matching nothing or not parsed is a 400 naming slides[0].screenshot.capture.selector', async () => {
    for (const [selector, code] of [
      ['#nowhere', 'selector_not_found'],
      ['div[', 'selector_invalid'],
    ] as const) {
      const r = await render({ selector });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error).toMatchObject({ code, param: 'slides[0].screenshot.capture.selector' });
    }
  });
});
