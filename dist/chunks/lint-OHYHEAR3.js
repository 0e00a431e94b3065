import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  RULES,
  getRule,
  lintPaths,
  lintRender,
  runRules,
  sortFindings
} from "./chunk-A52UQDPH.js";
import "./chunk-Z2HYAA7Q.js";
import "./chunk-5YWHU2KT.js";
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
