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
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
var ALLOCATOR_ENV = {
  MALLOC_MMAP_THRESHOLD_: String(4 * 1024 * 1024),
  MALLOC_ARENA_MAX: "2"
};
var ARENA_ENV = {
  MALLOC_ARENA_MAX: "2"
};
var LEAN_BELOW = 4 * 1024 ** 3;
var RENDERING = /* @__PURE__ */ new Set(["render"]);
function allocatorEnv(argv2, env2, platform = process.platform, glibc = isGlibc(), memory = availableMemory(), cold = () => coldRun(argv2, process.cwd())) {
  if (platform !== "linux" || !glibc) return void 0;
  if (!RENDERING.has(argv2.find((a) => !a.startsWith("-")) ?? "")) return void 0;
  if (env2.STORESHOTS_ALLOCATOR === "default" || env2.STORESHOTS_ALLOCATOR === "set") return void 0;
  if (Object.keys(ALLOCATOR_ENV).some((k) => env2[k] !== void 0)) return void 0;
  if (env2.STORESHOTS_ALLOCATOR === "lean" || memory < LEAN_BELOW)
    return { ...env2, ...ALLOCATOR_ENV, STORESHOTS_ALLOCATOR: "set" };
  return cold() ? { ...env2, ...ARENA_ENV, STORESHOTS_ALLOCATOR: "set" } : void 0;
}
function coldRun(argv2, cwd) {
  if (argv2.includes("--no-cache")) return true;
  let dir = ".storeshots-cache";
  for (const [i, a] of argv2.entries()) {
    const v = a === "--cache-dir" ? argv2[i + 1] : /^--cache-dir=(.*)$/.exec(a)?.[1];
    if (v) dir = v;
  }
  try {
    return !existsSync(path.resolve(cwd, dir)) || readdirSync(path.resolve(cwd, dir)).length === 0;
  } catch {
    return false;
  }
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
function threadpoolSize(argv2, env2, cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length) {
  if (env2.UV_THREADPOOL_SIZE !== void 0) return void 0;
  if (!RENDERING.has(argv2.find((a) => !a.startsWith("-")) ?? "")) return void 0;
  let jobs = cores;
  for (const [i, a] of argv2.entries()) {
    const v = a === "--jobs" || a === "-j" ? argv2[i + 1] : /^--jobs=(.*)$/.exec(a)?.[1];
    if (v !== void 0 && /^\d+$/.test(v)) jobs = Number(v);
  }
  return String(Math.min(4, Math.max(2, jobs)));
}

// src/cli.ts
var argv = process.argv.slice(2);
var uv = threadpoolSize(argv, process.env);
if (uv) process.env.UV_THREADPOOL_SIZE = uv;
var env = allocatorEnv(argv, process.env);
var restarted = env ? await restartWith(env) : void 0;
if (restarted !== void 0) process.exitCode = restarted;
else {
  const [{ main }, { processIO }] = await Promise.all([import("./chunks/main-HE4SR5NQ.js"), import("./chunks/io-PDJ56U66.js")]);
  process.exitCode = await main(argv, processIO());
}
