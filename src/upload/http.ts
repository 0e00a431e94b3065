// What the store clients need from the outside world, passed in (tests hand in a loopback base
// URL and a clock that does not sleep), and one retry rule for both stores: 429 waits for its
// Retry-After, 5xx and cut connections are retried when the request is safe to repeat (the loop
// is util/retry.ts's, with the injected clock and sleep).
import { backoffMs, retryAfterMs, retrying } from '../util/retry.js';

export interface Transport {
  fetch: typeof fetch;
  /** Waits (tests: records the wait and returns at once). */
  sleep: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Progress lines for the log (never credentials). */
  log: (line: string) => void;
}

export function defaultTransport(log: (line: string) => void = () => {}): Transport {
  return { fetch: globalThis.fetch, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), now: () => Date.now(), log };
}

export const MAX_ATTEMPTS = 5;
/** The longest Retry-After we honour; a longer one fails the run with the store's answer. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

export class StoreHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'StoreHttpError';
  }
}

export interface RetryDecision {
  status?: number;
  retryAfter?: string | null;
  /** A connection error rather than a response. */
  network?: boolean;
}

/**
 * Runs `attempt` until it succeeds or the failure is not worth repeating. `classify` says what a
 * thrown error was; `safe` says whether the request may be sent twice (not for creating POSTs,
 * whose repeat the next run's plan takes care of).
 */
export async function withRetry<T>(
  t: Transport,
  what: string,
  safe: boolean,
  attempt: () => Promise<T>,
  classify: (e: unknown) => RetryDecision,
): Promise<T> {
  return retrying(() => attempt(), {
    retries: MAX_ATTEMPTS - 1,
    sleep: t.sleep,
    delayAfter: (e, n) => {
      const d = classify(e);
      let wait: number | undefined;
      if (d.status === 429) {
        wait = retryAfterMs(d.retryAfter, t.now()) ?? backoffMs(n + 1, 1000, Infinity, () => 1);
        if (wait > MAX_RETRY_AFTER_MS) return undefined;
      } else if (safe && (d.network || (d.status !== undefined && d.status >= 500))) {
        wait = backoffMs(n, 1000, Infinity, () => 1);
      }
      if (wait === undefined || n >= MAX_ATTEMPTS) return undefined;
      t.log(
        `${what}: ${d.status ?? 'connection lost'}; retrying in ${Math.round(wait / 1000)} s (${n}/${MAX_ATTEMPTS - 1})`,
      );
      return wait;
    },
  });
}
