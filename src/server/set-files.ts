// The files of a whole-set job that are not images: font files (`fonts`), strings files (`strings`
// patterns) and a theme file (`theme: brand/theme.json`), uploaded as multipart parts named by the
// manifest's paths (docs/render-api.md#whole-set-jobs). Each is checked before anything is stored, as
// the CLI would meet it: a font must be a TrueType/OpenType font by its bytes and open with fontkit
// (the reader validate uses), a strings file stays within the CLI's limit (its parser then reads it
// with file:line:column errors), a theme is JSON within the manifest's limit (the theme loader checks
// its style). Names are checked like every upload (no path escape: sets.ts checkUploadName).
import * as fontkit from 'fontkit';
import type { Manifest } from '../manifest/types.js';
import { MAX_MANIFEST_BYTES } from '../manifest/load.js';
import { MAX_STRINGS_BYTES } from '../manifest/strings.js';
import { errorMessage } from '../util/errors.js';
import { ApiError, badRequest } from './errors.js';

/** A font file may be large (a CJK font is 16 MB) but not unbounded. */
export const MAX_FONT_BYTES = 32 * 1024 * 1024;

/** TrueType (0x00010000, "true"), OpenType with CFF ("OTTO") and collections ("ttcf"): what the renderer registers. */
const FONT_MAGIC = ['00010000', '74727565', '4f54544f', '74746366'];

const param = (name: string) => `files[${JSON.stringify(name)}]`;

/** A `strings` pattern as a test on upload names: each {placeholder} is one path segment or part of one. */
function patternTest(pattern: string): RegExp {
  const parts = pattern.split(/\{[a-z-]+\}/);
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
}

/**
 * The uploads the manifest names as fonts, strings or its theme file, each checked; the rest are
 * left to the image checks. Throws a 400 (413 for a size) naming the file and the manifest field.
 */
export function nonImageUploads(m: Manifest, files: Map<string, Buffer> | undefined): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!files) return out;
  const fonts = new Map((m.fonts ?? []).map((f, i) => [f.replace(/^\.\//, ''), i]));
  const strings = (m.strings ?? []).map((p, i) => ({ test: patternTest(p.replace(/^\.\//, '')), i }));
  const theme = m.theme && /[\\/]|\.json$/i.test(m.theme) ? m.theme.replace(/^\.\//, '') : undefined;
  for (const [name, bytes] of files) {
    const font = fonts.get(name);
    if (font !== undefined) {
      checkFont(name, bytes, `manifest.fonts[${font}]`);
      out.set(name, bytes);
      continue;
    }
    if (name === theme) {
      if (bytes.length > MAX_MANIFEST_BYTES)
        throw new ApiError(
          413,
          'payload_too_large',
          `Theme file ${name} is ${bytes.length} bytes; the limit is ${MAX_MANIFEST_BYTES} (manifest.theme)`,
          param(name),
        );
      try {
        JSON.parse(bytes.toString('utf8'));
      } catch (e) {
        throw badRequest(`Theme file ${name} (manifest.theme) is not JSON: ${errorMessage(e)}`, param(name));
      }
      out.set(name, bytes);
      continue;
    }
    const s = strings.find((x) => x.test.test(name));
    if (s) {
      if (bytes.length > MAX_STRINGS_BYTES)
        throw new ApiError(
          413,
          'payload_too_large',
          `Strings file ${name} is ${bytes.length} bytes; the limit for a strings file is ${MAX_STRINGS_BYTES} (manifest.strings[${s.i}])`,
          param(name),
        );
      out.set(name, bytes);
    }
  }
  return out;
}

function checkFont(name: string, bytes: Buffer, field: string): void {
  if (bytes.length > MAX_FONT_BYTES)
    throw new ApiError(
      413,
      'payload_too_large',
      `Font file ${name} is ${bytes.length} bytes; the limit is ${MAX_FONT_BYTES} (${field})`,
      param(name),
    );
  const magic = bytes.subarray(0, 4).toString('hex');
  if (!FONT_MAGIC.includes(magic))
    throw badRequest(
      `Font file ${name} (${field}) is not a TrueType or OpenType font (.ttf, .otf, .ttc): its first bytes are ${magic || 'missing'}`,
      param(name),
      'unsupported_font',
    );
  try {
    const font = fontkit.create(bytes);
    const faces = 'fonts' in font ? font.fonts : [font];
    if (!faces.length || faces.some((f) => !(f.numGlyphs > 0))) throw new Error('it has no glyphs');
  } catch (e) {
    throw badRequest(
      `Font file ${name} (${field}) cannot be read as a font: ${errorMessage(e)}`,
      param(name),
      'unsupported_font',
    );
  }
}
