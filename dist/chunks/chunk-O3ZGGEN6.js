import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/capture/limits.ts
init_define_globalThis_STORESHOTS_NATIVES();
var CAPTURE_DEFAULTS = {
  timeoutMs: 3e4,
  maxViewport: 3840,
  maxScale: 3,
  maxSide: 7680,
  maxBytes: 15 * 1024 * 1024
};
var CSS_MAX_BYTES = 64 * 1024;
var HIDE_SELECTORS_MAX = 50;
var HIDE_SELECTOR_MAX_LENGTH = 500;
var WAIT_FOR_MS = 1e4;
var SELECTOR_WAIT_MS = 5e3;
var CaptureError = class extends Error {
  constructor(code, message, field) {
    super(message);
    this.code = code;
    this.field = field;
    this.name = "CaptureError";
  }
  code;
  field;
};
function checkCaptureSpec(spec, viewport, limits) {
  const { width, height, device_scale_factor: scale = 1 } = viewport;
  if (width > limits.maxViewport || height > limits.maxViewport)
    return `viewport ${width}x${height} is larger than ${limits.maxViewport} pixels a side`;
  if (scale > limits.maxScale) return `viewport.device_scale_factor ${scale} is above ${limits.maxScale}`;
  if (width * scale > limits.maxSide || height * scale > limits.maxSide)
    return `viewport ${width}x${height} at scale ${scale} is larger than ${limits.maxSide} device pixels a side`;
  if ((spec.delay ?? 0) >= limits.timeoutMs)
    return `delay ${spec.delay} ms is not shorter than the capture time limit of ${limits.timeoutMs} ms`;
  return void 0;
}

export {
  CAPTURE_DEFAULTS,
  CSS_MAX_BYTES,
  HIDE_SELECTORS_MAX,
  HIDE_SELECTOR_MAX_LENGTH,
  WAIT_FOR_MS,
  SELECTOR_WAIT_MS,
  CaptureError,
  checkCaptureSpec
};
