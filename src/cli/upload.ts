// `storeshots upload [DIR] --store appstore|play [--dry-run] [--json]`: the plan first (a table per
// locale and display type, or the --json shape of issue #22), then the upload unless --dry-run.
// Exit codes: 0 done (or planned), 2 usage or credentials, 3 the store refused or an asset failed.
import { appendFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import type { CliIO } from './io.js';
import { UserError } from '../util/errors.js';
import { type CliContext, type OptionsOf, configOption, jsonOption, localeOption, storeOption } from './options.js';

const declare = (program: Command) =>
  program
    .command('upload')
    .description(
      'Upload a rendered set to App Store Connect or Google Play: only what changed, with the plan printed first',
    )
    .argument(
      '[dir]',
      "the render's output folder (report.json) or a fastlane folder (default: output.dir of the manifest, else storeshots-out)",
    )
    .addOption(storeOption('which store').makeOptionMandatory())
    .option('--dry-run', 'print the plan against what is live and change nothing')
    .addOption(jsonOption('print the plan as JSON'))
    .addOption(configOption('manifest to read app.bundle-id / app.package from'))
    .option('--bundle-id <id>', 'App Store bundle id (default: app.bundle-id of the manifest)')
    .option('--package <name>', 'Play package name (default: app.package of the manifest)')
    .option('--app-version <version>', 'App Store version to edit (default: the one that can be edited)')
    .addOption(localeOption())
    .option('--asc-key-id <id>', 'App Store Connect API key id (default: $ASC_KEY_ID)')
    .option('--asc-issuer-id <id>', 'App Store Connect issuer id (default: $ASC_ISSUER_ID)')
    .option('--asc-private-key <file>', 'the AuthKey_<id>.p8 file (default: the text in $ASC_PRIVATE_KEY)')
    .option(
      '--play-service-account <file>',
      'Play service account key JSON (default: the text in $PLAY_SERVICE_ACCOUNT_JSON)',
    )
    .option(
      '--changes-not-sent-for-review',
      'Play: commit with changesNotSentForReview (send for review from Play Console)',
    )
    .option('--ignore-lint', 'upload even images whose report.json has lint errors');

export type UploadCliOptions = OptionsOf<typeof declare>;

export function registerUpload(program: Command, cli: CliContext): void {
  declare(program).action(async (dir, opts) => cli.done(await uploadCommand(dir, opts, cli.io)));
}

export async function uploadCommand(dir: string | undefined, opts: UploadCliOptions, io: CliIO): Promise<number> {
  if (!opts.store) throw new UserError('upload needs --store appstore or --store play');
  // Loaded on demand, like serve: the store clients are not needed by the other commands.
  const { planChanges, planMarkdown, planText, runUpload } = await import('../upload/index.js');
  const { defaultTransport } = await import('../upload/http.js');
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
    if (!r.dryRun && !r.failures.length)
      io.stdout(
        `${planChanges(r.sets) ? 'Done: the store now matches' : 'Nothing to change: the store already matches'} ${r.dir}\n`,
      );
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
