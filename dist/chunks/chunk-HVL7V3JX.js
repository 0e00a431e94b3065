import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  collectPaths
} from "./chunk-XNFDU3IH.js";
import {
  APPSTORE,
  DELIVER_DISPLAY_TYPES,
  PLAY,
  PRESETS,
  PSEUDO_LOCALES,
  acceptedSizes,
  deliverDisplayType,
  getPreset,
  isAcceptedSize,
  storeLocale
} from "./chunk-UPRCV6JR.js";
import {
  contrastRatio
} from "./chunk-QNR4RP5L.js";
import {
  UnreadableImageError,
  jpegOrientation,
  readImageFacts
} from "./chunk-DC2CIEVD.js";
import {
  contentTexts
} from "./chunk-CZBPMC5E.js";
import {
  fsErrorReason
} from "./chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/lint/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { constants as constants2 } from "node:fs";
import { open } from "node:fs/promises";

// src/lint/rules.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/store/sources.ts
init_define_globalThis_STORESHOTS_NATIVES();
var SOURCES = {
  appleSpecs: {
    url: "https://developer.apple.com/help/app-store-connect/reference/app-information/screenshot-specifications",
    verified: "2026-10-10"
  },
  appleUpload: {
    url: "https://developer.apple.com/help/app-store-connect/manage-app-information/upload-app-previews-and-screenshots",
    verified: "2026-10-10"
  },
  appleCreative: {
    url: "https://developer.apple.com/help/app-store-connect/reference/app-information/creative-assets-specifications",
    verified: "2026-10-10"
  },
  playPreview: {
    url: "https://support.google.com/googleplay/android-developer/answer/9866151",
    verified: "2026-09-25"
  },
  playGraphics: {
    url: "https://support.google.com/googleplay/android-developer/answer/1078870",
    verified: "2026-09-25"
  },
  fastlaneDeliver: {
    url: "https://github.com/fastlane/fastlane/blob/d5347690d47de21d0e6fe78bd5ce77e35a714350/deliver/lib/deliver/app_screenshot.rb",
    verified: "2026-07-21"
  },
  fastlaneDeliverLoader: {
    url: "https://github.com/fastlane/fastlane/blob/d5347690d47de21d0e6fe78bd5ce77e35a714350/deliver/lib/deliver/loader.rb",
    verified: "2026-07-21"
  },
  fastlaneDeliverUpload: {
    url: "https://github.com/fastlane/fastlane/blob/d5347690d47de21d0e6fe78bd5ce77e35a714350/deliver/lib/deliver/upload_screenshots.rb",
    verified: "2026-07-21"
  },
  fastlaneDeliverValidator: {
    url: "https://github.com/fastlane/fastlane/blob/d5347690d47de21d0e6fe78bd5ce77e35a714350/deliver/lib/deliver/app_screenshot_validator.rb",
    verified: "2026-07-21"
  },
  /** App Store Connect's own upload error text ("...in the RGB color space"), as quoted in fastlane issues. */
  appleServerErrors: {
    url: "https://github.com/fastlane/fastlane/issues/9768",
    verified: "2026-11-01",
    note: "docs/store-rules.md#app-store-every-screenshot: the server message lists format, size, 72 DPI and RGB together"
  },
  fastlaneLanguages: {
    url: "https://github.com/fastlane/fastlane/blob/d5347690d47de21d0e6fe78bd5ce77e35a714350/fastlane_core/lib/fastlane_core/languages.rb",
    verified: "2026-07-21"
  },
  fastlaneSupply: {
    url: "https://github.com/fastlane/fastlane/blob/d5347690d47de21d0e6fe78bd5ce77e35a714350/supply/lib/supply.rb",
    verified: "2026-07-21"
  },
  playLanguages: {
    url: "https://developers.google.com/android-publisher/api-ref/rest/v3/edits.listings/update",
    verified: "2026-07-21"
  },
  wcag: {
    url: "https://www.w3.org/TR/WCAG21/#contrast-minimum",
    verified: "2026-11-01"
  },
  /**
   * storeshots' own quality rules (text fit, glyphs, translations): no store states them, so they
   * cite the page that defines them. The repository address is the project's; update it here if it moves.
   */
  storeshotsRules: {
    url: "https://github.com/storeshots/storeshots/blob/main/docs/lint.md",
    verified: "2026-12-01"
  }
};

// src/lint/rules/appstore.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/lint/rules/shared.ts
init_define_globalThis_STORESHOTS_NATIVES();
var TEXT_MIN_READABLE = 0.025;
var WCAG_AA = { normal: 4.5, large: 3 };
var sz = (w, h) => `${w}x${h}`;
var where = (img) => ({
  path: img.path,
  locale: img.locale,
  preset: img.presetRef,
  slide: img.slide
});
var hit = (img, message, severity) => ({
  ...where(img),
  message,
  severity
});
var ACCEPTED_EXT = APPSTORE.extensions;
var FORMAT_NAME = {
  png: "PNG",
  jpeg: "JPEG",
  gif: "GIF",
  webp: "WebP",
  heif: "HEIF/HEIC",
  avif: "AVIF",
  bmp: "BMP",
  tiff: "TIFF"
};
var extFormat = (ext) => ext === "jpg" || ext === "jpeg" ? "jpeg" : ext === "png" ? "png" : void 0;
var guessNote = (img) => img.storeGuessed ? ` (taken as ${img.store === "appstore" ? "an App Store" : "a Google Play"} image from its size; pass --store to say which)` : "";
function displayTypeLabel(dt) {
  const p = PRESETS.find((x) => x.displayType === dt);
  return p ? `${p.label} (${dt})` : dt;
}
function nearestAppStoreSize(w, h) {
  let best;
  for (const [type, sizes] of Object.entries(DELIVER_DISPLAY_TYPES)) {
    for (const [sw, sh] of sizes) {
      const d = Math.abs(sw - w) + Math.abs(sh - h);
      if (!best || d < best.d) best = { size: sz(sw, sh), type: deliverDisplayType(sw, sh) ?? type, d };
    }
  }
  return best && best.d <= Math.max(w, h) * 0.01 ? best : void 0;
}
var sized = (img) => img.facts.width > 0 && img.facts.height > 0;
var isPlayScreenshot = (img) => sized(img) && img.store === "play" && (img.playKind ?? "screenshot") === "screenshot";
var isTablet = (p) => p?.playFolder === "sevenInchScreenshots" || p?.playFolder === "tenInchScreenshots";
var isWear = (p) => p?.playFolder === "wearScreenshots";
function round1(n) {
  return Math.round(n * 10) / 10;
}

// src/lint/rules/appstore.ts
var APPSTORE_RULES = [
  // ---- App Store: every screenshot (docs/store-rules.md#app-store-every-screenshot) ----------------
  {
    id: "appstore.format",
    severity: "error",
    scope: "image",
    stores: ["appstore"],
    description: "App Store screenshots are .png, .jpg or .jpeg files holding PNG or JPEG data.",
    source: "appleSpecs",
    check: (img) => {
      const out = [];
      if (img.facts.format !== "png" && img.facts.format !== "jpeg") {
        out.push(
          hit(
            img,
            `${img.path} is a ${FORMAT_NAME[img.facts.format]} image; the App Store takes only PNG or JPEG (.png, .jpg, .jpeg)${guessNote(img)}`
          )
        );
      } else if (!ACCEPTED_EXT.includes(img.ext)) {
        out.push(
          hit(
            img,
            `${img.path} has the extension "${img.ext ? `.${img.ext}` : "(none)"}"; the App Store takes only .png, .jpg and .jpeg (deliver: "Invalid file extension")`
          )
        );
      }
      return out;
    }
  },
  {
    id: "appstore.alpha-channel",
    severity: "error",
    scope: "image",
    stores: ["appstore"],
    description: `App Store screenshots have no alpha channel or transparency ("Images can't include alpha channels or transparencies").`,
    source: "appleSpecs",
    check: (img) => img.facts.hasAlpha ? [
      hit(
        img,
        `${img.path} has an alpha channel (${img.facts.alphaReason}); App Store Connect refuses images with alpha channels or transparency even when every pixel is opaque. Flatten it onto a background and save as RGB${guessNote(img)}`
      )
    ] : []
  },
  {
    id: "appstore.colorspace",
    severity: "error",
    scope: "image",
    stores: ["appstore"],
    description: "App Store screenshots are in the RGB colour space (not greyscale or CMYK).",
    source: "appleServerErrors",
    check: (img) => {
      const f = img.facts;
      const model = f.colorModel === "gray" ? "greyscale" : f.colorModel === "cmyk" ? "CMYK" : f.colorModel === "ycck" ? "CMYK (YCCK)" : void 0;
      if (model)
        return [
          hit(
            img,
            `${img.path} is ${model}; App Store Connect requires the RGB colour space. Convert it to RGB (sRGB or Display P3)`
          )
        ];
      if (f.iccSpace && f.iccSpace !== "RGB")
        return [
          hit(
            img,
            `${img.path} embeds a ${f.iccSpace} ICC profile${f.iccName ? ` ("${f.iccName}")` : ""}; App Store Connect requires the RGB colour space`
          )
        ];
      return [];
    }
  },
  {
    id: "appstore.dpi",
    severity: "warning",
    scope: "image",
    stores: ["appstore"],
    description: "The resolution stored in the file is at least 72 DPI (App Store Connect's upload error text).",
    source: "appleServerErrors",
    unconfirmed: "Only quoted from App Store Connect error text, never stated on Apple's spec page.",
    check: (img) => img.facts.dpi !== void 0 && img.facts.dpi > 0 && img.facts.dpi < APPSTORE.minDpi ? [
      hit(
        img,
        `${img.path} declares ${img.facts.dpi} DPI; App Store Connect asks for at least ${APPSTORE.minDpi} DPI. Set the density to 72 or remove it`
      )
    ] : []
  },
  {
    id: "appstore.size",
    severity: "error",
    scope: "image",
    stores: ["appstore"],
    description: "The pixel size is exactly one App Store Connect lists for the slot (deliver's size -> display type table).",
    source: "appleSpecs",
    check: (img) => {
      const { width: w, height: h, format } = img.facts;
      if (format !== "png" && format !== "jpeg") return [];
      const dt = img.displayType;
      if (img.preset && img.preset.store === "appstore") {
        if (isAcceptedSize(img.preset, { width: w, height: h })) return [];
        const list = acceptedSizes(img.preset).map((z) => sz(z.width, z.height)).join(", ");
        const other = dt && dt !== img.preset.displayType ? `; it is a ${displayTypeLabel(dt)} size, so App Store Connect files it in that slot instead` : "";
        return [
          hit(
            img,
            `${img.path} is ${sz(w, h)}, not a size ${img.preset.id} (${img.preset.label}) accepts: ${list}${other}`
          )
        ];
      }
      if (dt) return [];
      const near = nearestAppStoreSize(w, h);
      return [
        hit(
          img,
          `${img.path} is ${sz(w, h)}, which App Store Connect accepts for no display (deliver: "Invalid screen size")${near ? `; the nearest accepted size is ${near.size} (${displayTypeLabel(near.type)})` : ""}${guessNote(img)}`
        )
      ];
    }
  },
  {
    id: "appstore.deliver-slot",
    severity: "warning",
    scope: "image",
    stores: ["appstore"],
    description: 'deliver files the image in the slot it was made for: its path does not send 3840x2160 to Vision Pro or 2048x2732 to the 12.9" 2nd generation.',
    source: "fastlaneDeliver",
    check: (img) => {
      const p = img.preset;
      const size = { width: img.facts.width, height: img.facts.height };
      if (!p?.displayType || !img.displayType || img.displayType === p.displayType || !isAcceptedSize(p, size))
        return [];
      const why = img.displayType === "APP_APPLE_VISION_PRO" ? 'its path contains "vision"' : img.displayType === "APP_IPAD_PRO_129" ? 'its path contains "app_ipad_pro_129" (or "12.9" and "2nd generation")' : "of its pixel size";
      return [
        hit(
          img,
          `${img.path}: deliver will upload this ${sz(size.width, size.height)} image as ${displayTypeLabel(img.displayType)}, not ${p.label}, because ${why}; rename the file or folder`
        )
      ];
    }
  }
];

// src/lint/rules/files.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { closeSync, constants, openSync, readSync } from "node:fs";
import path from "node:path";
var TURN = {
  2: "mirror it",
  3: "turn it 180\xB0",
  4: "flip it upside down",
  5: "mirror it and turn it a quarter",
  6: "turn it 90\xB0 clockwise",
  7: "mirror it and turn it a quarter",
  8: "turn it 90\xB0 counter-clockwise"
};
var inputOrientation = /* @__PURE__ */ new Map();
function orientationOf(file) {
  if (!inputOrientation.has(file)) {
    let o;
    try {
      const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const buf = Buffer.alloc(128 * 1024);
        o = jpegOrientation(buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)));
      } finally {
        closeSync(fd);
      }
    } catch {
      o = void 0;
    }
    if (inputOrientation.size > 1e4) inputOrientation.clear();
    inputOrientation.set(file, o);
  }
  return inputOrientation.get(file);
}
var FILE_RULES = [
  // ---- any store: the file itself -------------------------------------------------------------
  {
    id: "image.unreadable",
    severity: "error",
    scope: "unreadable",
    description: "The file can be read and is a whole PNG or JPEG (not empty, truncated, a folder or a broken link); a PNG's pixel data is inflated (up to 40 MP) and must be a valid zlib stream of exactly the size its header promises.",
    source: { appstore: "appleSpecs", play: "playPreview" },
    check: (img) => img.unreadable ? [hit(img, `${img.path}: cannot be read as an image: ${img.unreadable}`)] : []
  },
  {
    id: "format.extension-mismatch",
    severity: "error",
    scope: "image",
    stores: ["appstore", "play"],
    description: 'A .png file holds PNG data and a .jpg/.jpeg file holds JPEG data (deliver: "File extension mismatches its image format").',
    source: { appstore: "fastlaneDeliverValidator", play: "playPreview" },
    unconfirmed: "Play states no rule on extensions; Play hits are warnings.",
    check: (img) => {
      const claimed = extFormat(img.ext);
      if (!claimed || claimed === img.facts.format) return [];
      const real = FORMAT_NAME[img.facts.format] ?? img.facts.format;
      return [
        hit(
          img,
          `${img.path} is named .${img.ext} but holds ${real} data; rename it to .${img.facts.format === "jpeg" ? "jpg" : img.facts.format} or re-encode it as ${FORMAT_NAME[claimed]}`,
          img.store === "play" ? "warning" : void 0
        )
      ];
    }
  },
  {
    id: "image.exif-orientation",
    severity: "warning",
    scope: "image",
    stores: ["appstore", "play"],
    description: "A JPEG carries no EXIF orientation other than 1: its pixels are stored upright, so every viewer and the store's size check see the same picture.",
    source: { appstore: "appleSpecs", play: "playPreview" },
    unconfirmed: "Neither store documents how it treats EXIF orientation; a warning.",
    check: (img) => {
      const o = img.facts.orientation;
      if (!o || o === 1) return [];
      const shown = o >= 5 ? sz(img.facts.height, img.facts.width) : sz(img.facts.width, img.facts.height);
      return [
        hit(
          img,
          `${img.path} is stored ${sz(img.facts.width, img.facts.height)} with EXIF orientation ${o} (${TURN[o]}), so it shows as ${shown}; save it with upright pixels and no orientation tag`
        )
      ];
    }
  },
  {
    id: "input.exif-orientation",
    severity: "warning",
    scope: "job",
    description: "A screenshot with an EXIF orientation is turned upright (as the stores' pipelines do) before layout; the finding says so, so a sideways capture is not a surprise.",
    source: "storeshotsRules",
    check: (job) => [job.screenshot, job.secondScreenshot, job.thirdScreenshot].flatMap((file) => {
      const o = file ? orientationOf(file) : void 0;
      if (!file || !o || o === 1) return [];
      return [
        {
          path: job.output.path,
          locale: job.locale,
          preset: job.preset,
          slide: job.slide,
          message: `${job.output.path}: its screenshot ${path.basename(file)} carries EXIF orientation ${o}; it was turned upright (${TURN[o]}) before layout`
        }
      ];
    })
  }
];

// src/lint/rules/play.ts
init_define_globalThis_STORESHOTS_NATIVES();
var PLAY_RULES = [
  // ---- Google Play (docs/store-rules.md#google-play-every-screenshot) -------------------------------
  {
    id: "play.format",
    severity: "error",
    scope: "image",
    stores: ["play"],
    description: "Play images are JPEG or 24-bit PNG files with a .png, .jpg or .jpeg name (the icon: 32-bit PNG).",
    source: "playPreview",
    unconfirmed: "Whether Play refuses PNGs that are not 24-bit (16-bit, greyscale, indexed) is not stated; those hits are warnings.",
    check: (img) => {
      const f = img.facts;
      if (img.playKind === "icon") return [];
      if (f.format !== "png" && f.format !== "jpeg")
        return [
          hit(
            img,
            `${img.path} is a ${FORMAT_NAME[f.format]} image; Google Play takes JPEG or 24-bit PNG${guessNote(img)}`
          )
        ];
      if (!ACCEPTED_EXT.includes(img.ext))
        return [
          hit(
            img,
            `${img.path} has the extension "${img.ext ? `.${img.ext}` : "(none)"}"; Play (and supply) take only .png, .jpg and .jpeg`
          )
        ];
      if (f.format === "png" && !f.hasAlpha && !(f.pngColorType === 2 && f.bitDepth === 8)) {
        const what = f.pngColorType === 3 ? "an indexed-colour PNG" : f.pngColorType === 0 ? "a greyscale PNG" : `a ${(f.bitDepth ?? 8) * 3}-bit PNG`;
        return [
          hit(
            img,
            `${img.path} is ${what}; Google Play asks for JPEG or 24-bit PNG (8 bits per RGB channel)`,
            "warning"
          )
        ];
      }
      if (f.format === "jpeg" && f.colorModel !== "rgb")
        return [
          hit(
            img,
            `${img.path} is a ${f.colorModel === "gray" ? "greyscale" : "CMYK"} JPEG; Google Play asks for RGB images`,
            "warning"
          )
        ];
      return [];
    }
  },
  {
    id: "play.alpha-channel",
    severity: "error",
    scope: "image",
    stores: ["play"],
    description: 'Play screenshots, the feature graphic and the TV banner have no alpha ("JPEG or 24-bit PNG (no alpha)").',
    source: "playPreview",
    check: (img) => img.playKind !== "icon" && img.facts.hasAlpha ? [
      hit(
        img,
        `${img.path} has an alpha channel (${img.facts.alphaReason}); Google Play takes JPEG or 24-bit PNG without alpha. Flatten it onto a background${guessNote(img)}`
      )
    ] : []
  },
  {
    id: "play.min-side",
    severity: "error",
    scope: "image",
    stores: ["play"],
    description: `Each side of a Play screenshot is at least ${PLAY.minSide} px (Wear OS: ${PLAY.wearMinSide} px; tablets: ${PLAY.largeMinSide} px recommended).`,
    source: "playPreview",
    unconfirmed: `The ${PLAY.largeMinSide} px floor for tablets is a recommendation for large-screen surfaces, not a publishing requirement: a warning.`,
    check: (img) => {
      if (!isPlayScreenshot(img)) return [];
      const short = Math.min(img.facts.width, img.facts.height);
      const floor = isWear(img.preset) ? PLAY.wearMinSide : PLAY.minSide;
      if (short < floor)
        return [
          hit(
            img,
            `${img.path} is ${sz(img.facts.width, img.facts.height)}; its short side is below Play's minimum of ${floor} px`
          )
        ];
      if (isTablet(img.preset) && short < PLAY.largeMinSide) {
        return [
          hit(
            img,
            `${img.path} is ${sz(img.facts.width, img.facts.height)}; Play recommends tablet screenshots of at least ${PLAY.largeMinSide} px on each side`,
            "warning"
          )
        ];
      }
      return [];
    }
  },
  {
    id: "play.max-side",
    severity: "error",
    scope: "image",
    stores: ["play"],
    description: `Each side of a Play screenshot is at most ${PLAY.maxSide} px (tablets: up to ${PLAY.largeMaxSide} px).`,
    source: "playPreview",
    unconfirmed: `Sources disagree whether tablet slots take ${PLAY.maxSide}-${PLAY.largeMaxSide} px; such tablet shots are warnings.`,
    check: (img) => {
      if (!isPlayScreenshot(img)) return [];
      const long = Math.max(img.facts.width, img.facts.height);
      const s = sz(img.facts.width, img.facts.height);
      if (isTablet(img.preset)) {
        if (long > PLAY.largeMaxSide)
          return [
            hit(img, `${img.path} is ${s}; its long side is above Play's ${PLAY.largeMaxSide} px maximum for tablets`)
          ];
        if (long > PLAY.maxSide)
          return [
            hit(
              img,
              `${img.path} is ${s}; Play's general maximum is ${PLAY.maxSide} px (large-screen slots are documented up to ${PLAY.largeMaxSide} px, but sources disagree)`,
              "warning"
            )
          ];
        return [];
      }
      return long > PLAY.maxSide ? [hit(img, `${img.path} is ${s}; its long side is above Play's maximum of ${PLAY.maxSide} px`)] : [];
    }
  },
  {
    id: "play.aspect-ratio",
    severity: "error",
    scope: "image",
    stores: ["play"],
    description: `The long side of a Play screenshot is at most ${PLAY.maxAspect} x the short side (Wear OS: square).`,
    source: "playPreview",
    check: (img) => {
      if (!isPlayScreenshot(img)) return [];
      const { width: w, height: h } = img.facts;
      const ratio = Math.max(w, h) / Math.min(w, h);
      if (isWear(img.preset) && w !== h)
        return [hit(img, `${img.path} is ${sz(w, h)}; Wear OS screenshots must be square (1:1)`)];
      return ratio > PLAY.maxAspect ? [
        hit(
          img,
          `${img.path} is ${sz(w, h)} (${ratio.toFixed(2)}:1); Play refuses screenshots whose long side is more than ${PLAY.maxAspect} x the short side${guessNote(img)}`
        )
      ] : [];
    }
  },
  {
    id: "play.file-size",
    severity: "warning",
    scope: "image",
    stores: ["play"],
    description: `Play images are at most ${PLAY.maxFileBytes / 1024 / 1024} MB (the icon: 1024 KB, see play.icon).`,
    source: "playPreview",
    unconfirmed: "Play states 8 MB only for Android XR; the cap for phone screenshots is UNCONFIRMED.",
    check: (img) => img.playKind !== "icon" && img.facts.bytes > PLAY.maxFileBytes ? [
      hit(
        img,
        `${img.path} is ${(img.facts.bytes / 1024 / 1024).toFixed(1)} MB; keep Play images under ${PLAY.maxFileBytes / 1024 / 1024} MB (use JPEG or a smaller PNG)`
      )
    ] : []
  },
  {
    id: "play.feature-graphic-size",
    severity: "error",
    scope: "image",
    stores: ["play"],
    description: `The feature graphic is exactly ${sz(PLAY.featureGraphic.width, PLAY.featureGraphic.height)}.`,
    source: "playPreview",
    check: (img) => {
      const fg = PLAY.featureGraphic;
      return img.playKind === "featureGraphic" && sized(img) && (img.facts.width !== fg.width || img.facts.height !== fg.height) ? [
        hit(
          img,
          `${img.path} is ${sz(img.facts.width, img.facts.height)}; the Play feature graphic must be exactly ${sz(fg.width, fg.height)}`
        )
      ] : [];
    }
  },
  {
    id: "play.icon",
    severity: "error",
    scope: "image",
    stores: ["play"],
    description: `The Play icon is a ${sz(PLAY.icon.width, PLAY.icon.height)} PNG of at most ${PLAY.icon.maxBytes / 1024} KB.`,
    source: "playGraphics",
    check: (img) => {
      if (img.playKind !== "icon") return [];
      const f = img.facts;
      const out = [];
      if (sized(img) && (f.width !== PLAY.icon.width || f.height !== PLAY.icon.height))
        out.push(
          hit(
            img,
            `${img.path} is ${sz(f.width, f.height)}; the Play icon must be ${sz(PLAY.icon.width, PLAY.icon.height)}`
          )
        );
      if (f.format !== "png")
        out.push(hit(img, `${img.path} is ${FORMAT_NAME[f.format]}; the Play icon must be a 32-bit PNG`));
      if (f.bytes > PLAY.icon.maxBytes)
        out.push(
          hit(
            img,
            `${img.path} is ${Math.ceil(f.bytes / 1024)} KB; the Play icon may be at most ${PLAY.icon.maxBytes / 1024} KB`
          )
        );
      return out;
    }
  },
  {
    id: "play.tv-banner-size",
    severity: "warning",
    scope: "image",
    stores: ["play"],
    description: `The Android TV banner is ${sz(PLAY.tvBanner.width, PLAY.tvBanner.height)}.`,
    source: "playGraphics",
    unconfirmed: "Only older Google text states the banner size.",
    check: (img) => img.playKind === "tvBanner" && sized(img) && (img.facts.width !== PLAY.tvBanner.width || img.facts.height !== PLAY.tvBanner.height) ? [
      hit(
        img,
        `${img.path} is ${sz(img.facts.width, img.facts.height)}; the Play TV banner is ${sz(PLAY.tvBanner.width, PLAY.tvBanner.height)}`
      )
    ] : []
  }
];

// src/lint/rules/promo.ts
init_define_globalThis_STORESHOTS_NATIVES();
var escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
var phrase = (p) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(p)}(?![\\p{L}\\p{N}])`, "iu");
var CLAIMS = PLAY.discouraged.claims.map((p) => [p, phrase(p)]);
var CTAS = PLAY.discouraged.callsToAction.map((p) => [p, phrase(p)]);
function promoClaims(job) {
  const out = [];
  const c = job.content;
  if (c?.rating) out.push(`a rating (${c.rating.stars} stars)`);
  if (c?.award) out.push(`an award ("${c.award.text}")`);
  const texts = [
    ...["headline", "subtitle"].flatMap((k) => job[k] ? [[k, job[k].text]] : []),
    ...contentTexts(c).filter(([what]) => what !== "award").map(([what, t]) => [what, t.text])
  ];
  for (const [what, text] of texts) {
    for (const [p, re] of CLAIMS) if (re.test(text)) out.push(`the claim "${p}" in the ${what} "${text}"`);
    for (const [p, re] of CTAS) if (re.test(text)) out.push(`the call to action "${p}" in the ${what} "${text}"`);
  }
  return out;
}
var PROMO_RULES = [
  {
    id: "play.promo-claims",
    severity: "warning",
    scope: "job",
    description: `Google Play images show no ratings, awards, ranking or superlative claims ("#1", "best") or calls to action ("Download now"), which Play's guidelines discourage (App Store images may).`,
    source: "playPreview",
    check: (job) => {
      if (job.store !== "play") return [];
      const found = promoClaims(job);
      if (!found.length) return [];
      return [
        {
          path: job.output.path,
          locale: job.locale,
          preset: job.preset,
          slide: job.slide,
          message: `${job.output.path}: slide "${job.slide}" shows ${found.join(", ")}; Google Play's guidelines ask screenshots not to show ratings, awards, claims such as "#1" or "best" or calls to action. Keep this slide to App Store presets (slides[].presets)`
        }
      ];
    }
  }
];

// src/lint/rules/sets.ts
init_define_globalThis_STORESHOTS_NATIVES();
var SET_RULES = [
  // ---- sets: counts and duplicates ----------------------------------------------------------------
  {
    id: "appstore.count",
    severity: "error",
    scope: "set",
    stores: ["appstore"],
    description: `An App Store set (one display size, one locale) holds ${APPSTORE.minPerSet} to ${APPSTORE.maxPerSet} screenshots.`,
    source: "appleSpecs",
    check: (set) => {
      if (set.count <= APPSTORE.maxPerSet) return [];
      const extra = set.slides ? set.slides.slice(APPSTORE.maxPerSet) : set.images.slice(APPSTORE.maxPerSet).map((i) => i.path);
      return [
        {
          message: `${set.label} has ${set.count} screenshots; the App Store takes at most ${APPSTORE.maxPerSet} per display size and locale (deliver skips the rest: ${extra.join(", ")})`,
          path: set.folder,
          locale: set.locale,
          preset: set.presetRef
        }
      ];
    }
  },
  {
    id: "play.count",
    severity: "error",
    scope: "set",
    stores: ["play"],
    description: `A Play device type holds at most ${PLAY.maxPerType} screenshots per locale.`,
    source: "playPreview",
    check: (set) => {
      if ((set.playKind ?? "screenshot") !== "screenshot" || set.count <= PLAY.maxPerType) return [];
      return [
        {
          message: `${set.label} has ${set.count} screenshots; Google Play takes at most ${PLAY.maxPerType} per device type`,
          path: set.folder,
          locale: set.locale,
          preset: set.presetRef
        }
      ];
    }
  },
  {
    id: "image.duplicate",
    severity: "warning",
    scope: "set",
    stores: ["appstore", "play"],
    description: "No two images in one set have the same bytes (a copied file or a slide rendered from the same input twice).",
    source: "storeshotsRules",
    check: (set) => {
      const seen = /* @__PURE__ */ new Map();
      const out = [];
      for (const img of set.images) {
        if (!img.facts) continue;
        const first = seen.get(img.facts.sha256);
        if (first)
          out.push({
            ...where(img),
            message: `${img.path} is byte-for-byte the same image as ${first.path} in ${set.label}`
          });
        else seen.set(img.facts.sha256, img);
      }
      return out;
    }
  },
  {
    id: "play.promo-eligibility",
    severity: "warning",
    scope: "set",
    stores: ["play"],
    description: `For promotion on Play, a phone set has at least ${PLAY.promoMinCount} screenshots of at least ${PLAY.promoMinSide} px at 9:16 or 16:9 ("Highly recommended", not needed to publish).`,
    source: "playPreview",
    check: (set) => {
      if (set.playFolder !== "phoneScreenshots" || !set.complete || set.images.length === 0) return [];
      const ok = set.images.filter((i) => {
        if (!i.facts) return false;
        const short = Math.min(i.facts.width, i.facts.height);
        const long = Math.max(i.facts.width, i.facts.height);
        return short >= PLAY.promoMinSide && Math.abs(long / short - 16 / 9) < 0.01;
      });
      return ok.length >= PLAY.promoMinCount ? [] : [
        {
          message: `${set.label} has ${ok.length} screenshot(s) of at least ${PLAY.promoMinSide} px at 9:16 or 16:9; Play asks for ${PLAY.promoMinCount} to make the app eligible for promotion and recommendations`,
          path: set.folder,
          locale: set.locale,
          preset: set.presetRef
        }
      ];
    }
  },
  // ---- the whole run: required slots, Play's total, locale folders, skipped files ---------------------
  {
    id: "appstore.required-slot",
    severity: "error",
    scope: "run",
    description: 'An iPhone app provides a 6.9" (Dynamic Island, large) set, or else a 6.5" set, and a 6.3" (Dynamic Island, medium) set; an iPad app provides an iPad 13" set.',
    source: "appleSpecs",
    unconfirmed: `Apple's page (read 2026-10) lists the 6.3" set as required while its 6.5" row says otherwise (docs/store-rules.md#app-store-required-sets). Both readings agree on "6.9" or 6.5"" and on iPad 13", which are errors; a missing 6.3" set, or a 6.5" set standing in for the 6.9" one, is a warning.`,
    check: (run) => {
      if (!run.stores.has("appstore")) return [];
      const types = new Set(
        run.plan ? run.plan.presets.flatMap((ref) => getPreset(ref.split("@")[0])?.displayType ?? []) : run.images.flatMap(
          (img) => img.store === "appstore" && img.locale && img.displayType ? [img.displayType] : []
        )
      );
      const iphone = [...types].some((t) => t.startsWith("APP_IPHONE_"));
      const out = [];
      const [large, medium] = APPSTORE.requiredIphoneDisplayTypes;
      const largeLabel = displayTypeLabel(large);
      const from = run.plan ? "The manifest has no" : "No locale folder has an";
      if (iphone) {
        if (!types.has(large) && !types.has("APP_IPHONE_65")) {
          out.push({
            message: `${from} ${largeLabel} set (nor a 6.5" set); App Store Connect requires one to submit an iPhone app. Add appstore.iphone_6_9`
          });
        } else if (!types.has(large)) {
          out.push({
            message: `${from} ${largeLabel} set; the 6.5" set satisfies the older rule, but Apple's 2026 page lists the Dynamic Island sizes. Add appstore.iphone_6_9`,
            severity: "warning"
          });
        }
        if (!types.has(medium)) {
          out.push({
            message: `${from} ${displayTypeLabel(medium)} set; Apple's page (2026-10) lists it as required for iPhone apps (sources disagree whether the 6.9" set scales down to it). Add appstore.iphone_6_3`,
            severity: "warning"
          });
        }
      }
      if (run.targetsIpad && !types.has(APPSTORE.requiredIpadDisplayType)) {
        out.push({
          message: `${from} ${displayTypeLabel(APPSTORE.requiredIpadDisplayType)} set; App Store Connect requires one when the app runs on iPad. Add appstore.ipad_13`
        });
      }
      return out;
    }
  },
  {
    id: "play.min-total",
    severity: "error",
    scope: "run",
    description: `A Play listing has at least ${PLAY.minTotal} screenshots in total, across device types.`,
    source: "playPreview",
    check: (run) => {
      const perLocale = /* @__PURE__ */ new Map();
      for (const set of run.sets) {
        if (set.store !== "play" || (set.playKind ?? "screenshot") !== "screenshot" || !set.locale) continue;
        const k = set.locale;
        perLocale.set(k, (perLocale.get(k) ?? 0) + set.count);
      }
      const out = [];
      for (const [locale, n] of perLocale) {
        if (n > 0 && n < PLAY.minTotal) {
          out.push({
            message: `The ${locale} Play listing has ${n} screenshot; Google Play needs at least ${PLAY.minTotal} in total to publish`,
            locale
          });
        }
      }
      return out;
    }
  },
  {
    id: "locale.unknown-store-locale",
    severity: "error",
    scope: "run",
    description: "Every locale folder is a code the store knows (deliver refuses other folder names; supply sends the folder name to Play as the language).",
    source: { appstore: "fastlaneLanguages", play: "playLanguages" },
    unconfirmed: "Play's full language list is UNCONFIRMED, so unknown Play folders are warnings.",
    check: (run) => run.localeFolders.map(
      (f) => f.flat ? {
        path: f.path,
        locale: f.name,
        store: f.store,
        severity: "warning",
        message: `${f.path}: "${f.name}" maps to no ${f.store === "appstore" ? "App Store" : "Google Play"} locale, so the fastlane layout leaves these images out; use a code from \`storeshots presets --locales\``
      } : f.store === "appstore" ? {
        path: f.path,
        locale: f.name,
        store: f.store,
        message: `${f.path}: "${f.name}" is not an App Store Connect locale; deliver refuses the upload ("Unsupported directory name(s)"). Rename it to one of the codes in \`storeshots presets --locales\``
      } : {
        path: f.path,
        locale: f.name,
        store: f.store,
        severity: "warning",
        message: `${f.path}: "${f.name}" is not a Play language code supply knows (Hebrew is iw-IL, Simplified Chinese zh-CN); Play may refuse it`
      }
    )
  },
  {
    id: "fastlane.ignored-file",
    severity: "warning",
    scope: "run",
    description: "Every image in a fastlane tree is one deliver or supply uploads (right folder, .png/.jpg/.jpeg, not hidden by the _framed rule).",
    source: { appstore: "fastlaneDeliverLoader", play: "fastlaneSupply" },
    check: (run) => run.ignored.map((i) => ({ path: i.path, locale: i.locale, store: i.store, message: `${i.path}: ${i.reason}` }))
  },
  {
    id: "path.unreadable",
    severity: "warning",
    scope: "run",
    description: "Every folder and link under a linted path can be followed (no symlink loops, no permission errors).",
    source: "storeshotsRules",
    check: (run) => run.unreachable.map((u) => ({ path: u.path, message: `${u.path}: skipped: ${u.reason}` }))
  },
  {
    id: "output.collision",
    severity: "error",
    scope: "run",
    description: "No two images of a run are written to the same file (two manifest locales mapped to one store locale overwrite each other).",
    source: "storeshotsRules",
    check: (run) => {
      const byPath = /* @__PURE__ */ new Map();
      for (const img of run.images) if (img.job) byPath.set(img.path, [...byPath.get(img.path) ?? [], img]);
      return [...byPath.values()].filter((list) => list.length > 1).map((list) => ({
        ...where(list[0]),
        message: `${list[0].path} is written by ${list.map((i) => i.job.id).join(" and ")}; the later one overwrites the earlier. Locales ${[...new Set(list.map((i) => i.locale))].join(" and ")} map to the same store locale: keep one of them`
      }));
    }
  }
];

// src/lint/rules/text.ts
init_define_globalThis_STORESHOTS_NATIVES();
var LARGE_TEXT = /* @__PURE__ */ new Set(["headline", "stat", "quote", "award"]);
var TEXT_RULES = [
  // ---- text, from the renderer's layout -------------------------------------------------------------
  {
    id: "text.overflow",
    severity: "error",
    scope: "text",
    description: "Headline and subtitle fit their box at or above the style's smallest size (else they are cut off or run into the device).",
    source: "storeshotsRules",
    check: (img, t) => t.overflow ? [
      hit(
        img,
        `${img.path}: the ${t.kind} "${t.text}" does not fit its ${Math.round(t.box.width)}x${Math.round(t.box.height)} px box even at the smallest allowed size (${t.minFontSize} px; it needed ${round1(t.fitFontSize)} px). Shorten the text, allow more lines or lower ${t.kind}.min-size`
      )
    ] : []
  },
  {
    id: "text.set-size",
    severity: "warning",
    scope: "text",
    description: "No one slide pulls the type size its whole set shares 10% or more below what the other slides would take (shorten that text or give it more lines).",
    source: "storeshotsRules",
    check: (img, t) => t.shrinksSet ? [
      hit(
        img,
        `${img.path}: the ${t.kind} "${t.text}" sets the ${t.kind} of every slide in its set at ${round1(t.shrinksSet.size)} px; without it they would be ${round1(t.shrinksSet.without)} px (${Math.round((t.shrinksSet.without / t.shrinksSet.size - 1) * 100)}% larger). Shorten it or give it more lines`
      )
    ] : []
  },
  {
    id: "text.too-small",
    severity: "warning",
    scope: "text",
    description: `Text is set at ${TEXT_MIN_READABLE * 100}% of the image's shorter side or larger, so it stays readable at store thumbnail size.`,
    source: "storeshotsRules",
    check: (img, t) => {
      const w = img.facts?.width ?? img.job?.size.width;
      const h = img.facts?.height ?? img.job?.size.height;
      if (!w || !h) return [];
      const floor = Math.round(TEXT_MIN_READABLE * Math.min(w, h));
      return t.fontSize < floor ? [
        hit(
          img,
          `${img.path}: the ${t.kind} "${t.text}" is set at ${round1(t.fontSize)} px, below ${floor} px (${TEXT_MIN_READABLE * 100}% of ${Math.min(w, h)} px), too small to read in the store; shorten it or raise ${t.kind}.min-size`
        )
      ] : [];
    }
  },
  {
    id: "text.illegible",
    severity: "error",
    scope: "text",
    description: `A headline's contrast against the background behind it is at least ${WCAG_AA.large}:1 (WCAG 2.1 AA for large text); below that it cannot be read in the store.`,
    source: "wcag",
    check: (img, t) => {
      const ratio = contrastRatio(t.color, t.background);
      return t.kind === "headline" && ratio !== void 0 && ratio < WCAG_AA.large ? [
        hit(
          img,
          `${img.path}: the headline "${t.text}" (${t.color}) has a contrast of ${ratio.toFixed(2)}:1 against the background behind it (${t.background}), below the ${WCAG_AA.large}:1 WCAG AA asks for large text: it cannot be read. Remove headline.color (auto picks a readable one) or change it or the background`
        )
      ] : [];
    }
  },
  {
    id: "text.contrast",
    severity: "warning",
    scope: "text",
    description: `Text other than the headline meets WCAG 2.1 AA against the background behind it (${WCAG_AA.large}:1 for stats, quotes and awards, which are set large; ${WCAG_AA.normal}:1 for other text); headlines are text.illegible's.`,
    source: "wcag",
    check: (img, t) => {
      const ratio = contrastRatio(t.color, t.background);
      const need = LARGE_TEXT.has(t.kind) ? WCAG_AA.large : WCAG_AA.normal;
      return t.kind !== "headline" && ratio !== void 0 && ratio < need ? [
        hit(
          img,
          `${img.path}: the ${t.kind} "${t.text}" (${t.color}) has a contrast of ${ratio.toFixed(2)}:1 against the background behind it (${t.background}); WCAG AA asks for ${need}:1. Darken the background or change ${t.kind}.color`
        )
      ] : [];
    }
  },
  {
    id: "text.under-callout",
    severity: "warning",
    scope: "text",
    description: "No call-out (a magnified region of the screenshot) is drawn over the headline or subtitle.",
    source: "storeshotsRules",
    check: (img, t) => t.underCallout ? [
      hit(
        img,
        `${img.path}: a call-out covers the ${t.kind} "${t.text}"; move it (callouts[].position, or a region lower on the screenshot) or shorten the text`
      )
    ] : []
  },
  {
    id: "text.missing-glyph",
    severity: "error",
    scope: "text",
    description: "Every character of the text is covered by a loaded font (no empty boxes).",
    source: "storeshotsRules",
    check: (img, t) => t.missingGlyphs.length ? [
      hit(
        img,
        `${img.path}: no font covers ${t.missingGlyphs.map((c) => `"${c}" (U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")})`).join(", ")} in the ${t.kind} "${t.text}"; add a font for this script under fonts:`
      )
    ] : []
  },
  {
    id: "text.missing-translation",
    severity: "warning",
    scope: "job",
    description: "Every locale has its own headline and subtitle; a fallback to fallback-locale is reported.",
    source: "storeshotsRules",
    check: (job) => ["headline", "subtitle"].flatMap((kind) => {
      const t = job[kind];
      if (t?.origin !== "fallback") return [];
      return [
        {
          path: job.output.path,
          locale: job.locale,
          preset: job.preset,
          slide: job.slide,
          message: `${job.output.path}: no ${job.locale} ${kind} for slide "${job.slide}"${t.key ? ` (key "${t.key}")` : ""}; the ${t.locale} text "${t.text}" is shown instead`
        }
      ];
    })
  },
  {
    id: "text.untranslated",
    severity: "warning",
    scope: "job",
    description: "A locale's text is not word-for-word the fallback locale's text (probably copied, not translated); keys marked not to be translated are exempt.",
    source: "storeshotsRules",
    check: (job, plan) => ["headline", "subtitle"].flatMap((kind) => {
      const own = job[kind];
      if (!own?.sameAsFallback) return [];
      return [
        {
          path: job.output.path,
          locale: job.locale,
          preset: job.preset,
          slide: job.slide,
          message: `${job.output.path}: the ${job.locale} ${kind} of slide "${job.slide}" is the same as the ${plan.fallbackLocale ?? "fallback"} one ("${own.text}"); is it translated?`
        }
      ];
    })
  }
];

// src/lint/rules.ts
var RULES = [
  ...FILE_RULES,
  ...APPSTORE_RULES,
  ...PLAY_RULES,
  ...PROMO_RULES,
  ...SET_RULES,
  ...TEXT_RULES
];
var BY_ID = new Map(RULES.map((r) => [r.id, r]));
function getRule(id) {
  return BY_ID.get(id);
}
function ruleSource(rule, store) {
  const id = typeof rule.source === "string" ? rule.source : rule.source[store ?? "appstore"];
  return SOURCES[id];
}

// src/lint/index.ts
var MAX_READ_BYTES = 256 * 1024 * 1024;
async function lintRender(plan, images) {
  const lint = images.map((r) => {
    const preset = getPreset(r.job.presetId);
    return {
      file: r.file,
      path: r.record.path,
      ext: extOf(r.record.path),
      store: r.job.store,
      preset,
      presetRef: r.job.preset,
      landscape: r.job.landscape,
      playKind: r.job.store === "play" ? preset?.playFolder === "featureGraphic" ? "featureGraphic" : "screenshot" : void 0,
      locale: r.job.locale,
      storeLocale: storeLocale(r.job.store, r.job.locale) ?? r.job.locale,
      slide: r.job.slide,
      job: r.job,
      text: r.text,
      knownFacts: r.facts,
      pseudo: PSEUDO_LOCALES.includes(r.job.locale) || void 0
    };
  });
  await readAll(lint);
  const sets = planSets(plan, lint);
  const targetsIpad = plan.presets.some((ref) => getPreset(ref.split("@")[0])?.device === "ipad");
  const stores = new Set(plan.all.map((j) => j.store));
  return runRules({
    mode: "render",
    images: lint,
    sets,
    plan,
    localeFolders: [],
    ignored: [],
    unreachable: [],
    targetsIpad,
    stores
  });
}
async function lintPaths(paths, opts) {
  const found = collectPaths(paths, opts);
  await readAll(found.images);
  for (const img of found.images) {
    if (img.storeGuessed && img.facts) {
      img.store = guessStore(img);
      if (img.store === "play") img.playKind = "screenshot";
    }
    if (img.store === "appstore" && img.facts)
      img.displayType = deliverDisplayType(img.facts.width, img.facts.height, img.path);
  }
  const sets = fileSets(found.images);
  const stores = new Set(found.images.map((i) => i.store));
  for (const f of found.localeFolders) stores.add(f.store);
  const targetsIpad = found.images.some((i) => i.store === "appstore" && i.displayType?.startsWith("APP_IPAD"));
  const findings = runRules({
    mode: "paths",
    images: found.images,
    sets,
    localeFolders: found.localeFolders,
    ignored: found.ignored,
    unreachable: found.unreachable,
    targetsIpad,
    stores
  });
  return { findings, images: found.images };
}
function guessStore(img) {
  const f = img.facts;
  if (!f.width) return "appstore";
  return deliverDisplayType(f.width, f.height) || nearestAppStoreSize(f.width, f.height) ? "appstore" : "play";
}
var extOf = (p) => {
  const m = /\.([^./\\]+)$/.exec(p);
  return m ? m[1].toLowerCase() : "";
};
async function readAll(images) {
  let next = 0;
  const worker = async () => {
    const scratch = { buf: Buffer.alloc(0) };
    while (next < images.length) {
      const img = images[next++];
      if (img.unreadable) continue;
      try {
        img.facts = readImageFacts(await readRegularFile(img.file, scratch), img.knownFacts);
        if (img.store === "appstore" && !img.displayType)
          img.displayType = deliverDisplayType(img.facts.width, img.facts.height, img.path);
      } catch (e) {
        img.unreadable = e instanceof UnreadableImageError ? e.message : fsErrorReason(e);
      }
    }
  };
  await Promise.all([worker(), worker()]);
}
async function readRegularFile(file, scratch) {
  const fh = await open(file, constants2.O_RDONLY | constants2.O_NONBLOCK);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new UnreadableImageError(st.isDirectory() ? "it is a folder" : "not a regular file");
    if (st.size > MAX_READ_BYTES)
      throw new UnreadableImageError(
        `${(st.size / 1024 / 1024).toFixed(0)} MB is far larger than any store takes; not read`
      );
    if (scratch.buf.length < st.size) scratch.buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const { bytesRead } = await fh.read(scratch.buf, got, st.size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return scratch.buf.subarray(0, got);
  } finally {
    await fh.close();
  }
}
function planSets(plan, images) {
  const byKey = /* @__PURE__ */ new Map();
  const keyOf = (store, locale, presetId, appearance = "") => {
    const preset = getPreset(presetId);
    const sl = storeLocale(store, locale) ?? locale;
    return store === "appstore" ? `appstore|${sl}|${preset?.displayType ?? presetId}|${appearance}` : `play|${sl}|${preset?.playFolder ?? presetId}|${appearance}`;
  };
  for (const job of plan.all) {
    if (PSEUDO_LOCALES.includes(job.locale)) continue;
    const key = keyOf(job.store, job.locale, job.presetId, job.appearance);
    let set = byKey.get(key);
    if (!set) {
      const preset = getPreset(job.presetId);
      set = {
        key,
        store: job.store,
        locale: job.locale,
        label: `${job.locale} ${preset?.label ?? job.presetId}${preset?.displayType ? ` (${preset.displayType})` : ""}${job.appearance ? `, ${job.appearance}` : ""}`,
        presetRef: job.preset,
        displayType: preset?.displayType,
        playKind: job.store === "play" ? preset?.playFolder === "featureGraphic" ? "featureGraphic" : "screenshot" : void 0,
        playFolder: preset?.playFolder,
        images: [],
        count: 0,
        slides: [],
        complete: true
      };
      byKey.set(key, set);
    }
    set.count++;
    set.slides.push(job.slide);
  }
  for (const img of images) {
    const job = img.job;
    byKey.get(keyOf(job.store, job.locale, job.presetId, job.appearance))?.images.push(img);
  }
  for (const set of byKey.values()) set.complete = set.images.length === set.count;
  return [...byKey.values()];
}
function fileSets(images) {
  const byKey = /* @__PURE__ */ new Map();
  for (const img of images) {
    if (!img.facts) continue;
    const group = img.storeLocale ?? img.locale ?? dirOf(img.path);
    let key;
    let label;
    if (img.store === "appstore") {
      const dt = img.preset?.displayType ?? img.displayType;
      if (!dt) continue;
      key = `appstore|${group}|${dt}|${img.appearance ?? ""}`;
      label = `${group} ${displayTypeLabel(dt)}${img.appearance ? `, ${img.appearance}` : ""}`;
    } else {
      const folder = img.preset?.playFolder ?? (img.playKind !== "screenshot" ? img.playKind : void 0) ?? "screenshots";
      key = `play|${group}|${folder}|${img.appearance ?? ""}`;
      label = `${group} ${img.preset?.label ?? folder}${img.appearance ? `, ${img.appearance}` : ""}`;
    }
    let set = byKey.get(key);
    if (!set) {
      set = {
        key,
        store: img.store,
        locale: img.locale,
        label,
        presetRef: img.presetRef,
        displayType: img.store === "appstore" ? img.preset?.displayType ?? img.displayType : void 0,
        playKind: img.store === "play" ? img.playKind ?? "screenshot" : void 0,
        playFolder: img.preset?.playFolder,
        folder: dirOf(img.path),
        images: [],
        count: 0,
        complete: true
      };
      byKey.set(key, set);
    }
    set.images.push(img);
    set.count++;
    if (set.folder !== dirOf(img.path)) set.folder = void 0;
  }
  return [...byKey.values()];
}
var dirOf = (p) => {
  const i = Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\"));
  return i > 0 ? p.slice(0, i) : ".";
};
var RANK = { error: 0, warning: 1 };
function toFinding(rule, h, store) {
  const src = ruleSource(rule, h.store ?? store);
  const severity = h.severity && RANK[h.severity] > RANK[rule.severity] ? h.severity : rule.severity;
  const f = { rule: rule.id, severity, message: h.message, source: src.url, verified: src.verified };
  if (h.path !== void 0) f.path = h.path;
  if (h.locale !== void 0) f.locale = h.locale;
  if (h.preset !== void 0) f.preset = h.preset;
  if (h.slide !== void 0) f.slide = h.slide;
  return f;
}
function runRules(ctx) {
  const out = [];
  for (const rule of RULES) {
    switch (rule.scope) {
      case "unreadable":
        for (const img of ctx.images)
          if (img.unreadable) out.push(...rule.check(img).map((h) => toFinding(rule, h, img.store)));
        break;
      case "image":
        for (const img of ctx.images) {
          if (img.facts && !img.pseudo && rule.stores.includes(img.store))
            out.push(...rule.check(img).map((h) => toFinding(rule, h, img.store)));
        }
        break;
      case "text":
        for (const img of ctx.images)
          for (const t of img.text ?? []) out.push(...rule.check(img, t).map((h) => toFinding(rule, h, img.store)));
        break;
      case "job":
        if (ctx.plan) {
          for (const img of ctx.images)
            if (img.job) out.push(...rule.check(img.job, ctx.plan).map((h) => toFinding(rule, h, img.store)));
        }
        break;
      case "set":
        for (const set of ctx.sets)
          if (rule.stores.includes(set.store)) out.push(...rule.check(set).map((h) => toFinding(rule, h, set.store)));
        break;
      case "run":
        out.push(...rule.check(ctx).map((h) => toFinding(rule, h)));
        break;
    }
  }
  return sortFindings(out);
}
function sortFindings(findings) {
  return findings.sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || (a.path ?? "").localeCompare(b.path ?? "") || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message)
  );
}

export {
  SOURCES,
  getRule,
  lintRender,
  lintPaths,
  runRules,
  sortFindings
};
