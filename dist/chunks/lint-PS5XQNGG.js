import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  getRule,
  lintPaths,
  lintRender,
  runRules,
  sortFindings
} from "./chunk-HL2B4DEO.js";
import "./chunk-FNVBJTK3.js";
import "./chunk-5XU2I224.js";
import "./chunk-XDUCLUHT.js";
import "./chunk-HFPJUCW5.js";
import "./chunk-MMCJ6GSV.js";
export {
  getRule,
  lintPaths,
  lintRender,
  runRules,
  sortFindings
};
