import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  runBatch
} from "../chunks/chunk-RGSZKQBU.js";
import "../chunks/chunk-F7KGQOZP.js";
import "../chunks/chunk-KWPUWPYA.js";
import "../chunks/chunk-QNR4RP5L.js";
import "../chunks/chunk-DC2CIEVD.js";
import "../chunks/chunk-7DZ4F3EM.js";
import "../chunks/chunk-OCSBSED2.js";
import "../chunks/chunk-HV66XK6Q.js";
import "../chunks/chunk-AWSRQZJB.js";
import "../chunks/chunk-CZBPMC5E.js";
import "../chunks/chunk-6JH44W7O.js";
import "../chunks/chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "../chunks/chunk-MMCJ6GSV.js";

// src/render/worker.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { workerData } from "node:worker_threads";
var held = workerData?.held;
function hold(kib) {
  if (!held || !kib) return;
  const now = Atomics.add(held, 0, kib) + kib;
  for (let peak = Atomics.load(held, 1); now > peak; peak = Atomics.load(held, 1)) {
    if (Atomics.compareExchange(held, 1, peak, now) === peak) break;
  }
}
async function batch(task) {
  const kib = Math.ceil((task.cost ?? 0) / 1024);
  hold(kib);
  try {
    return await runBatch(task);
  } finally {
    if (held && kib) Atomics.sub(held, 0, kib);
  }
}
async function output(task) {
  const { makeOutputFile } = await import("../chunks/set-outputs-X2IH2Z6K.js");
  return makeOutputFile(task);
}
async function lint(task) {
  const { lintRender } = await import("../chunks/lint-QNNL473I.js");
  return lintRender(task.plan, task.images);
}
export {
  batch as default,
  lint,
  output
};
