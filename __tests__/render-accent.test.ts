// `**accent**` inside an Arabic word: the word is shaped once (its letters join across the colour
// change) and coloured by position. Checked against Chromium drawing the same span with the same
// font file: where each colour's ink starts and ends along the line.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSetFacts, layoutJob } from '../src/render/index.js';
import { createMeasurer } from '../src/render/measure.js';
import { drawJob, releaseCanvas } from '../src/render/draw.js';
import type { Job } from '../src/plan/types.js';
import { variant } from './fixtures/render/jobs.js';
import { openTextPage, type TextPage } from './helpers/chromium-text.js';

const SIZE = 90;
const BG = '#1e3a8a';
const tm = createMeasurer();

/** A portrait canvas (text-top keeps the whole width as the column) with the headline at SIZE px. */
function job(locale: string, text: string, width = 1000): Job {
  return variant(
    'ar/play.phone/home',
    {
      locale,
      rtl: true,
      screenshot: undefined,
      size: { width, height: Math.round(width * 1.25) },
      headline: { text, origin: 'inline', locale },
      subtitle: undefined,
    },
    {
      background: { color: BG },
      headline: { color: '#ffffff', accent: '#ffff00', size: SIZE, 'min-size': SIZE, weight: 700, 'max-lines': 1 },
    },
  );
}

/** x extents of white (base) and yellow (accent) ink in an RGBA image. */
function extents(data: ArrayLike<number>, width: number, height: number) {
  const base = [Infinity, -Infinity];
  const accent = [Infinity, -Infinity];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      const into = r > 200 && g > 200 ? (b > 200 ? base : b < 90 ? accent : undefined) : undefined;
      if (!into) continue;
      into[0] = Math.min(into[0]!, x);
      into[1] = Math.max(into[1]!, x);
    }
  }
  const left = Math.min(base[0]!, accent[0]!);
  return { base: [base[0]! - left, base[1]! - left], accent: [accent[0]! - left, accent[1]! - left] };
}

async function ours(locale: string, raw: string) {
  const j = job(locale, raw);
  const layout = layoutJob({ job: j, facts: await computeSetFacts([j]), measurer: tm });
  const { canvas, text } = await drawJob(j, layout, { shots: {} });
  const { data, width, height } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  const out = { ...extents(data, width, height), overflow: text[0]!.overflow, lines: text[0]!.lines };
  releaseCanvas(canvas);
  return out;
}

let chromium: TextPage;
beforeAll(async () => {
  chromium = await openTextPage(['Inter.var.ttf', 'NotoSansArabic-Bold.ttf', 'NotoNastaliqUrdu-Bold.ttf'], {
    width: 1000,
    height: 300,
  });
});
afterAll(async () => {
  await chromium?.close();
});

async function chromiums(locale: string, raw: string) {
  const html = raw.replace(/\*\*(.+?)\*\*/g, '<b>$1</b>');
  await chromium.show(
    `<p dir="rtl" lang="${locale}">${html}</p>`,
    `body{background:${BG}}p{margin:40px;font:700 ${SIZE}px "ss-Inter",${locale === 'ur' ? '"ss-NotoNastaliqUrdu",' : ''}"ss-NotoSansArabic";color:#fff}b{color:#ff0;font-weight:inherit}`,
  );
  const { data, info } = await sharp(await chromium.page.screenshot())
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return extents(data, info.width, info.height);
}

describe('an accent inside an Arabic word', () => {
  for (const [locale, raw] of [
    ['ar', 'ب**صحتك**'],
    ['ar', 'ال**عادات**'],
    ['ar', 'ابدأ ب**صحتك** اليوم'],
    ['fa', 'با **عادت**‌های خوب'],
    ['ur', 'ہر **عادت** پر'],
  ] as const) {
    it(`${locale} ${raw}: joined, each colour where Chromium puts it`, async () => {
      const a = await ours(locale, raw);
      const b = await chromiums(locale, raw);
      // Within 4% of the type size (anti-aliasing and rounding, not a glyph), plus the difference
      // of a space: Chromium takes a space between Arabic words from the script's font (Noto Sans
      // Arabic 23.4 px, Noto Nastaliq Urdu 13.5 px at 90 px), the canvas from the first family of
      // the chain that has one, Inter (20.9 px).
      const space = (family: string) =>
        tm.width(' ', { chain: [family], weight: 700, size: SIZE, lang: locale, letterSpacing: 0 });
      const perSpace = Math.abs(space('ss-inter') - space(locale === 'ur' ? 'ss-nastaliq' : 'ss-arabic'));
      const tol = SIZE * 0.04 + (raw.match(/ /g)?.length ?? 0) * (perSpace + 0.5);
      for (const k of ['base', 'accent'] as const) {
        expect(Math.abs(a[k][0]! - b[k][0]!), `${k} start: ours ${a[k]} Chromium ${b[k]}`).toBeLessThan(tol);
        expect(Math.abs(a[k][1]! - b[k][1]!), `${k} end: ours ${a[k]} Chromium ${b[k]}`).toBeLessThan(tol);
      }
      expect(a.overflow).toBe(false);
    });
  }

  // An accent inside a Nastaliq word is not compared with Chromium pixel by pixel: its letters
  // reach far past their advances (the dots of ی sit under the ت before it), so colouring by
  // advance range and Chromium's colouring by glyph differ there (by 7 px at 90 px for
  // عادت**یں**). The word still joins:
  for (const raw of ['عادت**یں**', 'ہر **عادت** پر', 'Habitual 🚀 کے ساتھ **عادتیں** بنائیں']) {
    it(`ur (Nastaliq) ${raw}: the line is as wide as the text without markers`, async () => {
      const j = job('ur', raw, 1600);
      const layout = layoutJob({ job: j, facts: await computeSetFacts([j]), measurer: tm });
      const block = layout.blocks[0]!;
      expect(block.font.chain.indexOf('ss-nastaliq')).toBeLessThan(block.font.chain.indexOf('ss-arabic'));
      expect(block.lines).toHaveLength(1);
      expect(block.lines[0]!.width).toBeCloseTo(tm.width(raw.replaceAll('**', ''), block.font), 3);
      expect(block.lines[0]!.runs.flatMap((r) => r.accentX)).toHaveLength(1);
    });
  }

  it('measures the line joined: its width is that of the word without the markers, and it does not overflow', async () => {
    // A column just wide enough for the joined word at the minimum size (1.5% to spare).
    const word = 'ال**عادات**والصحة';
    const font = {
      chain: tm.chain({}, job('ar', word)),
      weight: 700,
      size: SIZE,
      lang: 'ar',
      letterSpacing: 0,
    };
    const joined = tm.width(word.replaceAll('**', ''), font);
    // The column is the width less 7% padding on each side.
    const tight = job('ar', word, Math.ceil((joined * 1.015) / 0.86));
    const layout = layoutJob({ job: tight, facts: await computeSetFacts([tight]), measurer: tm });
    const block = layout.blocks[0]!;
    expect(block.font.size).toBe(SIZE);
    expect(block.lines).toHaveLength(1);
    expect(block.lines[0]!.width).toBeCloseTo(joined, 3);
    expect(block.overflow).toBe(false);
  });
});
