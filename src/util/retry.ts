// How every client of ours retries: one loop around p-retry (the wait goes through an injected
// sleep, so tests never sleep), exponential backoff with jitter over the upper half, and the
// Retry-After header (RFC 9110, 10.2.3) read as milliseconds.
import pRetry, { AbortError } from 'p-retry';

export interface RetryPlan {
  /** Attempts after the first, at most. */
  retries: number;
  /** Waits before a retry (tests: records the wait and returns at once). */
  sleep: (ms: number) => Promise<void>;
  /**
   * Called after every failed attempt (1-based `attempt`, the last one included): how long to
   * wait before the next, or undefined to give up now and throw `error`.
   */
  delayAfter: (error: unknown, attempt: number) => number | undefined;
}

/**
 * Runs `attempt` until it succeeds, `delayAfter` gives up, or `retries` retries are spent; then
 * throws the last attempt's own error (whatever was thrown, unwrapped).
 */
export async function retrying<T>(attempt: (n: number) => Promise<T>, plan: RetryPlan): Promise<T> {
  let wait = 0;
  let last: { error: unknown } | undefined;
  try {
    // p-retry counts the attempts; its own timer is off (0 ms): the wait is ours, before the next attempt.
    return await pRetry(
      async (n) => {
        if (n > 1) await plan.sleep(wait);
        try {
          return await attempt(n);
        } catch (error) {
          last = { error };
          const d = plan.delayAfter(error, n);
          if (d === undefined) throw new AbortError('storeshots: not retried');
          wait = d;
          throw new Error('storeshots: retry');
        }
      },
      { retries: plan.retries, minTimeout: 0, maxTimeout: 0, randomize: false },
    );
  } catch (e) {
    throw last ? last.error : e;
  }
}

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
