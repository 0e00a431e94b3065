// Draws templates/photo-dusk.jpg, the photo theme's background (our own art, so no licence to track).
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { createCanvas } = require('@napi-rs/canvas');
const sharp = require('sharp');
const W = 1600,
  H = 2400;
const c = createCanvas(W, H);
const ctx = c.getContext('2d');
const g = ctx.createLinearGradient(0, 0, 0, H);
g.addColorStop(0, '#1b2a4a');
g.addColorStop(0.45, '#7a3b5e');
g.addColorStop(0.7, '#e0785a');
g.addColorStop(1, '#f6c27a');
ctx.fillStyle = g;
ctx.fillRect(0, 0, W, H);
let s = 7;
const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
for (let i = 0; i < 140; i++) {
  const x = rnd() * W,
    y = H * 0.35 + rnd() * H * 0.65,
    r = 20 + rnd() * 110;
  const hue = ['255,214,150', '255,170,120', '255,240,200', '250,140,160'][i % 4];
  const rg = ctx.createRadialGradient(x, y, 0, x, y, r);
  rg.addColorStop(0, `rgba(${hue},${0.25 + rnd() * 0.35})`);
  rg.addColorStop(0.8, `rgba(${hue},${0.12 + rnd() * 0.15})`);
  rg.addColorStop(1, `rgba(${hue},0)`);
  ctx.fillStyle = rg;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.fill();
}
// Distant hills
ctx.fillStyle = 'rgba(20,18,40,0.85)';
ctx.beginPath();
ctx.moveTo(0, H);
for (let x = 0; x <= W; x += 40) ctx.lineTo(x, H * 0.86 - Math.sin(x / 260) * 70 - Math.sin(x / 97) * 25);
ctx.lineTo(W, H);
ctx.closePath();
ctx.fill();
const raw = ctx.getImageData(0, 0, W, H).data;
await sharp(Buffer.from(raw.buffer), { raw: { width: W, height: H, channels: 4 } })
  .removeAlpha()
  .blur(6)
  .jpeg({ quality: 82 })
  .toFile('templates/photo-dusk.jpg');
