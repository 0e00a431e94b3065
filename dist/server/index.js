#!/usr/bin/env node
import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main,
  processIO
} from "../chunks/chunk-QO2HGLJN.js";
import "../chunks/chunk-RPBITCA2.js";
import "../chunks/chunk-ZWBIKY72.js";
import "../chunks/chunk-JDMGTDAA.js";
import "../chunks/chunk-37EGEWGG.js";
import "../chunks/chunk-JYYVDF6J.js";
import "../chunks/chunk-7WOH3M4E.js";
import "../chunks/chunk-WPITPYSA.js";
import "../chunks/chunk-AOBWJSJ3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "../chunks/chunk-MMCJ6GSV.js";

// src/server/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
process.exitCode = await main(["serve", ...process.argv.slice(2)], processIO());
