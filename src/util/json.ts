// Canonical JSON: what JSON.stringify writes, with every object's keys sorted, so equal content
// always hashes alike (idempotency keys, render-cache keys, the service's request hashes).

/**
 * JSON.stringify's semantics with sorted keys: `undefined`, functions and symbols are left out of
 * objects and become `null` in arrays, `toJSON` is honoured, non-finite numbers become `null`.
 * Keys sort by UTF-16 code units (Array.prototype.sort), so "10" comes before "9". A value
 * JSON.stringify would not write at all (undefined at the top) gives "null", never "undefined".
 * Like JSON.stringify it throws on a bigint or a cycle.
 */
export function canonicalJson(v: unknown): string {
  return write(v, new Set()) ?? 'null';
}

function write(v: unknown, stack: Set<object>): string | undefined {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function')
    v = (v as { toJSON: () => unknown }).toJSON();
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? bigint() : JSON.stringify(v);
  if (stack.has(v)) throw new TypeError('canonicalJson: a cyclic structure has no JSON form');
  stack.add(v);
  try {
    if (Array.isArray(v)) return `[${v.map((x) => write(x, stack) ?? 'null').join(',')}]`;
    const o = v as Record<string, unknown>;
    const parts: string[] = [];
    for (const k of Object.keys(o).sort()) {
      const s = write(o[k], stack);
      if (s !== undefined) parts.push(`${JSON.stringify(k)}:${s}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    stack.delete(v);
  }
}

function bigint(): never {
  throw new TypeError('canonicalJson: a bigint has no JSON form');
}
