// The store lookups lint, the plan and the export layouts lean on: which deliver slot a pixel size
// lands in (fastlane deliver's calculate_display_type), which store code a manifest locale becomes,
// which text direction it has, and which preset references exist. Expected values come from
// docs/store-rules.md and fastlane's tables, never from the code under test.
import { describe, expect, it } from 'vitest';
import { deliverDisplayType } from '../src/store/facts.js';
import { APPSTORE_LOCALES, PLAY_LOCALES, isRtlLocale, storeLocale } from '../src/store/locales.js';
import { PRESETS, isAcceptedSize, presetRefs, resolvePreset } from '../src/store/presets.js';

describe('deliver display type of a size', () => {
  it('files a size under the 12.9"/13" iPad only when both sides match, in either orientation', () => {
    // 2048x1536 and 1536x2048 share one side with 2048x2732: they are the 9.7" iPad's.
    expect(deliverDisplayType(2048, 1536)).toBe('APP_IPAD_97');
    expect(deliverDisplayType(1536, 2048)).toBe('APP_IPAD_97');
    // Sizes that share only the 2732 side, in either position, are no slot at all.
    expect(deliverDisplayType(2732, 1000)).toBeUndefined();
    expect(deliverDisplayType(1000, 2732)).toBeUndefined();
    expect(deliverDisplayType(2048, 2732)).toBe('APP_IPAD_PRO_3GEN_129');
    expect(deliverDisplayType(2732, 2048)).toBe('APP_IPAD_PRO_3GEN_129');
  });

  it('needs both "12.9" and "2nd generation" in the path (or the slot name) for the 12.9" 2nd generation slot', () => {
    expect(deliverDisplayType(2048, 2732, 'en-US/iPad Pro (12.9-inch) (3rd generation)-01.png')).toBe(
      'APP_IPAD_PRO_3GEN_129',
    );
    expect(deliverDisplayType(2048, 2732, 'en-US/iPad Air (2nd generation)-01.png')).toBe('APP_IPAD_PRO_3GEN_129');
    expect(deliverDisplayType(2048, 2732, 'en-US/iPad Pro (12.9-inch) (2nd generation)-01.png')).toBe(
      'APP_IPAD_PRO_129',
    );
    expect(deliverDisplayType(2048, 2732, 'en-US/APP_IPAD_PRO_129_01.png')).toBe('APP_IPAD_PRO_129');
  });

  it('takes only 3840x2160 exactly as Apple TV or Vision Pro', () => {
    expect(deliverDisplayType(3840, 2160)).toBe('APP_APPLE_TV');
    expect(deliverDisplayType(3840, 2160, 'en-US/Vision-01.png')).toBe('APP_APPLE_VISION_PRO');
    // DCI 4K and a 3840-wide 16:10 frame share one side with it and are no App Store size.
    expect(deliverDisplayType(4096, 2160)).toBeUndefined();
    expect(deliverDisplayType(3840, 2400)).toBeUndefined();
    expect(deliverDisplayType(2160, 3840, 'vision/x.png')).toBeUndefined();
  });
});

describe('store code of a manifest locale', () => {
  it('maps a region-less tag to the only region the store lists for that language', () => {
    expect(storeLocale('play', 'az')).toBe('az-AZ');
    expect(storeLocale('play', 'hy')).toBe('hy-AM');
    expect(storeLocale('appstore', 'hi')).toBe('hi');
  });

  it("maps a tag with a region the store does not list to the store's bare language, and to nothing else", () => {
    expect(storeLocale('appstore', 'fi-AX')).toBe('fi');
    expect(storeLocale('play', 'lt-LT')).toBe('lt');
    // Bengali of India is not Bangladesh's: the store lists only bn-BD, so there is no code.
    expect(storeLocale('appstore', 'bn-IN')).toBeUndefined();
    expect(storeLocale('play', 'az-IR')).toBeUndefined();
    expect(storeLocale('play', 'xx')).toBeUndefined();
    // supply's list has no Urdu: the ur-PK alias finds no code there rather than an unlisted folder.
    expect(storeLocale('play', 'ur-PK')).toBeUndefined();
    expect(storeLocale('appstore', 'ur-PK')).toBe('ur-PK');
  });

  it('reads tags in any letter case, aliases included (BCP 47 tags are case-insensitive)', () => {
    expect(storeLocale('appstore', 'EN-us')).toBe('en-US');
    expect(storeLocale('appstore', 'EN')).toBe('en-US');
    expect(storeLocale('appstore', 'zh-tw')).toBe('zh-Hant');
    expect(storeLocale('play', 'HE')).toBe('iw-IL');
    expect(storeLocale('play', 'AZ')).toBe('az-AZ');
  });

  it('finds a code for the bare tag of every language each store lists, of that language', () => {
    for (const [store, list] of [
      ['appstore', APPSTORE_LOCALES],
      ['play', PLAY_LOCALES],
    ] as const) {
      for (const lang of new Set(list.map((c) => c.split('-')[0]!))) {
        const code = storeLocale(store, lang);
        expect(code, `${store} ${lang}`).toBeDefined();
        expect(list, `${store} ${lang}`).toContain(code);
        expect(code!.split('-')[0], `${store} ${lang}`).toBe(lang);
      }
    }
  });
});

describe('text direction of a locale', () => {
  it('is right-to-left for Arabic, Hebrew (he and iw), Persian, Urdu, Yiddish, Pashto, Sindhi, Uyghur, Dhivehi, Kurdish and pseudo-rtl', () => {
    for (const tag of [
      'ar',
      'ar-SA',
      'he',
      'iw-IL',
      'fa',
      'ur-PK',
      'yi',
      'ps',
      'sd',
      'ug',
      'dv',
      'ku',
      'pseudo-rtl',
      'AR',
    ])
      expect(isRtlLocale(tag), tag).toBe(true);
    for (const tag of ['en-US', 'de', 'ja', 'zh-Hant', 'pseudo', 'tr', 'hi', ''])
      expect(isRtlLocale(tag), tag).toBe(false);
  });
});

describe('preset references', () => {
  it('are every preset id, plus @landscape for the rotatable portrait slots', () => {
    expect(presetRefs()).toEqual([
      'appstore.iphone_6_9',
      'appstore.iphone_6_9@landscape',
      'appstore.iphone_6_5',
      'appstore.iphone_6_5@landscape',
      'appstore.iphone_6_3',
      'appstore.iphone_6_3@landscape',
      'appstore.iphone_6_1',
      'appstore.iphone_6_1@landscape',
      'appstore.iphone_5_5',
      'appstore.iphone_5_5@landscape',
      'appstore.ipad_13',
      'appstore.ipad_13@landscape',
      'appstore.ipad_11',
      'appstore.ipad_11@landscape',
      'appstore.mac',
      'appstore.apple_tv',
      'appstore.vision_pro',
      'appstore.watch_ultra',
      'appstore.watch_series_10',
      'play.phone',
      'play.phone@landscape',
      'play.tablet_7',
      'play.tablet_7@landscape',
      'play.tablet_10',
      'play.tablet_10@landscape',
      'play.feature_graphic',
      'play.tv',
      'play.wear',
    ]);
    // Every reference listed resolves, and nothing else of the form id@variant does.
    for (const ref of presetRefs()) expect(resolvePreset(ref), ref).toBeDefined();
    for (const p of PRESETS)
      for (const v of ['landscape', 'portrait', ''])
        expect(resolvePreset(`${p.id}@${v}`) !== undefined, `${p.id}@${v}`).toBe(presetRefs().includes(`${p.id}@${v}`));
  });

  it('refuses a reference with more than one @variant', () => {
    expect(resolvePreset('appstore.ipad_13@landscape@landscape')).toBeUndefined();
    expect(resolvePreset('play.phone@landscape@x')).toBeUndefined();
    expect(resolvePreset('@landscape')).toBeUndefined();
  });

  it('accepts a size only when both sides match one the slot takes', () => {
    const iphone = PRESETS.find((p) => p.id === 'appstore.iphone_6_9')!;
    expect(isAcceptedSize(iphone, { width: 1320, height: 2868 })).toBe(true);
    expect(isAcceptedSize(iphone, { width: 1320, height: 2796 })).toBe(false);
    expect(isAcceptedSize(iphone, { width: 1290, height: 2868 })).toBe(false);
  });
});
