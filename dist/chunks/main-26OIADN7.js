import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main,
  reportError
} from "./chunk-44WGKA2Z.js";
import "./chunk-XHPW4TVJ.js";
import "./chunk-HIMQJRL6.js";
import "./chunk-OFNY5C2D.js";
import "./chunk-Q6ESUOLY.js";
import "./chunk-B6RKX6DV.js";
import "./chunk-VLXKPO7K.js";
import "./chunk-5XU2I224.js";
import "./chunk-GHZTAVFW.js";
import "./chunk-F32TZNUT.js";
import "./chunk-75J7APAE.js";
import "./chunk-7DZ4F3EM.js";
import "./chunk-AWSRQZJB.js";
import "./chunk-6JH44W7O.js";
import "./chunk-LMQ7322M.js";
import "./chunk-GO44O5MC.js";
import "./chunk-MMCJ6GSV.js";
export {
  main,
  reportError
};
