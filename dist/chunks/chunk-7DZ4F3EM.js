import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/util/png.ts
init_define_globalThis_STORESHOTS_NATIVES();
var PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
var bytesOf = (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
function isPng(buf) {
  return buf.length >= 8 && bytesOf(buf).subarray(0, 8).equals(PNG_SIGNATURE);
}
function pngSize(buf) {
  const b = bytesOf(buf);
  if (b.length < 24 || !isPng(b) || b.toString("latin1", 12, 16) !== "IHDR") return void 0;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

// src/util/image.ts
init_define_globalThis_STORESHOTS_NATIVES();
function sniffFormat(buf) {
  if (isPng(buf)) return "png";
  if (buf.length >= 3 && buf[0] === 255 && buf[1] === 216 && buf[2] === 255) return "jpeg";
  const ascii = (a, b) => buf.subarray(a, b).toString("latin1");
  if (buf.length >= 6 && (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a")) return "gif";
  if (buf.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (buf.length >= 12 && ascii(4, 8) === "ftyp") {
    const brand = ascii(8, 12);
    if (brand === "avif" || brand === "avis") return "avif";
    if (["heic", "heix", "hevc", "hevx", "mif1", "msf1", "heim", "heis"].includes(brand)) return "heif";
  }
  if (buf.length >= 2 && ascii(0, 2) === "BM") return "bmp";
  if (buf.length >= 4 && (ascii(0, 4) === "II*\0" || ascii(0, 4) === "MM\0*")) return "tiff";
  return void 0;
}

export {
  isPng,
  pngSize,
  sniffFormat
};
