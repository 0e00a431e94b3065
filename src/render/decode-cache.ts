// Decoded screenshots, kept for reuse: a screenshot that several presets (or a panoramic
// neighbour) show is decoded once per process, then resized from memory. An LRU keyed by
// path + mtime + size, bounded in bytes, so a large set never sits in memory whole.
import { statSync } from 'node:fs';

export interface Decoded {
  data: Buffer;
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

/** Default budget per process (a 2064x2752 RGB screenshot is 17 MB). The pool sets its own per worker. */
let budget = 64 * 1024 * 1024;
let used = 0;
const entries = new Map<string, Decoded>();
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
    used -= v.data.length;
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
  const key = keyOf(file);
  const hit = key ? entries.get(key) : undefined;
  if (hit) {
    stats.hits++;
    entries.delete(key!);
    entries.set(key!, hit);
    return hit;
  }
  stats.misses++;
  const d = await decode();
  if (key && d.data.length <= budget) {
    entries.set(key, d);
    used += d.data.length;
    evict();
  }
  return d;
}
