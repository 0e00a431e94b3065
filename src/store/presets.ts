// The store presets (docs/interfaces.md#store-presets), and the facts each one carries (docs/store-rules.md).
// This is the only place a store pixel size is written down.
import type { SourceId } from './sources.js';

export type Store = 'appstore' | 'play';
export type DeviceFamily =
  | 'iphone'
  | 'ipad'
  | 'android-phone'
  | 'android-tablet'
  | 'mac'
  | 'watch'
  | 'tv'
  | 'vision'
  | 'none';
export type Orientation = 'portrait' | 'landscape' | 'square';
export type PlayFolder =
  | 'phoneScreenshots'
  | 'sevenInchScreenshots'
  | 'tenInchScreenshots'
  | 'tvScreenshots'
  | 'wearScreenshots'
  | 'featureGraphic';

export interface Size {
  width: number;
  height: number;
}

export interface Preset {
  id: string;
  store: Store;
  slot: string;
  device: DeviceFamily;
  label: string;
  /** Default render size (portrait for phones and tablets). */
  size: Size;
  /** Every accepted size, default first, in this preset's orientation. */
  accepted: Size[];
  orientation: Orientation;
  /** True where the store also takes the transpose of each size (iPhone, iPad slots). */
  rotatable: boolean;
  /** Play slots accept any size within Play's rules rather than a fixed list. */
  anySize: boolean;
  /** Most images the store takes for this slot per locale. */
  maxCount: number;
  /** Fewest images the store needs for this slot per locale (0 = optional). */
  minCount: number;
  /** App Store Connect display type (deliver's name). */
  displayType?: string;
  /** supply's image folder, for Play presets. */
  playFolder?: PlayFolder;
  source: SourceId;
}

const s = (width: number, height: number): Size => ({ width, height });

type Def = Omit<Preset, 'size' | 'orientation' | 'minCount'> & { minCount?: number };

function define(d: Def): Preset {
  const size = d.accepted[0]!;
  const orientation: Orientation =
    size.width === size.height ? 'square' : size.height > size.width ? 'portrait' : 'landscape';
  return { minCount: 0, ...d, size, orientation };
}

const apple = (
  slot: string,
  device: DeviceFamily,
  label: string,
  displayType: string,
  accepted: Size[],
  rotatable: boolean,
): Preset =>
  define({
    id: `appstore.${slot}`,
    store: 'appstore',
    slot,
    device,
    label,
    accepted,
    rotatable,
    anySize: false,
    maxCount: 10,
    displayType,
    source: 'appleSpecs',
  });

const play = (
  slot: string,
  device: DeviceFamily,
  label: string,
  playFolder: PlayFolder,
  accepted: Size[],
  anySize: boolean,
  maxCount = 8,
): Preset =>
  define({
    id: `play.${slot}`,
    store: 'play',
    slot,
    device,
    label,
    accepted,
    rotatable: anySize,
    anySize,
    maxCount,
    playFolder,
    source: 'playPreview',
  });

export const PRESETS: readonly Preset[] = [
  apple(
    'iphone_6_9',
    'iphone',
    'iPhone 6.9" (Dynamic Island, large)',
    'APP_IPHONE_67',
    [s(1320, 2868), s(1290, 2796), s(1260, 2736)],
    true,
  ),
  apple('iphone_6_5', 'iphone', 'iPhone 6.5" (Face ID, large)', 'APP_IPHONE_65', [s(1284, 2778), s(1242, 2688)], true),
  apple(
    'iphone_6_3',
    'iphone',
    'iPhone 6.3" (Dynamic Island, medium)',
    'APP_IPHONE_61',
    [s(1206, 2622), s(1179, 2556)],
    true,
  ),
  apple(
    'iphone_6_1',
    'iphone',
    'iPhone 6.1" (Face ID, medium)',
    'APP_IPHONE_58',
    [s(1170, 2532), s(1125, 2436), s(1080, 2340)],
    true,
  ),
  apple('iphone_5_5', 'iphone', 'iPhone 5.5"', 'APP_IPHONE_55', [s(1242, 2208)], true),
  apple('ipad_13', 'ipad', 'iPad 13"', 'APP_IPAD_PRO_3GEN_129', [s(2064, 2752), s(2048, 2732)], true),
  apple(
    'ipad_11',
    'ipad',
    'iPad 11"',
    'APP_IPAD_PRO_3GEN_11',
    [s(1668, 2420), s(1488, 2266), s(1668, 2388), s(1640, 2360)],
    true,
  ),
  apple('mac', 'mac', 'Mac', 'APP_DESKTOP', [s(2880, 1800), s(2560, 1600), s(1440, 900), s(1280, 800)], false),
  apple('apple_tv', 'tv', 'Apple TV', 'APP_APPLE_TV', [s(3840, 2160), s(1920, 1080)], false),
  apple('vision_pro', 'vision', 'Apple Vision Pro', 'APP_APPLE_VISION_PRO', [s(3840, 2160)], false),
  apple('watch_ultra', 'watch', 'Apple Watch Ultra', 'APP_WATCH_ULTRA', [s(422, 514), s(410, 502)], false),
  apple('watch_series_10', 'watch', 'Apple Watch Series 10', 'APP_WATCH_SERIES_10', [s(416, 496)], false),
  play('phone', 'android-phone', 'Android phone', 'phoneScreenshots', [s(1080, 1920)], true),
  play('tablet_7', 'android-tablet', 'Android 7" tablet', 'sevenInchScreenshots', [s(1440, 2560)], true),
  play('tablet_10', 'android-tablet', 'Android 10" tablet', 'tenInchScreenshots', [s(2160, 3840)], true),
  play('feature_graphic', 'none', 'Play feature graphic', 'featureGraphic', [s(1024, 500)], false, 1),
  play('tv', 'tv', 'Android TV', 'tvScreenshots', [s(1920, 1080)], true),
  play('wear', 'watch', 'Wear OS', 'wearScreenshots', [s(454, 454)], true),
];

const BY_ID = new Map(PRESETS.map((p) => [p.id, p]));

export const PRESET_IDS: readonly string[] = PRESETS.map((p) => p.id);

export interface PresetRef {
  preset: Preset;
  landscape: boolean;
  /** The size this reference renders at (transposed for @landscape). */
  size: Size;
}

/** Resolves `appstore.ipad_13` or `appstore.ipad_13@landscape`; undefined for unknown ids. */
export function resolvePreset(ref: string): PresetRef | undefined {
  const [id, variant, ...rest] = ref.split('@');
  if (rest.length > 0 || id === undefined) return undefined;
  const preset = BY_ID.get(id);
  if (!preset) return undefined;
  if (variant === undefined) return { preset, landscape: false, size: preset.size };
  if (variant !== 'landscape' || !preset.rotatable || preset.orientation !== 'portrait') return undefined;
  return { preset, landscape: true, size: { width: preset.size.height, height: preset.size.width } };
}

export function getPreset(id: string): Preset | undefined {
  return BY_ID.get(id);
}

/** Every size the store takes for this preset, with transposes where the slot allows them. */
export function acceptedSizes(preset: Preset): Size[] {
  if (!preset.rotatable || preset.anySize) return preset.accepted;
  return [...preset.accepted, ...preset.accepted.map((z) => s(z.height, z.width))];
}

export function isAcceptedSize(preset: Preset, size: Size): boolean {
  return acceptedSizes(preset).some((z) => z.width === size.width && z.height === size.height);
}

/** Landscape ids exist for rotatable portrait slots (iPhone, iPad, Play phone and tablets). */
export function presetRefs(): string[] {
  const out: string[] = [];
  for (const p of PRESETS) {
    out.push(p.id);
    if (p.rotatable && p.orientation === 'portrait') out.push(`${p.id}@landscape`);
  }
  return out;
}
