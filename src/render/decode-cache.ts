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
const entries = new Map<string, { value: unknown; bytes: number; dispose?: () => void }>();
const stats = { hits: 0, misses: 0 };
const layers = { hits: 0, misses: 0 };

export function setDecodeBudget(bytes: number): void {
  budget = Math.max(0, bytes);
  evict();
}

export function decodeStats(): { hits: number; misses: number; bytes: number; entries: number } {
  return { ...stats, bytes: used, entries: entries.size };
}

/** Whether a value of `bytes` would be kept (it fits the budget). */
export function fitsBudget(bytes: number): boolean {
  return bytes <= budget;
}

/** Layers drawn (misses) and reused (hits) by this thread so far. */
export function layerStats(): { hits: number; misses: number } {
  return { ...layers };
}

function evict(): void {
  for (const [k, v] of entries) {
    if (used <= budget) break;
    entries.delete(k);
    used -= v.bytes;
    v.dispose?.();
  }
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
 * own checks and messages). Images larger than the whole budget are decoded and not kept.
 */
export async function decodedImage(file: string, decode: () => Promise<Decoded>): Promise<Decoded> {
  return cachedDecode(file, 'raw', decode, (d) => d.data.length);
}

/**
 * The same LRU for any form of a file's decoded pixels (`kind` tells the forms apart, e.g. raw
 * bytes or a canvas holding them); `bytes` is what the value holds in memory, and `dispose`
 * frees memory the garbage collector does not see (a canvas's pixels) when the entry goes.
 */
export async function cachedDecode<T>(
  file: string,
  kind: string,
  decode: () => Promise<T>,
  bytes: (v: T) => number,
  dispose?: (v: T) => void,
): Promise<T> {
  const st = fileKey(file);
  return remember(st && `${kind}|${st}`, stats, decode, bytes, dispose);
}

/**
 * A drawn layer from memory, or from `draw`. `key` must name everything its pixels depend on
 * (draw.ts builds it); undefined draws without keeping. Counted against the decode budget.
 */
export async function cachedLayer<T>(
  key: string | undefined,
  draw: () => Promise<T>,
  bytes: (v: T) => number,
  dispose?: (v: T) => void,
): Promise<T> {
  return remember(key && `layer|${key}`, layers, draw, bytes, dispose);
}

async function remember<T>(
  key: string | undefined,
  count: { hits: number; misses: number },
  make: () => Promise<T>,
  bytes: (v: T) => number,
  dispose?: (v: T) => void,
): Promise<T> {
  const hit = key ? entries.get(key) : undefined;
  if (hit) {
    count.hits++;
    entries.delete(key!);
    entries.set(key!, hit);
    return hit.value as T;
  }
  count.misses++;
  const value = await make();
  const n = bytes(value);
  // Another task of this thread may have made the same entry meanwhile: keep the one already counted.
  if (key && n <= budget && !entries.has(key)) {
    entries.set(key, { value, bytes: n, dispose: dispose && (() => dispose(value)) });
    used += n;
    evict();
  }
  return value;
}

/**
 * Frees a large buffer's memory now rather than at the next garbage collection (detaching its
 * ArrayBuffer): renders make and drop 8-23 MB buffers, and freeing them at once lets the
 * allocator reuse the space instead of growing. The caller must not use `buf` afterwards.
 */
export function freeNow(buf: Buffer): void {
  const ab = buf.buffer as ArrayBuffer & { transfer?: (n: number) => ArrayBuffer };
  if (buf.byteOffset !== 0 || buf.byteLength !== ab.byteLength) return;
  try {
    ab.transfer?.(0);
  } catch {
    /* not detachable: the garbage collector frees it */
  }
}
