// The clean status bar (style `status-bar: clean | hide`): the captured status bar of a screenshot
// is replaced, in the screenshot's own pixels, by one drawn by code for its platform (iOS: 9:41,
// full signal, wifi, full battery; Android: the time, wifi, signal and battery; no notifications),
// or painted over (hide). Where the bar is comes from the platform's status-bar height at the
// capture's scale (docs/design.md#status-bar). The layout is pure numbers (tests assert them);
// drawing is the last function.
import type { Style } from '../manifest/types.js';
import type { Size } from '../store/presets.js';
import { contrastRatio } from '../util/contrast.js';
import type { ModelId } from './devices.js';
import { cssFont, familyChain } from './fonts.js';
import type { CanvasModule } from './native.js';
import type { Box } from './types.js';

type Canvas = InstanceType<CanvasModule['Canvas']>;
type Ctx = ReturnType<Canvas['getContext']>;

export type StatusBarMode = NonNullable<Style['status-bar']>;

/**
 * Status-bar heights in points (iOS) or dp (Android) by kind of device, and the width of the
 * screen in those units a capture is scaled from (docs/design.md#status-bar lists the sources).
 */
export const STATUS_BAR = {
  'iphone-island': { height: 54, platform: 'ios' },
  'iphone-notch': { height: 47, platform: 'ios' },
  'iphone-home': { height: 20, platform: 'ios' },
  ipad: { height: 24, platform: 'ios' },
  android: { height: 24, platform: 'android' },
} as const;
type BarKind = keyof typeof STATUS_BAR;

/** Android captures: px per dp from the capture's width (a phone's screen is about 411 dp wide, a tablet's 800). */
const ANDROID_DP_WIDTH = { phone: 411.43, tablet: 800 };

export interface StatusIcon {
  kind: 'signal' | 'wifi' | 'battery';
  box: Box;
}

export interface StatusBarLayout {
  kind: BarKind;
  /** Pixels per point/dp of the capture. */
  scale: number;
  /** The bar, in screenshot pixels: x 0, y 0, the capture's width, the platform's height. */
  bar: Box;
  time: { text: string; x: number; baseline: number; size: number; weight: number; align: 'left' | 'center' | 'right' };
  icons: StatusIcon[];
}

/** Which bar a model's capture has; undefined where the platform shows none (a landscape iPhone, Mac, watch, TV). */
export function barKind(model: ModelId, shot: Size): BarKind | undefined {
  const landscape = shot.width > shot.height;
  switch (model) {
    case 'iphone-island':
    case 'iphone-notch':
    case 'iphone-home':
      return landscape ? undefined : model;
    case 'ipad':
      return 'ipad';
    case 'android-phone':
    case 'android-tablet':
      return 'android';
    default:
      return undefined;
  }
}

/** Pixels per point (iOS: @3x phones from 1080 px wide, else @2x; iPad @2x) or per dp (Android, from the width). */
export function captureScale(kind: BarKind, shot: Size, tablet: boolean): number {
  const short = Math.min(shot.width, shot.height);
  if (kind === 'android')
    return Math.round((short / (tablet ? ANDROID_DP_WIDTH.tablet : ANDROID_DP_WIDTH.phone)) * 100) / 100;
  if (kind === 'ipad') return 2;
  return short >= 1000 ? 3 : 2;
}

/**
 * Where the bar and its items go in a capture of `shot` pixels, for a model; `rtl` mirrors it (iOS
 * and Android both put the time on the right in right-to-left languages).
 */
export function statusBarLayout(model: ModelId, shot: Size, rtl: boolean): StatusBarLayout | undefined {
  const kind = barKind(model, shot);
  if (!kind) return undefined;
  const s = captureScale(kind, shot, model === 'android-tablet');
  const W = shot.width;
  const H = STATUS_BAR[kind].height * s;
  // Items in points/dp from the left edge, then mirrored and scaled.
  const wPt = W / s;
  let time: { cx?: number; left?: number; size: number; weight: number; cy: number };
  let icons: Array<{ kind: StatusIcon['kind']; w: number; h: number }>;
  let iconsRight: number; // right edge of the icon cluster (pt)
  let iconsCentre: number | undefined;
  let gap: number;
  const ios = [
    { kind: 'signal' as const, w: 18, h: 12 },
    { kind: 'wifi' as const, w: 17, h: 12 },
    { kind: 'battery' as const, w: 27, h: 13 },
  ];
  if (kind === 'iphone-island' || kind === 'iphone-notch') {
    // Time and icons centred in the two "ears" beside the island or notch (about 126 pt / 162 pt wide).
    const cut = kind === 'iphone-island' ? 126 : 162;
    const ear = (wPt - cut) / 2;
    const cy = kind === 'iphone-island' ? 29.5 : 25;
    time = { cx: ear / 2 + 4, size: 17, weight: 600, cy };
    icons = ios;
    gap = 6;
    iconsCentre = wPt - ear / 2 - 4;
    iconsRight = 0;
  } else if (kind === 'iphone-home') {
    time = { cx: wPt / 2, size: 12, weight: 600, cy: 10 };
    icons = ios.map((i) => ({ ...i, w: i.w * 0.85, h: i.h * 0.85 }));
    gap = 5;
    iconsRight = wPt - 6;
  } else if (kind === 'ipad') {
    time = { left: 20, size: 13, weight: 600, cy: 12 };
    icons = ios.map((i) => ({ ...i, w: i.w * 0.9, h: i.h * 0.9 }));
    gap = 6;
    iconsRight = wPt - 20;
  } else {
    time = { left: 16, size: 14, weight: 500, cy: 12 };
    icons = [
      { kind: 'wifi', w: 16, h: 13 },
      { kind: 'signal', w: 15, h: 13 },
      { kind: 'battery', w: 8, h: 14 },
    ];
    gap = 5;
    iconsRight = wPt - 16;
  }
  const total = icons.reduce((a, i) => a + i.w, 0) + gap * (icons.length - 1);
  let x = iconsCentre !== undefined ? iconsCentre - total / 2 : iconsRight - total;
  const placed: StatusIcon[] = icons.map((i) => {
    const box = { x, y: time.cy - i.h / 2, width: i.w, height: i.h };
    x += i.w + gap;
    return { kind: i.kind, box };
  });
  const px = (b: Box): Box => {
    const out = { x: b.x * s, y: b.y * s, width: b.width * s, height: b.height * s };
    return rtl ? { ...out, x: W - out.x - out.width } : out;
  };
  let timeX: number;
  let align: 'left' | 'center' | 'right';
  if (time.cx !== undefined) {
    timeX = rtl ? W - time.cx * s : time.cx * s;
    align = 'center';
  } else {
    timeX = rtl ? W - time.left! * s : time.left! * s;
    align = rtl ? 'right' : 'left';
  }
  return {
    kind,
    scale: s,
    bar: { x: 0, y: 0, width: W, height: H },
    time: {
      text: '9:41',
      x: timeX,
      baseline: (time.cy + time.size * 0.36) * s,
      size: time.size * s,
      weight: time.weight,
      align,
    },
    // Icons keep their left-to-right order when mirrored, as the platforms draw them.
    icons: placed.map((i) => ({ ...i, box: px(i.box) })).sort((a, b) => a.box.x - b.box.x),
  };
}

/** The colour to fill the bar with: the capture's most common colour just under the bar (its app's top background). */
function fillColour(ctx: Ctx, W: number, y: number): string {
  const row = ctx.getImageData(0, Math.max(0, Math.floor(y)), W, 1).data;
  const counts = new Map<number, number>();
  for (let i = 0; i < W; i++) {
    const k = (row[i * 4]! << 16) | (row[i * 4 + 1]! << 8) | row[i * 4 + 2]!;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best = 0;
  let n = -1;
  for (const [k, c] of counts)
    if (c > n) {
      best = k;
      n = c;
    }
  return `#${best.toString(16).padStart(6, '0')}`;
}

/** Black or white, whichever reads better on `bg`. */
export function inkOn(bg: string): string {
  return (contrastRatio('#000000', bg) ?? 21) >= (contrastRatio('#ffffff', bg) ?? 1) ? '#000000' : '#ffffff';
}

function drawIcon(ctx: Ctx, icon: StatusIcon, ios: boolean, ink: string): void {
  const { x, y, width: w, height: h } = icon.box;
  ctx.fillStyle = ink;
  ctx.strokeStyle = ink;
  if (icon.kind === 'signal') {
    if (ios) {
      // Four bars of rising height.
      const bw = w / 5.4;
      for (let i = 0; i < 4; i++) {
        const bh = h * (0.4 + 0.2 * i);
        ctx.beginPath();
        ctx.roundRect(x + i * bw * 1.47, y + h - bh, bw, bh, bw * 0.3);
        ctx.fill();
      }
    } else {
      ctx.beginPath();
      ctx.moveTo(x + w, y);
      ctx.lineTo(x + w, y + h);
      ctx.lineTo(x, y + h);
      ctx.closePath();
      ctx.fill();
    }
  } else if (icon.kind === 'wifi') {
    // A quarter-circle fan seen from its tip, point down.
    const cx = x + w / 2;
    const cy = y + h;
    const r = Math.min(h, w / Math.SQRT2);
    if (ios) {
      ctx.lineWidth = r * 0.17;
      ctx.lineCap = 'round';
      for (const f of [0.95, 0.62]) {
        ctx.beginPath();
        ctx.arc(cx, cy, r * f - ctx.lineWidth / 2, -Math.PI * 0.75, -Math.PI * 0.25);
        ctx.stroke();
      }
      ctx.beginPath();
      ctx.moveTo(cx, cy);
      ctx.arc(cx, cy, r * 0.32, -Math.PI * 0.75, -Math.PI * 0.25);
      ctx.closePath();
      ctx.fill();
    } else {
      ctx.beginPath();
      ctx.moveTo(cx, cy);
      ctx.arc(cx, cy, r, -Math.PI * 0.75, -Math.PI * 0.25);
      ctx.closePath();
      ctx.fill();
    }
  } else if (ios) {
    // Battery: outline, full charge inside, the terminal nub on the right.
    const body = w * 0.9;
    const lw = Math.max(1, h * 0.08);
    ctx.globalAlpha = 0.4;
    ctx.lineWidth = lw;
    ctx.beginPath();
    ctx.roundRect(x + lw / 2, y + lw / 2, body - lw, h - lw, h * 0.3);
    ctx.stroke();
    ctx.beginPath();
    ctx.roundRect(x + body + w * 0.02, y + h * 0.32, w * 0.06, h * 0.36, w * 0.03);
    ctx.fill();
    ctx.globalAlpha = 1;
    const inset = lw * 2;
    ctx.beginPath();
    ctx.roundRect(x + inset, y + inset, body - 2 * inset, h - 2 * inset, h * 0.18);
    ctx.fill();
  } else {
    // Android: an upright battery, full.
    ctx.beginPath();
    ctx.roundRect(x + w * 0.3, y, w * 0.4, h * 0.12, w * 0.05);
    ctx.roundRect(x, y + h * 0.1, w, h * 0.9, w * 0.15);
    ctx.fill();
  }
}

/**
 * Cleans or hides the status bar of a decoded screenshot in place (`c` holds the capture at its own
 * size); false, and nothing drawn, where the mode keeps it or the model's capture shows no bar. The
 * caller owns `c`: a cleaned screenshot is kept in the decode cache under its own key, beside no
 * copy of the capture as it was.
 */
export function cleanStatusBar(c: Canvas, size: Size, mode: StatusBarMode, model: ModelId, rtl: boolean): boolean {
  const layout = statusBarLayout(model, size, rtl);
  if (mode === 'keep' || !layout) return false;
  const ctx = c.getContext('2d');
  const bg = fillColour(ctx, size.width, layout.bar.height + layout.scale * 2);
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, size.width, Math.ceil(layout.bar.height));
  if (mode === 'hide') return true;
  const ink = inkOn(bg);
  ctx.font = cssFont(layout.time.weight, layout.time.size, familyChain({ locale: 'en-US', userFonts: [] }));
  ctx.textAlign = layout.time.align;
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = ink;
  ctx.fillText(layout.time.text, layout.time.x, layout.time.baseline);
  for (const icon of layout.icons) drawIcon(ctx, icon, layout.kind !== 'android', ink);
  return true;
}
