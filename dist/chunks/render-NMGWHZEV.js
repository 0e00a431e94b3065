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
} from "./chunk-ZNOECPHJ.js";
import "./chunk-FM5HTOYB.js";
import "./chunk-A3FVPRD7.js";
import "./chunk-QOKUTN7Q.js";
import "./chunk-JYYVDF6J.js";
import "./chunk-5YWHU2KT.js";
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
