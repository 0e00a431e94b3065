// Bytes -> text for strings files, and the one error shape for a bad strings file: file:line:column.
import { UserError } from '../util/errors.js';

/**
 * Decodes a strings file. UTF-8 (with or without BOM) and UTF-16 with a BOM, as Xcode and
 * frameit's docs describe; UTF-16 without a BOM is recognised by its zero bytes, since old
 * Xcode projects still carry such files.
 */
export function decodeStringsFile(buf: Uint8Array, file: string): string {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return utf8(buf.subarray(3), file);
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  if (buf.length >= 4 && buf.length % 2 === 0) {
    // ASCII text in UTF-16 has a zero in every other byte.
    if (buf[0] !== 0 && buf[1] === 0 && buf[3] === 0) return new TextDecoder('utf-16le').decode(buf);
    if (buf[0] === 0 && buf[1] !== 0 && buf[2] === 0) return new TextDecoder('utf-16be').decode(buf);
  }
  return utf8(buf, file);
}

function utf8(buf: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    const bad = firstInvalidUtf8(buf);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < bad; i++) if (buf[i] === 0x0a) line++, (lineStart = i + 1);
    const column = new TextDecoder().decode(buf.subarray(lineStart, bad)).length + 1;
    return stringsError(
      file,
      line,
      column,
      'not valid UTF-8 (save the file as UTF-8, or UTF-16 with a byte order mark)',
    );
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(buf: Uint8Array): number {
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > buf.length) return i;
    for (let k = 1; k < n; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    i += n;
  }
  return buf.length;
}

/** 1-based line and column of a character offset. */
export function lineColAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Throws the error for a malformed strings file, naming file, line and column. */
export function stringsError(
  file: string,
  line: number,
  column: number,
  message: string,
  what = 'strings file',
): never {
  throw new UserError([{ severity: 'error', message: `Invalid ${what}: ${message}`, at: { file, line, column } }]);
}

export function stringsErrorAt(file: string, text: string, offset: number, message: string, what?: string): never {
  const { line, column } = lineColAt(text, offset);
  return stringsError(file, line, column, message, what);
}
