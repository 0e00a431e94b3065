#!/usr/bin/env node
import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main
} from "../chunks/chunk-ZI42TZUN.js";
import {
  processIO
} from "../chunks/chunk-57522EJV.js";
import "../chunks/chunk-SHBTYCER.js";
import "../chunks/chunk-MBSEBHBW.js";
import "../chunks/chunk-LACZME72.js";
import "../chunks/chunk-RVAQXYCE.js";
import "../chunks/chunk-SPQIZLHD.js";
import "../chunks/chunk-ISFJUNJG.js";
import "../chunks/chunk-5XU2I224.js";
import "../chunks/chunk-GHZTAVFW.js";
import "../chunks/chunk-CIQUJ7HO.js";
import "../chunks/chunk-DGMAGROP.js";
import "../chunks/chunk-7DZ4F3EM.js";
import "../chunks/chunk-AWSRQZJB.js";
import "../chunks/chunk-6JH44W7O.js";
import "../chunks/chunk-KWPUWPYA.js";
import "../chunks/chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "../chunks/chunk-MMCJ6GSV.js";

// src/server/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
process.exitCode = await main(["serve", ...process.argv.slice(2)], processIO());
