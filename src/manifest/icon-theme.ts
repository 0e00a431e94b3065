// `theme: from-icon`: background, accent and text colours picked from the app icon (app.icon, a
// PNG). The icon is decoded by pngjs (pure JS and synchronous, so validate needs no native code)
// and its colours reduced by MMCQ (@lokesh.dhakar/quantize, the median cut Color Thief uses); the
// roles are chosen here so the text reads at 4.5:1 or better on every stop of the background.
import { readFileSync } from 'node:fs';
import quantize from '@lokesh.dhakar/quantize';
import { PNG } from 'pngjs';
import { contrastRatio } from '../util/contrast.js';
import { UserError, errorMessage } from '../util/errors.js';
import type { Theme } from './theme.js';

type Rgb = [number, number, number];

export const FROM_ICON = 'from-icon';
const LIGHT = '#ffffff';
const DARK = '#111827';
/** Text must read at this contrast on both ends of the background (WCAG 2.1 AA body text). */
export const ICON_TEXT_RATIO = 4.5;

const hex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

function toHsl([r, g, b]: Rgb): [number, number, number] {
  const R = r / 255;
  const G = g / 255;
  const B = b / 255;
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === R ? (G - B) / d + (G < B ? 6 : 0) : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
  return [h * 60, s, l];
}

function fromHsl(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

/** The icon's colours with their share of its opaque pixels, most common first. */
export function iconPalette(file: string): Array<{ color: Rgb; share: number }> {
  let png: PNG;
  try {
    png = PNG.sync.read(readFileSync(file));
  } catch (e) {
    throw new UserError(`theme from-icon: cannot read app.icon ${file} as a PNG (${errorMessage(e)})`);
  }
  const { width, height, data } = png;
  // About 20,000 samples on a regular grid: enough for a palette, fast for a 1024 px icon.
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / 20000)));
  const pixels: Rgb[] = [];
  for (let y = 0; y < height; y += step)
    for (let x = 0; x < width; x += step) {
      const i = (y * width + x) * 4;
      if (data[i + 3]! >= 128) pixels.push([data[i]!, data[i + 1]!, data[i + 2]!]);
    }
  if (pixels.length === 0) throw new UserError(`theme from-icon: app.icon ${file} has no opaque pixels`);
  // MMCQ needs two colours at least; a one-colour icon is its own palette.
  const map = new Set(pixels.map((p) => p.join(','))).size < 2 ? false : quantize(pixels, 6);
  if (!map) return [{ color: pixels[0]!, share: 1 }];
  // Each sample counted for the palette colour nearest to it: the colours' shares of the icon.
  const counts = new Map<string, { color: Rgb; n: number }>();
  for (const p of pixels) {
    const c = map.map(p);
    const k = c.join(',');
    const e = counts.get(k) ?? { color: c, n: 0 };
    e.n++;
    counts.set(k, e);
  }
  return [...counts.values()]
    .map((e) => ({ color: e.color, share: e.n / pixels.length }))
    .sort((a, b) => b.share - a.share || a.color.join(',').localeCompare(b.color.join(',')));
}

const ratio = (a: string, b: string) => contrastRatio(a, b) ?? 1;

/**
 * The theme's colours from a palette: the most common colour as the background (a gradient to a
 * deeper shade of it), the text white or near-black, whichever reads better, with the background
 * moved in lightness until the text reads at ICON_TEXT_RATIO on both ends; the most saturated other
 * colour that stands out from the background (3:1) as the accent, else the text colour.
 */
export function iconColours(palette: Array<{ color: Rgb; share: number }>): {
  background: [string, string];
  text: string;
  subtitle: string;
  accent: string;
} {
  const [h, s, l0] = toHsl(palette[0]!.color);
  const textIsLight = ratio(LIGHT, hex(palette[0]!.color)) >= ratio(DARK, hex(palette[0]!.color));
  const text = textIsLight ? LIGHT : DARK;
  // Light text: the gradient deepens; dark text: it lightens. Walk lightness until both stops read.
  const dir = textIsLight ? -1 : 1;
  let l = l0;
  let stops: [string, string] = [hex(fromHsl(h, s, l)), hex(fromHsl(h, s, Math.max(0, Math.min(1, l + dir * 0.12))))];
  for (let i = 0; i < 100 && Math.min(ratio(text, stops[0]), ratio(text, stops[1])) < ICON_TEXT_RATIO; i++) {
    l = Math.max(0, Math.min(1, l + dir * 0.01));
    stops = [hex(fromHsl(h, s, l)), hex(fromHsl(h, s, Math.max(0, Math.min(1, l + dir * 0.12))))];
  }
  const worst = (c: string) => Math.min(ratio(c, stops[0]), ratio(c, stops[1]));
  // Accent candidates: the icon's other colourful colours (a hue 20 degrees or more from the
  // background's), each moved in lightness towards the text until it stands out at 3:1.
  const hueGap = (a: number) => Math.min(Math.abs(a - h), 360 - Math.abs(a - h));
  const candidates = palette
    .slice(1)
    .map((p) => toHsl(p.color))
    .filter(([ph, ps]) => ps >= 0.25 && (s < 0.15 || hueGap(ph) >= 20))
    .map(([ph, ps, pl]) => {
      let c = hex(fromHsl(ph, ps, pl));
      for (let i = 0; i < 100 && worst(c) < 3; i++) {
        pl = Math.max(0, Math.min(1, pl - dir * 0.01));
        c = hex(fromHsl(ph, ps, pl));
      }
      return { c, sat: ps };
    })
    .filter((p) => worst(p.c) >= 3)
    .sort((a, b) => b.sat - a.sat);
  const accent = candidates[0]?.c ?? text;
  // The subtitle: the text colour a fifth of the way to the background, if it still reads.
  const mix = (a: string, b: string, t: number) => {
    const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
    const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
    return hex(pa.map((v, i) => v + (pb[i]! - v) * t) as Rgb);
  };
  const soft = mix(text, stops[0], 0.2);
  return { background: stops, text, subtitle: worst(soft) >= ICON_TEXT_RATIO ? soft : text, accent };
}

/** The from-icon theme: aurora's type and layout with the icon's colours. */
export function iconTheme(file: string, base: Theme): Theme {
  const c = iconColours(iconPalette(file));
  return {
    name: FROM_ICON,
    description: 'Colours picked from the app icon (background, accent, text at 4.5:1 or better).',
    style: {
      ...base.style,
      background: { type: 'linear', gradient: c.background, angle: 180 },
      headline: { ...base.style.headline, color: c.text, accent: c.accent },
      subtitle: { ...base.style.subtitle, color: c.subtitle },
      'text-colors': { light: LIGHT, dark: DARK },
    },
  };
}
