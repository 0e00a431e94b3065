// All-or-nothing requests that make several jobs one after another (the bulk endpoints): each job is
// made `held` (storage/types.ts RenderStatus), its files stored as it is made, so nothing is kept in
// memory; the queue does not take a held job, no list shows it, no read finds it, no webhook fires.
// Once every job is made they are released to the queue in one transaction; when the request fails
// they are deleted, rows and files. While the request runs it renews their hold every third of
// HOLD_MS; a request that died (the process killed) leaves holds that lapse and the sweep deletes
// (Renders.sweep on every node; at start on the single-node serve, where every hold is a dead one's).
// docs/render-api.md#allscreenshots-v1screenshotsasync-v1screenshotsjobs-v1screenshotsbulk
import type { Clock } from './access.js';
import { ApiError } from './errors.js';
import type { Renders } from './renders.js';
import type { RenderRow, ServiceStore } from './storage/types.js';

/** How long a held job outlives the last renewal of its request: the sweep deletes it after that. */
export const HOLD_MS = 10 * 60_000;

export class Hold {
  private readonly ids: string[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly deps: { renders: Renders; store: ServiceStore; now: Clock },
    private readonly log: (msg: string) => void = () => undefined,
  ) {
    this.timer = setInterval(() => {
      void this.deps.store
        .renewHolds(this.ids, this.until())
        .catch((e: Error) => this.log(`renewing held jobs failed: ${e.message}`));
    }, HOLD_MS / 3);
    this.timer.unref();
  }

  /** The hold of a job made now (what Renders.create takes as `hold`). */
  until(): number {
    return this.deps.now() + HOLD_MS;
  }

  /** A job made under this hold. */
  add(row: RenderRow): RenderRow {
    this.ids.push(row.id);
    return row;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Queues every job made, together; false when a hold had lapsed (nothing is queued then). */
  release(): Promise<boolean> {
    this.stop();
    return this.deps.renders.release(this.ids);
  }

  /** Deletes every job made that is still held, rows and files. */
  discard(): Promise<void> {
    this.stop();
    return this.deps.renders.discard(this.ids);
  }
}

/**
 * Runs `make` (which makes its jobs through `hold`), then queues them all at once; when `make` throws or
 * the release fails, deletes them and rethrows (an error of the request names its field): nothing of
 * the request is queued, listed, counted or rendered. The rows `make` returns are held: the caller
 * shows them as queued.
 */
export async function allOrNothing<T>(
  deps: { renders: Renders; store: ServiceStore; now: Clock },
  make: (hold: Hold) => Promise<T>,
): Promise<T> {
  const hold = new Hold(deps);
  try {
    const out = await make(hold);
    if (!(await hold.release()))
      throw new ApiError(
        503,
        'hold_lapsed',
        `The request took longer than its jobs are held (${HOLD_MS / 60_000} minutes since the last renewal); none was made: send it again`,
      );
    return out;
  } catch (e) {
    // A store that fails here leaves them held: the sweep deletes them once the hold lapses.
    await hold.discard().catch(() => undefined);
    throw e;
  } finally {
    hold.stop();
  }
}
