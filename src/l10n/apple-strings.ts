// Apple .strings files (Localizable.strings, frameit's title.strings): the old-style property
// list syntax Xcode reads. `"key" = "value";` entries, /* */ and // comments, unquoted
// keys, `"key";` shorthand (the key is its own value), and the escapes \" \\ \n \t \r \UXXXX.
// In the frameit dialect (title.strings / keyword.strings) an entry may end its line without the
// closing ";", as frameit's line-by-line reader allows: read, with a warning naming the line.
import type { StringsParser, StringsTable } from './types.js';
import { lineColAt, stringsErrorAt } from './text.js';

const UNQUOTED = /[A-Za-z0-9_$+/:.-]/;

export const parseAppleStrings: StringsParser = (text, ctx) => {
  const file = ctx.file;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (src.startsWith('bplist'))
    stringsErrorAt(
      file,
      src,
      0,
      'this is a compiled (binary) .strings file; point storeshots at the source file in your project',
    );
  if (/^\s*<\?xml/.test(src))
    stringsErrorAt(
      file,
      src,
      src.indexOf('<'),
      'this is an XML property list; storeshots reads text .strings files ("key" = "value";)',
    );
  const out: StringsTable = { values: {}, lines: {} };
  let i = 0;
  let line = 1;

  const fail = (at: number, message: string): never => stringsErrorAt(file, src, at, message);
  const skip = () => {
    for (;;) {
      const c = src[i];
      if (c === undefined) return;
      if (c === '\n') line++, i++;
      else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u2028') i++;
      else if (c === '/' && src[i + 1] === '*') {
        const end = src.indexOf('*/', i + 2);
        if (end < 0) fail(i, 'comment opened here is never closed (missing */)');
        for (let k = i; k < end; k++) if (src[k] === '\n') line++;
        i = end + 2;
      } else if (c === '/' && src[i + 1] === '/') {
        while (i < src.length && src[i] !== '\n') i++;
      } else return;
    }
  };
  const str = (what: string): string => {
    const start = i;
    if (src[i] === '"') {
      i++;
      let s = '';
      for (;;) {
        const c = src[i];
        if (c === undefined) fail(start, `${what} opened here has no closing quote`);
        if (c === '"') {
          i++;
          return s;
        }
        if (c === '\n') line++;
        if (c === '\\') {
          const e = src[i + 1];
          i += 2;
          switch (e) {
            case 'n':
              s += '\n';
              break;
            case 't':
              s += '\t';
              break;
            case 'r':
              s += '\r';
              break;
            case 'a':
              s += '\x07';
              break;
            case 'b':
              s += '\b';
              break;
            case 'f':
              s += '\f';
              break;
            case 'v':
              s += '\v';
              break;
            case 'U':
            case 'u': {
              const hex = src.slice(i, i + 4);
              if (!/^[0-9A-Fa-f]{4}$/.test(hex)) fail(i - 2, `\\${e} must be followed by 4 hex digits, found "${hex}"`);
              s += String.fromCharCode(parseInt(hex, 16));
              i += 4;
              break;
            }
            case undefined:
              fail(start, `${what} opened here has no closing quote`);
              break;
            default:
              if (/[0-7]/.test(e)) {
                // Octal escape: up to three digits.
                const oct = /^[0-7]{1,3}/.exec(src.slice(i - 1))![0];
                s += String.fromCharCode(parseInt(oct, 8));
                i += oct.length - 1;
              } else {
                if (e === '\n') line++;
                s += e; // \" \\ \' and any other character stand for themselves
              }
          }
          continue;
        }
        s += c;
        i++;
      }
    }
    let s = '';
    while (i < src.length && UNQUOTED.test(src[i]!)) s += src[i++];
    if (!s) {
      const found = src[i] === undefined ? 'the end of the file' : JSON.stringify(src[i]);
      fail(i, `expected ${what} (a "quoted" string) but found ${found}`);
    }
    return s;
  };

  skip();
  // A whole file wrapped in { } is an old-style plist dictionary: same entries inside.
  let braced = false;
  if (src[i] === '{') {
    braced = true;
    i++;
  }
  for (;;) {
    skip();
    if (i >= src.length) {
      if (braced) fail(i, 'the { at the start of the file is never closed');
      break;
    }
    if (braced && src[i] === '}') {
      i++;
      skip();
      if (i < src.length) fail(i, 'text after the closing }');
      break;
    }
    const keyLine = line;
    const key = str('a key');
    let end = i;
    skip();
    let value: string;
    if (src[i] === ';') value = key;
    else {
      if (src[i] !== '=')
        fail(
          end,
          `expected = after the key "${key}" but found ${src[i] === undefined ? 'the end of the file' : JSON.stringify(src[i])}`,
        );
      i++;
      skip();
      const valueStart = i;
      value = str(`the value of "${key}"`);
      end = i;
      skip();
      if (src[i] !== ';' && src[valueStart] === '"' && src.slice(valueStart, end).includes('\n')) {
        // A value that swallowed a line break and then misses its ";" most likely lost its closing quote.
        fail(valueStart, `the value of "${key}" that starts here runs over several lines: is its closing " missing?`);
      }
    }
    if (src[i] !== ';') {
      // frameit reads title.strings / keyword.strings line by line and never needs the ";": an
      // entry that ends its line without one is read as frameit reads it, with a warning.
      const lineEnded = i >= src.length || src.slice(end, i).includes('\n');
      if (!(ctx.dialect === 'frameit' && lineEnded))
        fail(
          end,
          `expected ; after the entry "${key}" but found ${src[i] === undefined ? 'the end of the file' : JSON.stringify(src[i])}`,
        );
      const { line: wl, column: wc } = lineColAt(src, end);
      (out.warnings ??= []).push({
        line: wl,
        column: wc,
        message: `the entry "${key}" has no closing ";" (frameit reads it anyway; Xcode would not): add the ";"`,
      });
      out.values[key] = value;
      out.lines![key] = keyLine;
      continue;
    }
    i++;
    out.values[key] = value;
    out.lines![key] = keyLine;
  }
  return out;
};
