// The retry arithmetic every client shares: exponential backoff with jitter over the upper half,
// and the Retry-After header (RFC 9110, 10.2.3) read as milliseconds.

/**
 * The wait before retry `attempt` (1 = the first retry): baseMs doubled per attempt, capped at
 * maxMs, then spread over its upper half by `random` ([0, 1)) so many clients never retry at
 * once. `() => 1` gives the plain doubling with no jitter.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/**
 * Retry-After as milliseconds: delay-seconds (digits only) or an HTTP date (in the past: 0),
 * which in all three of its forms starts with a day name; undefined when absent or unreadable.
 */
export function retryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = /^\s*[A-Za-z]{3}/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
