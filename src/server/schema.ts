// JSON Schemas of the render API: the same objects validate requests (ajv) and describe them in the
// OpenAPI document, so the two cannot drift. Style tokens are the manifest schema's own definition.
import manifestSchema from '../../schema/screenshots.schema.json' with { type: 'json' };
import { captureSchema } from './capture.js';
import { LOCALE, TRANSLATE_LIMITS } from './translate/translator.js';

export const styleSchema = (manifestSchema as { definitions: { style: Record<string, unknown> } }).definitions.style;
/** A call-out as the manifest writes it, less its devices and locales filters (a request is one device and locale). */
const calloutSchema = (() => {
  const c = structuredClone(
    (manifestSchema as { definitions: { callout: { properties: Record<string, unknown> } } }).definitions.callout,
  );
  delete c.properties.devices;
  delete c.properties.locales;
  return c;
})();

const text = {
  type: ['string', 'object'],
  description: 'A string, or {"lines": [...]} to set the line breaks yourself.',
  maxLength: 500,
  additionalProperties: false,
  required: ['lines'],
  properties: { lines: { type: 'array', minItems: 1, maxItems: 8, items: { type: 'string', maxLength: 200 } } },
};

const outputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { format: { enum: ['png', 'jpeg'] }, quality: { type: 'integer', minimum: 1, maximum: 100 } },
};

const screenshot = {
  type: 'object',
  description:
    'Exactly one of: url (fetched by the service), data (base64 PNG or JPEG), file (the name of a multipart file part), capture (a web page rendered by the service).',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    url: {
      type: 'string',
      maxLength: 2048,
      description: 'http(s) URL of a PNG or JPEG; private and loopback addresses are refused.',
    },
    data: { type: 'string', description: 'Base64 PNG or JPEG (a data: URL prefix is accepted).' },
    file: { type: 'string', maxLength: 200, description: 'Multipart only: the field name of the file part.' },
    capture: captureSchema,
  },
};

const line = { type: 'string', maxLength: 500 };
/** A slide's content beyond headline and subtitle (docs/layouts.md), as plain strings. */
const contentSchema = {
  type: 'object',
  additionalProperties: false,
  description:
    'Content of slides without a device and social proof (docs/layouts.md): items, stats, quote, rating, award, labels.',
  properties: {
    items: {
      type: 'array',
      maxItems: 6,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text'],
        properties: { icon: { type: 'string', minLength: 1, maxLength: 16 }, text: line },
      },
    },
    stats: {
      type: 'array',
      maxItems: 4,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['value'],
        properties: { value: line, label: line },
      },
    },
    quote: {
      type: 'object',
      additionalProperties: false,
      required: ['text'],
      properties: { text: line, source: line },
    },
    rating: {
      type: 'object',
      additionalProperties: false,
      required: ['stars'],
      properties: { stars: { type: 'number', minimum: 0, maximum: 5 }, count: line },
    },
    award: line,
    labels: { type: 'object', additionalProperties: false, properties: { before: line, after: line } },
  },
};

export const OUTPUT_TYPES = ['png', 'jpeg', 'contact-sheet', 'review-pdf', 'report'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];

const jobOutputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    id: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$',
      description: 'Names the output in the answer and its URL (default: the type).',
    },
    type: {
      enum: OUTPUT_TYPES,
      description:
        'png: the set as PNGs (zip, in `layout`); jpeg: the set as JPEGs (zip); contact-sheet: one PNG of every image, labelled; review-pdf: a PDF for sign-off, one page per locale x preset; report: report.json.',
    },
    quality: { type: 'integer', minimum: 1, maximum: 100, description: 'jpeg only: JPEG quality (default 90).' },
  },
};

/** A job's `outputs` (docs/render-api.md#outputs): renders and whole-set jobs take the same list. */
export const outputsSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 10,
  items: jobOutputSchema,
  description: 'Results to make from the images, each with its own URL and signed link.',
};

/** A job's outputs as its answer lists them. */
export const outputStatusSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      type: { enum: OUTPUT_TYPES },
      quality: { type: 'integer' },
      status: { enum: ['pending', 'ready'] },
      content_type: { type: ['string', 'null'] },
      bytes: { type: ['integer', 'null'] },
      sha256: { type: ['string', 'null'] },
      url: { type: ['string', 'null'], description: 'GET with the key.' },
      download_url: {
        type: ['string', 'null'],
        description: 'Signed link, no key needed; made afresh on every answer.',
      },
    },
  },
};

export const slideSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
      description: 'Slide id (default slide-<n>); names the image in the archive.',
    },
    headline: text,
    subtitle: text,
    screenshot,
    style: styleSchema,
    callouts: {
      type: 'array',
      minItems: 1,
      maxItems: 6,
      description: 'Regions of the screenshot magnified over the slide (docs/design.md#call-outs).',
      items: calloutSchema,
    },
    output: outputSchema,
    content: contentSchema,
  },
};

export const renderRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['canvas', 'slides'],
  properties: {
    async: { type: 'boolean', description: 'true: answer 202 at once and render in the background.' },
    canvas: {
      type: 'object',
      additionalProperties: false,
      description:
        '{"preset": "appstore.iphone_6_9"} (any `storeshots presets` id, @landscape allowed), or {"width", "height"} with an optional device family.',
      properties: {
        preset: { type: 'string', maxLength: 64 },
        width: { type: 'integer', minimum: 64, maximum: 7680 },
        height: { type: 'integer', minimum: 64, maximum: 7680 },
        device: { enum: ['iphone', 'ipad', 'android-phone', 'android-tablet', 'mac', 'watch', 'tv', 'vision', 'none'] },
      },
    },
    app: {
      type: 'object',
      additionalProperties: false,
      properties: { name: { type: 'string', maxLength: 100 } },
      description: 'The app; its name shows on a Play feature graphic.',
    },
    theme: { type: 'string', maxLength: 64, description: 'A built-in theme (default aurora).' },
    style: styleSchema,
    locale: {
      type: 'string',
      pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$',
      description: 'BCP 47 locale of the text (default en-US).',
    },
    slides: { type: 'array', minItems: 1, maxItems: 10, items: slideSchema },
    output: outputSchema,
    outputs: outputsSchema,
    webhook_url: { type: 'string', maxLength: 2048 },
    webhook_secret: { type: 'string', minLength: 1, maxLength: 256 },
    github_dispatch: {
      type: 'object',
      additionalProperties: false,
      required: ['repository'],
      properties: {
        repository: { type: 'string', pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$' },
        event_type: { type: 'string', minLength: 1, maxLength: 100 },
      },
    },
    metadata: {
      type: 'object',
      maxProperties: 50,
      description: 'Echoed back in the render, webhooks and dispatches (at most 8 KiB as JSON).',
    },
  },
};

export const bulkRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['renders'],
  properties: { renders: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'object' } } },
};

/** A locale code as POST /v1/translate takes it (our locales; the engine's codes are looked up after). */
const translateLocale = {
  type: 'string',
  pattern: LOCALE.source,
  description: 'A locale code (e.g. "en-US", "de-DE", "zh-Hans").',
};

/**
 * POST /v1/translate (routes/translate.ts): what a schema can say of it. The route adds what it cannot
 * (a target repeated or equal to the source, the markup rule, the total length) and words the errors.
 */
export const translateRequestSchema = {
  type: 'object',
  required: ['source', 'targets', 'texts'],
  additionalProperties: false,
  properties: {
    source: { ...translateLocale, description: 'Locale of the texts (BCP 47, e.g. en-US).' },
    targets: {
      type: 'array',
      minItems: 1,
      maxItems: TRANSLATE_LIMITS.targets,
      items: translateLocale,
      description: 'Locales to translate into (BCP 47: de-DE, ja, pt-BR, zh-Hans, …).',
    },
    texts: {
      type: 'object',
      minProperties: 1,
      maxProperties: TRANSLATE_LIMITS.texts,
      propertyNames: { maxLength: 100 },
      additionalProperties: { type: 'string', maxLength: TRANSLATE_LIMITS.textChars },
      description: `Texts by field name (at most 100 characters); **accent** markup is kept; at most ${TRANSLATE_LIMITS.totalChars} characters together.`,
    },
  },
};

/** POST /v1/events/{id}/retry (events.ts): the endpoint to send the event to again. */
export const eventRetrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['webhook_endpoint'],
  properties: {
    webhook_endpoint: {
      type: 'string',
      maxLength: 100,
      description:
        'The webhook endpoint (we_…) of this key to send the event to, as the Stripe CLI’s --webhook-endpoint.',
    },
  },
};

export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        param: { type: 'string', description: 'The request field at fault, e.g. slides[0].screenshot.' },
      },
    },
  },
};

const nullableTime = { type: ['string', 'null'], format: 'date-time' };

export const renderSchema = {
  type: 'object',
  required: ['id', 'status', 'created_at', 'images', 'lint', 'credits_used', 'error', 'metadata'],
  properties: {
    id: { type: 'string', example: 'rnd_3f9c2a7d1e0b4c5a6d7e8f90' },
    object: { const: 'render' },
    status: { enum: ['queued', 'processing', 'succeeded', 'failed', 'canceled'] },
    created_at: { type: 'string', format: 'date-time' },
    started_at: nullableTime,
    completed_at: nullableTime,
    expires_at: { type: 'string', format: 'date-time' },
    canvas: { type: 'object' },
    locale: { type: 'string' },
    polling_url: { type: 'string' },
    archive_url: { type: ['string', 'null'] },
    total_steps: { type: 'integer', description: 'Images plus outputs this render makes.' },
    done_steps: { type: 'integer', description: 'Images and outputs finished so far.' },
    archive_download_url: {
      type: ['string', 'null'],
      description:
        'Signed link to the archive, usable without a key until download_urls_expire_at (succeeded renders).',
    },
    download_urls_expire_at: { type: ['string', 'null'], format: 'date-time' },
    images: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer' },
          slide: { type: 'string' },
          url: { type: 'string' },
          download_url: {
            type: ['string', 'null'],
            description: 'Signed link to the image, usable without a key until download_urls_expire_at.',
          },
          width: { type: 'integer' },
          height: { type: 'integer' },
          format: { enum: ['png', 'jpeg'] },
          bytes: { type: 'integer' },
          sha256: { type: 'string' },
          path: { type: 'string', description: 'Where the image goes in the fastlane layout.' },
        },
      },
    },
    outputs: { ...outputStatusSchema, description: 'The outputs asked for (only when the request had outputs).' },
    lint: { type: 'object', properties: { findings: { type: 'array', items: { type: 'object' } } } },
    credits_used: { type: 'integer' },
    error: { type: ['object', 'null'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
    metadata: { type: ['object', 'null'] },
  },
};
