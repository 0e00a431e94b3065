import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  backoffMs,
  retryAfterMs,
  retrying
} from "./chunk-GHZTAVFW.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/upload/http.ts
init_define_globalThis_STORESHOTS_NATIVES();
function defaultTransport(log = () => {
}) {
  return { fetch: globalThis.fetch, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), now: () => Date.now(), log };
}
var MAX_ATTEMPTS = 5;
var MAX_RETRY_AFTER_MS = 10 * 6e4;
var StoreHttpError = class extends Error {
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
    this.name = "StoreHttpError";
  }
  status;
  body;
};
async function withRetry(t, what, safe, attempt, classify) {
  return retrying(() => attempt(), {
    retries: MAX_ATTEMPTS - 1,
    sleep: t.sleep,
    delayAfter: (e, n) => {
      const d = classify(e);
      let wait;
      if (d.status === 429) {
        wait = retryAfterMs(d.retryAfter, t.now()) ?? backoffMs(n + 1, 1e3, Infinity, () => 1);
        if (wait > MAX_RETRY_AFTER_MS) return void 0;
      } else if (safe && (d.network || d.status !== void 0 && d.status >= 500)) {
        wait = backoffMs(n, 1e3, Infinity, () => 1);
      }
      if (wait === void 0 || n >= MAX_ATTEMPTS) return void 0;
      t.log(
        `${what}: ${d.status ?? "connection lost"}; retrying in ${Math.round(wait / 1e3)} s (${n}/${MAX_ATTEMPTS - 1})`
      );
      return wait;
    }
  });
}

export {
  defaultTransport,
  MAX_ATTEMPTS,
  MAX_RETRY_AFTER_MS,
  StoreHttpError,
  withRetry
};
