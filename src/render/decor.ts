// Shapes drawn by code for slides without a device and for social proof (slides.ts lays them
// out): cards behind feature rows and stats, rating stars, award laurels, quote marks, and the
// badge between a before and an after. Plain data in, so layout tests assert them as numbers.
import type { Box } from './types.js';
import type { CanvasModule } from './native.js';

type Ctx = ReturnType<InstanceType<CanvasModule['Canvas']>['getContext']>;

export type Decor =
  | { type: 'card'; box: Box; radius: number; fill: string }
  /** A row of five stars from `x` (its left edge), `stars` of them filled (fractions fill part of one). */
  | { type: 'stars'; x: number; y: number; size: number; gap: number; stars: number; fill: string; empty: string }
  /** A laurel branch beside an award: leaves along an arc, `side` says which way it opens. */
  | { type: 'laurel'; box: Box; side: 'left' | 'right'; color: string }
  /** An opening quotation mark with its top left at x, y. */
  | { type: 'quote-mark'; x: number; y: number; size: number; color: string }
  /** A circle with a chevron pointing the reading direction (before -> after). */
  | { type: 'arrow'; cx: number; cy: number; r: number; fill: string; color: string; pointsLeft: boolean };

/** Where the five stars of a row are (their boxes), for layout tests and drawing. */
export function starBoxes(d: Extract<Decor, { type: 'stars' }>): Box[] {
  return [0, 1, 2, 3, 4].map((i) => ({ x: d.x + i * (d.size + d.gap), y: d.y, width: d.size, height: d.size }));
}

function starPath(ctx: Ctx, b: Box): void {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height * 0.54;
  const R = b.width / 2;
  const r = R * 0.45;
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const rad = k % 2 === 0 ? R : r;
    const x = cx + rad * Math.cos(a);
    const y = cy + rad * Math.sin(a);
    if (k === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
}

function drawStars(ctx: Ctx, d: Extract<Decor, { type: 'stars' }>, rtl: boolean): void {
  const boxes = starBoxes(d);
  // Right to left, the row fills from its right end.
  const order = rtl ? [...boxes].reverse() : boxes;
  order.forEach((b, i) => {
    const filled = Math.max(0, Math.min(1, d.stars - i));
    starPath(ctx, b);
    ctx.fillStyle = d.empty;
    ctx.fill();
    if (filled <= 0) return;
    ctx.save();
    starPath(ctx, b);
    ctx.clip();
    ctx.fillStyle = d.fill;
    const w = b.width * filled;
    ctx.fillRect(rtl ? b.x + b.width - w : b.x, b.y, w, b.height);
    ctx.restore();
  });
}

function drawLaurel(ctx: Ctx, d: Extract<Decor, { type: 'laurel' }>): void {
  const { box } = d;
  // Leaves along a half ellipse, from the bottom to the top, opening away from the award.
  const dir = d.side === 'left' ? -1 : 1;
  const cx = d.side === 'left' ? box.x + box.width : box.x;
  const cy = box.y + box.height / 2;
  const rx = box.width * 0.9;
  const ry = box.height / 2;
  const n = 7;
  ctx.save();
  ctx.fillStyle = d.color;
  ctx.strokeStyle = d.color;
  ctx.lineWidth = Math.max(1, box.width * 0.05);
  ctx.lineCap = 'round';
  ctx.beginPath();
  for (let k = 0; k <= 20; k++) {
    const t = Math.PI * 0.08 + (k / 20) * Math.PI * 0.84;
    const x = cx + dir * rx * Math.sin(t) * 0.75;
    const y = cy + ry * Math.cos(t);
    if (k === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.stroke();
  const leaf = box.height / 9;
  for (let k = 0; k < n; k++) {
    const t = Math.PI * 0.12 + (k / (n - 1)) * Math.PI * 0.76;
    const x = cx + dir * rx * Math.sin(t) * 0.75;
    const y = cy + ry * Math.cos(t);
    // Tangent of the stem, turned outwards: each leaf points up and away from the award.
    const angle = Math.atan2(-ry * Math.sin(t), dir * rx * Math.cos(t) * 0.75);
    for (const side of [-1, 1]) {
      ctx.save();
      ctx.translate(x, y);
      ctx.rotate(angle + side * 0.55 * dir);
      ctx.beginPath();
      ctx.ellipse(leaf * 0.9, 0, leaf, leaf * 0.38, 0, 0, Math.PI * 2);
      ctx.fill();
      ctx.restore();
    }
  }
  ctx.restore();
}

function drawQuoteMark(ctx: Ctx, d: Extract<Decor, { type: 'quote-mark' }>): void {
  // Two filled commas turned over: a round head with a tail rising to the top right.
  const s = d.size;
  ctx.save();
  ctx.fillStyle = d.color;
  for (const dx of [0, s * 0.55]) {
    const cx = d.x + dx + s * 0.2;
    const cy = d.y + s * 0.62;
    ctx.beginPath();
    ctx.arc(cx, cy, s * 0.2, 0, Math.PI * 2);
    ctx.fill();
    ctx.beginPath();
    ctx.moveTo(cx - s * 0.2, cy);
    ctx.quadraticCurveTo(cx - s * 0.2, d.y + s * 0.12, cx + s * 0.22, d.y);
    ctx.lineTo(cx + s * 0.26, d.y + s * 0.1);
    ctx.quadraticCurveTo(cx, d.y + s * 0.25, cx + s * 0.02, cy - s * 0.1);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

function drawArrow(ctx: Ctx, d: Extract<Decor, { type: 'arrow' }>): void {
  ctx.save();
  ctx.shadowColor = 'rgba(0,0,0,0.25)';
  ctx.shadowBlur = d.r * 0.4;
  ctx.beginPath();
  ctx.arc(d.cx, d.cy, d.r, 0, Math.PI * 2);
  ctx.fillStyle = d.fill;
  ctx.fill();
  ctx.shadowColor = 'transparent';
  const k = d.pointsLeft ? -1 : 1;
  ctx.strokeStyle = d.color;
  ctx.lineWidth = d.r * 0.2;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.moveTo(d.cx - k * d.r * 0.2, d.cy - d.r * 0.38);
  ctx.lineTo(d.cx + k * d.r * 0.2, d.cy);
  ctx.lineTo(d.cx - k * d.r * 0.2, d.cy + d.r * 0.38);
  ctx.stroke();
  ctx.restore();
}

/** Draws the shapes in order (cards first, as slides.ts lists them). */
export function drawDecor(ctx: Ctx, decor: Decor[], rtl: boolean): void {
  for (const d of decor) {
    if (d.type === 'card') {
      ctx.beginPath();
      ctx.roundRect(d.box.x, d.box.y, d.box.width, d.box.height, Math.min(d.radius, d.box.width / 2, d.box.height / 2));
      ctx.fillStyle = d.fill;
      ctx.fill();
    } else if (d.type === 'stars') drawStars(ctx, d, rtl);
    else if (d.type === 'laurel') drawLaurel(ctx, d);
    else if (d.type === 'quote-mark') drawQuoteMark(ctx, d);
    else drawArrow(ctx, d);
  }
}
