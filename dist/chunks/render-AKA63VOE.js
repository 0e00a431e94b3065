import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  checkGlyphs,
  computeSetFacts,
  layoutJob,
  renderJob,
  renderJobBytes,
  renderJobToBuffer,
  renderPlan,
  setFacts,
  setOf
} from "./chunk-JDMGTDAA.js";
import "./chunk-37EGEWGG.js";
import "./chunk-JYYVDF6J.js";
import {
  RenderError
} from "./chunk-AOBWJSJ3.js";
import "./chunk-MMCJ6GSV.js";
export {
  RenderError,
  checkGlyphs,
  computeSetFacts,
  layoutJob,
  renderJob,
  renderJobBytes,
  renderJobToBuffer,
  renderPlan,
  setFacts,
  setOf
};
