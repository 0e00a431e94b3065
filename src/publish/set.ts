// A finished set as every mode hands it to the publishing steps (artifact, summary, comment, PR).
import type { Plan } from '../plan/types.js';
import type { Report } from '../report/types.js';

export interface RenderedSet {
  /** Absolute folder the report's image paths are relative to. */
  outDir: string;
  report: Report;
  reportFile: string;
  /** The plan, when this run built it (local mode): gives findings their manifest lines. */
  plan?: Plan;
  /** Milliseconds per stage, in order, for the summary. */
  timings: Array<[stage: string, ms: number]>;
  /** An artifact that already holds this set (comment mode reads one). */
  artifact?: ArtifactRef;
  /** True when only part of the manifest was rendered (filters or a shard). */
  partial: boolean;
}

export interface ArtifactRef {
  name: string;
  id?: number;
  url?: string;
}

/** Written into the artifact so a later workflow_run can find the pull request it belongs to. */
export const RUN_FILE = 'storeshots-run.json';

export interface RunFile {
  version: 1;
  pullRequest?: { number: number; headSha: string };
  sha: string;
  partial: boolean;
}
