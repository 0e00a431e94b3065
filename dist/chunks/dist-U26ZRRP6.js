import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  require_dist2 as require_dist
} from "./chunk-NBS66JJZ.js";
import "./chunk-MMCJ6GSV.js";
export default require_dist();
