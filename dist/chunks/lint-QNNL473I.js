import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  getRule,
  lintPaths,
  lintRender,
  runRules,
  sortFindings
} from "./chunk-HVL7V3JX.js";
import "./chunk-XNFDU3IH.js";
import "./chunk-UPRCV6JR.js";
import "./chunk-QNR4RP5L.js";
import "./chunk-DC2CIEVD.js";
import "./chunk-7DZ4F3EM.js";
import "./chunk-CZBPMC5E.js";
import "./chunk-6JH44W7O.js";
import "./chunk-7IMI5VS3.js";
import "./chunk-MMCJ6GSV.js";
export {
  getRule,
  lintPaths,
  lintRender,
  runRules,
  sortFindings
};
