// Phase 1 of `import frameit`: find and read Framefile.json the way fastlane does (Ruby's JSON
// parser, so comments are allowed), merge its layers per file, and report the keys storeshots
// cannot carry, each at the line that writes it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../util/errors.js';
import type { Position } from '../../manifest/types.js';
import { decodeStringsFile } from '../../l10n/text.js';
import { blankJsonComments, jsonLineOf, parseJsonText } from '../../l10n/json.js';
import { isObj, type Note, type Obj } from './types.js';

const CANDIDATES = [
  'fastlane/screenshots/Framefile.json',
  'fastlane/metadata/android/Framefile.json',
  'screenshots/Framefile.json',
  'metadata/android/Framefile.json',
  'Framefile.json',
];

/** The Framefile.json of DIR (or DIR itself), else the usual fastlane places under cwd. */
export function findFramefile(dir: string | undefined, cwd: string): string {
  if (dir) {
    const abs = path.resolve(cwd, dir);
    if (existsSync(abs) && statSync(abs).isFile()) return abs;
    for (const c of [path.join(abs, 'Framefile.json'), ...CANDIDATES.map((x) => path.join(abs, x))])
      if (existsSync(c)) return c;
    throw new UserError(
      `No Framefile.json in ${path.relative(cwd, abs) || '.'} (looked in it and in ${CANDIDATES.slice(0, 2).join(', ')})`,
    );
  }
  for (const c of CANDIDATES) if (existsSync(path.join(cwd, c))) return path.join(cwd, c);
  throw new UserError(
    `No Framefile.json found: looked for ${CANDIDATES.join(', ')}. Pass the folder: storeshots import frameit fastlane/screenshots`,
  );
}

export interface Framefile {
  cfg: Obj;
  data: Obj[];
  /** Position of a key path in the Framefile. */
  at(keyPath: Array<string | number>): Position;
  /** Lines that hold a comment (fastlane accepts them; strict JSON does not). */
  commentLines: number[];
}

export function readFramefile(framefile: string, shown: string): Framefile {
  const raw = decodeStringsFile(readFileSync(framefile), shown);
  const { text, lines } = blankJsonComments(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);
  const cfg = parseJsonText(text, shown, 'Framefile');
  const at = (keyPath: Array<string | number>): Position => ({ file: shown, ...jsonLineOf(text, keyPath) });
  if (!isObj(cfg))
    throw new UserError([
      { severity: 'error', message: 'expected a Framefile: an object with "default" and "data"', at: at([]) },
    ]);
  const data = Array.isArray(cfg.data) ? cfg.data : [];
  data.forEach((d, i) => {
    if (!isObj(d) || typeof d.filter !== 'string')
      throw new UserError([
        { severity: 'error', message: `expected an object with a "filter" text at data[${i}]`, at: at(['data', i]) },
      ]);
  });
  return { cfg, data: data as Obj[], at, commentLines: lines };
}

/** frameit's config for one file: default, then every data entry whose filter is in the path (later wins). */
export function configFor(cfg: Obj, file: string, skip: (entry: Obj) => boolean = () => false): Obj {
  const layers = [isObj(cfg.default) ? cfg.default : {}];
  for (const d of Array.isArray(cfg.data) ? cfg.data : [])
    if (isObj(d) && typeof d.filter === 'string' && file.includes(d.filter) && !skip(d)) layers.push(d);
  return deepMerge(...layers);
}

export function deepMerge(...layers: Obj[]): Obj {
  const out: Obj = {};
  for (const l of layers)
    for (const [k, v] of Object.entries(l)) out[k] = isObj(v) && isObj(out[k]) ? deepMerge(out[k] as Obj, v) : v;
  return out;
}

// frameit's frame colours (Color.all_colors) to storeshots' device colours.
export const FRAME_COLORS: Record<string, string> = {
  BLACK: 'black',
  SPACE_GRAY: 'black',
  MIDNIGHT: 'black',
  JET_BLACK: 'black',
  GRAPHITE: 'black',
  SPACE_BLACK: 'black',
  BLACK_TITANIUM: 'black',
  WHITE: 'white',
  STARLIGHT: 'white',
  WHITE_TITANIUM: 'white',
  SILVER: 'silver',
  GOLD: 'gold',
  NATURAL_TITANIUM: 'titanium',
  DESERT_TITANIUM: 'titanium',
  BLUE_TITANIUM: 'blue',
  DEEP_BLUE: 'blue',
  MIST_BLUE: 'blue',
  BLUE: 'blue',
  PACIFIC_BLUE: 'blue',
  SIERRA_BLUE: 'blue',
};

const KNOWN_KEYS = new Set([
  'filter',
  'background',
  'title',
  'keyword',
  'stack_title',
  'title_below_image',
  'show_complete_frame',
  'padding',
  'interline_spacing',
  'font_scale_factor',
  'frame',
  'title_min_height',
  'use_platform',
  'force_device_type',
  'offset',
]);
const TEXT_KEYS = new Set(['color', 'font', 'fonts', 'font_size', 'font_weight', 'text']);

/** Framefile keys storeshots cannot carry (or carries differently), reported once where they are written. */
export function scanFramefile(ff: Framefile, note: Note): void {
  const { cfg } = ff;
  if (ff.commentLines.length) {
    note(
      'import.approximated',
      `comments on line(s) ${ff.commentLines.join(', ')}: read as fastlane reads them (Ruby's JSON parser allows comments; strict JSON does not)`,
      { file: ff.at([]).file, line: ff.commentLines[0]!, column: 1 },
    );
  }
  const scan = (layer: unknown, keyPath: Array<string | number>) => {
    if (!isObj(layer)) return;
    for (const [k, v] of Object.entries(layer)) {
      const kp = [...keyPath, k];
      if (!KNOWN_KEYS.has(k))
        note('import.no-equivalent', `"${k}" is not a frameit key storeshots knows; not carried over`, kp);
      else if (k === 'title_min_height')
        note(
          'import.no-equivalent',
          `title_min_height ${JSON.stringify(v)}: storeshots sizes the text area from the text itself; not carried over`,
          kp,
        );
      else if (k === 'use_platform')
        note(
          'import.no-equivalent',
          `use_platform ${JSON.stringify(v)}: storeshots picks each preset's device from the store preset; not carried over`,
          kp,
        );
      else if (k === 'force_device_type')
        note(
          'import.no-equivalent',
          `force_device_type ${JSON.stringify(v)}: storeshots draws its own frame per preset (set style.device.frame to a frame PNG for a specific model); not carried over`,
          kp,
        );
      else if (k === 'offset')
        note(
          'import.no-equivalent',
          'offset (Mac screenshot position): storeshots lays Mac screenshots out itself; not carried over',
          kp,
        );
      else if (k === 'show_complete_frame' && v !== true)
        note('import.approximated', 'show_complete_frame false: storeshots always shows the complete device', kp);
      else if (k === 'interline_spacing')
        note('import.approximated', `interline_spacing ${JSON.stringify(v)} px became a line-height ratio`, kp);
      else if (k === 'stack_title' && v === true)
        note(
          'import.approximated',
          'stack_title: keyword and title are joined into one headline (the keyword highlighted) that wraps on its own',
          kp,
        );
      else if (k === 'padding' && typeof v === 'string' && /x/.test(v))
        note(
          'import.approximated',
          `padding ${JSON.stringify(v)}: storeshots has one margin; the horizontal part was used`,
          kp,
        );
      else if (k === 'frame' && typeof v === 'string' && !FRAME_COLORS[v])
        note('import.no-equivalent', `frame ${JSON.stringify(v)}: no matching device colour; not carried over`, kp);
      else if (k === 'title' || k === 'keyword') {
        if (!isObj(v)) continue;
        for (const [tk, tv] of Object.entries(v)) {
          if (!TEXT_KEYS.has(tk))
            note('import.no-equivalent', `"${k}.${tk}" is not a frameit key storeshots knows; not carried over`, [
              ...kp,
              tk,
            ]);
          else if (k === 'keyword' && (tk === 'font' || tk === 'fonts' || tk === 'font_size' || tk === 'font_weight')) {
            const titleV = isObj(layer.title)
              ? layer.title[tk]
              : isObj(isObj(cfg.default) ? cfg.default.title : undefined)
                ? ((cfg.default as Obj).title as Obj)[tk]
                : undefined;
            if (JSON.stringify(titleV) !== JSON.stringify(tv))
              note(
                'import.approximated',
                `keyword.${tk}: storeshots sets the keyword in the headline's type and gives it only its own colour`,
                [...kp, tk],
              );
          }
        }
      }
    }
  };
  if (cfg.device_frame_version !== undefined)
    note(
      'import.no-equivalent',
      `device_frame_version ${JSON.stringify(cfg.device_frame_version)}: storeshots ships its own device frames; not carried over`,
      ['device_frame_version'],
    );
  scan(cfg.default, ['default']);
  ff.data.forEach((d, i) => scan(d, ['data', i]));
}
