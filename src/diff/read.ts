// One side of a diff: a folder with report.json and its images (a --out folder, a merged set or a
// downloaded artifact). report.json is read by the one reader (report/read.ts); this adds what a diff relies on:
// each image's identity and sha256 are well-formed, its path stays inside the folder (symlinks
// included), the file is there and its bytes are the ones report.json names.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { readListedImage, readReport } from '../report/read.js';
import type { ImageRecord } from '../report/types.js';
import { UserError, expected } from '../util/errors.js';
import type { ImageIdentity } from './types.js';

export interface SetImage extends ImageIdentity {
  path: string;
  index: number;
  width: number;
  height: number;
  sha256: string;
  /** Absolute file. */
  file: string;
  /** Where it is listed, for messages: `…/report.json images[3]`. */
  where: string;
}

export interface ImageSet {
  dir: string;
  reportFile: string;
  /** By identityKey. */
  images: Map<string, SetImage>;
}

export const identityKey = (i: ImageIdentity) => JSON.stringify([i.locale, i.preset, i.slide]);

/** Reads and checks one set. `label` (BASE or HEAD) names the side in messages. */
export function readImageSet(dir: string, label = 'folder'): ImageSet {
  const abs = path.resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UserError(`${label} ${dir} is not a folder`);
  const report = readReport(abs);
  const reportFile = path.join(abs, 'report.json');
  const images = new Map<string, SetImage>();
  report.images.forEach((raw: ImageRecord, n) => {
    const field = `images[${n}]`;
    const fail = (msg: string): never => {
      throw new UserError(`${reportFile}: ${msg}`);
    };
    if (!raw || typeof raw !== 'object') fail(expected('an image record', field, raw));
    for (const k of ['path', 'locale', 'preset', 'slide'] as const) {
      if (typeof raw[k] !== 'string' || raw[k] === '') fail(expected('a non-empty string', `${field}.${k}`, raw[k]));
    }
    if (typeof raw.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(raw.sha256))
      fail(expected('a sha256 (64 hex digits)', `${field}.sha256`, raw.sha256));
    const listed = readListedImage(abs, raw);
    const at = `${field}.path ${JSON.stringify(raw.path)}`;
    if ('problem' in listed) {
      const file = listed.file;
      fail(
        {
          outside: `${at} leaves the folder ${abs}`,
          missing: `${at} is listed but ${file} does not exist (an incomplete download?)`,
          'link-outside': `${at} leads outside the folder ${abs} (through a symbolic link)`,
          'not-file': `${at}: ${file} is not a file`,
          sha256: `${file} does not match the sha256 of ${field} (a cut download, or a file changed after rendering?)`,
        }[listed.problem],
      );
    }
    const file = (listed as { file: string }).file;
    const key = identityKey(raw);
    const prev = images.get(key);
    if (prev)
      fail(`${field} (${raw.locale}, ${raw.preset}, ${raw.slide}) is listed twice (also ${prev.where}, ${prev.path})`);
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
    images.set(key, {
      locale: raw.locale,
      preset: raw.preset,
      slide: raw.slide,
      path: raw.path,
      index: num(raw.index),
      width: num(raw.width),
      height: num(raw.height),
      sha256: raw.sha256,
      file: file!,
      where: field,
    });
  });
  return { dir: abs, reportFile, images };
}
