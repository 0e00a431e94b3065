import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/util/errors.ts
init_define_globalThis_STORESHOTS_NATIVES();
function formatProblem(p) {
  const where = p.at ? `${p.at.file}:${p.at.line}:${p.at.column}: ` : "";
  return `${where}${p.severity}: ${p.message}`;
}
var UserError = class extends Error {
  problems;
  exitCode;
  constructor(problems, exitCode = 2) {
    const list = typeof problems === "string" ? [{ severity: "error", message: problems }] : problems;
    super(list.map(formatProblem).join("\n"));
    this.name = "UserError";
    this.problems = list;
    this.exitCode = exitCode;
  }
};
var RenderError = class extends Error {
  exitCode = 3;
  constructor(message, options) {
    super(message, options);
    this.name = "RenderError";
  }
};
function describeValue(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
function expected(what, field, value) {
  return `Expected ${what} for ${field} but received ${describeValue(value)}`;
}
function errorMessage(e) {
  if (e instanceof Error) return e.message;
  if (typeof e === "object" && e !== null && typeof e.message === "string")
    return e.message;
  return String(e);
}
function oneLineMessage(e) {
  return e instanceof UserError ? e.problems.map((p) => p.message).join("; ") : errorMessage(e);
}
function fsErrorReason(e) {
  const code = e?.code;
  if (code === "ENOENT") return "no such file (a broken symbolic link?)";
  if (code === "ELOOP") return "symbolic link loop";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOTDIR") return "not a folder";
  if (code === "EISDIR") return "it is a folder";
  return errorMessage(e);
}

export {
  formatProblem,
  UserError,
  RenderError,
  describeValue,
  expected,
  errorMessage,
  oneLineMessage,
  fsErrorReason
};
