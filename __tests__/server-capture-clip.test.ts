// `clip` (a rectangle of the page) end to end on the real `storeshots serve` (built bin) with Debian's
// Chromium and pages from a loopback static server: the web screenshot API's `clip` ({x, y, width,
// height}, their "Screenshot API" page) on POST /v1/screenshot and in a bulk job, and our own
// `screenshot.capture.clip`. The pages draw a 2x2 block of four colours on a blue ground exactly where
// the clip is: every pixel of the result must be its quadrant's colour (a rectangle off by one pixel
// shows blue or a neighbour's colour along an edge), at dpr 1 and 2, in the viewport and below the fold
// of a full page. Hostile clips are 400s naming the field (`clip.width`, `jobs[1].clip.x`,
// `slides[0].screenshot.capture.clip.height`), never a 500 or a silently trimmed image. Answers are
// validated against /v1/openapi.json.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listener } from './helpers/listen.js';
import { expectFits } from './helpers/openapi.js';
import { api, pollUntilEnded, startService, type ServerHandle } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const BROWSER = '/usr/bin/chromium';
const VIEW = { width: 400, height: 300 };
const COLOURS = ['#ff0000', '#00ff00', '#ffff00', '#ff00ff'];

/** Four blocks of w x h (red, green / yellow, magenta) with their top left at (x, y) of a blue page. */
const blocks = (x: number, y: number, w: number, h: number, pageHeight?: number) =>
  `<!doctype html><html><head><style>
html,body{margin:0;background:#0000ff}${pageHeight ? `body{height:${pageHeight}px}` : ''}
div{position:absolute;width:${w}px;height:${h}px}
</style></head><body>
<div style="left:${x}px;top:${y}px;background:${COLOURS[0]}"></div>
<div style="left:${x + w}px;top:${y}px;background:${COLOURS[1]}"></div>
<div style="left:${x}px;top:${y + h}px;background:${COLOURS[2]}"></div>
<div style="left:${x + w}px;top:${y + h}px;background:${COLOURS[3]}"></div>
</body></html>`;

// In the viewport: blocks of 60x40 at (100, 50), the clip {100, 50, 120, 80}. Below the fold of a page
// 2000 pixels tall: blocks of 40x32 at (20, 1500), the clip {20, 1500, 80, 64}.
const CLIP = { x: 100, y: 50, width: 120, height: 80 };
const DEEP = { x: 20, y: 1500, width: 80, height: 64 };

let origin: Listener;
let svc: ServerHandle;
let doc: any;

beforeAll(async () => {
  origin = await listen((req, res) => {
    const html = { '/': blocks(100, 50, 60, 40), '/tall': blocks(20, 1500, 40, 32, 2000) }[req.url ?? ''];
    if (html) res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else res.writeHead(404).end();
  });
  svc = await startService({
    env: {
      STORESHOTS_BROWSER: BROWSER,
      STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${origin.port}`,
      STORESHOTS_CAPTURE_TIMEOUT_MS: '60000',
    },
  });
  doc = (await api(svc.url, 'GET', '/v1/openapi.json', undefined, { key: null })).body;
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  await origin?.close();
});

const hex = (d: Buffer, i: number) =>
  `#${[d[i]!, d[i + 1]!, d[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** The image is `width` x `height` and each of its pixels is its quadrant's colour: no other pixel. */
async function expectQuadrants(bytes: Buffer, width: number, height: number) {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([width, height]);
  const wrong: string[] = [];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const want = COLOURS[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)]!;
      const got = hex(data, (y * width + x) * 3);
      if (got !== want) wrong.push(`(${x}, ${y}) ${got} not ${want}`);
    }
  expect(wrong.slice(0, 5), `${wrong.length} pixels of ${width * height} off`).toEqual([]);
}

/** POST /v1/screenshot (synchronous) and its 200 image. */
async function webshot(body: Record<string, unknown>) {
  const r = await api(svc.url, 'POST', '/v1/screenshot', { url: `${origin.url}/`, viewport: VIEW, ...body });
  expect(r.status, r.status === 200 ? '' : JSON.stringify(r.body)).toBe(200);
  expect(r.headers.get('content-type')).toBe('image/png');
  return r.body as Buffer;
}

/** A 400 naming `param`, in the API's error shape, without a stack. */
async function expectRefused(route: string, body: Record<string, unknown>, code: string, param: string) {
  const r = await api(svc.url, 'POST', route, body);
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expectFits(doc, route, 'post', 400, r.body);
  expect(r.body.error, JSON.stringify(r.body)).toMatchObject({ code, param });
  expect(r.body.error.message).toContain(param);
  expect(JSON.stringify(r.body)).not.toMatch(/\n\s+at /);
}

describe('the web screenshot API: clip', () => {
  it('the image is exactly the rectangle, at dpr 1 and 2', async () => {
    await expectQuadrants(await webshot({ clip: CLIP }), 120, 80);
    await expectQuadrants(await webshot({ clip: CLIP, dpr: 2 }), 240, 160);
  }, 120_000);

  it('with full_page: a rectangle below the fold, relative to the page', async () => {
    await expectQuadrants(await webshot({ url: `${origin.url}/tall`, full_page: true, clip: DEEP }), 80, 64);
  }, 120_000);

  it('async_mode and bulk jobs: the job polls to completed and its result is the rectangle; a bad clip is its own entry', async () => {
    const bulk = await api(svc.url, 'POST', '/v1/bulk', {
      jobs: [
        { type: 'screenshot', url: `${origin.url}/`, viewport: VIEW, clip: CLIP, format: 'png' },
        { type: 'screenshot', url: `${origin.url}/`, viewport: VIEW, clip: { ...CLIP, x: 400 } },
      ],
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(202);
    expectFits(doc, '/v1/bulk', 'post', 202, bulk.body);
    expect(bulk.body).toMatchObject({ submitted: 1, failed: 1 });
    expect(bulk.body.jobs[1]).toMatchObject({ index: 1, error_code: 'CLIP_OUTSIDE_PAGE' });
    expect(bulk.body.jobs[1].error_message).toContain('jobs[1].clip.x');
    const done = await waitFor(
      async () => {
        const j = await api(svc.url, 'GET', `/v1/jobs/${bulk.body.jobs[0].job_id}`);
        expectFits(doc, '/v1/jobs/{id}', 'get', 200, j.body);
        return ['completed', 'failed'].includes(j.body.status) ? j.body : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 50, what: 'the bulk job' },
    );
    expect(done.status).toBe('completed');
    const img = await api(svc.url, 'GET', done.result_url);
    await expectQuadrants(img.body as Buffer, 120, 80);
  }, 180_000);

  it('hostile clips are 400s naming the field', async () => {
    const at = (clip: unknown, extra: Record<string, unknown> = {}) => ({
      url: `${origin.url}/`,
      viewport: VIEW,
      clip,
      ...extra,
    });
    const route = '/v1/screenshot';
    await expectRefused(route, at({ ...CLIP, x: -1 }), 'invalid_request', 'clip.x');
    await expectRefused(route, at({ ...CLIP, y: 1.5 }), 'invalid_request', 'clip.y');
    await expectRefused(route, at({ ...CLIP, width: 0 }), 'invalid_request', 'clip.width');
    await expectRefused(route, at({ ...CLIP, height: 1e12 }), 'invalid_request', 'clip.height');
    await expectRefused(route, at({ ...CLIP, width: '120' }), 'invalid_request', 'clip.width');
    await expectRefused(route, at({ x: 0, y: 0, width: 100 }), 'parameter_missing', 'clip.height');
    await expectRefused(route, at({ ...CLIP, scale: 2 }), 'parameter_unknown', 'clip.scale');
    await expectRefused(route, at('0,0,100,100'), 'invalid_request', 'clip');
    await expectRefused(route, at([0, 0, 100, 100]), 'invalid_request', 'clip');
    // Outside the viewport (400x300): the field that reaches out.
    await expectRefused(route, at({ ...CLIP, x: 300 }), 'clip_outside_page', 'clip.width');
    await expectRefused(route, at({ ...CLIP, x: 400 }), 'clip_outside_page', 'clip.x');
    await expectRefused(route, at({ ...CLIP, y: 221 }), 'clip_outside_page', 'clip.height');
    await expectRefused(route, at({ ...CLIP, y: 300, height: 64 }), 'clip_outside_page', 'clip.y');
    // Below the full page's bottom (2000 pixels): known once the page loaded.
    await expectRefused(
      route,
      at({ ...DEEP, y: 1950 }, { url: `${origin.url}/tall`, full_page: true }),
      'clip_outside_page',
      'clip.height',
    );
    // Smaller than the render core's smallest image (64 pixels a side), at the dpr.
    await expectRefused(route, at({ ...CLIP, width: 63 }), 'capture_too_small', 'clip.width');
    await expectRefused(route, at({ ...CLIP, height: 31 }, { dpr: 2 }), 'capture_too_small', 'clip.height');
    await expectRefused(route, at(CLIP, { format: 'pdf' }), 'invalid_request', 'clip');
  }, 180_000);
});

describe('our screenshot.capture.clip', () => {
  const render = (capture: Record<string, unknown>, canvas = { width: 120, height: 80 }) =>
    api(svc.url, 'POST', '/v1/renders', {
      canvas: { ...canvas, device: 'none' },
      style: { layout: 'full-bleed', padding: 0, device: { frame: 'none', shadow: false, fit: 'crop' } },
      slides: [{ id: 'one', screenshot: { capture: { url: `${origin.url}/`, viewport: VIEW, ...capture } } }],
    });

  it("the slide's screenshot is the rectangle: a full-bleed canvas of its size is exactly it", async () => {
    for (const [capture, canvas] of [
      [{ clip: CLIP }, { width: 120, height: 80 }],
      [
        { url: `${origin.url}/tall`, full_page: true, clip: DEEP, viewport: { ...VIEW, device_scale_factor: 2 } },
        { width: 160, height: 128 },
      ],
    ] as const) {
      const r = await render(capture, canvas);
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      const done = r.body.status === 'succeeded' ? r.body : await pollUntilEnded(svc.url, r.body.id);
      expect(done.status, JSON.stringify(done)).toBe('succeeded');
      expectFits(doc, '/v1/renders/{id}', 'get', 200, done);
      const img = await api(svc.url, 'GET', `/v1/renders/${done.id}/images/1`);
      await expectQuadrants(img.body as Buffer, canvas.width, canvas.height);
    }
  }, 180_000);

  it('hostile clips are 400s naming the field', async () => {
    const p = 'slides[0].screenshot.capture';
    for (const [capture, code, param] of [
      [{ clip: { ...CLIP, y: 250 } }, 'clip_outside_page', `${p}.clip.height`],
      [{ clip: { ...CLIP, x: -5 } }, 'invalid_request', `${p}.clip.x`],
      [{ clip: { ...CLIP, depth: 1 } }, 'parameter_unknown', `${p}.clip.depth`],
      [{ clip: CLIP, selector: 'div' }, 'clip_invalid', `${p}.clip`],
    ] as const) {
      const r = await render(capture);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expectFits(doc, '/v1/renders', 'post', 400, r.body);
      expect(r.body.error, JSON.stringify(r.body)).toMatchObject({ code, param });
      expect(JSON.stringify(r.body)).not.toMatch(/\n\s+at /);
    }
  }, 120_000);
});
