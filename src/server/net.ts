// Outbound HTTP that a request can steer (screenshot URLs, webhooks) must not reach the service's own
// network: private, loopback, link-local and cloud-metadata addresses are refused. The check runs in
// the socket's DNS lookup, so the connection goes to exactly the address that was checked (no
// rebinding between check and connect), and again on every redirect hop.
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, request, type Dispatcher } from 'undici';
import { errorMessage } from '../util/errors.js';

export class UrlRefusedError extends Error {
  readonly code = 'url_refused';
  constructor(message: string) {
    super(message);
    this.name = 'UrlRefusedError';
  }
}

export class FetchError extends Error {
  constructor(
    readonly code: 'fetch_failed' | 'too_large' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/** Ranges that `STORESHOTS_ALLOW_PRIVATE_URLS=1` opens (tests, trusted networks). Link-local (incl. 169.254.169.254) stays closed. */
const PRIVATE_RANGES = new Set(['private', 'loopback', 'uniqueLocal']);

/** The IPv4 addresses an IPv6 address carries, by the standard that embeds them. Traffic to such an
 * address ends up at (or is steered by) the IPv4 address, so it is judged by that address's class. */
export function embeddedIPv4(addr: ipaddr.IPv6): { form: string; addresses: ipaddr.IPv4[] } | undefined {
  const p = addr.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const zero = (from: number, to: number) => p.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (RFC 4291 2.5.5.2)
  if (zero(0, 5) && p[5] === 0xffff) return { form: 'IPv4-mapped', addresses: [v4(p[6]!, p[7]!)] };
  // ::ffff:0:a.b.c.d (RFC 6145/2765 IPv4-translated)
  if (zero(0, 4) && p[4] === 0xffff && p[5] === 0) return { form: 'IPv4-translated', addresses: [v4(p[6]!, p[7]!)] };
  // ::a.b.c.d (RFC 4291 2.5.5.1, deprecated IPv4-compatible); :: and ::1 are IPv6's own.
  if (zero(0, 6) && !(p[6] === 0 && (p[7] === 0 || p[7] === 1)))
    return { form: 'IPv4-compatible', addresses: [v4(p[6]!, p[7]!)] };
  // 64:ff9b::a.b.c.d (RFC 6052 well-known NAT64 prefix)
  if (p[0] === 0x64 && p[1] === 0xff9b && zero(2, 6)) return { form: 'NAT64', addresses: [v4(p[6]!, p[7]!)] };
  // 2002:AABB:CCDD::/48 (RFC 3056 6to4)
  if (p[0] === 0x2002) return { form: '6to4', addresses: [v4(p[1]!, p[2]!)] };
  // 2001:0:SSSS:SSSS:flags:port:~CCCC:~CCCC (RFC 4380 Teredo: server, and the client obfuscated)
  if (p[0] === 0x2001 && p[1] === 0)
    return { form: 'Teredo', addresses: [v4(p[2]!, p[3]!), v4(~p[6]! & 0xffff, ~p[7]! & 0xffff)] };
  return undefined;
}

/** Why an address is refused, or undefined when it is a public unicast address. IPv6 addresses that
 * embed IPv4 (mapped, translated, compatible, NAT64, 6to4, Teredo) are judged by the embedded address. */
export function refusedAddress(ip: string, allowPrivate: boolean): string | undefined {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // ipaddr.js reads "::a.b.c.d" as mapped (::ffff:a.b.c.d); the WHATWG URL parser keeps it as written.
    addr = ipaddr.parse(ip.includes(':') && ip.includes('.') ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip);
  } catch {
    return `"${ip}" is not an IP address`;
  }
  const why = (a: ipaddr.IPv4 | ipaddr.IPv6): string | undefined => {
    const range = a.range();
    if (range === 'unicast') return undefined;
    if (allowPrivate && PRIVATE_RANGES.has(range)) return undefined;
    return `a ${range} address`;
  };
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6;
    // The local-use NAT64 prefix (RFC 8215) translates into the operator's own network: never public.
    if (v6.match(ipaddr.IPv6.parse('64:ff9b:1::'), 48)) return `${ip} is a local-use NAT64 address`;
    const embedded = embeddedIPv4(v6);
    if (embedded) {
      for (const a of embedded.addresses) {
        const w = why(a);
        if (w) return `${ip} is ${embedded.form} IPv6 for ${a.toString()}, ${w}`;
      }
      return undefined;
    }
  }
  const w = why(addr);
  return w ? `${ip} is ${w}` : undefined;
}

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

const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

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

/** Resolves a name and refuses it when any of its addresses is refused (so DNS tricks cannot pick the private one). */
export async function resolveChecked(
  hostname: string,
  allowPrivate: boolean,
): Promise<Array<{ address: string; family: number }>> {
  const host = bareHost(hostname);
  if (ipaddr.isValid(host)) {
    const why = refusedAddress(host, allowPrivate);
    if (why) throw new UrlRefusedError(`refused to reach ${hostname}: ${why}`);
    return [{ address: host, family: host.includes(':') ? 6 : 4 }];
  }
  let list: dns.LookupAddress[];
  try {
    list = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch (e) {
    throw new FetchError(
      'fetch_failed',
      `cannot resolve ${hostname}: ${(e as NodeJS.ErrnoException).code ?? errorMessage(e)}`,
    );
  }
  for (const a of list) {
    const why = refusedAddress(a.address, allowPrivate);
    if (why) throw new UrlRefusedError(`refused to reach ${hostname}: it resolves to ${why}`);
  }
  if (list.length === 0) throw new FetchError('fetch_failed', `${hostname} has no addresses`);
  return list;
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
