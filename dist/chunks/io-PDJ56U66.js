import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  processIO
} from "./chunk-57522EJV.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/cli/io.ts
init_define_globalThis_STORESHOTS_NATIVES();
export {
  processIO
};
