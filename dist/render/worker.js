import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  RenderCache,
  decodeStats,
  renderJobBytes,
  setDecodeBudget,
  sha256,
  writeAtomic
} from "../chunks/chunk-ZNOECPHJ.js";
import "../chunks/chunk-FM5HTOYB.js";
import "../chunks/chunk-A3FVPRD7.js";
import "../chunks/chunk-QOKUTN7Q.js";
import "../chunks/chunk-JYYVDF6J.js";
import "../chunks/chunk-5YWHU2KT.js";
import {
  RenderError
} from "../chunks/chunk-AOBWJSJ3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "../chunks/chunk-MMCJ6GSV.js";

// src/render/worker.ts
init_define_globalThis_STORESHOTS_NATIVES();
import path from "node:path";
async function renderBatch(task) {
  if (task.decodeBudget !== void 0) setDecodeBudget(task.decodeBudget);
  const cache = task.cacheDir ? new RenderCache(task.cacheDir) : void 0;
  const images = [];
  const before = decodeStats();
  const decodes = () => {
    const now = decodeStats();
    return { made: now.misses - before.misses, reused: now.hits - before.hits };
  };
  for (const { job, key } of task.jobs) {
    try {
      const set = task.sets[job.set];
      const { buffer, text } = await renderJobBytes(job, set.jobs, set.facts);
      writeAtomic(path.join(task.outDir, job.output.path), buffer);
      const record = {
        path: job.output.path,
        locale: job.locale,
        preset: job.preset,
        slide: job.slide,
        index: job.index,
        width: job.size.width,
        height: job.size.height,
        format: job.output.format,
        bytes: buffer.length,
        sha256: sha256(buffer),
        cached: false
      };
      if (cache && key) {
        try {
          cache.put(key, buffer, { sha256: record.sha256, bytes: record.bytes, width: record.width, height: record.height, imageFormat: record.format, text });
        } catch {
        }
      }
      images.push({ id: job.id, record, text });
    } catch (e) {
      return { images, decodes: decodes(), error: { message: e?.message ?? String(e), render: e instanceof RenderError, jobId: job.id } };
    }
  }
  return { images, decodes: decodes() };
}
var worker_default = renderBatch;
export {
  worker_default as default,
  renderBatch
};
