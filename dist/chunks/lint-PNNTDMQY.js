import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  RULES,
  getRule,
  lintPaths,
  lintRender,
  runRules,
  sortFindings
} from "./chunk-XPFJBI6R.js";
import "./chunk-WPITPYSA.js";
import "./chunk-AOBWJSJ3.js";
import "./chunk-MMCJ6GSV.js";
export {
  RULES,
  getRule,
  lintPaths,
  lintRender,
  runRules,
  sortFindings
};
