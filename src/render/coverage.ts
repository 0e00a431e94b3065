// Glyph coverage: which characters of a text no font of its fallback chain has. Pure JS
// (fontkit reads the cmap tables), so `validate` runs the very check `render` runs without
// loading the native canvas: one implementation for both. fonts.ts registers the same
// families with the canvas for drawing; this module only knows which files make each family.
//
// Also here: characters that are not text at all (control characters other than a line break)
// are reported as such, with their place, instead of as a missing font.
import { contentTexts } from '../plan/content.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { packageRoot } from '../util/paths.js';
import { RenderError, errorMessage } from '../util/errors.js';
import type { TextStyle, Position } from '../manifest/types.js';
import type { Job } from '../plan/types.js';
import { parseHighlights } from './text.js';
import { sha256 } from '../util/hash.js';

/** Family aliases we register; prefixed so a system font of the same name never wins. */
export const SHIPPED: Record<string, string[]> = {
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
  'ss-sinh': ['NotoSansSinhala-Regular.ttf', 'NotoSansSinhala-Bold.ttf'],
  'ss-khmr': ['NotoSansKhmer-Regular.ttf', 'NotoSansKhmer-Bold.ttf'],
  'ss-laoo': ['NotoSansLao-Regular.ttf', 'NotoSansLao-Bold.ttf'],
  'ss-mymr': ['NotoSansMyanmar-Regular.ttf', 'NotoSansMyanmar-Bold.ttf'],
  'ss-ethi': ['NotoSansEthiopic-Regular.ttf', 'NotoSansEthiopic-Bold.ttf'],
  'ss-armn': ['NotoSansArmenian-Regular.ttf', 'NotoSansArmenian-Bold.ttf'],
  'ss-geor': ['NotoSansGeorgian-Regular.ttf', 'NotoSansGeorgian-Bold.ttf'],
  // Urdu is written in Nastaliq; the Naskh of ss-arabic stays for the other Arabic-script languages.
  'ss-nastaliq': ['NotoNastaliqUrdu-Regular.ttf', 'NotoNastaliqUrdu-Bold.ttf'],
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
  'noto nastaliq urdu': 'ss-nastaliq',
};

/** The script font a language prefers for its own punctuation and digits. */
const BY_LANG: Record<string, string[]> = {
  ar: ['ss-arabic'],
  fa: ['ss-arabic'],
  ur: ['ss-nastaliq', 'ss-arabic'],
  he: ['ss-hebrew'],
  iw: ['ss-hebrew'],
  th: ['ss-thai'],
  hi: ['ss-deva'],
  mr: ['ss-deva'],
  ne: ['ss-deva'],
  bn: ['ss-beng'],
  ta: ['ss-taml'],
  te: ['ss-telu'],
  gu: ['ss-gujr'],
  pa: ['ss-guru'],
  kn: ['ss-knda'],
  ml: ['ss-mlym'],
  or: ['ss-orya'],
  si: ['ss-sinh'],
  km: ['ss-khmr'],
  lo: ['ss-laoo'],
  my: ['ss-mymr'],
  am: ['ss-ethi'],
  hy: ['ss-armn'],
  ka: ['ss-geor'],
  ja: ['ss-cjk', 'ss-cjk-full'],
  zh: ['ss-cjk', 'ss-cjk-full'],
  ko: ['ss-cjk', 'ss-cjk-full'],
};

const FALLBACK_ORDER = [
  'ss-noto',
  'ss-arabic',
  'ss-hebrew',
  'ss-thai',
  'ss-deva',
  'ss-beng',
  'ss-taml',
  'ss-telu',
  'ss-gujr',
  'ss-guru',
  'ss-knda',
  'ss-mlym',
  'ss-orya',
  'ss-sinh',
  'ss-khmr',
  'ss-laoo',
  'ss-mymr',
  'ss-ethi',
  'ss-armn',
  'ss-geor',
  'ss-cjk',
  'ss-cjk-full',
  'ss-emoji',
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

function shippedFamilies(): void {
  if (families.has('ss-inter')) return;
  for (const [alias, files] of Object.entries(SHIPPED))
    families.set(alias, { files: files.map((f) => path.join(fontsDir(), f)) });
}

function openFaces(fam: Family): fontkit.Font[] {
  if (!fam.faces) {
    fam.faces = fam.files.flatMap((f) => {
      if (!existsSync(f))
        throw new RenderError(
          `font file not found: ${f}${f.startsWith(fontsDir()) ? " (the package's fonts/ folder is incomplete: reinstall storeshots)" : ''}`,
        );
      try {
        const opened = fontkit.openSync(f);
        return 'fonts' in opened ? opened.fonts : [opened];
      } catch (e) {
        throw new RenderError(`cannot read font file ${f}: ${errorMessage(e)}`);
      }
    });
  }
  return fam.faces;
}

/** The alias of a user's font file (the same in every process: a hash of its path). */
export function userFontAlias(file: string): string {
  return `ss-user-${sha256(file).slice(0, 12)}`;
}

/** Knows a user's font file (once) and returns its alias; its own family name also selects it. */
export function addUserFont(file: string): string {
  const alias = userFontAlias(file);
  if (!families.has(alias)) {
    if (!existsSync(file)) throw new RenderError(`font file not found: ${file}`);
    const fam: Family = { files: [file] };
    for (const face of openFaces(fam)) userByName.set(face.familyName.toLowerCase(), alias);
    families.set(alias, fam);
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
export function resolveChain(req: FontRequest): string[] {
  shippedFamilies();
  for (const f of req.userFonts) addUserFont(f);
  let primary = 'ss-inter';
  const font = req.font?.trim();
  if (font) {
    if (/\.(ttf|otf|ttc)$/i.test(font)) primary = addUserFont(font);
    else {
      const known = NAMED[font.toLowerCase()] ?? userByName.get(font.toLowerCase());
      if (!known) {
        throw new RenderError(
          `unknown font "${font}": use a shipped family (Inter, Noto Sans, Noto Sans CJK, Noto Sans Arabic, Noto Sans Hebrew, Noto Nastaliq Urdu), a family from the manifest's fonts: files, or a path to a .ttf/.otf file`,
        );
      }
      primary = known;
    }
  }
  const lang = req.locale.split('-')[0]!.toLowerCase();
  return [...new Set([primary, ...(BY_LANG[lang] ?? []), ...FALLBACK_ORDER])];
}

/**
 * The line height (in ems) of a text whose style sets none. Nastaliq stacks each word down a
 * diagonal and reaches far above and below the line (its ascent and descent are 2.5 em): at the
 * 1.2 of other scripts one line's descenders touch the next line's ascenders.
 */
export function defaultLineHeight(chain: string[]): number {
  return chain.find((f) => f === 'ss-nastaliq' || f === 'ss-arabic') === 'ss-nastaliq' ? 1.6 : 1.2;
}

/** The files of a family alias (fonts.ts registers them with the canvas). */
export function familyFiles(alias: string): string[] {
  shippedFamilies();
  return families.get(alias)?.files ?? [];
}

/** The chain for a text style of a job: a font path resolves against the manifest's folder. */
export function chainFor(style: TextStyle, job: Job): string[] {
  const f = style.font;
  const file = f && /\.(ttf|otf|ttc)$/i.test(f) ? path.resolve(job.baseDir, f) : f;
  return resolveChain({ font: file, locale: job.locale, userFonts: job.fonts });
}

// Code points that never need a glyph of their own: line breaks, spaces, joiners, variation selectors, bidi marks, tags.
function ignorable(cp: number): boolean {
  return (
    cp === 0x0a ||
    cp === 0x0d ||
    cp === 0x20 ||
    cp === 0xa0 ||
    cp === 0xad ||
    cp === 0x3000 ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0000 && cp <= 0xe01ef) ||
    cp === 0xfeff
  );
}

/** A control character (C0, DEL, C1) other than the line break: never text, whatever the font. */
export const isControl = (cp: number): boolean => cp !== 0x0a && (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f));

/**
 * Characters of `text` that no family of the chain covers (unique, in order of appearance). A
 * family's files are opened (fontkit reads them whole) only when the families before it miss a
 * character: Latin text never loads the 17 MB CJK or 11 MB emoji fonts.
 */
export function missingGlyphs(text: string, chain: string[]): string[] {
  shippedFamilies();
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
    if (ignorable(cp) || isControl(cp) || out.includes(ch)) continue;
    if (!covered(cp)) out.push(ch);
  }
  return out;
}

export function describeChars(chars: string[]): string {
  return chars.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
}

// The same text with the same font chain recurs across presets (and locales that share a text):
// each pair is checked once per process.
const missingMemo = new Map<string, string[]>();
function missingFor(text: string, chain: string[]): string[] {
  const k = `${chain.join(',')}\n${text}`;
  let m = missingMemo.get(k);
  if (!m) {
    if (missingMemo.size > 10_000) missingMemo.clear();
    missingMemo.set(k, (m = missingGlyphs(text, chain)));
  }
  return m;
}

export interface CoverageProblem {
  kind: 'missing-glyph' | 'control' | 'font';
  job: Job;
  /** headline, subtitle, app name, or a content text (item, stat, quote ... src/plan/content.ts). */
  what: string;
  /** Where the text is written: its strings file line, else the slide. */
  at: Position;
  message: string;
}

/**
 * Every text of the jobs checked: control characters (never text), then characters no font of
 * the text's chain covers. `validate` reports these as errors; `render` refuses to draw tofu.
 */
export function coverageProblems(jobs: Job[]): CoverageProblem[] {
  const out: CoverageProblem[] = [];
  const seen = new Set<string>();
  for (const job of jobs) {
    const texts: Array<
      [
        CoverageProblem['what'],
        Job['headline'] | { text: string; source?: Position } | undefined,
        TextStyle | undefined,
      ]
    > = [
      ['headline', job.headline, job.style.headline],
      ['subtitle', job.subtitle, job.style.subtitle],
    ];
    if (job.style.layout === 'feature' && job.appName)
      texts.push(['app name', { text: job.appName }, job.style.subtitle]);
    for (const [what, t] of contentTexts(job.content))
      texts.push([what, t, /^(quote|stat|award)$/.test(what) ? job.style.headline : job.style.subtitle]);
    for (const [what, resolved, style] of texts) {
      const text = resolved?.text;
      if (!text) continue;
      const at = resolved.source ?? job.source.slide;
      const add = (kind: CoverageProblem['kind'], message: string) => {
        const k = `${kind}|${at.file}:${at.line}|${message}`;
        if (seen.has(k)) return;
        seen.add(k);
        out.push({ kind, job, what, at, message });
      };
      const plain = parseHighlights(text).text;
      const controls = [...plain].map((c, i) => ({ c, i })).filter(({ c }) => isControl(c.codePointAt(0)!));
      if (controls.length) {
        const { c, i } = controls[0]!;
        add(
          'control',
          `${job.id} ${what}: control character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at character ${i + 1} of ${JSON.stringify(plain)}${controls.length > 1 ? ` (and ${controls.length - 1} more)` : ''}: remove it (it is not text; tabs and line separators are turned into spaces and line breaks, other controls are refused)`,
        );
      }
      let chain: string[];
      try {
        chain = chainFor(style ?? {}, job);
      } catch (e) {
        if (!(e instanceof RenderError)) throw e;
        add('font', `${job.id} ${what}: ${e.message}`);
        continue;
      }
      const missing = missingFor(plain, chain);
      if (missing.length) add('missing-glyph', `${job.id} ${what}: no font covers ${describeChars(missing)}`);
    }
  }
  return out;
}

export const COVERAGE_ADVICE =
  "Add a font that has these characters to the manifest's fonts: and name it in style.headline.font / style.subtitle.font";
