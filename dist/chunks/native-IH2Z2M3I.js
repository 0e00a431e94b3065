import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  canvas,
  sharp
} from "./chunk-KWPUWPYA.js";
import "./chunk-7IMI5VS3.js";
import "./chunk-MMCJ6GSV.js";
export {
  canvas,
  sharp
};
