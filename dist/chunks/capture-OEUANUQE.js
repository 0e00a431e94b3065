import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  AUTOCONSENT_CONFIG,
  COOKIE_BANNER_WAIT_MS,
  CSS_MAX_BYTES,
  CaptureError,
  HIDE_SELECTORS_MAX,
  HIDE_SELECTOR_MAX_LENGTH,
  HTML_MAX_BYTES,
  INLINE_PAGE_URL,
  PAGE_KEYS,
  SELECTOR_WAIT_MS,
  WAIT_FOR_MS,
  autoconsentBundle,
  blockedBy,
  blockingOf,
  checkCaptureSpec,
  cosmeticCss
} from "./chunk-UONDSRNA.js";
import {
  errorMessage
} from "./chunk-7IMI5VS3.js";
import {
  BROWSER_FLAGS,
  startGuardProxy
} from "./chunk-JXNR7T5D.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/capture/capture.ts
init_define_globalThis_STORESHOTS_NATIVES();
import {
  devices
} from "playwright-core";
var LOCAL_SCHEMES = /* @__PURE__ */ new Set(["data:", "blob:", "about:"]);
var INLINE_HOST = new URL(INLINE_PAGE_URL).hostname;
function isTopDocument(request) {
  try {
    return request.isNavigationRequest() && request.frame().parentFrame() === null;
  } catch {
    return false;
  }
}
async function capturePage(spec, opts) {
  const { limits } = opts;
  const device = deviceOf(spec);
  const viewport = viewportOf(spec, device);
  const bad = checkCaptureSpec(spec, viewport, limits);
  if (bad) throw new CaptureError("capture_too_large", bad);
  checkPageOptions(spec);
  checkClip(spec, viewport);
  const block = blockingOf(spec);
  const inline = spec.html !== void 0;
  const pageUrl = inline ? INLINE_PAGE_URL : spec.url;
  const name = inline ? "the html page" : spec.url;
  const filters = opts.filters ?? [];
  if (block.network && filters.length === 0) throw adBlockingUnavailable(spec);
  const adFilter = (request) => {
    return isTopDocument(request) ? void 0 : blockedBy(filters, request.url(), pageUrl, request.resourceType());
  };
  const refused = [];
  const seen = /* @__PURE__ */ new Set();
  const refuse = (url, reason) => {
    const key = `${url}
${reason}`;
    if (seen.has(key)) return;
    seen.add(key);
    refused.push({ url: url.length > 300 ? `${url.slice(0, 297)}...` : url, reason });
  };
  const deadline = Date.now() + limits.timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  const proxied = [];
  const pageHosts = /* @__PURE__ */ new Set();
  const proxy = await startGuardProxy(opts.resolve, (url, reason) => proxied.push({ url, reason }));
  const hostOf = (u) => {
    try {
      return new URL(u).hostname.replace(/^\[|\]$/g, "");
    } catch {
      return "";
    }
  };
  const proxiedRefusals = () => {
    for (const r of proxied) if (pageHosts.has(hostOf(r.url))) refuse(r.url, r.reason);
  };
  let context;
  let release;
  let timer;
  let stage = "starting the browser";
  let finished = false;
  const timedOut = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(
        new CaptureError(
          "capture_timeout",
          `the capture of ${name} took longer than its limit of ${limits.timeoutMs} ms (while ${stage})`
        )
      ),
      limits.timeoutMs
    );
  });
  const work = async () => {
    const lease = await opts.pool.acquire(left());
    release = lease.release;
    if (finished) {
      lease.release();
      throw new CaptureError("capture_timeout", "the capture was given up");
    }
    const scale = viewport.device_scale_factor ?? 1;
    const ctx = await lease.browser.newContext({
      // A device preset's touch, mobile layout and user agent (its viewport and scale are in `viewport`).
      ...device ? { isMobile: device.isMobile, hasTouch: device.hasTouch, userAgent: device.userAgent } : {},
      viewport: { width: viewport.width, height: viewport.height },
      deviceScaleFactor: scale,
      ...spec.dark_mode ? { colorScheme: "dark" } : {},
      serviceWorkers: "block",
      acceptDownloads: false,
      // This capture's own guard: its refusals are this capture's.
      proxy: { server: proxy.url }
    });
    context = ctx;
    if (finished) {
      await ctx.close().catch(() => void 0);
      throw new CaptureError("capture_timeout", "the capture was given up");
    }
    stage = "opening the page";
    let served = false;
    await ctx.route("**/*", async (route) => {
      const request = route.request();
      const url = request.url();
      if (inline && !served && url === INLINE_PAGE_URL && isTopDocument(request)) {
        served = true;
        await route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: spec.html }).catch(() => void 0);
        return;
      }
      const reason = (inline && hostOf(url) === INLINE_HOST ? `${INLINE_HOST} serves only the html page itself (once): give its resources absolute URLs` : await checkUrl(url, opts.resolve)) ?? (block.network ? adFilter(request) : void 0);
      if (reason) {
        refuse(url, reason);
        await route.abort("blockedbyclient").catch(() => void 0);
      } else await route.continue().catch(() => void 0);
    });
    await ctx.routeWebSocket(/.*/, async (ws) => {
      const reason = await checkUrl(ws.url().replace(/^ws/, "http"), opts.resolve) ?? (block.network ? blockedBy(filters, ws.url(), pageUrl, "websocket") : void 0);
      if (reason) {
        refuse(ws.url(), reason);
        await ws.close({ code: 1008, reason: "refused by storeshots" }).catch(() => void 0);
      } else ws.connectToServer();
    });
    ctx.on("request", (r) => pageHosts.add(hostOf(r.url())));
    const consent = block.cookies ? await startAutoconsent(ctx) : void 0;
    const page = await ctx.newPage();
    if (spec.dark_mode) await page.emulateMedia({ colorScheme: "dark" });
    const waitUntil = spec.wait_until ?? "load";
    stage = `loading the page (wait_until: ${waitUntil})`;
    const response = await page.goto(pageUrl, { waitUntil, timeout: left() });
    if (!response) throw new CaptureError("capture_failed", `${name} gave no response`);
    if (response.status() >= 400) {
      proxiedRefusals();
      const why = refused.find((r) => r.url === pageUrl || r.url.startsWith(new URL(pageUrl).origin));
      if (why) throw new CaptureError("capture_refused", `${name}: ${why.reason}`);
      throw new CaptureError("capture_failed", `${name} answered HTTP ${response.status()}`);
    }
    if (spec.wait_for) {
      stage = `waiting for ${spec.wait_for}`;
      await checkSelector(page, spec.wait_for, "wait_for");
      const wait = Math.min(WAIT_FOR_MS, left());
      try {
        await page.locator(`css=${spec.wait_for}`).first().waitFor({ state: "visible", timeout: wait });
      } catch (e) {
        const msg = errorMessage(e);
        if (/while parsing (css )?selector/i.test(msg))
          throw new CaptureError("selector_invalid", `the CSS selector ${spec.wait_for} is not valid`, "wait_for");
        if (!/Timeout \d+ms exceeded/.test(msg) || wait < WAIT_FOR_MS) throw e;
        throw new CaptureError(
          "wait_for_timeout",
          `no element matched the wait_for selector ${spec.wait_for} within ${WAIT_FOR_MS} ms after the page loaded`,
          "wait_for"
        );
      }
    }
    if (consent) {
      stage = "waiting for the cookie banner (block_cookie_banners)";
      await consent.settled(page, Math.min(COOKIE_BANNER_WAIT_MS, left()));
    }
    let adCss = "";
    if (block.cosmetic) {
      stage = "adding the filter lists' cosmetic filters (block_ads)";
      adCss = cosmeticCss(filters, page.url(), await page.evaluate(PAGE_KEYS));
    }
    if (spec.css || spec.hide_selectors?.length || adCss) {
      stage = "adding the style sheet";
      for (const [i, s] of (spec.hide_selectors ?? []).entries()) await checkSelector(page, s, `hide_selectors[${i}]`);
      const hide = (spec.hide_selectors ?? []).map((s) => `${s} { visibility: hidden !important; }`).join("\n");
      await page.evaluate(addStyle([adCss, spec.css ?? "", hide].filter(Boolean).join("\n")));
    }
    if (spec.delay) {
      stage = `waiting ${spec.delay} ms (delay)`;
      await page.waitForTimeout(Math.min(spec.delay, left()));
    }
    let content;
    if (spec.content) {
      stage = "reading the page";
      content = await readContent(page, spec.content, limits.maxBytes);
    }
    stage = "taking the screenshot";
    let png;
    if (spec.selector) png = await elementShot(page, spec.selector, scale, limits, left, (s) => stage = s);
    else {
      let height = viewport.height;
      if (spec.full_page && spec.clip) {
        const size = await page.evaluate(FULL_PAGE_SIZE);
        checkClipInside(spec.clip, size, "the full page");
        for (const side of ["width", "height"])
          if (spec.clip[side] * scale > limits.maxSide)
            throw new CaptureError(
              "capture_too_large",
              `clip.${side} ${spec.clip[side]} (x${scale}) is larger than ${limits.maxSide} device pixels`,
              `clip.${side}`
            );
      } else if (spec.full_page) {
        height = Number(
          await page.evaluate(
            "Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)"
          )
        );
        if (height * scale > limits.maxSide)
          throw new CaptureError(
            "capture_too_large",
            `the full page is ${height} pixels tall (x${scale}); the limit is ${limits.maxSide} device pixels`
          );
      }
      png = await page.screenshot({
        type: "png",
        fullPage: spec.full_page ?? false,
        ...spec.clip ? { clip: spec.clip } : {},
        timeout: left()
      });
    }
    if (png.length > limits.maxBytes)
      throw new CaptureError(
        "capture_too_large",
        `the screenshot is ${png.length} bytes; the limit is ${limits.maxBytes}`
      );
    let pdf;
    if (spec.pdf) {
      stage = "printing the page to PDF";
      pdf = await page.pdf({
        format: spec.pdf.format ?? "A4",
        landscape: spec.pdf.landscape ?? false,
        printBackground: spec.pdf.print_background ?? false
      });
      if (pdf.length > limits.maxBytes)
        throw new CaptureError("capture_too_large", `the PDF is ${pdf.length} bytes; the limit is ${limits.maxBytes}`);
    }
    proxiedRefusals();
    return {
      png,
      width: png.readUInt32BE(16),
      height: png.readUInt32BE(20),
      refused,
      ...pdf ? { pdf } : {},
      ...content ? { content } : {}
    };
  };
  try {
    const capturing = work();
    capturing.catch(() => void 0);
    return await Promise.race([capturing, timedOut]);
  } catch (e) {
    if (e instanceof CaptureError) throw e;
    const msg = errorMessage(e).split("\n")[0];
    if (/Timeout \d+ms exceeded/.test(msg))
      throw new CaptureError(
        "capture_timeout",
        `the capture of ${name} took longer than its limit of ${limits.timeoutMs} ms (while ${stage})`
      );
    if (/net::ERR_/.test(msg)) {
      proxiedRefusals();
      const why = refused.find((r) => r.url === pageUrl);
      if (why) throw new CaptureError("capture_refused", `${name}: ${why.reason}`);
    }
    throw new CaptureError("capture_failed", `capturing ${name} failed while ${stage}: ${msg}`);
  } finally {
    finished = true;
    clearTimeout(timer);
    await context?.close().catch(() => void 0);
    release?.();
    await proxy.close();
  }
}
async function elementShot(page, selector, scale, limits, left, setStage) {
  setStage(`looking for the selector ${selector}`);
  await checkSelector(page, selector);
  const element = page.locator(`css=${selector}`).first();
  try {
    await element.waitFor({ state: "visible", timeout: Math.min(SELECTOR_WAIT_MS, left()) });
  } catch (e) {
    const msg = errorMessage(e);
    if (/while parsing (css )?selector/i.test(msg))
      throw new CaptureError("selector_invalid", `the CSS selector ${selector} is not valid: ${msg.split("\n")[0]}`);
    if (!/Timeout \d+ms exceeded/.test(msg)) throw e;
    throw new CaptureError(
      "selector_not_found",
      `no visible element matches the selector ${selector} (waited ${Math.min(SELECTOR_WAIT_MS, limits.timeoutMs)} ms after the page loaded)`
    );
  }
  const box = await element.boundingBox({ timeout: left() });
  if (box && Math.max(box.width, box.height) * scale > limits.maxSide)
    throw new CaptureError(
      "capture_too_large",
      `the element ${selector} is ${Math.round(box.width)}x${Math.round(box.height)} pixels (x${scale}); the limit is ${limits.maxSide} device pixels a side`
    );
  setStage(`taking the screenshot of ${selector}`);
  return element.screenshot({ type: "png", timeout: left() });
}
async function checkSelector(page, selector, field) {
  const valid = !/[{};]/.test(selector) && await page.evaluate(
    `((s) => { try { document.createDocumentFragment().querySelector(s); return true; } catch { return false; } })(${JSON.stringify(selector)})`
  );
  if (!valid)
    throw new CaptureError("selector_invalid", `the browser does not accept the CSS selector ${selector}`, field);
}
function deviceOf(spec) {
  if (spec.device === void 0) return void 0;
  const d = Object.hasOwn(devices, spec.device) ? devices[spec.device] : void 0;
  if (d) return d;
  const want = spec.device.toLowerCase().replace(/[^a-z0-9]/g, "");
  const names = Object.keys(devices);
  const near = names.filter((n) => {
    const k = n.toLowerCase().replace(/[^a-z0-9]/g, "");
    return want.length >= 3 && (k.includes(want) || want.includes(k));
  });
  const some = [...near, "iPhone 15", "Pixel 7", "iPad Pro 11", "Desktop Chrome"].filter((n, i, all) => names.includes(n) && all.indexOf(n) === i).slice(0, 6);
  throw new CaptureError(
    "device_unknown",
    `unknown device ${JSON.stringify(spec.device.slice(0, 100))}: a name of Playwright's device table (${names.length} presets), e.g. ${some.map((n) => JSON.stringify(n)).join(", ")}`,
    "device"
  );
}
function viewportOf(spec, device) {
  if (spec.viewport)
    return device && spec.viewport.device_scale_factor === void 0 ? { ...spec.viewport, device_scale_factor: device.deviceScaleFactor } : spec.viewport;
  if (device) return { ...device.viewport, device_scale_factor: device.deviceScaleFactor };
  throw new CaptureError("capture_failed", "a capture needs a viewport or a device", "viewport");
}
function checkCaptureOptions(spec, filters) {
  const viewport = viewportOf(spec, deviceOf(spec));
  checkPageOptions(spec);
  checkClip(spec, viewport);
  if (filters && filters.length === 0 && blockingOf(spec).network) throw adBlockingUnavailable(spec);
}
function checkClip(spec, viewport) {
  if (!spec.clip) return;
  if (spec.selector !== void 0)
    throw new CaptureError(
      "clip_invalid",
      "clip and selector cannot be combined: the image is either a rectangle of the page or an element",
      "clip"
    );
  if (!spec.full_page) checkClipInside(spec.clip, viewport, `the viewport`);
}
function checkClipInside(clip, size, what) {
  const at = (start, side) => clip[start] >= size[side] ? `clip.${start}` : clip[start] + clip[side] > size[side] ? `clip.${side}` : void 0;
  const field = at("x", "width") ?? at("y", "height");
  if (field)
    throw new CaptureError(
      "clip_outside_page",
      `the clip ${clip.width}x${clip.height} at (${clip.x}, ${clip.y}) reaches outside ${what}, ${size.width}x${size.height} CSS pixels`,
      field
    );
}
function checkPageOptions(spec) {
  if (spec.html !== void 0 && Buffer.byteLength(spec.html) > HTML_MAX_BYTES)
    throw new CaptureError(
      "capture_too_large",
      `the page is ${Buffer.byteLength(spec.html)} bytes of HTML; the limit is ${HTML_MAX_BYTES} (5 MB)`,
      "html"
    );
  if (spec.css !== void 0 && Buffer.byteLength(spec.css) > CSS_MAX_BYTES)
    throw new CaptureError(
      "capture_too_large",
      `css is ${Buffer.byteLength(spec.css)} bytes; the limit is ${CSS_MAX_BYTES}`,
      "css"
    );
  const hide = spec.hide_selectors ?? [];
  if (hide.length > HIDE_SELECTORS_MAX)
    throw new CaptureError(
      "capture_too_large",
      `hide_selectors has ${hide.length} selectors; the limit is ${HIDE_SELECTORS_MAX}`,
      "hide_selectors"
    );
  for (const [i, s] of hide.entries())
    if (!s || s.length > HIDE_SELECTOR_MAX_LENGTH)
      throw new CaptureError(
        "selector_invalid",
        `a hidden selector is 1-${HIDE_SELECTOR_MAX_LENGTH} characters`,
        `hide_selectors[${i}]`
      );
}
var FULL_PAGE_SIZE = `(() => {
  const d = document.documentElement, b = document.body || d;
  return {
    width: Math.max(d.scrollWidth, b.scrollWidth, d.offsetWidth, b.offsetWidth, d.clientWidth, b.clientWidth),
    height: Math.max(d.scrollHeight, b.scrollHeight, d.offsetHeight, b.offsetHeight, d.clientHeight, b.clientHeight),
  };
})()`;
var addStyle = (css) => `new Promise((done) => {
  const s = document.createElement('style');
  s.textContent = ${JSON.stringify(css)};
  s.onload = s.onerror = () => done(true);
  setTimeout(() => done(true), 5000);
  (document.head || document.documentElement).appendChild(s);
})`;
var MAIN_CONTENT = `(() => {
  const main = document.querySelector('main, [role="main"]');
  const articles = document.querySelectorAll('article');
  const pick = main || (articles.length === 1 ? articles[0] : null);
  if (pick) return pick.outerHTML;
  const root = (document.body || document.documentElement).cloneNode(true);
  for (const el of root.querySelectorAll('nav, header, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"]')) el.remove();
  return root.outerHTML;
})()`;
var extractScript = (rules) => `((rules) => {
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
async function readContent(page, want, maxBytes) {
  const bounded = (what, value) => {
    const bytes = Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value));
    if (bytes > maxBytes)
      throw new CaptureError("capture_too_large", `the page's ${what} is ${bytes} bytes; the limit is ${maxBytes}`);
    return value;
  };
  const out = {};
  if (want.html) out.html = bounded("HTML", await page.content());
  if (want.main) out.main = bounded("main content", String(await page.evaluate(MAIN_CONTENT)));
  if (want.extract) out.extract = [];
  for (const rules of want.extract ?? [])
    out.extract.push(
      bounded(
        "extracted data",
        await page.evaluate(extractScript(rules))
      )
    );
  return out;
}
function adBlockingUnavailable(spec) {
  const field = spec.block_ads ? "block_ads" : "block_level";
  return new CaptureError(
    "ad_blocking_unavailable",
    'ad blocking needs filter lists in EasyList syntax: set STORESHOTS_FILTER_LISTS=/path/easylist.txt,... where the capture runs (for the service, when storeshots serve starts; docs/render-api.md, "Ad and cookie-banner blocking")',
    field
  );
}
var CONSENT_DONE = /* @__PURE__ */ new Set(["autoconsentDone", "autoconsentError", "optOutResult"]);
var CONSENT_FINAL = /* @__PURE__ */ new Set(["nothingDetected", "optOutSucceeded", "optOutFailed", "done"]);
var CONSENT_MAX_MESSAGES = 2e3;
var CONSENT_MAX_INITS = 50;
async function startAutoconsent(ctx) {
  const { script, rules } = autoconsentBundle();
  let done = false;
  let wake;
  let count = 0;
  let inits = 0;
  const finish = () => {
    done = true;
    wake?.();
  };
  const answer = (frame, message) => frame.evaluate(`window.autoconsentReceiveMessage && window.autoconsentReceiveMessage(${JSON.stringify(message)})`).catch(() => void 0);
  await ctx.exposeBinding("autoconsentSendMessage", async ({ frame }, message) => {
    if (++count > CONSENT_MAX_MESSAGES || !message || typeof message !== "object") return;
    const m = message;
    const main = frame.parentFrame() === null;
    if (m.type === "init") {
      if (++inits <= CONSENT_MAX_INITS) await answer(frame, { type: "initResp", config: AUTOCONSENT_CONFIG, rules });
    } else if (m.type === "eval" && typeof m.code === "string") {
      const result = await frame.evaluate(m.code).catch(() => false);
      await answer(frame, { type: "evalResp", id: m.id, result });
    } else if (main && typeof m.type === "string" && CONSENT_DONE.has(m.type)) finish();
    else if (main && m.type === "report" && CONSENT_FINAL.has(String(m.state?.lifecycle))) finish();
  });
  await ctx.addInitScript({ content: script });
  return {
    settled: async (page, ms) => {
      if (done) return;
      let timer;
      await new Promise((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, ms);
      });
      clearTimeout(timer);
      await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))").catch(() => void 0);
    }
  };
}
async function checkUrl(raw, resolve) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    return "not a URL";
  }
  if (LOCAL_SCHEMES.has(url.protocol)) return void 0;
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return `only http and https are fetched, not ${url.protocol}`;
  if (url.username || url.password) return "URLs with credentials are refused";
  try {
    await resolve(url.hostname);
    return void 0;
  } catch (e) {
    return errorMessage(e);
  }
}
export {
  BROWSER_FLAGS,
  capturePage,
  checkCaptureOptions
};
