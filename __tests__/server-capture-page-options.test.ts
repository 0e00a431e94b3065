// Page options of web capture (docs/render-api.md#page-options), end to end on the real `storeshots
// serve` (built bin) with Debian's Chromium and a page from a loopback static server: dark mode
// (prefers-color-scheme), custom CSS, hidden selectors, device presets (Playwright's table: size, scale,
// touch, user agent) and a bounded wait for a selector, through our own `screenshot.capture`,
// allscreenshots' async, bulk and compose paths and the web screenshot API's `/v1/screenshot`, each
// checked by the pixel colours of the image it gives. Hostile values are 400s naming the field: an
// unknown device (with valid names), a selector that would close its rule, a style sheet too large,
// and a style sheet that imports from a refused address captures without it (listed as blocked).
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listener } from './helpers/listen.js';
import { expectColour } from './helpers/pixels.js';
import { api, pollUntilEnded, startService, type ServerHandle } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const BROWSER = '/usr/bin/chromium';

let origin: Listener;
let svc: ServerHandle;

// White page (dark: #102030) with a red banner 0-60 px, a probe strip 100-140 px that turns green on a
// touch device whose user agent says iPhone (grey otherwise), and #late, added 300 ms after the load.
const PAGE = `<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1"><style>
  body { margin: 0; background: #ffffff; }
  @media (prefers-color-scheme: dark) { body { background: #102030; } }
  #banner { position: absolute; left: 0; top: 0; width: 100%; height: 60px; background: #e02020; }
  #probe { position: absolute; left: 0; top: 100px; width: 100%; height: 40px; background: #808080; }
</style></head><body>
  <div id="banner"></div><div id="probe"></div>
  <script>
    if (/iPhone/.test(navigator.userAgent) && 'ontouchstart' in window) document.getElementById('probe').style.background = '#20c040';
    window.addEventListener('load', () => setTimeout(() => {
      const d = document.createElement('div'); d.id = 'late'; d.textContent = 'late'; document.body.appendChild(d);
    }, 300));
  </script>
</body></html>`;

beforeAll(async () => {
  origin = await listen((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    else res.writeHead(404).end();
  });
  const { port } = origin;
  svc = await startService({
    env: {
      STORESHOTS_BROWSER: BROWSER,
      STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${port}`,
      // Longer than the test of the bounded wait allows itself: an unbounded wait_for would run into it.
      STORESHOTS_CAPTURE_TIMEOUT_MS: '60000',
    },
  });
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  await origin?.close();
});

/** allscreenshots' async job to its end; the result's bytes. */
async function asyncShot(body: Record<string, unknown>): Promise<{ bytes: Buffer; job: any }> {
  const a = await api(svc.url, 'POST', '/v1/screenshots/async', { url: `${origin.url}/`, ...body });
  expect(a.status, JSON.stringify(a.body)).toBe(202);
  const job = await waitFor(
    async () => {
      const j = await api(svc.url, 'GET', `/v1/screenshots/jobs/${a.body.id}`);
      return ['COMPLETED', 'FAILED', 'CANCELLED'].includes(j.body.status) ? j.body : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 50, what: `job ${a.body.id}` },
  );
  expect(job.status, JSON.stringify(job)).toBe('COMPLETED');
  const r = await api(svc.url, 'GET', `/v1/screenshots/jobs/${a.body.id}/result`);
  expect(r.status).toBe(200);
  return { bytes: r.body as Buffer, job };
}

/** Our render of one full-bleed slide captured from the page; the image's bytes. */
async function ourShot(capture: Record<string, unknown>, canvas = { width: 300, height: 200 }) {
  const r = await api(svc.url, 'POST', '/v1/renders', {
    canvas: { ...canvas, device: 'none' },
    style: { layout: 'full-bleed', padding: 0, device: { frame: 'none', shadow: false, fit: 'crop' } },
    slides: [{ id: 'one', screenshot: { capture: { url: `${origin.url}/`, ...capture } } }],
  });
  return r;
}

async function ourImage(capture: Record<string, unknown>, canvas?: { width: number; height: number }) {
  const r = await ourShot(capture, canvas);
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  const done = r.body.status === 'succeeded' ? r.body : await pollUntilEnded(svc.url, r.body.id);
  expect(done.status, JSON.stringify(done)).toBe('succeeded');
  const img = await api(svc.url, 'GET', `/v1/renders/${done.id}/images/1`);
  expect(img.status).toBe(200);
  return { bytes: img.body as Buffer, render: done };
}

async function expectError(route: string, body: Record<string, unknown>, code: string, param: string) {
  const r = await api(svc.url, 'POST', route, body);
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expect(r.body.error, JSON.stringify(r.body)).toMatchObject({ code, param });
  expect(JSON.stringify(r.body)).not.toMatch(/\n\s+at /);
  return r.body.error.message as string;
}

const VIEW = { width: 300, height: 200 };

describe('dark mode', () => {
  it('the page sees prefers-color-scheme: dark (allscreenshots darkMode, our dark_mode, web API dark_mode)', async () => {
    const light = await asyncShot({ viewport: VIEW });
    await expectColour(light.bytes, 150, 180, '#ffffff', 'light page');
    const dark = await asyncShot({ viewport: VIEW, darkMode: true });
    await expectColour(dark.bytes, 150, 180, '#102030', 'darkMode: true');
    // Their documented "off" value is taken and asks for nothing.
    const off = await asyncShot({ viewport: VIEW, darkMode: false, device: null, customCss: null, hideSelectors: [] });
    await expectColour(off.bytes, 150, 180, '#ffffff', 'darkMode: false');

    const ours = await ourImage({ viewport: VIEW, dark_mode: true });
    await expectColour(ours.bytes, 150, 180, '#102030', 'screenshot.capture.dark_mode');

    const web = await api(svc.url, 'POST', '/v1/screenshot', {
      url: `${origin.url}/`,
      viewport: VIEW,
      dark_mode: true,
    });
    expect(web.status, String(web.body)).toBe(200);
    await expectColour(web.body as Buffer, 150, 180, '#102030', 'web API dark_mode');
  });
});

describe('custom CSS and hidden selectors', () => {
  it('customCss restyles the page; hideSelectors hides the elements (the page shows through)', async () => {
    const css = await asyncShot({ viewport: VIEW, customCss: 'body { background: #2040c0 !important; }' });
    await expectColour(css.bytes, 150, 180, '#2040c0', 'customCss');
    await expectColour(css.bytes, 150, 30, '#e02020', 'banner untouched');
    const hidden = await asyncShot({ viewport: VIEW, hideSelectors: ['#banner', '#probe'] });
    await expectColour(hidden.bytes, 150, 30, '#ffffff', 'banner hidden');
    await expectColour(hidden.bytes, 150, 120, '#ffffff', 'probe hidden');

    const ours = await ourImage({
      viewport: VIEW,
      css: '#probe { background: #f0e000; }',
      hide_selectors: ['#banner'],
    });
    await expectColour(ours.bytes, 150, 30, '#ffffff', 'screenshot.capture.hide_selectors');
    await expectColour(ours.bytes, 150, 120, '#f0e000', 'screenshot.capture.css');

    const web = await api(svc.url, 'POST', '/v1/screenshot', {
      url: `${origin.url}/`,
      viewport: VIEW,
      hide_selectors: ['#banner'],
    });
    expect(web.status).toBe(200);
    await expectColour(web.body as Buffer, 150, 30, '#ffffff', 'web API hide_selectors');
  });

  it('a hidden selector that is not CSS, or would close its rule, is a 400 naming it', async () => {
    for (const bad of ['} body { display: none', 'div[', '#a; }']) {
      const msg = await expectError(
        '/v1/screenshots/async',
        { url: `${origin.url}/`, viewport: VIEW, hideSelectors: ['#banner', bad] },
        'selector_invalid',
        'hideSelectors[1]',
      );
      expect(msg).toContain(bad);
    }
    await expectError(
      '/v1/renders',
      {
        canvas: { width: 300, height: 200, device: 'none' },
        style: { layout: 'full-bleed' },
        slides: [
          { id: 'a', screenshot: { capture: { url: `${origin.url}/`, viewport: VIEW, hide_selectors: ['a{'] } } },
        ],
      },
      'selector_invalid',
      'slides[0].screenshot.capture.hide_selectors[0]',
    );
    await expectError(
      '/v1/screenshot',
      { url: `${origin.url}/`, viewport: VIEW, hide_selectors: ['x}'] },
      'selector_invalid',
      'hide_selectors[0]',
    );
  });

  it('a style sheet over 64 KiB is refused; one importing from a refused address captures without it', async () => {
    const r = await api(svc.url, 'POST', '/v1/screenshots/async', {
      url: `${origin.url}/`,
      customCss: `/*${'x'.repeat(70_000)}*/`,
    });
    expect(r.status).toBe(400);
    expect(r.body.error.param).toBe('customCss');
    // Multi-byte characters: under the schema's length in characters, over the byte limit.
    await expectError(
      '/v1/screenshots/async',
      { url: `${origin.url}/`, customCss: `/*${'é'.repeat(40_000)}*/` },
      'capture_too_large',
      'customCss',
    );
    const { bytes, job } = await asyncShot({
      viewport: VIEW,
      customCss: '@import url("http://169.254.169.254/latest/x.css"); body { background: #2040c0 !important; }',
    });
    await expectColour(bytes, 150, 180, '#2040c0', 'the rest of the sheet applies');
    const render = await api(svc.url, 'GET', `/v1/renders/${job.id}`);
    expect(JSON.stringify(render.body.captures)).toContain('169.254.169.254');
  });
});

describe('device presets', () => {
  it("a preset gives its viewport, scale, touch and user agent (Playwright's table)", async () => {
    // iPhone SE: 320x568 CSS pixels at scale 2, touch, an iPhone user agent.
    const { bytes, job } = await asyncShot({ device: 'iPhone SE' });
    expect(job.metadata).toMatchObject({ width: 640, height: 1136 });
    await expectColour(bytes, 320, 240, '#20c040', 'probe on a touch iPhone');
    // A viewport given too replaces the preset's size; the touch and user agent stay.
    const sized = await asyncShot({ device: 'iPhone SE', viewport: { width: 300, height: 200 } });
    expect(sized.job.metadata).toMatchObject({ width: 600, height: 400 });
    await expectColour(sized.bytes, 300, 240, '#20c040', 'probe with a viewport');
    // Without a device: no touch, a desktop user agent.
    const desk = await asyncShot({ viewport: VIEW });
    await expectColour(desk.bytes, 150, 120, '#808080', 'probe on a desktop');

    const ours = await ourImage({ device: 'iPhone SE' }, { width: 320, height: 568 });
    await expectColour(ours.bytes, 160, 120, '#20c040', 'screenshot.capture.device');
  });

  it('an unknown device is a 400 naming the field and listing valid names, on every surface', async () => {
    const msg = await expectError(
      '/v1/screenshots/async',
      { url: `${origin.url}/`, device: 'iPhone 99' },
      'device_unknown',
      'device',
    );
    expect(msg).toMatch(/"iPhone [^"]+"/);
    await expectError(
      '/v1/screenshots/async',
      { url: `${origin.url}/`, device: '__proto__' },
      'device_unknown',
      'device',
    );
    await expectError(
      '/v1/renders',
      {
        canvas: { width: 300, height: 200, device: 'none' },
        style: { layout: 'full-bleed' },
        slides: [{ id: 'a', screenshot: { capture: { url: `${origin.url}/`, device: 'toaster' } } }],
      },
      'device_unknown',
      'slides[0].screenshot.capture.device',
    );
    const bulk = await api(svc.url, 'POST', '/v1/screenshots/bulk', {
      urls: [{ url: `${origin.url}/`, options: { device: 'toaster' } }],
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(400);
    expect(bulk.body.error).toMatchObject({ code: 'device_unknown', param: 'urls[0].options.device' });
    // Neither viewport nor device on our capture: the schema names what is missing.
    const none = await ourShot({});
    expect(none.status, JSON.stringify(none.body)).toBe(400);
    expect(none.body.error.message).toMatch(/viewport|device/);
  });
});

describe('compose', () => {
  it("a capture's darkMode and the defaults' hideSelectors apply to each capture", async () => {
    const r = await api(
      svc.url,
      'POST',
      '/v1/screenshots/compose',
      {
        captures: [
          { url: `${origin.url}/`, viewport: VIEW },
          { url: `${origin.url}/`, viewport: VIEW, darkMode: true },
        ],
        defaults: { hideSelectors: ['#probe'] },
        output: { layout: 'horizontal', spacing: 0, padding: 0 },
      },
      { headers: { accept: 'image/png' } },
    );
    expect(r.status, String(r.body)).toBe(200);
    const meta = await sharp(r.body as Buffer).metadata();
    expect(meta.width).toBe(600);
    await expectColour(r.body as Buffer, 150, 180, '#ffffff', 'first capture, light');
    await expectColour(r.body as Buffer, 450, 180, '#102030', 'second capture, dark');
    await expectColour(r.body as Buffer, 150, 120, '#ffffff', 'probe hidden by the defaults');
  });
});

describe('wait for a selector', () => {
  it('waits for an element added after the load (web API wait_selector); one that never comes is a bounded 400', async () => {
    const ok = await api(svc.url, 'POST', '/v1/screenshot', {
      url: `${origin.url}/`,
      viewport: VIEW,
      wait_selector: '#late',
    });
    expect(ok.status, String(ok.body)).toBe(200);
    const msg = await expectError(
      '/v1/screenshot',
      { url: `${origin.url}/`, viewport: VIEW, wait_selector: '#never' },
      'wait_for_timeout',
      'wait_selector',
    );
    expect(msg).toContain('#never');
    // Its own bound (10 s), not the capture's 60 s limit: the code says which ended it, and this test's
    // own 45 s time-out would end first if the wait ran to the capture's limit.
    await expectError(
      '/v1/screenshots/async',
      { url: `${origin.url}/`, viewport: VIEW, waitFor: 'div[' },
      'selector_invalid',
      'waitFor',
    );
  }, 45_000);
});

describe('refused', () => {
  it('ad blocking without filter lists, and a level they do not have (server-capture-blocking.test.ts has the rest)', async () => {
    for (const [field, value] of [
      ['blockAds', true],
      ['blockLevel', 'light'],
      ['blockLevel', 'basic'],
    ] as const) {
      const r = await api(svc.url, 'POST', '/v1/screenshots/async', { url: `${origin.url}/`, [field]: value });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.param).toBe(field);
    }
    // clip is built (server-capture-clip.test.ts); half a rectangle is still refused, naming what is missing.
    const web = await api(svc.url, 'POST', '/v1/screenshot', { url: `${origin.url}/`, clip: { x: 0, y: 0 } });
    expect(web.body.error).toMatchObject({ code: 'parameter_missing', param: 'clip.width' });
  });
});
