// Limits on the shape of request bodies that must hold before anything parses or walks them.

/** Deepest nesting of objects and arrays a request body may have (a render request needs about 6). */
export const MAX_JSON_DEPTH = 64;

/** The nesting depth of JSON text, counted in one pass over the characters (no recursion, no parse):
 * brackets inside strings do not count. Malformed text is left for JSON.parse to report. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
