import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main,
  reportError
} from "./chunk-CITVKEHI.js";
import "./chunk-37G7HI63.js";
import "./chunk-RVAQXYCE.js";
import "./chunk-BL6D7UMO.js";
import "./chunk-XNFDU3IH.js";
import "./chunk-23L3GHR7.js";
import "./chunk-NJS23ASU.js";
import "./chunk-UPRCV6JR.js";
import "./chunk-GHZTAVFW.js";
import "./chunk-D5NPPCQJ.js";
import "./chunk-OTPLNYB2.js";
import "./chunk-KWPUWPYA.js";
import "./chunk-QNR4RP5L.js";
import "./chunk-R7ECHWP2.js";
import "./chunk-7DZ4F3EM.js";
import "./chunk-RJRCQP7D.js";
import "./chunk-3KTSJAWY.js";
import "./chunk-AWSRQZJB.js";
import "./chunk-CZBPMC5E.js";
import "./chunk-6JH44W7O.js";
import "./chunk-O3ZGGEN6.js";
import "./chunk-7IMI5VS3.js";
import "./chunk-MMCJ6GSV.js";
export {
  main,
  reportError
};
