import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  sharp
} from "./chunk-KWPUWPYA.js";
import {
  fontsDir
} from "./chunk-HV66XK6Q.js";
import {
  joinInside
} from "./chunk-AWSRQZJB.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/publish/contact-sheet.ts
init_define_globalThis_STORESHOTS_NATIVES();
import path from "node:path";
function layoutSheet(records, o = {}) {
  const gap = o.gap ?? 16;
  const maxWidth = o.maxWidth ?? 2400;
  const rows = /* @__PURE__ */ new Map();
  for (const r of records) rows.set(r.preset, [...rows.get(r.preset) ?? [], r]);
  const sorted = [...rows.values()].map((row) => row.sort((a, b) => a.index - b.index));
  const rowWidth = (row, h2) => row.reduce((w, r) => w + Math.round(r.width * h2 / r.height), 0) + gap * (row.length + 1);
  let h = o.rowHeight ?? 360;
  for (let i = 0; i < 8 && h > 40; i++) {
    const row = sorted.reduce(
      (a, r) => !a || rowWidth(r, h) > rowWidth(a, h) ? r : a,
      void 0
    );
    if (!row || rowWidth(row, h) <= maxWidth) break;
    const g = gap * (row.length + 1);
    h = Math.max(40, Math.floor(h * (maxWidth - g) / (rowWidth(row, h) - g)));
  }
  const items = [];
  const labels = [];
  const band = o.labelHeight ?? 0;
  let top = gap;
  let width = 0;
  for (const row of sorted) {
    if (band > 0) {
      labels.push({ text: (o.label ?? ((p) => p))(row[0].preset), left: gap, top, height: band });
      top += band;
    }
    let left = gap;
    for (const r of row) {
      const w = Math.max(1, Math.round(r.width * h / r.height));
      items.push({ record: r, left, top, width: w, height: h });
      left += w + gap;
    }
    width = Math.max(width, left);
    top += h + gap;
  }
  return { width: Math.max(width, 1), height: Math.max(top, 1), items, labels };
}
function escapePango(t) {
  return `<span foreground="#1f2328">${t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</span>`;
}
async function labelImage(text, band, maxWidth) {
  const sharp2 = sharp();
  const { info, data } = await sharp2({
    text: {
      text: escapePango(text),
      fontfile: path.join(fontsDir(), "Inter.var.ttf"),
      font: `Inter ${Math.round(band * 0.55)}px`,
      rgba: true,
      dpi: 72
    }
  }).png().toBuffer({ resolveWithObject: true });
  const room = { width: Math.max(1, Math.min(info.width, maxWidth)), height: Math.min(info.height, band) };
  if (room.width >= info.width && room.height >= info.height) return { data, ...room };
  return {
    data: await sharp2(data).extract({ left: 0, top: 0, ...room }).png().toBuffer(),
    ...room
  };
}
var COMMENT_SHEET = { rowHeight: 240, maxWidth: 1600, labelHeight: 44 };
async function contactSheets(outDir, records, o = {}) {
  const sharp2 = sharp();
  const locales = [...new Set(records.map((r) => r.locale))];
  const out = [];
  for (const locale of locales) {
    const layout = layoutSheet(
      records.filter((r) => r.locale === locale && joinInside(outDir, r.path)),
      o
    );
    if (layout.items.length === 0) continue;
    const tiles = await Promise.all(
      layout.items.map(async (it) => ({
        input: await sharp2(joinInside(outDir, it.record.path)).resize(it.width, it.height, { fit: "fill" }).flatten({ background: "#ffffff" }).png().toBuffer(),
        left: it.left,
        top: it.top
      }))
    );
    const labels = await Promise.all(
      layout.labels.map(async (l) => {
        const input = await labelImage(l.text, l.height, layout.width - l.left);
        return { input: input.data, left: l.left, top: l.top + Math.max(0, Math.round((l.height - input.height) / 2)) };
      })
    );
    const content = await sharp2({
      create: { width: layout.width, height: layout.height, channels: 3, background: o.background ?? "#eaeef2" }
    }).composite([...tiles, ...labels]).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
    out.push({ label: locale, content, ext: "jpg" });
  }
  return out;
}

export {
  labelImage,
  COMMENT_SHEET,
  contactSheets
};
