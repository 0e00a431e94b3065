import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  defaultTransport,
  planChanges,
  planMarkdown,
  planText,
  runUpload
} from "./chunk-F2DPKW7J.js";
import "./chunk-5MH7TCU2.js";
import "./chunk-ZO5O67BD.js";
import "./chunk-FLO2TWZX.js";
import "./chunk-A3FVPRD7.js";
import "./chunk-QOKUTN7Q.js";
import "./chunk-A52UQDPH.js";
import "./chunk-Z2HYAA7Q.js";
import "./chunk-5YWHU2KT.js";
import {
  UserError
} from "./chunk-AOBWJSJ3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/cli/upload.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { appendFileSync } from "node:fs";
async function uploadCommand(dir, opts, io) {
  if (!opts.store) throw new UserError("upload needs --store appstore or --store play");
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
    onPlan: opts.dryRun || opts.json ? void 0 : (sets) => io.stdout(planText(opts.store, sets, "Upload plan")),
    transport: defaultTransport(opts.json ? () => {
    } : (line) => io.stderr(`${line}
`))
  });
  const heading = r.dryRun ? "Upload plan (dry run, nothing changed)" : "Uploaded";
  if (opts.json) {
    io.stdout(`${JSON.stringify(r.dryRun ? r.json : { ...r.json, applied: true, failures: r.failures }, null, 2)}
`);
  } else {
    if (r.dryRun) io.stdout(planText(r.store, r.sets, heading));
    for (const s of r.skipped) io.stderr(`skipped ${s}
`);
    if (!r.dryRun && !r.failures.length) io.stdout(`${planChanges(r.sets) ? "Done: the store now matches" : "Nothing to change: the store already matches"} ${r.dir}
`);
  }
  for (const f of r.failures) io.stderr(`error: ${f}
`);
  if (io.env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(io.env.GITHUB_STEP_SUMMARY, planMarkdown(r.store, r.sets, heading));
    } catch {
    }
  }
  return r.failures.length ? 3 : 0;
}
export {
  uploadCommand
};
