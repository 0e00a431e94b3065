import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  buildReport,
  loadProject,
  writeReport
} from "./chunk-ZO5O67BD.js";
import {
  selectJobs
} from "./chunk-FLO2TWZX.js";
import {
  renderPlan
} from "./chunk-ZNOECPHJ.js";
import {
  VERSION
} from "./chunk-FM5HTOYB.js";
import {
  writeFileAtomic
} from "./chunk-A3FVPRD7.js";
import {
  lintRender
} from "./chunk-A52UQDPH.js";
import {
  resolvePreset
} from "./chunk-Z2HYAA7Q.js";
import {
  RenderError,
  UserError
} from "./chunk-AOBWJSJ3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/remote/request.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
function canonicalJson(v) {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v).sort().filter((k) => v[k] !== void 0).map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}
function groupSets(jobs) {
  const sets = /* @__PURE__ */ new Map();
  for (const j of jobs) sets.set(j.set, [...sets.get(j.set) ?? [], j]);
  return sets;
}
function remoteStyle(job) {
  const style = structuredClone(job.style);
  const bad = (field, value) => new UserError([{ severity: "error", message: `${job.id}: ${field} "${value}" names a file on this machine, which remote mode cannot send; use a built-in theme token or render locally`, at: job.source.slide }]);
  const image = style.background?.image;
  if (image !== void 0) {
    if (!image.startsWith("builtin:")) throw bad("style.background.image", image);
    delete style.background.image;
  }
  for (const k of ["headline", "subtitle"]) {
    const font = style[k]?.font;
    if (font && (/[\\/]/.test(font) || /\.(ttf|otf|ttc|woff2?)$/i.test(font))) throw bad(`style.${k}.font`, font);
  }
  const frame = style.device?.frame;
  if (frame && (/[\\/]/.test(frame) || /\.(png|jpe?g|svg)$/i.test(frame))) throw bad("style.device.frame", frame);
  if (job.fonts.length) throw bad("fonts", job.fonts[0]);
  return style;
}
function remoteCanvas(job) {
  const ref = resolvePreset(job.preset);
  if (ref && ref.size.width === job.size.width && ref.size.height === job.size.height) return { preset: job.preset };
  return { width: job.size.width, height: job.size.height, device: job.device };
}
function buildSetRequest(jobs, extras = {}, readFile = readFileSync) {
  const first = jobs[0];
  const slides = jobs.map((j) => ({
    id: j.slide,
    headline: j.headline?.text,
    subtitle: j.subtitle?.text,
    screenshot: j.screenshot ? { data: readFile(j.screenshot).toString("base64") } : void 0,
    style: remoteStyle(j)
  }));
  const content = {
    canvas: remoteCanvas(first),
    theme: first.theme,
    locale: first.locale,
    slides,
    output: { format: first.output.format }
  };
  const body = {
    ...content,
    async: true,
    metadata: { ...extras.metadata, set: first.set }
  };
  if (extras.webhookUrl) body.webhook_url = extras.webhookUrl;
  if (extras.githubDispatch) body.github_dispatch = extras.githubDispatch;
  const idempotencyKey = `ss1-${createHash("sha256").update(`${VERSION}
${canonicalJson(body)}`).digest("hex").slice(0, 48)}`;
  if (extras.webhookSecret) body.webhook_secret = extras.webhookSecret;
  return { set: first.set, jobs, body, idempotencyKey };
}

// src/remote/run.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { createHash as createHash2 } from "node:crypto";
import path from "node:path";

// src/remote/client.ts
init_define_globalThis_STORESHOTS_NATIVES();

// node_modules/p-retry/index.js
init_define_globalThis_STORESHOTS_NATIVES();

// node_modules/is-network-error/index.js
init_define_globalThis_STORESHOTS_NATIVES();
var objectToString = Object.prototype.toString;
var isError = (value) => objectToString.call(value) === "[object Error]";
var errorMessages = /* @__PURE__ */ new Set([
  "network error",
  // Chrome
  "NetworkError when attempting to fetch resource.",
  // Firefox
  "The Internet connection appears to be offline.",
  // Safari 16
  "Network request failed",
  // `cross-fetch`
  "fetch failed",
  // Undici (Node.js)
  "terminated",
  // Undici (Node.js)
  " A network error occurred.",
  // Bun (WebKit)
  "Network connection lost"
  // Cloudflare Workers (fetch)
]);
function isNetworkError(error) {
  const isValid = error && isError(error) && error.name === "TypeError" && typeof error.message === "string";
  if (!isValid) {
    return false;
  }
  const { message, stack } = error;
  if (message === "Load failed" || message.startsWith("Load failed (") && message.endsWith(")")) {
    return stack === void 0 || "__sentry_captured__" in error;
  }
  if (message.startsWith("error sending request for url")) {
    return true;
  }
  if (message === "Failed to fetch" || message.startsWith("Failed to fetch (") && message.endsWith(")")) {
    return true;
  }
  return errorMessages.has(message);
}

// node_modules/p-retry/index.js
function validateRetries(retries) {
  if (typeof retries === "number") {
    if (retries < 0) {
      throw new TypeError("Expected `retries` to be a non-negative number.");
    }
    if (Number.isNaN(retries)) {
      throw new TypeError("Expected `retries` to be a valid number or Infinity, got NaN.");
    }
  } else if (retries !== void 0) {
    throw new TypeError("Expected `retries` to be a number or Infinity.");
  }
}
function validateNumberOption(name, value, { min = 0, allowInfinity = false } = {}) {
  if (value === void 0) {
    return;
  }
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(`Expected \`${name}\` to be a number${allowInfinity ? " or Infinity" : ""}.`);
  }
  if (!allowInfinity && !Number.isFinite(value)) {
    throw new TypeError(`Expected \`${name}\` to be a finite number.`);
  }
  if (value < min) {
    throw new TypeError(`Expected \`${name}\` to be \u2265 ${min}.`);
  }
}
var AbortError = class extends Error {
  constructor(message) {
    super();
    if (message instanceof Error) {
      this.originalError = message;
      ({ message } = message);
    } else {
      this.originalError = new Error(message);
      this.originalError.stack = this.stack;
    }
    this.name = "AbortError";
    this.message = message;
  }
};
function calculateDelay(retriesConsumed, options) {
  const attempt = Math.max(1, retriesConsumed + 1);
  const random = options.randomize ? Math.random() + 1 : 1;
  let timeout = Math.round(random * options.minTimeout * options.factor ** (attempt - 1));
  timeout = Math.min(timeout, options.maxTimeout);
  return timeout;
}
function calculateRemainingTime(start, max) {
  if (!Number.isFinite(max)) {
    return max;
  }
  return max - (performance.now() - start);
}
async function onAttemptFailure({ error, attemptNumber, retriesConsumed, startTime, options }) {
  const normalizedError = error instanceof Error ? error : new TypeError(`Non-error was thrown: "${error}". You should only throw errors.`);
  if (normalizedError instanceof AbortError) {
    throw normalizedError.originalError;
  }
  const retriesLeft = Number.isFinite(options.retries) ? Math.max(0, options.retries - retriesConsumed) : options.retries;
  const maxRetryTime = options.maxRetryTime ?? Number.POSITIVE_INFINITY;
  const context = Object.freeze({
    error: normalizedError,
    attemptNumber,
    retriesLeft,
    retriesConsumed
  });
  await options.onFailedAttempt(context);
  if (calculateRemainingTime(startTime, maxRetryTime) <= 0) {
    throw normalizedError;
  }
  const consumeRetry = await options.shouldConsumeRetry(context);
  const remainingTime = calculateRemainingTime(startTime, maxRetryTime);
  if (remainingTime <= 0 || retriesLeft <= 0) {
    throw normalizedError;
  }
  if (normalizedError instanceof TypeError && !isNetworkError(normalizedError)) {
    if (consumeRetry) {
      throw normalizedError;
    }
    options.signal?.throwIfAborted();
    return false;
  }
  if (!await options.shouldRetry(context)) {
    throw normalizedError;
  }
  if (!consumeRetry) {
    options.signal?.throwIfAborted();
    return false;
  }
  const delayTime = calculateDelay(retriesConsumed, options);
  const finalDelay = Math.min(delayTime, remainingTime);
  options.signal?.throwIfAborted();
  if (finalDelay > 0) {
    await new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timeoutToken);
        options.signal?.removeEventListener("abort", onAbort);
        reject(options.signal.reason);
      };
      const timeoutToken = setTimeout(() => {
        options.signal?.removeEventListener("abort", onAbort);
        resolve();
      }, finalDelay);
      if (options.unref) {
        timeoutToken.unref?.();
      }
      options.signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
  options.signal?.throwIfAborted();
  return true;
}
async function pRetry(input, options = {}) {
  options = { ...options };
  validateRetries(options.retries);
  if (Object.hasOwn(options, "forever")) {
    throw new Error("The `forever` option is no longer supported. For many use-cases, you can set `retries: Infinity` instead.");
  }
  options.retries ??= 10;
  options.factor ??= 2;
  options.minTimeout ??= 1e3;
  options.maxTimeout ??= Number.POSITIVE_INFINITY;
  options.maxRetryTime ??= Number.POSITIVE_INFINITY;
  options.randomize ??= false;
  options.onFailedAttempt ??= () => {
  };
  options.shouldRetry ??= () => true;
  options.shouldConsumeRetry ??= () => true;
  validateNumberOption("factor", options.factor, { min: 0, allowInfinity: false });
  validateNumberOption("minTimeout", options.minTimeout, { min: 0, allowInfinity: false });
  validateNumberOption("maxTimeout", options.maxTimeout, { min: 0, allowInfinity: true });
  validateNumberOption("maxRetryTime", options.maxRetryTime, { min: 0, allowInfinity: true });
  if (!(options.factor > 0)) {
    options.factor = 1;
  }
  options.signal?.throwIfAborted();
  let attemptNumber = 0;
  let retriesConsumed = 0;
  const startTime = performance.now();
  while (Number.isFinite(options.retries) ? retriesConsumed <= options.retries : true) {
    attemptNumber++;
    try {
      options.signal?.throwIfAborted();
      const result = await input(attemptNumber);
      options.signal?.throwIfAborted();
      return result;
    } catch (error) {
      if (await onAttemptFailure({
        error,
        attemptNumber,
        retriesConsumed,
        startTime,
        options
      })) {
        retriesConsumed++;
      }
    }
  }
  throw new Error("Retry attempts exhausted without throwing an error.");
}

// src/remote/client.ts
var RemoteError = class extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
    this.name = "RemoteError";
  }
  status;
  code;
};
var realSleep = (ms) => new Promise((r) => setTimeout(r, ms));
function retryAfterMs(header, now = Date.now()) {
  if (!header) return void 0;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1e3;
  const date = Date.parse(header);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - now);
}
var RenderApiClient = class {
  baseUrl;
  opts;
  constructor(opts) {
    let url;
    try {
      url = new URL(opts.baseUrl);
    } catch {
      throw new RemoteError(`Expected an http(s) URL for the render API but received ${JSON.stringify(opts.baseUrl)}`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new RemoteError(`Expected an http(s) URL for the render API but received ${JSON.stringify(opts.baseUrl)}`);
    }
    this.baseUrl = url.toString().replace(/\/+$/, "");
    this.opts = {
      retries: 5,
      minDelayMs: 500,
      maxDelayMs: 3e4,
      requestTimeoutMs: 6e4,
      sleep: realSleep,
      fetch: globalThis.fetch,
      ...opts
    };
  }
  url(p) {
    return p.startsWith("http://") || p.startsWith("https://") ? p : `${this.baseUrl}${p.startsWith("/") ? "" : "/"}${p}`;
  }
  /** One HTTP exchange with retries; returns the successful Response (2xx). */
  async request(method, p, init = {}) {
    const url = this.url(p);
    const headers = { accept: "application/json", ...init.headers };
    if (this.opts.apiKey) headers.authorization = `Bearer ${this.opts.apiKey}`;
    let body;
    if (init.body !== void 0) {
      body = JSON.stringify(init.body);
      headers["content-type"] = "application/json";
    }
    let wait = 0;
    return pRetry(
      async (attempt) => {
        if (attempt > 1 && wait > 0) await this.opts.sleep(wait);
        let res;
        try {
          res = await this.opts.fetch(url, { method, headers, body, signal: AbortSignal.timeout(this.opts.requestTimeoutMs) });
        } catch (e) {
          throw new RemoteError(`${method} ${url} failed: ${e.cause ? String(e.cause.message ?? e.cause) : e.message}`);
        }
        if (res.ok) return res;
        const text = await res.text().catch(() => "");
        let code;
        let message = text.slice(0, 500);
        try {
          const j = JSON.parse(text);
          code = j.error?.code;
          if (j.error?.message) message = `${j.error.message}${j.error.param ? ` (${j.error.param})` : ""}`;
        } catch {
        }
        const err = new RemoteError(`${method} ${url} answered ${res.status}${code ? ` ${code}` : ""}: ${message}`, res.status, code);
        if (res.status === 429 || res.status >= 500) {
          err.retryAfter = retryAfterMs(res.headers.get("retry-after"));
          throw err;
        }
        throw new AbortError(err);
      },
      {
        retries: this.opts.retries,
        minTimeout: 0,
        maxTimeout: 0,
        randomize: false,
        onFailedAttempt: ({ error, attemptNumber }) => {
          const hinted = error.retryAfter;
          const backoff = Math.min(this.opts.maxDelayMs, this.opts.minDelayMs * 2 ** (attemptNumber - 1));
          wait = hinted !== void 0 ? Math.min(hinted, this.opts.maxDelayMs * 4) : Math.round(backoff / 2 + Math.random() * backoff / 2);
          this.opts.onRetry?.({ attempt: attemptNumber, reason: error.message, waitMs: wait, url });
        }
      }
    ).catch((e) => {
      throw e instanceof RemoteError ? e : new RemoteError(e.message);
    });
  }
  async json(method, p, init = {}) {
    const res = await this.request(method, p, init);
    const text = await res.text();
    try {
      return { data: JSON.parse(text), headers: res.headers, status: res.status };
    } catch {
      throw new RemoteError(`${method} ${this.url(p)} answered ${res.status} with a body that is not JSON`);
    }
  }
  createRender(body, idempotencyKey) {
    return this.json("POST", "/v1/renders", { body, headers: { "idempotency-key": idempotencyKey } });
  }
  async getRender(id) {
    return (await this.json("GET", `/v1/renders/${encodeURIComponent(id)}`)).data;
  }
  async cancel(id) {
    return (await this.json("POST", `/v1/renders/${encodeURIComponent(id)}/cancel`)).data;
  }
  /** The bytes of one image; retried as a whole when the body is cut off midway. */
  async image(id, index, expect) {
    const path2 = `/v1/renders/${encodeURIComponent(id)}/images/${index}`;
    let lastError;
    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {
      try {
        const res = await this.request("GET", path2, { headers: { accept: "image/*" } });
        const buf = Buffer.from(await res.arrayBuffer());
        if (expect?.bytes !== void 0 && buf.length !== expect.bytes) {
          throw new RemoteError(`image ${index} of ${id}: got ${buf.length} bytes, expected ${expect.bytes}`);
        }
        return buf;
      } catch (e) {
        lastError = e;
        if (e instanceof RemoteError && e.status !== void 0 && e.status < 500 && e.status !== 429) throw e;
        await this.opts.sleep(Math.min(this.opts.maxDelayMs, this.opts.minDelayMs * 2 ** attempt));
      }
    }
    throw new RemoteError(`downloading image ${index} of render ${id} failed: ${lastError?.message}`);
  }
};

// src/remote/run.ts
function clientFor(opts) {
  return new RenderApiClient(opts);
}
async function submitSets(plan, opts, client = clientFor(opts)) {
  const sets = [...groupSets(plan.jobs).values()].map((jobs) => buildSetRequest(jobs, opts, opts.readFile));
  const submitted = [];
  for (const s of sets) {
    const { data, headers } = await client.createRender(s.body, s.idempotencyKey);
    if (!data.id) throw new RenderError(`the render API answered without a render id for ${s.set}`);
    submitted.push({ set: s.set, id: data.id, status: data.status, replayed: headers.get("idempotent-replayed") === "true" });
    opts.onState?.(s.set, data.status, data.id);
  }
  return { sets, submitted };
}
var DONE = ["succeeded", "failed", "canceled"];
async function waitForRenders(ids, opts, client = clientFor(opts)) {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const deadline = now() + (opts.timeoutMs ?? 30 * 6e4);
  const last = /* @__PURE__ */ new Map();
  const done = /* @__PURE__ */ new Map();
  let interval = opts.pollMs ?? 1e3;
  for (; ; ) {
    for (const { set, id } of ids) {
      if (done.has(id)) continue;
      const r = await client.getRender(id);
      if (last.get(id) !== r.status) {
        last.set(id, r.status);
        opts.onState?.(set, r.status, id);
      }
      if (DONE.includes(r.status)) done.set(id, r);
    }
    if (done.size === ids.length) return done;
    if (now() >= deadline) {
      const pending = ids.filter((i) => !done.has(i.id)).map((i) => `${i.set} (${i.id}: ${last.get(i.id)})`);
      throw new RenderError(`timed out waiting for the render API after ${Math.round((opts.timeoutMs ?? 18e5) / 1e3)} s; still pending: ${pending.join(", ")}`);
    }
    await sleep(Math.min(interval, Math.max(0, deadline - now())));
    interval = Math.min(opts.maxPollMs ?? 15e3, Math.round(interval * 1.5));
  }
}
async function downloadImages(render, outDir, place, client) {
  if (render.status !== "succeeded") {
    const set = render.metadata?.set ?? render.id;
    throw new RenderError(`render ${render.id} for ${set} ${render.status}${render.error ? `: ${render.error.code}: ${render.error.message}` : ""}`);
  }
  const fetched = [];
  for (const img of render.images ?? []) {
    const placed = place(img);
    const buf = await client.image(render.id, img.index, { bytes: img.bytes });
    const sha = createHash2("sha256").update(buf).digest("hex");
    if (sha !== img.sha256) throw new RenderError(`image ${img.index} of render ${render.id} does not match its sha256 (got ${sha.slice(0, 12)}\u2026, expected ${String(img.sha256).slice(0, 12)}\u2026)`);
    fetched.push({ placed, buf });
  }
  const seen = /* @__PURE__ */ new Set();
  for (const { placed } of fetched) {
    if (seen.has(placed.path)) throw new RenderError(`render ${render.id} has two images for ${placed.path}`);
    seen.add(placed.path);
  }
  return fetched.map(({ placed, buf }) => {
    const file = safeJoin(outDir, placed.path);
    writeFileAtomic(file, buf);
    return { placed, file, bytes: buf.length };
  });
}
function safeJoin(outDir, rel) {
  const abs = path.resolve(outDir, rel);
  const back = path.relative(outDir, abs);
  if (rel.includes("\0") || back === "" || back.startsWith("..") || path.isAbsolute(back)) throw new RenderError(`refusing an output path outside the output folder: ${JSON.stringify(rel)}`);
  return abs;
}
async function downloadSet(plan, jobs, render, client) {
  for (const job of jobs) {
    if (!render.images?.some((i) => i.slide === job.slide) && render.status === "succeeded") throw new RenderError(`render ${render.id} has no image for slide ${job.slide}`);
  }
  const got = await downloadImages(render, plan.outDir, (img) => {
    const job = jobs.find((j) => j.slide === img.slide);
    if (!job) throw new RenderError(`render ${render.id} sent an image for slide ${img.slide}, which ${jobs[0].set} does not have`);
    if (img.width !== job.size.width || img.height !== job.size.height) {
      throw new RenderError(`render ${render.id} slide ${job.slide} is ${img.width}x${img.height}, expected ${job.size.width}x${job.size.height}`);
    }
    return { img, path: job.output.path, locale: job.locale, preset: job.preset };
  }, client);
  return jobs.map((job) => {
    const g = got.find((x) => x.placed.path === job.output.path);
    return {
      job,
      file: g.file,
      text: [],
      record: recordOf(g.placed, g.bytes, job.slide, job.index)
    };
  });
}
function recordOf(p, bytes, slide = p.img.slide, index = p.img.index) {
  return { path: p.path, locale: p.locale, preset: p.preset, slide, index, width: p.img.width, height: p.img.height, format: p.img.format, bytes, sha256: p.img.sha256, cached: false };
}
function remoteFindingsOf(renders) {
  const out = [];
  for (const r of renders) {
    for (const f of r.lint?.findings ?? []) {
      if (f && typeof f.rule === "string") out.push({ ...f, rule: f.rule.startsWith("remote.") ? f.rule : `remote.${f.rule}`, severity: "warning" });
    }
  }
  return out;
}
async function renderRemote(plan, opts) {
  const client = clientFor(opts);
  try {
    const { sets, submitted } = await submitSets(plan, opts, client);
    const finished = await waitForRenders(submitted, opts, client);
    const images = [];
    for (const s of sets) {
      const id = submitted.find((x) => x.set === s.set).id;
      images.push(...await downloadSet(plan, s.jobs, finished.get(id), client));
    }
    return { images, remoteFindings: remoteFindingsOf(finished.values()), renders: submitted.map((s) => ({ set: s.set, id: s.id, status: finished.get(s.id).status })) };
  } catch (e) {
    if (e instanceof RemoteError) throw new RenderError(`render API: ${e.message}`);
    throw e;
  }
}

// src/pipeline.ts
init_define_globalThis_STORESHOTS_NATIVES();
async function runPipeline(opts) {
  const t0 = performance.now();
  const project = loadProject(opts);
  const plan = selectJobs(project.plan, opts);
  const t1 = performance.now();
  const remote = opts.remote ? await renderRemote(plan, opts.remote) : void 0;
  const images = remote ? remote.images : await renderPlan(plan, opts);
  const t2 = performance.now();
  const findings = await lintRender(plan, images);
  const t3 = performance.now();
  const report = buildReport(images.map((i) => i.record), findings);
  if (remote && opts.remote) report.remote = { url: opts.remote.baseUrl, renders: remote.renders, findings: remote.remoteFindings };
  const reportFile = writeReport(plan.outDir, report, { title: plan.app.name });
  return { plan, images, report, reportFile, warnings: project.warnings, timings: { plan: t1 - t0, render: t2 - t1, lint: t3 - t2 } };
}

export {
  groupSets,
  buildSetRequest,
  clientFor,
  waitForRenders,
  downloadImages,
  recordOf,
  remoteFindingsOf,
  runPipeline
};
