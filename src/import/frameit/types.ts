// What the frameit importer returns, and the small shapes its phases pass along.
import type { Position } from '../../manifest/types.js';
import type { Size } from '../../store/presets.js';

export interface ImportFinding {
  /** import.no-equivalent: dropped; import.approximated: carried over with a different meaning; import.skipped: a screenshot left out. */
  rule: 'import.no-equivalent' | 'import.approximated' | 'import.skipped';
  severity: 'warning';
  message: string;
  at?: Position;
}

export interface FrameitImport {
  framefile: string;
  manifest: Record<string, unknown>;
  yaml: string;
  findings: ImportFinding[];
}

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** Records a finding; `at` is a key path into the Framefile, or a position in another file. */
export type Note = (rule: ImportFinding['rule'], message: string, at?: Array<string | number> | Position) => void;

/** One raw screenshot of the setup. */
export interface Shot {
  abs: string;
  /** The manifest locale (BCP 47: de-CH for a de_CH folder). */
  locale: string;
  /** The locale folder as written on disk (de_CH). */
  folder: string;
  /** Path below the locale folder. */
  rest: string;
  screen: string;
  preset: string;
  size: Size;
  presetSize?: string;
}
