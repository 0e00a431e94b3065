#!/usr/bin/env node
import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main,
  processIO
} from "../chunks/chunk-3ZEWL2ZT.js";
import "../chunks/chunk-6EZLDLDN.js";
import "../chunks/chunk-ZO5O67BD.js";
import "../chunks/chunk-FLO2TWZX.js";
import "../chunks/chunk-ZNOECPHJ.js";
import "../chunks/chunk-FM5HTOYB.js";
import "../chunks/chunk-A3FVPRD7.js";
import "../chunks/chunk-QOKUTN7Q.js";
import "../chunks/chunk-JYYVDF6J.js";
import "../chunks/chunk-A52UQDPH.js";
import "../chunks/chunk-Z2HYAA7Q.js";
import "../chunks/chunk-5YWHU2KT.js";
import "../chunks/chunk-AOBWJSJ3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "../chunks/chunk-MMCJ6GSV.js";

// src/server/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
process.exitCode = await main(["serve", ...process.argv.slice(2)], processIO());
