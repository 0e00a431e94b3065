import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/store/locales.ts
init_define_globalThis_STORESHOTS_NATIVES();
var APPSTORE_LOCALES = "ar-SA bn-BD ca cs da de-DE el en-AU en-CA en-GB en-US es-ES es-MX fi fr-CA fr-FR gu-IN he hi hr hu id it ja kn-IN ko ml-IN mr-IN ms nl-NL no or-IN pa-IN pl pt-BR pt-PT ro ru sk sl-SI sv ta-IN te-IN th tr uk ur-PK vi zh-Hans zh-Hant".split(
  " "
);
var PLAY_LOCALES = "af am ar az-AZ be bg bn-BD ca cs-CZ da-DK de-DE el-GR en-AU en-CA en-GB en-IN en-SG en-US en-ZA es-419 es-ES es-US et eu-ES fa fi-FI fil fr-CA fr-FR gl-ES hi-IN hr hu-HU hy-AM id is-IS it-IT iw-IL ja-JP ka-GE km-KH kn-IN ko-KR ky-KG lo-LA lt lv mk-MK ml-IN mn-MN mr-IN ms ms-MY my-MM ne-NP nl-NL no-NO pl-PL pt-BR pt-PT rm ro ru-RU si-LK sk sl sr sv-SE sw ta-IN te-IN th tr-TR uk vi zh-CN zh-HK zh-TW zu".split(
  " "
);
var PSEUDO_LOCALES = ["pseudo", "pseudo-rtl"];
var APPSTORE_ALIASES = {
  ar: "ar-SA",
  bn: "bn-BD",
  de: "de-DE",
  en: "en-US",
  es: "es-ES",
  fr: "fr-FR",
  nl: "nl-NL",
  pt: "pt-BR",
  zh: "zh-Hans",
  "zh-CN": "zh-Hans",
  "zh-SG": "zh-Hans",
  "zh-TW": "zh-Hant",
  "zh-HK": "zh-Hant",
  iw: "he",
  "he-IL": "he",
  "iw-IL": "he",
  nb: "no",
  "nb-NO": "no",
  "no-NO": "no",
  "ja-JP": "ja",
  "ko-KR": "ko",
  sl: "sl-SI",
  gu: "gu-IN",
  kn: "kn-IN",
  ml: "ml-IN",
  mr: "mr-IN",
  or: "or-IN",
  pa: "pa-IN",
  ta: "ta-IN",
  te: "te-IN",
  ur: "ur-PK",
  "hi-IN": "hi",
  "cs-CZ": "cs",
  "da-DK": "da",
  "el-GR": "el",
  "fi-FI": "fi",
  "hu-HU": "hu",
  "it-IT": "it",
  "pl-PL": "pl",
  "ru-RU": "ru",
  "sv-SE": "sv",
  "tr-TR": "tr",
  "uk-UA": "uk",
  "vi-VN": "vi",
  "th-TH": "th",
  "id-ID": "id",
  "ms-MY": "ms",
  "ca-ES": "ca",
  "hr-HR": "hr",
  "ro-RO": "ro",
  "sk-SK": "sk"
};
var PLAY_ALIASES = {
  he: "iw-IL",
  "he-IL": "iw-IL",
  iw: "iw-IL",
  "zh-Hans": "zh-CN",
  "zh-Hant": "zh-TW",
  zh: "zh-CN",
  "ar-SA": "ar",
  ja: "ja-JP",
  ko: "ko-KR",
  de: "de-DE",
  fr: "fr-FR",
  en: "en-US",
  es: "es-ES",
  it: "it-IT",
  ru: "ru-RU",
  tr: "tr-TR",
  pl: "pl-PL",
  cs: "cs-CZ",
  da: "da-DK",
  el: "el-GR",
  fi: "fi-FI",
  hu: "hu-HU",
  sv: "sv-SE",
  nl: "nl-NL",
  pt: "pt-BR",
  no: "no-NO",
  nb: "no-NO",
  hi: "hi-IN",
  "sl-SI": "sl",
  "ur-PK": "ur",
  "es-MX": "es-419",
  "id-ID": "id",
  "th-TH": "th",
  "vi-VN": "vi",
  "uk-UA": "uk"
};
function lookup(list, aliases, tag) {
  const exact = list.find((c) => c.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const alias = Object.entries(aliases).find(([k]) => k.toLowerCase() === tag.toLowerCase())?.[1];
  if (alias && list.includes(alias)) return alias;
  const lang = tag.split("-")[0].toLowerCase();
  const sameLang = list.filter((c) => c.split("-")[0].toLowerCase() === lang);
  if (!tag.includes("-") && sameLang.length === 1) return sameLang[0];
  if (tag.includes("-") && list.includes(lang)) return lang;
  return void 0;
}
function storeLocale(store, tag) {
  return store === "appstore" ? lookup(APPSTORE_LOCALES, APPSTORE_ALIASES, tag) : lookup(PLAY_LOCALES, PLAY_ALIASES, tag);
}
function isRtlLocale(tag) {
  const lang = tag.split("-")[0].toLowerCase();
  return tag === "pseudo-rtl" || ["ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ku"].includes(lang);
}

// src/store/presets.ts
init_define_globalThis_STORESHOTS_NATIVES();
var s = (width, height) => ({ width, height });
function define(d) {
  const size = d.accepted[0];
  const orientation = size.width === size.height ? "square" : size.height > size.width ? "portrait" : "landscape";
  return { minCount: 0, ...d, size, orientation };
}
var apple = (slot, device, label, displayType, accepted, rotatable) => define({
  id: `appstore.${slot}`,
  store: "appstore",
  slot,
  device,
  label,
  accepted,
  rotatable,
  anySize: false,
  maxCount: 10,
  displayType,
  source: "appleSpecs"
});
var play = (slot, device, label, playFolder, accepted, anySize, maxCount = 8) => define({
  id: `play.${slot}`,
  store: "play",
  slot,
  device,
  label,
  accepted,
  rotatable: anySize,
  anySize,
  maxCount,
  playFolder,
  source: "playPreview"
});
var PRESETS = [
  apple(
    "iphone_6_9",
    "iphone",
    'iPhone 6.9" (Dynamic Island, large)',
    "APP_IPHONE_67",
    [s(1320, 2868), s(1290, 2796), s(1260, 2736)],
    true
  ),
  apple("iphone_6_5", "iphone", 'iPhone 6.5" (Face ID, large)', "APP_IPHONE_65", [s(1284, 2778), s(1242, 2688)], true),
  apple(
    "iphone_6_3",
    "iphone",
    'iPhone 6.3" (Dynamic Island, medium)',
    "APP_IPHONE_61",
    [s(1206, 2622), s(1179, 2556)],
    true
  ),
  apple(
    "iphone_6_1",
    "iphone",
    'iPhone 6.1" (Face ID, medium)',
    "APP_IPHONE_58",
    [s(1170, 2532), s(1125, 2436), s(1080, 2340)],
    true
  ),
  apple("iphone_5_5", "iphone", 'iPhone 5.5"', "APP_IPHONE_55", [s(1242, 2208)], true),
  apple("ipad_13", "ipad", 'iPad 13"', "APP_IPAD_PRO_3GEN_129", [s(2064, 2752), s(2048, 2732)], true),
  apple(
    "ipad_11",
    "ipad",
    'iPad 11"',
    "APP_IPAD_PRO_3GEN_11",
    [s(1668, 2420), s(1488, 2266), s(1668, 2388), s(1640, 2360)],
    true
  ),
  apple("mac", "mac", "Mac", "APP_DESKTOP", [s(2880, 1800), s(2560, 1600), s(1440, 900), s(1280, 800)], false),
  apple("apple_tv", "tv", "Apple TV", "APP_APPLE_TV", [s(3840, 2160), s(1920, 1080)], false),
  apple("vision_pro", "vision", "Apple Vision Pro", "APP_APPLE_VISION_PRO", [s(3840, 2160)], false),
  apple("watch_ultra", "watch", "Apple Watch Ultra", "APP_WATCH_ULTRA", [s(422, 514), s(410, 502)], false),
  apple("watch_series_10", "watch", "Apple Watch Series 10", "APP_WATCH_SERIES_10", [s(416, 496)], false),
  play("phone", "android-phone", "Android phone", "phoneScreenshots", [s(1080, 1920)], true),
  play("tablet_7", "android-tablet", 'Android 7" tablet', "sevenInchScreenshots", [s(1440, 2560)], true),
  play("tablet_10", "android-tablet", 'Android 10" tablet', "tenInchScreenshots", [s(2160, 3840)], true),
  play("feature_graphic", "none", "Play feature graphic", "featureGraphic", [s(1024, 500)], false, 1),
  play("tv", "tv", "Android TV", "tvScreenshots", [s(1920, 1080)], true),
  play("wear", "watch", "Wear OS", "wearScreenshots", [s(454, 454)], true)
];
var BY_ID = new Map(PRESETS.map((p) => [p.id, p]));
var PRESET_IDS = PRESETS.map((p) => p.id);
function resolvePreset(ref) {
  const [id, variant, ...rest] = ref.split("@");
  if (rest.length > 0 || id === void 0) return void 0;
  const preset = BY_ID.get(id);
  if (!preset) return void 0;
  if (variant === void 0) return { preset, landscape: false, size: preset.size };
  if (variant !== "landscape" || !preset.rotatable || preset.orientation !== "portrait") return void 0;
  return { preset, landscape: true, size: { width: preset.size.height, height: preset.size.width } };
}
function getPreset(id) {
  return BY_ID.get(id);
}
function acceptedSizes(preset) {
  if (!preset.rotatable || preset.anySize) return preset.accepted;
  return [...preset.accepted, ...preset.accepted.map((z) => s(z.height, z.width))];
}
function isAcceptedSize(preset, size) {
  return acceptedSizes(preset).some((z) => z.width === size.width && z.height === size.height);
}
function presetRefs() {
  const out = [];
  for (const p of PRESETS) {
    out.push(p.id);
    if (p.rotatable && p.orientation === "portrait") out.push(`${p.id}@landscape`);
  }
  return out;
}

// src/store/facts.ts
init_define_globalThis_STORESHOTS_NATIVES();
var APPSTORE = {
  maxPerSet: 10,
  minPerSet: 1,
  extensions: ["png", "jpg", "jpeg"],
  minDpi: 72,
  /** Required sets per the safe reading (docs/store-rules.md#app-store-required-sets): Dynamic Island large + medium, iPad 13" when iPad is targeted. */
  requiredIphoneDisplayTypes: ["APP_IPHONE_67", "APP_IPHONE_61"],
  requiredIpadDisplayType: "APP_IPAD_PRO_3GEN_129"
};
var PLAY = {
  minSide: 320,
  maxSide: 3840,
  /** Large-screen slots (tablets, Chromebook) per Q-G2/Q-G3. */
  largeMinSide: 1080,
  largeMaxSide: 7680,
  maxAspect: 2,
  maxPerType: 8,
  minTotal: 2,
  /** UNCONFIRMED for phones: a safe cap, reported as a warning. */
  maxFileBytes: 8 * 1024 * 1024,
  featureGraphic: { width: 1024, height: 500 },
  /** App icon: 32-bit PNG (alpha allowed), at most 1024 KB (docs/store-rules.md#google-play-other-graphics). */
  icon: { width: 512, height: 512, maxBytes: 1024 * 1024 },
  /** TV banner: current wording UNCONFIRMED (docs/store-rules.md#google-play-other-graphics), so checked as a warning. */
  tvBanner: { width: 1280, height: 720 },
  wearMinSide: 384,
  /** Promotion eligibility ("Highly recommended", docs/store-rules.md#google-play-per-device-type): at least 4 shots, min 1080 px, 9:16 or 16:9. */
  promoMinCount: 4,
  promoMinSide: 1080,
  extensions: ["png", "jpg", "jpeg"],
  /**
   * What Play's preview-asset guidelines ask screenshots not to show ("Highly recommended", docs/store-rules.md#google-play-content-of-screenshots):
   * ratings and awards, ranking or superlative claims, and calls to action. English wording only.
   */
  discouraged: {
    claims: ["#1", "No. 1", "number one", "best", "top", "million downloads", "discount", "sale"],
    callsToAction: ["download now", "install now", "play now", "try now", "get it now", "buy now"]
  }
};
var DELIVER = {
  /** Folder names deliver allows beside the locales; the first two hold nested locale folders. */
  specialDirs: ["appleTV", "iMessage", "default"],
  expandableDirs: ["appleTV", "iMessage"],
  /** Folders deliver skips without complaint (metadata sub-dirs, supply's tree, frameit's fonts). */
  exceptionDirs: ["trade_representative_contact_information", "review_information", "android", "fonts"],
  /** When a locale folder holds a `*_framed.*` file, only paths containing one of these are uploaded. */
  framedKeep: ["framed", "watch"],
  framedSuffix: "_framed"
};
var SUPPLY = {
  screenshotTypes: [
    "phoneScreenshots",
    "sevenInchScreenshots",
    "tenInchScreenshots",
    "tvScreenshots",
    "wearScreenshots"
  ],
  imageTypes: ["featureGraphic", "icon", "tvBanner"],
  extensions: ["png", "jpg", "jpeg"]
};
var DELIVER_DISPLAY_TYPES = {
  APP_IPHONE_67: [
    [1260, 2736],
    [2736, 1260],
    [1290, 2796],
    [2796, 1290],
    [1320, 2868],
    [2868, 1320]
  ],
  APP_IPHONE_65: [
    [1242, 2688],
    [2688, 1242],
    [1284, 2778],
    [2778, 1284]
  ],
  APP_IPHONE_61: [
    [1179, 2556],
    [2556, 1179],
    [1206, 2622],
    [2622, 1206]
  ],
  APP_IPHONE_58: [
    [1170, 2532],
    [2532, 1170],
    [1125, 2436],
    [2436, 1125],
    [1080, 2340],
    [2340, 1080]
  ],
  APP_IPHONE_55: [
    [1242, 2208],
    [2208, 1242]
  ],
  APP_IPHONE_47: [
    [750, 1334],
    [1334, 750]
  ],
  APP_IPHONE_40: [
    [640, 1096],
    [640, 1136],
    [1136, 600],
    [1136, 640]
  ],
  APP_IPHONE_35: [
    [640, 920],
    [640, 960],
    [960, 600],
    [960, 640]
  ],
  APP_IPAD_97: [
    [1024, 748],
    [1024, 768],
    [2048, 1496],
    [2048, 1536],
    [768, 1004],
    [768, 1024],
    [1536, 2008],
    [1536, 2048]
  ],
  APP_IPAD_105: [
    [1668, 2224],
    [2224, 1668]
  ],
  APP_IPAD_PRO_3GEN_11: [
    [1488, 2266],
    [2266, 1488],
    [1668, 2420],
    [2420, 1668],
    [1668, 2388],
    [2388, 1668],
    [1640, 2360],
    [2360, 1640]
  ],
  APP_IPAD_PRO_129: [
    [2048, 2732],
    [2732, 2048]
  ],
  APP_IPAD_PRO_3GEN_129: [
    [2048, 2732],
    [2732, 2048],
    [2064, 2752],
    [2752, 2064]
  ],
  APP_DESKTOP: [
    [1280, 800],
    [1440, 900],
    [2560, 1600],
    [2880, 1800]
  ],
  APP_WATCH_SERIES_3: [[312, 390]],
  APP_WATCH_SERIES_4: [[368, 448]],
  APP_WATCH_SERIES_7: [[396, 484]],
  APP_WATCH_SERIES_10: [[416, 496]],
  APP_WATCH_ULTRA: [
    [410, 502],
    [422, 514]
  ],
  APP_APPLE_TV: [
    [1920, 1080],
    [3840, 2160]
  ],
  APP_APPLE_VISION_PRO: [[3840, 2160]]
};
function deliverDisplayType(width, height, path = "") {
  const p = path.toLowerCase();
  const is = (w, h) => width === w && height === h || width === h && height === w;
  if (is(2048, 2732)) {
    return p.includes("app_ipad_pro_129") || p.includes("12.9") && p.includes("2nd generation") ? "APP_IPAD_PRO_129" : "APP_IPAD_PRO_3GEN_129";
  }
  if (width === 3840 && height === 2160) return p.includes("vision") ? "APP_APPLE_VISION_PRO" : "APP_APPLE_TV";
  for (const [type, sizes] of Object.entries(DELIVER_DISPLAY_TYPES)) {
    if (sizes.some(([w, h]) => w === width && h === height)) return type;
  }
  return void 0;
}

export {
  APPSTORE_LOCALES,
  PLAY_LOCALES,
  PSEUDO_LOCALES,
  storeLocale,
  isRtlLocale,
  PRESETS,
  resolvePreset,
  getPreset,
  acceptedSizes,
  isAcceptedSize,
  presetRefs,
  APPSTORE,
  PLAY,
  DELIVER,
  SUPPLY,
  DELIVER_DISPLAY_TYPES,
  deliverDisplayType
};
