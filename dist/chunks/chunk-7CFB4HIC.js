import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  UserError,
  errorMessage
} from "./chunk-GO44O5MC.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/report/read.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { existsSync, readFileSync } from "node:fs";
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

export {
  readReport
};
