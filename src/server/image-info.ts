// Reads an image's kind and pixel size from its first bytes, without decoding it: uploads are sniffed
// (not trusted by name or Content-Type) and oversized canvases refused before a decoder sees them.
import { pngSize } from '../util/png.js';

export interface ImageHeader {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

export function sniffImage(buf: Uint8Array): ImageHeader | undefined {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const png = pngSize(b);
  if (png) return { format: 'png', ...png };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    // Walk the segments to the first start-of-frame marker (SOF0-SOF15 except DHT, JPG and DAC).
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1]!;
      if (marker === 0xff) {
        i++;
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { format: 'jpeg', height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      }
      if (len < 2) return undefined;
      i += 2 + len;
    }
  }
  return undefined;
}
