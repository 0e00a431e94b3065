// Fonts: the shipped files in fonts/ (never system fonts, so renders match on every machine),
// user font files from the manifest, per-locale fallback chains, and a cmap check so that a
// character no font covers is an error instead of tofu.
import { existsSync } from 'node:fs';
import { notAFile } from '../util/files.js';
import path from 'node:path';
import { createHash } from 'node:crypto';
import * as fontkit from 'fontkit';
import { packageRoot } from '../util/paths.js';
import { RenderError } from '../util/errors.js';
import { canvas } from './native.js';

/** Family aliases we register; prefixed so a system font of the same name never wins. */
const SHIPPED: Record<string, string[]> = {
  'ss-inter': ['Inter.var.ttf'],
  'ss-noto': ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf'],
  'ss-arabic': ['NotoSansArabic-Regular.ttf', 'NotoSansArabic-Bold.ttf'],
  'ss-hebrew': ['NotoSansHebrew-Regular.ttf', 'NotoSansHebrew-Bold.ttf'],
  'ss-thai': ['NotoSansThai-Regular.ttf', 'NotoSansThai-Bold.ttf'],
  'ss-deva': ['NotoSansDevanagari-Regular.ttf', 'NotoSansDevanagari-Bold.ttf'],
  'ss-beng': ['NotoSansBengali-Regular.ttf', 'NotoSansBengali-Bold.ttf'],
  'ss-taml': ['NotoSansTamil-Regular.ttf', 'NotoSansTamil-Bold.ttf'],
  'ss-telu': ['NotoSansTelugu-Regular.ttf', 'NotoSansTelugu-Bold.ttf'],
  'ss-gujr': ['NotoSansGujarati-Regular.ttf', 'NotoSansGujarati-Bold.ttf'],
  'ss-guru': ['NotoSansGurmukhi-Regular.ttf', 'NotoSansGurmukhi-Bold.ttf'],
  'ss-knda': ['NotoSansKannada-Regular.ttf', 'NotoSansKannada-Bold.ttf'],
  'ss-mlym': ['NotoSansMalayalam-Regular.ttf', 'NotoSansMalayalam-Bold.ttf'],
  'ss-orya': ['NotoSansOriya-Regular.ttf', 'NotoSansOriya-Bold.ttf'],
  // The regular CJK file is a subset; its characters missing fall through to the full bold file.
  'ss-cjk': ['NotoSansCJK-Regular-common.otf', 'NotoSansCJK-Bold.otf'],
  'ss-cjk-full': ['NotoSansCJK-Bold.otf'],
  'ss-emoji': ['NotoColorEmoji.ttf'],
};

/** Names a style may give for a shipped family. */
const NAMED: Record<string, string> = {
  inter: 'ss-inter',
  'noto sans': 'ss-noto',
  'noto sans cjk': 'ss-cjk',
  'noto sans arabic': 'ss-arabic',
  'noto sans hebrew': 'ss-hebrew',
  'noto color emoji': 'ss-emoji',
};

/** The script font a language prefers for its own punctuation and digits. */
const BY_LANG: Record<string, string[]> = {
  ar: ['ss-arabic'], fa: ['ss-arabic'], ur: ['ss-arabic'], he: ['ss-hebrew'], iw: ['ss-hebrew'], th: ['ss-thai'],
  hi: ['ss-deva'], mr: ['ss-deva'], ne: ['ss-deva'], bn: ['ss-beng'], ta: ['ss-taml'], te: ['ss-telu'], gu: ['ss-gujr'],
  pa: ['ss-guru'], kn: ['ss-knda'], ml: ['ss-mlym'], or: ['ss-orya'],
  ja: ['ss-cjk', 'ss-cjk-full'], zh: ['ss-cjk', 'ss-cjk-full'], ko: ['ss-cjk', 'ss-cjk-full'],
};

const FALLBACK_ORDER = [
  'ss-noto', 'ss-arabic', 'ss-hebrew', 'ss-thai', 'ss-deva', 'ss-beng', 'ss-taml', 'ss-telu', 'ss-gujr', 'ss-guru',
  'ss-knda', 'ss-mlym', 'ss-orya', 'ss-cjk', 'ss-cjk-full', 'ss-emoji',
];

export function fontsDir(): string {
  return path.join(packageRoot(), 'fonts');
}

interface Family {
  files: string[];
  faces?: fontkit.Font[];
}

const families = new Map<string, Family>();
const userByName = new Map<string, string>();
let shippedRegistered = false;

function registerFile(file: string, alias: string): void {
  if (!existsSync(file)) throw new RenderError(`font file not found: ${file}${file.startsWith(fontsDir()) ? ' (the package\'s fonts/ folder is incomplete: reinstall storeshots)' : ''}`);
  const why = notAFile(file);
  if (why) throw new RenderError(`font file ${file} ${why}`);
  if (!canvas().GlobalFonts.registerFromPath(file, alias)) throw new RenderError(`cannot load font file ${file}: not a TrueType/OpenType font Skia can read`);
  const fam = families.get(alias) ?? { files: [] };
  fam.files.push(file);
  fam.faces = undefined;
  families.set(alias, fam);
}

export function registerShippedFonts(): void {
  if (shippedRegistered) return;
  for (const [alias, files] of Object.entries(SHIPPED)) for (const f of files) registerFile(path.join(fontsDir(), f), alias);
  shippedRegistered = true;
}

function openFaces(fam: Family): fontkit.Font[] {
  if (!fam.faces) {
    fam.faces = fam.files.flatMap((f) => {
      try {
        const opened = fontkit.openSync(f);
        return 'fonts' in opened ? opened.fonts : [opened];
      } catch (e) {
        throw new RenderError(`cannot read font file ${f}: ${(e as Error).message}`);
      }
    });
  }
  return fam.faces;
}

/** Registers a user's font file (once) and returns its alias; its own family name also selects it. */
export function registerUserFont(file: string): string {
  const alias = `ss-user-${createHash('sha256').update(file).digest('hex').slice(0, 12)}`;
  if (!families.has(alias)) {
    if (!existsSync(file)) throw new RenderError(`font file not found: ${file}`);
    registerFile(file, alias);
    for (const face of openFaces(families.get(alias)!)) userByName.set(face.familyName.toLowerCase(), alias);
  }
  return alias;
}

export interface FontRequest {
  /** Style's `font`: a shipped family name, a user family name, or a path (already absolute). */
  font?: string;
  locale: string;
  /** Extra font files of the manifest (absolute). */
  userFonts: string[];
}

/** The fallback chain for one text block: primary first, then the locale's script, then everything else. */
export function familyChain(req: FontRequest): string[] {
  registerShippedFonts();
  for (const f of req.userFonts) registerUserFont(f);
  let primary = 'ss-inter';
  const font = req.font?.trim();
  if (font) {
    if (/\.(ttf|otf|ttc)$/i.test(font)) primary = registerUserFont(font);
    else {
      const known = NAMED[font.toLowerCase()] ?? userByName.get(font.toLowerCase());
      if (!known) {
        throw new RenderError(`unknown font "${font}": use a shipped family (Inter, Noto Sans, Noto Sans CJK, Noto Sans Arabic, Noto Sans Hebrew), a family from the manifest's fonts: files, or a path to a .ttf/.otf file`);
      }
      primary = known;
    }
  }
  const lang = req.locale.split('-')[0]!.toLowerCase();
  const chain = [primary, ...(BY_LANG[lang] ?? []), ...FALLBACK_ORDER];
  return [...new Set(chain)];
}

// Code points that never need a glyph of their own: joiners, variation selectors, bidi marks, tags.
function ignorable(cp: number): boolean {
  return (
    cp === 0x0a || cp === 0x0d || cp === 0x20 || cp === 0xa0 || cp === 0xad || cp === 0x3000 ||
    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0000 && cp <= 0xe01ef) || cp === 0xfeff
  );
}

/**
 * Characters of `text` that no family of the chain covers (unique, in order of appearance). A
 * family's files are opened (fontkit reads them whole) only when the families before it miss a
 * character: Latin text never loads the 17 MB CJK or 11 MB emoji fonts.
 */
export function missingGlyphs(text: string, chain: string[]): string[] {
  registerShippedFonts();
  const faces: fontkit.Font[] = [];
  let next = 0;
  const covered = (cp: number): boolean => {
    if (faces.some((f) => f.hasGlyphForCodePoint(cp))) return true;
    while (next < chain.length) {
      const fam = families.get(chain[next++]!);
      if (!fam) continue;
      const more = openFaces(fam);
      faces.push(...more);
      if (more.some((f) => f.hasGlyphForCodePoint(cp))) return true;
    }
    return false;
  };
  const out: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ignorable(cp) || out.includes(ch)) continue;
    if (!covered(cp)) out.push(ch);
  }
  return out;
}

export function describeChars(chars: string[]): string {
  return chars.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
}

/** A CSS font shorthand for the canvas: families quoted, in chain order. */
export function cssFont(weight: number, size: number, chain: string[]): string {
  return `${weight} ${size}px ${chain.map((f) => `"${f}"`).join(', ')}`;
}
