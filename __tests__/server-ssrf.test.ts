// Screenshot URLs and webhook targets must not reach the service's own network. These servers run
// WITHOUT STORESHOTS_ALLOW_PRIVATE_URLS; the redirect case opens exactly one loopback origin (the
// redirector) through STORESHOTS_ALLOW_HOSTS, so only the redirect's target is left to the guard.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusedAddress, resolveChecked, UrlRefusedError } from '../src/server/net.js';
import { api, cleanup, SCREEN_PNG, startService, type ServerHandle } from './helpers/server.js';

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

const render = (url: string) => ({
  async: true,
  canvas: { preset: 'play.phone' },
  slides: [{ headline: 'Hi', screenshot: { url } }],
});

describe('address policy', () => {
  it('refuses loopback, private, link-local, metadata and mapped addresses; allows public ones', () => {
    for (const ip of [
      '127.0.0.1',
      '10.0.0.5',
      '172.16.3.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
      '224.0.0.1',
    ]) {
      expect(refusedAddress(ip, false), ip).toBeDefined();
    }
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])
      expect(refusedAddress(ip, false), ip).toBeUndefined();
    // The allow flag opens private and loopback, never link-local (cloud metadata) or unspecified.
    expect(refusedAddress('127.0.0.1', true)).toBeUndefined();
    expect(refusedAddress('10.0.0.5', true)).toBeUndefined();
    expect(refusedAddress('169.254.169.254', true)).toBeDefined();
    expect(refusedAddress('0.0.0.0', true)).toBeDefined();
  });

  // Every IPv6 form that carries an IPv4 address is judged by the IPv4 address it carries.
  const embedding: Array<[string, (v4hex: [string, string], v4: string) => string]> = [
    ['IPv4-compatible (::/96), hex', ([h, l]) => `::${h}:${l}`],
    ['IPv4-compatible (::/96), dotted', (_, v4) => `::${v4}`],
    ['IPv4-mapped (::ffff:0:0/96)', ([h, l]) => `::ffff:${h}:${l}`],
    ['IPv4-translated (::ffff:0:0:0/96)', ([h, l]) => `::ffff:0:${h}:${l}`],
    ['NAT64 (64:ff9b::/96)', ([h, l]) => `64:ff9b::${h}:${l}`],
    ['NAT64, dotted', (_, v4) => `64:ff9b::${v4}`],
    ['6to4 (2002::/16)', ([h, l]) => `2002:${h}:${l}::1`],
    // Teredo: 2001:0:<server>:<flags>:<port>:<client XOR ffff:ffff>; the client is the embedded one here.
    [
      'Teredo client (2001::/32)',
      ([h, l]) =>
        `2001:0:4136:e378:8000:63bf:${(~parseInt(h, 16) & 0xffff).toString(16)}:${(~parseInt(l, 16) & 0xffff).toString(16)}`,
    ],
    ['Teredo server (2001::/32)', ([h, l]) => `2001:0:${h}:${l}:8000:63bf:f7f7:f7f7`],
  ];
  const hex = (v4: string): [string, string] => {
    const b = v4.split('.').map(Number);
    return [((b[0]! << 8) | b[1]!).toString(16), ((b[2]! << 8) | b[3]!).toString(16)];
  };

  for (const [form, make] of embedding) {
    it(`judges ${form} by the embedded IPv4 address`, () => {
      for (const v4 of ['127.0.0.1', '169.254.169.254', '10.0.0.1', '192.168.1.20', '100.100.100.200', '0.0.0.0']) {
        const ip = make(hex(v4), v4);
        expect(refusedAddress(ip, false), `${ip} (${v4})`).toMatch(/is .*IPv6 for|is a /);
      }
      // Cloud metadata (link-local) stays closed even where private ranges are opened.
      expect(refusedAddress(make(hex('169.254.169.254'), '169.254.169.254'), true)).toBeDefined();
      // A public embedded address is a public address (control).
      expect(refusedAddress(make(hex('8.8.8.8'), '8.8.8.8'), false)).toBeUndefined();
    });
  }

  it('refuses the local-use NAT64 prefix (64:ff9b:1::/48) whatever it embeds', () => {
    expect(refusedAddress('64:ff9b:1::808:808', false)).toBeDefined();
    expect(refusedAddress('64:ff9b:1::808:808', true)).toBeDefined();
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
    server = await startService({
      env: { STORESHOTS_ALLOW_PRIVATE_URLS: undefined, STORESHOTS_ALLOW_HOSTS: undefined },
    });
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
    const r = await api(server.url, 'POST', '/v1/renders', {
      async: true,
      canvas: { preset: 'play.phone' },
      slides: [{ headline: 'x' }],
      webhook_url: `${target.url}/hook`,
      webhook_secret: 's',
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'url_refused', param: 'webhook_url' });
    expect(target.hits).toEqual([]);
  });
});

describe('no IPv6 or numeric spelling of an internal address is ever connected to', () => {
  let server: ServerHandle;
  let listener: net.Server;
  let port = 0;
  let connections = 0;

  beforeAll(async () => {
    listener = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    port = (listener.address() as AddressInfo).port;
    server = await startService({
      env: {
        STORESHOTS_ALLOW_PRIVATE_URLS: undefined,
        STORESHOTS_ALLOW_HOSTS: undefined,
        STORESHOTS_WEBHOOK_SECRET: 'whsec_ssrf',
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await new Promise<void>((r) => listener.close(() => r()));
    if (server) cleanup(server.data);
  });

  // The SSRF corpus: every address points at the loopback listener (or at cloud metadata / a private network).
  const hosts = () => [
    '[::127.0.0.1]',
    '[::7f00:1]',
    '[::169.254.169.254]',
    '[::a9fe:a9fe]',
    '[::a00:1]',
    '[::ffff:127.0.0.1]',
    '[::ffff:7f00:1]',
    '[::ffff:0:7f00:1]',
    '[::ffff:169.254.169.254]',
    '[64:ff9b::127.0.0.1]',
    '[64:ff9b::7f00:1]',
    '[64:ff9b::a9fe:a9fe]',
    '[64:ff9b:1::7f00:1]',
    '[2002:7f00:1::]',
    '[2002:a9fe:a9fe::1]',
    '[2001:0:4136:e378:8000:63bf:80ff:fffe]',
    '[2001:0:7f00:1:8000:63bf:f7f7:f7f7]',
    '[::1]',
    '[0:0:0:0:0:0:0:1]',
    '[::]',
    '[fe80::1]',
    '[fd00::1]',
    '127.0.0.1',
    '127.1',
    '2130706433',
    '0x7f000001',
    '0x7f.0.0.1',
    '0177.0.0.1',
    '0',
    '0.0.0.0',
    '169.254.169.254',
    '[::ffff:a9fe:a9fe]',
    'localhost',
    'LOCALHOST',
    'localhost.',
    'a.localhost',
  ];

  it('refuses each of them as a webhook_url and as a screenshot URL, naming the field', async () => {
    const refused: string[] = [];
    for (const host of hosts()) {
      const url = `http://${host}:${port}/hook?token=t`;
      const hook = await api(server.url, 'POST', '/v1/renders', {
        async: true,
        canvas: { preset: 'play.phone' },
        slides: [{ headline: 'x' }],
        webhook_url: url,
      });
      expect(hook.status, `${url}: ${JSON.stringify(hook.body)}`).toBe(400);
      expect(hook.body.error, url).toMatchObject({ code: 'url_refused', param: 'webhook_url' });
      const shot = await api(server.url, 'POST', '/v1/renders', render(url));
      expect(shot.status, `${url}: ${JSON.stringify(shot.body)}`).toBe(400);
      expect(shot.body.error, url).toMatchObject({ code: 'url_refused', param: 'slides[0].screenshot' });
      refused.push(host);
    }
    expect(refused).toHaveLength(hosts().length);
  });

  it('the loopback listener saw 0 connections', () => {
    expect(connections).toBe(0);
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
      if (req.url === '/not-an-image')
        return void res.writeHead(200, { 'content-type': 'image/png' }).end('<html>hello</html>');
      if (req.url === '/huge')
        return void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(64 * 1024, 1));
      if (req.url === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
      const loc = to[req.url!];
      if (!loc) return void res.writeHead(404).end();
      res.writeHead(302, { location: loc }).end();
    });
    server = await startService({
      env: {
        STORESHOTS_ALLOW_PRIVATE_URLS: undefined,
        STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${redirector.port}`,
        STORESHOTS_MAX_SCREENSHOT_BYTES: String(32 * 1024),
      },
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
