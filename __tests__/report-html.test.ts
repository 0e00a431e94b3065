// report.html in a real browser: Debian's chromium driven by playwright-core opens the file from
// disk (file://, no server), and the test checks what a user sees: every image, findings on their
// image, a click on a finding highlighting its image, the filters, the full-size viewer, and no
// script injection from user text. A screenshot of the page is kept in test-results/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { openChromium } from './helpers/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, writeReport } from '../src/report/index.js';
import { escapeHtml, pathUrl } from '../src/report/html.js';
import type { Finding, ImageRecord } from '../src/report/types.js';
import { SOURCES } from '../src/store/sources.js';
import { writeImage } from './fixtures/lint/images.js';
import { ROOT } from './helpers/cli.js';

const out = mkdtempSync(path.join(tmpdir(), 'storeshots-report-'));
const profile = mkdtempSync(path.join(tmpdir(), 'storeshots-chromium-'));
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

const images: ImageRecord[] = [];
const XSS = '<img src=x onerror="window.__xss=1"></script><script>window.__xss=2</script>';

const src = (id: keyof typeof SOURCES) => ({ source: SOURCES[id].url, verified: SOURCES[id].verified });
const findings: Finding[] = [
  {
    rule: 'appstore.alpha-channel',
    severity: 'error',
    message: 'de-DE/appstore.iphone_6_9/02-stats.png has an alpha channel',
    path: 'de-DE/appstore.iphone_6_9/02-stats.png',
    locale: 'de-DE',
    preset: 'appstore.iphone_6_9',
    slide: 'stats',
    ...src('appleSpecs'),
  },
  {
    rule: 'text.overflow',
    severity: 'error',
    message: `en-US/play.phone/01-home.png: the headline "${XSS}" does not fit`,
    path: 'en-US/play.phone/01-home.png',
    locale: 'en-US',
    preset: 'play.phone',
    slide: 'home',
    ...src('storeshotsRules'),
  },
  {
    rule: 'play.promo-eligibility',
    severity: 'warning',
    message: 'en-US Android phone has 2 screenshot(s)',
    locale: 'en-US',
    preset: 'play.phone',
    ...src('playPreview'),
  },
  {
    rule: 'appstore.required-slot',
    severity: 'warning',
    message: 'The manifest has no iPhone 6.3" set',
    ...src('appleSpecs'),
  },
];

beforeAll(async () => {
  const slides = ['home', 'stats'];
  for (const locale of ['en-US', 'de-DE']) {
    for (const [preset, w, h] of [
      ['appstore.iphone_6_9', 1320, 2868],
      ['play.phone', 1080, 1920],
    ] as const) {
      for (const [k, slide] of slides.entries()) {
        const rel = `${locale}/${preset}/0${k + 1}-${slide}.png`;
        await writeImage(path.join(out, rel), { width: w, height: h });
        images.push({
          path: rel,
          locale,
          preset,
          slide,
          index: k + 1,
          width: w,
          height: h,
          format: 'png',
          bytes: 1000,
          sha256: 'x',
          cached: k === 1,
        });
      }
    }
  }
  writeReport(out, buildReport(images, findings), { title: `Habitual <b>&</b>` });
  context = await openChromium(profile, { width: 1280, height: 900 });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(pathToFileURL(path.join(out, 'report.html')).href);
});

afterAll(async () => {
  await context?.close();
  rmSync(out, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
});

// The page's DOM, typed by hand: the project compiles without the DOM library.
type El = { dataset: Record<string, string | undefined>; getBoundingClientRect(): { top: number; bottom: number } };
type Img = { complete: boolean; naturalWidth: number };
type Doc = { querySelector(s: string): unknown; getElementById(id: string): unknown };
type Win = { innerHeight: number; __xss?: number; document: Doc };

const highlighted = () => page.$$eval('.card.highlight', (els) => els.map((e) => (e as unknown as El).dataset.path));

describe('report.html in Chromium', () => {
  it('shows every image of the run, loaded from its path beside the report', async () => {
    const cards = await page.$$('.card');
    expect(cards).toHaveLength(images.length);
    for (const card of cards) {
      await card.scrollIntoViewIfNeeded();
      const img = await card.$('img');
      await page.waitForFunction(
        (el) => (el as unknown as Img).complete && (el as unknown as Img).naturalWidth > 0,
        img,
      );
      const box = await img!.boundingBox();
      expect(box!.width).toBeGreaterThan(50);
      expect(box!.height).toBeGreaterThan(50);
    }
    const shown = await page.$$eval('.card img', (els) =>
      els.map((e) => ({ src: e.getAttribute('src'), w: (e as unknown as Img).naturalWidth })),
    );
    expect(shown.map((s) => s.src).sort()).toEqual(images.map((i) => i.path).sort());
    for (const s of shown) expect(s.w).toBeGreaterThan(0);
  });

  it('shows each finding on the image it concerns and escapes user text', async () => {
    const onCard = await page.$eval(
      '.card[data-path="de-DE/appstore.iphone_6_9/02-stats.png"] .card-findings',
      (e) => e.textContent,
    );
    expect(onCard).toContain('appstore.alpha-channel');
    expect(onCard).toContain('verified 2026-10-10');
    const text = await page.$eval(
      '.card[data-path="en-US/play.phone/01-home.png"] .card-findings',
      (e) => e.textContent,
    );
    expect(text).toContain(XSS);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.title()).toBe('storeshots report: Habitual <b>&</b>');
    expect(consoleErrors).toEqual([]);
  });

  it('clicking a finding highlights its image; a set-level finding highlights its set', async () => {
    await page.click('#findings .finding[data-path="de-DE/appstore.iphone_6_9/02-stats.png"] .msg');
    expect(await highlighted()).toEqual(['de-DE/appstore.iphone_6_9/02-stats.png']);
    const inView = await page.$eval('.card.highlight', (el) => {
      const r = (el as unknown as El).getBoundingClientRect();
      return r.top < (globalThis as unknown as Win).innerHeight && r.bottom > 0;
    });
    expect(inView).toBe(true);
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'report-html-highlight.png') });
    await page.click('#findings .finding[data-preset="play.phone"]:not([data-path]) .msg');
    expect((await highlighted())!.sort()).toEqual(['en-US/play.phone/01-home.png', 'en-US/play.phone/02-stats.png']);
  });

  it('filters by severity, locale and preset', async () => {
    const visible = () =>
      page.$$eval('.card:not(.hidden)', (els) => els.map((e) => (e as unknown as El).dataset.path).sort());
    await page.selectOption('#f-severity', 'error');
    expect(await visible()).toEqual(['de-DE/appstore.iphone_6_9/02-stats.png', 'en-US/play.phone/01-home.png']);
    expect(
      await page.$$eval('#findings .finding:not(.hidden)', (els) =>
        els.map((e) => (e as unknown as El).dataset.severity),
      ),
    ).toEqual(['error', 'error']);
    await page.selectOption('#f-locale', 'de-DE');
    expect(await visible()).toEqual(['de-DE/appstore.iphone_6_9/02-stats.png']);
    await page.selectOption('#f-severity', 'all');
    await page.selectOption('#f-preset', 'play.phone');
    expect(await visible()).toEqual(['de-DE/play.phone/01-home.png', 'de-DE/play.phone/02-stats.png']);
    expect(await page.isVisible('section.locale[data-locale="en-US"]')).toBe(false);
    await page.selectOption('#f-locale', 'all');
    await page.selectOption('#f-preset', 'all');
    expect(await visible()).toHaveLength(images.length);
  });

  it('opens the full image on click and closes it again', async () => {
    await page.click('.card[data-path="en-US/appstore.iphone_6_9/01-home.png"] .thumb');
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as Win).document;
      const img = doc.querySelector('#viewer img') as Img;
      return (doc.getElementById('viewer') as { open: boolean }).open && img.complete && img.naturalWidth > 0;
    });
    expect(await page.$eval('#viewer img', (e) => (e as unknown as Img).naturalWidth)).toBe(1320);
    expect(await page.textContent('#viewer-caption')).toBe('en-US/appstore.iphone_6_9/01-home.png');
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'report-html-viewer.png') });
    await page.click('#viewer .close');
    expect(await page.$eval('#viewer', (e) => (e as unknown as { open: boolean }).open)).toBe(false);
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'report-html.png'), fullPage: true });
  });
});

describe('report.html text', () => {
  it('escapes text and percent-encodes paths', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(pathUrl('en-US/a #1?.png')).toBe('en-US/a%20%231%3F.png');
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).not.toContain('<script>window.__xss');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});
