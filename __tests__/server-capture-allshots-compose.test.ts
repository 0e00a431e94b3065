// allscreenshots' compose (POST /v1/screenshots/compose, GET /v1/screenshots/compose/jobs/{jobId},
// GET .../compose/jobs, GET .../compose/preview), end to end on the real `storeshots serve` (built bin)
// with Debian's Chromium and pages from a loopback static server. Their documented request body is sent
// literally (hosts swapped); the composed image's size and pixels are checked against the layout; the
// async job is polled to its result link (usable without a key); hostile requests get a 400 naming
// the field (captures[i].url of a refused page, before any page is loaded), and a compose job counts
// one image of the monthly quota. Answers are validated against /v1/openapi.json.
import { Ajv } from 'ajv';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listener } from './helpers/listen.js';
import { api, KEY, startService, type ServerHandle } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';
import { expectFits } from './helpers/openapi.js';
import { near, pixel } from './helpers/pixels.js';

const BROWSER = '/usr/bin/chromium';

let origin: Listener;
let svc: ServerHandle;
let doc: any;

// The pages asked for, without the favicon Chromium may fetch on its own after a page has loaded.
const pages = (hits: string[]) => hits.filter((h) => h !== '/favicon.ico');

const COLORS: Record<string, string> = { '/red': '#e02020', '/blue': '#2040c0', '/green': '#20c040' };

beforeAll(async () => {
  origin = await listen((req, res) => {
    const color = COLORS[req.url!];
    if (color)
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><html><body style="margin:0;background:${color}"></body></html>`);
    else res.writeHead(404).end('no');
  });
  const { port } = origin;
  svc = await startService({
    env: {
      STORESHOTS_BROWSER: BROWSER,
      STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${port}`,
      STORESHOTS_CAPTURE_TIMEOUT_MS: '30000',
      STORESHOTS_MONTHLY_QUOTA: '1000',
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

function bodyFits(body: unknown) {
  const schema = doc.paths['/v1/screenshots/compose'].post.requestBody.content['application/json'].schema;
  const check = new Ajv({ strict: false, validateFormats: false }).compile({ ...schema, components: doc.components });
  expect(check(body), `compose request: ${JSON.stringify(check.errors)}`).toBe(true);
}

async function expectColors(bytes: Buffer, points: Array<[number, number, string]>) {
  for (const [x, y, want] of points) {
    const got = await pixel(bytes, x, y);
    expect(near(got, want, 10), `(${x}, ${y}) is ${got}, expected ${want}`).toBe(true);
  }
}

async function pollCompose(id: string) {
  return waitFor(
    async () => {
      const j = await api(svc.url, 'GET', `/v1/screenshots/compose/jobs/${id}`);
      expect(j.status, JSON.stringify(j.body)).toBe(200);
      fits('/v1/screenshots/compose/jobs/{jobId}', 'get', 200, j.body);
      return ['COMPLETED', 'FAILED', 'CANCELLED'].includes(j.body.status) ? j.body : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 50, what: `compose job ${id}` },
  );
}

describe("allscreenshots' compose", () => {
  it('their documented captures-mode request body, sent literally, answers the grid image (synchronous, bytes)', async () => {
    // "Request body / Captures mode" of their Compose page, with their three sites swapped for loopback pages.
    const body = {
      captures: [
        { url: `${origin.url}/red`, label: 'Site 1' },
        { url: `${origin.url}/blue`, label: 'Site 2' },
        { url: `${origin.url}/green`, label: 'Site 3' },
      ],
      defaults: {
        viewport: { width: 320, height: 180 },
        format: 'png',
        quality: 80,
        fullPage: false,
        delay: 0,
        waitFor: null,
        waitUntil: 'load',
        timeout: 30000,
        darkMode: false,
        customCss: null,
        hideSelectors: [],
        blockAds: false,
        blockCookieBanners: false,
        blockLevel: 'none',
      },
      output: { layout: 'grid' },
      async: false,
      webhookUrl: null,
      webhookSecret: null,
    };
    bodyFits(body);
    const r = await api(svc.url, 'POST', '/v1/screenshots/compose', body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    const png = r.body as Buffer;
    // Two columns (ceil(sqrt(3))), cells 320x180, spacing 10 (their default), no padding, white behind.
    expect(await sharp(png).metadata()).toMatchObject({ width: 650, height: 370 });
    await expectColors(png, [
      [5, 5, '#e02020'],
      [330 + 5, 5, '#2040c0'],
      [5, 190 + 5, '#20c040'],
      [330 + 100, 190 + 100, '#ffffff'],
      [325, 90, '#ffffff'],
    ]);
  });

  it('async: 202 with the job, polled to COMPLETED, its link works without a key; listed; horizontal with padding, spacing, background', async () => {
    const body = {
      captures: [
        { url: `${origin.url}/red`, id: 'left', viewport: { width: 200, height: 150 } },
        { url: `${origin.url}/blue`, id: 'right', viewport: { width: 200, height: 100 } },
      ],
      output: { layout: 'HORIZONTAL', spacing: 20, padding: 10, background: '#000000', alignment: 'bottom' },
      async: true,
    };
    bodyFits(body);
    const a = await api(svc.url, 'POST', '/v1/screenshots/compose', body);
    expect(a.status, JSON.stringify(a.body)).toBe(202);
    fits('/v1/screenshots/compose', 'post', 202, a.body);
    expect(a.body.statusUrl).toBe(`${svc.url}/v1/screenshots/compose/jobs/${a.body.jobId}`);
    const done = await pollCompose(a.body.jobId);
    expect(done).toMatchObject({ status: 'COMPLETED', progress: 100, totalCaptures: 2, completedCaptures: 2 });
    expect(done.result).toMatchObject({ width: 440, height: 170, format: 'png', layout: 'HORIZONTAL' });
    expect(done.result.metadata.captures).toEqual([
      { id: 'left', url: `${origin.url}/red`, width: 200, height: 150 },
      { id: 'right', url: `${origin.url}/blue`, width: 200, height: 100 },
    ]);
    const img = await fetch(done.result.url);
    expect(img.status).toBe(200);
    const png = Buffer.from(await img.arrayBuffer());
    // The blue capture is 100 high in a 150 row, aligned to the bottom: black above it.
    await expectColors(png, [
      [5, 5, '#000000'],
      [110, 85, '#e02020'],
      [330, 30, '#000000'],
      [330, 130, '#2040c0'],
    ]);
    const list = await api(svc.url, 'GET', '/v1/screenshots/compose/jobs');
    fits('/v1/screenshots/compose/jobs', 'get', 200, list.body);
    expect(list.body[0]).toMatchObject({ jobId: a.body.jobId, status: 'COMPLETED', layoutType: 'HORIZONTAL' });
    // Another surface's job id is a compose job that does not exist.
    const other = await api(svc.url, 'POST', '/v1/screenshots/async', {
      url: `${origin.url}/red`,
      viewport: { width: 100, height: 100 },
    });
    expect((await api(svc.url, 'GET', `/v1/screenshots/compose/jobs/${other.body.id}`)).status).toBe(404);
  });

  it('variants mode (one URL, several viewports) stacked vertically, JSON when Accept asks for it, and JPEG / WebP', async () => {
    const body = {
      url: `${origin.url}/green`,
      variants: [
        { viewport: { width: 200, height: 150 }, label: 'Desktop' },
        { viewport: { width: 100, height: 150 }, label: 'Phone' },
      ],
      output: { layout: 'vertical', format: 'jpeg', quality: 85 },
    };
    bodyFits(body);
    const r = await api(svc.url, 'POST', '/v1/screenshots/compose', body, { headers: { accept: 'application/json' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    fits('/v1/screenshots/compose', 'post', 200, r.body);
    expect(r.body).toMatchObject({ width: 200, height: 310, format: 'jpeg', layout: 'VERTICAL' });
    expect(r.body.metadata.captures.map((c: { label: string }) => c.label)).toEqual(['Desktop', 'Phone']);
    const jpg = Buffer.from(await (await fetch(r.body.url)).arrayBuffer());
    expect((await sharp(jpg).metadata()).format).toBe('jpeg');
    // The phone variant is centred across: white on both sides of it.
    await expectColors(jpg, [
      [100, 75, '#20c040'],
      [20, 240, '#ffffff'],
      [100, 240, '#20c040'],
      [180, 240, '#ffffff'],
    ]);

    const webp = await api(svc.url, 'POST', '/v1/screenshots/compose', {
      ...body,
      output: { layout: 'auto', format: 'webp' },
      async: true,
    });
    expect(webp.status, JSON.stringify(webp.body)).toBe(202);
    const done = await pollCompose(webp.body.jobId);
    // auto, up to three images of which half or more are portrait (the 100x150 one): side by side.
    expect(done.result).toMatchObject({ format: 'webp', layout: 'HORIZONTAL', width: 310, height: 150 });
    const w = await fetch(done.result.url);
    expect(w.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await w.arrayBuffer())).metadata()).format).toBe('webp');
  });

  it('labels, border and shadow drawn on each card (their LabelConfig, BorderConfig, ShadowConfig), in a masonry layout', async () => {
    // Their SDKs' shapes: layout in capitals, the config objects with some fields left to their defaults.
    const body = {
      captures: [
        { url: `${origin.url}/red`, label: 'Site 1', viewport: { width: 200, height: 300 } },
        { url: `${origin.url}/blue`, label: 'Site 2', viewport: { width: 200, height: 100 } },
        { url: `${origin.url}/green`, viewport: { width: 200, height: 100 } },
      ],
      output: {
        layout: 'MASONRY',
        columns: 2,
        spacing: 20,
        padding: 20,
        background: '#000000',
        labels: { show: true, position: 'bottom', fontSize: 14, backgroundColor: '#ffe000' },
        border: { width: 4, color: '#ffffff', radius: 0 },
        shadow: { enabled: true, color: 'rgba(255,255,255,0.6)', blur: 6, offsetX: 0, offsetY: 6 },
      },
    };
    bodyFits(body);
    const r = await api(svc.url, 'POST', '/v1/screenshots/compose', body, { headers: { accept: 'application/json' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    fits('/v1/screenshots/compose', 'post', 200, r.body);
    // Cards: 200 + 2 x 4 wide; image + 2 x 4 + the strip (ceil(14 x 1.2) + 2 x 8 = 33) high.
    // Column 1: red (341); column 2: blue (141), then green under it (141 + 20 + 141).
    expect(r.body).toMatchObject({ layout: 'MASONRY', width: 20 + 208 + 20 + 208 + 20, height: 20 + 341 + 20 });
    const png = Buffer.from(await (await fetch(r.body.url)).arrayBuffer());
    const cardX = 20 + 208 + 20;
    await expectColors(png, [
      [22, 100, '#ffffff'], // the red card's border
      [120, 100, '#e02020'],
      [30, 20 + 4 + 300 + 16, '#ffe000'], // its label strip (left of the text)
      [cardX + 100, 20 + 50, '#2040c0'],
      [cardX + 100, 20 + 141 + 20 + 50, '#20c040'],
      [cardX + 100, 20 + 141 + 20 + 141 + 30, '#000000'], // under the short column: the background
      [5, 5, '#000000'],
    ]);
    // The shadow (light, offset down) falls in the padding under the red card, not above it.
    const below = await pixel(png, 120, 20 + 341 + 5);
    expect(Number.parseInt(below.slice(1, 3), 16), `under the card ${below}`).toBeGreaterThan(0x30);
    await expectColors(png, [[120, 12, '#000000']]);

    // The preview places the new layouts with the code the job draws with.
    for (const layout of ['masonry', 'PARTITIONING', 'Mondrian']) {
      const p = await api(
        svc.url,
        'GET',
        `/v1/screenshots/compose/preview?layout=${layout}&imageCount=5&aspectRatios=0.5,1,2`,
      );
      expect(p.status, JSON.stringify(p.body)).toBe(200);
      fits('/v1/screenshots/compose/preview', 'get', 200, p.body);
      expect(p.body.resolvedLayout).toBe(layout.toUpperCase());
      expect(p.body.placements).toHaveLength(5);
      for (const q of p.body.placements) {
        expect(q.x + q.width).toBeLessThanOrEqual(p.body.canvasWidth);
        expect(q.y + q.height).toBeLessThanOrEqual(p.body.canvasHeight);
      }
    }
  });

  it('the layout preview gives the placements the job draws with', async () => {
    const p = await api(svc.url, 'GET', '/v1/screenshots/compose/preview?layout=grid&imageCount=4&aspectRatios=1');
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    fits('/v1/screenshots/compose/preview', 'get', 200, p.body);
    expect(p.body.resolvedLayout).toBe('GRID');
    expect(p.body.placements).toHaveLength(4);
    // Four squares in a 2x2 grid scaled into 1200x800: 800 high, so each 395 with a scaled gap.
    expect(p.body.canvasHeight).toBeLessThanOrEqual(800);
    expect(p.body.placements[3].x).toBeGreaterThan(p.body.placements[2].x);
    const bad = await api(svc.url, 'GET', '/v1/screenshots/compose/preview?layout=spiral&imageCount=3');
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('output.layout');
  });

  it('hostile requests: a 400 naming the field, and a refused page is refused before any page is loaded', async () => {
    const ok = { url: `${origin.url}/red`, viewport: { width: 100, height: 100 } };
    const cases: Array<[unknown, number, string, string?]> = [
      [
        { captures: [ok, { url: 'http://169.254.169.254/latest/meta-data/' }] },
        400,
        'captures[1].url',
        'capture_refused',
      ],
      [{ captures: [ok, { url: 'file:///etc/passwd' }] }, 400, 'captures[1].url'],
      [{ url: 'http://10.0.0.1/', variants: [{}] }, 400, 'url', 'capture_refused'],
      [{ captures: Array.from({ length: 21 }, () => ok) }, 400, 'captures'],
      [{ captures: [] }, 400, 'captures'],
      [{}, 400, 'captures'],
      [{ captures: [ok], url: ok.url, variants: [{}] }, 400, 'captures'],
      [{ captures: [ok], output: { layout: 'diagonal' } }, 400, 'output.layout'],
      [{ captures: [ok], output: { background: 'red' } }, 400, 'output.background'],
      // The render core makes RGB images (the stores refuse alpha): see-through is refused, not changed.
      [{ captures: [ok], output: { background: 'transparent' } }, 400, 'output.background'],
      [{ captures: [ok], output: { background: '#00000080' } }, 400, 'output.background'],
      [{ captures: [ok], output: { labels: { font: 'Arial' } } }, 400, 'output.labels.font', 'parameter_unknown'],
      [{ captures: [ok], output: { labels: { padding: -4 } } }, 400, 'output.labels.padding'],
      [{ captures: [ok], output: { labels: { fontSize: 100000 } } }, 400, 'output.labels.fontSize'],
      [{ captures: [ok], output: { labels: { fontColor: 'red' } } }, 400, 'output.labels.fontColor'],
      [
        { captures: [ok], output: { labels: { backgroundColor: 'rgb(256, 0, 0)' } } },
        400,
        'output.labels.backgroundColor',
      ],
      [{ captures: [ok], output: { border: { width: -1 } } }, 400, 'output.border.width'],
      [{ captures: [ok], output: { border: { color: '#ccc' } } }, 400, 'output.border.color'],
      [{ captures: [ok], output: { border: { radius: -5 } } }, 400, 'output.border.radius'],
      [{ captures: [ok], output: { shadow: { color: 'rgba(0,0,0,1.5)' } } }, 400, 'output.shadow.color'],
      [{ captures: [ok], output: { shadow: { blur: -10 } } }, 400, 'output.shadow.blur'],
      [{ captures: [ok], output: { shadow: { offsetY: 1e9 } } }, 400, 'output.shadow.offsetY'],
      [{ captures: [{ ...ok, device: 'iphone_15' }] }, 400, 'captures[0].device'],
      [{ captures: [{ ...ok, selector: '#x' }] }, 400, 'captures[0].selector', 'parameter_unknown'],
      [{ captures: [ok], defaults: { blockAds: true } }, 400, 'defaults.blockAds'],
      [{ captures: [ok, { ...ok, id: 'capture-1' }] }, 400, 'captures[1].id'],
      [
        { captures: [{ url: `${origin.url}/missing`, viewport: { width: 100, height: 100 } }] },
        400,
        'captures[0].url',
        'capture_failed',
      ],
    ];
    const before = origin.hits.length;
    for (const [body, status, param, code] of cases) {
      const r = await api(svc.url, 'POST', '/v1/screenshots/compose', body);
      expect(r.status, `${JSON.stringify(body).slice(0, 200)}: ${JSON.stringify(r.body)}`).toBe(status);
      fits('/v1/screenshots/compose', 'post', 400, r.body);
      expect(r.body.error.param, JSON.stringify(r.body)).toBe(param);
      if (code) expect(r.body.error.code).toBe(code);
    }
    // Only the missing page was ever requested: the refused URLs stopped their requests before any capture.
    // (Chromium may ask for /favicon.ico after loading the 404 page; that is the browser, not a capture.)
    expect(pages(origin.hits.slice(before))).toEqual(['/missing']);
  });

  it('counts one image of the monthly quota per compose job, and the same Idempotency-Key is the same job', async () => {
    const used = async () => (await api(svc.url, 'GET', '/v1/usage/quota')).body.screenshots.used as number;
    const start = await used();
    const body = {
      captures: [
        { url: `${origin.url}/red`, viewport: { width: 100, height: 100 } },
        { url: `${origin.url}/blue`, viewport: { width: 100, height: 100 } },
      ],
      async: true,
    };
    const headers = { 'idempotency-key': 'compose-once' };
    const a = await api(svc.url, 'POST', '/v1/screenshots/compose', body, { headers });
    const b = await api(svc.url, 'POST', '/v1/screenshots/compose', body, { headers });
    expect(b.body.jobId).toBe(a.body.jobId);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    await pollCompose(a.body.jobId);
    expect(await used()).toBe(start + 1);
    // Out of quota: a 402 before anything is captured.
    const tight = await startService({
      env: {
        STORESHOTS_BROWSER: BROWSER,
        STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${origin.port}`,
        STORESHOTS_MONTHLY_QUOTA: '0',
      },
    });
    try {
      const hits = pages(origin.hits).length;
      const r = await api(tight.url, 'POST', '/v1/screenshots/compose', body, { key: KEY });
      expect(r.status, JSON.stringify(r.body)).toBe(402);
      expect(r.body.error.param).toBe('captures');
      expect(pages(origin.hits).length).toBe(hits);
    } finally {
      await tight.stop();
    }
  });
});
