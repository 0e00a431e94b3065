// Drawing a device: body, rim and buttons in the frame colour, black glass, the screenshot in
// the screen, then what sits on the glass (Dynamic Island, notch, punch-hole, home button).
import type { Box } from './types.js';
import { FRAME_COLORS, geometry, MODELS, type DeviceModel } from './devices.js';
import type { DevicePlacement } from './layout.js';
import { canvas, type CanvasModule } from './native.js';

type Ctx = ReturnType<InstanceType<CanvasModule['Canvas']>['getContext']>;
type Drawable = InstanceType<CanvasModule['Canvas']>;

export function roundRect(ctx: Ctx, x: number, y: number, w: number, h: number, r: number): void {
  const rr = Math.max(0, Math.min(r, w / 2, h / 2));
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, rr);
  ctx.closePath();
}

function shade(hex: string, amount: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1]!, 16);
  const ch = (v: number) =>
    Math.max(0, Math.min(255, Math.round(amount >= 0 ? v + (255 - v) * amount : v * (1 + amount))));
  const r = ch((n >> 16) & 255);
  const g = ch((n >> 8) & 255);
  const b = ch(n & 255);
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, '0')}`;
}

function normalize(ctx: Ctx, color: string): string {
  const key = color.toLowerCase().replace(/\s+/g, '-');
  ctx.save();
  ctx.fillStyle = '#000000';
  ctx.fillStyle = FRAME_COLORS[key] ?? color;
  const out = String(ctx.fillStyle);
  ctx.restore();
  return out;
}

/** A screenshot at its own resolution, and how it fills the screen: cover crops it, contain letterboxes it. */
export interface ScreenShot {
  image: Drawable;
  width: number;
  height: number;
  fit: 'cover' | 'contain';
}

/** Screen content: the screenshot scaled into the screen (one resampling, by Skia), clipped to the glass. */
function drawScreen(ctx: Ctx, p: DevicePlacement, spec: DeviceModel, shot: ScreenShot | undefined): void {
  const s = p.screen;
  ctx.save();
  if (spec.round) {
    ctx.beginPath();
    ctx.ellipse(s.x + s.width / 2, s.y + s.height / 2, s.width / 2, s.height / 2, 0, 0, Math.PI * 2);
  } else roundRect(ctx, s.x, s.y, s.width, s.height, p.screenRadius);
  ctx.clip();
  ctx.fillStyle = '#000000';
  ctx.fillRect(s.x, s.y, s.width, s.height);
  if (shot) {
    const { width: w, height: h } = shot;
    if (shot.fit === 'cover') {
      // The centred part of the screenshot with the screen's shape.
      const k = Math.max(s.width / w, s.height / h);
      const sw = Math.min(w, s.width / k);
      const sh = Math.min(h, s.height / k);
      ctx.drawImage(shot.image, (w - sw) / 2, (h - sh) / 2, sw, sh, s.x, s.y, s.width, s.height);
    } else {
      const k = Math.min(s.width / w, s.height / h);
      const dw = w * k;
      const dh = h * k;
      ctx.drawImage(shot.image, 0, 0, w, h, s.x + (s.width - dw) / 2, s.y + (s.height - dh) / 2, dw, dh);
    }
  }
  ctx.restore();
}

/**
 * Whether a device has a part under its screen (body and shadow, or the shadow of a frameless
 * screenshot): what drawDeviceUnder paints. A user frame PNG goes over the screen, so it has none.
 */
export function hasUnderPart(p: DevicePlacement, userFrame: boolean): boolean {
  if (userFrame) return false;
  return p.model !== 'none' || p.shadow;
}

/** The tilt of a placement about its outer box's centre (the same matrix for both parts). */
function tilted(ctx: Ctx, p: DevicePlacement): void {
  if (!p.tilt) return;
  const o = p.outer;
  const cx = o.x + o.width / 2;
  const cy = o.y + o.height / 2;
  ctx.translate(cx, cy);
  ctx.rotate((p.tilt * Math.PI) / 180);
  ctx.translate(-cx, -cy);
}

/**
 * What lies under the screen: the body, rim, buttons and their shadow in the frame colour (or a
 * frameless screenshot's shadow). It depends on the placement alone (model, boxes, tilt, colour,
 * shadow), never on the screenshot, so a set draws it once and reuses the pixels (draw.ts).
 */
export function drawDeviceUnder(ctx: Ctx, p: DevicePlacement, userFrame: boolean): void {
  if (!hasUnderPart(p, userFrame)) return;
  const spec = MODELS[p.model];
  const o = p.outer;
  ctx.save();
  tilted(ctx, p);
  const shadowBlur = Math.min(o.width, o.height) * 0.06;
  if (p.model === 'none') {
    const s = p.screen;
    softShadow(
      ctx,
      (c) => roundRect(c, s.x, s.y, s.width, s.height, p.screenRadius),
      s,
      'rgba(0,0,0,0.35)',
      shadowBlur,
      shadowBlur * 0.35,
    );
    ctx.fillStyle = '#000000';
    roundRect(ctx, s.x, s.y, s.width, s.height, p.screenRadius);
    ctx.fill();
  } else {
    const color = normalize(ctx, p.color);
    inNatural(ctx, p, spec, (k, w, h) => drawBody(ctx, spec, k, w, h, color, p.shadow ? shadowBlur : 0));
  }
  ctx.restore();
}

/** The screen and what sits on its glass (or the user's frame over it): drawn for every image. */
export function drawDeviceOver(ctx: Ctx, p: DevicePlacement, shot: ScreenShot | undefined, userFrame?: Drawable): void {
  const spec = MODELS[p.model];
  const o = p.outer;
  ctx.save();
  tilted(ctx, p);
  if (userFrame) {
    drawScreen(ctx, { ...p, screenRadius: Math.min(p.screen.width, p.screen.height) * 0.04 }, spec, shot);
    ctx.drawImage(userFrame, o.x, o.y, o.width, o.height);
  } else if (p.model === 'none') {
    drawScreen(ctx, p, spec, shot);
  } else {
    drawScreen(ctx, p, spec, shot);
    inNatural(ctx, p, spec, (k, w) => drawGlassDetails(ctx, spec, k, w, normalize(ctx, p.color)));
  }
  ctx.restore();
}

/**
 * The drop shadow a canvas shadow (shadowColor, shadowBlur, shadowOffsetY) would give the shape
 * `trace` outlines inside `box` (user space, current transform): the same Gaussian (sigma =
 * blur / 2, in canvas pixels, offset not transformed), but blurred on a layer at 1/2-1/4 of the
 * resolution and scaled up bilinearly. A shadow is smooth, so this differs by at most 2 levels of
 * 255 from Skia's own shadow, at half the time (a phone's shadow blurs most of the canvas).
 */
function softShadow(ctx: Ctx, trace: (c: Ctx) => void, box: Box, color: string, blur: number, offsetY: number): void {
  const sigma = blur / 2;
  // Keep at least 2 px of blur on the layer.
  const S = Math.max(1, Math.min(4, Math.floor(sigma / 2)));
  const m = ctx.getTransform();
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of [
    [box.x, box.y],
    [box.x + box.width, box.y],
    [box.x, box.y + box.height],
    [box.x + box.width, box.y + box.height],
  ] as const) {
    xs.push(m.a * x + m.c * y + m.e);
    ys.push(m.b * x + m.d * y + m.f);
  }
  const margin = sigma * 3 + S;
  const x0 = Math.floor(Math.min(...xs) - margin);
  const y0 = Math.floor(Math.min(...ys) - margin);
  const lw = Math.max(1, Math.ceil((Math.max(...xs) + margin - x0) / S));
  const lh = Math.max(1, Math.ceil((Math.max(...ys) + margin - y0) / S));
  const layer = canvas().createCanvas(lw, lh);
  const l = layer.getContext('2d');
  l.setTransform(m.a / S, m.b / S, m.c / S, m.d / S, (m.e - x0) / S, (m.f - y0) / S);
  l.filter = `blur(${sigma / S}px)`;
  l.fillStyle = color;
  trace(l);
  l.fill();
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'low';
  ctx.drawImage(layer, x0, y0 + offsetY, lw * S, lh * S);
  ctx.restore();
}

/** Runs `fn` in the device's natural portrait coordinates (origin at its top-left, k px per screen width). */
function inNatural(
  ctx: Ctx,
  p: DevicePlacement,
  spec: DeviceModel,
  fn: (k: number, w: number, h: number) => void,
): void {
  const g = geometry(spec, false);
  const o = p.outer;
  const k = (p.landscape ? o.height : o.width) / g.outerW;
  const w = g.outerW * k;
  const h = g.outerH * k;
  ctx.save();
  ctx.translate(o.x + o.width / 2, o.y + o.height / 2);
  if (p.landscape) ctx.rotate(-Math.PI / 2);
  ctx.translate(-w / 2, -h / 2);
  fn(k, w, h);
  ctx.restore();
}

function lidBox(spec: DeviceModel, k: number, w: number, h: number): Box {
  const [t, r, b, l] = spec.bezel;
  const lidW = (1 + l + r) * k;
  const lidH = (1 / spec.screenAspect + t + b) * k;
  return { x: (w - lidW) / 2, y: 0, width: lidW, height: Math.min(h, lidH) };
}

function drawBody(
  ctx: Ctx,
  spec: DeviceModel,
  k: number,
  w: number,
  h: number,
  color: string,
  shadowBlur: number,
): void {
  const lid = lidBox(spec, k, w, h);
  const R = spec.bodyRadius * k;
  // Buttons first, so the body's edge covers their inner half.
  ctx.fillStyle = shade(color, -0.12);
  for (const btn of spec.buttons ?? []) {
    const bw = 0.014 * k;
    const x = btn.side === 'left' ? lid.x - bw * 0.6 : lid.x + lid.width - bw * 0.4;
    roundRect(ctx, x, lid.y + spec.bezel[0] * k + btn.at * k, bw, btn.len * k, bw / 2);
    ctx.fill();
  }
  if (spec.crown) {
    ctx.fillStyle = shade(color, -0.1);
    roundRect(ctx, lid.x + lid.width - 0.03 * k, lid.y + lid.height * 0.22, 0.09 * k, 0.22 * k, 0.03 * k);
    ctx.fill();
  }
  if (spec.stand) {
    ctx.fillStyle = shade(color, -0.05);
    const nw = spec.stand.w * k * 0.35;
    ctx.fillRect(w / 2 - nw / 2, lid.height - 0.01 * k, nw, spec.stand.h * k * 0.8);
    roundRect(
      ctx,
      w / 2 - (spec.stand.w * k) / 2,
      h - spec.stand.h * k * 0.25,
      spec.stand.w * k,
      spec.stand.h * k * 0.25,
      0.01 * k,
    );
    ctx.fill();
  }
  const outline = (c: Ctx) => {
    if (spec.round) {
      c.beginPath();
      c.ellipse(lid.x + lid.width / 2, lid.y + lid.height / 2, lid.width / 2, lid.height / 2, 0, 0, Math.PI * 2);
    } else roundRect(c, lid.x, lid.y, lid.width, lid.height, R);
  };
  if (shadowBlur > 0) softShadow(ctx, outline, lid, 'rgba(0,0,0,0.38)', shadowBlur, shadowBlur * 0.4);
  ctx.fillStyle = color;
  outline(ctx);
  ctx.fill();
  // A soft highlight across the metal, lighter at the edges, like a polished band.
  const sheen = ctx.createLinearGradient(lid.x, 0, lid.x + lid.width, 0);
  sheen.addColorStop(0, 'rgba(255,255,255,0.22)');
  sheen.addColorStop(0.08, 'rgba(255,255,255,0)');
  sheen.addColorStop(0.92, 'rgba(255,255,255,0)');
  sheen.addColorStop(1, 'rgba(255,255,255,0.16)');
  ctx.fillStyle = sheen;
  if (spec.round) {
    ctx.beginPath();
    ctx.ellipse(lid.x + lid.width / 2, lid.y + lid.height / 2, lid.width / 2, lid.height / 2, 0, 0, Math.PI * 2);
  } else roundRect(ctx, lid.x, lid.y, lid.width, lid.height, R);
  ctx.fill();
  // The glass: black, or white on the light models of the home-button era.
  const rim = spec.rim * k;
  const light = spec.id === 'iphone-home' && luminance(color) > 0.6;
  ctx.fillStyle = light ? '#f4f4f5' : '#09090b';
  if (spec.round) {
    ctx.beginPath();
    ctx.ellipse(
      lid.x + lid.width / 2,
      lid.y + lid.height / 2,
      lid.width / 2 - rim,
      lid.height / 2 - rim,
      0,
      0,
      Math.PI * 2,
    );
  } else roundRect(ctx, lid.x + rim, lid.y + rim, lid.width - 2 * rim, lid.height - 2 * rim, R - rim);
  ctx.fill();
  if (spec.base) {
    const bw = spec.base.w * k;
    const bh = spec.base.h * k;
    const by = lid.height;
    const g = ctx.createLinearGradient(0, by, 0, by + bh);
    g.addColorStop(0, shade(color, 0.25));
    g.addColorStop(1, shade(color, -0.25));
    ctx.fillStyle = g;
    ctx.beginPath();
    ctx.moveTo((w - bw) / 2, by);
    ctx.lineTo((w + bw) / 2, by);
    ctx.lineTo((w + bw) / 2 - bh * 0.3, by + bh);
    ctx.lineTo((w - bw) / 2 + bh * 0.3, by + bh);
    ctx.closePath();
    ctx.fill();
    ctx.fillStyle = shade(color, -0.3);
    roundRect(ctx, w / 2 - 0.09 * k, by, 0.18 * k, bh * 0.35, bh * 0.2);
    ctx.fill();
  }
}

function luminance(color: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return 0;
  const n = parseInt(m[1]!, 16);
  return (0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255)) / 255;
}

function drawGlassDetails(ctx: Ctx, spec: DeviceModel, k: number, w: number, color: string): void {
  const [t, , b, l] = spec.bezel;
  const lid = lidBox(spec, k, w, 0 + (1 / spec.screenAspect + t + b) * k);
  const sx = lid.x + l * k;
  const sy = lid.y + t * k;
  const sw = k;
  const sh = k / spec.screenAspect;
  ctx.fillStyle = '#000000';
  if (spec.island) {
    const iw = spec.island.w * k;
    const ih = spec.island.h * k;
    roundRect(ctx, sx + (sw - iw) / 2, sy + spec.island.top * k, iw, ih, ih / 2);
    ctx.fill();
  }
  if (spec.notch) {
    const nw = spec.notch.w * k;
    const nh = spec.notch.h * k;
    const x0 = sx + (sw - nw) / 2;
    const r = nh * 0.45;
    ctx.beginPath();
    ctx.moveTo(x0 - r, sy);
    ctx.lineTo(x0 + nw + r, sy);
    ctx.quadraticCurveTo(x0 + nw, sy, x0 + nw, sy + r);
    ctx.lineTo(x0 + nw, sy + nh - r);
    ctx.quadraticCurveTo(x0 + nw, sy + nh, x0 + nw - r, sy + nh);
    ctx.lineTo(x0 + r, sy + nh);
    ctx.quadraticCurveTo(x0, sy + nh, x0, sy + nh - r);
    ctx.lineTo(x0, sy + r);
    ctx.quadraticCurveTo(x0, sy, x0 - r, sy);
    ctx.closePath();
    ctx.fill();
  }
  if (spec.punchHole) {
    const d = spec.punchHole.d * k;
    ctx.beginPath();
    ctx.arc(sx + sw / 2, sy + spec.punchHole.top * k + d / 2, d / 2, 0, Math.PI * 2);
    ctx.fill();
  }
  if (spec.camera) {
    const d = spec.camera.d * k;
    ctx.fillStyle = '#1f2937';
    ctx.beginPath();
    ctx.arc(sx + sw / 2, lid.y + (t * k) / 2, d / 2, 0, Math.PI * 2);
    ctx.fill();
  }
  if (spec.homeButton) {
    const d = spec.homeButton.d * k;
    const cy = sy + sh + (b * k) / 2;
    ctx.strokeStyle = luminance(color) > 0.6 ? '#d4d4d8' : '#27272a';
    ctx.lineWidth = d * 0.06;
    ctx.beginPath();
    ctx.arc(sx + sw / 2, cy, d / 2, 0, Math.PI * 2);
    ctx.stroke();
    ctx.fillStyle = luminance(color) > 0.6 ? '#d4d4d8' : '#27272a';
    roundRect(ctx, sx + sw / 2 - 0.09 * k, lid.y + (t * k) / 2 - 0.008 * k, 0.18 * k, 0.016 * k, 0.008 * k);
    ctx.fill();
  }
}

/** A canvas holding raw RGBA pixels, for drawImage with transforms and clipping. */
export function rawToCanvas(data: Buffer, width: number, height: number): Drawable {
  const { createCanvas, ImageData } = canvas();
  const c = createCanvas(width, height);
  c.getContext('2d').putImageData(
    new ImageData(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height),
    0,
    0,
  );
  return c;
}
