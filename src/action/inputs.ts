// The Action's inputs (action.yml), parsed once into a typed object. Empty means unset;
// booleans and numbers are checked, never coerced; every problem is listed in one error.
import { UserError, expected, type Problem } from '../util/errors.js';
import type { OutputLayout } from '../plan/types.js';

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
  retentionDays: 'retention-days',
  comment: 'comment',
  commentHeader: 'comment-header',
  previewImages: 'preview-images',
  previewBranch: 'preview-branch',
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

export const MODES = ['local', 'remote', 'collect', 'comment', 'merge', 'upload'] as const;
export type Mode = (typeof MODES)[number];
export type FailOn = 'error' | 'warning' | 'never';

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
  retentionDays?: number;
  comment: boolean;
  commentHeader: string;
  previewImages: boolean;
  previewBranch: string;
  pullRequest: 'auto' | boolean;
  prBranch: string;
  prBase?: string;
  prPath: string;
  prTitle: string;
  prLabels: string[];
  githubToken?: string;
  remote: { apiUrl?: string; apiKey?: string; webhookSecret?: string; wait: 'poll' | 'dispatch'; timeoutMinutes: number };
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
  const bool = (name: string, dflt: boolean): boolean => {
    const v = str(name);
    if (v === undefined) return dflt;
    if (TRUE.includes(v)) return true;
    if (FALSE.includes(v)) return false;
    bad('true or false', name, v);
    return dflt;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], dflt: T | undefined): T | undefined => {
    const v = str(name);
    if (v === undefined) return dflt;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    bad(`one of ${allowed.join(', ')}`, name, v);
    return dflt;
  };
  const int = (name: string, min: number, max: number): number | undefined => {
    const v = str(name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      bad(`a whole number from ${min} to ${max}`, name, v);
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
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2]) || Number(m[2]) > 256) bad('a shard "i/n" with 1 <= i <= n <= 256', INPUT.shard, shard);
  }
  const pr = str(INPUT.pullRequest);
  let pullRequest: 'auto' | boolean = 'auto';
  if (pr !== undefined && pr !== 'auto') {
    if (TRUE.includes(pr)) pullRequest = true;
    else if (FALSE.includes(pr)) pullRequest = false;
    else bad('auto, true or false', INPUT.pullRequest, pr);
  }
  const apiUrl = str(INPUT.apiUrl);
  if (apiUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(apiUrl)) bad('an http(s) URL', INPUT.apiUrl, apiUrl);
  const artifactName = str(INPUT.artifactName);
  // The artifact service refuses these characters in names (actions/toolkit path-and-artifact-name-validation).
  if (artifactName !== undefined && /["\\:<>|*?\r\n/]/.test(artifactName)) bad('an artifact name without " : < > | * ? \\ / or line breaks', INPUT.artifactName, artifactName);
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
    retentionDays: int(INPUT.retentionDays, 1, 90),
    comment: bool(INPUT.comment, true),
    commentHeader: str(INPUT.commentHeader) ?? '',
    previewImages: bool(INPUT.previewImages, true),
    previewBranch: branch(INPUT.previewBranch, DEFAULTS.previewBranch)!,
    pullRequest,
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
  };
  if (problems.length > 0) throw new UserError(problems);
  return inputs;
}
