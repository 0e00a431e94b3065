// allscreenshots schedules' email destinations (their SDKs' `EmailDestination`: `{"type": "email", "to",
// "subject", "onlyOnChange", "id"}`): the destination checked (each recipient a valid address, named
// `destinations[i].to[j]` when not; the subject one line, so no header can be smuggled in), and the
// short mail a run sends: what was captured, whether it changed, the job and a signed link to its image,
// or why the run failed. The mail is made once when the run is settled and kept in the outbox as JSON
// (mail.ts's Mail), sent as it is on every retry.
import { escapeHtml } from '../../report/html.js';
import { badRequest } from '../errors.js';
import { isEmailAddress, type Mail } from '../mail.js';

/** Recipients one email destination may have. */
export const MAX_RECIPIENTS = 50;
/** Characters of a subject (one header line, well under RFC 5322's 998). */
export const MAX_SUBJECT = 255;

export interface EmailDestination {
  id: string;
  type: 'email';
  to: string[];
  /** Unset: a subject made from the schedule's name and the run's outcome. */
  subject?: string;
  /** Send only runs whose image changed; unset: the schedule's onlyOnChange. */
  onlyOnChange?: boolean;
}

/** An email destination of a request, as the schema let it through (allscreenshots-schedules.ts). */
export interface EmailDestinationBody {
  id?: string | null;
  to?: string | string[];
  subject?: string | null;
  onlyOnChange?: boolean | null;
}

/** Checks one email destination (`at`: `destinations[i]`); a 400 naming the field that is wrong. */
export function emailDestination(d: EmailDestinationBody, at: string, id: string): EmailDestination {
  if (d.to === undefined || (Array.isArray(d.to) && d.to.length === 0))
    throw badRequest(`${at} is an email destination and needs its recipients (to)`, `${at}.to`, 'parameter_missing');
  const list = Array.isArray(d.to) ? d.to : [d.to];
  for (const [j, address] of list.entries()) {
    const field = Array.isArray(d.to) ? `${at}.to[${j}]` : `${at}.to`;
    if (!isEmailAddress(address))
      throw badRequest(
        `${field} must be one e-mail address such as ops@example.com (no name, no list); got ${JSON.stringify(address.slice(0, 80))}`,
        field,
      );
  }
  if (typeof d.subject === 'string' && /\p{Cc}/u.test(d.subject))
    throw badRequest(`${at}.subject must be one line: no line breaks or other control characters`, `${at}.subject`);
  return {
    id,
    type: 'email',
    to: [...new Set(list)],
    ...(d.subject ? { subject: d.subject } : {}),
    ...(typeof d.onlyOnChange === 'boolean' ? { onlyOnChange: d.onlyOnChange } : {}),
  };
}

/** What a settled run says, for its mail. */
export interface RunFacts {
  scheduleId: string;
  scheduleName: string;
  url: string;
  runId: string;
  /** When the run was made (ms). */
  at: number;
  trigger: 'SCHEDULED' | 'MANUAL';
  /** JOB_COMPLETED, JOB_FAILED, JOB_CANCELLED or SCHEDULE_FAILED. */
  event: string;
  jobId: string | null;
  /** onlyOnChange: changed beyond diffThreshold (null: not compared). */
  changed: boolean | null;
  diffScore: number | null;
  /** A completed job's first image: a signed link and when it stops working. */
  image?: { url: string; expiresAt: string };
  error?: { code: string | null; message: string | null };
  consecutiveFailures?: number;
}

/** A schedule's name in a subject line: its control characters (line breaks) made spaces. */
const oneLine = (s: string) => s.replace(/\p{Cc}+/gu, ' ').trim();

const percent = (score: number) => `${(score * 100).toFixed(score < 0.001 ? 3 : 1)}%`;

/** The mail one destination gets for a run. */
export function scheduleMail(d: Pick<EmailDestination, 'to' | 'subject'>, f: RunFacts): Mail {
  const failed = f.event !== 'JOB_COMPLETED';
  const what =
    f.event === 'JOB_CANCELLED'
      ? 'cancelled'
      : failed
        ? 'failed'
        : f.changed === true
          ? 'changed'
          : f.changed === false
            ? 'unchanged'
            : 'captured';
  const subject = d.subject ?? `${oneLine(f.scheduleName).slice(0, 200)}: ${what}`;
  const when = new Date(f.at).toISOString();
  const rows: Array<[string, string, string?]> = [
    ['Schedule', `${f.scheduleName} (${f.scheduleId})`],
    ['Page', f.url, f.url],
    ['Run', `${when}, ${f.trigger === 'MANUAL' ? 'triggered' : 'scheduled'} (${f.runId})`],
  ];
  if (failed) {
    rows.push(['Event', f.event]);
    const e = f.error;
    rows.push(['Error', e?.code || e?.message ? `${e.code ?? 'error'}: ${e.message ?? ''}`.trim() : 'unknown']);
    if (f.consecutiveFailures !== undefined) rows.push(['Failures in a row', String(f.consecutiveFailures)]);
  } else if (f.changed !== null)
    rows.push([
      'Changed',
      f.changed
        ? f.diffScore === null
          ? 'yes (nothing earlier to compare with)'
          : `yes, ${percent(f.diffScore)} of the pixels differ`
        : `no, ${percent(f.diffScore ?? 0)} of the pixels differ`,
    ]);
  rows.push(['Job', f.jobId ?? 'none (the run made no job)']);
  if (f.image) rows.push(['Image', f.image.url, f.image.url], ['Link works until', f.image.expiresAt]);
  const headline = failed
    ? `${f.scheduleName}: the run of ${when} ${what}.`
    : `${f.scheduleName}: ${f.url} captured at ${when}.`;
  const text = `${headline}\n\n${rows.map(([k, v]) => `${k}: ${v}`).join('\n')}\n`;
  const html = `<!doctype html><html><body><p>${escapeHtml(headline)}</p><table>${rows
    .map(
      ([k, v, href]) =>
        `<tr><th align="left">${escapeHtml(k)}</th><td>${
          href && /^https?:\/\//i.test(href) ? `<a href="${escapeHtml(href)}">${escapeHtml(v)}</a>` : escapeHtml(v)
        }</td></tr>`,
    )
    .join('')}</table></body></html>`;
  return { to: d.to, subject, text, html };
}
