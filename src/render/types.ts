// The renderer's own shapes: what it records about each image it makes (the ImageRecord that
// report.json lists), the layout facts lint reads (text size, overflow, contrast, glyphs), and the
// batches the render threads take. Everything after rendering imports these from here.
import type { MessagePort } from 'node:worker_threads';
import type { Position } from '../manifest/types.js';
import type { Job } from '../plan/types.js';
import type { ImageFacts } from '../lint/header.js';

/** One image in report.json. `path` is relative to the output directory. */
export interface ImageRecord {
  path: string;
  locale: string;
  preset: string;
  slide: string;
  /** With `appearances:`: the image's appearance; `alternate` when it is not the store's (never uploaded). */
  appearance?: string;
  alternate?: boolean;
  index: number;
  width: number;
  height: number;
  format: 'png' | 'jpeg';
  bytes: number;
  sha256: string;
  cached: boolean;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Texts of slides without a device and of social proof (slides.ts); `icon` is never linted. */
export type ContentKind = 'item' | 'icon' | 'stat' | 'stat-label' | 'quote' | 'source' | 'label' | 'rating' | 'award';

/** What the renderer's layout decided for one text block, in output pixels. */
export interface TextLayoutInfo {
  kind: 'headline' | 'subtitle' | Exclude<ContentKind, 'icon'>;
  text: string;
  /** The type size used, px. */
  fontSize: number;
  /** The smallest size the style allows, px (auto-fit never goes below). */
  minFontSize: number;
  /** The size the text would have needed to fit, px; below minFontSize means it did not fit. */
  fitFontSize: number;
  lines: string[];
  /** The box the text had to fit in, and the box its lines actually cover. */
  box: Box;
  inked: Box;
  overflow: boolean;
  /** Text colour and the average colour behind the text box, as #rrggbb. */
  color: string;
  background: string;
  /** Characters no loaded font covers (rendering refuses these; listed for the finding). */
  missingGlyphs: string[];
  /** A call-out is drawn over this text (lint: text.under-callout). */
  underCallout?: boolean;
  /** This slide's text sets its set's shared size (px) below what the other slides would take (`without`). */
  shrinksSet?: { size: number; without: number };
}

/** The result of rendering one job, before or after it was written. */
export interface RenderedImage {
  job: Job;
  record: ImageRecord;
  /** Absolute path of the written file. */
  file: string;
  text: TextLayoutInfo[];
  /** What lint's reader made of these bytes when they were encoded or cached; lint uses it only for bytes with its hash. */
  facts?: ImageFacts;
}

/** What every slide of a (locale, preset) set shares, so the set looks even (layout.ts computes it). */
export interface SetFacts {
  headlineSize?: number;
  subtitleSize?: number;
  /** Tallest text stack of the set at the locked sizes (px), so devices line up across slides. */
  textHeight: number;
  /** One size per kind of content text across the set (slides.ts), like the headline's. */
  content?: Partial<Record<ContentKind, number>>;
  /**
   * The slide whose text sets a shared size below what every other slide of the set would take:
   * its shared size and the size the set would have without it (px), for a warning.
   */
  shrunk?: Array<{ kind: 'headline' | 'subtitle'; slide: string; at: Position; size: number; without: number }>;
}

/** The jobs of one (locale, preset) set and the text facts they share (computed once per set). */
export interface SetOfJobs {
  jobs: Job[];
  facts: SetFacts;
}

/** Work for one render thread (or this thread): jobs, and their sets with the sets' facts. */
export interface BatchTask {
  /** Jobs to render, with their cache keys when the cache is on. */
  jobs: Array<{ job: Job; key?: string }>;
  /** The sets these jobs belong to: every job of each (for panoramic neighbours) and its facts. */
  sets: Record<string, SetOfJobs>;
  /**
   * A set whose facts are not known yet: the batch measures them first (once) and posts them here
   * before it renders, so the caller can hand them to the set's other batches (pool.ts).
   */
  measure?: { set: string; jobs: Job[]; port?: MessagePort };
  /** Written here (atomically) when set; otherwise the bytes come back with each image. */
  outDir?: string;
  cacheDir?: string;
  /** Bytes of decoded screenshots this thread may keep. */
  decodeBudget?: number;
  /** Check each job's glyphs before rendering it (callers that did not check the whole plan first). */
  checkGlyphs?: boolean;
  /** Decode memory the caller granted this task (bytes), counted while it runs (RenderPool.decodeHeld). */
  cost?: number;
}

/** One finished image of a batch: its record (built once, from the bytes), its text layout and, unless written, its bytes. */
export interface BatchImage {
  id: string;
  record: ImageRecord;
  text: TextLayoutInfo[];
  /** lint's facts of the bytes (lint/header.ts), read in the render thread. */
  facts?: ImageFacts;
  bytes?: Uint8Array;
}

export interface BatchResult {
  images: BatchImage[];
  /** The first failure (the rest of the batch is skipped); RenderError kinds cross the thread as data. */
  error?: { message: string; render: boolean; jobId: string };
  /** The facts of BatchTask.measure's set, once measured (also posted to its port before rendering). */
  measured?: SetFacts;
  /** Image decodes this batch made, and decodes it saved by reusing pixels already in memory. */
  decodes: { made: number; reused: number };
  /** Base layers (background and first device body, draw.ts) this batch drew, and those it reused. */
  layers: { made: number; reused: number };
}
