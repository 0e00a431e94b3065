// Sends exact bytes to a loopback server (no client normalising the path, the request line or the
// headers) and reads back one HTTP/1.1 response: what an attacker's curl --path-as-is or netcat does.
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

/** Writes `head` (+ body) on a fresh connection and resolves with the response once the server closes it. */
export function rawRequest(
  port: number,
  head: string,
  body: Buffer | string = '',
  opts: { halfClose?: boolean } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNRESET' && chunks.length ? undefined : reject(e),
    );
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no HTTP response: ${JSON.stringify(text.slice(0, 200))}`));
      const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      let payload = Buffer.from(text.slice(end + 4), 'latin1');
      if (headers['transfer-encoding'] === 'chunked') {
        const out: Buffer[] = [];
        let rest = payload.toString('latin1');
        for (;;) {
          const nl = rest.indexOf('\r\n');
          const size = parseInt(rest.slice(0, nl), 16);
          if (!size) break;
          out.push(Buffer.from(rest.slice(nl + 2, nl + 2 + size), 'latin1'));
          rest = rest.slice(nl + 2 + size + 2);
        }
        payload = Buffer.concat(out);
      } else if (headers['content-length'] !== undefined) {
        payload = payload.subarray(0, Number(headers['content-length']));
      }
      const bodyText = payload.toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(bodyText);
      } catch {
        json = undefined;
      }
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: bodyText, json });
    });
    socket.write(
      head.includes('\r\n\r\n') ? head : `${head}${head.endsWith('\r\n') ? '' : '\r\n'}Connection: close\r\n\r\n`,
    );
    if (body.length) socket.write(body);
    if (opts.halfClose) socket.end();
  });
}
