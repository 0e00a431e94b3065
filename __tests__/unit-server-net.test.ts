// The service's outbound guard from src/ in process: address ranges, URL syntax, name resolution,
// and bounded fetches and posts against loopback servers (opened for them by host:port only).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkUrlSyntax,
  closeAgents,
  FetchError,
  fetchBounded,
  guardedAgent,
  postOnce,
  privateOpenFor,
  redactUrl,
  refusedAddress,
  resolveChecked,
  UrlRefusedError,
} from '../src/server/net.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
let server: http.Server;
let base: string;
let host: string;
const routes = new Map<string, Handler>();
const received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const h = routes.get(req.url!.split('?')[0]!);
      if (h) h(req, res, body);
      else res.writeHead(404).end('nope');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;
  routes.set('/img', (_q, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(100, 7)));
  routes.set('/typed-twice', (_q, res) => {
    res.setHeader('content-type', 'image/png');
    res.writeHead(200).end('ok');
  });
  routes.set('/r1', (_q, res) => res.writeHead(302, { location: '/r2' }).end());
  routes.set('/r2', (_q, res) => res.writeHead(301, { location: `${base}/img` }).end());
  routes.set('/to-metadata', (_q, res) =>
    res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  );
  routes.set('/loop', (_q, res) => res.writeHead(302, { location: '/loop' }).end());
  routes.set('/300-no-location', (_q, res) => res.writeHead(300, { 'content-type': 'image/png' }).end('x'));
  routes.set('/500', (_q, res) => res.writeHead(500).end('broken'));
  routes.set('/199', (_q, res) => res.writeHead(204).end());
  routes.set('/declared-big', (_q, res) => res.writeHead(200, { 'content-length': '101' }).end(Buffer.alloc(101)));
  routes.set('/declared-exact', (_q, res) => res.writeHead(200, { 'content-length': '100' }).end(Buffer.alloc(100, 1)));
  routes.set('/streamed-big', (_q, res) => {
    res.writeHead(200, { 'transfer-encoding': 'chunked' });
    res.write(Buffer.alloc(60));
    res.end(Buffer.alloc(60));
  });
  routes.set('/exact', (_q, res) => {
    res.writeHead(200, { 'transfer-encoding': 'chunked' });
    res.write(Buffer.alloc(60));
    res.end(Buffer.alloc(40));
  });
  routes.set('/slow', () => {});
  // A Location header only redirects on a 3xx.
  routes.set('/ok-with-location', (_q, res) =>
    res.writeHead(200, { location: '/img', 'content-type': 'text/plain' }).end('own body'),
  );
  routes.set('/300', (_q, res) => res.writeHead(300, { location: '/img' }).end());
  routes.set('/400-with-location', (_q, res) => res.writeHead(400, { location: '/img' }).end());
  routes.set('/hook', (_q, res) => res.writeHead(202).end('thanks'));
});
afterAll(async () => {
  await closeAgents();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const limits = (over: Partial<Parameters<typeof fetchBounded>[1]> = {}) => ({
  allowPrivate: false,
  allowHosts: new Set([host]),
  maxBytes: 100,
  timeoutMs: 5_000,
  maxRedirects: 3,
  ...over,
});
const refusal = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );

describe('refusedAddress', () => {
  it('passes public unicast addresses, v4 and v6', () => {
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(refusedAddress(ip, false), ip).toBeUndefined();
  });

  it('refuses private, loopback, link-local, metadata and other special ranges, naming the range', () => {
    expect(refusedAddress('10.0.0.1', false)).toBe('10.0.0.1 is a private address');
    expect(refusedAddress('127.0.0.1', false)).toBe('127.0.0.1 is a loopback address');
    expect(refusedAddress('::1', false)).toBe('::1 is a loopback address');
    expect(refusedAddress('169.254.169.254', false)).toBe('169.254.169.254 is a linkLocal address');
    expect(refusedAddress('fd00::1', false)).toBe('fd00::1 is a uniqueLocal address');
    expect(refusedAddress('::ffff:127.0.0.1', false)).toBe(
      '::ffff:127.0.0.1 is IPv4-mapped IPv6 for 127.0.0.1, a loopback address',
    );
    expect(refusedAddress('0.0.0.0', false)).toBe('0.0.0.0 is a unspecified address');
    expect(refusedAddress('not-an-ip', false)).toBe('"not-an-ip" is not an IP address');
  });

  it('opens private, loopback and unique-local when allowed, never link-local or unspecified', () => {
    for (const ip of ['10.0.0.1', '192.168.1.1', '127.0.0.1', '::1', 'fd00::1', '::ffff:10.1.2.3'])
      expect(refusedAddress(ip, true), ip).toBeUndefined();
    expect(refusedAddress('169.254.169.254', true)).toBe('169.254.169.254 is a linkLocal address');
    expect(refusedAddress('0.0.0.0', true)).toBe('0.0.0.0 is a unspecified address');
  });
});

describe('refusedAddress on IPv6 that carries IPv4', () => {
  it('names the standard that embeds the address, and the embedded address with its range', () => {
    const cases: Array<[string, string]> = [
      ['::ffff:0:7f00:1', 'IPv4-translated IPv6 for 127.0.0.1, a loopback address'],
      ['::ffff:0:10.0.0.1', 'IPv4-translated IPv6 for 10.0.0.1, a private address'],
      ['::7f00:1', 'IPv4-compatible IPv6 for 127.0.0.1, a loopback address'],
      // Written dotted: the WHATWG URL parser keeps it compatible where ipaddr.js alone reads it as mapped.
      ['::127.0.0.1', 'IPv4-compatible IPv6 for 127.0.0.1, a loopback address'],
      ['::5', 'IPv4-compatible IPv6 for 0.0.0.5, a unspecified address'],
      ['64:ff9b::7f00:1', 'NAT64 IPv6 for 127.0.0.1, a loopback address'],
      ['64:ff9b::10.0.0.1', 'NAT64 IPv6 for 10.0.0.1, a private address'],
      ['2002:a00:1::', '6to4 IPv6 for 10.0.0.1, a private address'],
      // RFC 4380 section 4's example: server 65.54.227.120 (public), client 192.0.2.45 obfuscated as 3fff:fdd2.
      ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo IPv6 for 192.0.2.45, a reserved address'],
      ['2001:0:a00:1:8000:63bf:f7f7:f7f7', 'Teredo IPv6 for 10.0.0.1, a private address'],
    ];
    for (const [ip, why] of cases) expect(refusedAddress(ip, false), ip).toBe(`${ip} is ${why}`);
    // :: and ::1 are IPv6's own unspecified and loopback addresses, not IPv4-compatible ones.
    expect(refusedAddress('::', false)).toBe(':: is a unspecified address');
    expect(refusedAddress('::1', false)).toBe('::1 is a loopback address');
    // A zone id: ipaddr.js reads it; only dotted IPv6 goes through the URL parser (which refuses zones).
    expect(refusedAddress('fe80::1%eth0', false)).toBe('fe80::1%eth0 is a linkLocal address');
  });

  it('refuses the local-use NAT64 prefix whatever it embeds; public addresses that only resemble a prefix pass', () => {
    expect(refusedAddress('64:ff9b:1::808:808', false)).toBe('64:ff9b:1::808:808 is a local-use NAT64 address');
    expect(refusedAddress('64:ff9b:1::808:808', true)).toBe('64:ff9b:1::808:808 is a local-use NAT64 address');
    // Google Public DNS (2001:4860::/32 is not Teredo's 2001:0::/32), ff9b as the second group of a
    // global address, 64:1:: outside the NAT64 prefix, and public IPv4 behind each standard.
    for (const ip of [
      '2001:4860:4860::8888',
      '2600:ff9b::7f00:1',
      '64:1::7f00:1',
      '::ffff:0:808:808',
      '2002:808:808::1',
      // ffff then a non-zero group: neither IPv4-mapped nor IPv4-translated.
      '::ffff:1:7f00:1',
    ])
      expect(refusedAddress(ip, false), ip).toBeUndefined();
  });
});

describe('redactUrl', () => {
  it('keeps origin and path, never credentials, query or fragment', () => {
    expect(redactUrl('https://u:p@h.example/a/b?token=x#f')).toBe('https://h.example/a/b?…');
    expect(redactUrl('https://h.example/a')).toBe('https://h.example/a');
    expect(redactUrl('/v1/renders?key=1')).toBe('/v1/renders?…');
    expect(redactUrl('/x#frag')).toBe('/x?…');
    expect(redactUrl('/x')).toBe('/x');
    expect(redactUrl('http://[::1')).toBe('<unparseable URL>');
  });
});

describe('checkUrlSyntax', () => {
  const why = (raw: string, allow = false) => {
    try {
      checkUrlSyntax(raw, allow);
    } catch (e) {
      expect(e).toBeInstanceOf(UrlRefusedError);
      expect((e as UrlRefusedError).code).toBe('url_refused');
      expect((e as UrlRefusedError).name).toBe('UrlRefusedError');
      return (e as Error).message;
    }
    return undefined;
  };

  it('takes http and https URLs to public hosts', () => {
    expect(checkUrlSyntax('https://example.com/a.png', false).href).toBe('https://example.com/a.png');
    expect(why('http://93.184.216.34/x')).toBeUndefined();
    expect(why('http://[2606:4700:4700::1111]/x')).toBeUndefined();
  });

  it('refuses non-URLs, other schemes, credentials, private literals and loopback names', () => {
    expect(why('not a url')).toBe('"not a url" is not a URL');
    expect(why('x'.repeat(300))).toBe(`"${'x'.repeat(100)}" is not a URL`);
    expect(why('file:///etc/passwd')).toBe('only http and https URLs are fetched, not file:');
    expect(why('ftp://example.com/a')).toBe('only http and https URLs are fetched, not ftp:');
    expect(why('http://user:pw@example.com/')).toBe('URLs with credentials are refused');
    expect(why('http://user@example.com/')).toBe('URLs with credentials are refused');
    expect(why('http://:pw@example.com/')).toBe('URLs with credentials are refused');
    expect(why('http://127.0.0.1:8080/')).toBe('refused to reach 127.0.0.1:8080: 127.0.0.1 is a loopback address');
    expect(why('http://[::1]/')).toBe('refused to reach [::1]: ::1 is a loopback address');
    expect(why('http://localhost/')).toBe('refused to reach localhost: a loopback name');
    expect(why('http://app.localhost:3000/')).toBe('refused to reach app.localhost:3000: a loopback name');
    expect(why('http://localhost.example.com/')).toBeUndefined();
  });

  it('lets private literals and loopback names through when allowed', () => {
    expect(why('http://127.0.0.1:8080/', true)).toBeUndefined();
    expect(why('http://localhost/', true)).toBeUndefined();
    expect(why('http://app.localhost/', true)).toBeUndefined();
    expect(why('http://169.254.169.254/', true)).toBe(
      'refused to reach 169.254.169.254: 169.254.169.254 is a linkLocal address',
    );
  });
});

describe('resolveChecked', () => {
  it('returns a literal address with its family, refusing a private one', async () => {
    expect(await resolveChecked('93.184.216.34', false)).toEqual([{ address: '93.184.216.34', family: 4 }]);
    expect(await resolveChecked('[2606:4700:4700::1111]', false)).toEqual([
      { address: '2606:4700:4700::1111', family: 6 },
    ]);
    expect(await resolveChecked('127.0.0.1', true)).toEqual([{ address: '127.0.0.1', family: 4 }]);
    const e = await refusal(resolveChecked('10.1.1.1', false));
    expect(e).toBeInstanceOf(UrlRefusedError);
    expect(e!.message).toBe('refused to reach 10.1.1.1: 10.1.1.1 is a private address');
  });

  it('resolves a name and refuses it when an address is refused', async () => {
    const e = await refusal(resolveChecked('localhost', false));
    expect(e).toBeInstanceOf(UrlRefusedError);
    expect(e!.message).toMatch(/^refused to reach localhost: it resolves to (127\.0\.0\.1|::1) is a loopback address$/);
    const ok = await resolveChecked('localhost', true);
    expect(ok.length).toBeGreaterThan(0);
    for (const a of ok) expect(['127.0.0.1', '::1']).toContain(a.address);
  });

  it('says a name that does not resolve cannot be fetched', async () => {
    const e = await refusal(resolveChecked('no-such-host.invalid', false));
    expect(e).toBeInstanceOf(FetchError);
    expect((e as FetchError).code).toBe('fetch_failed');
    expect(e!.name).toBe('FetchError');
    expect(e!.message).toMatch(/^cannot resolve no-such-host\.invalid: (ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/);
  });
});

describe('privateOpenFor', () => {
  it('opens private ranges everywhere with allowPrivate, else only for listed host:port origins', () => {
    const u = (s: string) => new URL(s);
    expect(privateOpenFor(u('http://10.0.0.1/x'), { allowPrivate: true })).toBe(true);
    expect(privateOpenFor(u('http://10.0.0.1/x'), { allowPrivate: false })).toBe(false);
    const hosts = new Set(['img.internal:80', 'img.internal:443', 'cdn.internal:8443']);
    expect(privateOpenFor(u('http://IMG.internal/x'), { allowPrivate: false, allowHosts: hosts })).toBe(true);
    expect(privateOpenFor(u('https://img.internal/x'), { allowPrivate: false, allowHosts: hosts })).toBe(true);
    expect(privateOpenFor(u('https://cdn.internal:8443/x'), { allowPrivate: false, allowHosts: hosts })).toBe(true);
    expect(privateOpenFor(u('https://cdn.internal/x'), { allowPrivate: false, allowHosts: hosts })).toBe(false);
    expect(
      privateOpenFor(u('http://cdn.internal:8443/x'), {
        allowPrivate: false,
        allowHosts: new Set(['cdn.internal:443']),
      }),
    ).toBe(false);
    expect(
      privateOpenFor(u('https://cdn.internal/x'), { allowPrivate: false, allowHosts: new Set(['cdn.internal:80']) }),
    ).toBe(false);
    expect(
      privateOpenFor(u('http://cdn.internal/x'), { allowPrivate: false, allowHosts: new Set(['cdn.internal:80']) }),
    ).toBe(true);
    expect(
      privateOpenFor(u('http://cdn.internal/x'), { allowPrivate: false, allowHosts: new Set(['cdn.internal:443']) }),
    ).toBe(false);
  });
});

describe('fetchBounded', () => {
  it('fetches a listed loopback origin with its content type and the final URL', async () => {
    const r = await fetchBounded(`${base}/img`, limits());
    expect(r.body).toEqual(Buffer.alloc(100, 7));
    expect(r.contentType).toBe('image/png');
    expect(r.url).toBe(`${base}/img`);
    const last = received.at(-1)!;
    expect(last.method).toBe('GET');
    expect(last.headers['user-agent']).toBe('storeshots-render-service');
    expect(last.headers.accept).toBe('image/png,image/jpeg;q=0.9,*/*;q=0.1');
  });

  it('refuses a loopback origin that is not listed, before connecting', async () => {
    const n = received.length;
    const e = await refusal(fetchBounded(`${base}/img`, limits({ allowHosts: new Set() })));
    expect(e).toBeInstanceOf(UrlRefusedError);
    expect(e!.message).toBe(`refused to reach ${host}: 127.0.0.1 is a loopback address`);
    const other = await refusal(fetchBounded(`${base}/img`, limits({ allowHosts: new Set(['127.0.0.1:1']) })));
    expect(other).toBeInstanceOf(UrlRefusedError);
    expect(received.length).toBe(n);
    // allowPrivate opens it without a list.
    expect((await fetchBounded(`${base}/img`, limits({ allowPrivate: true, allowHosts: undefined }))).body.length).toBe(
      100,
    );
  });

  it('follows redirects up to the limit, checking every hop', async () => {
    const r = await fetchBounded(`${base}/r1`, limits());
    expect(r.url).toBe(`${base}/img`);
    expect(r.body.length).toBe(100);
    const loop = await refusal(fetchBounded(`${base}/loop`, limits({ maxRedirects: 2 })));
    expect(loop).toBeInstanceOf(FetchError);
    expect([(loop as FetchError).code, loop!.message]).toEqual([
      'fetch_failed',
      `more than 2 redirects from ${base}/loop`,
    ]);
    const hops = received.filter((x) => x.url === '/loop').length;
    expect(hops).toBe(3);
    const none = await refusal(fetchBounded(`${base}/r1`, limits({ maxRedirects: 0 })));
    expect(none!.message).toBe(`more than 0 redirects from ${base}/r1`);
    expect((await fetchBounded(`${base}/r1`, limits({ maxRedirects: 2 }))).url).toBe(`${base}/img`);
    const meta = await refusal(fetchBounded(`${base}/to-metadata`, limits({ allowPrivate: true })));
    expect(meta).toBeInstanceOf(UrlRefusedError);
    expect(meta!.message).toBe('refused to reach 169.254.169.254: 169.254.169.254 is a linkLocal address');
  });

  it('follows a Location header on 300 to 399 only', async () => {
    expect((await fetchBounded(`${base}/ok-with-location`, limits())).body.toString()).toBe('own body');
    expect((await fetchBounded(`${base}/300`, limits())).url).toBe(`${base}/img`);
    const e = await refusal(fetchBounded(`${base}/400-with-location`, limits()));
    expect(e!.message).toBe(`${base}/400-with-location answered HTTP 400`);
    // The message quotes at most 100 characters of the URL it started from.
    const long = `${base}/loop?${'q'.repeat(200)}`;
    const loop = await refusal(fetchBounded(long, limits({ maxRedirects: 0 })));
    expect(loop!.message).toBe(`more than 0 redirects from ${long.slice(0, 100)}`);
  });

  it('refuses a non-2xx answer, naming the status', async () => {
    for (const [route, status] of [
      ['/500', 500],
      ['/nope', 404],
      ['/300-no-location', 300],
      ['/199', 204],
    ] as const) {
      if (status === 204) {
        expect((await fetchBounded(`${base}${route}`, limits())).body.length).toBe(0);
        continue;
      }
      const e = await refusal(fetchBounded(`${base}${route}`, limits()));
      expect(e).toBeInstanceOf(FetchError);
      expect([(e as FetchError).code, e!.message]).toEqual(['fetch_failed', `${base}${route} answered HTTP ${status}`]);
    }
  });

  it('refuses a body over the limit, declared or streamed; exactly the limit is fine', async () => {
    const declared = await refusal(fetchBounded(`${base}/declared-big`, limits()));
    expect([(declared as FetchError).code, declared!.message]).toEqual([
      'too_large',
      `${base}/declared-big is 101 bytes; the limit is 100`,
    ]);
    const streamed = await refusal(fetchBounded(`${base}/streamed-big`, limits()));
    expect([(streamed as FetchError).code, streamed!.message]).toEqual([
      'too_large',
      `${base}/streamed-big is larger than the limit of 100 bytes`,
    ]);
    expect((await fetchBounded(`${base}/exact`, limits())).body.length).toBe(100);
    // A declared length of exactly the limit is fine too.
    expect((await fetchBounded(`${base}/declared-exact`, limits())).body).toEqual(Buffer.alloc(100, 1));
    expect((await fetchBounded(`${base}/img`, limits({ maxBytes: 100 }))).body.length).toBe(100);
  });

  it('gives up at the deadline with a timeout error', async () => {
    const e = await refusal(fetchBounded(`${base}/slow`, limits({ timeoutMs: 200 })));
    expect(e).toBeInstanceOf(FetchError);
    expect([(e as FetchError).code, e!.message]).toEqual(['timeout', `fetching ${host} timed out`]);
  });

  it('reports a connection failure as fetch_failed', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const e = await refusal(fetchBounded(`http://127.0.0.1:${port}/x`, limits({ allowPrivate: true })));
    expect(e).toBeInstanceOf(FetchError);
    expect((e as FetchError).code).toBe('fetch_failed');
    expect(e!.message).toMatch(new RegExp(`^cannot fetch http://127\\.0\\.0\\.1:${port}/x: `));
  });

  it('connects to a name only through the checked lookup', async () => {
    const port = host.split(':')[1];
    const e = await refusal(
      fetchBounded(`http://localhost:${port}/img`, limits({ allowHosts: new Set([`localhost:${port}`]) })),
    );
    // localhost:port is listed, so the syntax check passes and the lookup lets loopback through.
    expect(e).toBeUndefined();
    const refused = await refusal(fetchBounded(`http://localhost:${port}/img`, limits({ allowHosts: new Set() })));
    expect(refused).toBeInstanceOf(UrlRefusedError);
    expect(refused!.message).toBe(`refused to reach localhost:${port}: a loopback name`);
  });
});

describe('guardedAgent', () => {
  it('keeps one agent per policy', async () => {
    expect(guardedAgent(true)).toBe(guardedAgent(true));
    expect(guardedAgent(false)).not.toBe(guardedAgent(true));
  });
});

describe('postOnce', () => {
  it('posts JSON once with the given headers and returns the status', async () => {
    const r = await postOnce(
      `${base}/hook`,
      '{"a":1}',
      { 'x-asa-event': 'render.succeeded' },
      { timeoutMs: 5_000, guard: true, allowPrivate: false, allowHosts: new Set([host]) },
    );
    expect(r).toEqual({ status: 202 });
    const last = received.at(-1)!;
    expect([
      last.method,
      last.url,
      last.body,
      last.headers['content-type'],
      last.headers['user-agent'],
      last.headers['x-asa-event'],
    ]).toEqual(['POST', '/hook', '{"a":1}', 'application/json', 'storeshots-render-service', 'render.succeeded']);
    // A redirect is an answer, not followed.
    expect(await postOnce(`${base}/r1`, '{}', {}, { timeoutMs: 5_000, guard: false })).toEqual({ status: 302 });
    expect(received.at(-1)!.url).toBe('/r1');
  });

  it("refuses an unlisted private target when guarded, and reaches it unguarded (the operator's own GitHub URL)", async () => {
    const e = await refusal(postOnce(`${base}/hook`, '{}', {}, { timeoutMs: 5_000, guard: true, allowPrivate: false }));
    expect(e).toBeInstanceOf(UrlRefusedError);
    expect(e!.message).toBe(`refused to reach ${host}: 127.0.0.1 is a loopback address`);
    expect(await postOnce(`${base}/hook`, '{}', {}, { timeoutMs: 5_000, guard: false })).toEqual({ status: 202 });
    expect(await postOnce(`${base}/hook`, '{}', {}, { timeoutMs: 5_000, guard: true, allowPrivate: true })).toEqual({
      status: 202,
    });
  });

  it('times out', async () => {
    const e = await refusal(postOnce(`${base}/slow`, '{}', {}, { timeoutMs: 200, guard: false }));
    expect([(e as FetchError).code, e!.message]).toEqual(['timeout', `fetching ${host} timed out`]);
  });
});
