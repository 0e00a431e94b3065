// Web capture in the render service: a slide's `screenshot: {capture: {...}}` (and the compatibility
// surfaces' `url`) rendered by the configured Chromium (src/capture/), under the same address rules
// as screenshot URLs (net.ts) for the page and everything it loads, with the capture's own time and
// size limits. The PNG it gives is then a screenshot like any other.
import manifestSchema from '../../schema/screenshots.schema.json' with { type: 'json' };
import type { CaptureResult } from '../capture/capture.js';
import type { BrowserPool } from '../capture/pool.js';
import { CaptureError, type CaptureSpec } from '../capture/limits.js';
import type { Limits } from './config.js';
import { ApiError } from './errors.js';
import { checkUrlSyntax, FetchError, type NetPolicy, resolveChecked, UrlRefusedError } from './net.js';

/** The JSON Schema of a capture: the manifest schema's own definition (request.ts checks it with the rest of the slide). */
export const captureSchema = (manifestSchema as { definitions: { capture: Record<string, unknown> } }).definitions
  .capture;

// One warm browser per executable for the process (capture/pool.ts), made on the first capture.
const pools = new Map<string, BrowserPool>();

async function poolFor(cfg: Limits['capture']): Promise<BrowserPool> {
  const key = `${cfg.browser}\n${cfg.concurrency}\n${cfg.idleMs}`;
  let pool = pools.get(key);
  if (!pool) {
    // Loaded on demand: playwright-core is needed only by servers that capture.
    const { BrowserPool } = await import('../capture/pool.js');
    pool = new BrowserPool({ browser: cfg.browser!, maxContexts: cfg.concurrency, idleMs: cfg.idleMs });
    pools.set(key, pool);
  }
  return pool;
}

/** The warm browsers' numbers, for /metrics. */
export function capturePoolStats(): { launches: number; running: number; contexts: number; waiting: number } {
  const all = [...pools.values()].map((p) => p.stats());
  return {
    launches: all.reduce((n, s) => n + s.launches, 0),
    running: all.filter((s) => s.running).length,
    contexts: all.reduce((n, s) => n + s.contexts, 0),
    waiting: all.reduce((n, s) => n + s.waiting, 0),
  };
}

/** Closes the warm browsers (the server's shutdown). */
export async function closeCapturePools(): Promise<void> {
  await Promise.all([...pools.values()].map((p) => p.close()));
}

/** Hosts a capture may reach: private ranges when the policy opens them for that host (any port). */
function resolver(policy: NetPolicy) {
  return async (hostname: string): Promise<string> => {
    const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
    const open =
      policy.allowPrivate ||
      [...(policy.allowHosts ?? [])].some((h) => h.replace(/:\d+$/, '').replace(/^\[|\]$/g, '') === host);
    return (await resolveChecked(host, open))[0]!.address;
  };
}

/** Captures a page for the request field `param`; failures are 400s naming it. */
/**
 * A page's own address against the SSRF rules (syntax, scheme, the host and what it resolves to): a
 * 400 capture_refused naming `<param>.url`. captureScreenshot checks it; a request of several pages
 * (allscreenshots' bulk) checks them all before it captures any.
 */
export async function checkPageUrl(raw: string, policy: NetPolicy, param: string): Promise<void> {
  try {
    const url = checkUrlSyntax(raw, true);
    await resolver(policy)(url.hostname);
  } catch (e) {
    if (e instanceof UrlRefusedError || e instanceof FetchError)
      throw new ApiError(400, 'capture_refused', `${param}.url: ${e.message}`, param);
    throw e;
  }
}

export async function captureScreenshot(
  spec: CaptureSpec,
  limits: Limits,
  policy: NetPolicy,
  param: string,
  /** The request field of `spec.selector`, named by its errors (selector_invalid, selector_not_found). */
  selectorParam = `${param}.selector`,
  /** The request field of another spec field (`device`, `hide_selectors[2]`, `css`, `wait_for`), in the surface's names. */
  fieldParam: (field: string) => string = (field) => `${param}.${field}`,
): Promise<CaptureResult> {
  const cfg = limits.capture;
  // Loaded on demand (playwright-core); its checks of the spec need no browser and go first.
  const { capturePage, checkCaptureOptions } = await import('../capture/capture.js');
  try {
    // Ad blocking without filter lists is refused here, before a browser is needed.
    checkCaptureOptions(spec, cfg.filterLists ?? []);
  } catch (e) {
    if (e instanceof CaptureError) throw captureApiError(e, param, selectorParam, fieldParam);
    throw e;
  }
  if (!cfg.browser)
    throw new ApiError(
      400,
      'browser_not_configured',
      `${param}: web capture needs a Chromium on the server: start storeshots serve with --browser PATH or STORESHOTS_BROWSER, or put chromium on PATH`,
      param,
    );
  // The page's own address is checked before a browser starts: a refused page is a 400 at once. A page
  // given as html has none to check (it is served from inside the capture); what it loads is checked there.
  if (spec.html === undefined) await checkPageUrl(spec.url, policy, param);
  const pool = await poolFor(cfg);
  try {
    return await capturePage(spec, {
      pool,
      resolve: resolver(policy),
      limits: { ...cfg, maxBytes: Math.min(cfg.maxBytes, limits.screenshotBytes) },
      ...(cfg.filterLists ? { filters: cfg.filterLists } : {}),
    });
  } catch (e) {
    if (e instanceof CaptureError) throw captureApiError(e, param, selectorParam, fieldParam);
    throw e;
  }
}

/** A device preset's name (Playwright's table) for a capture made later (a schedule's): a 400 device_unknown naming `param`. */
export async function checkDevice(name: string, param: string): Promise<void> {
  const { checkCaptureOptions } = await import('../capture/capture.js');
  try {
    checkCaptureOptions({ url: '', device: name });
  } catch (e) {
    if (e instanceof CaptureError) throw captureApiError(e, param, param, () => param);
    throw e;
  }
}

/**
 * Ad blocking asked of a capture made later (a schedule's): without the operator's filter lists, a 400
 * ad_blocking_unavailable naming `param` (the field that asked), as a capture made now would be.
 */
export async function checkAdBlocking(
  spec: Pick<CaptureSpec, 'block_ads' | 'block_level'>,
  limits: Limits,
  param: string,
): Promise<void> {
  const { checkCaptureOptions } = await import('../capture/capture.js');
  try {
    checkCaptureOptions({ url: '', viewport: { width: 100, height: 100 }, ...spec }, limits.capture.filterLists ?? []);
  } catch (e) {
    if (e instanceof CaptureError) throw captureApiError(e, param, param, () => param);
    throw e;
  }
}

/** A capture's failure as a 400 naming the request field at fault. */
function captureApiError(
  e: CaptureError,
  param: string,
  selectorParam: string,
  fieldParam: (field: string) => string,
): ApiError {
  const at = e.field ? fieldParam(e.field) : e.code.startsWith('selector_') ? selectorParam : param;
  return new ApiError(400, e.code, `${at}: ${e.message}`, at);
}
