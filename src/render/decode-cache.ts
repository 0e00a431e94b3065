// Decoded screenshots, kept for reuse: a screenshot that several presets (or a panoramic
// neighbour) show is decoded once per process, then resized from memory. An LRU keyed by
// path + mtime + size, bounded in bytes, so a large set never sits in memory whole. The same LRU
// and budget keep drawn layers (draw.ts: a set's background and device body, drawn once and reused
// by every image that shows them), keyed by everything that decides their pixels.
import { statSync } from 'node:fs';

export interface Decoded {
  data: Buffer;
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

/** Default budget per process (a 2064x2752 screenshot is 17 MB as RGB, 22.7 MB as RGBA). The pool sets its own per worker. */
let budget = 48 * 1024 * 1024;
let used = 0;

interface Entry {
  value: unknown;
  bytes: number;
  dispose?: () => void;
  /** Tasks holding the entry (Holds): it is evicted, and its memory freed, only when none does. */
  refs: number;
}
const entries = new Map<string, Entry>();
/** Entries being made: a second task asking for one waits for it instead of making it again. */
const pending = new Map<string, Promise<unknown>>();
const stats = { hits: 0, misses: 0 };
const layers = { hits: 0, misses: 0 };

/**
 * What one task (an image being drawn) holds of the cache. An entry it got stays alive, however the
 * LRU moves meanwhile, until `release()`; a value made but not kept (over the budget) is freed then.
 * Another task of the same thread may evict entries while this one waits between two draws: without
 * a hold, an evicted canvas would be freed (width 0) under the task still drawing from it.
 */
export class Holds {
  private undo: Array<() => void> = [];

  /** @internal */
  add(fn: () => void): void {
    this.undo.push(fn);
  }

  /** Lets go of everything held; the caller must not use those values afterwards. */
  release(): void {
    const undo = this.undo;
    this.undo = [];
    for (const fn of undo) fn();
  }
}

export function setDecodeBudget(bytes: number): void {
  budget = Math.max(0, bytes);
  evict();
}

export function decodeStats(): { hits: number; misses: number; bytes: number; entries: number; held: number } {
  let held = 0;
  for (const e of entries.values()) if (e.refs > 0) held++;
  return { ...stats, bytes: used, entries: entries.size, held };
}

/** Whether a value of `bytes` would be kept (it fits the budget). */
export function fitsBudget(bytes: number): boolean {
  return bytes <= budget;
}

/** Layers drawn (misses) and reused (hits) by this thread so far. */
export function layerStats(): { hits: number; misses: number } {
  return { ...layers };
}

/** Least recently used first, down to the budget; an entry a task holds stays (and is freed on its last release). */
function evict(): void {
  if (used <= budget) return;
  for (const [k, v] of entries) {
    if (used <= budget) break;
    if (v.refs > 0) continue;
    entries.delete(k);
    used -= v.bytes;
    v.dispose?.();
  }
}

function hold(e: Entry, holds: Holds | undefined): void {
  if (!holds) return;
  e.refs++;
  holds.add(() => {
    e.refs--;
    if (e.refs === 0) evict();
  });
}

/** A file named by path, mtime and size (undefined when it cannot be read): what decoded pixels of it depend on. */
export function fileKey(file: string): string | undefined {
  try {
    const st = statSync(file);
    return `${file}|${st.mtimeMs}|${st.size}`;
  } catch {
    return undefined;
  }
}

/**
 * The decoded pixels of `file`, from memory or from `decode` (which the caller owns, with its
 * own checks and messages). Images larger than the whole budget are decoded and not kept. The
 * buffer is left to the garbage collector (nothing is freed at eviction), so it needs no hold.
 */
export async function decodedImage(file: string, decode: () => Promise<Decoded>): Promise<Decoded> {
  return cachedDecode(file, 'raw', decode, (d) => d.data.length);
}

/**
 * The same LRU for any form of a file's decoded pixels (`kind` tells the forms apart, e.g. raw
 * bytes or a canvas holding them); `bytes` is what the value holds in memory, and `dispose`
 * frees memory the garbage collector does not see (a canvas's pixels) when the entry goes. A
 * value with `dispose` must be read under `holds` (freed only once evicted and released).
 */
export async function cachedDecode<T>(
  file: string,
  kind: string,
  decode: () => Promise<T>,
  bytes: (v: T) => number,
  ...freeing: [] | [dispose: (v: T) => void, holds: Holds]
): Promise<T> {
  const st = fileKey(file);
  const [dispose, holds] = freeing;
  return remember(st && `${kind}|${st}`, stats, decode, bytes, dispose, holds);
}

/**
 * A drawn layer from memory, or from `draw`. `key` must name everything its pixels depend on
 * (draw.ts builds it); undefined draws without keeping. Counted against the decode budget; held
 * by `holds` until it releases.
 */
export async function cachedLayer<T>(
  key: string | undefined,
  draw: () => Promise<T>,
  bytes: (v: T) => number,
  dispose: (v: T) => void,
  holds: Holds,
): Promise<T> {
  return remember(key && `layer|${key}`, layers, draw, bytes, dispose, holds);
}

async function remember<T>(
  key: string | undefined,
  count: { hits: number; misses: number },
  make: () => Promise<T>,
  bytes: (v: T) => number,
  dispose?: (v: T) => void,
  holds?: Holds,
): Promise<T> {
  if (key) {
    // Another task of this thread is making it: wait, then take it from memory (or make it, if it was not kept).
    for (let p = pending.get(key); p; p = pending.get(key)) await p.catch(() => undefined);
    const hit = entries.get(key);
    if (hit) {
      count.hits++;
      entries.delete(key);
      entries.set(key, hit);
      hold(hit, holds);
      return hit.value as T;
    }
  }
  count.misses++;
  const making = make();
  if (key) {
    pending.set(key, making);
    void making.finally(() => pending.delete(key)).catch(() => undefined);
  }
  const value = await making;
  const n = bytes(value);
  if (key && n <= budget && !entries.has(key)) {
    const e: Entry = { value, bytes: n, dispose: dispose && (() => dispose(value)), refs: 0 };
    entries.set(key, e);
    used += n;
    hold(e, holds);
    evict();
  } else if (dispose && holds) {
    // Not kept: this task owns it alone, and frees it when done with it.
    holds.add(() => dispose(value));
  }
  return value;
}
