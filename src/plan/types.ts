// The plan: plain data, one job per (locale, preset, slide) with every input resolved.
// Renderers, the remote client, the cache, the shard splitter and lint all read this.
import type { DeviceFamily, Size, Store } from '../store/presets.js';
import type { Appearance, Callout, ManifestCapture, Position, Style } from '../manifest/types.js';

export type TextOrigin = 'inline' | 'strings' | 'fallback' | 'pseudo';

export interface ResolvedText {
  text: string;
  /** Where the text came from; `fallback` means the job's locale had none. */
  origin: TextOrigin;
  /** The strings key, when looked up. */
  key?: string;
  /** The locale whose text was used (differs from the job's for `fallback`). */
  locale: string;
  /**
   * The job's own locale has this text, but it is the same as the fallback locale's: possibly
   * untranslated (lint's text.untranslated). Never set for the fallback locale itself, for a
   * plain string meant for every locale, or for keys marked not to be translated.
   */
  sameAsFallback?: boolean;
  /** The strings file marks the key as not to be translated (Android translatable="false", xcstrings shouldTranslate: false). */
  fixed?: boolean;
  /** Where the text was read: the strings file and line for `strings`/`fallback` texts from strings files. */
  source?: Position;
}

/** A slide's content beyond headline and subtitle, each text resolved like a headline. */
export interface SlideContent {
  items?: Array<{ icon?: string; text: ResolvedText }>;
  stats?: Array<{ value: ResolvedText; label?: ResolvedText }>;
  quote?: { text: ResolvedText; source?: ResolvedText };
  rating?: { stars: number; count?: ResolvedText };
  award?: ResolvedText;
  labels?: { before?: ResolvedText; after?: ResolvedText };
}

export type OutputFormat = 'png' | 'jpeg';
export type OutputLayout = 'flat' | 'fastlane';

export interface Job {
  /** `<locale>/<preset>/<slide>`: unique in a plan. */
  id: string;
  /** `<locale>/<preset>` (`<locale>/<preset>/<appearance>` with appearances): the set this image belongs to (type size is locked per set). */
  set: string;
  locale: string;
  /** With `appearances:`: this job's appearance, and whether it is the store's (the first listed). */
  appearance?: Appearance;
  alternate?: boolean;
  rtl: boolean;
  /** Preset reference as written, e.g. `appstore.ipad_13@landscape`. */
  preset: string;
  presetId: string;
  store: Store;
  device: DeviceFamily;
  landscape: boolean;
  size: Size;
  slide: string;
  /** 1-based position of the slide in its set. */
  index: number;
  /** Number of slides in the set (for panoramic backgrounds). */
  count: number;
  headline?: ResolvedText;
  subtitle?: ResolvedText;
  /** The app's name (the feature graphic shows it). */
  appName?: string;
  /** Theme tokens merged with manifest, locale, slide and preset style. */
  style: Style;
  theme: string;
  /** Absolute path of the raw screenshot; absent for slides without one (e.g. a feature graphic). */
  screenshot?: string;
  secondScreenshot?: string;
  /** Regions of the screenshot magnified over the slide (render/callout.ts), in screenshot pixels. */
  callouts?: Callout[];
  /** A web page to capture into `screenshot` before rendering, and the manifest field that asked for it. */
  capture?: { spec: ManifestCapture; field: string };
  /** The third phone of layout fan. */
  thirdScreenshot?: string;
  /** Texts of slides without a device and of social proof, resolved per locale (content.ts). */
  content?: SlideContent;
  /** Absolute paths of extra font files from the manifest. */
  fonts: string[];
  /** Folder that relative paths inside `style` (background image, font, frame PNG) resolve against. */
  baseDir: string;
  output: {
    path: string;
    format: OutputFormat;
    quality: number;
    compression?: 'fast';
    /** A marketing asset, not a store screenshot: corners cut round at this radius (px), transparent outside (PNG with alpha). */
    rounded?: number;
  };
  /** Where this slide and preset are written in the manifest, for messages and annotations. */
  source: { slide: Position; preset: Position };
}

export interface Plan {
  manifestFile: string;
  app: { name?: string };
  locales: string[];
  presets: string[];
  /** The manifest's appearances, the store's first (empty without `appearances:`). */
  appearances?: string[];
  fallbackLocale?: string;
  layout: OutputLayout;
  outDir: string;
  /** Every job of the manifest, in a deterministic order (locale, preset, slide). */
  all: Job[];
  /** The jobs selected by filters and shard (a subset of `all`, same order). */
  jobs: Job[];
}
