// Output layouts of SPEC §4: where each image goes under the output directory.
import { PSEUDO_LOCALES, storeLocale } from '../store/locales.js';
import { getPreset } from '../store/presets.js';
import type { OutputLayout } from './types.js';

export interface LayoutInput {
  locale: string;
  preset: string; // ref, may carry @landscape
  slide: string;
  index: number;
  ext: string;
}

const nn = (i: number) => String(i).padStart(2, '0');

/** Relative output path, or undefined when the store does not accept the locale (fastlane layout). */
export function outputPath(layout: OutputLayout, j: LayoutInput): string | undefined {
  // Pseudo-locales are for review, never for a store: outside the fastlane/ tree even in that layout.
  if (layout === 'flat' || PSEUDO_LOCALES.includes(j.locale)) return `${j.locale}/${j.preset}/${nn(j.index)}-${j.slide}.${j.ext}`;
  const preset = getPreset(j.preset.split('@')[0]!);
  if (!preset) return undefined;
  const code = storeLocale(preset.store, j.locale);
  if (!code) return undefined;
  if (preset.store === 'appstore') {
    const name = j.preset.replace('@', '-');
    return `fastlane/screenshots/${code}/${nn(j.index)}_${name}_${j.slide}.${j.ext}`;
  }
  const base = `fastlane/metadata/android/${code}/images`;
  if (preset.playFolder === 'featureGraphic') return `${base}/featureGraphic.${j.ext}`;
  return `${base}/${preset.playFolder}/${nn(j.index)}_${j.slide}.${j.ext}`;
}
