// Caption text through a machine translator without losing its markup. Our headlines mark the accent
// with `**word**` (src/render/text.ts parseHighlights); a translation engine would translate, move or
// drop bare asterisks, so each line goes to LibreTranslate as HTML (`format: "html"`) with the accent
// as <b>…</b>, which its HTML mode keeps around the translated words. The answer comes back with
// entities already unescaped (LibreTranslate runs html.unescape over it), so only the <b> tags are
// markup there; everything else is text.

/** A caption line as HTML: `**x**` becomes <b>x</b>, `&`, `<` and `>` are escaped. An unmatched `**` is
 * text and an empty `****` nothing, as the renderer reads them. */
export function toHtml(line: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const parts = line.split('**');
  // An odd number of markers: the last one is text, so it stays in the part after it.
  if (parts.length % 2 === 0) parts.splice(-2, 2, `${parts.at(-2)}**${parts.at(-1)}`);
  return parts.map((p, i) => (i % 2 === 1 ? (p ? `<b>${esc(p)}</b>` : '') : esc(p))).join('');
}

const TAG = /<(\/?)(b|strong)(?:\s[^>]*)?>/gi;

/**
 * A translated line back as caption text: <b>…</b> (or <strong>) becomes `**…**`, with the spaces a
 * translation puts just inside the tags moved outside them (`** word**` would not read as an accent
 * boundary the way it was meant). Unbalanced tags are dropped, keeping their words.
 */
export function fromHtml(html: string): string {
  let out = '';
  let open = -1;
  let last = 0;
  for (const m of html.matchAll(TAG)) {
    out += html.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[1] === '' && open < 0) open = out.length;
    else if (m[1] === '/' && open >= 0) {
      const inner = out.slice(open);
      const lead = /^\s*/.exec(inner)![0];
      const trail = /\s*$/.exec(inner)![0];
      const core = inner.slice(lead.length, inner.length - trail.length);
      out = out.slice(0, open) + (core ? `${lead}**${core}**${trail}` : inner);
      open = -1;
    }
  }
  return out + html.slice(last);
}

/** Why a source line cannot make the round trip, or undefined: a literal <b> or </b> in the text would
 * come back as markup (LibreTranslate unescapes its answer). */
export function markupProblem(line: string): string | undefined {
  const m = /<\/?(b|strong)(\s[^>]*)?>/i.exec(line);
  return m
    ? `contains the literal tag ${m[0]}, which translation uses for **accent** markup; write **…** for an accent`
    : undefined;
}
