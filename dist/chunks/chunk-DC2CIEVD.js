import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  sniffFormat
} from "./chunk-7DZ4F3EM.js";
import {
  sha256
} from "./chunk-6JH44W7O.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/lint/header.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { inflateSync } from "node:zlib";

// src/util/free.ts
init_define_globalThis_STORESHOTS_NATIVES();
function freeNow(buf, opts = {}) {
  const ab = buf.buffer;
  if (ab.byteLength <= Buffer.poolSize) return;
  if (!opts.whole && (buf.byteOffset !== 0 || buf.byteLength !== ab.byteLength)) return;
  try {
    ab.transfer?.(0);
  } catch {
  }
}

// src/lint/header.ts
var MAX_VERIFY_PIXELS = 4e7;
var UnreadableImageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "UnreadableImageError";
  }
};
function readImageFacts(buf, known) {
  if (buf.length === 0) throw new UnreadableImageError("the file is empty (0 bytes)");
  const hash = sha256(buf);
  if (known && known.bytes === buf.length && known.sha256 === hash) return { ...known };
  const format = sniffFormat(buf);
  if (!format)
    throw new UnreadableImageError(
      "not an image: the first bytes match no image format (PNG, JPEG, GIF, WebP, HEIF, AVIF, BMP, TIFF)"
    );
  const base = { bytes: buf.length, sha256: hash };
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
  freeNow(raw, { whole: true });
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
  freeNow,
  UnreadableImageError,
  readImageFacts,
  jpegOrientation
};
