import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  CaptureError,
  checkCaptureSpec
} from "./chunk-CVEJL3VF.js";
import {
  errorMessage
} from "./chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/capture/capture.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { chromium } from "playwright-core";

// src/capture/proxy.ts
init_define_globalThis_STORESHOTS_NATIVES();
import http from "node:http";
import net from "node:net";
var HOP_HEADERS = ["proxy-connection", "proxy-authorization", "connection", "keep-alive"];
async function startGuardProxy(resolve, onRefused) {
  const sockets = /* @__PURE__ */ new Set();
  const server = http.createServer((req, res) => {
    let url;
    try {
      url = new URL(req.url ?? "");
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (url.protocol !== "http:") {
      onRefused(url.href, `only http and https are fetched, not ${url.protocol}`);
      res.writeHead(403).end();
      return;
    }
    resolve(url.hostname).then(
      (address) => {
        const headers = { ...req.headers };
        for (const h of HOP_HEADERS) delete headers[h];
        const out = http.request(
          { host: address, port: url.port || 80, path: url.pathname + url.search, method: req.method, headers },
          (upstream) => {
            res.writeHead(upstream.statusCode ?? 502, upstream.headers);
            upstream.pipe(res);
          }
        );
        out.on("error", () => res.destroy());
        res.on("close", () => out.destroy());
        out.on("socket", (s) => {
          sockets.add(s);
          s.once("close", () => sockets.delete(s));
        });
        req.pipe(out);
      },
      (e) => {
        onRefused(url.href, e.message);
        res.writeHead(403, { "content-type": "text/plain" }).end("refused by storeshots");
      }
    );
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  server.on("connect", (req, client, head) => {
    client.on("error", () => client.destroy());
    const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(req.url ?? "");
    if (!m) {
      client.end("HTTP/1.1 400 Bad Request\r\n\r\n");
      return;
    }
    const [, host, port2] = m;
    resolve(host).then(
      (address) => {
        const upstream = net.connect(Number(port2), address, () => {
          client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
          if (head.length) upstream.write(head);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        sockets.add(upstream);
        upstream.once("close", () => sockets.delete(upstream));
        upstream.on("error", () => client.destroy());
      },
      (e) => {
        onRefused(`${Number(port2) === 443 ? "https" : "tunnel"}://${req.url}`, e.message);
        client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      }
    );
  });
  server.on("upgrade", (_req, socket) => socket.destroy());
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    })
  };
}

// src/capture/capture.ts
var BROWSER_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run"
];
var LOCAL_SCHEMES = /* @__PURE__ */ new Set(["data:", "blob:", "about:"]);
async function capturePage(spec, opts) {
  const { limits } = opts;
  const bad = checkCaptureSpec(spec, limits);
  if (bad) throw new CaptureError("capture_too_large", bad);
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
  let browser;
  let timer;
  let stage = "starting the browser";
  let finished = false;
  const timedOut = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(
        new CaptureError(
          "capture_timeout",
          `the capture of ${spec.url} took longer than its limit of ${limits.timeoutMs} ms (while ${stage})`
        )
      ),
      limits.timeoutMs
    );
  });
  const work = async () => {
    browser = await chromium.launch({
      executablePath: opts.browser,
      headless: true,
      args: BROWSER_FLAGS,
      proxy: { server: proxy.url },
      timeout: left()
    });
    if (finished) await browser.close();
    const scale = spec.viewport.device_scale_factor ?? 1;
    const context = await browser.newContext({
      viewport: { width: spec.viewport.width, height: spec.viewport.height },
      deviceScaleFactor: scale,
      serviceWorkers: "block",
      acceptDownloads: false
    });
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      const reason = await checkUrl(url, opts.resolve);
      if (reason) {
        refuse(url, reason);
        await route.abort("blockedbyclient").catch(() => void 0);
      } else await route.continue().catch(() => void 0);
    });
    await context.routeWebSocket(/.*/, async (ws) => {
      const reason = await checkUrl(ws.url().replace(/^ws/, "http"), opts.resolve);
      if (reason) {
        refuse(ws.url(), reason);
        await ws.close({ code: 1008, reason: "refused by storeshots" }).catch(() => void 0);
      } else ws.connectToServer();
    });
    context.on("request", (r) => pageHosts.add(hostOf(r.url())));
    const page = await context.newPage();
    const waitUntil = spec.wait_until ?? "load";
    stage = `loading the page (wait_until: ${waitUntil})`;
    const response = await page.goto(spec.url, { waitUntil, timeout: left() });
    if (!response) throw new CaptureError("capture_failed", `${spec.url} gave no response`);
    if (response.status() >= 400) {
      proxiedRefusals();
      const why = refused.find((r) => r.url === spec.url || r.url.startsWith(new URL(spec.url).origin));
      if (why) throw new CaptureError("capture_refused", `${spec.url}: ${why.reason}`);
      throw new CaptureError("capture_failed", `${spec.url} answered HTTP ${response.status()}`);
    }
    if (spec.wait_for) {
      stage = `waiting for ${spec.wait_for}`;
      await page.waitForSelector(spec.wait_for, { timeout: left() });
    }
    if (spec.delay) {
      stage = `waiting ${spec.delay} ms (delay)`;
      await page.waitForTimeout(Math.min(spec.delay, left()));
    }
    stage = "taking the screenshot";
    let height = spec.viewport.height;
    if (spec.full_page) {
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
    const png = await page.screenshot({ type: "png", fullPage: spec.full_page ?? false, timeout: left() });
    if (png.length > limits.maxBytes)
      throw new CaptureError(
        "capture_too_large",
        `the screenshot is ${png.length} bytes; the limit is ${limits.maxBytes}`
      );
    proxiedRefusals();
    return { png, width: png.readUInt32BE(16), height: png.readUInt32BE(20), refused };
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
        `the capture of ${spec.url} took longer than its limit of ${limits.timeoutMs} ms (while ${stage})`
      );
    if (/net::ERR_/.test(msg)) {
      proxiedRefusals();
      const why = refused.find((r) => r.url === spec.url);
      if (why) throw new CaptureError("capture_refused", `${spec.url}: ${why.reason}`);
    }
    throw new CaptureError("capture_failed", `capturing ${spec.url} failed while ${stage}: ${msg}`);
  } finally {
    finished = true;
    clearTimeout(timer);
    await browser?.close().catch(() => void 0);
    await proxy.close();
  }
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
  capturePage
};
