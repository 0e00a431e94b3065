import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/version.ts
init_define_globalThis_STORESHOTS_NATIVES();
var VERSION = "0.1.0";

export {
  VERSION
};
