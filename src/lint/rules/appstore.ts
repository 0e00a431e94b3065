// App Store rules on each screenshot (docs/store-rules.md#app-store-every-screenshot).
import { APPSTORE } from '../../store/facts.js';
import { acceptedSizes, isAcceptedSize } from '../../store/presets.js';
import type { Hit } from '../model.js';
import {
  ACCEPTED_EXT,
  FORMAT_NAME,
  displayTypeLabel,
  guessNote,
  hit,
  nearestAppStoreSize,
  sz,
  type Rule,
} from './shared.js';

export const APPSTORE_RULES: readonly Rule[] = [
  // ---- App Store: every screenshot (docs/store-rules.md#app-store-every-screenshot) ----------------
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
        out.push(
          hit(
            img,
            `${img.path} is a ${FORMAT_NAME[img.facts.format]} image; the App Store takes only PNG or JPEG (.png, .jpg, .jpeg)${guessNote(img)}`,
          ),
        );
      } else if (!ACCEPTED_EXT.includes(img.ext)) {
        out.push(
          hit(
            img,
            `${img.path} has the extension "${img.ext ? `.${img.ext}` : '(none)'}"; the App Store takes only .png, .jpg and .jpeg (deliver: "Invalid file extension")`,
          ),
        );
      }
      return out;
    },
  },
  {
    id: 'appstore.alpha-channel',
    severity: 'error',
    scope: 'image',
    stores: ['appstore'],
    description:
      'App Store screenshots have no alpha channel or transparency ("Images can\'t include alpha channels or transparencies").',
    source: 'appleSpecs',
    check: (img) =>
      img.facts.hasAlpha
        ? [
            hit(
              img,
              `${img.path} has an alpha channel (${img.facts.alphaReason}); App Store Connect refuses images with alpha channels or transparency even when every pixel is opaque. Flatten it onto a background and save as RGB${guessNote(img)}`,
            ),
          ]
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
      const model =
        f.colorModel === 'gray'
          ? 'greyscale'
          : f.colorModel === 'cmyk'
            ? 'CMYK'
            : f.colorModel === 'ycck'
              ? 'CMYK (YCCK)'
              : undefined;
      if (model)
        return [
          hit(
            img,
            `${img.path} is ${model}; App Store Connect requires the RGB colour space. Convert it to RGB (sRGB or Display P3)`,
          ),
        ];
      if (f.iccSpace && f.iccSpace !== 'RGB')
        return [
          hit(
            img,
            `${img.path} embeds a ${f.iccSpace} ICC profile${f.iccName ? ` ("${f.iccName}")` : ''}; App Store Connect requires the RGB colour space`,
          ),
        ];
      return [];
    },
  },
  {
    id: 'appstore.dpi',
    severity: 'warning',
    scope: 'image',
    stores: ['appstore'],
    description: "The resolution stored in the file is at least 72 DPI (App Store Connect's upload error text).",
    source: 'appleServerErrors',
    unconfirmed: "Only quoted from App Store Connect error text, never stated on Apple's spec page.",
    check: (img) =>
      img.facts.dpi !== undefined && img.facts.dpi > 0 && img.facts.dpi < APPSTORE.minDpi
        ? [
            hit(
              img,
              `${img.path} declares ${img.facts.dpi} DPI; App Store Connect asks for at least ${APPSTORE.minDpi} DPI. Set the density to 72 or remove it`,
            ),
          ]
        : [],
  },
  {
    id: 'appstore.size',
    severity: 'error',
    scope: 'image',
    stores: ['appstore'],
    description:
      "The pixel size is exactly one App Store Connect lists for the slot (deliver's size -> display type table).",
    source: 'appleSpecs',
    check: (img) => {
      const { width: w, height: h, format } = img.facts;
      if (format !== 'png' && format !== 'jpeg') return [];
      const dt = img.displayType;
      if (img.preset && img.preset.store === 'appstore') {
        if (isAcceptedSize(img.preset, { width: w, height: h })) return [];
        const list = acceptedSizes(img.preset)
          .map((z) => sz(z.width, z.height))
          .join(', ');
        const other =
          dt && dt !== img.preset.displayType
            ? `; it is a ${displayTypeLabel(dt)} size, so App Store Connect files it in that slot instead`
            : '';
        return [
          hit(
            img,
            `${img.path} is ${sz(w, h)}, not a size ${img.preset.id} (${img.preset.label}) accepts: ${list}${other}`,
          ),
        ];
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
    description:
      'deliver files the image in the slot it was made for: its path does not send 3840x2160 to Vision Pro or 2048x2732 to the 12.9" 2nd generation.',
    source: 'fastlaneDeliver',
    check: (img) => {
      const p = img.preset;
      const size = { width: img.facts.width, height: img.facts.height };
      if (!p?.displayType || !img.displayType || img.displayType === p.displayType || !isAcceptedSize(p, size))
        return [];
      const why =
        img.displayType === 'APP_APPLE_VISION_PRO'
          ? 'its path contains "vision"'
          : img.displayType === 'APP_IPAD_PRO_129'
            ? 'its path contains "app_ipad_pro_129" (or "12.9" and "2nd generation")'
            : 'of its pixel size';
      return [
        hit(
          img,
          `${img.path}: deliver will upload this ${sz(size.width, size.height)} image as ${displayTypeLabel(img.displayType)}, not ${p.label}, because ${why}; rename the file or folder`,
        ),
      ];
    },
  },
];
