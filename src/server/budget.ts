// Decode memory shared by all render workers. Every image a render makes decodes its screenshot to
// raw RGBA (and copies it onto a canvas) and draws a canvas of the output size: a 40-megapixel PNG of
// 115 KB costs over 300 MB while it renders. Workers take their job's estimated cost from one budget
// before they start (FIFO; a job larger than the whole budget runs alone), so N concurrent renders
// of such images use the budget, not N times the image.
import { readFileSync } from 'node:fs';
import type { Job } from '../plan/types.js';
import { sniffImage } from './image-info.js';

const RGBA = 4;

/** Bytes a job holds at its peak, estimated: the screenshot three times over (libvips' decoded pixels,
 * the RGBA copy, the canvas holding it; bench/memory.mjs measured about 3.3x its RGBA size in RSS for a
 * 39.6 MP PNG), and the output canvas twice (pixels and encode buffer). */
export function decodeCost(job: Pick<Job, 'size' | 'screenshot'>): number {
  let cost = job.size.width * job.size.height * RGBA * 2;
  if (job.screenshot) {
    let info;
    try {
      info = sniffImage(readFileSync(job.screenshot));
    } catch {
      info = undefined; // the renderer reports the missing file
    }
    if (info) cost += info.width * info.height * RGBA * 3;
  }
  return cost;
}

interface Waiter {
  cost: number;
  grant: () => void;
}

export class DecodeBudget {
  private used = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly limit: number) {}

  get inUse(): number {
    return this.used;
  }

  get waiting(): number {
    return this.queue.length;
  }

  private fits(cost: number): boolean {
    return this.used === 0 || this.used + cost <= this.limit;
  }

  /** Waits until `cost` bytes are free (first come, first served); resolves with the release function. */
  acquire(cost: number, signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.used -= cost;
      this.drain();
    };
    if (this.queue.length === 0 && this.fits(cost)) {
      this.used += cost;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        cost,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          this.used += cost;
          resolve(release);
        },
      };
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        this.drain();
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private drain(): void {
    while (this.queue.length && this.fits(this.queue[0]!.cost)) this.queue.shift()!.grant();
  }
}
