// The manifest's `screenshot: {capture: {...}}` through the shipped CLI: the page (a loopback static
// server: the CLI opens private and loopback addresses, it runs on the user's own machine) is captured
// by Debian's Chromium and rendered like a raw screenshot; link-local stays refused; without a browser
// the error names the manifest's file:line and field.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
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
  server = http.createServer((req, res) => {
    if (req.url === '/page.html')
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          '<html><body style="margin:0;background:#22aa44"><img src="http://169.254.169.254/x.png"><h1>Inbox</h1></body></html>',
        );
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function project(): { dir: string; manifest: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-capture-'));
  const manifest = path.join(dir, 'screenshots.yml');
  writeFileSync(
    manifest,
    `version: 1
app: { name: Web }
locales: [en-US]
presets:
  - { id: play.phone, size: 540x960 }
slides:
  - id: web
    headline: Our web app
    screenshot:
      capture:
        url: ${origin}/page.html
        viewport: { width: 360, height: 640 }
  - id: web-again
    headline: The same page, captured once
    screenshot: { capture: { url: ${origin}/page.html, viewport: { width: 360, height: 640 } } }
output: { dir: out, format: png, layout: flat }
`,
  );
  return { dir, manifest };
}

describe('storeshots render with a web capture', () => {
  it('captures the page with the given browser, renders it, and notes the refused link-local request', async () => {
    const p = project();
    const r = await runBinAsync(['render', '-c', p.manifest, '--browser', '/usr/bin/chromium'], p.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /slides\[0\]\.screenshot\.capture: the page's request for http:\/\/169\.254\.169\.254\/x\.png was refused: .*linkLocal/,
    );
    // Two slides ask for the same page: it is captured (and its refusal noted) once.
    expect(r.stderr.match(/was refused/g)).toHaveLength(1);
    const out = path.join(p.dir, 'out/en-US/play.phone/01-web.png');
    expect(existsSync(out)).toBe(true);
    expect(existsSync(path.join(p.dir, 'out/en-US/play.phone/02-web-again.png'))).toBe(true);
    expect(await sharp(out).metadata()).toMatchObject({ width: 540, height: 960 });
  });

  it('without a browser: exit 2 and an error naming the manifest file:line and the field', async () => {
    const p = project();
    const r = await runBinAsync(['render', '-c', p.manifest], p.dir, { PATH: '/nonexistent', STORESHOTS_BROWSER: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/screenshots\.yml:7:\d+: error: web capture needs a Chromium/);
    expect(r.stderr).toContain('(slides[0].screenshot.capture)');
    expect(r.stderr).toContain('--browser PATH');
  });

  it('writes captures to a private folder of the run: a symlink planted at the shared temporary path is not followed', async () => {
    const p = project();
    // Another user of the machine plants the fixed name earlier versions used (os.tmpdir()/storeshots-captures)
    // as a link to a folder of theirs (or one of the victim's): captures must never land there.
    const tmp = mkdtempSync(path.join(tmpdir(), 'storeshots-shared-tmp-'));
    const victim = path.join(tmp, 'victim');
    mkdirSync(victim);
    symlinkSync(victim, path.join(tmp, 'storeshots-captures'));
    const r = await runBinAsync(['render', '-c', p.manifest, '--browser', '/usr/bin/chromium'], p.dir, { TMPDIR: tmp });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(p.dir, 'out/en-US/play.phone/01-web.png'))).toBe(true);
    expect(readdirSync(victim)).toEqual([]);
    // The run's own folder (mkdtemp, 0700) is gone after the run; only the planted link is left.
    expect(readdirSync(tmp).sort()).toEqual(['storeshots-captures', 'victim']);
  });
});
