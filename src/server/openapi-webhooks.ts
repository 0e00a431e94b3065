// The OpenAPI description of /v1/webhook_endpoints (docs/render-api.md#webhook-endpoints), of the
// events sent to them (the document's `webhooks`) and of /v1/events (docs/render-api.md#events), merged
// into openapi.ts's document.
import { eventRetrySchema } from './schema.js';
import { EVENT_TYPES, MAX_ENDPOINTS } from './webhook-endpoints.js';

const json = (schema: unknown) => ({ 'application/json': { schema } });
/** Stripe's list envelope: `{object: 'list', url, data: [items], has_more}` (a page of `ref`s at `url`). */
const stripeList = (url: string, ref: string) => ({
  type: 'object',
  additionalProperties: false,
  required: ['object', 'url', 'data', 'has_more'],
  properties: {
    object: { const: 'list' },
    url: { const: url },
    data: { type: 'array', items: { $ref: `#/components/schemas/${ref}` } },
    has_more: { type: 'boolean' },
  },
});
const err = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^we_[0-9a-f]{24}$' } };
const common = { '401': err('Missing or invalid API key.'), '429': err('Rate limited; see Retry-After.') };
const notFound = { '404': err("No such webhook endpoint (or another key's).") };
const eventTypes = { enum: [...EVENT_TYPES] };
const enabledEvents = {
  type: 'array',
  minItems: 1,
  items: { anyOf: [eventTypes, { const: '*' }] },
  description: 'The event types sent to this endpoint; ["*"] for all.',
};

/** Stripe's webhook endpoint object, as GET shows it (never with its secret). */
const endpoint = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object', 'url', 'enabled_events', 'description', 'status', 'created'],
  properties: {
    id: { type: 'string', pattern: '^we_[0-9a-f]{24}$' },
    object: { const: 'webhook_endpoint' },
    url: { type: 'string', maxLength: 2048 },
    enabled_events: enabledEvents,
    description: { type: ['string', 'null'] },
    status: { enum: ['enabled', 'disabled'] },
    created: { type: 'integer', description: 'Unix time (seconds).' },
  },
};
/** The create answer: the object with its signing secret, shown this once. */
const created = {
  ...endpoint,
  required: [...endpoint.required, 'secret'],
  properties: {
    ...endpoint.properties,
    secret: {
      type: 'string',
      pattern: '^whsec_[0-9a-f]{48}$',
      description: 'Signs every event to this endpoint (X-ASA-Signature). Only in the create answer.',
    },
  },
};
const fields = {
  url: { type: 'string', maxLength: 2048, description: 'http(s); the address rules of webhook_url apply.' },
  enabled_events: enabledEvents,
  description: { type: ['string', 'null'], maxLength: 5000 },
};

/** What a webhook endpoint receives: Stripe's event object. */
const event = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'object',
    'type',
    'created',
    'created_at',
    'data',
    'api_version',
    'livemode',
    'pending_webhooks',
    'request',
  ],
  properties: {
    id: {
      type: 'string',
      pattern: '^evt_[0-9a-f]{24}$',
      description: 'The event: the same in every endpoint it is sent to, and on every retry.',
    },
    object: { const: 'event' },
    type: eventTypes,
    created: { type: 'integer', description: 'Unix time (seconds) the job ended.' },
    created_at: { type: 'string', format: 'date-time' },
    data: {
      type: 'object',
      additionalProperties: false,
      required: ['object'],
      properties: {
        object: {
          description:
            "render.*: the render (GET /v1/renders/{id}); set.*: the set (GET /v1/sets/{id}); appscreen.render.*: AppScreen's poll answer (GET /v1/render/{jobId}).",
          anyOf: [
            { $ref: '#/components/schemas/Render' },
            { $ref: '#/components/schemas/Set' },
            { $ref: '#/components/schemas/AppScreenJob' },
          ],
        },
      },
    },
    api_version: { type: 'null', description: 'Stripe’s api_version: no API version pins this shape.' },
    livemode: { const: false, description: 'Stripe’s livemode: there is no live mode.' },
    pending_webhooks: {
      type: 'integer',
      minimum: 0,
      description:
        'Stripe’s pending_webhooks. In a delivered body: the endpoints the event was made for (none delivered yet); /v1/events gives the current count.',
    },
    request: { type: 'null', description: 'Stripe’s request: null, as for Stripe events no API request caused.' },
  },
};

export const webhookSchemas = {
  WebhookEndpoint: endpoint,
  WebhookEndpointCreated: created,
  WebhookEndpointEvent: event,
  Event: {
    ...event,
    description: 'An event as /v1/events shows it: the body its deliveries carry, with pending_webhooks.',
    required: event.required,
    properties: {
      ...event.properties,
      pending_webhooks: {
        type: 'integer',
        minimum: 0,
        description: 'Its deliveries not yet delivered nor given up (Stripe’s pending_webhooks).',
      },
    },
  },
  AppScreenJob: {
    type: 'object',
    additionalProperties: false,
    required: ['jobId', 'status', 'totalSteps', 'doneSteps', 'pollUrl', 'downloadUrl', 'expiresAt', 'error'],
    properties: {
      jobId: { type: 'string', pattern: '^set_[0-9a-f]{24}$' },
      status: { enum: ['queued', 'processing', 'done', 'failed'] },
      totalSteps: { type: 'integer' },
      doneSteps: { type: 'integer' },
      pollUrl: { type: 'string' },
      downloadUrl: { type: ['string', 'null'] },
      downloadUrlExpiresAt: { type: ['string', 'null'] },
      expiresAt: { type: ['string', 'null'] },
      error: { type: ['string', 'null'] },
    },
  },
};

export const webhookPaths = {
  '/v1/webhook_endpoints': {
    post: {
      operationId: 'createWebhookEndpoint',
      summary: "Subscribes a URL to this key's job events (at most 16 endpoints a key)",
      requestBody: {
        required: true,
        content: json({ type: 'object', additionalProperties: false, required: ['url'], properties: fields }),
      },
      responses: {
        '201': {
          description: 'The endpoint, with its secret (shown this once).',
          content: json({ $ref: '#/components/schemas/WebhookEndpointCreated' }),
        },
        '400': err(
          `A field is invalid (param names it: url, enabled_events[1], description), the URL's address is refused (url_refused), or the key has ${MAX_ENDPOINTS} endpoints (webhook_endpoint_limit).`,
        ),
        '413': err('The body is larger than 64 KiB.'),
        ...common,
      },
    },
    get: {
      operationId: 'listWebhookEndpoints',
      parameters: [
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        { name: 'starting_after', in: 'query', schema: { type: 'string' } },
      ],
      responses: {
        '200': {
          description: 'Newest first.',
          content: json(stripeList('/v1/webhook_endpoints', 'WebhookEndpoint')),
        },
        '400': err('limit or starting_after is invalid.'),
        ...common,
      },
    },
  },
  '/v1/webhook_endpoints/{id}': {
    get: {
      operationId: 'getWebhookEndpoint',
      parameters: [idParam],
      responses: {
        '200': { description: 'The endpoint.', content: json({ $ref: '#/components/schemas/WebhookEndpoint' }) },
        ...notFound,
        ...common,
      },
    },
    post: {
      operationId: 'updateWebhookEndpoint',
      summary: 'Changes the URL, the event types, the description, or disables (enables) the endpoint',
      parameters: [idParam],
      requestBody: {
        content: json({
          type: 'object',
          additionalProperties: false,
          properties: {
            ...fields,
            disabled: {
              type: 'boolean',
              description: 'true: nothing more is sent to it, and its pending deliveries end; false: enabled again.',
            },
          },
        }),
      },
      responses: {
        '200': { description: 'The endpoint.', content: json({ $ref: '#/components/schemas/WebhookEndpoint' }) },
        '400': err('A field is invalid; nothing is changed.'),
        '413': err('The body is larger than 64 KiB.'),
        ...notFound,
        ...common,
      },
    },
    delete: {
      operationId: 'deleteWebhookEndpoint',
      parameters: [idParam],
      responses: {
        '200': {
          description: 'Deleted; its pending deliveries end.',
          content: json({
            type: 'object',
            additionalProperties: false,
            required: ['id', 'object', 'deleted'],
            properties: { id: { type: 'string' }, object: { const: 'webhook_endpoint' }, deleted: { const: true } },
          }),
        },
        ...notFound,
        ...common,
      },
    },
  },
};

const eventIdParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'evt_… (any other value is an event that does not exist: 404).',
};
const eventNotFound = { '404': err("No such event (or another key's).") };

/** /v1/events: the events the key's jobs sent to its webhook endpoints, read from the outbox. */
export const eventPaths = {
  '/v1/events': {
    get: {
      operationId: 'listEvents',
      summary: 'The events sent to this key’s webhook endpoints, newest first (Stripe’s GET /v1/events)',
      parameters: [
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 } },
        {
          name: 'starting_after',
          in: 'query',
          schema: { type: 'string' },
          description: 'An event id: the page after it.',
        },
        {
          name: 'type',
          in: 'query',
          schema: { type: 'string', maxLength: 100 },
          description: 'An event type, or a group with * for one or more parts (render.*, *.failed).',
        },
        {
          name: 'delivery_success',
          in: 'query',
          schema: { type: 'boolean' },
          description: 'true: events every delivery of which was delivered; false: events with one pending or failed.',
        },
      ],
      responses: {
        '200': {
          description: 'Newest first.',
          content: json(stripeList('/v1/events', 'Event')),
        },
        '400': err('limit, starting_after, type or delivery_success is invalid (param names it).'),
        ...common,
      },
    },
  },
  '/v1/events/{id}': {
    get: {
      operationId: 'getEvent',
      parameters: [eventIdParam],
      responses: {
        '200': { description: 'The event.', content: json({ $ref: '#/components/schemas/Event' }) },
        ...eventNotFound,
        ...common,
      },
    },
  },
  '/v1/events/{id}/retry': {
    post: {
      operationId: 'retryEvent',
      summary:
        'Sends the event again to one of this key’s webhook endpoints (what `stripe events resend --webhook-endpoint` calls)',
      parameters: [eventIdParam],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: eventRetrySchema },
          'application/x-www-form-urlencoded': { schema: eventRetrySchema },
        },
      },
      responses: {
        '200': {
          description:
            'The event, resent: a new delivery (its own X-ASA-Delivery) of the same id and body, signed with the endpoint’s secret, with the usual retries.',
          content: json({ $ref: '#/components/schemas/Event' }),
        },
        '400': err(
          'The body is invalid (param names the field), or the endpoint is disabled (webhook_endpoint_disabled).',
        ),
        '404': err("No such event (param id) or webhook endpoint (param webhook_endpoint), or another key's."),
        '413': err('The body is larger than 4 KiB.'),
        ...common,
      },
    },
  },
};

/** The document's `webhooks` (OpenAPI 3.1): what the service POSTs to a webhook endpoint. */
export const webhookEvents = {
  'webhook-endpoint-event': {
    post: {
      operationId: 'webhookEndpointEvent',
      summary: 'A job of the key ended: sent to each enabled endpoint whose enabled_events match',
      parameters: [
        {
          name: 'X-ASA-Signature',
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description: 't=<unix>,v1=<hex HMAC-SHA256(endpoint secret, "<t>.<raw body>")>',
        },
        { name: 'X-ASA-Event', in: 'header', required: true, schema: eventTypes },
        {
          name: 'X-ASA-Delivery',
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description: 'The delivery to this endpoint of the event (whd_…), the same on every retry.',
        },
        { name: 'X-ASA-Webhook-Endpoint', in: 'header', required: true, schema: { type: 'string' } },
      ],
      requestBody: { content: json({ $ref: '#/components/schemas/WebhookEndpointEvent' }) },
      responses: { '2XX': { description: 'Received; anything else is retried with backoff.' } },
    },
  },
};
