import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/capture/pool.ts
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

// src/capture/pool.ts
var BROWSER_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run"
];
var BrowserPool = class {
  constructor(options) {
    this.options = options;
  }
  options;
  browser;
  blackhole;
  idle;
  active = 0;
  queue = [];
  launches = 0;
  stats() {
    return { launches: this.launches, running: !!this.browser, contexts: this.active, waiting: this.queue.length };
  }
  /**
   * Waits for a free place (at most maxContexts), then hands out the warm browser, launching it when
   * none runs. `release` must be called when the capture is done (its context closed).
   */
  async acquire(timeoutMs) {
    if (this.active >= this.options.maxContexts) await new Promise((r) => this.queue.push(r));
    this.active++;
    if (this.idle) clearTimeout(this.idle);
    this.idle = void 0;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.active--;
      const next = this.queue.shift();
      if (next) next();
      else if (this.active === 0) this.scheduleIdle();
    };
    try {
      return { browser: await this.launched(timeoutMs), release };
    } catch (e) {
      release();
      throw e;
    }
  }
  launched(timeoutMs) {
    if (!this.browser) {
      const launching = (async () => {
        this.blackhole ??= startGuardProxy(
          async () => {
            throw new Error("the browser itself reaches nothing");
          },
          () => void 0
        );
        const b = await chromium.launch({
          executablePath: this.options.browser,
          headless: true,
          args: BROWSER_FLAGS,
          proxy: { server: (await this.blackhole).url },
          timeout: timeoutMs
        });
        this.launches++;
        b.on("disconnected", () => {
          if (this.browser === launching) this.browser = void 0;
        });
        return b;
      })();
      this.browser = launching;
      launching.catch(() => {
        if (this.browser === launching) this.browser = void 0;
      });
    }
    return this.browser;
  }
  scheduleIdle() {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.shutBrowser(), this.options.idleMs);
    this.idle.unref();
  }
  async shutBrowser() {
    this.idle = void 0;
    const b = this.browser;
    this.browser = void 0;
    await b?.then((x) => x.close()).catch(() => void 0);
  }
  /** Closes the browser and the guard behind it (the server's shutdown; the end of a CLI run). */
  async close() {
    if (this.idle) clearTimeout(this.idle);
    this.idle = void 0;
    await this.shutBrowser();
    const hole = this.blackhole;
    this.blackhole = void 0;
    await hole?.then((p) => p.close()).catch(() => void 0);
  }
};

export {
  startGuardProxy,
  BROWSER_FLAGS,
  BrowserPool
};
