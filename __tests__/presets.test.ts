import { describe, expect, it } from 'vitest';
import { PRESETS, acceptedSizes, isAcceptedSize, resolvePreset } from '../src/store/presets.js';
import { DELIVER_DISPLAY_TYPES, deliverDisplayType } from '../src/store/facts.js';
import { APPSTORE_LOCALES, PLAY_LOCALES, storeLocale } from '../src/store/locales.js';
import { SOURCES } from '../src/store/sources.js';

// docs/interfaces.md#store-presets, as written there (default size first, then the other accepted sizes).
const DOCUMENTED: Record<string, [string, string[]]> = {
  'appstore.iphone_6_9': ['iphone', ['1320x2868', '1290x2796', '1260x2736']],
  'appstore.iphone_6_5': ['iphone', ['1284x2778', '1242x2688']],
  'appstore.iphone_6_3': ['iphone', ['1206x2622', '1179x2556']],
  'appstore.iphone_6_1': ['iphone', ['1170x2532', '1125x2436', '1080x2340']],
  'appstore.iphone_5_5': ['iphone', ['1242x2208']],
  'appstore.ipad_13': ['ipad', ['2064x2752', '2048x2732']],
  'appstore.ipad_11': ['ipad', ['1668x2420', '1488x2266', '1668x2388', '1640x2360']],
  'appstore.mac': ['mac', ['2880x1800', '2560x1600', '1440x900', '1280x800']],
  'appstore.apple_tv': ['tv', ['3840x2160', '1920x1080']],
  'appstore.vision_pro': ['vision', ['3840x2160']],
  'appstore.watch_ultra': ['watch', ['422x514', '410x502']],
  'appstore.watch_series_10': ['watch', ['416x496']],
  'play.phone': ['android-phone', ['1080x1920']],
  'play.tablet_7': ['android-tablet', ['1440x2560']],
  'play.tablet_10': ['android-tablet', ['2160x3840']],
  'play.feature_graphic': ['none', ['1024x500']],
  'play.tv': ['tv', ['1920x1080']],
  'play.wear': ['watch', ['454x454']],
};

const fmt = (s: { width: number; height: number }) => `${s.width}x${s.height}`;

describe('store presets', () => {
  it('match docs/interfaces.md#store-presets exactly', () => {
    expect(Object.fromEntries(PRESETS.map((p) => [p.id, [p.device, p.accepted.map(fmt)]]))).toEqual(DOCUMENTED);
  });

  it("every App Store size is one deliver files under the preset's display type (docs/store-rules.md#deliver-size-to-display-type)", () => {
    for (const p of PRESETS.filter((q) => q.store === 'appstore')) {
      const table = DELIVER_DISPLAY_TYPES[p.displayType!]!.map(([w, h]) => `${w}x${h}`);
      for (const size of acceptedSizes(p)) {
        expect(table, `${p.id} ${fmt(size)}`).toContain(fmt(size));
        const path = p.device === 'vision' ? 'vision/x.png' : 'x.png';
        expect(deliverDisplayType(size.width, size.height, path), `${p.id} ${fmt(size)}`).toBe(p.displayType);
      }
    }
  });

  it('deliver sends 2048x2732 to the 13" slot unless the path names the 12.9" 2nd generation', () => {
    expect(deliverDisplayType(2048, 2732, 'en-US/01.png')).toBe('APP_IPAD_PRO_3GEN_129');
    expect(deliverDisplayType(2732, 2048, 'en-US/iPad Pro (12.9-inch) (2nd generation)-01.png')).toBe(
      'APP_IPAD_PRO_129',
    );
    expect(deliverDisplayType(3840, 2160, 'en-US/tv.png')).toBe('APP_APPLE_TV');
    expect(deliverDisplayType(1321, 2868)).toBeUndefined();
  });

  it('iPhone and iPad slots take the transpose; Mac, TV, Vision and Watch do not', () => {
    const get = (id: string) => PRESETS.find((p) => p.id === id)!;
    expect(isAcceptedSize(get('appstore.iphone_6_9'), { width: 2868, height: 1320 })).toBe(true);
    expect(isAcceptedSize(get('appstore.mac'), { width: 1800, height: 2880 })).toBe(false);
    expect(resolvePreset('appstore.ipad_13@landscape')?.size).toEqual({ width: 2752, height: 2064 });
    expect(resolvePreset('appstore.mac@landscape')).toBeUndefined();
    expect(resolvePreset('appstore.iphone_6_9@portrait')).toBeUndefined();
    expect(resolvePreset('play.phone@landscape')?.size).toEqual({ width: 1920, height: 1080 });
    expect(resolvePreset('play.wear@landscape')).toBeUndefined();
  });

  it('App Store slots take 10 per locale, Play slots 8, the feature graphic 1', () => {
    for (const p of PRESETS) {
      expect(p.maxCount).toBe(p.store === 'appstore' ? 10 : p.playFolder === 'featureGraphic' ? 1 : 8);
    }
  });

  it('every preset cites a source with a verified date', () => {
    for (const p of PRESETS) {
      expect(SOURCES[p.source].url).toMatch(/^https:\/\/(developer\.apple\.com|support\.google\.com)\//);
      expect(SOURCES[p.source].verified).toMatch(/^2026-\d\d-\d\d$/);
    }
  });
});

describe('store locales (docs/store-rules.md#app-store-locale-codes, docs/store-rules.md#play-locale-codes)', () => {
  it('lists the 50 App Store codes and the 79 supply codes', () => {
    expect(APPSTORE_LOCALES).toHaveLength(50);
    expect(new Set(APPSTORE_LOCALES).size).toBe(50);
    expect(PLAY_LOCALES).toHaveLength(79);
  });

  it('maps manifest locales to each store', () => {
    expect(storeLocale('appstore', 'ar')).toBe('ar-SA');
    expect(storeLocale('appstore', 'en-US')).toBe('en-US');
    expect(storeLocale('appstore', 'ja')).toBe('ja');
    expect(storeLocale('play', 'he')).toBe('iw-IL');
    expect(storeLocale('play', 'zh-Hans')).toBe('zh-CN');
    expect(storeLocale('play', 'ja')).toBe('ja-JP');
    expect(storeLocale('play', 'de-DE')).toBe('de-DE');
    expect(storeLocale('appstore', 'xx-YY')).toBeUndefined();
    for (const code of APPSTORE_LOCALES) expect(storeLocale('appstore', code)).toBe(code);
  });
});
