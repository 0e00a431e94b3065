// The OpenAPI 3.1 description served at /v1/openapi.json. Request and response schemas are the ones
// the service validates with (schema.ts).
import { VERSION } from '../version.js';
import { projectPaths, projectSchemas } from './openapi-projects.js';
import { errorSchema, OUTPUT_TYPES, renderRequestSchema, renderSchema, translateRequestSchema } from './schema.js';
import { setComponents, setPaths } from './openapi-sets.js';
import { eventPaths, webhookEvents, webhookPaths, webhookSchemas } from './openapi-webhooks.js';
import { withWebCompat } from './compat/openapi-web.js';

const json = (schema: unknown) => ({ 'application/json': { schema } });
const err = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^rnd_[0-9a-f]{24}$' } };
const rateHeaders = {
  'RateLimit-Limit': { schema: { type: 'integer' } },
  'RateLimit-Remaining': { schema: { type: 'integer' } },
  'RateLimit-Reset': { schema: { type: 'integer' }, description: 'Seconds until the bucket is full again.' },
};
const common = {
  '401': err('Missing or invalid API key.'),
  '429': {
    ...err('Rate limited; see Retry-After.'),
    headers: { 'Retry-After': { schema: { type: 'integer' } }, ...rateHeaders },
  },
};

const outputParam = {
  name: 'output',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: `An output id of the render (default: its type, one of ${OUTPUT_TYPES.join(', ')}).`,
};
const outputContent = { 'application/zip': {}, 'image/png': {}, 'application/pdf': {}, 'application/json': {} };

const linkParams = [
  { name: 'expires', in: 'query', required: true, schema: { type: 'integer' }, description: 'Unix time.' },
  { name: 'signature', in: 'query', required: true, schema: { type: 'string' } },
];
const linkErrors = {
  '400': err('expires or signature missing or malformed.'),
  '403': err('link_invalid, link_expired, or link_revoked (the key that made the render was revoked).'),
  '404': err('No such render or image.'),
  '410': err('The render expired.'),
  '429': common['429'],
};

export function openApiDocument(): Record<string, unknown> {
  return withWebCompat({
    openapi: '3.1.0',
    info: {
      title: 'storeshots render API',
      version: VERSION,
      description:
        'Renders App Store and Google Play screenshots from raw app screenshots. Self-hosted with `storeshots serve`. ' +
        'Errors are {"error": {"code", "message", "param"}}. Webhooks carry X-ASA-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { apiKey: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
      schemas: {
        RenderRequest: renderRequestSchema,
        Render: renderSchema,
        Error: errorSchema,
        ...projectSchemas,
        ...setComponents,
        ...webhookSchemas,
        Accepted: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            status: { const: 'processing' },
            polling_url: { type: 'string' },
            total_steps: { type: 'integer' },
            done_steps: { type: 'integer' },
            created_at: { type: 'string' },
            metadata: {},
          },
        },
        WebhookEvent: {
          type: 'object',
          properties: {
            id: { type: 'string', description: 'Delivery id, the same as X-ASA-Delivery; stable across retries.' },
            type: {
              enum: [
                'render.succeeded',
                'render.failed',
                'render.canceled',
                'set.succeeded',
                'set.failed',
                'set.canceled',
              ],
            },
            created_at: { type: 'string', format: 'date-time' },
            data: { oneOf: [{ $ref: '#/components/schemas/Render' }, { $ref: '#/components/schemas/Set' }] },
          },
        },
      },
    },
    webhooks: webhookEvents,
    paths: {
      ...projectPaths,
      ...webhookPaths,
      ...eventPaths,
      '/v1/renders': {
        get: {
          operationId: 'listRenders',
          summary: "This key's renders, newest first (expired ones are left out)",
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
            {
              name: 'status',
              in: 'query',
              schema: { enum: ['queued', 'processing', 'succeeded', 'failed', 'canceled'] },
            },
            {
              name: 'starting_after',
              in: 'query',
              schema: { type: 'string' },
              description: 'Cursor: the id of the last render of the previous page.',
            },
          ],
          responses: {
            '200': {
              description: 'A page of renders.',
              content: json({
                type: 'object',
                properties: {
                  object: { const: 'list' },
                  data: { type: 'array', items: { $ref: '#/components/schemas/Render' } },
                  has_more: { type: 'boolean' },
                },
              }),
            },
            '400': err('Invalid query.'),
            ...common,
          },
        },
        post: {
          operationId: 'createRender',
          summary: 'Render a set of slides (synchronously, or with async: true in the background)',
          parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 200 } }],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/RenderRequest' } },
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: {
                    request: { type: 'string', description: 'The RenderRequest as JSON.' },
                    'slides[0].screenshot': {
                      type: 'string',
                      format: 'binary',
                      description: 'A file part per slide (slides[N].screenshot), or named by screenshot.file.',
                    },
                  },
                  required: ['request'],
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'The finished render.',
              content: json({ $ref: '#/components/schemas/Render' }),
              headers: { 'Idempotent-Replayed': { schema: { type: 'string' } } },
            },
            '202': { description: 'Accepted (async: true).', content: json({ $ref: '#/components/schemas/Accepted' }) },
            '400': err('Invalid request; param names the field.'),
            '402': err('Monthly quota exceeded.'),
            '413': err('Payload too large.'),
            '422': {
              description:
                'Synchronous render failed (body: the Render with its error), or idempotency_key_reused (body: Error).',
              content: json({}),
            },
            '504': {
              description: 'Synchronous render timed out (body: the Render).',
              content: json({ $ref: '#/components/schemas/Render' }),
            },
            ...common,
          },
          callbacks: {
            renderEnded: {
              '{$request.body#/webhook_url}': {
                post: {
                  parameters: [
                    { name: 'X-ASA-Signature', in: 'header', required: true, schema: { type: 'string' } },
                    { name: 'X-ASA-Delivery', in: 'header', required: true, schema: { type: 'string' } },
                    { name: 'X-ASA-Event', in: 'header', required: true, schema: { type: 'string' } },
                  ],
                  requestBody: { content: json({ $ref: '#/components/schemas/WebhookEvent' }) },
                  responses: { '2XX': { description: 'Delivered; anything else is retried with backoff.' } },
                },
              },
            },
          },
        },
      },
      '/v1/renders/{id}': {
        get: {
          operationId: 'getRender',
          parameters: [idParam],
          responses: {
            '200': { description: 'The render.', content: json({ $ref: '#/components/schemas/Render' }) },
            '404': err('No such render.'),
            '410': err('The render expired.'),
            ...common,
          },
        },
      },
      '/v1/renders/{id}/images/{index}': {
        get: {
          operationId: 'getRenderImage',
          parameters: [
            idParam,
            { name: 'index', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
            { name: 'encoding', in: 'query', schema: { enum: ['base64'] } },
          ],
          responses: {
            '200': {
              description: 'The image bytes, or JSON with base64 data for ?encoding=base64.',
              content: {
                'image/png': {},
                'image/jpeg': {},
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      index: { type: 'integer' },
                      content_type: { type: 'string' },
                      data: { type: 'string' },
                    },
                  },
                },
              },
            },
            '404': err('No such render or image.'),
            '409': err('The render has not succeeded.'),
            '410': err('The render expired.'),
            ...common,
          },
        },
      },
      '/v1/renders/{id}/archive': {
        get: {
          operationId: 'getRenderArchive',
          parameters: [idParam],
          responses: {
            '200': { description: 'A zip of the images in fastlane layout.', content: { 'application/zip': {} } },
            '404': err('No such render.'),
            '409': err('The render has not succeeded.'),
            '410': err('The render expired.'),
            ...common,
          },
        },
      },
      '/v1/renders/{id}/outputs/{output}': {
        get: {
          operationId: 'getRenderOutput',
          summary:
            "One of the render's outputs (its `outputs[].url`): PNG or JPEG zip, contact sheet, review PDF, report.json",
          parameters: [idParam, outputParam],
          responses: {
            '200': { description: 'The output.', content: outputContent },
            '404': err('No such render, or no such output (output_not_found).'),
            '409': err('The render has not succeeded.'),
            '410': err('The render expired.'),
            ...common,
          },
        },
      },
      '/v1/files/renders/{id}/outputs/{output}': {
        get: {
          operationId: 'getRenderOutputByLink',
          summary: 'An output through its signed link (`outputs[].download_url`): no key',
          security: [],
          parameters: [idParam, outputParam, ...linkParams],
          responses: { '200': { description: 'The output.', content: outputContent }, ...linkErrors },
        },
      },
      '/v1/files/renders/{id}/images/{index}': {
        get: {
          operationId: 'getImageByLink',
          summary: 'An image through its signed link (download_url): no key',
          security: [],
          parameters: [
            idParam,
            { name: 'index', in: 'path', required: true, schema: { type: 'integer' } },
            ...linkParams,
          ],
          responses: {
            '200': { description: 'The image bytes.', content: { 'image/png': {}, 'image/jpeg': {} } },
            ...linkErrors,
          },
        },
      },
      '/v1/files/renders/{id}/archive': {
        get: {
          operationId: 'getArchiveByLink',
          summary: 'The archive through its signed link (archive_download_url): no key',
          security: [],
          parameters: [idParam, ...linkParams],
          responses: {
            '200': { description: 'A zip of the images in fastlane layout.', content: { 'application/zip': {} } },
            ...linkErrors,
          },
        },
      },
      '/v1/renders/{id}/cancel': {
        post: {
          operationId: 'cancelRender',
          parameters: [idParam],
          responses: {
            '200': { description: 'The canceled render.', content: json({ $ref: '#/components/schemas/Render' }) },
            '404': err('No such render.'),
            '409': err('The render already ended.'),
            ...common,
          },
        },
      },
      '/v1/bulk': {
        post: {
          operationId: 'createRenders',
          summary: 'Submit up to 20 renders at once (always async)',
          parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 200 } }],
          requestBody: {
            required: true,
            content: json({
              type: 'object',
              required: ['renders'],
              properties: {
                renders: { type: 'array', maxItems: 20, items: { $ref: '#/components/schemas/RenderRequest' } },
              },
            }),
          },
          responses: {
            '202': {
              description: 'Submitted; failed items carry their error.',
              content: json({
                type: 'object',
                properties: {
                  submitted: { type: 'integer' },
                  failed: { type: 'integer' },
                  renders: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        index: { type: 'integer' },
                        id: { type: 'string' },
                        status: { type: 'string' },
                        polling_url: { type: 'string' },
                        error: { type: 'object' },
                      },
                    },
                  },
                },
              }),
            },
            '400': err('Invalid request.'),
            '413': err('Payload too large.'),
            ...common,
          },
        },
      },
      ...setPaths({ json, err, common, linkParams, linkErrors }),
      '/v1/translate': {
        post: {
          operationId: 'translate',
          summary: "Machine-translate caption text into other locales with the operator's LibreTranslate",
          requestBody: {
            required: true,
            content: json(translateRequestSchema),
          },
          responses: {
            '200': {
              description: 'The texts in every target locale.',
              content: json({
                type: 'object',
                required: ['object', 'source', 'engine', 'engine_languages', 'translations'],
                properties: {
                  object: { const: 'translation' },
                  source: { type: 'string' },
                  engine: { const: 'libretranslate' },
                  engine_languages: {
                    type: 'object',
                    additionalProperties: { type: 'string' },
                    description: 'The LibreTranslate language code used for each locale.',
                  },
                  translations: {
                    type: 'object',
                    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
                  },
                },
              }),
            },
            '400': err('Invalid request, or a locale the LibreTranslate server has no model for.'),
            '415': err('Not JSON.'),
            '501': err('No LibreTranslate server is configured (translate_not_configured).'),
            '502': err('LibreTranslate failed or answered out of its description (translate_failed).'),
            '504': err('LibreTranslate did not answer in time (translate_timeout).'),
            ...common,
          },
        },
      },
      '/healthz': {
        get: { operationId: 'health', security: [], responses: { '200': { description: 'Up; with queue depth.' } } },
      },
      '/metrics': {
        get: {
          operationId: 'metrics',
          security: [],
          responses: { '200': { description: 'Prometheus text format.', content: { 'text/plain': {} } } },
        },
      },
      '/v1/openapi.json': {
        get: { operationId: 'openapi', security: [], responses: { '200': { description: 'This document.' } } },
      },
    },
  });
}
