// The one sha256 of the code base: image bytes, cache and idempotency keys, CSP script hashes.
import { createHash } from 'node:crypto';

/** sha256 of bytes or of a string's UTF-8, as hex (default) or base64. */
export function sha256(data: string | Uint8Array, encoding: 'hex' | 'base64' = 'hex'): string {
  return createHash('sha256').update(data).digest(encoding);
}
