// The manifest as the schema (schema/screenshots.schema.json) guarantees it after validation.

export type Localized = string | { key: string } | Record<string, string>;

export interface TextStyle {
  /** A CSS colour or `auto` (draw.ts picks by contrast, text-colour.ts). */
  color?: string;
  /** Set by the plan, never written: with color auto, the colour the layers below chose (kept when it reads). */
  'auto-prefer'?: string;
  accent?: string;
  font?: string;
  weight?: number;
  size?: number;
  'min-size'?: number;
  'line-height'?: number;
  'letter-spacing'?: number;
  align?: 'start' | 'center' | 'end' | 'left' | 'right';
  'max-lines'?: number;
  uppercase?: boolean;
  shadow?: boolean;
}

/** How a slide arranges text and devices (style.layout). */
export type LayoutKind =
  | 'text-top'
  | 'text-bottom'
  | 'device-only'
  | 'full-bleed'
  | 'two-devices'
  | 'text-left'
  | 'text-right'
  | 'feature'
  // Several devices (src/render/multi-device.ts) and slides without a device (src/render/slides.ts).
  | 'fan'
  | 'phone-tablet'
  | 'feature-list'
  | 'stats'
  | 'before-after'
  | 'quote';

export interface Style {
  layout?: LayoutKind;
  background?: {
    color?: string;
    gradient?: string[];
    type?: 'linear' | 'radial' | 'mesh';
    angle?: number;
    image?: string;
    fit?: 'cover' | 'contain';
    blur?: number;
    tint?: string;
    panoramic?: boolean;
  };
  headline?: TextStyle;
  subtitle?: TextStyle;
  device?: {
    frame?: string;
    color?: string;
    fit?: 'crop' | 'letterbox';
    tilt?: number;
    scale?: number;
    'offset-y'?: number;
    /** Horizontal shift as a fraction of the width; with a panoramic background a device may straddle a seam. */
    'offset-x'?: number;
    shadow?: boolean;
    /** The device runs off this edge of the canvas (src/render/multi-device.ts). */
    bleed?: 'none' | 'top' | 'bottom';
    /** Every device of the set leans this way (set it in the manifest's style); mirrored in RTL. */
    'tilt-direction'?: 'left' | 'right';
  };
  padding?: number;
  'lock-type-size'?: boolean;
  /** The light and dark text colours `auto` chooses between. */
  'text-colors'?: { light?: string; dark?: string };
  /** The screenshot's status bar: as captured, drawn clean, or painted over (statusbar.ts). */
  'status-bar'?: 'keep' | 'clean' | 'hide';
}

/** A region of the screenshot (screenshot pixels) magnified over the slide (render/callout.ts). */
export interface Callout {
  x: number;
  y: number;
  width: number;
  height: number;
  scale?: number;
  position?: 'end' | 'start' | 'left' | 'right' | 'over';
  shape?: 'bubble' | 'card';
  connector?: boolean;
  shadow?: boolean;
  /** Only on the screenshots of these device families (each family's screenshots differ). */
  devices?: string[];
  /** Only in these locales (each locale's screenshots may place things differently). */
  locales?: string[];
}

export interface PresetEntry {
  id: string;
  size?: string;
  style?: Style;
}

export interface SlideEntry {
  id: string;
  headline?: Localized;
  subtitle?: Localized;
  /** A path pattern, or a web page to capture (docs/interfaces.md#web-capture-in-the-manifest). */
  screenshot?: string | { capture: ManifestCapture };
  'second-screenshot'?: string;
  'third-screenshot'?: string;
  style?: Style;
  presets?: string[];
  callout?: Callout;
  callouts?: Callout[];
  /** Content of slides without a device and social proof (src/plan/content.ts). */
  items?: Array<{ icon?: string; text: Localized }>;
  stats?: Array<{ value: Localized; label?: Localized }>;
  quote?: { text: Localized; source?: Localized };
  rating?: { stars: number; count?: Localized };
  award?: Localized;
  labels?: { before?: Localized; after?: Localized };
}

/** A light or dark set (manifest `appearances:`). */
export type Appearance = 'light' | 'dark';

export interface Manifest {
  version: 1;
  app?: { name?: string; tagline?: Localized; icon?: string; 'bundle-id'?: string; package?: string };
  locales: string[];
  presets: Array<string | PresetEntry>;
  theme?: string;
  style?: Style;
  'locale-style'?: Record<string, Style>;
  appearances?: Appearance[];
  'appearance-style'?: Partial<Record<Appearance, Style>>;
  fonts?: string[];
  screenshots?: string;
  slides: SlideEntry[];
  'feature-graphic'?: { headline?: Localized; subtitle?: Localized; screenshot?: string; style?: Style };
  strings?: string[];
  'fallback-locale'?: string;
  output?: {
    dir?: string;
    format?: 'png' | 'jpeg';
    quality?: number;
    /** PNG: 'fast' trades about 13% larger files for about half the encoding time (encode.ts). */
    compression?: 'default' | 'fast';
    layout?: 'flat' | 'fastlane';
  };
}

/** A place in the manifest file, 1-based (util/position.ts, where util/errors.ts reads it too). */
export type { Position } from '../util/position.js';

/** A web page as a slide's screenshot (schema definitions.capture). */
export interface ManifestCapture {
  url: string;
  /** One of viewport or device is needed (the schema's anyOf). */
  viewport?: { width: number; height: number; device_scale_factor?: number };
  /** A device preset of Playwright's table (docs/render-api.md#page-options). */
  device?: string;
  dark_mode?: boolean;
  css?: string;
  hide_selectors?: string[];
  /** Ads and cookie banners blocked (docs/render-api.md#ad-and-cookie-banner-blocking). */
  block_ads?: boolean;
  block_cookie_banners?: boolean;
  full_page?: boolean;
  wait_until?: 'load' | 'domcontentloaded' | 'networkidle';
  wait_for?: string;
  delay?: number;
  /** A CSS selector: the screenshot is that element's box, not the viewport. */
  selector?: string;
  /** A rectangle of the page (CSS pixels): the screenshot is only that. */
  clip?: { x: number; y: number; width: number; height: number };
}
