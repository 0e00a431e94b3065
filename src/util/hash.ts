// The one sha256 of the code base: image bytes, cache and idempotency keys, CSP script hashes.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/** sha256 of bytes or of a string's UTF-8, as hex (default) or base64. */
export function sha256(data: string | Uint8Array, encoding: 'hex' | 'base64' = 'hex'): string {
  return createHash('sha256').update(data).digest(encoding);
}

/** sha256 of a file's bytes as hex, read in 1 MiB pieces (never the whole file in memory). */
export function sha256File(file: string): string {
  const h = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}
