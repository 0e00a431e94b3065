// `diffSets(base, head)`: what changed between two rendered sets, image by image, matched by
// (locale, preset, slide). Same sha256 is unchanged without decoding; other bytes are compared
// pixel by pixel and count as changed only above the threshold. With `outDir` the before/after
// copies, diff images, diff.json and diff.html are written into a fresh folder swapped into place,
// so a reader never sees half of them.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError, expected } from '../util/errors.js';
import { isInside } from '../util/paths.js';
import { compareRaw, decodeImage, diffImagePng, sideBySidePng } from './compare.js';
import { renderDiffHtml } from './html.js';
import { identityKey, readImageSet, type SetImage } from './read.js';
import type { ChangedEntry, DiffEntry, DiffOptions, DiffResult } from './types.js';

export type { DiffOptions, DiffResult } from './types.js';
export { formatShare } from './format.js';
export { diffPictures, diffPreviews, pictureKey } from './preview.js';

/**
 * A score at or below this counts as unchanged: 1 pixel in 100,000 (about 38 pixels of a 6.9"
 * iPhone screenshot). Anti-aliasing is already left out by the comparison; this absorbs the few
 * stray pixels a renderer or encoder update moves, while one changed letter is far above it.
 */
export const DEFAULT_THRESHOLD = 0.00001;

/** `--threshold`: a share of pixels (0.001) or a percentage (0.1%). */
export function parseThreshold(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(value);
  const n = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(n >= 0 && n <= 1))
    throw new UserError(expected('a share of pixels from 0 to 1 (or a percentage such as 0.1%)', '--threshold', value));
  return n;
}

/** One line for a person: `3 changed · 0 added · 0 removed · 33 unchanged`. */
export function diffVerdict(r: DiffResult): string {
  const noise = r.belowThreshold.length ? ` (${r.belowThreshold.length} of them differ only below the threshold)` : '';
  return `${r.changed.length} changed · ${r.added.length} added · ${r.removed.length} removed · ${r.unchanged} unchanged${noise}`;
}

/** True when anything changed, was added or removed (`storeshots diff` exits 1). */
export const hasChanges = (r: DiffResult) => r.changed.length + r.added.length + r.removed.length > 0;

/** The shape `--json` prints and diff.json holds. */
export function diffJson(r: DiffResult): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

const order = (a: { locale: string; preset: string; index: number; slide: string }, b: typeof a) =>
  a.locale.localeCompare(b.locale) ||
  a.preset.localeCompare(b.preset) ||
  a.index - b.index ||
  a.slide.localeCompare(b.slide);

const stem = (p: string) => p.replace(/\\/g, '/').replace(/\.[^./]*$/, '');

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
}

function entry(img: SetImage): DiffEntry {
  return {
    locale: img.locale,
    preset: img.preset,
    slide: img.slide,
    path: img.path,
    index: img.index,
    width: img.width,
    height: img.height,
  };
}

/** Checks --out before any work: never inside-out over an input, never over a folder that is not an earlier diff. */
function prepareOut(outDir: string, inputs: string[]): string {
  const out = path.resolve(outDir);
  for (const dir of inputs) {
    if (isInside(out, dir, { self: true }))
      throw new UserError(`--out ${outDir} would replace the set ${dir}: choose another folder`);
  }
  if (existsSync(out) && readdirSync(out).length && !existsSync(path.join(out, 'diff.json'))) {
    throw new UserError(
      `--out ${outDir} is not empty and holds no diff.json: refusing to replace it (choose a new or empty folder)`,
    );
  }
  const stage = `${out}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  mkdirSync(stage, { recursive: true });
  return stage;
}

function publish(stage: string, out: string): void {
  const old = `${out}.old-${process.pid}`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(stage, out);
  rmSync(old, { recursive: true, force: true });
}

export async function diffSets(baseDir: string, headDir: string, opts: DiffOptions = {}): Promise<DiffResult> {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold >= 0 && threshold <= 1))
    throw new UserError(expected('a share of pixels from 0 to 1', 'threshold', threshold));
  const base = readImageSet(baseDir, 'BASE');
  const head = readImageSet(headDir, 'HEAD');
  const out = opts.outDir ? path.resolve(opts.outDir) : undefined;
  const stage = out ? prepareOut(out, [base.dir, head.dir]) : undefined;

  try {
    const result: DiffResult = { changed: [], added: [], removed: [], unchanged: 0, belowThreshold: [], threshold };
    const pairs: Array<[SetImage, SetImage]> = [];
    for (const [key, h] of head.images) {
      const b = base.images.get(key);
      if (!b) result.added.push(entry(h));
      else if (b.sha256 === h.sha256) result.unchanged++;
      else pairs.push([b, h]);
    }
    for (const [key, b] of base.images) if (!head.images.has(key)) result.removed.push(entry(b));

    const copy = (from: string, rel: string) => {
      const to = path.join(stage!, rel);
      mkdirSync(path.dirname(to), { recursive: true });
      copyFileSync(from, to);
      return rel;
    };
    const write = (rel: string, data: Buffer) => {
      mkdirSync(path.dirname(path.join(stage!, rel)), { recursive: true });
      writeFileSync(path.join(stage!, rel), data);
      return rel;
    };

    await pool(pairs, opts.concurrency ?? 2, async ([b, h]) => {
      const [rb, rh] = await Promise.all([decodeImage(b.file), decodeImage(h.file)]);
      const cmp = compareRaw(rb, rh);
      const e: ChangedEntry = {
        locale: h.locale,
        preset: h.preset,
        slide: h.slide,
        path: h.path,
        ...(b.path !== h.path ? { basePath: b.path } : {}),
        index: h.index,
        width: rh.width,
        height: rh.height,
        ...(rb.width !== rh.width || rb.height !== rh.height ? { baseWidth: rb.width, baseHeight: rb.height } : {}),
        score: cmp.score,
        pixels: cmp.pixels,
        regions: cmp.regions,
      };
      if (cmp.score <= threshold) {
        result.unchanged++;
        result.belowThreshold.push(e);
        return;
      }
      if (stage) {
        const s = `changed/${stem(h.path)}`;
        e.before = copy(b.file, `${s}.before${path.extname(b.path)}`);
        e.after = copy(h.file, `${s}.after${path.extname(h.path)}`);
        e.diff = write(`${s}.diff.png`, await diffImagePng(cmp));
        e.sideBySide = write(`${s}.side.png`, await sideBySidePng(rb, rh, cmp.regions));
      }
      result.changed.push(e);
    });
    if (stage) {
      for (const e of result.added)
        e.after = copy(head.images.get(identityKey(e))!.file, `added/${e.path.replace(/\\/g, '/')}`);
      for (const e of result.removed)
        e.before = copy(base.images.get(identityKey(e))!.file, `removed/${e.path.replace(/\\/g, '/')}`);
    }
    for (const list of [result.changed, result.added, result.removed, result.belowThreshold] as Array<
      Array<DiffEntry | ChangedEntry>
    >)
      list.sort(order);

    if (stage && out) {
      writeFileSync(path.join(stage, 'diff.json'), diffJson(result));
      writeFileSync(path.join(stage, 'diff.html'), renderDiffHtml(result, { base: base.dir, head: head.dir }));
      publish(stage, out);
    }
    return result;
  } catch (e) {
    if (stage) rmSync(stage, { recursive: true, force: true });
    throw e;
  }
}
