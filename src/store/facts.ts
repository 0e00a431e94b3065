// Store facts that are not presets: Play's pixel rules and deliver's size -> display type table
// (docs/store-rules.md: App Store, Google Play, deliver). Lint and the export layouts read these; nothing repeats them.

export const APPSTORE = {
  maxPerSet: 10,
  minPerSet: 1,
  extensions: ['png', 'jpg', 'jpeg'],
  minDpi: 72,
  /** Required sets per the safe reading (docs/store-rules.md#app-store-required-sets): Dynamic Island large + medium, iPad 13" when iPad is targeted. */
  requiredIphoneDisplayTypes: ['APP_IPHONE_67', 'APP_IPHONE_61'],
  requiredIpadDisplayType: 'APP_IPAD_PRO_3GEN_129',
} as const;

export const PLAY = {
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
  extensions: ['png', 'jpg', 'jpeg'],
  /**
   * What Play's preview-asset guidelines ask screenshots not to show ("Highly recommended", docs/store-rules.md#google-play-content-of-screenshots):
   * ratings and awards, ranking or superlative claims, and calls to action. English wording only.
   */
  discouraged: {
    claims: ['#1', 'No. 1', 'number one', 'best', 'top', 'million downloads', 'discount', 'sale'],
    callsToAction: ['download now', 'install now', 'play now', 'try now', 'get it now', 'buy now'],
  },
} as const;

/** deliver's folder rules (docs/store-rules.md#deliver-folder-layout, fastlane deliver/lib/deliver/loader.rb). */
export const DELIVER = {
  /** Folder names deliver allows beside the locales; the first two hold nested locale folders. */
  specialDirs: ['appleTV', 'iMessage', 'default'],
  expandableDirs: ['appleTV', 'iMessage'],
  /** Folders deliver skips without complaint (metadata sub-dirs, supply's tree, frameit's fonts). */
  exceptionDirs: ['trade_representative_contact_information', 'review_information', 'android', 'fonts'],
  /** When a locale folder holds a `*_framed.*` file, only paths containing one of these are uploaded. */
  framedKeep: ['framed', 'watch'],
  framedSuffix: '_framed',
} as const;

/** supply's image folders (docs/store-rules.md#supply-folder-layout, fastlane supply/lib/supply.rb). */
export const SUPPLY = {
  screenshotTypes: [
    'phoneScreenshots',
    'sevenInchScreenshots',
    'tenInchScreenshots',
    'tvScreenshots',
    'wearScreenshots',
  ],
  imageTypes: ['featureGraphic', 'icon', 'tvBanner'],
  extensions: ['png', 'jpg', 'jpeg'],
} as const;

/** deliver's DEVICE_RESOLUTIONS: every accepted W x H per display type, both orientations listed. */
export const DELIVER_DISPLAY_TYPES: Record<string, ReadonlyArray<readonly [number, number]>> = {
  APP_IPHONE_67: [
    [1260, 2736],
    [2736, 1260],
    [1290, 2796],
    [2796, 1290],
    [1320, 2868],
    [2868, 1320],
  ],
  APP_IPHONE_65: [
    [1242, 2688],
    [2688, 1242],
    [1284, 2778],
    [2778, 1284],
  ],
  APP_IPHONE_61: [
    [1179, 2556],
    [2556, 1179],
    [1206, 2622],
    [2622, 1206],
  ],
  APP_IPHONE_58: [
    [1170, 2532],
    [2532, 1170],
    [1125, 2436],
    [2436, 1125],
    [1080, 2340],
    [2340, 1080],
  ],
  APP_IPHONE_55: [
    [1242, 2208],
    [2208, 1242],
  ],
  APP_IPHONE_47: [
    [750, 1334],
    [1334, 750],
  ],
  APP_IPHONE_40: [
    [640, 1096],
    [640, 1136],
    [1136, 600],
    [1136, 640],
  ],
  APP_IPHONE_35: [
    [640, 920],
    [640, 960],
    [960, 600],
    [960, 640],
  ],
  APP_IPAD_97: [
    [1024, 748],
    [1024, 768],
    [2048, 1496],
    [2048, 1536],
    [768, 1004],
    [768, 1024],
    [1536, 2008],
    [1536, 2048],
  ],
  APP_IPAD_105: [
    [1668, 2224],
    [2224, 1668],
  ],
  APP_IPAD_PRO_3GEN_11: [
    [1488, 2266],
    [2266, 1488],
    [1668, 2420],
    [2420, 1668],
    [1668, 2388],
    [2388, 1668],
    [1640, 2360],
    [2360, 1640],
  ],
  APP_IPAD_PRO_129: [
    [2048, 2732],
    [2732, 2048],
  ],
  APP_IPAD_PRO_3GEN_129: [
    [2048, 2732],
    [2732, 2048],
    [2064, 2752],
    [2752, 2064],
  ],
  APP_DESKTOP: [
    [1280, 800],
    [1440, 900],
    [2560, 1600],
    [2880, 1800],
  ],
  APP_WATCH_SERIES_3: [[312, 390]],
  APP_WATCH_SERIES_4: [[368, 448]],
  APP_WATCH_SERIES_7: [[396, 484]],
  APP_WATCH_SERIES_10: [[416, 496]],
  APP_WATCH_ULTRA: [
    [410, 502],
    [422, 514],
  ],
  APP_APPLE_TV: [
    [1920, 1080],
    [3840, 2160],
  ],
  APP_APPLE_VISION_PRO: [[3840, 2160]],
};

/**
 * The display type deliver assigns to an image, as deliver's calculate_display_type does:
 * 2048x2732 goes to the 13" slot unless the path names the 12.9" 2nd generation;
 * 3840x2160 is Vision Pro only when the path contains "vision".
 */
export function deliverDisplayType(width: number, height: number, path = ''): string | undefined {
  const p = path.toLowerCase();
  const is = (w: number, h: number) => (width === w && height === h) || (width === h && height === w);
  if (is(2048, 2732)) {
    return p.includes('app_ipad_pro_129') || (p.includes('12.9') && p.includes('2nd generation'))
      ? 'APP_IPAD_PRO_129'
      : 'APP_IPAD_PRO_3GEN_129';
  }
  if (width === 3840 && height === 2160) return p.includes('vision') ? 'APP_APPLE_VISION_PRO' : 'APP_APPLE_TV';
  for (const [type, sizes] of Object.entries(DELIVER_DISPLAY_TYPES)) {
    if (sizes.some(([w, h]) => w === width && h === height)) return type;
  }
  return undefined;
}
