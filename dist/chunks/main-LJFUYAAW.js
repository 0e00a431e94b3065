import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main,
  reportError
} from "./chunk-ZI42TZUN.js";
import "./chunk-SHBTYCER.js";
import "./chunk-MBSEBHBW.js";
import "./chunk-LACZME72.js";
import "./chunk-RVAQXYCE.js";
import "./chunk-SPQIZLHD.js";
import "./chunk-ISFJUNJG.js";
import "./chunk-5XU2I224.js";
import "./chunk-GHZTAVFW.js";
import "./chunk-CIQUJ7HO.js";
import "./chunk-DGMAGROP.js";
import "./chunk-7DZ4F3EM.js";
import "./chunk-AWSRQZJB.js";
import "./chunk-6JH44W7O.js";
import "./chunk-KWPUWPYA.js";
import "./chunk-7IMI5VS3.js";
import "./chunk-MMCJ6GSV.js";
export {
  main,
  reportError
};
