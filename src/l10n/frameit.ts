// `storeshots import frameit`: reads a fastlane frameit setup (Framefile.json, the raw
// screenshots snapshot wrote, title.strings / keyword.strings per locale) and builds the
// equivalent storeshots manifest, listing what has no equivalent. Facts about frameit's files
// (config merge order, strings lookup, key matching) follow fastlane's frameit sources.
import { existsSync, openSync, readSync, closeSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Document, isMap, visit } from 'yaml';
import { UserError } from '../util/errors.js';
import type { Position, Style } from '../manifest/types.js';
import { PRESETS, isAcceptedSize, type Preset, type Size } from '../store/presets.js';
import { decodeStringsFile } from './text.js';
import { jsonLineOf, parseJsonText } from './json.js';
import { parseAppleStrings } from './apple-strings.js';

export interface ImportFinding {
  /** import.no-equivalent: dropped; import.approximated: carried over with a different meaning; import.skipped: a screenshot left out. */
  rule: 'import.no-equivalent' | 'import.approximated' | 'import.skipped';
  severity: 'warning';
  message: string;
  at?: Position;
}

export interface FrameitImport {
  framefile: string;
  manifest: Record<string, unknown>;
  yaml: string;
  findings: ImportFinding[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

const CANDIDATES = ['fastlane/screenshots/Framefile.json', 'fastlane/metadata/android/Framefile.json', 'screenshots/Framefile.json', 'metadata/android/Framefile.json', 'Framefile.json'];

/** The Framefile.json of DIR (or DIR itself), else the usual fastlane places under cwd. */
export function findFramefile(dir: string | undefined, cwd: string): string {
  if (dir) {
    const abs = path.resolve(cwd, dir);
    if (existsSync(abs) && statSync(abs).isFile()) return abs;
    for (const c of [path.join(abs, 'Framefile.json'), ...CANDIDATES.map((x) => path.join(abs, x))]) if (existsSync(c)) return c;
    throw new UserError(`No Framefile.json in ${path.relative(cwd, abs) || '.'} (looked in it and in ${CANDIDATES.slice(0, 2).join(', ')})`);
  }
  for (const c of CANDIDATES) if (existsSync(path.join(cwd, c))) return path.join(cwd, c);
  throw new UserError(`No Framefile.json found: looked for ${CANDIDATES.join(', ')}. Pass the folder: storeshots import frameit fastlane/screenshots`);
}

/** Pixel size from a PNG's IHDR chunk, without decoding. */
export function pngSize(file: string): Size | undefined {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(24);
    if (readSync(fd, b, 0, 24, 0) < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('latin1', 12, 16) !== 'IHDR') return undefined;
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  } finally {
    closeSync(fd);
  }
}

const PLAY_FOLDERS: Record<string, string> = {
  phoneScreenshots: 'play.phone', sevenInchScreenshots: 'play.tablet_7', tenInchScreenshots: 'play.tablet_10', tvScreenshots: 'play.tv', wearScreenshots: 'play.wear',
};

// frameit's frame colours (Color.all_colors) to storeshots' device colours.
const FRAME_COLORS: Record<string, string> = {
  BLACK: 'black', SPACE_GRAY: 'black', MIDNIGHT: 'black', JET_BLACK: 'black', GRAPHITE: 'black', SPACE_BLACK: 'black', BLACK_TITANIUM: 'black',
  WHITE: 'white', STARLIGHT: 'white', WHITE_TITANIUM: 'white', SILVER: 'silver', GOLD: 'gold',
  NATURAL_TITANIUM: 'titanium', DESERT_TITANIUM: 'titanium', BLUE_TITANIUM: 'blue', DEEP_BLUE: 'blue', MIST_BLUE: 'blue', BLUE: 'blue', PACIFIC_BLUE: 'blue', SIERRA_BLUE: 'blue',
};

const KNOWN_KEYS = new Set(['filter', 'background', 'title', 'keyword', 'stack_title', 'title_below_image', 'show_complete_frame', 'padding', 'interline_spacing', 'font_scale_factor', 'frame', 'title_min_height', 'use_platform', 'force_device_type', 'offset']);
const TEXT_KEYS = new Set(['color', 'font', 'fonts', 'font_size', 'font_weight', 'text']);

interface Shot {
  abs: string;
  locale: string;
  /** Path below the locale folder. */
  rest: string;
  screen: string;
  preset: string;
  size: Size;
  presetSize?: string;
}

/** frameit's config for one file: default, then every data entry whose filter is in the path (later wins). */
function configFor(cfg: Obj, file: string, skip: (entry: Obj) => boolean = () => false): Obj {
  const layers = [isObj(cfg.default) ? cfg.default : {}];
  for (const d of Array.isArray(cfg.data) ? cfg.data : []) if (isObj(d) && typeof d.filter === 'string' && file.includes(d.filter) && !skip(d)) layers.push(d);
  return deepMerge(...layers);
}

function deepMerge(...layers: Obj[]): Obj {
  const out: Obj = {};
  for (const l of layers) for (const [k, v] of Object.entries(l)) out[k] = isObj(v) && isObj(out[k]) ? deepMerge(out[k] as Obj, v) : v;
  return out;
}

export function importFrameit(framefile: string, manifestDir: string, cwd = process.cwd()): FrameitImport {
  const root = path.dirname(framefile);
  const shown = path.relative(cwd, framefile) || framefile;
  const text = decodeStringsFile(readFileSync(framefile), shown);
  const cfg = parseJsonText(text, shown, 'Framefile');
  const at = (keyPath: Array<string | number>): Position => ({ file: shown, ...jsonLineOf(text, keyPath) });
  if (!isObj(cfg)) throw new UserError([{ severity: 'error', message: 'expected a Framefile: an object with "default" and "data"', at: at([]) }]);
  const data = Array.isArray(cfg.data) ? cfg.data : [];
  data.forEach((d, i) => {
    if (!isObj(d) || typeof d.filter !== 'string') throw new UserError([{ severity: 'error', message: `expected an object with a "filter" text at data[${i}]`, at: at(['data', i]) }]);
  });
  const findings: ImportFinding[] = [];
  const note = (rule: ImportFinding['rule'], message: string, keyPath?: Array<string | number>) =>
    findings.push({ rule, severity: 'warning', message, at: keyPath ? at(keyPath) : undefined });
  const rel = (abs: string) => path.relative(manifestDir, abs).split(path.sep).join('/');
  // frameit matches filters and strings keys against the whole path; from the Framefile's parent
  // folder on is enough, and keeps the folders above the project (a temp dir, a home) out of it.
  const matchPath = (abs: string) => path.relative(path.dirname(root), abs);

  // 1. The raw screenshots, by locale folder.
  const shots: Shot[] = [];
  const files = (readdirSync(root, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).sort();
  for (const f of files) {
    if (!/\.png$/i.test(f) || f.includes('_framed.png') || f.includes('device_frames/') || f.includes('.itmsp/')) continue;
    const segs = f.split('/');
    if (segs.length < 2 || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(segs[0]!)) continue;
    const abs = path.join(root, f);
    const base = path.basename(f).replace(/\.png$/i, '');
    const android = segs.length >= 4 && segs[1] === 'images' && PLAY_FOLDERS[segs[2]!] !== undefined;
    const dash = deviceDash(base);
    const device = android ? segs[2]! : dash > 0 ? base.slice(0, dash) : '';
    const screen = android ? base.replace(/_\d{10,}$/, '') : dash > 0 ? base.slice(dash + 1) : base;
    if (/watch/i.test(device)) {
      note('import.skipped', `${f}: Apple Watch screenshots are not framed by frameit either; left out`);
      continue;
    }
    const size = pngSize(abs);
    if (!size) {
      note('import.skipped', `${f}: not a readable PNG; left out`);
      continue;
    }
    let preset: string | undefined;
    let presetSize: string | undefined;
    if (android) {
      preset = PLAY_FOLDERS[segs[2]!]!;
      const p = PRESETS.find((x) => x.id === preset)!;
      if (size.width !== p.size.width || size.height !== p.size.height) presetSize = `${size.width}x${size.height}`;
    } else {
      const landscape = size.width > size.height;
      const portrait = landscape ? { width: size.height, height: size.width } : size;
      const p: Preset | undefined = PRESETS.find((x) => x.store === 'appstore' && (landscape ? x.rotatable && isAcceptedSize(x, portrait) : isAcceptedSize(x, size)));
      if (p) {
        preset = landscape && p.orientation === 'portrait' ? `${p.id}@landscape` : p.id;
        if (portrait.width !== p.size.width || portrait.height !== p.size.height) presetSize = `${portrait.width}x${portrait.height}`;
      }
    }
    if (!preset) {
      note('import.skipped', `${f}: no store preset takes ${size.width}x${size.height} (storeshots renders at store sizes); left out`);
      continue;
    }
    shots.push({ abs, locale: segs[0]!, rest: segs.slice(1).join('/'), screen, preset, size, presetSize });
  }
  if (shots.length === 0) throw new UserError(`No screenshots found under ${path.relative(cwd, root) || '.'}: frameit setups keep them in <locale>/ folders next to Framefile.json (iOS) or in <locale>/images/phoneScreenshots/ (Android)`);

  const locales = [...new Set(shots.map((s) => s.locale))].sort((a, b) => (a === 'en-US' ? -1 : b === 'en-US' ? 1 : a.localeCompare(b)));
  const presetOrder = [...new Set(PRESETS.flatMap((p) => [p.id, `${p.id}@landscape`]))];
  const presets = [...new Set(shots.map((s) => s.preset))].sort((a, b) => presetOrder.indexOf(a) - presetOrder.indexOf(b));
  const sizeOf = new Map<string, string | undefined>();
  for (const s of shots) if (!sizeOf.has(s.preset) || s.presetSize === undefined) sizeOf.set(s.preset, s.presetSize);

  // 2. Framefile keys storeshots cannot carry, reported once where they are written.
  const scan = (layer: unknown, keyPath: Array<string | number>) => {
    if (!isObj(layer)) return;
    for (const [k, v] of Object.entries(layer)) {
      const kp = [...keyPath, k];
      if (!KNOWN_KEYS.has(k)) note('import.no-equivalent', `"${k}" is not a frameit key storeshots knows; not carried over`, kp);
      else if (k === 'title_min_height') note('import.no-equivalent', `title_min_height ${JSON.stringify(v)}: storeshots sizes the text area from the text itself; not carried over`, kp);
      else if (k === 'use_platform') note('import.no-equivalent', `use_platform ${JSON.stringify(v)}: storeshots picks each preset's device from the store preset; not carried over`, kp);
      else if (k === 'force_device_type') note('import.no-equivalent', `force_device_type ${JSON.stringify(v)}: storeshots draws its own frame per preset (set style.device.frame to a frame PNG for a specific model); not carried over`, kp);
      else if (k === 'offset') note('import.no-equivalent', 'offset (Mac screenshot position): storeshots lays Mac screenshots out itself; not carried over', kp);
      else if (k === 'show_complete_frame' && v !== true) note('import.approximated', 'show_complete_frame false: storeshots always shows the complete device', kp);
      else if (k === 'interline_spacing') note('import.approximated', `interline_spacing ${JSON.stringify(v)} px became a line-height ratio`, kp);
      else if (k === 'stack_title' && v === true) note('import.approximated', 'stack_title: keyword and title are joined into one headline (the keyword highlighted) that wraps on its own', kp);
      else if (k === 'padding' && typeof v === 'string' && /x/.test(v)) note('import.approximated', `padding ${JSON.stringify(v)}: storeshots has one margin; the horizontal part was used`, kp);
      else if (k === 'frame' && typeof v === 'string' && !FRAME_COLORS[v]) note('import.no-equivalent', `frame ${JSON.stringify(v)}: no matching device colour; not carried over`, kp);
      else if (k === 'title' || k === 'keyword') {
        if (!isObj(v)) continue;
        for (const [tk, tv] of Object.entries(v)) {
          if (!TEXT_KEYS.has(tk)) note('import.no-equivalent', `"${k}.${tk}" is not a frameit key storeshots knows; not carried over`, [...kp, tk]);
          else if (k === 'keyword' && (tk === 'font' || tk === 'fonts' || tk === 'font_size' || tk === 'font_weight')) {
            const titleV = isObj(layer.title) ? layer.title[tk] : isObj(isObj(cfg.default) ? cfg.default.title : undefined) ? ((cfg.default as Obj).title as Obj)[tk] : undefined;
            if (JSON.stringify(titleV) !== JSON.stringify(tv)) note('import.approximated', `keyword.${tk}: storeshots sets the keyword in the headline's type and gives it only its own colour`, [...kp, tk]);
          }
        }
      }
    }
  };
  if (cfg.device_frame_version !== undefined) note('import.no-equivalent', `device_frame_version ${JSON.stringify(cfg.device_frame_version)}: storeshots ships its own device frames; not carried over`, ['device_frame_version']);
  scan(cfg.default, ['default']);
  data.forEach((d, i) => scan(d, ['data', i]));

  // 3. Style from a merged config (pure: findings were made above).
  const fontsUsed: string[] = [];
  const fileRef = (p: unknown, keyPath: string): string | undefined => {
    if (typeof p !== 'string') return undefined;
    const abs = path.resolve(root, p);
    if (!existsSync(abs)) {
      if (!findings.some((x) => x.message.startsWith(`${keyPath} `))) note('import.no-equivalent', `${keyPath} ${JSON.stringify(p)}: file not found; not carried over`);
      return undefined;
    }
    return rel(abs);
  };
  const styleOf = (c: Obj, size: Size): Style => {
    const st: Style = {};
    const title = isObj(c.title) ? c.title : {};
    const keyword = isObj(c.keyword) ? c.keyword : {};
    const bg = fileRef(c.background, 'background');
    if (bg) st.background = { image: bg, fit: 'cover' };
    st.layout = c.title_below_image === true ? 'text-bottom' : 'text-top';
    const pad = paddingFraction(c.padding, size);
    if (pad !== undefined) st.padding = pad;
    if (typeof c.frame === 'string' && FRAME_COLORS[c.frame]) st.device = { color: FRAME_COLORS[c.frame] };
    const h: NonNullable<Style['headline']> = {};
    if (typeof title.color === 'string') h.color = title.color;
    if (typeof keyword.color === 'string' && keyword.color !== title.color) h.accent = keyword.color;
    const font = fileRef(title.font ?? keyword.font, 'title.font');
    if (font) {
      h.font = font;
      if (!fontsUsed.includes(font)) fontsUsed.push(font);
    }
    if (typeof title.font_weight === 'number') h.weight = Math.min(900, Math.max(100, Math.round(title.font_weight / 100) * 100));
    let px: number | undefined;
    if (typeof title.font_size === 'number' && title.font_size > 0) {
      h.size = title.font_size;
      px = title.font_size;
    } else if (typeof c.font_scale_factor === 'number' && c.font_scale_factor > 0) {
      h.size = c.font_scale_factor;
      px = c.font_scale_factor * size.width;
    }
    if (typeof c.interline_spacing === 'number' && c.interline_spacing > 0) {
      const lh = 1.15 + c.interline_spacing / (px ?? 0.085 * size.width);
      h['line-height'] = Math.min(3, Math.round(lh * 100) / 100);
    }
    if (Object.keys(h).length) st.headline = h;
    return st;
  };

  // Filters that name a locale folder become locale-style.
  const isLocaleFilter = (d: Obj) => typeof d.filter === 'string' && locales.includes(d.filter.replace(/^\/|\/$/g, ''));
  // Pixel values (padding, sizes) become fractions of the first preset's width.
  const sampleSize = (shots.find((s) => s.preset === presets[0]) ?? shots[0]!).size;
  const globalStyle = styleOf(configFor({ default: cfg.default }, ''), sampleSize);
  const localeStyle: Record<string, Style> = {};
  for (const d of data as Obj[]) {
    if (!isLocaleFilter(d)) continue;
    const loc = (d.filter as string).replace(/^\/|\/$/g, '');
    const { filter: _f, ...rest } = d;
    const diff = diffStyle(styleOf(deepMerge(isObj(cfg.default) ? cfg.default : {}, rest), sampleSize), globalStyle);
    if (Object.keys(diff).length) localeStyle[loc] = diff;
  }
  // Per-locale fonts (title.fonts with "supported" locales).
  const fontsList = isObj(isObj(cfg.default) ? cfg.default.title : undefined) ? (((cfg.default as Obj).title as Obj).fonts as unknown) : undefined;
  if (Array.isArray(fontsList)) {
    fontsList.forEach((f, i) => {
      if (!isObj(f)) return;
      const font = fileRef(f.font, `default.title.fonts[${i}].font`);
      if (!font) return;
      if (!fontsUsed.includes(font)) fontsUsed.push(font);
      const supported = Array.isArray(f.supported) ? (f.supported as unknown[]).filter((x): x is string => typeof x === 'string') : undefined;
      if (!supported) {
        globalStyle.headline = { ...globalStyle.headline, font };
        return;
      }
      for (const loc of supported) {
        const ls = (localeStyle[loc] ??= {});
        ls.headline = { ...ls.headline, font };
      }
    });
  }

  // 4. Texts: title.strings / keyword.strings next to the screenshot, its parent or grandparent.
  const tables = new Map<string, Array<[string, string]> | null>();
  const stringsFor = (name: string, shot: string): { file: string; entries: Array<[string, string]> } | undefined => {
    let dir = path.dirname(shot);
    for (let up = 0; up < 3; up++, dir = path.dirname(dir)) {
      const f = path.join(dir, name);
      if (!tables.has(f)) {
        if (!existsSync(f)) tables.set(f, null);
        else {
          const shownF = path.relative(cwd, f) || f;
          const parsed = parseAppleStrings(decodeStringsFile(readFileSync(f), shownF), { file: shownF, locale: '', perLocale: true });
          tables.set(f, Object.entries(parsed.values));
        }
      }
      const t = tables.get(f);
      if (t) return { file: f, entries: t };
      if (path.relative(root, dir) === '') break;
    }
    return undefined;
  };
  const textFor = (kind: 'title' | 'keyword', shot: Shot, c: Obj) => {
    const s = stringsFor(`${kind}.strings`, shot.abs);
    const hit = s?.entries.find(([k]) => matchPath(shot.abs).toLowerCase().includes(k.toLowerCase()));
    if (hit && hit[1] !== '') return { text: hit[1], key: hit[0], file: s!.file };
    const block = c[kind];
    const t = isObj(block) && typeof block.text === 'string' ? block.text.replace(/\\n/g, '\n') : undefined;
    return t ? { text: t } : undefined;
  };

  // 5. Slides: one per screen (and per preset when there are several devices).
  const screens = [...new Set(shots.map((s) => s.screen))].sort();
  const family = (ref: string) => PRESETS.find((p) => p.id === ref.split('@')[0])!.device;
  const familyUnique = new Set(presets.map(family)).size === presets.length;
  const slides: Array<Record<string, unknown>> = [];
  const usedIds = new Set<string>();
  const texts: Array<{ slide: Record<string, unknown>; perLocale: Record<string, { title?: ReturnType<typeof textFor>; keyword?: ReturnType<typeof textFor> }> }> = [];
  for (const screen of screens) {
    for (const preset of presets) {
      const group = shots.filter((s) => s.screen === screen && s.preset === preset);
      if (group.length === 0) continue;
      let id = slug(presets.length > 1 ? `${screen}-${familyUnique ? family(preset) : preset.split('.')[1]!.replace('@', '-')}` : screen);
      for (let n = 2; usedIds.has(id); n++) id = `${id.slice(0, 36)}-${n}`;
      usedIds.add(id);
      const first = group[0]!;
      const missing = locales.filter((l) => !group.some((s) => s.locale === l));
      if (missing.length) note('import.skipped', `${first.rest} has no screenshot in ${missing.join(', ')}; add one there (storeshots needs one per locale)`);
      const rests = new Set(group.map((s) => s.rest));
      if (rests.size > 1) note('import.approximated', `"${screen}" is named differently per locale (${[...rests].slice(0, 2).join(', ')} ...); the manifest uses ${first.rest}: rename the others or set the slide's screenshot by hand`);
      const slide: Record<string, unknown> = { id, screenshot: `${rel(root)}/{locale}/${first.rest}` };
      if (presets.length > 1) slide.presets = [preset];
      const slideStyle = diffStyle(styleOf(configFor(cfg, matchPath(first.abs), isLocaleFilter), first.size), globalStyle);
      for (const s of group.slice(1)) {
        if (JSON.stringify(diffStyle(styleOf(configFor(cfg, matchPath(s.abs), isLocaleFilter), s.size), globalStyle)) !== JSON.stringify(slideStyle)) {
          note('import.approximated', `a data filter applies to ${first.rest} in some locales only; the ${first.locale} settings were used for every locale`);
          break;
        }
      }
      if (Object.keys(slideStyle).length) slide.style = slideStyle;
      const perLocale: (typeof texts)[number]['perLocale'] = {};
      for (const s of group) {
        const c = configFor(cfg, matchPath(s.abs));
        perLocale[s.locale] = { title: textFor('title', s, c), keyword: textFor('keyword', s, c) };
        if (!perLocale[s.locale]!.title && !perLocale[s.locale]!.keyword) {
          note('import.approximated', `${s.locale}/${s.rest} has no title text: frameit skips it; storeshots renders it without a headline`);
        }
      }
      slides.push(slide);
      texts.push({ slide, perLocale });
    }
  }
  if (slides.length > 10) {
    for (const s of slides.slice(10)) note('import.skipped', `slide ${String(s.id)}: a manifest holds at most 10 slides; left out`);
    slides.length = 10;
    texts.length = 10;
  }

  // Headlines: keys into title.strings when every text is a plain title from one file pattern,
  // else inline texts (a keyword and a title become one headline with the keyword highlighted).
  const anyKeyword = texts.some((t) => Object.values(t.perLocale).some((x) => x.keyword));
  const patterns = new Set<string>();
  let keyMode = !anyKeyword;
  for (const t of texts) {
    const keys = new Set<string>();
    for (const [loc, x] of Object.entries(t.perLocale)) {
      if (!x.title || x.title.key === undefined || x.title.file === undefined) {
        if (x.title) keyMode = false;
        continue;
      }
      keys.add(x.title.key);
      const r = rel(x.title.file);
      patterns.add(r.split('/').map((seg) => (seg === loc ? '{locale}' : seg)).join('/'));
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
      const h = kw && title ? `**${kw}** ${title}` : kw ? `**${kw}**` : title;
      if (h) map[loc] = h;
    }
    t.slide.headline = map;
    // Put id, headline, screenshot first for readability.
    const { id, headline, ...rest } = t.slide;
    for (const k of Object.keys(t.slide)) delete t.slide[k];
    Object.assign(t.slide, { id, headline, ...rest });
  }

  const manifest: Record<string, unknown> = {
    version: 1,
    locales,
    presets: presets.map((p) => (sizeOf.get(p) ? { id: p, size: sizeOf.get(p) } : p)),
    theme: 'aurora',
    style: globalStyle,
  };
  if (Object.keys(localeStyle).length) manifest['locale-style'] = localeStyle;
  if (fontsUsed.length) manifest.fonts = fontsUsed;
  manifest.slides = slides;
  if (keyMode) manifest.strings = [...patterns];
  manifest['fallback-locale'] = locales.includes('en-US') ? 'en-US' : locales[0];
  manifest.output = { dir: 'storeshots-out', format: 'png', layout: 'fastlane' };
  return { framefile, manifest, findings, yaml: toYaml(manifest, findings, rel(framefile)) };
}

/**
 * Where snapshot's "<device name>-<screen>" splits: the first dash outside parentheses that is
 * not part of a size such as "13-inch" ("iPad Pro (12.9-inch) (6th generation)-01Home").
 */
function deviceDash(base: string): number {
  let depth = 0;
  for (let i = 0; i < base.length; i++) {
    const c = base[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '-' && depth === 0 && !/^-inch/i.test(base.slice(i))) return i;
  }
  return -1;
}

function paddingFraction(p: unknown, size: Size): number | undefined {
  const one = (s: string): number | undefined => {
    const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(s.trim());
    if (!m) return undefined;
    return m[2] ? (Number(m[1]) / 100) * (Math.min(size.width, size.height) / size.width) : Number(m[1]) / size.width;
  };
  const v = typeof p === 'number' ? p / size.width : typeof p === 'string' ? one(p.split('x')[0]!) : undefined;
  return v === undefined ? undefined : Math.min(0.3, Math.round(v * 1000) / 1000);
}

/** The keys of `a` that differ from `b`, recursively. */
function diffStyle(a: Style, b: Style): Style {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) {
    const w = (b as Record<string, unknown>)[k];
    if (isObj(v) && isObj(w)) {
      const d = diffStyle(v as Style, w as Style);
      if (Object.keys(d).length) out[k] = d;
    } else if (JSON.stringify(v) !== JSON.stringify(w)) out[k] = v;
  }
  return out as Style;
}

function slug(s: string): string {
  const out = s.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+|-+$/g, '').slice(0, 40);
  return /^[a-z0-9]/.test(out) ? out : `s${out}`.slice(0, 40);
}

function toYaml(manifest: Record<string, unknown>, findings: ImportFinding[], framefile: string): string {
  const doc = new Document(manifest);
  const lines = [
    ` Imported from fastlane frameit (${framefile}) by "storeshots import frameit".`,
    ' Check it with "storeshots validate", then "storeshots render".',
  ];
  const group = (rule: ImportFinding['rule'], title: string) => {
    const list = findings.filter((f) => f.rule === rule);
    if (!list.length) return;
    lines.push('', ` ${title}:`);
    for (const f of list) lines.push(`   - ${f.at ? `${path.basename(f.at.file)}:${f.at.line}: ` : ''}${f.message}`);
  };
  group('import.no-equivalent', 'Not carried over (no storeshots equivalent)');
  group('import.approximated', 'Carried over approximately');
  group('import.skipped', 'Left out');
  doc.commentBefore = lines.join('\n');
  // Compact flow style for small maps keeps the file short and readable.
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => !isMap(i))) node.flow = true;
    },
    Pair(_, pair) {
      const key = String((pair.key as { value?: unknown })?.value);
      if (isMap(pair.value) && (key === 'output' || key === 'device' || (key === 'background' && pair.value.items.length <= 2))) pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 120 });
}
