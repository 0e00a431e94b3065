// HTML to Markdown for the allscreenshots surface's `markdown` output, by turndown (a well-kept
// converter; in Node it parses with its own DOM, domino, which loads nothing: no request leaves for
// the page's images or links). What is not content (head, scripts, styles, forms' innards) is dropped.
import TurndownService from 'turndown';

let service: TurndownService | undefined;

export function htmlToMarkdown(html: string): string {
  if (!service) {
    service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
    service.remove([
      'head',
      'title',
      'meta',
      'link',
      'script',
      'style',
      'noscript',
      'template',
      'iframe',
      'object',
      'embed',
      'svg',
      'canvas',
    ]);
  }
  return `${service.turndown(html).trim()}\n`;
}
