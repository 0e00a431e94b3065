// Rules on the file itself, for either store: it can be read, and its name says what it holds.
import { closeSync, constants, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { jpegOrientation } from '../header.js';
import { FORMAT_NAME, extFormat, hit, sz, type Rule } from './shared.js';

/** What an EXIF orientation asks a viewer to do. */
const TURN: Record<number, string> = {
  2: 'mirror it',
  3: 'turn it 180°',
  4: 'flip it upside down',
  5: 'mirror it and turn it a quarter',
  6: 'turn it 90° clockwise',
  7: 'mirror it and turn it a quarter',
  8: 'turn it 90° counter-clockwise',
};

const inputOrientation = new Map<string, number | undefined>();
/** The EXIF orientation of an input JPEG, from its first 128 KB (where APP1 lives), once per file. */
function orientationOf(file: string): number | undefined {
  if (!inputOrientation.has(file)) {
    let o: number | undefined;
    try {
      const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const buf = Buffer.alloc(128 * 1024);
        o = jpegOrientation(buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)));
      } finally {
        closeSync(fd);
      }
    } catch {
      o = undefined; // an unreadable input has failed the render already
    }
    if (inputOrientation.size > 10_000) inputOrientation.clear();
    inputOrientation.set(file, o);
  }
  return inputOrientation.get(file);
}

export const FILE_RULES: readonly Rule[] = [
  // ---- any store: the file itself -------------------------------------------------------------
  {
    id: 'image.unreadable',
    severity: 'error',
    scope: 'unreadable',
    description:
      "The file can be read and is a whole PNG or JPEG (not empty, truncated, a folder or a broken link); a PNG's pixel data is inflated (up to 40 MP) and must be a valid zlib stream of exactly the size its header promises.",
    source: { appstore: 'appleSpecs', play: 'playPreview' },
    check: (img) => (img.unreadable ? [hit(img, `${img.path}: cannot be read as an image: ${img.unreadable}`)] : []),
  },
  {
    id: 'format.extension-mismatch',
    severity: 'error',
    scope: 'image',
    stores: ['appstore', 'play'],
    description:
      'A .png file holds PNG data and a .jpg/.jpeg file holds JPEG data (deliver: "File extension mismatches its image format").',
    source: { appstore: 'fastlaneDeliverValidator', play: 'playPreview' },
    unconfirmed: 'Play states no rule on extensions; Play hits are warnings.',
    check: (img) => {
      const claimed = extFormat(img.ext);
      if (!claimed || claimed === img.facts.format) return [];
      const real = FORMAT_NAME[img.facts.format] ?? img.facts.format;
      return [
        hit(
          img,
          `${img.path} is named .${img.ext} but holds ${real} data; rename it to .${img.facts.format === 'jpeg' ? 'jpg' : img.facts.format} or re-encode it as ${FORMAT_NAME[claimed]}`,
          img.store === 'play' ? 'warning' : undefined,
        ),
      ];
    },
  },
  {
    id: 'image.exif-orientation',
    severity: 'warning',
    scope: 'image',
    stores: ['appstore', 'play'],
    description:
      "A JPEG carries no EXIF orientation other than 1: its pixels are stored upright, so every viewer and the store's size check see the same picture.",
    source: { appstore: 'appleSpecs', play: 'playPreview' },
    unconfirmed: 'Neither store documents how it treats EXIF orientation; a warning.',
    check: (img) => {
      const o = img.facts.orientation;
      if (!o || o === 1) return [];
      const shown = o >= 5 ? sz(img.facts.height, img.facts.width) : sz(img.facts.width, img.facts.height);
      return [
        hit(
          img,
          `${img.path} is stored ${sz(img.facts.width, img.facts.height)} with EXIF orientation ${o} (${TURN[o]}), so it shows as ${shown}; save it with upright pixels and no orientation tag`,
        ),
      ];
    },
  },
  {
    id: 'input.exif-orientation',
    severity: 'warning',
    scope: 'job',
    description:
      "A screenshot with an EXIF orientation is turned upright (as the stores' pipelines do) before layout; the finding says so, so a sideways capture is not a surprise.",
    source: 'storeshotsRules',
    check: (job) =>
      [job.screenshot, job.secondScreenshot, job.thirdScreenshot].flatMap((file) => {
        const o = file ? orientationOf(file) : undefined;
        if (!file || !o || o === 1) return [];
        return [
          {
            path: job.output.path,
            locale: job.locale,
            preset: job.preset,
            slide: job.slide,
            message: `${job.output.path}: its screenshot ${path.basename(file)} carries EXIF orientation ${o}; it was turned upright (${TURN[o]}) before layout`,
          },
        ];
      }),
  },
];
