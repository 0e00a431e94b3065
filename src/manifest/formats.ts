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

export function addManifestFormats(ajv: Ajv): Ajv {
  ajv.addFormat('css-color', { type: 'string', validate: isCssColor });
  ajv.addFormat('text-color', { type: 'string', validate: (s: string) => s === 'auto' || isCssColor(s) });
  ajv.addFormat('device-color', {
    type: 'string',
    validate: (s: string) => FRAME_FINISHES.includes(s) || isCssColor(s),
  });
  return ajv;
}
