import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  MAX_ATTEMPTS,
  MAX_RETRY_AFTER_MS,
  StoreHttpError,
  defaultTransport,
  withRetry
} from "./chunk-FOO2O6NK.js";
import "./chunk-GHZTAVFW.js";
import "./chunk-MMCJ6GSV.js";
export {
  MAX_ATTEMPTS,
  MAX_RETRY_AFTER_MS,
  StoreHttpError,
  defaultTransport,
  withRetry
};
