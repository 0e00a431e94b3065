// Rules on the file itself, for either store: it can be read, and its name says what it holds.
import { FORMAT_NAME, extFormat, hit, type Rule } from './shared.js';

export const FILE_RULES: readonly Rule[] = [
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
];
