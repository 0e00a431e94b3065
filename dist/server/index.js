#!/usr/bin/env node
import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main
} from "../chunks/chunk-44WGKA2Z.js";
import {
  processIO
} from "../chunks/chunk-57522EJV.js";
import "../chunks/chunk-XHPW4TVJ.js";
import "../chunks/chunk-HIMQJRL6.js";
import "../chunks/chunk-OFNY5C2D.js";
import "../chunks/chunk-Q6ESUOLY.js";
import "../chunks/chunk-B6RKX6DV.js";
import "../chunks/chunk-VLXKPO7K.js";
import "../chunks/chunk-5XU2I224.js";
import "../chunks/chunk-GHZTAVFW.js";
import "../chunks/chunk-F32TZNUT.js";
import "../chunks/chunk-75J7APAE.js";
import "../chunks/chunk-7DZ4F3EM.js";
import "../chunks/chunk-AWSRQZJB.js";
import "../chunks/chunk-6JH44W7O.js";
import "../chunks/chunk-LMQ7322M.js";
import "../chunks/chunk-GO44O5MC.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "../chunks/chunk-MMCJ6GSV.js";

// src/server/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
process.exitCode = await main(["serve", ...process.argv.slice(2)], processIO());
