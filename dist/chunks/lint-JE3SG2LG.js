import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  getRule,
  lintPaths,
  lintRender,
  runRules,
  sortFindings
} from "./chunk-MBSEBHBW.js";
import "./chunk-SPQIZLHD.js";
import "./chunk-5XU2I224.js";
import "./chunk-7DZ4F3EM.js";
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
