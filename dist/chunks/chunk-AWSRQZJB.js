import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  __commonJS,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/fast-deep-equal/index.js
var require_fast_deep_equal = __commonJS({
  "node_modules/fast-deep-equal/index.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = function equal(a, b) {
      if (a === b) return true;
      if (a && b && typeof a == "object" && typeof b == "object") {
        if (a.constructor !== b.constructor) return false;
        var length, i, keys;
        if (Array.isArray(a)) {
          length = a.length;
          if (length != b.length) return false;
          for (i = length; i-- !== 0; )
            if (!equal(a[i], b[i])) return false;
          return true;
        }
        if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
        if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
        if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();
        keys = Object.keys(a);
        length = keys.length;
        if (length !== Object.keys(b).length) return false;
        for (i = length; i-- !== 0; )
          if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;
        for (i = length; i-- !== 0; ) {
          var key = keys[i];
          if (!equal(a[key], b[key])) return false;
        }
        return true;
      }
      return a !== a && b !== b;
    };
  }
});

// src/util/paths.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
var root;
function packageRoot() {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (; ; ) {
    const pj = path.join(dir, "package.json");
    if (existsSync(pj) && existsSync(path.join(dir, "templates"))) {
      try {
        if (JSON.parse(readFileSync(pj, "utf8")).name === "storeshots") return root = dir;
      } catch {
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error("storeshots: cannot find the package root (templates/ beside package.json)");
    dir = up;
  }
}
function isInside(dir, file, opts = {}) {
  if (dir.includes("\0") || file.includes("\0")) return false;
  const rel = path.relative(path.resolve(dir), path.resolve(file));
  if (rel === "") return opts.self === true;
  return rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
function joinInside(dir, rel) {
  if (typeof rel !== "string" || rel === "" || rel.includes("\0") || path.isAbsolute(rel) || path.win32.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel))
    return void 0;
  const abs = path.resolve(dir, rel);
  return isInside(dir, abs) ? abs : void 0;
}
function isReallyInside(dir, file, opts = {}) {
  let realDir;
  let realFile;
  try {
    realDir = realpathSync(dir);
    realFile = realpathSync(file);
  } catch {
    return false;
  }
  return isInside(realDir, realFile, opts);
}
function resolveInside(baseDir, p, cwd = process.cwd()) {
  if (p.includes("\0")) return void 0;
  const abs = path.resolve(baseDir, p);
  return isInside(baseDir, abs, { self: true }) || isInside(cwd, abs, { self: true }) ? abs : void 0;
}

export {
  require_fast_deep_equal,
  packageRoot,
  isInside,
  joinInside,
  isReallyInside,
  resolveInside
};
