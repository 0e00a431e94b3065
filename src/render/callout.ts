// Call-outs: a region of the screenshot (screenshot pixels) magnified into a bubble or a card over
// the slide, with a ring on the region and a connector or a shadow. Drawn by code like the device
// frames. The layout is numbers (tests assert them); drawing is drawCallouts.
import type { Callout } from '../manifest/types.js';
import type { Job } from '../plan/types.js';
import type { Size } from '../store/presets.js';
import { RenderError } from '../util/errors.js';
import type { DevicePlacement, SlideLayout } from './layout.js';
import type { CanvasModule } from './native.js';
import type { Box } from './types.js';

type Canvas = InstanceType<CanvasModule['Canvas']>;
type Ctx = ReturnType<Canvas['getContext']>;
type Drawable = Parameters<Ctx['drawImage']>[0];

export const CALLOUT_DEFAULTS = {
  scale: 1.6,
  position: 'end',
  shape: 'bubble',
  connector: true,
  shadow: true,
} as const;

interface Point {
  x: number;
  y: number;
}

export interface CalloutLayout {
  /** The region in screenshot pixels (what is magnified). */
  source: Box;
  /** The region where it shows on the slide, before the device's tilt. */
  region: Box;
  /** The region's centre on the slide, after the device's tilt. */
  anchor: Point;
  /** Where the call-out is drawn. */
  box: Box;
  radius: number;
  shape: 'bubble' | 'card';
  side: 'left' | 'right' | 'over';
  /** From the region's ring to the call-out's edge; absent without a connector or when they overlap. */
  connector?: [Point, Point];
  /** Radius of the ring drawn around the region (the region's own corner radius). */
  ringRadius: number;
  /** Width of the call-out's white rim and of the connector (px). */
  stroke: number;
  shadow: boolean;
  tilt: number;
}

/** A call-out region must lie inside its screenshot; the message names the field. */
export function regionProblem(c: Callout, shot: Size): string | undefined {
  const bad = c.x + c.width > shot.width ? 'x + width' : c.y + c.height > shot.height ? 'y + height' : undefined;
  if (!bad) return undefined;
  return `the call-out region ${c.x},${c.y} ${c.width}x${c.height} reaches outside the ${shot.width}x${shot.height} screenshot (${bad} = ${bad === 'x + width' ? c.x + c.width : c.y + c.height} > ${bad === 'x + width' ? shot.width : shot.height})`;
}

/** Where screenshot pixels land on the slide: scale and offset of the screen's crop (cover) or letterbox (contain). */
function screenMap(screen: Box, shot: Size, fit: 'crop' | 'letterbox'): { k: number; ox: number; oy: number } {
  const k =
    fit === 'letterbox'
      ? Math.min(screen.width / shot.width, screen.height / shot.height)
      : Math.max(screen.width / shot.width, screen.height / shot.height);
  return {
    k,
    ox: screen.x + (screen.width - shot.width * k) / 2,
    oy: screen.y + (screen.height - shot.height * k) / 2,
  };
}

function rotate(p: Point, about: Point, deg: number): Point {
  if (!deg) return p;
  const a = (deg * Math.PI) / 180;
  const dx = p.x - about.x;
  const dy = p.y - about.y;
  return { x: about.x + dx * Math.cos(a) - dy * Math.sin(a), y: about.y + dx * Math.sin(a) + dy * Math.cos(a) };
}

/** The point of a box's outline nearest to `p` along the line to its centre (ellipse-ish for a bubble). */
function edgeToward(b: Box, p: Point, round: boolean): Point {
  const c = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const dx = p.x - c.x;
  const dy = p.y - c.y;
  if (dx === 0 && dy === 0) return c;
  let t: number;
  if (round) t = 1 / Math.sqrt((dx / (b.width / 2)) ** 2 + (dy / (b.height / 2)) ** 2);
  else t = Math.min(Math.abs(b.width / 2 / (dx || 1e-9)), Math.abs(b.height / 2 / (dy || 1e-9)));
  return { x: c.x + dx * Math.min(1, t), y: c.y + dy * Math.min(1, t) };
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The call-outs of a job: each region mapped through the primary device's screen (or the
 * full-bleed canvas) and the call-out placed beside it. `start`/`end` follow the reading direction.
 */
export function layoutCallouts(job: Job, layout: SlideLayout, shot: Size | undefined): CalloutLayout[] {
  const list = job.callouts ?? [];
  if (!list.length || !shot) return [];
  const device: DevicePlacement | undefined = layout.devices.find((d) => d.which === 'primary');
  if (!device && !layout.fullBleed) return [];
  const screen = device ? device.screen : { x: 0, y: 0, width: layout.width, height: layout.height };
  const map = screenMap(screen, shot, device?.fit ?? 'crop');
  const tilt = device?.tilt ?? 0;
  const centre = device
    ? { x: device.outer.x + device.outer.width / 2, y: device.outer.y + device.outer.height / 2 }
    : { x: 0, y: 0 };
  const { safe } = layout;
  const short = Math.min(layout.width, layout.height);
  const stroke = Math.max(2, short * 0.008);
  return list.map((c) => {
    const why = regionProblem(c, shot);
    if (why) throw new RenderError(`${job.id}: ${why}`);
    const shape = c.shape ?? CALLOUT_DEFAULTS.shape;
    // A bubble is round: the square around the region (its longer side), kept inside the screenshot.
    const source: Box =
      shape === 'bubble' ? squareAround(c, shot) : { x: c.x, y: c.y, width: c.width, height: c.height };
    const region: Box = {
      x: map.ox + source.x * map.k,
      y: map.oy + source.y * map.k,
      width: source.width * map.k,
      height: source.height * map.k,
    };
    const anchor = rotate({ x: region.x + region.width / 2, y: region.y + region.height / 2 }, centre, tilt);
    // Magnified, then shrunk (keeping its shape) to fit the safe area's width and half its height.
    let k = c.scale ?? CALLOUT_DEFAULTS.scale;
    k = Math.min(k, (safe.width * 0.92) / region.width, (safe.height * 0.5) / region.height);
    const w = region.width * k;
    const h = region.height * k;
    const pos = c.position ?? CALLOUT_DEFAULTS.position;
    const side: CalloutLayout['side'] =
      pos === 'over'
        ? 'over'
        : pos === 'left' || pos === 'right'
          ? pos
          : (pos === 'end') !== job.rtl
            ? 'right'
            : 'left';
    // Beside the region: its far edge half a margin in from the canvas edge on that side, so it
    // stands out of the device; over: centred on the region. Kept inside the canvas.
    const margin = (layout.width - safe.width) / 4;
    let x = side === 'over' ? anchor.x - w / 2 : side === 'right' ? layout.width - margin - w : margin;
    x = Math.max(margin, Math.min(layout.width - margin - w, x));
    let y = anchor.y - h / 2;
    y = Math.max(safe.y, Math.min(safe.y + safe.height - h, y));
    const box: Box = { x, y, width: w, height: h };
    const radius = shape === 'bubble' ? Math.min(w, h) / 2 : Math.min(w, h) * 0.12;
    const ringRadius =
      shape === 'bubble' ? Math.min(region.width, region.height) / 2 : Math.min(region.width, region.height) * 0.12;
    const out: CalloutLayout = {
      source,
      region,
      anchor,
      box,
      radius,
      shape,
      side,
      ringRadius,
      stroke,
      shadow: c.shadow ?? CALLOUT_DEFAULTS.shadow,
      tilt,
    };
    const ring: Box = {
      x: anchor.x - region.width / 2,
      y: anchor.y - region.height / 2,
      width: region.width,
      height: region.height,
    };
    if ((c.connector ?? CALLOUT_DEFAULTS.connector) && side !== 'over' && !overlaps(ring, box)) {
      out.connector = [
        edgeToward(ring, { x: x + w / 2, y: y + h / 2 }, shape === 'bubble'),
        edgeToward(box, anchor, shape === 'bubble'),
      ];
    }
    return out;
  });
}

function squareAround(c: Callout, shot: Size): Box {
  const side = Math.min(Math.max(c.width, c.height), shot.width, shot.height);
  const x = Math.max(0, Math.min(shot.width - side, c.x + c.width / 2 - side / 2));
  const y = Math.max(0, Math.min(shot.height - side, c.y + c.height / 2 - side / 2));
  return { x, y, width: side, height: side };
}

function trace(ctx: Ctx, b: Box, r: number): void {
  ctx.beginPath();
  ctx.roundRect(b.x, b.y, b.width, b.height, Math.min(r, b.width / 2, b.height / 2));
  ctx.closePath();
}

/** Draws the call-outs over the slide: the ring on the region, the connector, then each call-out. */
export function drawCallouts(ctx: Ctx, callouts: CalloutLayout[], shot: Drawable | undefined): void {
  if (!shot) return;
  for (const c of callouts) {
    ctx.save();
    // The ring around the region, turned with the device.
    ctx.translate(c.anchor.x, c.anchor.y);
    ctx.rotate((c.tilt * Math.PI) / 180);
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = c.stroke;
    ctx.shadowColor = 'rgba(0,0,0,0.25)';
    ctx.shadowBlur = c.stroke * 2;
    trace(
      ctx,
      { x: -c.region.width / 2, y: -c.region.height / 2, width: c.region.width, height: c.region.height },
      c.ringRadius,
    );
    ctx.stroke();
    ctx.restore();
    if (c.connector) {
      ctx.save();
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = c.stroke;
      ctx.lineCap = 'round';
      ctx.shadowColor = 'rgba(0,0,0,0.25)';
      ctx.shadowBlur = c.stroke * 2;
      ctx.beginPath();
      ctx.moveTo(c.connector[0].x, c.connector[0].y);
      ctx.lineTo(c.connector[1].x, c.connector[1].y);
      ctx.stroke();
      ctx.restore();
    }
    // The call-out: shadow, the magnified region clipped to its shape, a white rim.
    ctx.save();
    if (c.shadow) {
      ctx.shadowColor = 'rgba(0,0,0,0.35)';
      ctx.shadowBlur = Math.min(c.box.width, c.box.height) * 0.12;
      ctx.shadowOffsetY = Math.min(c.box.width, c.box.height) * 0.04;
    }
    ctx.fillStyle = '#ffffff';
    trace(ctx, c.box, c.radius);
    ctx.fill();
    ctx.restore();
    ctx.save();
    trace(ctx, c.box, c.radius);
    ctx.clip();
    ctx.drawImage(
      shot,
      c.source.x,
      c.source.y,
      c.source.width,
      c.source.height,
      c.box.x,
      c.box.y,
      c.box.width,
      c.box.height,
    );
    ctx.restore();
    ctx.save();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = c.stroke * 1.5;
    trace(ctx, c.box, c.radius);
    ctx.stroke();
    ctx.restore();
  }
}
