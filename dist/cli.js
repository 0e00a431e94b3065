#!/usr/bin/env node
import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main,
  processIO
} from "./chunks/chunk-XTV6X6ZJ.js";
import "./chunks/chunk-ENLRM7W2.js";
import "./chunks/chunk-T4ULYF3M.js";
import "./chunks/chunk-HL2B4DEO.js";
import "./chunks/chunk-FNVBJTK3.js";
import "./chunks/chunk-Y4HKZHJX.js";
import "./chunks/chunk-YFWJUOBI.js";
import "./chunks/chunk-UEYG4WPM.js";
import "./chunks/chunk-AWSRQZJB.js";
import "./chunks/chunk-PWFL6YR5.js";
import "./chunks/chunk-5XU2I224.js";
import "./chunks/chunk-XDUCLUHT.js";
import "./chunks/chunk-HFPJUCW5.js";
import "./chunks/chunk-GHZTAVFW.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunks/chunk-MMCJ6GSV.js";

// src/cli.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/cli/io.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/cli.ts
process.exitCode = await main(process.argv.slice(2), processIO());
