// Pictures of a whole set for people: a contact sheet (one PNG with every image, a row per locale x
// preset under its label, each image over its slide's number and id) and a review PDF for sign-off
// (one page per locale x preset, the slides side by side with their labels). Plus re-encoding an
// image as PNG or JPEG. The render service's outputs (src/server/outputs.ts) are made here, on a
// render thread (render/worker.ts runs makeOutputFile), so the API's thread stays free for polls.
//
// The PDF is written with pdf-lib: pure JavaScript (no native code, no PDF toolchain on the
// server), widely used, and it embeds JPEG bytes as they are (DCTDecode), so a page of full-size
// screenshots costs a resize and an encode in libvips, not a decode in JavaScript. Labels use the
// PDF standard font Helvetica (WinAnsi text: locale, preset and slide ids are ASCII).
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { sharp as loadSharp } from '../render/native.js';
import { sha256 } from '../util/hash.js';
import { labelImage } from './contact-sheet.js';

export interface SheetItem {
  file: string;
  locale: string;
  preset: string;
  slide: string;
  /** 1-based position in its set. */
  index: number;
  width: number;
  height: number;
}

const nn = (i: number) => String(i).padStart(2, '0');

/** The items grouped by locale x preset, in the order given (the plan's). */
function rowsOf(items: SheetItem[]): Array<{ label: string; items: SheetItem[] }> {
  const rows = new Map<string, SheetItem[]>();
  for (const it of items) {
    const key = `${it.locale} · ${it.preset}`;
    rows.get(key)?.push(it) ?? rows.set(key, [it]);
  }
  return [...rows].map(([label, row]) => ({ label, items: row.sort((a, b) => a.index - b.index) }));
}

interface ContactSheetLayout {
  width: number;
  height: number;
  tiles: Array<{ item: SheetItem; left: number; top: number; width: number; height: number }>;
  labels: Array<{ text: string; left: number; top: number; height: number; width: number }>;
}

/** Where everything goes on the sheet: pure numbers. Rows share one tile height, shrunk until the widest row fits. */
function layoutContactSheet(
  items: SheetItem[],
  o: { tileHeight?: number; maxWidth?: number; gap?: number; rowLabel?: number; caption?: number } = {},
): ContactSheetLayout {
  const gap = o.gap ?? 16;
  const rowLabel = o.rowLabel ?? 40;
  const caption = o.caption ?? 28;
  const maxWidth = o.maxWidth ?? 2400;
  const rows = rowsOf(items);
  const widthAt = (row: SheetItem[], h: number) =>
    row.reduce((w, it) => w + Math.max(1, Math.round((it.width * h) / it.height)), 0) + gap * (row.length + 1);
  let h = o.tileHeight ?? 480;
  const widest = () => Math.max(...rows.map((r) => widthAt(r.items, h)));
  while (h > 40 && widest() > maxWidth) h = Math.max(40, Math.floor(h * 0.9));
  const tiles: ContactSheetLayout['tiles'] = [];
  const labels: ContactSheetLayout['labels'] = [];
  let top = gap;
  let width = 0;
  for (const row of rows) {
    labels.push({ text: row.label, left: gap, top, height: rowLabel, width: maxWidth - gap });
    top += rowLabel;
    let left = gap;
    for (const it of row.items) {
      const w = Math.max(1, Math.round((it.width * h) / it.height));
      tiles.push({ item: it, left, top, width: w, height: h });
      labels.push({ text: `${nn(it.index)} ${it.slide}`, left, top: top + h + 4, height: caption - 4, width: w });
      left += w + gap;
    }
    width = Math.max(width, left);
    top += h + caption + gap;
  }
  for (const l of labels) l.width = Math.min(l.width, Math.max(1, width - l.left));
  return { width: Math.max(width, 1), height: Math.max(top, 1), tiles, labels };
}

/** One PNG with every image of the set, labelled by locale, preset and slide. */
export async function contactSheetPng(items: SheetItem[]): Promise<Buffer> {
  const sharp = loadSharp();
  const layout = layoutContactSheet(items);
  const tiles = await Promise.all(
    layout.tiles.map(async (t) => ({
      input: await sharp(t.item.file)
        .resize(t.width, t.height, { fit: 'fill' })
        .flatten({ background: '#ffffff' })
        .png()
        .toBuffer(),
      left: t.left,
      top: t.top,
    })),
  );
  const labels = await Promise.all(
    layout.labels.map(async (l) => {
      const img = await labelImage(l.text, l.height, l.width);
      return { input: img.data, left: l.left, top: l.top + Math.max(0, Math.round((l.height - img.height) / 2)) };
    }),
  );
  return sharp({ create: { width: layout.width, height: layout.height, channels: 3, background: '#eaeef2' } })
    .composite([...tiles, ...labels])
    .png()
    .toBuffer();
}

/** An image file re-encoded as PNG or JPEG (alpha flattened onto white for JPEG). */
export async function encodeAs(file: string, format: 'png' | 'jpeg', quality = 90): Promise<Buffer> {
  const img = loadSharp()(file);
  return format === 'png' ? img.png().toBuffer() : img.flatten({ background: '#ffffff' }).jpeg({ quality }).toBuffer();
}

/** A4 landscape, in PDF points. */
export const REVIEW_PAGE = { width: 842, height: 595 };

/** Text Helvetica (WinAnsi) can draw: anything else becomes "?". */
const winAnsi = (t: string) => t.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/**
 * A review PDF for sign-off: one A4 landscape page per locale x preset, its slides side by side (two
 * rows above six), each over "NN slide (W x H)", the page titled with the locale and preset, and a
 * footer with the title, the page number and a sign-off line.
 */
export async function reviewPdf(items: SheetItem[], title: string): Promise<Buffer> {
  const sharp = loadSharp();
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(`${title}: screenshots for review`));
  doc.setProducer('storeshots');
  doc.setCreator('storeshots serve');
  // A fixed date: the same set makes the same PDF.
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const rows = rowsOf(items);
  const margin = 28;
  const dark = rgb(0.12, 0.14, 0.16);
  for (const [p, row] of rows.entries()) {
    const page = doc.addPage([REVIEW_PAGE.width, REVIEW_PAGE.height]);
    const { width: W, height: H } = page.getSize();
    page.drawText(winAnsi(row.label.replace(' · ', '  /  ')), {
      x: margin,
      y: H - margin - 14,
      size: 16,
      font: bold,
      color: dark,
    });
    page.drawText(
      winAnsi(`${title}  -  page ${p + 1} of ${rows.length}  -  approved by: ____________________  date: ____________`),
      {
        x: margin,
        y: margin - 12,
        size: 9,
        font,
        color: dark,
      },
    );
    const perRow = row.items.length > 6 ? Math.ceil(row.items.length / 2) : row.items.length;
    const lines = Math.ceil(row.items.length / perRow);
    const gap = 12;
    const caption = 14;
    const areaTop = H - margin - 30;
    const areaH = areaTop - margin - 4;
    const cellW = (W - 2 * margin - gap * (perRow - 1)) / perRow;
    const cellH = (areaH - gap * (lines - 1)) / lines - caption;
    for (const [k, it] of row.items.entries()) {
      const scale = Math.min(cellW / it.width, cellH / it.height);
      const w = it.width * scale;
      const h = it.height * scale;
      // Embedded at about 2 pixels a point: sharp for print, small enough to mail.
      const jpeg = await sharp(it.file)
        .resize(Math.max(1, Math.round(w * 2)), Math.max(1, Math.round(h * 2)), { fit: 'fill' })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 85 })
        .toBuffer();
      const image = await doc.embedJpg(jpeg);
      const col = k % perRow;
      const line = Math.floor(k / perRow);
      const x = margin + col * (cellW + gap) + (cellW - w) / 2;
      const cellTop = areaTop - line * (cellH + caption + gap);
      page.drawImage(image, { x, y: cellTop - h, width: w, height: h });
      page.drawText(winAnsi(`${nn(it.index)} ${it.slide} (${it.width}x${it.height})`), {
        x,
        y: cellTop - h - caption + 3,
        size: 8,
        font,
        color: dark,
        maxWidth: cellW - (x - margin - col * (cellW + gap)),
      });
    }
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** One image of a job as an output task sees it: where it is, its place, and its path in each archive. */
export interface OutputItem extends SheetItem {
  format: 'png' | 'jpeg';
  /** The image's path in a zip of PNGs and of JPEGs (the job's layout). */
  paths: { png: string; jpg: string };
}

/**
 * One output to make, as plain data (it crosses to a render thread): the kind, the job's images, and
 * for report.json the report already built. `file` is where the bytes are written, durably.
 */
export interface OutputTask {
  type: 'png' | 'jpeg' | 'contact-sheet' | 'review-pdf' | 'report';
  quality?: number;
  items: OutputItem[];
  /** Names the review PDF (the app's name). */
  title: string;
  /** report.json's content (src/report's buildReport), for `report`. */
  report?: unknown;
  file: string;
}

/** An output's bytes (docs/render-api.md#outputs). */
export async function outputBytes(t: OutputTask): Promise<Buffer> {
  if (t.type === 'png' || t.type === 'jpeg') {
    const ext = t.type === 'png' ? 'png' : 'jpg';
    const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
    for (const it of t.items)
      entries[it.paths[ext]] = [
        it.format === 'png' && t.type === 'png' ? await readFile(it.file) : await encodeAs(it.file, t.type, t.quality),
        { level: 0 },
      ];
    // Stored, not deflated: PNGs and JPEGs are compressed already. This runs on a render thread.
    return Buffer.from(zipSync(entries));
  }
  if (t.type === 'contact-sheet') return contactSheetPng(t.items);
  if (t.type === 'review-pdf') return reviewPdf(t.items, t.title);
  return Buffer.from(`${JSON.stringify(t.report, null, 2)}\n`);
}

/** Makes an output and writes it to `file` durably (temporary file, fsync, rename): its size and sha256. */
export async function makeOutputFile(t: OutputTask): Promise<{ bytes: number; sha256: string }> {
  const bytes = await outputBytes(t);
  await mkdir(path.dirname(t.file), { recursive: true });
  const tmp = `${t.file}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, t.file);
  return { bytes: bytes.length, sha256: sha256(bytes) };
}
