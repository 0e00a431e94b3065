import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  canvas,
  sharp
} from "./chunk-PWFL6YR5.js";
import "./chunk-HFPJUCW5.js";
import "./chunk-MMCJ6GSV.js";
export {
  canvas,
  sharp
};
