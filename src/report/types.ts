// report.json (docs/interfaces.md#reportjson): its findings and summary. The image records and the renderer's layout
// facts it carries are the renderer's own types (render/types.ts).
import type { ImageRecord } from '../render/types.js';

export type { ImageRecord };

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

export interface Report {
  version: 1;
  images: ImageRecord[];
  findings: Finding[];
  summary: { images: number; rendered: number; cached: number; errors: number; warnings: number };
  /** Remote mode only: the renders made and the service's own findings (shown, never trusted alone). */
  remote?: { url: string; renders: Array<{ set: string; id: string; status: string }>; findings: Finding[] };
}
