// The one way out of a capture's browser: Chromium is started with this loopback forward proxy as its
// only route to the network (loopback included: Playwright passes <-loopback>), so every connection the
// page makes — the document, every subresource, each redirect hop, fetches, websockets, anything a
// route handler cannot see — is made here, to the address the caller's `resolve` checked (no DNS
// rebinding between the check and the connect). A refused target gets 403 (HTTP) or a refused tunnel
// (CONNECT), and is reported through `onRefused`.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

/** Resolves a host to the one address to connect to, or throws with the reason it is refused. */
export type Resolve = (hostname: string) => Promise<string>;

export interface GuardProxy {
  url: string;
  close(): Promise<void>;
}

const HOP_HEADERS = ['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive'];

export async function startGuardProxy(
  resolve: Resolve,
  onRefused: (target: string, reason: string) => void,
): Promise<GuardProxy> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (url.protocol !== 'http:') {
      onRefused(url.href, `only http and https are fetched, not ${url.protocol}`);
      res.writeHead(403).end();
      return;
    }
    resolve(url.hostname).then(
      (address) => {
        const headers = { ...req.headers };
        for (const h of HOP_HEADERS) delete headers[h];
        const out = http.request(
          { host: address, port: url.port || 80, path: url.pathname + url.search, method: req.method, headers },
          (upstream) => {
            res.writeHead(upstream.statusCode ?? 502, upstream.headers);
            upstream.pipe(res);
          },
        );
        out.on('error', () => res.destroy());
        // The browser gave up on it (or closed): the upstream request goes too, answered or not.
        res.on('close', () => out.destroy());
        out.on('socket', (s: net.Socket) => {
          sockets.add(s);
          s.once('close', () => sockets.delete(s));
        });
        req.pipe(out);
      },
      (e: Error) => {
        onRefused(url.href, e.message);
        res.writeHead(403, { 'content-type': 'text/plain' }).end('refused by storeshots');
      },
    );
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => client.destroy());
    const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(req.url ?? '');
    if (!m) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const [, host, port] = m as unknown as [string, string, string];
    resolve(host).then(
      (address) => {
        const upstream = net.connect(Number(port), address, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          if (head.length) upstream.write(head);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        sockets.add(upstream);
        upstream.once('close', () => sockets.delete(upstream));
        upstream.on('error', () => client.destroy());
      },
      (e: Error) => {
        onRefused(`${Number(port) === 443 ? 'https' : 'tunnel'}://${req.url}`, e.message);
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      },
    );
  });
  // A websocket upgrade sent to the proxy itself (not tunnelled) is not a thing Chromium does; refuse it.
  server.on('upgrade', (_req, socket: net.Socket) => socket.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
