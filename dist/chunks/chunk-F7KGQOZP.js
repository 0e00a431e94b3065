import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  canvas
} from "./chunk-KWPUWPYA.js";
import {
  sniffFormat
} from "./chunk-7DZ4F3EM.js";
import {
  SHIPPED,
  addUserFont,
  familyFiles,
  fontsDir,
  resolveChain
} from "./chunk-HV66XK6Q.js";
import {
  RenderError
} from "./chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/render/fonts.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { existsSync } from "node:fs";

// src/util/files.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { closeSync, constants, lstatSync, openSync, readSync, statSync } from "node:fs";
function notAFile(abs) {
  let link;
  try {
    link = lstatSync(abs);
  } catch {
    return "does not exist";
  }
  let st;
  try {
    st = statSync(abs);
  } catch {
    return "is a broken symlink (its target does not exist)";
  }
  if (st.isFile()) return void 0;
  const kind = st.isDirectory() ? "a folder" : st.isFIFO() ? "a named pipe (FIFO)" : st.isCharacterDevice() || st.isBlockDevice() ? "a device" : st.isSocket() ? "a socket" : "not a regular file";
  return link.isSymbolicLink() ? `is a symlink to ${kind}, not a file` : `is ${kind}, not a file`;
}
function sniffFile(abs) {
  const buf = Buffer.alloc(64);
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  let n;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  const head = buf.subarray(0, n);
  const found = sniffFormat(head);
  if (found) return found;
  if (/^(\uFEFF)?\s*(<\?xml|<svg|<!DOCTYPE svg)/i.test(head.toString("utf8"))) return "svg";
  return void 0;
}
var NAMES = {
  png: "PNG",
  jpeg: "JPEG",
  gif: "GIF",
  webp: "WebP",
  heif: "HEIC/HEIF",
  avif: "AVIF",
  bmp: "BMP",
  tiff: "TIFF",
  svg: "SVG"
};
function notPngOrJpeg(abs) {
  const format = sniffFile(abs);
  if (format === "png" || format === "jpeg") return void 0;
  const ext = /\.([a-z0-9]+)$/i.exec(abs)?.[1]?.toLowerCase();
  if (!format) return "is not an image: its first bytes match no image format; use a PNG or JPEG file";
  const named = ext && ext !== format ? ` named .${ext}` : "";
  const hint = format === "heif" ? " (an iPhone photo: export it as PNG or JPEG, e.g. with Preview or `sips -s format png`)" : "";
  const name = NAMES[format];
  return `is really ${name === "AVIF" || name === "SVG" ? "an" : "a"} ${name} image${named}; screenshots, backgrounds and frames must be PNG or JPEG${hint}`;
}

// src/render/fonts.ts
var registered = /* @__PURE__ */ new Set();
function registerFamily(alias) {
  if (registered.has(alias)) return;
  for (const file of familyFiles(alias)) {
    if (!existsSync(file))
      throw new RenderError(
        `font file not found: ${file}${file.startsWith(fontsDir()) ? " (the package's fonts/ folder is incomplete: reinstall storeshots)" : ""}`
      );
    const why = notAFile(file);
    if (why) throw new RenderError(`font file ${file} ${why}`);
    if (!canvas().GlobalFonts.registerFromPath(file, alias))
      throw new RenderError(`cannot load font file ${file}: not a TrueType/OpenType font Skia can read`);
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

export {
  notAFile,
  notPngOrJpeg,
  familyChain,
  cssFont
};
