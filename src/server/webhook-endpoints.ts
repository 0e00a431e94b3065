// Webhook endpoints, "subscribe once" (docs/render-api.md#webhook-endpoints): a key registers URLs,
// each with the event types it wants, and every job of that key (renders, bulk, sets, project renders,
// the compatibility surfaces' jobs) sends its events to each of them through the delivery outbox
// (deliveries.ts), signed with the endpoint's own secret. Modelled on Stripe's webhook endpoint
// object (`we_…`, `enabled_events` with `*`, `status` enabled | disabled, the secret shown once, at
// most 16 per account). The routes are routes/webhook-endpoints.ts.
import { randomBytes } from 'node:crypto';
import type { Clock } from './access.js';
import { netPolicy, type ServerConfig } from './config.js';
import { newId } from './deliveries.js';
import { ApiError, badRequest } from './errors.js';
import { checkTarget } from './request.js';
import type { ServiceStore, WebhookEndpointRow } from './storage/types.js';

/**
 * Every event type a job sends: ours (`<noun>.<status>`: renders and the jobs made as renders, whole-set
 * jobs) and AppScreen's jobs' (their poll shape, under names of their own: see the AppScreen surface).
 */
export const EVENT_TYPES = [
  'render.succeeded',
  'render.failed',
  'render.canceled',
  'set.succeeded',
  'set.failed',
  'set.canceled',
  'appscreen.render.completed',
  'appscreen.render.failed',
] as const;

/** Endpoints one key may have: Stripe's limit per account. */
export const MAX_ENDPOINTS = 16;
const MAX_URL = 2048;
const MAX_DESCRIPTION = 5000;
const FIELDS = ['url', 'enabled_events', 'description'] as const;
const UPDATE_FIELDS = [...FIELDS, 'disabled'] as const;

/** What a create or update body holds, checked (the URL's address too). */
interface Fields {
  url?: string;
  enabled_events?: string[];
  description?: string | null;
  disabled?: boolean;
}

export class WebhookEndpoints {
  constructor(
    private readonly store: ServiceStore,
    private readonly config: ServerConfig,
    private readonly now: Clock,
  ) {}

  /** An endpoint of this key; another key's id is, to this key, an id that does not exist. */
  async get(owner: string, id: string): Promise<WebhookEndpointRow> {
    const row = await this.store.webhookEndpoint(id);
    if (!row || row.owner !== owner)
      throw new ApiError(404, 'webhook_endpoint_not_found', `No webhook endpoint ${id.slice(0, 100)}`, 'id');
    return row;
  }

  list(owner: string, limit: number, before?: number): Promise<WebhookEndpointRow[]> {
    return this.store.listWebhookEndpoints(owner, limit, before);
  }

  /** The list position of one key's endpoint (undefined for another key's id, as for an unknown one). */
  async seqOf(owner: string, id: string): Promise<number | undefined> {
    const row = await this.store.webhookEndpoint(id);
    return row && row.owner === owner ? row.seq : undefined;
  }

  async create(owner: string, body: unknown): Promise<WebhookEndpointRow> {
    const f = await this.check(body, FIELDS);
    if (f.url === undefined) throw badRequest('Missing url: the URL events are POSTed to', 'url', 'parameter_missing');
    const now = this.now();
    const row = {
      id: newId('we'),
      owner,
      url: f.url,
      enabled_events: JSON.stringify(f.enabled_events ?? ['*']),
      description: f.description ?? null,
      status: 'enabled' as const,
      secret: `whsec_${randomBytes(24).toString('hex')}`,
      created_at: now,
      updated_at: now,
    };
    if (!(await this.store.insertWebhookEndpoint(row, MAX_ENDPOINTS)))
      throw badRequest(
        `This key has ${MAX_ENDPOINTS} webhook endpoints, the most it may have: delete one (DELETE /v1/webhook_endpoints/{id}) or add event types to one of them`,
        undefined,
        'webhook_endpoint_limit',
      );
    return (await this.store.webhookEndpoint(row.id))!;
  }

  async update(owner: string, id: string, body: unknown): Promise<WebhookEndpointRow> {
    const row = await this.get(owner, id);
    const f = await this.check(body, UPDATE_FIELDS);
    await this.store.updateWebhookEndpoint(id, {
      url: f.url ?? row.url,
      enabled_events: f.enabled_events ? JSON.stringify(f.enabled_events) : row.enabled_events,
      description: f.description !== undefined ? f.description : row.description,
      status: f.disabled === undefined ? row.status : f.disabled ? 'disabled' : 'enabled',
      updated_at: this.now(),
    });
    return this.get(owner, id);
  }

  async delete(owner: string, id: string): Promise<void> {
    await this.get(owner, id);
    await this.store.deleteWebhookEndpoint(id);
  }

  /** The body's fields, each checked; an error names the field (`enabled_events[2]`). */
  private async check(body: unknown, allowed: readonly string[]): Promise<Fields> {
    if (body === undefined || body === null) body = {};
    if (typeof body !== 'object' || Array.isArray(body))
      throw badRequest('Expected a JSON object for the request body');
    const b = body as Record<string, unknown>;
    for (const k of Object.keys(b))
      if (!allowed.includes(k))
        throw badRequest(
          `Unknown field ${k.slice(0, 100)} (a webhook endpoint takes ${allowed.join(', ')})`,
          k.slice(0, 100),
          'parameter_unknown',
        );
    const out: Fields = {};
    if (b.url !== undefined) {
      if (typeof b.url !== 'string') throw badRequest('Expected a string for url', 'url');
      if (b.url.length > MAX_URL)
        throw badRequest(`url is ${b.url.length} characters; the limit is ${MAX_URL}`, 'url', 'too_long');
      // The rules of webhook_url: http(s), no credentials, no private or loopback address unless the
      // operator opened them (STORESHOTS_ALLOW_PRIVATE_URLS, STORESHOTS_ALLOW_HOSTS), never link-local.
      await checkTarget(b.url, netPolicy(this.config), 'url');
      out.url = b.url;
    }
    if (b.enabled_events !== undefined) out.enabled_events = checkEvents(b.enabled_events);
    if (b.description !== undefined) {
      if (b.description !== null && typeof b.description !== 'string')
        throw badRequest('Expected a string (or null) for description', 'description');
      if (typeof b.description === 'string' && b.description.length > MAX_DESCRIPTION)
        throw badRequest(
          `description is ${b.description.length} characters; the limit is ${MAX_DESCRIPTION}`,
          'description',
          'too_long',
        );
      out.description = b.description === '' ? null : b.description;
    }
    if (b.disabled !== undefined) {
      if (typeof b.disabled !== 'boolean') throw badRequest('Expected a boolean for disabled', 'disabled');
      out.disabled = b.disabled;
    }
    return out;
  }
}

function checkEvents(v: unknown): string[] {
  if (!Array.isArray(v)) throw badRequest('Expected an array of event types for enabled_events', 'enabled_events');
  if (v.length === 0) throw badRequest('enabled_events is empty: list event types, or ["*"] for all', 'enabled_events');
  if (v.length > EVENT_TYPES.length + 1)
    throw badRequest(
      `enabled_events has ${v.length} entries; there are ${EVENT_TYPES.length} event types`,
      'enabled_events',
      'too_many_items',
    );
  const known: readonly string[] = EVENT_TYPES;
  for (const [i, e] of v.entries())
    if (typeof e !== 'string' || (e !== '*' && !known.includes(e)))
      throw badRequest(
        `Unknown event type ${JSON.stringify(e)?.slice(0, 100)} for enabled_events[${i}] (one of ${EVENT_TYPES.join(', ')}, or "*")`,
        `enabled_events[${i}]`,
      );
  return [...new Set(v as string[])];
}

/** The endpoint as the API shows it (Stripe's webhook endpoint object); the secret only when it is made. */
export function presentEndpoint(e: WebhookEndpointRow, opts: { secret?: boolean } = {}): Record<string, unknown> {
  return {
    id: e.id,
    object: 'webhook_endpoint',
    url: e.url,
    enabled_events: JSON.parse(e.enabled_events) as string[],
    description: e.description,
    status: e.status,
    ...(opts.secret ? { secret: e.secret } : {}),
    created: Math.floor(e.created_at / 1000),
  };
}
