#!/usr/bin/env node
import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main,
  processIO
} from "../chunks/chunk-Y5DGW3R3.js";
import "../chunks/chunk-OW5R4HVF.js";
import "../chunks/chunk-5SN6RKSX.js";
import "../chunks/chunk-JYYVDF6J.js";
import "../chunks/chunk-CC5MEXPT.js";
import "../chunks/chunk-AOBWJSJ3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "../chunks/chunk-MMCJ6GSV.js";

// src/server/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
process.exitCode = await main(["serve", ...process.argv.slice(2)], processIO());
