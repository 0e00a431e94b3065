// A job's outputs (docs/render-api.md#outputs): several results of one render or whole-set job (the
// PNG set, a JPEG set, a contact sheet, a review PDF, report.json), each made from the images on disk
// after they are rendered and linted, each with its own URL and signed link. The work (zips, sharp,
// pdf-lib) runs on a render thread (render/worker.ts `output`, publish/set-outputs.ts), never on the
// API's thread: a poll answers while a job's outputs are made.
import path from 'node:path';
import type { Job } from '../plan/types.js';
import type { OutputItem, OutputTask } from '../publish/set-outputs.js';
import type { RenderPool } from '../render/pool.js';
import { buildReport } from '../report/index.js';
import type { Finding, ImageRecord } from '../report/types.js';
import { ApiError, badRequest } from './errors.js';
import type { OutputType } from './schema.js';
import type { ImageRow, RenderRow, ServiceDb } from './store.js';

export interface OutputRow {
  render_id: string;
  id: string;
  type: string;
  file: string;
  content_type: string;
  bytes: number;
  sha256: string;
}

/** An output a job asked for (its stored request keeps these). */
export interface OutputSpec {
  id: string;
  type: OutputType;
  quality?: number;
}

const TYPES: Record<OutputType, { ext: string; contentType: string }> = {
  png: { ext: 'zip', contentType: 'application/zip' },
  jpeg: { ext: 'zip', contentType: 'application/zip' },
  'contact-sheet': { ext: 'png', contentType: 'image/png' },
  'review-pdf': { ext: 'pdf', contentType: 'application/pdf' },
  report: { ext: 'json', contentType: 'application/json' },
};

export const outputExt = (type: OutputType) => TYPES[type].ext;

/** The `outputs` of a request, checked: ids unique (default: the type), quality for jpeg only. `prefix` names the request in a bulk. */
export function checkOutputs(
  given: Array<{ id?: string; type: OutputType; quality?: number }> | undefined,
  prefix = '',
): OutputSpec[] {
  const seen = new Set<string>();
  return (given ?? []).map((o, i) => {
    const id = o.id ?? o.type;
    if (seen.has(id))
      throw badRequest(`Two outputs are named "${id}": give each its own id`, `${prefix}outputs[${i}].id`);
    if (o.quality !== undefined && o.type !== 'jpeg')
      throw badRequest(`quality applies to jpeg outputs only, not ${o.type}`, `${prefix}outputs[${i}].quality`);
    seen.add(id);
    return { id, type: o.type, ...(o.type === 'jpeg' ? { quality: o.quality ?? 90 } : {}) };
  });
}

export interface OutputSource {
  /** The job's images in plan order, each with its job and stored file. */
  items: Array<{ job: Job; file: string; image: ImageRow }>;
  /** Names the review PDF (the app's name). */
  title: string;
  report: () => { records: ImageRecord[]; findings: Finding[] };
  /** Where an image goes in an archive of the job's layout with this extension. */
  pathOf: (job: Job, ext: string) => string;
}

const TABLE = `
CREATE TABLE IF NOT EXISTS set_outputs (
  render_id TEXT NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  file TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (render_id, id)
);`;

/** The outputs of renders and set jobs: made on the pool, stored one by one (a resumed job skips those it has), served. */
export class Outputs {
  constructor(
    private readonly store: ServiceDb,
    private readonly pool: RenderPool,
  ) {
    // The table keeps its first name (set jobs had outputs first); renders' rows live there too.
    store.db.exec(TABLE);
  }

  /** The outputs a job has made so far (none once it expired). */
  list(row: RenderRow): OutputRow[] {
    if (row.expired) return [];
    return this.store.db
      .prepare('SELECT * FROM set_outputs WHERE render_id = ? ORDER BY rowid')
      .all(row.id) as unknown as OutputRow[];
  }

  private record(row: RenderRow, o: OutputSpec, file: string, made: { bytes: number; sha256: string }): void {
    this.store.db
      .prepare(
        'INSERT OR REPLACE INTO set_outputs (render_id, id, type, file, content_type, bytes, sha256) VALUES (?,?,?,?,?,?,?)',
      )
      .run(row.id, o.id, o.type, file, TYPES[o.type].contentType, made.bytes, made.sha256);
  }

  /** Makes each output not made yet in turn, on a render thread, each written durably and recorded before the next starts. */
  async make(row: RenderRow, outputs: OutputSpec[], dir: string, src: OutputSource, signal: AbortSignal) {
    const have = new Set(this.list(row).map((o) => o.id));
    const todo = outputs.filter((o) => !have.has(o.id));
    if (!todo.length) return;
    const items: OutputItem[] = src.items.map(({ job, file, image }) => ({
      file,
      locale: job.locale,
      preset: job.preset,
      slide: job.slide,
      index: job.index,
      width: image.width,
      height: image.height,
      format: image.format === 'jpeg' ? 'jpeg' : 'png',
      paths: { png: src.pathOf(job, 'png'), jpg: src.pathOf(job, 'jpg') },
    }));
    for (const o of todo) {
      signal.throwIfAborted();
      const file = path.join(dir, `${o.id}.${outputExt(o.type)}`);
      const task: OutputTask = { type: o.type, quality: o.quality, items, title: src.title, file };
      if (o.type === 'report') {
        const { records, findings } = src.report();
        task.report = buildReport(records, findings);
      }
      const made = await this.pool.output(task, signal);
      signal.throwIfAborted();
      this.record(row, o, file, made);
    }
  }

  /** The outputs as a job's answer lists them: `url` with the key, `download_url` signed (made afresh per answer). */
  present(
    row: RenderRow,
    outputs: OutputSpec[],
    base: string,
    signed: ((file: string) => string) | undefined,
  ): Array<Record<string, unknown>> {
    const made = this.list(row);
    const succeeded = row.status === 'succeeded';
    return outputs.map((o) => {
      const m = made.find((x) => x.id === o.id);
      return {
        id: o.id,
        type: o.type,
        ...(o.quality !== undefined ? { quality: o.quality } : {}),
        status: m ? 'ready' : 'pending',
        content_type: m?.content_type ?? null,
        bytes: m?.bytes ?? null,
        sha256: m?.sha256 ?? null,
        url: m && succeeded ? `${base}/outputs/${o.id}` : null,
        download_url: (m && signed?.(`outputs/${o.id}`)) ?? null,
      };
    });
  }

  /** One output's file and type; 404 for an output the job did not ask for or has not made yet. */
  find(
    row: RenderRow,
    outputs: OutputSpec[],
    outputId: string,
    noun: string,
  ): { file: string; contentType: string; sha256: string; name: string } {
    const o = this.list(row).find((x) => x.id === outputId);
    if (!o) {
      const asked = outputs.map((x) => x.id);
      throw new ApiError(
        404,
        'output_not_found',
        asked.includes(outputId)
          ? `Output ${outputId} of ${row.id} is not made yet`
          : `${noun[0]!.toUpperCase()}${noun.slice(1)} ${row.id} has no output ${outputId.slice(0, 50)}${asked.length ? ` (it has ${asked.join(', ')})` : ''}`,
        'output',
      );
    }
    return {
      file: o.file,
      contentType: o.content_type,
      sha256: o.sha256,
      name: `${o.id}.${outputExt(o.type as OutputType)}`,
    };
  }
}
