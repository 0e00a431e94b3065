// Resolving text colour `auto` (plan/text-colour.ts marks it) against what is drawn behind the text.
import type { Style, TextStyle } from '../manifest/types.js';
import { contrastRatio } from '../util/contrast.js';

/** Contrast the preferred colour must reach to be kept (WCAG 2.1 AA for body text). */
export const AUTO_KEEP_RATIO = 4.5;
export const DEFAULT_TEXT_COLOURS = { light: '#ffffff', dark: '#111827' };

/**
 * The colour of a text whose colour is auto, on `background` (#rrggbb): the preferred colour when it
 * reads at AUTO_KEEP_RATIO or better, else the light or the dark text colour, whichever contrasts
 * more. `hex` turns a CSS colour into #rrggbb (the canvas's parser).
 */
export function autoColour(text: TextStyle, style: Style, background: string, hex: (css: string) => string): string {
  const prefer = text['auto-prefer'];
  if (prefer !== undefined && (contrastRatio(hex(prefer), background) ?? 0) >= AUTO_KEEP_RATIO) return prefer;
  const light = style['text-colors']?.light ?? DEFAULT_TEXT_COLOURS.light;
  const dark = style['text-colors']?.dark ?? DEFAULT_TEXT_COLOURS.dark;
  const l = contrastRatio(hex(light), background) ?? 0;
  const d = contrastRatio(hex(dark), background) ?? 0;
  return l >= d ? light : dark;
}
