// Google Play rules on each image (docs/store-rules.md#google-play-every-screenshot).
import { PLAY } from '../../store/facts.js';
import type { Hit } from '../model.js';
import {
  ACCEPTED_EXT,
  FORMAT_NAME,
  guessNote,
  hit,
  isPlayScreenshot,
  isTablet,
  isWear,
  sized,
  sz,
  type Rule,
} from './shared.js';

export const PLAY_RULES: readonly Rule[] = [
  // ---- Google Play (docs/store-rules.md#google-play-every-screenshot) -------------------------------
  {
    id: 'play.format',
    severity: 'error',
    scope: 'image',
    stores: ['play'],
    description: 'Play images are JPEG or 24-bit PNG files with a .png, .jpg or .jpeg name (the icon: 32-bit PNG).',
    source: 'playPreview',
    unconfirmed:
      'Whether Play refuses PNGs that are not 24-bit (16-bit, greyscale, indexed) is not stated; those hits are warnings.',
    check: (img) => {
      const f = img.facts;
      if (img.playKind === 'icon') return [];
      if (f.format !== 'png' && f.format !== 'jpeg')
        return [
          hit(
            img,
            `${img.path} is a ${FORMAT_NAME[f.format]} image; Google Play takes JPEG or 24-bit PNG${guessNote(img)}`,
          ),
        ];
      if (!ACCEPTED_EXT.includes(img.ext))
        return [
          hit(
            img,
            `${img.path} has the extension "${img.ext ? `.${img.ext}` : '(none)'}"; Play (and supply) take only .png, .jpg and .jpeg`,
          ),
        ];
      if (f.format === 'png' && !f.hasAlpha && !(f.pngColorType === 2 && f.bitDepth === 8)) {
        const what =
          f.pngColorType === 3
            ? 'an indexed-colour PNG'
            : f.pngColorType === 0
              ? 'a greyscale PNG'
              : `a ${(f.bitDepth ?? 8) * 3}-bit PNG`;
        return [
          hit(
            img,
            `${img.path} is ${what}; Google Play asks for JPEG or 24-bit PNG (8 bits per RGB channel)`,
            'warning',
          ),
        ];
      }
      if (f.format === 'jpeg' && f.colorModel !== 'rgb')
        return [
          hit(
            img,
            `${img.path} is a ${f.colorModel === 'gray' ? 'greyscale' : 'CMYK'} JPEG; Google Play asks for RGB images`,
            'warning',
          ),
        ];
      return [];
    },
  },
  {
    id: 'play.alpha-channel',
    severity: 'error',
    scope: 'image',
    stores: ['play'],
    description:
      'Play screenshots, the feature graphic and the TV banner have no alpha ("JPEG or 24-bit PNG (no alpha)").',
    source: 'playPreview',
    check: (img) =>
      img.playKind !== 'icon' && img.facts.hasAlpha
        ? [
            hit(
              img,
              `${img.path} has an alpha channel (${img.facts.alphaReason}); Google Play takes JPEG or 24-bit PNG without alpha. Flatten it onto a background${guessNote(img)}`,
            ),
          ]
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
      if (short < floor)
        return [
          hit(
            img,
            `${img.path} is ${sz(img.facts.width, img.facts.height)}; its short side is below Play's minimum of ${floor} px`,
          ),
        ];
      if (isTablet(img.preset) && short < PLAY.largeMinSide) {
        return [
          hit(
            img,
            `${img.path} is ${sz(img.facts.width, img.facts.height)}; Play recommends tablet screenshots of at least ${PLAY.largeMinSide} px on each side`,
            'warning',
          ),
        ];
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
        if (long > PLAY.largeMaxSide)
          return [
            hit(img, `${img.path} is ${s}; its long side is above Play's ${PLAY.largeMaxSide} px maximum for tablets`),
          ];
        if (long > PLAY.maxSide)
          return [
            hit(
              img,
              `${img.path} is ${s}; Play's general maximum is ${PLAY.maxSide} px (large-screen slots are documented up to ${PLAY.largeMaxSide} px, but sources disagree)`,
              'warning',
            ),
          ];
        return [];
      }
      return long > PLAY.maxSide
        ? [hit(img, `${img.path} is ${s}; its long side is above Play's maximum of ${PLAY.maxSide} px`)]
        : [];
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
      if (isWear(img.preset) && w !== h)
        return [hit(img, `${img.path} is ${sz(w, h)}; Wear OS screenshots must be square (1:1)`)];
      return ratio > PLAY.maxAspect
        ? [
            hit(
              img,
              `${img.path} is ${sz(w, h)} (${ratio.toFixed(2)}:1); Play refuses screenshots whose long side is more than ${PLAY.maxAspect} x the short side${guessNote(img)}`,
            ),
          ]
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
        ? [
            hit(
              img,
              `${img.path} is ${(img.facts.bytes / 1024 / 1024).toFixed(1)} MB; keep Play images under ${PLAY.maxFileBytes / 1024 / 1024} MB (use JPEG or a smaller PNG)`,
            ),
          ]
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
      return img.playKind === 'featureGraphic' &&
        sized(img) &&
        (img.facts.width !== fg.width || img.facts.height !== fg.height)
        ? [
            hit(
              img,
              `${img.path} is ${sz(img.facts.width, img.facts.height)}; the Play feature graphic must be exactly ${sz(fg.width, fg.height)}`,
            ),
          ]
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
      if (img.playKind !== 'icon') return [];
      const f = img.facts;
      const out: Hit[] = [];
      // Only PNG and JPEG are sized; any other format is still the wrong one for the icon.
      if (sized(img) && (f.width !== PLAY.icon.width || f.height !== PLAY.icon.height))
        out.push(
          hit(
            img,
            `${img.path} is ${sz(f.width, f.height)}; the Play icon must be ${sz(PLAY.icon.width, PLAY.icon.height)}`,
          ),
        );
      if (f.format !== 'png')
        out.push(hit(img, `${img.path} is ${FORMAT_NAME[f.format]}; the Play icon must be a 32-bit PNG`));
      if (f.bytes > PLAY.icon.maxBytes)
        out.push(
          hit(
            img,
            `${img.path} is ${Math.ceil(f.bytes / 1024)} KB; the Play icon may be at most ${PLAY.icon.maxBytes / 1024} KB`,
          ),
        );
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
      img.playKind === 'tvBanner' &&
      sized(img) &&
      (img.facts.width !== PLAY.tvBanner.width || img.facts.height !== PLAY.tvBanner.height)
        ? [
            hit(
              img,
              `${img.path} is ${sz(img.facts.width, img.facts.height)}; the Play TV banner is ${sz(PLAY.tvBanner.width, PLAY.tvBanner.height)}`,
            ),
          ]
        : [],
  },
];
