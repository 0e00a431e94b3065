// The render API client against a loopback HTTP server that misbehaves on purpose:
// 5xx, 429 with Retry-After, a body cut off midway, a wrong sha256.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RenderApiClient, RemoteError } from '../src/remote/client.js';
import { retryAfterMs } from '../src/util/retry.js';
import { buildSetRequest } from '../src/remote/request.js';
import { canonicalJson } from '../src/util/json.js';
import type { Job } from '../src/plan/types.js';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;
let server: Server | undefined;

async function serve(handler: Handler): Promise<string> {
  let n = 0;
  server = createServer((req, res) => handler(req, res, ++n));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

function client(baseUrl: string, sleeps: number[]) {
  return new RenderApiClient({ baseUrl, apiKey: 'k1', minDelayMs: 100, sleep: async (ms) => void sleeps.push(ms) });
}

describe('render API client', () => {
  it('retries 500 twice, then succeeds, with growing backoff', async () => {
    const url = await serve((req, res, n) => {
      if (n <= 2) {
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"error":{"code":"internal","message":"boom"}}');
        return;
      }
      expect(req.headers.authorization).toBe('Bearer k1');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"rnd_1","status":"succeeded"}');
    });
    const sleeps: number[] = [];
    expect(await client(url, sleeps).getRender('rnd_1')).toEqual({ id: 'rnd_1', status: 'succeeded' });
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
  });

  it('honours Retry-After on 429', async () => {
    const url = await serve((_req, res, n) => {
      if (n === 1)
        return void res
          .writeHead(429, { 'retry-after': '2', 'content-type': 'application/json' })
          .end('{"error":{"code":"rate_limited","message":"slow down"}}');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"rnd_2","status":"queued"}');
    });
    const sleeps: number[] = [];
    expect((await client(url, sleeps).getRender('rnd_2')).status).toBe('queued');
    expect(sleeps).toEqual([2000]);
  });

  it('does not retry a 4xx and reports the API error with its param', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res
        .writeHead(422, { 'content-type': 'application/json' })
        .end('{"error":{"code":"invalid_request","message":"bad slide","param":"slides[0].screenshot"}}');
    });
    const err = await client(url, [])
      .createRender({}, 'k')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).message).toMatch(/answered 422 invalid_request: bad slide \(slides\[0\]\.screenshot\)/);
    expect(calls).toBe(1);
  });

  it('gives up after the retry budget with the last error', async () => {
    const url = await serve((_req, res) => void res.writeHead(503).end('down'));
    const c = new RenderApiClient({ baseUrl: url, retries: 2, sleep: async () => {} });
    await expect(c.getRender('x')).rejects.toThrow(/answered 503: down/);
  });

  it('re-downloads an image whose body was cut off midway', async () => {
    const png = Buffer.alloc(50_000, 7);
    const url = await serve((_req, res, n) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
      if (n === 1) {
        res.write(png.subarray(0, 10_000));
        res.destroy();
        return;
      }
      res.end(png);
    });
    const sleeps: number[] = [];
    const buf = await client(url, sleeps).image('rnd_3', 1, { bytes: png.length });
    expect(buf.equals(png)).toBe(true);
    expect(sleeps.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => new RenderApiClient({ baseUrl: 'file:///etc/passwd' })).toThrow(
      /Expected an http\(s\) URL for the render API/,
    );
    expect(() => new RenderApiClient({ baseUrl: 'not a url' })).toThrow(/Expected an http\(s\) URL/);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('set requests', () => {
  const job = (over: Partial<Job>): Job => ({
    id: 'en-US/play.phone/home',
    set: 'en-US/play.phone',
    locale: 'en-US',
    rtl: false,
    preset: 'play.phone',
    presetId: 'play.phone',
    store: 'play',
    device: 'android-phone',
    landscape: false,
    size: { width: 1080, height: 1920 },
    slide: 'home',
    index: 1,
    count: 1,
    headline: { text: 'Hi', origin: 'inline', locale: 'en-US' },
    style: { headline: { color: '#fff' } },
    theme: 'aurora',
    screenshot: '/shots/a.png',
    fonts: [],
    baseDir: '/',
    output: { path: 'x.png', format: 'png', quality: 90 },
    source: { slide: { file: 'm', line: 1, column: 1 }, preset: { file: 'm', line: 1, column: 1 } },
    ...over,
  });
  const read = (bytes: string) => () => Buffer.from(bytes);

  it('derives the idempotency key from the whole request: equal requests reuse, any change makes a new one', () => {
    const a = buildSetRequest([job({})], { metadata: { run: 1 } }, read('png-a'));
    const b = buildSetRequest([job({})], { metadata: { run: 1 } }, read('png-a'));
    expect(a.idempotencyKey).toBe(b.idempotencyKey);
    // Another run's metadata is another body: the same key would be refused (422) by the service.
    expect(buildSetRequest([job({})], { metadata: { run: 2 } }, read('png-a')).idempotencyKey).not.toBe(
      a.idempotencyKey,
    );
    // The webhook secret travels in the body but never shapes the key.
    expect(
      buildSetRequest([job({})], { metadata: { run: 1 }, webhookSecret: 's3cret' }, read('png-a')).idempotencyKey,
    ).toBe(a.idempotencyKey);
    expect(a.body.metadata).toEqual({ run: 1, set: 'en-US/play.phone' });
    // Any content change makes a new render, with everything else (the run's metadata too) the same:
    // screenshot bytes (one byte, same length), text, style.
    const same = { metadata: { run: 1 } };
    expect(buildSetRequest([job({})], same, read('png-b')).idempotencyKey).not.toBe(a.idempotencyKey);
    expect(buildSetRequest([job({})], same, read('png-a')).idempotencyKey).toBe(a.idempotencyKey);
    expect(
      buildSetRequest([job({ headline: { text: 'Hey', origin: 'inline', locale: 'en-US' } })], same, read('png-a'))
        .idempotencyKey,
    ).not.toBe(a.idempotencyKey);
    expect(
      buildSetRequest([job({ style: { headline: { color: '#000' } } })], same, read('png-a')).idempotencyKey,
    ).not.toBe(a.idempotencyKey);
    expect(a.idempotencyKey.length).toBeLessThanOrEqual(200);
  });

  it('sends screenshots inline as base64', () => {
    const r = buildSetRequest([job({})], {}, read('png-a'));
    const slides = r.body.slides as Array<{ screenshot: { data: string } }>;
    expect(Buffer.from(slides[0]!.screenshot.data, 'base64').toString()).toBe('png-a');
    expect(
      createHash('sha256')
        .update(canonicalJson({ b: 1, a: [2, { d: 1, c: 2 }] }))
        .digest('hex'),
    ).toBe(createHash('sha256').update('{"a":[2,{"c":2,"d":1}],"b":1}').digest('hex'));
  });
});
