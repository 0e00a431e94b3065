// Projects, the builder model (docs/render-api.md#projects): a stored canvas state (cards, theme,
// style, locale) on a preset, plus screenshots uploaded to the project, owned by one API key. A
// project renders through the one render core: its state becomes the body of POST /v1/renders
// (checkRenderRequest, acquireScreenshots, Renders.create), so nothing here draws a pixel.
// Rows live in the service's store (storage/types.ts); uploads are blobs under projects/<id>/uploads/
// (files under --data by default), written durably before the row that names them.
import { Ajv } from 'ajv';
import { closest } from 'fastest-levenshtein';
import { addManifestFormats } from '../manifest/formats.js';
import { builtinThemes } from '../manifest/theme.js';
import { presetRefs, resolvePreset } from '../store/presets.js';
import { sha256 } from '../util/hash.js';
import { checkQuota, type Clock } from './access.js';
import { netPolicy, type ServerConfig } from './config.js';
import { newId } from './deliveries.js';
import { ApiError, badRequest } from './errors.js';
import { sniffImage } from './image-info.js';
import { acquireScreenshots } from './inputs.js';
import type { Renders } from './renders.js';
import { checkRenderRequest, schemaError } from './request.js';
import { slideSchema, styleSchema } from './schema.js';
import type { BlobStore, ProjectRow, RenderRow, ServiceStore, UploadRow } from './storage/types.js';

export type { ProjectRow, UploadRow };

type Text = string | { lines: string[] };
export interface Card {
  id?: string;
  headline?: Text;
  subtitle?: Text;
  screenshot?: { upload: string } | { url: string };
  style?: Record<string, unknown>;
}
export interface CanvasState {
  cards: Card[];
  theme?: string;
  style?: Record<string, unknown>;
  locale?: string;
  codebaseContext?: Record<string, unknown>;
}

/** What a project may be created or patched with (our API's names; the Studio adapter maps its own). */
export interface ProjectFields {
  name?: string;
  preset?: string;
  canvas_state?: unknown;
}

const slideProps = slideSchema.properties;
/** A card is a render slide whose screenshot is an upload of the project or a URL. */
const cardSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: slideProps.id,
    headline: slideProps.headline,
    subtitle: slideProps.subtitle,
    screenshot: {
      type: 'object',
      description: 'Exactly one of: upload (the id of a screenshot uploaded to the project), url.',
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      properties: {
        upload: { type: 'string', maxLength: 64 },
        url: slideProps.screenshot.properties.url,
      },
    },
    style: styleSchema,
  },
};

export const canvasStateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['cards'],
  properties: {
    cards: { type: 'array', maxItems: 10, items: cardSchema },
    theme: { type: 'string', maxLength: 64 },
    style: styleSchema,
    locale: { type: 'string', pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
    codebaseContext: { type: 'object', maxProperties: 50 },
  },
};

const ajv = addManifestFormats(new Ajv({ allErrors: false, strict: false }));
const validateState = ajv.compile(canvasStateSchema);

/** Errors of the render request a project becomes, named as the project's fields. */
function asProjectField(param: string): string {
  return param
    .replace(/^slides\[(\d+)\]\.screenshot(\.file)?/, 'canvas_state.cards[$1].screenshot')
    .replace(/^slides\[/, 'canvas_state.cards[')
    .replace(/^(theme|style|locale)\b/, 'canvas_state.$1')
    .replace(/^canvas(\.preset)?$/, 'preset');
}

function renamed(e: unknown): unknown {
  if (!(e instanceof ApiError) || !e.param) return e;
  const param = asProjectField(e.param);
  const message = e.message.split(e.param).join(param);
  return new ApiError(e.status, e.code, message, param, e.headers);
}

const MAX_NAME = 200;

export class Projects {
  constructor(
    private readonly store: ServiceStore,
    private readonly blobs: BlobStore,
    private readonly renders: Renders,
    private readonly config: ServerConfig,
    private readonly now: Clock,
  ) {}

  /** A project of this key; another key's id is, to this key, an id that does not exist. */
  async get(owner: string, id: string): Promise<ProjectRow> {
    const row = await this.store.project(id);
    if (!row || row.owner !== owner) throw new ApiError(404, 'project_not_found', `No project ${id}`, 'id');
    return row;
  }

  list(owner: string, limit: number, before?: number): Promise<ProjectRow[]> {
    return this.store.listProjects(owner, limit, before);
  }

  /** The list position of one key's project (undefined for another key's id, as for an unknown one). */
  async seqOf(owner: string, id: string): Promise<number | undefined> {
    const row = await this.store.project(id);
    return row && row.owner === owner ? row.seq : undefined;
  }

  uploads(projectId: string): Promise<UploadRow[]> {
    return this.store.uploads(projectId);
  }

  /** Checks a name, preset and canvas state; the state's errors name their path under canvas_state. */
  private async check(
    projectId: string | undefined,
    f: { name: string; preset: string; canvas_state: unknown },
  ): Promise<CanvasState> {
    if (typeof f.name !== 'string' || f.name.length < 1 || f.name.length > MAX_NAME)
      throw badRequest(`Expected a string of 1 to ${MAX_NAME} characters for name`, 'name');
    if (typeof f.preset !== 'string' || !resolvePreset(f.preset))
      throw badRequest(
        `Unknown preset ${JSON.stringify(String(f.preset).slice(0, 64))} for preset (did you mean "${closest(String(f.preset), presetRefs())}"?)`,
        'preset',
        'unknown_preset',
      );
    const state = f.canvas_state;
    if (!state || typeof state !== 'object' || Array.isArray(state))
      throw badRequest('Expected a JSON object with "cards" for canvas_state', 'canvas_state');
    if (!validateState(state)) throw schemaError(validateState.errors![0]!, state, 'canvas_state');
    const s = state as unknown as CanvasState;
    if (s.theme !== undefined && !builtinThemes().includes(s.theme))
      throw badRequest(
        `Unknown theme "${s.theme}" for canvas_state.theme (did you mean "${closest(s.theme, builtinThemes())}"?)`,
        'canvas_state.theme',
        'unknown_theme',
      );
    const uploads = new Set(projectId ? (await this.uploads(projectId)).map((u) => u.id) : []);
    s.cards.forEach((c, i) => {
      const up = c.screenshot && 'upload' in c.screenshot ? c.screenshot.upload : undefined;
      if (up !== undefined && !uploads.has(up))
        throw badRequest(
          `No screenshot ${up} uploaded to this project for canvas_state.cards[${i}].screenshot.upload (POST /v1/projects/{id}/screenshots first)`,
          `canvas_state.cards[${i}].screenshot.upload`,
        );
    });
    // Everything else a render would refuse (file paths in style, duplicate card ids, ...) is refused
    // now, by the render core's own check, so a saved project is one that renders.
    if (s.cards.length > 0) {
      const files = new Map([...uploads].map((u) => [u, Buffer.alloc(0)]));
      try {
        await checkRenderRequest(this.renderBody(f.preset, s, false), { config: this.config, files });
      } catch (e) {
        throw renamed(e);
      }
    }
    return s;
  }

  async create(owner: string, f: ProjectFields): Promise<ProjectRow> {
    const count = await this.store.countProjects(owner);
    if (count >= this.config.limits.projectsPerKey)
      throw new ApiError(
        402,
        'project_quota_exceeded',
        `This key has ${count} projects, the most it may keep (STORESHOTS_MAX_PROJECTS); delete one first`,
      );
    const fields = {
      name: f.name ?? 'Untitled project',
      preset: f.preset ?? 'appstore.iphone_6_9',
      canvas_state: f.canvas_state ?? { cards: [] },
    };
    const state = await this.check(undefined, fields);
    const id = newId('prj');
    const t = this.now();
    await this.store.insertProject({
      id,
      owner,
      name: fields.name,
      preset: fields.preset,
      canvas_state: JSON.stringify(state),
      created_at: t,
      updated_at: t,
    });
    return (await this.store.project(id))!;
  }

  async update(owner: string, id: string, f: ProjectFields): Promise<ProjectRow> {
    const row = await this.get(owner, id);
    const fields = {
      name: f.name ?? row.name,
      preset: f.preset ?? row.preset,
      canvas_state: f.canvas_state ?? (JSON.parse(row.canvas_state) as unknown),
    };
    const state = await this.check(id, fields);
    await this.store.updateProject(id, {
      name: fields.name,
      preset: fields.preset,
      canvas_state: JSON.stringify(state),
      updated_at: this.now(),
    });
    return (await this.store.project(id))!;
  }

  async delete(owner: string, id: string): Promise<void> {
    await this.get(owner, id);
    await this.store.deleteProject(id);
    await this.blobs.deletePrefix(`projects/${id}`);
  }

  /** Stores uploaded screenshots (checked by their bytes, within the key's byte quota). */
  async addUploads(
    owner: string,
    id: string,
    files: Array<{ field: string; name: string; bytes: Buffer }>,
  ): Promise<UploadRow[]> {
    await this.get(owner, id);
    if (files.length === 0)
      throw badRequest('Expected at least one PNG or JPEG file part', 'file', 'parameter_missing');
    const limits = this.config.limits;
    const checked = files.map((f) => {
      const info = sniffImage(f.bytes);
      if (!info) throw badRequest(`${f.field} is not a PNG or JPEG image`, f.field, 'unsupported_image');
      if (info.width < 1 || info.height < 1 || info.width * info.height > limits.screenshotPixels)
        throw badRequest(
          `${f.field} is ${info.width}x${info.height} pixels; the limit is ${limits.screenshotPixels} pixels`,
          f.field,
          'screenshot_too_large',
        );
      return { ...f, info };
    });
    const adding = files.reduce((n, f) => n + f.bytes.length, 0);
    const used = await this.store.uploadBytes(owner);
    if (used + adding > limits.projectBytesPerKey)
      throw new ApiError(
        402,
        'storage_quota_exceeded',
        `This key's project screenshots may take ${limits.projectBytesPerKey} bytes (STORESHOTS_MAX_PROJECT_BYTES); ${used} are used and this upload adds ${adding}`,
      );
    const rows: UploadRow[] = [];
    for (const f of checked) {
      const uid = newId('upl');
      const file = `projects/${id}/uploads/${uid}.${f.info.format === 'jpeg' ? 'jpg' : 'png'}`;
      await this.blobs.put(file, f.bytes);
      rows.push({
        id: uid,
        project_id: id,
        owner,
        name: f.name.slice(0, 200),
        file,
        format: f.info.format,
        width: f.info.width,
        height: f.info.height,
        bytes: f.bytes.length,
        sha256: sha256(f.bytes),
        created_at: this.now(),
      });
    }
    await this.store.insertUploads(id, rows, this.now());
    return rows;
  }

  /** Deletes an upload no card uses. */
  async deleteUpload(owner: string, id: string, uploadId: string): Promise<void> {
    const row = await this.get(owner, id);
    const up = (await this.uploads(id)).find((u) => u.id === uploadId);
    if (!up) throw new ApiError(404, 'screenshot_not_found', `Project ${id} has no screenshot ${uploadId}`, 'upload');
    const state = JSON.parse(row.canvas_state) as CanvasState;
    const user = state.cards.findIndex(
      (c) => c.screenshot && 'upload' in c.screenshot && c.screenshot.upload === uploadId,
    );
    if (user >= 0)
      throw new ApiError(
        409,
        'screenshot_in_use',
        `canvas_state.cards[${user}] uses screenshot ${uploadId}; change the card first`,
        `canvas_state.cards[${user}].screenshot.upload`,
      );
    await this.store.deleteUpload(uploadId);
    await this.blobs.delete(up.file);
  }

  /** The POST /v1/renders body a project's state stands for (screenshots as multipart file names). */
  private renderBody(preset: string, s: CanvasState, async: boolean): Record<string, unknown> {
    return {
      async,
      canvas: { preset },
      ...(s.theme !== undefined ? { theme: s.theme } : {}),
      ...(s.style !== undefined ? { style: s.style } : {}),
      ...(s.locale !== undefined ? { locale: s.locale } : {}),
      slides: s.cards.map((c, i) => ({
        id: c.id ?? `card-${i + 1}`,
        ...(c.headline !== undefined ? { headline: c.headline } : {}),
        ...(c.subtitle !== undefined ? { subtitle: c.subtitle } : {}),
        ...(c.style !== undefined ? { style: c.style } : {}),
        ...(c.screenshot
          ? { screenshot: 'upload' in c.screenshot ? { file: c.screenshot.upload } : c.screenshot }
          : {}),
      })),
    };
  }

  /** Renders every card through the render core: one render, card i is image i + 1. */
  async render(owner: string, id: string, baseUrl: string, async: boolean): Promise<RenderRow> {
    const row = await this.get(owner, id);
    const state = JSON.parse(row.canvas_state) as CanvasState;
    if (state.cards.length === 0)
      throw badRequest(
        `Project ${id} has no cards to render: PATCH canvas_state.cards first`,
        'canvas_state.cards',
        'parameter_missing',
      );
    const files = new Map<string, Buffer>();
    for (const u of await this.uploads(id)) {
      const bytes = await this.blobs.get(u.file);
      if (!bytes) throw new Error(`screenshot ${u.id} of project ${id} is missing from the blob store`);
      files.set(u.id, bytes);
    }
    try {
      const checked = await checkRenderRequest(this.renderBody(row.preset, state, async), {
        config: this.config,
        files,
      });
      checked.spec.metadata = { project: id };
      await checkQuota(this.config, this.store, owner, checked.spec.slides.length, this.now());
      const shots = await acquireScreenshots(checked.screenshots, files, this.config.limits, netPolicy(this.config));
      const created = await this.renders.create(owner, checked, shots, baseUrl);
      return async ? created : await this.renders.waitFor(created.id);
    } catch (e) {
      throw renamed(e);
    }
  }
}
