import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main,
  reportError
} from "./chunk-XP6W67SW.js";
import "./chunk-LU3CO4B3.js";
import "./chunk-RVAQXYCE.js";
import "./chunk-E5QA5F2V.js";
import "./chunk-XNFDU3IH.js";
import "./chunk-YQ5E42BQ.js";
import "./chunk-AGPXA6UN.js";
import "./chunk-UPRCV6JR.js";
import "./chunk-GHZTAVFW.js";
import "./chunk-3R2LVSXP.js";
import "./chunk-KWPUWPYA.js";
import "./chunk-QNR4RP5L.js";
import "./chunk-BSWWEWFP.js";
import "./chunk-NXZGPJRW.js";
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
