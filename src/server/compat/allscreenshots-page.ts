// allscreenshots' page options (device presets, dark mode, custom CSS, hidden selectors, ad and
// cookie-banner blocking) as the one
// capture core's CaptureSpec fields, for every path of that surface that captures: async, bulk,
// schedules, compose (docs/render-api.md#page-options).
import {
  BLOCK_LEVELS,
  type BlockLevel,
  type CaptureSpec,
  CSS_MAX_BYTES,
  HIDE_SELECTOR_MAX_LENGTH,
  HIDE_SELECTORS_MAX,
} from '../../capture/limits.js';

/** Their page options' request schema: null, false and [] ask for nothing. */
export const pageOptionsSchema = {
  device: { type: ['string', 'null'], minLength: 1, maxLength: 100 },
  darkMode: { type: 'boolean' },
  customCss: { type: ['string', 'null'], maxLength: CSS_MAX_BYTES },
  hideSelectors: {
    type: 'array',
    maxItems: HIDE_SELECTORS_MAX,
    items: { type: 'string', minLength: 1, maxLength: HIDE_SELECTOR_MAX_LENGTH },
  },
  // Ad and cookie-banner blocking (docs/render-api.md#ad-and-cookie-banner-blocking).
  blockAds: { type: 'boolean' },
  blockCookieBanners: { type: 'boolean' },
  blockLevel: { enum: [...BLOCK_LEVELS] },
};

/** CaptureSpec's field names in this surface's words (`hide_selectors[2]` is `hideSelectors[2]`). */
const CAMEL: Record<string, string> = {
  dark_mode: 'darkMode',
  css: 'customCss',
  hide_selectors: 'hideSelectors',
  wait_for: 'waitFor',
  device: 'device',
  viewport: 'viewport',
  block_ads: 'blockAds',
  block_cookie_banners: 'blockCookieBanners',
  block_level: 'blockLevel',
};
export const camelField = (field: string) => field.replace(/^[a-z_]+/, (name) => CAMEL[name] ?? name);

/**
 * The viewport, device preset, dark mode, style sheet and hidden selectors of a request of this
 * surface (the async body, a bulk's options over its defaults, a schedule's options, a compose
 * capture over its defaults) as CaptureSpec fields. Without a viewport, a device gives its own;
 * without either, 1920x1080 (their default).
 */
export function pageOptionsOf(b: {
  viewport?: { width?: number; height?: number; deviceScaleFactor?: number };
  device?: string | null;
  darkMode?: boolean;
  customCss?: string | null;
  hideSelectors?: string[];
  blockAds?: boolean;
  blockCookieBanners?: boolean;
  blockLevel?: BlockLevel;
}): Pick<
  CaptureSpec,
  'viewport' | 'device' | 'dark_mode' | 'css' | 'hide_selectors' | 'block_ads' | 'block_cookie_banners' | 'block_level'
> {
  const device = b.device ?? undefined;
  const vp = b.viewport ?? {};
  const viewport =
    device && vp.width === undefined && vp.height === undefined
      ? undefined
      : {
          width: vp.width ?? 1920,
          height: vp.height ?? 1080,
          ...(vp.deviceScaleFactor !== undefined || !device ? { device_scale_factor: vp.deviceScaleFactor ?? 1 } : {}),
        };
  return {
    ...(viewport ? { viewport } : {}),
    ...(device ? { device } : {}),
    ...(b.darkMode ? { dark_mode: true } : {}),
    ...(b.customCss ? { css: b.customCss } : {}),
    ...(b.hideSelectors?.length ? { hide_selectors: b.hideSelectors } : {}),
    ...(b.blockAds ? { block_ads: true } : {}),
    ...(b.blockCookieBanners ? { block_cookie_banners: true } : {}),
    ...(b.blockLevel && b.blockLevel !== 'none' ? { block_level: b.blockLevel } : {}),
  };
}
