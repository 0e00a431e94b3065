// Ad and cookie-banner blocking of web capture (docs/render-api.md#ad-and-cookie-banner-blocking), end
// to end on the real `storeshots serve` (built bin) with Debian's Chromium and loopback pages:
// - cookie banners: a page with OneTrust's banner DOM (the ids autoconsent's bundled Onetrust rule,
//   lib/cmps/onetrust.ts of the package, detects and opts out of); its "Reject All" button hides the
//   banner and turns a status strip green, so the pixels show the banner gone *because it was refused*;
// - ads: a filter list in EasyList syntax written by this test (a network filter for an ad server's
//   path, a `##.ad-slot` cosmetic filter): the ad request never reaches the ad server (its hits) and
//   neither the ad image nor the ad slot is in the pixels; allscreenshots' blockLevel maps onto them;
// - without lists, asking for ad blocking is a 400 naming the field, on every surface; a list file that
//   cannot be used stops `storeshots serve` at start, naming the file; hostile values are 400s naming
//   the field; answers fit /v1/openapi.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listener } from './helpers/listen.js';
import { expectFits } from './helpers/openapi.js';
import { expectColour } from './helpers/pixels.js';
import { api, pollUntilEnded, type ServerHandle, startService } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const BROWSER = '/usr/bin/chromium';
const VIEW = { width: 300, height: 200 };

let origin: Listener;
let adServer: Listener;
let svc: ServerHandle;
let bare: ServerHandle;
let dir: string;
let listFile: string;
let openapi: any;

// OneTrust's banner as its SDK writes it (the ids and classes the Onetrust rule looks for): red, 0-80 px;
// its "Reject All" button hides it and turns the status strip (100-140 px) from grey to green.
const CONSENT_PAGE = `<!doctype html><html><head><style>
  body { margin: 0; background: #ffffff; }
  #onetrust-banner-sdk { position: fixed; left: 0; top: 0; width: 100%; height: 80px; background: #e02020; }
  #status { position: absolute; left: 0; top: 100px; width: 100%; height: 40px; background: #808080; }
</style></head><body>
  <div id="status"></div>
  <div id="onetrust-consent-sdk">
    <div id="onetrust-banner-sdk" class="otFlat" role="region" aria-label="Cookie banner">
      <p>We use cookies.</p>
      <button id="onetrust-accept-btn-handler">Accept All Cookies</button>
      <button id="onetrust-reject-all-handler">Reject All</button>
    </div>
  </div>
  <script>
    document.getElementById('onetrust-reject-all-handler').addEventListener('click', () => {
      document.getElementById('onetrust-banner-sdk').style.display = 'none';
      document.getElementById('status').style.background = '#20c040';
    });
    document.getElementById('onetrust-accept-btn-handler').addEventListener('click', () => {
      document.getElementById('onetrust-banner-sdk').style.display = 'none';
      document.getElementById('status').style.background = '#f0e000';
    });
  </script>
</body></html>`;

// An ad slot (red, 0-60 px, hidden by the list's cosmetic filter) and an ad image from the ad server
// (blue, 100-140 px, its request blocked by the list's network filter).
const adPage = (ads: string) => `<!doctype html><html><head><style>
  body { margin: 0; background: #ffffff; }
  .ad-slot { position: absolute; left: 0; top: 0; width: 100%; height: 60px; background: #e02020; }
  img { position: absolute; left: 0; top: 100px; width: 300px; height: 40px; }
</style></head><body>
  <div class="ad-slot"></div>
  <img alt="" src="${ads}/adserver/banner.png">
</body></html>`;

const LIST = `[Adblock Plus 2.0]
! Title: storeshots test list (written by the test)
/adserver/banner.
##.ad-slot
`;

beforeAll(async () => {
  const banner = await sharp({ create: { width: 300, height: 40, channels: 3, background: '#2040c0' } })
    .png()
    .toBuffer();
  adServer = await listen((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(banner));
  origin = await listen((req, res) => {
    if (req.url === '/consent') res.writeHead(200, { 'content-type': 'text/html' }).end(CONSENT_PAGE);
    else if (req.url === '/ads') res.writeHead(200, { 'content-type': 'text/html' }).end(adPage(adServer.url));
    else res.writeHead(404).end();
  });
  dir = mkdtempSync(path.join(tmpdir(), 'storeshots-lists-'));
  listFile = path.join(dir, 'test-list.txt');
  writeFileSync(listFile, LIST);
  const env = {
    STORESHOTS_BROWSER: BROWSER,
    STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${origin.port},127.0.0.1:${adServer.port}`,
    STORESHOTS_CAPTURE_TIMEOUT_MS: '60000',
  };
  [svc, bare] = await Promise.all([
    startService({ env: { ...env, STORESHOTS_FILTER_LISTS: listFile } }),
    startService({ env: { ...env, STORESHOTS_FILTER_LISTS: undefined } }),
  ]);
  openapi = (await api(svc.url, 'GET', '/v1/openapi.json')).body;
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  await bare?.stop();
  await origin?.close();
  await adServer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** allscreenshots' async job on `svc` to its end: the result's bytes and the job. */
async function asyncShot(page: string, body: Record<string, unknown>, on = svc) {
  const a = await api(on.url, 'POST', '/v1/screenshots/async', {
    url: `${origin.url}${page}`,
    viewport: VIEW,
    ...body,
  });
  expect(a.status, JSON.stringify(a.body)).toBe(202);
  expectFits(openapi, '/v1/screenshots/async', 'post', 202, a.body);
  const job = await waitFor(
    async () => {
      const j = await api(on.url, 'GET', `/v1/screenshots/jobs/${a.body.id}`);
      return ['COMPLETED', 'FAILED', 'CANCELLED'].includes(j.body.status) ? j.body : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 50, what: `job ${a.body.id}` },
  );
  expect(job.status, JSON.stringify(job)).toBe('COMPLETED');
  const r = await api(on.url, 'GET', `/v1/screenshots/jobs/${a.body.id}/result`);
  expect(r.status).toBe(200);
  return { bytes: r.body as Buffer, job };
}

/** Our render of one full-bleed 300x200 slide captured from the page: the image and the render. */
async function ourImage(page: string, capture: Record<string, unknown>) {
  const r = await api(svc.url, 'POST', '/v1/renders', ourBody(page, capture));
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  const done = r.body.status === 'succeeded' ? r.body : await pollUntilEnded(svc.url, r.body.id);
  expect(done.status, JSON.stringify(done)).toBe('succeeded');
  const img = await api(svc.url, 'GET', `/v1/renders/${done.id}/images/1`);
  expect(img.status).toBe(200);
  return { bytes: img.body as Buffer, render: done };
}

const ourBody = (page: string, capture: Record<string, unknown>) => ({
  canvas: { width: 300, height: 200, device: 'none' },
  style: { layout: 'full-bleed', padding: 0, device: { frame: 'none', shadow: false, fit: 'crop' } },
  slides: [{ id: 'one', screenshot: { capture: { url: `${origin.url}${page}`, viewport: VIEW, ...capture } } }],
});

/** A 400 naming `param` with `code`, fitting the operation's error schema; its message. */
async function expectError(
  on: ServerHandle,
  route: string,
  body: Record<string, unknown>,
  code: string | undefined,
  param: string,
) {
  const r = await api(on.url, 'POST', route, body);
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expect(r.body.error.param, JSON.stringify(r.body)).toBe(param);
  if (code) expect(r.body.error.code, JSON.stringify(r.body)).toBe(code);
  expect(JSON.stringify(r.body)).not.toMatch(/\n\s+at /);
  expectFits(openapi, route, 'post', 400, r.body);
  return r.body.error.message as string;
}

describe('cookie banners (autoconsent)', () => {
  it('opts out of a OneTrust banner: gone, and refused, with the option; there without it', async () => {
    const plain = await asyncShot('/consent', {});
    await expectColour(plain.bytes, 150, 40, '#e02020', 'banner without blockCookieBanners');
    await expectColour(plain.bytes, 150, 120, '#808080', 'status without blockCookieBanners');

    const blocked = await asyncShot('/consent', { blockCookieBanners: true });
    await expectColour(blocked.bytes, 150, 40, '#ffffff', 'banner with blockCookieBanners');
    // "Reject All" was clicked (not accepted, not only hidden).
    await expectColour(blocked.bytes, 150, 120, '#20c040', 'status after the opt-out');

    const ours = await ourImage('/consent', { block_cookie_banners: true });
    await expectColour(ours.bytes, 150, 40, '#ffffff', 'screenshot.capture.block_cookie_banners');
    await expectColour(ours.bytes, 150, 120, '#20c040', 'opted out through our API');

    const web = await api(svc.url, 'POST', '/v1/screenshot', {
      url: `${origin.url}/consent`,
      viewport: VIEW,
      block_cookie_banners: true,
    });
    expect(web.status, String(web.body)).toBe(200);
    await expectColour(web.body as Buffer, 150, 40, '#ffffff', 'web API block_cookie_banners');

    // A page without a banner: the wait for autoconsent is bounded (an unbounded one would run into the
    // capture's 60 s limit and fail the job), the capture goes on, nothing changed.
    const none = await asyncShot('/ads', { blockCookieBanners: true });
    await expectColour(none.bytes, 150, 30, '#e02020', 'a page without a banner is captured as it is');

    // Needs no filter lists: the rules ship inside the package.
    const noLists = await asyncShot('/consent', { blockCookieBanners: true }, bare);
    await expectColour(noLists.bytes, 150, 120, '#20c040', 'opted out on a service without lists');
  }, 180_000);
});

describe('ads (filter lists)', () => {
  it('blocks the ad request (it never reaches the ad server) and hides the ad slot; without the option both show', async () => {
    const before = adServer.hits.length;
    const plain = await asyncShot('/ads', {});
    expect(adServer.hits.length, 'the ad is fetched without blockAds').toBeGreaterThan(before);
    await expectColour(plain.bytes, 150, 30, '#e02020', 'ad slot without blockAds');
    await expectColour(plain.bytes, 150, 120, '#2040c0', 'ad image without blockAds');

    const hits = adServer.hits.length;
    const blocked = await asyncShot('/ads', { blockAds: true });
    expect(adServer.hits.length, 'the ad request reached the ad server').toBe(hits);
    await expectColour(blocked.bytes, 150, 30, '#ffffff', 'ad slot with blockAds');
    await expectColour(blocked.bytes, 150, 120, '#ffffff', 'ad image with blockAds');
    // Reported like a refused request, naming the list and the filter.
    const render = await api(svc.url, 'GET', `/v1/renders/${blocked.job.id}`);
    expect(JSON.stringify(render.body.captures)).toContain('/adserver/banner.png');
    expect(JSON.stringify(render.body.captures)).toContain('blocked as an ad by test-list.txt: /adserver/banner.');

    const ours = await ourImage('/ads', { block_ads: true });
    expect(adServer.hits.length).toBe(hits);
    await expectColour(ours.bytes, 150, 30, '#ffffff', 'screenshot.capture.block_ads: slot');
    await expectColour(ours.bytes, 150, 120, '#ffffff', 'screenshot.capture.block_ads: image');
    expect(JSON.stringify(ours.render.captures)).toContain('test-list.txt');

    const web = await api(svc.url, 'POST', '/v1/screenshot', {
      url: `${origin.url}/ads`,
      viewport: VIEW,
      block_ads: true,
    });
    expect(web.status, String(web.body)).toBe(200);
    expect(adServer.hits.length).toBe(hits);
    await expectColour(web.body as Buffer, 150, 30, '#ffffff', 'web API block_ads');
  }, 180_000);

  it('blockLevel: light blocks requests only, normal hides the slot too, pro also opts out of cookie banners', async () => {
    const hits = adServer.hits.length;
    const light = await asyncShot('/ads', { blockLevel: 'light' });
    expect(adServer.hits.length).toBe(hits);
    await expectColour(light.bytes, 150, 120, '#ffffff', 'light: ad image blocked');
    await expectColour(light.bytes, 150, 30, '#e02020', 'light: ad slot not hidden');

    const normal = await asyncShot('/ads', { blockLevel: 'normal' });
    expect(adServer.hits.length).toBe(hits);
    await expectColour(normal.bytes, 150, 30, '#ffffff', 'normal: ad slot hidden');

    const normalConsent = await asyncShot('/consent', { blockLevel: 'normal' });
    await expectColour(normalConsent.bytes, 150, 40, '#e02020', 'normal: cookie banner stays');
    const pro = await asyncShot('/consent', { blockLevel: 'pro' });
    await expectColour(pro.bytes, 150, 120, '#20c040', 'pro: cookie banner refused');

    // "none" is their documented off value, with blockAds false.
    const none = await asyncShot('/ads', { blockLevel: 'none', blockAds: false, blockCookieBanners: false });
    await expectColour(none.bytes, 150, 30, '#e02020', 'none: nothing blocked');
  }, 240_000);
});

describe('without filter lists', () => {
  it('asking for ad blocking is a 400 ad_blocking_unavailable naming the field, on every surface', async () => {
    const pageHits = origin.hits.length;
    const msg = await expectError(
      bare,
      '/v1/screenshots/async',
      { url: `${origin.url}/ads`, blockAds: true },
      'ad_blocking_unavailable',
      'blockAds',
    );
    expect(msg).toContain('STORESHOTS_FILTER_LISTS');
    await expectError(
      bare,
      '/v1/screenshots/async',
      { url: `${origin.url}/ads`, blockLevel: 'light' },
      'ad_blocking_unavailable',
      'blockLevel',
    );
    await expectError(
      bare,
      '/v1/screenshot',
      { url: `${origin.url}/ads`, block_ads: true },
      'ad_blocking_unavailable',
      'block_ads',
    );
    await expectError(
      bare,
      '/v1/renders',
      ourBody('/ads', { block_ads: true }),
      'ad_blocking_unavailable',
      'slides[0].screenshot.capture.block_ads',
    );
    const bulk = await api(bare.url, 'POST', '/v1/screenshots/bulk', {
      urls: [{ url: `${origin.url}/ads` }],
      defaults: { blockAds: true },
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(400);
    expect(bulk.body.error).toMatchObject({ code: 'ad_blocking_unavailable', param: 'defaults.blockAds' });
    const compose = await api(
      bare.url,
      'POST',
      '/v1/screenshots/compose',
      { captures: [{ url: `${origin.url}/ads`, viewport: VIEW }], defaults: { blockAds: true } },
      { headers: { accept: 'image/png' } },
    );
    expect(compose.status, JSON.stringify(compose.body)).toBe(400);
    expect(compose.body.error).toMatchObject({
      code: 'ad_blocking_unavailable',
      param: 'defaults.blockAds',
    });
    const schedule = await api(bare.url, 'POST', '/v1/schedules', {
      name: 'ads',
      url: `${origin.url}/ads`,
      schedule: '0 9 * * *',
      options: { blockLevel: 'pro' },
    });
    expect(schedule.status, JSON.stringify(schedule.body)).toBe(400);
    expect(schedule.body.error).toMatchObject({ code: 'ad_blocking_unavailable', param: 'options.blockLevel' });
    // Refused before any page was opened.
    expect(origin.hits.length).toBe(pageHits);
  });

  it('a list file that cannot be read or is not a filter list stops storeshots serve at start, named', async () => {
    const missing = path.join(dir, 'missing.txt');
    await expect(startService({ env: { STORESHOTS_FILTER_LISTS: `${listFile},${missing}` } })).rejects.toThrow(
      /STORESHOTS_FILTER_LISTS: cannot read .*missing\.txt/,
    );
    const binary = path.join(dir, 'list.png');
    writeFileSync(
      binary,
      await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
    );
    await expect(startService({ env: { STORESHOTS_FILTER_LISTS: binary } })).rejects.toThrow(/list\.png is not/);
    const empty = path.join(dir, 'comments.txt');
    writeFileSync(empty, '! only a comment\n[Adblock Plus 2.0]\n');
    await expect(startService({ env: { STORESHOTS_FILTER_LISTS: empty } })).rejects.toThrow(
      /comments\.txt has no filter/,
    );
  }, 60_000);
});

describe('hostile values', () => {
  it('wrong types and unknown levels are 400s naming the field', async () => {
    const page = `${origin.url}/ads`;
    await expectError(svc, '/v1/screenshots/async', { url: page, blockAds: 'yes' }, undefined, 'blockAds');
    await expectError(
      svc,
      '/v1/screenshots/async',
      { url: page, blockCookieBanners: 1 },
      undefined,
      'blockCookieBanners',
    );
    const msg = await expectError(
      svc,
      '/v1/screenshots/async',
      { url: page, blockLevel: 'basic' },
      undefined,
      'blockLevel',
    );
    expect(msg).toContain('ultimate');
    await expectError(svc, '/v1/screenshots/async', { url: page, blockLevel: null }, undefined, 'blockLevel');
    await expectError(svc, '/v1/screenshot', { url: page, block_ads: 'true' }, undefined, 'block_ads');
    await expectError(
      svc,
      '/v1/screenshot',
      { url: page, block_cookie_banners: {} },
      undefined,
      'block_cookie_banners',
    );
    await expectError(
      svc,
      '/v1/renders',
      ourBody('/ads', { block_ads: 'true' }),
      undefined,
      'slides[0].screenshot.capture.block_ads',
    );
    const bulk = await api(svc.url, 'POST', '/v1/screenshots/bulk', {
      urls: [{ url: page, options: { blockLevel: 'max' } }],
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(400);
    expect(bulk.body.error.param).toBe('urls[0].options.blockLevel');
  });
});
