// A warm browser for captures: one Chromium stays launched across captures (a launch costs about a
// second, a new context a few milliseconds), each capture gets its own browser context (its own
// cookies, cache and storage, and its own guard proxy: Chromium takes a proxy per context), at most
// `maxContexts` at once. The browser is closed after `idleMs` without a capture and by close() (the
// server's shutdown, the end of a CLI run); when it crashes or is killed it is launched again on the
// next capture. The browser itself is launched behind a proxy that refuses everything, so traffic
// outside the contexts (background requests the flags do not turn off) reaches nothing.
import { type Browser, chromium } from 'playwright-core';
import { type GuardProxy, startGuardProxy } from './proxy.js';

/** The flags every capture launch uses: no sandbox (often root in containers), no GPU, no traffic of its own. */
export const BROWSER_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface PoolOptions {
  /** The Chromium executable. */
  browser: string;
  /** Contexts (captures) open at once; more wait their turn. */
  maxContexts: number;
  /** Close the browser after this long without a capture (0: close as soon as the last capture ends). */
  idleMs: number;
}

export interface PoolStats {
  launches: number;
  running: boolean;
  contexts: number;
  waiting: number;
}

export class BrowserPool {
  private browser?: Promise<Browser>;
  private blackhole?: Promise<GuardProxy>;
  private idle?: NodeJS.Timeout;
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private launches = 0;

  constructor(readonly options: PoolOptions) {}

  stats(): PoolStats {
    return { launches: this.launches, running: !!this.browser, contexts: this.active, waiting: this.queue.length };
  }

  /**
   * Waits for a free place (at most maxContexts), then hands out the warm browser, launching it when
   * none runs. `release` must be called when the capture is done (its context closed).
   */
  async acquire(timeoutMs: number): Promise<{ browser: Browser; release: () => void }> {
    if (this.active >= this.options.maxContexts) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
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

  private launched(timeoutMs: number): Promise<Browser> {
    if (!this.browser) {
      const launching = (async () => {
        this.blackhole ??= startGuardProxy(
          async () => {
            throw new Error('the browser itself reaches nothing');
          },
          () => undefined,
        );
        const b = await chromium.launch({
          executablePath: this.options.browser,
          headless: true,
          args: BROWSER_FLAGS,
          proxy: { server: (await this.blackhole).url },
          timeout: timeoutMs,
        });
        this.launches++;
        // Crashed or killed: the next capture launches a new one.
        b.on('disconnected', () => {
          if (this.browser === launching) this.browser = undefined;
        });
        return b;
      })();
      this.browser = launching;
      // A failed launch is not kept: the next capture tries again.
      launching.catch(() => {
        if (this.browser === launching) this.browser = undefined;
      });
    }
    return this.browser;
  }

  private scheduleIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.shutBrowser(), this.options.idleMs);
    this.idle.unref();
  }

  private async shutBrowser(): Promise<void> {
    this.idle = undefined;
    const b = this.browser;
    this.browser = undefined;
    await b?.then((x) => x.close()).catch(() => undefined);
  }

  /** Closes the browser and the guard behind it (the server's shutdown; the end of a CLI run). */
  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    await this.shutBrowser();
    const hole = this.blackhole;
    this.blackhole = undefined;
    await hole?.then((p) => p.close()).catch(() => undefined);
  }
}
