// waitFor, the one polling loop of the tests, on a fake clock: what it resolves with, when it gives
// up and what it says then, and that an error from the awaited check ends the wait at once.
import { describe, expect, it } from 'vitest';
import { waitFor } from './helpers/wait.js';

function fakeClock() {
  let t = 1_000;
  const pauses: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (pauses.push(ms), (t += ms)), pauses };
}

describe('waitFor', () => {
  it('resolves with the first value that is not undefined, null or false, pausing intervalMs between calls', async () => {
    const clock = fakeClock();
    const answers = [undefined, null, false, 0, 7];
    let calls = 0;
    const v = await waitFor(() => answers[calls++], { timeoutMs: 1_000, intervalMs: 25, ...clock });
    expect(v).toBe(0); // 0 is a value
    expect(calls).toBe(4);
    expect(clock.pauses).toEqual([25, 25, 25]);
  });

  it('gives up at the deadline, naming what it waited for', async () => {
    const clock = fakeClock();
    let state = 'queued';
    const p = waitFor(() => undefined, {
      timeoutMs: 100,
      intervalMs: 30,
      what: () => `render to end (now ${state})`,
      ...clock,
    });
    state = 'processing';
    await expect(p).rejects.toThrow('waitFor: not reached after 100 ms: render to end (now processing)');
    expect(clock.pauses).toEqual([30, 30, 30, 30]);
  });

  it('ends at once when the check throws', async () => {
    const clock = fakeClock();
    let calls = 0;
    const p = waitFor(
      () => {
        calls++;
        if (calls === 2) throw new Error('render ended before the kill');
        return undefined;
      },
      { timeoutMs: 10_000, intervalMs: 10, ...clock },
    );
    await expect(p).rejects.toThrow('render ended before the kill');
    expect(calls).toBe(2);
  });
});
