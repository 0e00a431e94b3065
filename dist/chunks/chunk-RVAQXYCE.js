import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  isReallyInside,
  joinInside
} from "./chunk-AWSRQZJB.js";
import {
  sha256
} from "./chunk-6JH44W7O.js";
import {
  UserError,
  errorMessage
} from "./chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/report/read.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
var REPORT_FILE = "report.json";
function readReport(dir, opts = {}) {
  const file = path.join(dir, REPORT_FILE);
  if (!existsSync(file))
    throw new UserError(
      opts.missing ?? `${dir} has no report.json: is it the output folder of a storeshots render (or a shard's artifact)?`
    );
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UserError(`${file} is not valid JSON (${errorMessage(e)})`);
  }
  if (report?.version !== 1 || !Array.isArray(report.images) || !Array.isArray(report.findings))
    throw new UserError(`${file} is not a storeshots report (version 1 with images and findings)`);
  return report;
}
var LISTED_PROBLEM = {
  outside: "is listed in report.json but missing",
  missing: "is listed in report.json but missing",
  "link-outside": "is listed in report.json but leads outside the folder (through a symbolic link)",
  "not-file": "is listed in report.json but is not a file",
  sha256: "does not match the sha256 in its report.json (changed after the render, or a cut download?)"
};
function readListedImage(dir, rec) {
  const file = joinInside(dir, rec.path);
  if (!file) return { problem: "outside" };
  if (!existsSync(file)) return { problem: "missing", file };
  if (!isReallyInside(dir, file)) return { problem: "link-outside", file };
  if (!statSync(file).isFile()) return { problem: "not-file", file };
  const bytes = readFileSync(file);
  if (sha256(bytes) !== rec.sha256) return { problem: "sha256", file };
  return { file, bytes };
}

export {
  readReport,
  LISTED_PROBLEM,
  readListedImage
};
