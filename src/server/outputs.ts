// A job's outputs (docs/render-api.md#outputs): several results of one render or whole-set job (the
// PNG set, a JPEG set, a contact sheet, a review PDF, report.json), each made from the images after
// they are rendered and linted, each with its own URL and signed link. The work (zips, sharp,
// pdf-lib) runs on a render thread (render/worker.ts `output`, publish/set-outputs.ts) of the process
// that rendered the job (a `storeshots worker`, or the single-node serve), never on the API's thread:
// a poll answers while a job's outputs are made. Each output is stored in the BlobStore under
// renders/<id>/outputs/ and recorded through ServiceStore.insertOutput before the next starts, so an
// API node on the same storage (PostgreSQL blobs included) serves it without sharing a disk.
import { readFile } from 'node:fs/promises';
import type { Job } from '../plan/types.js';
import type { OutputItem, OutputTask } from '../publish/set-outputs.js';
import type { RenderPool } from '../render/pool.js';
import { buildReport } from '../report/index.js';
import type { Finding, ImageRecord } from '../report/types.js';
import { ApiError, badRequest } from './errors.js';
import type { OutputType } from './schema.js';
import type { BlobStore, ImageRow, OutputRow, RenderRow, ServiceStore } from './storage/types.js';

export type { OutputRow };

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
  /** The job's images in plan order, each with its job and its file on this machine. */
  items: Array<{ job: Job; file: string; image: ImageRow }>;
  /** Names the review PDF (the app's name). */
  title: string;
  report: () => { records: ImageRecord[]; findings: Finding[] };
  /** Where an image goes in an archive of the job's layout with this extension. */
  pathOf: (job: Job, ext: string) => string;
}

/** Where a job's files are: its blob keys and their files on this machine (renders.ts keyOf/localFile). */
export interface JobFiles {
  keyOf(id: string, rel: string): string;
  localFile(key: string): string;
}

/** An output as a route sends it: its blob key, type, hash and download name. */
export interface OutputFile {
  key: string;
  contentType: string;
  sha256: string;
  name: string;
}

/** The outputs of renders and set jobs: made on the pool, stored one by one (a resumed job skips those it has), served. */
export class Outputs {
  constructor(
    private readonly store: ServiceStore,
    private readonly blobs: BlobStore,
    /** Undefined on an API node (`serve --role api`): it lists and serves outputs, workers make them. */
    private readonly pool: RenderPool | undefined,
    private readonly files: JobFiles,
  ) {}

  /** The outputs a job has made so far (none once it expired). */
  async list(row: RenderRow, s: ServiceStore = this.store): Promise<OutputRow[]> {
    if (row.expired) return [];
    return s.outputs(row.id);
  }

  /**
   * Makes each output not made yet in turn, on a render thread, which writes it durably to this
   * machine's copy of the job's folder; then it goes to the BlobStore (when that is not this very
   * folder) and its row is recorded, before the next starts.
   */
  async make(row: RenderRow, outputs: OutputSpec[], src: OutputSource, signal: AbortSignal): Promise<void> {
    const have = new Set((await this.list(row)).map((o) => o.id));
    const todo = outputs.filter((o) => !have.has(o.id));
    if (!todo.length) return;
    if (!this.pool) throw new Error('outputs are made where jobs are rendered (this node has no render pool)');
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
      const key = this.files.keyOf(row.id, `outputs/${o.id}.${outputExt(o.type)}`);
      const file = this.files.localFile(key);
      const task: OutputTask = { type: o.type, quality: o.quality, items, title: src.title, file };
      if (o.type === 'report') {
        const { records, findings } = src.report();
        task.report = buildReport(records, findings);
      }
      const made = await this.pool.output(task, signal);
      signal.throwIfAborted();
      // The filesystem BlobStore keeps the key at that very file (written durably on the thread); a remote one gets a copy.
      if (!this.blobs.localPath) await this.blobs.put(key, await readFile(file));
      await this.store.insertOutput({
        render_id: row.id,
        id: o.id,
        type: o.type,
        file: key,
        content_type: TYPES[o.type].contentType,
        bytes: made.bytes,
        sha256: made.sha256,
      });
    }
  }

  /** The outputs as a job's answer lists them: `url` with the key, `download_url` signed (made afresh per answer). */
  async present(
    row: RenderRow,
    outputs: OutputSpec[],
    base: string,
    signed: ((file: string) => string) | undefined,
    s: ServiceStore = this.store,
  ): Promise<Array<Record<string, unknown>>> {
    const made = await this.list(row, s);
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

  /** One output's blob and type; 404 for an output the job did not ask for or has not made yet. */
  async find(row: RenderRow, outputs: OutputSpec[], outputId: string, noun: string): Promise<OutputFile> {
    const o = (await this.list(row)).find((x) => x.id === outputId);
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
      key: o.file,
      contentType: o.content_type,
      sha256: o.sha256,
      name: `${o.id}.${outputExt(o.type as OutputType)}`,
    };
  }
}
