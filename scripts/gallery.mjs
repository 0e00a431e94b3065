// Renders the example project and writes docs/gallery.png: a contact sheet with one row per
// locale, so anyone can see the look at a glance. Run with `npm run gallery` (builds dist/ first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const sharp = require('sharp');
const { createCanvas, GlobalFonts } = require('@napi-rs/canvas');

const root = path.resolve(import.meta.dirname, '..');
const out = mkdtempSync(path.join(tmpdir(), 'storeshots-gallery-'));
const ROW_H = 420;
const GAP = 16;
const LABEL_W = 150;

try {
  const r = spawnSync(
    process.execPath,
    [
      path.join(root, 'bin/storeshots.js'),
      'render',
      '-c',
      'examples/habitual/screenshots.yml',
      '--out',
      out,
      '--fail-on',
      'never',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
  const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
  const locales = [...new Set(report.images.map((i) => i.locale))];
  GlobalFonts.registerFromPath(path.join(root, 'fonts/Inter.var.ttf'), 'ss-gallery');
  const layers = [];
  let width = 0;
  for (const [row, locale] of locales.entries()) {
    const top = GAP + row * (ROW_H + GAP);
    const label = createCanvas(LABEL_W, ROW_H);
    const ctx = label.getContext('2d');
    ctx.fillStyle = '#f4f4f5';
    ctx.fillRect(0, 0, LABEL_W, ROW_H);
    ctx.fillStyle = '#18181b';
    ctx.font = '700 30px "ss-gallery"';
    ctx.textAlign = 'center';
    ctx.fillText(locale, LABEL_W / 2, ROW_H / 2 + 10);
    layers.push({ input: await label.encode('png'), left: GAP, top });
    let x = GAP * 2 + LABEL_W;
    for (const img of report.images.filter((i) => i.locale === locale)) {
      const buf = await sharp(path.join(out, img.path)).resize({ height: ROW_H, kernel: 'lanczos3' }).png().toBuffer();
      const { width: w } = await sharp(buf).metadata();
      layers.push({ input: buf, left: x, top });
      x += w + GAP;
    }
    width = Math.max(width, x);
  }
  const height = GAP + locales.length * (ROW_H + GAP);
  await sharp({ create: { width, height, channels: 3, background: '#f4f4f5' } })
    .composite(layers)
    .png({ compressionLevel: 9, palette: true, quality: 90 })
    .toFile(path.join(root, 'docs/gallery.png'));
  console.log(`docs/gallery.png: ${locales.length} locale(s), ${report.images.length} image(s), ${width}x${height}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
