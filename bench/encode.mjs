#!/usr/bin/env node
// PNG encoders and settings on storeshots' own images: bytes against CPU time. `node bench/encode.mjs
// <folder of rendered PNGs> [--limit N]` (default: the example rendered into a temporary folder).
// Each image is decoded once (untimed) and encoded by each candidate in this thread, one after
// another; CPU time is process.cpuUsage around the encode (libvips' worker threads included, so
// steadier than wall time on a shared machine). Prints a markdown table (medians over the images).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync, constants } from 'node:zlib';
import sharp from 'sharp';

sharp.cache(false);
const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const limit = args.includes('--limit') ? Number(args[args.indexOf('--limit') + 1]) : 36;
let dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--limit');
let tmp;
if (!dir) {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'storeshots-encode-'));
  cpSync(path.join(ROOT, 'examples/habitual'), tmp, { recursive: true });
  rmSync(path.join(tmp, 'storeshots-out'), { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'bin/storeshots.js'), 'render', '--no-cache', '--fail-on', 'never', '--out', 'out'],
    { cwd: tmp, stdio: 'ignore' },
  );
  dir = path.join(tmp, 'out');
}
const files = readdirSync(dir, { recursive: true })
  .filter((f) => f.endsWith('.png'))
  .sort()
  .slice(0, limit);

/** PNG with one filter for every row (Up or Sub, or Paeth) and Node's zlib: what sharp cannot offer. */
function pngFiltered(rgb, width, height, filter, level, strategy) {
  const stride = width * 3;
  const raw = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const o = y * (stride + 1);
    raw[o] = filter;
    const row = y * stride;
    if (filter === 2) {
      if (y === 0) rgb.copy(raw, o + 1, row, row + stride);
      else for (let x = 0; x < stride; x++) raw[o + 1 + x] = (rgb[row + x] - rgb[row - stride + x]) & 255;
    } else if (filter === 1) {
      for (let x = 0; x < stride; x++) raw[o + 1 + x] = (rgb[row + x] - (x >= 3 ? rgb[row + x - 3] : 0)) & 255;
    } else rgb.copy(raw, o + 1, row, row + stride);
  }
  return deflateSync(raw, { level, strategy: strategy ?? constants.Z_DEFAULT_STRATEGY });
}

const candidates = [
  [
    'sharp level 6, no filter (default)',
    (img) => img.png({ compressionLevel: 6, adaptiveFiltering: false, palette: false }),
  ],
  ['sharp level 1, no filter', (img) => img.png({ compressionLevel: 1, adaptiveFiltering: false, palette: false })],
  ['sharp level 2, no filter', (img) => img.png({ compressionLevel: 2, adaptiveFiltering: false, palette: false })],
  ['sharp level 3, no filter', (img) => img.png({ compressionLevel: 3, adaptiveFiltering: false, palette: false })],
  ['sharp level 4, no filter', (img) => img.png({ compressionLevel: 4, adaptiveFiltering: false, palette: false })],
  ['sharp level 9, no filter', (img) => img.png({ compressionLevel: 9, adaptiveFiltering: false, palette: false })],
  [
    'sharp level 6, adaptive filtering',
    (img) => img.png({ compressionLevel: 6, adaptiveFiltering: true, palette: false }),
  ],
  [
    'sharp level 3, adaptive filtering',
    (img) => img.png({ compressionLevel: 3, adaptiveFiltering: true, palette: false }),
  ],
  ['sharp palette (lossy: 256 colours, effort 1)', (img) => img.png({ palette: true, effort: 1, compressionLevel: 6 })],
  ['node zlib level 6, Up filter (own writer)', null, (rgb, w, h) => pngFiltered(rgb, w, h, 2, 6)],
  ['node zlib level 3, Up filter (own writer)', null, (rgb, w, h) => pngFiltered(rgb, w, h, 2, 3)],
  ['node zlib level 1, Up filter (own writer)', null, (rgb, w, h) => pngFiltered(rgb, w, h, 2, 1)],
  ['node zlib level 6, no filter', null, (rgb, w, h) => pngFiltered(rgb, w, h, 0, 6)],
];

const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const res = candidates.map(() => ({ cpu: [], wall: [], bytes: [] }));
for (const f of files) {
  const { data, info } = await sharp(path.join(dir, f)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const raw = { width: info.width, height: info.height, channels: 3 };
  for (const [k, [, viaSharp, own]] of candidates.entries()) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = viaSharp ? await viaSharp(sharp(data, { raw })).toBuffer() : own(data, info.width, info.height);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    res[k].cpu.push((c.user + c.system) / 1000);
    res[k].wall.push(wall);
    res[k].bytes.push(out.length);
  }
}
const base = med(res[0].bytes);
const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
console.log(
  `${files.length} images from ${dir}; ${os.cpus().length} x ${os.cpus()[0]?.model}; Node ${process.version}; sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, zlib ${process.versions.zlib}; load ${load}; ${new Date().toISOString().slice(0, 16)} UTC\n`,
);
console.log('| encoder, settings | CPU ms / image | wall ms / image | KB / image | size vs default |');
console.log('|---|---:|---:|---:|---:|');
for (const [k, [name]] of candidates.entries())
  console.log(
    `| ${name} | ${med(res[k].cpu).toFixed(1)} | ${med(res[k].wall).toFixed(1)} | ${(med(res[k].bytes) / 1024).toFixed(0)} | ${((100 * med(res[k].bytes)) / base).toFixed(0)}% |`,
  );
if (tmp) rmSync(tmp, { recursive: true, force: true });
