// Whitespace controls in headline texts. A tab from a .strings "\t", a vertical tab or form
// feed, a carriage return, NEL, or Unicode's line and paragraph separators are whitespace, not
// characters a font draws: they are normalised where a text enters the plan (a strings file or
// the manifest), so they never surface as "no font covers U+0009". Tab, VT and FF become one
// space each; CR LF, CR, NEL (U+0085), LS (U+2028) and PS (U+2029) become a line break. Any other
// control character (a bell, a backspace ...) is refused by validate with its place.

export function normalizeWhitespace(text: string): string {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n').replace(/[\t\v\f]/g, ' ');
}
