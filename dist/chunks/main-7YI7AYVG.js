import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main,
  reportError
} from "./chunk-BMDSRJAH.js";
import "./chunk-HGNGUAQD.js";
import "./chunk-RVAQXYCE.js";
import "./chunk-RJ323BHX.js";
import "./chunk-XNFDU3IH.js";
import "./chunk-WRK6RLIJ.js";
import "./chunk-AGPXA6UN.js";
import "./chunk-UPRCV6JR.js";
import "./chunk-GHZTAVFW.js";
import "./chunk-LN237LWA.js";
import "./chunk-OTPLNYB2.js";
import "./chunk-KWPUWPYA.js";
import "./chunk-QNR4RP5L.js";
import "./chunk-MSPQOXQP.js";
import "./chunk-7DZ4F3EM.js";
import "./chunk-RJRCQP7D.js";
import "./chunk-3KTSJAWY.js";
import "./chunk-AWSRQZJB.js";
import "./chunk-CZBPMC5E.js";
import "./chunk-6JH44W7O.js";
import "./chunk-CVEJL3VF.js";
import "./chunk-7IMI5VS3.js";
import "./chunk-MMCJ6GSV.js";
export {
  main,
  reportError
};
