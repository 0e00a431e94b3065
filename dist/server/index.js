#!/usr/bin/env node
import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main,
  processIO
} from "../chunks/chunk-N2F6FRWW.js";
import "../chunks/chunk-UP3TVPAG.js";
import "../chunks/chunk-OPKYCZ6B.js";
import "../chunks/chunk-UG63DOYD.js";
import "../chunks/chunk-CUOYV5OT.js";
import "../chunks/chunk-JR7GTBDW.js";
import "../chunks/chunk-7K6MZS76.js";
import "../chunks/chunk-2M23TAI3.js";
import "../chunks/chunk-AWSRQZJB.js";
import "../chunks/chunk-LMQ7322M.js";
import "../chunks/chunk-5XU2I224.js";
import "../chunks/chunk-XDUCLUHT.js";
import "../chunks/chunk-GO44O5MC.js";
import "../chunks/chunk-GHZTAVFW.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "../chunks/chunk-MMCJ6GSV.js";

// src/server/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
process.exitCode = await main(["serve", ...process.argv.slice(2)], processIO());
