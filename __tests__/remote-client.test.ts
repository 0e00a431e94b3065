// The render API client against a loopback HTTP server that misbehaves on purpose:
// 5xx, 429 with Retry-After, a body cut off midway, a wrong sha256.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RenderApiClient, RemoteError } from '../src/remote/client.js';
import { retryAfterMs } from '../src/util/retry.js';
import { buildSetRequest, groupSets, remoteCanvas, remoteStyle } from '../src/remote/request.js';
import { UserError } from '../src/util/errors.js';
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

/** A loopback render API that records every request as received: method, path, headers, body. */
async function recording(answer: Handler) {
  const got: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];
  const url = await serve((req, res, n) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      answer(req, res, n);
    });
  });
  return { url, got };
}
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
const caught = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as RemoteError,
  );

describe('what the render API receives', () => {
  it('sends the key as a bearer token, a JSON body with its content type, and the Idempotency-Key on create', async () => {
    const { url, got } = await recording((req, res) =>
      json(
        res,
        req.method === 'POST' && req.url === '/v1/renders' ? 202 : 200,
        { id: 'rnd_1', status: 'processing' },
        {
          'idempotent-replayed': 'true',
        },
      ),
    );
    const c = client(url, []);
    const created = await c.createRender({ canvas: { preset: 'play.phone' }, slides: [{ id: 'é' }] }, 'ss1-abc');
    expect(created.status).toBe(202);
    expect(created.data).toEqual({ id: 'rnd_1', status: 'processing' });
    expect(created.headers.get('idempotent-replayed')).toBe('true');
    expect(await c.getRender('rnd x/y')).toEqual({ id: 'rnd_1', status: 'processing' });
    expect(await c.cancel('rnd_1')).toEqual({ id: 'rnd_1', status: 'processing' });
    await new RenderApiClient({ baseUrl: url }).getRender('rnd_2');
    const seen = got.map((r) => ({
      line: `${r.method} ${r.url}`,
      authorization: r.headers.authorization,
      accept: r.headers.accept,
      type: r.headers['content-type'],
      key: r.headers['idempotency-key'],
      body: r.body,
    }));
    const plain = { accept: 'application/json', type: undefined, key: undefined, body: '' };
    expect(seen).toEqual([
      {
        line: 'POST /v1/renders',
        authorization: 'Bearer k1',
        accept: 'application/json',
        type: 'application/json',
        key: 'ss1-abc',
        body: '{"canvas":{"preset":"play.phone"},"slides":[{"id":"é"}]}',
      },
      { line: 'GET /v1/renders/rnd%20x%2Fy', authorization: 'Bearer k1', ...plain },
      { line: 'POST /v1/renders/rnd_1/cancel', authorization: 'Bearer k1', ...plain },
      // Without a key, no authorization header at all.
      { line: 'GET /v1/renders/rnd_2', authorization: undefined, ...plain },
    ]);
  });

  it('joins paths to the base (trailing slashes, a path prefix, no leading slash) and follows an absolute polling URL as given', async () => {
    const { url, got } = await recording((_req, res) => json(res, 200, {}));
    const c = new RenderApiClient({ baseUrl: `${url}/api//` });
    expect(c.baseUrl).toBe(`${url}/api`);
    await c.request('GET', 'v1/renders/a');
    await c.request('GET', '/v1/renders/b');
    await c.request('GET', `${url}/elsewhere/v1/renders/c`);
    expect(got.map((r) => r.url)).toEqual(['/api/v1/renders/a', '/api/v1/renders/b', '/elsewhere/v1/renders/c']);
    // https: the same, through the client's fetch (no traffic leaves the machine).
    const asked: string[] = [];
    const tls = new RenderApiClient({
      baseUrl: 'https://render.example/',
      fetch: async (u) => (asked.push(String(u)), new Response('{}', { status: 200 })),
    });
    expect(tls.baseUrl).toBe('https://render.example');
    await tls.request('GET', 'https://poll.example/v1/renders/d');
    await tls.request('GET', '/v1/renders/e');
    expect(asked).toEqual(['https://poll.example/v1/renders/d', 'https://render.example/v1/renders/e']);
  });

  it('an error names the method, URL, status, code and message; a body that is not JSON is quoted (500 characters at most)', async () => {
    const long = 'x'.repeat(600);
    const { url } = await recording((req, res) => {
      if (req.url === '/v1/renders/plain') return void res.writeHead(404, { 'content-type': 'text/plain' }).end(long);
      if (req.url === '/v1/renders/codeonly') return json(res, 400, { error: { code: 'bad' } });
      if (req.url === '/v1/renders/noparam')
        return json(res, 400, { error: { code: 'invalid_request', message: 'bad slide' } });
      if (req.url === '/v1/renders/notjson') return void res.writeHead(200).end('<html>');
      // An error whose body is cut off midway: no text to quote.
      res.writeHead(500, { 'content-length': '100' }).write('partial', () => setTimeout(() => res.destroy(), 20));
    });
    const c = new RenderApiClient({ baseUrl: url, retries: 0 });
    const plain = await caught(c.getRender('plain'));
    expect(plain).toBeInstanceOf(RemoteError);
    expect(plain).toMatchObject({ name: 'RemoteError', status: 404, code: undefined });
    expect(plain!.message).toBe(`GET ${url}/v1/renders/plain answered 404: ${'x'.repeat(500)}`);
    const codeOnly = await caught(c.getRender('codeonly'));
    expect(codeOnly).toMatchObject({ status: 400, code: 'bad' });
    expect(codeOnly!.message).toBe(`GET ${url}/v1/renders/codeonly answered 400 bad: {"error":{"code":"bad"}}`);
    expect((await caught(c.getRender('noparam')))!.message).toBe(
      `GET ${url}/v1/renders/noparam answered 400 invalid_request: bad slide`,
    );
    const notJson = await caught(c.getRender('notjson'));
    expect(notJson).toBeInstanceOf(RemoteError);
    expect(notJson!.message).toBe(`GET ${url}/v1/renders/notjson answered 200 with a body that is not JSON`);
    const cut = await caught(c.getRender('cut'));
    expect(cut).toBeInstanceOf(RemoteError);
    expect(cut).toMatchObject({ status: 500 });
    expect(cut!.message).toBe(`GET ${url}/v1/renders/cut answered 500: `);
  });

  it('a connection that fails names its cause and is retried', async () => {
    const { url } = await recording(() => undefined);
    server!.closeAllConnections();
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const port = new URL(url).port;
    const sleeps: number[] = [];
    const retried: number[] = [];
    const c = new RenderApiClient({
      baseUrl: url,
      retries: 2,
      minDelayMs: 40,
      sleep: async (ms) => void sleeps.push(ms),
      onRetry: (i) => void retried.push(i.attempt),
    });
    const err = await caught(c.getRender('x'));
    expect(err).toBeInstanceOf(RemoteError);
    expect(err!.message).toBe(`GET ${url}/v1/renders/x failed: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(err!.status).toBeUndefined();
    expect(retried).toEqual([1, 2]);
    expect(sleeps).toHaveLength(2);
  });

  it('a request that times out says so (an abort has no cause to name)', async () => {
    // Never answers: the client's own time-out ends each attempt.
    const { url } = await recording(() => undefined);
    const c = new RenderApiClient({ baseUrl: url, retries: 0, requestTimeoutMs: 50 });
    const err = await caught(c.getRender('slow'));
    expect(err).toBeInstanceOf(RemoteError);
    expect(err!.message).toBe(`GET ${url}/v1/renders/slow failed: The operation was aborted due to timeout`);
  });

  it("honours a 5xx's Retry-After, capped at four times maxDelayMs; Retry-After: 0 retries at once; onRetry tells each wait", async () => {
    const { url } = await recording((_req, res, n) => {
      if (n === 1) return json(res, 500, { error: { code: 'internal', message: 'busy' } }, { 'retry-after': '3' });
      if (n === 2) return void res.writeHead(503, { 'retry-after': '100' }).end('down');
      if (n === 3) return void res.writeHead(503, { 'retry-after': '0' }).end('down');
      json(res, 200, { id: 'rnd_1', status: 'queued' });
    });
    const sleeps: number[] = [];
    const infos: unknown[] = [];
    const c = new RenderApiClient({
      baseUrl: url,
      maxDelayMs: 1000,
      sleep: async (ms) => void sleeps.push(ms),
      onRetry: (i) => void infos.push(i),
    });
    expect((await c.getRender('rnd_1')).status).toBe('queued');
    expect(sleeps).toEqual([3000, 4000]);
    const at = `${url}/v1/renders/rnd_1`;
    expect(infos).toEqual([
      { attempt: 1, reason: `GET ${at} answered 500 internal: busy`, waitMs: 3000, url: at },
      { attempt: 2, reason: `GET ${at} answered 503: down`, waitMs: 4000, url: at },
      { attempt: 3, reason: `GET ${at} answered 503: down`, waitMs: 0, url: at },
    ]);
  });

  it('without an injected sleep, waits for real before a retry', async () => {
    const at: number[] = [];
    const { url } = await recording((_req, res, n) => {
      at.push(performance.now());
      if (n === 1) return void res.writeHead(503).end('down');
      json(res, 200, { id: 'rnd_1', status: 'queued' });
    });
    // The first backoff is 100-200 ms (jitter over the upper half of minDelayMs).
    await new RenderApiClient({ baseUrl: url, minDelayMs: 200 }).getRender('rnd_1');
    expect(at).toHaveLength(2);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(95);
  });
});

describe('downloading one image', () => {
  const png = Buffer.alloc(20_000, 7);
  const imageClient = (url: string, sleeps: number[], retries = 3) =>
    new RenderApiClient({
      baseUrl: url,
      apiKey: 'k1',
      retries,
      minDelayMs: 100,
      maxDelayMs: 250,
      sleep: async (ms) => void sleeps.push(ms),
    });

  it('asks for image/* with the key, retries the whole image with its own backoff, then gives up naming the image', async () => {
    const { url, got } = await recording((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
      // Cut once the headers and the first bytes are out: the body, not the exchange, fails.
      res.write(png.subarray(0, 1000), () => setTimeout(() => res.destroy(), 20));
    });
    const sleeps: number[] = [];
    const err = await caught(imageClient(url, sleeps).image('rnd_3', 2, { bytes: png.length }));
    expect(err).toBeInstanceOf(RemoteError);
    expect(err!.message).toBe('downloading image 2 of render rnd_3 failed: terminated');
    expect(got.map((r) => [r.method, r.url, r.headers.accept, r.headers.authorization])).toEqual(
      Array(4).fill(['GET', '/v1/renders/rnd_3/images/2', 'image/*', 'Bearer k1']),
    );
    expect(sleeps).toEqual([100, 200, 250, 250]);
  });

  it('an image shorter than announced is fetched again; without an announced length any body is taken', async () => {
    const { url, got } = await recording(
      (_req, res, n) =>
        void res.writeHead(200, { 'content-type': 'image/png' }).end(n === 1 ? png.subarray(0, 10) : png),
    );
    const sleeps: number[] = [];
    const c = imageClient(url, sleeps);
    expect((await c.image('rnd_3', 1, { bytes: png.length })).equals(png)).toBe(true);
    expect(got).toHaveLength(2);
    expect(sleeps).toEqual([100]);
    expect((await c.image('rnd_3', 1)).equals(png)).toBe(true);
    expect((await c.image('rnd_3', 1, {})).equals(png)).toBe(true);
    expect(got).toHaveLength(4);
    const short = await caught(c.image('rnd_3', 1, { bytes: png.length + 1 }));
    expect(short!.message).toBe(
      `downloading image 1 of render rnd_3 failed: image 1 of rnd_3: got ${png.length} bytes, expected ${png.length + 1}`,
    );
  });

  it("a 4xx is final at once; 429 and 5xx are retried as a whole after the request's own retries", async () => {
    let status = 404;
    const { url, got } = await recording((_req, res) => {
      if (status === 429 && got.length > 2) return void res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      json(res, status, { error: { code: 'x', message: 'no' } }, { 'retry-after': '0' });
    });
    const sleeps: number[] = [];
    const c = imageClient(url, sleeps, 1);
    const gone = await caught(c.image('rnd_3', 1));
    expect(gone).toBeInstanceOf(RemoteError);
    expect(gone).toMatchObject({ status: 404, code: 'x' });
    expect(gone!.message).toBe(`GET ${url}/v1/renders/rnd_3/images/1 answered 404 x: no`);
    expect(got).toHaveLength(1);
    expect(sleeps).toEqual([]);
    status = 500;
    got.length = 0;
    const down = await caught(c.image('rnd_3', 1));
    expect(down!.message).toBe(
      `downloading image 1 of render rnd_3 failed: GET ${url}/v1/renders/rnd_3/images/1 answered 500 x: no`,
    );
    // Two requests (one retry, Retry-After: 0) per attempt, two attempts.
    expect(got).toHaveLength(4);
    expect(sleeps).toEqual([100, 200]);
    status = 429;
    got.length = 0;
    sleeps.length = 0;
    expect((await c.image('rnd_3', 1)).equals(png)).toBe(true);
    expect(got).toHaveLength(3);
    expect(sleeps).toEqual([100]);
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

  it('sends the whole request body: canvas, theme, locale, slides in order, output format, webhook and dispatch', () => {
    const two = [
      job({}),
      job({
        id: 'en-US/play.phone/stats',
        slide: 'stats',
        index: 2,
        headline: undefined,
        subtitle: { text: 'Sub', origin: 'inline', locale: 'en-US' },
        screenshot: undefined,
      }),
    ];
    const r = buildSetRequest(
      two,
      {
        metadata: { run: 7 },
        webhookUrl: 'https://hooks.example/x',
        webhookSecret: 'whsec',
        githubDispatch: { repository: 'o/r', event_type: 'storeshots' },
      },
      read('png-a'),
    );
    expect(r.set).toBe('en-US/play.phone');
    expect(r.jobs).toBe(two);
    expect(r.idempotencyKey).toMatch(/^ss1-[0-9a-f]{48}$/);
    expect(r.body).toEqual({
      canvas: { preset: 'play.phone' },
      theme: 'aurora',
      locale: 'en-US',
      slides: [
        {
          id: 'home',
          headline: 'Hi',
          subtitle: undefined,
          screenshot: { data: Buffer.from('png-a').toString('base64') },
          style: { headline: { color: '#fff' } },
        },
        {
          id: 'stats',
          headline: undefined,
          subtitle: 'Sub',
          screenshot: undefined,
          style: { headline: { color: '#fff' } },
        },
      ],
      output: { format: 'png' },
      async: true,
      metadata: { run: 7, set: 'en-US/play.phone' },
      webhook_url: 'https://hooks.example/x',
      github_dispatch: { repository: 'o/r', event_type: 'storeshots' },
      webhook_secret: 'whsec',
    });
    // A dispatch without a webhook, and the reverse: each field only when asked for.
    const dispatch = { repository: 'o/r', event_type: 'storeshots' };
    expect(buildSetRequest([job({})], { githubDispatch: dispatch }, read('png-a')).body).toMatchObject({
      github_dispatch: dispatch,
    });
    expect(buildSetRequest([job({})], { githubDispatch: dispatch }, read('png-a')).body).not.toHaveProperty(
      'webhook_url',
    );
    expect(buildSetRequest([job({})], { webhookUrl: 'https://h.example/' }, read('png-a')).body).not.toHaveProperty(
      'github_dispatch',
    );
    // Without extras: no webhook or dispatch fields at all.
    expect(Object.keys(buildSetRequest([job({})], {}, read('png-a')).body).sort()).toEqual([
      'async',
      'canvas',
      'locale',
      'metadata',
      'output',
      'slides',
      'theme',
    ]);
  });

  it('names the preset when the job renders at its size, else sends the exact size and device', () => {
    expect(remoteCanvas(job({}))).toEqual({ preset: 'play.phone' });
    expect(remoteCanvas(job({ size: { width: 1080, height: 2000 } }))).toEqual({
      width: 1080,
      height: 2000,
      device: 'android-phone',
    });
    expect(remoteCanvas(job({ size: { width: 1000, height: 1920 } }))).toEqual({
      width: 1000,
      height: 1920,
      device: 'android-phone',
    });
    // A landscape ref resolves to its own (rotated) size.
    const land = job({
      preset: 'appstore.iphone_6_9@landscape',
      presetId: 'appstore.iphone_6_9',
      size: { width: 2868, height: 1320 },
    });
    expect(remoteCanvas(land)).toEqual({ preset: 'appstore.iphone_6_9@landscape' });
    expect(remoteCanvas(job({ preset: 'no.such', size: { width: 10, height: 10 } }))).toEqual({
      width: 10,
      height: 10,
      device: 'android-phone',
    });
  });

  it("keeps a theme's built-in background for the service and refuses a file on this machine, naming job, field and value", () => {
    const style = {
      background: { image: 'builtin:aurora', color: '#000' },
      headline: { font: 'Inter' },
      device: { frame: 'iphone-black' },
    } as Job['style'];
    const kept = remoteStyle(job({ style }));
    expect(kept).toEqual({
      background: { color: '#000' },
      headline: { font: 'Inter' },
      device: { frame: 'iphone-black' },
    });
    expect(style.background!.image).toBe('builtin:aurora'); // the job's own style is left alone
    const refusal = (over: Partial<Job>) => {
      try {
        remoteStyle(job(over));
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        const p = (e as UserError).problems;
        expect(p).toHaveLength(1);
        expect(p[0]!.at).toEqual({ file: 'm', line: 1, column: 1 });
        expect(p[0]!.severity).toBe('error');
        return p[0]!.message;
      }
      return 'accepted';
    };
    const cannot =
      'names a file on this machine, which remote mode cannot send; use a built-in theme token or render locally';
    expect(refusal({ style: { background: { image: 'bg/sky.png' } } as Job['style'] })).toBe(
      `en-US/play.phone/home: style.background.image "bg/sky.png" ${cannot}`,
    );
    expect(refusal({ style: { headline: { font: 'fonts/Brand.ttf' } } as Job['style'] })).toBe(
      `en-US/play.phone/home: style.headline.font "fonts/Brand.ttf" ${cannot}`,
    );
    expect(refusal({ style: { subtitle: { font: 'Brand.OTF' } } as Job['style'] })).toBe(
      `en-US/play.phone/home: style.subtitle.font "Brand.OTF" ${cannot}`,
    );
    expect(refusal({ style: { subtitle: { font: 'C:\\Fonts\\Brand' } } as Job['style'] })).toBe(
      `en-US/play.phone/home: style.subtitle.font "C:\\Fonts\\Brand" ${cannot}`,
    );
    for (const font of ['x.ttc', 'x.woff', 'x.woff2'])
      expect(refusal({ style: { headline: { font } } as Job['style'] })).toMatch(/style\.headline\.font/);
    expect(refusal({ style: { device: { frame: 'frames/phone.svg' } } as Job['style'] })).toBe(
      `en-US/play.phone/home: style.device.frame "frames/phone.svg" ${cannot}`,
    );
    for (const frame of ['phone.png', 'phone.jpg', 'phone.JPEG'])
      expect(refusal({ style: { device: { frame } } as Job['style'] })).toMatch(/style\.device\.frame/);
    expect(refusal({ fonts: ['/usr/share/fonts/a.ttf', '/b.ttf'] })).toBe(
      `en-US/play.phone/home: fonts "/usr/share/fonts/a.ttf" ${cannot}`,
    );
    // Names that only look like files somewhere else in the string are names: only an extension at the end counts.
    expect(refusal({ style: { headline: { font: 'ttf Sans' }, device: { frame: 'png-black' } } as Job['style'] })).toBe(
      'accepted',
    );
    expect(
      refusal({
        style: { headline: { font: 'Inter.ttf Display' }, device: { frame: 'pixel.png-black' } } as Job['style'],
      }),
    ).toBe('accepted');
  });

  it('groups jobs by set in the order of the plan', () => {
    const a1 = job({ id: 'a1', set: 'a' });
    const b1 = job({ id: 'b1', set: 'b' });
    const a2 = job({ id: 'a2', set: 'a' });
    expect([...groupSets([a1, b1, a2])].map(([k, v]) => [k, v.map((j) => j.id)])).toEqual([
      ['a', ['a1', 'a2']],
      ['b', ['b1']],
    ]);
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
