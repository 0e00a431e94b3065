// The manifest's `screenshot.capture.clip` through the shipped CLI (`storeshots render --browser`), with
// Debian's Chromium and a page from a loopback static server: the slide's screenshot is only the
// rectangle (a 2x2 block of colours on a blue page: the rendered slide shows the four colours and no
// blue), and a rectangle reaching outside the viewport stops the run with exit 2 and an error at the
// manifest's file:line naming the field that reaches out (`slides[0].screenshot.capture.clip.width`).
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBinAsync } from './helpers/cli.js';

let server: http.Server;
let origin: string;

beforeAll(async () => {
  // Blocks of 60x40 at (100, 50): red, green / yellow, magenta, on blue.
  const block = (x: number, y: number, c: string) =>
    `<div style="position:absolute;left:${x}px;top:${y}px;width:60px;height:40px;background:${c}"></div>`;
  server = http.createServer((req, res) => {
    if (req.url === '/page.html')
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<html><body style="margin:0;background:#0000ff">${block(100, 50, '#ff0000')}${block(160, 50, '#00ff00')}${block(100, 90, '#ffff00')}${block(160, 90, '#ff00ff')}</body></html>`,
        );
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(
  () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
);

function project(clip: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-clip-'));
  const manifest = path.join(dir, 'screenshots.yml');
  writeFileSync(
    manifest,
    `version: 1
app: { name: Web }
locales: [en-US]
presets:
  - { id: play.phone, size: 540x960 }
style: { layout: full-bleed, padding: 0, device: { frame: none, shadow: false, fit: crop } }
slides:
  - id: web
    screenshot:
      capture:
        url: ${origin}/page.html
        viewport: { width: 400, height: 300 }
        clip: ${clip}
  # Play wants two screenshots at least (the linter's play.min-total): the same capture, taken once.
  - id: web-again
    screenshot: { capture: { url: ${origin}/page.html, viewport: { width: 400, height: 300 }, clip: ${clip} } }
output: { dir: out, format: png, layout: flat }
`,
  );
  return { dir, manifest };
}

describe('storeshots render with a clipped capture', () => {
  it('the slide shows only the rectangle', async () => {
    const p = project('{ x: 100, y: 50, width: 120, height: 80 }');
    const r = await runBinAsync(['render', '-c', p.manifest, '--browser', '/usr/bin/chromium'], p.dir);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(p.dir, 'out/en-US/play.phone/01-web.png');
    const { data, info } = await sharp(out).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([540, 960]);
    const at = (x: number, y: number) => {
      const i = (y * info.width + x) * 3;
      return `#${[data[i]!, data[i + 1]!, data[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    };
    // The 120x80 clip covers the 540x960 canvas (x12, its middle 45 of 120 columns shown): the block's
    // four colours around the centre, and the page's blue nowhere (corners and centre lines included).
    expect([at(100, 200), at(440, 200), at(100, 760), at(440, 760)]).toEqual([
      '#ff0000',
      '#00ff00',
      '#ffff00',
      '#ff00ff',
    ]);
    for (const [x, y] of [
      [0, 0],
      [539, 0],
      [0, 959],
      [539, 959],
      [270, 5],
      [5, 480],
    ] as const)
      expect(at(x, y), `(${x}, ${y})`).not.toBe('#0000ff');
  }, 120_000);

  it('a rectangle reaching outside the viewport: exit 2, the error at file:line naming the field', async () => {
    const p = project('{ x: 300, y: 50, width: 120, height: 80 }');
    const r = await runBinAsync(['render', '-c', p.manifest, '--browser', '/usr/bin/chromium'], p.dir);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/screenshots\.yml:8:\d+: error: .*reaches outside the viewport/);
    expect(r.stderr).toContain('(slides[0].screenshot.capture.clip.width)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
