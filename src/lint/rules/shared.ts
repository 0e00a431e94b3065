// What every rule module shares: the rule record's shape, and helpers for messages and checks.
import { APPSTORE, DELIVER_DISPLAY_TYPES, deliverDisplayType } from '../../store/facts.js';
import { PRESETS, type Preset, type Store } from '../../store/presets.js';
import type { SourceId } from '../../store/sources.js';
import type { Job, Plan } from '../../plan/types.js';
import type { Severity } from '../../report/types.js';
import type { TextLayoutInfo } from '../../render/types.js';
import type { ImageFacts } from '../header.js';
import type { Hit, ImageSet, LintImage, RunContext } from '../model.js';

export type ReadImage = LintImage & { facts: ImageFacts };

export interface RuleBase {
  id: string;
  severity: Severity;
  /** What the rule checks, in one sentence (listed in docs/lint.md). */
  description: string;
  /** The page the rule comes from; per store where the two stores state it on different pages. */
  source: SourceId | Record<Store, SourceId>;
  /** Which parts rest on UNCONFIRMED facts (those hits are warnings). */
  unconfirmed?: string;
}

export type Rule = RuleBase &
  (
    | { scope: 'image'; stores: Store[]; check: (img: ReadImage) => Hit[] }
    | { scope: 'unreadable'; check: (img: LintImage) => Hit[] }
    | { scope: 'text'; check: (img: LintImage, t: TextLayoutInfo) => Hit[] }
    | { scope: 'job'; check: (job: Job, plan: Plan) => Hit[] }
    | { scope: 'set'; stores: Store[]; check: (set: ImageSet) => Hit[] }
    | { scope: 'run'; check: (run: RunContext) => Hit[] }
  );

/** Readability floor for rendered text: a share of the image's shorter side (1320 px wide -> 33 px). */
export const TEXT_MIN_READABLE = 0.025;
/** WCAG 2.1 AA (1.4.3): 4.5:1 for body text, 3:1 for large text; headlines are set large. */
export const WCAG_AA = { normal: 4.5, large: 3 };

export const sz = (w: number, h: number) => `${w}x${h}`;
export const where = (img: LintImage): Pick<Hit, 'path' | 'locale' | 'preset' | 'slide'> => ({
  path: img.path,
  locale: img.locale,
  preset: img.presetRef,
  slide: img.slide,
});
export const hit = (img: LintImage, message: string, severity?: Severity): Hit => ({
  ...where(img),
  message,
  severity,
});
export const ACCEPTED_EXT: readonly string[] = APPSTORE.extensions;
export const FORMAT_NAME: Record<string, string> = {
  png: 'PNG',
  jpeg: 'JPEG',
  gif: 'GIF',
  webp: 'WebP',
  heif: 'HEIF/HEIC',
  avif: 'AVIF',
  bmp: 'BMP',
  tiff: 'TIFF',
};
export const extFormat = (ext: string) =>
  ext === 'jpg' || ext === 'jpeg' ? 'jpeg' : ext === 'png' ? 'png' : undefined;
export const guessNote = (img: LintImage) =>
  img.storeGuessed
    ? ` (taken as ${img.store === 'appstore' ? 'an App Store' : 'a Google Play'} image from its size; pass --store to say which)`
    : '';

/** Display types by name for messages: `APP_IPHONE_67` -> `iPhone 6.9" (Dynamic Island, large)`. */
export function displayTypeLabel(dt: string): string {
  const p = PRESETS.find((x) => x.displayType === dt);
  return p ? `${p.label} (${dt})` : dt;
}

/** The accepted App Store size closest to w x h, for "did you mean" in messages, with the slot deliver files that size in (2048x2732: the 13", not the 12.9" 2nd generation). */
export function nearestAppStoreSize(w: number, h: number): { size: string; type: string } | undefined {
  let best: { size: string; type: string; d: number } | undefined;
  for (const [type, sizes] of Object.entries(DELIVER_DISPLAY_TYPES)) {
    for (const [sw, sh] of sizes) {
      const d = Math.abs(sw - w) + Math.abs(sh - h);
      if (!best || d < best.d) best = { size: sz(sw, sh), type: deliverDisplayType(sw, sh) ?? type, d };
    }
  }
  // Within about 1%: a pixel or two off is a mistake worth naming; 1080x2400 is an Android size, not a wrong iPhone one.
  return best && best.d <= Math.max(w, h) * 0.01 ? best : undefined;
}

// Only PNG and JPEG headers are parsed for their size; the format rules report the others.
export const sized = (img: ReadImage) => img.facts.width > 0 && img.facts.height > 0;
export const isPlayScreenshot = (img: ReadImage) =>
  sized(img) && img.store === 'play' && (img.playKind ?? 'screenshot') === 'screenshot';
export const isTablet = (p?: Preset) =>
  p?.playFolder === 'sevenInchScreenshots' || p?.playFolder === 'tenInchScreenshots';
export const isWear = (p?: Preset) => p?.playFolder === 'wearScreenshots';

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
