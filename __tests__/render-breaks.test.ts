// Line breaking per language, as strings and numbers (issue #16, defects 3-6 and 8): hyphenation
// by TeX patterns only where the text would otherwise shrink too far, soft hyphens that draw a
// hyphen, Korean at spaces (keep-all), Japanese and Chinese between BudouX phrases (kinsoku kept),
// one type size per set with the slide that forces it named, and no word ever cut off.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hyphenationPoints, patternLanguage, phraseModel } from '../src/render/breaks.js';
import { layoutJob, loadBreakData, setFacts } from '../src/render/index.js';
import { missingGlyphs } from '../src/render/coverage.js';
import { createMeasurer } from '../src/render/measure.js';
import { createPureMeasurer } from '../src/render/measure-pure.js';
import { breakOpportunities, fitSize, HYPHENATE_BELOW, isNoLineStart, pieces, wrapGreedy } from '../src/render/text.js';
import { APPSTORE_LOCALES, PLAY_LOCALES } from '../src/store/locales.js';
import type { Job } from '../src/plan/types.js';
import { runCli } from './helpers/cli.js';
import { examplePlan, variant } from './fixtures/render/jobs.js';

const tm = createMeasurer();
/** Fixed-advance measure: every character is 10 px at the reference size. */
const mono = (t: string) => [...t].length * 10;

/** The text cut at its break opportunities, `-|` where a line would end with a hyphen. */
function marked(text: string, locale: string, loose = false): string {
  const b = breakOpportunities(text, locale, loose);
  let out = '';
  let at = 0;
  for (const p of b.breaks) {
    out += text.slice(at, p).replaceAll('\u00ad', '') + (p === text.length ? '' : b.hyphens.has(p) ? '-|' : '|');
    at = p;
  }
  return out;
}

const lines = (job: Job, facts = setFacts([job], tm)) =>
  layoutJob({ job, facts, measurer: tm }).blocks.find((b) => b.kind === 'headline')!;

const headline = (id: string, locale: string, text: string, size?: { width: number; height: number }) =>
  variant(id, { locale, headline: { text, origin: 'inline', locale }, ...(size ? { size } : {}) });

/** Languages of the stores that are not hyphenated, and why (every other store locale has patterns). */
const NOT_HYPHENATED: Record<string, string> = {
  ar: 'Arabic script: words are not hyphenated (kashida is not a line break)',
  fa: 'Arabic script',
  ur: 'Arabic script',
  he: 'Hebrew is not hyphenated',
  iw: 'Hebrew is not hyphenated',
  ja: 'breaks between phrases (BudouX)',
  ko: 'breaks at spaces (keep-all)',
  zh: 'breaks between phrases (BudouX)',
  th: 'dictionary word breaks (Intl.Segmenter), no hyphen',
  km: 'dictionary word breaks, no hyphen',
  lo: 'dictionary word breaks, no hyphen',
  my: 'dictionary word breaks, no hyphen',
  si: 'no TeX patterns; Sinhala is broken between words',
  am: 'Ethiopic: the word separator is the break, no hyphen',
  ne: 'no TeX patterns for Nepali',
  ky: 'no TeX patterns for Kyrgyz',
  az: 'no TeX patterns for Azerbaijani',
  fil: 'no TeX patterns for Filipino',
  sw: 'no TeX patterns for Swahili',
  zu: 'no TeX patterns for Zulu',
  vi: 'Vietnamese words are single syllables: nothing to hyphenate',
};

beforeAll(() =>
  loadBreakData([...APPSTORE_LOCALES, ...PLAY_LOCALES, 'zh-HK', 'zh-Hans', ...examplePlan().all.map((j) => j.locale)]),
);

describe('hyphenation (defect 3)', () => {
  it('maps every store locale to its TeX patterns, or says why it does not hyphenate', () => {
    expect(patternLanguage('de-DE')).toBe('de');
    expect(patternLanguage('en-US')).toBe('en-us');
    expect(patternLanguage('en-GB')).toBe('en-gb');
    expect(patternLanguage('en-AU')).toBe('en-gb');
    expect(patternLanguage('no-NO')).toBe('nb');
    expect(patternLanguage('pt-BR')).toBe('pt');
    expect(patternLanguage('iw-IL')).toBeUndefined();
    for (const l of [...APPSTORE_LOCALES, ...PLAY_LOCALES]) {
      const lang = new Intl.Locale(l).language;
      if (patternLanguage(l) === undefined) expect(NOT_HYPHENATED[lang], l).toBeDefined();
      else expect(NOT_HYPHENATED[lang], l).toBeUndefined();
    }
  });

  it('finds the hyphenation points of German, Finnish and Dutch compounds', () => {
    expect(marked('Lebensmittelunverträglichkeitstagebuch', 'de-DE', true)).toBe(
      'Le-|bens-|mit-|tel-|un-|ver-|träg-|lich-|keits-|ta-|ge-|buch',
    );
    expect(marked('Terveyssovellus', 'fi-FI', true)).toBe('Ter-|veys-|so-|vel-|lus');
    expect(marked('Gezondheidsdagboek', 'nl-NL', true)).toBe('Ge-|zond-|heids-|dag-|boek');
    // Strict breaks never hyphenate: a word stays whole unless the loose fall-back is needed.
    expect(marked('Lebensmittelunverträglichkeitstagebuch für dich', 'de-DE')).toBe(
      'Lebensmittelunverträglichkeitstagebuch |für |dich',
    );
    // At least three letters go to the next line: the patterns' Aben-teu-er keeps only Aben-teuer.
    expect(hyphenationPoints('Abenteuer', 'de-DE')).toEqual([4]);
  });

  it('hyphenates a long German compound instead of clipping it or shrinking below the threshold', () => {
    const job = headline('de-DE/appstore.iphone_6_9/home', 'de-DE', 'Dein Lebensmittelunverträglichkeitstagebuch');
    const b = lines(job);
    const texts = b.lines.map((l) => l.text);
    expect(
      texts.some((t) => t.endsWith('-')),
      texts.join(' / '),
    ).toBe(true);
    expect(texts.join('').replaceAll('-', '').replaceAll(' ', '')).toBe('DeinLebensmittelunverträglichkeitstagebuch');
    expect(b.overflow).toBe(false);
    expect(b.unbreakable).toEqual([]);
    for (const l of b.lines) expect(l.x + l.width).toBeLessThanOrEqual(b.box.x + b.box.width + 1);
    // The headline keeps a size close to its largest: hyphenation took the strain, not shrinking.
    expect(b.font.size).toBeGreaterThanOrEqual(b.minFontSize);
    expect(b.fitFontSize).toBeGreaterThan(b.minFontSize * 1.3);
    // The hyphen is drawn: a run of its own at the end of the line.
    const hyphenated = b.lines.find((l) => l.text.endsWith('-'))!;
    expect(hyphenated.runs.at(-1)!.text).toBe('-');
  });

  it('does not hyphenate what fits without it, and prefers shrinking a little to hyphenating', () => {
    const job = headline('de-DE/appstore.iphone_6_9/home', 'de-DE', 'Jede Gewohnheit im Blick behalten');
    expect(lines(job).lines.every((l) => !l.text.endsWith('-'))).toBe(true);
    // With mono widths: 'Gewohnheitstracker' (18 chars, 180 px at 100) in a 160 px column.
    const text = 'Gewohnheitstracker';
    const strict = pieces(text, 'de-DE', mono);
    const loose = pieces(text, 'de-DE', mono, true);
    const at = (maxWidth: number) =>
      fitSize({ pieces: strict, loose, maxWidth, maxLines: 2, maxSize: 100, minSize: 40 });
    // 10% too wide: shrinking to 88 px is within the threshold, so no hyphen.
    expect(at(160)).toBe(88.5);
    expect(88.5 / 100).toBeGreaterThan(HYPHENATE_BELOW);
    // Much narrower: strict would need 55 px, below the threshold; hyphenated, Gewohn- / heitstracker
    // (12 characters, 120 px at 100) sets it at 83 px.
    expect(at(100)).toBe(83);
    expect(fitSize({ pieces: strict, maxWidth: 100, maxLines: 2, maxSize: 100, minSize: 40 })).toBe(55);
  });
});

describe('soft hyphen (defect 4)', () => {
  it('ends a line broken at U+00AD with a visible hyphen and draws nothing where it does not break', () => {
    const text = 'Lebensmittel\u00adunverträglichkeits\u00adtagebuch';
    expect(marked(text, 'de-DE')).toBe('Lebensmittel-|unverträglichkeits-|tagebuch');
    const ps = pieces(text, 'de-DE', mono);
    // The soft hyphen has no width inside a line, and a hyphen's width at a line end.
    expect(ps.map((p) => [p.width, p.trimmedWidth, p.hyphen])).toEqual([
      [120, 130, '-'],
      [180, 190, '-'],
      [80, 80, undefined],
    ]);
    const r = wrapGreedy(ps, 200, 1);
    expect(r.lines).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    const job = headline('de-DE/play.phone/home', 'de-DE', text, { width: 540, height: 960 });
    const b = lines(job);
    expect(b.lines.map((l) => l.text)).toEqual(['Lebensmittel-', 'unverträglichkeits-', 'tagebuch']);
    // On one line the soft hyphens draw nothing.
    const wide = headline('de-DE/play.phone/home', 'de-DE', 'Mittel\u00adwert', { width: 1080, height: 1920 });
    expect(lines(wide).lines.map((l) => l.text)).toEqual(['Mittelwert']);
  });
});

describe('Korean keep-all (defect 5)', () => {
  it('breaks Korean at spaces only, and between syllables only as a last resort', () => {
    const text = '매일 습관을 기록하고 목표를 달성하세요';
    expect(marked(text, 'ko')).toBe('매일 |습관을 |기록하고 |목표를 |달성하세요');
    expect(marked(text, 'ko-KR')).toBe('매일 |습관을 |기록하고 |목표를 |달성하세요');
    expect(marked('기록하고', 'ko', true)).toBe('기|록|하|고');
    const job = headline('ja/play.phone/home', 'ko', text, { width: 540, height: 960 });
    const b = lines(job);
    expect(b.lines.length).toBeGreaterThan(1);
    const words = text.split(' ');
    for (const l of b.lines) for (const w of l.text.split(' ')) expect(words, l.text).toContain(w);
  });
});

describe('Japanese and Chinese phrases (defect 6)', () => {
  it('breaks between BudouX phrases and keeps the line-start rules', () => {
    expect(phraseModel('ja')).toBe('ja');
    expect(phraseModel('zh-Hans')).toBe('zh-hans');
    expect(phraseModel('zh-CN')).toBe('zh-hans');
    expect(phraseModel('zh-TW')).toBe('zh-hant');
    expect(phraseModel('zh-HK')).toBe('zh-hant');
    expect(phraseModel('ko')).toBeUndefined();
    expect(marked('ダウンロードして毎日の習慣をトラッカーで記録しよう', 'ja')).toBe(
      'ダウンロードして|毎日の|習慣を|トラッカーで|記録しよう',
    );
    expect(marked('养成好习惯，每天记录你的进步', 'zh-Hans')).toBe('养成|好|习惯，|每|天|记录|你|的|进步');
    // Kinsoku holds inside phrases as before: no line starts with 、 。 ！ or a small kana.
    const ja = 'すべての習慣を、毎日「かんたん」に記録。ちょっとずつ、続けよう！';
    for (const p of breakOpportunities(ja, 'ja').breaks.slice(0, -1))
      expect(isNoLineStart(ja[p]!), ja.slice(p)).toBe(false);
  });

  it('never splits ダウンロード or トラッカー across lines on a narrow canvas', () => {
    const text = 'ダウンロードして毎日の習慣をトラッカーで記録しよう';
    const job = headline('ja/play.phone/home', 'ja', text, { width: 540, height: 960 });
    const b = lines(job);
    expect(b.lines.length).toBeGreaterThan(1);
    expect(b.lines.map((l) => l.text).join('')).toBe(text);
    for (const l of b.lines)
      for (const w of ['ダウンロード', 'トラッカー']) if (l.text.includes(w[0]!)) expect(l.text).toContain(w);
  });
});

describe('one size per set (defect 8)', () => {
  const set = () => examplePlan().all.filter((j) => j.set === 'de-DE/appstore.iphone_6_9');
  it('names the slide that forces the set down and by how much', () => {
    const base = set();
    expect(setFacts(base, tm).shrunk).toBeUndefined();
    const long = base.map((j, i) =>
      i === 2
        ? {
            ...j,
            headline: {
              ...j.headline!,
              text: 'Erinnerungen, Statistiken, Serien, Ziele, Freunde und Auszeichnungen für jeden Tag',
            },
          }
        : j,
    );
    const facts = setFacts(long, tm);
    expect(facts.shrunk).toHaveLength(1);
    const s = facts.shrunk![0]!;
    expect(s).toMatchObject({ kind: 'headline', slide: long[2]!.slide, size: facts.headlineSize });
    expect(s.without).toBe(setFacts(base, tm).headlineSize);
    expect(s.size).toBeLessThan(s.without * 0.9);
    // The forcing slide's headline carries the sizes for lint's text.set-size warning; the others do not.
    const blocks = long.map((job) => lines(job, facts));
    expect(blocks.map((b) => b.shrinksSet)).toEqual([
      undefined,
      undefined,
      { size: s.size, without: s.without },
      ...long.slice(3).map(() => undefined),
    ]);
  });

  it('lets hyphenation take the strain before one compound shrinks the whole set', () => {
    const base = set();
    const compound = base.map((j, i) =>
      i === 1 ? { ...j, headline: { ...j.headline!, text: 'Dein Lebensmittelunverträglichkeitstagebuch' } } : j,
    );
    const before = setFacts(base, tm).headlineSize!;
    const after = setFacts(compound, tm).headlineSize!;
    expect(after).toBeGreaterThanOrEqual(before * HYPHENATE_BELOW);
  });
});

describe('nothing is cut off at the canvas edge', () => {
  it('validate names the locale, slide and word that cannot fit even hyphenated', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-unbreakable-'));
    writeFileSync(
      path.join(dir, 'screenshots.yml'),
      `version: 1
app: { name: Habitual }
locales: [en-US, de-DE]
presets:
  - { id: play.phone, size: 540x960 }
slides:
  - id: home
    headline: { en-US: Track every habit, de-DE: "Code 12345678901234567890123456789012345678 eingeben" }
  - id: stats
    headline: { en-US: See your progress, de-DE: Lebensmittelunverträglichkeitstagebuch }
output: { dir: out, format: png, layout: flat }
`,
    );
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /screenshots\.yml:\d+:\d+: error: de-DE, slide "home" \(play\.phone\): the headline word "12345678901234567890123456789012345678" does not fit the \d+ px column even hyphenated/,
    );
    // The compound hyphenates, so only the number is named.
    expect(r.stderr).not.toMatch(/Lebensmittel/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('validate measures like render without native code', () => {
  it('fontkit widths agree with the canvas within 1% on every corpus headline a shipped font covers', () => {
    const corpus = JSON.parse(
      readFileSync(path.join(import.meta.dirname, 'fixtures/typography/corpus.json'), 'utf8'),
    ) as { blocks: Array<{ locale: string; text: string }> };
    const pure = createPureMeasurer();
    let compared = 0;
    for (const b of corpus.blocks) {
      const job = variant('en-US/play.phone/home', { locale: b.locale });
      const chain = tm.chain({}, job);
      expect(pure.chain({}, job)).toEqual(chain);
      if (missingGlyphs(b.text, chain).length) continue;
      for (const weight of [800, 500]) {
        const font = { chain, weight, size: 100, lang: b.locale, letterSpacing: 0 };
        const canvas = tm.width(b.text, font);
        // Noto Nastaliq Urdu (ur) is the one exception: fontkit's shaping of its cursive attachment
        // differs from HarfBuzz's by up to 10% (measured 9.5% on the corpus), so validate's fit check is
        // approximate for Urdu (docs/typography.md says so); render measures with the canvas.
        const bound = b.locale.startsWith('ur') ? 0.1 : 0.01;
        expect(Math.abs(pure.width(b.text, font) - canvas) / canvas, `${b.locale} ${weight}: ${b.text}`).toBeLessThan(
          bound,
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(90);
  });
});
