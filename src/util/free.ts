// Large buffers freed when their user is done, not at the next garbage collection.

/**
 * Frees a large buffer's memory now rather than at the next garbage collection (detaching its
 * ArrayBuffer): renders make and drop 8-23 MB buffers, and freeing them at once lets the
 * allocator reuse the space instead of growing. `buf` must be the whole of its ArrayBuffer, or
 * (`whole: true`) a view of part of one the caller alone holds (e.g. zlib's output, a slice of
 * its one output chunk). The caller must not use `buf` afterwards.
 */
export function freeNow(buf: Buffer, opts: { whole?: boolean } = {}): void {
  const ab = buf.buffer as ArrayBuffer & { transfer?: (n: number) => ArrayBuffer };
  // Never a slice of Node's shared pool (64 KiB in Node 24, which also marks it undetachable):
  // only buffers that have an ArrayBuffer of their own.
  if (ab.byteLength <= Buffer.poolSize) return;
  if (!opts.whole && (buf.byteOffset !== 0 || buf.byteLength !== ab.byteLength)) return;
  try {
    ab.transfer?.(0);
  } catch {
    /* not detachable: the garbage collector frees it */
  }
}
