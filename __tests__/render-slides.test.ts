// Layouts of issue 21, as numbers: a device bleeding off the edge, three phones fanned, a phone and
// a tablet, one tilt direction, and the slides without a device (feature list, stats, quote with
// rating and award, before/after), each in right-to-left locales and with one size per set.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBreakData } from '../src/render/index.js';
import { createMeasurer } from '../src/render/measure.js';
import { layoutSlide, slideSetFacts } from '../src/render/slide-layout.js';
import { starBoxes, type Decor } from '../src/render/decor.js';
import type { Job, ResolvedText, SlideContent } from '../src/plan/types.js';
import type { Style } from '../src/manifest/types.js';
import { variant } from './fixtures/render/jobs.js';

const tm = createMeasurer();
beforeAll(() => loadBreakData(['en-US', 'ar']));

const SIZE = { width: 540, height: 960 };
const t = (text: string, locale = 'en-US'): ResolvedText => ({ text, origin: 'inline', locale });
const SHOT = { width: 1080, height: 1920 };
const TABLET_SHOT = { width: 1600, height: 2560 };

function job(style: Style, over: Partial<Job> = {}, locale: 'en-US' | 'ar' = 'en-US'): Job {
  return variant(`${locale}/play.phone/home`, { size: SIZE, subtitle: undefined, ...over }, style);
}
function lay(j: Job, set: Job[] = [j], shots = { primary: SHOT, second: SHOT, third: SHOT }) {
  return layoutSlide({ job: j, facts: slideSetFacts(set, tm), measurer: tm, shots });
}
const centreX = (b: { x: number; width: number }) => b.x + b.width / 2;
const bottom = (b: { y: number; height: number }) => b.y + b.height;

describe('a device bleeding off the canvas', () => {
  it('text-top, bleed bottom: the device starts under the text and runs past the bottom edge, its screen moving with it', () => {
    const plain = lay(job({ layout: 'text-top' }));
    const l = lay(job({ layout: 'text-top', device: { bleed: 'bottom' } }));
    expect(l.devices).toHaveLength(1);
    const [d] = l.devices;
    expect(d!.outer.y).toBeCloseTo(l.deviceArea!.y, 3);
    expect(bottom(d!.outer)).toBeGreaterThan(SIZE.height + 0.15 * d!.outer.height);
    expect(d!.outer.width).toBeGreaterThan(plain.devices[0]!.outer.width);
    expect(centreX(d!.outer)).toBeCloseTo(SIZE.width / 2, 3);
    // The screen keeps its place in the body: same share of the body's width and height.
    const share = (p: typeof d) => [
      (p!.screen.x - p!.outer.x) / p!.outer.width,
      (p!.screen.y - p!.outer.y) / p!.outer.height,
    ];
    expect(share(d)[0]).toBeCloseTo(share(plain.devices[0])[0]!, 6);
    expect(share(d)[1]).toBeCloseTo(share(plain.devices[0])[1]!, 6);
    // The text stays above it, inside the safe area, not overflowing.
    for (const b of l.blocks) {
      expect(b.overflow).toBe(false);
      expect(bottom(b.box)).toBeLessThanOrEqual(d!.outer.y);
    }
  });

  it('text-bottom, bleed top: the device ends above the text and starts above the canvas', () => {
    const l = lay(job({ layout: 'text-bottom', device: { bleed: 'top' } }));
    const [d] = l.devices;
    expect(d!.outer.y).toBeLessThan(0);
    expect(bottom(d!.outer)).toBeCloseTo(bottom(l.deviceArea!), 3);
    expect(l.blocks[0]!.box.y).toBeGreaterThan(bottom(d!.outer));
  });

  it('is the same in right-to-left locales (centred)', () => {
    const ltr = lay(job({ device: { bleed: 'bottom' } }));
    const rtl = lay(job({ device: { bleed: 'bottom' } }, {}, 'ar'));
    expect(rtl.devices[0]!.outer).toEqual(ltr.devices[0]!.outer);
  });
});

describe('several devices', () => {
  it('fan: the slide screenshot in front in the middle, second and third smaller, lower and turned outwards', () => {
    const l = lay(job({ layout: 'fan' }));
    expect(l.devices.map((d) => d.which)).toEqual(['second', 'third', 'primary']);
    const [start, end, centre] = l.devices;
    expect(centre!.tilt).toBe(0);
    expect([start!.tilt, end!.tilt]).toEqual([-9, 9]);
    expect(centreX(centre!.outer)).toBeCloseTo(SIZE.width / 2, 3);
    expect(centreX(start!.outer) + centreX(end!.outer)).toBeCloseTo(SIZE.width, 3);
    expect(start!.outer.width).toBeCloseTo(centre!.outer.width * 0.86, 3);
    expect(start!.outer.y).toBeGreaterThan(centre!.outer.y);
    expect(centreX(start!.outer)).toBeLessThan(centreX(centre!.outer));
  });

  it('fan in right-to-left: mirrored (second on the right), tilts mirrored', () => {
    const ltr = lay(job({ layout: 'fan' }));
    const l = lay(job({ layout: 'fan' }, {}, 'ar'));
    const [start, end] = l.devices;
    expect(centreX(start!.outer)).toBeCloseTo(SIZE.width - centreX(ltr.devices[0]!.outer), 3);
    expect([start!.tilt, end!.tilt]).toEqual([9, -9]);
  });

  it('tilt-direction leans the whole fan one way, and a single device whatever its tilt sign', () => {
    const fan = lay(job({ layout: 'fan', device: { 'tilt-direction': 'right' } }));
    expect(fan.devices.map((d) => d.tilt)).toEqual([3, 12, 7.5]);
    const left = lay(job({ layout: 'fan', device: { 'tilt-direction': 'left' } }));
    expect(left.devices.map((d) => d.tilt)).toEqual([-12, -3, -7.5]);
    expect(lay(job({ device: { tilt: -8, 'tilt-direction': 'right' } })).devices[0]!.tilt).toBe(8);
    expect(lay(job({ device: { tilt: 8, 'tilt-direction': 'left' } })).devices[0]!.tilt).toBe(-8);
    // Right to left mirrors the direction, as it mirrors every tilt.
    expect(lay(job({ device: { tilt: 8, 'tilt-direction': 'right' } }, {}, 'ar')).devices[0]!.tilt).toBe(-8);
  });

  it('phone-tablet: a tablet behind on the start side, the phone in front at the end, both on one baseline', () => {
    const l = lay(job({ layout: 'phone-tablet' }), undefined, { primary: SHOT, second: TABLET_SHOT, third: SHOT });
    const [tablet, phone] = l.devices;
    expect(tablet!.model).toBe('android-tablet');
    expect(tablet!.which).toBe('second');
    expect(phone!.model).toBe('android-phone');
    expect(phone!.which).toBe('primary');
    expect(bottom(tablet!.outer)).toBeCloseTo(bottom(l.deviceArea!), 3);
    expect(bottom(phone!.outer)).toBeCloseTo(bottom(l.deviceArea!), 3);
    expect(tablet!.outer.width).toBeGreaterThan(phone!.outer.width * 1.5);
    expect(centreX(tablet!.outer)).toBeLessThan(centreX(phone!.outer));
    const rtl = lay(job({ layout: 'phone-tablet' }, {}, 'ar'), undefined, {
      primary: SHOT,
      second: TABLET_SHOT,
      third: SHOT,
    });
    expect(centreX(rtl.devices[0]!.outer)).toBeCloseTo(SIZE.width - centreX(tablet!.outer), 3);
  });

  it('phone-tablet on an App Store tablet preset: the iPad is the slide screenshot, the other device an iPhone', () => {
    const j = variant('en-US/appstore.ipad_13/home', { size: { width: 516, height: 688 } }, { layout: 'phone-tablet' });
    const l = layoutSlide({ job: j, facts: slideSetFacts([j], tm), measurer: tm, shots: {} });
    expect(l.devices.map((d) => [d.model, d.which])).toEqual([
      ['ipad', 'primary'],
      ['iphone-island', 'second'],
    ]);
  });
});

const items = (xs: string[], locale = 'en-US'): SlideContent => ({
  items: xs.map((x, i) => ({ icon: ['🔥', '⏰', '📊', '☁️', '✅', '🌙'][i]!, text: t(x, locale) })),
});
const decorOf = <T extends Decor['type']>(l: { decor?: Decor[] }, type: T) =>
  (l.decor ?? []).filter((d): d is Extract<Decor, { type: T }> => d.type === type);

describe('slides without a device', () => {
  it('feature-list: one card per item, the icon on the start side, the line after it, inside the safe area', () => {
    const j = job(
      { layout: 'feature-list' },
      { screenshot: undefined, content: items(['Streaks', 'Gentle reminders', 'Weekly stats']) },
    );
    const l = lay(j);
    expect(l.devices).toEqual([]);
    const cards = decorOf(l, 'card');
    expect(cards).toHaveLength(6); // a card and an icon tile per item
    const rows = cards.filter((_, i) => i % 2 === 0);
    for (const [i, r] of rows.entries()) {
      expect(r.box.x).toBeCloseTo(l.safe.x, 3);
      expect(r.box.width).toBeCloseTo(l.safe.width, 3);
      if (i > 0) expect(r.box.y).toBeGreaterThan(bottom(rows[i - 1]!.box));
      expect(r.box.y).toBeGreaterThan(bottom(l.textArea!));
      expect(bottom(r.box)).toBeLessThanOrEqual(SIZE.height - l.safe.y);
    }
    const lines = l.blocks.filter((b) => b.kind === 'item');
    const icons = l.blocks.filter((b) => b.kind === 'icon');
    expect(lines.map((b) => b.text)).toEqual(['Streaks', 'Gentle reminders', 'Weekly stats']);
    expect(lines.every((b) => b.align === 'left' && !b.overflow)).toBe(true);
    for (const [i, b] of lines.entries())
      expect(b.box.x).toBeGreaterThan(bottom({ y: icons[i]!.box.x, height: icons[i]!.box.width }));
  });

  it('feature-list in right-to-left: the icon on the right, lines aligned right', () => {
    const j = job(
      { layout: 'feature-list' },
      { screenshot: undefined, content: items(['سلاسل', 'تذكيرات'], 'ar') },
      'ar',
    );
    const l = lay(j);
    const lines = l.blocks.filter((b) => b.kind === 'item');
    const icons = l.blocks.filter((b) => b.kind === 'icon');
    expect(lines.every((b) => b.align === 'right')).toBe(true);
    for (const [i, b] of lines.entries()) expect(icons[i]!.box.x).toBeGreaterThanOrEqual(b.box.x + b.box.width);
  });

  it('one item size per set: a slide with a long item sets every feature list of the set at its size', () => {
    const short = job({ layout: 'feature-list' }, { slide: 'a', screenshot: undefined, content: items(['Streaks']) });
    const long = job(
      { layout: 'feature-list' },
      { slide: 'b', screenshot: undefined, content: items(['Reminders that arrive gently at the hour you choose']) },
    );
    const alone = lay(short).blocks.find((b) => b.kind === 'item')!.font.size;
    const set = [short, long];
    const inSet = lay(short, set).blocks.find((b) => b.kind === 'item')!.font.size;
    const theLong = lay(long, set).blocks.find((b) => b.kind === 'item')!.font.size;
    expect(inSet).toBeLessThan(alone);
    expect(inSet).toBe(theLong);
    // Not below the kind's smallest size (0.036 of the type reference).
    expect(inSet).toBeGreaterThanOrEqual(0.036 * Math.min(SIZE.width, SIZE.height * 0.55) - 0.01);
  });

  it('auto-fits the list to the height below the headline, and marks a list set too large as overflowing (lint text.overflow)', () => {
    const many = Array.from({ length: 6 }, (_, i) => `A rather long feature line number ${i + 1} that wraps`);
    const at = (n: number) =>
      job(
        { layout: 'feature-list' },
        { screenshot: undefined, content: items(many.slice(0, n)), size: { width: 540, height: 800 } },
      );
    const three = lay(at(3));
    const six = lay(at(6));
    const size = (l: typeof six) => l.blocks.find((b) => b.kind === 'item')!.font.size;
    for (const l of [three, six]) expect(l.blocks.filter((b) => b.kind === 'item').some((b) => b.overflow)).toBe(false);
    // Three rows take the size their width allows; six are set smaller to fit the height.
    expect(size(six)).toBeLessThan(size(three) * 0.9);
    const cards = decorOf(six, 'card').filter((_, i) => i % 2 === 0);
    expect(cards).toHaveLength(6);
    expect(bottom(cards.at(-1)!.box)).toBeLessThanOrEqual(bottom(six.deviceArea!) + 0.5);
    // Six rows at three rows' size do not fit: every line of the list is marked.
    const forced = layoutSlide({ job: at(6), facts: slideSetFacts([at(3)], tm), measurer: tm });
    expect(forced.blocks.filter((b) => b.kind === 'item').every((b) => b.overflow)).toBe(true);
  });

  it('stats: a card per stat, the big number in the accent colour over its label, centred', () => {
    const content: SlideContent = {
      stats: [
        { value: t('2M+'), label: t('habits tracked') },
        { value: t('4.8'), label: t('average rating') },
      ],
    };
    const l = lay(job({ layout: 'stats' }, { screenshot: undefined, content }));
    const values = l.blocks.filter((b) => b.kind === 'stat');
    const labels = l.blocks.filter((b) => b.kind === 'stat-label');
    expect(values.map((b) => b.text)).toEqual(['2M+', '4.8']);
    expect(values[0]!.color).toBe('#fde047');
    for (const [i, v] of values.entries()) {
      expect(centreX(v.inked)).toBeCloseTo(SIZE.width / 2, 0);
      expect(labels[i]!.box.y).toBeGreaterThan(v.box.y);
      expect(v.font.size).toBeGreaterThan(labels[i]!.font.size * 2.5);
    }
    expect(decorOf(l, 'card')).toHaveLength(2);
  });

  it('quote: laurels around the award, then the stars with their count, the quote mark, the quote and its source', () => {
    const content: SlideContent = {
      award: t('App of the Day'),
      rating: { stars: 4.5, count: t('12,400 ratings') },
      quote: { text: t('The habit tracker that finally made it stick.'), source: t('The Daily Review') },
    };
    const l = lay(job({ layout: 'quote' }, { screenshot: undefined, content }));
    const kinds = l.blocks.map((b) => b.kind);
    expect(kinds).toEqual(['headline', 'award', 'rating', 'quote', 'source']);
    const ys = l.blocks.map((b) => b.box.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    const [left, right] = decorOf(l, 'laurel');
    const award = l.blocks[1]!;
    expect(left!.side).toBe('left');
    expect(left!.box.x + left!.box.width).toBeLessThanOrEqual(award.box.x);
    expect(right!.box.x).toBeGreaterThanOrEqual(award.box.x + award.box.width);
    const [stars] = decorOf(l, 'stars');
    expect(stars!.stars).toBe(4.5);
    const boxes = starBoxes(stars!);
    expect(centreX({ x: boxes[0]!.x, width: boxes[4]!.x + boxes[4]!.width - boxes[0]!.x })).toBeCloseTo(
      SIZE.width / 2,
      3,
    );
    expect(decorOf(l, 'quote-mark')).toHaveLength(1);
  });

  it('before-after: the slide screenshot (before) on the start side, the second (after) at the end, labelled above, an arrow between', () => {
    const content: SlideContent = { labels: { before: t('Before'), after: t('After') } };
    const l = lay(job({ layout: 'before-after' }, { content }));
    const [before, after] = l.devices;
    expect([before!.which, after!.which]).toEqual(['primary', 'second']);
    expect(centreX(before!.outer)).toBeLessThan(SIZE.width / 2);
    expect(centreX(after!.outer)).toBeGreaterThan(SIZE.width / 2);
    const labels = l.blocks.filter((b) => b.kind === 'label');
    expect(labels.map((b) => b.text)).toEqual(['Before', 'After']);
    expect(centreX(labels[0]!.box)).toBeCloseTo(centreX(before!.outer), 3);
    expect(bottom(labels[0]!.box)).toBeLessThan(before!.outer.y);
    const [arrow] = decorOf(l, 'arrow');
    expect(arrow!.pointsLeft).toBe(false);
    const rtl = lay(
      job({ layout: 'before-after' }, { content: { labels: { before: t('قبل', 'ar'), after: t('بعد', 'ar') } } }, 'ar'),
    );
    expect(centreX(rtl.devices[0]!.outer)).toBeGreaterThan(SIZE.width / 2);
    expect(decorOf(rtl, 'arrow')[0]!.pointsLeft).toBe(true);
  });
});

describe('a bleed towards the text', () => {
  it('runs off the edge away from the text instead (text-bottom with bleed bottom bleeds at the top)', () => {
    const l = layoutSlide({
      job: job({ layout: 'text-bottom', device: { bleed: 'bottom' } }),
      facts: slideSetFacts([job({ layout: 'text-bottom' })], tm),
      measurer: tm,
      shots: { primary: SHOT },
    });
    const [d] = l.devices;
    expect(d!.outer.y).toBeLessThan(0);
    expect(bottom(d!.outer)).toBeLessThan(l.blocks[0]!.box.y);
  });
});

describe('validate measures emoji icons as render does', () => {
  it('the pure-JS measurer (fontkit) gives an emoji run the canvas width, within 1%', async () => {
    const { createPureMeasurer } = await import('../src/render/measure-pure.js');
    const pure = createPureMeasurer();
    const j = job({ layout: 'feature-list' });
    for (const text of ['🔥', '☁️', '⏰📊', '🔥 Streaks']) {
      const font = { chain: tm.chain({}, j), weight: 400, size: 100, lang: 'en-US', letterSpacing: 0 };
      const a = pure.width(text, font);
      const b = tm.width(text, font);
      expect(Math.abs(a - b) / b, text).toBeLessThan(0.01);
    }
  });
});
