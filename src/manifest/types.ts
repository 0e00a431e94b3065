// The manifest as the schema (schema/screenshots.schema.json) guarantees it after validation.

export type Localized = string | { key: string } | Record<string, string>;

export interface TextStyle {
  color?: string;
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
  screenshot?: string;
  'second-screenshot'?: string;
  'third-screenshot'?: string;
  style?: Style;
  presets?: string[];
  /** Content of slides without a device and social proof (src/plan/content.ts). */
  items?: Array<{ icon?: string; text: Localized }>;
  stats?: Array<{ value: Localized; label?: Localized }>;
  quote?: { text: Localized; source?: Localized };
  rating?: { stars: number; count?: Localized };
  award?: Localized;
  labels?: { before?: Localized; after?: Localized };
}

export interface Manifest {
  version: 1;
  app?: { name?: string; tagline?: Localized; icon?: string; 'bundle-id'?: string; package?: string };
  locales: string[];
  presets: Array<string | PresetEntry>;
  theme?: string;
  style?: Style;
  'locale-style'?: Record<string, Style>;
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
