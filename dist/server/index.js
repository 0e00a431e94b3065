#!/usr/bin/env node
import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main
} from "../chunks/chunk-ZZ2YRKLA.js";
import {
  processIO
} from "../chunks/chunk-57522EJV.js";
import "../chunks/chunk-TWKMTFRQ.js";
import "../chunks/chunk-RVAQXYCE.js";
import "../chunks/chunk-HVL7V3JX.js";
import "../chunks/chunk-XNFDU3IH.js";
import "../chunks/chunk-5K7TH37H.js";
import "../chunks/chunk-RCWPSLWT.js";
import "../chunks/chunk-UPRCV6JR.js";
import "../chunks/chunk-GHZTAVFW.js";
import "../chunks/chunk-RGSZKQBU.js";
import "../chunks/chunk-F7KGQOZP.js";
import "../chunks/chunk-KWPUWPYA.js";
import "../chunks/chunk-QNR4RP5L.js";
import "../chunks/chunk-DC2CIEVD.js";
import "../chunks/chunk-7DZ4F3EM.js";
import "../chunks/chunk-OCSBSED2.js";
import "../chunks/chunk-HV66XK6Q.js";
import "../chunks/chunk-AWSRQZJB.js";
import "../chunks/chunk-CZBPMC5E.js";
import "../chunks/chunk-6JH44W7O.js";
import "../chunks/chunk-UONDSRNA.js";
import "../chunks/chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "../chunks/chunk-MMCJ6GSV.js";

// src/server/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
process.exitCode = await main(["serve", ...process.argv.slice(2)], processIO());
