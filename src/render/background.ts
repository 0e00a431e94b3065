// Backgrounds: solid, linear/radial gradients at any angle, mesh, image (cover/contain, blur,
// tint). Panoramic: the slide is its slice of one background as wide as the whole set.
import path from 'node:path';
import { RenderError } from '../util/errors.js';
import type { Job } from '../plan/types.js';
import type { Style } from '../manifest/types.js';
import { packageRoot } from '../util/paths.js';
import { loadResized } from './images.js';
import { canvas, type CanvasModule } from './native.js';

type Ctx = ReturnType<InstanceType<CanvasModule['Canvas']>['getContext']>;
export type Background = NonNullable<Style['background']>;

/** The virtual canvas this slide is a slice of. */
export function sliceOf(job: Job): { vw: number; ox: number } {
  const pano = job.style.background?.panoramic && job.count > 1;
  return pano
    ? { vw: job.size.width * job.count, ox: -(job.index - 1) * job.size.width }
    : { vw: job.size.width, ox: 0 };
}

/** CSS-convention gradient line (0deg points up, 90deg right) through a w x h box. */
export function gradientLine(angle: number, w: number, h: number): [number, number, number, number] {
  const a = (angle * Math.PI) / 180;
  const dx = Math.sin(a);
  const dy = -Math.cos(a);
  const half = (Math.abs(w * dx) + Math.abs(h * dy)) / 2;
  return [w / 2 - dx * half, h / 2 - dy * half, w / 2 + dx * half, h / 2 + dy * half];
}

// Fixed blob positions for mesh gradients: deterministic, spread over the canvas.
const MESH_SPOTS: Array<[number, number, number]> = [
  [0.1, 0.08, 0.95],
  [0.95, 0.25, 0.85],
  [0.2, 0.7, 0.9],
  [0.85, 0.92, 0.9],
  [0.55, 0.45, 0.7],
  [0.05, 0.98, 0.8],
  [0.7, 0.02, 0.8],
];

function addStops(g: { addColorStop(o: number, c: string): void }, colors: string[]): void {
  colors.forEach((c, i) => g.addColorStop(colors.length === 1 ? 0 : i / (colors.length - 1), c));
}

function transparentOf(color: string): string {
  // Fading a colour to transparent of the same hue avoids the grey fringe of 'transparent' (black).
  if (/^#[0-9a-f]{6}$/i.test(color)) return `${color}00`;
  if (/^#[0-9a-f]{3}$/i.test(color)) return `${color}0`;
  return 'rgba(0,0,0,0)';
}

/** Paints the background onto ctx (which is job.size); async for image backgrounds. */
export async function drawBackground(ctx: Ctx, job: Job): Promise<void> {
  const bg: Background = job.style.background ?? {};
  const { width: W, height: H } = job.size;
  const { vw, ox } = sliceOf(job);
  const colors = bg.gradient ?? [];
  ctx.save();
  ctx.translate(ox, 0);
  ctx.fillStyle = bg.color ?? colors[0] ?? '#111827';
  ctx.fillRect(-ox, 0, W, H);
  const type = bg.type ?? 'linear';
  if (colors.length >= 2) {
    if (type === 'radial') {
      const g = ctx.createRadialGradient(vw / 2, H * 0.3, 0, vw / 2, H * 0.3, Math.hypot(vw / 2, H * 0.7));
      addStops(g, colors);
      ctx.fillStyle = g;
      ctx.fillRect(-ox, 0, W, H);
    } else if (type === 'mesh') {
      ctx.fillStyle = colors[0]!;
      ctx.fillRect(-ox, 0, W, H);
      const r = Math.max(vw, H) * 0.62;
      colors.slice(1).forEach((c, i) => {
        const [sx, sy, k] = MESH_SPOTS[i % MESH_SPOTS.length]!;
        const g = ctx.createRadialGradient(sx * vw, sy * H, 0, sx * vw, sy * H, r * k);
        g.addColorStop(0, c);
        g.addColorStop(1, transparentOf(c));
        ctx.fillStyle = g;
        ctx.fillRect(-ox, 0, W, H);
      });
    } else {
      const [x0, y0, x1, y1] = gradientLine(bg.angle ?? 180, vw, H);
      const g = ctx.createLinearGradient(x0, y0, x1, y1);
      addStops(g, colors);
      ctx.fillStyle = g;
      ctx.fillRect(-ox, 0, W, H);
    }
  }
  ctx.restore();
  if (bg.image) await drawImageBackground(ctx, job, bg, vw, ox);
}

/** Resolves a background image: a path relative to the manifest, or a file shipped in templates/. */
export function backgroundFile(job: Job, image: string): string {
  if (image.startsWith('builtin:')) {
    // Only a file directly in templates/: builtin:../../etc/passwd names nothing.
    const templates = path.join(packageRoot(), 'templates');
    const abs = path.resolve(templates, image.slice('builtin:'.length));
    if (path.dirname(abs) !== templates)
      throw new RenderError(`background image ${image} names no image shipped in templates/`);
    return abs;
  }
  return path.resolve(job.baseDir, image);
}

async function drawImageBackground(ctx: Ctx, job: Job, bg: Background, vw: number, ox: number): Promise<void> {
  const { width: W, height: H } = job.size;
  const file = backgroundFile(job, bg.image!);
  const img = await loadResized(
    file,
    'background image',
    { width: vw, height: H },
    { fit: bg.fit === 'contain' ? 'contain' : 'cover', blur: bg.blur, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  );
  const { createCanvas, ImageData } = canvas();
  const c = createCanvas(img.width, img.height);
  c.getContext('2d').putImageData(
    new ImageData(
      new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength),
      img.width,
      img.height,
    ),
    0,
    0,
  );
  // contain leaves bands: the colour/gradient already painted shows through them.
  ctx.drawImage(c, ox, 0);
  if (bg.tint) {
    ctx.save();
    ctx.fillStyle = bg.tint;
    // A tint without alpha would hide the photo: use it at 45%.
    if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(bg.tint) || /^rgb\(/i.test(bg.tint) || /^[a-z]+$/i.test(bg.tint))
      ctx.globalAlpha = 0.45;
    ctx.fillRect(0, 0, W, H);
    ctx.restore();
  }
}
