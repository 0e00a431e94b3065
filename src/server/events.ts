// Events (docs/render-api.md#events): what a key's jobs sent to its webhook endpoints, listed and
// retrieved the way Stripe's API does (`GET /v1/events`, `GET /v1/events/{id}`), and resent to one of
// the key's endpoints (`POST /v1/events/{id}/retry` with `webhook_endpoint`, what the Stripe CLI's
// `stripe events resend` calls). Events are read from the outbox (deliveries.ts): an event is the body
// its `endpoint` deliveries carry, so there is nothing else to keep; a resend is one more delivery of
// the same event id and body, signed with the endpoint's secret on each attempt, through the same
// outbox and retries. The routes are routes/events.ts.
import type { Deliveries } from './deliveries.js';
import { ApiError, badRequest } from './errors.js';
import type { EventFilter, EventRow, ServiceStore } from './storage/types.js';
import { EVENT_TYPES, type WebhookEndpoints } from './webhook-endpoints.js';

const EVENT_ID = /^evt_[0-9a-f]{24}$/;
/** Stripe's `type` filter: an event type, or a group with `*` for one dot-separated part (`render.*`, `*.failed`). */
const TYPE_PATTERN = /^(?:[a-z]+|\*)(?:\.(?:[a-z]+|\*))*$/;

export interface ListQuery {
  limit: number;
  starting_after?: string;
  type?: string;
  delivery_success?: boolean;
}

export class Events {
  constructor(
    private readonly store: ServiceStore,
    private readonly endpoints: WebhookEndpoints,
    private readonly deliveries: Deliveries,
  ) {}

  /** An event of this key; another key's id is, to this key, an id that does not exist. */
  async get(owner: string, id: string): Promise<EventRow> {
    const row = EVENT_ID.test(id) ? await this.store.event(owner, id) : undefined;
    if (!row) throw new ApiError(404, 'event_not_found', `No event ${id.slice(0, 100)}`, 'id');
    return row;
  }

  /** Newest first, `limit` of them and whether there are more. */
  async list(owner: string, q: ListQuery): Promise<{ rows: EventRow[]; more: boolean }> {
    const filter: EventFilter = { ...typeFilter(q.type) };
    if (q.delivery_success !== undefined) filter.delivered = q.delivery_success;
    if (q.starting_after !== undefined) {
      const at = EVENT_ID.test(q.starting_after) ? await this.store.event(owner, q.starting_after) : undefined;
      if (!at) throw badRequest(`No event ${q.starting_after.slice(0, 50)} for starting_after`, 'starting_after');
      filter.after = { created_at: at.created_at, id: at.id };
    }
    const rows = await this.store.listEvents(owner, q.limit + 1, filter);
    return { rows: rows.slice(0, q.limit), more: rows.length > q.limit };
  }

  /**
   * Sends the event again to one of this key's endpoints: a new delivery (its own X-ASA-Delivery) of
   * the same event id and body, signed with that endpoint's current secret. The endpoint need not have
   * had the event, nor take its type (the resend asks for it by name); it must be enabled.
   */
  async resend(owner: string, id: string, endpointId: string): Promise<EventRow> {
    const event = await this.get(owner, id);
    let endpoint: Awaited<ReturnType<WebhookEndpoints['get']>>;
    try {
      endpoint = await this.endpoints.get(owner, endpointId);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) throw new ApiError(404, e.code, e.message, 'webhook_endpoint');
      throw e;
    }
    if (endpoint.status !== 'enabled')
      throw badRequest(
        `Webhook endpoint ${endpoint.id} is disabled: enable it (POST /v1/webhook_endpoints/${endpoint.id} {"disabled": false}) to resend to it`,
        'webhook_endpoint',
        'webhook_endpoint_disabled',
      );
    await this.deliveries.resend(event, endpoint);
    return (await this.store.event(owner, id)) ?? event;
  }
}

/** The `type` query parameter as a store filter: one known type, or a group with `*`. */
function typeFilter(type: string | undefined): Pick<EventFilter, 'types'> {
  if (type === undefined) return {};
  const known: readonly string[] = EVENT_TYPES;
  if (!TYPE_PATTERN.test(type) || (!type.includes('*') && !known.includes(type)))
    throw badRequest(
      `Unknown event type ${JSON.stringify(type.slice(0, 100))} for type (one of ${EVENT_TYPES.join(', ')}, or a group such as render.*)`,
      'type',
    );
  if (!type.includes('*')) return { types: [type] };
  const group = new RegExp(`^${type.replaceAll('.', '\\.').replaceAll('*', '[a-z]+(?:\\.[a-z]+)*')}$`);
  return { types: known.filter((t) => group.test(t)) };
}

/** The event as the API shows it: the body its deliveries carry, and Stripe's pending_webhooks. */
export function presentEvent(e: EventRow): Record<string, unknown> {
  return { ...(JSON.parse(e.body) as Record<string, unknown>), pending_webhooks: e.pending };
}
