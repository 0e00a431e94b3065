import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  credentialSecrets,
  planChanges,
  planMarkdown,
  planText,
  runUpload
} from "./chunk-GZGJCSIM.js";
import "./chunk-FOO2O6NK.js";
import "./chunk-5MH7TCU2.js";
import "./chunk-RVAQXYCE.js";
import "./chunk-XNFDU3IH.js";
import "./chunk-RCWPSLWT.js";
import "./chunk-UPRCV6JR.js";
import "./chunk-GHZTAVFW.js";
import "./chunk-DC2CIEVD.js";
import "./chunk-7DZ4F3EM.js";
import "./chunk-AWSRQZJB.js";
import "./chunk-6JH44W7O.js";
import "./chunk-7IMI5VS3.js";
import "./chunk-MMCJ6GSV.js";
export {
  credentialSecrets,
  planChanges,
  planMarkdown,
  planText,
  runUpload
};
