// The Action's inputs (action.yml), parsed once into a typed object. Empty means unset;
// booleans and numbers are checked, never coerced; every problem is listed in one error.
import { UserError, expected, type Problem } from '../util/errors.js';
import type { OutputLayout } from '../plan/types.js';
import type { FailOn } from '../outcome.js';

export const INPUT = {
  manifest: 'manifest',
  mode: 'mode',
  locales: 'locales',
  presets: 'presets',
  slides: 'slides',
  shard: 'shard',
  outputDir: 'output-dir',
  layout: 'layout',
  failOn: 'fail-on',
  uploadArtifact: 'upload-artifact',
  artifactName: 'artifact-name',
  overwrite: 'overwrite',
  retentionDays: 'retention-days',
  comment: 'comment',
  diffBase: 'diff-base',
  commentHeader: 'comment-header',
  previewImages: 'preview-images',
  previewBranch: 'preview-branch',
  releasePr: 'release-pr',
  /** Deprecated name of release-pr (read when release-pr is left at auto). */
  pullRequest: 'pull-request',
  prBranch: 'pr-branch',
  prBase: 'pr-base',
  prPath: 'pr-path',
  prTitle: 'pr-title',
  prLabels: 'pr-labels',
  githubToken: 'github-token',
  apiUrl: 'api-url',
  apiKey: 'api-key',
  webhookSecret: 'webhook-secret',
  wait: 'wait',
  timeout: 'timeout',
} as const;

/**
 * artifact: the latest successful run of this workflow on the base branch, else the base commit
 * rendered here; render: always the base commit rendered here; none: no comparison.
 */
export const DIFF_BASES = ['artifact', 'render', 'none'] as const;
export type DiffBase = (typeof DIFF_BASES)[number];

export const MODES = ['local', 'remote', 'collect', 'comment', 'merge', 'upload'] as const;
export type Mode = (typeof MODES)[number];

export interface ActionInputs {
  manifest?: string;
  mode: Mode;
  locales: string[];
  presets: string[];
  slides: string[];
  shard?: string;
  outputDir?: string;
  layout?: OutputLayout;
  failOn: FailOn;
  uploadArtifact: boolean;
  /** As given; a shard suffix is added by the artifact step when the name was not given. */
  artifactName: string;
  artifactNameGiven: boolean;
  /** Delete this run's artifact of the same name before uploading (a re-run uploads again). */
  overwrite: boolean;
  /** Passed to GitHub as given; the toolkit caps it at the repository's maximum (GITHUB_RETENTION_DAYS). */
  retentionDays?: number;
  comment: boolean;
  /** comment: changes-only: no comment while nothing differs from the base set. */
  commentChangesOnly: boolean;
  /** Where the base set of a pull request comes from (input diff-base). */
  diffBase: DiffBase;
  commentHeader: string;
  previewImages: boolean;
  previewBranch: string;
  /** The release pull request (input release-pr, formerly pull-request). */
  releasePr: 'auto' | boolean;
  prBranch: string;
  prBase?: string;
  prPath: string;
  prTitle: string;
  prLabels: string[];
  githubToken?: string;
  remote: {
    apiUrl?: string;
    apiKey?: string;
    webhookSecret?: string;
    wait: 'poll' | 'dispatch';
    timeoutMinutes: number;
  };
  /** Warnings about deprecated inputs that were used, for the log. */
  deprecations: string[];
}

/** Reads one input's raw text (core.getInput in the Action, a map in tests). */
export type InputReader = (name: string) => string;

export const DEFAULTS = {
  artifactName: 'storeshots',
  previewBranch: 'storeshots-previews',
  prBranch: 'storeshots/screenshots',
  prTitle: 'Update store screenshots',
  timeoutMinutes: 30,
} as const;

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
// Git refuses these in branch names (git check-ref-format); checked early so the API call never fails late.
const BAD_BRANCH = /(^[./-])|\.\.|[\s~^:?*[\\]|@\{|\/\/|\.lock$|\/$|\.$/;

export function parseInputs(read: InputReader): ActionInputs {
  const problems: Problem[] = [];
  const bad = (what: string, name: string, value: unknown) =>
    problems.push({ severity: 'error', field: name, message: expected(what, `input ${name}`, value) });
  const str = (name: string): string | undefined => {
    const v = read(name).trim();
    return v === '' ? undefined : v;
  };
  const list = (name: string): string[] =>
    (str(name) ?? '')
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
  const bool = (name: string, dflt: boolean, what = 'true or false'): boolean => {
    const v = str(name);
    if (v === undefined) return dflt;
    if (TRUE.includes(v)) return true;
    if (FALSE.includes(v)) return false;
    bad(what, name, v);
    return dflt;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], dflt: T | undefined): T | undefined => {
    const v = str(name);
    if (v === undefined) return dflt;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    bad(`one of ${allowed.join(', ')}`, name, v);
    return dflt;
  };
  const int = (name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined => {
    const v = str(name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      bad(
        max === Number.MAX_SAFE_INTEGER ? `a whole number of ${min} or more` : `a whole number from ${min} to ${max}`,
        name,
        v,
      );
      return undefined;
    }
    return Number(v);
  };
  const branch = (name: string, dflt: string | undefined): string | undefined => {
    const v = str(name) ?? dflt;
    if (v !== undefined && BAD_BRANCH.test(v)) bad('a valid git branch name', name, v);
    return v;
  };

  const shard = str(INPUT.shard);
  if (shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(shard);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2]) || Number(m[2]) > 256)
      bad('a shard "i/n" with 1 <= i <= n <= 256', INPUT.shard, shard);
  }
  const autoBool = (name: string): 'auto' | boolean | undefined => {
    const v = str(name);
    if (v === undefined) return undefined;
    if (v === 'auto') return 'auto';
    if (TRUE.includes(v)) return true;
    if (FALSE.includes(v)) return false;
    bad('auto, true or false', name, v);
    return undefined;
  };
  const deprecations: string[] = [];
  const oldPr = autoBool(INPUT.pullRequest);
  let releasePr = autoBool(INPUT.releasePr) ?? 'auto';
  if (oldPr !== undefined) {
    deprecations.push(
      `Input ${INPUT.pullRequest} is deprecated: it is now ${INPUT.releasePr} (it toggles the release pull request, not the preview comment).`,
    );
    // release-pr left at its default: the old name still decides.
    if (releasePr === 'auto') releasePr = oldPr;
    else if (oldPr !== 'auto' && oldPr !== releasePr)
      bad(
        `the same value as input ${INPUT.releasePr} (${String(releasePr)}), or only one of the two`,
        INPUT.pullRequest,
        str(INPUT.pullRequest),
      );
  }
  const commentChangesOnly = str(INPUT.comment) === 'changes-only';
  const apiUrl = str(INPUT.apiUrl);
  if (apiUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(apiUrl)) bad('an http(s) URL', INPUT.apiUrl, apiUrl);
  const artifactName = str(INPUT.artifactName);
  // The artifact service refuses these characters in names (actions/toolkit path-and-artifact-name-validation).
  if (artifactName !== undefined && /["\\:<>|*?\r\n/]/.test(artifactName))
    bad('an artifact name without " : < > | * ? \\ / or line breaks', INPUT.artifactName, artifactName);
  const prPath = (str(INPUT.prPath) ?? '').replace(/^\.?\/+|\/+$/g, '').replace(/^\.$/, '');
  if (prPath.split('/').some((seg) => seg === '..')) bad('a folder inside the repository', INPUT.prPath, prPath);

  const inputs: ActionInputs = {
    manifest: str(INPUT.manifest),
    mode: oneOf(INPUT.mode, MODES, 'local')!,
    locales: list(INPUT.locales),
    presets: list(INPUT.presets),
    slides: list(INPUT.slides),
    shard,
    outputDir: str(INPUT.outputDir),
    layout: oneOf<OutputLayout>(INPUT.layout, ['flat', 'fastlane'], undefined),
    failOn: oneOf<FailOn>(INPUT.failOn, ['error', 'warning', 'never'], 'error')!,
    uploadArtifact: bool(INPUT.uploadArtifact, true),
    artifactName: artifactName ?? DEFAULTS.artifactName,
    artifactNameGiven: artifactName !== undefined && artifactName !== DEFAULTS.artifactName,
    overwrite: bool(INPUT.overwrite, true),
    // GitHub caps it at the repository's setting (up to 400 days): passed through, only sanity-checked.
    retentionDays: int(INPUT.retentionDays, 1),
    comment: commentChangesOnly || bool(INPUT.comment, true, 'true, false or changes-only'),
    commentChangesOnly,
    diffBase: oneOf(INPUT.diffBase, DIFF_BASES, 'artifact')!,
    commentHeader: str(INPUT.commentHeader) ?? '',
    previewImages: bool(INPUT.previewImages, true),
    previewBranch: branch(INPUT.previewBranch, DEFAULTS.previewBranch)!,
    releasePr,
    prBranch: branch(INPUT.prBranch, DEFAULTS.prBranch)!,
    prBase: branch(INPUT.prBase, undefined),
    prPath,
    prTitle: str(INPUT.prTitle) ?? DEFAULTS.prTitle,
    prLabels: list(INPUT.prLabels),
    githubToken: str(INPUT.githubToken),
    remote: {
      apiUrl,
      apiKey: str(INPUT.apiKey),
      webhookSecret: str(INPUT.webhookSecret),
      wait: oneOf(INPUT.wait, ['poll', 'dispatch'] as const, 'poll')!,
      timeoutMinutes: int(INPUT.timeout, 1, 360) ?? DEFAULTS.timeoutMinutes,
    },
    deprecations,
  };
  if (problems.length > 0) throw new UserError(problems);
  return inputs;
}
