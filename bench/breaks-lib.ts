// What bench/breaks.mjs times: loading each language's break data, and breaking and fitting the
// typography corpus with the real measurer (strict and loose pieces, fit, balanced wrap).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadBreakData } from '../src/render/breaks.js';
import { createMeasurer } from '../src/render/measure.js';
import { chooseWrap, fitSize, pieces, REF_SIZE } from '../src/render/text.js';
import { familyChain } from '../src/render/fonts.js';

export async function loadTimes(locales: string[]): Promise<Array<{ locale: string; ms: number }>> {
  const out = [];
  for (const locale of locales) {
    const t = performance.now();
    await loadBreakData([locale]);
    out.push({ locale, ms: performance.now() - t });
  }
  return out;
}

/** Milliseconds to break, fit and wrap every corpus block once (measuring cache warm after the first round). */
export async function layoutCorpus(
  root: string,
  rounds: number,
): Promise<{ blocks: number; firstMs: number; warmMs: number }> {
  const corpus = JSON.parse(readFileSync(path.join(root, '__tests__/fixtures/typography/corpus.json'), 'utf8')) as {
    size: number;
    width: number;
    blocks: Array<{ locale: string; text: string }>;
  };
  const tm = createMeasurer();
  await loadBreakData(corpus.blocks.map((b) => b.locale));
  const once = () => {
    for (const b of corpus.blocks) {
      const font = {
        chain: familyChain({ locale: b.locale, userFonts: [] }),
        weight: 800,
        size: REF_SIZE,
        lang: b.locale,
        letterSpacing: 0,
      };
      const m = (t: string) => tm.width(t, font);
      const strict = pieces(b.text, b.locale, m);
      const loose = pieces(b.text, b.locale, m, true);
      const size = fitSize({ pieces: strict, loose, maxWidth: corpus.width, maxLines: 3, maxSize: 90, minSize: 40 });
      chooseWrap({ strict, loose }, corpus.width, 3, size / REF_SIZE);
    }
  };
  let t = performance.now();
  once();
  const firstMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < rounds; i++) once();
  return { blocks: corpus.blocks.length, firstMs, warmMs: (performance.now() - t) / rounds };
}
