// Small pictures of a diff for places that show images inline (the pull request comment, a job
// summary): per changed image one JPEG strip, before | after | diff at one row height, the changed
// areas boxed. They are read from a diff's --out folder, so diffSets must have had `outDir`. The
// objects fit publishPreviews (src/github/previews.ts) as they are.
import path from 'node:path';
import { sharp } from '../render/native.js';
import type { ChangedEntry, DiffEntry, DiffResult } from './types.js';

export interface StripOptions {
  /** Row height in pixels (default 480). */
  height?: number;
  gap?: number;
  quality?: number;
}

export interface DiffPreview {
  /** `de-DE appstore.iphone_6_9 stats` */
  label: string;
  entry: ChangedEntry;
  content: Buffer;
  ext: 'jpg';
}

/** One strip: the side-by-side (before | after, boxed) and the diff image, scaled to one height. */
export async function diffStrip(outDir: string, e: ChangedEntry, o: StripOptions = {}): Promise<Buffer> {
  if (!e.sideBySide || !e.diff) throw new Error(`${e.path}: no diff images (run diffSets with outDir)`);
  const height = o.height ?? 480;
  const gap = o.gap ?? Math.max(8, Math.round(height / 30));
  const parts = await Promise.all(
    [e.sideBySide, e.diff].map((rel) =>
      sharp()(path.join(outDir, rel))
        .resize({ height })
        .png({ compressionLevel: 0 })
        .toBuffer({ resolveWithObject: true }),
    ),
  );
  const width = parts.reduce((w, p) => w + p.info.width, 0) + gap;
  return sharp()({ create: { width, height, channels: 3, background: { r: 17, g: 24, b: 39 } } })
    .composite([
      { input: parts[0]!.data, left: 0, top: 0 },
      { input: parts[1]!.data, left: parts[0]!.info.width + gap, top: 0 },
    ])
    .jpeg({ quality: o.quality ?? 80, mozjpeg: true })
    .toBuffer();
}

/** Strips for the first `max` changed images (default all), in the result's order. */
export async function diffPreviews(
  outDir: string,
  r: DiffResult,
  o: StripOptions & { max?: number } = {},
): Promise<DiffPreview[]> {
  const list = r.changed.slice(0, o.max ?? r.changed.length);
  const out: DiffPreview[] = [];
  for (const entry of list)
    out.push({
      label: `${entry.locale} ${entry.preset} ${entry.slide}`,
      entry,
      content: await diffStrip(outDir, entry, o),
      ext: 'jpg',
    });
  return out;
}

export type PictureKind = 'changed' | 'added' | 'removed';

/** What a picture shows, as one string: the key markdown looks its published URL up by. */
export const pictureKey = (kind: PictureKind, e: { locale: string; preset: string; slide: string }) =>
  `${kind}:${JSON.stringify([e.locale, e.preset, e.slide])}`;

export interface DiffPicture {
  /** pictureKey(kind, entry) */
  label: string;
  content: Buffer;
  ext: 'jpg';
}

/**
 * The pictures a review shows, at most `max` (default 10): a strip per changed image
 * (before | after | diff), then one thumbnail per added image (its after) and per removed one
 * (its before), in that order. Read from the diff's --out folder.
 */
export async function diffPictures(
  outDir: string,
  r: DiffResult,
  o: StripOptions & { max?: number } = {},
): Promise<DiffPicture[]> {
  const max = o.max ?? 10;
  const height = o.height ?? 480;
  const out: DiffPicture[] = [];
  for (const e of r.changed.slice(0, max))
    out.push({ label: pictureKey('changed', e), content: await diffStrip(outDir, e, o), ext: 'jpg' });
  const thumbs: Array<[PictureKind, DiffEntry]> = [
    ...r.added.map((e) => ['added', e] as [PictureKind, DiffEntry]),
    ...r.removed.map((e) => ['removed', e] as [PictureKind, DiffEntry]),
  ];
  for (const [kind, e] of thumbs.slice(0, Math.max(0, max - out.length))) {
    const rel = kind === 'added' ? e.after : e.before;
    if (!rel) continue;
    const content = await sharp()(path.join(outDir, rel))
      .resize({ height })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: o.quality ?? 80, mozjpeg: true })
      .toBuffer();
    out.push({ label: pictureKey(kind, e), content, ext: 'jpg' });
  }
  return out;
}
