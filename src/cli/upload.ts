// `storeshots upload [DIR] --store appstore|play [--dry-run] [--json]`: the plan first (a table per
// locale and display type, or the --json shape of issue #22), then the upload unless --dry-run.
// Exit codes: 0 done (or planned), 2 usage or credentials, 3 the store refused or an asset failed.
import { appendFileSync } from 'node:fs';
import type { CliIO } from './io.js';
import { planChanges, planMarkdown, planText, runUpload } from '../upload/index.js';
import { defaultTransport } from '../upload/http.js';
import { UserError } from '../util/errors.js';
import type { Store } from '../store/presets.js';

export interface UploadCliOptions {
  store?: Store;
  dryRun?: boolean;
  json?: boolean;
  config?: string;
  bundleId?: string;
  package?: string;
  appVersion?: string;
  locale?: string[];
  ascKeyId?: string;
  ascIssuerId?: string;
  ascPrivateKey?: string;
  playServiceAccount?: string;
  changesNotSentForReview?: boolean;
  ignoreLint?: boolean;
}

export async function uploadCommand(dir: string | undefined, opts: UploadCliOptions, io: CliIO): Promise<number> {
  if (!opts.store) throw new UserError('upload needs --store appstore or --store play');
  const r = await runUpload({
    cwd: io.cwd,
    env: io.env,
    dir,
    store: opts.store,
    dryRun: opts.dryRun,
    config: opts.config,
    bundleId: opts.bundleId,
    packageName: opts.package,
    version: opts.appVersion,
    locales: opts.locale,
    ascKeyId: opts.ascKeyId,
    ascIssuerId: opts.ascIssuerId,
    ascPrivateKey: opts.ascPrivateKey,
    playServiceAccount: opts.playServiceAccount,
    changesNotSentForReview: opts.changesNotSentForReview,
    ignoreLint: opts.ignoreLint,
    // Applying: the plan goes out before the first change, so a killed job's log still says what it was doing.
    onPlan: opts.dryRun || opts.json ? undefined : (sets) => io.stdout(planText(opts.store!, sets, 'Upload plan')),
    transport: defaultTransport(opts.json ? () => {} : (line) => io.stderr(`${line}\n`)),
  });
  const heading = r.dryRun ? 'Upload plan (dry run, nothing changed)' : 'Uploaded';
  if (opts.json) {
    io.stdout(`${JSON.stringify(r.dryRun ? r.json : { ...r.json, applied: true, failures: r.failures }, null, 2)}\n`);
  } else {
    if (r.dryRun) io.stdout(planText(r.store, r.sets, heading));
    for (const s of r.skipped) io.stderr(`skipped ${s}\n`);
    if (!r.dryRun && !r.failures.length) io.stdout(`${planChanges(r.sets) ? 'Done: the store now matches' : 'Nothing to change: the store already matches'} ${r.dir}\n`);
  }
  for (const f of r.failures) io.stderr(`error: ${f}\n`);
  if (io.env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(io.env.GITHUB_STEP_SUMMARY, planMarkdown(r.store, r.sets, heading));
    } catch {
      /* a summary that cannot be written does not fail the upload */
    }
  }
  return r.failures.length ? 3 : 0;
}
