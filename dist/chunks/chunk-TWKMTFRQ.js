import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  LISTED_PROBLEM,
  readListedImage,
  readReport
} from "./chunk-RVAQXYCE.js";
import {
  getRule,
  lintRender,
  sortFindings
} from "./chunk-HVL7V3JX.js";
import {
  RenderPool,
  buildReport,
  compareRaw,
  decodeBudget,
  decodeImage,
  diffImagePng,
  escapeHtml,
  findBrowser,
  loadProject,
  pageHead,
  pathUrl,
  poolSize,
  resolveChecked,
  selectJobs,
  sideBySidePng,
  writeReport
} from "./chunk-5K7TH37H.js";
import {
  resolvePreset
} from "./chunk-UPRCV6JR.js";
import {
  backoffMs,
  retryAfterMs,
  retrying
} from "./chunk-GHZTAVFW.js";
import {
  DEFAULT_CACHE_DIR,
  FileHasher,
  RenderCache,
  VERSION,
  cacheKey,
  canonicalJson,
  checkGlyphs,
  computeSetFacts,
  jobRecord,
  runBatch,
  setDigest,
  writeFileAtomic
} from "./chunk-RGSZKQBU.js";
import {
  sharp
} from "./chunk-KWPUWPYA.js";
import {
  isInside,
  joinInside
} from "./chunk-AWSRQZJB.js";
import {
  contentToText
} from "./chunk-CZBPMC5E.js";
import {
  sha256
} from "./chunk-6JH44W7O.js";
import {
  CAPTURE_DEFAULTS,
  CaptureError,
  FilterListError,
  loadFilterLists
} from "./chunk-UONDSRNA.js";
import {
  RenderError,
  UserError,
  errorMessage,
  expected
} from "./chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/pipeline.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/capture/jobs.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { closeSync, constants, mkdirSync, openSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
async function captureJobs(jobs, opts) {
  const wanted = /* @__PURE__ */ new Map();
  for (const j of jobs) if (j.capture && j.screenshot && !wanted.has(j.screenshot)) wanted.set(j.screenshot, j);
  if (wanted.size === 0) return;
  const problem = (j, message, sub) => {
    const field = sub ? `${j.capture.field}.${sub}` : j.capture.field;
    return { severity: "error", field, message: `${message} (${field})`, at: j.source.slide };
  };
  const found = findBrowser(opts.browser, opts.env);
  if (!found.path) {
    const why = found.problem ? `${opts.browser ? "--browser" : "STORESHOTS_BROWSER"}: ${found.problem}` : "web capture needs a Chromium: pass --browser PATH, set STORESHOTS_BROWSER, or put chromium on PATH (Debian: apt-get install chromium)";
    throw new UserError([...wanted.values()].map((j) => problem(j, why)));
  }
  const { capturePage } = await import("./capture-OEUANUQE.js");
  const { BrowserPool } = await import("./pool-5D55PNMA.js");
  const pool2 = new BrowserPool({ browser: found.path, maxContexts: 1, idleMs: 6e4 });
  const limits = {
    ...CAPTURE_DEFAULTS,
    timeoutMs: Number(opts.env.STORESHOTS_CAPTURE_TIMEOUT_MS) || CAPTURE_DEFAULTS.timeoutMs
  };
  let filters;
  if ([...wanted.values()].some((j) => j.capture.spec.block_ads)) {
    try {
      filters = loadFilterLists(opts.env.STORESHOTS_FILTER_LISTS, process.cwd());
    } catch (e) {
      if (!(e instanceof FilterListError)) throw e;
      await pool2.close();
      throw new UserError(e.message);
    }
  }
  const problems = [];
  try {
    await captureAll();
  } finally {
    await pool2.close();
  }
  if (problems.length) throw new UserError(problems);
  async function captureAll() {
    for (const [file, job] of wanted) {
      try {
        const shot = await capturePage(job.capture.spec, {
          pool: pool2,
          resolve: opts.resolve,
          limits,
          ...filters ? { filters } : {}
        });
        mkdirSync(path.dirname(file), { recursive: true, mode: 448 });
        const tmp = `${file}.${process.pid}.tmp`;
        const fd = openSync(
          tmp,
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
          384
        );
        try {
          writeFileSync(fd, shot.png);
        } finally {
          closeSync(fd);
        }
        renameSync(tmp, file);
        for (const r of shot.refused)
          opts.onNote?.(`${job.capture.field}: the page's request for ${r.url} was refused: ${r.reason}`);
      } catch (e) {
        if (!(e instanceof CaptureError)) throw e;
        problems.push(problem(job, e.message, e.field));
      }
    }
  }
}

// src/render/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { existsSync, mkdirSync as mkdirSync2, statSync, writeFileSync as writeFileSync2 } from "node:fs";
import path2 from "node:path";
async function renderPlan(plan, opts = {}) {
  const cache = opts.noCache ? void 0 : new RenderCache(opts.cacheDir ?? path2.resolve(opts.cwd ?? process.cwd(), DEFAULT_CACHE_DIR));
  const files = new FileHasher();
  const bySet = /* @__PURE__ */ new Map();
  for (const j of plan.all) bySet.get(j.set)?.push(j) ?? bySet.set(j.set, [j]);
  const sets = {};
  const unknown = [];
  for (const job of plan.jobs) {
    if (sets[job.set] || unknown.some((u) => u.name === job.set)) continue;
    const jobs = bySet.get(job.set) ?? [job];
    const digest = cache && setDigest(jobs, files);
    const facts = digest ? cache.getSetFacts(digest) : void 0;
    if (facts) sets[job.set] = { jobs, facts };
    else unknown.push({ name: job.set, jobs, digest });
  }
  let glyphsChecked = false;
  if (unknown.length) {
    checkGlyphs(plan.jobs);
    glyphsChecked = true;
    for (const u of unknown) {
      const facts = await computeSetFacts(u.jobs);
      if (u.digest) cache.putSetFacts(u.digest, facts);
      sets[u.name] = { jobs: u.jobs, facts };
    }
  }
  const done = /* @__PURE__ */ new Map();
  const misses = [];
  const keys = /* @__PURE__ */ new Set();
  for (const job of plan.jobs) {
    const key = cache && cacheKey({ job, setJobs: sets[job.set].jobs, facts: sets[job.set].facts, files });
    if (key) keys.add(key);
    const file = path2.join(plan.outDir, job.output.path);
    const hit = key ? cache.copyTo(key, file) : void 0;
    if (hit)
      done.set(job.id, {
        job,
        file,
        text: hit.text,
        facts: hit.facts,
        record: jobRecord(job, hit.bytes, hit.sha256, true)
      });
    else misses.push({ job, key });
  }
  let emitted = 0;
  const out = [];
  const emit = () => {
    while (emitted < plan.jobs.length) {
      const img2 = done.get(plan.jobs[emitted].id);
      if (!img2) break;
      out.push(img2);
      emitted++;
      opts.onImage?.(img2, emitted, plan.jobs.length);
    }
  };
  emit();
  if (!glyphsChecked && misses.length) checkGlyphs(misses.map((m) => m.job));
  const batches = batchesOf(misses);
  const threads = poolSize(opts.jobs, batches.length);
  const base = { outDir: plan.outDir, cacheDir: cache?.dir, decodeBudget: decodeBudget(threads) };
  const byId = new Map(plan.jobs.map((j) => [j.id, j]));
  const decodes = { made: 0, reused: 0 };
  const layers = { made: 0, reused: 0 };
  const take = (r) => {
    decodes.made += r.decodes.made;
    decodes.reused += r.decodes.reused;
    layers.made += r.layers.made;
    layers.reused += r.layers.reused;
    for (const i of r.images) {
      const job = byId.get(i.id);
      done.set(i.id, {
        job,
        file: path2.join(plan.outDir, job.output.path),
        text: i.text,
        facts: i.facts,
        record: i.record
      });
    }
    emit();
    if (r.error)
      throw new RenderError(r.error.render ? r.error.message : `rendering ${r.error.jobId} failed: ${r.error.message}`);
  };
  const taskOf = (b) => ({ ...base, jobs: b, sets: pick(sets, b) });
  const pool2 = threads > 1 ? await RenderPool.open(threads, { workerFile: opts.workerFile }) : void 0;
  const used = pool2 instanceof RenderPool ? threads : 1;
  if (pool2 instanceof RenderPool) {
    const abort = new AbortController();
    const failed = (b) => (e) => {
      if (e instanceof RenderError) throw e;
      const more = b.length > 1 ? ` (and ${b.length - 1} more job(s) of its batch)` : "";
      throw new RenderError(
        `rendering ${b[0].job.id}${more} failed: the render worker stopped: ${errorMessage(e).split("\n")[0]}`,
        { cause: e }
      );
    };
    try {
      await Promise.all(batches.map((b) => pool2.run(taskOf(b), abort.signal).then(take).catch(failed(b))));
      if (pool2.failure) throw new RenderError(`the render worker pool failed: ${pool2.failure.message.split("\n")[0]}`);
    } catch (e) {
      abort.abort();
      throw e;
    } finally {
      await pool2.close();
    }
  } else {
    if (pool2) opts.onNote?.(`rendering in one thread: ${pool2.unavailable}`);
    for (const b of batches) take(await runBatch(taskOf(b)));
  }
  if (cache) pruneNow(cache);
  opts.onStats?.({
    rendered: misses.length,
    cached: plan.jobs.length - misses.length,
    threads: used,
    decodes,
    layers,
    keys: [...keys]
  });
  return out;
}
var BATCH_JOBS = 16;
function batchesOf(jobs) {
  const parent = /* @__PURE__ */ new Map();
  const find = (s) => {
    let r = s;
    while (parent.get(r) !== r) r = parent.get(r) ?? (parent.set(r, r), r);
    parent.set(s, r);
    return r;
  };
  const byShot = /* @__PURE__ */ new Map();
  for (const { job } of jobs) {
    find(job.set);
    for (const shot of [job.screenshot, job.secondScreenshot, job.thirdScreenshot]) {
      if (!shot) continue;
      const other = byShot.get(shot);
      if (other === void 0) byShot.set(shot, job.set);
      else parent.set(find(job.set), find(other));
    }
  }
  const groups = /* @__PURE__ */ new Map();
  for (const j of jobs) {
    const g = find(j.job.set);
    groups.get(g)?.push(j) ?? groups.set(g, [j]);
  }
  const look = (j) => `${j.set}
${JSON.stringify(j.style.background ?? {})}
${JSON.stringify(j.style.device ?? {})}
${j.screenshot ?? ""}`;
  const out = [];
  for (const g of groups.values()) {
    const sorted = g.map((j, i) => ({ j, i, k: look(j.job) })).sort((a, b) => a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i).map((x) => x.j);
    const parts = Math.ceil(sorted.length / BATCH_JOBS);
    for (let p = 0; p < parts; p++)
      out.push(sorted.slice(Math.round(p * sorted.length / parts), Math.round((p + 1) * sorted.length / parts)));
  }
  return out;
}
function pick(sets, b) {
  const out = {};
  for (const { job } of b) out[job.set] = sets[job.set];
  return out;
}
function pruneNow(cache) {
  const marker = path2.join(cache.dir, ".pruned");
  try {
    if (existsSync(marker) && Date.now() - statSync(marker).mtimeMs < 864e5) return;
    mkdirSync2(cache.dir, { recursive: true });
    writeFileSync2(marker, "");
    cache.prune({ maxAgeDays: 30 });
  } catch {
  }
}

// src/remote/run.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/remote/client.ts
init_define_globalThis_STORESHOTS_NATIVES();
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
    return retrying(
      async () => {
        let res;
        try {
          res = await this.opts.fetch(url, {
            method,
            headers,
            body,
            signal: AbortSignal.timeout(this.opts.requestTimeoutMs)
          });
        } catch (e) {
          throw new RemoteError(
            `${method} ${url} failed: ${e instanceof Error && e.cause ? errorMessage(e.cause) : errorMessage(e)}`
          );
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
        const err = new RemoteError(
          `${method} ${url} answered ${res.status}${code ? ` ${code}` : ""}: ${message}`,
          res.status,
          code
        );
        if (res.status === 429 || res.status >= 500)
          err.retryAfter = retryAfterMs(res.headers.get("retry-after"));
        throw err;
      },
      {
        retries: this.opts.retries,
        sleep: (ms) => ms > 0 ? this.opts.sleep(ms) : Promise.resolve(),
        // Cut connections, 429 and 5xx are retried; any other answer is final. After the last
        // attempt nothing is retried, so nothing is announced (onRetry would log a retry that never comes).
        delayAfter: (error, attempt) => {
          const status = error.status;
          if (!(error instanceof RemoteError) || status !== void 0 && status !== 429 && status < 500)
            return void 0;
          if (attempt > this.opts.retries) return void 0;
          const hinted = error.retryAfter;
          const wait = hinted !== void 0 ? Math.min(hinted, this.opts.maxDelayMs * 4) : backoffMs(attempt, this.opts.minDelayMs, this.opts.maxDelayMs);
          this.opts.onRetry?.({ attempt, reason: error.message, waitMs: wait, url });
          return wait;
        }
      }
    ).catch((e) => {
      throw e instanceof RemoteError ? e : new RemoteError(errorMessage(e));
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
    const path8 = `/v1/renders/${encodeURIComponent(id)}/images/${index}`;
    let lastError;
    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {
      try {
        const res = await this.request("GET", path8, { headers: { accept: "image/*" } });
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
    throw new RemoteError(`downloading image ${index} of render ${id} failed: ${errorMessage(lastError)}`);
  }
};

// src/remote/request.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { readFileSync } from "node:fs";
function groupSets(jobs) {
  const sets = /* @__PURE__ */ new Map();
  for (const j of jobs) sets.set(j.set, [...sets.get(j.set) ?? [], j]);
  return sets;
}
function remoteStyle(job) {
  const style = structuredClone(job.style);
  const bad = (field, value) => new UserError([
    {
      severity: "error",
      message: `${job.id}: ${field} "${value}" names a file on this machine, which remote mode cannot send; use a built-in theme token or render locally`,
      at: job.source.slide
    }
  ]);
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
    style: remoteStyle(j),
    // The plan already chose this device's and locale's call-outs.
    ...j.callouts ? { callouts: j.callouts.map(({ devices: _d, locales: _l, ...c }) => c) } : {},
    ...j.content ? { content: contentToText(j.content) } : {}
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
  const idempotencyKey = `ss1-${sha256(`${VERSION}
${canonicalJson(body)}`).slice(0, 48)}`;
  if (extras.webhookSecret) body.webhook_secret = extras.webhookSecret;
  return { set: first.set, jobs, body, idempotencyKey };
}

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
    submitted.push({
      set: s.set,
      id: data.id,
      status: data.status,
      replayed: headers.get("idempotent-replayed") === "true"
    });
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
      throw new RenderError(
        `timed out waiting for the render API after ${Math.round((opts.timeoutMs ?? 18e5) / 1e3)} s; still pending: ${pending.join(", ")}`
      );
    }
    await sleep(Math.min(interval, Math.max(0, deadline - now())));
    interval = Math.min(opts.maxPollMs ?? 15e3, Math.round(interval * 1.5));
  }
}
async function downloadImages(render, outDir, place, client) {
  if (render.status !== "succeeded") {
    const set = render.metadata?.set ?? render.id;
    throw new RenderError(
      `render ${render.id} for ${set} ${render.status}${render.error ? `: ${render.error.code}: ${render.error.message}` : ""}`
    );
  }
  const fetched = [];
  for (const img2 of render.images ?? []) {
    const placed = place(img2);
    const buf = await client.image(render.id, img2.index, { bytes: img2.bytes });
    const sha = sha256(buf);
    if (sha !== img2.sha256)
      throw new RenderError(
        `image ${img2.index} of render ${render.id} does not match its sha256 (got ${sha.slice(0, 12)}\u2026, expected ${String(img2.sha256).slice(0, 12)}\u2026)`
      );
    fetched.push({ placed, buf });
  }
  const seen = /* @__PURE__ */ new Set();
  const placedFiles = fetched.map(({ placed, buf }) => {
    const file = safeJoin(outDir, placed.path);
    if (seen.has(file)) throw new RenderError(`render ${render.id} has two images for ${placed.path}`);
    seen.add(file);
    return { placed, buf, file };
  });
  return placedFiles.map(({ placed, buf, file }) => {
    writeFileAtomic(file, buf);
    return { placed, file, bytes: buf.length };
  });
}
function safeJoin(outDir, rel) {
  const abs = joinInside(outDir, rel);
  if (!abs) throw new RenderError(`refusing an output path outside the output folder: ${JSON.stringify(rel)}`);
  return abs;
}
async function downloadRenderedSet(plan, jobs, render, client) {
  for (const job of jobs) {
    if (!render.images?.some((i) => i.slide === job.slide) && render.status === "succeeded")
      throw new RenderError(`render ${render.id} has no image for slide ${job.slide}`);
  }
  const got = await downloadImages(
    render,
    plan.outDir,
    (img2) => {
      const job = jobs.find((j) => j.slide === img2.slide);
      if (!job)
        throw new RenderError(
          `render ${render.id} sent an image for slide ${img2.slide}, which ${jobs[0].set} does not have`
        );
      if (img2.width !== job.size.width || img2.height !== job.size.height) {
        throw new RenderError(
          `render ${render.id} slide ${job.slide} is ${img2.width}x${img2.height}, expected ${job.size.width}x${job.size.height}`
        );
      }
      return { img: img2, path: job.output.path, locale: job.locale, preset: job.preset };
    },
    client
  );
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
  return {
    path: p.path,
    locale: p.locale,
    preset: p.preset,
    slide,
    index,
    width: p.img.width,
    height: p.img.height,
    format: p.img.format,
    bytes,
    sha256: p.img.sha256,
    cached: false
  };
}
function remoteFindingsOf(renders) {
  const out = [];
  for (const r of renders) {
    for (const f of r.lint?.findings ?? []) {
      if (f && typeof f.rule === "string")
        out.push({ ...f, rule: f.rule.startsWith("remote.") ? f.rule : `remote.${f.rule}`, severity: "warning" });
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
      images.push(...await downloadRenderedSet(plan, s.jobs, finished.get(id), client));
    }
    return {
      images,
      remoteFindings: remoteFindingsOf(finished.values()),
      renders: submitted.map((s) => ({ set: s.set, id: s.id, status: finished.get(s.id).status }))
    };
  } catch (e) {
    if (e instanceof RemoteError) throw new RenderError(`render API: ${e.message}`);
    throw e;
  }
}

// src/pipeline.ts
async function runPipeline(opts) {
  const t0 = performance.now();
  const project = loadProject(opts);
  const plan = selectJobs(project.plan, opts);
  await captureJobs(plan.jobs, {
    browser: opts.browser,
    env: process.env,
    // The user's own machine: private and loopback open, link-local and metadata still refused.
    resolve: async (host) => (await resolveChecked(host, true))[0].address,
    onNote: opts.onNote
  });
  const t1 = performance.now();
  const remote = opts.remote ? await renderRemote(plan, opts.remote) : void 0;
  const images = remote ? remote.images : await renderPlan(plan, opts);
  const t2 = performance.now();
  const findings = await lintRender(plan, images);
  const t3 = performance.now();
  const report = buildReport(
    images.map((i) => i.record),
    findings
  );
  if (remote && opts.remote)
    report.remote = { url: opts.remote.baseUrl, renders: remote.renders, findings: remote.remoteFindings };
  const reportFile = writeReport(plan.outDir, report, { title: plan.app.name });
  return {
    plan,
    images,
    report,
    reportFile,
    warnings: project.warnings,
    timings: { plan: t1 - t0, render: t2 - t1, lint: t3 - t2 }
  };
}

// src/outcome.ts
init_define_globalThis_STORESHOTS_NATIVES();
import path3 from "node:path";
function countFindings(findings) {
  const errors = findings.filter((f) => f.severity === "error").length;
  return { errors, warnings: findings.length - errors };
}
function failingCount(counts, failOn) {
  if (failOn === "never") return 0;
  return failOn === "warning" ? counts.errors + counts.warnings : counts.errors;
}
function failOnMessage(failing, failOn) {
  return `${failing} lint finding${failing === 1 ? "" : "s"} at or above fail-on: ${failOn} (see the annotations and the job summary)`;
}
function findingLine(f) {
  return `${f.severity}: ${f.rule}: ${f.path && !f.message.startsWith(f.path) ? `${f.path}: ` : ""}${f.message}
`;
}
function formatFinding(f) {
  return `${f.severity.padEnd(7)} ${f.rule}: ${f.message}
        ${f.source} (verified ${f.verified})
`;
}
function findingCommand(f) {
  const esc = (s) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const prop = (s) => esc(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const file = f.path ? ` file=${prop(f.path)},` : " ";
  return `::${f.severity === "error" ? "error" : "warning"}${file}title=${prop(f.rule)}::${esc(`${f.message} (${f.source}, verified ${f.verified})`)}
`;
}
function annotationFile(file, from, workspace, paths = path3) {
  return paths.relative(workspace, paths.resolve(from, file)).split(paths.sep).join("/");
}
function problemPlace(p, workspace, paths = path3) {
  if (!p.at) return {};
  return {
    file: annotationFile(p.at.file, workspace, workspace, paths),
    startLine: p.at.line,
    startColumn: p.at.column
  };
}

// src/merge.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { copyFileSync, mkdirSync as mkdirSync3 } from "node:fs";
import path4 from "node:path";
var WHOLE = /* @__PURE__ */ new Set(["set", "run"]);
async function mergeShards(opts) {
  if (!opts.dirs.length) throw new UserError("merge needs at least one shard folder");
  const project = loadProject(opts);
  const plan = selectJobs(project.plan, { locales: opts.locales, presets: opts.presets, slides: opts.slides });
  const byPath = new Map(plan.jobs.map((j) => [j.output.path, j]));
  const found = /* @__PURE__ */ new Map();
  const kept = [];
  const problems = [];
  const shards = [];
  mkdirSync3(plan.outDir, { recursive: true });
  for (const dir of opts.dirs) {
    const report2 = readReport(dir);
    shards.push({ dir, images: report2.images.length });
    for (const rec of report2.images) {
      const job = byPath.get(rec.path);
      if (!job) {
        problems.push(
          `${dir}: ${rec.path} is not an image of this manifest and selection (were the shards rendered from another commit, or with other --locale/--preset/--slide/--pseudo options?)`
        );
        continue;
      }
      const prev = found.get(rec.path);
      if (prev) {
        if (prev.record.sha256 !== rec.sha256)
          problems.push(`${rec.path} is in both ${prev.dir} and ${dir} with different bytes`);
        continue;
      }
      const listed = readListedImage(dir, rec);
      if ("problem" in listed) {
        problems.push(`${dir}: ${rec.path} ${LISTED_PROBLEM[listed.problem]}`);
        continue;
      }
      const src = listed.file;
      const dest = path4.join(plan.outDir, rec.path);
      if (path4.resolve(src) !== path4.resolve(dest)) {
        mkdirSync3(path4.dirname(dest), { recursive: true });
        copyFileSync(src, dest);
      }
      found.set(rec.path, { record: rec, dir });
    }
    for (const f of report2.findings) {
      const rule = getRule(f.rule);
      if (!rule || !WHOLE.has(rule.scope)) kept.push(f);
    }
  }
  const missing = plan.jobs.filter((j) => !found.has(j.output.path));
  if (missing.length) {
    problems.push(
      `${missing.length} of ${plan.jobs.length} images are in no shard: ${missing.slice(0, 8).map((j) => j.output.path).join(", ")}${missing.length > 8 ? ", \u2026" : ""} (did a shard fail, or is one folder missing?)`
    );
  }
  if (problems.length) throw new RenderError(`cannot merge the shards:
${problems.map((p) => `  ${p}`).join("\n")}`);
  const images = plan.jobs.map((job) => ({
    job,
    file: path4.join(plan.outDir, job.output.path),
    text: [],
    record: found.get(job.output.path).record
  }));
  const whole = (await lintRender(plan, images)).filter((f) => WHOLE.has(getRule(f.rule)?.scope ?? ""));
  const seen = /* @__PURE__ */ new Set();
  const findings = sortFindings(
    [...kept, ...whole].filter((f) => {
      const k = JSON.stringify(f);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
  );
  const report = buildReport(
    images.map((i) => i.record),
    findings
  );
  const reportFile = writeReport(plan.outDir, report, { title: plan.app.name });
  return { plan, images, report, reportFile, warnings: project.warnings, shards };
}

// src/diff/format.ts
init_define_globalThis_STORESHOTS_NATIVES();
function formatShare(score) {
  const p = score * 100;
  const t = p === 0 ? "0" : p >= 10 ? p.toFixed(1) : p.toPrecision(2);
  return `${t.includes(".") && !t.includes("e") ? t.replace(/\.?0+$/, "") : t}%`;
}

// src/diff/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { copyFileSync as copyFileSync2, existsSync as existsSync3, mkdirSync as mkdirSync4, readdirSync, renameSync as renameSync2, rmSync, writeFileSync as writeFileSync3 } from "node:fs";
import path7 from "node:path";

// src/diff/html.ts
init_define_globalThis_STORESHOTS_NATIVES();
var attrs = (e, status) => `data-status="${status}" data-locale="${escapeHtml(e.locale)}" data-preset="${escapeHtml(e.preset)}" data-slide="${escapeHtml(e.slide)}" data-path="${escapeHtml(e.path)}"`;
var caption = (e) => `${escapeHtml(e.locale)} \xB7 ${escapeHtml(e.preset)} \xB7 ${String(e.index).padStart(2, "0")} ${escapeHtml(e.slide)}`;
var link = (rel, text) => rel ? `<a href="${escapeHtml(pathUrl(rel))}">${text}</a>` : "";
var img = (rel, cls, alt, extra = "") => rel ? `<img class="${cls}" src="${escapeHtml(pathUrl(rel))}" alt="${escapeHtml(alt)}" loading="lazy" decoding="async"${extra}>` : "";
function changedCard(e, n) {
  const who = `${e.locale} ${e.preset} ${e.slide}`;
  const bw = e.baseWidth ? ` style="width:${(e.baseWidth / e.width * 100).toFixed(3)}%"` : "";
  const sizes = e.baseWidth ? ` \xB7 was ${e.baseWidth}x${e.baseHeight}` : "";
  return `<figure class="card" id="c-${n}" ${attrs(e, "changed")} data-mode="slider">
<div class="compare" style="aspect-ratio:${e.width}/${e.height};--pos:50%">
${img(e.after, "after", `after: ${who}`)}
${img(e.before, "before", `before: ${who}`, bw)}
${img(e.diff, "diff", `changed pixels: ${who}`)}
<div class="line" aria-hidden="true"></div>
<input class="slider" type="range" min="0" max="100" value="50" step="0.5" aria-label="Before (left) and after (right) of ${escapeHtml(who)}">
</div>
<div class="modes" role="group" aria-label="Show">${["slider", "before", "after", "diff"].map((m) => `<button type="button" data-mode="${m}" aria-pressed="${m === "slider"}">${m}</button>`).join("")}</div>
<figcaption><strong>${caption(e)}</strong><span class="meta">${formatShare(e.score)} of pixels changed (${e.pixels} px) in ${e.regions.length} area(s) \xB7 ${e.width}x${e.height}${sizes}</span>
<span class="path">${escapeHtml(e.path)}${e.basePath ? ` (was ${escapeHtml(e.basePath)})` : ""}</span>
<span class="links">${[link(e.before, "before"), link(e.after, "after"), link(e.diff, "diff"), link(e.sideBySide, "side by side")].filter(Boolean).join(" \xB7 ")}</span></figcaption>
</figure>`;
}
function singleCard(e, status, n) {
  const rel = status === "added" ? e.after : e.before;
  return `<figure class="card ${status}" id="${status[0]}-${n}" ${attrs(e, status)}>
<div class="single" style="aspect-ratio:${e.width || 1}/${e.height || 1}">${img(rel, "only", `${status}: ${e.locale} ${e.preset} ${e.slide}`)}</div>
<figcaption><strong>${caption(e)}</strong><span class="meta"><span class="badge ${status}">${status}</span> ${e.width}x${e.height}</span><span class="path">${escapeHtml(e.path)}</span><span class="links">${link(rel, "open")}</span></figcaption>
</figure>`;
}
var STYLE = `
:root{color-scheme:light dark;--bg:#f6f7f9;--fg:#111827;--muted:#6b7280;--card:#fff;--line:#e5e7eb;--hl:#2563eb;--add:#16a34a;--rem:#dc2626;--chg:#d97706}
@media (prefers-color-scheme:dark){:root{--bg:#0b0f17;--fg:#e5e7eb;--muted:#9ca3af;--card:#111827;--line:#1f2937}}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
header{position:sticky;top:0;z-index:3;background:var(--card);border-bottom:1px solid var(--line);padding:12px 20px;display:flex;flex-wrap:wrap;gap:10px 24px;align-items:center}
h1{font-size:18px;margin:0}#verdict{font-weight:600}.filters{display:flex;gap:10px;flex-wrap:wrap;align-items:center}.filters label{color:var(--muted)}select{font:inherit;padding:2px 6px}
main{padding:16px 20px}h2{font-size:16px;margin:22px 0 10px}.none,.note{color:var(--muted)}
.grid{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.card{margin:0;width:300px;background:var(--card);border:1px solid var(--line);border-top:4px solid var(--chg);border-radius:8px;padding:8px}
.card.added{border-top-color:var(--add)}.card.removed{border-top-color:var(--rem)}
.compare,.single{position:relative;width:100%;overflow:hidden;background:repeating-conic-gradient(#8882 0 25%,transparent 0 50%) 50%/16px 16px}
.compare img,.single img{position:absolute;left:0;top:0;width:100%;height:auto;display:block}
.compare .before{clip-path:inset(0 calc(100% - var(--pos)) 0 0)}
.compare .diff{visibility:hidden}
.compare .line{position:absolute;top:0;bottom:0;left:var(--pos);width:2px;margin-left:-1px;background:#fff;box-shadow:0 0 0 1px #0008;pointer-events:none}
.compare .slider{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:ew-resize}
/* visibility, not display: hidden pictures stay decoded, so a toggle shows them at once */
.card[data-mode=before] .before{clip-path:none}.card[data-mode=after] .before{visibility:hidden}
.card[data-mode=diff] .diff{visibility:visible}.card[data-mode=diff] .before{visibility:hidden}
.card:not([data-mode=slider]) .line,.card:not([data-mode=slider]) .slider{display:none}
.modes{display:flex;gap:4px;margin-top:6px}.modes button{font:inherit;font-size:12px;padding:2px 8px;border:1px solid var(--line);border-radius:4px;background:transparent;color:inherit;cursor:pointer}
.modes button[aria-pressed=true]{background:var(--hl);border-color:var(--hl);color:#fff}
figcaption{display:flex;flex-direction:column;margin-top:6px;gap:2px}.meta,.path,.links{color:var(--muted);font-size:12px;word-break:break-all}.links a{color:inherit}
.badge{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;color:#fff;border-radius:4px;padding:0 6px}.badge.added{background:var(--add)}.badge.removed{background:var(--rem)}
details{margin-top:20px}details li{font-size:12px;color:var(--muted)}
.hidden{display:none!important}
`;
var SCRIPT = `(() => {
  const $ = (s, r = document) => Array.from(r.querySelectorAll(s));
  const st = document.getElementById('f-status'), loc = document.getElementById('f-locale'), pre = document.getElementById('f-preset');
  function apply() {
    for (const c of $('.card')) c.classList.toggle('hidden', !((st.value === 'all' || c.dataset.status === st.value) && (loc.value === 'all' || c.dataset.locale === loc.value) && (pre.value === 'all' || c.dataset.preset === pre.value)));
    for (const s of $('section.group')) s.classList.toggle('hidden', $('.card:not(.hidden)', s).length === 0);
    document.getElementById('none-shown').classList.toggle('hidden', $('.card:not(.hidden)').length > 0);
  }
  for (const el of [st, loc, pre]) el.addEventListener('change', apply);
  function setMode(card, mode) {
    card.dataset.mode = mode;
    for (const b of $('.modes button', card)) b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
  }
  for (const b of $('.card .modes button')) b.addEventListener('click', () => setMode(b.closest('.card'), b.dataset.mode));
  for (const b of $('#all-modes button')) b.addEventListener('click', () => { for (const c of $('.card[data-status=changed]')) setMode(c, b.dataset.mode); });
  for (const s of $('.compare .slider')) s.addEventListener('input', () => s.closest('.compare').style.setProperty('--pos', s.value + '%'));
  apply();
})();`;
var SCRIPT_HASH = `sha256-${sha256(SCRIPT, "base64")}`;
function renderDiffHtml(r, opts = {}) {
  const all = [...r.changed, ...r.added, ...r.removed];
  const locales = [...new Set(all.map((e) => e.locale))].sort();
  const presets = [...new Set(all.map((e) => e.preset))].sort();
  const option = (v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`;
  const verdict = `${r.changed.length} changed \xB7 ${r.added.length} added \xB7 ${r.removed.length} removed \xB7 ${r.unchanged} unchanged`;
  const group = (id, title2, cards) => cards.length ? `<section class="group" id="${id}"><h2>${title2}</h2><div class="grid">${cards.join("\n")}</div></section>` : "";
  const noise = r.belowThreshold.length ? `<details id="below-threshold"><summary>${r.belowThreshold.length} image(s) differ only below the threshold (${formatShare(r.threshold)} of pixels) and count as unchanged</summary><ul>${r.belowThreshold.map((e) => `<li>${escapeHtml(e.path)}: ${formatShare(e.score)} (${e.pixels} px)</li>`).join("")}</ul></details>` : "";
  const title = opts.title ? `storeshots diff: ${opts.title}` : "storeshots diff";
  const sides = opts.base && opts.head ? `<p class="note">Before: <code>${escapeHtml(opts.base)}</code> \xB7 after: <code>${escapeHtml(opts.head)}</code></p>` : "";
  return `${pageHead(title, STYLE, SCRIPT_HASH)}<header>
<h1>${escapeHtml(title)}</h1>
<div id="verdict">${escapeHtml(verdict)}</div>
<div class="filters">
<label>Status <select id="f-status"><option value="all">all</option><option value="changed">changed</option><option value="added">added</option><option value="removed">removed</option></select></label>
<label>Locale <select id="f-locale"><option value="all">all</option>${locales.map(option).join("")}</select></label>
<label>Preset <select id="f-preset"><option value="all">all</option>${presets.map(option).join("")}</select></label>
<span id="all-modes" class="modes" role="group" aria-label="Show every changed image as">${["slider", "before", "after", "diff"].map((m) => `<button type="button" data-mode="${m}">${m}</button>`).join("")}</span>
</div>
</header>
<main>
${sides}
${group("changed", "Changed", r.changed.map(changedCard))}
${group(
    "added",
    "Added",
    r.added.map((e, n) => singleCard(e, "added", n))
  )}
${group(
    "removed",
    "Removed",
    r.removed.map((e, n) => singleCard(e, "removed", n))
  )}
<p id="none-shown" class="none">${all.length ? "No image matches the filters." : "Nothing changed."}</p>
<p class="note">${r.unchanged} unchanged image(s) are not shown.</p>
${noise}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

// src/diff/read.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { existsSync as existsSync2, statSync as statSync2 } from "node:fs";
import path5 from "node:path";
var identityKey = (i) => JSON.stringify([i.locale, i.preset, i.slide]);
function readImageSet(dir, label = "folder") {
  const abs = path5.resolve(dir);
  if (!existsSync2(abs) || !statSync2(abs).isDirectory()) throw new UserError(`${label} ${dir} is not a folder`);
  const report = readReport(abs);
  const reportFile = path5.join(abs, "report.json");
  const images = /* @__PURE__ */ new Map();
  report.images.forEach((raw, n) => {
    const field = `images[${n}]`;
    const fail = (msg) => {
      throw new UserError(`${reportFile}: ${msg}`);
    };
    if (!raw || typeof raw !== "object") fail(expected("an image record", field, raw));
    for (const k of ["path", "locale", "preset", "slide"]) {
      if (typeof raw[k] !== "string" || raw[k] === "") fail(expected("a non-empty string", `${field}.${k}`, raw[k]));
    }
    if (typeof raw.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(raw.sha256))
      fail(expected("a sha256 (64 hex digits)", `${field}.sha256`, raw.sha256));
    const listed = readListedImage(abs, raw);
    const at = `${field}.path ${JSON.stringify(raw.path)}`;
    if ("problem" in listed) {
      const file2 = listed.file;
      fail(
        {
          outside: `${at} leaves the folder ${abs}`,
          missing: `${at} is listed but ${file2} does not exist (an incomplete download?)`,
          "link-outside": `${at} leads outside the folder ${abs} (through a symbolic link)`,
          "not-file": `${at}: ${file2} is not a file`,
          sha256: `${file2} does not match the sha256 of ${field} (a cut download, or a file changed after rendering?)`
        }[listed.problem]
      );
    }
    const file = listed.file;
    const key = identityKey(raw);
    const prev = images.get(key);
    if (prev)
      fail(`${field} (${raw.locale}, ${raw.preset}, ${raw.slide}) is listed twice (also ${prev.where}, ${prev.path})`);
    const num = (v) => typeof v === "number" && Number.isFinite(v) ? v : 0;
    images.set(key, {
      locale: raw.locale,
      preset: raw.preset,
      slide: raw.slide,
      path: raw.path,
      index: num(raw.index),
      width: num(raw.width),
      height: num(raw.height),
      sha256: raw.sha256,
      file,
      where: field
    });
  });
  return { dir: abs, reportFile, images };
}

// src/diff/preview.ts
init_define_globalThis_STORESHOTS_NATIVES();
import path6 from "node:path";
async function diffStrip(outDir, e, o = {}) {
  if (!e.sideBySide || !e.diff) throw new Error(`${e.path}: no diff images (run diffSets with outDir)`);
  const height = o.height ?? 480;
  const gap = o.gap ?? Math.max(8, Math.round(height / 30));
  const parts = await Promise.all(
    [e.sideBySide, e.diff].map(
      (rel) => sharp()(path6.join(outDir, rel)).resize({ height }).png({ compressionLevel: 0 }).toBuffer({ resolveWithObject: true })
    )
  );
  const width = parts.reduce((w, p) => w + p.info.width, 0) + gap;
  return sharp()({ create: { width, height, channels: 3, background: { r: 17, g: 24, b: 39 } } }).composite([
    { input: parts[0].data, left: 0, top: 0 },
    { input: parts[1].data, left: parts[0].info.width + gap, top: 0 }
  ]).jpeg({ quality: o.quality ?? 80, mozjpeg: true }).toBuffer();
}
var pictureKey = (kind, e) => `${kind}:${JSON.stringify([e.locale, e.preset, e.slide])}`;
async function diffPictures(outDir, r, o = {}) {
  const max = o.max ?? 10;
  const height = o.height ?? 480;
  const out = [];
  for (const e of r.changed.slice(0, max))
    out.push({ label: pictureKey("changed", e), content: await diffStrip(outDir, e, o), ext: "jpg" });
  const thumbs = [
    ...r.added.map((e) => ["added", e]),
    ...r.removed.map((e) => ["removed", e])
  ];
  for (const [kind, e] of thumbs.slice(0, Math.max(0, max - out.length))) {
    const rel = kind === "added" ? e.after : e.before;
    if (!rel) continue;
    const content = await sharp()(path6.join(outDir, rel)).resize({ height }).flatten({ background: "#ffffff" }).jpeg({ quality: o.quality ?? 80, mozjpeg: true }).toBuffer();
    out.push({ label: pictureKey(kind, e), content, ext: "jpg" });
  }
  return out;
}

// src/diff/index.ts
var DEFAULT_THRESHOLD = 1e-5;
function parseThreshold(value) {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(value);
  const n = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(n >= 0 && n <= 1))
    throw new UserError(expected("a share of pixels from 0 to 1 (or a percentage such as 0.1%)", "--threshold", value));
  return n;
}
function diffVerdict(r) {
  const noise = r.belowThreshold.length ? ` (${r.belowThreshold.length} of them differ only below the threshold)` : "";
  return `${r.changed.length} changed \xB7 ${r.added.length} added \xB7 ${r.removed.length} removed \xB7 ${r.unchanged} unchanged${noise}`;
}
var hasChanges = (r) => r.changed.length + r.added.length + r.removed.length > 0;
function diffJson(r) {
  return `${JSON.stringify(r, null, 2)}
`;
}
var order = (a, b) => a.locale.localeCompare(b.locale) || a.preset.localeCompare(b.preset) || a.index - b.index || a.slide.localeCompare(b.slide);
var stem = (p) => p.replace(/\\/g, "/").replace(/\.[^./]*$/, "");
async function pool(items, n, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
}
function entry(img2) {
  return {
    locale: img2.locale,
    preset: img2.preset,
    slide: img2.slide,
    path: img2.path,
    index: img2.index,
    width: img2.width,
    height: img2.height
  };
}
function prepareOut(outDir, inputs) {
  const out = path7.resolve(outDir);
  for (const dir of inputs) {
    if (isInside(out, dir, { self: true }))
      throw new UserError(`--out ${outDir} would replace the set ${dir}: choose another folder`);
  }
  if (existsSync3(out) && readdirSync(out).length && !existsSync3(path7.join(out, "diff.json"))) {
    throw new UserError(
      `--out ${outDir} is not empty and holds no diff.json: refusing to replace it (choose a new or empty folder)`
    );
  }
  const stage = `${out}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  mkdirSync4(stage, { recursive: true });
  return stage;
}
function publish(stage, out) {
  const old = `${out}.old-${process.pid}`;
  if (existsSync3(out)) renameSync2(out, old);
  renameSync2(stage, out);
  rmSync(old, { recursive: true, force: true });
}
async function diffSets(baseDir, headDir, opts = {}) {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold >= 0 && threshold <= 1))
    throw new UserError(expected("a share of pixels from 0 to 1", "threshold", threshold));
  const base = readImageSet(baseDir, "BASE");
  const head = readImageSet(headDir, "HEAD");
  const out = opts.outDir ? path7.resolve(opts.outDir) : void 0;
  const stage = out ? prepareOut(out, [base.dir, head.dir]) : void 0;
  try {
    const result = { changed: [], added: [], removed: [], unchanged: 0, belowThreshold: [], threshold };
    const pairs = [];
    for (const [key, h] of head.images) {
      const b = base.images.get(key);
      if (!b) result.added.push(entry(h));
      else if (b.sha256 === h.sha256) result.unchanged++;
      else pairs.push([b, h]);
    }
    for (const [key, b] of base.images) if (!head.images.has(key)) result.removed.push(entry(b));
    const copy = (from, rel) => {
      const to = path7.join(stage, rel);
      mkdirSync4(path7.dirname(to), { recursive: true });
      copyFileSync2(from, to);
      return rel;
    };
    const write = (rel, data) => {
      mkdirSync4(path7.dirname(path7.join(stage, rel)), { recursive: true });
      writeFileSync3(path7.join(stage, rel), data);
      return rel;
    };
    await pool(pairs, opts.concurrency ?? 2, async ([b, h]) => {
      const [rb, rh] = await Promise.all([decodeImage(b.file), decodeImage(h.file)]);
      const cmp = compareRaw(rb, rh);
      const e = {
        locale: h.locale,
        preset: h.preset,
        slide: h.slide,
        path: h.path,
        ...b.path !== h.path ? { basePath: b.path } : {},
        index: h.index,
        width: rh.width,
        height: rh.height,
        ...rb.width !== rh.width || rb.height !== rh.height ? { baseWidth: rb.width, baseHeight: rb.height } : {},
        score: cmp.score,
        pixels: cmp.pixels,
        regions: cmp.regions
      };
      if (cmp.score <= threshold) {
        result.unchanged++;
        result.belowThreshold.push(e);
        return;
      }
      if (stage) {
        const s = `changed/${stem(h.path)}`;
        e.before = copy(b.file, `${s}.before${path7.extname(b.path)}`);
        e.after = copy(h.file, `${s}.after${path7.extname(h.path)}`);
        e.diff = write(`${s}.diff.png`, await diffImagePng(cmp));
        e.sideBySide = write(`${s}.side.png`, await sideBySidePng(rb, rh, cmp.regions));
      }
      result.changed.push(e);
    });
    if (stage) {
      for (const e of result.added)
        e.after = copy(head.images.get(identityKey(e)).file, `added/${e.path.replace(/\\/g, "/")}`);
      for (const e of result.removed)
        e.before = copy(base.images.get(identityKey(e)).file, `removed/${e.path.replace(/\\/g, "/")}`);
    }
    for (const list of [result.changed, result.added, result.removed, result.belowThreshold])
      list.sort(order);
    if (stage && out) {
      writeFileSync3(path7.join(stage, "diff.json"), diffJson(result));
      writeFileSync3(path7.join(stage, "diff.html"), renderDiffHtml(result, { base: base.dir, head: head.dir }));
      publish(stage, out);
    }
    return result;
  } catch (e) {
    if (stage) rmSync(stage, { recursive: true, force: true });
    throw e;
  }
}

export {
  groupSets,
  buildSetRequest,
  clientFor,
  waitForRenders,
  downloadImages,
  recordOf,
  remoteFindingsOf,
  runPipeline,
  countFindings,
  failingCount,
  failOnMessage,
  findingLine,
  formatFinding,
  findingCommand,
  annotationFile,
  problemPlace,
  mergeShards,
  formatShare,
  pictureKey,
  diffPictures,
  DEFAULT_THRESHOLD,
  parseThreshold,
  diffVerdict,
  hasChanges,
  diffJson,
  diffSets
};
