// A job's outputs (docs/render-api.md#outputs): several results of one render, each made from the
// images on disk after they are rendered and linted, each with its own URL. The PNG and JPEG sets
// are zips in the job's layout; the contact sheet and review PDF come from src/publish/set-outputs.ts;
// report.json is the CLI's own report (src/report).
import { readFile } from 'node:fs/promises';
import { zipSync } from 'fflate';
import type { Job } from '../plan/types.js';
import { contactSheetPng, encodeAs, reviewPdf, type SheetItem } from '../publish/set-outputs.js';
import { buildReport } from '../report/index.js';
import type { Finding, ImageRecord } from '../report/types.js';
import { sha256 } from '../util/hash.js';
import type { OutputType, SetLayout } from './set-schema.js';
import type { ImageRow, OutputRow } from './storage/types.js';

export type { OutputRow };

const TYPES: Record<OutputType, { ext: string; contentType: string }> = {
  png: { ext: 'zip', contentType: 'application/zip' },
  jpeg: { ext: 'zip', contentType: 'application/zip' },
  'contact-sheet': { ext: 'png', contentType: 'image/png' },
  'review-pdf': { ext: 'pdf', contentType: 'application/pdf' },
  report: { ext: 'json', contentType: 'application/json' },
};

export const outputExt = (type: OutputType) => TYPES[type].ext;

export interface OutputSource {
  /** The job's images in plan order, each with its job and stored file. */
  items: Array<{ job: Job; file: string; image: ImageRow }>;
  layout: SetLayout;
  /** Names the review PDF (the app's name). */
  title: string;
  report: () => { records: ImageRecord[]; findings: Finding[] };
  /** Where an image goes in an archive of this layout with this extension. */
  pathOf: (job: Job, ext: string) => string;
}

/** Makes each output in turn and hands it to `store` (a durable write) before starting the next. */
export async function makeOutputs(
  outputs: Array<{ id: string; type: OutputType; quality?: number }>,
  src: OutputSource,
  signal: AbortSignal,
  store: (o: { id: string; type: OutputType }, bytes: Buffer, contentType: string, sha256: string) => Promise<void>,
): Promise<void> {
  const sheetItems: SheetItem[] = src.items.map(({ job, file, image }) => ({
    file,
    locale: job.locale,
    preset: job.preset,
    slide: job.slide,
    index: job.index,
    width: image.width,
    height: image.height,
  }));
  for (const o of outputs) {
    signal.throwIfAborted();
    let bytes: Buffer;
    if (o.type === 'png' || o.type === 'jpeg') {
      const ext = o.type === 'png' ? 'png' : 'jpg';
      const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
      for (const it of src.items) {
        const same = it.image.format === o.type && o.type === 'png';
        entries[src.pathOf(it.job, ext)] = [
          same ? await readFile(it.file) : await encodeAs(it.file, o.type, o.quality),
          { level: 0 },
        ];
      }
      bytes = Buffer.from(zipSync(entries));
    } else if (o.type === 'contact-sheet') bytes = await contactSheetPng(sheetItems);
    else if (o.type === 'review-pdf') bytes = await reviewPdf(sheetItems, src.title);
    else {
      const { records, findings } = src.report();
      bytes = Buffer.from(`${JSON.stringify(buildReport(records, findings), null, 2)}\n`);
    }
    signal.throwIfAborted();
    await store(o, bytes, TYPES[o.type].contentType, sha256(bytes));
  }
}
