// The lint rules as data: one record per rule with its id, severity, what it checks, the page it
// comes from (src/store/sources.ts: URL and verified date) and the check itself. Store facts come
// from src/store; nothing here writes a pixel size down. A fact STORE-RULES.md marks UNCONFIRMED
// is a warning: either the whole rule (severity 'warning') or the hit that rests on it (a hit may
// lower its rule's severity, never raise it).
import { APPSTORE, DELIVER_DISPLAY_TYPES, PLAY } from '../store/facts.js';
import { acceptedSizes, getPreset, isAcceptedSize, PRESETS, type Preset, type Store } from '../store/presets.js';
import { SOURCES, type SourceId } from '../store/sources.js';
import type { Job, Plan } from '../plan/types.js';
import type { Severity, TextLayoutInfo } from '../report/types.js';
import { contrastRatio } from './contrast.js';
import type { ImageFacts } from './header.js';
import type { Hit, ImageSet, LintImage, RunContext } from './model.js';

export type ReadImage = LintImage & { facts: ImageFacts };

interface RuleBase {
  id: string;
  severity: Severity;
  /** What the rule checks, in one sentence (listed in docs/lint.md and `storeshots lint --rules`). */
  description: string;
  /** The page the rule comes from; per store where the two stores state it on different pages. */
  source: SourceId | Record<Store, SourceId>;
  /** Which parts rest on UNCONFIRMED facts (those hits are warnings). */
  unconfirmed?: string;
}

export type Rule = RuleBase &
  (
    | { scope: 'image'; stores: Store[]; check: (img: ReadImage) => Hit[] }
    | { scope: 'unreadable'; check: (img: LintImage) => Hit[] }
    | { scope: 'text'; check: (img: LintImage, t: TextLayoutInfo) => Hit[] }
    | { scope: 'job'; check: (job: Job, plan: Plan) => Hit[] }
    | { scope: 'set'; stores: Store[]; check: (set: ImageSet) => Hit[] }
    | { scope: 'run'; check: (run: RunContext) => Hit[] }
  );

/** Readability floor for rendered text: a share of the image's shorter side (1320 px wide -> 33 px). */
export const TEXT_MIN_READABLE = 0.025;
/** WCAG 2.1 AA (1.4.3): 4.5:1 for body text, 3:1 for large text; headlines are set large. */
export const WCAG_AA = { normal: 4.5, large: 3 };

const sz = (w: number, h: number) => `${w}x${h}`;
const where = (img: LintImage): Pick<Hit, 'path' | 'locale' | 'preset' | 'slide'> => ({
  path: img.path,
  locale: img.locale,
  preset: img.presetRef,
  slide: img.slide,
});
const hit = (img: LintImage, message: string, severity?: Severity): Hit => ({ ...where(img), message, severity });
const ACCEPTED_EXT: readonly string[] = APPSTORE.extensions;
const FORMAT_NAME: Record<string, string> = { png: 'PNG', jpeg: 'JPEG', gif: 'GIF', webp: 'WebP', heif: 'HEIF/HEIC', avif: 'AVIF', bmp: 'BMP', tiff: 'TIFF' };
const extFormat = (ext: string) => (ext === 'jpg' || ext === 'jpeg' ? 'jpeg' : ext === 'png' ? 'png' : undefined);
const guessNote = (img: LintImage) => (img.storeGuessed ? ` (taken as ${img.store === 'appstore' ? 'an App Store' : 'a Google Play'} image from its size; pass --store to say which)` : '');

/** Display types by name for messages: `APP_IPHONE_67` -> `iPhone 6.9" (Dynamic Island, large)`. */
export function displayTypeLabel(dt: string): string {
  const p = PRESETS.find((x) => x.displayType === dt);
  return p ? `${p.label} (${dt})` : dt;
}

/** The accepted App Store size closest to w x h, for "did you mean" in messages. */
export function nearestAppStoreSize(w: number, h: number): { size: string; type: string } | undefined {
  let best: { size: string; type: string; d: number } | undefined;
  for (const [type, sizes] of Object.entries(DELIVER_DISPLAY_TYPES)) {
    for (const [sw, sh] of sizes) {
      const d = Math.abs(sw - w) + Math.abs(sh - h);
      if (!best || d < best.d) best = { size: sz(sw, sh), type, d };
    }
  }
  // Within about 1%: a pixel or two off is a mistake worth naming; 1080x2400 is an Android size, not a wrong iPhone one.
  return best && best.d <= Math.max(w, h) * 0.01 ? best : undefined;
}

// Only PNG and JPEG headers are parsed for their size; the format rules report the others.
const sized = (img: ReadImage) => img.facts.width > 0 && img.facts.height > 0;
const isPlayScreenshot = (img: ReadImage) => sized(img) && img.store === 'play' && (img.playKind ?? 'screenshot') === 'screenshot';
const isTablet = (p?: Preset) => p?.playFolder === 'sevenInchScreenshots' || p?.playFolder === 'tenInchScreenshots';
const isWear = (p?: Preset) => p?.playFolder === 'wearScreenshots';

export const RULES: readonly Rule[] = [
  // ---- any store: the file itself -------------------------------------------------------------
  {
    id: 'image.unreadable',
    severity: 'error',
    scope: 'unreadable',
    description: 'The file can be read and is a whole PNG or JPEG (not empty, truncated, a folder or a broken link).',
    source: { appstore: 'appleSpecs', play: 'playPreview' },
    check: (img) => (img.unreadable ? [hit(img, `${img.path}: cannot be read as an image: ${img.unreadable}`)] : []),
  },
  {
    id: 'format.extension-mismatch',
    severity: 'error',
    scope: 'image',
    stores: ['appstore', 'play'],
    description: 'A .png file holds PNG data and a .jpg/.jpeg file holds JPEG data (deliver: "File extension mismatches its image format").',
    source: { appstore: 'fastlaneDeliverValidator', play: 'playPreview' },
    unconfirmed: 'Play states no rule on extensions; Play hits are warnings.',
    check: (img) => {
      const claimed = extFormat(img.ext);
      if (!claimed || claimed === img.facts.format) return [];
      const real = FORMAT_NAME[img.facts.format] ?? img.facts.format;
      return [hit(img, `${img.path} is named .${img.ext} but holds ${real} data; rename it to .${img.facts.format === 'jpeg' ? 'jpg' : img.facts.format} or re-encode it as ${FORMAT_NAME[claimed]}`, img.store === 'play' ? 'warning' : undefined)];
    },
  },

  // ---- App Store: every screenshot (STORE-RULES §1.1, §1.3-§1.5) ----------------------------------
  {
    id: 'appstore.format',
    severity: 'error',
    scope: 'image',
    stores: ['appstore'],
    description: 'App Store screenshots are .png, .jpg or .jpeg files holding PNG or JPEG data.',
    source: 'appleSpecs',
    check: (img) => {
      const out: Hit[] = [];
      if (img.facts.format !== 'png' && img.facts.format !== 'jpeg') {
        out.push(hit(img, `${img.path} is a ${FORMAT_NAME[img.facts.format]} image; the App Store takes only PNG or JPEG (.png, .jpg, .jpeg)${guessNote(img)}`));
      } else if (!ACCEPTED_EXT.includes(img.ext)) {
        out.push(hit(img, `${img.path} has the extension "${img.ext ? `.${img.ext}` : '(none)'}"; the App Store takes only .png, .jpg and .jpeg (deliver: "Invalid file extension")`));
      }
      return out;
    },
  },
  {
    id: 'appstore.alpha-channel',
    severity: 'error',
    scope: 'image',
    stores: ['appstore'],
    description: 'App Store screenshots have no alpha channel or transparency ("Images can\'t include alpha channels or transparencies").',
    source: 'appleSpecs',
    check: (img) =>
      img.facts.hasAlpha
        ? [hit(img, `${img.path} has an alpha channel (${img.facts.alphaReason}); App Store Connect refuses images with alpha channels or transparency even when every pixel is opaque. Flatten it onto a background and save as RGB${guessNote(img)}`)]
        : [],
  },
  {
    id: 'appstore.colorspace',
    severity: 'error',
    scope: 'image',
    stores: ['appstore'],
    description: 'App Store screenshots are in the RGB colour space (not greyscale or CMYK).',
    source: 'appleServerErrors',
    check: (img) => {
      const f = img.facts;
      const model = f.colorModel === 'gray' ? 'greyscale' : f.colorModel === 'cmyk' ? 'CMYK' : f.colorModel === 'ycck' ? 'CMYK (YCCK)' : undefined;
      if (model) return [hit(img, `${img.path} is ${model}; App Store Connect requires the RGB colour space. Convert it to RGB (sRGB or Display P3)`)];
      if (f.iccSpace && f.iccSpace !== 'RGB') return [hit(img, `${img.path} embeds a ${f.iccSpace} ICC profile${f.iccName ? ` ("${f.iccName}")` : ''}; App Store Connect requires the RGB colour space`)];
      return [];
    },
  },
  {
    id: 'appstore.dpi',
    severity: 'warning',
    scope: 'image',
    stores: ['appstore'],
    description: 'The resolution stored in the file is at least 72 DPI (App Store Connect\'s upload error text).',
    source: 'appleServerErrors',
    unconfirmed: 'Only quoted from App Store Connect error text, never stated on Apple\'s spec page.',
    check: (img) =>
      img.facts.dpi !== undefined && img.facts.dpi > 0 && img.facts.dpi < APPSTORE.minDpi
        ? [hit(img, `${img.path} declares ${img.facts.dpi} DPI; App Store Connect asks for at least ${APPSTORE.minDpi} DPI. Set the density to 72 or remove it`)]
        : [],
  },
  {
    id: 'appstore.size',
    severity: 'error',
    scope: 'image',
    stores: ['appstore'],
    description: 'The pixel size is exactly one App Store Connect lists for the slot (deliver\'s size -> display type table).',
    source: 'appleSpecs',
    check: (img) => {
      const { width: w, height: h, format } = img.facts;
      if (format !== 'png' && format !== 'jpeg') return [];
      const dt = img.displayType;
      if (img.preset && img.preset.store === 'appstore') {
        if (isAcceptedSize(img.preset, { width: w, height: h })) return [];
        const list = acceptedSizes(img.preset).map((z) => sz(z.width, z.height)).join(', ');
        const other = dt && dt !== img.preset.displayType ? `; it is a ${displayTypeLabel(dt)} size, so App Store Connect files it in that slot instead` : '';
        return [hit(img, `${img.path} is ${sz(w, h)}, not a size ${img.preset.id} (${img.preset.label}) accepts: ${list}${other}`)];
      }
      if (dt) return [];
      const near = nearestAppStoreSize(w, h);
      return [
        hit(
          img,
          `${img.path} is ${sz(w, h)}, which App Store Connect accepts for no display (deliver: "Invalid screen size")${near ? `; the nearest accepted size is ${near.size} (${displayTypeLabel(near.type)})` : ''}${guessNote(img)}`,
        ),
      ];
    },
  },

  {
    id: 'appstore.deliver-slot',
    severity: 'warning',
    scope: 'image',
    stores: ['appstore'],
    description: 'deliver files the image in the slot it was made for: its path does not send 3840x2160 to Vision Pro or 2048x2732 to the 12.9" 2nd generation.',
    source: 'fastlaneDeliver',
    check: (img) => {
      const p = img.preset;
      const size = { width: img.facts.width, height: img.facts.height };
      if (!p?.displayType || !img.displayType || img.displayType === p.displayType || !isAcceptedSize(p, size)) return [];
      const why =
        img.displayType === 'APP_APPLE_VISION_PRO'
          ? 'its path contains "vision"'
          : img.displayType === 'APP_IPAD_PRO_129'
            ? 'its path contains "app_ipad_pro_129" (or "12.9" and "2nd generation")'
            : 'of its pixel size';
      return [hit(img, `${img.path}: deliver will upload this ${sz(size.width, size.height)} image as ${displayTypeLabel(img.displayType)}, not ${p.label}, because ${why}; rename the file or folder`)];
    },
  },

  // ---- Google Play (STORE-RULES §2) ----------------------------------------------------------------
  {
    id: 'play.format',
    severity: 'error',
    scope: 'image',
    stores: ['play'],
    description: 'Play images are JPEG or 24-bit PNG files with a .png, .jpg or .jpeg name (the icon: 32-bit PNG).',
    source: 'playPreview',
    unconfirmed: 'Whether Play refuses PNGs that are not 24-bit (16-bit, greyscale, indexed) is not stated; those hits are warnings.',
    check: (img) => {
      const f = img.facts;
      if (img.playKind === 'icon') return [];
      if (f.format !== 'png' && f.format !== 'jpeg') return [hit(img, `${img.path} is a ${FORMAT_NAME[f.format]} image; Google Play takes JPEG or 24-bit PNG${guessNote(img)}`)];
      if (!ACCEPTED_EXT.includes(img.ext)) return [hit(img, `${img.path} has the extension "${img.ext ? `.${img.ext}` : '(none)'}"; Play (and supply) take only .png, .jpg and .jpeg`)];
      if (f.format === 'png' && !f.hasAlpha && !(f.pngColorType === 2 && f.bitDepth === 8)) {
        const what = f.pngColorType === 3 ? 'an indexed-colour PNG' : f.pngColorType === 0 ? 'a greyscale PNG' : `a ${(f.bitDepth ?? 8) * 3}-bit PNG`;
        return [hit(img, `${img.path} is ${what}; Google Play asks for JPEG or 24-bit PNG (8 bits per RGB channel)`, 'warning')];
      }
      if (f.format === 'jpeg' && f.colorModel !== 'rgb') return [hit(img, `${img.path} is a ${f.colorModel === 'gray' ? 'greyscale' : 'CMYK'} JPEG; Google Play asks for RGB images`, 'warning')];
      return [];
    },
  },
  {
    id: 'play.alpha-channel',
    severity: 'error',
    scope: 'image',
    stores: ['play'],
    description: 'Play screenshots, the feature graphic and the TV banner have no alpha ("JPEG or 24-bit PNG (no alpha)").',
    source: 'playPreview',
    check: (img) =>
      img.playKind !== 'icon' && img.facts.hasAlpha
        ? [hit(img, `${img.path} has an alpha channel (${img.facts.alphaReason}); Google Play takes JPEG or 24-bit PNG without alpha. Flatten it onto a background${guessNote(img)}`)]
        : [],
  },
  {
    id: 'play.min-side',
    severity: 'error',
    scope: 'image',
    stores: ['play'],
    description: `Each side of a Play screenshot is at least ${PLAY.minSide} px (Wear OS: ${PLAY.wearMinSide} px; tablets: ${PLAY.largeMinSide} px recommended).`,
    source: 'playPreview',
    unconfirmed: `The ${PLAY.largeMinSide} px floor for tablets is a recommendation for large-screen surfaces, not a publishing requirement: a warning.`,
    check: (img) => {
      if (!isPlayScreenshot(img)) return [];
      const short = Math.min(img.facts.width, img.facts.height);
      const floor = isWear(img.preset) ? PLAY.wearMinSide : PLAY.minSide;
      if (short < floor) return [hit(img, `${img.path} is ${sz(img.facts.width, img.facts.height)}; its short side is below Play's minimum of ${floor} px`)];
      if (isTablet(img.preset) && short < PLAY.largeMinSide) {
        return [hit(img, `${img.path} is ${sz(img.facts.width, img.facts.height)}; Play recommends tablet screenshots of at least ${PLAY.largeMinSide} px on each side`, 'warning')];
      }
      return [];
    },
  },
  {
    id: 'play.max-side',
    severity: 'error',
    scope: 'image',
    stores: ['play'],
    description: `Each side of a Play screenshot is at most ${PLAY.maxSide} px (tablets: up to ${PLAY.largeMaxSide} px).`,
    source: 'playPreview',
    unconfirmed: `Sources disagree whether tablet slots take ${PLAY.maxSide}-${PLAY.largeMaxSide} px; such tablet shots are warnings.`,
    check: (img) => {
      if (!isPlayScreenshot(img)) return [];
      const long = Math.max(img.facts.width, img.facts.height);
      const s = sz(img.facts.width, img.facts.height);
      if (isTablet(img.preset)) {
        if (long > PLAY.largeMaxSide) return [hit(img, `${img.path} is ${s}; its long side is above Play's ${PLAY.largeMaxSide} px maximum for tablets`)];
        if (long > PLAY.maxSide) return [hit(img, `${img.path} is ${s}; Play's general maximum is ${PLAY.maxSide} px (large-screen slots are documented up to ${PLAY.largeMaxSide} px, but sources disagree)`, 'warning')];
        return [];
      }
      return long > PLAY.maxSide ? [hit(img, `${img.path} is ${s}; its long side is above Play's maximum of ${PLAY.maxSide} px`)] : [];
    },
  },
  {
    id: 'play.aspect-ratio',
    severity: 'error',
    scope: 'image',
    stores: ['play'],
    description: `The long side of a Play screenshot is at most ${PLAY.maxAspect} x the short side (Wear OS: square).`,
    source: 'playPreview',
    check: (img) => {
      if (!isPlayScreenshot(img)) return [];
      const { width: w, height: h } = img.facts;
      const ratio = Math.max(w, h) / Math.min(w, h);
      if (isWear(img.preset) && w !== h) return [hit(img, `${img.path} is ${sz(w, h)}; Wear OS screenshots must be square (1:1)`)];
      return ratio > PLAY.maxAspect
        ? [hit(img, `${img.path} is ${sz(w, h)} (${ratio.toFixed(2)}:1); Play refuses screenshots whose long side is more than ${PLAY.maxAspect} x the short side${guessNote(img)}`)]
        : [];
    },
  },
  {
    id: 'play.file-size',
    severity: 'warning',
    scope: 'image',
    stores: ['play'],
    description: `Play images are at most ${PLAY.maxFileBytes / 1024 / 1024} MB (the icon: 1024 KB, see play.icon).`,
    source: 'playPreview',
    unconfirmed: 'Play states 8 MB only for Android XR; the cap for phone screenshots is UNCONFIRMED.',
    check: (img) =>
      img.playKind !== 'icon' && img.facts.bytes > PLAY.maxFileBytes
        ? [hit(img, `${img.path} is ${(img.facts.bytes / 1024 / 1024).toFixed(1)} MB; keep Play images under ${PLAY.maxFileBytes / 1024 / 1024} MB (use JPEG or a smaller PNG)`)]
        : [],
  },
  {
    id: 'play.feature-graphic-size',
    severity: 'error',
    scope: 'image',
    stores: ['play'],
    description: `The feature graphic is exactly ${sz(PLAY.featureGraphic.width, PLAY.featureGraphic.height)}.`,
    source: 'playPreview',
    check: (img) => {
      const fg = PLAY.featureGraphic;
      return img.playKind === 'featureGraphic' && sized(img) && (img.facts.width !== fg.width || img.facts.height !== fg.height)
        ? [hit(img, `${img.path} is ${sz(img.facts.width, img.facts.height)}; the Play feature graphic must be exactly ${sz(fg.width, fg.height)}`)]
        : [];
    },
  },
  {
    id: 'play.icon',
    severity: 'error',
    scope: 'image',
    stores: ['play'],
    description: `The Play icon is a ${sz(PLAY.icon.width, PLAY.icon.height)} PNG of at most ${PLAY.icon.maxBytes / 1024} KB.`,
    source: 'playGraphics',
    check: (img) => {
      if (img.playKind !== 'icon' || !sized(img)) return [];
      const f = img.facts;
      const out: Hit[] = [];
      if (f.width !== PLAY.icon.width || f.height !== PLAY.icon.height) out.push(hit(img, `${img.path} is ${sz(f.width, f.height)}; the Play icon must be ${sz(PLAY.icon.width, PLAY.icon.height)}`));
      if (f.format !== 'png') out.push(hit(img, `${img.path} is ${FORMAT_NAME[f.format]}; the Play icon must be a 32-bit PNG`));
      if (f.bytes > PLAY.icon.maxBytes) out.push(hit(img, `${img.path} is ${Math.ceil(f.bytes / 1024)} KB; the Play icon may be at most ${PLAY.icon.maxBytes / 1024} KB`));
      return out;
    },
  },
  {
    id: 'play.tv-banner-size',
    severity: 'warning',
    scope: 'image',
    stores: ['play'],
    description: `The Android TV banner is ${sz(PLAY.tvBanner.width, PLAY.tvBanner.height)}.`,
    source: 'playGraphics',
    unconfirmed: 'Only older Google text states the banner size.',
    check: (img) =>
      img.playKind === 'tvBanner' && sized(img) && (img.facts.width !== PLAY.tvBanner.width || img.facts.height !== PLAY.tvBanner.height)
        ? [hit(img, `${img.path} is ${sz(img.facts.width, img.facts.height)}; the Play TV banner is ${sz(PLAY.tvBanner.width, PLAY.tvBanner.height)}`)]
        : [],
  },

  // ---- sets: counts and duplicates ----------------------------------------------------------------
  {
    id: 'appstore.count',
    severity: 'error',
    scope: 'set',
    stores: ['appstore'],
    description: `An App Store set (one display size, one locale) holds ${APPSTORE.minPerSet} to ${APPSTORE.maxPerSet} screenshots.`,
    source: 'appleSpecs',
    check: (set) => {
      if (set.count <= APPSTORE.maxPerSet) return [];
      const extra = set.slides ? set.slides.slice(APPSTORE.maxPerSet) : set.images.slice(APPSTORE.maxPerSet).map((i) => i.path);
      return [
        {
          message: `${set.label} has ${set.count} screenshots; the App Store takes at most ${APPSTORE.maxPerSet} per display size and locale (deliver skips the rest: ${extra.join(', ')})`,
          path: set.folder,
          locale: set.locale,
          preset: set.presetRef,
        },
      ];
    },
  },
  {
    id: 'play.count',
    severity: 'error',
    scope: 'set',
    stores: ['play'],
    description: `A Play device type holds at most ${PLAY.maxPerType} screenshots per locale.`,
    source: 'playPreview',
    check: (set) => {
      if ((set.playKind ?? 'screenshot') !== 'screenshot' || set.count <= PLAY.maxPerType) return [];
      return [{ message: `${set.label} has ${set.count} screenshots; Google Play takes at most ${PLAY.maxPerType} per device type`, path: set.folder, locale: set.locale, preset: set.presetRef }];
    },
  },
  {
    id: 'image.duplicate',
    severity: 'warning',
    scope: 'set',
    stores: ['appstore', 'play'],
    description: 'No two images in one set have the same bytes (a copied file or a slide rendered from the same input twice).',
    source: 'storeshotsRules',
    check: (set) => {
      const seen = new Map<string, LintImage>();
      const out: Hit[] = [];
      for (const img of set.images) {
        if (!img.facts) continue;
        const first = seen.get(img.facts.sha256);
        if (first) out.push({ ...where(img), message: `${img.path} is byte-for-byte the same image as ${first.path} in ${set.label}` });
        else seen.set(img.facts.sha256, img);
      }
      return out;
    },
  },
  {
    id: 'play.promo-eligibility',
    severity: 'warning',
    scope: 'set',
    stores: ['play'],
    description: `For promotion on Play, a phone set has at least ${PLAY.promoMinCount} screenshots of at least ${PLAY.promoMinSide} px at 9:16 or 16:9 ("Highly recommended", not needed to publish).`,
    source: 'playPreview',
    check: (set) => {
      if (set.playFolder !== 'phoneScreenshots' || !set.complete || set.images.length === 0) return [];
      const ok = set.images.filter((i) => {
        if (!i.facts) return false;
        const short = Math.min(i.facts.width, i.facts.height);
        const long = Math.max(i.facts.width, i.facts.height);
        return short >= PLAY.promoMinSide && Math.abs(long / short - 16 / 9) < 0.01;
      });
      return ok.length >= PLAY.promoMinCount
        ? []
        : [{ message: `${set.label} has ${ok.length} screenshot(s) of at least ${PLAY.promoMinSide} px at 9:16 or 16:9; Play asks for ${PLAY.promoMinCount} to make the app eligible for promotion and recommendations`, path: set.folder, locale: set.locale, preset: set.presetRef }];
    },
  },

  // ---- the whole run: required slots, Play's total, locale folders, skipped files ---------------------
  {
    id: 'appstore.required-slot',
    severity: 'error',
    scope: 'run',
    description:
      'An iPhone app provides a 6.9" (Dynamic Island, large) set, or else a 6.5" set, and a 6.3" (Dynamic Island, medium) set; an iPad app provides an iPad 13" set.',
    source: 'appleSpecs',
    unconfirmed:
      'Apple\'s page (read 2026-10) lists the 6.3" set as required while its 6.5" row says otherwise (STORE-RULES §1.2). Both readings agree on "6.9" or 6.5"" and on iPad 13", which are errors; a missing 6.3" set, or a 6.5" set standing in for the 6.9" one, is a warning.',
    check: (run) => {
      if (!run.stores.has('appstore')) return [];
      // Rendering: what the manifest targets (a --slide or --shard selection still targets every set).
      // Linting files: the display types deliver would find in locale folders; loose files are no listing.
      const types = new Set<string>(
        run.plan
          ? run.plan.presets.flatMap((ref) => getPreset(ref.split('@')[0]!)?.displayType ?? [])
          : run.images.flatMap((img) => (img.store === 'appstore' && img.locale && img.displayType ? [img.displayType] : [])),
      );
      const iphone = [...types].some((t) => t.startsWith('APP_IPHONE_'));
      const out: Hit[] = [];
      const [large, medium] = APPSTORE.requiredIphoneDisplayTypes;
      const largeLabel = displayTypeLabel(large);
      const from = run.plan ? 'The manifest has no' : 'No locale folder has an';
      if (iphone) {
        if (!types.has(large) && !types.has('APP_IPHONE_65')) {
          out.push({ message: `${from} ${largeLabel} set (nor a 6.5" set); App Store Connect requires one to submit an iPhone app. Add appstore.iphone_6_9` });
        } else if (!types.has(large)) {
          out.push({ message: `${from} ${largeLabel} set; the 6.5" set satisfies the older rule, but Apple's 2026 page lists the Dynamic Island sizes. Add appstore.iphone_6_9`, severity: 'warning' });
        }
        if (!types.has(medium)) {
          out.push({ message: `${from} ${displayTypeLabel(medium)} set; Apple's page (2026-10) lists it as required for iPhone apps (sources disagree whether the 6.9" set scales down to it). Add appstore.iphone_6_3`, severity: 'warning' });
        }
      }
      if (run.targetsIpad && !types.has(APPSTORE.requiredIpadDisplayType)) {
        out.push({ message: `${from} ${displayTypeLabel(APPSTORE.requiredIpadDisplayType)} set; App Store Connect requires one when the app runs on iPad. Add appstore.ipad_13` });
      }
      return out;
    },
  },
  {
    id: 'play.min-total',
    severity: 'error',
    scope: 'run',
    description: `A Play listing has at least ${PLAY.minTotal} screenshots in total, across device types.`,
    source: 'playPreview',
    check: (run) => {
      const perLocale = new Map<string, number>();
      for (const set of run.sets) {
        // Loose files (no locale folder) are not a listing: only listings have a total.
        if (set.store !== 'play' || (set.playKind ?? 'screenshot') !== 'screenshot' || !set.locale) continue;
        const k = set.locale;
        perLocale.set(k, (perLocale.get(k) ?? 0) + set.count);
      }
      const out: Hit[] = [];
      for (const [locale, n] of perLocale) {
        if (n > 0 && n < PLAY.minTotal) {
          out.push({ message: `The ${locale} Play listing has ${n} screenshot; Google Play needs at least ${PLAY.minTotal} in total to publish`, locale });
        }
      }
      return out;
    },
  },
  {
    id: 'locale.unknown-store-locale',
    severity: 'error',
    scope: 'run',
    description: 'Every locale folder is a code the store knows (deliver refuses other folder names; supply sends the folder name to Play as the language).',
    source: { appstore: 'fastlaneLanguages', play: 'playLanguages' },
    unconfirmed: 'Play\'s full language list is UNCONFIRMED, so unknown Play folders are warnings.',
    check: (run) =>
      run.localeFolders.map((f) =>
        f.flat
          ? { path: f.path, locale: f.name, store: f.store, severity: 'warning' as const, message: `${f.path}: "${f.name}" maps to no ${f.store === 'appstore' ? 'App Store' : 'Google Play'} locale, so the fastlane layout leaves these images out; use a code from \`storeshots presets --locales\`` }
          : f.store === 'appstore'
          ? { path: f.path, locale: f.name, store: f.store, message: `${f.path}: "${f.name}" is not an App Store Connect locale; deliver refuses the upload ("Unsupported directory name(s)"). Rename it to one of the codes in \`storeshots presets --locales\`` }
          : { path: f.path, locale: f.name, store: f.store, severity: 'warning' as const, message: `${f.path}: "${f.name}" is not a Play language code supply knows (Hebrew is iw-IL, Simplified Chinese zh-CN); Play may refuse it` },
      ),
  },
  {
    id: 'fastlane.ignored-file',
    severity: 'warning',
    scope: 'run',
    description: 'Every image in a fastlane tree is one deliver or supply uploads (right folder, .png/.jpg/.jpeg, not hidden by the _framed rule).',
    source: { appstore: 'fastlaneDeliverLoader', play: 'fastlaneSupply' },
    check: (run) => run.ignored.map((i) => ({ path: i.path, locale: i.locale, store: i.store, message: `${i.path}: ${i.reason}` })),
  },
  {
    id: 'path.unreadable',
    severity: 'warning',
    scope: 'run',
    description: 'Every folder and link under a linted path can be followed (no symlink loops, no permission errors).',
    source: 'storeshotsRules',
    check: (run) => run.unreachable.map((u) => ({ path: u.path, message: `${u.path}: skipped: ${u.reason}` })),
  },

  {
    id: 'output.collision',
    severity: 'error',
    scope: 'run',
    description: 'No two images of a run are written to the same file (two manifest locales mapped to one store locale overwrite each other).',
    source: 'storeshotsRules',
    check: (run) => {
      const byPath = new Map<string, LintImage[]>();
      for (const img of run.images) if (img.job) byPath.set(img.path, [...(byPath.get(img.path) ?? []), img]);
      return [...byPath.values()]
        .filter((list) => list.length > 1)
        .map((list) => ({
          ...where(list[0]!),
          message: `${list[0]!.path} is written by ${list.map((i) => i.job!.id).join(' and ')}; the later one overwrites the earlier. Locales ${[...new Set(list.map((i) => i.locale))].join(' and ')} map to the same store locale: keep one of them`,
        }));
    },
  },

  // ---- text, from the renderer's layout -------------------------------------------------------------
  {
    id: 'text.overflow',
    severity: 'error',
    scope: 'text',
    description: 'Headline and subtitle fit their box at or above the style\'s smallest size (else they are cut off or run into the device).',
    source: 'storeshotsRules',
    check: (img, t) =>
      t.overflow
        ? [hit(img, `${img.path}: the ${t.kind} "${t.text}" does not fit its ${Math.round(t.box.width)}x${Math.round(t.box.height)} px box even at the smallest allowed size (${t.minFontSize} px; it needed ${round1(t.fitFontSize)} px). Shorten the text, allow more lines or lower ${t.kind}.min-size`)]
        : [],
  },
  {
    id: 'text.too-small',
    severity: 'warning',
    scope: 'text',
    description: `Text is set at ${TEXT_MIN_READABLE * 100}% of the image's shorter side or larger, so it stays readable at store thumbnail size.`,
    source: 'storeshotsRules',
    check: (img, t) => {
      const w = img.facts?.width ?? img.job?.size.width;
      const h = img.facts?.height ?? img.job?.size.height;
      if (!w || !h) return [];
      const floor = Math.round(TEXT_MIN_READABLE * Math.min(w, h));
      return t.fontSize < floor
        ? [hit(img, `${img.path}: the ${t.kind} "${t.text}" is set at ${round1(t.fontSize)} px, below ${floor} px (${TEXT_MIN_READABLE * 100}% of ${Math.min(w, h)} px), too small to read in the store; shorten it or raise ${t.kind}.min-size`)]
        : [];
    },
  },
  {
    id: 'text.contrast',
    severity: 'warning',
    scope: 'text',
    description: `Text contrast against the background behind it meets WCAG 2.1 AA (${WCAG_AA.large}:1 for headlines, ${WCAG_AA.normal}:1 for subtitles).`,
    source: 'wcag',
    check: (img, t) => {
      const ratio = contrastRatio(t.color, t.background);
      const need = t.kind === 'headline' ? WCAG_AA.large : WCAG_AA.normal;
      return ratio !== undefined && ratio < need
        ? [hit(img, `${img.path}: the ${t.kind} "${t.text}" (${t.color}) has a contrast of ${ratio.toFixed(2)}:1 against the background behind it (${t.background}); WCAG AA asks for ${need}:1. Darken the background or change ${t.kind}.color`)]
        : [];
    },
  },
  {
    id: 'text.missing-glyph',
    severity: 'error',
    scope: 'text',
    description: 'Every character of the text is covered by a loaded font (no empty boxes).',
    source: 'storeshotsRules',
    check: (img, t) =>
      t.missingGlyphs.length
        ? [hit(img, `${img.path}: no font covers ${t.missingGlyphs.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')} in the ${t.kind} "${t.text}"; add a font for this script under fonts:`)]
        : [],
  },
  {
    id: 'text.missing-translation',
    severity: 'warning',
    scope: 'job',
    description: 'Every locale has its own headline and subtitle; a fallback to fallback-locale is reported.',
    source: 'storeshotsRules',
    check: (job) =>
      (['headline', 'subtitle'] as const).flatMap((kind) => {
        const t = job[kind];
        if (t?.origin !== 'fallback') return [];
        return [{ path: job.output.path, locale: job.locale, preset: job.preset, slide: job.slide, message: `${job.output.path}: no ${job.locale} ${kind} for slide "${job.slide}"${t.key ? ` (key "${t.key}")` : ''}; the ${t.locale} text "${t.text}" is shown instead` }];
      }),
  },
  {
    id: 'text.untranslated',
    severity: 'warning',
    scope: 'job',
    description: 'A locale\'s text is not word-for-word the fallback locale\'s text (probably copied, not translated); keys marked not to be translated are exempt.',
    source: 'storeshotsRules',
    check: (job, plan) =>
      (['headline', 'subtitle'] as const).flatMap((kind) => {
        const own = job[kind];
        if (!own?.sameAsFallback) return [];
        return [{ path: job.output.path, locale: job.locale, preset: job.preset, slide: job.slide, message: `${job.output.path}: the ${job.locale} ${kind} of slide "${job.slide}" is the same as the ${plan.fallbackLocale ?? 'fallback'} one ("${own.text}"); is it translated?` }];
      }),
  },
];

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** The source of a rule for a store (rules citing one page ignore the store). */
export function ruleSource(rule: Rule, store?: Store): { url: string; verified: string } {
  const id = typeof rule.source === 'string' ? rule.source : rule.source[store ?? 'appstore'];
  return SOURCES[id];
}
