// A client for the render API (docs/render-api.md): `storeshots serve` or any service speaking it.
// Retries 5xx, 429 (honouring Retry-After), resets and time-outs with exponential backoff;
// the clock and the sleep are injected so tests never wait for real.
import { backoffMs, retryAfterMs, retrying } from '../util/retry.js';
import { errorMessage } from '../util/errors.js';

export interface RemoteImage {
  index: number;
  slide: string;
  url: string;
  width: number;
  height: number;
  format: 'png' | 'jpeg';
  bytes: number;
  sha256: string;
}

export type RenderStatus = 'queued' | 'processing' | 'succeeded' | 'failed' | 'canceled';

export interface RemoteRender {
  id: string;
  status: RenderStatus;
  created_at?: string;
  completed_at?: string | null;
  expires_at?: string | null;
  images?: RemoteImage[];
  lint?: { findings: unknown[] };
  error?: { code: string; message: string } | null;
  metadata?: Record<string, unknown>;
  polling_url?: string;
}

export interface ClientOptions {
  baseUrl: string;
  apiKey?: string;
  /** Attempts after the first for one request (default 5). */
  retries?: number;
  /** First backoff, ms (default 500); doubles each attempt with jitter, capped at maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Time-out of one HTTP request, ms (default 60 s). */
  requestTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  /** Called when a request is retried, for logs. */
  onRetry?: (info: { attempt: number; reason: string; waitMs: number; url: string }) => void;
}

export class RemoteError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class RenderApiClient {
  readonly baseUrl: string;
  private readonly opts: Required<Omit<ClientOptions, 'apiKey' | 'onRetry'>> &
    Pick<ClientOptions, 'apiKey' | 'onRetry'>;

  constructor(opts: ClientOptions) {
    let url: URL;
    try {
      url = new URL(opts.baseUrl);
    } catch {
      throw new RemoteError(`Expected an http(s) URL for the render API but received ${JSON.stringify(opts.baseUrl)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new RemoteError(`Expected an http(s) URL for the render API but received ${JSON.stringify(opts.baseUrl)}`);
    }
    this.baseUrl = url.toString().replace(/\/+$/, '');
    this.opts = {
      retries: 5,
      minDelayMs: 500,
      maxDelayMs: 30_000,
      requestTimeoutMs: 60_000,
      sleep: realSleep,
      fetch: globalThis.fetch,
      ...opts,
    };
  }

  private url(p: string): string {
    return p.startsWith('http://') || p.startsWith('https://')
      ? p
      : `${this.baseUrl}${p.startsWith('/') ? '' : '/'}${p}`;
  }

  /** One HTTP exchange with retries; returns the successful Response (2xx). */
  async request(
    method: string,
    p: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const url = this.url(p);
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    if (this.opts.apiKey) headers.authorization = `Bearer ${this.opts.apiKey}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }
    return retrying(
      async () => {
        let res: Response;
        try {
          res = await this.opts.fetch(url, {
            method,
            headers,
            body,
            signal: AbortSignal.timeout(this.opts.requestTimeoutMs),
          });
        } catch (e) {
          throw new RemoteError(
            `${method} ${url} failed: ${e instanceof Error && e.cause ? errorMessage(e.cause) : errorMessage(e)}`,
          );
        }
        if (res.ok) return res;
        const text = await res.text().catch(() => '');
        let code: string | undefined;
        let message = text.slice(0, 500);
        try {
          const j = JSON.parse(text) as { error?: { code?: string; message?: string; param?: string } };
          code = j.error?.code;
          if (j.error?.message) message = `${j.error.message}${j.error.param ? ` (${j.error.param})` : ''}`;
        } catch {
          /* not JSON */
        }
        const err = new RemoteError(
          `${method} ${url} answered ${res.status}${code ? ` ${code}` : ''}: ${message}`,
          res.status,
          code,
        );
        if (res.status === 429 || res.status >= 500)
          (err as RemoteError & { retryAfter?: number }).retryAfter = retryAfterMs(res.headers.get('retry-after'));
        throw err;
      },
      {
        retries: this.opts.retries,
        sleep: (ms) => (ms > 0 ? this.opts.sleep(ms) : Promise.resolve()),
        // Cut connections, 429 and 5xx are retried; any other answer is final. After the last
        // attempt nothing is retried, so nothing is announced (onRetry would log a retry that never comes).
        delayAfter: (error, attempt) => {
          const status = (error as RemoteError).status;
          if (!(error instanceof RemoteError) || (status !== undefined && status !== 429 && status < 500))
            return undefined;
          if (attempt > this.opts.retries) return undefined;
          const hinted = (error as RemoteError & { retryAfter?: number }).retryAfter;
          // Jitter on our own backoff; a server's Retry-After is honoured as given.
          const wait =
            hinted !== undefined
              ? Math.min(hinted, this.opts.maxDelayMs * 4)
              : backoffMs(attempt, this.opts.minDelayMs, this.opts.maxDelayMs);
          this.opts.onRetry?.({ attempt, reason: error.message, waitMs: wait, url });
          return wait;
        },
      },
    ).catch((e: unknown) => {
      throw e instanceof RemoteError ? e : new RemoteError(errorMessage(e));
    });
  }

  async json<T>(
    method: string,
    p: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ data: T; headers: Headers; status: number }> {
    const res = await this.request(method, p, init);
    const text = await res.text();
    try {
      return { data: JSON.parse(text) as T, headers: res.headers, status: res.status };
    } catch {
      throw new RemoteError(`${method} ${this.url(p)} answered ${res.status} with a body that is not JSON`);
    }
  }

  createRender(body: unknown, idempotencyKey: string) {
    return this.json<RemoteRender>('POST', '/v1/renders', { body, headers: { 'idempotency-key': idempotencyKey } });
  }

  async getRender(id: string): Promise<RemoteRender> {
    return (await this.json<RemoteRender>('GET', `/v1/renders/${encodeURIComponent(id)}`)).data;
  }

  async cancel(id: string): Promise<RemoteRender> {
    return (await this.json<RemoteRender>('POST', `/v1/renders/${encodeURIComponent(id)}/cancel`)).data;
  }

  /** The bytes of one image; retried as a whole when the body is cut off midway. */
  async image(id: string, index: number, expect?: { bytes?: number }): Promise<Buffer> {
    const path = `/v1/renders/${encodeURIComponent(id)}/images/${index}`;
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {
      try {
        const res = await this.request('GET', path, { headers: { accept: 'image/*' } });
        const buf = Buffer.from(await res.arrayBuffer());
        if (expect?.bytes !== undefined && buf.length !== expect.bytes) {
          throw new RemoteError(`image ${index} of ${id}: got ${buf.length} bytes, expected ${expect.bytes}`);
        }
        return buf;
      } catch (e) {
        lastError = e;
        if (e instanceof RemoteError && e.status !== undefined && e.status < 500 && e.status !== 429) throw e;
        await this.opts.sleep(Math.min(this.opts.maxDelayMs, this.opts.minDelayMs * 2 ** attempt));
      }
    }
    throw new RemoteError(`downloading image ${index} of render ${id} failed: ${errorMessage(lastError)}`);
  }
}
