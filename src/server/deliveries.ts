// Webhooks, webhook endpoints' events, GitHub dispatches and schedules' mails: written to the outbox
// (the deliveries table) in the same transaction that ends the render (a schedule's, once its run is
// settled), then sent by this loop until a 2xx (a mail: until the SMTP server takes it), with
// exponential backoff and jitter.
// The delivery id (X-ASA-Delivery) and body stay the same across retries; the signature is made
// fresh for each attempt, so a late retry is not rejected as stale.
import { randomBytes } from 'node:crypto';
import { backoffMs } from '../util/retry.js';
import { signDispatch, signWebhook } from '../util/signature.js';
import type { Clock } from './access.js';
import { netPolicy, type ServerConfig } from './config.js';
import { appAuth, type DispatchAuth, DispatchAuthError, tokenAuth } from './github-auth.js';
import { type Mail, MailError, Mailer } from './mail.js';
import type { Metrics } from './metrics.js';
import { postOnce, redactUrl, UrlRefusedError } from './net.js';
import type { DeliveryRow, EventRow, RenderRow, ServiceStore, WebhookEndpointRow } from './storage/types.js';
import { errorMessage } from '../util/errors.js';

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

export interface RenderEvent {
  /** `render.succeeded`, `render.failed`, `render.canceled`; `set.…` for whole-set jobs. */
  type: string;
  data: Record<string, unknown>;
}

/**
 * A webhook in a peer API's own words (a compatibility surface's jobs, named by their metadata's
 * `compat`): its body, made once when the job ends, and the headers of each attempt (its signature).
 */
export interface WebhookFormat {
  /** Runs inside the transaction that ends the job: it reads through `s` (that transaction), never another store. */
  body(row: RenderRow, event: RenderEvent, now: number, s: ServiceStore): Promise<string>;
  headers(secret: string, body: string, t: number): Record<string, string>;
}

/**
 * How a compatibility surface's jobs (named by their spec's `surface`) appear in the events sent to
 * webhook endpoints: a type and a `data.object` in that API's words instead of ours.
 */
export interface EventView {
  /** The event type of a job that ended `status` (succeeded, failed, canceled). */
  type(status: string): string;
  /** `data.object`, from the job as our API shows it (the event's data, made in the ending transaction). */
  object(row: RenderRow, data: Record<string, unknown>): Record<string, unknown>;
}

/** True when the endpoint takes events of this type (`*` takes all). */
const subscribes = (e: WebhookEndpointRow, type: string) => {
  const events = JSON.parse(e.enabled_events) as string[];
  return events.includes('*') || events.includes(type);
};

export class Deliveries {
  private readonly formats = new Map<string, WebhookFormat>();
  private readonly views = new Map<string, EventView>();
  private timer?: NodeJS.Timeout;
  private readonly inflight = new Set<string>();
  private stopped = false;
  private started = false;
  private readonly dispatchAuth?: DispatchAuth;
  private readonly mailer?: Mailer;

  constructor(
    private readonly store: ServiceStore,
    private readonly config: ServerConfig,
    private readonly now: Clock,
    private readonly metrics: Metrics,
    private readonly log: (msg: string) => void,
    /** The node attempts are claimed in the name of (one attempt, one node). */
    private readonly node: string,
  ) {
    if (config.githubApp) this.dispatchAuth = appAuth(config.githubApp, config.githubApiUrl);
    else if (config.githubToken) this.dispatchAuth = tokenAuth(config.githubToken);
    if (config.smtp) this.mailer = new Mailer(config.smtp, config.webhook.timeoutMs);
  }

  /** Webhooks of jobs whose metadata says `compat: name` are sent in this format instead of ours. */
  registerFormat(name: string, format: WebhookFormat): void {
    this.formats.set(name, format);
  }

  /** Events to webhook endpoints of jobs whose spec says `surface: name` take this view (type, data.object). */
  registerEventView(name: string, view: EventView): void {
    this.views.set(name, view);
  }

  /** Adds the render's deliveries to the outbox; call inside the transaction that ends the render (`s`). */
  async enqueue(
    s: ServiceStore,
    row: RenderRow,
    spec: {
      webhook?: { url: string; secret: string };
      dispatch?: { repository: string; event_type: string; secret: string };
      metadata: unknown;
      /** The compatibility surface that made the job, when its events have a view of their own. */
      surface?: string;
    },
    event: RenderEvent,
  ): Promise<void> {
    const now = this.now();
    await this.enqueueEndpoints(s, row, spec.surface, event, now);
    if (spec.webhook) {
      const id = newId('whd');
      const compat = (spec.metadata as { compat?: unknown } | null | undefined)?.compat;
      const format = typeof compat === 'string' ? this.formats.get(compat) : undefined;
      const body = format
        ? await format.body(row, event, now, s)
        : JSON.stringify({ id, type: event.type, created_at: new Date(now).toISOString(), data: event.data });
      await s.insertDelivery({
        id,
        render_id: row.id,
        kind: format ? `webhook:${compat as string}` : 'webhook',
        url: spec.webhook.url,
        secret: spec.webhook.secret,
        event: event.type,
        body,
        next_attempt_at: now,
        created_at: now,
      });
    }
    if (spec.dispatch) {
      const id = newId('dsp');
      const status = event.type.slice(event.type.indexOf('.') + 1);
      const body = JSON.stringify({
        event_type: spec.dispatch.event_type,
        client_payload: {
          render_id: row.id,
          status,
          api_url: `${row.base_url}${(event.data.polling_url as string | undefined) ?? `/v1/renders/${row.id}`}`,
          metadata: spec.metadata ?? null,
        },
      });
      const url = `${this.config.githubApiUrl}/repos/${spec.dispatch.repository}/dispatches`;
      await s.insertDelivery({
        id,
        render_id: row.id,
        kind: 'dispatch',
        url,
        secret: spec.dispatch.secret,
        event: event.type,
        body,
        next_attempt_at: now,
        created_at: now,
      });
    }
  }

  /**
   * The key's webhook endpoints ("subscribe once"): one Stripe-shaped event `{id: "evt_…", object:
   * "event", type, created, data: {object}, api_version, livemode, pending_webhooks, request}`, the same body (and event id) to every enabled endpoint
   * whose enabled_events match, one delivery each, signed with that endpoint's secret.
   */
  private async enqueueEndpoints(
    s: ServiceStore,
    row: RenderRow,
    surface: string | undefined,
    event: RenderEvent,
    now: number,
  ): Promise<void> {
    const endpoints = await s.enabledWebhookEndpoints(row.owner);
    if (!endpoints.length) return;
    const view = surface ? this.views.get(surface) : undefined;
    const type = view ? view.type(event.type.slice(event.type.indexOf('.') + 1)) : event.type;
    const targets = endpoints.filter((e) => subscribes(e, type));
    if (!targets.length) return;
    // The event id is the body's first member: the stores find events by it (EventRow, storage/types.ts).
    const body = JSON.stringify({
      id: newId('evt'),
      object: 'event',
      type,
      created: Math.floor(now / 1000),
      created_at: new Date(now).toISOString(),
      data: { object: view ? view.object(row, event.data) : event.data },
      // Stripe's Event fields we can fill truthfully: no API version pins this shape, there is no live
      // mode, every endpoint it is made for is still waiting when it is made, and a job ending is not
      // an API request (Stripe's `request: null` for events no request caused).
      api_version: null,
      livemode: false,
      pending_webhooks: targets.length,
      request: null,
    });
    for (const e of targets)
      await s.insertDelivery({
        id: newId('whd'),
        render_id: row.id,
        kind: 'endpoint',
        url: e.url,
        secret: e.secret,
        event: type,
        body,
        next_attempt_at: now,
        created_at: now,
        endpoint_id: e.id,
      });
  }

  /**
   * Sends an event again to one endpoint (events.ts): a new delivery of the same event id and body to
   * the endpoint's URL, signed with its secret on each attempt, with the outbox's retries.
   */
  async resend(event: EventRow, e: WebhookEndpointRow): Promise<void> {
    const now = this.now();
    await this.store.insertDelivery({
      id: newId('whd'),
      render_id: event.render_id,
      kind: 'endpoint',
      url: e.url,
      secret: e.secret,
      event: event.type,
      body: event.body,
      next_attempt_at: now,
      created_at: now,
      endpoint_id: e.id,
    });
    this.kick();
  }

  /** Claims of a dead process are its no more (single-node serve at start): they are due at once. */
  async recover(): Promise<void> {
    await this.store.releaseDeliveries();
  }

  start(): void {
    this.started = true;
    const loop = () => {
      if (this.stopped) return;
      void this.tick()
        .catch((e: Error) => this.log(`delivery loop: ${e.message}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.config.pollMs);
        });
    };
    loop();
  }

  /** Looks for due deliveries now (after an enqueue) instead of at the next poll. */
  kick(): void {
    if (this.started && !this.stopped)
      setImmediate(() => void this.tick().catch((e: Error) => this.log(`delivery loop: ${e.message}`)));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.mailer?.close();
  }

  /** A claim outlives the longest attempt (the POST's time-out) with room to record it. */
  private get leaseMs(): number {
    return this.config.webhook.timeoutMs * 2 + 30_000;
  }

  private async tick(): Promise<void> {
    const room = Math.max(0, 16 - this.inflight.size);
    if (!room || this.stopped) return;
    const due = await this.store.claimDueDeliveries(this.node, this.now(), room, this.leaseMs);
    await Promise.all(due.map((d) => this.attempt(d)));
  }

  private async attempt(d: DeliveryRow): Promise<void> {
    if (this.inflight.has(d.id)) return;
    this.inflight.add(d.id);
    let status: number | null = null;
    let error: string | null = null;
    let permanent = false;
    try {
      const t = Math.floor(this.now() / 1000);
      if (d.kind === 'email') {
        // The SMTP server is the operator's configuration, not a request's: no address guard. A node
        // without it leaves the mail to be retried (every node should have the same STORESHOTS_SMTP_*).
        if (!this.mailer) throw new Error('STORESHOTS_SMTP_URL is not set on this node');
        status = await this.mailer.send(JSON.parse(d.body) as Mail);
      } else if (d.kind === 'webhook' || d.kind === 'endpoint' || d.kind.startsWith('webhook:')) {
        const format = d.kind.startsWith('webhook:') ? this.formats.get(d.kind.slice('webhook:'.length)) : undefined;
        const headers = format
          ? format.headers(d.secret, d.body, t)
          : {
              'x-asa-signature': signWebhook(d.secret, d.body, t),
              'x-asa-delivery': d.id,
              'x-asa-event': d.event,
              ...(d.endpoint_id ? { 'x-asa-webhook-endpoint': d.endpoint_id } : {}),
            };
        ({ status } = await postOnce(d.url, d.body, headers, {
          timeoutMs: this.config.webhook.timeoutMs,
          guard: true,
          ...netPolicy(this.config),
        }));
      } else {
        const payload = JSON.parse(d.body) as {
          client_payload: { render_id: string; status: string; signature?: string };
        };
        payload.client_payload.signature = signDispatch(
          d.secret,
          payload.client_payload.render_id,
          payload.client_payload.status,
          t,
        );
        if (!this.dispatchAuth) throw new Error('neither a GitHub App nor STORESHOTS_GITHUB_TOKEN is configured');
        const repository = dispatchRepository(d.url, this.config.githubApiUrl);
        const headers = {
          authorization: await this.dispatchAuth.authorization(repository),
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
        };
        // The GitHub API URL is the operator's configuration, not a request's: no address guard.
        ({ status } = await postOnce(d.url, JSON.stringify(payload), headers, {
          timeoutMs: this.config.webhook.timeoutMs,
          guard: false,
        }));
        // A refused token (revoked, or the app's access changed) is not reused on the next attempt.
        if (status === 401 || status === 403 || status === 404) this.dispatchAuth.forget(repository);
      }
      if (d.kind !== 'email' && (status < 200 || status >= 300)) error = `HTTP ${status}`;
    } catch (e) {
      error = errorMessage(e);
      permanent =
        e instanceof UrlRefusedError || e instanceof DispatchAuthError || (e instanceof MailError && e.permanent);
    }
    const ok = error === null;
    const attempts = d.attempts + 1;
    const failed = !ok && (permanent || attempts >= this.config.webhook.maxAttempts);
    const now = this.now();
    const next =
      ok || failed
        ? now
        : now + backoffMs(attempts, this.config.webhook.backoffBaseMs, this.config.webhook.backoffMaxMs);
    try {
      if (!(await this.store.deliveryAttempted(d.id, this.node, { ok, failed, status, error, next, now })))
        this.log(`delivery ${d.id}: its claim lapsed before the attempt was recorded`);
    } catch (e) {
      // Closing the store while an attempt was out: the row stays pending and is retried after restart.
      this.log(`delivery ${d.id}: could not record attempt: ${errorMessage(e)}`);
    }
    this.metrics.inc('storeshots_deliveries_total', 'Webhook, dispatch and mail delivery attempts by result.', {
      kind: d.kind,
      result: ok ? 'delivered' : failed ? 'failed' : 'retry',
    });
    if (!ok)
      this.log(
        `${d.kind} ${d.id} to ${d.kind === 'email' ? 'the SMTP server' : redactUrl(d.url)}: attempt ${attempts} failed (${error})${failed ? '; giving up' : ''}`,
      );
    this.inflight.delete(d.id);
  }
}

/** owner/repo of a dispatch delivery's URL ({api}/repos/{owner}/{repo}/dispatches). */
function dispatchRepository(url: string, apiUrl: string): string {
  const m = /^\/repos\/([^/]+\/[^/]+)\/dispatches$/.exec(url.slice(apiUrl.length));
  if (!url.startsWith(apiUrl) || !m) throw new Error(`not a repository_dispatch URL under ${apiUrl}: ${url}`);
  return m[1]!;
}
