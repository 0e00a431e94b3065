// mode: upload: `storeshots upload` in the Action. Masks every credential first, prints and
// summarises the plan, posts it on the pull request when run on one (the release pull request of
// a two-job release workflow: a human approves the plan before the upload job's environment lets
// it run), then applies it unless dry-run. Inputs of its own are parsed here, not in inputs.ts.
import * as core from '@actions/core';
import { upsertStickyComment } from '../../github/comment.js';
import { credentialSecrets, planChanges, planMarkdown, planText, runUpload } from '../../upload/index.js';
import { defaultTransport } from '../../upload/http.js';
import { UserError, expected, type Problem } from '../../util/errors.js';
import type { Store } from '../../store/presets.js';
import type { ActionEnv } from '../env.js';
import type { InputReader } from '../inputs.js';

export const UPLOAD_INPUT = {
  store: 'store',
  uploadDir: 'upload-dir',
  dryRun: 'dry-run',
  bundleId: 'bundle-id',
  package: 'package',
  appVersion: 'app-version',
  ascKeyId: 'asc-key-id',
  ascIssuerId: 'asc-issuer-id',
  ascPrivateKey: 'asc-private-key',
  playServiceAccount: 'play-service-account',
  changesNotSentForReview: 'changes-not-sent-for-review',
} as const;

export interface UploadInputs {
  store: Store;
  dir?: string;
  dryRun: boolean;
  bundleId?: string;
  packageName?: string;
  appVersion?: string;
  ascKeyId?: string;
  ascIssuerId?: string;
  /** The .p8 text (secrets are text in workflows). */
  ascPrivateKey?: string;
  /** The service account JSON text. */
  playServiceAccount?: string;
  changesNotSentForReview: boolean;
}

export const PLAN_COMMENT_HEADER = 'storeshots-upload-plan';

export function parseUploadInputs(read: InputReader): UploadInputs {
  const problems: Problem[] = [];
  const str = (n: string) => {
    const v = read(n).trim();
    return v === '' ? undefined : v;
  };
  const bool = (n: string) => {
    const v = str(n);
    if (v === undefined || ['false', 'False', 'FALSE'].includes(v)) return false;
    if (['true', 'True', 'TRUE'].includes(v)) return true;
    problems.push({ severity: 'error', field: n, message: expected('true or false', `input ${n}`, v) });
    return false;
  };
  const store = str(UPLOAD_INPUT.store);
  if (store !== 'appstore' && store !== 'play')
    problems.push({
      severity: 'error',
      field: UPLOAD_INPUT.store,
      message: expected('appstore or play (mode: upload needs it)', `input ${UPLOAD_INPUT.store}`, store),
    });
  const out: UploadInputs = {
    store: store as Store,
    dir: str(UPLOAD_INPUT.uploadDir),
    dryRun: bool(UPLOAD_INPUT.dryRun),
    bundleId: str(UPLOAD_INPUT.bundleId),
    packageName: str(UPLOAD_INPUT.package),
    appVersion: str(UPLOAD_INPUT.appVersion),
    ascKeyId: str(UPLOAD_INPUT.ascKeyId),
    ascIssuerId: str(UPLOAD_INPUT.ascIssuerId),
    // Secrets keep their inner whitespace (a .p8 is several lines).
    ascPrivateKey: read(UPLOAD_INPUT.ascPrivateKey).trim() || undefined,
    playServiceAccount: read(UPLOAD_INPUT.playServiceAccount).trim() || undefined,
    changesNotSentForReview: bool(UPLOAD_INPUT.changesNotSentForReview),
  };
  if (problems.length) throw new UserError(problems);
  return out;
}

export async function uploadMode(
  a: ActionEnv,
  read: InputReader,
  env: NodeJS.ProcessEnv,
  deps: { setSecret?: (s: string) => void; transport?: Parameters<typeof runUpload>[0]['transport'] } = {},
): Promise<number> {
  const setSecret = deps.setSecret ?? ((s: string) => core.setSecret(s));
  const u = parseUploadInputs(read);
  // Inputs win over the environment; both are masked before anything can print them.
  const runEnv: NodeJS.ProcessEnv = { ...env };
  if (u.ascPrivateKey) runEnv.ASC_PRIVATE_KEY = u.ascPrivateKey;
  if (u.playServiceAccount) runEnv.PLAY_SERVICE_ACCOUNT_JSON = u.playServiceAccount;
  for (const s of credentialSecrets({ cwd: a.ctx.workspace, env: runEnv })) setSecret(s);
  for (const s of [u.ascKeyId ?? runEnv.ASC_KEY_ID, u.ascIssuerId ?? runEnv.ASC_ISSUER_ID])
    if (s?.trim()) setSecret(s.trim());

  const r = await runUpload({
    cwd: a.ctx.workspace,
    env: runEnv,
    dir: u.dir ?? a.inputs.outputDir,
    store: u.store,
    dryRun: u.dryRun,
    config: a.inputs.manifest,
    bundleId: u.bundleId,
    packageName: u.packageName,
    version: u.appVersion,
    locales: a.inputs.locales,
    ascKeyId: u.ascKeyId,
    ascIssuerId: u.ascIssuerId,
    changesNotSentForReview: u.changesNotSentForReview,
    onPlan: u.dryRun ? undefined : (sets) => a.runner.info(planText(u.store, sets, 'Upload plan')),
    transport: deps.transport ?? defaultTransport((l) => a.runner.info(l)),
  });
  const heading = r.dryRun
    ? 'Upload plan (dry run, nothing changed)'
    : r.failures.length
      ? 'Upload (with failures)'
      : 'Uploaded';
  a.runner.info(planText(r.store, r.sets, heading));
  const md =
    planMarkdown(r.store, r.sets, heading) +
    (r.failures.length ? `\n**Failed:**\n\n${r.failures.map((f) => `- ${f}`).join('\n')}\n` : '');
  await a.runner.summary(md);
  a.runner.setOutput('upload-plan', JSON.stringify(r.json));
  a.runner.setOutput('upload-changes', planChanges(r.sets));
  const pr = a.ctx.pullRequest;
  if (pr && a.gh && a.inputs.comment && !a.ctx.fromFork) {
    const note = r.dryRun ? '\n_This is what the upload job will change in the store once approved._\n' : '';
    await upsertStickyComment(
      a.gh,
      { owner: a.ctx.owner, repo: a.ctx.repo, issueNumber: pr.number },
      PLAN_COMMENT_HEADER,
      `${md}${note}`,
    );
  }
  if (r.failures.length) {
    a.runner.fail(`storeshots: ${r.failures.length} screenshot(s) did not land:\n${r.failures.join('\n')}`);
    return 1;
  }
  return 0;
}
