// Device frames drawn by code (no third-party art, any resolution; a new device is a data change).
// Geometry is in units of the screen's width, portrait; the renderer scales and rotates it.
import type { DeviceFamily } from '../store/presets.js';
import type { Box } from './types.js';

export type ModelId =
  | 'iphone-island'
  | 'iphone-notch'
  | 'iphone-home'
  | 'ipad'
  | 'android-phone'
  | 'android-tablet'
  | 'mac'
  | 'watch'
  | 'watch-round'
  | 'tv'
  | 'none';

export interface DeviceModel {
  id: ModelId;
  /** Screen width / height in the device's natural orientation. */
  screenAspect: number;
  /** Bezel around the screen: top, right, bottom, left (screen widths). */
  bezel: [number, number, number, number];
  screenRadius: number;
  bodyRadius: number;
  /** Width of the metal rim drawn in the frame colour (screen widths). */
  rim: number;
  island?: { w: number; h: number; top: number };
  notch?: { w: number; h: number };
  punchHole?: { d: number; top: number };
  homeButton?: { d: number };
  camera?: { d: number };
  /** Side buttons: side, offset from the top and length (screen widths). */
  buttons?: Array<{ side: 'left' | 'right'; at: number; len: number }>;
  /** Laptop base under the lid, or a stand under a TV (screen widths). */
  base?: { w: number; h: number };
  stand?: { w: number; h: number };
  crown?: boolean;
  /** The screen is round (Wear OS). */
  round?: boolean;
  /** The device rotates with a landscape canvas (phones, tablets); Mac and TV are landscape already. */
  rotates: boolean;
}

const m = (d: DeviceModel) => d;

export const MODELS: Record<ModelId, DeviceModel> = {
  'iphone-island': m({
    id: 'iphone-island',
    screenAspect: 1320 / 2868,
    bezel: [0.04, 0.04, 0.04, 0.04],
    screenRadius: 0.135,
    bodyRadius: 0.175,
    rim: 0.012,
    island: { w: 0.27, h: 0.078, top: 0.032 },
    rotates: true,
    buttons: [
      { side: 'left', at: 0.32, len: 0.1 },
      { side: 'left', at: 0.5, len: 0.16 },
      { side: 'left', at: 0.72, len: 0.16 },
      { side: 'right', at: 0.6, len: 0.26 },
    ],
  }),
  'iphone-notch': m({
    id: 'iphone-notch',
    screenAspect: 1284 / 2778,
    bezel: [0.045, 0.045, 0.045, 0.045],
    screenRadius: 0.12,
    bodyRadius: 0.165,
    rim: 0.012,
    notch: { w: 0.48, h: 0.068 },
    rotates: true,
    buttons: [
      { side: 'left', at: 0.3, len: 0.08 },
      { side: 'left', at: 0.46, len: 0.16 },
      { side: 'left', at: 0.68, len: 0.16 },
      { side: 'right', at: 0.55, len: 0.26 },
    ],
  }),
  'iphone-home': m({
    id: 'iphone-home',
    screenAspect: 1242 / 2208,
    bezel: [0.23, 0.06, 0.23, 0.06],
    screenRadius: 0.005,
    bodyRadius: 0.17,
    rim: 0.01,
    homeButton: { d: 0.15 },
    camera: { d: 0.025 },
    rotates: true,
    buttons: [
      { side: 'left', at: 0.2, len: 0.07 },
      { side: 'left', at: 0.4, len: 0.12 },
      { side: 'left', at: 0.58, len: 0.12 },
      { side: 'right', at: 0.4, len: 0.14 },
    ],
  }),
  ipad: m({
    id: 'ipad',
    screenAspect: 2064 / 2752,
    bezel: [0.038, 0.038, 0.038, 0.038],
    screenRadius: 0.028,
    bodyRadius: 0.062,
    rim: 0.008,
    camera: { d: 0.012 },
    rotates: true,
    buttons: [
      { side: 'right', at: 0.04, len: 0.07 },
      { side: 'right', at: 0.14, len: 0.07 },
    ],
  }),
  'android-phone': m({
    id: 'android-phone',
    screenAspect: 1080 / 2400,
    bezel: [0.032, 0.032, 0.032, 0.032],
    screenRadius: 0.09,
    bodyRadius: 0.12,
    rim: 0.01,
    punchHole: { d: 0.038, top: 0.032 },
    rotates: true,
    buttons: [
      { side: 'right', at: 0.32, len: 0.26 },
      { side: 'right', at: 0.66, len: 0.14 },
    ],
  }),
  'android-tablet': m({
    id: 'android-tablet',
    screenAspect: 1600 / 2560,
    bezel: [0.05, 0.05, 0.05, 0.05],
    screenRadius: 0.03,
    bodyRadius: 0.075,
    rim: 0.008,
    camera: { d: 0.014 },
    rotates: true,
    buttons: [{ side: 'right', at: 0.12, len: 0.12 }],
  }),
  mac: m({
    id: 'mac',
    screenAspect: 1.6,
    bezel: [0.035, 0.022, 0.045, 0.022],
    screenRadius: 0.008,
    bodyRadius: 0.03,
    rim: 0.004,
    camera: { d: 0.007 },
    base: { w: 1.2, h: 0.034 },
    rotates: false,
  }),
  watch: m({
    id: 'watch',
    screenAspect: 422 / 514,
    bezel: [0.1, 0.1, 0.1, 0.1],
    screenRadius: 0.22,
    bodyRadius: 0.32,
    rim: 0.035,
    crown: true,
    rotates: false,
  }),
  'watch-round': m({
    id: 'watch-round',
    screenAspect: 1,
    bezel: [0.1, 0.1, 0.1, 0.1],
    screenRadius: 0.5,
    bodyRadius: 0.6,
    rim: 0.05,
    crown: true,
    round: true,
    rotates: false,
  }),
  tv: m({
    id: 'tv',
    screenAspect: 16 / 9,
    bezel: [0.012, 0.012, 0.03, 0.012],
    screenRadius: 0.002,
    bodyRadius: 0.006,
    rim: 0.003,
    stand: { w: 0.3, h: 0.07 },
    rotates: false,
  }),
  none: m({
    id: 'none',
    screenAspect: 0,
    bezel: [0, 0, 0, 0],
    screenRadius: 0.035,
    bodyRadius: 0.035,
    rim: 0,
    rotates: false,
  }),
};

export const MODEL_IDS = Object.keys(MODELS) as ModelId[];

/** `frame: auto`: the model that matches the preset's device (and slot, for older iPhones). */
export function autoModel(device: DeviceFamily, presetId: string): ModelId {
  switch (device) {
    case 'iphone':
      if (presetId === 'appstore.iphone_5_5') return 'iphone-home';
      if (presetId === 'appstore.iphone_6_5' || presetId === 'appstore.iphone_6_1') return 'iphone-notch';
      return 'iphone-island';
    case 'ipad':
      return 'ipad';
    case 'android-phone':
      return 'android-phone';
    case 'android-tablet':
      return 'android-tablet';
    case 'mac':
      return 'mac';
    case 'watch':
      return presetId === 'play.wear' ? 'watch-round' : 'watch';
    case 'tv':
      return 'tv';
    default:
      return 'none';
  }
}

export interface Geometry {
  /** Outer size, and the screen's box inside it, in screen widths (after rotation). */
  outerW: number;
  outerH: number;
  screen: Box;
}

/** Geometry of a model; `aspect` overrides the screen aspect (frame none takes the screenshot's). */
export function geometry(model: DeviceModel, landscape: boolean, aspect = model.screenAspect): Geometry {
  const [t, r, b, l] = model.bezel;
  const sh = 1 / aspect;
  let outerW = 1 + l + r;
  let outerH = sh + t + b;
  let sx = l;
  const sy = t;
  if (model.base) {
    // The base is wider than the lid and sits under it.
    const extra = (model.base.w - outerW) / 2;
    if (extra > 0) {
      sx += extra;
      outerW = model.base.w;
    }
    outerH += model.base.h;
  }
  if (model.stand) outerH += model.stand.h;
  const g: Geometry = { outerW, outerH, screen: { x: sx, y: sy, width: 1, height: sh } };
  if (!(landscape && model.rotates)) return g;
  // Rotated a quarter turn anticlockwise: the top bezel becomes the left one.
  return { outerW: outerH, outerH: outerW, screen: { x: sy, y: outerW - sx - 1, width: sh, height: 1 } };
}

/** Named frame colours: body (rim) colour. Anything else is taken as a CSS colour. */
export const FRAME_COLORS: Record<string, string> = {
  black: '#1d1d1f',
  'space-gray': '#4b4d52',
  'space-black': '#2b2b2d',
  silver: '#d4d6d9',
  white: '#eceef0',
  gold: '#e0cfb1',
  'rose-gold': '#e8c4b8',
  blue: '#3d4b63',
  titanium: '#8a8680',
  'natural-titanium': '#a8a49d',
  'desert-titanium': '#bfa48c',
  midnight: '#232a35',
  starlight: '#e8e2d6',
};
