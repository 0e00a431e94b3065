// Our locales (BCP 47, as the stores name them: de-DE, pt-BR, zh-Hans, no, iw-IL …) as the language codes
// a LibreTranslate server publishes at GET /languages. Those codes differ between its versions: releases
// since 2025 publish ISO-like codes (pt-BR, zh-Hans, zh-Hant), earlier ones the Argos model codes (pb, zh,
// zt) and older still only pt and zh. So each locale has a list of candidates, tried in order against
// what this server publishes; the first one it has is sent, in its own spelling.

/** What GET /languages answers, one entry a language (LibreTranslate's `languages` schema). */
export interface EngineLanguage {
  code: string;
  name: string;
  targets: string[];
}

/** The candidates for a tag (lower case) or its shorter prefixes, in full: where a prefix has an entry,
 * nothing else is tried (zh-Hant-TW must never fall back to Simplified Chinese's zh). */
const SPECIAL: Record<string, string[]> = {
  // Simplified and Traditional Chinese by script, and by the regions that write each.
  'zh-hans': ['zh-Hans', 'zh'],
  'zh-cn': ['zh-Hans', 'zh'],
  'zh-sg': ['zh-Hans', 'zh'],
  'zh-hant': ['zh-Hant', 'zt'],
  'zh-tw': ['zh-Hant', 'zt'],
  'zh-hk': ['zh-Hant', 'zt'],
  'zh-mo': ['zh-Hant', 'zt'],
  zh: ['zh-Hans', 'zh'],
  // Brazilian Portuguese: pt-BR (current), pb (the Argos model code), then the one Portuguese of older servers.
  'pt-br': ['pt-BR', 'pb', 'pt'],
  // Norwegian: the App Store's `no` and Play's `no-NO` are Bokmål, which LibreTranslate calls nb.
  no: ['nb', 'no'],
  nb: ['nb', 'no'],
  // Play still uses the withdrawn codes iw (Hebrew) and in (Indonesian); fil is Tagalog's ISO 639-2 sibling.
  iw: ['he', 'iw'],
  he: ['he', 'iw'],
  in: ['id', 'in'],
  fil: ['tl', 'fil'],
};

/** The codes to try for a locale, most specific first: the tag itself, then the entry of its longest
 * prefix that has one, else its language subtag. */
export function candidates(locale: string): string[] {
  const tag = locale.trim();
  const parts = tag.toLowerCase().split('-');
  let more = [parts[0]!];
  for (let n = parts.length; n > 0; n--) {
    const hit = SPECIAL[parts.slice(0, n).join('-')];
    if (hit) {
      more = hit;
      break;
    }
  }
  const out = [tag, ...more];
  return out.filter((c, i) => out.findIndex((o) => o.toLowerCase() === c.toLowerCase()) === i);
}

/** The code this server publishes for a locale (its own spelling), or undefined. */
export function engineCode(locale: string, languages: readonly EngineLanguage[]): string | undefined {
  const byLower = new Map(languages.map((l) => [l.code.toLowerCase(), l.code]));
  for (const c of candidates(locale)) {
    const hit = byLower.get(c.toLowerCase());
    if (hit) return hit;
  }
  return undefined;
}

/** Whether the server translates from one published code into another. */
export function translates(from: string, to: string, languages: readonly EngineLanguage[]): boolean {
  const src = languages.find((l) => l.code === from);
  return !!src && src.targets.some((t) => t.toLowerCase() === to.toLowerCase());
}
