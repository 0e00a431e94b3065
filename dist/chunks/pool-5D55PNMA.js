import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  BROWSER_FLAGS,
  BrowserPool
} from "./chunk-JXNR7T5D.js";
import "./chunk-MMCJ6GSV.js";
export {
  BROWSER_FLAGS,
  BrowserPool
};
