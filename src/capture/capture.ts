// A web page as a screenshot source: Debian's Chromium through playwright-core renders the page and
// hands back PNG bytes, which then go to the one render core like any uploaded screenshot (and, when
// asked, the page printed to PDF by Chromium's page.pdf(), from the same load of the page).
//
// What the page may reach is the caller's decision (`resolve`, e.g. the service's SSRF rules): every
// request is checked twice. A route handler on the context sees each request the page makes (the
// document, subresources, fetches, websockets) and aborts refused ones with a clear record; and the
// browser's only way to the network is a loopback proxy (proxy.ts) that connects to the checked
// address itself, which also covers what a route handler never sees (redirect hops, DNS answers that
// change between the check and the connect). Service workers are blocked. One deadline covers the
// whole capture (waiting for a place, launch when the browser is cold, load, waits, screenshot);
// sizes are bounded before and after. The browser is the pool's warm one (pool.ts): each capture
// has its own context, with its own proxy, closed after it.
import {
  type BrowserContext,
  devices,
  type Frame,
  type Page,
  type Request as PageRequest,
  type Route,
} from 'playwright-core';
import { errorMessage } from '../util/errors.js';
import {
  AUTOCONSENT_CONFIG,
  autoconsentBundle,
  blockedBy,
  COOKIE_BANNER_WAIT_MS,
  cosmeticCss,
  type FilterList,
  PAGE_KEYS,
  type PageKeys,
} from './blocking.js';
import {
  blockingOf,
  CaptureError,
  type CaptureLimits,
  type CaptureSpec,
  CSS_MAX_BYTES,
  checkCaptureSpec,
  HIDE_SELECTOR_MAX_LENGTH,
  HIDE_SELECTORS_MAX,
  HTML_MAX_BYTES,
  INLINE_PAGE_URL,
  type ExtractRule,
  type PageContent,
  type Refusal,
  SELECTOR_WAIT_MS,
  WAIT_FOR_MS,
} from './limits.js';
import type { BrowserPool } from './pool.js';
import { type Resolve, startGuardProxy } from './proxy.js';

export { BROWSER_FLAGS } from './pool.js';

export interface CaptureResult {
  png: Buffer;
  width: number;
  height: number;
  /** Requests the page made that were refused and aborted (the capture went on without them). */
  refused: Refusal[];
  /** The page printed to PDF, when the spec asked for it. */
  pdf?: Buffer;
  /** What was read of the page, when the spec asked for it (spec.content). */
  content?: PageContent;
}

export interface CaptureOptions {
  /** The warm browser (pool.ts). */
  pool: BrowserPool;
  /** The checked address for a host, or a throw with the reason it is refused. */
  resolve: Resolve;
  limits: CaptureLimits;
  /** The operator's ad-blocking filter lists (blocking.ts); none: a spec asking to block ads is refused. */
  filters?: readonly FilterList[];
}

/** Schemes a page may use without the network: its own inline and generated content. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

/** The host of INLINE_PAGE_URL. */
const INLINE_HOST = new URL(INLINE_PAGE_URL).hostname;

/** A navigation of the main frame: the page's own document (not a subresource, not a frame's). */
function isTopDocument(request: PageRequest): boolean {
  try {
    return request.isNavigationRequest() && request.frame().parentFrame() === null;
  } catch {
    // A service worker's request has no frame (service workers are blocked anyway).
    return false;
  }
}

export async function capturePage(spec: CaptureSpec, opts: CaptureOptions): Promise<CaptureResult> {
  const { limits } = opts;
  const device = deviceOf(spec);
  const viewport = viewportOf(spec, device);
  const bad = checkCaptureSpec(spec, viewport, limits);
  if (bad) throw new CaptureError('capture_too_large', bad);
  checkPageOptions(spec);
  checkClip(spec, viewport);
  const block = blockingOf(spec);
  // A page given as html is served at INLINE_PAGE_URL (below); `name` is how messages call the page.
  const inline = spec.html !== undefined;
  const pageUrl = inline ? INLINE_PAGE_URL : spec.url;
  const name = inline ? 'the html page' : spec.url;
  const filters = opts.filters ?? [];
  if (block.network && filters.length === 0) throw adBlockingUnavailable(spec);
  // The lists' verdict on a request of the page; the page's own document is what was asked for, never an ad.
  const adFilter = (request: PageRequest): string | undefined => {
    return isTopDocument(request) ? undefined : blockedBy(filters, request.url(), pageUrl, request.resourceType());
  };
  const refused: Refusal[] = [];
  const seen = new Set<string>();
  const refuse = (url: string, reason: string) => {
    const key = `${url}\n${reason}`;
    if (seen.has(key)) return;
    seen.add(key);
    refused.push({ url: url.length > 300 ? `${url.slice(0, 297)}...` : url, reason });
  };
  const deadline = Date.now() + limits.timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  // The proxy also sees the browser's own background traffic (update checks and the like), which the
  // flags turn down but not off: its refusals are reported for the hosts the page asked for
  // (redirect hops included, they are requests of the page too), the rest is dropped.
  const proxied: Refusal[] = [];
  const pageHosts = new Set<string>();
  const proxy = await startGuardProxy(opts.resolve, (url, reason) => proxied.push({ url, reason }));
  const hostOf = (u: string) => {
    try {
      return new URL(u).hostname.replace(/^\[|\]$/g, '');
    } catch {
      return '';
    }
  };
  const proxiedRefusals = () => {
    for (const r of proxied) if (pageHosts.has(hostOf(r.url))) refuse(r.url, r.reason);
  };
  let context: BrowserContext | undefined;
  let release: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stage = 'starting the browser';
  let finished = false;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CaptureError(
            'capture_timeout',
            `the capture of ${name} took longer than its limit of ${limits.timeoutMs} ms (while ${stage})`,
          ),
        ),
      limits.timeoutMs,
    );
  });
  const work = async (): Promise<CaptureResult> => {
    const lease = await opts.pool.acquire(left());
    release = lease.release;
    // The deadline passed while waiting for a place or a launch: the finally below has run already.
    if (finished) {
      lease.release();
      throw new CaptureError('capture_timeout', 'the capture was given up');
    }
    const scale = viewport.device_scale_factor ?? 1;
    const ctx = await lease.browser.newContext({
      // A device preset's touch, mobile layout and user agent (its viewport and scale are in `viewport`).
      ...(device ? { isMobile: device.isMobile, hasTouch: device.hasTouch, userAgent: device.userAgent } : {}),
      viewport: { width: viewport.width, height: viewport.height },
      deviceScaleFactor: scale,
      ...(spec.dark_mode ? { colorScheme: 'dark' as const } : {}),
      serviceWorkers: 'block',
      acceptDownloads: false,
      // This capture's own guard: its refusals are this capture's.
      proxy: { server: proxy.url },
    });
    context = ctx;
    if (finished) {
      await ctx.close().catch(() => undefined);
      throw new CaptureError('capture_timeout', 'the capture was given up');
    }
    stage = 'opening the page';
    // First check: every request the page makes, before it leaves the browser.
    let served = false;
    await ctx.route('**/*', async (route: Route) => {
      const request = route.request();
      const url = request.url();
      // The html page itself: answered from here, once (the main frame's first navigation to it).
      if (inline && !served && url === INLINE_PAGE_URL && isTopDocument(request)) {
        served = true;
        await route
          .fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: spec.html })
          .catch(() => undefined);
        return;
      }
      const reason =
        (inline && hostOf(url) === INLINE_HOST
          ? `${INLINE_HOST} serves only the html page itself (once): give its resources absolute URLs`
          : await checkUrl(url, opts.resolve)) ?? (block.network ? adFilter(request) : undefined);
      if (reason) {
        refuse(url, reason);
        await route.abort('blockedbyclient').catch(() => undefined);
      } else await route.continue().catch(() => undefined);
    });
    await ctx.routeWebSocket(/.*/, async (ws) => {
      const reason =
        (await checkUrl(ws.url().replace(/^ws/, 'http'), opts.resolve)) ??
        (block.network ? blockedBy(filters, ws.url(), pageUrl, 'websocket') : undefined);
      if (reason) {
        refuse(ws.url(), reason);
        await ws.close({ code: 1008, reason: 'refused by storeshots' }).catch(() => undefined);
      } else ws.connectToServer();
    });
    ctx.on('request', (r) => pageHosts.add(hostOf(r.url())));
    const consent = block.cookies ? await startAutoconsent(ctx) : undefined;
    const page = await ctx.newPage();
    // Also set on the context (colorScheme): the media query holds from the first byte the page parses.
    if (spec.dark_mode) await page.emulateMedia({ colorScheme: 'dark' });
    const waitUntil = spec.wait_until ?? 'load';
    stage = `loading the page (wait_until: ${waitUntil})`;
    const response = await page.goto(pageUrl, { waitUntil, timeout: left() });
    if (!response) throw new CaptureError('capture_failed', `${name} gave no response`);
    if (response.status() >= 400) {
      proxiedRefusals();
      const why = refused.find((r) => r.url === pageUrl || r.url.startsWith(new URL(pageUrl).origin));
      if (why) throw new CaptureError('capture_refused', `${name}: ${why.reason}`);
      throw new CaptureError('capture_failed', `${name} answered HTTP ${response.status()}`);
    }
    if (spec.wait_for) {
      stage = `waiting for ${spec.wait_for}`;
      await checkSelector(page, spec.wait_for, 'wait_for');
      const wait = Math.min(WAIT_FOR_MS, left());
      try {
        await page.locator(`css=${spec.wait_for}`).first().waitFor({ state: 'visible', timeout: wait });
      } catch (e) {
        const msg = errorMessage(e);
        if (/while parsing (css )?selector/i.test(msg))
          throw new CaptureError('selector_invalid', `the CSS selector ${spec.wait_for} is not valid`, 'wait_for');
        if (!/Timeout \d+ms exceeded/.test(msg) || wait < WAIT_FOR_MS) throw e;
        throw new CaptureError(
          'wait_for_timeout',
          `no element matched the wait_for selector ${spec.wait_for} within ${WAIT_FOR_MS} ms after the page loaded`,
          'wait_for',
        );
      }
    }
    if (consent) {
      stage = 'waiting for the cookie banner (block_cookie_banners)';
      await consent.settled(page, Math.min(COOKIE_BANNER_WAIT_MS, left()));
    }
    let adCss = '';
    if (block.cosmetic) {
      stage = "adding the filter lists' cosmetic filters (block_ads)";
      adCss = cosmeticCss(filters, page.url(), (await page.evaluate(PAGE_KEYS)) as PageKeys);
    }
    if (spec.css || spec.hide_selectors?.length || adCss) {
      stage = 'adding the style sheet';
      for (const [i, s] of (spec.hide_selectors ?? []).entries()) await checkSelector(page, s, `hide_selectors[${i}]`);
      const hide = (spec.hide_selectors ?? []).map((s) => `${s} { visibility: hidden !important; }`).join('\n');
      // As page.addStyleTag({content}) does, but its error event (an @import the guard refused) does not
      // fail the capture: the sheet's own rules apply, the refused request is listed.
      await page.evaluate(addStyle([adCss, spec.css ?? '', hide].filter(Boolean).join('\n')));
    }
    if (spec.delay) {
      stage = `waiting ${spec.delay} ms (delay)`;
      await page.waitForTimeout(Math.min(spec.delay, left()));
    }
    let content: PageContent | undefined;
    if (spec.content) {
      stage = 'reading the page';
      content = await readContent(page, spec.content, limits.maxBytes);
    }
    stage = 'taking the screenshot';
    let png: Buffer;
    // A selector: the element's box (full_page does not apply to it).
    if (spec.selector) png = await elementShot(page, spec.selector, scale, limits, left, (s) => (stage = s));
    else {
      let height = viewport.height;
      if (spec.full_page && spec.clip) {
        // Only the rectangle is taken: it must lie on the page (Playwright would trim it silently).
        const size = (await page.evaluate(FULL_PAGE_SIZE)) as { width: number; height: number };
        checkClipInside(spec.clip, size, 'the full page');
        for (const side of ['width', 'height'] as const)
          if (spec.clip[side] * scale > limits.maxSide)
            throw new CaptureError(
              'capture_too_large',
              `clip.${side} ${spec.clip[side]} (x${scale}) is larger than ${limits.maxSide} device pixels`,
              `clip.${side}`,
            );
      } else if (spec.full_page) {
        // A string, run in the page (this package is compiled without the DOM's types).
        height = Number(
          await page.evaluate(
            'Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)',
          ),
        );
        if (height * scale > limits.maxSide)
          throw new CaptureError(
            'capture_too_large',
            `the full page is ${height} pixels tall (x${scale}); the limit is ${limits.maxSide} device pixels`,
          );
      }
      png = await page.screenshot({
        type: 'png',
        fullPage: spec.full_page ?? false,
        ...(spec.clip ? { clip: spec.clip } : {}),
        timeout: left(),
      });
    }
    if (png.length > limits.maxBytes)
      throw new CaptureError(
        'capture_too_large',
        `the screenshot is ${png.length} bytes; the limit is ${limits.maxBytes}`,
      );
    let pdf: Buffer | undefined;
    if (spec.pdf) {
      stage = 'printing the page to PDF';
      pdf = await page.pdf({
        format: spec.pdf.format ?? 'A4',
        landscape: spec.pdf.landscape ?? false,
        printBackground: spec.pdf.print_background ?? false,
      });
      if (pdf.length > limits.maxBytes)
        throw new CaptureError('capture_too_large', `the PDF is ${pdf.length} bytes; the limit is ${limits.maxBytes}`);
    }
    proxiedRefusals();
    return {
      png,
      width: png.readUInt32BE(16),
      height: png.readUInt32BE(20),
      refused,
      ...(pdf ? { pdf } : {}),
      ...(content ? { content } : {}),
    };
  };
  try {
    const capturing = work();
    // After the deadline the browser is closed under it: its late failure is expected, not unhandled.
    capturing.catch(() => undefined);
    return await Promise.race([capturing, timedOut]);
  } catch (e) {
    if (e instanceof CaptureError) throw e;
    const msg = errorMessage(e).split('\n')[0]!;
    if (/Timeout \d+ms exceeded/.test(msg))
      throw new CaptureError(
        'capture_timeout',
        `the capture of ${name} took longer than its limit of ${limits.timeoutMs} ms (while ${stage})`,
      );
    if (/net::ERR_/.test(msg)) {
      proxiedRefusals();
      const why = refused.find((r) => r.url === pageUrl);
      if (why) throw new CaptureError('capture_refused', `${name}: ${why.reason}`);
    }
    throw new CaptureError('capture_failed', `capturing ${name} failed while ${stage}: ${msg}`);
  } finally {
    finished = true;
    clearTimeout(timer);
    await (context as BrowserContext | undefined)?.close().catch(() => undefined);
    (release as (() => void) | undefined)?.();
    await proxy.close();
  }
}

/**
 * The screenshot of the first visible element `selector` matches (Playwright's element screenshot: the
 * element's box, scrolled into view, beyond the viewport when it is larger). The selector is parsed by
 * the page's own querySelector first, so a syntax error is selector_invalid rather than a wait; a
 * selector matching no visible element is selector_not_found after at most SELECTOR_WAIT_MS (or what
 * is left of the capture's deadline). Only CSS: Playwright's own selector engines (text=, xpath=, >>)
 * are not reachable (the locator is `css=`).
 */
async function elementShot(
  page: Page,
  selector: string,
  scale: number,
  limits: CaptureLimits,
  left: () => number,
  setStage: (s: string) => void,
): Promise<Buffer> {
  setStage(`looking for the selector ${selector}`);
  await checkSelector(page, selector);
  const element = page.locator(`css=${selector}`).first();
  try {
    await element.waitFor({ state: 'visible', timeout: Math.min(SELECTOR_WAIT_MS, left()) });
  } catch (e) {
    const msg = errorMessage(e);
    // The page's parser forgives what CSS forgives at the end of input (an unclosed "a[b"); Playwright's does not.
    if (/while parsing (css )?selector/i.test(msg))
      throw new CaptureError('selector_invalid', `the CSS selector ${selector} is not valid: ${msg.split('\n')[0]}`);
    if (!/Timeout \d+ms exceeded/.test(msg)) throw e;
    throw new CaptureError(
      'selector_not_found',
      `no visible element matches the selector ${selector} (waited ${Math.min(SELECTOR_WAIT_MS, limits.timeoutMs)} ms after the page loaded)`,
    );
  }
  const box = await element.boundingBox({ timeout: left() });
  if (box && Math.max(box.width, box.height) * scale > limits.maxSide)
    throw new CaptureError(
      'capture_too_large',
      `the element ${selector} is ${Math.round(box.width)}x${Math.round(box.height)} pixels (x${scale}); the limit is ${limits.maxSide} device pixels a side`,
    );
  setStage(`taking the screenshot of ${selector}`);
  return element.screenshot({ type: 'png', timeout: left() });
}

/**
 * The page's own CSS parser on `selector` (querySelector on an empty fragment): a syntax error is
 * selector_invalid naming `field` (none: the spec's `selector`), not a wait or a rule the page drops.
 * Braces and semicolons are refused too, so a hidden selector cannot close its rule and add others.
 */
async function checkSelector(page: Page, selector: string, field?: string): Promise<void> {
  const valid =
    !/[{};]/.test(selector) &&
    (await page.evaluate(
      `((s) => { try { document.createDocumentFragment().querySelector(s); return true; } catch { return false; } })(${JSON.stringify(selector)})`,
    ));
  if (!valid)
    throw new CaptureError('selector_invalid', `the browser does not accept the CSS selector ${selector}`, field);
}

type Device = (typeof devices)[string];

/** The spec's device preset (Playwright's table), or a device_unknown naming a few valid ones. */
function deviceOf(spec: CaptureSpec): Device | undefined {
  if (spec.device === undefined) return undefined;
  const d = Object.hasOwn(devices, spec.device) ? devices[spec.device] : undefined;
  if (d) return d;
  const want = spec.device.toLowerCase().replace(/[^a-z0-9]/g, '');
  const names = Object.keys(devices);
  const near = names.filter((n) => {
    const k = n.toLowerCase().replace(/[^a-z0-9]/g, '');
    return want.length >= 3 && (k.includes(want) || want.includes(k));
  });
  const some = [...near, 'iPhone 15', 'Pixel 7', 'iPad Pro 11', 'Desktop Chrome']
    .filter((n, i, all) => names.includes(n) && all.indexOf(n) === i)
    .slice(0, 6);
  throw new CaptureError(
    'device_unknown',
    `unknown device ${JSON.stringify(spec.device.slice(0, 100))}: a name of Playwright's device table (${names.length} presets), e.g. ${some.map((n) => JSON.stringify(n)).join(', ')}`,
    'device',
  );
}

/** The viewport to use: the spec's, else the device's (its scale unless the spec gives one). */
function viewportOf(spec: CaptureSpec, device: Device | undefined): NonNullable<CaptureSpec['viewport']> {
  if (spec.viewport)
    return device && spec.viewport.device_scale_factor === undefined
      ? { ...spec.viewport, device_scale_factor: device.deviceScaleFactor }
      : spec.viewport;
  if (device) return { ...device.viewport, device_scale_factor: device.deviceScaleFactor };
  throw new CaptureError('capture_failed', 'a capture needs a viewport or a device', 'viewport');
}

/**
 * What can be checked of a spec without a browser (its device's name, the page options' sizes): the
 * service checks it before the page's address and before a browser starts.
 */
export function checkCaptureOptions(spec: CaptureSpec, filters?: readonly FilterList[]): void {
  const viewport = viewportOf(spec, deviceOf(spec));
  checkPageOptions(spec);
  checkClip(spec, viewport);
  if (filters && filters.length === 0 && blockingOf(spec).network) throw adBlockingUnavailable(spec);
}

/** A clip's place: not with a selector, and (without full_page) inside the viewport. */
function checkClip(spec: CaptureSpec, viewport: { width: number; height: number }): void {
  if (!spec.clip) return;
  if (spec.selector !== undefined)
    throw new CaptureError(
      'clip_invalid',
      'clip and selector cannot be combined: the image is either a rectangle of the page or an element',
      'clip',
    );
  if (!spec.full_page) checkClipInside(spec.clip, viewport, `the viewport`);
}

/** The clip inside a `size` (the viewport, or the full page): else clip_outside_page naming the field that reaches out. */
function checkClipInside(
  clip: NonNullable<CaptureSpec['clip']>,
  size: { width: number; height: number },
  what: string,
) {
  const at = (start: 'x' | 'y', side: 'width' | 'height') =>
    clip[start] >= size[side] ? `clip.${start}` : clip[start] + clip[side] > size[side] ? `clip.${side}` : undefined;
  const field = at('x', 'width') ?? at('y', 'height');
  if (field)
    throw new CaptureError(
      'clip_outside_page',
      `the clip ${clip.width}x${clip.height} at (${clip.x}, ${clip.y}) reaches outside ${what}, ${size.width}x${size.height} CSS pixels`,
      field,
    );
}

/** The sizes of the page options (the request schemas check them too; the CLI's manifest path as well). */
function checkPageOptions(spec: CaptureSpec): void {
  if (spec.html !== undefined && Buffer.byteLength(spec.html) > HTML_MAX_BYTES)
    throw new CaptureError(
      'capture_too_large',
      `the page is ${Buffer.byteLength(spec.html)} bytes of HTML; the limit is ${HTML_MAX_BYTES} (5 MB)`,
      'html',
    );
  if (spec.css !== undefined && Buffer.byteLength(spec.css) > CSS_MAX_BYTES)
    throw new CaptureError(
      'capture_too_large',
      `css is ${Buffer.byteLength(spec.css)} bytes; the limit is ${CSS_MAX_BYTES}`,
      'css',
    );
  const hide = spec.hide_selectors ?? [];
  if (hide.length > HIDE_SELECTORS_MAX)
    throw new CaptureError(
      'capture_too_large',
      `hide_selectors has ${hide.length} selectors; the limit is ${HIDE_SELECTORS_MAX}`,
      'hide_selectors',
    );
  for (const [i, s] of hide.entries())
    if (!s || s.length > HIDE_SELECTOR_MAX_LENGTH)
      throw new CaptureError(
        'selector_invalid',
        `a hidden selector is 1-${HIDE_SELECTOR_MAX_LENGTH} characters`,
        `hide_selectors[${i}]`,
      );
}

// Run in the page, as strings (this package is compiled without the DOM's types).
/** The document's size as Playwright's full-page screenshot measures it (CSS pixels). */
const FULL_PAGE_SIZE = `(() => {
  const d = document.documentElement, b = document.body || d;
  return {
    width: Math.max(d.scrollWidth, b.scrollWidth, d.offsetWidth, b.offsetWidth, d.clientWidth, b.clientWidth),
    height: Math.max(d.scrollHeight, b.scrollHeight, d.offsetHeight, b.offsetHeight, d.clientHeight, b.clientHeight),
  };
})()`;
/** Adds a <style> with `css`; settles when it loaded or failed (its @imports), at most 5 s. */
const addStyle = (css: string) => `new Promise((done) => {
  const s = document.createElement('style');
  s.textContent = ${JSON.stringify(css)};
  s.onload = s.onerror = () => done(true);
  setTimeout(() => done(true), 5000);
  (document.head || document.documentElement).appendChild(s);
})`;

/** The main content's HTML: <main> (or role=main), else a lone <article>, else the body without its navigation, header, footer and asides. */
const MAIN_CONTENT = `(() => {
  const main = document.querySelector('main, [role="main"]');
  const articles = document.querySelectorAll('article');
  const pick = main || (articles.length === 1 ? articles[0] : null);
  if (pick) return pick.outerHTML;
  const root = (document.body || document.documentElement).cloneNode(true);
  for (const el of root.querySelectorAll('nav, header, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"]')) el.remove();
  return root.outerHTML;
})()`;

/** Picks each rule's value(s); a selector the browser cannot parse stops the map and is named. */
const extractScript = (rules: Record<string, ExtractRule>) => `((rules) => {
  const values = {};
  for (const [name, r] of Object.entries(rules)) {
    let found;
    try {
      found = r.multiple ? [...document.querySelectorAll(r.selector)] : [document.querySelector(r.selector)].filter(Boolean);
    } catch {
      return { values, invalid: name };
    }
    const value = (el) => r.type === 'html' ? el.innerHTML : r.type === 'attribute' ? el.getAttribute(r.attribute) : (el.textContent || '').replace(/\\s+/g, ' ').trim();
    values[name] = r.multiple ? found.map(value) : found.length ? value(found[0]) : null;
  }
  return { values };
})(${JSON.stringify(rules)})`;

/** Reads what spec.content asks of the loaded page, each part at most `maxBytes` (UTF-8). */
async function readContent(
  page: Page,
  want: NonNullable<CaptureSpec['content']>,
  maxBytes: number,
): Promise<PageContent> {
  const bounded = <T>(what: string, value: T): T => {
    const bytes = Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value));
    if (bytes > maxBytes)
      throw new CaptureError('capture_too_large', `the page's ${what} is ${bytes} bytes; the limit is ${maxBytes}`);
    return value;
  };
  const out: PageContent = {};
  if (want.html) out.html = bounded('HTML', await page.content());
  if (want.main) out.main = bounded('main content', String(await page.evaluate(MAIN_CONTENT)));
  if (want.extract) out.extract = [];
  for (const rules of want.extract ?? [])
    out.extract!.push(
      bounded(
        'extracted data',
        (await page.evaluate(extractScript(rules))) as { values: Record<string, unknown>; invalid?: string },
      ),
    );
  return out;
}

/** A spec asking to block ads on a service without filter lists: the field that asked. */
function adBlockingUnavailable(spec: CaptureSpec): CaptureError {
  const field = spec.block_ads ? 'block_ads' : 'block_level';
  return new CaptureError(
    'ad_blocking_unavailable',
    'ad blocking needs filter lists in EasyList syntax: set STORESHOTS_FILTER_LISTS=/path/easylist.txt,... where the capture runs (for the service, when storeshots serve starts; docs/render-api.md, "Ad and cookie-banner blocking")',
    field,
  );
}

/** Messages of autoconsent's content script in which it is finished with a frame. */
const CONSENT_DONE = new Set(['autoconsentDone', 'autoconsentError', 'optOutResult']);
const CONSENT_FINAL = new Set(['nothingDetected', 'optOutSucceeded', 'optOutFailed', 'done']);
/** Most messages a capture answers (a page can call the binding itself: it gets no more than this). */
const CONSENT_MAX_MESSAGES = 2000;
/** Most `init` messages answered (one per frame and document: the page's, its frames', about:blank's). */
const CONSENT_MAX_INITS = 50;

/**
 * autoconsent in every frame of the context (the package's Puppeteer guide: its content script as
 * an init script, its messages through a binding). `settled` waits until the main frame's script
 * opted out, hid the banner or found none, at most `ms`; a banner it could not handle stays.
 */
async function startAutoconsent(ctx: BrowserContext): Promise<{ settled: (page: Page, ms: number) => Promise<void> }> {
  const { script, rules } = autoconsentBundle();
  let done = false;
  let wake: (() => void) | undefined;
  let count = 0;
  let inits = 0;
  const finish = () => {
    done = true;
    wake?.();
  };
  const answer = (frame: Frame, message: unknown) =>
    frame
      .evaluate(`window.autoconsentReceiveMessage && window.autoconsentReceiveMessage(${JSON.stringify(message)})`)
      .catch(() => undefined);
  await ctx.exposeBinding('autoconsentSendMessage', async ({ frame }: { frame: Frame }, message: unknown) => {
    if (++count > CONSENT_MAX_MESSAGES || !message || typeof message !== 'object') return;
    const m = message as {
      type?: unknown;
      id?: unknown;
      code?: unknown;
      mainFrame?: unknown;
      state?: { lifecycle?: unknown };
    };
    const main = frame.parentFrame() === null;
    // Each answer carries the rules (about 250 KB): a page asking again and again gets a few at most.
    if (m.type === 'init') {
      if (++inits <= CONSENT_MAX_INITS) await answer(frame, { type: 'initResp', config: AUTOCONSENT_CONFIG, rules });
    } else if (m.type === 'eval' && typeof m.code === 'string') {
      // Code of the bundled rules, run in the frame that asked (a page calling the binding itself runs
      // its own code in its own frame: nothing it could not do anyway).
      const result = await frame.evaluate(m.code).catch(() => false);
      await answer(frame, { type: 'evalResp', id: m.id, result });
    } else if (main && typeof m.type === 'string' && CONSENT_DONE.has(m.type)) finish();
    else if (main && m.type === 'report' && CONSENT_FINAL.has(String(m.state?.lifecycle))) finish();
  });
  await ctx.addInitScript({ content: script });
  return {
    settled: async (page, ms) => {
      if (done) return;
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, ms);
      });
      clearTimeout(timer);
      // The banner's own handlers (a click's) run before the screenshot.
      await page
        .evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))')
        .catch(() => undefined);
    },
  };
}

/** Why a URL the page asks for is refused, or undefined when it may be fetched. */
async function checkUrl(raw: string, resolve: Resolve): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (LOCAL_SCHEMES.has(url.protocol)) return undefined;
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `only http and https are fetched, not ${url.protocol}`;
  if (url.username || url.password) return 'URLs with credentials are refused';
  try {
    await resolve(url.hostname);
    return undefined;
  } catch (e) {
    return errorMessage(e);
  }
}
