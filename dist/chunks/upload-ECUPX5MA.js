import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  credentialSecrets,
  planChanges,
  planMarkdown,
  planText,
  runUpload
} from "./chunk-QH5QKHPA.js";
import "./chunk-5MH7TCU2.js";
import "./chunk-OPKYCZ6B.js";
import "./chunk-CUOYV5OT.js";
import "./chunk-7K6MZS76.js";
import "./chunk-AWSRQZJB.js";
import "./chunk-5XU2I224.js";
import "./chunk-XDUCLUHT.js";
import "./chunk-GO44O5MC.js";
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
