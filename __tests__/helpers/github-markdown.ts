// Markdown as a reviewer sees it on GitHub: rendered by a GFM renderer (markdown-it, HTML allowed)
// in github-markdown-css, in a comment-wide column, shown in Debian's Chromium, measured and
// screenshotted (the PR comment tests, and scripts/comment-shot.mjs through them).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import type { Page } from 'playwright-core';
import { ROOT } from './root.js';

const CSS = readFileSync(path.join(ROOT, 'node_modules/github-markdown-css/github-markdown-light.css'), 'utf8');
/** Where the screenshots go. */
export const SHOTS = path.join(ROOT, 'test-results');

/** The markdown as GitHub would show it: GFM with HTML, in GitHub's markdown CSS, in a comment-wide column. */
export function githubPage(markdown: string): string {
  const md = new MarkdownIt({ html: true, linkify: true });
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><style>${CSS}
@font-face { font-family: 'Noto Color Emoji'; src: url('${pathToFileURL(path.join(ROOT, 'fonts/NotoColorEmoji.ttf')).href}'); }
body { margin: 0; }
.markdown-body { font-family: -apple-system, 'Segoe UI', 'Noto Sans', Helvetica, Arial, sans-serif, 'Noto Color Emoji'; }
.markdown-body { box-sizing: border-box; min-width: 200px; max-width: 980px; margin: 0 auto; padding: 45px; }
@media (max-width: 767px) { .markdown-body { padding: 15px; } }
</style></head><body><article class="markdown-body">${md.render(markdown)}</article></body></html>`;
}

export interface Measured {
  /** Of the comment (the article), not of the window. */
  height: number;
  firstImageTop?: number;
  pageScrollsSideways: boolean;
  /** Elements that scroll sideways inside (a wide table in github-markdown-css). */
  innerScrollers: string[];
  /** Every visible image: its alt text and box in page pixels. */
  images: Array<{ alt: string; top: number; width: number; height: number }>;
}

/**
 * Shows `markdown` at `width` px (the page's file goes to `dir`, images resolve from there), waits
 * for its images, screenshots the full page to test-results/comment-<name>.png and measures it.
 */
export async function showMarkdown(
  page: Page,
  dir: string,
  markdown: string,
  width: number,
  name: string,
): Promise<Measured> {
  const file = path.join(dir, `${name}.html`);
  writeFileSync(file, githubPage(markdown));
  await page.setViewportSize({ width, height: 900 });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction('[...document.images].every((i) => i.complete)');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `comment-${name}.png`), fullPage: true });
  // Runs in the page (a string, so the test's types need no DOM library).
  return page.evaluate(`(() => {
    // checkVisibility: an image inside a closed <details> still has a box in Chromium.
    const visible = [...document.images].filter((i) => i.checkVisibility() && i.getBoundingClientRect().height > 0);
    const inner = [...document.querySelectorAll('.markdown-body *')].filter((el) => {
      const ox = getComputedStyle(el).overflowX;
      return (ox === 'auto' || ox === 'scroll') && el.scrollWidth > el.clientWidth + 1;
    });
    return {
      height: document.querySelector('.markdown-body').getBoundingClientRect().height,
      firstImageTop: visible[0] ? visible[0].getBoundingClientRect().top + window.scrollY : undefined,
      pageScrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      innerScrollers: inner.map((el) => el.tagName.toLowerCase() + ': ' + (el.textContent || '').slice(0, 60)),
      images: visible.map((i) => {
        const r = i.getBoundingClientRect();
        return { alt: i.alt, top: r.top + window.scrollY, width: r.width, height: r.height };
      }),
    };
  })()`) as Promise<Measured>;
}
