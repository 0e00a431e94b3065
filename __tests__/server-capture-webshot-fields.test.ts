// The web screenshot API's "Screenshot API" page, its fields as that page names them, end to end on the
// real `storeshots serve` (built bin) with Debian's Chromium and pages from a loopback static server:
// `wait_for` as a strategy ("load", "networkidle", "selector" with `wait_selector`; any other value stays
// a CSS selector), `device` presets (desktop, mobile, tablet: they override the viewport),
// `viewport.device_scale_factor`, `delay_ms`, `custom_css` and `wait_timeout` (a shorter capture time
// limit). Each is seen in the result: the image's size, a colour only the field can have made, a time-out
// in the shorter limit. Contradicting or out-of-range values are 400s naming the field. Answers are
// validated against /v1/openapi.json.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listener } from './helpers/listen.js';
import { expectFits } from './helpers/openapi.js';
import { api, type ServerHandle, startCaptureService } from './helpers/server.js';

const html = (body: string, style = 'background:#0000ff') =>
  `<!doctype html><html><head><style>html,body{margin:0;${style}}</style></head><body>${body}</body></html>`;

let origin: Listener;
let svc: ServerHandle;
let doc: any;
const hanging: Array<() => void> = [];

beforeAll(async () => {
  origin = await listen((req, res) => {
    const page: Record<string, string> = {
      '/': html(''),
      // The ground turns green only once a fetch answered (after 800 ms): "networkidle" waits for it.
      '/busy': html(
        `<script>fetch('/slow').then(() => { document.body.style.background = '#00ff00'; document.documentElement.style.background = '#00ff00'; });</script>`,
      ),
      // A red block appears 300 ms after the load: "selector" with wait_selector waits for it.
      '/late': html(
        `<script>setTimeout(() => { const d = document.createElement('div'); d.id = 'late'; d.style.cssText = 'position:absolute;left:0;top:0;width:100px;height:100px;background:#ff0000'; document.body.appendChild(d); }, 300);</script>`,
      ),
      // An image that never answers: the load event never comes.
      '/never': html('<img src="/hang">'),
    };
    if (req.url === '/slow') setTimeout(() => res.writeHead(200).end('ok'), 800);
    else if (req.url === '/hang') hanging.push(() => res.destroy());
    else if (page[req.url ?? '']) res.writeHead(200, { 'content-type': 'text/html' }).end(page[req.url!]);
    else res.writeHead(404).end();
  });
  ({ svc, doc } = await startCaptureService(`127.0.0.1:${origin.port}`));
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  for (const end of hanging) end();
  await origin?.close();
});

async function shot(body: Record<string, unknown>) {
  const r = await api(svc.url, 'POST', '/v1/screenshot', { url: `${origin.url}/`, ...body });
  expect(r.status, r.status === 200 ? '' : JSON.stringify(r.body)).toBe(200);
  const { data, info } = await sharp(r.body as Buffer)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const i = (y * info.width + x) * 3;
    return `#${[data[i]!, data[i + 1]!, data[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  };
  return { width: info.width, height: info.height, at };
}

async function expectRefused(body: Record<string, unknown>, code: string, param: string) {
  const r = await api(svc.url, 'POST', '/v1/screenshot', { url: `${origin.url}/`, ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expectFits(doc, '/v1/screenshot', 'post', 400, r.body);
  expect(r.body.error, JSON.stringify(r.body)).toMatchObject({ code, param });
  expect(JSON.stringify(r.body)).not.toMatch(/\n\s+at /);
  return r.body.error.message as string;
}

describe(`the web screenshot API: the "Screenshot API" page's fields`, () => {
  it('wait_for "networkidle" waits for the network (not for an element named networkidle)', async () => {
    const s = await shot({ url: `${origin.url}/busy`, viewport: { width: 200, height: 100 }, wait_for: 'networkidle' });
    expect(s.at(100, 50)).toBe('#00ff00');
  }, 120_000);

  it('wait_for "selector" waits for wait_selector; "load" is the load event', async () => {
    const s = await shot({
      url: `${origin.url}/late`,
      viewport: { width: 200, height: 150 },
      wait_for: 'selector',
      wait_selector: '#late',
    });
    expect([s.at(50, 50), s.at(150, 120)]).toEqual(['#ff0000', '#0000ff']);
    const plain = await shot({ viewport: { width: 200, height: 150 }, wait_for: 'load' });
    expect(plain.at(50, 50)).toBe('#0000ff');
  }, 120_000);

  it('device presets override the viewport; viewport.device_scale_factor is dpr; custom_css and delay_ms apply', async () => {
    const mobile = await shot({ device: 'mobile', viewport: { width: 200, height: 100 } });
    expect([mobile.width, mobile.height]).toEqual([780, 1688]);
    const scaled = await shot({ viewport: { width: 200, height: 100, device_scale_factor: 2 } });
    expect([scaled.width, scaled.height]).toEqual([400, 200]);
    const styled = await shot({
      viewport: { width: 200, height: 100 },
      response_type: 'binary',
      custom_css: 'html, body { background: #ffff00 !important }',
      delay_ms: 50,
    });
    expect(styled.at(100, 50)).toBe('#ffff00');
  }, 120_000);

  it('wait_timeout shortens the capture limit: a page that never loads is capture_timeout within it', async () => {
    const started = Date.now();
    const message = await expectRefused(
      { url: `${origin.url}/never`, viewport: { width: 200, height: 100 }, wait_timeout: 1500 },
      'capture_timeout',
      'url',
    );
    expect(message).toContain('1500 ms');
    // Far below the server's limit (60 s): the shorter one applied.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 120_000);

  it('bulk jobs take the same fields', async () => {
    const r = await api(svc.url, 'POST', '/v1/bulk', {
      jobs: [
        { type: 'screenshot', url: `${origin.url}/`, device: 'desktop', wait_for: 'load', delay_ms: 10 },
        { type: 'screenshot', url: `${origin.url}/late`, wait_for: 'selector' },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expectFits(doc, '/v1/bulk', 'post', 202, r.body);
    expect(r.body).toMatchObject({ submitted: 1, failed: 1 });
    expect(r.body.jobs[1]).toMatchObject({ index: 1, error_code: 'PARAMETER_MISSING' });
    expect(r.body.jobs[1].error_message).toContain('jobs[1].wait_selector');
  }, 120_000);

  it('contradicting or out-of-range values are 400s naming the field', async () => {
    const view = { width: 200, height: 100 };
    await expectRefused({ viewport: view, wait_for: 'selector' }, 'parameter_missing', 'wait_selector');
    await expectRefused({ viewport: view, wait_for: 'load', wait_until: 'networkidle' }, 'invalid_request', 'wait_for');
    await expectRefused(
      { viewport: { ...view, device_scale_factor: 3 }, dpr: 2 },
      'invalid_request',
      'viewport.device_scale_factor',
    );
    await expectRefused({ viewport: view, delay: 10, delay_ms: 20 }, 'invalid_request', 'delay_ms');
    await expectRefused({ viewport: view, device: 'phone' }, 'invalid_request', 'device');
    await expectRefused({ viewport: view, wait_timeout: 500 }, 'invalid_request', 'wait_timeout');
    await expectRefused({ viewport: view, wait_timeout: 60_000 }, 'invalid_request', 'wait_timeout');
    await expectRefused({ viewport: view, wait_timeout: 2000, delay_ms: 2000 }, 'invalid_request', 'delay_ms');
    await expectRefused({ viewport: view, delay_ms: -1 }, 'invalid_request', 'delay_ms');
    await expectRefused({ viewport: view, custom_css: 'a'.repeat(70_000) }, 'invalid_request', 'custom_css');
    await expectRefused({ viewport: view, custom_css: 5 }, 'invalid_request', 'custom_css');
    await expectRefused({ viewport: view, response_type: 'json' }, 'invalid_request', 'response_type');
    await expectRefused({ viewport: view, html: '<p>inline</p>' }, 'invalid_request', 'html');
  }, 120_000);
});
