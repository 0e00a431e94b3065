// JSON Schemas of the whole-set API (POST /v1/sets): the request envelope, its outputs, and the answer.
// The manifest inside is validated by the manifest's own schema and loader (src/manifest/load.ts), so
// its errors are the CLI's, with the field path under `manifest.`.
import { outputsSchema, outputStatusSchema, renderRequestSchema, renderSchema } from './schema.js';

/** Layouts of a set's archive. Framework layouts are listed where a public convention says where fastlane lives. */
export const SET_LAYOUTS = ['flat', 'fastlane', 'flutter'] as const;
export type SetLayout = (typeof SET_LAYOUTS)[number];

/** Layouts other services offer that no public convention defines folders for: refused with the reason. */
export const REFUSED_LAYOUTS = ['react-native', 'capacitor', 'kmm'] as const;

const delivery = renderRequestSchema.properties;

export const setRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['manifest'],
  properties: {
    async: { type: 'boolean', description: 'true: answer 202 at once and render in the background.' },
    manifest: {
      type: 'object',
      description:
        'screenshots.yml as JSON (schema/screenshots.schema.json). Paths it names (screenshots, backgrounds, frames) are the names of uploaded files.',
    },
    layout: {
      type: 'string',
      maxLength: 40,
      description:
        'The archive layout: flat, fastlane, flutter (fastlane under ios/ and android/). Default: the manifest output.layout, else flat.',
    },
    outputs: outputsSchema,
    files: {
      type: 'object',
      maxProperties: 200,
      description:
        'Files named by the manifest, fetched or decoded by the service instead of uploaded: {"<path>": {"url": …} | {"data": "<base64>"}}.',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        maxProperties: 1,
        properties: {
          url: { type: 'string', maxLength: 2048 },
          data: { type: 'string' },
        },
      },
    },
    webhook_url: delivery.webhook_url,
    webhook_secret: delivery.webhook_secret,
    github_dispatch: delivery.github_dispatch,
    metadata: delivery.metadata,
  },
};

const nullableString = { type: ['string', 'null'] };

const pick = <T extends object, K extends keyof T>(o: T, keys: K[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;

export const setSchema = {
  type: 'object',
  required: ['id', 'object', 'status', 'total_steps', 'done_steps', 'images', 'error', 'metadata'],
  properties: {
    // The fields a set shares with a render: one definition (schema.ts).
    ...pick(renderSchema.properties, ['status', 'created_at', 'started_at', 'completed_at', 'expires_at']),
    id: { type: 'string', example: 'set_3f9c2a7d1e0b4c5a6d7e8f90' },
    object: { const: 'set' },
    polling_url: { type: 'string' },
    layout: { enum: SET_LAYOUTS },
    locales: { type: 'array', items: { type: 'string' } },
    presets: { type: 'array', items: { type: 'string' } },
    slides: { type: 'array', items: { type: 'string' } },
    folders: {
      type: 'array',
      items: { type: 'string' },
      description:
        "When the job renders its manifest once per size of one store slot: each size's folder in the archive.",
    },
    total_steps: { type: 'integer', description: 'Images plus outputs this job makes.' },
    done_steps: { type: 'integer', description: 'Images and outputs finished so far.' },
    archive_url: nullableString,
    archive_download_url: { ...nullableString, description: 'Signed link to the zip in `layout`, no key needed.' },
    download_urls_expire_at: nullableString,
    images: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          // A render's image fields (schema.ts), with the image's place in the set.
          ...renderSchema.properties.images.items.properties,
          locale: { type: 'string' },
          preset: { type: 'string' },
          path: { type: 'string', description: "The image's path in the archive." },
        },
      },
    },
    outputs: outputStatusSchema,
    ...pick(renderSchema.properties, ['lint', 'credits_used', 'error', 'metadata']),
  },
};
