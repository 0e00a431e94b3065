// Which addresses outbound requests may reach, and resolving a name under that rule: private,
// loopback, link-local and cloud-metadata addresses are refused (private and loopback open on
// request). No HTTP client here (net.ts has it), so the CLI's web capture can use the same rules.
import dns from 'node:dns';
import ipaddr from 'ipaddr.js';
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

export const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

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
