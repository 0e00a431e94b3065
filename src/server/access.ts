// Who may call, and how often: API keys (kept only as sha256, compared in constant time), a per-key
// token bucket with IETF RateLimit headers, and the optional monthly image quota.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerConfig } from './config.js';
import { ApiError } from './errors.js';
import type { ServiceStore } from './storage/types.js';

export type Clock = () => number;

/** The owner id of a request: the sha256 of its key (or "open" when the server started without keys).
 * `open` is decided once at start: an emptied keys file refuses everyone rather than opening the API. */
export function authenticate(
  headers: Record<string, string | string[] | undefined>,
  keyHashes: readonly string[],
  open = keyHashes.length === 0,
): string {
  if (open) return 'open';
  const auth = headers.authorization;
  const bearer = typeof auth === 'string' ? /^Bearer\s+(.+)$/i.exec(auth.trim())?.[1] : undefined;
  const x = headers['x-api-key'];
  const key = bearer ?? (typeof x === 'string' ? x.trim() : undefined);
  if (!key)
    throw new ApiError(
      401,
      'unauthorized',
      'Missing API key: send "Authorization: Bearer <key>" or "X-API-Key: <key>"',
      undefined,
      { 'www-authenticate': 'Bearer' },
    );
  const got = createHash('sha256').update(key, 'utf8').digest();
  // Compare against every key without stopping early, so timing says nothing about which one matched.
  let owner: string | undefined;
  for (const h of keyHashes) {
    if (timingSafeEqual(got, Buffer.from(h, 'hex'))) owner = h;
  }
  if (!owner)
    throw new ApiError(401, 'unauthorized', 'Invalid API key', undefined, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  return owner;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token bucket per key: `limit` requests per `window` seconds, refilled continuously. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: number,
    private readonly windowSeconds: number,
    private readonly now: Clock,
  ) {}

  /** Takes one token; returns the headers to send, and throws 429 when the bucket is empty. */
  take(owner: string): Record<string, string> {
    if (this.limit <= 0) return {};
    const rate = this.limit / (this.windowSeconds * 1000);
    const t = this.now();
    const b = this.buckets.get(owner) ?? { tokens: this.limit, at: t };
    b.tokens = Math.min(this.limit, b.tokens + Math.max(0, t - b.at) * rate);
    b.at = t;
    this.buckets.set(owner, b);
    const headers: Record<string, string> = {
      'ratelimit-policy': `${this.limit};w=${this.windowSeconds}`,
      'ratelimit-limit': String(this.limit),
    };
    if (b.tokens < 1) {
      const wait = Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
      throw new ApiError(
        429,
        'rate_limited',
        `Too many requests: at most ${this.limit} per ${this.windowSeconds} s for this key; retry in ${wait} s`,
        undefined,
        {
          ...headers,
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(wait),
          'retry-after': String(wait),
        },
      );
    }
    b.tokens -= 1;
    headers['ratelimit-remaining'] = String(Math.floor(b.tokens));
    headers['ratelimit-reset'] = String(Math.ceil((this.limit - b.tokens) / rate / 1000));
    return headers;
  }
}

export const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/** Images this key may still render this month (the quota minus finished and in-flight images), or
 * null without a quota: what the hosted APIs call `credits_remaining`. */
export async function creditsRemaining(
  config: ServerConfig,
  store: ServiceStore,
  owner: string,
  now: number,
): Promise<number | null> {
  const quota = config.limits.monthlyQuota;
  if (quota === undefined) return null;
  return Math.max(0, quota - (await store.usage(owner, monthOf(now))) - (await store.pendingSlides(owner)));
}

/** 402 when this request's images would take the key past its monthly quota (finished plus in flight). */
export async function checkQuota(
  config: ServerConfig,
  store: ServiceStore,
  owner: string,
  images: number,
  now: number,
  param?: string,
): Promise<void> {
  const quota = config.limits.monthlyQuota;
  if (quota === undefined) return;
  const used = (await store.usage(owner, monthOf(now))) + (await store.pendingSlides(owner));
  if (used + images > quota) {
    throw new ApiError(
      402,
      'quota_exceeded',
      `This key's monthly quota is ${quota} images; ${used} are used or in progress and this request asks for ${images}`,
      param,
    );
  }
}
