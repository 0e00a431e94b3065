// Outbound HTTP that a request can steer (screenshot URLs, webhooks) must not reach the service's own
// network: private, loopback, link-local and cloud-metadata addresses are refused. The check runs in
// the socket's DNS lookup, so the connection goes to exactly the address that was checked (no
// rebinding between check and connect), and again on every redirect hop.
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, request, type Dispatcher } from 'undici';
import { errorMessage } from '../util/errors.js';
import { bareHost, FetchError, refusedAddress, resolveChecked, UrlRefusedError } from './address.js';

// The address rules live in address.ts (no HTTP client: the CLI's web capture uses them too).
export { FetchError, refusedAddress, resolveChecked, UrlRefusedError } from './address.js';

/** A URL as logs show it: origin and path, never the query or fragment (they may hold tokens) or credentials. */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw, 'http://relative.invalid');
    const origin = u.origin === 'http://relative.invalid' ? '' : u.origin;
    return `${origin}${u.pathname}${u.search || u.hash ? '?…' : ''}`;
  } catch {
    return '<unparseable URL>';
  }
}

/** Syntax and literal-address checks of an outbound URL (DNS is checked when connecting). */
export function checkUrlSyntax(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlRefusedError(`"${raw.slice(0, 100)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UrlRefusedError(`only http and https URLs are fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new UrlRefusedError('URLs with credentials are refused');
  const host = bareHost(url.hostname);
  if (ipaddr.isValid(host)) {
    const why = refusedAddress(host, allowPrivate);
    if (why) throw new UrlRefusedError(`refused to reach ${url.host}: ${why}`);
  } else if (!allowPrivate && /(^|\.)localhost\.*$/i.test(host)) {
    // RFC 6761: every *.localhost name is loopback, with or without the root's trailing dot.
    throw new UrlRefusedError(`refused to reach ${url.host}: a loopback name`);
  }
  return url;
}

function checkedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolveChecked(hostname, allowPrivate).then(
      (list) => {
        const family = typeof options === 'object' && options ? options.family : undefined;
        const wanted = family === 4 || family === 6 ? list.filter((a) => a.family === family) : list;
        if (wanted.length === 0)
          return callback(
            Object.assign(new Error(`no IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' }),
            '',
            0,
          );
        if (typeof options === 'object' && options?.all)
          return (callback as unknown as (e: null, l: typeof list) => void)(null, wanted);
        callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (e: Error) => callback(e as NodeJS.ErrnoException, '', 0),
    );
  };
}

const agents = new Map<boolean, Agent>();

/** An undici dispatcher whose every connection goes through the address check. */
export function guardedAgent(allowPrivate: boolean): Agent {
  let a = agents.get(allowPrivate);
  if (!a) {
    a = new Agent({ connect: { lookup: checkedLookup(allowPrivate), timeout: 10_000 }, keepAliveTimeout: 4_000 });
    agents.set(allowPrivate, a);
  }
  return a;
}

export async function closeAgents(): Promise<void> {
  await Promise.all([...agents.values()].map((a) => a.close().catch(() => undefined)));
  agents.clear();
}

/** Unwraps undici's connect error to the refusal that caused it. */
function rethrow(e: unknown, url: URL, signal: AbortSignal): never {
  let err = e as Error & { cause?: unknown };
  for (let i = 0; i < 4 && err; i++) {
    if (err instanceof UrlRefusedError || err instanceof FetchError) throw err;
    err = err.cause as Error & { cause?: unknown };
  }
  if (signal.aborted) throw new FetchError('timeout', `fetching ${url.host} timed out`);
  throw new FetchError('fetch_failed', `cannot fetch ${url.origin}${url.pathname}: ${errorMessage(e)}`);
}

/** Who outbound requests may reach: `allowPrivate` opens private and loopback ranges everywhere;
 * `allowHosts` opens them for exact `host:port` origins only (a test or an internal image host). */
export interface NetPolicy {
  allowPrivate: boolean;
  allowHosts?: ReadonlySet<string>;
}

/** Whether private and loopback addresses are open for this URL under the policy. */
export function privateOpenFor(url: URL, policy: NetPolicy): boolean {
  if (policy.allowPrivate) return true;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return policy.allowHosts?.has(`${url.hostname.toLowerCase()}:${port}`) ?? false;
}

export interface FetchLimits extends NetPolicy {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

/** GETs a URL with every hop checked, a size cap (declared and streamed) and one deadline for the whole fetch. */
export async function fetchBounded(
  raw: string,
  limits: FetchLimits,
): Promise<{ body: Buffer; contentType?: string; url: string }> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const check = (u: string) => {
    const parsed = checkUrlSyntax(u, true);
    return checkUrlSyntax(u, privateOpenFor(parsed, limits));
  };
  let url = check(raw);
  for (let hop = 0; ; hop++) {
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: 'GET',
        dispatcher: guardedAgent(privateOpenFor(url, limits)),
        signal,
        headers: { 'user-agent': 'storeshots-render-service', accept: 'image/png,image/jpeg;q=0.9,*/*;q=0.1' },
      });
    } catch (e) {
      rethrow(e, url, signal);
    }
    if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
      await res.body.dump().catch(() => undefined);
      if (hop >= limits.maxRedirects)
        throw new FetchError('fetch_failed', `more than ${limits.maxRedirects} redirects from ${raw.slice(0, 100)}`);
      const loc = Array.isArray(res.headers.location) ? res.headers.location[0]! : res.headers.location;
      url = check(new URL(loc, url).toString());
      continue;
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      await res.body.dump().catch(() => undefined);
      throw new FetchError('fetch_failed', `${url.origin}${url.pathname} answered HTTP ${res.statusCode}`);
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      // Destroying undici's body emits an abort error: without a listener it is an uncaught exception.
      res.body.on('error', () => undefined).destroy();
      throw new FetchError(
        'too_large',
        `${url.origin}${url.pathname} is ${declared} bytes; the limit is ${limits.maxBytes}`,
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > limits.maxBytes) {
          res.body.destroy();
          throw new FetchError(
            'too_large',
            `${url.origin}${url.pathname} is larger than the limit of ${limits.maxBytes} bytes`,
          );
        }
        chunks.push(chunk as Buffer);
      }
    } catch (e) {
      rethrow(e, url, signal);
    }
    const ct = res.headers['content-type'];
    return { body: Buffer.concat(chunks), contentType: Array.isArray(ct) ? ct[0] : ct, url: url.toString() };
  }
}

/** POSTs a body once (no redirects followed): one webhook or dispatch attempt. */
export async function postOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: { timeoutMs: number; guard: false } | ({ timeoutMs: number; guard: true } & NetPolicy),
): Promise<{ status: number }> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const parsed = new URL(url);
  const open = opts.guard ? privateOpenFor(parsed, opts) : true;
  const target = opts.guard ? checkUrlSyntax(url, open) : parsed;
  try {
    const res = await request(target, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'storeshots-render-service', ...headers },
      signal,
      ...(opts.guard ? { dispatcher: guardedAgent(open) } : {}),
    });
    await res.body.dump().catch(() => undefined);
    return { status: res.statusCode };
  } catch (e) {
    rethrow(e, target, signal);
  }
}
