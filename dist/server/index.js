#!/usr/bin/env node
import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main
} from "../chunks/chunk-7HC2PJYL.js";
import {
  processIO
} from "../chunks/chunk-57522EJV.js";
import "../chunks/chunk-NV3ZZ64K.js";
import "../chunks/chunk-RVAQXYCE.js";
import "../chunks/chunk-E5QA5F2V.js";
import "../chunks/chunk-XNFDU3IH.js";
import "../chunks/chunk-ACT5GROC.js";
import "../chunks/chunk-AGPXA6UN.js";
import "../chunks/chunk-UPRCV6JR.js";
import "../chunks/chunk-GHZTAVFW.js";
import "../chunks/chunk-3NNNRDXY.js";
import "../chunks/chunk-KWPUWPYA.js";
import "../chunks/chunk-QNR4RP5L.js";
import "../chunks/chunk-BSWWEWFP.js";
import "../chunks/chunk-DT4QYPN2.js";
import "../chunks/chunk-AWSRQZJB.js";
import "../chunks/chunk-CZBPMC5E.js";
import "../chunks/chunk-6JH44W7O.js";
import "../chunks/chunk-CVEJL3VF.js";
import "../chunks/chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "../chunks/chunk-MMCJ6GSV.js";

// src/server/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
process.exitCode = await main(["serve", ...process.argv.slice(2)], processIO());
