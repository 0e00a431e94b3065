// The result of comparing two rendered sets (`storeshots diff`, and later the Action's comment).
// Images are matched by identity (locale, preset, slide), never by path: a set rendered with
// another layout or slide order still lines up. All paths are relative: `path`/`basePath` to the
// head/base folder, the diff images to the --out folder.
import type { Box } from '../render/types.js';

export type { Box };

/** What identifies an image across two renders. */
export interface ImageIdentity {
  locale: string;
  preset: string;
  slide: string;
}

/** An image present on one side only. */
export interface DiffEntry extends ImageIdentity {
  /** Path in its own set (head for added, base for removed). */
  path: string;
  index: number;
  width: number;
  height: number;
  /** With --out: the copy of the image in the --out folder (`after` for added, `before` for removed). */
  before?: string;
  after?: string;
}

/** An image whose bytes differ between base and head. */
export interface ChangedEntry extends ImageIdentity {
  /** Path in the head set. */
  path: string;
  /** Path in the base set, when it is not the same as `path` (another layout or slide order). */
  basePath?: string;
  index: number;
  width: number;
  height: number;
  /** Base size, when it is not the head's. */
  baseWidth?: number;
  baseHeight?: number;
  /** Share of pixels that differ perceptibly (0..1); anti-aliasing alone does not count. */
  score: number;
  /** How many pixels differ perceptibly. */
  pixels: number;
  /** Where they are, in head pixels: boxes around each changed area. */
  regions: Box[];
  /** With --out: files in the --out folder. */
  before?: string;
  after?: string;
  /** The head image faded, changed pixels red, changed areas boxed. */
  diff?: string;
  /** Before and after next to each other, changed areas boxed on both (scaled to at most 1600 px high). */
  sideBySide?: string;
}

export interface DiffResult {
  /** Changes above the threshold; sorted by locale, preset, slide index. */
  changed: ChangedEntry[];
  added: DiffEntry[];
  removed: DiffEntry[];
  /** Images with the same pixels (same sha256, a re-encode, or a difference at or below the threshold). */
  unchanged: number;
  /** The images counted in `unchanged` although their bytes differ: with their (small) score. */
  belowThreshold: ChangedEntry[];
  /** The --threshold used: a score at or below it counts as unchanged. */
  threshold: number;
}

export interface DiffOptions {
  /** A score at or below this counts as unchanged (0..1, default DEFAULT_THRESHOLD). */
  threshold?: number;
  /** Write before/after copies, diff images, diff.json and diff.html here. */
  outDir?: string;
  /** Images compared at once (default 2). */
  concurrency?: number;
}
