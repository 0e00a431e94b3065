// allscreenshots' scheduled captures (docs/render-api.md#schedules-v1schedules): POST/GET /v1/schedules,
// GET/PUT/DELETE /v1/schedules/{id}, POST …/pause, …/resume, …/trigger and GET …/history, in the paths
// and models of their published SDKs (TypeScript `AllscreenshotsClient`, the Go SDK's `ScheduleAPI`).
// A schedule is a stored request plus a cron expression: each due time makes one ordinary job, exactly
// as POST /v1/screenshots/async makes it (allscreenshots.ts: the page's address checked again at each
// run, the quota counted, the one render core), its metadata naming the schedule and the run.
//
// The scheduler runs on every API node (it captures, as the async path does at submission). A due time
// is claimed by moving the schedule's next_run_at from it to the next one in one compare-and-set with
// the run's row (ServiceStore.claimScheduleRun), so on PostgreSQL with many nodes each due time makes
// exactly one job. Due times missed while no node ran are not replayed: the oldest is claimed once, and
// the next one is computed from now (one catch-up run, not a burst).
import { randomBytes } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import cronstrue from 'cronstrue';
import type { FastifyInstance } from 'fastify';
import { compareRaw, decodeImage } from '../../diff/compare.js';
import type { BlockLevel } from '../../capture/limits.js';
import { checkAdBlocking, checkDevice, checkPageUrl } from '../capture.js';
import { netPolicy } from '../config.js';
import { ApiError, badRequest } from '../errors.js';
import { checkTarget } from '../request.js';
import type { RouteDeps } from '../routes/shared.js';
import type { RenderRow, ScheduleRow, ScheduleRunRow } from '../storage/types.js';
import {
  type EmailDestination,
  type EmailDestinationBody,
  emailDestination,
  MAX_RECIPIENTS,
  MAX_SUBJECT,
  type RunFacts,
  scheduleMail,
} from './allscreenshots-mail.js';
import { iso, pageImage, signedImageUrl, validator } from './page-job.js';

/** What a scheduled run is made of, from allscreenshots.ts (which owns the per-job path). */
export interface ScheduleSurface {
  /** The capture options a schedule's `options` may carry (the async request's, less url/webhook/outputs). */
  options: Record<string, unknown>;
  /** Makes the run's job exactly as POST /v1/screenshots/async makes it; its metadata names the schedule. */
  make: (owner: string, baseUrl: string, body: Record<string, unknown>, tag: ScheduleTag) => Promise<RenderRow>;
  /** The job in allscreenshots' words (GET /v1/screenshots/jobs/{id}). */
  present: (row: RenderRow) => Promise<Record<string, unknown>>;
  /** The body of the job's webhook (JOB_COMPLETED, JOB_FAILED…) as their webhooks carry it, for an ended job. */
  webhookBody: (row: RenderRow) => Promise<string>;
}

/** Their WebhookDestination: the run's webhook body POSTed to `url`, signed. */
interface WebhookDestination {
  id: string;
  type: 'webhook';
  url: string;
  secret?: string;
  /** Send only runs whose image changed; unset: the schedule's onlyOnChange. */
  onlyOnChange?: boolean;
}

/** One of their DeliveryDestination: a webhook, or an email sent through the operator's SMTP server. */
type Destination = WebhookDestination | EmailDestination;

/** What a run's outcome keeps (ScheduleRunRow.outcome). */
interface Outcome {
  changed: boolean | null;
  diffScore: number | null;
  deliveries: Array<
    ({ type: 'webhook'; url: string } | { type: 'email'; to: string[] }) & {
      destinationId: string;
      status: 'QUEUED' | 'SKIPPED';
      events: string[];
    }
  >;
}

export interface ScheduleTag {
  id: string;
  run: string;
}

/** What a schedule keeps of its request besides name, url, schedule and timezone (ScheduleRow.spec). */
interface Spec {
  options?: Record<string, unknown>;
  webhookUrl?: string;
  webhookSecret?: string;
  retentionDays: number;
  startsAt?: number;
  endsAt?: number;
  /** Pause after this many failed runs in a row (their `autoPauseAfterFailures`, 1 to 100). */
  autoPauseAfterFailures?: number;
  /** Send a run's result only when its image changed beyond diffThreshold versus the previous run's. */
  onlyOnChange?: boolean;
  /** The share of pixels (0 to 1) that must differ for a run to count as changed; default 0 (any pixel). */
  diffThreshold?: number;
  /** Send SCHEDULE_FAILED to the webhooks when a run fails. */
  alertOnFailure?: boolean;
  destinations?: Destination[];
}

/** How many of the next runs the minimum interval is checked over. */
const INTERVAL_SAMPLE = 100;
/** Their default (`retentionDays`, "default: 30"). */
const RETENTION_DAYS = 30;
/** Schedules made due at once per scan; the rest wait for the next scan. */
const DUE_BATCH = 20;

const fields = (options: Record<string, unknown>) => ({
  name: { type: 'string', minLength: 1, maxLength: 255 },
  url: { type: 'string', minLength: 1, maxLength: 2048 },
  schedule: { type: 'string', minLength: 1, maxLength: 100 },
  timezone: { type: 'string', minLength: 1, maxLength: 64 },
  options: { type: 'object', additionalProperties: false, properties: options },
  webhookUrl: { type: ['string', 'null'], maxLength: 2048 },
  webhookSecret: { type: ['string', 'null'], minLength: 1, maxLength: 256 },
  retentionDays: { type: 'integer', minimum: 1, maximum: 365 },
  startsAt: { type: ['string', 'null'], maxLength: 40 },
  endsAt: { type: ['string', 'null'], maxLength: 40 },
  // Their SDKs' bounds (the generated Python model: 1 to 100; null: never pause).
  autoPauseAfterFailures: { type: ['integer', 'null'], minimum: 1, maximum: 100 },
  onlyOnChange: { type: ['boolean', 'null'] },
  diffThreshold: { type: ['number', 'null'], minimum: 0, maximum: 1 },
  alertOnFailure: { type: ['boolean', 'null'] },
  // Their DeliveryDestination (WebhookDestination or EmailDestination), at most 10. `to` is their list of
  // addresses, or one address as a string; each is checked (and named) by emailDestination.
  destinations: {
    type: ['array', 'null'],
    maxItems: 10,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        id: { type: ['string', 'null'], minLength: 1, maxLength: 100 },
        type: { type: 'string', maxLength: 20 },
        url: { type: 'string', minLength: 1, maxLength: 2048 },
        secret: { type: ['string', 'null'], minLength: 1, maxLength: 256 },
        onlyOnChange: { type: ['boolean', 'null'] },
        to: {
          type: ['string', 'array'],
          maxLength: 254,
          maxItems: MAX_RECIPIENTS,
          items: { type: 'string', maxLength: 254 },
        },
        subject: { type: ['string', 'null'], minLength: 1, maxLength: MAX_SUBJECT },
      },
    },
  },
});

interface Body {
  name?: string;
  url?: string;
  schedule?: string;
  timezone?: string;
  options?: Record<string, unknown>;
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  retentionDays?: number;
  startsAt?: string | null;
  endsAt?: string | null;
  autoPauseAfterFailures?: number | null;
  onlyOnChange?: boolean | null;
  diffThreshold?: number | null;
  alertOnFailure?: boolean | null;
  destinations?: Array<
    EmailDestinationBody & {
      type: string;
      url?: string;
      secret?: string | null;
    }
  > | null;
}

/** Their destinations checked (an id given to each): webhooks and emails, each field's 400 naming it. */
function destinationsOf(raw: NonNullable<Body['destinations']>): Destination[] {
  return raw.map((d, i) => {
    const at = `destinations[${i}]`;
    const other = (fields: string[], kind: string) => {
      const extra = Object.keys(d).find((k) => fields.includes(k));
      if (extra) throw badRequest(`${at}.${extra} is a field of ${kind} destinations`, `${at}.${extra}`);
    };
    if (d.type === 'email') {
      other(['url', 'secret'], 'webhook');
      return emailDestination(d, at, d.id ?? newId('dst'));
    }
    if (d.type !== 'webhook') throw badRequest(`${at}.type must be "webhook" or "email"`, `${at}.type`);
    if (!d.url) throw badRequest(`${at} is a webhook and needs its url`, `${at}.url`, 'parameter_missing');
    other(['to', 'subject'], 'email');
    return {
      id: d.id ?? newId('dst'),
      type: 'webhook' as const,
      url: d.url,
      ...(d.secret ? { secret: d.secret } : {}),
      ...(typeof d.onlyOnChange === 'boolean' ? { onlyOnChange: d.onlyOnChange } : {}),
    };
  });
}

/** An ISO 8601 time with its zone (`2025-02-01T00:00:00Z`), as ms; a 400 naming the field otherwise. */
function time(raw: string | null | undefined, field: string): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(ms))
    throw badRequest(`${field} must be an ISO 8601 time with its zone (e.g. 2025-02-01T00:00:00Z)`, field);
  return ms;
}

/** An IANA time zone the runtime knows (Intl's list), else a 400 naming `timezone`. */
function checkZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw badRequest(
      `timezone must be an IANA time zone such as UTC or America/New_York; got ${JSON.stringify(tz.slice(0, 64))}`,
      'timezone',
    );
  }
}

/** The runs of an expression after `from` (strictly), in its zone. */
const runsAfter = (expr: string, tz: string, from: number) =>
  CronExpressionParser.parse(expr.trim(), { tz, currentDate: new Date(from) });

/**
 * Checks a cron expression (5 fields, or 6 with seconds first, or an alias such as @hourly) and that
 * no two of its next runs are closer than the minimum interval: each run is a browser capture and a
 * render, so a schedule every second would fill the queue and spend the quota for nothing.
 */
function checkCron(expr: string, tz: string, minSeconds: number, now: number): void {
  // cron-parser reads an empty expression as every minute: a blank one is a mistake, not a schedule.
  if (!expr.trim()) throw badRequest('schedule is empty: give a cron expression such as 0 9 * * *', 'schedule');
  let it: ReturnType<typeof runsAfter>;
  const times: number[] = [];
  try {
    it = runsAfter(expr, tz, now);
    for (let i = 0; i < INTERVAL_SAMPLE && it.hasNext(); i++) times.push(it.next().getTime());
  } catch (e) {
    throw badRequest(
      `schedule is not a cron expression we can read (${(e as Error).message}); use 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or @hourly, @daily, @weekly, @monthly, @yearly`,
      'schedule',
    );
  }
  if (!times.length) throw badRequest('schedule never runs', 'schedule');
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i]! - times[i - 1]!) / 1000;
    if (gap < minSeconds)
      throw badRequest(
        `schedule runs every ${gap} s at times (${new Date(times[i - 1]!).toISOString()} then ${new Date(times[i]!).toISOString()}); the minimum interval is ${minSeconds} s (STORESHOTS_SCHEDULE_MIN_INTERVAL_SECONDS)`,
        'schedule',
      );
  }
}

/** The schedule's first run after `after` (never before startsAt), or null when none is left before endsAt. */
export function nextRun(
  expr: string,
  tz: string,
  spec: Pick<Spec, 'startsAt' | 'endsAt'>,
  after: number,
): number | null {
  const from = spec.startsAt !== undefined ? Math.max(after, spec.startsAt - 1) : after;
  const it = runsAfter(expr, tz, from);
  if (!it.hasNext()) return null;
  const t = it.next().getTime();
  return spec.endsAt !== undefined && t > spec.endsAt ? null : t;
}

const describe = (expr: string) => {
  try {
    return cronstrue.toString(expr.trim(), { use24HourTimeFormat: true });
  } catch {
    return expr;
  }
};

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;

export async function scheduleRoutes(app: FastifyInstance, deps: RouteDeps, surface: ScheduleSurface): Promise<void> {
  const { store, config, now } = deps;
  const props = fields(surface.options);
  const checkCreate = validator({
    type: 'object',
    additionalProperties: false,
    required: ['name', 'url', 'schedule'],
    properties: props,
  });
  const checkUpdate = validator({ type: 'object', additionalProperties: false, properties: props });

  const specOf = (row: ScheduleRow) => JSON.parse(row.spec) as Spec;

  /** This key's schedule; another key's is 404 like an unknown id. */
  const own = async (owner: string, id: string) => {
    const row = await store.schedule(id);
    if (!row || row.owner !== owner)
      throw new ApiError(404, 'schedule_not_found', `No schedule ${id.slice(0, 100)}`, 'id');
    return row;
  };

  /**
   * The schedule sends its runs' webhooks and mails itself (after the run's job ended: `settle`) when a
   * result may be skipped (onlyOnChange), failures alerted or destinations added; otherwise the job
   * carries the webhook, as an async request's does.
   */
  const managed = (s: Spec) => Boolean(s.onlyOnChange || s.alertOnFailure || s.destinations?.length);

  /** The fields a run's job is made from: the async request's body. */
  const jobBody = (row: ScheduleRow) => {
    const s = specOf(row);
    const own = !managed(s);
    return {
      ...s.options,
      url: row.url,
      ...(own && s.webhookUrl ? { webhookUrl: s.webhookUrl } : {}),
      ...(own && s.webhookSecret ? { webhookSecret: s.webhookSecret } : {}),
    };
  };

  /** Checks a merged schedule (create, or an update over the stored one): every field's 400 names it. */
  const checkMerged = async (m: Required<Pick<Body, 'name' | 'url' | 'schedule' | 'timezone'>>, spec: Spec) => {
    checkZone(m.timezone);
    checkCron(m.schedule, m.timezone, config.schedules.minIntervalSeconds, now());
    if (spec.startsAt !== undefined && spec.endsAt !== undefined && spec.endsAt <= spec.startsAt)
      throw badRequest('endsAt must be after startsAt', 'endsAt');
    try {
      await checkPageUrl(m.url, netPolicy(config), 'url');
    } catch (e) {
      if (e instanceof ApiError) throw new ApiError(e.status, e.code, e.message.replace(/^url\.url: /, 'url: '), 'url');
      throw e;
    }
    // A device preset's name is known now; a run should not be the first to find it unknown.
    if (typeof spec.options?.device === 'string') await checkDevice(spec.options.device, 'options.device');
    // So is whether the server can block ads (its filter lists are read at start).
    const o = (spec.options ?? {}) as { blockAds?: boolean; blockLevel?: BlockLevel };
    if (o.blockAds) await checkAdBlocking({ block_ads: true }, config.limits, 'options.blockAds');
    else if (o.blockLevel && o.blockLevel !== 'none')
      await checkAdBlocking({ block_level: o.blockLevel }, config.limits, 'options.blockLevel');
    if (spec.webhookUrl) {
      if (!spec.webhookSecret && !config.webhookSecret)
        throw badRequest(
          'webhookUrl needs webhookSecret (the server has no STORESHOTS_WEBHOOK_SECRET to sign with)',
          'webhookSecret',
          'parameter_missing',
        );
      await checkTarget(spec.webhookUrl, netPolicy(config), 'webhookUrl');
    }
    if (spec.diffThreshold !== undefined && !spec.onlyOnChange)
      throw badRequest('diffThreshold is read only with onlyOnChange: true', 'diffThreshold');
    for (const [i, d] of (spec.destinations ?? []).entries()) {
      if (d.type === 'email') {
        if (!config.smtp)
          throw badRequest(
            `destinations[${i}]: email destinations need the server's SMTP server, and none is set: the operator sets STORESHOTS_SMTP_URL and STORESHOTS_SMTP_FROM (or use a webhook destination)`,
            `destinations[${i}].type`,
            'destination_unsupported',
          );
        continue;
      }
      if (!d.secret && !spec.webhookSecret && !config.webhookSecret)
        throw badRequest(
          `destinations[${i}] needs a secret (or the schedule's webhookSecret) to sign with: the server has no STORESHOTS_WEBHOOK_SECRET`,
          `destinations[${i}].secret`,
          'parameter_missing',
        );
      await checkTarget(d.url, netPolicy(config), `destinations[${i}].url`);
    }
  };

  const specFrom = (b: Body, prev?: Spec): Spec => {
    const pick = <K extends keyof Body>(k: K) => (b[k] === undefined ? undefined : b[k]);
    const startsAt = b.startsAt === undefined ? prev?.startsAt : time(pick('startsAt'), 'startsAt');
    const endsAt = b.endsAt === undefined ? prev?.endsAt : time(pick('endsAt'), 'endsAt');
    const webhookUrl = b.webhookUrl === undefined ? prev?.webhookUrl : (b.webhookUrl ?? undefined);
    const webhookSecret = b.webhookSecret === undefined ? prev?.webhookSecret : (b.webhookSecret ?? undefined);
    const options = b.options ?? prev?.options;
    const autoPause =
      b.autoPauseAfterFailures === undefined ? prev?.autoPauseAfterFailures : (b.autoPauseAfterFailures ?? undefined);
    const keep = <K extends 'onlyOnChange' | 'diffThreshold' | 'alertOnFailure'>(k: K) =>
      b[k] === undefined ? prev?.[k] : (b[k] ?? undefined);
    const onlyOnChange = keep('onlyOnChange');
    // Turning onlyOnChange off drops a stored diffThreshold (given in the same request, it is a 400).
    const diffThreshold = onlyOnChange || b.diffThreshold !== undefined ? keep('diffThreshold') : undefined;
    const alertOnFailure = keep('alertOnFailure');
    const destinations =
      b.destinations === undefined ? prev?.destinations : b.destinations ? destinationsOf(b.destinations) : undefined;
    return {
      ...(options ? { options } : {}),
      ...(webhookUrl ? { webhookUrl } : {}),
      ...(webhookSecret ? { webhookSecret } : {}),
      retentionDays: b.retentionDays ?? prev?.retentionDays ?? RETENTION_DAYS,
      ...(startsAt !== undefined ? { startsAt } : {}),
      ...(endsAt !== undefined ? { endsAt } : {}),
      ...(autoPause !== undefined ? { autoPauseAfterFailures: autoPause } : {}),
      ...(onlyOnChange ? { onlyOnChange } : {}),
      ...(diffThreshold !== undefined ? { diffThreshold } : {}),
      ...(alertOnFailure ? { alertOnFailure } : {}),
      ...(destinations?.length ? { destinations } : {}),
    };
  };

  /** A run with neither job nor error after twice the capture's time limit: its node stopped mid-run. */
  const interrupted = (run: ScheduleRunRow) =>
    !run.render_id && !run.error && now() - run.created_at > config.limits.capture.timeoutMs * 2 + 60_000;

  /** A run's outcome in the words of their ScheduleExecutionResponse, with the job's id beside it. */
  const execution = async (run: ScheduleRunRow) => {
    const base = {
      id: run.id,
      executedAt: iso(run.created_at),
      // The due time the run was for (a trigger: when it was asked); each due time has one run.
      scheduledFor: iso(run.due_at),
      trigger: run.kind === 'trigger' ? 'MANUAL' : 'SCHEDULED',
    };
    // What was made of the run once its job ended: changed or not (onlyOnChange), the webhooks sent.
    const o = run.outcome ? (JSON.parse(run.outcome) as Outcome) : undefined;
    const made = o
      ? {
          ...(o.changed !== null ? { changed: o.changed } : {}),
          ...(o.diffScore !== null ? { diffScore: o.diffScore } : {}),
          ...(o.deliveries.length ? { deliveries: o.deliveries } : {}),
        }
      : {};
    if (run.error) {
      const e = JSON.parse(run.error) as { code: string; message: string };
      return { ...base, status: 'FAILED', errorCode: e.code, errorMessage: e.message, ...made };
    }
    const row = run.render_id ? await store.render(run.render_id) : undefined;
    if (!row) {
      // Claimed but no job yet: the capture runs now, or the node that claimed it stopped mid-run.
      return interrupted(run)
        ? {
            ...base,
            status: 'FAILED',
            errorCode: 'run_interrupted',
            errorMessage: 'The node running it stopped before its job was made',
          }
        : { ...base, status: 'PROCESSING' };
    }
    const job = await surface.present(row);
    const meta = job.metadata as { size?: number } | undefined;
    return {
      ...base,
      jobId: row.id,
      status: job.status,
      ...(job.resultUrl ? { resultUrl: job.resultUrl, storageUrl: job.storageUrl } : {}),
      ...(meta?.size !== undefined ? { fileSize: meta.size } : {}),
      ...(row.completed_at && row.started_at && row.status === 'succeeded'
        ? { renderTimeMs: row.completed_at - row.started_at }
        : {}),
      ...(job.errorCode ? { errorCode: job.errorCode, errorMessage: job.errorMessage } : {}),
      expiresAt: job.expiresAt,
      ...made,
    };
  };

  /**
   * Consecutive failures: the newest runs that failed, until one that did not (a run still making or
   * rendering its job ends the count: it has not failed yet). Read from the rows alone (no links
   * signed): a run failed when it made no job, or its job failed.
   */
  const consecutiveFailures = async (id: string) => {
    let consecutive = 0;
    for (const run of await store.scheduleRuns(id, 100)) {
      const job = run.render_id ? await store.render(run.render_id) : undefined;
      const failed = run.error !== null || job?.status === 'failed' || (!job && interrupted(run));
      if (!failed) break;
      consecutive++;
    }
    return consecutive;
  };

  /**
   * autoPauseAfterFailures: an active schedule whose newest N runs failed is paused (as POST …/pause
   * does; resume starts it again). Checked when a run fails to make its job, and before each due
   * time is claimed (a job that failed while rendering is known then). True when it paused it.
   */
  const autoPause = async (id: string): Promise<boolean> => {
    const row = await store.schedule(id);
    const limit = row?.status === 'active' ? specOf(row).autoPauseAfterFailures : undefined;
    if (!row || !limit) return false;
    if ((await consecutiveFailures(id)) < limit) return false;
    await store.updateSchedule(id, {
      name: row.name,
      url: row.url,
      schedule: row.schedule,
      timezone: row.timezone,
      spec: row.spec,
      status: 'paused',
      next_run_at: null,
      updated_at: now(),
    });
    return true;
  };

  /** The schedule in their ScheduleResponse's fields (the webhook secret is never shown). */
  const present = async (row: ScheduleRow) => {
    const s = specOf(row);
    const counts = await store.scheduleRunCounts(row.id);
    const consecutive = await consecutiveFailures(row.id);
    return {
      id: row.id,
      name: row.name,
      url: row.url,
      schedule: row.schedule,
      scheduleDescription: describe(row.schedule),
      timezone: row.timezone,
      status: row.status === 'active' ? 'ACTIVE' : 'PAUSED',
      options: s.options ?? {},
      webhookUrl: s.webhookUrl ?? null,
      retentionDays: s.retentionDays,
      startsAt: s.startsAt === undefined ? null : iso(s.startsAt),
      endsAt: s.endsAt === undefined ? null : iso(s.endsAt),
      lastExecutedAt: iso(row.last_run_at),
      nextExecutionAt: row.status === 'active' ? iso(row.next_run_at) : null,
      executionCount: counts.total,
      successCount: counts.succeeded,
      failureCount: counts.failed,
      consecutiveFailures: consecutive,
      autoPauseAfterFailures: s.autoPauseAfterFailures ?? null,
      onlyOnChange: s.onlyOnChange ?? false,
      diffThreshold: s.onlyOnChange ? (s.diffThreshold ?? 0) : null,
      alertOnFailure: s.alertOnFailure ?? false,
      // Their WebhookDestination (less the secret, never shown, as webhookSecret) and EmailDestination.
      destinations: s.destinations?.length
        ? s.destinations.map((d) => ({
            id: d.id,
            ...(d.type === 'email'
              ? { type: d.type, to: d.to, subject: d.subject ?? null }
              : { type: d.type, url: d.url }),
            ...(d.onlyOnChange !== undefined ? { onlyOnChange: d.onlyOnChange } : {}),
          }))
        : null,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  };

  /** The first image of the newest run before `runId` whose job succeeded and is still kept. */
  const previousImage = async (scheduleId: string, runId: string): Promise<Buffer | undefined> => {
    const runs = await store.scheduleRuns(scheduleId, 100);
    for (const run of runs.slice(runs.findIndex((r) => r.id === runId) + 1)) {
      const job = run.render_id ? await store.render(run.render_id) : undefined;
      if (job?.status !== 'succeeded') continue;
      try {
        return (await pageImage(deps, job)).bytes;
      } catch {
        // Expired or gone: an older run may still have its image.
      }
    }
    return undefined;
  };

  /**
   * The share of pixels that differ perceptibly between two images (src/diff/compare.ts: pixelmatch,
   * anti-aliasing left out; images of different sizes compared on the larger canvas).
   */
  const diffScore = async (before: Buffer, after: Buffer) =>
    compareRaw(await decodeImage(before), await decodeImage(after)).score;

  /**
   * What a run's mail says (allscreenshots-mail.ts): the run's time and trigger, and for a completed job
   * a signed link to its first image that works as long as the result is kept (a mail is read later
   * than an answer, and may wait for the SMTP server), not only STORESHOTS_LINK_TTL_SECONDS.
   */
  const runFacts = async (
    row: ScheduleRow,
    runId: string,
    job: RenderRow | undefined,
    outcome: Pick<RunFacts, 'changed' | 'diffScore' | 'error' | 'consecutiveFailures'>,
  ): Promise<Omit<RunFacts, 'event'>> => {
    const run = (await store.scheduleRuns(row.id, 100)).find((r) => r.id === runId);
    const first = job?.status === 'succeeded' ? (await store.images(job.id))[0] : undefined;
    const link = first && job ? signedImageUrl(deps, job, first.idx, config.resultTtlSeconds) : null;
    return {
      scheduleId: row.id,
      scheduleName: row.name,
      url: row.url,
      runId,
      at: run?.created_at ?? now(),
      trigger: run?.kind === 'trigger' ? 'MANUAL' : 'SCHEDULED',
      jobId: job?.id ?? null,
      ...outcome,
      // The link lasts as long as the result: it ends when the job expires.
      ...(link && job ? { image: { url: link, expiresAt: new Date(job.expires_at).toISOString() } } : {}),
    };
  };

  /**
   * Once a managed run's job ended (or the run made none, `err`): compares its image with the previous
   * run's (onlyOnChange), sends the job's webhook to the schedule's webhookUrl and each destination
   * unless the run is unchanged and that target sends changes only, SCHEDULE_FAILED when the run failed
   * (alertOnFailure), and records all that as the run's outcome. The webhooks go through the outbox
   * (retried until a 2xx), signed as allscreenshots signs; an email destination gets one mail a run
   * (the failure alert, else the job's outcome) through the same outbox, retried until the operator's
   * SMTP server takes it.
   */
  const settle = async (row: ScheduleRow, runId: string, jobId?: string, err?: ApiError) => {
    const s = specOf(row);
    const job = jobId ? await deps.renders.waitFor(jobId) : undefined;
    if (closed) return;
    let changed: boolean | null = null;
    let score: number | null = null;
    if (job?.status === 'succeeded' && s.onlyOnChange) {
      const before = await previousImage(row.id, runId);
      // The first run (or one whose predecessors' images expired) has nothing to compare with: changed.
      // An image that cannot be compared (unreadable) is sent as changed: a result is not dropped on a guess.
      if (before) {
        score = await diffScore(before, (await pageImage(deps, job)).bytes).catch(() => null);
        changed = score === null || score > (s.diffThreshold ?? 0);
      } else changed = true;
    }
    const failed = job?.status !== 'succeeded';
    const t = now();
    const jobError = job?.error ? (JSON.parse(job.error) as { code?: string; message?: string }) : undefined;
    const jobHook = job ? await surface.webhookBody(job) : undefined;
    const jobEvent = job ? (JSON.parse(jobHook!) as { event: string }).event : undefined;
    const error = { code: err?.code ?? jobError?.code ?? null, message: err?.message ?? jobError?.message ?? null };
    const failures = failed && s.alertOnFailure ? await consecutiveFailures(row.id) : undefined;
    const alert =
      failures !== undefined
        ? JSON.stringify({
            event: 'SCHEDULE_FAILED',
            timestamp: new Date(t).toISOString(),
            data: {
              scheduleId: row.id,
              scheduleName: row.name,
              executionId: runId,
              url: row.url,
              jobId: job?.id ?? null,
              errorCode: error.code,
              errorMessage: error.message,
              consecutiveFailures: failures,
            },
          })
        : undefined;
    const targets: Destination[] = [
      ...(s.webhookUrl ? [{ id: 'webhookUrl', type: 'webhook' as const, url: s.webhookUrl }] : []),
      ...(s.destinations ?? []),
    ];
    const facts = targets.some((d) => d.type === 'email')
      ? await runFacts(row, runId, job, { changed, diffScore: score, error, consecutiveFailures: failures })
      : undefined;
    const deliveries: Outcome['deliveries'] = [];
    for (const d of targets) {
      const changesOnly = d.onlyOnChange ?? s.onlyOnChange ?? false;
      const sendJob = Boolean(jobHook && jobEvent && !(changed === false && changesOnly));
      if (d.type === 'email') {
        // One mail a run: the failure alert when there is one (it says what JOB_FAILED would), else the job's.
        const event = alert ? 'SCHEDULE_FAILED' : sendJob ? jobEvent! : undefined;
        if (event)
          await store.insertDelivery({
            id: newId('eml'),
            render_id: job?.id ?? runId,
            kind: 'email',
            url: `mailto:${d.to.join(',')}`,
            secret: '',
            event,
            body: JSON.stringify(scheduleMail(d, { ...facts!, event })),
            next_attempt_at: t,
            created_at: t,
          });
        deliveries.push({
          destinationId: d.id,
          type: 'email',
          to: d.to,
          status: event ? 'QUEUED' : 'SKIPPED',
          events: event ? [event] : [],
        });
        continue;
      }
      const secret = d.secret ?? s.webhookSecret ?? config.webhookSecret;
      const sends: Array<[string, string]> = [];
      if (sendJob) sends.push([jobEvent!, jobHook!]);
      if (alert) sends.push(['SCHEDULE_FAILED', alert]);
      if (secret)
        for (const [event, body] of sends)
          await store.insertDelivery({
            id: newId('whd'),
            render_id: job?.id ?? runId,
            kind: 'webhook:allscreenshots',
            url: d.url,
            secret,
            event,
            body,
            next_attempt_at: t,
            created_at: t,
          });
      deliveries.push({
        destinationId: d.id,
        type: 'webhook',
        url: d.url,
        status: sends.length && secret ? 'QUEUED' : 'SKIPPED',
        events: sends.map(([e]) => e),
      });
    }
    await store.setScheduleRunOutcome(
      runId,
      JSON.stringify({ changed, diffScore: score, deliveries } satisfies Outcome),
    );
    if (failed) await autoPause(row.id);
  };

  /** Settles run in the background (a run's job may take the capture's time limit); errors are logged. */
  let closed = false;
  const track = (row: ScheduleRow, runId: string, jobId?: string, err?: ApiError) => {
    void settle(row, runId, jobId, err).catch((e) => {
      if (!closed) process.stderr.write(`storeshots serve: schedule ${row.id} run ${runId}: ${(e as Error).message}\n`);
    });
  };

  /** Makes a claimed run's job; its error (page refused, quota spent, capture failed) is kept on the run. */
  const execute = async (row: ScheduleRow, runId: string): Promise<ApiError | undefined> => {
    try {
      const job = await surface.make(row.owner, row.base_url, jobBody(row), { id: row.id, run: runId });
      await store.setScheduleRunResult(runId, job.id, null);
      if (managed(specOf(row))) track(row, runId, job.id);
      return undefined;
    } catch (e) {
      const err =
        e instanceof ApiError
          ? e
          : new ApiError(500, 'internal_error', `The run failed: ${(e as Error).message ?? String(e)}`.slice(0, 500));
      await store
        .setScheduleRunResult(runId, null, JSON.stringify({ code: err.code, message: err.message }))
        .catch(() => undefined);
      await autoPause(row.id).catch(() => undefined);
      if (managed(specOf(row))) track(row, runId, undefined, err);
      return err;
    }
  };

  app.post('/v1/schedules', async (req, reply) => {
    checkCreate(req.body);
    const b = req.body as Body;
    const spec = specFrom(b);
    const m = { name: b.name!, url: b.url!, schedule: b.schedule!.trim(), timezone: b.timezone ?? 'UTC' };
    await checkMerged(m, spec);
    if ((await store.countSchedules(req.owner)) >= config.schedules.perKey)
      throw new ApiError(
        409,
        'too_many_schedules',
        `This key has ${config.schedules.perKey} schedules, the most it may hold (STORESHOTS_MAX_SCHEDULES); delete one first`,
      );
    const t = now();
    const row = {
      id: newId('sch'),
      owner: req.owner,
      ...m,
      spec: JSON.stringify(spec),
      status: 'active' as const,
      base_url: deps.baseUrl(req),
      next_run_at: nextRun(m.schedule, m.timezone, spec, t),
      created_at: t,
      updated_at: t,
    };
    await store.insertSchedule(row);
    return reply.code(201).send(await present({ ...row, seq: 0, last_run_at: null }));
  });

  // Their ListSchedules takes no parameters and answers {schedules, total}: the newest first.
  app.get('/v1/schedules', async (req) => {
    const rows = await store.listSchedules(req.owner, config.schedules.perKey || 1);
    return { schedules: await Promise.all(rows.map(present)), total: await store.countSchedules(req.owner) };
  });

  app.get<{ Params: { id: string } }>('/v1/schedules/:id', { schema: { params: idParams } }, async (req) =>
    present(await own(req.owner, req.params.id)),
  );

  // Their UpdateScheduleRequest has every field optional: the fields given replace the stored ones.
  app.put<{ Params: { id: string } }>('/v1/schedules/:id', { schema: { params: idParams } }, async (req) => {
    const row = await own(req.owner, req.params.id);
    checkUpdate(req.body ?? {});
    const b = (req.body ?? {}) as Body;
    const spec = specFrom(b, specOf(row));
    const m = {
      name: b.name ?? row.name,
      url: b.url ?? row.url,
      schedule: (b.schedule ?? row.schedule).trim(),
      timezone: b.timezone ?? row.timezone,
    };
    await checkMerged(m, spec);
    const t = now();
    const change = {
      ...m,
      spec: JSON.stringify(spec),
      status: row.status,
      next_run_at: row.status === 'active' ? nextRun(m.schedule, m.timezone, spec, t) : null,
      updated_at: t,
    };
    await store.updateSchedule(row.id, change);
    return present({ ...row, ...change });
  });

  app.delete<{ Params: { id: string } }>('/v1/schedules/:id', { schema: { params: idParams } }, async (req, reply) => {
    await own(req.owner, req.params.id);
    await store.deleteSchedule(req.params.id);
    return reply.code(204).send();
  });

  /** Pause (no due time left until resumed) and resume (the next due time from now: paused runs are not made up). */
  const setStatus = async (owner: string, id: string, status: ScheduleRow['status']) => {
    const row = await own(owner, id);
    const t = now();
    const change = {
      name: row.name,
      url: row.url,
      schedule: row.schedule,
      timezone: row.timezone,
      spec: row.spec,
      status,
      next_run_at: status === 'active' ? nextRun(row.schedule, row.timezone, specOf(row), t) : null,
      updated_at: t,
    };
    await store.updateSchedule(row.id, change);
    return present({ ...row, ...change });
  };
  app.post<{ Params: { id: string } }>('/v1/schedules/:id/pause', { schema: { params: idParams } }, async (req) =>
    setStatus(req.owner, req.params.id, 'paused'),
  );
  app.post<{ Params: { id: string } }>('/v1/schedules/:id/resume', { schema: { params: idParams } }, async (req) =>
    setStatus(req.owner, req.params.id, 'active'),
  );

  // Trigger: one run now (a paused schedule too), outside its due times, which stay as they were. The run
  // is made before the answer, so its job is in the history; a run that fails answers its error.
  app.post<{ Params: { id: string } }>('/v1/schedules/:id/trigger', { schema: { params: idParams } }, async (req) => {
    const row = await own(req.owner, req.params.id);
    const t = now();
    const runId = newId('exe');
    if (
      !(await store.insertScheduleRun({
        id: runId,
        schedule_id: row.id,
        owner: row.owner,
        due_at: t,
        kind: 'trigger',
        created_at: t,
      }))
    )
      throw new ApiError(404, 'schedule_not_found', `No schedule ${row.id}`, 'id');
    const err = await execute(row, runId);
    if (err) throw err;
    return present((await store.schedule(row.id)) ?? row);
  });

  app.get<{ Params: { id: string }; Querystring: { limit?: number } }>(
    '/v1/schedules/:id/history',
    {
      schema: {
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 100 } },
        },
      },
    },
    async (req) => {
      const row = await own(req.owner, req.params.id);
      const runs = await store.scheduleRuns(row.id, req.query.limit ?? 50);
      return {
        scheduleId: row.id,
        totalExecutions: (await store.scheduleRunCounts(row.id)).total,
        executions: await Promise.all(runs.map(execution)),
      };
    },
  );

  // The scheduler: every API node scans for due schedules; each due time is claimed by one of them.
  const scheduler = new Scheduler(
    deps,
    (row, runId) => execute(row, runId).then(() => undefined),
    (row) => (specOf(row).autoPauseAfterFailures ? autoPause(row.id) : Promise.resolve(false)),
  );
  app.addHook('onReady', async () => scheduler.start());
  app.addHook('onClose', async () => {
    closed = true;
    await scheduler.stop();
  });
}

/**
 * Scans for due schedules every STORESHOTS_SCHEDULE_POLL_MS and makes their runs one after another
 * (a run captures a page: a few seconds at most, under the capture's time limit).
 */
class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  /** When runs were last pruned (every STORESHOTS_SWEEP_INTERVAL_MS). */
  private prunedAt = 0;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: RouteDeps,
    private readonly run: (row: ScheduleRow, runId: string) => Promise<void>,
    /** True when the schedule was paused instead (autoPauseAfterFailures): its due time is not claimed. */
    private readonly pauseFirst: (row: ScheduleRow) => Promise<boolean>,
  ) {}

  start(): void {
    this.stopped = false;
    this.arm();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private arm(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.scan()
        .catch((e) => {
          process.stderr.write(`storeshots serve: schedules: ${(e as Error).message}\n`);
        })
        .finally(() => {
          this.running = undefined;
          this.arm();
        });
    }, this.deps.config.schedules.pollMs);
    this.timer.unref();
  }

  /** Claims and runs every due time found now (a batch at a time); now and then, forgets runs whose jobs expired. */
  async scan(): Promise<void> {
    const { store, now, config } = this.deps;
    if (now() - this.prunedAt >= config.sweepIntervalMs) {
      this.prunedAt = now();
      await store.pruneScheduleRuns(now() - config.resultTtlSeconds * 1000);
    }
    for (;;) {
      if (this.stopped) return;
      const due = await store.dueSchedules(now(), DUE_BATCH);
      if (!due.length) return;
      for (const row of due) {
        if (this.stopped) return;
        try {
          await this.due(row);
        } catch (e) {
          process.stderr.write(`storeshots serve: schedule ${row.id}: ${(e as Error).message}\n`);
        }
      }
      if (due.length < DUE_BATCH) return;
    }
  }

  /** Claims one schedule's due time and, when this node got it, makes its run. */
  private async due(row: ScheduleRow): Promise<void> {
    const { store, now } = this.deps;
    if (await this.pauseFirst(row)) return;
    const t = now();
    const spec = JSON.parse(row.spec) as Spec;
    // The next due time after now, not after the one claimed: runs missed while down are one run.
    const next = nextRun(row.schedule, row.timezone, spec, Math.max(t, row.next_run_at!));
    const runId = newId('exe');
    const claimed = await store.claimScheduleRun(row.id, row.next_run_at!, next, {
      id: runId,
      schedule_id: row.id,
      owner: row.owner,
      due_at: row.next_run_at!,
      kind: 'schedule',
      created_at: t,
    });
    if (claimed) await this.run(row, runId);
  }
}
