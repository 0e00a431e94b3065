// Pixels, within a tolerance: small renders compared with committed golden images (shipped fonts
// only). Regenerate after an intended change with UPDATE_GOLDEN=1 and look at the new files.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderJobToBuffer } from '../src/render/index.js';
import type { Job } from '../src/plan/types.js';
import { FIXTURES, ROOT, variant } from './fixtures/render/jobs.js';
import { iconTheme } from '../src/manifest/icon-theme.js';
import { loadTheme } from '../src/manifest/theme.js';
import { mergeStyle } from '../src/plan/plan.js';

const GOLDEN = path.join(FIXTURES, 'golden');
const text = (t: string, locale: string) => ({ text: t, origin: 'inline' as const, locale });
const shot = (locale: string, device: string, slide: string) =>
  path.join(ROOT, 'examples/habitual/shots', locale, device, `${slide}.png`);

const CASES: Record<string, () => Job[]> = {
  'play-phone-en': () => [variant('en-US/play.phone/home', { size: { width: 540, height: 960 } })],
  'iphone-ar-rtl': () => [variant('ar/appstore.iphone_6_9/home', { size: { width: 440, height: 956 } })],
  'ipad-hi-devanagari-midnight': () => [
    variant(
      'en-US/appstore.ipad_13/stats',
      { locale: 'hi', headline: text('हर आदत पर **नज़र** रखें', 'hi'), size: { width: 516, height: 688 } },
      {
        background: { type: 'radial', gradient: ['#1e3a8a', '#020617'] },
        device: { color: 'titanium', scale: 1.1, 'offset-y': 0.06 },
      },
    ),
  ],
  // Right to left with an emoji beside a Latin name (🔥 left of Habitual, as Chromium) and an accent
  // inside Arabic words (the letters join across the colour change).
  'iphone-ar-emoji-accent': () => [
    variant('ar/appstore.iphone_6_9/home', {
      size: { width: 440, height: 956 },
      headline: text('بـ Habitual 🔥 ب**صحتك** مع ال**عادات**', 'ar'),
    }),
  ],
  'feature-graphic-ar-emoji': () => [
    variant(
      'ar/play.phone/home',
      {
        presetId: 'play.feature_graphic',
        device: 'none',
        size: { width: 1024, height: 500 },
        headline: text('ابدأ ب**صحتك** مع Habitual 🚀', 'ar'),
        subtitle: undefined,
      },
      { layout: 'feature', device: { frame: 'android-phone', tilt: -8 } },
    ),
  ],
  'feature-graphic': () => [
    variant(
      'en-US/play.phone/home',
      {
        presetId: 'play.feature_graphic',
        device: 'none',
        size: { width: 1024, height: 500 },
        headline: text('Build habits that stick', 'en-US'),
        subtitle: undefined,
      },
      {
        layout: 'feature',
        device: { frame: 'android-phone', tilt: -8 },
      },
    ),
  ],
  'glass-frameless-ja': () => [
    variant(
      'ja/appstore.iphone_6_9/photo',
      { size: { width: 330, height: 717 } },
      {
        background: { type: 'mesh', gradient: ['#eef2ff', '#c7d2fe', '#fbcfe8', '#a5f3fc'] },
        headline: { color: '#1e1b4b' },
        device: { frame: 'none', scale: 0.92 },
      },
    ),
  ],
  // Issue 21's layouts (docs/layouts.md), at a small Play phone size.
  'bleed-bottom': () => [
    variant('en-US/play.phone/home', { size: { width: 540, height: 960 } }, { device: { bleed: 'bottom' } }),
  ],
  'fan-ar-rtl': () => [
    variant(
      'ar/play.phone/home',
      {
        size: { width: 540, height: 960 },
        secondScreenshot: shot('ar', 'android-phone', 'stats'),
        thirdScreenshot: shot('ar', 'android-phone', 'photo'),
      },
      { layout: 'fan' },
    ),
  ],
  'phone-tablet': () => [
    variant(
      'en-US/appstore.iphone_6_9/home',
      { size: { width: 440, height: 956 }, secondScreenshot: shot('en-US', 'ipad', 'home') },
      { layout: 'phone-tablet' },
    ),
  ],
  'feature-list-ar': () => [
    variant(
      'ar/play.phone/home',
      {
        size: { width: 540, height: 960 },
        screenshot: undefined,
        content: {
          items: [
            { icon: '🔥', text: text('سلاسل تبقيك مستمرًا', 'ar') },
            { icon: '⏰', text: text('تذكيرات لطيفة', 'ar') },
            { icon: '📊', text: text('إحصاءات أسبوعية', 'ar') },
          ],
        },
      },
      { layout: 'feature-list', background: { gradient: ['#1e1b4b', '#4338ca'], angle: 170 } },
    ),
  ],
  stats: () => [
    variant(
      'en-US/play.phone/stats',
      {
        size: { width: 540, height: 960 },
        screenshot: undefined,
        content: {
          stats: [
            { value: text('2M+', 'en-US'), label: text('habits tracked every day', 'en-US') },
            { value: text('120', 'en-US'), label: text('countries', 'en-US') },
          ],
        },
      },
      { layout: 'stats' },
    ),
  ],
  'before-after': () => [
    variant(
      'en-US/play.phone/home',
      {
        size: { width: 540, height: 960 },
        secondScreenshot: shot('en-US', 'android-phone', 'stats'),
        content: { labels: { before: text('Before', 'en-US'), after: text('After', 'en-US') } },
      },
      { layout: 'before-after' },
    ),
  ],
  'quote-proof': () => [
    variant(
      'en-US/appstore.iphone_6_9/photo',
      {
        size: { width: 440, height: 956 },
        screenshot: undefined,
        content: {
          award: text('App of the Day', 'en-US'),
          rating: { stars: 4.6, count: text('12,400 ratings', 'en-US') },
          quote: {
            text: text('The habit tracker that finally made it stick.', 'en-US'),
            source: text('The Daily Review', 'en-US'),
          },
        },
      },
      { layout: 'quote', background: { gradient: ['#111827', '#4338ca'], angle: 160 } },
    ),
  ],
  'panoramic-two-devices': () => {
    const style = {
      layout: 'two-devices' as const,
      background: { gradient: ['#0f766e', '#4f46e5', '#db2777'], angle: 90, panoramic: true },
    };
    return [variant('en-US/play.phone/stats', { size: { width: 540, height: 960 }, index: 2, count: 2 }, style)];
  },
  // Issue #21: a magnifying bubble at the end side (left in Arabic) with its connector, over a clean status bar.
  'callout-bubble-ar-rtl': () => [
    variant('ar/appstore.iphone_6_9/home', {
      size: { width: 440, height: 956 },
      callouts: [{ x: 460, y: 628, width: 400, height: 400, scale: 1.5, position: 'end' }],
    }),
  ],
  // The captured status bar hidden (painted over) on Android, text colour auto on a light slide background.
  'status-bar-hide-auto-text': () => [
    variant(
      'en-US/play.phone/stats',
      { size: { width: 540, height: 960 } },
      { 'status-bar': 'hide', background: { gradient: ['#fef3c7', '#fde68a'] } },
    ),
  ],
  // The dark appearance of the paper theme: appearance-style's dark background makes the headline auto (light).
  'paper-dark-appearance': () => [
    variant(
      'en-US/appstore.iphone_6_9/stats',
      { size: { width: 440, height: 956 }, appearance: 'dark', alternate: true },
      {
        background: { type: 'linear', gradient: ['#0b1020', '#1e1b4b'], angle: 180 },
        headline: { color: 'auto', 'auto-prefer': '#111827', accent: '#e11d48' },
        device: { color: 'titanium' },
      },
    ),
  ],
  // theme: from-icon on a blue icon with a yellow dot: white text on a deepened blue, the dot's yellow as accent.
  'from-icon-blue': () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ss-golden-icon-')), 'icon.png');
    const S = 64;
    const png = new PNG({ width: S, height: S });
    for (let y = 0; y < S; y++)
      for (let x = 0; x < S; x++)
        png.data.set([...(Math.hypot(x - 32, y - 32) < 14 ? [250, 204, 21] : [37, 99, 235]), 255], (y * S + x) * 4);
    writeFileSync(file, PNG.sync.write(png));
    const theme = iconTheme(file, loadTheme('aurora', ROOT));
    const job = variant('en-US/play.phone/home', { size: { width: 540, height: 960 }, theme: theme.name });
    return [
      { ...job, style: mergeStyle(job.style, theme.style, { headline: { color: theme.style.headline?.color } }) },
    ];
  },
};

async function rgba(buf: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(buf).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('golden images', () => {
  for (const [name, make] of Object.entries(CASES)) {
    it(`${name} matches its golden image`, async (ctx) => {
      const [job] = make();
      const { buffer } = await renderJobToBuffer(job!, [job!]);
      const file = path.join(GOLDEN, `${name}.png`);
      if (process.env.UPDATE_GOLDEN) {
        // Writing a golden is not a check: report the test as skipped, never as passed against itself.
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, buffer);
        ctx.skip(
          `UPDATE_GOLDEN: wrote ${path.relative(process.cwd(), file)}; look at it, commit it, and run again without UPDATE_GOLDEN`,
        );
        return;
      }
      if (!existsSync(file))
        throw new Error(`no golden image ${file}: run with UPDATE_GOLDEN=1, look at it, commit it`);
      const a = await rgba(buffer);
      const b = await rgba(await sharp(file).toBuffer());
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      const diff = pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.1 });
      // Anti-aliasing may differ across Skia builds; a changed layout moves far more than 0.5%.
      expect(diff / (a.width * a.height)).toBeLessThan(0.005);
    });
  }
});
