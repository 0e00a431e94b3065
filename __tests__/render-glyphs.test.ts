// Every script of the 50 App Store locales renders with shipped fonts only, and a character no
// font covers is refused with the character named (never tofu).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPSTORE_LOCALES, isRtlLocale } from '../src/store/locales.js';
import { checkGlyphs, computeSetFacts, layoutJob } from '../src/render/index.js';
import { createMeasurer } from '../src/render/measure.js';
import { missingGlyphs } from '../src/render/fonts.js';
import { drawJob } from '../src/render/draw.js';
import { FIXTURES, variant } from './fixtures/render/jobs.js';

const headlines = JSON.parse(readFileSync(path.join(FIXTURES, 'headlines.json'), 'utf8')) as Record<string, string>;

describe('glyph coverage', () => {
  it('has a sample headline for each of the 50 App Store locales', () => {
    expect(Object.keys(headlines).sort()).toEqual([...APPSTORE_LOCALES].sort());
  });

  const tm = createMeasurer();
  for (const locale of APPSTORE_LOCALES) {
    it(`renders ${locale} with no missing glyph`, async () => {
      const text = headlines[locale]!;
      const job = variant('en-US/play.phone/stats', {
        locale,
        rtl: isRtlLocale(locale),
        headline: { text, origin: 'inline', locale },
        screenshot: undefined,
        size: { width: 540, height: 960 },
      });
      expect(missingGlyphs(text, tm.chain(job.style.headline ?? {}, job))).toEqual([]);
      expect(() => checkGlyphs([job])).not.toThrow();
      const layout = layoutJob({ job, facts: await computeSetFacts([job]), measurer: tm });
      const { text: info } = await drawJob(job, layout, { shots: {} });
      expect(info[0]!.lines.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      expect(info[0]!.overflow).toBe(false);
    });
  }

  it('refuses a character no shipped font covers, naming it and the slide', () => {
    const job = variant('en-US/play.phone/home', {
      headline: { text: 'Pyramids 𓀀 and ꙮ', origin: 'inline', locale: 'en-US' },
    });
    expect(() => checkGlyphs([job])).toThrowError(/en-US\/play\.phone\/home headline: no font covers "𓀀" \(U\+13000\)/);
    expect(missingGlyphs('Pyramids 𓀀', createMeasurer().chain({}, job))).toEqual(['𓀀']);
  });

  it('treats joiners and variation selectors as needing no glyph of their own', () => {
    const job = variant('en-US/play.phone/home');
    expect(missingGlyphs('👩‍💻 ❤️ क्‍ष', createMeasurer().chain({}, job))).toEqual([]);
  });
});
