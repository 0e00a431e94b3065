// Phase 5 of `import frameit`: one slide per screen (and per preset when there are several
// devices), the stores' 10-screenshot cap applied per set (each preset), and the headlines:
// keys into title.strings when every text is a plain title from one file pattern, else inline
// texts per locale. A locale where frameit draws no title (none found, or a blank one) gets an
// empty headline, so it never shows another locale's text and the manifest validates.
import path from 'node:path';
import type { Style } from '../../manifest/types.js';
import { PRESETS } from '../../store/presets.js';
import { configFor, type Framefile } from './framefile.js';
import { diffStyle, styleOf, type StyleContext } from './style.js';
import type { FoundText } from './texts.js';
import type { Note, Obj, Shot } from './types.js';

/** The stores' limit of screenshots per set (App Store and Google Play: 10 per device type and locale). */
export const MAX_PER_SET = 10;

interface SlideTexts {
  slide: Record<string, unknown>;
  preset: string;
  perLocale: Record<string, { title?: FoundText; keyword?: FoundText; shot: Shot }>;
}

export interface SlideInput {
  ff: Framefile;
  shots: Shot[];
  locales: string[];
  presets: string[];
  globalStyle: Style;
  styles: StyleContext;
  note: Note;
  root: string;
  isLocaleFilter: (d: Obj) => boolean;
  matchPath: (abs: string) => string;
  textFor: (kind: 'title' | 'keyword', shot: Shot, c: Obj) => FoundText | undefined;
}

export function buildSlides(inp: SlideInput): { slides: Array<Record<string, unknown>>; strings?: string[] } {
  const { ff, shots, locales, presets, styles, note } = inp;
  const screens = [...new Set(shots.map((s) => s.screen))].sort();
  const family = (ref: string) => PRESETS.find((p) => p.id === ref.split('@')[0])!.device;
  const familyUnique = new Set(presets.map(family)).size === presets.length;
  const usedIds = new Set<string>();
  let texts: SlideTexts[] = [];
  for (const screen of screens) {
    for (const preset of presets) {
      const group = shots.filter((s) => s.screen === screen && s.preset === preset);
      if (group.length === 0) continue;
      let id = slug(
        presets.length > 1
          ? `${screen}-${familyUnique ? family(preset) : preset.split('.')[1]!.replace('@', '-')}`
          : screen,
      );
      for (let n = 2; usedIds.has(id); n++) id = `${id.slice(0, 36)}-${n}`;
      usedIds.add(id);
      const first = group[0]!;
      const missing = locales.filter((l) => !group.some((s) => s.locale === l));
      if (missing.length)
        note(
          'import.skipped',
          `${first.rest} has no screenshot in ${missing.join(', ')}; add one there (storeshots needs one per locale)`,
        );
      const rests = new Set(group.map((s) => s.rest));
      if (rests.size > 1)
        note(
          'import.approximated',
          `"${screen}" is named differently per locale (${[...rests].slice(0, 2).join(', ')} ...); the manifest uses ${first.rest}: rename the others or set the slide's screenshot by hand`,
        );
      const slide: Record<string, unknown> = { id, screenshot: `${styles.rel(inp.root)}/{locale}/${first.rest}` };
      if (presets.length > 1) slide.presets = [preset];
      const slideStyle = diffStyle(
        styleOf(styles, configFor(ff.cfg, inp.matchPath(first.abs), inp.isLocaleFilter), first.size),
        inp.globalStyle,
      );
      for (const s of group.slice(1)) {
        if (
          JSON.stringify(
            diffStyle(
              styleOf(styles, configFor(ff.cfg, inp.matchPath(s.abs), inp.isLocaleFilter), s.size),
              inp.globalStyle,
            ),
          ) !== JSON.stringify(slideStyle)
        ) {
          note(
            'import.approximated',
            `a data filter applies to ${first.rest} in some locales only; the ${first.locale} settings were used for every locale`,
          );
          break;
        }
      }
      if (Object.keys(slideStyle).length) slide.style = slideStyle;
      const perLocale: SlideTexts['perLocale'] = {};
      for (const s of group) {
        const c = configFor(ff.cfg, inp.matchPath(s.abs));
        perLocale[s.locale] = { title: inp.textFor('title', s, c), keyword: inp.textFor('keyword', s, c), shot: s };
      }
      texts.push({ slide, preset, perLocale });
    }
  }

  // The stores cap each set (one device type in one locale), not the manifest: count per preset.
  const kept: SlideTexts[] = [];
  for (const preset of presets) {
    const mine = texts.filter((t) => t.preset === preset);
    for (const t of mine.slice(MAX_PER_SET))
      note(
        'import.skipped',
        `slide ${String(t.slide.id)}: a ${preset} set holds at most ${MAX_PER_SET} screenshots; left out`,
      );
  }
  const countOf = new Map<string, number>();
  for (const t of texts) {
    const n = (countOf.get(t.preset) ?? 0) + 1;
    countOf.set(t.preset, n);
    if (n <= MAX_PER_SET) kept.push(t);
  }
  texts = kept;

  reportUntitled(texts, note);
  const strings = writeHeadlines(texts, locales, styles.rel);
  return { slides: texts.map((t) => t.slide), ...(strings ? { strings } : {}) };
}

/** Where frameit draws no title (none found, or a blank one): one finding per screenshot. */
function reportUntitled(texts: SlideTexts[], note: Note): void {
  for (const t of texts) {
    const entries = Object.entries(t.perLocale);
    const anyText = entries.some(([, x]) => (x.title && !x.title.blank) || (x.keyword && !x.keyword.blank));
    for (const [loc, x] of entries) {
      const where = `${x.shot.folder}/${x.shot.rest}`;
      if (!x.title && !x.keyword) {
        note(
          'import.approximated',
          anyText
            ? `${where} has no title text: frameit draws none there; its headline is left empty in ${loc} (never another locale's text)`
            : `${where} has no title text: frameit draws none; storeshots renders it without a headline`,
        );
      } else if ((!x.title || x.title.blank) && (!x.keyword || x.keyword.blank)) {
        const src = x.title?.file ? ` in ${path.basename(x.title.file)}:${x.title.line}` : '';
        note(
          'import.approximated',
          `${where}: the title is blank (${JSON.stringify(x.title?.text ?? x.keyword?.text)}${src}): frameit draws no title; the headline stays empty in ${loc}`,
        );
      }
    }
  }
}

/**
 * Headlines: keys into title.strings when every text is a plain title from one file pattern and
 * every locale of every screen has one, else inline texts per locale (a keyword and a title
 * become one headline with the keyword highlighted; no title is an empty headline). Returns
 * the strings patterns in key mode.
 */
function writeHeadlines(texts: SlideTexts[], locales: string[], rel: (abs: string) => string): string[] | undefined {
  const anyKeyword = texts.some((t) => Object.values(t.perLocale).some((x) => x.keyword));
  const patterns = new Set<string>();
  let keyMode = !anyKeyword;
  for (const t of texts) {
    const keys = new Set<string>();
    const entries = Object.values(t.perLocale);
    // A screen titled in some locales only: a key would show another locale's text (or fail) where frameit draws none.
    if (entries.some((x) => x.title) && entries.some((x) => !x.title)) keyMode = false;
    for (const x of entries) {
      if (!x.title) continue;
      if (x.title.key === undefined || x.title.file === undefined) {
        keyMode = false;
        continue;
      }
      keys.add(x.title.key);
      patterns.add(
        rel(x.title.file)
          .split('/')
          .map((seg) => (seg === x.shot.folder ? '{locale}' : seg))
          .join('/'),
      );
    }
    if (keys.size > 1) keyMode = false;
  }
  if (patterns.size !== 1 || ![...patterns][0]!.includes('{locale}')) keyMode = false;
  for (const t of texts) {
    const entries = Object.entries(t.perLocale);
    if (entries.every(([, x]) => !x.title && !x.keyword)) continue;
    if (keyMode) {
      const key = entries.find(([, x]) => x.title?.key)?.[1].title?.key;
      if (key) t.slide.headline = { key };
      continue;
    }
    const map: Record<string, string> = {};
    for (const loc of locales) {
      const x = t.perLocale[loc];
      if (!x) continue;
      const kw = x.keyword?.text.trim();
      const title = x.title?.text.trim();
      map[loc] = kw && title ? `**${kw}** ${title}` : kw ? `**${kw}**` : (title ?? '');
    }
    if (Object.values(map).every((v) => v === '')) continue;
    t.slide.headline = map;
    // Put id, headline, screenshot first for readability.
    const { id, headline, ...rest } = t.slide;
    for (const k of Object.keys(t.slide)) delete t.slide[k];
    Object.assign(t.slide, { id, headline, ...rest });
  }
  return keyMode ? [...patterns] : undefined;
}

function slug(s: string): string {
  const out = s
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 40);
  return /^[a-z0-9]/.test(out) ? out : `s${out}`.slice(0, 40);
}
