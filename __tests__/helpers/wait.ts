// One polling loop for every test that waits for something a process does on its own time (a log
// line, a render reaching a state, a delivery arriving). The bound is not a timing assertion: it
// turns a missing event into a failure that says what was awaited, instead of a hung test.

export interface WaitOptions {
  /** Give up after this long (wall clock) with an error naming what was awaited. */
  timeoutMs: number;
  /** Pause between two calls of `fn`. */
  intervalMs: number;
  /** What is awaited, for the error (called once, on time-out, so it may show current state). */
  what?: string | (() => string);
  /** The clock and the pause (tests of waitFor itself hand in fakes). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Calls `fn` until it returns a value other than undefined, null or false, and resolves with that
 * value. An error thrown by `fn` ends the wait at once (a state that can no longer turn out well).
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  opts: WaitOptions,
): Promise<Exclude<T, undefined | null | false>> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = now() + opts.timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== null && v !== false) return v as Exclude<T, undefined | null | false>;
    if (now() >= deadline) {
      const what = typeof opts.what === 'function' ? opts.what() : (opts.what ?? String(fn));
      throw new Error(`waitFor: not reached after ${opts.timeoutMs} ms: ${what}`);
    }
    await sleep(opts.intervalMs);
  }
}
