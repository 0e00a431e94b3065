// Output layouts of docs/interfaces.md#output-layouts: where each image goes under the output directory.
import { PSEUDO_LOCALES, storeLocale } from '../store/locales.js';
import { getPreset } from '../store/presets.js';
import type { OutputLayout } from './types.js';

export interface OutputPathInput {
  locale: string;
  preset: string; // ref, may carry @landscape
  slide: string;
  index: number;
  ext: string;
  /** With `appearances:`: the job's appearance, and whether it is not the store's (not the first listed). */
  appearance?: string;
  alternate?: boolean;
}

const nn = (i: number) => String(i).padStart(2, '0');

/**
 * deliver reads meaning into file names (docs/store-rules.md#deliver-size-to-display-type, fastlane loader.rb and
 * app_screenshot.rb): a `*_framed.png` in a locale folder makes it skip every file whose path lacks
 * "framed" or "watch"; "vision" in the path turns a 3840x2160 image into a Vision Pro one; and
 * "app_ipad_pro_129" sends a 2048x2732 image to the 12.9" 2nd-generation slot. A slide id may
 * contain any of these, so they are defused in the name; the slide stays recognisable.
 */
export function deliverSafeName(stem: string, displayType?: string): string {
  let name = stem.replace(/_framed$/i, '-framed');
  if (displayType === 'APP_APPLE_TV') name = name.replace(/vision/gi, (m) => `${m.slice(0, 3)}-${m.slice(3)}`);
  if (displayType === 'APP_IPAD_PRO_3GEN_129') name = name.replace(/app_ipad_pro_129/gi, 'app-ipad-pro-129');
  return name;
}

/** Relative output path, or undefined when the store does not accept the locale (fastlane layout). */
export function outputPath(layout: OutputLayout, j: OutputPathInput): string | undefined {
  // Each appearance is a tree of its own under its name (docs/design.md#light-and-dark-sets); in the
  // fastlane layout the store's appearance (the first) is the fastlane tree deliver and supply read.
  const top =
    j.appearance && (layout === 'flat' || j.alternate || PSEUDO_LOCALES.includes(j.locale)) ? `${j.appearance}/` : '';
  const rel = storePath(layout, j);
  return rel === undefined ? undefined : `${top}${rel}`;
}

function storePath(layout: OutputLayout, j: OutputPathInput): string | undefined {
  // Pseudo-locales are for review, never for a store: outside the fastlane/ tree even in that layout.
  if (layout === 'flat' || PSEUDO_LOCALES.includes(j.locale))
    return `${j.locale}/${j.preset}/${nn(j.index)}-${j.slide}.${j.ext}`;
  const preset = getPreset(j.preset.split('@')[0]!);
  if (!preset) return undefined;
  const code = storeLocale(preset.store, j.locale);
  if (!code) return undefined;
  if (preset.store === 'appstore') {
    const name = j.preset.replace('@', '-');
    return `fastlane/screenshots/${code}/${deliverSafeName(`${nn(j.index)}_${name}_${j.slide}`, preset.displayType)}.${j.ext}`;
  }
  const base = `fastlane/metadata/android/${code}/images`;
  if (preset.playFolder === 'featureGraphic') return `${base}/featureGraphic.${j.ext}`;
  return `${base}/${preset.playFolder}/${nn(j.index)}_${j.slide}.${j.ext}`;
}
