// Store locale lists and the mapping from a manifest's BCP 47 tag to each store's code
// (docs/store-rules.md#app-store-locale-codes, docs/store-rules.md#play-locale-codes).
import type { Store } from './presets.js';

/** App Store Connect locale folder names deliver accepts (fastlane languages.rb, 50 codes). */
export const APPSTORE_LOCALES: readonly string[] =
  'ar-SA bn-BD ca cs da de-DE el en-AU en-CA en-GB en-US es-ES es-MX fi fr-CA fr-FR gu-IN he hi hr hu id it ja kn-IN ko ml-IN mr-IN ms nl-NL no or-IN pa-IN pl pt-BR pt-PT ro ru sk sl-SI sv ta-IN te-IN th tr uk ur-PK vi zh-Hans zh-Hant'.split(
    ' ',
  );

/** Play listing languages (fastlane supply languages.rb, hyphenated). The full current list is UNCONFIRMED. */
export const PLAY_LOCALES: readonly string[] =
  'af am ar az-AZ be bg bn-BD ca cs-CZ da-DK de-DE el-GR en-AU en-CA en-GB en-IN en-SG en-US en-ZA es-419 es-ES es-US et eu-ES fa fi-FI fil fr-CA fr-FR gl-ES hi-IN hr hu-HU hy-AM id is-IS it-IT iw-IL ja-JP ka-GE km-KH kn-IN ko-KR ky-KG lo-LA lt lv mk-MK ml-IN mn-MN mr-IN ms ms-MY my-MM ne-NP nl-NL no-NO pl-PL pt-BR pt-PT rm ro ru-RU si-LK sk sl sr sv-SE sw ta-IN te-IN th tr-TR uk vi zh-CN zh-HK zh-TW zu'.split(
    ' ',
  );

/** Pseudo-locales storeshots renders for testing; never exported to a store. */
export const PSEUDO_LOCALES: readonly string[] = ['pseudo', 'pseudo-rtl'];

// Aliases a manifest may use for the same language, checked before the generic rules below.
const APPSTORE_ALIASES: Record<string, string> = {
  ar: 'ar-SA',
  bn: 'bn-BD',
  de: 'de-DE',
  en: 'en-US',
  es: 'es-ES',
  fr: 'fr-FR',
  nl: 'nl-NL',
  pt: 'pt-BR',
  zh: 'zh-Hans',
  'zh-CN': 'zh-Hans',
  'zh-SG': 'zh-Hans',
  'zh-TW': 'zh-Hant',
  'zh-HK': 'zh-Hant',
  iw: 'he',
  'he-IL': 'he',
  'iw-IL': 'he',
  nb: 'no',
  'nb-NO': 'no',
  'no-NO': 'no',
  'ja-JP': 'ja',
  'ko-KR': 'ko',
  sl: 'sl-SI',
  gu: 'gu-IN',
  kn: 'kn-IN',
  ml: 'ml-IN',
  mr: 'mr-IN',
  or: 'or-IN',
  pa: 'pa-IN',
  ta: 'ta-IN',
  te: 'te-IN',
  ur: 'ur-PK',
  'hi-IN': 'hi',
  'cs-CZ': 'cs',
  'da-DK': 'da',
  'el-GR': 'el',
  'fi-FI': 'fi',
  'hu-HU': 'hu',
  'it-IT': 'it',
  'pl-PL': 'pl',
  'ru-RU': 'ru',
  'sv-SE': 'sv',
  'tr-TR': 'tr',
  'uk-UA': 'uk',
  'vi-VN': 'vi',
  'th-TH': 'th',
  'id-ID': 'id',
  'ms-MY': 'ms',
  'ca-ES': 'ca',
  'hr-HR': 'hr',
  'ro-RO': 'ro',
  'sk-SK': 'sk',
};

const PLAY_ALIASES: Record<string, string> = {
  he: 'iw-IL',
  'he-IL': 'iw-IL',
  iw: 'iw-IL',
  'zh-Hans': 'zh-CN',
  'zh-Hant': 'zh-TW',
  zh: 'zh-CN',
  'ar-SA': 'ar',
  ja: 'ja-JP',
  ko: 'ko-KR',
  de: 'de-DE',
  fr: 'fr-FR',
  en: 'en-US',
  es: 'es-ES',
  it: 'it-IT',
  ru: 'ru-RU',
  tr: 'tr-TR',
  pl: 'pl-PL',
  cs: 'cs-CZ',
  da: 'da-DK',
  el: 'el-GR',
  fi: 'fi-FI',
  hu: 'hu-HU',
  sv: 'sv-SE',
  nl: 'nl-NL',
  pt: 'pt-BR',
  no: 'no-NO',
  nb: 'no-NO',
  hi: 'hi-IN',
  'sl-SI': 'sl',
  'ur-PK': 'ur',
  'es-MX': 'es-419',
  'id-ID': 'id',
  'th-TH': 'th',
  'vi-VN': 'vi',
  'uk-UA': 'uk',
};

function lookup(list: readonly string[], aliases: Record<string, string>, tag: string): string | undefined {
  const exact = list.find((c) => c.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  // BCP 47 tags are case-insensitive: `EN` and `zh-tw` take the aliases of `en` and `zh-TW`.
  const alias = Object.entries(aliases).find(([k]) => k.toLowerCase() === tag.toLowerCase())?.[1];
  if (alias && list.includes(alias)) return alias;
  // A region-less tag matches the only listed region of that language (e.g. `bn` -> `bn-BD`).
  const lang = tag.split('-')[0]!.toLowerCase();
  const sameLang = list.filter((c) => c.split('-')[0]!.toLowerCase() === lang);
  if (!tag.includes('-') && sameLang.length === 1) return sameLang[0];
  if (tag.includes('-') && list.includes(lang)) return lang;
  return undefined;
}

/** The store's code for a manifest locale, or undefined when the store does not list it. */
export function storeLocale(store: Store, tag: string): string | undefined {
  return store === 'appstore'
    ? lookup(APPSTORE_LOCALES, APPSTORE_ALIASES, tag)
    : lookup(PLAY_LOCALES, PLAY_ALIASES, tag);
}

/** Text direction of a locale, from its language subtag (pseudo-rtl counts as RTL). */
export function isRtlLocale(tag: string): boolean {
  const lang = tag.split('-')[0]!.toLowerCase();
  return tag === 'pseudo-rtl' || ['ar', 'he', 'iw', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ku'].includes(lang);
}
