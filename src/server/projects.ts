// Projects, the builder model (docs/render-api.md#projects): a stored canvas state (cards, theme,
// style, locale) on a preset, plus screenshots uploaded to the project, owned by one API key. A
// project renders through the one render core: its state becomes the body of POST /v1/renders
// (checkRenderRequest, acquireScreenshots, Renders.create), so nothing here draws a pixel.
// Rows live in the service's SQLite store (tables made here, like store.ts makes its own); uploads
// are files under --data/projects/<id>/, written durably before the row that names them.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
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
import { type Renders, writeDurable } from './renders.js';
import { checkRenderRequest, schemaError } from './request.js';
import { slideSchema, styleSchema } from './schema.js';
import type { RenderRow, ServiceDb } from './store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS projects (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  preset TEXT NOT NULL,
  canvas_state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS projects_by_owner ON projects(owner, seq);
CREATE TABLE IF NOT EXISTS project_uploads (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL,
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  file TEXT NOT NULL,
  format TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS project_uploads_by_project ON project_uploads(project_id, created_at);
CREATE INDEX IF NOT EXISTS project_uploads_by_owner ON project_uploads(owner);
`;

export interface ProjectRow {
  seq: number;
  id: string;
  owner: string;
  name: string;
  preset: string;
  /** JSON: the canvas state (CanvasState). */
  canvas_state: string;
  created_at: number;
  updated_at: number;
}

export interface UploadRow {
  id: string;
  project_id: string;
  owner: string;
  name: string;
  file: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  created_at: number;
}

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
    private readonly store: ServiceDb,
    private readonly renders: Renders,
    private readonly config: ServerConfig,
    private readonly now: Clock,
  ) {
    store.db.exec(SCHEMA);
  }

  private dirOf(id: string): string {
    return path.join(this.store.dir, 'projects', id);
  }

  private row(id: string): ProjectRow | undefined {
    return this.store.db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
  }

  /** A project of this key; another key's id is, to this key, an id that does not exist. */
  get(owner: string, id: string): ProjectRow {
    const row = this.row(id);
    if (!row || row.owner !== owner) throw new ApiError(404, 'project_not_found', `No project ${id}`, 'id');
    return row;
  }

  list(owner: string, limit: number, before?: number): ProjectRow[] {
    return this.store.db
      .prepare('SELECT * FROM projects WHERE owner = ? AND seq < ? ORDER BY seq DESC LIMIT ?')
      .all(owner, before ?? Number.MAX_SAFE_INTEGER, limit) as unknown as ProjectRow[];
  }

  /** The list position of one key's project (undefined for another key's id, as for an unknown one). */
  seqOf(owner: string, id: string): number | undefined {
    const row = this.row(id);
    return row && row.owner === owner ? row.seq : undefined;
  }

  uploads(projectId: string): UploadRow[] {
    return this.store.db
      .prepare('SELECT * FROM project_uploads WHERE project_id = ? ORDER BY created_at, id')
      .all(projectId) as unknown as UploadRow[];
  }

  private bytesOf(owner: string): number {
    const r = this.store.db.prepare('SELECT SUM(bytes) AS n FROM project_uploads WHERE owner = ?').get(owner) as {
      n: number | null;
    };
    return r.n ?? 0;
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
    const uploads = new Set(projectId ? this.uploads(projectId).map((u) => u.id) : []);
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
    const count = (
      this.store.db.prepare('SELECT COUNT(*) AS n FROM projects WHERE owner = ?').get(owner) as { n: number }
    ).n;
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
    this.store.db
      .prepare(
        'INSERT INTO projects (id, owner, name, preset, canvas_state, created_at, updated_at) VALUES (?,?,?,?,?,?,?)',
      )
      .run(id, owner, fields.name, fields.preset, JSON.stringify(state), t, t);
    return this.row(id)!;
  }

  async update(owner: string, id: string, f: ProjectFields): Promise<ProjectRow> {
    const row = this.get(owner, id);
    const fields = {
      name: f.name ?? row.name,
      preset: f.preset ?? row.preset,
      canvas_state: f.canvas_state ?? (JSON.parse(row.canvas_state) as unknown),
    };
    const state = await this.check(id, fields);
    this.store.db
      .prepare('UPDATE projects SET name = ?, preset = ?, canvas_state = ?, updated_at = ? WHERE id = ?')
      .run(fields.name, fields.preset, JSON.stringify(state), this.now(), id);
    return this.row(id)!;
  }

  delete(owner: string, id: string): void {
    this.get(owner, id);
    this.store.tx(() => {
      this.store.db.prepare('DELETE FROM project_uploads WHERE project_id = ?').run(id);
      this.store.db.prepare('DELETE FROM projects WHERE id = ?').run(id);
    });
    rmSync(this.dirOf(id), { recursive: true, force: true });
  }

  /** Stores uploaded screenshots (checked by their bytes, within the key's byte quota). */
  addUploads(owner: string, id: string, files: Array<{ field: string; name: string; bytes: Buffer }>): UploadRow[] {
    this.get(owner, id);
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
    const used = this.bytesOf(owner);
    if (used + adding > limits.projectBytesPerKey)
      throw new ApiError(
        402,
        'storage_quota_exceeded',
        `This key's project screenshots may take ${limits.projectBytesPerKey} bytes (STORESHOTS_MAX_PROJECT_BYTES); ${used} are used and this upload adds ${adding}`,
      );
    const rows: UploadRow[] = checked.map((f) => {
      const uid = newId('upl');
      const file = path.join(this.dirOf(id), 'uploads', `${uid}.${f.info.format === 'jpeg' ? 'jpg' : 'png'}`);
      writeDurable(file, f.bytes);
      return {
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
      };
    });
    this.store.tx(() => {
      const insert = this.store.db.prepare(
        'INSERT INTO project_uploads (id, project_id, owner, name, file, format, width, height, bytes, sha256, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
      );
      for (const r of rows)
        insert.run(r.id, id, owner, r.name, r.file, r.format, r.width, r.height, r.bytes, r.sha256, r.created_at);
      this.store.db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?').run(this.now(), id);
    });
    return rows;
  }

  /** Deletes an upload no card uses. */
  deleteUpload(owner: string, id: string, uploadId: string): void {
    const row = this.get(owner, id);
    const up = this.uploads(id).find((u) => u.id === uploadId);
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
    this.store.db.prepare('DELETE FROM project_uploads WHERE id = ?').run(uploadId);
    rmSync(up.file, { force: true });
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
    const row = this.get(owner, id);
    const state = JSON.parse(row.canvas_state) as CanvasState;
    if (state.cards.length === 0)
      throw badRequest(
        `Project ${id} has no cards to render: PATCH canvas_state.cards first`,
        'canvas_state.cards',
        'parameter_missing',
      );
    const files = new Map(this.uploads(id).map((u) => [u.id, readFileSync(u.file)]));
    try {
      const checked = await checkRenderRequest(this.renderBody(row.preset, state, async), {
        config: this.config,
        files,
      });
      checked.spec.metadata = { project: id };
      checkQuota(this.config, this.store, owner, checked.spec.slides.length, this.now());
      const shots = await acquireScreenshots(checked.screenshots, files, this.config.limits, netPolicy(this.config));
      const created = this.renders.create(owner, checked, shots, baseUrl);
      return async ? created : await this.renders.waitFor(created.id);
    } catch (e) {
      throw renamed(e);
    }
  }
}
