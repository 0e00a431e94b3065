// The OpenAPI description of /v1/projects (docs/render-api.md#projects), merged into openapi.ts's
// document. The canvas state schema is the one the service validates with (projects.ts).
import { canvasStateSchema } from './projects.js';
import { renderSchema } from './schema.js';

const json = (schema: unknown) => ({ 'application/json': { schema } });
const err = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^prj_[0-9a-f]{24}$' } };
const credits = {
  type: ['integer', 'null'],
  description:
    'Images this key may still render this month (STORESHOTS_MONTHLY_QUOTA minus used and in flight); null without a quota.',
};
const upload = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    width: { type: 'integer' },
    height: { type: 'integer' },
    format: { enum: ['png', 'jpeg'] },
    bytes: { type: 'integer' },
    sha256: { type: 'string' },
    created_at: { type: 'string', format: 'date-time' },
  },
};
const project = {
  type: 'object',
  properties: {
    object: { const: 'project' },
    id: { type: 'string' },
    name: { type: 'string' },
    preset: { type: 'string' },
    canvas_state: { $ref: '#/components/schemas/CanvasState' },
    screenshots: { type: 'array', items: upload },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
    credits_remaining: credits,
  },
};
const fields = json({
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    preset: { type: 'string' },
    canvas_state: { $ref: '#/components/schemas/CanvasState' },
  },
});
const common = { '401': err('Missing or invalid API key.'), '429': err('Rate limited; see Retry-After.') };
const notFound = { '404': err("No such project (or another key's).") };

export const projectSchemas = { CanvasState: canvasStateSchema, Project: project };

export const projectPaths = {
  '/v1/projects': {
    post: {
      operationId: 'createProject',
      requestBody: { content: fields },
      responses: {
        '201': { description: 'The project.', content: json({ $ref: '#/components/schemas/Project' }) },
        '400': err('Invalid field; param names its path (canvas_state.cards[0].headline).'),
        '402': err('project_quota_exceeded.'),
        ...common,
      },
    },
    get: {
      operationId: 'listProjects',
      parameters: [
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        { name: 'starting_after', in: 'query', schema: { type: 'string' } },
      ],
      responses: {
        '200': {
          description: 'Newest first.',
          content: json({
            type: 'object',
            properties: {
              object: { const: 'list' },
              data: { type: 'array', items: { $ref: '#/components/schemas/Project' } },
              has_more: { type: 'boolean' },
              credits_remaining: credits,
            },
          }),
        },
        ...common,
      },
    },
  },
  '/v1/projects/{id}': {
    get: {
      operationId: 'getProject',
      parameters: [idParam],
      responses: {
        '200': { description: 'The project.', content: json({ $ref: '#/components/schemas/Project' }) },
        ...notFound,
        ...common,
      },
    },
    patch: {
      operationId: 'updateProject',
      parameters: [idParam],
      requestBody: { content: fields },
      responses: {
        '200': { description: 'The project.', content: json({ $ref: '#/components/schemas/Project' }) },
        '400': err('Invalid field; nothing is saved.'),
        ...notFound,
        ...common,
      },
    },
    delete: {
      operationId: 'deleteProject',
      parameters: [idParam],
      responses: { '200': { description: 'Deleted, with its uploads.' }, ...notFound, ...common },
    },
  },
  '/v1/projects/{id}/screenshots': {
    post: {
      operationId: 'uploadProjectScreenshots',
      parameters: [idParam],
      requestBody: {
        content: {
          'multipart/form-data': {
            schema: { type: 'object', additionalProperties: { type: 'string', format: 'binary' } },
          },
        },
      },
      responses: {
        '201': {
          description: 'The uploads.',
          content: json({ type: 'object', properties: { data: { type: 'array', items: upload } } }),
        },
        '400': err('Not a PNG or JPEG, or too many pixels.'),
        '402': err('storage_quota_exceeded.'),
        '413': err('A file over STORESHOTS_MAX_SCREENSHOT_BYTES.'),
        ...notFound,
        ...common,
      },
    },
  },
  '/v1/projects/{id}/screenshots/{upload}': {
    delete: {
      operationId: 'deleteProjectScreenshot',
      parameters: [idParam, { name: 'upload', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': { description: 'Deleted.' }, '409': err('A card uses it.'), ...notFound, ...common },
    },
  },
  '/v1/projects/{id}/render': {
    post: {
      operationId: 'renderProject',
      parameters: [idParam],
      requestBody: { required: false, content: json({ type: 'object', properties: { async: { type: 'boolean' } } }) },
      responses: {
        '200': {
          description: 'The render of every card; images carry card_index.',
          content: json({ allOf: [renderSchema, { type: 'object', properties: { credits_remaining: credits } }] }),
        },
        '202': { description: 'Accepted (async).', content: json(renderSchema) },
        '400': err('No cards, or a card cannot be rendered.'),
        '402': err('quota_exceeded.'),
        ...notFound,
        ...common,
      },
    },
  },
};
