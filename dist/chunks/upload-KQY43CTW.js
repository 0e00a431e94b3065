import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  credentialSecrets,
  planChanges,
  planMarkdown,
  planText,
  runUpload
} from "./chunk-GZGJCSIM.js";
import {
  defaultTransport
} from "./chunk-FOO2O6NK.js";
import {
  setSecret,
  upsertStickyComment
} from "./chunk-IRF5FVO7.js";
import "./chunk-5MH7TCU2.js";
import "./chunk-RVAQXYCE.js";
import "./chunk-XNFDU3IH.js";
import "./chunk-RCWPSLWT.js";
import "./chunk-UPRCV6JR.js";
import "./chunk-GHZTAVFW.js";
import "./chunk-DC2CIEVD.js";
import "./chunk-7DZ4F3EM.js";
import "./chunk-AWSRQZJB.js";
import "./chunk-6JH44W7O.js";
import {
  UserError,
  expected
} from "./chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/action/modes/upload.ts
init_define_globalThis_STORESHOTS_NATIVES();
var UPLOAD_INPUT = {
  store: "store",
  uploadDir: "upload-dir",
  dryRun: "dry-run",
  bundleId: "bundle-id",
  package: "package",
  appVersion: "app-version",
  ascKeyId: "asc-key-id",
  ascIssuerId: "asc-issuer-id",
  ascPrivateKey: "asc-private-key",
  playServiceAccount: "play-service-account",
  changesNotSentForReview: "changes-not-sent-for-review"
};
var PLAN_COMMENT_HEADER = "storeshots-upload-plan";
function parseUploadInputs(read) {
  const problems = [];
  const str = (n) => {
    const v = read(n).trim();
    return v === "" ? void 0 : v;
  };
  const bool = (n) => {
    const v = str(n);
    if (v === void 0 || ["false", "False", "FALSE"].includes(v)) return false;
    if (["true", "True", "TRUE"].includes(v)) return true;
    problems.push({ severity: "error", field: n, message: expected("true or false", `input ${n}`, v) });
    return false;
  };
  const store = str(UPLOAD_INPUT.store);
  if (store !== "appstore" && store !== "play")
    problems.push({
      severity: "error",
      field: UPLOAD_INPUT.store,
      message: expected("appstore or play (mode: upload needs it)", `input ${UPLOAD_INPUT.store}`, store)
    });
  const out = {
    store,
    dir: str(UPLOAD_INPUT.uploadDir),
    dryRun: bool(UPLOAD_INPUT.dryRun),
    bundleId: str(UPLOAD_INPUT.bundleId),
    packageName: str(UPLOAD_INPUT.package),
    appVersion: str(UPLOAD_INPUT.appVersion),
    ascKeyId: str(UPLOAD_INPUT.ascKeyId),
    ascIssuerId: str(UPLOAD_INPUT.ascIssuerId),
    // Secrets keep their inner whitespace (a .p8 is several lines).
    ascPrivateKey: read(UPLOAD_INPUT.ascPrivateKey).trim() || void 0,
    playServiceAccount: read(UPLOAD_INPUT.playServiceAccount).trim() || void 0,
    changesNotSentForReview: bool(UPLOAD_INPUT.changesNotSentForReview)
  };
  if (problems.length) throw new UserError(problems);
  return out;
}
async function uploadMode(a, read, env, deps = {}) {
  const setSecret2 = deps.setSecret ?? ((s) => setSecret(s));
  const u = parseUploadInputs(read);
  const runEnv = { ...env };
  if (u.ascPrivateKey) runEnv.ASC_PRIVATE_KEY = u.ascPrivateKey;
  if (u.playServiceAccount) runEnv.PLAY_SERVICE_ACCOUNT_JSON = u.playServiceAccount;
  for (const s of credentialSecrets({ cwd: a.ctx.workspace, env: runEnv })) setSecret2(s);
  for (const s of [u.ascKeyId ?? runEnv.ASC_KEY_ID, u.ascIssuerId ?? runEnv.ASC_ISSUER_ID])
    if (s?.trim()) setSecret2(s.trim());
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
    onPlan: u.dryRun ? void 0 : (sets) => a.runner.info(planText(u.store, sets, "Upload plan")),
    transport: deps.transport ?? defaultTransport((l) => a.runner.info(l))
  });
  const heading = r.dryRun ? "Upload plan (dry run, nothing changed)" : r.failures.length ? "Upload (with failures)" : "Uploaded";
  a.runner.info(planText(r.store, r.sets, heading));
  const md = planMarkdown(r.store, r.sets, heading) + (r.failures.length ? `
**Failed:**

${r.failures.map((f) => `- ${f}`).join("\n")}
` : "");
  await a.runner.summary(md);
  a.runner.setOutput("upload-plan", JSON.stringify(r.json));
  a.runner.setOutput("upload-changes", planChanges(r.sets));
  const pr = a.ctx.pullRequest;
  if (pr && a.gh && a.inputs.comment && !a.ctx.fromFork) {
    const note = r.dryRun ? "\n_This is what the upload job will change in the store once approved._\n" : "";
    await upsertStickyComment(
      a.gh,
      { owner: a.ctx.owner, repo: a.ctx.repo, issueNumber: pr.number },
      PLAN_COMMENT_HEADER,
      `${md}${note}`
    );
  }
  if (r.failures.length) {
    a.runner.fail(`storeshots: ${r.failures.length} screenshot(s) did not land:
${r.failures.join("\n")}`);
    return 1;
  }
  return 0;
}
export {
  PLAN_COMMENT_HEADER,
  UPLOAD_INPUT,
  parseUploadInputs,
  uploadMode
};
