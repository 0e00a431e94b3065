// Signatures of docs/render-api.md#webhooks, shared by the render service (signs) and the Action (verifies).
// Webhooks: `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
// Dispatches: `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<render_id>.<status>")>`.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Receivers reject a `t` further than this from their clock (seconds). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface VerifyOptions {
  /** Largest allowed distance between `t` and now, in seconds (default 300). */
  toleranceSeconds?: number;
  /** The receiver's clock in milliseconds since the epoch (default Date.now), injectable for tests. */
  now?: () => number;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: string };

const unixNow = (now: () => number = Date.now) => Math.floor(now() / 1000);

function hmacHex(secret: string, message: string | Buffer): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

function payloadOf(t: number, body: string | Buffer | Uint8Array): Buffer {
  const b =
    typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return Buffer.concat([Buffer.from(`${t}.`, 'utf8'), b]);
}

function header(t: number, v1: string): string {
  return `t=${t},v1=${v1}`;
}

/** Parses `t=…,v1=…[,v1=…]`; several v1 values let a sender sign with an old and a new secret while rotating. */
export function parseSignatureHeader(value: string | undefined | null): { t: number; v1: string[] } | undefined {
  if (!value || typeof value !== 'string') return undefined;
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't' && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && /^[0-9a-f]{64}$/i.test(v)) v1.push(v.toLowerCase());
  }
  return t === undefined || v1.length === 0 ? undefined : { t, v1 };
}

function check(
  secret: string,
  messageAt: (t: number) => Buffer | string,
  sig: string | undefined | null,
  opts: VerifyOptions,
): VerifyResult {
  if (!secret) return { ok: false, reason: 'no secret to verify with' };
  const parsed = parseSignatureHeader(sig);
  if (!parsed) return { ok: false, reason: 'signature is not of the form t=<unix>,v1=<hex>' };
  const tolerance = opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = unixNow(opts.now);
  if (Math.abs(now - parsed.t) > tolerance) {
    return { ok: false, reason: `signature timestamp ${parsed.t} is more than ${tolerance}s away from now (${now})` };
  }
  const expected = Buffer.from(hmacHex(secret, messageAt(parsed.t)), 'hex');
  // Compare every candidate in constant time; never stop early on the first mismatch.
  let match = false;
  for (const v of parsed.v1) {
    const got = Buffer.from(v, 'hex');
    if (got.length === expected.length && timingSafeEqual(got, expected)) match = true;
  }
  return match ? { ok: true, timestamp: parsed.t } : { ok: false, reason: 'signature does not match' };
}

/** The X-ASA-Signature header for a webhook body (sign the exact bytes that are sent). */
export function signWebhook(secret: string, rawBody: string | Buffer | Uint8Array, timestamp = unixNow()): string {
  return header(timestamp, hmacHex(secret, payloadOf(timestamp, rawBody)));
}

/** Checks an X-ASA-Signature header against the raw request body (not a re-serialized JSON). */
export function verifyWebhook(
  secret: string,
  rawBody: string | Buffer | Uint8Array,
  signature: string | undefined | null,
  opts: VerifyOptions = {},
): VerifyResult {
  return check(secret, (t) => payloadOf(t, rawBody), signature, opts);
}

/** The `signature` of a github_dispatch client_payload. */
export function signDispatch(secret: string, renderId: string, status: string, timestamp = unixNow()): string {
  return header(timestamp, hmacHex(secret, `${timestamp}.${renderId}.${status}`));
}

/** Checks a github_dispatch client_payload's signature (what `collect` mode does first). */
export function verifyDispatch(
  secret: string,
  payload: { render_id: string; status: string; signature: string | undefined | null },
  opts: VerifyOptions = {},
): VerifyResult {
  return check(secret, (t) => `${t}.${payload.render_id}.${payload.status}`, payload.signature, opts);
}
