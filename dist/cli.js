#!/usr/bin/env node
import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunks/chunk-MMCJ6GSV.js";

// src/cli.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/cli/allocator.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { spawn } from "node:child_process";
import os from "node:os";
var ALLOCATOR_ENV = {
  MALLOC_MMAP_THRESHOLD_: String(4 * 1024 * 1024),
  MALLOC_ARENA_MAX: "2"
};
var LEAN_BELOW = 4 * 1024 ** 3;
var RENDERING = /* @__PURE__ */ new Set(["render"]);
function allocatorEnv(argv2, env2, platform = process.platform, glibc = isGlibc(), memory = availableMemory()) {
  if (platform !== "linux" || !glibc) return void 0;
  if (!RENDERING.has(argv2.find((a) => !a.startsWith("-")) ?? "")) return void 0;
  if (env2.STORESHOTS_ALLOCATOR === "default" || env2.STORESHOTS_ALLOCATOR === "set") return void 0;
  if (Object.keys(ALLOCATOR_ENV).some((k) => env2[k] !== void 0)) return void 0;
  if (env2.STORESHOTS_ALLOCATOR !== "lean" && memory >= LEAN_BELOW) return void 0;
  return { ...env2, ...ALLOCATOR_ENV, STORESHOTS_ALLOCATOR: "set" };
}
function availableMemory() {
  const limit = process.constrainedMemory?.() ?? 0;
  return limit > 0 ? Math.min(limit, os.totalmem()) : os.totalmem();
}
function isGlibc() {
  const header = process.report?.getReport()?.header;
  return typeof header?.glibcVersionRuntime === "string";
}
function restartWith(env2) {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env: env2 });
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  const forward = (s) => child.kill(s);
  for (const s of signals) process.on(s, forward);
  return new Promise((resolve) => {
    child.on("error", () => {
      for (const s of signals) process.off(s, forward);
      resolve(void 0);
    });
    child.on("exit", (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? 128 + (signal === "SIGINT" ? 2 : signal === "SIGHUP" ? 1 : 15));
    });
  });
}

// src/cli.ts
var argv = process.argv.slice(2);
var env = allocatorEnv(argv, process.env);
var restarted = env ? await restartWith(env) : void 0;
if (restarted !== void 0) process.exitCode = restarted;
else {
  const [{ main }, { processIO }] = await Promise.all([import("./chunks/main-7YI7AYVG.js"), import("./chunks/io-PDJ56U66.js")]);
  process.exitCode = await main(argv, processIO());
}
