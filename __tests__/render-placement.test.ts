// Where layout.ts puts text and devices, as numbers (no pixels, no Chromium): the layout kind a
// canvas turns a style into, the text column and its side, right-to-left mirroring, padding and
// type sizes, line stacking, overflow flags, one type size per set and its warnings, accent
// intervals, and the device boxes (frames, models, rotation, two devices, the feature graphic).
// Measured with the real measurer (Skia through the canvas, the shipped fonts).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  effectiveKind,
  layoutJob,
  layoutWith,
  leaning,
  resolveModel,
  setFacts,
  type LayoutInput,
  type SlideLayout,
} from '../src/render/layout.js';
import { loadBreakData } from '../src/render/index.js';
import { createMeasurer } from '../src/render/measure.js';
import { geometry, MODELS } from '../src/render/devices.js';
import type { Job } from '../src/plan/types.js';
import type { LayoutKind, Style } from '../src/manifest/types.js';
import type { Box } from '../src/render/types.js';
import { exampleJob } from './fixtures/render/jobs.js';

const tm = createMeasurer();
beforeAll(() => loadBreakData(['en-US', 'de-DE', 'ar', 'he', 'tr', 'ur']));

const PHONE = 'en-US/play.phone/home'; // 1080 x 1920, android-phone, with a screenshot
const IPHONE = 'en-US/appstore.iphone_6_9/home'; // 1320 x 2868, iphone

/**
 * A job of the example with fields replaced; `style` replaces the named style keys whole (so a
 * test sees the defaults of what it leaves out: `device: {}` has no frame, colour, scale...).
 */
function job(over: Partial<Job> = {}, style: Partial<Style> = {}, id = PHONE): Job {
  const j = exampleJob(id);
  return {
    ...j,
    headline: { text: 'Track habits', origin: 'inline', locale: 'en-US' },
    subtitle: { text: 'Every day', origin: 'inline', locale: 'en-US' },
    ...over,
    style: { ...j.style, headline: {}, subtitle: {}, device: {}, padding: undefined, ...style } as Style,
  };
}
const text = (t: string, locale = 'en-US') => ({ text: t, origin: 'inline' as const, locale });

function lay(j: Job, extra: Partial<LayoutInput> = {}, set: Job[] = [j]): SlideLayout {
  return layoutJob({ job: j, facts: setFacts(set, tm), measurer: tm, ...extra });
}
const block = (l: SlideLayout, kind: string) => l.blocks.find((b) => b.kind === kind)!;
const cx = (b: Box) => b.x + b.width / 2;
const cy = (b: Box) => b.y + b.height / 2;
const right = (b: { x: number; width: number }) => b.x + b.width;
const bottom = (b: Box) => b.y + b.height;
const inside = (b: Box, s: Box, eps = 0.5) =>
  b.x >= s.x - eps && b.y >= s.y - eps && right(b) <= right(s) + eps && bottom(b) <= bottom(s) + eps;
const pad = (j: Job) => (j.style.padding ?? 0.07) * Math.min(j.size.width, j.size.height);

describe('the layout kind a canvas turns a style into (docs/layouts.md: text-left/right are the landscape forms)', () => {
  const kind = (layout: LayoutKind | undefined, width: number, height: number, screenshot = true) =>
    effectiveKind(
      job({ size: { width, height }, screenshot: screenshot ? exampleJob(PHONE).screenshot : undefined }, { layout }),
    );

  it('turns text above/below into text beside on a landscape canvas, and back on a portrait one', () => {
    expect(kind('text-top', 2000, 1000)).toBe('text-left');
    expect(kind('text-bottom', 2000, 1000)).toBe('text-right');
    expect(kind('text-left', 2000, 1000)).toBe('text-left');
    expect(kind('text-right', 2000, 1000)).toBe('text-right');
    expect(kind('text-top', 1000, 2000)).toBe('text-top');
    expect(kind('text-bottom', 1000, 2000)).toBe('text-bottom');
    expect(kind('text-left', 1000, 2000)).toBe('text-top');
    expect(kind('text-right', 1000, 2000)).toBe('text-bottom');
  });

  it('calls a canvas landscape only when it is more than 1.15 times as wide as tall (a square is not)', () => {
    const h = 1000;
    expect(kind('text-top', h * 1.15, h)).toBe('text-top');
    expect(kind('text-top', h * 1.15 + 1, h)).toBe('text-left');
    expect(kind('text-left', h * 1.15, h)).toBe('text-top');
    expect(kind('text-top', 1000, 1000)).toBe('text-top');
    expect(kind('text-left', 1000, 1000)).toBe('text-top');
  });

  it('defaults to text-top and keeps the other kinds as written', () => {
    expect(kind(undefined, 1000, 2000)).toBe('text-top');
    expect(kind(undefined, 2000, 1000)).toBe('text-left');
    for (const k of ['feature', 'device-only', 'full-bleed', 'feature-list', 'stats', 'quote'] as LayoutKind[]) {
      expect(kind(k, 1000, 2000), k).toBe(k);
      expect(kind(k, 2000, 1000), k).toBe(k);
      expect(kind(k, 2000, 1000, false), k).toBe(k);
    }
  });

  it('turns the layouts of several screenshots into text-top on a slide without a screenshot', () => {
    for (const k of ['two-devices', 'fan', 'phone-tablet', 'before-after'] as LayoutKind[]) {
      expect(kind(k, 1000, 2000), k).toBe(k);
      expect(kind(k, 2000, 1000), k).toBe(k);
      expect(kind(k, 1000, 2000, false), k).toBe('text-top');
      expect(kind(k, 2000, 1000, false), k).toBe('text-top');
    }
  });
});

describe('type sizes: fractions of the canvas, values above 1 are pixels', () => {
  const headline = (over: Partial<Job>, style: Partial<Style>) =>
    block(lay(job({ subtitle: undefined, headline: text('Hi'), ...over }, style)), 'headline').font.size;

  it('sizes a portrait page from its width, but from 0.55 of its height when that is less', () => {
    expect(headline({ size: { width: 1000, height: 2000 } }, { headline: { size: 0.1 } })).toBeCloseTo(100, 6);
    expect(headline({ size: { width: 1000, height: 1500 } }, { headline: { size: 0.1 } })).toBeCloseTo(82.5, 6);
  });

  it('sizes text beside the device like a portrait page: half the width, at most 0.8 of the height', () => {
    for (const layout of ['text-left', 'text-right'] as LayoutKind[]) {
      expect(headline({ size: { width: 2000, height: 1000 } }, { layout, headline: { size: 0.1 } })).toBeCloseTo(80, 6);
      expect(headline({ size: { width: 1200, height: 1000 } }, { layout, headline: { size: 0.1 } })).toBeCloseTo(60, 6);
    }
  });

  it('sizes the feature graphic from its height (headline 0.12 of it, subtitle 0.06, app name 0.075)', () => {
    const l = lay(
      job(
        { size: { width: 1024, height: 500 }, headline: text('Hi'), subtitle: text('Go'), appName: 'App' },
        { layout: 'feature' },
      ),
    );
    expect(block(l, 'headline').font.size).toBeCloseTo(60, 6);
    expect(block(l, 'subtitle').font.size).toBeCloseTo(30, 6);
    expect(block(l, 'app-name').font.size).toBeCloseTo(37.5, 6);
  });

  it('takes a size above 1 as pixels and a size of exactly 1 as the whole reference', () => {
    expect(headline({ size: { width: 1000, height: 2000 } }, { headline: { size: 48 } })).toBe(48);
    expect(headline({ size: { width: 1000, height: 2000 } }, { headline: { size: 2 } })).toBe(2);
    // 1 is a fraction (100% of the width), not 1 px.
    expect(headline({ size: { width: 1000, height: 2000 }, headline: text('I') }, { headline: { size: 1 } })).toBe(
      1000,
    );
  });

  it('defaults the headline to 0.085 and the subtitle to 0.042 of the reference', () => {
    const l = lay(job({ size: { width: 1000, height: 2000 }, headline: text('Hi'), subtitle: text('Go') }));
    expect(block(l, 'headline').font.size).toBeCloseTo(85, 6);
    expect(block(l, 'subtitle').font.size).toBeCloseTo(42, 6);
  });
});

describe('padding, safe area and the text column', () => {
  it('pads by 0.07 of the short side by default, or by the style fraction', () => {
    const j = job();
    const l = lay(j);
    expect(l.safe).toEqual({ x: 0.07 * 1080, y: 0.07 * 1080, width: 1080 - 0.14 * 1080, height: 1920 - 0.14 * 1080 });
    const p = lay(job({}, { padding: 0.1 }));
    expect(p.safe.x).toBeCloseTo(108, 9);
    expect(p.safe.height).toBeCloseTo(1920 - 216, 9);
    expect(lay(job({}, { padding: 0 })).safe).toEqual({ x: 0, y: 0, width: 1080, height: 1920 });
    const wide = lay(job({ size: { width: 2000, height: 1000 } }));
    expect(wide.safe.x).toBeCloseTo(70, 9);
  });

  it('gives text-top the whole safe width, starting a third of a padding below the safe top', () => {
    const j = job();
    const l = lay(j);
    expect(l.kind).toBe('text-top');
    expect(l.textArea!.x).toBeCloseTo(l.safe.x, 9);
    expect(l.textArea!.width).toBeCloseTo(l.safe.width, 9);
    expect(l.textArea!.y).toBeCloseTo(l.safe.y + 0.35 * pad(j), 9);
    for (const b of l.blocks) expect(inside(b.box, l.safe), b.kind).toBe(true);
  });

  it('puts text-bottom at the foot of the safe area and the device above it, one gap (0.9 padding) apart', () => {
    const j = job({}, { layout: 'text-bottom' });
    const l = lay(j);
    expect(l.kind).toBe('text-bottom');
    expect(bottom(l.textArea!)).toBeCloseTo(j.size.height - pad(j), 6);
    expect(l.deviceArea!.y).toBeCloseTo(l.safe.y, 9);
    expect(l.textArea!.y - bottom(l.deviceArea!)).toBeCloseTo(0.9 * pad(j), 6);
    expect(bottom(l.devices[0]!.outer)).toBeLessThanOrEqual(l.textArea!.y + 0.01);
  });

  it('starts the device area of text-top one gap below the text stack, down to the safe bottom', () => {
    const j = job();
    const l = lay(j);
    expect(l.textArea!.height).toBeGreaterThan(0);
    expect(l.deviceArea!.y - bottom(l.textArea!)).toBeCloseTo(0.9 * pad(j), 6);
    expect(bottom(l.deviceArea!)).toBeCloseTo(bottom(l.safe), 6);
    expect(l.deviceArea!.x).toBeCloseTo(l.safe.x, 9);
    expect(l.deviceArea!.width).toBeCloseTo(l.safe.width, 9);
  });

  it('has no text area and no gap on a text-top slide without text', () => {
    const j = job({ headline: undefined, subtitle: undefined });
    const l = lay(j);
    expect(l.blocks).toEqual([]);
    expect(l.textArea).toBeUndefined();
    expect(l.deviceArea!.y).toBeCloseTo(l.safe.y + 0.35 * pad(j), 9);
    expect(l.devices).toHaveLength(1);
  });

  it('keeps text beside the device in a column of 0.4 of the safe width, on the reading side (mirrored in RTL)', () => {
    const size = { width: 2000, height: 1000 };
    for (const [layout, rtl, onLeft] of [
      ['text-left', false, true],
      ['text-right', false, false],
      ['text-left', true, false],
      ['text-right', true, true],
      ['text-top', false, true],
      ['text-bottom', false, false],
    ] as Array<[LayoutKind, boolean, boolean]>) {
      const j = job({ size, rtl }, { layout });
      const l = lay(j);
      const name = `${layout} rtl=${rtl}`;
      const p = pad(j);
      expect(l.textArea!.width, name).toBeCloseTo(0.4 * (2000 - 2 * p), 6);
      expect(l.textArea!.y, name).toBeCloseTo(l.safe.y, 9);
      expect(l.textArea!.height, name).toBeCloseTo(l.safe.height, 9);
      expect(l.textArea!.x, name).toBeCloseTo(onLeft ? p : 2000 - p - l.textArea!.width, 6);
      // The device takes the rest of the safe width, one gap (0.9 padding) away from the column.
      const d = l.devices[0]!.outer;
      const area = onLeft
        ? { x: right(l.textArea!) + 0.9 * p, width: 2000 - p - right(l.textArea!) - 0.9 * p }
        : { x: p, width: l.textArea!.x - 0.9 * p - p };
      expect(d.x, name).toBeGreaterThanOrEqual(area.x - 0.01);
      expect(right(d), name).toBeLessThanOrEqual(area.x + area.width + 0.01);
      expect(cx(d), name).toBeCloseTo(area.x + area.width / 2, 6);
      expect(cy(d), name).toBeCloseTo(cy(l.safe), 6);
      // The text stack is centred in its column's height.
      const top = l.blocks[0]!.box.y;
      const end = bottom(l.blocks.at(-1)!.box);
      expect(top, name).toBeGreaterThan(l.textArea!.y);
      expect((top + end) / 2, name).toBeCloseTo(cy(l.textArea!), 6);
      expect(l.blocks[0]!.align, name).toBe('center');
    }
  });

  it('has no device beside the text without a screenshot', () => {
    for (const rtl of [false, true]) {
      const j = job({ size: { width: 2000, height: 1000 }, screenshot: undefined, rtl }, { layout: 'text-left' });
      const l = lay(j);
      expect(l.kind).toBe('text-left');
      expect(l.devices).toEqual([]);
      expect(l.blocks.length).toBe(2);
      // The column stays where the slides with a device have it, so a set's text lines up.
      expect(l.textArea!.width).toBeCloseTo(0.4 * l.safe.width, 6);
      expect(l.textArea!.x).toBeCloseTo(rtl ? right(l.safe) - l.textArea!.width : l.safe.x, 6);
    }
  });
});

describe('the feature graphic', () => {
  const size = { width: 1024, height: 500 };
  it('with a screenshot: text in the reading half, aligned to its start, the phone upright and running off the bottom', () => {
    for (const rtl of [false, true]) {
      const j = job({ size, rtl, appName: 'Habitual' }, { layout: 'feature' });
      const l = lay(j);
      const p = pad(j);
      expect(l.kind).toBe('feature');
      expect(l.textArea!.width).toBeCloseTo(0.5 * (1024 - 2 * p), 6);
      expect(l.textArea!.x).toBeCloseTo(rtl ? 1024 - p - l.textArea!.width : p, 6);
      for (const b of l.blocks) expect(b.align).toBe(rtl ? 'right' : 'left');
      const d = l.devices[0]!;
      expect(d.which).toBe('primary');
      expect(d.landscape).toBe(false);
      expect(d.outer.height).toBeGreaterThan(d.outer.width);
      expect(bottom(d.outer)).toBeGreaterThan(500);
      // Its area starts at 0.12 of the height and is 1.25 heights tall: the phone's top shows, its foot is cut.
      expect(d.outer.y).toBeGreaterThanOrEqual(0.12 * 500 - 0.01);
      expect(d.outer.y).toBeLessThan(500 / 2);
      expect(d.outer.x).toBeGreaterThanOrEqual(rtl ? p - 0.01 : right(l.textArea!) + 0.9 * p - 0.01);
      expect(right(d.outer)).toBeLessThanOrEqual(rtl ? l.textArea!.x - 0.9 * p + 0.01 : 1024 - p + 0.01);
    }
  });

  it('without a screenshot: the text takes the whole safe width, centred, on either reading side', () => {
    for (const rtl of [false, true]) {
      const j = job({ size, rtl, screenshot: undefined }, { layout: 'feature' });
      const l = lay(j);
      expect(l.devices).toEqual([]);
      expect(l.textArea!.x).toBeCloseTo(pad(j), 9);
      expect(l.textArea!.width).toBeCloseTo(1024 - 2 * pad(j), 9);
      for (const b of l.blocks) expect(b.align).toBe('center');
    }
  });

  it('shows the app name first, bold, never uppercased, half its size above the headline', () => {
    const j = job(
      { size, appName: 'Habitual', headline: text('Build habits'), subtitle: text('daily') },
      { layout: 'feature', subtitle: { uppercase: true, weight: 300, color: '#445566' } },
    );
    const l = lay(j);
    expect(l.blocks.map((b) => b.kind)).toEqual(['app-name', 'headline', 'subtitle']);
    const [app, head, sub] = l.blocks as [(typeof l.blocks)[0], (typeof l.blocks)[0], (typeof l.blocks)[0]];
    expect(app.text).toBe('Habitual');
    // In the subtitle's colour.
    expect(app.color).toBe(sub.color);
    expect(app.font.weight).toBe(700);
    expect(app.lines).toHaveLength(1);
    expect(sub.text).toBe('DAILY');
    expect(sub.font.weight).toBe(300);
    expect(head.box.y - bottom(app.box)).toBeCloseTo(0.5 * app.font.size, 6);
    expect(sub.box.y - bottom(head.box)).toBeCloseTo(0.35 * head.font.size, 6);
    // Without an app name, or on another layout, there is no app-name block.
    expect(lay(job({ size, appName: undefined }, { layout: 'feature' })).blocks[0]!.kind).toBe('headline');
    expect(lay(job({ appName: 'Habitual' })).blocks.map((b) => b.kind)).toEqual(['headline', 'subtitle']);
    expect(lay(job({ size, appName: '   ' }, { layout: 'feature' })).blocks[0]!.kind).toBe('headline');
  });

  it('keeps the app name at its own size, outside the set lock', () => {
    const a = job({ size, appName: 'Habitual' }, { layout: 'feature' });
    const b = job({ size, appName: 'Habitual Extraordinarily Longer Name', slide: 'b' }, { layout: 'feature' });
    const la = lay(a, {}, [a, b]);
    expect(block(la, 'app-name').font.size).toBeCloseTo(37.5, 6);
  });
});

describe('text blocks', () => {
  it('trims the text and drops a block whose text is blank', () => {
    const l = lay(job({ headline: text('  Track habits  '), subtitle: text('   ') }));
    expect(l.blocks.map((b) => b.kind)).toEqual(['headline']);
    expect(l.blocks[0]!.text).toBe('Track habits');
    const sub = lay(job({ headline: undefined, subtitle: text('Only a subtitle') }));
    expect(sub.blocks.map((b) => [b.kind, b.text])).toEqual([['subtitle', 'Only a subtitle']]);
    expect(sub.blocks[0]!.font.weight).toBe(500);
  });

  it('uppercases in the locale: Turkish i becomes dotted I', () => {
    const l = lay(job({ locale: 'tr', headline: text('istanbul', 'tr') }, { headline: { uppercase: true } }));
    expect(block(l, 'headline').text).toBe('İSTANBUL');
    const plain = lay(job({ locale: 'tr', headline: text('istanbul', 'tr') }));
    expect(block(plain, 'headline').text).toBe('istanbul');
  });

  it('defaults weights (800, 500), colours (white), shadow (off), letter spacing (0) and line height (1.2)', () => {
    const l = lay(job());
    const h = block(l, 'headline');
    const s = block(l, 'subtitle');
    expect([h.font.weight, s.font.weight]).toEqual([800, 500]);
    expect([h.color, h.accent, h.shadow, h.font.letterSpacing]).toEqual(['#ffffff', '#ffffff', false, 0]);
    expect(h.lineHeight).toBeCloseTo(1.2 * h.font.size, 9);
    expect(s.lineHeight).toBeCloseTo(1.2 * s.font.size, 9);
    expect(h.font.lang).toBe('en-US');
    // Urdu's Nastaliq has taller lines.
    const ur = block(lay(job({ locale: 'ur', rtl: true, headline: text('عادتیں بنائیں', 'ur') })), 'headline');
    expect(ur.lineHeight).toBeCloseTo(1.6 * ur.font.size, 9);
  });

  it('takes the style`s weight, colours, shadow, letter spacing and line height', () => {
    const l = lay(
      job(
        {},
        {
          headline: {
            weight: 300,
            color: '#112233',
            shadow: true,
            'letter-spacing': 0.05,
            'line-height': 1.5,
          },
          subtitle: { color: '#445566', accent: '#ff0000' },
        },
      ),
    );
    const h = block(l, 'headline');
    const s = block(l, 'subtitle');
    expect([h.font.weight, h.color, h.accent, h.shadow, h.font.letterSpacing]).toEqual([
      300,
      '#112233',
      '#112233',
      true,
      0.05,
    ]);
    expect(h.lineHeight).toBeCloseTo(1.5 * h.font.size, 9);
    expect([s.color, s.accent]).toEqual(['#445566', '#ff0000']);
    const off = lay(job({}, { headline: { shadow: false } }));
    expect(block(off, 'headline').shadow).toBe(false);
  });

  it('stacks lines top to bottom, one line height apart, baseline in the lower half of each line', () => {
    const j = job({ headline: text('Track every habit you care about and keep every streak alive') });
    const l = lay(j);
    const h = block(l, 'headline');
    expect(h.lines.length).toBeGreaterThan(1);
    expect(h.box.height).toBeCloseTo(h.lines.length * h.lineHeight, 6);
    expect(h.lines[0]!.top).toBeCloseTo(h.box.y, 9);
    h.lines.forEach((line, k) => {
      expect(line.top).toBeCloseTo(h.box.y + k * h.lineHeight, 6);
      expect(line.baseline).toBeGreaterThan(line.top + h.lineHeight / 2);
      expect(line.baseline).toBeLessThan(line.top + h.lineHeight);
      expect(line.baseline - line.top).toBeCloseTo(h.lines[0]!.baseline - h.lines[0]!.top, 9);
    });
    // Lines are centred by default; the inked box spans the widest line.
    const widest = Math.max(...h.lines.map((x) => x.width));
    expect(h.inked.width).toBeCloseTo(widest, 6);
    expect(h.inked.x).toBeCloseTo(Math.min(...h.lines.map((x) => x.x)), 9);
    expect(h.inked.height).toBeCloseTo(h.box.height, 9);
    for (const line of h.lines) expect(line.x + line.width / 2).toBeCloseTo(cx(h.box), 6);
    // Runs of a line sit side by side from its left edge, covering its width.
    for (const line of h.lines) {
      let x = line.x;
      for (const r of line.runs) {
        expect(r.x).toBeCloseTo(x, 6);
        expect(r.width).toBeGreaterThan(0);
        x += r.width;
      }
      expect(x).toBeCloseTo(line.x + line.width, 6);
    }
    // The subtitle follows at 0.35 of the headline size; the text area holds the whole stack.
    const s = block(l, 'subtitle');
    expect(s.box.y - bottom(h.box)).toBeCloseTo(0.35 * h.font.size, 6);
    expect(l.textArea!.height).toBeCloseTo(bottom(s.box) - h.box.y, 6);
  });

  it('aligns lines: start and end follow the reading direction, left/right/center are kept', () => {
    const align = (a: 'start' | 'end' | 'left' | 'right' | 'center' | undefined, rtl: boolean) => {
      const l = lay(job({ rtl }, { headline: a ? { align: a } : {} }));
      const h = block(l, 'headline');
      const line = h.lines[0]!;
      const where =
        Math.abs(line.x - h.box.x) < 0.01 ? 'left' : Math.abs(right(line) - right(h.box)) < 0.01 ? 'right' : 'center';
      expect(where, `${a} ${rtl}`).toBe(h.align);
      return h.align;
    };
    expect(align('start', false)).toBe('left');
    expect(align('start', true)).toBe('right');
    expect(align('end', false)).toBe('right');
    expect(align('end', true)).toBe('left');
    for (const rtl of [false, true]) {
      expect(align('left', rtl)).toBe('left');
      expect(align('right', rtl)).toBe('right');
      expect(align('center', rtl)).toBe('center');
      expect(align(undefined, rtl)).toBe('center');
    }
  });

  it('defaults max-lines to 3 for a headline and 2 for a subtitle, and flags more as overflow', () => {
    const long = 'Track every habit you care about, keep every streak alive and see how far you came this year';
    const l = lay(
      job(
        { headline: text(long), subtitle: text(long) },
        { headline: { size: 90, 'min-size': 90 }, subtitle: { size: 60, 'min-size': 60 } },
      ),
    );
    const h = block(l, 'headline');
    const s = block(l, 'subtitle');
    expect(h.overflow).toBe(true);
    expect(s.overflow).toBe(true);
    const fits = lay(
      job(
        { headline: text(long), subtitle: text(long) },
        {
          headline: { size: 90, 'min-size': 90, 'max-lines': 9 },
          subtitle: { size: 60, 'min-size': 60, 'max-lines': 9 },
        },
      ),
    );
    expect(block(fits, 'headline').overflow).toBe(false);
    expect(block(fits, 'subtitle').overflow).toBe(false);
    expect(block(fits, 'headline').lines.length).toBeGreaterThan(3);
    expect(block(fits, 'subtitle').lines.length).toBeGreaterThan(2);
    expect(block(fits, 'headline').lines.length).toBeLessThanOrEqual(9);
  });

  it('does not flag a line that just fits its column', () => {
    const style = { headline: { size: 100, 'min-size': 100 } };
    const wide = block(lay(job({ headline: text('Habits'), subtitle: undefined }, style)), 'headline');
    const w = wide.lines[0]!.width;
    // A canvas whose column (the safe width, 0.86 of a portrait canvas) is half a pixel wider than the line.
    const width = (w + 0.5) / 0.86;
    const l = lay(job({ size: { width, height: 3000 }, headline: text('Habits'), subtitle: undefined }, style));
    const h = block(l, 'headline');
    expect(h.box.width - h.lines[0]!.width).toBeCloseTo(0.5, 6);
    expect(h.lines).toHaveLength(1);
    expect(h.overflow).toBe(false);
  });

  it('does not flag a block that fits at its minimum size, whatever fitSize`s half-pixel steps', () => {
    // One word, one line: it fits while its width at the size is at most the column's. The column is
    // chosen so the word fits up to 0.2 px above the minimum size: fitSize's search (half-pixel
    // steps, rounded down) lands below the minimum, but the block is set at the minimum, where it fits.
    const min = 60.25;
    const style = { headline: { size: 80, 'min-size': min, 'max-lines': 1 } };
    const probe = block(lay(job({ headline: text('Habits'), subtitle: undefined }, style)), 'headline');
    const perPx = probe.lines[0]!.width / probe.font.size;
    const width = ((min + 0.2) * perPx) / 0.86;
    const h = block(
      lay(job({ size: { width, height: 3000 }, headline: text('Habits'), subtitle: undefined }, style)),
      'headline',
    );
    expect(h.font.size).toBe(min);
    expect(h.fitFontSize).toBeLessThan(min);
    expect(h.lines).toHaveLength(1);
    expect(h.lines[0]!.width).toBeLessThanOrEqual(h.box.width);
    expect(h.overflow).toBe(false);
    expect(h.unbreakable).toEqual([]);
  });

  it('flags a word wider than the column at the minimum size, and names it', () => {
    const l = lay(
      job({ headline: text('Go 12345678901234567890') }, { headline: { size: 200, 'min-size': 200, 'max-lines': 1 } }),
    );
    const h = block(l, 'headline');
    expect(h.overflow).toBe(true);
    expect(h.fitFontSize).toBeLessThan(h.minFontSize);
    expect(h.unbreakable).toEqual(['12345678901234567890']);
    const ok = block(lay(job()), 'headline');
    expect(ok.overflow).toBe(false);
    expect(ok.unbreakable).toEqual([]);
    expect(ok.fitFontSize).toBeGreaterThanOrEqual(ok.minFontSize);
  });
});

describe('one type size per set (setFacts)', () => {
  const slide = (s: string, headline: string, style: Partial<Style> = {}) =>
    job({ slide: s, id: `en-US/play.phone/${s}`, headline: text(headline), subtitle: text('Every day') }, style);

  it('locks the headline and subtitle to the smallest any slide takes, and reserves the tallest stack', () => {
    const a = slide('a', 'Hi', { headline: { size: 100 }, subtitle: { size: 50 } });
    const b = slide('b', 'Yo', { headline: { size: 90 }, subtitle: { size: 40 } });
    const f = setFacts([a, b], tm);
    expect(f.headlineSize).toBe(90);
    expect(f.subtitleSize).toBe(40);
    const la = lay(a, {}, [a, b]);
    expect(block(la, 'headline').font.size).toBe(90);
    expect(block(la, 'subtitle').font.size).toBe(40);
    // A lone slide keeps its own size; a set with no subtitle has no subtitle size.
    expect(block(lay(a), 'headline').font.size).toBe(100);
    expect(setFacts([job({ subtitle: undefined })], tm).subtitleSize).toBeUndefined();
    expect(setFacts([job({ subtitle: undefined })], tm).headlineSize).toBeGreaterThan(0);
    expect(f.textHeight).toBeCloseTo(Math.max(la.textArea!.height), 6);
  });

  it('leaves a slide with lock-type-size: false out of the lock, at its own size', () => {
    const a = slide('a', 'Hi', { headline: { size: 100 } });
    const b = slide('b', 'Yo', { headline: { size: 80 }, 'lock-type-size': false });
    expect(setFacts([a, b], tm).headlineSize).toBe(100);
    expect(block(lay(a, {}, [a, b]), 'headline').font.size).toBe(100);
    expect(block(lay(b, {}, [a, b]), 'headline').font.size).toBe(80);
    expect(setFacts([b], tm).headlineSize).toBeUndefined();
    // Larger than the set's size too: its own.
    const c = slide('c', 'Yo', { headline: { size: 120 }, 'lock-type-size': false });
    expect(setFacts([a, c], tm).headlineSize).toBe(100);
    expect(block(lay(c, {}, [a, c]), 'headline').font.size).toBe(120);
  });

  it('does not let the text of a device-only slide (which shows none) set the set`s size', () => {
    const a = slide('a', 'Hi', { headline: { size: 100 } });
    const b = slide('b', 'Yo', { headline: { size: 50 }, layout: 'device-only' });
    const f = setFacts([a, b], tm);
    expect(f.headlineSize).toBe(100);
    expect(f.textHeight).toBeCloseTo(lay(a).textArea!.height, 6);
    expect(lay(b, {}, [a, b]).blocks).toEqual([]);
  });

  it('uses the own size when the facts have no locked size', () => {
    const a = slide('a', 'Hi', { headline: { size: 100 }, subtitle: { size: 30 } });
    const l = layoutJob({ job: a, facts: { textHeight: 0 }, measurer: tm });
    expect(block(l, 'headline').font.size).toBe(100);
    expect(block(l, 'subtitle').font.size).toBe(30);
  });

  it('never sets a slide above its own maximum', () => {
    const a = slide('a', 'Hi', { headline: { size: 100 } });
    const l = layoutJob({ job: a, facts: { headlineSize: 120, textHeight: 0 }, measurer: tm });
    expect(block(l, 'headline').font.size).toBe(100);
  });

  it('warns about the slide that pulls the size down by a tenth (at least 1 px) of the others` size', () => {
    const sizes = (...px: number[]) => px.map((s, i) => slide(`s${i}`, 'Hi', { headline: { size: s } }));
    // Exactly a tenth below: named.
    const ten = sizes(200, 100, 90);
    const f = setFacts(ten, tm);
    expect(f.shrunk).toEqual([{ kind: 'headline', slide: 's2', at: ten[2]!.source.slide, size: 90, without: 100 }]);
    const l = lay(ten[2]!, {}, ten);
    expect(block(l, 'headline').shrinksSet).toEqual({ size: 90, without: 100 });
    expect(block(l, 'subtitle').shrinksSet).toBeUndefined();
    expect(block(lay(ten[1]!, {}, ten), 'headline').shrinksSet).toBeUndefined();
    // Less than a tenth: not named.
    expect(setFacts(sizes(100, 95), tm).shrunk).toBeUndefined();
    // One slide alone is never named.
    expect(setFacts(sizes(90), tm).shrunk).toBeUndefined();
  });
});

describe('accent intervals and hyphens', () => {
  const head = (l: SlideLayout) => block(l, 'headline');

  it('covers the highlighted word of a left-to-right line', () => {
    const h = head(lay(job({ headline: text('Track **every** habit') })));
    expect(h.text).toBe('Track every habit');
    const runs = h.lines.flatMap((l) => l.runs);
    const acc = runs.flatMap((r) => r.accentX);
    expect(acc).toHaveLength(1);
    const font = h.font;
    const line = h.lines[0]!;
    const start = line.runs[0]!.x + tm.width('Track ', font);
    // Edges are the advances of the shaped prefixes up to each end of the highlight.
    expect(acc[0]![0]).toBeCloseTo(start, 6);
    expect(acc[0]![1]).toBeCloseTo(line.runs[0]!.x + tm.width('Track every', font), 6);
    expect(acc[0]![1] - acc[0]![0]).toBeCloseTo(tm.width('every', font), 1);
    // Highlighted from the first letter and to the last.
    const whole = head(lay(job({ headline: text('**Track**') })));
    const r = whole.lines[0]!.runs[0]!;
    expect(r.accentX).toEqual([[r.x, r.x + r.width]]);
  });

  it('mirrors the interval in a right-to-left run', () => {
    const h = head(lay(job({ rtl: true, locale: 'he', headline: text('שלום **עולם** יפה', 'he') })));
    const runs = h.lines.flatMap((l) => l.runs);
    const r = runs.find((x) => x.accentX.length)!;
    expect(r.rtl).toBe(true);
    const [a, b] = r.accentX[0]!;
    const font = h.font;
    const before = r.text.indexOf('עולם');
    expect(right(r) - b).toBeCloseTo(tm.width(r.text.slice(0, before), font), 6);
    expect(b - a).toBeCloseTo(tm.width('עולם', font), 1);
  });

  it('measures the letters before an accent inside an Arabic word in their joined form', () => {
    // سلم: the accent is on the last letter; the lam before it joins it (medial form, not final).
    const h = head(lay(job({ rtl: true, locale: 'ar', headline: text('و سل**م**', 'ar') })));
    const r = h.lines[0]!.runs.find((x) => x.accentX.length)!;
    const [a, b] = r.accentX[0]!;
    const font = h.font;
    const T = '\u0640';
    const joined = tm.width(`و سل${T}`, font) - tm.width(T, font);
    const unjoined = tm.width('و سل', font);
    expect(Math.abs(joined - unjoined)).toBeGreaterThan(0.5);
    // The accent ends where the whole run's shaped prefix ends (it is the run's visual left part).
    expect(a).toBeCloseTo(r.x, 6);
    expect(right(r) - b).toBeCloseTo(joined, 6);
  });

  it('colours the hyphen by the one letter before the break, not by highlights around it', () => {
    const word = 'Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen';
    const style = { headline: { size: 150, 'min-size': 150, 'max-lines': 9 } };
    const at = (t: string) => head(lay(job({ locale: 'de-DE', headline: text(t, 'de-DE') }, style)));
    const plain = at(word);
    // Where the first line breaks (its text less the hyphen).
    const e = plain.lines[0]!.text.length - 1;
    expect(plain.lines[0]!.text.endsWith('-')).toBe(true);
    const hyphen = (h: ReturnType<typeof at>) => {
      expect(h.lines[0]!.text).toBe(plain.lines[0]!.text);
      return h.lines[0]!.runs.at(-1)!.accentX.length > 0;
    };
    const mark = (a: number, b: number) => `${word.slice(0, a)}**${word.slice(a, b)}**${word.slice(b)}`;
    // Only the letter before the break is highlighted: the hyphen is too.
    expect(hyphen(at(mark(e - 1, e)))).toBe(true);
    // The highlight ends one letter before the break, or starts right after it: the hyphen is not.
    expect(hyphen(at(mark(0, e - 1)))).toBe(false);
    expect(hyphen(at(mark(e, e + 3)))).toBe(false);
    // Two highlights, one of them over the letter before the break.
    const two = `**${word.slice(0, 2)}**${word.slice(2, e - 2)}**${word.slice(e - 2, e)}**${word.slice(e)}`;
    expect(hyphen(at(two))).toBe(true);
  });

  it('measures the end of an accent on a whole Arabic word in the word`s final form', () => {
    // The highlighted word ends before a space: its last letter is final (not joined onward).
    const h = head(lay(job({ rtl: true, locale: 'ar', headline: text('و **سلم** و', 'ar') })));
    const r = h.lines[0]!.runs.find((x) => x.accentX.length)!;
    const [a, b] = r.accentX[0]!;
    const T = '\u0640';
    const final = tm.width('و سلم', h.font);
    expect(Math.abs(final - (tm.width(`و سلم${T}`, h.font) - tm.width(T, h.font)))).toBeGreaterThan(0.5);
    expect(right(r) - a).toBeCloseTo(final, 6);
    expect(right(r) - b).toBeCloseTo(tm.width('و ', h.font), 6);
  });

  it('draws a hyphen after a line broken inside a word, coloured as the letter before it', () => {
    const word = 'Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen';
    const l = lay(
      job(
        { locale: 'de-DE', headline: text(`**${word}**`, 'de-DE') },
        { headline: { size: 150, 'min-size': 150, 'max-lines': 9 } },
      ),
    );
    const h = head(l);
    expect(h.lines.length).toBeGreaterThan(1);
    h.lines.forEach((line, k) => {
      const last = line.runs.at(-1)!;
      if (k < h.lines.length - 1) {
        expect(line.text.endsWith('-'), line.text).toBe(true);
        expect(last.text).toBe('-');
        expect(last.width).toBeCloseTo(tm.width('-', h.font), 9);
        expect(last.x).toBeCloseTo(right(line.runs.at(-2)!), 6);
        expect(last.accentX).toEqual([[last.x, last.x + last.width]]);
        expect(last.rtl).toBe(false);
      } else expect(line.text.endsWith('-')).toBe(false);
      expect(right(last)).toBeCloseTo(right(line), 6);
    });
    // Not highlighted: the hyphen is not accented either.
    const plain = head(
      lay(
        job(
          { locale: 'de-DE', headline: text(word, 'de-DE') },
          { headline: { size: 150, 'min-size': 150, 'max-lines': 9 } },
        ),
      ),
    );
    const hy = plain.lines[0]!.runs.at(-1)!;
    expect(hy.text).toBe('-');
    expect(hy.accentX).toEqual([]);
  });
});

describe('devices', () => {
  it('places one device inside the safe area, centred, touching two sides of its area (device-only)', () => {
    const j = job({}, { layout: 'device-only' });
    const l = lay(j);
    expect(l.kind).toBe('device-only');
    expect(l.blocks).toEqual([]);
    const d = l.devices[0]!;
    expect(d.which).toBe('primary');
    expect(inside(d.outer, l.safe, 0.01)).toBe(true);
    expect(cx(d.outer)).toBeCloseTo(cx(l.safe), 6);
    expect(cy(d.outer)).toBeCloseTo(cy(l.safe), 6);
    const touchesW = Math.abs(d.outer.width - l.safe.width) < 0.01;
    const touchesH = Math.abs(d.outer.height - l.safe.height) < 0.01;
    expect(touchesW || touchesH).toBe(true);
    expect(lay(job({ screenshot: undefined }, { layout: 'device-only' })).devices).toEqual([]);
  });

  it('fits a wide device to the width of a tall area and a tall one to its height', () => {
    const wide = lay(job({}, { layout: 'device-only', device: { frame: 'mac' } })).devices[0]!;
    const l = lay(job({}, { layout: 'device-only' }));
    expect(wide.model).toBe('mac');
    expect(wide.outer.width).toBeCloseTo(l.safe.width, 6);
    expect(wide.outer.height).toBeLessThan(l.safe.height);
    expect(cy(wide.outer)).toBeCloseTo(cy(l.safe), 6);
    // Also where the area is barely taller than the Mac (its height over its aspect is less than the width).
    const low = lay(job({ size: { width: 1080, height: 950 } }, { layout: 'device-only', device: { frame: 'mac' } }));
    expect(low.devices[0]!.outer.width).toBeCloseTo(low.safe.width, 6);
    expect(low.devices[0]!.outer.height).toBeLessThan(low.safe.height);
    const tall = l.devices[0]!;
    expect(tall.outer.height).toBeCloseTo(l.safe.height, 6);
    expect(tall.outer.width).toBeLessThan(l.safe.width);
  });

  it('keeps the device`s aspect and stays inside its area whatever the area`s size', () => {
    const g = geometry(MODELS['android-phone'], false);
    for (let height = 1600; height <= 2600; height += 7)
      for (const scale of [1, 0.8]) {
        const l = lay(job({ size: { width: 1080, height } }, { layout: 'device-only', device: { scale } }));
        const d = l.devices[0]!.outer;
        const name = `${height} ${scale}`;
        expect(d.width / d.height, name).toBeCloseTo(g.outerW / g.outerH, 9);
        expect(d.height, name).toBeLessThanOrEqual(l.safe.height * scale + 1e-6);
        expect(d.width, name).toBeLessThanOrEqual(l.safe.width * scale + 1e-6);
        expect(Math.max(d.height / (l.safe.height * scale), d.width / (l.safe.width * scale)), name).toBeCloseTo(1, 9);
      }
  });

  it('scales the device about its area`s centre (scale 1 by default)', () => {
    const one = lay(job({}, { layout: 'device-only' })).devices[0]!;
    const half = lay(job({}, { layout: 'device-only', device: { scale: 0.5 } })).devices[0]!;
    const none = lay(job({}, { layout: 'device-only', device: undefined })).devices[0]!;
    expect(half.outer.width).toBeCloseTo(one.outer.width / 2, 6);
    expect(half.outer.height).toBeCloseTo(one.outer.height / 2, 6);
    expect(cx(half.outer)).toBeCloseTo(cx(one.outer), 6);
    expect(cy(half.outer)).toBeCloseTo(cy(one.outer), 6);
    expect(none.outer).toEqual(one.outer);
  });

  it('grows a device by a scale above 1 about its centre, in both sides alike (a wide Mac too)', () => {
    for (const frame of ['mac', 'auto']) {
      const at = (scale: number) =>
        lay(job({ size: { width: 1080, height: 950 } }, { layout: 'device-only', device: { frame, scale } }))
          .devices[0]!.outer;
      const one = at(1);
      const big = at(1.2);
      expect(big.width, frame).toBeCloseTo(one.width * 1.2, 6);
      expect(big.height, frame).toBeCloseTo(one.height * 1.2, 6);
      expect(cx(big), frame).toBeCloseTo(cx(one), 6);
      expect(cy(big), frame).toBeCloseTo(cy(one), 6);
    }
  });

  it('puts the screen inside the body, between equal side bezels, with the model`s corner radius', () => {
    for (const id of [IPHONE, PHONE]) {
      const d = lay(job({}, { layout: 'device-only' }, id)).devices[0]!;
      expect(inside(d.screen, d.outer, 0.01)).toBe(true);
      const bezel = d.screen.x - d.outer.x;
      expect(bezel).toBeGreaterThan(1);
      expect(right(d.outer) - right(d.screen)).toBeCloseTo(bezel, 6);
      expect(d.screen.y - d.outer.y).toBeGreaterThan(1);
      // Geometry is in screen widths: the radius is the model's share of the screen's width.
      const g = geometry(MODELS[d.model], false);
      expect(d.screen.width / d.outer.width).toBeCloseTo(g.screen.width / g.outerW, 9);
      expect(d.screenRadius).toBeCloseTo(MODELS[d.model].screenRadius * d.screen.width, 6);
    }
  });

  it('chooses the frame: auto, a model id, an unknown value (auto), a .png file', () => {
    const model = (frame?: string) => resolveModel(job({}, { device: frame === undefined ? {} : { frame } }, IPHONE));
    expect(model()).toEqual({ model: 'iphone-island' });
    expect(model('auto')).toEqual({ model: 'iphone-island' });
    expect(resolveModel(job({}, { device: undefined }, IPHONE))).toEqual({ model: 'iphone-island' });
    expect(model('ipad')).toEqual({ model: 'ipad' });
    expect(model('nokia-3310')).toEqual({ model: 'iphone-island' });
    expect(model('frames/Phone.PNG')).toEqual({ model: 'none', frameFile: 'frames/Phone.PNG' });
    expect(model('frames/phone.png.txt')).toEqual({ model: 'iphone-island' });
  });

  it('places a user frame PNG by its aspect and transparent screen box', () => {
    const j = job({}, { layout: 'device-only', device: { frame: '/frames/phone.png' } });
    const frame = { aspect: 0.5, screen: { x: 0.1, y: 0.1, width: 0.8, height: 1.8 } };
    const { layout, place } = layoutWith({ job: j, facts: setFacts([j], tm), measurer: tm, frame });
    const d = layout.devices[0]!;
    expect(d.model).toBe('none');
    expect(d.frameFile).toBe('/frames/phone.png');
    expect(d.outer.width / d.outer.height).toBeCloseTo(0.5, 9);
    expect(d.screen.x).toBeCloseTo(d.outer.x + 0.1 * d.outer.width, 6);
    expect(d.screen.y).toBeCloseTo(d.outer.y + 0.1 * d.outer.width, 6);
    expect(d.screen.width).toBeCloseTo(0.8 * d.outer.width, 6);
    expect(d.screen.height).toBeCloseTo(1.8 * d.outer.width, 6);
    expect(d.screenRadius).toBe(0);
    // Another model for one device of several (phone-tablet) drops the user frame.
    const tab = place(layout.safe, 'second', 1, { model: 'ipad' });
    expect(tab.model).toBe('ipad');
    expect(tab.frameFile).toBeUndefined();
    const g = geometry(MODELS.ipad, false);
    expect(tab.outer.width / tab.outer.height).toBeCloseTo(g.outerW / g.outerH, 6);
    expect(tab.which).toBe('second');
  });

  it('frames a screenshot with no device (frame none) at the screenshot`s aspect, else the canvas`s', () => {
    const j = job({}, { layout: 'device-only', device: { frame: 'none' } });
    const shot = lay(j, { shots: { primary: { width: 600, height: 1500 } } }).devices[0]!;
    expect(shot.model).toBe('none');
    expect(shot.screen.width / shot.screen.height).toBeCloseTo(0.4, 6);
    const canvas = lay(j).devices[0]!;
    expect(canvas.screen.width / canvas.screen.height).toBeCloseTo(1080 / 1920, 6);
  });

  it('turns phones and tablets on a landscape canvas, not on the feature graphic, never a Mac', () => {
    const d = (over: Partial<Job>, style: Partial<Style>) => lay(job(over, style)).devices[0]!;
    const wide = { size: { width: 2000, height: 1000 } };
    expect(d(wide, { layout: 'device-only' }).landscape).toBe(true);
    expect(d(wide, { layout: 'text-left' }).landscape).toBe(true);
    const turned = d(wide, { layout: 'device-only' });
    expect(turned.outer.width).toBeGreaterThan(turned.outer.height);
    expect(d({}, { layout: 'device-only' }).landscape).toBe(false);
    expect(d({ landscape: true }, { layout: 'device-only' }).landscape).toBe(true);
    expect(d({ size: { width: 1024, height: 500 } }, { layout: 'feature' }).landscape).toBe(false);
    expect(d({ ...wide, landscape: true }, { layout: 'device-only', device: { frame: 'mac' } }).landscape).toBe(false);
  });

  it('shifts the device by offset-x (mirrored in RTL) and offset-y, fractions of the canvas', () => {
    for (const rtl of [false, true]) {
      const base = lay(job({ rtl }, { layout: 'device-only' })).devices[0]!;
      const moved = lay(job({ rtl }, { layout: 'device-only', device: { 'offset-x': 0.1, 'offset-y': 0.05 } }))
        .devices[0]!;
      expect(moved.outer.x - base.outer.x).toBeCloseTo(rtl ? -108 : 108, 6);
      expect(moved.screen.x - base.screen.x).toBeCloseTo(rtl ? -108 : 108, 6);
      expect(moved.outer.y - base.outer.y).toBeCloseTo(96, 6);
      expect(moved.screen.y - base.screen.y).toBeCloseTo(96, 6);
    }
  });

  it('tilts the device, leaning to the set`s direction, mirrored in RTL', () => {
    expect(leaning(10, undefined)).toBe(10);
    expect(leaning(-10, undefined)).toBe(-10);
    expect(leaning(10, 'right')).toBe(10);
    expect(leaning(-10, 'right')).toBe(10);
    expect(leaning(10, 'left')).toBe(-10);
    expect(leaning(-10, 'left')).toBe(-10);
    const tilt = (rtl: boolean, device: Style['device']) =>
      lay(job({ rtl }, { layout: 'device-only', device })).devices[0]!.tilt;
    expect(tilt(false, { tilt: 8 })).toBe(8);
    expect(tilt(true, { tilt: 8 })).toBe(-8);
    expect(tilt(false, { tilt: 8, 'tilt-direction': 'left' })).toBe(-8);
    expect(tilt(true, { tilt: 8, 'tilt-direction': 'left' })).toBe(8);
    expect(tilt(false, {})).toBe(0);
  });

  it('defaults the device to black, cropped, with a shadow; the style`s values win', () => {
    const d = lay(job({}, { layout: 'device-only', device: {} })).devices[0]!;
    expect([d.color, d.fit, d.shadow, d.tilt]).toEqual(['black', 'crop', true, 0]);
    const s = lay(job({}, { layout: 'device-only', device: { color: 'white', fit: 'letterbox', shadow: false } }))
      .devices[0]!;
    expect([s.color, s.fit, s.shadow]).toEqual(['white', 'letterbox', false]);
  });

  it('two devices: the second behind and lower on the far side, the primary in front on the near side (mirrored in RTL)', () => {
    for (const rtl of [false, true]) {
      const j = job({ rtl, secondScreenshot: exampleJob(PHONE).screenshot }, { layout: 'two-devices' });
      const l = lay(j);
      expect(l.kind).toBe('two-devices');
      const area = l.deviceArea!;
      const [back, front] = l.devices as [(typeof l.devices)[0], (typeof l.devices)[0]];
      expect([back.which, front.which]).toEqual(['second', 'primary']);
      const w = 0.56 * area.width;
      const farX = rtl ? area.x : right(area) - w;
      const nearX = rtl ? right(area) - w : area.x;
      const backBox = { x: farX, y: area.y + 0.08 * area.height, width: w, height: 0.92 * area.height };
      const frontBox = { x: nearX, y: area.y, width: w, height: 0.92 * area.height };
      expect(inside(back.outer, backBox, 0.01)).toBe(true);
      expect(inside(front.outer, frontBox, 0.01)).toBe(true);
      expect(cx(back.outer)).toBeCloseTo(cx(backBox), 6);
      expect(cy(back.outer)).toBeCloseTo(cy(backBox), 6);
      expect(cx(front.outer)).toBeCloseTo(cx(frontBox), 6);
      expect(cy(front.outer)).toBeCloseTo(cy(frontBox), 6);
      expect(cy(back.outer)).toBeGreaterThan(cy(front.outer));
      // Mirroring: x' = W - x - w.
      if (rtl) {
        const ltr = lay(job({ secondScreenshot: j.secondScreenshot }, { layout: 'two-devices' })).devices;
        expect(front.outer.x).toBeCloseTo(j.size.width - ltr[1]!.outer.x - ltr[1]!.outer.width, 6);
        expect(back.outer.x).toBeCloseTo(j.size.width - ltr[0]!.outer.x - ltr[0]!.outer.width, 6);
      }
    }
  });

  it('gives each device of several its own screenshot`s aspect, the second falling back to the primary`s', () => {
    const j = job(
      { secondScreenshot: exampleJob(PHONE).screenshot },
      { layout: 'two-devices', device: { frame: 'none' } },
    );
    const aspect = (d: { screen: Box }) => d.screen.width / d.screen.height;
    const both = lay(j, {
      shots: { primary: { width: 500, height: 1000 }, second: { width: 1000, height: 1000 } },
    }).devices;
    expect(aspect(both[1]!)).toBeCloseTo(0.5, 6);
    expect(aspect(both[0]!)).toBeCloseTo(1, 6);
    const one = lay(j, { shots: { primary: { width: 500, height: 1000 } } }).devices;
    expect(aspect(one[0]!)).toBeCloseTo(0.5, 6);
    expect(aspect(one[1]!)).toBeCloseTo(0.5, 6);
  });

  it('full-bleed: no device box, the screenshot covers the canvas (only with a screenshot)', () => {
    const l = lay(job({}, { layout: 'full-bleed' }));
    expect(l.fullBleed).toBe(true);
    expect(l.devices).toEqual([]);
    const none = lay(job({ screenshot: undefined }, { layout: 'full-bleed' }));
    expect(none.fullBleed).toBe(false);
    expect(none.devices).toEqual([]);
    expect(lay(job()).fullBleed).toBe(false);
  });

  it('leaves the devices of fan, phone-tablet and before-after to slide-layout, with the area below the text', () => {
    for (const layout of ['fan', 'phone-tablet', 'before-after', 'feature-list'] as LayoutKind[]) {
      const l = lay(job({}, { layout }));
      expect(l.kind).toBe(layout);
      expect(l.devices, layout).toEqual([]);
      expect(l.deviceArea!.y, layout).toBeGreaterThan(bottom(l.textArea!));
    }
  });

  it('has no device on text-top without a screenshot', () => {
    const l = lay(job({ screenshot: undefined }));
    expect(l.devices).toEqual([]);
    expect(l.blocks.length).toBe(2);
  });
});
