#!/usr/bin/env node
import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main
} from "../chunks/chunk-BZZYII2I.js";
import {
  processIO
} from "../chunks/chunk-57522EJV.js";
import "../chunks/chunk-CHN54P44.js";
import "../chunks/chunk-RDG3ML6E.js";
import "../chunks/chunk-UWVMHXOC.js";
import "../chunks/chunk-RVAQXYCE.js";
import "../chunks/chunk-4PEPYAOP.js";
import "../chunks/chunk-DTAXQ7QY.js";
import "../chunks/chunk-5XU2I224.js";
import "../chunks/chunk-GHZTAVFW.js";
import "../chunks/chunk-KOSUYQKM.js";
import "../chunks/chunk-QNR4RP5L.js";
import "../chunks/chunk-F3XMRVOV.js";
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
