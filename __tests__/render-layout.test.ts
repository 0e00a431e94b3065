// Layout as numbers, no pixels: safe area, one type size per set, RTL alignment, kinsoku,
// wrap points and balanced lines, auto-fit and overflow.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectJobs } from '../src/plan/plan.js';
import { layoutJob, loadBreakData, setFacts, setOf } from '../src/render/index.js';
import { createMeasurer } from '../src/render/measure.js';
import {
  breakOpportunities,
  isNoLineEnd,
  isNoLineStart,
  pieces,
  wrapBalanced,
  wrapGreedy,
  parseHighlights,
  fitSize,
} from '../src/render/text.js';
import type { Job } from '../src/plan/types.js';
import type { Piece } from '../src/render/text.js';
import { examplePlan, variant } from './fixtures/render/jobs.js';

const tm = createMeasurer();
// The render path loads hyphenation patterns and phrase models before it lays out; so do these tests.
beforeAll(() => loadBreakData(['en', 'en-US', 'de-DE', 'fr', 'ja', 'th', ...examplePlan().all.map((j) => j.locale)]));
const inside = (b: { x: number; y: number; width: number; height: number }, s: typeof b) =>
  b.x >= s.x - 0.5 &&
  b.y >= s.y - 0.5 &&
  b.x + b.width <= s.x + s.width + 0.5 &&
  b.y + b.height <= s.y + s.height + 0.5;

/** Fixed-advance measure: every character is 10 px at the reference size. */
const mono = (t: string) => [...t].length * 10;

describe('layout of the example', () => {
  const plan = examplePlan();
  const sets = [...new Set(plan.all.map((j) => j.set))];

  it('keeps every text box and its lines inside the safe area, without overflow', () => {
    for (const set of sets) {
      const jobs = plan.all.filter((j) => j.set === set);
      const facts = setFacts(jobs, tm);
      for (const job of jobs) {
        const l = layoutJob({ job, facts, measurer: tm });
        expect(l.blocks.length, job.id).toBeGreaterThan(0);
        for (const b of l.blocks) {
          expect(inside(b.box, l.safe), `${job.id} ${b.kind} box`).toBe(true);
          expect(inside(b.inked, l.safe), `${job.id} ${b.kind} inked`).toBe(true);
          expect(b.overflow, `${job.id} ${b.kind}`).toBe(false);
        }
        for (const d of l.devices)
          expect(inside(d.outer, { x: 0, y: 0, width: l.width, height: l.height }), job.id).toBe(true);
      }
    }
  });

  it('uses one headline size for every slide of a set, even when one slide needs to shrink', () => {
    const base = plan.all.filter((j) => j.set === 'en-US/appstore.iphone_6_9');
    const long = base.map((j, i) =>
      i === 1 ? { ...j, headline: { ...j.headline!, text: 'Incomprehensibilities everywhere' } } : j,
    );
    const before = setFacts(base, tm);
    const after = setFacts(long, tm);
    expect(after.headlineSize!).toBeLessThan(before.headlineSize!);
    const sizes = long.map(
      (job) => layoutJob({ job, facts: after, measurer: tm }).blocks.find((b) => b.kind === 'headline')!.font.size,
    );
    expect(new Set(sizes).size).toBe(1);
    // The devices line up across the set: the reserved text height is the set's tallest.
    // (The example's feature-list slide has no device.)
    const tops = long
      .filter((job) => job.screenshot)
      .map((job) => layoutJob({ job, facts: after, measurer: tm }).devices[0]!.outer.y);
    expect(tops.length).toBeGreaterThan(1);
    expect(new Set(tops.map((t) => t.toFixed(3))).size).toBe(1);
  });

  it('locks the size from the whole plan, so filters and shards do not change it', () => {
    const shard = selectJobs(plan, { shard: '2/3', slides: ['photo'] });
    for (const job of shard.jobs) {
      const full = setFacts(
        plan.all.filter((j) => j.set === job.set),
        tm,
      );
      expect(setFacts(setOf(shard, job), tm)).toEqual(full);
    }
  });

  it('lets a set opt out of the lock', () => {
    const jobs = plan.all
      .filter((j) => j.set === 'en-US/appstore.iphone_6_9')
      .map((j, i) => ({
        ...j,
        style: { ...j.style, 'lock-type-size': false },
        headline: i === 1 ? { ...j.headline!, text: 'Incomprehensibilities everywhere' } : j.headline,
      }));
    const facts = setFacts(jobs, tm);
    const sizes = jobs.map((job) => layoutJob({ job, facts, measurer: tm }).blocks[0]!.font.size);
    expect(sizes[0]).toBeGreaterThan(sizes[1]!);
  });
});

describe('right-to-left', () => {
  it('aligns start-aligned Arabic lines to the right edge and English ones to the left', () => {
    const ar = variant('ar/appstore.iphone_6_9/photo', {}, { headline: { align: 'start' } });
    const en = variant('en-US/appstore.iphone_6_9/photo', {}, { headline: { align: 'start' } });
    for (const [job, edge] of [
      [ar, 'right'],
      [en, 'left'],
    ] as Array<[Job, string]>) {
      const b = layoutJob({ job, facts: setFacts([job], tm), measurer: tm }).blocks[0]!;
      expect(b.align).toBe(edge);
      for (const line of b.lines) {
        if (edge === 'right') expect(line.x + line.width).toBeCloseTo(b.box.x + b.box.width, 3);
        else expect(line.x).toBeCloseTo(b.box.x, 3);
      }
    }
  });

  it('orders runs visually: the highlighted last word of an Arabic line is drawn leftmost', () => {
    const job = variant('ar/appstore.iphone_6_9/home');
    const line = layoutJob({ job, facts: setFacts([job], tm), measurer: tm }).blocks[0]!.lines[0]!;
    expect(line.runs.every((r) => r.rtl)).toBe(true);
    // One run, shaped whole; its accent is the last word, at its left end.
    const left = line.runs.reduce((a, b) => (a.x < b.x ? a : b));
    const [accent] = left.accents;
    expect(job.headline!.text.replace(/\*\*/g, '').slice(...accent!)).toBe('عادة');
    expect(left.accentX[0]![0]).toBeCloseTo(left.x, 6);
  });

  it('mirrors text-left into text-right for RTL on landscape canvases', () => {
    const size = { width: 2752, height: 2064 };
    const en = layoutJob({
      job: variant('en-US/appstore.ipad_13/home', { size, landscape: true }),
      facts: { textHeight: 0 },
      measurer: tm,
    });
    const ar = layoutJob({
      job: variant('ar/appstore.ipad_13/home', { size, landscape: true }),
      facts: { textHeight: 0 },
      measurer: tm,
    });
    expect(en.kind).toBe('text-left');
    expect(en.textArea!.x).toBeLessThan(en.devices[0]!.outer.x);
    expect(ar.textArea!.x).toBeGreaterThan(ar.devices[0]!.outer.x);
  });
});

describe('line breaking', () => {
  it('never starts a line with a CJK closing mark or small kana', () => {
    const text = 'すべての習慣を、毎日「かんたん」に記録。ちょっとずつ、続けよう！';
    const ps = pieces(text, 'ja', mono);
    for (const width of [40, 50, 60, 70, 80, 90, 100, 130]) {
      const { lines } = wrapGreedy(ps, width, 1);
      expect(lines.length, `width ${width}`).toBeGreaterThan(1);
      for (const [a] of lines.slice(1))
        expect(isNoLineStart(text[ps[a]!.start]!), `width ${width}: ${text.slice(ps[a]!.start)}`).toBe(false);
      for (const [, b] of lines.slice(0, -1))
        expect(isNoLineEnd(text[ps[b]!.end - 1]!), `width ${width}: ${text.slice(0, ps[b]!.end)}`).toBe(false);
    }
    // And the same through the real layout, on a narrow canvas.
    const job = variant('ja/play.phone/home', {
      headline: { text, origin: 'inline', locale: 'ja' },
      size: { width: 540, height: 960 },
    });
    const b = layoutJob({ job, facts: setFacts([job], tm), measurer: tm }).blocks[0]!;
    expect(b.lines.length).toBeGreaterThan(1);
    expect(b.lines.map((l) => l.text).join('')).toBe(text);
    for (const l of b.lines.slice(1)) expect(isNoLineStart(l.text[0]!), l.text).toBe(false);
    for (const l of b.lines.slice(0, -1)) expect(isNoLineEnd(l.text.at(-1)!), l.text).toBe(false);
  });

  it('applies kinsoku after a space too: French guillemets and a spaced percent sign stay with their word', () => {
    // UAX #14 breaks after "« ": the opening guillemet would be left alone at the end of a line.
    expect(breakOpportunities('« Bonjour à tous »', 'fr').breaks).toEqual([10, 12, 18]);
    expect(breakOpportunities('Gagnez 100 % de temps', 'fr').breaks).toEqual([7, 13, 16, 21]);
    for (const text of ['« Bonjour à tous »', 'Notez « tout » et gagnez 100 % de temps']) {
      const ps = pieces(text, 'fr', mono);
      for (let width = 30; width <= 400; width += 10) {
        const lines = wrapGreedy(ps, width, 1).lines.map(([a, b]) => text.slice(ps[a]!.start, ps[b]!.end).trim());
        for (const l of lines.slice(0, -1))
          expect(l.endsWith('«'), `width ${width}: ${JSON.stringify(lines)}`).toBe(false);
        for (const l of lines.slice(1)) expect(/^[»%]/.test(l), `width ${width}: ${JSON.stringify(lines)}`).toBe(false);
      }
    }
    // Too narrow for the words: they overflow together rather than leave a guillemet behind.
    expect(wrapGreedy(pieces('« Bonjour »', 'fr', mono), 60, 1)).toMatchObject({ lines: [[0, 0]], tooWide: true });
  });

  it('breaks Latin at spaces and hyphens only, and Thai at word boundaries', () => {
    expect(breakOpportunities('Track every well-known habit', 'en').breaks).toEqual([6, 12, 17, 23, 28]);
    const thai = 'ติดตามทุกนิสัยของคุณ';
    expect(breakOpportunities(thai, 'th').breaks.length).toBeGreaterThan(2);
  });

  it('balances lines: no lone last word where a better split exists', () => {
    const text = 'Capture the moments that matter most';
    const ps = pieces(text, 'en', mono);
    const greedy = wrapGreedy(ps, 300, 1).lines.map(([a, b]) => text.slice(ps[a]!.start, ps[b]!.end).trim());
    const balanced = wrapBalanced(ps, 300, 1).lines.map(([a, b]) => text.slice(ps[a]!.start, ps[b]!.end).trim());
    expect(greedy).toEqual(['Capture the moments that', 'matter most']);
    expect(balanced).toEqual(['Capture the moments', 'that matter most']);
  });

  it('keeps explicit newlines', () => {
    const ps = pieces('One\nTwo three', 'en', mono);
    expect(wrapGreedy(ps, 1000, 1).lines.length).toBe(2);
  });

  it('parses **highlights** and leaves an unmatched marker as text', () => {
    expect(parseHighlights('Track every **habit**')).toEqual({ text: 'Track every habit', spans: [[12, 17]] });
    expect(parseHighlights('2 ** 3').text).toBe('2 ** 3');
  });
});

describe('device offset', () => {
  it('mirrors offset-x for right-to-left locales and keeps offset-y', () => {
    const place = (id: string, offset?: { 'offset-x': number; 'offset-y': number }) => {
      const job = variant(id, {}, offset ? { device: offset } : undefined);
      return layoutJob({ job, facts: setFacts([job], tm), measurer: tm }).devices[0]!;
    };
    for (const [id, sign] of [
      ['en-US/appstore.iphone_6_9/home', 1],
      ['ar/appstore.iphone_6_9/home', -1],
    ] as const) {
      const still = place(id);
      const moved = place(id, { 'offset-x': 0.1, 'offset-y': 0.05 });
      expect(moved.outer.x - still.outer.x, id).toBeCloseTo(sign * 0.1 * 1320, 6);
      expect(moved.screen.x - still.screen.x, id).toBeCloseTo(sign * 0.1 * 1320, 6);
      expect(moved.outer.y - still.outer.y, id).toBeCloseTo(0.05 * 2868, 6);
      expect(moved.outer.width).toBe(still.outer.width);
    }
  });
});

describe('auto-fit', () => {
  it("flags a slide that the set's shared type size pushes past max-lines", () => {
    // The first slide's style keeps its headline at least 0.085 of the width; the set shares that size,
    // so the second slide's longer headline wraps into 3 lines although its max-lines is 2.
    const short = variant(
      'en-US/play.phone/home',
      { headline: { text: 'Short', origin: 'inline', locale: 'en-US' } },
      { headline: { 'max-lines': 2, 'min-size': 0.085 } },
    );
    const long = variant(
      'en-US/play.phone/stats',
      { headline: { text: 'A much longer headline that needs many lines here', origin: 'inline', locale: 'en-US' } },
      { headline: { 'max-lines': 2 } },
    );
    const facts = setFacts([short, long], tm);
    const own = layoutJob({ job: long, facts: setFacts([long], tm), measurer: tm }).blocks[0]!;
    expect(own.lines).toHaveLength(2);
    expect(own.overflow).toBe(false);
    const b = layoutJob({ job: long, facts, measurer: tm }).blocks[0]!;
    expect(b.font.size).toBe(facts.headlineSize);
    expect(b.font.size).toBeGreaterThan(b.fitFontSize);
    expect(b.fitFontSize).toBeGreaterThanOrEqual(b.minFontSize);
    expect(b.lines).toHaveLength(3);
    expect(b.overflow).toBe(true);
    const first = layoutJob({ job: short, facts, measurer: tm }).blocks[0]!;
    expect(first.lines).toHaveLength(1);
    expect(first.overflow).toBe(false);
  });

  it('shrinks to fit the lines and reports overflow below the minimum', () => {
    const ps = pieces('Supercalifragilistic', 'en', mono);
    expect(fitSize({ pieces: ps, maxWidth: 1000, maxLines: 1, maxSize: 100, minSize: 50 })).toBe(100);
    expect(fitSize({ pieces: ps, maxWidth: 100, maxLines: 1, maxSize: 100, minSize: 50 })).toBeLessThan(50);
    // A string with no hyphenation point (a long number) cannot be helped by hyphenation.
    const job = variant('en-US/play.phone/home', {
      headline: { text: '1234567890123456789012345678901234567890123456789', origin: 'inline', locale: 'en-US' },
    });
    const b = layoutJob({ job, facts: setFacts([job], tm), measurer: tm }).blocks[0]!;
    expect(b.fitFontSize).toBeLessThan(b.minFontSize);
    expect(b.font.size).toBe(b.minFontSize);
    expect(b.overflow).toBe(true);
  });
});

describe('wrapping and fitting, to the number', () => {
  /** A piece of `w` units, `t` of them without its trailing space; `hard` ends the line after it. */
  const P = (w: number, t = w, hard = false): Piece => ({
    start: 0,
    end: 0,
    width: w,
    trimmedWidth: t,
    hardBreak: hard,
  });

  it('fills a line up to the limit, measuring its last piece without the trailing space', () => {
    // 50 + 40 = 90: the second piece's trailing space is not on the line.
    expect(wrapGreedy([P(50, 40), P(50, 40)], 90, 1)).toEqual({ lines: [[0, 1]], widest: 90, tooWide: false });
    // One unit less and the second piece goes to the next line; the widest line is the longer one.
    expect(wrapGreedy([P(50, 40), P(50, 45)], 90, 1)).toEqual({
      lines: [
        [0, 0],
        [1, 1],
      ],
      widest: 45,
      tooWide: false,
    });
    // Scaled: the same pieces at half size fit into half the width.
    expect(wrapGreedy([P(50, 40), P(50, 40), P(60, 50)], 45, 0.5)).toEqual({
      lines: [
        [0, 1],
        [2, 2],
      ],
      widest: 45,
      tooWide: false,
    });
  });

  it('lets a line be a hundredth over the limit (rounding in the measure), not more', () => {
    expect(wrapGreedy([P(100)], 99.99, 1)).toEqual({ lines: [[0, 0]], widest: 100, tooWide: false });
    expect(wrapGreedy([P(50, 40), P(50)], 99.99, 1)).toEqual({ lines: [[0, 1]], widest: 100, tooWide: false });
    expect(wrapGreedy([P(100.02)], 100, 1).tooWide).toBe(true);
  });

  it('keeps a piece wider than the limit alone on its line and says the wrap is too wide', () => {
    expect(wrapGreedy([P(120)], 100, 1)).toEqual({ lines: [[0, 0]], widest: 120, tooWide: true });
    expect(wrapGreedy([P(30), P(120), P(30)], 100, 1)).toEqual({
      lines: [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      widest: 120,
      tooWide: true,
    });
  });

  it('ends a line at a hard break, also the last one, and wraps nothing into no lines', () => {
    expect(wrapGreedy([P(10, 10, true), P(10)], 100, 1).lines).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(wrapGreedy([P(10), P(10, 10, true)], 100, 1)).toEqual({ lines: [[0, 1]], widest: 20, tooWide: false });
    expect(wrapGreedy([], 100, 1)).toEqual({ lines: [], widest: 0, tooWide: false });
  });

  it('fits the largest size on the half pixel, within a pixel below the exact one, and never searches below 4 px or half the minimum', () => {
    // 20 characters of 10 units at the reference size 100: 200 wide at 100, so 50.005 fits 100 exactly
    // (with the 0.01 tolerance); the bisection stops within half a pixel and rounds down to it.
    const ps = pieces('Supercalifragilistic', 'en', mono);
    const fitAt = (maxWidth: number, minSize = 8, maxSize = 100) =>
      fitSize({ pieces: ps, maxWidth, maxLines: 1, maxSize, minSize });
    expect(fitAt(100)).toBe(49.5);
    expect(fitAt(99)).toBe(49);
    expect(fitAt(150)).toBe(74.5);
    expect(fitAt(100, 20)).toBe(49.5);
    // What fits at the largest size is set at it.
    expect(fitAt(1000)).toBe(100);
    expect(fitAt(1000, 8, 37)).toBe(37);
    // Nothing fits: the search floor, min(4, minSize / 2).
    expect(fitAt(1, 50)).toBe(4);
    expect(fitAt(1, 6)).toBe(3);
  });

  it('tries the loose breaks only when the strict fit is below 85% of the largest size, and keeps the larger', () => {
    let asked = 0;
    const loose = () => {
      asked++;
      return [P(100, 110), P(100)]; // "Supercali-" + "fragilistic"
    };
    const strict = [P(200)];
    const f = { pieces: strict, maxWidth: 100, maxLines: 2, minSize: 8 };
    // Strict fits 49.5: at least 85% of 58 (49.3), so the loose breaks are never computed.
    expect(fitSize({ ...f, maxSize: 58, loose })).toBe(49.5);
    expect(asked).toBe(0);
    // Below 85% of 60 (51): the hyphenated wrap fits up to 90.5 (110 wide at 0.905 is 99.55).
    expect(fitSize({ ...f, maxSize: 60, loose })).toBe(60);
    expect(asked).toBe(1);
    expect(fitSize({ ...f, maxSize: 100, loose })).toBe(90.5);
    // Exactly at the threshold (here the minimum) the strict fit stands.
    expect(fitSize({ ...f, maxSize: 58, minSize: 49.5, loose })).toBe(49.5);
    expect(asked).toBe(2);
    // A minimum above the strict fit also sends it to the loose breaks.
    expect(fitSize({ ...f, maxSize: 58, minSize: 55, loose })).toBe(58);
    expect(asked).toBe(3);
    // Loose breaks no better than the strict ones: the strict size stands.
    expect(fitSize({ ...f, maxSize: 100, loose: [P(200, 210)] })).toBe(49.5);
    // The same pieces given as loose: nothing to try.
    expect(fitSize({ ...f, maxSize: 100, loose: strict })).toBe(49.5);
  });
});
