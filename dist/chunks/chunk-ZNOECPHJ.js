import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  VERSION
} from "./chunk-FM5HTOYB.js";
import {
  COVERAGE_ADVICE,
  REF_SIZE,
  SHIPPED,
  addUserFont,
  bidiLevels,
  copyFileAtomic,
  coverageProblems,
  familyFiles,
  fitSize,
  fontsDir,
  notAFile,
  notPngOrJpeg,
  parseHighlights,
  pieces,
  resolveChain,
  visualRuns,
  wrapBalanced,
  writeFileAtomic
} from "./chunk-A3FVPRD7.js";
import {
  packageRoot
} from "./chunk-QOKUTN7Q.js";
import {
  canvas,
  sharp
} from "./chunk-JYYVDF6J.js";
import {
  RenderError
} from "./chunk-AOBWJSJ3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/render/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { existsSync as existsSync4, mkdirSync as mkdirSync2, statSync as statSync3, writeFileSync } from "node:fs";
import path6 from "node:path";

// src/render/draw.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/render/background.ts
init_define_globalThis_STORESHOTS_NATIVES();
import path from "node:path";

// src/render/images.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/render/decode-cache.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { statSync } from "node:fs";
var budget = 48 * 1024 * 1024;
var used = 0;
var entries = /* @__PURE__ */ new Map();
var stats = { hits: 0, misses: 0 };
function setDecodeBudget(bytes) {
  budget = Math.max(0, bytes);
  evict();
}
function decodeStats() {
  return { ...stats, bytes: used, entries: entries.size };
}
function evict() {
  for (const [k, v] of entries) {
    if (used <= budget) break;
    entries.delete(k);
    used -= v.bytes;
    v.dispose?.();
  }
}
function keyOf(file) {
  try {
    const st = statSync(file);
    return `${file}|${st.mtimeMs}|${st.size}`;
  } catch {
    return void 0;
  }
}
async function decodedImage(file, decode) {
  return cachedDecode(file, "raw", decode, (d) => d.data.length);
}
async function cachedDecode(file, kind, decode, bytes, dispose) {
  const st = keyOf(file);
  const key = st && `${kind}|${st}`;
  const hit = key ? entries.get(key) : void 0;
  if (hit) {
    stats.hits++;
    entries.delete(key);
    entries.set(key, hit);
    return hit.value;
  }
  stats.misses++;
  const value = await decode();
  const n = bytes(value);
  if (key && n <= budget) {
    entries.set(key, { value, bytes: n, dispose: dispose && (() => dispose(value)) });
    used += n;
    evict();
  }
  return value;
}
function freeNow(buf) {
  const ab = buf.buffer;
  if (buf.byteOffset !== 0 || buf.byteLength !== ab.byteLength) return;
  try {
    ab.transfer?.(0);
  } catch {
  }
}

// src/render/images.ts
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
  return { file, width, height, ...meta.orientation && meta.orientation !== 1 ? { orientation: meta.orientation } : {} };
}
async function loadResized(file, what, size, opts = { fit: "cover" }) {
  await probeImage(file, what);
  try {
    const src = await decodedImage(file, async () => {
      const { data: data2, info: info2 } = await sharp()(file, { limitInputPixels: MAX_PIXELS, failOn: "truncated" }).rotate().toColourspace("srgb").raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
      return { data: data2, info: { width: info2.width, height: info2.height, channels: info2.channels } };
    });
    let img = sharp()(src.data, { raw: src.info }).resize(Math.max(1, Math.round(size.width)), Math.max(1, Math.round(size.height)), {
      fit: opts.fit,
      kernel: "lanczos3",
      background: opts.background ?? "#000000",
      position: "centre"
    });
    if (opts.blur && opts.blur >= 0.3) img = img.blur(opts.blur);
    const { data, info } = await img.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (e) {
    throw new RenderError(`cannot decode ${what} ${file}: the file is corrupt or truncated (${firstLine(e)})`);
  }
}
async function loadCanvas(file, what) {
  await probeImage(file, what);
  try {
    return await cachedDecode(
      file,
      "canvas",
      async () => {
        const { data, info } = await sharp()(file, { limitInputPixels: MAX_PIXELS, failOn: "truncated" }).rotate().toColourspace("srgb").ensureAlpha().raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
        const { createCanvas, ImageData } = canvas();
        const c = createCanvas(info.width, info.height);
        c.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height), 0, 0);
        freeNow(data);
        return { canvas: c, width: info.width, height: info.height };
      },
      (v) => v.width * v.height * 4,
      // Skia's pixels live outside the JS heap: free them when the entry goes, not at some later GC.
      (v) => {
        v.canvas.width = 0;
        v.canvas.height = 0;
      }
    );
  } catch (e) {
    throw new RenderError(`cannot decode ${what} ${file}: the file is corrupt or truncated (${firstLine(e)})`);
  }
}
function firstLine(e) {
  return String(e?.message ?? e).split("\n")[0].trim();
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
    const templates = path.join(packageRoot(), "templates");
    const abs = path.resolve(templates, image.slice("builtin:".length));
    if (path.dirname(abs) !== templates) throw new RenderError(`background image ${image} names no image shipped in templates/`);
    return abs;
  }
  return path.resolve(job.baseDir, image);
}
async function drawImageBackground(ctx, job, bg, vw, ox) {
  const { width: W, height: H } = job.size;
  const file = backgroundFile(job, bg.image);
  const img = await loadResized(file, "background image", { width: vw, height: H }, { fit: bg.fit === "contain" ? "contain" : "cover", blur: bg.blur, background: { r: 0, g: 0, b: 0, alpha: 0 } });
  const { createCanvas, ImageData } = canvas();
  const c = createCanvas(img.width, img.height);
  c.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength), img.width, img.height), 0, 0);
  ctx.drawImage(c, ox, 0);
  if (bg.tint) {
    ctx.save();
    ctx.fillStyle = bg.tint;
    if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(bg.tint) || /^rgb\(/i.test(bg.tint) || /^[a-z]+$/i.test(bg.tint)) ctx.globalAlpha = 0.45;
    ctx.fillRect(0, 0, W, H);
    ctx.restore();
  }
}

// src/render/devices.ts
init_define_globalThis_STORESHOTS_NATIVES();
var m = (d) => d;
var MODELS = {
  "iphone-island": m({
    id: "iphone-island",
    screenAspect: 1320 / 2868,
    bezel: [0.04, 0.04, 0.04, 0.04],
    screenRadius: 0.135,
    bodyRadius: 0.175,
    rim: 0.012,
    island: { w: 0.27, h: 0.078, top: 0.032 },
    rotates: true,
    buttons: [{ side: "left", at: 0.32, len: 0.1 }, { side: "left", at: 0.5, len: 0.16 }, { side: "left", at: 0.72, len: 0.16 }, { side: "right", at: 0.6, len: 0.26 }]
  }),
  "iphone-notch": m({
    id: "iphone-notch",
    screenAspect: 1284 / 2778,
    bezel: [0.045, 0.045, 0.045, 0.045],
    screenRadius: 0.12,
    bodyRadius: 0.165,
    rim: 0.012,
    notch: { w: 0.48, h: 0.068 },
    rotates: true,
    buttons: [{ side: "left", at: 0.3, len: 0.08 }, { side: "left", at: 0.46, len: 0.16 }, { side: "left", at: 0.68, len: 0.16 }, { side: "right", at: 0.55, len: 0.26 }]
  }),
  "iphone-home": m({
    id: "iphone-home",
    screenAspect: 1242 / 2208,
    bezel: [0.23, 0.06, 0.23, 0.06],
    screenRadius: 5e-3,
    bodyRadius: 0.17,
    rim: 0.01,
    homeButton: { d: 0.15 },
    camera: { d: 0.025 },
    rotates: true,
    buttons: [{ side: "left", at: 0.2, len: 0.07 }, { side: "left", at: 0.4, len: 0.12 }, { side: "left", at: 0.58, len: 0.12 }, { side: "right", at: 0.4, len: 0.14 }]
  }),
  ipad: m({
    id: "ipad",
    screenAspect: 2064 / 2752,
    bezel: [0.038, 0.038, 0.038, 0.038],
    screenRadius: 0.028,
    bodyRadius: 0.062,
    rim: 8e-3,
    camera: { d: 0.012 },
    rotates: true,
    buttons: [{ side: "right", at: 0.04, len: 0.07 }, { side: "right", at: 0.14, len: 0.07 }]
  }),
  "android-phone": m({
    id: "android-phone",
    screenAspect: 1080 / 2400,
    bezel: [0.032, 0.032, 0.032, 0.032],
    screenRadius: 0.09,
    bodyRadius: 0.12,
    rim: 0.01,
    punchHole: { d: 0.038, top: 0.032 },
    rotates: true,
    buttons: [{ side: "right", at: 0.32, len: 0.26 }, { side: "right", at: 0.66, len: 0.14 }]
  }),
  "android-tablet": m({
    id: "android-tablet",
    screenAspect: 1600 / 2560,
    bezel: [0.05, 0.05, 0.05, 0.05],
    screenRadius: 0.03,
    bodyRadius: 0.075,
    rim: 8e-3,
    camera: { d: 0.014 },
    rotates: true,
    buttons: [{ side: "right", at: 0.12, len: 0.12 }]
  }),
  mac: m({
    id: "mac",
    screenAspect: 1.6,
    bezel: [0.035, 0.022, 0.045, 0.022],
    screenRadius: 8e-3,
    bodyRadius: 0.03,
    rim: 4e-3,
    camera: { d: 7e-3 },
    base: { w: 1.2, h: 0.034 },
    rotates: false
  }),
  watch: m({
    id: "watch",
    screenAspect: 422 / 514,
    bezel: [0.1, 0.1, 0.1, 0.1],
    screenRadius: 0.22,
    bodyRadius: 0.32,
    rim: 0.035,
    crown: true,
    rotates: false
  }),
  "watch-round": m({
    id: "watch-round",
    screenAspect: 1,
    bezel: [0.1, 0.1, 0.1, 0.1],
    screenRadius: 0.5,
    bodyRadius: 0.6,
    rim: 0.05,
    crown: true,
    round: true,
    rotates: false
  }),
  tv: m({
    id: "tv",
    screenAspect: 16 / 9,
    bezel: [0.012, 0.012, 0.03, 0.012],
    screenRadius: 2e-3,
    bodyRadius: 6e-3,
    rim: 3e-3,
    stand: { w: 0.3, h: 0.07 },
    rotates: false
  }),
  none: m({ id: "none", screenAspect: 0, bezel: [0, 0, 0, 0], screenRadius: 0.035, bodyRadius: 0.035, rim: 0, rotates: false })
};
var MODEL_IDS = Object.keys(MODELS);
function autoModel(device, presetId) {
  switch (device) {
    case "iphone":
      if (presetId === "appstore.iphone_5_5") return "iphone-home";
      if (presetId === "appstore.iphone_6_5" || presetId === "appstore.iphone_6_1") return "iphone-notch";
      return "iphone-island";
    case "ipad":
      return "ipad";
    case "android-phone":
      return "android-phone";
    case "android-tablet":
      return "android-tablet";
    case "mac":
      return "mac";
    case "watch":
      return presetId === "play.wear" ? "watch-round" : "watch";
    case "tv":
      return "tv";
    default:
      return "none";
  }
}
function geometry(model, landscape, aspect = model.screenAspect) {
  const [t, r, b, l] = model.bezel;
  const sh = 1 / aspect;
  let outerW = 1 + l + r;
  let outerH = sh + t + b;
  let sx = l;
  const sy = t;
  if (model.base) {
    const extra = (model.base.w - outerW) / 2;
    if (extra > 0) {
      sx += extra;
      outerW = model.base.w;
    }
    outerH += model.base.h;
  }
  if (model.stand) outerH += model.stand.h;
  const g = { outerW, outerH, screen: { x: sx, y: sy, width: 1, height: sh } };
  if (!(landscape && model.rotates)) return g;
  return { outerW: outerH, outerH: outerW, screen: { x: sy, y: outerW - sx - 1, width: sh, height: 1 } };
}
var FRAME_COLORS = {
  black: "#1d1d1f",
  "space-gray": "#4b4d52",
  "space-black": "#2b2b2d",
  silver: "#d4d6d9",
  white: "#eceef0",
  gold: "#e0cfb1",
  "rose-gold": "#e8c4b8",
  blue: "#3d4b63",
  titanium: "#8a8680",
  "natural-titanium": "#a8a49d",
  "desert-titanium": "#bfa48c",
  midnight: "#232a35",
  starlight: "#e8e2d6"
};

// src/render/frames.ts
init_define_globalThis_STORESHOTS_NATIVES();
function roundRect(ctx, x, y, w, h, r) {
  const rr = Math.max(0, Math.min(r, w / 2, h / 2));
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, rr);
  ctx.closePath();
}
function shade(hex, amount) {
  const m2 = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m2) return hex;
  const n = parseInt(m2[1], 16);
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
function drawDevice(ctx, p, shot, userFrame) {
  const spec = MODELS[p.model];
  const o = p.outer;
  const cx = o.x + o.width / 2;
  const cy = o.y + o.height / 2;
  ctx.save();
  if (p.tilt) {
    ctx.translate(cx, cy);
    ctx.rotate(p.tilt * Math.PI / 180);
    ctx.translate(-cx, -cy);
  }
  const shadowBlur = Math.min(o.width, o.height) * 0.06;
  if (userFrame) {
    drawScreen(ctx, { ...p, screenRadius: Math.min(p.screen.width, p.screen.height) * 0.04 }, spec, shot);
    ctx.drawImage(userFrame, o.x, o.y, o.width, o.height);
  } else if (p.model === "none") {
    if (p.shadow) {
      const s = p.screen;
      softShadow(ctx, (c) => roundRect(c, s.x, s.y, s.width, s.height, p.screenRadius), s, "rgba(0,0,0,0.35)", shadowBlur, shadowBlur * 0.35);
      ctx.fillStyle = "#000000";
      roundRect(ctx, s.x, s.y, s.width, s.height, p.screenRadius);
      ctx.fill();
    }
    drawScreen(ctx, p, spec, shot);
  } else {
    const color = normalize(ctx, p.color);
    inNatural(ctx, p, spec, (k, w, h) => drawBody(ctx, spec, k, w, h, color, p.shadow ? shadowBlur : 0));
    drawScreen(ctx, p, spec, shot);
    inNatural(ctx, p, spec, (k, w) => drawGlassDetails(ctx, spec, k, w, color));
  }
  ctx.restore();
}
function softShadow(ctx, trace, box, color, blur, offsetY) {
  const sigma = blur / 2;
  const S = Math.max(1, Math.min(4, Math.floor(sigma / 2)));
  const m2 = ctx.getTransform();
  const xs = [];
  const ys = [];
  for (const [x, y] of [[box.x, box.y], [box.x + box.width, box.y], [box.x, box.y + box.height], [box.x + box.width, box.y + box.height]]) {
    xs.push(m2.a * x + m2.c * y + m2.e);
    ys.push(m2.b * x + m2.d * y + m2.f);
  }
  const margin = sigma * 3 + S;
  const x0 = Math.floor(Math.min(...xs) - margin);
  const y0 = Math.floor(Math.min(...ys) - margin);
  const lw = Math.max(1, Math.ceil((Math.max(...xs) + margin - x0) / S));
  const lh = Math.max(1, Math.ceil((Math.max(...ys) + margin - y0) / S));
  const layer = canvas().createCanvas(lw, lh);
  const l = layer.getContext("2d");
  l.setTransform(m2.a / S, m2.b / S, m2.c / S, m2.d / S, (m2.e - x0) / S, (m2.f - y0) / S);
  l.filter = `blur(${sigma / S}px)`;
  l.fillStyle = color;
  trace(l);
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
    roundRect(ctx, w / 2 - spec.stand.w * k / 2, h - spec.stand.h * k * 0.25, spec.stand.w * k, spec.stand.h * k * 0.25, 0.01 * k);
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
    ctx.ellipse(lid.x + lid.width / 2, lid.y + lid.height / 2, lid.width / 2 - rim, lid.height / 2 - rim, 0, 0, Math.PI * 2);
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
  const m2 = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m2) return 0;
  const n = parseInt(m2[1], 16);
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
  c.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height), 0, 0);
  return c;
}

// src/render/measure.ts
init_define_globalThis_STORESHOTS_NATIVES();
import path2 from "node:path";

// src/render/fonts.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { existsSync } from "node:fs";
var registered = /* @__PURE__ */ new Set();
function registerFamily(alias) {
  if (registered.has(alias)) return;
  for (const file of familyFiles(alias)) {
    if (!existsSync(file)) throw new RenderError(`font file not found: ${file}${file.startsWith(fontsDir()) ? " (the package's fonts/ folder is incomplete: reinstall storeshots)" : ""}`);
    const why = notAFile(file);
    if (why) throw new RenderError(`font file ${file} ${why}`);
    if (!canvas().GlobalFonts.registerFromPath(file, alias)) throw new RenderError(`cannot load font file ${file}: not a TrueType/OpenType font Skia can read`);
  }
  registered.add(alias);
}
function registerShippedFonts() {
  for (const alias of Object.keys(SHIPPED)) registerFamily(alias);
}
function registerUserFont(file) {
  const alias = addUserFont(file);
  registerFamily(alias);
  return alias;
}
function familyChain(req) {
  registerShippedFonts();
  for (const f of req.userFonts) registerUserFont(f);
  const chain = resolveChain(req);
  for (const alias of chain) registerFamily(alias);
  return chain;
}
function cssFont(weight, size, chain) {
  return `${weight} ${size}px ${chain.map((f) => `"${f}"`).join(", ")}`;
}

// src/render/measure.ts
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
      const file = f && /\.(ttf|otf|ttc)$/i.test(f) ? path2.resolve(job.baseDir, f) : f;
      return familyChain({ font: file, locale: job.locale, userFonts: job.fonts });
    }
  };
}

// src/render/draw.ts
async function screenImage(p, shot) {
  if (!shot) return void 0;
  const img = await loadCanvas(shot.file, "screenshot");
  return { image: img.canvas, width: img.width, height: img.height, fit: p.fit === "letterbox" ? "contain" : "cover" };
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
async function drawDevices(ctx, job, layout, assets) {
  const frameCanvas = assets.frame ? rawToCanvas(assets.frame.rgba, assets.frame.width, assets.frame.height) : void 0;
  const all = [
    ...assets.neighbours ?? [],
    ...layout.devices.map((p) => ({ placement: p, shot: p.which === "second" ? assets.shots.second ?? assets.shots.primary : assets.shots.primary }))
  ];
  for (const { placement, shot } of all) {
    if (shot) checkAspect(job, placement, shot);
    drawDevice(ctx, placement, await screenImage(placement, shot), placement.frameFile ? frameCanvas : void 0);
  }
}
async function drawFullBleed(ctx, layout, shot) {
  if (!shot) return;
  const img = await loadResized(shot.file, "screenshot", { width: layout.width, height: layout.height }, { fit: "cover" });
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
  const m2 = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(v);
  return m2 ? `#${[m2[1], m2[2], m2[3]].map((c) => Number(c).toString(16).padStart(2, "0")).join("")}` : "#000000";
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
      ctx.fillStyle = run.highlight ? block.accent : block.color;
      ctx.textAlign = run.rtl ? "right" : "left";
      ctx.fillText(run.text, run.rtl ? run.x + run.width : run.x, line.baseline);
    }
  }
  ctx.restore();
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
  const { width: W, height: H } = layout;
  const c = takeCanvas(W, H);
  const ctx = c.getContext("2d");
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  await drawBackground(ctx, job);
  if (layout.fullBleed) await drawFullBleed(ctx, layout, assets.shots.primary);
  else await drawDevices(ctx, job, layout, assets);
  const text = [];
  for (const b of layout.blocks) {
    const background = averageColor(ctx, b.inked, W, H);
    if (b.kind !== "app-name") {
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
        missingGlyphs: []
      });
    }
  }
  for (const b of layout.blocks) drawText(ctx, b);
  return { canvas: c, text };
}

// src/render/encode.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
async function encodeRgba(rgba, width, height, format, quality) {
  const img = sharp()(rgba, { raw: { width, height, channels: 4 } }).removeAlpha();
  if (format === "jpeg") return img.jpeg({ quality, chromaSubsampling: "4:4:4", mozjpeg: false }).toBuffer();
  return setPngDpi(await img.png({ compressionLevel: 6, adaptiveFiltering: false, palette: false }).toBuffer(), 72);
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
function sha256(buf) {
  return createHash("sha256").update(buf).digest("hex");
}
var writeAtomic = writeFileAtomic;

// src/render/cache.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { createHash as createHash2 } from "node:crypto";
import { closeSync, existsSync as existsSync2, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync as statSync2, utimesSync } from "node:fs";
import path3 from "node:path";
import { fileURLToPath } from "node:url";
var CACHE_FORMAT = 1;
var DEFAULT_CACHE_DIR = ".storeshots-cache";
var sha = (data) => createHash2("sha256").update(data).digest("hex");
var FileHasher = class {
  memo = /* @__PURE__ */ new Map();
  hash(file) {
    let st;
    try {
      st = statSync2(file);
    } catch {
      return "missing";
    }
    if (!st.isFile()) return "not-a-file";
    const k = `${file}|${st.size}|${st.mtimeMs}`;
    let h = this.memo.get(k);
    if (!h) this.memo.set(k, h = hashFile(file));
    return h;
  }
};
function hashFile(file) {
  const h = createHash2("sha256");
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest("hex");
}
var fingerprint;
function rendererFingerprint() {
  if (fingerprint) return fingerprint;
  const h = createHash2("sha256").update(`storeshots ${VERSION} cache ${CACHE_FORMAT}
`);
  let root;
  try {
    root = packageRoot();
  } catch {
  }
  if (root) {
    const here = fileURLToPath(import.meta.url);
    const fromSource = here.endsWith(".ts");
    const codeDirs = [path3.join(root, "dist"), ...fromSource ? [path3.join(root, "src")] : []];
    for (const dir of codeDirs) {
      for (const f of listFiles(dir, /\.(js|ts)$/)) h.update(`${path3.relative(root, f)}
`).update(readFileSync(f));
    }
    for (const f of listFiles(path3.join(root, "fonts"), /\.(ttf|otf|ttc)$/i)) h.update(`${path3.basename(f)} ${statSync2(f).size}
`);
  }
  return fingerprint = h.digest("hex");
}
function listFiles(dir, re) {
  if (!existsSync2(dir)) return [];
  return readdirSync(dir, { recursive: true }).filter((f) => re.test(f)).sort().map((f) => path3.join(dir, f));
}
function styleFiles(job) {
  const out = /* @__PURE__ */ new Set();
  const walk = (v) => {
    if (typeof v === "string") {
      if (v.startsWith("builtin:")) {
        try {
          out.add(path3.join(packageRoot(), "templates", v.slice("builtin:".length)));
        } catch {
        }
      } else if (/[./\\]/.test(v) && !v.startsWith("#")) {
        const abs = path3.resolve(job.baseDir, v);
        try {
          if (statSync2(abs).isFile()) out.add(abs);
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
    fonts: job.fonts.map((f) => files.hash(f)),
    styleFiles: styleFiles(job).map((f) => [path3.basename(f), files.hash(f)]),
    format: job.output.format,
    // PNG ignores quality: changing it must not redraw PNG sets.
    quality: job.output.format === "jpeg" ? job.output.quality : null
  };
}
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v).filter((k) => v[k] !== void 0).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}
function cacheKey(k) {
  const { job, setJobs, facts, files } = k;
  const neighbours2 = job.style.background?.panoramic ? setJobs.filter((o) => Math.abs(o.index - job.index) === 1).sort((a, b) => a.index - b.index).map((o) => jobMaterial(o, files)) : [];
  return sha(canonical({ renderer: k.renderer ?? rendererFingerprint(), job: jobMaterial(job, files), facts, neighbours: neighbours2 }));
}
var RenderCache = class {
  dir;
  root;
  constructor(dir) {
    this.dir = dir;
    this.root = path3.join(dir, `v${CACHE_FORMAT}`);
  }
  paths(key) {
    const d = path3.join(this.root, key.slice(0, 2));
    return { img: path3.join(d, `${key}.img`), meta: path3.join(d, `${key}.json`) };
  }
  /** The entry, or undefined when absent, unreadable or corrupt (a corrupt entry is removed). */
  get(key) {
    const p = this.paths(key);
    let meta;
    let buffer;
    try {
      meta = JSON.parse(readFileSync(p.meta, "utf8"));
      buffer = readFileSync(p.img);
    } catch (e) {
      if (e.code !== "ENOENT") this.drop(key);
      return void 0;
    }
    if (meta?.format !== 1 || buffer.length !== meta.bytes || sha(buffer) !== meta.sha256 || !Array.isArray(meta.text)) {
      this.drop(key);
      return void 0;
    }
    const now = /* @__PURE__ */ new Date();
    try {
      utimesSync(p.meta, now, now);
    } catch {
    }
    return { buffer, meta };
  }
  /**
   * Copies the entry's image to `file` (atomically) and returns its meta, or undefined when absent,
   * unreadable or corrupt (a corrupt entry is removed). The bytes are checked against the recorded
   * hash unless the file has the size and mtime it was written with (restored or touched entries
   * are checked); then the kernel copies them without reading them into memory.
   */
  copyTo(key, file) {
    const p = this.paths(key);
    let meta;
    let st;
    try {
      meta = JSON.parse(readFileSync(p.meta, "utf8"));
      st = statSync2(p.img);
    } catch (e) {
      if (e.code !== "ENOENT") this.drop(key);
      return void 0;
    }
    if (meta?.format !== 1 || st.size !== meta.bytes || !Array.isArray(meta.text)) {
      this.drop(key);
      return void 0;
    }
    mkdirSync(path3.dirname(file), { recursive: true });
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
      if (buffer.length !== meta.bytes || sha(buffer) !== meta.sha256) {
        this.drop(key);
        return void 0;
      }
      writeFileAtomic(file, buffer);
    }
    const now = /* @__PURE__ */ new Date();
    try {
      utimesSync(p.meta, now, now);
    } catch {
    }
    return meta;
  }
  put(key, buffer, meta) {
    const p = this.paths(key);
    mkdirSync(path3.dirname(p.img), { recursive: true });
    writeFileAtomic(p.img, buffer);
    writeFileAtomic(p.meta, JSON.stringify({ format: 1, ...meta, imgMtimeMs: statSync2(p.img).mtimeMs }));
  }
  drop(key) {
    const p = this.paths(key);
    rmSync(p.meta, { force: true });
    rmSync(p.img, { force: true });
  }
  /** Every key stored. */
  keys() {
    if (!existsSync2(this.root)) return [];
    return readdirSync(this.root, { recursive: true }).filter((f) => f.endsWith(".json")).map((f) => path3.basename(f, ".json"));
  }
  /** Removes entries not in `keep` (the Action saves only what this run used) or, with maxAgeDays, not used for that long. */
  prune(o) {
    let removed = 0;
    const cutoff = o.maxAgeDays !== void 0 ? Date.now() - o.maxAgeDays * 864e5 : void 0;
    for (const key of this.keys()) {
      let drop = o.keep ? !o.keep.has(key) : false;
      if (!drop && cutoff !== void 0) {
        try {
          drop = statSync2(this.paths(key).meta).mtimeMs < cutoff;
        } catch {
          drop = true;
        }
      }
      if (drop) {
        this.drop(key);
        removed++;
      }
    }
    return removed;
  }
};

// src/render/pool.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { existsSync as existsSync3 } from "node:fs";
import os from "node:os";
import path4 from "node:path";
var BYTES_PER_THREAD = 320 * 1024 * 1024;
var DECODE_BUDGET = 48 * 1024 * 1024;
var MIN_DECODE_BUDGET = 24 * 1024 * 1024;
function poolSize(wanted, batches) {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  const byMemory = Math.max(1, Math.floor(os.totalmem() / BYTES_PER_THREAD));
  return Math.max(1, Math.min(wanted ?? cores, byMemory, batches));
}
function decodeBudget(threads) {
  return Math.max(MIN_DECODE_BUDGET, Math.floor(DECODE_BUDGET / threads));
}
function defaultWorkerFile() {
  return path4.join(packageRoot(), "dist/render/worker.js");
}
var RenderPool = class _RenderPool {
  constructor(pool, threads) {
    this.pool = pool;
    this.threads = threads;
    pool.on("error", (e) => {
      this.failure ??= e;
    });
  }
  pool;
  threads;
  /** An error the pool raised outside any task (e.g. a reply from a worker whose task was aborted): kept, never thrown from an event. */
  failure;
  /** A pool of `threads` workers, or why there is none (the caller renders in-process). */
  static async open(threads, workerFile = defaultWorkerFile()) {
    if (!existsSync3(workerFile)) return { unavailable: `the render worker ${workerFile} is missing (run "npm run build")` };
    let Piscina;
    try {
      ({ Piscina } = await import("piscina"));
    } catch (e) {
      return { unavailable: `piscina cannot be loaded (${e.message.split("\n")[0]})` };
    }
    const pool = new Piscina({ filename: workerFile, minThreads: threads, maxThreads: threads, idleTimeout: 1e3, concurrentTasksPerWorker: 1 });
    return new _RenderPool(pool, threads);
  }
  run(task, signal) {
    return this.pool.run(task, { signal });
  }
  async close() {
    await this.pool.destroy();
  }
};

// src/render/layout.ts
init_define_globalThis_STORESHOTS_NATIVES();
var LANDSCAPE = (w, h) => w > h * 1.15;
function effectiveKind(job) {
  const k = job.style.layout ?? "text-top";
  if (k === "feature") return k;
  if (LANDSCAPE(job.size.width, job.size.height)) {
    if (k === "text-top") return "text-left";
    if (k === "text-bottom") return "text-right";
  } else if (k === "text-left") return "text-top";
  else if (k === "text-right") return "text-bottom";
  if (k === "two-devices" && !job.screenshot) return "text-top";
  return k;
}
function typeRef(w, h, kind) {
  if (kind === "feature") return h;
  if (kind === "text-left" || kind === "text-right") return Math.min(w * 0.5, h * 0.8);
  return Math.min(w, h * 0.55);
}
var px = (v, ref, dflt) => {
  const x = v ?? dflt;
  return x > 1 ? x : x * ref;
};
function padding(job) {
  return (job.style.padding ?? 0.07) * Math.min(job.size.width, job.size.height);
}
function textColumn(job, kind) {
  const { width: W } = job.size;
  const pad = padding(job);
  const safeW = W - 2 * pad;
  if (kind === "text-left" || kind === "text-right" || kind === "feature") {
    const hasDevice = kind !== "feature" || !!job.screenshot;
    const colW = hasDevice ? safeW * (kind === "feature" ? 0.5 : 0.4) : safeW;
    const textOnLeft = (kind === "text-left" || kind === "feature") !== job.rtl || !hasDevice;
    return { x: textOnLeft ? pad : W - pad - colW, width: colW };
  }
  return { x: pad, width: safeW };
}
function prepare(kind, raw, style, job, lk, tm2, defaults) {
  if (!raw || !raw.trim()) return void 0;
  const st = style ?? {};
  const ref = typeRef(job.size.width, job.size.height, lk);
  let { text, spans } = parseHighlights(raw.trim());
  if (st.uppercase) text = text.toLocaleUpperCase(job.locale);
  const maxSize = px(st.size, ref, defaults.size);
  const minSize = Math.min(maxSize, px(st["min-size"], ref, defaults.min));
  const font = { chain: tm2.chain(st, job), weight: st.weight ?? defaults.weight, size: REF_SIZE, lang: job.locale, letterSpacing: st["letter-spacing"] ?? 0 };
  const ps = pieces(text, job.locale, (t) => tm2.width(t, font));
  return { kind, style: st, text, spans, pieces: ps, font, maxSize, minSize, maxLines: st["max-lines"] ?? defaults.lines, lineHeight: st["line-height"] ?? 1.2 };
}
function prepareAll(job, tm2) {
  const kind = effectiveKind(job);
  if (kind === "device-only") return { kind, items: [] };
  const s = job.style;
  const items = [];
  if (kind === "feature" && job.appName) {
    const p = prepare("app-name", job.appName, { ...s.subtitle, weight: 700, size: 0.075, "min-size": 0.05, uppercase: false }, job, kind, tm2, { size: 0.075, min: 0.05, weight: 700, lines: 1 });
    if (p) items.push(p);
  }
  const h = prepare("headline", job.headline?.text, kind === "feature" ? { ...s.headline, size: 0.12, "min-size": 0.07 } : s.headline, job, kind, tm2, { size: 0.085, min: 0.05, weight: 800, lines: 3 });
  if (h) items.push(h);
  const sub = prepare("subtitle", job.subtitle?.text, kind === "feature" ? { ...s.subtitle, size: 0.06, "min-size": 0.04 } : s.subtitle, job, kind, tm2, { size: 0.042, min: 0.03, weight: 500, lines: 2 });
  if (sub) items.push(sub);
  return { kind, items };
}
function ownFits(job, tm2) {
  const { kind, items } = prepareAll(job, tm2);
  const column = textColumn(job, kind);
  return {
    kind,
    column,
    items: items.map((p) => ({ ...p, fit: fitSize({ pieces: p.pieces, maxWidth: column.width, maxLines: p.maxLines, maxSize: p.maxSize, minSize: p.minSize }) }))
  };
}
function stackGap(sizes) {
  return (sizes.headline ?? 0) * 0.35;
}
function wrapAt(p, size, maxWidth) {
  return wrapBalanced(p.pieces, maxWidth, size / REF_SIZE);
}
function stackHeight(items, maxWidth) {
  let h = 0;
  for (const [i, p] of items.entries()) {
    const lines = wrapAt(p, p.size, maxWidth).lines.length;
    if (i > 0) h += gapBefore(p, items[i - 1]);
    h += lines * p.size * p.lineHeight;
  }
  return h;
}
function gapBefore(p, prev) {
  if (prev.kind === "app-name") return prev.size * 0.5;
  return p.kind === "subtitle" ? stackGap({ headline: prev.size }) : 0;
}
function setFacts(setJobs, tm2) {
  const fits = setJobs.map((j) => ({ job: j, ...ownFits(j, tm2) }));
  const lockable = fits.filter((f) => f.job.style["lock-type-size"] !== false);
  const lock = (kind) => {
    const xs = lockable.flatMap((f) => f.items.filter((i) => i.kind === kind));
    if (xs.length === 0) return void 0;
    return Math.max(Math.max(...xs.map((x) => x.minSize)), Math.min(...xs.map((x) => Math.min(x.fit, x.maxSize))));
  };
  const facts = { headlineSize: lock("headline"), subtitleSize: lock("subtitle"), textHeight: 0 };
  for (const f of fits) {
    const sized = f.items.map((i) => ({ ...i, size: sizeFor(i, f.job, facts) }));
    facts.textHeight = Math.max(facts.textHeight, stackHeight(sized, f.column.width));
  }
  return facts;
}
function sizeFor(p, job, facts) {
  const own = Math.max(p.minSize, Math.min(p.fit, p.maxSize));
  if (job.style["lock-type-size"] === false || p.kind === "app-name") return own;
  const locked = p.kind === "headline" ? facts.headlineSize : facts.subtitleSize;
  return locked === void 0 ? own : Math.min(p.maxSize, locked);
}
function alignOf(st, rtl, dflt) {
  const a = st.align ?? dflt;
  if (a === "center" || a === "left" || a === "right") return a;
  return a === "start" !== rtl ? "left" : "right";
}
function placeText(items, box, job, tm2, dfltAlign) {
  const total = stackHeight(items, box.width);
  let y = box.y + Math.max(0, (box.height - total) / 2);
  const out = [];
  items.forEach((p, i) => {
    if (i > 0) y += gapBefore(p, items[i - 1]);
    const size = p.size;
    const font = { ...p.font, size };
    const wrap = wrapAt(p, size, box.width);
    const levels = bidiLevels(p.text, job.rtl);
    const lh = size * p.lineHeight;
    const align = alignOf(p.style, job.rtl, dfltAlign);
    const lines = wrap.lines.map(([a, b], k) => {
      const start = p.pieces[a].start;
      const end = p.pieces[b].end;
      const runs = visualRuns(p.text, levels, start, end, p.spans);
      let x = 0;
      const placed = runs.map((r) => {
        const text = p.text.slice(r.start, r.end);
        const w = tm2.width(text, font);
        const run = { ...r, text, x, width: w };
        x += w;
        return run;
      });
      const width = x;
      const left = align === "left" ? box.x : align === "right" ? box.x + box.width - width : box.x + (box.width - width) / 2;
      for (const r of placed) r.x += left;
      const top = y + k * lh;
      return { text: p.text.slice(start, end).trim(), x: left, width, top, baseline: top + lh / 2 + size * 0.36, runs: placed };
    });
    const height = lines.length * lh;
    const minX = Math.min(...lines.map((l) => l.x));
    const maxX = Math.max(...lines.map((l) => l.x + l.width));
    const overflow = p.fit < p.minSize || wrap.tooWide || lines.length > p.maxLines || maxX - minX > box.width + 1;
    const textBox = { x: box.x, y, width: box.width, height };
    out.push({
      kind: p.kind,
      text: p.text,
      font,
      minFontSize: p.minSize,
      fitFontSize: p.fit,
      lineHeight: lh,
      align,
      color: p.style.color ?? "#ffffff",
      accent: p.style.accent ?? p.style.color ?? "#ffffff",
      shadow: p.style.shadow ?? false,
      box: textBox,
      lines,
      inked: { x: minX, y, width: maxX - minX, height },
      overflow
    });
    y += height;
  });
  return out;
}
function fitBox(area, aspect, scale = 1) {
  let w = Math.min(area.width, area.height * aspect) * scale;
  let h = w / aspect;
  if (h > area.height * scale) {
    h = area.height * scale;
    w = h * aspect;
  }
  return { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
}
function resolveModel(job) {
  const f = job.style.device?.frame ?? "auto";
  if (f === "auto") return { model: autoModel(job.device, job.presetId) };
  if (/\.png$/i.test(f)) return { model: "none", frameFile: f };
  if (MODEL_IDS.includes(f)) return { model: f };
  return { model: autoModel(job.device, job.presetId) };
}
function placeDevice(job, area, which, shot, frame, scale) {
  const d = job.style.device ?? {};
  const { model, frameFile } = resolveModel(job);
  const spec = MODELS[model];
  const landscapeCanvas = LANDSCAPE(job.size.width, job.size.height);
  const rotate = spec.rotates && (job.landscape || landscapeCanvas && effectiveKind(job) !== "feature");
  const shotAspect = shot ? shot.width / shot.height : job.size.width / job.size.height;
  let outer;
  let screen;
  let radius;
  if (frame) {
    outer = fitBox(area, frame.aspect, scale);
    const k = outer.width;
    screen = { x: outer.x + frame.screen.x * k, y: outer.y + frame.screen.y * k, width: frame.screen.width * k, height: frame.screen.height * k };
    radius = 0;
  } else {
    const g = geometry(spec, rotate, model === "none" ? shotAspect : void 0);
    outer = fitBox(area, g.outerW / g.outerH, scale);
    const k = outer.width / g.outerW;
    screen = { x: outer.x + g.screen.x * k, y: outer.y + g.screen.y * k, width: g.screen.width * k, height: g.screen.height * k };
    radius = spec.screenRadius * k;
  }
  const dx = (d["offset-x"] ?? 0) * job.size.width * (job.rtl ? -1 : 1);
  const dy = (d["offset-y"] ?? 0) * job.size.height;
  const shift = (b) => ({ ...b, x: b.x + dx, y: b.y + dy });
  return {
    model,
    frameFile,
    which,
    outer: shift(outer),
    screen: shift(screen),
    screenRadius: radius,
    landscape: rotate,
    tilt: (d.tilt ?? 0) * (job.rtl ? -1 : 1),
    color: d.color ?? "black",
    fit: d.fit ?? "crop",
    shadow: d.shadow ?? true
  };
}
function layoutJob({ job, facts, measurer: tm2, shots = {}, frame }) {
  const { width: W, height: H } = job.size;
  const pad = padding(job);
  const safe = { x: pad, y: pad, width: W - 2 * pad, height: H - 2 * pad };
  const { kind, items, column } = ownFits(job, tm2);
  const sized = items.map((p) => ({ ...p, size: sizeFor(p, job, facts) }));
  const scale = job.style.device?.scale ?? 1;
  const hasShot = !!job.screenshot;
  const textH = Math.max(facts.textHeight, stackHeight(sized, column.width));
  const gap = pad * 0.9;
  const layout = { width: W, height: H, kind, rtl: job.rtl, safe, blocks: [], devices: [], fullBleed: false };
  const place = (area, which, s = scale) => placeDevice(job, area, which, which === "primary" ? shots.primary : shots.second ?? shots.primary, frame, s);
  switch (kind) {
    case "device-only": {
      if (hasShot) layout.devices.push(place(safe, "primary"));
      break;
    }
    case "text-left":
    case "text-right":
    case "feature": {
      const textArea = { x: column.x, y: safe.y, width: column.width, height: safe.height };
      layout.textArea = textArea;
      layout.blocks = placeText(sized, textArea, job, tm2, kind === "feature" && hasShot ? "start" : "center");
      if (hasShot) {
        const devX = column.x === pad ? column.x + column.width + gap : pad;
        const devW = safe.width - column.width - gap;
        const area = kind === "feature" ? { x: devX, y: H * 0.12, width: devW, height: H * 1.25 } : { x: devX, y: safe.y, width: devW, height: safe.height };
        layout.devices.push(place(area, "primary"));
      }
      break;
    }
    default: {
      const top = kind !== "text-bottom";
      const hasText = sized.length > 0;
      const tH = hasText ? textH : 0;
      const textArea = { x: column.x, y: top ? safe.y + pad * 0.35 : H - pad - tH, width: column.width, height: tH };
      if (hasText) {
        layout.textArea = textArea;
        layout.blocks = placeText(sized, textArea, job, tm2, "center");
      }
      const area = top ? { x: safe.x, y: textArea.y + tH + (hasText ? gap : 0), width: safe.width, height: H - pad - (textArea.y + tH + (hasText ? gap : 0)) } : { x: safe.x, y: safe.y, width: safe.width, height: textArea.y - gap - safe.y };
      if (kind === "full-bleed") layout.fullBleed = hasShot;
      else if (kind === "two-devices" && hasShot) {
        const w = area.width * 0.56;
        const back = { x: job.rtl ? area.x : area.x + area.width - w, y: area.y + area.height * 0.08, width: w, height: area.height * 0.92 };
        const front = { x: job.rtl ? area.x + area.width - w : area.x, y: area.y, width: w, height: area.height * 0.92 };
        layout.devices.push(place(back, "second"), place(front, "primary"));
      } else if (hasShot) layout.devices.push(place(area, "primary"));
    }
  }
  return layout;
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
    throw new RenderError(`cannot decode frame PNG ${file}: ${e.message.split("\n")[0]}`);
  }
  const { width: w, height: h } = info;
  const alpha = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) alpha[i] = data[i * 4 + 3];
  const box = transparentRegion(alpha, w, h);
  if (!box || box.width * box.height < w * h * 0.1 || box.x === 0 && box.y === 0 && box.width === w && box.height === h) {
    throw new RenderError(`frame PNG ${file} has no transparent screen area around its centre: the screen must be transparent and enclosed by the frame`);
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

// src/render/index.ts
var measurer;
function tm() {
  return measurer ??= createMeasurer();
}
function setOf(plan, job) {
  return plan.all.filter((j) => j.set === job.set);
}
function computeSetFacts(setJobs) {
  return setFacts(setJobs, tm());
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
    const l = layoutJob({ job: other, facts, measurer: tm(), shots: { primary: a.shots.primary, second: a.shots.second }, frame: a.frame });
    const dx = delta * job.size.width;
    for (const p of l.devices) {
      const shifted = { ...p, outer: { ...p.outer, x: p.outer.x + dx }, screen: { ...p.screen, x: p.screen.x + dx } };
      if (shifted.outer.x < job.size.width && shifted.outer.x + shifted.outer.width > 0) {
        out.push({ placement: shifted, shot: p.which === "second" ? a.shots.second ?? a.shots.primary : a.shots.primary });
      }
    }
  }
  return out;
}
async function renderJobBytes(job, setJobs, facts) {
  const a = await assetsFor(job);
  const layout = layoutJob({ job, facts, measurer: tm(), shots: { primary: a.shots.primary, second: a.shots.second }, frame: a.frame });
  const { canvas: canvas2, text } = await drawJob(job, layout, { ...a, neighbours: await neighbours(job, setJobs, facts) });
  const { width, height } = job.size;
  const rgba = Buffer.from(canvas2.getContext("2d").getImageData(0, 0, width, height).data.buffer);
  releaseCanvas(canvas2);
  const buffer = await encodeRgba(rgba, width, height, job.output.format, job.output.quality);
  freeNow(rgba);
  return { buffer, text };
}
async function renderJob(job, setJobs, facts, outDir) {
  const { buffer, text } = await renderJobBytes(job, setJobs, facts);
  const file = path6.join(outDir, job.output.path);
  writeAtomic(file, buffer);
  return {
    job,
    file,
    text,
    record: {
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
    }
  };
}
async function renderPlan(plan, opts = {}) {
  checkGlyphs(plan.jobs);
  const bySet = /* @__PURE__ */ new Map();
  for (const j of plan.all) bySet.get(j.set)?.push(j) ?? bySet.set(j.set, [j]);
  const sets = {};
  for (const job of plan.jobs) {
    if (sets[job.set]) continue;
    const jobs = bySet.get(job.set) ?? [job];
    sets[job.set] = { jobs, facts: computeSetFacts(jobs) };
  }
  const cache2 = opts.noCache ? void 0 : new RenderCache(opts.cacheDir ?? path6.resolve(opts.cwd ?? process.cwd(), DEFAULT_CACHE_DIR));
  const files = new FileHasher();
  const done = /* @__PURE__ */ new Map();
  const misses = [];
  const keys = /* @__PURE__ */ new Set();
  for (const job of plan.jobs) {
    const key = cache2 && cacheKey({ job, setJobs: sets[job.set].jobs, facts: sets[job.set].facts, files });
    if (key) keys.add(key);
    const file = path6.join(plan.outDir, job.output.path);
    const hit = key ? cache2.copyTo(key, file) : void 0;
    if (hit) done.set(job.id, { job, file, text: hit.text, record: recordOf(job, hit.bytes, hit.sha256, true) });
    else misses.push({ job, key });
  }
  let emitted = 0;
  const out = [];
  const emit = () => {
    while (emitted < plan.jobs.length) {
      const img = done.get(plan.jobs[emitted].id);
      if (!img) break;
      out.push(img);
      emitted++;
      opts.onImage?.(img, emitted, plan.jobs.length);
    }
  };
  emit();
  const batches = batchesOf(misses);
  const threads = poolSize(opts.jobs, batches.length);
  const base = { outDir: plan.outDir, cacheDir: cache2?.dir, decodeBudget: decodeBudget(threads) };
  const byId = new Map(plan.jobs.map((j) => [j.id, j]));
  const decodes = { made: 0, reused: 0 };
  const take = (r) => {
    decodes.made += r.decodes.made;
    decodes.reused += r.decodes.reused;
    for (const i of r.images) {
      const job = byId.get(i.id);
      done.set(i.id, { job, file: path6.join(plan.outDir, job.output.path), text: i.text, record: i.record });
    }
    emit();
    if (r.error) throw new RenderError(r.error.render ? r.error.message : `rendering ${r.error.jobId} failed: ${r.error.message}`);
  };
  const taskOf = (b) => ({ ...base, jobs: b, sets: pick(sets, b) });
  const pool = threads > 1 ? await RenderPool.open(threads, opts.workerFile) : void 0;
  const used2 = pool instanceof RenderPool ? threads : 1;
  if (pool instanceof RenderPool) {
    const abort = new AbortController();
    const failed = (b) => (e) => {
      if (e instanceof RenderError) throw e;
      const more = b.length > 1 ? ` (and ${b.length - 1} more job(s) of its batch)` : "";
      throw new RenderError(`rendering ${b[0].job.id}${more} failed: the render worker stopped: ${String(e?.message ?? e).split("\n")[0]}`, { cause: e });
    };
    try {
      await Promise.all(batches.map((b) => pool.run(taskOf(b), abort.signal).then(take).catch(failed(b))));
      if (pool.failure) throw new RenderError(`the render worker pool failed: ${pool.failure.message.split("\n")[0]}`);
    } catch (e) {
      abort.abort();
      throw e;
    } finally {
      await pool.close();
    }
  } else {
    if (pool) opts.onNote?.(`rendering in one thread: ${pool.unavailable}`);
    const { renderBatch } = await import("../render/worker.js");
    for (const b of batches) take(await renderBatch(taskOf(b)));
  }
  if (cache2) pruneNow(cache2);
  opts.onStats?.({ rendered: misses.length, cached: plan.jobs.length - misses.length, threads: used2, decodes, keys: [...keys] });
  return out;
}
function recordOf(job, bytes, sha2, cached) {
  return {
    path: job.output.path,
    locale: job.locale,
    preset: job.preset,
    slide: job.slide,
    index: job.index,
    width: job.size.width,
    height: job.size.height,
    format: job.output.format,
    bytes,
    sha256: sha2,
    cached
  };
}
function batchesOf(jobs) {
  const groups = /* @__PURE__ */ new Map();
  for (const j of jobs) {
    const k = j.job.screenshot ?? j.job.id;
    groups.get(k)?.push(j) ?? groups.set(k, [j]);
  }
  const out = [];
  for (const g of groups.values()) for (let i = 0; i < g.length; i += 8) out.push(g.slice(i, i + 8));
  return out;
}
function pick(sets, b) {
  const out = {};
  for (const { job } of b) out[job.set] = sets[job.set];
  return out;
}
function pruneNow(cache2) {
  const marker = path6.join(cache2.dir, ".pruned");
  try {
    if (existsSync4(marker) && Date.now() - statSync3(marker).mtimeMs < 864e5) return;
    mkdirSync2(cache2.dir, { recursive: true });
    writeFileSync(marker, "");
    cache2.prune({ maxAgeDays: 30 });
  } catch {
  }
}
async function renderJobToBuffer(job, setJobs) {
  const set = setJobs.length ? setJobs : [job];
  checkGlyphs([job]);
  return renderJobBytes(job, set, computeSetFacts(set));
}

export {
  setDecodeBudget,
  decodeStats,
  sha256,
  writeAtomic,
  RenderCache,
  setFacts,
  layoutJob,
  setOf,
  computeSetFacts,
  checkGlyphs,
  renderJobBytes,
  renderJob,
  renderPlan,
  renderJobToBuffer
};
