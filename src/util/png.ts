// A PNG's signature and pixel size from its first 24 bytes, without decoding it: the IHDR chunk
// is always first (PNG spec, 5.2 and 11.2.2), so its width and height sit at bytes 16-23.

export const PNG_SIGNATURE: Readonly<Buffer> = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const bytesOf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** The bytes start with the 8-byte PNG signature. */
export function isPng(buf: Uint8Array): boolean {
  return buf.length >= 8 && bytesOf(buf).subarray(0, 8).equals(PNG_SIGNATURE);
}

/** Width and height from the IHDR chunk; undefined when it is not a PNG or is cut before them. */
export function pngSize(buf: Uint8Array): { width: number; height: number } | undefined {
  const b = bytesOf(buf);
  if (b.length < 24 || !isPng(b) || b.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
