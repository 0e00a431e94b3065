import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "../chunks/chunk-MMCJ6GSV.js";

// src/server/worker.ts
init_define_globalThis_STORESHOTS_NATIVES();
async function render(task) {
  const { renderJobToBuffer } = await import("../chunks/render-AKA63VOE.js");
  const out = await renderJobToBuffer(task.job, task.setJobs);
  return { buffer: new Uint8Array(out.buffer.buffer, out.buffer.byteOffset, out.buffer.byteLength), text: out.text ?? [] };
}
async function lint(task) {
  const { lintRender } = await import("../chunks/lint-HRQQVWVC.js");
  return lintRender(task.plan, task.images);
}
var worker_default = render;
export {
  worker_default as default,
  lint,
  render
};
