// The rendered set to upload, read the way the rest of storeshots reads it: a render's output
// folder through its report.json (readReport, checked against the sha256 each image was
// written with), or a fastlane tree through the lint collector (deliver's and supply's rules).
// Images come out grouped per store set: (store locale, App Store display type | Play image type).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LISTED_PROBLEM, readListedImage, readReport } from '../report/read.js';
import { collectPaths } from '../lint/collect.js';
import { readImageFacts } from '../lint/header.js';
import { deliverDisplayType } from '../store/facts.js';
import { PSEUDO_LOCALES, storeLocale } from '../store/locales.js';
import { resolvePreset, type Store } from '../store/presets.js';
import { UserError } from '../util/errors.js';
import { sha256 } from '../util/hash.js';
import { isPng } from '../util/png.js';

export interface LocalImage {
  /** Absolute file. */
  file: string;
  /** As shown in the plan: relative to the set's folder. */
  path: string;
  fileName: string;
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
  mime: 'image/png' | 'image/jpeg';
}

export interface LocalSet {
  store: Store;
  /** The store's own locale code (App Store: en-US, ar-SA; Play: en-US, iw-IL). */
  locale: string;
  /** App Store display type (APP_IPHONE_67) or Play image type (phoneScreenshots, featureGraphic). */
  displayType: string;
  images: LocalImage[];
}

export interface ReadSetResult {
  sets: LocalSet[];
  /** Lint errors report.json holds for the images to upload ("path: rule: message"). */
  lintErrors: string[];
  /** Images left out and why (pseudo locales, a locale the store does not list). */
  skipped: string[];
  source: 'report' | 'fastlane';
}

function describe(file: string, shown: string, bytes?: Buffer): LocalImage {
  const b = bytes ?? readFileSync(file);
  const h = (alg: string) => createHash(alg).update(b).digest('hex');
  return {
    file,
    path: shown,
    fileName: path.basename(file),
    size: b.length,
    md5: h('md5'),
    sha1: h('sha1'),
    sha256: sha256(b),
    mime: isPng(b) ? 'image/png' : 'image/jpeg',
  };
}

class Grouper {
  private map = new Map<string, LocalSet & { owners: Set<string> }>();
  add(store: Store, locale: string, displayType: string, owner: string, img: LocalImage): void {
    const key = `${locale}\0${displayType}`;
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = { store, locale, displayType, images: [], owners: new Set() }));
    set.owners.add(owner);
    set.images.push(img);
  }
  done(): LocalSet[] {
    const out: LocalSet[] = [];
    for (const s of this.map.values()) {
      if (s.owners.size > 1) {
        throw new UserError(
          `${[...s.owners].join(' and ')} both map to the ${s.store === 'appstore' ? 'App Store' : 'Play'} set ${s.locale} ${s.displayType}: upload one of them (--locale), or render only one`,
        );
      }
      out.push({ store: s.store, locale: s.locale, displayType: s.displayType, images: s.images });
    }
    return out.sort((a, b) => a.locale.localeCompare(b.locale) || a.displayType.localeCompare(b.displayType));
  }
}

/** Reads DIR (a render's output folder with report.json, or a fastlane tree) for one store. */
export function readLocalSets(dir: string, store: Store, opts: { cwd: string; locales?: string[] }): ReadSetResult {
  const abs = path.resolve(opts.cwd, dir);
  if (!existsSync(abs))
    throw new UserError(`${dir}: no such folder (give the output folder of storeshots render, or a fastlane folder)`);
  const wanted = opts.locales?.length ? new Set(opts.locales.map((l) => l.toLowerCase())) : undefined;
  const take = (manifestLocale: string | undefined, code: string) =>
    !wanted ||
    wanted.has(code.toLowerCase()) ||
    (manifestLocale !== undefined && wanted.has(manifestLocale.toLowerCase()));
  const skipped: string[] = [];
  const lintErrors: string[] = [];
  const g = new Grouper();
  if (existsSync(path.join(abs, 'report.json'))) {
    const report = readReport(abs);
    const ordered = report.images.map((rec, i) => ({ rec, i })).sort((a, b) => a.rec.index - b.rec.index || a.i - b.i);
    for (const { rec } of ordered) {
      const ref = resolvePreset(rec.preset);
      if (!ref)
        throw new UserError(
          `${path.join(dir, 'report.json')}: image ${rec.path} names the unknown preset ${JSON.stringify(rec.preset)}`,
        );
      if (ref.preset.store !== store) continue;
      if (PSEUDO_LOCALES.includes(rec.locale)) {
        skipped.push(`${rec.path}: pseudo-locale renders are for review, never uploaded`);
        continue;
      }
      if (rec.alternate) {
        skipped.push(
          `${rec.path}: the ${rec.appearance} appearance is not the store's (the first of appearances: is uploaded)`,
        );
        continue;
      }
      const code = storeLocale(store, rec.locale);
      if (!code) {
        skipped.push(`${rec.path}: ${rec.locale} is not a ${store === 'appstore' ? 'App Store' : 'Play'} locale`);
        continue;
      }
      if (!take(rec.locale, code)) continue;
      const listed = readListedImage(abs, rec);
      if ('problem' in listed) throw new UserError(`${dir}: ${rec.path} ${LISTED_PROBLEM[listed.problem]}`);
      const img = describe(listed.file, rec.path, listed.bytes);
      const slot = store === 'appstore' ? ref.preset.displayType : ref.preset.playFolder;
      if (!slot)
        throw new UserError(
          `${rec.path}: the preset ${rec.preset} has no ${store === 'appstore' ? 'App Store display type' : 'Play image type'}`,
        );
      g.add(store, code, slot, rec.locale, img);
      for (const f of report.findings)
        if (f.severity === 'error' && f.path === rec.path) lintErrors.push(`${rec.path}: ${f.rule}: ${f.message}`);
    }
    return { sets: g.done(), skipped, lintErrors, source: 'report' };
  }
  const found = collectPaths([abs], { cwd: opts.cwd, store });
  const images = found.images.filter((i) => i.store === store).sort((a, b) => a.path.localeCompare(b.path));
  for (const i of images) {
    if (i.unreadable) throw new UserError(`${i.path}: cannot be read: ${i.unreadable}`);
    const code = i.storeLocale ?? i.locale;
    if (!code || (store === 'appstore' ? !storeLocale('appstore', code) : !storeLocale('play', code))) {
      skipped.push(`${i.path}: not inside a ${store === 'appstore' ? 'App Store' : 'Play'} locale folder`);
      continue;
    }
    const locale = storeLocale(store, code)!;
    if (!take(i.locale, locale)) continue;
    const bytes = readFileSync(i.file);
    let slot: string | undefined;
    if (store === 'appstore') {
      const facts = readImageFacts(bytes);
      slot = deliverDisplayType(facts.width, facts.height, i.path);
      if (!slot)
        throw new UserError(
          `${i.path}: ${facts.width}x${facts.height} is no App Store screenshot size (see storeshots presets)`,
        );
    } else {
      slot = i.preset?.playFolder ?? i.playKind;
    }
    if (!slot) {
      skipped.push(`${i.path}: not in a supply image folder`);
      continue;
    }
    g.add(
      store,
      locale,
      slot,
      i.locale ?? locale,
      describe(i.file, path.relative(abs, i.file).split(path.sep).join('/'), bytes),
    );
  }
  return { sets: g.done(), skipped, lintErrors, source: 'fastlane' };
}
