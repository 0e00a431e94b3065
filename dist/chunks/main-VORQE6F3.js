import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main,
  reportError
} from "./chunk-AB4WCKFW.js";
import "./chunk-AOJMB62T.js";
import "./chunk-RDG3ML6E.js";
import "./chunk-ANUEJX3R.js";
import "./chunk-RVAQXYCE.js";
import "./chunk-4PEPYAOP.js";
import "./chunk-D7DKBAB5.js";
import "./chunk-5XU2I224.js";
import "./chunk-GHZTAVFW.js";
import "./chunk-JX2AMANK.js";
import "./chunk-QNR4RP5L.js";
import "./chunk-F3XMRVOV.js";
import "./chunk-7DZ4F3EM.js";
import "./chunk-AWSRQZJB.js";
import "./chunk-6JH44W7O.js";
import "./chunk-KWPUWPYA.js";
import "./chunk-7IMI5VS3.js";
import "./chunk-MMCJ6GSV.js";
export {
  main,
  reportError
};
