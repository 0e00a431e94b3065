// Decoded screenshots, kept for reuse: a screenshot that several presets (or a panoramic
// neighbour) show is decoded once per process, then resized from memory. An LRU keyed by
// path + mtime + size, bounded in bytes, so a large set never sits in memory whole.
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

export function setDecodeBudget(bytes: number): void {
  budget = Math.max(0, bytes);
  evict();
}

export function decodeStats(): { hits: number; misses: number; bytes: number; entries: number } {
  return { ...stats, bytes: used, entries: entries.size };
}

function evict(): void {
  for (const [k, v] of entries) {
    if (used <= budget) break;
    entries.delete(k);
    used -= v.bytes;
    v.dispose?.();
  }
}

function keyOf(file: string): string | undefined {
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
  const st = keyOf(file);
  const key = st && `${kind}|${st}`;
  const hit = key ? entries.get(key) : undefined;
  if (hit) {
    stats.hits++;
    entries.delete(key!);
    entries.set(key!, hit);
    return hit.value as T;
  }
  stats.misses++;
  const value = await decode();
  const n = bytes(value);
  if (key && n <= budget) {
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
