// Break data loads when layout needs it (src/render/job.ts computeSetFacts): the phrase models of
// ja/zh always, a language's hyphenation patterns only for a set whose text needs loose breaks. A
// cached re-run computes every set's facts for its cache keys, so loading 20 pattern sets it never
// uses cost it seconds. This file runs in its own module state: nothing is loaded before a test asks.
import { describe, expect, it } from 'vitest';
import { BreakDataNotLoaded, hyphenationPoints } from '../src/render/breaks.js';
import { computeSetFacts } from '../src/render/index.js';
import { setFacts } from '../src/render/layout.js';
import { textMeasurer } from '../src/render/job.js';
import { variant } from './fixtures/render/jobs.js';

const headline = (id: string, locale: string, text: string) =>
  variant(id, { locale, headline: { text, origin: 'inline', locale } });

describe('break data on demand', () => {
  it('leaves the patterns of a set that needs no loose breaks unloaded', async () => {
    const job = headline('de-DE/appstore.iphone_6_9/home', 'nl-NL', 'Elke dag');
    await computeSetFacts([job]);
    expect(() => hyphenationPoints('voedingsmiddelenintolerantiedagboek', 'nl-NL')).toThrow(BreakDataNotLoaded);
  });

  it('loads them for a set that needs them, with the facts of a layout that had them from the start', async () => {
    const long = headline('de-DE/appstore.iphone_6_9/home', 'fi', 'Terveydenhuoltohenkilökunnan suosittelema sovellus');
    expect(() => hyphenationPoints('terveydenhuolto', 'fi')).toThrow(BreakDataNotLoaded);
    const lazy = await computeSetFacts([long]);
    expect(hyphenationPoints('terveydenhuoltohenkilökunnan', 'fi').length).toBeGreaterThan(0);
    expect(lazy).toEqual(setFacts([long], textMeasurer()));
  });
});
