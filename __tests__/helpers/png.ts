// One PNG chunk (length, type, data, CRC-32 over type and data), for tests that build PNGs by hand
// to lie in their headers or break their pixel data. The CRC is Node's own (zlib.crc32).
import { crc32 } from 'node:zlib';

export function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
