import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  canvas,
  sharp
} from "./chunk-LMQ7322M.js";
import "./chunk-GO44O5MC.js";
import "./chunk-MMCJ6GSV.js";
export {
  canvas,
  sharp
};
