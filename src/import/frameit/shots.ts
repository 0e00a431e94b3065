// Phase 2 of `import frameit`: the raw screenshots snapshot / screengrab wrote, by locale folder,
// each matched to a store preset by its pixel size. Locale folders may be written with "_"
// (de_CH, zh_TW): they become BCP 47 tags (de-CH, zh-TW); a locale a targeted store has no
// code for is left out with the reason. A file name is "<device name>-<screen>" only when the
// part before the dash names a device (list-detail.png is the screen "list-detail").
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';
import { PRESETS, isAcceptedSize, type Preset, type Size } from '../../store/presets.js';
import { storeLocale } from '../../store/locales.js';
import { bcp47FromFolder } from '../../l10n/locales.js';
import type { Note, Shot } from './types.js';
import { pngSize } from '../../util/png.js';

/** Pixel size from a PNG file's IHDR chunk, without decoding. */
export function pngFileSize(file: string): Size | undefined {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(24);
    return pngSize(b.subarray(0, readSync(fd, b, 0, 24, 0)));
  } finally {
    closeSync(fd);
  }
}

const PLAY_FOLDERS: Record<string, string> = {
  phoneScreenshots: 'play.phone',
  sevenInchScreenshots: 'play.tablet_7',
  tenInchScreenshots: 'play.tablet_10',
  tvScreenshots: 'play.tv',
  wearScreenshots: 'play.wear',
};

/** A locale folder as fastlane writes them: en-US, de, zh-Hans, and the underscore forms de_CH, zh_TW. */
const LOCALE_FOLDER = /^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/;

/** Names snapshot gives simulators (and so screenshot prefixes): iPhone 16 Pro Max, iPad Air (5th generation), Apple TV 4K ... */
const DEVICE_NAME = /^(iPhone|iPad|iPod|Apple (TV|Watch|Vision)|Mac|MacBook|iMac)\b/i;

/**
 * Where snapshot's "<device name>-<screen>" splits: the first dash outside parentheses that is
 * not part of a size such as "13-inch" ("iPad Pro (12.9-inch) (6th generation)-01Home"), and
 * only when the part before it names a device; else -1 (the whole name is the screen).
 */
export function deviceDash(base: string): number {
  let depth = 0;
  for (let i = 0; i < base.length; i++) {
    const c = base[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '-' && depth === 0 && !/^-inch/i.test(base.slice(i)))
      return i > 0 && DEVICE_NAME.test(base.slice(0, i)) ? i : -1;
  }
  return -1;
}

export function findShots(root: string, note: Note): Shot[] {
  const shots: Shot[] = [];
  const files = (readdirSync(root, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).sort();
  const folderOf = new Map<string, string>();
  for (const f of files) {
    if (!/\.png$/i.test(f) || f.includes('_framed.png') || f.includes('device_frames/') || f.includes('.itmsp/'))
      continue;
    const segs = f.split('/');
    if (segs.length < 2 || !LOCALE_FOLDER.test(segs[0]!)) continue;
    const folder = segs[0]!;
    const locale = bcp47FromFolder(folder);
    const other = folderOf.get(locale);
    if (other !== undefined && other !== folder) {
      note(
        'import.skipped',
        `${f}: the folders ${other}/ and ${folder}/ are both the locale ${locale}; ${folder}/ was left out (merge them)`,
      );
      continue;
    }
    folderOf.set(locale, folder);
    const abs = path.join(root, f);
    const base = path.basename(f).replace(/\.png$/i, '');
    const android = segs.length >= 4 && segs[1] === 'images' && PLAY_FOLDERS[segs[2]!] !== undefined;
    const dash = android ? -1 : deviceDash(base);
    const device = android ? segs[2]! : dash > 0 ? base.slice(0, dash) : '';
    const screen = android ? base.replace(/_\d{10,}$/, '') : dash > 0 ? base.slice(dash + 1) : base;
    if (/watch/i.test(device)) {
      note('import.skipped', `${f}: Apple Watch screenshots are not framed by frameit either; left out`);
      continue;
    }
    const size = pngFileSize(abs);
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
      const p: Preset | undefined = PRESETS.find(
        (x) =>
          x.store === 'appstore' && (landscape ? x.rotatable && isAcceptedSize(x, portrait) : isAcceptedSize(x, size)),
      );
      if (p) {
        preset = landscape && p.orientation === 'portrait' ? `${p.id}@landscape` : p.id;
        if (portrait.width !== p.size.width || portrait.height !== p.size.height)
          presetSize = `${portrait.width}x${portrait.height}`;
      }
    }
    if (!preset) {
      note(
        'import.skipped',
        `${f}: no store preset takes ${size.width}x${size.height} (storeshots renders at store sizes); left out`,
      );
      continue;
    }
    shots.push({ abs, locale, folder, rest: segs.slice(1).join('/'), screen, preset, size, presetSize });
  }
  return separateScreens(dropUnsupportedLocales(shots, note));
}

const storeOf = (preset: string) => PRESETS.find((p) => p.id === preset.split('@')[0])!.store;
const storeName = (store: string) => (store === 'appstore' ? 'the App Store' : 'Google Play');

/**
 * A manifest's locales must each be a locale of every store it targets: a locale folder one of
 * them has no code for is left out, with the reason, instead of failing validate later.
 */
function dropUnsupportedLocales(shots: Shot[], note: Note): Shot[] {
  const stores = [...new Set(shots.map((s) => storeOf(s.preset)))];
  const out: Shot[] = [];
  const reported = new Set<string>();
  for (const s of shots) {
    const lacking = stores.filter((st) => !storeLocale(st as 'appstore' | 'play', s.locale));
    if (lacking.length === 0) {
      out.push(s);
      continue;
    }
    if (!reported.has(s.folder)) {
      reported.add(s.folder);
      const n = shots.filter((x) => x.folder === s.folder).length;
      const as = s.folder !== s.locale ? ` (as ${s.locale})` : '';
      note(
        'import.skipped',
        `${s.folder}/${as}: ${lacking.map(storeName).join(' and ')} has no such locale, so its ${n} screenshot(s) were left out (rename the folder to a store locale to keep them)`,
      );
    }
  }
  return out;
}

/**
 * Two files of one locale that would land on the same slide (same screen name, same preset)
 * keep their whole file names as screen names instead: no screenshot is dropped or merged.
 */
function separateScreens(shots: Shot[]): Shot[] {
  const key = (s: Shot) => `${s.screen}\n${s.preset}`;
  const clash = new Set<string>();
  const seen = new Set<string>();
  for (const s of shots) {
    const k = `${s.locale}\n${key(s)}`;
    if (seen.has(k)) clash.add(key(s));
    seen.add(k);
  }
  for (const s of shots) if (clash.has(key(s))) s.screen = s.rest.replace(/\.png$/i, '');
  return shots;
}
