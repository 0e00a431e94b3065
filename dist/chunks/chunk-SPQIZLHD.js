import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  APPSTORE_LOCALES,
  DELIVER,
  PLAY_LOCALES,
  PRESETS,
  PSEUDO_LOCALES,
  SUPPLY,
  resolvePreset,
  storeLocale
} from "./chunk-5XU2I224.js";
import {
  sniffFormat
} from "./chunk-7DZ4F3EM.js";
import {
  sha256
} from "./chunk-6JH44W7O.js";
import {
  UserError,
  fsErrorReason
} from "./chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/lint/collect.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
var UPLOAD_EXT = new Set(SUPPLY.extensions);
var OTHER_IMAGE_EXT = /* @__PURE__ */ new Set(["webp", "gif", "heic", "heif", "avif", "bmp", "tif", "tiff"]);
var MAX_DEPTH = 12;
var extOf = (f) => path.extname(f).slice(1).toLowerCase();
var isImageName = (f) => UPLOAD_EXT.has(extOf(f)) || OTHER_IMAGE_EXT.has(extOf(f));
var hidden = (name) => name.startsWith(".");
var ci = (list, name) => list.find((x) => x.toLowerCase() === name.toLowerCase());
var PLAY_FOLDER_PRESET = new Map(PRESETS.filter((p) => p.playFolder).map((p) => [p.playFolder, p]));
var Collector = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  out = { images: [], localeFolders: [], ignored: [], unreachable: [] };
  visited = /* @__PURE__ */ new Set();
  seenFiles = /* @__PURE__ */ new Set();
  /** Each path argument is walked on its own: naming a folder twice is not a loop. */
  startRoot() {
    this.visited = /* @__PURE__ */ new Set();
  }
  show(abs) {
    const rel = path.relative(this.opts.cwd, abs);
    return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
  }
  /** Entries of a folder, sorted, hidden ones left out; null when the folder cannot be read. */
  list(dir) {
    let names;
    try {
      names = readdirSync(dir).filter((n) => !hidden(n)).sort();
    } catch (e) {
      this.out.unreachable.push({ path: this.show(dir), reason: fsErrorReason(e) });
      return null;
    }
    return names.map((name) => {
      const abs = path.join(dir, name);
      try {
        return { name, abs, st: statSync(abs) };
      } catch (err) {
        return { name, abs, err };
      }
    });
  }
  /** Enters a folder once: a link back to a folder already walked is a loop, reported and skipped. */
  enter(dir, depth) {
    if (depth > MAX_DEPTH) {
      this.out.unreachable.push({ path: this.show(dir), reason: `more than ${MAX_DEPTH} folders deep` });
      return false;
    }
    let real;
    try {
      real = realpathSync(dir);
    } catch (e) {
      this.out.unreachable.push({ path: this.show(dir), reason: fsErrorReason(e) });
      return false;
    }
    if (this.visited.has(real) || [...this.visited].some((v) => v.startsWith(real + path.sep))) {
      this.out.unreachable.push({
        path: this.show(dir),
        reason: `symbolic link loop: it leads back to ${this.show(real)}, which is already being linted`
      });
      return false;
    }
    this.visited.add(real);
    return true;
  }
  /** Images met so far, counting ones already added through another path. */
  encountered = 0;
  add(img) {
    this.encountered++;
    let key = img.file;
    try {
      key = realpathSync(img.file);
    } catch {
    }
    if (this.seenFiles.has(key)) return;
    this.seenFiles.add(key);
    this.out.images.push({ ...img, path: this.show(img.file), ext: extOf(img.file) });
  }
  /** An entry that could not be stat'ed: an image-named one is an unreadable image, anything else a skipped path. */
  broken(e, store) {
    if (isImageName(e.name))
      this.add({
        file: e.abs,
        store: store ?? this.opts.store ?? "appstore",
        storeGuessed: !store && !this.opts.store,
        unreadable: fsErrorReason(e.err)
      });
    else this.out.unreachable.push({ path: this.show(e.abs), reason: fsErrorReason(e.err) });
  }
  // ---- deliver: fastlane/screenshots ----------------------------------------------------------
  deliverTree(root, depth) {
    if (!this.enter(root, depth)) return;
    for (const e of this.list(root) ?? []) {
      if (e.err) {
        this.broken(e, "appstore");
        continue;
      }
      if (e.st.isFile()) {
        if (isImageName(e.name))
          this.ignore(
            e.abs,
            "appstore",
            "deliver reads images only inside locale folders (screenshots/<locale>/); this file is not uploaded"
          );
        continue;
      }
      if (!e.st.isDirectory()) continue;
      if (ci(DELIVER.exceptionDirs, e.name)) continue;
      if (ci(DELIVER.expandableDirs, e.name)) {
        if (!this.enter(e.abs, depth + 1)) continue;
        for (const n of this.list(e.abs) ?? []) {
          if (n.err) this.broken(n, "appstore");
          else if (n.st.isDirectory() && ci(APPSTORE_LOCALES, n.name)) this.deliverLocale(n.abs, n.name, depth + 2);
          else if (n.st.isDirectory())
            this.ignoreTree(n.abs, "appstore", `deliver skips ${e.name}/${n.name}: not an App Store locale`, depth + 2);
        }
        continue;
      }
      const known = ci(APPSTORE_LOCALES, e.name) ?? ci(DELIVER.specialDirs, e.name);
      if (!known) this.out.localeFolders.push({ path: this.show(e.abs), name: e.name, store: "appstore" });
      this.deliverLocale(e.abs, e.name, depth + 1);
    }
  }
  deliverLocale(dir, name, depth) {
    if (!this.enter(dir, depth)) return;
    const entries = this.list(dir) ?? [];
    const files = entries.filter((e) => e.st?.isFile() && UPLOAD_EXT.has(extOf(e.name)));
    const framedRe = new RegExp(`${DELIVER.framedSuffix}\\.(png|jpe?g)$`, "i");
    const framed = files.some((f) => framedRe.test(f.name));
    const code = ci(APPSTORE_LOCALES, name);
    for (const e of entries) {
      if (e.err) {
        this.broken(e, "appstore");
      } else if (e.st.isDirectory()) {
        this.ignoreTree(
          e.abs,
          "appstore",
          "deliver does not look into sub-folders of a locale folder; this file is not uploaded",
          depth + 1,
          name
        );
      } else if (e.st.isFile() && UPLOAD_EXT.has(extOf(e.name))) {
        const rel = path.join(path.basename(path.dirname(dir)), name, e.name).toLowerCase();
        if (framed && !DELIVER.framedKeep.some((k) => rel.includes(k))) {
          this.ignore(
            e.abs,
            "appstore",
            `the folder holds *${DELIVER.framedSuffix} files, so deliver uploads only framed (and Watch) screenshots and skips this one`,
            name
          );
          continue;
        }
        this.add({ file: e.abs, store: "appstore", locale: name, storeLocale: code ?? name, slide: slideOf(e.name) });
      } else if (e.st.isFile() && isImageName(e.name)) {
        this.ignore(e.abs, "appstore", "deliver uploads only .png, .jpg and .jpeg files; this one is skipped", name);
      }
    }
  }
  // ---- supply: fastlane/metadata/android ----------------------------------------------------------
  supplyTree(root, depth) {
    if (!this.enter(root, depth)) return;
    for (const e of this.list(root) ?? []) {
      if (e.err) {
        this.broken(e, "play");
        continue;
      }
      if (e.st.isFile()) {
        if (isImageName(e.name))
          this.ignore(e.abs, "play", "supply reads images only from <locale>/images/; this file is not uploaded");
        continue;
      }
      if (!e.st.isDirectory()) continue;
      const code = ci(PLAY_LOCALES, e.name);
      if (!code) this.out.localeFolders.push({ path: this.show(e.abs), name: e.name, store: "play" });
      this.supplyLocale(e.abs, e.name, code ?? e.name, depth + 1);
    }
  }
  supplyLocale(dir, name, code, depth) {
    if (!this.enter(dir, depth)) return;
    for (const e of this.list(dir) ?? []) {
      if (e.err) this.broken(e, "play");
      else if (e.st.isDirectory() && e.name === "images") this.supplyImages(e.abs, name, code, depth + 1);
      else if (e.st.isDirectory())
        this.ignoreTree(
          e.abs,
          "play",
          `supply uploads images only from ${name}/images/; this file is not uploaded`,
          depth + 1,
          name
        );
      else if (e.st.isFile() && isImageName(e.name))
        this.ignore(e.abs, "play", `supply uploads images only from ${name}/images/; this file is not uploaded`, name);
    }
  }
  supplyImages(dir, locale, code, depth) {
    if (!this.enter(dir, depth)) return;
    for (const e of this.list(dir) ?? []) {
      if (e.err) {
        this.broken(e, "play");
        continue;
      }
      if (e.st.isDirectory()) {
        const folder = SUPPLY.screenshotTypes.includes(e.name) ? e.name : void 0;
        if (!folder) {
          const near = ci(SUPPLY.screenshotTypes, e.name);
          this.ignoreTree(
            e.abs,
            "play",
            `supply does not upload images/${e.name}/${near ? ` (the folder name is case-sensitive: ${near})` : ""}; it reads ${SUPPLY.screenshotTypes.join(", ")}`,
            depth + 1,
            locale
          );
          continue;
        }
        if (!this.enter(e.abs, depth + 1)) continue;
        for (const f of this.list(e.abs) ?? []) {
          if (f.err) this.broken(f, "play");
          else if (f.st.isDirectory())
            this.ignoreTree(
              f.abs,
              "play",
              `supply does not look into sub-folders of images/${folder}/`,
              depth + 2,
              locale
            );
          else if (f.st.isFile() && UPLOAD_EXT.has(extOf(f.name))) {
            this.add({
              file: f.abs,
              store: "play",
              playKind: "screenshot",
              preset: PLAY_FOLDER_PRESET.get(folder),
              presetRef: PLAY_FOLDER_PRESET.get(folder)?.id,
              locale,
              storeLocale: code,
              slide: slideOf(f.name)
            });
          } else if (f.st.isFile() && isImageName(f.name)) {
            this.ignore(f.abs, "play", "supply uploads only .png, .jpg and .jpeg files; this one is skipped", locale);
          }
        }
        continue;
      }
      if (!e.st.isFile() || !isImageName(e.name)) continue;
      const base = path.basename(e.name, path.extname(e.name));
      const kind = SUPPLY.imageTypes.includes(base) && UPLOAD_EXT.has(extOf(e.name)) ? base : void 0;
      if (!kind) {
        this.ignore(
          e.abs,
          "play",
          `supply uploads only ${SUPPLY.imageTypes.map((t) => `${t}.png`).join(", ")} and the screenshot folders from images/; this file is skipped`,
          locale
        );
        continue;
      }
      const preset = kind === "featureGraphic" ? PLAY_FOLDER_PRESET.get("featureGraphic") : void 0;
      this.add({
        file: e.abs,
        store: "play",
        playKind: kind,
        preset,
        presetRef: preset?.id,
        locale,
        storeLocale: code
      });
    }
  }
  // ---- anything else -------------------------------------------------------------------------
  flat(dir, depth) {
    if (!this.enter(dir, depth)) return;
    for (const e of this.list(dir) ?? []) {
      if (e.err) this.broken(e);
      else if (e.st.isDirectory()) this.flat(e.abs, depth + 1);
      else if (e.st.isFile() && isImageName(e.name)) this.looseFile(e.abs);
      else if (!e.st.isFile() && isImageName(e.name))
        this.add({
          file: e.abs,
          store: this.opts.store ?? "appstore",
          storeGuessed: !this.opts.store,
          unreadable: "not a regular file"
        });
    }
  }
  /** A file outside a fastlane tree: what its folders say (our flat layout, a supply or deliver folder), else --store or a guess. */
  looseFile(abs) {
    const parts = abs.split(path.sep);
    const parent = parts.at(-2) ?? "";
    const grand = parts.at(-3);
    const ref = resolvePreset(parent);
    if (ref && (!this.opts.store || ref.preset.store === this.opts.store)) {
      const store = ref.preset.store;
      const code = grand ? storeLocale(store, grand) : void 0;
      const localeDir = path.dirname(path.dirname(abs));
      if (grand && !code && !PSEUDO_LOCALES.includes(grand) && !this.out.localeFolders.some((f) => f.path === this.show(localeDir) && f.store === store)) {
        this.out.localeFolders.push({ path: this.show(localeDir), name: grand, store, flat: true });
      }
      this.add({
        file: abs,
        store,
        preset: ref.preset,
        presetRef: parent,
        landscape: ref.landscape,
        playKind: ref.preset.playFolder === "featureGraphic" ? "featureGraphic" : store === "play" ? "screenshot" : void 0,
        locale: grand,
        storeLocale: code ?? grand,
        slide: slideOf(path.basename(abs))
      });
      return;
    }
    const playPreset = PLAY_FOLDER_PRESET.get(parent);
    if (playPreset && playPreset.playFolder !== "featureGraphic" && grand === "images" && this.opts.store !== "appstore") {
      this.add({
        file: abs,
        store: "play",
        playKind: "screenshot",
        preset: playPreset,
        presetRef: playPreset.id,
        locale: parts.at(-4),
        storeLocale: parts.at(-4),
        slide: slideOf(path.basename(abs))
      });
      return;
    }
    const base = path.basename(abs, path.extname(abs));
    if (parent === "images" && SUPPLY.imageTypes.includes(base) && this.opts.store !== "appstore") {
      const preset = base === "featureGraphic" ? PLAY_FOLDER_PRESET.get("featureGraphic") : void 0;
      this.add({
        file: abs,
        store: "play",
        playKind: base,
        preset,
        presetRef: preset?.id,
        locale: grand,
        storeLocale: grand
      });
      return;
    }
    const locale = ci(APPSTORE_LOCALES, parent) && grand?.toLowerCase() === "screenshots" ? parent : void 0;
    if (locale && this.opts.store !== "play") {
      this.add({
        file: abs,
        store: "appstore",
        locale,
        storeLocale: ci(APPSTORE_LOCALES, parent),
        slide: slideOf(path.basename(abs))
      });
      return;
    }
    this.add({
      file: abs,
      store: this.opts.store ?? "appstore",
      storeGuessed: !this.opts.store,
      playKind: this.opts.store === "play" ? "screenshot" : void 0
    });
  }
  ignore(abs, store, reason, locale) {
    this.out.ignored.push({ path: this.show(abs), store, reason, locale });
  }
  ignoreTree(dir, store, reason, depth, locale) {
    if (!this.enter(dir, depth)) return;
    for (const e of this.list(dir) ?? []) {
      if (e.st?.isDirectory()) this.ignoreTree(e.abs, store, reason, depth + 1, locale);
      else if (isImageName(e.name)) this.ignore(e.abs, store, reason, locale);
    }
  }
};
function slideOf(file) {
  const base = path.basename(file, path.extname(file));
  const m = /^\d+[-_](?:(?:appstore|play)\.[a-z0-9_]+(?:-landscape)?_)?(.+)$/.exec(base);
  return m ? m[1] : void 0;
}
function isDir(p) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
function hasImagesDirectly(dir) {
  try {
    return readdirSync(dir).some((n) => !hidden(n) && UPLOAD_EXT.has(extOf(n)));
  } catch {
    return false;
  }
}
function detectTree(dir) {
  if (isDir(path.join(dir, "fastlane", "screenshots")) || isDir(path.join(dir, "fastlane", "metadata", "android"))) {
    return { kind: "fastlane", root: path.join(dir, "fastlane") };
  }
  if (isDir(path.join(dir, "screenshots")) || isDir(path.join(dir, "metadata", "android")))
    return { kind: "fastlane", root: dir };
  const base = path.basename(dir);
  if (base === "metadata" && isDir(path.join(dir, "android")))
    return { kind: "supply", root: path.join(dir, "android") };
  if (base === "android" && path.basename(path.dirname(dir)) === "metadata") return { kind: "supply", root: dir };
  if (base.toLowerCase() === "screenshots") return { kind: "deliver", root: dir };
  let children = [];
  try {
    children = readdirSync(dir).filter((n) => !hidden(n) && isDir(path.join(dir, n)));
  } catch {
    return { kind: "flat", root: dir };
  }
  if (children.some(
    (c) => isDir(path.join(dir, c, "images")) && SUPPLY.screenshotTypes.some((t) => isDir(path.join(dir, c, "images", t)))
  )) {
    return { kind: "supply", root: dir };
  }
  if (children.some(
    (c) => (ci(APPSTORE_LOCALES, c) || ci(DELIVER.expandableDirs, c)) && hasImagesDirectly(path.join(dir, c))
  )) {
    return { kind: "deliver", root: dir };
  }
  return { kind: "flat", root: dir };
}
function collectPaths(paths, opts) {
  const c = new Collector(opts);
  for (const p of paths) {
    const abs = path.resolve(opts.cwd, p);
    const before = c.encountered + c.out.ignored.length;
    c.startRoot();
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      const code = e.code;
      if (code === "ENOENT") {
        throw new UserError(`${p}: no such file or folder`);
      }
      if (isImageName(abs)) {
        c.add({ file: abs, store: opts.store ?? "appstore", storeGuessed: !opts.store, unreadable: fsErrorReason(e) });
        continue;
      }
      throw new UserError(`${p}: cannot be read: ${fsErrorReason(e)}`);
    }
    if (st.isFile()) {
      if (isImageName(abs)) c.looseFile(abs);
      else c.add({ file: abs, store: opts.store ?? "appstore", storeGuessed: !opts.store });
      continue;
    }
    if (!st.isDirectory()) throw new UserError(`${p}: not a file or folder`);
    const { kind, root } = detectTree(abs);
    if (kind === "fastlane") {
      const shots = path.join(root, "screenshots");
      const android = path.join(root, "metadata", "android");
      if (opts.store !== "play" && isDir(shots)) c.deliverTree(shots, 0);
      if (opts.store !== "appstore" && isDir(android)) c.supplyTree(android, 0);
    } else if (kind === "deliver") {
      c.deliverTree(root, 0);
    } else if (kind === "supply") {
      c.supplyTree(root, 0);
    } else {
      c.flat(root, 0);
    }
    if (c.encountered + c.out.ignored.length === before) {
      const why = c.out.unreachable.length ? ` (skipped: ${c.out.unreachable.map((u) => `${u.path}: ${u.reason}`).join("; ")})` : "";
      throw new UserError(`${p}: no images (.png, .jpg, .jpeg) found in this folder${why}`);
    }
  }
  return c.out;
}

// src/lint/header.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { inflateSync } from "node:zlib";
var MAX_VERIFY_PIXELS = 4e7;
var UnreadableImageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "UnreadableImageError";
  }
};
function readImageFacts(buf) {
  if (buf.length === 0) throw new UnreadableImageError("the file is empty (0 bytes)");
  const format = sniffFormat(buf);
  if (!format)
    throw new UnreadableImageError(
      "not an image: the first bytes match no image format (PNG, JPEG, GIF, WebP, HEIF, AVIF, BMP, TIFF)"
    );
  const base = { bytes: buf.length, sha256: sha256(buf) };
  if (format === "png") return { ...base, ...readPng(buf) };
  if (format === "jpeg") return { ...base, ...readJpeg(buf) };
  return { ...base, format, width: 0, height: 0, hasAlpha: false, colorModel: "unknown" };
}
var PNG_MODELS = {
  0: { model: "gray", channels: 1, alpha: false, name: "greyscale" },
  2: { model: "rgb", channels: 3, alpha: false, name: "RGB" },
  3: { model: "palette", channels: 1, alpha: false, name: "indexed colour" },
  4: { model: "gray", channels: 2, alpha: true, name: "greyscale with alpha" },
  6: { model: "rgb", channels: 4, alpha: true, name: "RGBA" }
};
function readPng(buf) {
  let off = 8;
  let ihdr;
  let trns = false;
  let iccSpace;
  let iccName;
  let dpi;
  let animated = false;
  let idat = false;
  let iend = false;
  const idats = [];
  while (off + 8 <= buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString("latin1", off + 4, off + 8);
    const start = off + 8;
    const end = start + len;
    if (end + 4 > buf.length)
      throw new UnreadableImageError(`truncated PNG: the ${type} chunk at byte ${off} runs past the end of the file`);
    const data = buf.subarray(start, end);
    if (!ihdr) {
      if (type !== "IHDR" || len < 13) throw new UnreadableImageError("broken PNG: the first chunk is not IHDR");
      ihdr = {
        width: data.readUInt32BE(0),
        height: data.readUInt32BE(4),
        bitDepth: data[8],
        colorType: data[9],
        interlace: data[12]
      };
    } else if (type === "tRNS") trns = true;
    else if (type === "acTL") animated = true;
    else if (type === "pHYs" && len >= 9 && data[8] === 1) dpi = Math.round(data.readUInt32BE(0) * 0.0254);
    else if (type === "sRGB") iccSpace ??= "RGB";
    else if (type === "iCCP") {
      const nul = data.indexOf(0);
      if (nul > 0) {
        try {
          const icc = parseIcc(inflateSync(data.subarray(nul + 2)));
          iccSpace = icc.space;
          iccName = icc.name ?? data.toString("latin1", 0, nul);
        } catch {
          iccName = data.toString("latin1", 0, nul);
        }
      }
    } else if (type === "IDAT") {
      idat = true;
      idats.push(data);
    } else if (type === "IEND") {
      iend = true;
      break;
    }
    off = end + 4;
  }
  if (!ihdr) throw new UnreadableImageError("truncated PNG: no IHDR chunk");
  if (!idat || !iend)
    throw new UnreadableImageError(
      `truncated PNG: ${idat ? "no IEND chunk" : "no image data (IDAT)"}; the file was cut short`
    );
  const m = PNG_MODELS[ihdr.colorType];
  if (!m) throw new UnreadableImageError(`broken PNG: unknown colour type ${ihdr.colorType}`);
  if (ihdr.width === 0 || ihdr.height === 0) throw new UnreadableImageError("broken PNG: zero width or height");
  verifyPngData(idats, ihdr.width, ihdr.height, ihdr.bitDepth * m.channels, ihdr.interlace === 1);
  const hasAlpha = m.alpha || trns;
  return {
    format: "png",
    width: ihdr.width,
    height: ihdr.height,
    hasAlpha,
    alphaReason: m.alpha ? `PNG colour type ${ihdr.colorType}, ${m.name}` : trns ? `a tRNS transparency chunk (PNG colour type ${ihdr.colorType}, ${m.name})` : void 0,
    colorModel: m.model,
    bitDepth: ihdr.bitDepth,
    pngColorType: ihdr.colorType,
    iccSpace,
    iccName,
    dpi,
    animated: animated || void 0
  };
}
function pngRawSize(width, height, bitsPerPixel, adam7) {
  const row = (w) => w > 0 ? 1 + Math.ceil(w * bitsPerPixel / 8) : 0;
  if (!adam7) return height * row(width);
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2]
  ];
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w > 0 && h > 0) total += h * row(w);
  }
  return total;
}
function verifyPngData(idats, width, height, bitsPerPixel, adam7) {
  if (width * height > MAX_VERIFY_PIXELS) {
    throw new UnreadableImageError(
      `${width}x${height} is ${(width * height / 1e6).toFixed(0)} MP, over the ${MAX_VERIFY_PIXELS / 1e6} MP this tool decodes (no store takes an image that large)`
    );
  }
  const expected = pngRawSize(width, height, bitsPerPixel, adam7);
  let raw;
  try {
    raw = inflateSync(Buffer.concat(idats), { maxOutputLength: expected + 1, chunkSize: Math.max(64, expected + 1) });
  } catch (e) {
    const err = e;
    if (err.code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) {
      throw new UnreadableImageError(
        `broken PNG: the pixel data inflates to more than the ${expected} bytes a ${width}x${height} image holds`
      );
    }
    if (err.code === "Z_DATA_ERROR" && /incorrect data check/i.test(err.message)) {
      throw new UnreadableImageError(
        "broken PNG: the pixel data fails its zlib checksum (Adler-32); the file is corrupt"
      );
    }
    if (err.code === "Z_BUF_ERROR") {
      throw new UnreadableImageError(
        `broken PNG: the pixel data stops before its end; the file was cut short or is corrupt`
      );
    }
    throw new UnreadableImageError(
      `broken PNG: the pixel data is not a valid zlib stream (${err.message}); the store cannot decode it`
    );
  }
  if (raw.length !== expected) {
    throw new UnreadableImageError(
      raw.length < expected ? `broken PNG: the pixel data ends after ${raw.length} of ${expected} bytes; the file was cut short or is corrupt` : `broken PNG: the pixel data inflates to more than the ${expected} bytes a ${width}x${height} image holds`
    );
  }
}
function exifOrientation(tiff) {
  if (tiff.length < 8) return void 0;
  const le = tiff.toString("latin1", 0, 2) === "II";
  if (!le && tiff.toString("latin1", 0, 2) !== "MM") return void 0;
  const u16 = (o) => le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o);
  const u32 = (o) => le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o);
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return void 0;
  const n = u16(ifd);
  for (let i = 0; i < n && i < 512; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > tiff.length) break;
    if (u16(e) === 274) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : void 0;
    }
  }
  return void 0;
}
function jpegOrientation(buf) {
  if (!(buf[0] === 255 && buf[1] === 216)) return void 0;
  let off = 2;
  while (off + 4 <= buf.length && buf[off] === 255) {
    const marker = buf[off + 1];
    if (marker === 255) {
      off += 1;
      continue;
    }
    if (marker === 218 || marker === 217) break;
    const len = buf.readUInt16BE(off + 2);
    if (len < 2) break;
    if (marker === 225 && buf.toString("latin1", off + 4, off + 10) === "Exif\0\0") {
      return exifOrientation(buf.subarray(off + 10, Math.min(buf.length, off + 2 + len)));
    }
    off += 2 + len;
  }
  return void 0;
}
var isSof = (m) => m >= 192 && m <= 207 && m !== 196 && m !== 200 && m !== 204;
function readJpeg(buf) {
  let off = 2;
  let sof;
  let adobeTransform;
  let dpi;
  const iccParts = [];
  let scanAt = -1;
  while (off + 4 <= buf.length) {
    if (buf[off] !== 255) throw new UnreadableImageError(`broken JPEG: expected a marker at byte ${off}`);
    const marker = buf[off + 1];
    if (marker === 255) {
      off += 1;
      continue;
    }
    if (marker === 216 || marker === 1 || marker >= 208 && marker <= 215) {
      off += 2;
      continue;
    }
    if (marker === 217) break;
    const len = buf.readUInt16BE(off + 2);
    const start = off + 4;
    const end = off + 2 + len;
    if (len < 2 || end > buf.length)
      throw new UnreadableImageError(`truncated JPEG: the segment at byte ${off} runs past the end of the file`);
    const data = buf.subarray(start, end);
    if (isSof(marker) && data.length >= 6) {
      sof = { precision: data[0], height: data.readUInt16BE(1), width: data.readUInt16BE(3), components: data[5] };
    } else if (marker === 224 && data.toString("latin1", 0, 5) === "JFIF\0" && data.length >= 12) {
      const units = data[7];
      const x = data.readUInt16BE(8);
      if (units === 1) dpi = x;
      else if (units === 2) dpi = Math.round(x * 2.54);
    } else if (marker === 226 && data.toString("latin1", 0, 12) === "ICC_PROFILE\0") {
      iccParts.push(data.subarray(14));
    } else if (marker === 238 && data.toString("latin1", 0, 5) === "Adobe" && data.length >= 12) {
      adobeTransform = data[11];
    } else if (marker === 218) {
      scanAt = end;
      break;
    }
    off = end;
  }
  if (!sof) throw new UnreadableImageError("truncated or broken JPEG: no frame header (SOF) before the image data");
  if (sof.width === 0 || sof.height === 0) throw new UnreadableImageError("broken JPEG: zero width or height");
  if (scanAt < 0 || buf.lastIndexOf(Buffer.from([255, 217])) < scanAt) {
    throw new UnreadableImageError("truncated JPEG: no end-of-image marker; the file was cut short");
  }
  let icc = {};
  if (iccParts.length) {
    try {
      icc = parseIcc(Buffer.concat(iccParts));
    } catch {
    }
  }
  const c = sof.components;
  const colorModel = c === 1 ? "gray" : c === 3 ? "rgb" : c === 4 ? adobeTransform === 2 ? "ycck" : "cmyk" : "unknown";
  return {
    format: "jpeg",
    width: sof.width,
    height: sof.height,
    hasAlpha: false,
    colorModel,
    bitDepth: sof.precision,
    components: c,
    iccSpace: icc.space,
    iccName: icc.name,
    dpi,
    orientation: jpegOrientation(buf)
  };
}
function parseIcc(p) {
  if (p.length < 132) return {};
  const space = p.toString("latin1", 16, 20).trim();
  let name;
  const count = p.readUInt32BE(128);
  for (let i = 0; i < Math.min(count, 100); i++) {
    const e = 132 + i * 12;
    if (e + 12 > p.length) break;
    if (p.toString("latin1", e, e + 4) !== "desc") continue;
    const off = p.readUInt32BE(e + 4);
    const size = p.readUInt32BE(e + 8);
    if (off + size > p.length || size < 12) break;
    const tag = p.subarray(off, off + size);
    const type = tag.toString("latin1", 0, 4);
    if (type === "desc") {
      const n = tag.readUInt32BE(8);
      name = tag.toString("latin1", 12, Math.min(12 + n, tag.length)).replace(/\0+$/, "");
    } else if (type === "mluc" && tag.length >= 28) {
      const len = tag.readUInt32BE(20);
      const at = tag.readUInt32BE(24);
      const raw = tag.subarray(at, Math.min(at + len, tag.length));
      let s = "";
      for (let k = 0; k + 1 < raw.length; k += 2) s += String.fromCharCode(raw.readUInt16BE(k));
      name = s.replace(/\0+$/, "");
    }
    break;
  }
  return { space, name };
}

export {
  collectPaths,
  UnreadableImageError,
  readImageFacts,
  jpegOrientation
};
