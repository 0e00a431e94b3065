// What the loopback store fakes (asc.ts, play.ts) share: a server on 127.0.0.1 with an ephemeral
// port, each request's body read whole before the fake's handler sees it, a handler that throws
// recorded as a violation (and answered 500) instead of crashing the test, and planted faults
// queued per operation that fire a set number of times.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Fault {
  /** The operation it fires on (each fake names its operations). */
  op: string;
  status?: number;
  retryAfter?: string;
  /** Close the connection instead of answering (a network cut). */
  cut?: boolean;
  /** How many times it fires (default 1). */
  times?: number;
}

export abstract class LoopbackFake<F extends Fault = Fault> {
  /** Base URL with a trailing slash, once started. */
  url = '';
  /** Every way a request, a response or the fake itself broke the contract. */
  readonly violations: string[] = [];
  faults: F[] = [];
  /** A fault with this op fires on any operation (undefined: none does). */
  protected readonly anyOp: string | undefined = undefined;
  private server?: Server;

  /** Answers one request; `raw` is its whole body, `url` its URL against this fake's base. */
  protected abstract handle(req: IncomingMessage, res: ServerResponse, raw: Buffer, url: URL): Promise<void> | void;

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      void this.receive(req, res).catch((e) => {
        this.violations.push(`fake crashed: ${(e as Error).stack}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }

  /** The first planted fault for `op` (or for any op) that has firings left, counted down. */
  protected takeFault(op: string): F | undefined {
    const f = this.faults.find(
      (x) => (x.op === op || (this.anyOp !== undefined && x.op === this.anyOp)) && (x.times ?? 1) > 0,
    );
    if (f) f.times = (f.times ?? 1) - 1;
    return f;
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    await this.handle(req, res, Buffer.concat(chunks), new URL(req.url ?? '/', this.url));
  }
}
