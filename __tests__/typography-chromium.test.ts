// Our line breaks against Debian Chromium's on a corpus of natural headlines per script (issue #16).
// Both set each block in the same font files (Chromium through @font-face), at the same size in the
// same column, with the language's CSS: `lang`, `dir`, `text-wrap: balance`, `hyphens: auto`,
// `word-break: keep-all` for Korean and `auto-phrase` for Japanese. Line starts are compared as
// code-unit offsets. Every block where they differ must be listed with its reason in
// fixtures/typography/differences.json (docs/typography.md explains each), and a listed block that
// no longer differs fails too, so the list and the docs stay true. One browser, one page: bounded.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontsDir, SHIPPED } from '../src/render/coverage.js';
import { loadBreakData } from '../src/render/index.js';
import type { FontSpec } from '../src/render/layout.js';
import { createMeasurer } from '../src/render/measure.js';
import { chooseWrap, pieces, REF_SIZE } from '../src/render/text.js';
import { isRtlLocale } from '../src/store/locales.js';
import { variant } from './fixtures/render/jobs.js';
import { openChromium } from './helpers/chromium.js';

interface Block {
  id: string;
  locale: string;
  text: string;
}
const DIR = path.join(import.meta.dirname, 'fixtures/typography');
const corpus = JSON.parse(readFileSync(path.join(DIR, 'corpus.json'), 'utf8')) as {
  size: number;
  width: number;
  blocks: Block[];
};
const known = JSON.parse(readFileSync(path.join(DIR, 'differences.json'), 'utf8')) as Record<string, string>;
const WEIGHT = 800;

const tm = createMeasurer();

function chainOf(b: Block): string[] {
  const job = variant('en-US/play.phone/home', { locale: b.locale, rtl: isRtlLocale(b.locale) });
  return tm.chain(job.style.headline ?? {}, job);
}

/** Our line starts (code-unit offsets of every line but the first) at the corpus size and width. */
function ours(b: Block): { lines: number[]; overflow: boolean } {
  const font: FontSpec = { chain: chainOf(b), weight: WEIGHT, size: REF_SIZE, lang: b.locale, letterSpacing: 0 };
  const measure = (t: string) => tm.width(t, font);
  const strict = pieces(b.text, b.locale, measure);
  const loose = pieces(b.text, b.locale, measure, true);
  const w = chooseWrap({ strict, loose }, corpus.width, 99, corpus.size / REF_SIZE);
  return { lines: w.lines.slice(1).map(([first]) => w.pieces[first]!.start), overflow: w.tooWide };
}

function fontFaces(): string {
  const weight = (f: string) => (/Bold/.test(f) ? '700' : /\.var\./.test(f) ? '100 900' : '400');
  return Object.entries(SHIPPED)
    .flatMap(([alias, files]) =>
      files.map(
        (f) =>
          `@font-face { font-family: "${alias}"; src: url("${pathToFileURL(path.join(fontsDir(), f)).href}"); font-weight: ${weight(f)}; }`,
      ),
    )
    .join('\n');
}

function wordBreak(locale: string): string {
  if (/^ko\b/.test(locale)) return 'keep-all';
  if (/^ja\b/.test(locale)) return 'auto-phrase';
  return 'normal';
}

let context: BrowserContext | undefined;
let profile: string;
const chromium = new Map<string, { lines: number[]; overflow: boolean }>();

beforeAll(async () => {
  await loadBreakData(corpus.blocks.map((b) => b.locale));
  profile = mkdtempSync(path.join(tmpdir(), 'storeshots-typography-'));
  const divs = corpus.blocks
    .map((b, i) => {
      const family = chainOf(b)
        .map((f) => `'${f}'`)
        .join(', ');
      const esc = b.text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      return `<div id="b${i}" lang="${b.locale}" dir="${isRtlLocale(b.locale) ? 'rtl' : 'ltr'}" style="font: ${WEIGHT} ${corpus.size}px ${family}; word-break: ${wordBreak(b.locale)}">${esc}</div>`;
    })
    .join('\n');
  const html = `<!doctype html><meta charset="utf-8"><style>${fontFaces()}
div { width: ${corpus.width}px; line-height: 1.2; text-wrap: balance; hyphens: auto; margin: 0 0 40px; font-kerning: normal; }
</style>${divs}`;
  const file = path.join(profile, 'corpus.html');
  writeFileSync(file, html);
  context = await openChromium(path.join(profile, 'chrome'), { width: 800, height: 900 });
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
  await page.evaluate('document.fonts.ready.then(() => true)');
  // Runs in the page: for each block, the offsets where a new line starts (by the top of each character's box).
  const starts = (await page.evaluate(`(() => {
    const out = [];
    for (let i = 0; i < ${corpus.blocks.length}; i++) {
      const node = document.getElementById('b' + i).firstChild;
      const text = node.data;
      const r = document.createRange();
      const lines = [];
      let top;
      for (let k = 0; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (c >= 0xdc00 && c <= 0xdfff) continue;
        if (/[\\s\\u00ad]/.test(text[k])) continue;
        r.setStart(node, k);
        r.setEnd(node, k + (c >= 0xd800 && c <= 0xdbff ? 2 : 1));
        const rects = r.getClientRects();
        const rect = rects[rects.length - 1];
        if (!rect) continue;
        if (top !== undefined && rect.top > top + 10) lines.push(k);
        top = top === undefined ? rect.top : Math.max(top, rect.top);
      }
      const div = node.parentElement;
      out.push({ lines, overflow: div.scrollWidth > div.clientWidth + 1 });
    }
    return out;
  })()`)) as Array<{ lines: number[]; overflow: boolean }>;
  corpus.blocks.forEach((b, i) => chromium.set(b.id, starts[i]!));
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (!process.env.KEEP_TYPO) rmSync(profile, { recursive: true, force: true });
});

/** A block cut into its lines, ` / ` between them, and whether a line runs past the column. */
const show = (text: string, r: { lines: number[]; overflow: boolean }) =>
  [0, ...r.lines].map((s, i) => text.slice(s, r.lines[i] ?? text.length).trim()).join(' / ') +
  (r.overflow ? ' (overflows the column)' : '');

describe('line breaks against Chromium', () => {
  it('breaks every corpus block where Chromium does, or the difference is listed with its reason', () => {
    const differ: Record<string, string> = {};
    const perScript = new Map<string, { blocks: number; differ: number }>();
    for (const b of corpus.blocks) {
      const a = ours(b);
      const c = chromium.get(b.id)!;
      const s = perScript.get(b.locale) ?? { blocks: 0, differ: 0 };
      s.blocks++;
      if (a.lines.join() !== c.lines.join() || a.overflow !== c.overflow) {
        s.differ++;
        differ[b.id] = `ours: ${show(b.text, a)} | chromium: ${show(b.text, c)}`;
      }
      perScript.set(b.locale, s);
    }
    // The table docs/typography.md reports.
    console.log(
      [...perScript].map(([l, s]) => `${l}: ${s.differ} of ${s.blocks} differ`).join('\n'),
      '\n',
      Object.entries(differ)
        .map(([id, d]) => `${id}: ${d}`)
        .join('\n'),
    );
    for (const [id, d] of Object.entries(differ))
      expect(known[id], `${id} differs and is not listed: ${d}`).toBeTruthy();
    for (const id of Object.keys(known)) expect(differ[id], `${id} is listed but no longer differs`).toBeDefined();
  });
});
