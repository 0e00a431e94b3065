// Debian's Chromium laying out text with our own font files (served by route interception, so
// nothing is fetched): the reference for bidi order and for colour spans inside joined words.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { fontsDir } from '../../src/render/coverage.js';
import { openChromium } from './chromium.js';

const ORIGIN = 'http://storeshots.test';

export interface TextPage {
  page: Page;
  /** Shows `body` (HTML) with the shipped fonts declared as families `ss-<file stem>` and waits for them. */
  show(body: string, css?: string): Promise<void>;
  close(): Promise<void>;
}

export async function openTextPage(fonts: string[], viewport = { width: 1200, height: 400 }): Promise<TextPage> {
  const profile = mkdtempSync(path.join(tmpdir(), 'storeshots-chromium-text-'));
  const context: BrowserContext = await openChromium(profile, viewport);
  const page = await context.newPage();
  let html = '';
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith('/fonts/')) {
      const file = path.join(fontsDir(), path.basename(url.pathname));
      return route.fulfill({ body: readFileSync(file), contentType: 'font/ttf' });
    }
    return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' });
  });
  const faces = fonts
    .map((f) => {
      const [stem, weight] = f.replace(/\.(ttf|otf)$/, '').split('-');
      const w = weight === 'Bold' ? 700 : weight === 'Regular' ? 400 : '100 900';
      return `@font-face{font-family:"ss-${stem}";src:url(/fonts/${f});font-weight:${w}}`;
    })
    .join('\n');
  return {
    page,
    async show(body, css = '') {
      html = `<!doctype html><meta charset="utf-8"><style>${faces}\nbody{margin:0}${css}</style><body>${body}</body>`;
      await page.goto(`${ORIGIN}/index.html`);
      await page.evaluate('document.fonts.ready.then(() => undefined)');
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
