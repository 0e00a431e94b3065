import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  credentialSecrets,
  planChanges,
  planMarkdown,
  planText,
  runUpload
} from "./chunk-IJEP5JIE.js";
import "./chunk-FOO2O6NK.js";
import "./chunk-5MH7TCU2.js";
import "./chunk-Q6ESUOLY.js";
import "./chunk-B6RKX6DV.js";
import "./chunk-VLXKPO7K.js";
import "./chunk-5XU2I224.js";
import "./chunk-GHZTAVFW.js";
import "./chunk-7DZ4F3EM.js";
import "./chunk-AWSRQZJB.js";
import "./chunk-6JH44W7O.js";
import "./chunk-GO44O5MC.js";
import "./chunk-MMCJ6GSV.js";
export {
  credentialSecrets,
  planChanges,
  planMarkdown,
  planText,
  runUpload
};
