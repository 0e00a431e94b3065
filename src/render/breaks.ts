// Language data for line breaking that is too big to load for every run: TeX hyphenation
// patterns (the `hyphen` package, Liang's algorithm over CTAN's hyph-utf8 patterns) and Google's
// BudouX phrase models for Japanese and Chinese. Each is a separate chunk of the bundle, imported
// on first use by the render path only (loadBreakData); text.ts then uses them synchronously.
import type { Parser } from 'budoux';

type Hyphenate = (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string;
type PatternModule = { hyphenateSync?: Hyphenate; default?: { hyphenateSync: Hyphenate } };

// One entry per hyph-utf8 pattern set a store language uses. Literal import() calls, so the
// bundler makes one chunk per language and nothing loads until a locale needs it.
const PATTERNS: Record<string, () => Promise<PatternModule>> = {
  af: () => import('hyphen/af/index.js'),
  be: () => import('hyphen/be/index.js'),
  bg: () => import('hyphen/bg/index.js'),
  bn: () => import('hyphen/bn/index.js'),
  ca: () => import('hyphen/ca/index.js'),
  cs: () => import('hyphen/cs/index.js'),
  da: () => import('hyphen/da/index.js'),
  de: () => import('hyphen/de-1996/index.js'),
  el: () => import('hyphen/el-monoton/index.js'),
  'en-gb': () => import('hyphen/en-gb/index.js'),
  'en-us': () => import('hyphen/en-us/index.js'),
  es: () => import('hyphen/es/index.js'),
  et: () => import('hyphen/et/index.js'),
  eu: () => import('hyphen/eu/index.js'),
  fi: () => import('hyphen/fi/index.js'),
  fr: () => import('hyphen/fr/index.js'),
  gl: () => import('hyphen/gl/index.js'),
  gu: () => import('hyphen/gu/index.js'),
  hi: () => import('hyphen/hi/index.js'),
  hr: () => import('hyphen/hr/index.js'),
  hu: () => import('hyphen/hu/index.js'),
  hy: () => import('hyphen/hy/index.js'),
  id: () => import('hyphen/id/index.js'),
  is: () => import('hyphen/is/index.js'),
  it: () => import('hyphen/it/index.js'),
  ka: () => import('hyphen/ka/index.js'),
  kn: () => import('hyphen/kn/index.js'),
  lt: () => import('hyphen/lt/index.js'),
  lv: () => import('hyphen/lv/index.js'),
  mk: () => import('hyphen/mk/index.js'),
  ml: () => import('hyphen/ml/index.js'),
  mn: () => import('hyphen/mn-cyrl/index.js'),
  mr: () => import('hyphen/mr/index.js'),
  nb: () => import('hyphen/nb/index.js'),
  nl: () => import('hyphen/nl/index.js'),
  or: () => import('hyphen/or/index.js'),
  pa: () => import('hyphen/pa/index.js'),
  pl: () => import('hyphen/pl/index.js'),
  pt: () => import('hyphen/pt/index.js'),
  rm: () => import('hyphen/rm/index.js'),
  ro: () => import('hyphen/ro/index.js'),
  ru: () => import('hyphen/ru/index.js'),
  sk: () => import('hyphen/sk/index.js'),
  sl: () => import('hyphen/sl/index.js'),
  sr: () => import('hyphen/sr-cyrl/index.js'),
  sv: () => import('hyphen/sv/index.js'),
  ta: () => import('hyphen/ta/index.js'),
  te: () => import('hyphen/te/index.js'),
  tr: () => import('hyphen/tr/index.js'),
  uk: () => import('hyphen/uk/index.js'),
};

/** Languages whose store locales share another's patterns (Malay is set with Indonesian rules). */
const SAME_PATTERNS: Record<string, string> = { no: 'nb', ms: 'id' };

/** English outside the US follows British hyphenation (en-GB, en-AU, en-IN, en-ZA, en-SG). */
const US_ENGLISH = new Set(['en', 'en-us', 'en-ca']);

function language(locale: string): string {
  try {
    return new Intl.Locale(locale).language.toLowerCase();
  } catch {
    return locale.toLowerCase().split(/[-_]/)[0] ?? '';
  }
}

/** The hyphenation pattern set of a store locale (`de-DE` -> de, `en-GB` -> en-gb), or undefined when it does not hyphenate. */
export function patternLanguage(locale: string): string | undefined {
  const lang = language(locale);
  if (lang === 'en') return US_ENGLISH.has(locale.toLowerCase()) ? 'en-us' : 'en-gb';
  const key = SAME_PATTERNS[lang] ?? lang;
  return key in PATTERNS ? key : undefined;
}

/** BudouX phrase model of a locale: ja, zh-hans or zh-hant (Hong Kong, Macao and Taiwan). */
export function phraseModel(locale: string): 'ja' | 'zh-hans' | 'zh-hant' | undefined {
  let l: Intl.Locale;
  try {
    l = new Intl.Locale(locale).maximize();
  } catch {
    return undefined;
  }
  if (l.language === 'ja') return 'ja';
  if (l.language !== 'zh') return undefined;
  return l.script === 'Hant' ? 'zh-hant' : 'zh-hans';
}

const hyphenators = new Map<string, Hyphenate>();
const parsers = new Map<string, Parser>();

/** Thrown by layout that needs break data not loaded yet (loadBreakData first). */
export class BreakDataNotLoaded extends Error {}

/** Loads what breaking a locale's text needs (patterns, phrase model); call before layout. With
 * `phrasesOnly`, only the phrase models (every ja/zh layout needs them; patterns only loose breaks). */
export async function loadBreakData(locales: Iterable<string>, phrasesOnly = false): Promise<void> {
  for (const locale of locales) {
    const pat = phrasesOnly ? undefined : patternLanguage(locale);
    if (pat && !hyphenators.has(pat)) {
      const m = await PATTERNS[pat]!();
      hyphenators.set(pat, m.hyphenateSync ?? m.default!.hyphenateSync);
    }
    const model = phraseModel(locale);
    if (model && !parsers.has(model)) {
      const b = await import('budoux');
      parsers.set(
        model,
        new b.Parser(model === 'ja' ? b.jaModel : model === 'zh-hans' ? b.zhHansModel : b.zhHantModel),
      );
    }
  }
}

function loaded<T>(map: Map<string, T>, key: string, locale: string): T {
  const v = map.get(key);
  // A programming error, never a user's: the render path loads before it lays out.
  if (!v)
    throw new BreakDataNotLoaded(
      `line-breaking data for ${locale} (${key}) is not loaded: await loadBreakData() first`,
    );
  return v;
}

/** Letters kept on each side of a hyphen: no two-letter line ends, no lone syllable of three. */
const LEFT_MIN = 2;
const RIGHT_MIN = 3;

/**
 * Hyphenation points of a text in a locale, as code-unit offsets where a line may end with a
 * hyphen (between two letters of one word). Empty for languages that do not hyphenate.
 */
export function hyphenationPoints(text: string, locale: string): number[] {
  const pat = patternLanguage(locale);
  if (!pat) return [];
  const hyphenate = loaded(hyphenators, pat, locale);
  const out: number[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const word = m[0];
    if (word.length < LEFT_MIN + RIGHT_MIN) continue;
    const marked = hyphenate(word, { hyphenChar: '\u00ad', minWordLength: LEFT_MIN + RIGHT_MIN });
    let at = 0;
    for (const ch of marked) {
      if (ch === '\u00ad') {
        if (at >= LEFT_MIN && word.length - at >= RIGHT_MIN) out.push(m.index + at);
      } else at += ch.length;
    }
  }
  return out;
}

/** Phrase boundaries (code-unit offsets) of Japanese or Chinese text, by BudouX; undefined for other locales. */
export function phraseBoundaries(text: string, locale: string): Set<number> | undefined {
  const model = phraseModel(locale);
  if (!model) return undefined;
  const parser = loaded(parsers, model, locale);
  const out = new Set<number>();
  let at = 0;
  for (const chunk of parser.parse(text)) {
    at += chunk.length;
    out.add(at);
  }
  return out;
}

/** The hyphen a language draws at a hyphenated line end (Armenian has its own). */
export function hyphenFor(locale: string): string {
  return language(locale) === 'hy' ? '\u058a' : '-';
}
