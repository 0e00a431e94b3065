// Line breaking and wrapping of src/render/text.ts as strings and numbers (issue #14: the mutants
// render-breaks and render-layout leave alive): **accent** markup, break opportunities (newlines,
// soft hyphens, Thai dictionary breaks, CJK phrases, kinsoku), pieces, greedy and balanced wrapping,
// strict-then-loose choice, auto-fit, the words no line can hold, and bidi runs. No Chromium, no
// dist: a fixed-advance measure (10 px per code point at the reference size) so every width below
// can be checked by hand.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBreakData } from '../src/render/breaks.js';
import {
  bidiLevels,
  breakOpportunities,
  chooseWrap,
  fitSize,
  parseHighlights,
  pieces,
  unbreakableWords,
  visualRuns,
  wrapBalanced,
  wrapGreedy,
  type Piece,
  type VisualRun,
  type WrapResult,
} from '../src/render/text.js';

/** Fixed-advance measure: every code point is 10 px at the reference size (100 px). */
const mono = (t: string) => [...t].length * 10;

/** A piece by hand (trimmed width = width unless given): for the wrapping arithmetic alone. */
const P = (width: number, trimmedWidth = width, more: Partial<Piece> = {}): Piece => ({
  start: 0,
  end: 0,
  width,
  trimmedWidth,
  hardBreak: false,
  ...more,
});

/** The lines of a wrap as the reader sees them: trailing spaces dropped, a hyphen where one is drawn. */
const texts = (text: string, ps: Piece[], r: WrapResult) =>
  r.lines.map(([a, b]) =>
    (
      text
        .slice(ps[a]!.start, ps[b]!.end)
        .replaceAll('\u00ad', '')
        .replace(/[\r\n]+$/, '')
        .trimEnd() + (ps[b]!.hyphen ?? '')
    ).replaceAll('\n', '|'),
  );

beforeAll(async () => {
  await loadBreakData(['de', 'en', 'ja', 'th', 'fr', 'ko']);
});

describe('**accent** markup', () => {
  it('reads a pair at the very start of the text', () => {
    expect(parseHighlights('**Track** it')).toEqual({ text: 'Track it', spans: [[0, 5]] });
  });

  it('drops an empty pair (nothing to colour) and keeps the letters around it', () => {
    expect(parseHighlights('a****b')).toEqual({ text: 'ab', spans: [] });
    expect(parseHighlights('****')).toEqual({ text: '', spans: [] });
  });

  it('leaves a lone marker, even the first character, as text', () => {
    expect(parseHighlights('**abc')).toEqual({ text: '**abc', spans: [] });
    expect(parseHighlights('2 ** 3')).toEqual({ text: '2 ** 3', spans: [] });
    expect(parseHighlights('**')).toEqual({ text: '**', spans: [] });
  });

  it('keeps the pairs before a trailing open marker as accents on the letters the user marked', () => {
    // Before the fix the text came back with every marker in it while the spans still counted
    // without them: "**5" was coloured instead of "50%".
    const h = parseHighlights('Save **50%** now **today');
    expect(h).toEqual({ text: 'Save 50% now **today', spans: [[5, 8]] });
    expect(h.text.slice(5, 8)).toBe('50%');
    const two = parseHighlights('**a** and **b** or **c');
    expect(two).toEqual({
      text: 'a and b or **c',
      spans: [
        [0, 1],
        [6, 7],
      ],
    });
  });
});

describe('break opportunities', () => {
  it('marks a newline as a required break, but not one that ends the text', () => {
    const b = breakOpportunities('One\nTwo', 'en');
    expect(b.breaks).toEqual([4, 7]);
    expect([...b.required]).toEqual([4]);
    const end = breakOpportunities('One\n', 'en');
    expect(end.breaks).toEqual([4]);
    expect([...end.required]).toEqual([]);
  });

  it('hyphenates at a soft hyphen inside the text, never at one that ends it', () => {
    expect([...breakOpportunities('Wunder\u00adbar', 'de').hyphens]).toEqual([7]);
    expect([...breakOpportunities('Wunder\u00ad', 'de').hyphens]).toEqual([]);
    // The last piece of a text ending in a soft hyphen draws no hyphen.
    expect(pieces('Wunder\u00ad', 'de', mono)).toEqual([
      { start: 0, end: 7, width: 60, trimmedWidth: 60, hardBreak: false },
    ]);
  });

  it('breaks Thai between dictionary words (สวัสดี|ครับ), never at the start, not inside Latin beside it', () => {
    expect(breakOpportunities('สวัสดีครับ', 'th').breaks).toEqual([6, 10]);
    expect(breakOpportunities('Hi สวัสดีครับ', 'th').breaks).toEqual([3, 9, 13]);
    // A locale Intl cannot read falls back instead of throwing.
    expect(breakOpportunities('สวัสดีครับ', 'not a locale!').breaks).toEqual([6, 10]);
  });

  it('loose: a Thai word breaks between grapheme clusters (never inside one), only inside Thai', () => {
    const b = breakOpportunities('สวัสดีครับ', 'th', true);
    // ส|วั|ส|ดี|ค|รั|บ: 1, 3, 4, 6, 7, 9, 10 (the vowel signs and tone marks stay with their consonant).
    expect(b.breaks).toEqual([1, 3, 4, 6, 7, 9, 10]);
    expect([...b.looseOnly].sort((x, y) => x - y)).toEqual([1, 3, 4, 7, 9]);
    expect([...b.hyphens]).toEqual([]);
    // Between Thai and Latin letters there is no emergency break; inside the Latin word none either.
    expect(breakOpportunities('ไทยABC', 'th', true).breaks).toEqual([1, 2, 6]);
  });

  it('Japanese: strict breaks between BudouX phrases, loose between any two characters', () => {
    const strict = breakOpportunities('東京都に住んでいます', 'ja');
    expect(strict.breaks).toEqual([4, 10]);
    expect([...strict.looseOnly]).toEqual([]);
    const loose = breakOpportunities('東京都に住んでいます', 'ja', true);
    expect(loose.breaks).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([...loose.looseOnly].sort((x, y) => x - y)).toEqual([1, 2, 3, 5, 6, 7, 8, 9]);
  });

  it('English: strict keeps a word whole, loose adds its hyphenation points (loose only)', () => {
    expect(breakOpportunities('Unbelievable', 'en').breaks).toEqual([12]);
    const loose = breakOpportunities('Unbelievable', 'en', true);
    expect(loose.breaks).toEqual([2, 4, 8, 12]);
    expect([...loose.hyphens]).toEqual([2, 4, 8]);
    expect([...loose.looseOnly]).toEqual([2, 4, 8]);
  });

  it('loose: no hyphen where a line may end anyway (between Japanese and a Latin word)', () => {
    // English patterns read "日本Google" as one word and find a point after 本; the break there is an
    // ordinary one (UAX #14 between an ideograph and a letter): a line ending at it draws no hyphen.
    const b = breakOpportunities('日本Google', 'en', true);
    expect(b.breaks).toContain(2);
    expect(b.hyphens.has(2)).toBe(false);
    // 日 | 本 | the Latin word: the piece 本 ends without a hyphen.
    expect(pieces('日本Google', 'en', mono, true)[1]).toEqual({
      start: 1,
      end: 2,
      width: 10,
      trimmedWidth: 10,
      hardBreak: false,
    });
  });

  it('kinsoku: no opening mark at a line end, even with a space, NBSP or U+202F after it', () => {
    expect(breakOpportunities('« Bonjour »', 'fr').breaks).toEqual([11]);
    expect(breakOpportunities('«\u00a0 Bonjour', 'fr').breaks).toEqual([10]);
    expect(breakOpportunities('«\u202f Bonjour', 'fr').breaks).toEqual([10]);
    // A break after a space that follows a letter stays.
    expect(breakOpportunities('a\u00a0 Bonjour', 'fr').breaks).toEqual([3, 10]);
  });

  it('keeps the end of the text and every newline, whatever the characters around them', () => {
    // The end after an opening bracket: without it the last piece, and its text, would be lost.
    expect(breakOpportunities('Call (', 'en').breaks).toEqual([5, 6]);
    // A newline before a character that may not start a line is still a line end.
    expect(breakOpportunities('Wow\n!', 'en').breaks).toEqual([4, 5]);
  });

  it('Korean: keep-all, a break only at the space; symbols of CJK scripts still break between them', () => {
    expect(breakOpportunities('한국어 텍스트', 'ko').breaks).toEqual([4, 7]);
    // Kangxi radicals (Han script, but symbols, not letters): keep-all does not hold them together.
    expect(breakOpportunities('⼈⼝ 한국어', 'ko').breaks).toEqual([1, 3, 6]);
    expect(breakOpportunities('㋐㋑ 한국', 'ko').breaks).toEqual([1, 3, 5]);
  });

  it("keep-all is Korean's only: a language whose code merely ends in ko breaks Hangul words apart", () => {
    // ISO 639-3 "eko" (Koti): no keep-all, so the breaks between Hangul syllables (UAX #14 ID) stay.
    expect(breakOpportunities('한국어 텍스트', 'eko').breaks).toEqual([1, 2, 4, 5, 6, 7]);
    expect(breakOpportunities('한국어 텍스트', 'ko-KR').breaks).toEqual([4, 7]);
  });
});

describe('pieces', () => {
  it('measures a piece without its line end (CR LF) and, trimmed, without its trailing spaces', () => {
    expect(pieces('One\r\nTwo', 'en', mono)).toEqual([
      { start: 0, end: 5, width: 30, trimmedWidth: 30, hardBreak: true },
      { start: 5, end: 8, width: 30, trimmedWidth: 30, hardBreak: false },
    ]);
    expect(pieces('Track  it', 'en', mono)[0]).toEqual({
      start: 0,
      end: 7,
      width: 70,
      trimmedWidth: 50,
      hardBreak: false,
    });
  });

  it('a soft hyphen is invisible in the line, and drawn as a hyphen where the line ends', () => {
    expect(pieces('Wunder\u00adbar', 'de', mono)).toEqual([
      { start: 0, end: 7, width: 60, trimmedWidth: 70, hardBreak: false, hyphen: '-' },
      { start: 7, end: 10, width: 30, trimmedWidth: 30, hardBreak: false },
    ]);
  });

  it('loose pieces flag the breaks the strict rules do not allow', () => {
    const ps = pieces('Unbelievable', 'en', mono, true);
    expect(ps.map((p) => p.looseOnly)).toEqual([true, true, true, undefined]);
    expect(ps.map((p) => p.hyphen)).toEqual(['-', '-', '-', undefined]);
    expect(pieces('Un believable', 'en', mono).every((p) => p.looseOnly === undefined)).toBe(true);
  });
});

describe('wrapping', () => {
  it('balanced lines are more even than greedy ones, at any scale', () => {
    const t = 'aaaa bbbb cc';
    const ps = pieces(t, 'en', mono);
    // Half scale: "aaaa bbbb" is 45 px, "bbbb cc" 35 px, within 50.
    expect(texts(t, ps, wrapGreedy(ps, 50, 0.5))).toEqual(['aaaa bbbb', 'cc']);
    const b = wrapBalanced(ps, 50, 0.5);
    expect(texts(t, ps, b)).toEqual(['aaaa', 'bbbb cc']);
    expect(b.widest).toBe(35);
    expect(b.tooWide).toBe(false);
  });

  it('never joins lines across a newline', () => {
    const t = 'One\nTwo three';
    const ps = pieces(t, 'en', mono);
    expect(texts(t, ps, wrapBalanced(ps, 1000, 1))).toEqual(['One', 'Two three']);
  });

  it('on a tie keeps the longer first line, as greedy does', () => {
    // "a bb" + "c" and "a" + "bb c" both cost 40² + 10².
    const t = 'a bb c';
    const ps = pieces(t, 'en', mono);
    expect(texts(t, ps, wrapBalanced(ps, 40, 1))).toEqual(['a bb', 'c']);
  });

  it('does not hyphenate for evenness: a break inside a word costs more than uneven lines', () => {
    const t = 'aa bbbbbb\u00adbbbbbb';
    const ps = pieces(t, 'de', mono);
    expect(texts(t, ps, wrapGreedy(ps, 130, 1))).toEqual(['aa bbbbbb-', 'bbbbbb']);
    // 100 + 60 would be more even than 20 + 120, but ends a line inside the word.
    expect(texts(t, ps, wrapBalanced(ps, 130, 1))).toEqual(['aa', 'bbbbbbbbbbbb']);
  });

  it('nor breaks at a loose-only break (inside a phrase) for evenness', () => {
    const ps = [P(30, 20), P(60, 60, { looseOnly: true }), P(60)];
    expect(wrapGreedy(ps, 130, 1).lines).toEqual([
      [0, 1],
      [2, 2],
    ]);
    expect(wrapBalanced(ps, 130, 1).lines).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });

  it('a line exactly as wide as the box (or 0.01 px over) fits in a balanced wrap', () => {
    const ps = [P(60), P(10), P(60), P(10), P(40)];
    // Greedy: 60+10 | 60+10 | 40; balanced evens the last two lines: 60+10 | 60 | 10+40.
    for (const max of [70, 69.99]) {
      expect(wrapGreedy(ps, max, 1).lines).toEqual([
        [0, 1],
        [2, 3],
        [4, 4],
      ]);
      expect(wrapBalanced(ps, max, 1).lines).toEqual([
        [0, 1],
        [2, 2],
        [3, 4],
      ]);
    }
  });

  it('keeps the greedy wrap past 200,000 lines × pieces, balances up to it', () => {
    // `single` one-piece lines and `double` two-piece lines, each ended by a newline, then
    // 40 + 20 + 20 in a box of 60: greedy 40+20 | 20, balanced 40 | 20+20.
    const text = (single: number, double: number) => [
      ...Array.from({ length: single }, () => P(10, 10, { hardBreak: true })),
      ...Array.from({ length: double }, () => [P(10), P(10, 10, { hardBreak: true })]).flat(),
      P(40),
      P(20),
      P(20),
    ];
    const tail = (r: WrapResult, n: number) => r.lines.slice(-2).map(([a, b]) => [a - n, b - n]);
    // 400 lines of 500 pieces: exactly 200,000.
    const at = text(299, 99);
    expect(at.length * wrapGreedy(at, 60, 1).lines.length).toBe(200_000);
    expect(tail(wrapBalanced(at, 60, 1), 497)).toEqual([
      [0, 0],
      [1, 2],
    ]);
    const over = text(300, 99);
    expect(over.length * wrapGreedy(over, 60, 1).lines.length).toBe(200_901);
    expect(tail(wrapBalanced(over, 60, 1), 498)).toEqual([
      [0, 1],
      [2, 2],
    ]);
  });

  it('a word wider than the box is reported (tooWide), and no pieces make no lines', () => {
    const t = 'a Donaudampfschiff';
    const ps = pieces(t, 'de', mono);
    const r = wrapBalanced(ps, 100, 1);
    expect(texts(t, ps, r)).toEqual(['a', 'Donaudampfschiff']);
    expect(r.tooWide).toBe(true);
    expect(r.widest).toBe(160);
    expect(wrapBalanced([], 100, 1)).toEqual({ lines: [], widest: 0, tooWide: false });
  });
});

describe('strict first, loose only when the strict breaks do not fit', () => {
  const strictPs = [P(60), P(60), P(60)];
  const loosePs = [
    P(30, 30, { looseOnly: true }),
    P(30),
    P(30, 30, { looseOnly: true }),
    P(30),
    P(30, 30, { looseOnly: true }),
    P(30),
  ];

  it('keeps the strict pieces when they fit', () => {
    const r = chooseWrap({ strict: strictPs, loose: loosePs }, 130, 2, 1);
    expect(r.pieces).toBe(strictPs);
    expect(r.lines).toEqual([
      [0, 1],
      [2, 2],
    ]);
  });

  it('takes the loose pieces when the strict ones need more lines than allowed', () => {
    // Strict: 60 | 60 | 60 in a box of 100 (3 lines); loose: 30 30 30 | 30 30 30.
    const r = chooseWrap({ strict: strictPs, loose: () => loosePs }, 100, 2, 1);
    expect(r.pieces).toBe(loosePs);
    expect(r.lines.length).toBe(2);
  });

  it('keeps the strict wrap when the loose one does not fit either', () => {
    // Too many lines for the loose pieces as well.
    expect(chooseWrap({ strict: strictPs, loose: loosePs }, 100, 1, 1).pieces).toBe(strictPs);
    // Strict too wide (Donaudampfschiff is 160 px), loose fits the width but needs 3 lines of 2.
    const t = 'Donaudampfschiff';
    const b = { strict: pieces(t, 'de', mono), loose: pieces(t, 'de', mono, true) };
    const three = chooseWrap(b, 100, 3, 1);
    expect(texts(t, three.pieces, three)).toEqual(['Donau-', 'dampf-', 'schiff']);
    const two = chooseWrap(b, 100, 2, 1);
    expect(two.pieces).toBe(b.strict);
    expect(two.tooWide).toBe(true);
    // Loose too wide as well ("dampf-" is 60 px).
    expect(chooseWrap(b, 50, 5, 1).pieces).toBe(b.strict);
  });
});

describe('auto-fit', () => {
  // One piece of 100 px at the reference size: at size s it is s px wide.
  const one = pieces('aaaaaaaaaa', 'en', mono);

  it('finds the largest size to the half pixel below the true one', () => {
    // Fits while s <= 20.61.
    const s = fitSize({ pieces: one, maxWidth: 20.6, maxLines: 1, maxSize: 40, minSize: 10 });
    expect(s).toBeLessThanOrEqual(20.61);
    expect(s).toBeGreaterThan(20.61 - 0.5);
    expect(Number.isInteger(s * 2)).toBe(true);
    expect(fitSize({ pieces: one, maxWidth: 50, maxLines: 1, maxSize: 40, minSize: 10 })).toBe(40);
  });

  it('returns half the minimum size (at most 4) for a text that fits nowhere', () => {
    expect(fitSize({ pieces: one, maxWidth: 3, maxLines: 1, maxSize: 40, minSize: 7.4 })).toBe(3.7);
    expect(fitSize({ pieces: one, maxWidth: 3, maxLines: 1, maxSize: 40, minSize: 20 })).toBe(4);
  });
});

describe('words no line can hold', () => {
  it('names the whole word once, as written (soft hyphens removed), however many of its pieces overflow', () => {
    const t = 'Die Donau\u00addampfschiff fährt';
    // Loose: Die | Do-nau- | dampf-schiff; at 100 px "dampf-" and "schiff" are 60 px, "fährt" 50.
    expect(unbreakableWords(t, pieces(t, 'de', mono, true), 50, 100)).toEqual(['Donaudampfschiff']);
    const twice = 'Donaudampfschiff und Donaudampfschiff';
    expect(unbreakableWords(twice, pieces(twice, 'de', mono, true), 50, 100)).toEqual(['Donaudampfschiff']);
    expect(unbreakableWords(t, pieces(t, 'de', mono, true), 60, 100)).toEqual([]);
  });

  it('trims the whitespace around a word (an NBSP before it is no break)', () => {
    // The first loose piece, NBSP + "Do-", is 40 px: it overflows 30 px and starts with the NBSP.
    const t = '\u00a0Donaudampfschiff';
    expect(unbreakableWords(t, pieces(t, 'de', mono, true), 30, 100)).toEqual(['Donaudampfschiff']);
    const after = 'Hi\n\u00a0Donaudampfschiff';
    expect(unbreakableWords(after, pieces(after, 'de', mono, true), 30, 100)).toEqual(['Donaudampfschiff']);
  });

  it('a piece exactly as wide as the box, or 0.01 px over, is no overflow', () => {
    const t = 'aaaaaa bb';
    const ps = pieces(t, 'en', mono);
    expect(unbreakableWords(t, ps, 60, 100)).toEqual([]);
    expect(unbreakableWords(t, ps, 59.99, 100)).toEqual([]);
    expect(unbreakableWords(t, ps, 59.98, 100)).toEqual(['aaaaaa']);
    // At half the reference size the same piece is 30 px.
    expect(unbreakableWords(t, ps, 29.98, 50)).toEqual(['aaaaaa']);
  });
});

describe('bidi', () => {
  it('lays out runs from levels it is given (before any bidiLevels call)', () => {
    expect(visualRuns('abc', new Uint8Array([0, 0, 0]), 0, 3, [])).toEqual([
      { start: 0, end: 3, rtl: false, accents: [] },
    ]);
    // Levels made elsewhere: the paragraph's level is taken from the first character, so an isolate
    // control ending a right-to-left line stays at its left end.
    expect(visualRuns('אב\u2069', new Uint8Array([1, 1, 1]), 0, 3, [])).toEqual([
      { start: 0, end: 3, rtl: true, accents: [] },
    ]);
  });

  it('classifies an emoji (a surrogate pair) by its code point, not as two Latin letters', () => {
    const t = 'بـ Habitual 🔥';
    const lv = bidiLevels(t, true);
    // The emoji is neutral between Latin and the end of an RTL paragraph: right-to-left (1), not 2.
    expect([...lv]).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1]);
    expect(visualRuns(t, lv, 0, t.length, [])).toEqual([
      { start: 11, end: 14, rtl: true, accents: [] },
      { start: 3, end: 11, rtl: false, accents: [] },
      { start: 0, end: 3, rtl: true, accents: [] },
    ]);
    // Between two Arabic words it takes their direction.
    expect([...bidiLevels('ابدأ 🔥 مع', true)]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // A left-to-right code point outside the BMP (CJK Extension B) inside Arabic stays left-to-right.
    expect([...bidiLevels('اسم 𠮷野', true)]).toEqual([1, 1, 1, 1, 2, 2, 2]);
  });

  it('takes the base direction from the locale, not from the first letter', () => {
    expect([...bidiLevels('Habitual 🔥', true)]).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1]);
    expect([...bidiLevels('مرحبا!', false)]).toEqual([1, 1, 1, 1, 1, 0]);
  });

  it('merges neighbours of one direction only where they are neighbours in the text', () => {
    const t = 'Habitual עכשיו 50';
    const lv = bidiLevels(t, false);
    // Visually: "Habitual ", then the Hebrew run with the number at its left end: 50 before וישכע.
    expect(visualRuns(t, lv, 0, t.length, [])).toEqual([
      { start: 0, end: 9, rtl: false, accents: [] },
      { start: 15, end: 17, rtl: false, accents: [] },
      { start: 9, end: 15, rtl: true, accents: [] },
    ]);
  });

  it('a second line: offsets into the whole text; trailing spaces and blank lines make no runs', () => {
    const t = 'Hi שלום עולם   ';
    const lv = bidiLevels(t, false);
    expect(visualRuns(t, lv, 3, t.length, [])).toEqual([{ start: 3, end: 12, rtl: true, accents: [] }]);
    expect(visualRuns(t, lv, 0, 3, [])).toEqual([{ start: 0, end: 2, rtl: false, accents: [] }]);
    expect(visualRuns(t, lv, 12, t.length, [])).toEqual([]);
    expect(visualRuns(t, lv, 12, 12, [])).toEqual([]);
    // A second line with Hebrew first: only the Hebrew is reversed, the Latin after it is not.
    const mixed = 'Hi אב cd';
    expect(visualRuns(mixed, bidiLevels(mixed, false), 3, mixed.length, [])).toEqual([
      { start: 3, end: 5, rtl: true, accents: [] },
      { start: 5, end: 8, rtl: false, accents: [] },
    ]);
  });

  it('a line end in an RTL paragraph that starts with Latin goes to the left (UAX #9 L1)', () => {
    // "a1", a space and U+2069 (an isolate control, not whitespace, so not trimmed): the space and
    // the control at the line end take the paragraph's level (1, right-to-left), not the level of
    // the first letter (2): visually, the control and the space are at the left end, "a1" after them.
    const visual = (runs: VisualRun[]) =>
      runs.flatMap((r) => {
        const at = Array.from({ length: r.end - r.start }, (_, i) => r.start + i);
        return r.rtl ? at.reverse() : at;
      });
    const t = 'a1 \u2069';
    const runs = visualRuns(t, bidiLevels(t, true), 0, t.length, []);
    expect(runs).toEqual([
      { start: 2, end: 4, rtl: true, accents: [] },
      { start: 0, end: 2, rtl: false, accents: [] },
    ]);
    expect(visual(runs)).toEqual([3, 2, 0, 1]);
    // The same as the first line of a longer text: the line ends where it ends, whatever follows
    // (the space and the control resolve left-to-right here; only their place at the line end counts).
    const two = 'a1 \u2069bc';
    expect(visual(visualRuns(two, bidiLevels(two, true), 0, 4, []))).toEqual([3, 2, 0, 1]);
  });

  it('mixed Arabic, Latin and numbers in an RTL paragraph', () => {
    const t = 'وفّر 50% مع Habitual Pro';
    const lv = bidiLevels(t, true);
    const runs = visualRuns(t, lv, 0, t.length, []);
    // Left to right: "Habitual Pro", the Arabic after the number, "50", the Arabic before it. After
    // Arabic letters 50 is an Arabic number (UAX #9 W2), so the % beside it is neutral and right-to-left
    // (as Chromium draws it: render-bidi).
    expect(runs.map((r) => [t.slice(r.start, r.end), r.rtl])).toEqual([
      ['Habitual Pro', false],
      ['% مع ', true],
      ['50', false],
      ['وفّر ', true],
    ]);
  });

  it('an Arabic number after Arabic words in an English headline is its own run, not part of the Latin one', () => {
    // Left to right: "Offer: ", then the Arabic read right to left, "عرض" on the right and the number ٣
    // on its left. ٣ (level 2) is drawn beside "Offer: " (level 0): both left-to-right, side by side on
    // the line, yet six characters apart in the text, so they are two runs.
    const t = 'Offer: عرض ٣';
    const runs = visualRuns(t, bidiLevels(t, false), 0, t.length, []);
    expect(runs.map((r) => [t.slice(r.start, r.end), r.rtl])).toEqual([
      ['Offer: ', false],
      ['٣', false],
      ['عرض ', true],
    ]);
  });

  it("an RTL word inside an isolated LTR app name (Android's BidiFormatter) is a run of its own", () => {
    // BidiFormatter.unicodeWrap puts an app name that starts with a Latin letter between LRI and PDI.
    // Left to right: the PDI and "الآن", then the name "Habit عادات" left to right ("عادات" at level 3
    // drawn right of "Habit "), then the LRI and "جرّب". "عادات" and the LRI are drawn side by side, both
    // right to left, yet "Habit " lies between them in the text: two runs, or "Habit" is drawn twice.
    const t = 'جرّب \u2066Habit عادات\u2069 الآن';
    const runs = visualRuns(t, bidiLevels(t, true), 0, t.length, []);
    expect(runs.map((r) => [t.slice(r.start, r.end), r.rtl])).toEqual([
      ['\u2069 الآن', true],
      ['Habit ', false],
      ['عادات', true],
      ['جرّب \u2066', true],
    ]);
  });

  it('splits an accent across the runs it spans, each within its run, in ascending order', () => {
    const t = 'ab אבג';
    const lv = bidiLevels(t, false);
    // An accent that starts where a run ends is no accent of that run.
    expect(visualRuns(t, lv, 0, t.length, [[3, 6]]).map((r) => r.accents)).toEqual([[], [[3, 6]]]);
    // "b אב" is accented: "b " in the Latin run, "אב" in the Hebrew one; [0, 1) and [5, 6) as well,
    // given out of order.
    expect(
      visualRuns(t, lv, 0, t.length, [
        [5, 6],
        [1, 5],
        [0, 1],
      ]),
    ).toEqual([
      {
        start: 0,
        end: 3,
        rtl: false,
        accents: [
          [0, 1],
          [1, 3],
        ],
      },
      {
        start: 3,
        end: 6,
        rtl: true,
        accents: [
          [3, 5],
          [5, 6],
        ],
      },
    ]);
  });
});
