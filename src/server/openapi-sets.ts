// The whole-set routes in the OpenAPI description (openapi.ts merges them in). The request and answer
// schemas are those the service validates with (set-schema.ts).
import { OUTPUT_TYPES } from './schema.js';
import { setRequestSchema, setSchema } from './set-schema.js';

type Helpers = {
  json: (schema: unknown) => unknown;
  err: (description: string) => unknown;
  common: Record<string, unknown>;
  linkParams: unknown[];
  linkErrors: Record<string, unknown>;
};

const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^set_[0-9a-f]{24}$' } };
const index = { name: 'index', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const output = {
  name: 'output',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: `An output id of the job (default: its type, one of ${OUTPUT_TYPES.join(', ')}).`,
};
const outputTypes = {
  'application/zip': {},
  'image/png': {},
  'application/pdf': {},
  'application/json': {},
};

export const setComponents = { SetRequest: setRequestSchema, Set: setSchema };

export function setPaths({ json, err, common, linkParams, linkErrors }: Helpers): Record<string, unknown> {
  const set = json({ $ref: '#/components/schemas/Set' });
  const gone = { '404': err('No such set (or another key made it).'), '410': err('The set expired.') };
  const files = { ...gone, '409': err('The set has not succeeded.'), ...common };
  return {
    '/v1/sets': {
      get: {
        operationId: 'listSets',
        summary: "This key's whole-set jobs, newest first (the parameters of GET /v1/renders)",
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          {
            name: 'status',
            in: 'query',
            schema: { enum: ['queued', 'processing', 'succeeded', 'failed', 'canceled'] },
          },
          { name: 'starting_after', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'A page of sets.',
            content: json({
              type: 'object',
              properties: {
                object: { const: 'list' },
                data: { type: 'array', items: { $ref: '#/components/schemas/Set' } },
                has_more: { type: 'boolean' },
              },
            }),
          },
          '400': err('Invalid query.'),
          ...common,
        },
      },
      post: {
        operationId: 'createSet',
        summary: 'Render a whole manifest (slides x presets x locales) as one job, with its outputs',
        parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 200 } }],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/SetRequest' } },
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['request'],
                properties: { request: { type: 'string', description: 'The SetRequest as JSON.' } },
                additionalProperties: {
                  type: 'string',
                  format: 'binary',
                  description: 'A file the manifest names, as a part named by its path (e.g. shots/en-US/home.png).',
                },
              },
            },
          },
        },
        responses: {
          '200': { description: 'The finished set.', content: set },
          '202': { description: 'Accepted (async: true).', content: json({ $ref: '#/components/schemas/Accepted' }) },
          '400': err('Invalid request; param names the field, e.g. manifest.locales[2] or files["en-US/home.png"].'),
          '402': err('Monthly quota exceeded.'),
          '413': err('Payload too large.'),
          '422': { description: 'The set failed (body: the Set), or idempotency_key_reused.', content: json({}) },
          '504': { description: 'The set timed out (body: the Set).', content: set },
          ...common,
        },
      },
    },
    '/v1/sets/{id}': {
      get: {
        operationId: 'getSet',
        parameters: [id],
        responses: { '200': { description: 'The set.', content: set }, ...gone, ...common },
      },
    },
    '/v1/sets/{id}/cancel': {
      post: {
        operationId: 'cancelSet',
        parameters: [id],
        responses: {
          '200': { description: 'The canceled set.', content: set },
          ...gone,
          '409': err('The set already ended.'),
          ...common,
        },
      },
    },
    '/v1/sets/{id}/images/{index}': {
      get: {
        operationId: 'getSetImage',
        parameters: [id, index],
        responses: { '200': { description: 'The image.', content: { 'image/png': {}, 'image/jpeg': {} } }, ...files },
      },
    },
    '/v1/sets/{id}/archive': {
      get: {
        operationId: 'getSetArchive',
        parameters: [id],
        responses: {
          '200': { description: "A zip in the set's layout.", content: { 'application/zip': {} } },
          ...files,
        },
      },
    },
    '/v1/sets/{id}/outputs/{output}': {
      get: {
        operationId: 'getSetOutput',
        parameters: [id, output],
        responses: { '200': { description: 'The output.', content: outputTypes }, ...files },
      },
    },
    '/v1/files/sets/{id}/images/{index}': {
      get: {
        operationId: 'getSetImageByLink',
        summary: 'A set image through its signed link: no key',
        security: [],
        parameters: [id, index, ...linkParams],
        responses: {
          '200': { description: 'The image.', content: { 'image/png': {}, 'image/jpeg': {} } },
          ...linkErrors,
        },
      },
    },
    '/v1/files/sets/{id}/archive': {
      get: {
        operationId: 'getSetArchiveByLink',
        security: [],
        parameters: [id, ...linkParams],
        responses: { '200': { description: 'The zip.', content: { 'application/zip': {} } }, ...linkErrors },
      },
    },
    '/v1/files/sets/{id}/outputs/{output}': {
      get: {
        operationId: 'getSetOutputByLink',
        security: [],
        parameters: [id, output, ...linkParams],
        responses: { '200': { description: 'The output.', content: outputTypes }, ...linkErrors },
      },
    },
  };
}
