// The schema's own formats: colours are checked with a CSS colour parser (color-string), so a
// typo or a 50,000-letter "name" is a manifest error with its position, not a render-time surprise.
import colorString from 'color-string';
import type { Ajv } from 'ajv';

/** Frame finishes the device renderer knows by name (src/render/devices.ts FRAME_COLORS); any CSS colour works too. */
export const FRAME_FINISHES = [
  'black',
  'space-gray',
  'space-black',
  'silver',
  'white',
  'gold',
  'rose-gold',
  'blue',
  'titanium',
  'natural-titanium',
  'desert-titanium',
  'midnight',
  'starlight',
];

export function isCssColor(s: string): boolean {
  return s.length <= 64 && colorString.get(s) !== null;
}

/** The schema's formats, by name (the precompiled validators of the build refer to them here). */
export const MANIFEST_FORMATS = {
  'css-color': { type: 'string', validate: isCssColor },
  'text-color': { type: 'string', validate: (s: string) => s === 'auto' || isCssColor(s) },
  'device-color': { type: 'string', validate: (s: string) => FRAME_FINISHES.includes(s) || isCssColor(s) },
} as const;

export function addManifestFormats(ajv: Ajv): Ajv {
  for (const [name, format] of Object.entries(MANIFEST_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}
