// Screenshot URLs and webhook targets must not reach the service's own network. These servers run
// WITHOUT STORESHOTS_ALLOW_PRIVATE_URLS; the redirect case opens exactly one loopback origin (the
// redirector) through STORESHOTS_ALLOW_HOSTS, so only the redirect's target is left to the guard.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusedAddress, resolveChecked, UrlRefusedError } from '../src/server/net.js';
import { api, cleanup, SCREEN_PNG, startServer, type ServerHandle } from './helpers/server.js';

interface Origin {
  url: string;
  port: number;
  hits: string[];
  close: () => Promise<void>;
}

async function origin(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Origin> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url!);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, hits, close: () => new Promise((r) => server.close(() => r())) };
}

const render = (url: string) => ({ async: true, canvas: { preset: 'play.phone' }, slides: [{ headline: 'Hi', screenshot: { url } }] });

describe('address policy', () => {
  it('refuses loopback, private, link-local, metadata and mapped addresses; allows public ones', () => {
    for (const ip of ['127.0.0.1', '10.0.0.5', '172.16.3.4', '192.168.1.1', '169.254.169.254', '100.100.100.200', '0.0.0.0', '::1', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:169.254.169.254', '224.0.0.1']) {
      expect(refusedAddress(ip, false), ip).toBeDefined();
    }
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111']) expect(refusedAddress(ip, false), ip).toBeUndefined();
    // The allow flag opens private and loopback, never link-local (cloud metadata) or unspecified.
    expect(refusedAddress('127.0.0.1', true)).toBeUndefined();
    expect(refusedAddress('10.0.0.5', true)).toBeUndefined();
    expect(refusedAddress('169.254.169.254', true)).toBeDefined();
    expect(refusedAddress('0.0.0.0', true)).toBeDefined();
  });

  it('refuses a name that resolves to loopback', async () => {
    await expect(resolveChecked('localhost', false)).rejects.toBeInstanceOf(UrlRefusedError);
  });
});

describe('the service refuses private screenshot URLs and webhook targets', () => {
  let server: ServerHandle;
  let target: Origin;

  beforeAll(async () => {
    target = await origin((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(SCREEN_PNG));
    server = await startServer({ env: { STORESHOTS_ALLOW_PRIVATE_URLS: undefined, STORESHOTS_ALLOW_HOSTS: undefined } });
  });
  afterAll(async () => {
    await server?.stop();
    await target?.close();
    if (server) cleanup(server.data);
  });

  for (const [name, url] of [
    ['loopback 127.0.0.1', () => `${target.url}/shot.png`],
    ['cloud metadata 169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a loopback name', () => `http://localhost:${target.port}/shot.png`],
    ['IPv6 loopback', () => `http://[::1]:${target.port}/shot.png`],
    ['IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${target.port}/shot.png`],
    ['a private network address', () => 'http://10.20.30.40/shot.png'],
  ] as const) {
    it(`refuses ${name}`, async () => {
      const r = await api(server.url, 'POST', '/v1/renders', render(url()));
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('url_refused');
      expect(r.body.error.param).toBe('slides[0].screenshot');
    });
  }

  it('never connected to the loopback origin', () => {
    expect(target.hits).toEqual([]);
  });

  it('refuses a loopback webhook_url when the request comes in', async () => {
    const r = await api(server.url, 'POST', '/v1/renders', { async: true, canvas: { preset: 'play.phone' }, slides: [{ headline: 'x' }], webhook_url: `${target.url}/hook`, webhook_secret: 's' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'url_refused', param: 'webhook_url' });
    expect(target.hits).toEqual([]);
  });
});

describe('redirects are checked at every hop', () => {
  let server: ServerHandle;
  let redirector: Origin;
  let inner: Origin;

  beforeAll(async () => {
    inner = await origin((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(SCREEN_PNG));
    redirector = await origin((req, res) => {
      const to: Record<string, string> = {
        '/to-loopback': `${inner.url}/shot.png`,
        '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
        '/to-private': 'http://192.168.0.10/shot.png',
        '/to-self': '/shot.png',
      };
      if (req.url === '/shot.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(SCREEN_PNG);
      if (req.url === '/not-an-image') return void res.writeHead(200, { 'content-type': 'image/png' }).end('<html>hello</html>');
      if (req.url === '/huge') return void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(64 * 1024, 1));
      if (req.url === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
      const loc = to[req.url!];
      if (!loc) return void res.writeHead(404).end();
      res.writeHead(302, { location: loc }).end();
    });
    server = await startServer({
      env: { STORESHOTS_ALLOW_PRIVATE_URLS: undefined, STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${redirector.port}`, STORESHOTS_MAX_SCREENSHOT_BYTES: String(32 * 1024) },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await redirector?.close();
    await inner?.close();
    if (server) cleanup(server.data);
  });

  it('fetches from the one allowed origin, following a redirect that stays there (control)', async () => {
    const r = await api(server.url, 'POST', '/v1/renders', render(`${redirector.url}/to-self`));
    expect(r.status).toBe(202);
    expect(redirector.hits).toContain('/shot.png');
  });

  for (const path of ['/to-loopback', '/to-metadata', '/to-private']) {
    it(`refuses a redirect ${path}`, async () => {
      const r = await api(server.url, 'POST', '/v1/renders', render(`${redirector.url}${path}`));
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'url_refused', param: 'slides[0].screenshot' });
    });
  }

  it('never reached the redirect targets', () => {
    expect(inner.hits).toEqual([]);
  });

  it('sniffs content before decoding, bounds size and redirect count', async () => {
    const notImage = await api(server.url, 'POST', '/v1/renders', render(`${redirector.url}/not-an-image`));
    expect(notImage.status).toBe(400);
    expect(notImage.body.error).toMatchObject({ code: 'unsupported_image', param: 'slides[0].screenshot' });
    const huge = await api(server.url, 'POST', '/v1/renders', render(`${redirector.url}/huge`));
    expect(huge.status).toBe(400);
    expect(huge.body.error.code).toBe('screenshot_too_large');
    const loop = await api(server.url, 'POST', '/v1/renders', render(`${redirector.url}/loop`));
    expect(loop.status).toBe(400);
    expect(loop.body.error.message).toMatch(/redirects/);
  });
});
