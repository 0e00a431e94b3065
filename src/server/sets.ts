// Whole-set jobs (docs/render-api.md#whole-set-jobs): one request renders a manifest's
// slides x presets x locales into one job with progress, per-image results, one archive in the
// layout asked for, and the outputs asked for (docs/render-api.md#outputs).
//
// INTERFACE, for other code (routes/sets.ts, compatibility adapters):
//   deps.sets (a Sets, built in server.ts and handed to every route plugin in RouteDeps)
//   await sets.create(owner, body, files, baseUrl, inTx?) -> RenderRow   (id `set_…`, status queued)
//       body: the POST /v1/sets JSON (set-schema.ts: {manifest, layout?, outputs?, async?, files?,
//             webhook_url?, webhook_secret?, github_dispatch?, metadata?}); the manifest is the
//             screenshots.yml schema as JSON, checked by the CLI's own loader and plan.
//       files: uploaded parts by name, the names being the paths the manifest uses (e.g. "en-US/home.png").
//       Throws ApiError 4xx naming the field (`manifest.locales[2]`, `files["en-US/home.png"]`) before
//       anything is stored; checks the owner's quota; `inTx(id)` runs in the row's transaction (idempotency).
//   sets.get(owner, id) -> RenderRow (404 set_not_found, 410 set_expired), sets.cancel(owner, id),
//   sets.present(row) -> the GET /v1/sets/{id} answer, renders.waitFor(id) for a synchronous answer,
//   sets.archive(row) -> zip bytes in the job's layout, sets.output(row, outputId) -> {bytes, type}.
// A set job is a row of the renders table with a `set_` id: queue, kill -9 durability, cancel, quota,
// webhooks, dispatch, idempotency and expiry are renders.ts's; it renders through renderSetBatch, one
// batch per (locale, preset) set, like every render.
import path from 'node:path';
import { Ajv } from 'ajv';
import { zipSync } from 'fflate';
import type { Manifest } from '../manifest/types.js';
import { MAX_MANIFEST_BYTES, parseManifest } from '../manifest/load.js';
import { outputPath } from '../plan/output-path.js';
import type { Job } from '../plan/types.js';
import { loadProject } from '../project.js';
import { jobRecord } from '../report/record.js';
import type { Finding } from '../report/types.js';
import { resolvePreset } from '../store/presets.js';
import { type Problem, UserError } from '../util/errors.js';
import { addManifestFormats } from '../manifest/formats.js';
import type { Clock } from './access.js';
import { checkQuota } from './access.js';
import { netPolicy, type ServerConfig } from './config.js';
import { newId } from './deliveries.js';
import { ApiError, badRequest } from './errors.js';
import { acquireScreenshots } from './inputs.js';
import { nonImageUploads } from './set-files.js';
import { checkOutputs, type OutputFile, type OutputRow, type OutputSpec } from './outputs.js';
import { iso, positions, type Renders } from './renders.js';
import { checkDeliveryFields, type RenderSpec, type ScreenshotInput, schemaError } from './request.js';
import type { OutputType } from './schema.js';
import { REFUSED_LAYOUTS, SET_LAYOUTS, type SetLayout, setRequestSchema } from './set-schema.js';
import type { Attach } from './idempotency.js';
import type { BlobStore, ImageRow, RenderRow, ServiceStore } from './storage/types.js';

export const SET_PREFIX = 'set';

/** A set job's stored request (the renders table's `spec` column); no screenshots, no manifest text. */
export interface SetSpec extends Pick<RenderSpec, 'webhook' | 'dispatch' | 'metadata'> {
  kind: 'set';
  async: boolean;
  layout: SetLayout;
  outputs: OutputSpec[];
  app?: string;
  locales: string[];
  presets: string[];
  slides: string[];
  /** With variants: each variant's folder, in job order (a job's id starts with its folder). */
  folders?: string[];
  /** Rounded marketing assets (AppScreen's `rounded`): PNGs with transparent corners, not linted. */
  rounded?: boolean;
  /** The compatibility surface that made the job (`appscreen`): its events to webhook endpoints take that surface's view. */
  surface?: string;
}

/** The manifest again with other presets, its images under `folder` (AppScreen's ios-6.9 and ios-6.7 together). */
export interface Variant {
  folder: string;
  presets: unknown[];
}

/** A variant's job: its id, set and output file under the variant's folder, so nothing collides. */
function inFolder(job: Job, folder: string): Job {
  return {
    ...job,
    id: `${folder}/${job.id}`,
    set: `${folder}/${job.set}`,
    output: { ...job.output, path: `${folder}/${job.output.path}` },
  };
}

/** Where a job's image goes in the set's archive: its layout path, under its variant's folder if any. */
function pathIn(spec: SetSpec, job: Job, ext?: string): string {
  const p = layoutPath(job, spec.layout, ext);
  return spec.folders ? `${job.id.slice(0, job.id.indexOf('/'))}/${p}` : p;
}

/** The file name the manifest is stored under beside its uploads (no upload can take it: names never start with a dot). */
const MANIFEST_FILE = '.manifest.json';

const ajv = addManifestFormats(new Ajv({ allErrors: false, strict: false }));
const validateRequest = ajv.compile(setRequestSchema);

/**
 * A file name a manifest may use and an upload may carry: a relative path of plain segments. No
 * absolute paths, no `.`/`..` segments, no hidden files, no backslashes or control characters.
 */
export function checkUploadName(name: string, param: string): void {
  const segments = name.split('/');
  const ok =
    name.length >= 1 &&
    name.length <= 200 &&
    segments.length <= 8 &&
    segments.every((s) => /^[\p{L}\p{N}_@+(),-][\p{L}\p{N}._ @+(),-]*$/u.test(s) && s.length <= 100);
  if (!ok)
    throw badRequest(
      `Expected a relative file path of plain segments (letters, digits, . _ - @ + ( ) , and spaces; no "..", no leading "/" or ".") for ${param} but received ${JSON.stringify(name.slice(0, 100))}`,
      param,
      'invalid_file_name',
    );
}

const fileParam = (name: string) => `files[${JSON.stringify(name)}]`;

/** Where a job's image goes in a set's archive of `layout` (the CLI's own output paths, src/plan/output-path.ts). */
export function layoutPath(job: Job, layout: SetLayout, ext = job.output.format === 'jpeg' ? 'jpg' : 'png'): string {
  const v = { locale: job.locale, preset: job.preset, slide: job.slide, index: job.index, ext };
  if (layout === 'flat') return outputPath('flat', v)!;
  const p = outputPath('fastlane', v) ?? outputPath('flat', v)!;
  // Flutter's deployment guide runs `fastlane init` in [project]/ios and [project]/android.
  if (layout === 'flutter' && p.startsWith('fastlane/')) return `${job.store === 'appstore' ? 'ios' : 'android'}/${p}`;
  return p;
}

/** How many images a manifest makes (locales x presets x the slides each preset takes): counted before any plan is built. */
function imageCount(m: Manifest): number {
  let n = 0;
  for (const ref of m.presets) {
    const id = typeof ref === 'string' ? ref : ref.id;
    const feature = resolvePreset(id)?.preset.playFolder === 'featureGraphic';
    n += feature ? 1 : m.slides.filter((s) => !s.presets || s.presets.includes(id)).length;
  }
  return n * m.locales.length * Math.max(1, m.appearances?.length ?? 0);
}

export class Sets {
  constructor(
    private readonly store: ServiceStore,
    private readonly blobs: BlobStore,
    private readonly renders: Renders,
    private readonly config: ServerConfig,
    private readonly now: Clock,
  ) {
    renders.register(SET_PREFIX, {
      noun: 'set',
      present: (row, s) => this.present(row, s),
      notLinted: (row) =>
        (JSON.parse(row.spec) as SetSpec).rounded
          ? 'rounded marketing assets (transparent corners) are not store screenshots: the store rules do not apply'
          : undefined,
      finish: (row, jobs, images, findings, signal) => this.finish(row, jobs, images, findings, signal),
      clientMessage: (row, _jobs, message) =>
        message
          .split(`${path.join(this.renders.dirOf(row.id), 'inputs')}${path.sep}`)
          .join('')
          .split(this.renders.localRoot)
          .join('<data>')
          .split(this.config.dataDir)
          .join('<data>'),
    });
  }

  /** Checks a whole-set request, stores its files and the job, and queues it (see the interface above). */
  async create(
    owner: string,
    body: unknown,
    files: Map<string, Buffer> | undefined,
    baseUrl: string,
    inTx?: Attach,
    opts: { variants?: Variant[]; rounded?: boolean; surface?: string } = {},
  ): Promise<RenderRow> {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw badRequest(`Expected a JSON object for the request body`, undefined);
    if (!validateRequest(body)) throw schemaError(validateRequest.errors![0]!, body, '');
    const b = body as {
      async?: boolean;
      manifest: Record<string, unknown>;
      layout?: string;
      outputs?: Array<{ id?: string; type: OutputType; quality?: number }>;
      files?: Record<string, ScreenshotInput>;
    } & Record<string, unknown>;

    // The manifest, checked by the manifest's own schema and loader (JSON is YAML), before any file is looked at.
    const text = JSON.stringify(b.manifest, null, 1);
    // The manifest loader's own size limit, before the YAML parser sees the text (the body may be far larger).
    if (Buffer.byteLength(text) > MAX_MANIFEST_BYTES)
      throw badRequest(
        `The manifest is ${Buffer.byteLength(text)} bytes as JSON; the limit is ${MAX_MANIFEST_BYTES} (a screenshots.yml's)`,
        'manifest',
        'too_many_items',
      );
    const manifest = this.parse(text).manifest;
    // A web capture in a set's manifest is not taken (the plan would look for it where the CLI keeps captures).
    const captured = manifest.slides.findIndex((s) => typeof s.screenshot === 'object');
    if (captured >= 0)
      throw badRequest(
        `The set API does not take web captures yet: manifest.slides[${captured}].screenshot.capture (send the page as a render's slide, or upload the screenshot)`,
        `manifest.slides[${captured}].screenshot.capture`,
        'parameter_unsupported',
      );
    const layout = this.layoutOf(b.layout, manifest);
    const outputs = checkOutputs(b.outputs);
    // Variants: the manifest once per preset list, each in its own folder (two sizes of one store slot).
    const variants = opts.variants?.map((v) => ({
      ...v,
      text: JSON.stringify({ ...b.manifest, presets: v.presets }, null, 1),
    }));
    const count = variants
      ? variants.reduce((n, v) => n + imageCount(this.parse(v.text).manifest), 0)
      : imageCount(manifest);
    if (count > this.config.limits.setImages)
      throw badRequest(
        `This manifest makes ${count} images (${manifest.locales.length} locales x ${manifest.presets.length} presets x their slides); a set job makes at most ${this.config.limits.setImages} (STORESHOTS_MAX_SET_IMAGES)`,
        'manifest',
        'too_many_items',
      );
    const { metadata, webhook, dispatch } = await checkDeliveryFields(b, this.config);
    await checkQuota(this.config, this.store, owner, count, this.now(), 'manifest');

    // The files: uploaded parts and `files` entries, by the names the manifest uses. Fonts, strings and a
    // theme file are checked as such (set-files.ts); every other file must be a PNG or JPEG.
    for (const name of (files ?? new Map()).keys()) checkUploadName(name, fileParam(name));
    const others = nonImageUploads(manifest, files);
    const named = new Map<string, ScreenshotInput>();
    for (const name of (files ?? new Map()).keys()) if (!others.has(name)) named.set(name, { file: name });
    for (const [name, src] of Object.entries(b.files ?? {})) {
      checkUploadName(name, fileParam(name));
      if (named.has(name))
        throw badRequest(`${name} is both uploaded and listed in files: send it once`, fileParam(name));
      named.set(name, src);
    }
    const names = [...named.keys()];
    const shots = await acquireScreenshots(
      [...named.values()],
      files,
      this.config.limits,
      netPolicy(this.config),
      '',
      (i) => fileParam(names[i]!),
    );

    const id = newId(SET_PREFIX);
    const inputs = path.join(this.renders.dirOf(id), 'inputs');
    try {
      // Every file goes to the BlobStore (a worker on another machine copies them back), with this
      // machine's copy under `inputs` that the CLI's loader reads now.
      for (const [i, name] of names.entries())
        await this.renders.putFile(this.renders.keyOf(id, `inputs/${name}`), shots[i]!.bytes);
      for (const [name, bytes] of others) await this.renders.putFile(this.renders.keyOf(id, `inputs/${name}`), bytes);
      await this.renders.putFile(this.renders.keyOf(id, `inputs/${MANIFEST_FILE}`), Buffer.from(text));
      const jobs: Job[] = [];
      if (variants)
        for (const [k, v] of variants.entries()) {
          const file = `.manifest-${k + 1}.json`;
          await this.renders.putFile(this.renders.keyOf(id, `inputs/${file}`), Buffer.from(v.text));
          for (const j of this.plan(inputs, layout, v.text, this.parse(v.text).manifest, file))
            jobs.push(inFolder(j, v.folder));
        }
      else jobs.push(...this.plan(inputs, layout, text, manifest));
      // Rounded marketing assets: PNGs with alpha, corners cut at 6% of the shorter side (never uploaded to a store).
      if (opts.rounded)
        for (const j of jobs)
          j.output = {
            ...j.output,
            format: 'png',
            path: j.output.path.replace(/\.jpg$/, '.png'),
            rounded: Math.round(Math.min(j.size.width, j.size.height) * 0.06),
          };
      const spec: SetSpec = {
        kind: 'set',
        async: b.async === true,
        layout,
        outputs,
        app: manifest.app?.name,
        locales: manifest.locales,
        presets: manifest.presets.map((p) => (typeof p === 'string' ? p : p.id)),
        ...(variants ? { folders: variants.map((v) => v.folder) } : {}),
        ...(opts.rounded ? { rounded: true } : {}),
        ...(opts.surface ? { surface: opts.surface } : {}),
        slides: manifest.slides.map((s) => s.id),
        webhook,
        dispatch,
        metadata,
      };
      return await this.renders.enqueue(id, owner, spec, jobs, baseUrl, inTx);
    } catch (e) {
      await this.renders.removeFiles(id);
      throw e;
    }
  }

  get(owner: string, id: string): Promise<RenderRow> {
    return this.renders.get(owner, id, SET_PREFIX);
  }

  cancel(owner: string, id: string): Promise<RenderRow> {
    return this.renders.cancel(owner, id, SET_PREFIX);
  }

  /** The manifest text through the manifest loader: schema errors become 400s naming `manifest.<field>`. */
  private parse(text: string) {
    try {
      return parseManifest(text, 'manifest', '/');
    } catch (e) {
      if (e instanceof UserError) throw problemError(e.problems);
      throw e;
    }
  }

  private layoutOf(given: string | undefined, m: Manifest): SetLayout {
    const layout = given ?? m.output?.layout ?? 'flat';
    if ((SET_LAYOUTS as readonly string[]).includes(layout)) return layout as SetLayout;
    if ((REFUSED_LAYOUTS as readonly string[]).includes(layout))
      throw badRequest(
        `Layout "${layout}" is not offered: no public convention says where a ${layout} project keeps its store screenshots (Flutter's deployment guide does: ios/fastlane and android/fastlane, layout "flutter"). Use "fastlane" and place the fastlane folder where your project runs fastlane`,
        'layout',
        'unsupported_layout',
      );
    throw badRequest(
      `Expected one of ${SET_LAYOUTS.join(', ')} for layout but received "${layout.slice(0, 40)}"`,
      'layout',
    );
  }

  /** The CLI's own project loading and plan over the stored files: the same jobs `storeshots render` makes. */
  private plan(inputs: string, layout: SetLayout, text: string, m: Manifest, file = MANIFEST_FILE): Job[] {
    try {
      const project = loadProject({
        config: path.join(inputs, file),
        cwd: inputs,
        // The store folders are checked like the CLI's fastlane layout checks them (colliding locale codes).
        layout: layout === 'flat' ? 'flat' : 'fastlane',
      });
      return project.plan.all;
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      const loaded = parseManifest(text, 'manifest', inputs);
      throw problemError(e.problems, (p) => {
        // The project's "screenshot not found" problems sit at the slide; name the manifest field that gave the path.
        if (p.field !== 'screenshot' && p.field !== 'second-screenshot') return p.field;
        const same = (fp: Array<string | number>) => {
          const at = loaded.positionOf(fp);
          return at.line === p.at?.line && at.column === p.at?.column;
        };
        if (m['feature-graphic'] && same(['feature-graphic'])) return 'feature-graphic.screenshot';
        const i = m.slides.findIndex((_, k) => same(['slides', k]));
        if (i < 0) return p.field;
        if (p.field === 'second-screenshot') return `slides[${i}].second-screenshot`;
        return m.slides[i]!.screenshot !== undefined ? `slides[${i}].screenshot` : 'screenshots';
      });
    }
  }

  private async images(row: RenderRow, s: ServiceStore = this.store): Promise<ImageRow[]> {
    return row.expired ? [] : s.images(row.id);
  }

  outputs(row: RenderRow, s: ServiceStore = this.store): Promise<OutputRow[]> {
    return this.renders.outputs.list(row, s);
  }

  /** After the images: the outputs asked for, made on the render pool, each stored durably and recorded at once. */
  private async finish(row: RenderRow, jobs: Job[], images: ImageRow[], findings: Finding[], signal: AbortSignal) {
    const spec = JSON.parse(row.spec) as SetSpec;
    if (!spec.outputs.length) return;
    const at = positions(jobs);
    const byPos = new Map(jobs.map((j) => [at.get(j.id)!, j]));
    const items = images.map((i) => ({ job: byPos.get(i.idx)!, file: this.renders.localFile(i.file), image: i }));
    await this.renders.outputs.make(
      row,
      spec.outputs,
      {
        items,
        pathOf: (job, ext) => pathIn(spec, job, ext),
        title: spec.app ?? row.id,
        report: () => ({
          records: items.map((it) => jobRecord(it.job, it.image.bytes, it.image.sha256, false)),
          findings,
        }),
      },
      signal,
    );
  }

  /** The set's zip in its layout, stored uncompressed (PNGs are compressed already). */
  async archive(row: RenderRow): Promise<Buffer> {
    const spec = JSON.parse(row.spec) as SetSpec;
    const jobs = JSON.parse(row.jobs) as Job[];
    const at = positions(jobs);
    const byPos = new Map(jobs.map((j) => [at.get(j.id)!, j]));
    const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
    for (const i of await this.images(row))
      entries[pathIn(spec, byPos.get(i.idx)!)] = [await this.bytesOf(i.file), { level: 0 }];
    return Buffer.from(zipSync(entries));
  }

  /** One output's blob and type; 404 for an output the job did not ask for or has not made yet. */
  output(row: RenderRow, outputId: string): Promise<OutputFile> {
    return this.renders.outputs.find(row, (JSON.parse(row.spec) as SetSpec).outputs, outputId, 'set');
  }

  /** The set as the API shows it (docs/render-api.md#get-v1setsid). */
  /** A stored file's bytes (a missing one is the service's fault: 500, as a missing file always was). */
  private async bytesOf(key: string): Promise<Buffer> {
    const bytes = await this.blobs.get(key);
    if (!bytes) throw new Error(`stored file missing: ${key}`);
    return bytes;
  }

  async present(row: RenderRow, s: ServiceStore = this.store): Promise<Record<string, unknown>> {
    const spec = JSON.parse(row.spec) as SetSpec;
    const jobs = JSON.parse(row.jobs) as Job[];
    const at = positions(jobs);
    const byPos = new Map(jobs.map((j) => [at.get(j.id)!, j]));
    const base = `${row.base_url}/v1/sets/${row.id}`;
    const images = await this.images(row, s);
    const made = await this.outputs(row, s);
    const { signed, linkExpires } = this.renders.signer(row, 'sets');
    const succeeded = row.status === 'succeeded';
    const total = jobs.length + spec.outputs.length;
    return {
      object: 'set',
      id: row.id,
      status: row.status,
      ...this.renders.times(row),
      polling_url: `/v1/sets/${row.id}`,
      layout: spec.layout,
      locales: spec.locales,
      presets: spec.presets,
      slides: spec.slides,
      ...(spec.folders ? { folders: spec.folders } : {}),
      ...(spec.rounded ? { rounded: true } : {}),
      // Progress: one step an image, then one an output; each is stored as it finishes.
      total_steps: total,
      done_steps: succeeded ? total : images.length + made.length,
      archive_url: succeeded ? `${base}/archive` : null,
      archive_download_url: signed?.('archive') ?? null,
      download_urls_expire_at: signed ? iso(linkExpires * 1000) : null,
      images: images.map((i) => {
        const job = byPos.get(i.idx)!;
        return {
          index: i.idx,
          locale: job.locale,
          preset: job.preset,
          slide: job.slide,
          width: i.width,
          height: i.height,
          format: i.format,
          bytes: i.bytes,
          sha256: i.sha256,
          path: pathIn(spec, job),
          url: `${base}/images/${i.idx}`,
          download_url: signed?.(`images/${i.idx}`) ?? null,
        };
      }),
      ...(spec.outputs.length
        ? { outputs: await this.renders.outputs.present(row, spec.outputs, base, signed, s) }
        : {}),
      lint: row.lint ? JSON.parse(row.lint) : { findings: [] },
      credits_used: row.credits_used,
      error: row.error ? JSON.parse(row.error) : null,
      metadata: spec.metadata,
    };
  }
}

/** The manifest's problems as one 400: the first names its field under `manifest.`; the message says how many more there are. */
function problemError(problems: Problem[], fieldOf: (p: Problem) => string | undefined = (p) => p.field): ApiError {
  const errors = problems.filter((p) => p.severity === 'error');
  const p = errors[0] ?? problems[0]!;
  const field = fieldOf(p);
  const param = field ? `manifest.${field}` : 'manifest';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  const missing = / not found: (.+?)(?: \(|$)/.exec(p.message);
  if (missing)
    return new ApiError(
      400,
      'file_missing',
      `${p.message.replace(/ not found: .*/, '')}: no file named "${missing[1]}" was sent for ${param}; upload it as a multipart file part of that name, or list it in files${more}`,
      param,
    );
  return badRequest(`${p.message}${more}`, param);
}
