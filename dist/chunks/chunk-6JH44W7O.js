import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/util/hash.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
function sha256(data, encoding = "hex") {
  return createHash("sha256").update(data).digest(encoding);
}
function sha256File(file) {
  const h = createHash("sha256");
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest("hex");
}

export {
  sha256,
  sha256File
};
