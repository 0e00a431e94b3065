// Every locale App Store Connect or Play lists renders with shipped fonts only (a natural
// headline in its script, 0 missing glyphs), and a character no font covers is refused with the
// character named (never tofu).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPSTORE_LOCALES, PLAY_LOCALES, isRtlLocale } from '../src/store/locales.js';
import { checkGlyphs, computeSetFacts, layoutJob } from '../src/render/index.js';
import { createMeasurer } from '../src/render/measure.js';
import { missingGlyphs } from '../src/render/fonts.js';
import * as fontkit from 'fontkit';
import { familyFiles, resolveChain } from '../src/render/coverage.js';
import { drawJob } from '../src/render/draw.js';
import { FIXTURES, variant } from './fixtures/render/jobs.js';

const headlines = JSON.parse(readFileSync(path.join(FIXTURES, 'headlines.json'), 'utf8')) as Record<string, string>;

const STORE_LOCALES = [...new Set([...APPSTORE_LOCALES, ...PLAY_LOCALES])].sort();

describe('glyph coverage', () => {
  it('has a sample headline for each locale of App Store Connect (50) and Play', () => {
    expect(Object.keys(headlines).sort()).toEqual(STORE_LOCALES);
  });

  const tm = createMeasurer();
  for (const locale of STORE_LOCALES) {
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

  // A family's regular and bold files must cover the same characters, or a subtitle (regular)
  // mixes in bold glyphs from the next file: zh-HK's 嘅 咗 冇 嚟 啲 喺 佢 哋, Korean 똠 햏,
  // Japanese names 髙 﨑 𠮷 were once missing from the regular CJK subset.
  for (const locale of STORE_LOCALES) {
    it(`covers ${locale} in both weights of the family that draws it`, () => {
      const chain = resolveChain({ locale, userFonts: [] });
      const faces = new Map<string, fontkit.Font[]>();
      const open = (alias: string) => {
        let f = faces.get(alias);
        if (!f) faces.set(alias, (f = familyFiles(alias).map((file) => fontkit.openSync(file) as fontkit.Font)));
        return f;
      };
      const mixed: string[] = [];
      for (const ch of headlines[locale]!.replace(/\s/g, '')) {
        const cp = ch.codePointAt(0)!;
        const family = chain.find((a) => open(a).some((f) => f.hasGlyphForCodePoint(cp)));
        const files = family ? open(family) : [];
        if (files.length > 1 && !files.every((f) => f.hasGlyphForCodePoint(cp))) mixed.push(`${ch} (${family})`);
      }
      expect(mixed).toEqual([]);
    });
  }

  it('sets Urdu in Nastaliq (Noto Nastaliq Urdu), the other Arabic-script languages in Naskh', () => {
    const urdu = headlines['ur-PK']!.replace(/\s/g, '');
    for (const [locale, family] of [
      ['ur-PK', 'ss-nastaliq'],
      ['ur', 'ss-nastaliq'],
      ['ar-SA', 'ss-arabic'],
      ['fa', 'ss-arabic'],
    ] as const) {
      const chain = resolveChain({ locale, userFonts: [] });
      const first = chain.find((a) => missingGlyphs(urdu, [a]).length === 0);
      expect(first, locale).toBe(family);
    }
  });

  it('gives Nastaliq a line height of 1.6 when the style sets none (1.2 elsewhere), and keeps a style’s own', async () => {
    const lineHeight = async (locale: string, lh: number | undefined) => {
      const j = variant('en-US/play.phone/stats', {
        locale,
        rtl: isRtlLocale(locale),
        headline: { text: headlines[locale]!, origin: 'inline', locale },
        screenshot: undefined,
        size: { width: 540, height: 960 },
      });
      const job = { ...j, style: { ...j.style, headline: { ...j.style.headline, 'line-height': lh } } };
      const b = layoutJob({ job, facts: await computeSetFacts([job]), measurer: tm }).blocks[0]!;
      return b.lineHeight / b.font.size;
    };
    expect(await lineHeight('ur-PK', undefined)).toBeCloseTo(1.6, 6);
    expect(await lineHeight('ar-SA', undefined)).toBeCloseTo(1.2, 6);
    expect(await lineHeight('ur-PK', 1.3)).toBeCloseTo(1.3, 6);
  });

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
