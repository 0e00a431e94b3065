import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  getRule,
  lintPaths,
  lintRender,
  runRules,
  sortFindings
} from "./chunk-UG63DOYD.js";
import "./chunk-CUOYV5OT.js";
import "./chunk-5XU2I224.js";
import "./chunk-XDUCLUHT.js";
import "./chunk-GO44O5MC.js";
import "./chunk-MMCJ6GSV.js";
export {
  getRule,
  lintPaths,
  lintRender,
  runRules,
  sortFindings
};
