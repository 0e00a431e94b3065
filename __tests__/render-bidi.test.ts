// Right-to-left text with emoji outside the BMP and Latin names: our visual order (bidi-js with
// surrogate pairs classified by code point) against Chromium's on the same strings and fonts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bidiLevels, visualRuns, type VisualRun } from '../src/render/text.js';
import { computeSetFacts, layoutJob } from '../src/render/index.js';
import { createMeasurer } from '../src/render/measure.js';
import { variant } from './fixtures/render/jobs.js';
import { openTextPage, type TextPage } from './helpers/chromium-text.js';

const CASES: Array<[locale: string, text: string]> = [
  ['ar', 'بـ Habitual 🔥'],
  ['ar', '🚀 ابدأ مع Habitual اليوم'],
  ['ar', 'وفّر 50% مع Habitual Pro 💪'],
  ['he', 'עקבו אחרי Habitual 💪 כל יום'],
  ['he', 'Habitual 🔥'],
  ['fa', 'با Habitual 🔥 عادت بساز'],
  ['ur', 'Habitual 🚀 کے ساتھ عادتیں بنائیں'],
  // A code point outside the BMP that is itself strongly left-to-right (CJK Extension B).
  ['ar', 'اسم 𠮷野 في التطبيق'],
];

const graphemes = (t: string) =>
  [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(t)].map((s) => s.segment);

/** The non-space characters (grapheme clusters) of a line, left to right, as our runs place them. */
function ourOrder(text: string, runs: VisualRun[]): string[] {
  return runs.flatMap((r) => {
    const cps = graphemes(text.slice(r.start, r.end));
    return (r.rtl ? cps.reverse() : cps).filter((c) => c.trim() !== '');
  });
}

let chromium: TextPage;
beforeAll(async () => {
  chromium = await openTextPage(['Inter.var.ttf', 'NotoSansArabic-Bold.ttf', 'NotoSansHebrew-Bold.ttf']);
});
afterAll(async () => {
  await chromium?.close();
});

/** Chromium's order: each grapheme cluster's box centre, sorted left to right. */
async function chromiumOrder(text: string, locale: string): Promise<string[]> {
  await chromium.show(
    `<p id="t" dir="rtl" lang="${locale}"></p>`,
    'p{font:700 40px "ss-Inter","ss-NotoSansArabic","ss-NotoSansHebrew";white-space:nowrap;display:inline-block}',
  );
  // Runs in the page (a string: the tests are compiled without the DOM's types).
  const inPage = `((t) => {
    const p = document.getElementById('t');
    p.textContent = t;
    const node = p.firstChild;
    const out = [];
    let i = 0;
    for (const { segment: ch } of new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(t)) {
      const r = document.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + ch.length);
      const b = r.getBoundingClientRect();
      if (ch.trim() !== '') out.push([b.left + b.width / 2, ch]);
      i += ch.length;
    }
    return out.sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  })(${JSON.stringify(text)})`;
  return chromium.page.evaluate<string[]>(inPage);
}

describe('bidi order of emoji and Latin names in RTL text', () => {
  for (const [locale, text] of CASES) {
    it(`${locale}: ${text} is ordered as Chromium orders it`, async () => {
      const runs = visualRuns(text, bidiLevels(text, true), 0, text.length, []);
      expect(ourOrder(text, runs)).toEqual(await chromiumOrder(text, locale));
    });
  }

  it('puts the fire emoji left of the brand name: 🔥 Habitual بـ', () => {
    const text = 'بـ Habitual 🔥';
    const runs = visualRuns(text, bidiLevels(text, true), 0, text.length, []);
    expect(runs.map((r) => text.slice(r.start, r.end).trim())).toEqual(['🔥', 'Habitual', 'بـ']);
  });

  it('does so on the feature graphic too', async () => {
    const text = 'بـ Habitual 🔥';
    const job = variant(
      'ar/play.phone/home',
      {
        presetId: 'play.feature_graphic',
        device: 'none',
        size: { width: 1024, height: 500 },
        headline: { text, origin: 'inline', locale: 'ar' },
        subtitle: undefined,
      },
      { layout: 'feature' },
    );
    const tm = createMeasurer();
    const layout = layoutJob({ job, facts: await computeSetFacts([job]), measurer: tm });
    const headline = layout.blocks.find((b) => b.kind === 'headline')!;
    expect(headline.lines).toHaveLength(1);
    const runs = headline.lines[0]!.runs;
    const x = (s: string) => runs.find((r) => r.text.includes(s))!.x;
    expect(x('🔥')).toBeLessThan(x('Habitual'));
    expect(x('Habitual')).toBeLessThan(x('بـ'));
  });
});
