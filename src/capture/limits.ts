// What a web capture is asked for and the limits it runs under: plain data, free of the browser
// (capture.ts loads playwright-core; the configuration and request checks need only this).
import type { FilterList } from './blocking.js';

export type WaitUntil = 'load' | 'domcontentloaded' | 'networkidle';

export interface CaptureSpec {
  /** The page's address (with `html`: INLINE_PAGE_URL, where the page is served). */
  url: string;
  /**
   * Raw HTML to render instead of fetching `url`: served to the browser from inside the capture at
   * INLINE_PAGE_URL (the route handler answers the page's own document request, once); everything the
   * page loads goes through the same checks as a fetched page's. At most HTML_MAX_BYTES (UTF-8).
   */
  html?: string;
  /** CSS pixels; with `device`, this size (and its scale, when given) replaces the preset's. */
  viewport?: { width: number; height: number; device_scale_factor?: number };
  /**
   * A device preset of Playwright's own table (playwright-core's `devices`, e.g. "iPhone 13", "Pixel 7"):
   * its viewport, deviceScaleFactor, isMobile, hasTouch and userAgent. One of viewport or device is needed.
   */
  device?: string;
  /** The page sees `prefers-color-scheme: dark` (page.emulateMedia). */
  dark_mode?: boolean;
  /** A style sheet added to the page after it loaded (page.addStyleTag), at most CSS_MAX_BYTES. */
  css?: string;
  /** CSS selectors whose elements are hidden (`visibility: hidden`) before the screenshot. */
  hide_selectors?: string[];
  /** Block ads with the operator's filter lists (blocking.ts): their network and cosmetic filters. */
  block_ads?: boolean;
  /** Opt out of (or hide) cookie-consent banners with autoconsent's bundled rules (blocking.ts). */
  block_cookie_banners?: boolean;
  /**
   * allscreenshots' `blockLevel` (docs/render-api.md#ad-and-cookie-banner-blocking): `light` the lists'
   * network filters; `normal` also their cosmetic filters; `pro`, `pro_plus`, `ultimate` also cookie banners.
   */
  block_level?: BlockLevel;
  full_page?: boolean;
  wait_until?: WaitUntil;
  /** A CSS selector to wait for after the page loaded. */
  wait_for?: string;
  /** Milliseconds to wait after loading (and wait_for). */
  delay?: number;
  /**
   * A CSS selector: the image is the first visible element it matches (its box, scrolled into view),
   * not the viewport. Waited for at most SELECTOR_WAIT_MS (within the capture's deadline).
   */
  selector?: string;
  /**
   * A rectangle of the page in CSS pixels (Playwright's screenshot `clip`): the image is only that, at the
   * device scale. Relative to the viewport's top left, or to the document's with `full_page`; it must lie
   * inside the viewport (or the full page), else clip_outside_page naming the field. Not with `selector`.
   */
  clip?: { x: number; y: number; width: number; height: number };
  /** Also print the page to PDF (Chromium's page.pdf()): paper format (A4, Letter, ...), orientation, backgrounds. */
  pdf?: { format?: string; landscape?: boolean; print_background?: boolean };
  /**
   * Also read the loaded page (after the waits, before the screenshot): its HTML as the browser holds it
   * (page.content()), the HTML of its main content, and values picked by CSS selectors (one map of
   * rules each). Read in the page only: nothing more is fetched for it.
   */
  content?: { html?: boolean; main?: boolean; extract?: Array<Record<string, ExtractRule>> };
}

/** allscreenshots' ad-blocking levels (their SDKs' BlockLevel). */
export const BLOCK_LEVELS = ['none', 'light', 'normal', 'pro', 'pro_plus', 'ultimate'] as const;
export type BlockLevel = (typeof BLOCK_LEVELS)[number];

/** What a spec asks to block: the lists' network filters, their cosmetic filters, cookie banners. */
export function blockingOf(spec: CaptureSpec): { network: boolean; cosmetic: boolean; cookies: boolean } {
  const level = BLOCK_LEVELS.indexOf(spec.block_level ?? 'none');
  return {
    network: !!spec.block_ads || level >= 1,
    cosmetic: !!spec.block_ads || level >= 2,
    cookies: !!spec.block_cookie_banners || level >= 3,
  };
}

/** A value to pick from the page: the first (or, `multiple`, every) element the selector matches, as text, inner HTML or one attribute. */
export interface ExtractRule {
  selector: string;
  type?: 'text' | 'html' | 'attribute';
  attribute?: string;
  multiple?: boolean;
}

/** What a capture read of the page (CaptureSpec.content). */
export interface PageContent {
  html?: string;
  main?: string;
  /** One object per rule map; a rule whose selector the browser refused is named in `invalid`. */
  extract?: Array<{ values: Record<string, unknown>; invalid?: string }>;
}

export interface CaptureLimits {
  timeoutMs: number;
  /** Largest viewport side, CSS pixels. */
  maxViewport: number;
  maxScale: number;
  /** Longest side of the image in device pixels (CSS pixels x device_scale_factor), full pages included. */
  maxSide: number;
  /** Largest PNG, bytes. */
  maxBytes: number;
}

export const CAPTURE_DEFAULTS: CaptureLimits = {
  timeoutMs: 30_000,
  maxViewport: 3840,
  maxScale: 3,
  maxSide: 7680,
  maxBytes: 15 * 1024 * 1024,
};

/** The capture limits and browser of a server (config.ts fills them). */
export interface CaptureConfig extends CaptureLimits {
  /** The Chromium to launch; undefined: web capture is off (a clear 400). */
  browser?: string;
  /** Captures running at the same time (each a context of the one warm browser). */
  concurrency: number;
  /** Close the warm browser after this long without a capture. */
  idleMs: number;
  /** The operator's ad-blocking filter lists (STORESHOTS_FILTER_LISTS), parsed at start; none: block_ads is refused. */
  filterLists?: FilterList[];
}

export type CaptureErrorCode =
  | 'capture_timeout'
  | 'capture_too_large'
  | 'capture_failed'
  | 'capture_refused'
  | 'selector_invalid'
  | 'selector_not_found'
  | 'device_unknown'
  | 'wait_for_timeout'
  | 'clip_outside_page'
  | 'clip_invalid'
  | 'ad_blocking_unavailable';

/**
 * Where a page given as `html` is served (a name under .invalid, RFC 2606: it never resolves, so nothing
 * else of this origin can be fetched; a relative URL in the page resolves to it and is refused).
 */
export const INLINE_PAGE_URL = 'http://storeshots.invalid/';
/** Largest `html`, bytes (UTF-8). */
export const HTML_MAX_BYTES = 5_000_000;

/** Largest `css`, bytes (UTF-8). */
export const CSS_MAX_BYTES = 64 * 1024;
/** Most `hide_selectors`, and the longest one. */
export const HIDE_SELECTORS_MAX = 50;
export const HIDE_SELECTOR_MAX_LENGTH = 500;
/** How long a capture waits for its `wait_for` selector after the page loaded (within the deadline). */
export const WAIT_FOR_MS = 10_000;

/** How long a capture waits for its `selector` to match a visible element after the page loaded. */
export const SELECTOR_WAIT_MS = 5_000;

export class CaptureError extends Error {
  constructor(
    readonly code: CaptureErrorCode,
    message: string,
    /** The spec's field at fault, in CaptureSpec's names (`device`, `hide_selectors[2]`, `css`, `wait_for`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'CaptureError';
  }
}

export interface Refusal {
  url: string;
  reason: string;
}

/** Checks the numbers of a capture (its viewport resolved, a device's included) against the limits: the message names the field. */
export function checkCaptureSpec(
  spec: CaptureSpec,
  viewport: { width: number; height: number; device_scale_factor?: number },
  limits: CaptureLimits,
): string | undefined {
  const { width, height, device_scale_factor: scale = 1 } = viewport;
  if (width > limits.maxViewport || height > limits.maxViewport)
    return `viewport ${width}x${height} is larger than ${limits.maxViewport} pixels a side`;
  if (scale > limits.maxScale) return `viewport.device_scale_factor ${scale} is above ${limits.maxScale}`;
  if (width * scale > limits.maxSide || height * scale > limits.maxSide)
    return `viewport ${width}x${height} at scale ${scale} is larger than ${limits.maxSide} device pixels a side`;
  if ((spec.delay ?? 0) >= limits.timeoutMs)
    return `delay ${spec.delay} ms is not shorter than the capture time limit of ${limits.timeoutMs} ms`;
  return undefined;
}
