// The shapes every stage after rendering shares: report.json (docs/interfaces.md#reportjson) and the renderer's
// layout facts that lint reads (text size, overflow, contrast, glyphs).
import type { Job } from '../plan/types.js';

/** One image in report.json. `path` is relative to the output directory. */
export interface ImageRecord {
  path: string;
  locale: string;
  preset: string;
  slide: string;
  index: number;
  width: number;
  height: number;
  format: 'png' | 'jpeg';
  bytes: number;
  sha256: string;
  cached: boolean;
}

export type Severity = 'error' | 'warning';

/** One lint finding in report.json; every finding cites its rule's source and verified date. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  path?: string;
  locale?: string;
  preset?: string;
  slide?: string;
  source: string;
  verified: string;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the renderer's layout decided for one text block, in output pixels. */
export interface TextLayoutInfo {
  kind: 'headline' | 'subtitle';
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
}

/** The result of rendering one job, before or after it was written. */
export interface RenderedImage {
  job: Job;
  record: ImageRecord;
  /** Absolute path of the written file. */
  file: string;
  text: TextLayoutInfo[];
}

export interface Report {
  version: 1;
  images: ImageRecord[];
  findings: Finding[];
  summary: { images: number; rendered: number; cached: number; errors: number; warnings: number };
  /** Remote mode only: the renders made and the service's own findings (shown, never trusted alone). */
  remote?: { url: string; renders: Array<{ set: string; id: string; status: string }>; findings: Finding[] };
}
