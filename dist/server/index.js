#!/usr/bin/env node
import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main,
  processIO
} from "../chunks/chunk-NBZYJ64O.js";
import "../chunks/chunk-DNDU2AVQ.js";
import "../chunks/chunk-KAZ2PO52.js";
import "../chunks/chunk-ZCJOPZJV.js";
import "../chunks/chunk-5BAKEJ36.js";
import "../chunks/chunk-FM5HTOYB.js";
import "../chunks/chunk-R7LSQTEM.js";
import "../chunks/chunk-QOKUTN7Q.js";
import "../chunks/chunk-JYYVDF6J.js";
import "../chunks/chunk-XPFJBI6R.js";
import "../chunks/chunk-WPITPYSA.js";
import "../chunks/chunk-AOBWJSJ3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "../chunks/chunk-MMCJ6GSV.js";

// src/server/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
process.exitCode = await main(["serve", ...process.argv.slice(2)], processIO());
