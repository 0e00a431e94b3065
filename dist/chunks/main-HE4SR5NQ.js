import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  main,
  reportError
} from "./chunk-ZZ2YRKLA.js";
import "./chunk-TWKMTFRQ.js";
import "./chunk-RVAQXYCE.js";
import "./chunk-HVL7V3JX.js";
import "./chunk-XNFDU3IH.js";
import "./chunk-5K7TH37H.js";
import "./chunk-RCWPSLWT.js";
import "./chunk-UPRCV6JR.js";
import "./chunk-GHZTAVFW.js";
import "./chunk-RGSZKQBU.js";
import "./chunk-F7KGQOZP.js";
import "./chunk-KWPUWPYA.js";
import "./chunk-QNR4RP5L.js";
import "./chunk-DC2CIEVD.js";
import "./chunk-7DZ4F3EM.js";
import "./chunk-OCSBSED2.js";
import "./chunk-HV66XK6Q.js";
import "./chunk-AWSRQZJB.js";
import "./chunk-CZBPMC5E.js";
import "./chunk-6JH44W7O.js";
import "./chunk-UONDSRNA.js";
import "./chunk-7IMI5VS3.js";
import "./chunk-MMCJ6GSV.js";
export {
  main,
  reportError
};
