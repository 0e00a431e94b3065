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
} from "./chunk-UPRCV6JR.js";
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
var APPEARANCE_DIRS = ["light", "dark"];
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
        slide: slideOf(path.basename(abs)),
        // <appearance>/<locale>/<preset>/NN-slide.png: our flat layout with appearances (docs/design.md#light-and-dark-sets).
        ...APPEARANCE_DIRS.includes(parts.at(-4) ?? "") ? { appearance: parts.at(-4) } : {}
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

export {
  collectPaths
};
