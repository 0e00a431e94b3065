// The render service's access control from src/ in process (the service tests spawn the built
// bundle): API key checks, the per-key token bucket with its RateLimit headers on an injected
// clock, and the monthly quota against a real store in a temporary folder.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authenticate, checkQuota, monthOf, RateLimiter } from '../src/server/access.js';
import { loadConfig } from '../src/server/config.js';
import { ApiError } from '../src/server/errors.js';
import { SqliteStore } from '../src/server/storage/sqlite.js';

const hash = (k: string) => createHash('sha256').update(k, 'utf8').digest('hex');
const KEYS = [hash('sk_alpha'), hash('sk_beta')];

const apiError = (f: () => unknown): ApiError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('no error thrown');
};
/** The ApiError a promise rejects with (the store is asynchronous). */
const rejection = async (p: Promise<unknown>): Promise<ApiError> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('no error thrown');
};

describe('authenticate', () => {
  it('is open, owner "open", when the server has no keys', () => {
    expect(authenticate({}, [])).toBe('open');
  });

  it('takes a Bearer token (any case, spaces trimmed) or X-API-Key and returns the key hash as owner', () => {
    expect(authenticate({ authorization: 'Bearer sk_alpha' }, KEYS)).toBe(KEYS[0]);
    expect(authenticate({ authorization: '  bearer   sk_beta  ' }, KEYS)).toBe(KEYS[1]);
    expect(authenticate({ 'x-api-key': ' sk_beta ' }, KEYS)).toBe(KEYS[1]);
    // Bearer wins over X-API-Key when both come.
    expect(authenticate({ authorization: 'Bearer sk_alpha', 'x-api-key': 'sk_beta' }, KEYS)).toBe(KEYS[0]);
    // A header that is not Bearer falls back to X-API-Key.
    expect(authenticate({ authorization: 'Basic c2s6', 'x-api-key': 'sk_beta' }, KEYS)).toBe(KEYS[1]);
  });

  it('answers 401 with WWW-Authenticate for a missing or wrong key', () => {
    for (const h of [
      {},
      { authorization: 'Bearer ' },
      { authorization: 'Basic xyz' },
      { authorization: 'NotBearer sk_alpha' },
      { 'x-api-key': ['sk_alpha'] },
      { authorization: ['Bearer sk_alpha'] },
      { 'x-api-key': '   ' },
    ]) {
      const e = apiError(() => authenticate(h, KEYS));
      expect([e.status, e.code, e.message, e.headers], JSON.stringify(h)).toEqual([
        401,
        'unauthorized',
        'Missing API key: send "Authorization: Bearer <key>" or "X-API-Key: <key>"',
        { 'www-authenticate': 'Bearer' },
      ]);
    }
    for (const h of [
      { authorization: 'Bearer sk_gamma' },
      { 'x-api-key': 'sk_alph' },
      { authorization: 'Bearer SK_ALPHA' },
    ]) {
      const e = apiError(() => authenticate(h, KEYS));
      expect([e.status, e.code, e.message, e.headers]).toEqual([
        401,
        'unauthorized',
        'Invalid API key',
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      ]);
    }
  });

  it('finds the last key of the list too (it compares against every key)', () => {
    const many = ['a', 'b', 'c', 'd'].map(hash);
    expect(authenticate({ 'x-api-key': 'd' }, many)).toBe(many[3]);
    expect(authenticate({ 'x-api-key': 'a' }, many)).toBe(many[0]);
  });
});

describe('RateLimiter', () => {
  it('sends no headers and never refuses when the limit is 0', () => {
    const rl = new RateLimiter(0, 60, () => 0);
    for (let i = 0; i < 5; i++) expect(rl.take('k')).toEqual({});
  });

  it('lets `limit` requests through per window, then answers 429 with Retry-After, refilling continuously', () => {
    let now = 1_000_000;
    const rl = new RateLimiter(3, 60, () => now);
    expect(rl.take('k')).toEqual({
      'ratelimit-policy': '3;w=60',
      'ratelimit-limit': '3',
      'ratelimit-remaining': '2',
      'ratelimit-reset': '20',
    });
    expect(rl.take('k')).toEqual({
      'ratelimit-policy': '3;w=60',
      'ratelimit-limit': '3',
      'ratelimit-remaining': '1',
      'ratelimit-reset': '40',
    });
    expect(rl.take('k')).toEqual({
      'ratelimit-policy': '3;w=60',
      'ratelimit-limit': '3',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '60',
    });
    const e = apiError(() => rl.take('k'));
    expect([e.status, e.code, e.message]).toEqual([
      429,
      'rate_limited',
      'Too many requests: at most 3 per 60 s for this key; retry in 20 s',
    ]);
    expect(e.headers).toEqual({
      'ratelimit-policy': '3;w=60',
      'ratelimit-limit': '3',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '20',
      'retry-after': '20',
    });
    // Another key has its own bucket.
    expect(rl.take('other')['ratelimit-remaining']).toBe('2');
    // 15 s later: three quarters of a token; still refused, 5 s to wait.
    now += 15_000;
    expect(apiError(() => rl.take('k')).headers['retry-after']).toBe('5');
    // At 20 s one token is back: one request, then refused again.
    now += 5_000;
    expect(rl.take('k')['ratelimit-remaining']).toBe('0');
    expect(apiError(() => rl.take('k')).status).toBe(429);
    // A long pause refills to the limit, never beyond.
    now += 3_600_000;
    expect(rl.take('k')['ratelimit-remaining']).toBe('2');
  });

  it('waits at least one second, and a clock that goes backwards adds nothing', () => {
    let now = 5_000;
    const rl = new RateLimiter(1000, 1, () => now);
    for (let i = 0; i < 1000; i++) rl.take('k');
    expect(apiError(() => rl.take('k')).headers['retry-after']).toBe('1');
    now -= 10_000;
    expect(apiError(() => rl.take('k')).status).toBe(429);
  });
});

describe('checkQuota', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const setup = (quota?: string) => {
    const data = mkdtempSync(path.join(tmpdir(), 'storeshots-quota-'));
    dirs.push(data);
    const config = loadConfig(
      { port: '0', host: '127.0.0.1', data } as Parameters<typeof loadConfig>[0],
      quota === undefined ? {} : { STORESHOTS_MONTHLY_QUOTA: quota },
      data,
    );
    return { config, store: new SqliteStore(data) };
  };
  const now = Date.UTC(2026, 11, 2, 8, 0, 0);

  it('names the month in UTC', () => {
    expect(monthOf(now)).toBe('2026-12');
    expect(monthOf(Date.UTC(2027, 0, 1, 0, 0, 0) - 1)).toBe('2026-12');
    expect(monthOf(Date.UTC(2027, 0, 1, 0, 0, 0))).toBe('2027-01');
  });

  it('does nothing without a quota', async () => {
    const { config, store } = setup();
    await store.addUsage('me', monthOf(now), 1_000_000);
    await expect(checkQuota(config, store, 'me', 50, now)).resolves.toBeUndefined();
  });

  it('answers 402 when used plus in-flight plus this request would pass the quota', async () => {
    const { config, store } = setup('10');
    await store.addUsage('me', monthOf(now), 4);
    await store.addUsage('me', '2026-11', 100); // last month does not count
    await store.addUsage('you', monthOf(now), 100); // nor another key
    await store.insertRender({
      id: 'rnd_a',
      owner: 'me',
      status: 'queued',
      created_at: now,
      expires_at: now + 1,
      spec: '{}',
      jobs: '[]',
      slides: 3,
      base_url: 'http://x',
    });
    await store.insertRender({
      id: 'rnd_b',
      owner: 'me',
      status: 'succeeded',
      created_at: now,
      expires_at: now + 1,
      spec: '{}',
      jobs: '[]',
      slides: 50,
      base_url: 'http://x',
    });
    await expect(checkQuota(config, store, 'me', 3, now)).resolves.toBeUndefined();
    const e = await rejection(checkQuota(config, store, 'me', 4, now, 'slides'));
    expect([e.status, e.code, e.message, e.param]).toEqual([
      402,
      'quota_exceeded',
      "This key's monthly quota is 10 images; 7 are used or in progress and this request asks for 4",
      'slides',
    ]);
  });

  it('a quota of 0 refuses every image', async () => {
    const { config, store } = setup('0');
    await expect(checkQuota(config, store, 'me', 0, now)).resolves.toBeUndefined();
    expect((await rejection(checkQuota(config, store, 'me', 1, now))).status).toBe(402);
  });
});
