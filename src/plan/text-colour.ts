// Text colour `auto`: where a layer above the theme changes the background or the layout (which moves
// the text over another part of the background) but not a text's colour
// (or sets it to auto), the text's colour is chosen at draw time by contrast with what is drawn
// behind it (render/text-colour.ts). This marks those texts in a job's merged style, keeping the
// colour the layers below chose as the one to prefer when it reads.
import type { Style, TextStyle } from '../manifest/types.js';

/** The merged style with `color: auto` (and `auto-prefer`) on each text whose colour is auto. */
export function withAutoTextColours(merged: Style, layers: Array<Style | undefined>): Style {
  let out = merged;
  for (const k of ['headline', 'subtitle'] as const) {
    let colour: string | undefined;
    let auto = false;
    layers.forEach((layer, i) => {
      const c = layer?.[k]?.color;
      if (c === 'auto') auto = true;
      else if (c !== undefined) {
        colour = c;
        auto = false;
      } else if (i > 0 && (layer?.background !== undefined || layer?.layout !== undefined)) auto = true;
    });
    if (!auto) continue;
    const text: TextStyle = { ...out[k], color: 'auto' };
    if (colour !== undefined) text['auto-prefer'] = colour;
    else delete text['auto-prefer'];
    out = { ...out, [k]: text };
  }
  return out;
}
