// Hostile requests against the real render service on loopback (issue #13, the service's corpus).
// Requests go out as exact bytes (helpers/raw-http.ts), the way curl --path-as-is or netcat sends them,
// so no client normalises the attack away.
//  - Keyless access: every registered route, reached through each encoding trick, is 401 without a key
//    (only the allow-listed public routes answer), and with a key every such request spends a token of
//    the key's rate limit.
//  - Malformed requests never get a 500 or an answer outside the documented error shape, and none says
//    "retried".
//  - Another key's render id is, as a list cursor, exactly an id that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  cleanup,
  KEY,
  OTHER_KEY,
  startService,
  startServiceInProcess,
  type InProcessService,
  type ServerHandle,
} from './helpers/server.js';
import { rawRequest, type RawResponse } from './helpers/raw-http.js';

const ID = 'rnd_000000000000000000000000';

/** A concrete path for a route pattern: `:id` -> a well-formed render id, `:index` -> 1. */
const concrete = (url: string) => url.replace(':id', ID).replace(':index', '1').replace(':output', 'report');

const pct = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** The same target spelled the ways that fooled a raw-URL prefix check, plus the classic normalisation tricks. */
function tricks(path: string, port: number): Array<[string, string]> {
  const segs = path.split('/').slice(1);
  const first = segs[0]!;
  const rest = segs.slice(1).join('/');
  const tail = rest ? `/${rest}` : '';
  const out: Array<[string, string]> = [
    ['as registered', path],
    ['first letter percent-encoded', `/${pct(first[0]!)}${first.slice(1)}${tail}`],
    ['last letter of the first segment percent-encoded', `/${first.slice(0, -1)}${pct(first.at(-1)!)}${tail}`],
    ['whole first segment percent-encoded', `/${[...first].map(pct).join('')}${tail}`],
    ['every letter percent-encoded', `/${segs.map((s) => [...s].map(pct).join('')).join('/')}`],
    ['upper-case percent-encoding', `/${[...first].map((c) => pct(c).toUpperCase()).join('')}${tail}`],
    ['leading double slash', `/${path}`],
    ['inner double slash', path.replace(/\/([^/]*)$/, '//$1')],
    ['dot segment', `/./${path.slice(1)}`],
    ['dot-dot segment', `/x/../${path.slice(1)}`],
    ['encoded dot segment', `/%2e/${path.slice(1)}`],
    ['encoded slash', `/${first}%2f${rest}`],
    ['trailing dot', `${path}.`],
    ['trailing slash', `${path}/`],
    ['trailing dot segment', `${path}/.`],
    ['upper case', path.toUpperCase()],
    ['semicolon parameter', `${path};x=1`],
    ['absolute-form, this server', `http://127.0.0.1:${port}${path}`],
    ['absolute-form, encoded', `http://127.0.0.1:${port}/${pct(first[0]!)}${first.slice(1)}${tail}`],
    ['absolute-form, another host', `http://example.invalid${path}`],
    ['query string', `${path}?x=/healthz`],
  ];
  return out;
}

const request = (port: number, method: string, target: string, headers: string[] = []) =>
  rawRequest(port, [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...headers].join('\r\n'));

/** Every answer the service gives has the documented shape (or is a public route's own document). */
/** A label's path as the router reads it (percent-decoded where it decodes at all). */
function decoded(label: string): string {
  try {
    return decodeURIComponent(label);
  } catch {
    return label;
  }
}

function expectErrorShape(r: RawResponse, label: string) {
  expect(r.status, label).toBeGreaterThanOrEqual(400);
  expect(r.status, `${label}: no 500s`).toBeLessThan(500);
  expect(r.headers['content-type'], label).toMatch(/^application\/json/);
  // The App Screenshot Studio surface answers in its own documented shape (docs/render-api.md#app-screenshot-studio).
  if (/\/api\/v1\//.test(decoded(label)) && r.json?.success === false) {
    expect(r.json, label).toMatchObject({ error: expect.any(String), code: expect.stringMatching(/^[A-Z_]+$/) });
    expect(
      Object.keys(r.json).filter((k) => !['success', 'error', 'code', 'field', 'credits_remaining'].includes(k)),
      label,
    ).toEqual([]);
    return;
  }
  expect(r.json, `${label}: ${r.body.slice(0, 200)}`).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String) },
  });
  expect(Object.keys(r.json), label).toEqual(['error']);
  expect(r.json.error.message, `${label}: a deterministic failure is not retryable`).not.toMatch(/retr/i);
}

describe('keyless access is refused on every route, however the path is spelled', () => {
  let server: InProcessService;
  beforeAll(async () => {
    server = await startServiceInProcess({
      env: {
        STORESHOTS_API_KEYS: KEY,
        STORESHOTS_WORKERS: '1',
        STORESHOTS_RATE_LIMIT: '100000',
        STORESHOTS_RATE_WINDOW_SECONDS: '100000000',
        STORESHOTS_LOG_LEVEL: 'silent',
      },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('registers the routes the API documents, and only /healthz, /metrics, /v1/openapi.json and the signed-link routes are public', () => {
    const routes = server.routes.map((r) => `${r.method} ${r.url}`);
    for (const r of [
      'POST /v1/renders',
      'GET /v1/renders',
      'GET /v1/renders/:id',
      'POST /v1/renders/:id/cancel',
      'GET /v1/renders/:id/images/:index',
      'GET /v1/renders/:id/archive',
      'GET /v1/renders/:id/outputs/:output',
      'POST /v1/bulk',
      'POST /v1/sets',
      'GET /v1/sets',
      'GET /v1/sets/:id',
      'POST /v1/sets/:id/cancel',
      'GET /v1/sets/:id/images/:index',
      'GET /v1/sets/:id/archive',
      'GET /v1/sets/:id/outputs/:output',
      'POST /v1/webhook_endpoints',
      'GET /v1/webhook_endpoints',
      'GET /v1/webhook_endpoints/:id',
      'POST /v1/webhook_endpoints/:id',
      'DELETE /v1/webhook_endpoints/:id',
      'GET /v1/events',
      'GET /v1/events/:id',
      'POST /v1/events/:id/retry',
      'POST /v1/translate',
    ]) {
      expect(routes).toContain(r);
    }
    expect(
      server.routes
        .filter((r) => r.public)
        .map((r) => r.url)
        .sort(),
    ).toEqual([
      '/healthz',
      '/healthz',
      '/metrics',
      '/metrics',
      '/v1/files/renders/:id/archive',
      '/v1/files/renders/:id/archive',
      '/v1/files/renders/:id/images/:index',
      '/v1/files/renders/:id/images/:index',
      '/v1/files/renders/:id/outputs/:output',
      '/v1/files/renders/:id/outputs/:output',
      '/v1/files/renders/:id/page/:file',
      '/v1/files/renders/:id/page/:file',
      '/v1/files/renders/:id/result',
      '/v1/files/renders/:id/result',
      '/v1/files/sets/:id/archive',
      '/v1/files/sets/:id/archive',
      '/v1/files/sets/:id/images/:index',
      '/v1/files/sets/:id/images/:index',
      '/v1/files/sets/:id/outputs/:output',
      '/v1/files/sets/:id/outputs/:output',
      '/v1/openapi.json',
      '/v1/openapi.json',
    ]);
  });

  it('answers 401 without a key to every non-public route under every trick', async () => {
    const seen: string[] = [];
    for (const route of server.routes.filter((r) => !r.public)) {
      for (const [name, target] of tricks(concrete(route.url), server.port)) {
        const r = await request(
          server.port,
          route.method,
          target,
          route.method === 'POST' ? ['Content-Length: 0'] : [],
        );
        const label = `${route.method} ${target} (${name})`;
        seen.push(label);
        expect(r.status, `${label}: ${r.body.slice(0, 200)}`).toBe(401);
        if (route.method === 'HEAD') continue; // no body to look at
        expectErrorShape(r, label);
        expect(r.json.error.code ?? r.json.code).toMatch(/^(unauthorized|UNAUTHORIZED)$/);
      }
    }
    expect(seen.length).toBeGreaterThan(100);
  });

  it('answers 401 without a key to paths that match no route (deny by default), and to bad encodings', async () => {
    for (const target of [
      '/v2/renders',
      '/admin',
      '/v1/renders/%zz',
      `/v1/renders/${'a'.repeat(300)}`,
      '/%',
      '/v1/%E0%A4%A',
    ]) {
      const r = await request(server.port, 'GET', target);
      expect(r.status, target).toBe(401);
      expectErrorShape(r, target);
    }
  });

  it('serves a public route only as itself: its tricks either reach it or are refused', async () => {
    for (const route of server.routes.filter(
      (r) => r.public && r.method === 'GET' && !r.url.startsWith('/v1/files/'),
    )) {
      for (const [name, target] of tricks(route.url, server.port)) {
        const r = await request(server.port, 'GET', target);
        expect([200, 401], `${target} (${name})`).toContain(r.status);
      }
    }
  });

  it('never serves a file through a link route without a genuine signature, however the path is spelled', async () => {
    const forged = `expires=9999999999&signature=${'A'.repeat(43)}`;
    let seen = 0;
    for (const route of server.routes.filter((r) => r.public && r.url.startsWith('/v1/files/'))) {
      for (const query of ['', `?${forged}`, '?expires=1&signature=x', `?${forged}&${forged}`]) {
        for (const [name, target] of tricks(concrete(route.url) + query, server.port)) {
          const r = await request(server.port, route.method, target);
          const label = `${route.method} ${target} (${name})`;
          seen++;
          expect([400, 401, 403], `${label}: ${r.body.slice(0, 200)}`).toContain(r.status);
          if (route.method === 'HEAD') continue;
          expectErrorShape(r, label);
        }
      }
    }
    expect(seen).toBeGreaterThan(100);
  });

  it('spends a rate-limit token for every request with a key, whichever spelling it used', async () => {
    let last: number | undefined;
    let count = 0;
    for (const route of server.routes.filter((r) => !r.public)) {
      for (const [name, target] of tricks(concrete(route.url), server.port)) {
        const r = await request(server.port, route.method, target, [
          `Authorization: Bearer ${KEY}`,
          ...(route.method === 'POST' ? ['Content-Length: 0'] : []),
        ]);
        const label = `${route.method} ${target} (${name})`;
        expect(r.status, `${label}: ${r.body.slice(0, 200)}`).not.toBe(401);
        // Studio's chat (natural-language edits) is documented as not implemented: 501, nothing else is 5xx.
        if (route.url === '/api/v1/projects/:id/chat' && r.status === 501)
          expect(r.json?.code, label).toBe('NOT_IMPLEMENTED');
        else expect(r.status, label).toBeLessThan(500);
        const remaining = Number(r.headers['ratelimit-remaining']);
        expect(Number.isInteger(remaining), `${label} carries RateLimit-Remaining`).toBe(true);
        if (last !== undefined) expect(remaining, label).toBe(last - 1);
        last = remaining;
        count++;
      }
    }
    expect(count).toBeGreaterThan(100);
  });
});

describe('the rate limit applies to encoded paths', () => {
  let s: ServerHandle;
  beforeAll(async () => {
    s = await startService({
      env: { STORESHOTS_API_KEYS: KEY, STORESHOTS_RATE_LIMIT: '3', STORESHOTS_RATE_WINDOW_SECONDS: '3600' },
    });
  });
  afterAll(async () => {
    await s?.stop();
    if (s) cleanup(s.data);
  });

  it('answers 429 once the key has spent its tokens through /%761/renders', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await request(s.port, 'GET', '/%761/renders', [`Authorization: Bearer ${KEY}`])).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('malformed requests get the documented error shape, never a 500', () => {
  let s: ServerHandle;
  beforeAll(async () => {
    s = await startService({ env: { STORESHOTS_API_KEYS: `${KEY},${OTHER_KEY}` } });
  });
  afterAll(async () => {
    await s?.stop();
    if (s) cleanup(s.data);
  });

  const auth = `Authorization: Bearer ${KEY}`;
  const post = (headers: string[], body: string | Buffer, halfClose = false) =>
    rawRequest(s.port, ['POST /v1/renders HTTP/1.1', 'Host: 127.0.0.1', auth, ...headers].join('\r\n'), body, {
      halfClose,
    });
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const renderWith = (metadata: string) =>
    `{"canvas":{"preset":"play.phone"},"slides":[{"headline":"x"}],"metadata":${metadata}}`;
  const mp = (parts: string) => Buffer.from(parts.replace(/\n/g, '\r\n'));

  const cases: Array<[string, () => Promise<RawResponse>, number, string]> = [
    [
      'multipart without a boundary',
      () => post(['Content-Type: multipart/form-data', 'Content-Length: 3'], 'abc'),
      400,
      'invalid_multipart',
    ],
    [
      'a truncated multipart body',
      () => {
        const b = mp('--xx\nContent-Disposition: form-data; name="request"\n\n{"a":');
        return post(['Content-Type: multipart/form-data; boundary=xx', `Content-Length: ${b.length}`], b);
      },
      400,
      'invalid_multipart',
    ],
    [
      'a multipart part with a malformed header',
      () => {
        const b = mp('--xx\nContent-Disposition\n\nhello\n--xx--\n');
        return post(['Content-Type: multipart/form-data; boundary=xx', `Content-Length: ${b.length}`], b);
      },
      400,
      'parameter_missing', // busboy skips a part without a name: the request part is missing
    ],
    [
      'metadata nested 5,000 deep',
      () => {
        const b = renderWith(nested(5000));
        return post(['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(b)}`], b);
      },
      400,
      'invalid_json',
    ],
    [
      'metadata nested 5,000 deep with an Idempotency-Key (hashed before checking)',
      () => {
        const b = renderWith(nested(5000));
        return post(
          ['Content-Type: application/json', 'Idempotency-Key: deep-1', `Content-Length: ${Buffer.byteLength(b)}`],
          b,
        );
      },
      400,
      'invalid_json',
    ],
    [
      'arrays nested 100,000 deep',
      () => {
        const b = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
        return post(['Content-Type: application/json', `Content-Length: ${b.length}`], b);
      },
      400,
      'invalid_json',
    ],
    [
      'a multipart request part nested 5,000 deep',
      () => {
        const b = mp(`--xx\nContent-Disposition: form-data; name="request"\n\n${renderWith(nested(5000))}\n--xx--\n`);
        return post(['Content-Type: multipart/form-data; boundary=xx', `Content-Length: ${b.length}`], b);
      },
      400,
      'invalid_json',
    ],
    [
      'bulk nested 5,000 deep',
      () =>
        rawRequest(
          s.port,
          [
            'POST /v1/bulk HTTP/1.1',
            'Host: x',
            auth,
            'Content-Type: application/json',
            `Content-Length: ${5000 * 6 + 1}`,
          ].join('\r\n'),
          nested(5000),
        ),
      400,
      'invalid_json',
    ],
    [
      'a URI longer than 16 KiB',
      () => rawRequest(s.port, [`GET /v1/renders?x=${'a'.repeat(20_000)} HTTP/1.1`, 'Host: x', auth].join('\r\n')),
      414,
      'uri_too_long',
    ],
    [
      'headers larger than 16 KiB',
      () =>
        rawRequest(s.port, ['GET /v1/renders HTTP/1.1', 'Host: x', auth, `X-Pad: ${'a'.repeat(20_000)}`].join('\r\n')),
      431,
      'headers_too_large',
    ],
    [
      'a path parameter longer than 100 characters',
      () => rawRequest(s.port, [`GET /v1/renders/${'a'.repeat(300)} HTTP/1.1`, 'Host: x', auth].join('\r\n')),
      414,
      'uri_too_long',
    ],
    [
      'bad percent-encoding in the path',
      () => rawRequest(s.port, ['GET /v1/renders/%zz HTTP/1.1', 'Host: x', auth].join('\r\n')),
      400,
      'invalid_url',
    ],
    [
      'a non-numeric Content-Length',
      () => post(['Content-Type: application/json', 'Content-Length: abc'], ''),
      400,
      'invalid_content_length',
    ],
    [
      'two different Content-Lengths',
      () => post(['Content-Type: application/json', 'Content-Length: 2', 'Content-Length: 3'], '{}'),
      400,
      'invalid_content_length',
    ],
    [
      'Content-Length with chunked Transfer-Encoding',
      () => post(['Content-Type: application/json', 'Content-Length: 2', 'Transfer-Encoding: chunked'], '0\r\n\r\n'),
      400,
      'invalid_transfer_encoding',
    ],
    [
      'a body shorter than its Content-Length',
      () => post(['Content-Type: application/json', 'Content-Length: 50'], '{"a":1}', true),
      400,
      'malformed_request',
    ],
    [
      'a malformed chunk size',
      () => post(['Content-Type: application/json', 'Transfer-Encoding: chunked'], 'zz\r\n{}\r\n0\r\n\r\n'),
      400,
      'invalid_transfer_encoding',
    ],
    ['not HTTP at all', () => rawRequest(s.port, 'HELLO\r\n\r\n'), 400, 'malformed_request'],
    [
      'an empty JSON body',
      () => post(['Content-Type: application/json', 'Content-Length: 0'], ''),
      400,
      'invalid_json',
    ],
    [
      'a __proto__ key',
      () => post(['Content-Type: application/json', 'Content-Length: 28'], '{"__proto__":{"admin":true}}'),
      400,
      'invalid_json',
    ],
    ['text/plain', () => post(['Content-Type: text/plain', 'Content-Length: 2'], 'hi'), 415, 'unsupported_media_type'],
    [
      'a repeated query parameter',
      () =>
        rawRequest(
          s.port,
          ['GET /v1/renders?starting_after=a&starting_after=b HTTP/1.1', 'Host: x', auth].join('\r\n'),
        ),
      400,
      'invalid_request',
    ],
    [
      'a repeated limit',
      () => rawRequest(s.port, ['GET /v1/renders?limit=1&limit=2 HTTP/1.1', 'Host: x', auth].join('\r\n')),
      400,
      'invalid_request',
    ],
    [
      'a fractional limit',
      () => rawRequest(s.port, ['GET /v1/renders?limit=1e1 HTTP/1.1', 'Host: x', auth].join('\r\n')),
      400,
      'invalid_request',
    ],
  ];

  for (const [name, send, status, code] of cases) {
    it(`answers ${name} with ${status} ${code}`, async () => {
      const r = await send();
      expectErrorShape(r, name);
      expect(r.status, r.body.slice(0, 300)).toBe(status);
      expect(r.json.error.code).toBe(code);
    });
  }

  it('is still up and serving after all of them', async () => {
    const r = await api(s.url, 'GET', '/v1/renders');
    expect(r.status).toBe(200);
    expect(s.stderr()).not.toMatch(/Maximum call stack|internal_error|"level":50/);
  });
});

describe('a list cursor from another key is an id that does not exist', () => {
  let s: ServerHandle;
  beforeAll(async () => {
    s = await startService({ env: { STORESHOTS_API_KEYS: `${KEY},${OTHER_KEY}` } });
  });
  afterAll(async () => {
    await s?.stop();
    if (s) cleanup(s.data);
  });

  it("answers starting_after=<another key's render> exactly as an unknown id, and lists nothing of theirs", async () => {
    const body = { async: true, canvas: { preset: 'play.phone' }, slides: [{ headline: 'x' }] };
    const theirs = await api(s.url, 'POST', '/v1/renders', body, { key: OTHER_KEY });
    const mine = await api(s.url, 'POST', '/v1/renders', body);
    expect([theirs.status, mine.status]).toEqual([202, 202]);
    // The unknown id has the same length and alphabet, so the two answers can be compared byte for byte.
    const unknown = `rnd_${'f'.repeat(24)}`;
    const a = await api(s.url, 'GET', `/v1/renders?starting_after=${theirs.body.id}`);
    const b = await api(s.url, 'GET', `/v1/renders?starting_after=${unknown}`);
    expect(a.status).toBe(b.status);
    expect(JSON.stringify(a.body).replace(theirs.body.id, unknown)).toBe(JSON.stringify(b.body));
    expect(a.body.data).toBeUndefined();
    // Their own cursor works for them (control).
    const own = await api(s.url, 'GET', `/v1/renders?starting_after=${theirs.body.id}`, undefined, { key: OTHER_KEY });
    expect(own.status).toBe(200);
    expect(own.body.data).toEqual([]);
  });
});
