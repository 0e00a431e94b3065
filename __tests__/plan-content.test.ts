// A slide's content (src/plan/content.ts) from src/: each text resolved per locale with the manifest
// path of its field (so a missing translation names it), the texts lint and glyph coverage see, what
// of it keys the render cache, the plain strings a remote render request carries and back, and which
// layouts need which content.
import { describe, expect, it } from 'vitest';
import {
  contentFromText,
  contentKey,
  contentTexts,
  contentToText,
  missingContent,
  resolveContent,
  withoutDevice,
} from '../src/plan/content.js';
import type { ResolvedText } from '../src/plan/types.js';
import type { SlideEntry } from '../src/manifest/types.js';

/** A resolver that records every field path it was asked for and answers `<path>@de` (none for "-"). */
function resolver() {
  const asked: string[] = [];
  const resolve = (value: unknown, fp: Array<string | number>): ResolvedText | undefined => {
    asked.push(fp.join('.'));
    if (value === undefined || value === '-') return undefined;
    return { text: `${String(value)}@de`, origin: 'inline', locale: 'de-DE' };
  };
  return { asked, resolve };
}
const de = (text: string): ResolvedText => ({ text, origin: 'inline', locale: 'de-DE' });
const EMPTY: ResolvedText = { text: '', origin: 'inline', locale: '' };

describe('resolveContent', () => {
  it('resolves every text of every kind at its own manifest path', () => {
    const r = resolver();
    const c = resolveContent(
      {
        items: [{ icon: '⭐', text: 'Fast' }, { text: 'Free' }],
        stats: [{ value: '4.9', label: 'rating' }, { value: '1M' }],
        quote: { text: 'Love it', source: 'Ann' },
        rating: { stars: 4.5, count: '2k' },
        award: 'Best app',
        labels: { before: 'Old', after: 'New' },
      } as unknown as SlideEntry,
      ['slides', 2],
      r.resolve,
    );
    expect(c).toEqual({
      items: [{ icon: '⭐', text: de('Fast@de') }, { text: de('Free@de') }],
      stats: [{ value: de('4.9@de'), label: de('rating@de') }, { value: de('1M@de') }],
      quote: { text: de('Love it@de'), source: de('Ann@de') },
      rating: { stars: 4.5, count: de('2k@de') },
      award: de('Best app@de'),
      labels: { before: de('Old@de'), after: de('New@de') },
    });
    expect(r.asked).toEqual([
      'slides.2.items.0.text',
      'slides.2.items.1.text',
      'slides.2.stats.0.value',
      'slides.2.stats.0.label',
      'slides.2.stats.1.value',
      'slides.2.stats.1.label',
      'slides.2.quote.text',
      'slides.2.quote.source',
      'slides.2.rating.count',
      'slides.2.award',
      'slides.2.labels.before',
      'slides.2.labels.after',
    ]);
  });

  it('a required text that resolves to nothing is empty; an optional one is left out; no content is undefined', () => {
    const r = resolver();
    expect(
      resolveContent(
        {
          items: [{ text: '-' }],
          stats: [{ value: '-', label: '-' }],
          quote: { text: '-', source: '-' },
          rating: { stars: 3 },
          award: '-',
          labels: { before: '-' },
        } as unknown as SlideEntry,
        ['slides', 0],
        r.resolve,
      ),
    ).toStrictEqual({
      items: [{ text: EMPTY }],
      stats: [{ value: EMPTY }],
      quote: { text: EMPTY },
      rating: { stars: 3 },
      labels: {},
    });
    expect(resolveContent({} as SlideEntry, ['slides', 0], resolver().resolve)).toBeUndefined();
  });
});

describe('the texts of the content', () => {
  const c = {
    items: [{ icon: '⭐', text: de('Fast') }, { text: de('Free') }],
    stats: [{ value: de('4.9'), label: de('rating') }, { value: de('1M') }],
    quote: { text: de('Love it'), source: de('Ann') },
    rating: { stars: 4.5, count: de('2k') },
    award: de('Best app'),
    labels: { before: de('Old'), after: de('') },
  };

  it('lists each non-empty text with what it is; an item with its icon', () => {
    expect(contentTexts(c).map(([what, t]) => [what, t.text, t.locale])).toEqual([
      ['item', '⭐ Fast', 'de-DE'],
      ['item', ' Free', 'de-DE'],
      ['stat', '4.9', 'de-DE'],
      ['stat label', 'rating', 'de-DE'],
      ['stat', '1M', 'de-DE'],
      ['quote', 'Love it', 'de-DE'],
      ['quote source', 'Ann', 'de-DE'],
      ['rating count', '2k', 'de-DE'],
      ['award', 'Best app', 'de-DE'],
      ['before label', 'Old', 'de-DE'],
    ]);
    expect(contentTexts(undefined)).toEqual([]);
    expect(contentTexts({})).toEqual([]);
  });

  it('keys the render cache by the texts and stars, not by where a text was read', () => {
    const k = contentKey(c);
    const elsewhere = contentKey({
      ...c,
      award: { text: 'Best app', origin: 'strings', locale: 'de', key: 'x' } as ResolvedText,
    });
    expect(elsewhere).toEqual(k);
    expect(contentKey({ ...c, award: de('Best App') })).not.toEqual(k);
    expect(contentKey({ ...c, rating: { stars: 4, count: de('2k') } })).not.toEqual(k);
    expect(contentKey({ items: [{ text: de('a') }] })).toEqual({ texts: [['item', ' a']], stars: null });
  });

  it('goes to plain strings for a remote request and back, each text inline in the locale', () => {
    const plain = contentToText(c);
    expect(plain).toEqual({
      items: [{ icon: '⭐', text: 'Fast' }, { text: 'Free' }],
      stats: [{ value: '4.9', label: 'rating' }, { value: '1M' }],
      quote: { text: 'Love it', source: 'Ann' },
      rating: { stars: 4.5, count: '2k' },
      award: 'Best app',
      labels: { before: 'Old', after: '' },
    });
    expect(contentFromText(plain, 'de-DE')).toEqual(c);
    expect(contentFromText({ stats: [{ value: '1' }], quote: { text: 'q' }, rating: { stars: 5 } }, 'fr')).toEqual({
      stats: [{ value: { text: '1', origin: 'inline', locale: 'fr' } }],
      quote: { text: { text: 'q', origin: 'inline', locale: 'fr' } },
      rating: { stars: 5 },
    });
    expect(contentFromText({ award: '' }, 'fr')).toEqual({ award: { text: '', origin: 'inline', locale: 'fr' } });
    expect(contentFromText({}, 'fr')).toEqual({});
  });
});

describe('layouts and their content', () => {
  it('feature-list, stats and quote draw no device; the others do', () => {
    expect(['feature-list', 'stats', 'quote'].map(withoutDevice)).toEqual([true, true, true]);
    expect(['text-top', 'award', 'rating', 'before-after', undefined].map(withoutDevice)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('names the field a content layout needs when the slide lacks it', () => {
    const s = {} as SlideEntry;
    expect(missingContent(s, 'feature-list')).toEqual({ field: 'items', what: 'a list of items ({icon, text})' });
    expect(missingContent(s, 'stats')).toEqual({ field: 'stats', what: 'a list of stats ({value, label})' });
    expect(missingContent(s, 'quote')).toEqual({ field: 'quote', what: 'a quote ({text, source})' });
    expect(missingContent({ quote: { text: 'q' } } as unknown as SlideEntry, 'quote')).toBeUndefined();
    expect(missingContent(s, 'text-top')).toBeUndefined();
    expect(missingContent(s, undefined)).toBeUndefined();
  });
});
