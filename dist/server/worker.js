import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "../chunks/chunk-MMCJ6GSV.js";

// src/server/worker.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { workerData } from "node:worker_threads";
var held = workerData?.held;
function hold(kib) {
  if (!held) return;
  const now = Atomics.add(held, 0, kib) + kib;
  for (let peak = Atomics.load(held, 1); now > peak; peak = Atomics.load(held, 1)) {
    if (Atomics.compareExchange(held, 1, peak, now) === peak) break;
  }
}
async function render(task) {
  const kib = Math.ceil((task.cost ?? 0) / 1024);
  hold(kib);
  try {
    const { renderJobToBuffer } = await import("../chunks/render-NMGWHZEV.js");
    const out = await renderJobToBuffer(task.job, task.setJobs);
    return { buffer: new Uint8Array(out.buffer.buffer, out.buffer.byteOffset, out.buffer.byteLength), text: out.text ?? [] };
  } finally {
    if (held) Atomics.sub(held, 0, kib);
  }
}
async function lint(task) {
  const { lintRender } = await import("../chunks/lint-OHYHEAR3.js");
  return lintRender(task.plan, task.images);
}
var worker_default = render;
export {
  worker_default as default,
  lint,
  render
};
