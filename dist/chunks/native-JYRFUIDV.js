import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  canvas,
  sharp
} from "./chunk-JYYVDF6J.js";
import "./chunk-AOBWJSJ3.js";
import "./chunk-MMCJ6GSV.js";
export {
  canvas,
  sharp
};
