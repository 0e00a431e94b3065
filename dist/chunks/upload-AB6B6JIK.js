import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  credentialSecrets,
  planChanges,
  planMarkdown,
  planText,
  runUpload
} from "./chunk-BB2CACIL.js";
import "./chunk-5MH7TCU2.js";
import "./chunk-T4ULYF3M.js";
import "./chunk-FNVBJTK3.js";
import "./chunk-YFWJUOBI.js";
import "./chunk-AWSRQZJB.js";
import "./chunk-5XU2I224.js";
import "./chunk-XDUCLUHT.js";
import "./chunk-HFPJUCW5.js";
import "./chunk-FOO2O6NK.js";
import "./chunk-GHZTAVFW.js";
import "./chunk-MMCJ6GSV.js";
export {
  credentialSecrets,
  planChanges,
  planMarkdown,
  planText,
  runUpload
};
