// One contact sheet per locale for the PR comment: a row per preset under its label, the
// slides in order, scaled to one row height. JPEG keeps a sheet of a dozen phone screenshots
// near 100 KB. Labels are drawn with the pinned Inter font (no system fonts).
import path from 'node:path';
import type { ImageRecord } from '../report/types.js';
import { fontsDir } from '../render/fonts.js';
import type { PreviewImage } from '../github/previews.js';
import { sharp as loadSharp } from '../render/native.js';
import { joinInside } from '../util/paths.js';

export interface SheetOptions {
  rowHeight?: number;
  gap?: number;
  /** Widest sheet in pixels; rows are scaled down to fit. */
  maxWidth?: number;
  background?: string;
  /** Height of the label band above each row (0: no labels). */
  labelHeight?: number;
  /** The label of a row, from its preset id. */
  label?: (preset: string) => string;
}

export interface SheetLayout {
  width: number;
  height: number;
  items: Array<{ record: ImageRecord; left: number; top: number; width: number; height: number }>;
  labels: Array<{ text: string; left: number; top: number; height: number }>;
}

/** Where each thumbnail goes: pure numbers, so tests check the layout without pixels. */
export function layoutSheet(records: ImageRecord[], o: SheetOptions = {}): SheetLayout {
  const gap = o.gap ?? 16;
  const maxWidth = o.maxWidth ?? 2400;
  const rows = new Map<string, ImageRecord[]>();
  for (const r of records) rows.set(r.preset, [...(rows.get(r.preset) ?? []), r]);
  const sorted = [...rows.values()].map((row) => row.sort((a, b) => a.index - b.index));
  const rowWidth = (row: ImageRecord[], h: number) =>
    row.reduce((w, r) => w + Math.round((r.width * h) / r.height), 0) + gap * (row.length + 1);
  let h = o.rowHeight ?? 360;
  // Shrink the row height until the widest row fits (gaps do not shrink, hence the loop).
  for (let i = 0; i < 8 && h > 40; i++) {
    const row = sorted.reduce<ImageRecord[] | undefined>(
      (a, r) => (!a || rowWidth(r, h) > rowWidth(a, h) ? r : a),
      undefined,
    );
    if (!row || rowWidth(row, h) <= maxWidth) break;
    const g = gap * (row.length + 1);
    h = Math.max(40, Math.floor((h * (maxWidth - g)) / (rowWidth(row, h) - g)));
  }
  const items: SheetLayout['items'] = [];
  const labels: SheetLayout['labels'] = [];
  const band = o.labelHeight ?? 0;
  let top = gap;
  let width = 0;
  for (const row of sorted) {
    if (band > 0) {
      labels.push({ text: (o.label ?? ((p) => p))(row[0]!.preset), left: gap, top, height: band });
      top += band;
    }
    let left = gap;
    for (const r of row) {
      const w = Math.max(1, Math.round((r.width * h) / r.height));
      items.push({ record: r, left, top, width: w, height: h });
      left += w + gap;
    }
    width = Math.max(width, left);
    top += h + gap;
  }
  return { width: Math.max(width, 1), height: Math.max(top, 1), items, labels };
}

function escapePango(t: string): string {
  return `<span foreground="#1f2328">${t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</span>`;
}

/** A dark text label drawn with the pinned Inter font, as a PNG at most `maxWidth` wide and `band` high (cut, never larger). */
export async function labelImage(
  text: string,
  band: number,
  maxWidth: number,
): Promise<{ data: Buffer; width: number; height: number }> {
  const sharp = loadSharp();
  const { info, data } = await sharp({
    text: {
      text: escapePango(text),
      fontfile: path.join(fontsDir(), 'Inter.var.ttf'),
      font: `Inter ${Math.round(band * 0.55)}px`,
      rgba: true,
      dpi: 72,
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  // A label wider than its room is cut, never larger than the sheet (sharp refuses that).
  const room = { width: Math.max(1, Math.min(info.width, maxWidth)), height: Math.min(info.height, band) };
  if (room.width >= info.width && room.height >= info.height) return { data, ...room };
  return {
    data: await sharp(data)
      .extract({ left: 0, top: 0, ...room })
      .png()
      .toBuffer(),
    ...room,
  };
}

/** What the comment shows: 240 px rows at most 1600 px wide, each under its preset's label. */
export const COMMENT_SHEET: SheetOptions = { rowHeight: 240, maxWidth: 1600, labelHeight: 44 };

/** Contact sheets for each locale of the set, in the report's locale order. */
export async function contactSheets(
  outDir: string,
  records: ImageRecord[],
  o: SheetOptions = {},
): Promise<PreviewImage[]> {
  const sharp = loadSharp();
  const locales = [...new Set(records.map((r) => r.locale))];
  const out: PreviewImage[] = [];
  for (const locale of locales) {
    const layout = layoutSheet(
      records.filter((r) => r.locale === locale && joinInside(outDir, r.path)),
      o,
    );
    if (layout.items.length === 0) continue;
    const tiles = await Promise.all(
      layout.items.map(async (it) => ({
        input: await sharp(joinInside(outDir, it.record.path)!)
          .resize(it.width, it.height, { fit: 'fill' })
          .flatten({ background: '#ffffff' })
          .png()
          .toBuffer(),
        left: it.left,
        top: it.top,
      })),
    );
    const labels = await Promise.all(
      layout.labels.map(async (l) => {
        const input = await labelImage(l.text, l.height, layout.width - l.left);
        return { input: input.data, left: l.left, top: l.top + Math.max(0, Math.round((l.height - input.height) / 2)) };
      }),
    );
    const content = await sharp({
      create: { width: layout.width, height: layout.height, channels: 3, background: o.background ?? '#eaeef2' },
    })
      .composite([...tiles, ...labels])
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
    out.push({ label: locale, content, ext: 'jpg' });
  }
  return out;
}
