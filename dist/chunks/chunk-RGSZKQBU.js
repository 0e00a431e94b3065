import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  cssFont,
  familyChain,
  notAFile,
  notPngOrJpeg
} from "./chunk-F7KGQOZP.js";
import {
  canvas,
  sharp
} from "./chunk-KWPUWPYA.js";
import {
  contrastRatio
} from "./chunk-QNR4RP5L.js";
import {
  freeNow,
  readImageFacts
} from "./chunk-DC2CIEVD.js";
import {
  FRAME_COLORS,
  MODELS,
  autoModel,
  geometry,
  layoutSlide,
  resolveModel,
  slideSetFacts
} from "./chunk-OCSBSED2.js";
import {
  BreakDataNotLoaded,
  COVERAGE_ADVICE,
  coverageProblems,
  loadBreakData
} from "./chunk-HV66XK6Q.js";
import {
  packageRoot
} from "./chunk-AWSRQZJB.js";
import {
  contentKey
} from "./chunk-CZBPMC5E.js";
import {
  sha256,
  sha256File
} from "./chunk-6JH44W7O.js";
import {
  RenderError,
  errorMessage
} from "./chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/version.ts
init_define_globalThis_STORESHOTS_NATIVES();
var VERSION = "0.1.0";

// src/render/batch.ts
init_define_globalThis_STORESHOTS_NATIVES();
import path6 from "node:path";
import { MessageChannel } from "node:worker_threads";

// src/util/atomic.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
function viaTemp(file, make) {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    make(tmp);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
function writeFileAtomic(file, data) {
  viaTemp(file, (tmp) => writeFileSync(tmp, data));
}
function copyFileAtomic(from, file) {
  viaTemp(file, (tmp) => copyFileSync(from, tmp));
}

// src/render/cache.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { createHash } from "node:crypto";
import { existsSync, mkdirSync as mkdirSync2, readdirSync, readFileSync, rmSync as rmSync2, statSync, utimesSync } from "node:fs";
import path2 from "node:path";
import { fileURLToPath } from "node:url";

// src/util/json.ts
init_define_globalThis_STORESHOTS_NATIVES();
function canonicalJson(v) {
  return write(v, /* @__PURE__ */ new Set()) ?? "null";
}
function write(v, stack) {
  if (v !== null && typeof v === "object" && typeof v.toJSON === "function")
    v = v.toJSON();
  if (v === null || typeof v !== "object") return typeof v === "bigint" ? bigint() : JSON.stringify(v);
  if (stack.has(v)) throw new TypeError("canonicalJson: a cyclic structure has no JSON form");
  stack.add(v);
  try {
    if (Array.isArray(v)) return `[${v.map((x) => write(x, stack) ?? "null").join(",")}]`;
    const o = v;
    const parts = [];
    for (const k of Object.keys(o).sort()) {
      const s = write(o[k], stack);
      if (s !== void 0) parts.push(`${JSON.stringify(k)}:${s}`);
    }
    return `{${parts.join(",")}}`;
  } finally {
    stack.delete(v);
  }
}
function bigint() {
  throw new TypeError("canonicalJson: a bigint has no JSON form");
}

// src/render/cache.ts
var CACHE_FORMAT = 1;
var DEFAULT_CACHE_DIR = ".storeshots-cache";
var FileHasher = class {
  memo = /* @__PURE__ */ new Map();
  hash(file) {
    let st;
    try {
      st = statSync(file);
    } catch {
      return "missing";
    }
    if (!st.isFile()) return "not-a-file";
    const k = `${file}|${st.size}|${st.mtimeMs}`;
    let h = this.memo.get(k);
    if (!h) this.memo.set(k, h = sha256File(file));
    return h;
  }
};
var fingerprint;
function rendererFingerprint() {
  if (fingerprint) return fingerprint;
  const h = createHash("sha256").update(`storeshots ${VERSION} cache ${CACHE_FORMAT}
`);
  let root;
  try {
    root = packageRoot();
  } catch {
  }
  if (root) {
    const here = fileURLToPath(import.meta.url);
    const fromSource = here.endsWith(".ts");
    const codeDirs = [path2.join(root, "dist"), ...fromSource ? [path2.join(root, "src")] : []];
    for (const dir of codeDirs) {
      for (const f of listFiles(dir, /\.(js|ts)$/)) h.update(`${path2.relative(root, f)}
`).update(readFileSync(f));
    }
    for (const f of listFiles(path2.join(root, "fonts"), /\.(ttf|otf|ttc)$/i))
      h.update(`${path2.basename(f)} ${statSync(f).size}
`);
  }
  return fingerprint = h.digest("hex");
}
function listFiles(dir, re) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).filter((f) => re.test(f)).sort().map((f) => path2.join(dir, f));
}
function styleFiles(job) {
  const out = /* @__PURE__ */ new Set();
  const walk = (v) => {
    if (typeof v === "string") {
      if (v.startsWith("builtin:")) {
        try {
          out.add(path2.join(packageRoot(), "templates", v.slice("builtin:".length)));
        } catch {
        }
      } else if (/[./\\]/.test(v) && !v.startsWith("#")) {
        const abs = path2.resolve(job.baseDir, v);
        try {
          if (statSync(abs).isFile()) out.add(abs);
        } catch {
        }
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(job.style);
  return [...out].sort();
}
function jobMaterial(job, files) {
  const feature = job.style.layout === "feature";
  return {
    locale: job.locale,
    rtl: job.rtl,
    preset: job.preset,
    presetId: job.presetId,
    store: job.store,
    device: job.device,
    landscape: job.landscape,
    size: [job.size.width, job.size.height],
    index: job.index,
    count: job.count,
    headline: job.headline?.text ?? null,
    subtitle: job.subtitle?.text ?? null,
    appName: feature ? job.appName ?? null : null,
    style: job.style,
    theme: job.theme,
    screenshot: job.screenshot ? files.hash(job.screenshot) : null,
    second: job.secondScreenshot ? files.hash(job.secondScreenshot) : null,
    // Added only when present, so the keys of slides without them stay what they were.
    ...job.thirdScreenshot ? { third: files.hash(job.thirdScreenshot) } : {},
    ...job.content ? { content: contentKey(job.content) } : {},
    fonts: job.fonts.map((f) => files.hash(f)),
    styleFiles: styleFiles(job).map((f) => [path2.basename(f), files.hash(f)]),
    format: job.output.format,
    // PNG ignores quality: changing it must not redraw PNG sets.
    quality: job.output.format === "jpeg" ? job.output.quality : null,
    // Another PNG compression is other bytes (same pixels); the default keeps the keys it always had.
    ...job.output.format === "png" && job.output.compression ? { compression: job.output.compression } : {}
  };
}
function cacheKey(k) {
  const { job, setJobs, facts, files } = k;
  const neighbours2 = job.style.background?.panoramic ? setJobs.filter((o) => Math.abs(o.index - job.index) === 1).sort((a, b) => a.index - b.index).map((o) => jobMaterial(o, files)) : [];
  return sha256(
    canonicalJson({ renderer: k.renderer ?? rendererFingerprint(), job: jobMaterial(job, files), facts, neighbours: neighbours2 })
  );
}
function setDigest(setJobs, files, renderer) {
  return sha256(
    canonicalJson({
      renderer: renderer ?? rendererFingerprint(),
      setFacts: 1,
      jobs: setJobs,
      material: setJobs.map((j) => jobMaterial(j, files))
    })
  );
}
var RenderCache = class {
  dir;
  root;
  constructor(dir) {
    this.dir = dir;
    this.root = path2.join(dir, `v${CACHE_FORMAT}`);
  }
  paths(key) {
    const d = path2.join(this.root, key.slice(0, 2));
    return { img: path2.join(d, `${key}.img`), meta: path2.join(d, `${key}.json`) };
  }
  /** An entry's meta and what `read` makes of its image file; undefined when absent, or unreadable (then removed). */
  open(key, read) {
    const p = this.paths(key);
    try {
      return { p, meta: JSON.parse(readFileSync(p.meta, "utf8")), data: read(p.img) };
    } catch (e) {
      if (e.code !== "ENOENT") this.drop(key);
      return void 0;
    }
  }
  /** Touched on use, so prune() keeps what runs still need. */
  touch(metaFile) {
    const now = /* @__PURE__ */ new Date();
    try {
      utimesSync(metaFile, now, now);
    } catch {
    }
  }
  /** The entry, or undefined when absent, unreadable or corrupt (a corrupt entry is removed). */
  get(key) {
    const entry = this.open(key, (img) => readFileSync(img));
    if (!entry) return void 0;
    const { p, meta, data: buffer } = entry;
    if (meta?.format !== 1 || buffer.length !== meta.bytes || sha256(buffer) !== meta.sha256 || !Array.isArray(meta.text)) {
      this.drop(key);
      return void 0;
    }
    this.touch(p.meta);
    return { buffer, meta };
  }
  /**
   * Copies the entry's image to `file` (atomically) and returns its meta, or undefined when absent,
   * unreadable or corrupt (a corrupt entry is removed). The bytes are checked against the recorded
   * hash unless the file has the size and mtime it was written with (restored or touched entries
   * are checked); then the kernel copies them without reading them into memory.
   */
  copyTo(key, file) {
    const entry = this.open(key, (img) => statSync(img));
    if (!entry) return void 0;
    const { p, meta, data: st } = entry;
    if (meta?.format !== 1 || st.size !== meta.bytes || !Array.isArray(meta.text)) {
      this.drop(key);
      return void 0;
    }
    mkdirSync2(path2.dirname(file), { recursive: true });
    if (meta.imgMtimeMs !== void 0 && meta.imgMtimeMs === st.mtimeMs) {
      try {
        copyFileAtomic(p.img, file);
      } catch {
        return void 0;
      }
    } else {
      let buffer;
      try {
        buffer = readFileSync(p.img);
      } catch {
        this.drop(key);
        return void 0;
      }
      if (buffer.length !== meta.bytes || sha256(buffer) !== meta.sha256) {
        this.drop(key);
        return void 0;
      }
      writeFileAtomic(file, buffer);
    }
    this.touch(p.meta);
    return meta;
  }
  factsFile(digest) {
    return path2.join(this.root, "sets", digest.slice(0, 2), `${digest}.facts`);
  }
  /** A set's text facts stored under its setDigest, or undefined when absent or unreadable (then removed). */
  getSetFacts(digest) {
    const file = this.factsFile(digest);
    let facts;
    try {
      facts = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      if (e.code !== "ENOENT") rmSync2(file, { force: true });
      return void 0;
    }
    if (typeof facts?.textHeight !== "number") {
      rmSync2(file, { force: true });
      return void 0;
    }
    this.touch(file);
    return facts;
  }
  putSetFacts(digest, facts) {
    const file = this.factsFile(digest);
    try {
      mkdirSync2(path2.dirname(file), { recursive: true });
      writeFileAtomic(file, JSON.stringify(facts));
    } catch {
    }
  }
  put(key, buffer, meta) {
    const p = this.paths(key);
    mkdirSync2(path2.dirname(p.img), { recursive: true });
    writeFileAtomic(p.img, buffer);
    writeFileAtomic(p.meta, JSON.stringify({ format: 1, ...meta, imgMtimeMs: statSync(p.img).mtimeMs }));
  }
  drop(key) {
    const p = this.paths(key);
    rmSync2(p.meta, { force: true });
    rmSync2(p.img, { force: true });
  }
  /** Every key stored. */
  keys() {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root, { recursive: true }).filter((f) => f.endsWith(".json")).map((f) => path2.basename(f, ".json"));
  }
  /** Removes entries not in `keep` (the Action saves only what this run used) or, with maxAgeDays, not used for that long. */
  prune(o) {
    let removed = 0;
    const cutoff = o.maxAgeDays !== void 0 ? Date.now() - o.maxAgeDays * 864e5 : void 0;
    for (const key of this.keys()) {
      let drop = o.keep ? !o.keep.has(key) : false;
      if (!drop && cutoff !== void 0) {
        try {
          drop = statSync(this.paths(key).meta).mtimeMs < cutoff;
        } catch {
          drop = true;
        }
      }
      if (drop) {
        this.drop(key);
        removed++;
      }
    }
    const sets = path2.join(this.root, "sets");
    if (cutoff !== void 0 && existsSync(sets)) {
      for (const f of readdirSync(sets, { recursive: true })) {
        if (!f.endsWith(".facts")) continue;
        const file = path2.join(sets, f);
        try {
          if (statSync(file).mtimeMs < cutoff) rmSync2(file, { force: true });
        } catch {
        }
      }
    }
    return removed;
  }
};

// src/render/decode-cache.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { statSync as statSync2 } from "node:fs";
var budget = 48 * 1024 * 1024;
var used = 0;
var entries = /* @__PURE__ */ new Map();
var pending = /* @__PURE__ */ new Map();
var stats = { hits: 0, misses: 0 };
var layers = { hits: 0, misses: 0 };
var Holds = class {
  undo = [];
  /** @internal */
  add(fn) {
    this.undo.push(fn);
  }
  /** Lets go of everything held; the caller must not use those values afterwards. */
  release() {
    const undo = this.undo;
    this.undo = [];
    for (const fn of undo) fn();
  }
};
function setDecodeBudget(bytes) {
  budget = Math.max(0, bytes);
  evict();
}
function decodeStats() {
  let held = 0;
  for (const e of entries.values()) if (e.refs > 0) held++;
  return { ...stats, bytes: used, entries: entries.size, held };
}
function fitsBudget(bytes) {
  return bytes <= budget;
}
function layerStats() {
  return { ...layers };
}
function evict() {
  if (used <= budget) return;
  for (const [k, v] of entries) {
    if (used <= budget) break;
    if (v.refs > 0) continue;
    entries.delete(k);
    used -= v.bytes;
    v.dispose?.();
  }
}
function hold(e, holds) {
  if (!holds) return;
  e.refs++;
  holds.add(() => {
    e.refs--;
    if (e.refs === 0) evict();
  });
}
function fileKey(file) {
  try {
    const st = statSync2(file);
    return `${file}|${st.mtimeMs}|${st.size}`;
  } catch {
    return void 0;
  }
}
async function decodedImage(file, decode) {
  return cachedDecode(file, "raw", decode, (d) => d.data.length);
}
async function cachedDecode(file, kind, decode, bytes, ...freeing) {
  const st = fileKey(file);
  const [dispose, holds] = freeing;
  return remember(st && `${kind}|${st}`, stats, decode, bytes, dispose, holds);
}
async function cachedLayer(key, draw, bytes, dispose, holds) {
  return remember(key && `layer|${key}`, layers, draw, bytes, dispose, holds);
}
async function remember(key, count, make, bytes, dispose, holds) {
  if (key) {
    for (let p = pending.get(key); p; p = pending.get(key)) await p.catch(() => void 0);
    const hit = entries.get(key);
    if (hit) {
      count.hits++;
      entries.delete(key);
      entries.set(key, hit);
      hold(hit, holds);
      return hit.value;
    }
  }
  count.misses++;
  const making = make();
  if (key) {
    pending.set(key, making);
    void making.finally(() => pending.delete(key)).catch(() => void 0);
  }
  const value = await making;
  const n = bytes(value);
  if (key && n <= budget && !entries.has(key)) {
    const e = { value, bytes: n, dispose: dispose && (() => dispose(value)), refs: 0 };
    entries.set(key, e);
    used += n;
    hold(e, holds);
    evict();
  } else if (dispose && holds) {
    holds.add(() => dispose(value));
  }
  return value;
}

// src/render/job.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/report/record.ts
init_define_globalThis_STORESHOTS_NATIVES();
function jobRecord(job, bytes, sha2562, cached) {
  return {
    path: job.output.path,
    locale: job.locale,
    preset: job.preset,
    slide: job.slide,
    ...job.appearance ? { appearance: job.appearance, ...job.alternate ? { alternate: true } : {} } : {},
    index: job.index,
    width: job.size.width,
    height: job.size.height,
    format: job.output.format,
    bytes,
    sha256: sha2562,
    cached
  };
}

// src/render/draw.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/render/background.ts
init_define_globalThis_STORESHOTS_NATIVES();
import path3 from "node:path";

// src/render/images.ts
init_define_globalThis_STORESHOTS_NATIVES();
var MAX_PIXELS = 4e7;
var MAX_SIDE = 16384;
async function probeImage(file, what) {
  const why = notAFile(file);
  if (why === "does not exist") throw new RenderError(`${what} not found: ${file}`);
  if (why) throw new RenderError(`${what} ${file} ${why}`);
  const format = notPngOrJpeg(file);
  if (format) throw new RenderError(`${what} ${file} ${format}`);
  let meta;
  try {
    meta = await sharp()(file, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw new RenderError(`cannot read ${what} ${file}: not a readable PNG or JPEG image (${firstLine(e)})`);
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw new RenderError(`cannot read ${what} ${file}: no image size in its header`);
  if (width * height > MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE) {
    throw new RenderError(
      `${what} ${file} is ${width}x${height} (${(width * height / 1e6).toFixed(0)} MP); the largest image accepted is ${MAX_PIXELS / 1e6} MP and ${MAX_SIDE} px a side: export it at the device's resolution`
    );
  }
  return {
    file,
    width,
    height,
    ...meta.orientation && meta.orientation !== 1 ? { orientation: meta.orientation } : {}
  };
}
async function loadResized(file, what, size, opts = { fit: "cover" }) {
  await probeImage(file, what);
  try {
    const src = await decodedImage(file, async () => {
      const { data: data2, info: info2 } = await sharp()(file, { limitInputPixels: MAX_PIXELS, failOn: "truncated" }).rotate().toColourspace("srgb").raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
      return { data: data2, info: { width: info2.width, height: info2.height, channels: info2.channels } };
    });
    let img = sharp()(src.data, { raw: src.info }).resize(
      Math.max(1, Math.round(size.width)),
      Math.max(1, Math.round(size.height)),
      {
        fit: opts.fit,
        kernel: "lanczos3",
        background: opts.background ?? "#000000",
        position: "centre"
      }
    );
    if (opts.blur && opts.blur >= 0.3) img = img.blur(opts.blur);
    const { data, info } = await img.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (e) {
    throw new RenderError(`cannot decode ${what} ${file}: the file is corrupt or truncated (${firstLine(e)})`);
  }
}
async function loadCanvas(file, what, holds, prepare) {
  await probeImage(file, what);
  try {
    return await cachedDecode(
      file,
      prepare ? `canvas|${prepare.kind}` : "canvas",
      async () => {
        const { data, info } = await sharp()(file, { limitInputPixels: MAX_PIXELS, failOn: "truncated" }).rotate().toColourspace("srgb").ensureAlpha().raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
        const { createCanvas, ImageData } = canvas();
        const c = createCanvas(info.width, info.height);
        c.getContext("2d").putImageData(
          new ImageData(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height),
          0,
          0
        );
        freeNow(data);
        prepare?.apply(c, info);
        return { canvas: c, width: info.width, height: info.height };
      },
      (v) => v.width * v.height * 4,
      // Skia's pixels live outside the JS heap: free them when the entry goes, not at some later GC.
      (v) => {
        v.canvas.width = 0;
        v.canvas.height = 0;
      },
      holds
    );
  } catch (e) {
    throw new RenderError(`cannot decode ${what} ${file}: the file is corrupt or truncated (${firstLine(e)})`);
  }
}
function firstLine(e) {
  return errorMessage(e).split("\n")[0].trim();
}

// src/render/background.ts
function sliceOf(job) {
  const pano = job.style.background?.panoramic && job.count > 1;
  return pano ? { vw: job.size.width * job.count, ox: -(job.index - 1) * job.size.width } : { vw: job.size.width, ox: 0 };
}
function gradientLine(angle, w, h) {
  const a = angle * Math.PI / 180;
  const dx = Math.sin(a);
  const dy = -Math.cos(a);
  const half = (Math.abs(w * dx) + Math.abs(h * dy)) / 2;
  return [w / 2 - dx * half, h / 2 - dy * half, w / 2 + dx * half, h / 2 + dy * half];
}
var MESH_SPOTS = [
  [0.1, 0.08, 0.95],
  [0.95, 0.25, 0.85],
  [0.2, 0.7, 0.9],
  [0.85, 0.92, 0.9],
  [0.55, 0.45, 0.7],
  [0.05, 0.98, 0.8],
  [0.7, 0.02, 0.8]
];
function addStops(g, colors) {
  colors.forEach((c, i) => g.addColorStop(colors.length === 1 ? 0 : i / (colors.length - 1), c));
}
function transparentOf(color) {
  if (/^#[0-9a-f]{6}$/i.test(color)) return `${color}00`;
  if (/^#[0-9a-f]{3}$/i.test(color)) return `${color}0`;
  return "rgba(0,0,0,0)";
}
async function drawBackground(ctx, job) {
  const bg = job.style.background ?? {};
  const { width: W, height: H } = job.size;
  const { vw, ox } = sliceOf(job);
  const colors = bg.gradient ?? [];
  ctx.save();
  ctx.translate(ox, 0);
  ctx.fillStyle = bg.color ?? colors[0] ?? "#111827";
  ctx.fillRect(-ox, 0, W, H);
  const type = bg.type ?? "linear";
  if (colors.length >= 2) {
    if (type === "radial") {
      const g = ctx.createRadialGradient(vw / 2, H * 0.3, 0, vw / 2, H * 0.3, Math.hypot(vw / 2, H * 0.7));
      addStops(g, colors);
      ctx.fillStyle = g;
      ctx.fillRect(-ox, 0, W, H);
    } else if (type === "mesh") {
      ctx.fillStyle = colors[0];
      ctx.fillRect(-ox, 0, W, H);
      const r = Math.max(vw, H) * 0.62;
      colors.slice(1).forEach((c, i) => {
        const [sx, sy, k] = MESH_SPOTS[i % MESH_SPOTS.length];
        const g = ctx.createRadialGradient(sx * vw, sy * H, 0, sx * vw, sy * H, r * k);
        g.addColorStop(0, c);
        g.addColorStop(1, transparentOf(c));
        ctx.fillStyle = g;
        ctx.fillRect(-ox, 0, W, H);
      });
    } else {
      const [x0, y0, x1, y1] = gradientLine(bg.angle ?? 180, vw, H);
      const g = ctx.createLinearGradient(x0, y0, x1, y1);
      addStops(g, colors);
      ctx.fillStyle = g;
      ctx.fillRect(-ox, 0, W, H);
    }
  }
  ctx.restore();
  if (bg.image) await drawImageBackground(ctx, job, bg, vw, ox);
}
function backgroundFile(job, image) {
  if (image.startsWith("builtin:")) {
    const templates = path3.join(packageRoot(), "templates");
    const abs = path3.resolve(templates, image.slice("builtin:".length));
    if (path3.dirname(abs) !== templates)
      throw new RenderError(`background image ${image} names no image shipped in templates/`);
    return abs;
  }
  return path3.resolve(job.baseDir, image);
}
async function drawImageBackground(ctx, job, bg, vw, ox) {
  const { width: W, height: H } = job.size;
  const file = backgroundFile(job, bg.image);
  const img = await loadResized(
    file,
    "background image",
    { width: vw, height: H },
    { fit: bg.fit === "contain" ? "contain" : "cover", blur: bg.blur, background: { r: 0, g: 0, b: 0, alpha: 0 } }
  );
  const { createCanvas, ImageData } = canvas();
  const c = createCanvas(img.width, img.height);
  c.getContext("2d").putImageData(
    new ImageData(
      new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength),
      img.width,
      img.height
    ),
    0,
    0
  );
  ctx.drawImage(c, ox, 0);
  if (bg.tint) {
    ctx.save();
    ctx.fillStyle = bg.tint;
    if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(bg.tint) || /^rgb\(/i.test(bg.tint) || /^[a-z]+$/i.test(bg.tint))
      ctx.globalAlpha = 0.45;
    ctx.fillRect(0, 0, W, H);
    ctx.restore();
  }
}

// src/render/frames.ts
init_define_globalThis_STORESHOTS_NATIVES();
function roundRect(ctx, x, y, w, h, r) {
  const rr = Math.max(0, Math.min(r, w / 2, h / 2));
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, rr);
  ctx.closePath();
}
function shade(hex, amount) {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1], 16);
  const ch = (v) => Math.max(0, Math.min(255, Math.round(amount >= 0 ? v + (255 - v) * amount : v * (1 + amount))));
  const r = ch(n >> 16 & 255);
  const g = ch(n >> 8 & 255);
  const b = ch(n & 255);
  return `#${(r << 16 | g << 8 | b).toString(16).padStart(6, "0")}`;
}
function normalize(ctx, color) {
  const key = color.toLowerCase().replace(/\s+/g, "-");
  ctx.save();
  ctx.fillStyle = "#000000";
  ctx.fillStyle = FRAME_COLORS[key] ?? color;
  const out = String(ctx.fillStyle);
  ctx.restore();
  return out;
}
function drawScreen(ctx, p, spec, shot) {
  const s = p.screen;
  ctx.save();
  if (spec.round) {
    ctx.beginPath();
    ctx.ellipse(s.x + s.width / 2, s.y + s.height / 2, s.width / 2, s.height / 2, 0, 0, Math.PI * 2);
  } else roundRect(ctx, s.x, s.y, s.width, s.height, p.screenRadius);
  ctx.clip();
  ctx.fillStyle = "#000000";
  ctx.fillRect(s.x, s.y, s.width, s.height);
  if (shot) {
    const { width: w, height: h } = shot;
    if (shot.fit === "cover") {
      const k = Math.max(s.width / w, s.height / h);
      const sw = Math.min(w, s.width / k);
      const sh = Math.min(h, s.height / k);
      ctx.drawImage(shot.image, (w - sw) / 2, (h - sh) / 2, sw, sh, s.x, s.y, s.width, s.height);
    } else {
      const k = Math.min(s.width / w, s.height / h);
      const dw = w * k;
      const dh = h * k;
      ctx.drawImage(shot.image, 0, 0, w, h, s.x + (s.width - dw) / 2, s.y + (s.height - dh) / 2, dw, dh);
    }
  }
  ctx.restore();
}
function hasUnderPart(p, userFrame) {
  if (userFrame) return false;
  return p.model !== "none" || p.shadow;
}
function tilted(ctx, p) {
  if (!p.tilt) return;
  const o = p.outer;
  const cx = o.x + o.width / 2;
  const cy = o.y + o.height / 2;
  ctx.translate(cx, cy);
  ctx.rotate(p.tilt * Math.PI / 180);
  ctx.translate(-cx, -cy);
}
function drawDeviceUnder(ctx, p, userFrame) {
  if (!hasUnderPart(p, userFrame)) return;
  const spec = MODELS[p.model];
  const o = p.outer;
  ctx.save();
  tilted(ctx, p);
  const shadowBlur = Math.min(o.width, o.height) * 0.06;
  if (p.model === "none") {
    const s = p.screen;
    softShadow(
      ctx,
      (c) => roundRect(c, s.x, s.y, s.width, s.height, p.screenRadius),
      s,
      "rgba(0,0,0,0.35)",
      shadowBlur,
      shadowBlur * 0.35
    );
    ctx.fillStyle = "#000000";
    roundRect(ctx, s.x, s.y, s.width, s.height, p.screenRadius);
    ctx.fill();
  } else {
    const color = normalize(ctx, p.color);
    inNatural(ctx, p, spec, (k, w, h) => drawBody(ctx, spec, k, w, h, color, p.shadow ? shadowBlur : 0));
  }
  ctx.restore();
}
function drawDeviceOver(ctx, p, shot, userFrame) {
  const spec = MODELS[p.model];
  const o = p.outer;
  ctx.save();
  tilted(ctx, p);
  if (userFrame) {
    drawScreen(ctx, { ...p, screenRadius: Math.min(p.screen.width, p.screen.height) * 0.04 }, spec, shot);
    ctx.drawImage(userFrame, o.x, o.y, o.width, o.height);
  } else if (p.model === "none") {
    drawScreen(ctx, p, spec, shot);
  } else {
    drawScreen(ctx, p, spec, shot);
    inNatural(ctx, p, spec, (k, w) => drawGlassDetails(ctx, spec, k, w, normalize(ctx, p.color)));
  }
  ctx.restore();
}
function softShadow(ctx, trace2, box, color, blur, offsetY) {
  const sigma = blur / 2;
  const S = Math.max(1, Math.min(4, Math.floor(sigma / 2)));
  const m = ctx.getTransform();
  const xs = [];
  const ys = [];
  for (const [x, y] of [
    [box.x, box.y],
    [box.x + box.width, box.y],
    [box.x, box.y + box.height],
    [box.x + box.width, box.y + box.height]
  ]) {
    xs.push(m.a * x + m.c * y + m.e);
    ys.push(m.b * x + m.d * y + m.f);
  }
  const margin = sigma * 3 + S;
  const x0 = Math.floor(Math.min(...xs) - margin);
  const y0 = Math.floor(Math.min(...ys) - margin);
  const lw = Math.max(1, Math.ceil((Math.max(...xs) + margin - x0) / S));
  const lh = Math.max(1, Math.ceil((Math.max(...ys) + margin - y0) / S));
  const layer = canvas().createCanvas(lw, lh);
  const l = layer.getContext("2d");
  l.setTransform(m.a / S, m.b / S, m.c / S, m.d / S, (m.e - x0) / S, (m.f - y0) / S);
  l.filter = `blur(${sigma / S}px)`;
  l.fillStyle = color;
  trace2(l);
  l.fill();
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "low";
  ctx.drawImage(layer, x0, y0 + offsetY, lw * S, lh * S);
  ctx.restore();
}
function inNatural(ctx, p, spec, fn) {
  const g = geometry(spec, false);
  const o = p.outer;
  const k = (p.landscape ? o.height : o.width) / g.outerW;
  const w = g.outerW * k;
  const h = g.outerH * k;
  ctx.save();
  ctx.translate(o.x + o.width / 2, o.y + o.height / 2);
  if (p.landscape) ctx.rotate(-Math.PI / 2);
  ctx.translate(-w / 2, -h / 2);
  fn(k, w, h);
  ctx.restore();
}
function lidBox(spec, k, w, h) {
  const [t, r, b, l] = spec.bezel;
  const lidW = (1 + l + r) * k;
  const lidH = (1 / spec.screenAspect + t + b) * k;
  return { x: (w - lidW) / 2, y: 0, width: lidW, height: Math.min(h, lidH) };
}
function drawBody(ctx, spec, k, w, h, color, shadowBlur) {
  const lid = lidBox(spec, k, w, h);
  const R = spec.bodyRadius * k;
  ctx.fillStyle = shade(color, -0.12);
  for (const btn of spec.buttons ?? []) {
    const bw = 0.014 * k;
    const x = btn.side === "left" ? lid.x - bw * 0.6 : lid.x + lid.width - bw * 0.4;
    roundRect(ctx, x, lid.y + spec.bezel[0] * k + btn.at * k, bw, btn.len * k, bw / 2);
    ctx.fill();
  }
  if (spec.crown) {
    ctx.fillStyle = shade(color, -0.1);
    roundRect(ctx, lid.x + lid.width - 0.03 * k, lid.y + lid.height * 0.22, 0.09 * k, 0.22 * k, 0.03 * k);
    ctx.fill();
  }
  if (spec.stand) {
    ctx.fillStyle = shade(color, -0.05);
    const nw = spec.stand.w * k * 0.35;
    ctx.fillRect(w / 2 - nw / 2, lid.height - 0.01 * k, nw, spec.stand.h * k * 0.8);
    roundRect(
      ctx,
      w / 2 - spec.stand.w * k / 2,
      h - spec.stand.h * k * 0.25,
      spec.stand.w * k,
      spec.stand.h * k * 0.25,
      0.01 * k
    );
    ctx.fill();
  }
  const outline = (c) => {
    if (spec.round) {
      c.beginPath();
      c.ellipse(lid.x + lid.width / 2, lid.y + lid.height / 2, lid.width / 2, lid.height / 2, 0, 0, Math.PI * 2);
    } else roundRect(c, lid.x, lid.y, lid.width, lid.height, R);
  };
  if (shadowBlur > 0) softShadow(ctx, outline, lid, "rgba(0,0,0,0.38)", shadowBlur, shadowBlur * 0.4);
  ctx.fillStyle = color;
  outline(ctx);
  ctx.fill();
  const sheen = ctx.createLinearGradient(lid.x, 0, lid.x + lid.width, 0);
  sheen.addColorStop(0, "rgba(255,255,255,0.22)");
  sheen.addColorStop(0.08, "rgba(255,255,255,0)");
  sheen.addColorStop(0.92, "rgba(255,255,255,0)");
  sheen.addColorStop(1, "rgba(255,255,255,0.16)");
  ctx.fillStyle = sheen;
  if (spec.round) {
    ctx.beginPath();
    ctx.ellipse(lid.x + lid.width / 2, lid.y + lid.height / 2, lid.width / 2, lid.height / 2, 0, 0, Math.PI * 2);
  } else roundRect(ctx, lid.x, lid.y, lid.width, lid.height, R);
  ctx.fill();
  const rim = spec.rim * k;
  const light = spec.id === "iphone-home" && luminance(color) > 0.6;
  ctx.fillStyle = light ? "#f4f4f5" : "#09090b";
  if (spec.round) {
    ctx.beginPath();
    ctx.ellipse(
      lid.x + lid.width / 2,
      lid.y + lid.height / 2,
      lid.width / 2 - rim,
      lid.height / 2 - rim,
      0,
      0,
      Math.PI * 2
    );
  } else roundRect(ctx, lid.x + rim, lid.y + rim, lid.width - 2 * rim, lid.height - 2 * rim, R - rim);
  ctx.fill();
  if (spec.base) {
    const bw = spec.base.w * k;
    const bh = spec.base.h * k;
    const by = lid.height;
    const g = ctx.createLinearGradient(0, by, 0, by + bh);
    g.addColorStop(0, shade(color, 0.25));
    g.addColorStop(1, shade(color, -0.25));
    ctx.fillStyle = g;
    ctx.beginPath();
    ctx.moveTo((w - bw) / 2, by);
    ctx.lineTo((w + bw) / 2, by);
    ctx.lineTo((w + bw) / 2 - bh * 0.3, by + bh);
    ctx.lineTo((w - bw) / 2 + bh * 0.3, by + bh);
    ctx.closePath();
    ctx.fill();
    ctx.fillStyle = shade(color, -0.3);
    roundRect(ctx, w / 2 - 0.09 * k, by, 0.18 * k, bh * 0.35, bh * 0.2);
    ctx.fill();
  }
}
function luminance(color) {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return 0;
  const n = parseInt(m[1], 16);
  return (0.2126 * (n >> 16 & 255) + 0.7152 * (n >> 8 & 255) + 0.0722 * (n & 255)) / 255;
}
function drawGlassDetails(ctx, spec, k, w, color) {
  const [t, , b, l] = spec.bezel;
  const lid = lidBox(spec, k, w, 0 + (1 / spec.screenAspect + t + b) * k);
  const sx = lid.x + l * k;
  const sy = lid.y + t * k;
  const sw = k;
  const sh = k / spec.screenAspect;
  ctx.fillStyle = "#000000";
  if (spec.island) {
    const iw = spec.island.w * k;
    const ih = spec.island.h * k;
    roundRect(ctx, sx + (sw - iw) / 2, sy + spec.island.top * k, iw, ih, ih / 2);
    ctx.fill();
  }
  if (spec.notch) {
    const nw = spec.notch.w * k;
    const nh = spec.notch.h * k;
    const x0 = sx + (sw - nw) / 2;
    const r = nh * 0.45;
    ctx.beginPath();
    ctx.moveTo(x0 - r, sy);
    ctx.lineTo(x0 + nw + r, sy);
    ctx.quadraticCurveTo(x0 + nw, sy, x0 + nw, sy + r);
    ctx.lineTo(x0 + nw, sy + nh - r);
    ctx.quadraticCurveTo(x0 + nw, sy + nh, x0 + nw - r, sy + nh);
    ctx.lineTo(x0 + r, sy + nh);
    ctx.quadraticCurveTo(x0, sy + nh, x0, sy + nh - r);
    ctx.lineTo(x0, sy + r);
    ctx.quadraticCurveTo(x0, sy, x0 - r, sy);
    ctx.closePath();
    ctx.fill();
  }
  if (spec.punchHole) {
    const d = spec.punchHole.d * k;
    ctx.beginPath();
    ctx.arc(sx + sw / 2, sy + spec.punchHole.top * k + d / 2, d / 2, 0, Math.PI * 2);
    ctx.fill();
  }
  if (spec.camera) {
    const d = spec.camera.d * k;
    ctx.fillStyle = "#1f2937";
    ctx.beginPath();
    ctx.arc(sx + sw / 2, lid.y + t * k / 2, d / 2, 0, Math.PI * 2);
    ctx.fill();
  }
  if (spec.homeButton) {
    const d = spec.homeButton.d * k;
    const cy = sy + sh + b * k / 2;
    ctx.strokeStyle = luminance(color) > 0.6 ? "#d4d4d8" : "#27272a";
    ctx.lineWidth = d * 0.06;
    ctx.beginPath();
    ctx.arc(sx + sw / 2, cy, d / 2, 0, Math.PI * 2);
    ctx.stroke();
    ctx.fillStyle = luminance(color) > 0.6 ? "#d4d4d8" : "#27272a";
    roundRect(ctx, sx + sw / 2 - 0.09 * k, lid.y + t * k / 2 - 8e-3 * k, 0.18 * k, 0.016 * k, 8e-3 * k);
    ctx.fill();
  }
}
function rawToCanvas(data, width, height) {
  const { createCanvas, ImageData } = canvas();
  const c = createCanvas(width, height);
  c.getContext("2d").putImageData(
    new ImageData(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height),
    0,
    0
  );
  return c;
}

// src/render/measure.ts
init_define_globalThis_STORESHOTS_NATIVES();
import path4 from "node:path";
function applyFont(ctx, f) {
  ctx.font = cssFont(f.weight, f.size, f.chain);
  ctx.lang = f.lang;
  ctx.letterSpacing = `${f.letterSpacing * f.size}px`;
}
function createMeasurer() {
  const ctx = canvas().createCanvas(8, 8).getContext("2d");
  const cache2 = /* @__PURE__ */ new Map();
  return {
    width(text, font) {
      const key = `${font.chain.join(",")}|${font.weight}|${font.size}|${font.lang}|${font.letterSpacing}|${text}`;
      let w = cache2.get(key);
      if (w === void 0) {
        applyFont(ctx, font);
        w = ctx.measureText(text).width;
        cache2.set(key, w);
      }
      return w;
    },
    chain(style, job) {
      const f = style.font;
      const file = f && /\.(ttf|otf|ttc)$/i.test(f) ? path4.resolve(job.baseDir, f) : f;
      return familyChain({ font: file, locale: job.locale, userFonts: job.fonts });
    }
  };
}

// src/render/text-colour.ts
init_define_globalThis_STORESHOTS_NATIVES();
var AUTO_KEEP_RATIO = 4.5;
var DEFAULT_TEXT_COLOURS = { light: "#ffffff", dark: "#111827" };
function autoColour(text, style, background, hex) {
  const prefer = text["auto-prefer"];
  if (prefer !== void 0 && (contrastRatio(hex(prefer), background) ?? 0) >= AUTO_KEEP_RATIO) return prefer;
  const light = style["text-colors"]?.light ?? DEFAULT_TEXT_COLOURS.light;
  const dark = style["text-colors"]?.dark ?? DEFAULT_TEXT_COLOURS.dark;
  const l = contrastRatio(hex(light), background) ?? 0;
  const d = contrastRatio(hex(dark), background) ?? 0;
  return l >= d ? light : dark;
}

// src/render/statusbar.ts
init_define_globalThis_STORESHOTS_NATIVES();
var STATUS_BAR = {
  "iphone-island": { height: 54, platform: "ios" },
  "iphone-notch": { height: 47, platform: "ios" },
  "iphone-home": { height: 20, platform: "ios" },
  ipad: { height: 24, platform: "ios" },
  android: { height: 24, platform: "android" }
};
var ANDROID_DP_WIDTH = { phone: 411.43, tablet: 800 };
function barKind(model, shot) {
  const landscape = shot.width > shot.height;
  switch (model) {
    case "iphone-island":
    case "iphone-notch":
    case "iphone-home":
      return landscape ? void 0 : model;
    case "ipad":
      return "ipad";
    case "android-phone":
    case "android-tablet":
      return "android";
    default:
      return void 0;
  }
}
function captureScale(kind, shot, tablet) {
  const short = Math.min(shot.width, shot.height);
  if (kind === "android")
    return Math.round(short / (tablet ? ANDROID_DP_WIDTH.tablet : ANDROID_DP_WIDTH.phone) * 100) / 100;
  if (kind === "ipad") return 2;
  return short >= 1e3 ? 3 : 2;
}
function statusBarLayout(model, shot, rtl) {
  const kind = barKind(model, shot);
  if (!kind) return void 0;
  const s = captureScale(kind, shot, model === "android-tablet");
  const W = shot.width;
  const H = STATUS_BAR[kind].height * s;
  const wPt = W / s;
  let time;
  let icons;
  let iconsRight;
  let iconsCentre;
  let gap;
  const ios = [
    { kind: "signal", w: 18, h: 12 },
    { kind: "wifi", w: 17, h: 12 },
    { kind: "battery", w: 27, h: 13 }
  ];
  if (kind === "iphone-island" || kind === "iphone-notch") {
    const cut = kind === "iphone-island" ? 126 : 162;
    const ear = (wPt - cut) / 2;
    const cy = kind === "iphone-island" ? 29.5 : 25;
    time = { cx: ear / 2 + 4, size: 17, weight: 600, cy };
    icons = ios;
    gap = 6;
    iconsCentre = wPt - ear / 2 - 4;
    iconsRight = 0;
  } else if (kind === "iphone-home") {
    time = { cx: wPt / 2, size: 12, weight: 600, cy: 10 };
    icons = ios.map((i) => ({ ...i, w: i.w * 0.85, h: i.h * 0.85 }));
    gap = 5;
    iconsRight = wPt - 6;
  } else if (kind === "ipad") {
    time = { left: 20, size: 13, weight: 600, cy: 12 };
    icons = ios.map((i) => ({ ...i, w: i.w * 0.9, h: i.h * 0.9 }));
    gap = 6;
    iconsRight = wPt - 20;
  } else {
    time = { left: 16, size: 14, weight: 500, cy: 12 };
    icons = [
      { kind: "wifi", w: 16, h: 13 },
      { kind: "signal", w: 15, h: 13 },
      { kind: "battery", w: 8, h: 14 }
    ];
    gap = 5;
    iconsRight = wPt - 16;
  }
  const total = icons.reduce((a, i) => a + i.w, 0) + gap * (icons.length - 1);
  let x = iconsCentre !== void 0 ? iconsCentre - total / 2 : iconsRight - total;
  const placed = icons.map((i) => {
    const box = { x, y: time.cy - i.h / 2, width: i.w, height: i.h };
    x += i.w + gap;
    return { kind: i.kind, box };
  });
  const px = (b) => {
    const out = { x: b.x * s, y: b.y * s, width: b.width * s, height: b.height * s };
    return rtl ? { ...out, x: W - out.x - out.width } : out;
  };
  let timeX;
  let align;
  if (time.cx !== void 0) {
    timeX = rtl ? W - time.cx * s : time.cx * s;
    align = "center";
  } else {
    timeX = rtl ? W - time.left * s : time.left * s;
    align = rtl ? "right" : "left";
  }
  return {
    kind,
    scale: s,
    bar: { x: 0, y: 0, width: W, height: H },
    time: {
      text: "9:41",
      x: timeX,
      baseline: (time.cy + time.size * 0.36) * s,
      size: time.size * s,
      weight: time.weight,
      align
    },
    // Icons keep their left-to-right order when mirrored, as the platforms draw them.
    icons: placed.map((i) => ({ ...i, box: px(i.box) })).sort((a, b) => a.box.x - b.box.x)
  };
}
function fillColour(ctx, W, y) {
  const row = ctx.getImageData(0, Math.max(0, Math.floor(y)), W, 1).data;
  const counts = /* @__PURE__ */ new Map();
  for (let i = 0; i < W; i++) {
    const k = row[i * 4] << 16 | row[i * 4 + 1] << 8 | row[i * 4 + 2];
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best = 0;
  let n = -1;
  for (const [k, c] of counts)
    if (c > n) {
      best = k;
      n = c;
    }
  return `#${best.toString(16).padStart(6, "0")}`;
}
function inkOn(bg) {
  return (contrastRatio("#000000", bg) ?? 21) >= (contrastRatio("#ffffff", bg) ?? 1) ? "#000000" : "#ffffff";
}
function drawIcon(ctx, icon, ios, ink) {
  const { x, y, width: w, height: h } = icon.box;
  ctx.fillStyle = ink;
  ctx.strokeStyle = ink;
  if (icon.kind === "signal") {
    if (ios) {
      const bw = w / 5.4;
      for (let i = 0; i < 4; i++) {
        const bh = h * (0.4 + 0.2 * i);
        ctx.beginPath();
        ctx.roundRect(x + i * bw * 1.47, y + h - bh, bw, bh, bw * 0.3);
        ctx.fill();
      }
    } else {
      ctx.beginPath();
      ctx.moveTo(x + w, y);
      ctx.lineTo(x + w, y + h);
      ctx.lineTo(x, y + h);
      ctx.closePath();
      ctx.fill();
    }
  } else if (icon.kind === "wifi") {
    const cx = x + w / 2;
    const cy = y + h;
    const r = Math.min(h, w / Math.SQRT2);
    if (ios) {
      ctx.lineWidth = r * 0.17;
      ctx.lineCap = "round";
      for (const f of [0.95, 0.62]) {
        ctx.beginPath();
        ctx.arc(cx, cy, r * f - ctx.lineWidth / 2, -Math.PI * 0.75, -Math.PI * 0.25);
        ctx.stroke();
      }
      ctx.beginPath();
      ctx.moveTo(cx, cy);
      ctx.arc(cx, cy, r * 0.32, -Math.PI * 0.75, -Math.PI * 0.25);
      ctx.closePath();
      ctx.fill();
    } else {
      ctx.beginPath();
      ctx.moveTo(cx, cy);
      ctx.arc(cx, cy, r, -Math.PI * 0.75, -Math.PI * 0.25);
      ctx.closePath();
      ctx.fill();
    }
  } else if (ios) {
    const body = w * 0.9;
    const lw = Math.max(1, h * 0.08);
    ctx.globalAlpha = 0.4;
    ctx.lineWidth = lw;
    ctx.beginPath();
    ctx.roundRect(x + lw / 2, y + lw / 2, body - lw, h - lw, h * 0.3);
    ctx.stroke();
    ctx.beginPath();
    ctx.roundRect(x + body + w * 0.02, y + h * 0.32, w * 0.06, h * 0.36, w * 0.03);
    ctx.fill();
    ctx.globalAlpha = 1;
    const inset = lw * 2;
    ctx.beginPath();
    ctx.roundRect(x + inset, y + inset, body - 2 * inset, h - 2 * inset, h * 0.18);
    ctx.fill();
  } else {
    ctx.beginPath();
    ctx.roundRect(x + w * 0.3, y, w * 0.4, h * 0.12, w * 0.05);
    ctx.roundRect(x, y + h * 0.1, w, h * 0.9, w * 0.15);
    ctx.fill();
  }
}
function cleanStatusBar(c, size, mode, model, rtl) {
  const layout = statusBarLayout(model, size, rtl);
  if (mode === "keep" || !layout) return false;
  const ctx = c.getContext("2d");
  const bg = fillColour(ctx, size.width, layout.bar.height + layout.scale * 2);
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, size.width, Math.ceil(layout.bar.height));
  if (mode === "hide") return true;
  const ink = inkOn(bg);
  ctx.font = cssFont(layout.time.weight, layout.time.size, familyChain({ locale: "en-US", userFonts: [] }));
  ctx.textAlign = layout.time.align;
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = ink;
  ctx.fillText(layout.time.text, layout.time.x, layout.time.baseline);
  for (const icon of layout.icons) drawIcon(ctx, icon, layout.kind !== "android", ink);
  return true;
}

// src/render/callout.ts
init_define_globalThis_STORESHOTS_NATIVES();
var CALLOUT_DEFAULTS = {
  scale: 1.6,
  position: "end",
  shape: "bubble",
  connector: true,
  shadow: true
};
function regionProblem(c, shot) {
  const bad = c.x + c.width > shot.width ? "x + width" : c.y + c.height > shot.height ? "y + height" : void 0;
  if (!bad) return void 0;
  return `the call-out region ${c.x},${c.y} ${c.width}x${c.height} reaches outside the ${shot.width}x${shot.height} screenshot (${bad} = ${bad === "x + width" ? c.x + c.width : c.y + c.height} > ${bad === "x + width" ? shot.width : shot.height})`;
}
function screenMap(screen, shot, fit) {
  const k = fit === "letterbox" ? Math.min(screen.width / shot.width, screen.height / shot.height) : Math.max(screen.width / shot.width, screen.height / shot.height);
  return {
    k,
    ox: screen.x + (screen.width - shot.width * k) / 2,
    oy: screen.y + (screen.height - shot.height * k) / 2
  };
}
function rotate(p, about, deg) {
  if (!deg) return p;
  const a = deg * Math.PI / 180;
  const dx = p.x - about.x;
  const dy = p.y - about.y;
  return { x: about.x + dx * Math.cos(a) - dy * Math.sin(a), y: about.y + dx * Math.sin(a) + dy * Math.cos(a) };
}
function edgeToward(b, p, round) {
  const c = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const dx = p.x - c.x;
  const dy = p.y - c.y;
  if (dx === 0 && dy === 0) return c;
  let t;
  if (round) t = 1 / Math.sqrt((dx / (b.width / 2)) ** 2 + (dy / (b.height / 2)) ** 2);
  else t = Math.min(Math.abs(b.width / 2 / (dx || 1e-9)), Math.abs(b.height / 2 / (dy || 1e-9)));
  return { x: c.x + dx * Math.min(1, t), y: c.y + dy * Math.min(1, t) };
}
var overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
function layoutCallouts(job, layout, shot) {
  const list = job.callouts ?? [];
  if (!list.length || !shot) return [];
  const device = layout.devices.find((d) => d.which === "primary");
  if (!device && !layout.fullBleed) return [];
  const screen = device ? device.screen : { x: 0, y: 0, width: layout.width, height: layout.height };
  const map = screenMap(screen, shot, device?.fit ?? "crop");
  const tilt = device?.tilt ?? 0;
  const centre = device ? { x: device.outer.x + device.outer.width / 2, y: device.outer.y + device.outer.height / 2 } : { x: 0, y: 0 };
  const { safe } = layout;
  const short = Math.min(layout.width, layout.height);
  const stroke = Math.max(2, short * 8e-3);
  return list.map((c) => {
    const why = regionProblem(c, shot);
    if (why) throw new RenderError(`${job.id}: ${why}`);
    const shape = c.shape ?? CALLOUT_DEFAULTS.shape;
    const source = shape === "bubble" ? squareAround(c, shot) : { x: c.x, y: c.y, width: c.width, height: c.height };
    const region = {
      x: map.ox + source.x * map.k,
      y: map.oy + source.y * map.k,
      width: source.width * map.k,
      height: source.height * map.k
    };
    const anchor = rotate({ x: region.x + region.width / 2, y: region.y + region.height / 2 }, centre, tilt);
    let k = c.scale ?? CALLOUT_DEFAULTS.scale;
    k = Math.min(k, safe.width * 0.92 / region.width, safe.height * 0.5 / region.height);
    const w = region.width * k;
    const h = region.height * k;
    const pos = c.position ?? CALLOUT_DEFAULTS.position;
    const side = pos === "over" ? "over" : pos === "left" || pos === "right" ? pos : pos === "end" !== job.rtl ? "right" : "left";
    const margin = (layout.width - safe.width) / 4;
    let x = side === "over" ? anchor.x - w / 2 : side === "right" ? layout.width - margin - w : margin;
    x = Math.max(margin, Math.min(layout.width - margin - w, x));
    let y = anchor.y - h / 2;
    y = Math.max(safe.y, Math.min(safe.y + safe.height - h, y));
    const box = { x, y, width: w, height: h };
    const radius = shape === "bubble" ? Math.min(w, h) / 2 : Math.min(w, h) * 0.12;
    const ringRadius = shape === "bubble" ? Math.min(region.width, region.height) / 2 : Math.min(region.width, region.height) * 0.12;
    const out = {
      source,
      region,
      anchor,
      box,
      radius,
      shape,
      side,
      ringRadius,
      stroke,
      shadow: c.shadow ?? CALLOUT_DEFAULTS.shadow,
      tilt
    };
    const ring = {
      x: anchor.x - region.width / 2,
      y: anchor.y - region.height / 2,
      width: region.width,
      height: region.height
    };
    if ((c.connector ?? CALLOUT_DEFAULTS.connector) && side !== "over" && !overlaps(ring, box)) {
      out.connector = [
        edgeToward(ring, { x: x + w / 2, y: y + h / 2 }, shape === "bubble"),
        edgeToward(box, anchor, shape === "bubble")
      ];
    }
    return out;
  });
}
function squareAround(c, shot) {
  const side = Math.min(Math.max(c.width, c.height), shot.width, shot.height);
  const x = Math.max(0, Math.min(shot.width - side, c.x + c.width / 2 - side / 2));
  const y = Math.max(0, Math.min(shot.height - side, c.y + c.height / 2 - side / 2));
  return { x, y, width: side, height: side };
}
function trace(ctx, b, r) {
  ctx.beginPath();
  ctx.roundRect(b.x, b.y, b.width, b.height, Math.min(r, b.width / 2, b.height / 2));
  ctx.closePath();
}
function drawCallouts(ctx, callouts, shot) {
  if (!shot) return;
  for (const c of callouts) {
    ctx.save();
    ctx.translate(c.anchor.x, c.anchor.y);
    ctx.rotate(c.tilt * Math.PI / 180);
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = c.stroke;
    ctx.shadowColor = "rgba(0,0,0,0.25)";
    ctx.shadowBlur = c.stroke * 2;
    trace(
      ctx,
      { x: -c.region.width / 2, y: -c.region.height / 2, width: c.region.width, height: c.region.height },
      c.ringRadius
    );
    ctx.stroke();
    ctx.restore();
    if (c.connector) {
      ctx.save();
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = c.stroke;
      ctx.lineCap = "round";
      ctx.shadowColor = "rgba(0,0,0,0.25)";
      ctx.shadowBlur = c.stroke * 2;
      ctx.beginPath();
      ctx.moveTo(c.connector[0].x, c.connector[0].y);
      ctx.lineTo(c.connector[1].x, c.connector[1].y);
      ctx.stroke();
      ctx.restore();
    }
    ctx.save();
    if (c.shadow) {
      ctx.shadowColor = "rgba(0,0,0,0.35)";
      ctx.shadowBlur = Math.min(c.box.width, c.box.height) * 0.12;
      ctx.shadowOffsetY = Math.min(c.box.width, c.box.height) * 0.04;
    }
    ctx.fillStyle = "#ffffff";
    trace(ctx, c.box, c.radius);
    ctx.fill();
    ctx.restore();
    ctx.save();
    trace(ctx, c.box, c.radius);
    ctx.clip();
    ctx.drawImage(
      shot,
      c.source.x,
      c.source.y,
      c.source.width,
      c.source.height,
      c.box.x,
      c.box.y,
      c.box.width,
      c.box.height
    );
    ctx.restore();
    ctx.save();
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = c.stroke * 1.5;
    trace(ctx, c.box, c.radius);
    ctx.stroke();
    ctx.restore();
  }
}

// src/render/decor.ts
init_define_globalThis_STORESHOTS_NATIVES();
function starBoxes(d) {
  return [0, 1, 2, 3, 4].map((i) => ({ x: d.x + i * (d.size + d.gap), y: d.y, width: d.size, height: d.size }));
}
function starPath(ctx, b) {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height * 0.54;
  const R = b.width / 2;
  const r = R * 0.45;
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + k * Math.PI / 5;
    const rad = k % 2 === 0 ? R : r;
    const x = cx + rad * Math.cos(a);
    const y = cy + rad * Math.sin(a);
    if (k === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
}
function drawStars(ctx, d, rtl) {
  const boxes = starBoxes(d);
  const order = rtl ? [...boxes].reverse() : boxes;
  order.forEach((b, i) => {
    const filled = Math.max(0, Math.min(1, d.stars - i));
    starPath(ctx, b);
    ctx.fillStyle = d.empty;
    ctx.fill();
    if (filled <= 0) return;
    ctx.save();
    starPath(ctx, b);
    ctx.clip();
    ctx.fillStyle = d.fill;
    const w = b.width * filled;
    ctx.fillRect(rtl ? b.x + b.width - w : b.x, b.y, w, b.height);
    ctx.restore();
  });
}
function drawLaurel(ctx, d) {
  const { box } = d;
  const dir = d.side === "left" ? -1 : 1;
  const cx = d.side === "left" ? box.x + box.width : box.x;
  const cy = box.y + box.height / 2;
  const rx = box.width * 0.9;
  const ry = box.height / 2;
  const n = 7;
  ctx.save();
  ctx.fillStyle = d.color;
  ctx.strokeStyle = d.color;
  ctx.lineWidth = Math.max(1, box.width * 0.05);
  ctx.lineCap = "round";
  ctx.beginPath();
  for (let k = 0; k <= 20; k++) {
    const t = Math.PI * 0.08 + k / 20 * Math.PI * 0.84;
    const x = cx + dir * rx * Math.sin(t) * 0.75;
    const y = cy + ry * Math.cos(t);
    if (k === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.stroke();
  const leaf = box.height / 9;
  for (let k = 0; k < n; k++) {
    const t = Math.PI * 0.12 + k / (n - 1) * Math.PI * 0.76;
    const x = cx + dir * rx * Math.sin(t) * 0.75;
    const y = cy + ry * Math.cos(t);
    const angle = Math.atan2(-ry * Math.sin(t), dir * rx * Math.cos(t) * 0.75);
    for (const side of [-1, 1]) {
      ctx.save();
      ctx.translate(x, y);
      ctx.rotate(angle + side * 0.55 * dir);
      ctx.beginPath();
      ctx.ellipse(leaf * 0.9, 0, leaf, leaf * 0.38, 0, 0, Math.PI * 2);
      ctx.fill();
      ctx.restore();
    }
  }
  ctx.restore();
}
function drawQuoteMark(ctx, d) {
  const s = d.size;
  ctx.save();
  ctx.fillStyle = d.color;
  for (const dx of [0, s * 0.55]) {
    const cx = d.x + dx + s * 0.2;
    const cy = d.y + s * 0.62;
    ctx.beginPath();
    ctx.arc(cx, cy, s * 0.2, 0, Math.PI * 2);
    ctx.fill();
    ctx.beginPath();
    ctx.moveTo(cx - s * 0.2, cy);
    ctx.quadraticCurveTo(cx - s * 0.2, d.y + s * 0.12, cx + s * 0.22, d.y);
    ctx.lineTo(cx + s * 0.26, d.y + s * 0.1);
    ctx.quadraticCurveTo(cx, d.y + s * 0.25, cx + s * 0.02, cy - s * 0.1);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}
function drawArrow(ctx, d) {
  ctx.save();
  ctx.shadowColor = "rgba(0,0,0,0.25)";
  ctx.shadowBlur = d.r * 0.4;
  ctx.beginPath();
  ctx.arc(d.cx, d.cy, d.r, 0, Math.PI * 2);
  ctx.fillStyle = d.fill;
  ctx.fill();
  ctx.shadowColor = "transparent";
  const k = d.pointsLeft ? -1 : 1;
  ctx.strokeStyle = d.color;
  ctx.lineWidth = d.r * 0.2;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.beginPath();
  ctx.moveTo(d.cx - k * d.r * 0.2, d.cy - d.r * 0.38);
  ctx.lineTo(d.cx + k * d.r * 0.2, d.cy);
  ctx.lineTo(d.cx - k * d.r * 0.2, d.cy + d.r * 0.38);
  ctx.stroke();
  ctx.restore();
}
function drawDecor(ctx, decor, rtl) {
  for (const d of decor) {
    if (d.type === "card") {
      ctx.beginPath();
      ctx.roundRect(d.box.x, d.box.y, d.box.width, d.box.height, Math.min(d.radius, d.box.width / 2, d.box.height / 2));
      ctx.fillStyle = d.fill;
      ctx.fill();
    } else if (d.type === "stars") drawStars(ctx, d, rtl);
    else if (d.type === "laurel") drawLaurel(ctx, d);
    else if (d.type === "quote-mark") drawQuoteMark(ctx, d);
    else drawArrow(ctx, d);
  }
}

// src/render/draw.ts
async function screenImage(job, p, shot, holds) {
  if (!shot) return void 0;
  const mode = job.style["status-bar"] ?? "keep";
  const model = p.model === "none" ? autoModel(job.device, job.presetId) : p.model;
  const rtl = job.rtl;
  const clean = mode !== "keep" && statusBarLayout(model, shot, rtl) ? {
    kind: `status-bar|${mode}|${model}|${rtl ? "rtl" : "ltr"}`,
    apply: (c, size) => cleanStatusBar(c, size, mode, model, rtl)
  } : void 0;
  const img = await loadCanvas(shot.file, "screenshot", holds, clean);
  const image = img.canvas;
  return { image, width: img.width, height: img.height, fit: p.fit === "letterbox" ? "contain" : "cover" };
}
function checkAspect(job, p, shot) {
  if (p.model === "none" && !p.frameFile) return;
  const a = shot.width / shot.height;
  const b = p.screen.width / p.screen.height;
  const ratio = Math.max(a / b, b / a);
  if (ratio > 1.45) {
    const spec = p.frameFile ? "the frame PNG" : `the ${MODELS[p.model].id}${p.landscape ? " (landscape)" : ""} screen`;
    throw new RenderError(
      `screenshot ${shot.file} is ${shot.width}x${shot.height} (aspect ${a.toFixed(2)}) but ${spec} of ${job.id} has aspect ${b.toFixed(2)}: supply a screenshot of that device, or set style.device.frame (e.g. none) for this slide`
    );
  }
}
function devicesOf(layout, assets) {
  if (layout.fullBleed) return [];
  return [
    ...assets.neighbours ?? [],
    ...layout.devices.map((p) => ({
      placement: p,
      shot: p.which === "primary" ? assets.shots.primary : assets.shots[p.which] ?? assets.shots.primary
    }))
  ];
}
function baseKey(job, layout, first) {
  const { width: W, height: H } = layout;
  if (layout.fullBleed || !fitsBudget(W * H * 4)) return void 0;
  const bg = job.style.background ?? {};
  let image;
  if (bg.image) {
    image = fileKey(backgroundFile(job, bg.image));
    if (!image) return void 0;
  }
  const p = first && hasUnderPart(first.placement, !!first.placement.frameFile) ? first.placement : void 0;
  const device = p && {
    model: p.model,
    outer: p.outer,
    screen: p.screen,
    screenRadius: p.screenRadius,
    landscape: p.landscape,
    tilt: p.tilt,
    color: p.color,
    shadow: p.shadow
  };
  return JSON.stringify({ W, H, bg, slice: bg.panoramic ? sliceOf(job) : void 0, image, device });
}
async function drawBase(c, job, layout, first, holds) {
  const ctx = c.getContext("2d");
  const draw = async () => {
    await drawBackground(ctx, job);
    if (first) drawDeviceUnder(ctx, first.placement, !!first.placement.frameFile);
  };
  const key = baseKey(job, layout, first);
  if (!key) return draw();
  let drawn = false;
  const layer = await cachedLayer(
    key,
    async () => {
      await draw();
      drawn = true;
      return copyOf(c);
    },
    (l) => l.width * l.height * 4,
    (l) => {
      l.width = 0;
      l.height = 0;
    },
    holds
  );
  if (!drawn) blit(c, layer);
}
function blit(dst, src) {
  const d = dst.getContext("2d");
  d.save();
  d.setTransform(1, 0, 0, 1, 0, 0);
  d.globalCompositeOperation = "copy";
  d.globalAlpha = 1;
  d.imageSmoothingEnabled = false;
  d.drawImage(src, 0, 0);
  d.restore();
}
function copyOf(c) {
  const out = canvas().createCanvas(c.width, c.height);
  blit(out, c);
  return out;
}
async function drawDevices(ctx, job, devices, assets, holds) {
  let primary;
  const frameCanvas = assets.frame ? rawToCanvas(assets.frame.rgba, assets.frame.width, assets.frame.height) : void 0;
  for (const [i, { placement, shot }] of devices.entries()) {
    const frame = placement.frameFile ? frameCanvas : void 0;
    if (i > 0) drawDeviceUnder(ctx, placement, !!frame);
    const screen = await screenImage(job, placement, shot, holds);
    if (placement.which === "primary" && shot === assets.shots.primary) primary = screen;
    drawDeviceOver(ctx, placement, screen, frame);
  }
  return primary;
}
async function drawFullBleed(ctx, layout, shot) {
  if (!shot) return;
  const img = await loadResized(
    shot.file,
    "screenshot",
    { width: layout.width, height: layout.height },
    { fit: "cover" }
  );
  ctx.drawImage(rawToCanvas(img.data, img.width, img.height), 0, 0);
  if (!layout.textArea) return;
  const a = layout.textArea;
  const top = a.y < layout.height / 2;
  const y0 = top ? 0 : a.y - layout.safe.y;
  const y1 = top ? a.y + a.height + layout.safe.y : layout.height;
  const g = ctx.createLinearGradient(0, top ? y0 : y1, 0, top ? y1 : y0);
  g.addColorStop(0, "rgba(0,0,0,0.62)");
  g.addColorStop(0.7, "rgba(0,0,0,0.35)");
  g.addColorStop(1, "rgba(0,0,0,0)");
  ctx.fillStyle = g;
  ctx.fillRect(0, y0, layout.width, y1 - y0);
}
function averageColor(ctx, box, W, H) {
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  const w = Math.max(1, Math.min(W - x, Math.ceil(box.width)));
  const h = Math.max(1, Math.min(H - y, Math.ceil(box.height)));
  const d = ctx.getImageData(x, y, w, h).data;
  let r = 0, g = 0, b = 0, n = 0;
  for (let yy = 0; yy < h; yy += 4) {
    for (let xx = 0; xx < w; xx += 4) {
      const i = (yy * w + xx) * 4;
      r += d[i];
      g += d[i + 1];
      b += d[i + 2];
      n++;
    }
  }
  const hex = (v) => Math.round(v / n).toString(16).padStart(2, "0");
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}
function hexColor(ctx, color) {
  ctx.save();
  ctx.fillStyle = "#000000";
  ctx.fillStyle = color;
  const v = String(ctx.fillStyle);
  ctx.restore();
  if (/^#[0-9a-f]{6}$/i.test(v)) return v.toLowerCase();
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(v);
  return m ? `#${[m[1], m[2], m[3]].map((c) => Number(c).toString(16).padStart(2, "0")).join("")}` : "#000000";
}
var overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
function resolveAuto(job, b, background, hex) {
  if (b.color !== "auto" && b.accent !== "auto") return b;
  const own = b.kind === "headline" ? job.style.headline : job.style.subtitle;
  const color = b.color === "auto" ? autoColour(own ?? {}, job.style, background, hex) : b.color;
  return { ...b, color, accent: b.accent === "auto" ? color : b.accent };
}
function drawText(ctx, block) {
  ctx.save();
  applyFont(ctx, block.font);
  ctx.textAlign = "left";
  ctx.textBaseline = "alphabetic";
  if (block.shadow) {
    ctx.shadowColor = "rgba(0,0,0,0.35)";
    ctx.shadowBlur = block.font.size * 0.18;
    ctx.shadowOffsetY = block.font.size * 0.04;
  }
  for (const line of block.lines) {
    for (const run of line.runs) {
      ctx.direction = run.rtl ? "rtl" : "ltr";
      ctx.textAlign = run.rtl ? "right" : "left";
      const at = run.rtl ? run.x + run.width : run.x;
      if (run.accentX.length === 0) {
        ctx.fillStyle = block.color;
        ctx.fillText(run.text, at, line.baseline);
        continue;
      }
      for (const [color, xs] of colourBands(run, block.font.size)) {
        ctx.save();
        ctx.beginPath();
        for (const [a, b] of xs) ctx.rect(a, line.top - block.font.size, b - a, block.lineHeight + 2 * block.font.size);
        ctx.clip();
        ctx.fillStyle = color === "accent" ? block.accent : block.color;
        ctx.fillText(run.text, at, line.baseline);
        ctx.restore();
      }
    }
  }
  ctx.restore();
}
function colourBands(run, margin) {
  const lo = run.x - margin;
  const hi = run.x + run.width + margin;
  const accents = run.accentX.map(([a, b]) => [a <= run.x + 0.01 ? lo : a, b >= run.x + run.width - 0.01 ? hi : b]).sort((p, q) => p[0] - q[0]);
  const base = [];
  let from = lo;
  for (const [a, b] of accents) {
    if (a > from) base.push([from, a]);
    from = Math.max(from, b);
  }
  if (from < hi) base.push([from, hi]);
  return [
    ["base", base],
    ["accent", accents]
  ];
}
var spare = /* @__PURE__ */ new Map();
function takeCanvas(W, H) {
  const k = `${W}x${H}`;
  const c = spare.get(k);
  if (!c) return canvas().createCanvas(W, H);
  spare.delete(k);
  c.getContext("2d").reset();
  return c;
}
function releaseCanvas(c) {
  const k = `${c.width}x${c.height}`;
  spare.delete(k);
  spare.set(k, c);
  for (const [key, old] of spare) {
    if (spare.size <= 2) break;
    spare.delete(key);
    old.width = 0;
    old.height = 0;
  }
}
async function drawJob(job, layout, assets) {
  const holds = new Holds();
  try {
    return await drawWith(job, layout, assets, holds);
  } finally {
    holds.release();
  }
}
async function drawWith(job, layout, assets, holds) {
  const { width: W, height: H } = layout;
  const c = takeCanvas(W, H);
  const ctx = c.getContext("2d");
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  const devices = devicesOf(layout, assets);
  for (const { placement, shot } of devices) if (shot) checkAspect(job, placement, shot);
  await drawBase(c, job, layout, devices[0], holds);
  let shown;
  if (layout.fullBleed) await drawFullBleed(ctx, layout, assets.shots.primary);
  else shown = await drawDevices(ctx, job, devices, assets, holds);
  if (layout.decor) drawDecor(ctx, layout.decor, layout.rtl);
  const callouts = layoutCallouts(job, layout, assets.shots.primary);
  if (callouts.length) {
    const src = shown?.image ?? (assets.shots.primary && (await loadCanvas(assets.shots.primary.file, "screenshot", holds)).canvas);
    drawCallouts(ctx, callouts, src);
  }
  const text = [];
  const blocks = [];
  for (const laid of layout.blocks) {
    const background = averageColor(ctx, laid.inked, W, H);
    const b = resolveAuto(job, laid, background, (c2) => hexColor(ctx, c2));
    blocks.push(b);
    if (b.kind !== "app-name" && b.kind !== "icon") {
      text.push({
        kind: b.kind,
        text: b.text,
        fontSize: b.font.size,
        minFontSize: b.minFontSize,
        fitFontSize: b.fitFontSize,
        lines: b.lines.map((l) => l.text),
        box: b.box,
        inked: b.inked,
        overflow: b.overflow,
        color: hexColor(ctx, b.color),
        background,
        missingGlyphs: [],
        ...callouts.some((c2) => overlap(c2.box, b.inked)) ? { underCallout: true } : {},
        ...b.shrinksSet ? { shrinksSet: b.shrinksSet } : {}
      });
    }
  }
  for (const b of blocks) drawText(ctx, b);
  return { canvas: c, text };
}

// src/render/encode.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { crc32 } from "node:zlib";
async function encodeRgba(rgba, width, height, format, quality, compression, opts = {}) {
  const raw = sharp()(rgba, { raw: { width, height, channels: 4 } });
  const img = opts.alpha && format === "png" ? raw : raw.removeAlpha();
  if (format === "jpeg") return img.jpeg({ quality, chromaSubsampling: "4:4:4", mozjpeg: false }).toBuffer();
  const compressionLevel = compression === "fast" ? 3 : 6;
  return setPngDpi(await img.png({ compressionLevel, adaptiveFiltering: false, palette: false }).toBuffer(), 72);
}
function setPngDpi(png, dpi) {
  const ppm = Math.round(dpi / 0.0254);
  for (let i = 8; i + 12 <= png.length; ) {
    const len = png.readUInt32BE(i);
    const type = png.toString("latin1", i + 4, i + 8);
    if (type === "pHYs" && len === 9) {
      png.writeUInt32BE(ppm, i + 8);
      png.writeUInt32BE(ppm, i + 12);
      png[i + 16] = 1;
      png.writeUInt32BE(crc32(png.subarray(i + 4, i + 17)), i + 17);
      return png;
    }
    if (type === "IDAT") break;
    i += 12 + len;
  }
  const data = Buffer.alloc(9);
  data.writeUInt32BE(ppm, 0);
  data.writeUInt32BE(ppm, 4);
  data[8] = 1;
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  chunk.write("pHYs", 4, "latin1");
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}
async function encodeWebp(image, quality) {
  return sharp()(image).webp({ quality }).toBuffer();
}

// src/render/userframe.ts
init_define_globalThis_STORESHOTS_NATIVES();
import path5 from "node:path";
var cache = /* @__PURE__ */ new Map();
function transparentRegion(alpha, w, h) {
  const cx = w >> 1;
  const cy = h >> 1;
  if (alpha[cy * w + cx] >= 128) return void 0;
  const seen = new Uint8Array(w * h);
  const stack = [cy * w + cx];
  seen[cy * w + cx] = 1;
  let x0 = cx, x1 = cx, y0 = cy, y1 = cy;
  while (stack.length) {
    const i = stack.pop();
    const x = i % w;
    const y = (i - x) / w;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    for (const n of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1]) {
      if (n >= 0 && !seen[n] && alpha[n] < 128) {
        seen[n] = 1;
        stack.push(n);
      }
    }
  }
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}
async function loadUserFrame(job, ref) {
  const file = path5.resolve(job.baseDir, ref);
  const hit = cache.get(file);
  if (hit) return hit;
  await probeImage(file, "frame PNG");
  let data;
  let info;
  try {
    ({ data, info } = await sharp()(file, { failOn: "truncated" }).ensureAlpha().raw().toBuffer({ resolveWithObject: true }));
  } catch (e) {
    throw new RenderError(`cannot decode frame PNG ${file}: ${errorMessage(e).split("\n")[0]}`);
  }
  const { width: w, height: h } = info;
  const alpha = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) alpha[i] = data[i * 4 + 3];
  const box = transparentRegion(alpha, w, h);
  if (!box || box.width * box.height < w * h * 0.1 || box.x === 0 && box.y === 0 && box.width === w && box.height === h) {
    throw new RenderError(
      `frame PNG ${file} has no transparent screen area around its centre: the screen must be transparent and enclosed by the frame`
    );
  }
  const f = {
    file,
    width: w,
    height: h,
    rgba: data,
    aspect: w / h,
    screen: { x: box.x / w, y: box.y / w, width: box.width / w, height: box.height / w }
  };
  cache.set(file, f);
  return f;
}

// src/render/job.ts
var measurer;
function textMeasurer() {
  return measurer ??= createMeasurer();
}
var factsComputed = 0;
async function computeSetFacts(setJobs) {
  factsComputed++;
  const locales = new Set(setJobs.map((j) => j.locale));
  await loadBreakData(locales, true);
  try {
    return slideSetFacts(setJobs, textMeasurer());
  } catch (e) {
    if (!(e instanceof BreakDataNotLoaded)) throw e;
  }
  await loadBreakData(locales);
  return slideSetFacts(setJobs, textMeasurer());
}
function checkGlyphs(jobs) {
  const problems = coverageProblems(jobs).map((p) => `${p.at.file}:${p.at.line}:${p.at.column}: ${p.message}`);
  if (problems.length) throw new RenderError(`${problems.join("\n")}
${COVERAGE_ADVICE}`);
}
async function assetsFor(job) {
  const shots = {};
  if (job.screenshot) shots.primary = await probeImage(job.screenshot, "screenshot");
  if (job.secondScreenshot) shots.second = await probeImage(job.secondScreenshot, "second screenshot");
  if (job.thirdScreenshot) shots.third = await probeImage(job.thirdScreenshot, "third screenshot");
  const { frameFile } = resolveModel(job);
  const frame = frameFile ? await loadUserFrame(job, frameFile) : void 0;
  return { shots, frame };
}
async function neighbours(job, setJobs, facts) {
  if (!job.style.background?.panoramic) return [];
  const out = [];
  for (const other of setJobs) {
    const delta = other.index - job.index;
    if (Math.abs(delta) !== 1 || !other.screenshot) continue;
    const a = await assetsFor(other);
    const l = layoutSlide({
      job: other,
      facts,
      measurer: textMeasurer(),
      shots: a.shots,
      frame: a.frame
    });
    const dx = delta * job.size.width;
    for (const p of l.devices) {
      const shifted = { ...p, outer: { ...p.outer, x: p.outer.x + dx }, screen: { ...p.screen, x: p.screen.x + dx } };
      if (shifted.outer.x < job.size.width && shifted.outer.x + shifted.outer.width > 0) {
        out.push({
          placement: shifted,
          shot: p.which === "primary" ? a.shots.primary : a.shots[p.which] ?? a.shots.primary
        });
      }
    }
  }
  return out;
}
async function renderJob(job, setJobs, facts) {
  await loadBreakData([job.locale]);
  const a = await assetsFor(job);
  const layout = layoutSlide({
    job,
    facts,
    measurer: textMeasurer(),
    shots: a.shots,
    frame: a.frame
  });
  const { canvas: canvas2, text } = await drawJob(job, layout, { ...a, neighbours: await neighbours(job, setJobs, facts) });
  const { width, height } = job.size;
  const ctx = canvas2.getContext("2d");
  const radius = job.output.rounded;
  if (radius) {
    ctx.save();
    ctx.globalCompositeOperation = "destination-in";
    ctx.beginPath();
    ctx.roundRect(0, 0, width, height, radius);
    ctx.fillStyle = "#000";
    ctx.fill();
    ctx.restore();
  }
  const rgba = Buffer.from(ctx.getImageData(0, 0, width, height).data.buffer);
  releaseCanvas(canvas2);
  const buffer = await encodeRgba(rgba, width, height, job.output.format, job.output.quality, job.output.compression, {
    alpha: !!radius
  });
  freeNow(rgba);
  return { buffer, text, record: jobRecord(job, buffer.length, sha256(buffer), false) };
}

// src/render/batch.ts
async function runBatch(task) {
  if (task.decodeBudget !== void 0) setDecodeBudget(task.decodeBudget);
  let measured;
  if (task.measure) {
    const { set, jobs, port } = task.measure;
    try {
      measured = await computeSetFacts(jobs);
      task.sets = { ...task.sets, [set]: { jobs, facts: measured } };
      port?.postMessage(measured);
    } catch (e) {
      return {
        images: [],
        decodes: { made: 0, reused: 0 },
        layers: { made: 0, reused: 0 },
        error: { message: errorMessage(e), render: e instanceof RenderError, jobId: task.jobs[0]?.job.id ?? set }
      };
    } finally {
      port?.close();
    }
  }
  const cache2 = task.cacheDir ? new RenderCache(task.cacheDir) : void 0;
  const images = [];
  const before = decodeStats();
  const decodes = () => {
    const now = decodeStats();
    return { made: now.misses - before.misses, reused: now.hits - before.hits };
  };
  const layersBefore = layerStats();
  const layers2 = () => {
    const now = layerStats();
    return { made: now.misses - layersBefore.misses, reused: now.hits - layersBefore.hits };
  };
  for (const { job, key } of task.jobs) {
    try {
      const set = task.sets[job.set];
      if (task.checkGlyphs) checkGlyphs([job]);
      const { buffer, text, record } = await renderJob(job, set.jobs, set.facts);
      if (task.outDir) writeFileAtomic(path6.join(task.outDir, job.output.path), buffer);
      const facts = lintFacts(buffer);
      if (cache2 && key) {
        try {
          cache2.put(key, buffer, {
            sha256: record.sha256,
            bytes: record.bytes,
            width: record.width,
            height: record.height,
            imageFormat: record.format,
            text,
            facts
          });
        } catch {
        }
      }
      const image = task.outDir ? { id: job.id, record, text, facts } : { id: job.id, record, text, facts, bytes: buffer };
      images.push(image);
    } catch (e) {
      return {
        images,
        measured,
        decodes: decodes(),
        layers: layers2(),
        error: { message: errorMessage(e), render: e instanceof RenderError, jobId: job.id }
      };
    }
  }
  return { images, measured, decodes: decodes(), layers: layers2() };
}
function lintFacts(buffer) {
  try {
    return readImageFacts(buffer);
  } catch {
    return void 0;
  }
}
async function renderSetBatch(batch, opts) {
  const stats2 = { layers: { made: 0, reused: 0 } };
  if (!batch.jobs.length) return stats2;
  const ac = new AbortController();
  const stop = () => ac.abort(opts.signal.reason);
  if (opts.signal?.aborted) stop();
  opts.signal?.addEventListener("abort", stop, { once: true });
  const name = batch.jobs[0].set;
  let facts;
  let measured;
  let unmeasured;
  if (opts.pool) {
    facts = new Promise((resolve, reject) => {
      measured = resolve;
      unmeasured = reject;
    });
    facts.catch(() => void 0);
  } else {
    facts = Promise.resolve().then(() => computeSetFacts(batch.set));
  }
  const one = async (job, first) => {
    try {
      const known = first && opts.pool ? void 0 : await abortable(facts, ac.signal);
      const admitted = opts.admit ? await opts.admit(job, ac.signal) : void 0;
      let channel;
      let r;
      try {
        let task;
        if (known) {
          task = {
            jobs: [{ job }],
            sets: { [name]: { jobs: batch.set, facts: known } },
            checkGlyphs: true,
            cost: admitted?.cost
          };
        } else {
          channel = new MessageChannel();
          channel.port1.once("message", (f) => measured(f));
          task = {
            jobs: [{ job }],
            sets: {},
            measure: { set: name, jobs: batch.set, port: channel.port2 },
            checkGlyphs: true,
            cost: admitted?.cost
          };
        }
        r = opts.pool ? await opts.pool.run(task, ac.signal, channel ? [channel.port2] : void 0) : await runBatch(task);
      } finally {
        admitted?.release();
        channel?.port1.close();
      }
      if (r.measured) measured?.(r.measured);
      stats2.layers.made += r.layers.made;
      stats2.layers.reused += r.layers.reused;
      if (ac.signal.aborted) return;
      if (r.error) throw r.error.render ? new RenderError(r.error.message) : new Error(r.error.message);
      for (const image of r.images) await opts.onImage({ ...image, job, bytes: image.bytes });
    } catch (e) {
      if (!ac.signal.aborted) ac.abort(e);
      throw e;
    } finally {
      if (first)
        unmeasured?.(ac.signal.aborted ? ac.signal.reason : new Error("the set's text facts were not measured"));
    }
  };
  try {
    ac.signal.throwIfAborted();
    await Promise.all(batch.jobs.map((job, k) => one(job, k === 0)));
    return stats2;
  } catch (e) {
    throw ac.signal.aborted ? ac.signal.reason : e;
  } finally {
    opts.signal?.removeEventListener("abort", stop);
  }
}
function abortable(p, signal) {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export {
  jobRecord,
  writeFileAtomic,
  canonicalJson,
  VERSION,
  DEFAULT_CACHE_DIR,
  FileHasher,
  cacheKey,
  setDigest,
  RenderCache,
  encodeWebp,
  computeSetFacts,
  checkGlyphs,
  runBatch,
  renderSetBatch
};
