// diff.html in a real browser: Debian's chromium driven by playwright-core opens it from disk
// (file://, no server) inside the --out folder of a real diff, and the test checks what a reviewer
// sees, by the pixels on screen: before left of the slider and after right of it, the slider
// moving that line, the before/after/diff buttons, the filters by status, locale and preset, every
// image loading, and no script injection from a slide name. Screenshots go to test-results/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { openChromium } from './helpers/chromium.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSets } from '../src/diff/index.js';
import type { DiffResult } from '../src/diff/types.js';
import { fillRect, picture, png, writeSet } from './helpers/diff-sets.js';
import { ROOT } from './helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'storeshots-diff-html-'));
const profile = mkdtempSync(path.join(tmpdir(), 'storeshots-chromium-'));
const out = path.join(tmp, 'out');
const XSS = '<img src=x onerror="window.__xss=1"></script><script>window.__xss=2</script>';
const RED: [number, number, number] = [220, 30, 30];
const BLUE: [number, number, number] = [30, 30, 220];
let context: BrowserContext;
let page: Page;
let result: DiffResult;
const consoleErrors: string[] = [];

beforeAll(async () => {
  const W = 300;
  const H = 600;
  const solid = (c: [number, number, number]) => png(fillRect(picture(W, H), 0, 0, W, H, c));
  const small = (k: number) => png(fillRect(picture(W, H, k), 40, 40, 60, 20, [255, 255, 255]));
  const baseSpecs = [];
  const headSpecs = [];
  for (const locale of ['en-US', 'de-DE']) {
    for (const preset of ['appstore.iphone_6_9', 'play.phone']) {
      // home: red before, blue after (the whole picture changed); stats: a small change; photo: same.
      baseSpecs.push(
        { locale, preset, slide: 'home', bytes: await solid(RED) },
        { locale, preset, slide: 'stats', bytes: await png(picture(W, H, 2)) },
      );
      headSpecs.push(
        { locale, preset, slide: 'home', bytes: await solid(BLUE) },
        { locale, preset, slide: 'stats', bytes: await small(2) },
      );
      const photo = await png(picture(W, H, 5));
      baseSpecs.push({ locale, preset, slide: 'photo', bytes: photo });
      headSpecs.push({ locale, preset, slide: 'photo', bytes: photo });
    }
  }
  baseSpecs.push({ locale: 'en-US', preset: 'play.phone', slide: 'old', bytes: await png(picture(W, H, 9)) });
  headSpecs.push({
    locale: 'de-DE',
    preset: 'play.phone',
    slide: XSS,
    path: 'de-DE/play.phone/04 new #1?.png',
    bytes: await png(picture(W, H, 11)),
  });
  await writeSet(path.join(tmp, 'base'), baseSpecs);
  await writeSet(path.join(tmp, 'head'), headSpecs);
  result = await diffSets(path.join(tmp, 'base'), path.join(tmp, 'head'), { outDir: out });

  context = await openChromium(profile, { width: 1400, height: 1000 });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(pathToFileURL(path.join(out, 'diff.html')).href);
}, 120_000);

afterAll(async () => {
  await context?.close();
  rmSync(tmp, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
});

type El = { dataset: Record<string, string | undefined> };
type Img = { naturalWidth: number; getAttribute(n: string): string | null };

/** The colour on screen at a fraction of the width, mid-height, of one card's picture. */
async function colourAt(card: string, fx: number): Promise<[number, number, number]> {
  await page.locator(card).scrollIntoViewIfNeeded();
  await page.$$eval(`${card} img`, (els) =>
    Promise.all(els.map((e) => (e as unknown as { decode(): Promise<void> }).decode())),
  );
  const shot = await page.locator(`${card} .compare`).screenshot();
  const { data, info } = await sharp(shot).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (Math.floor(info.height / 2) * info.width + Math.floor(info.width * fx)) * 3;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}
const near = (c: number[], want: number[]) => c.every((v, k) => Math.abs(v - want[k]!) < 20);
const HOME = '.card[data-status=changed][data-locale="en-US"][data-preset="play.phone"][data-slide="home"]';

describe('diff.html in Chromium', () => {
  it('shows the verdict and a card per changed, added and removed image, every image loaded', async () => {
    expect(await page.textContent('#verdict')).toBe('8 changed · 1 added · 1 removed · 4 unchanged');
    expect(await page.$$eval('.card', (els) => els.map((e) => (e as unknown as El).dataset.status))).toEqual([
      ...Array(8).fill('changed'),
      'added',
      'removed',
    ]);
    // Images load lazily: each card's as it scrolls into view.
    for (const card of await page.$$('.card')) {
      await card.scrollIntoViewIfNeeded();
      await card.$$eval('img', (els) =>
        Promise.all(els.map((e) => (e as unknown as { decode(): Promise<void> }).decode())),
      );
    }
    const imgs = await page.$$eval('img', (els) =>
      els.map((e) => ({ src: (e as unknown as Img).getAttribute('src'), w: (e as unknown as Img).naturalWidth })),
    );
    expect(imgs).toHaveLength(8 * 3 + 2);
    for (const i of imgs) expect(i.w, i.src!).toBe(300);
    // A path with a space, # and ? is percent-encoded, so it still loads from disk.
    expect(imgs.map((i) => i.src)).toContain('added/de-DE/play.phone/04%20new%20%231%3F.png');
  });

  it('shows before left of the slider and after right of it; dragging moves the line', async () => {
    expect(near(await colourAt(HOME, 0.25), RED)).toBe(true);
    expect(near(await colourAt(HOME, 0.75), BLUE)).toBe(true);
    await page.locator(`${HOME} .slider`).fill('10');
    expect(near(await colourAt(HOME, 0.25), BLUE)).toBe(true);
    expect(near(await colourAt(HOME, 0.05), RED)).toBe(true);
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'diff-html-slider.png') });
  });

  it('toggles one card between before, after and the diff highlight', async () => {
    await page.click(`${HOME} button[data-mode=before]`);
    expect(near(await colourAt(HOME, 0.75), RED)).toBe(true);
    await page.click(`${HOME} button[data-mode=after]`);
    expect(near(await colourAt(HOME, 0.05), BLUE)).toBe(true);
    expect(await page.getAttribute(`${HOME} button[data-mode=after]`, 'aria-pressed')).toBe('true');
    await page.click(`${HOME} button[data-mode=diff]`);
    // pixelmatch paints every changed pixel red: the whole picture changed.
    expect(near(await colourAt(HOME, 0.5), [255, 0, 0])).toBe(true);
    await page.click(`${HOME} button[data-mode=slider]`);
    expect(near(await colourAt(HOME, 0.05), RED)).toBe(true);
  });

  it('switches every changed card at once', async () => {
    await page.click('#all-modes button[data-mode=after]');
    expect(
      await page.$$eval('.card[data-status=changed]', (els) => els.map((e) => (e as unknown as El).dataset.mode)),
    ).toEqual(Array(8).fill('after'));
    await page.click('#all-modes button[data-mode=slider]');
  });

  it('filters by status, locale and preset', async () => {
    const visible = () =>
      page.$$eval('.card:not(.hidden)', (els) =>
        els.map(
          (e) =>
            `${(e as unknown as El).dataset.status} ${(e as unknown as El).dataset.locale} ${(e as unknown as El).dataset.preset} ${(e as unknown as El).dataset.slide}`,
        ),
      );
    await page.selectOption('#f-locale', 'de-DE');
    await page.selectOption('#f-preset', 'play.phone');
    expect(await visible()).toEqual([
      'changed de-DE play.phone home',
      'changed de-DE play.phone stats',
      `added de-DE play.phone ${XSS}`,
    ]);
    await page.selectOption('#f-status', 'added');
    expect(await visible()).toEqual([`added de-DE play.phone ${XSS}`]);
    expect(await page.isVisible('section#changed')).toBe(false);
    await page.selectOption('#f-status', 'removed');
    expect(await visible()).toEqual([]);
    expect(await page.isVisible('#none-shown')).toBe(true);
    await page.selectOption('#f-status', 'all');
    await page.selectOption('#f-locale', 'all');
    await page.selectOption('#f-preset', 'all');
    expect(await visible()).toHaveLength(10);
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'diff-html.png'), fullPage: true });
  });

  it('runs no script from user text and logs no error (its CSP allows its own script)', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.textContent('.card[data-status=added] figcaption strong')).toContain(XSS);
    expect(consoleErrors).toEqual([]);
    expect(result.added[0]!.slide).toBe(XSS);
  });
});
