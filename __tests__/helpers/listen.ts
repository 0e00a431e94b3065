// A loopback HTTP server for one test file's pages, traps and webhook receivers: it reads each
// request's whole body, records the path in `hits`, and hands both to the test's handler. Listens on
// 127.0.0.1 at a free port; close() cuts open connections (a browser's keep-alive) before closing.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Listener = { url: string; port: number; hits: string[]; close: () => Promise<void> };

export async function listen(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void,
): Promise<Listener> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push(req.url!);
      handler(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
