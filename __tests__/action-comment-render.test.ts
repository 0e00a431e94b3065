// The sticky comment as a reviewer meets it: the example's comment (4 locales x 3 presets x 3
// slides, its five warnings; then the same with errors) is rendered by a GFM renderer
// (markdown-it) with github-markdown-css in Debian's Chromium, at 1280 px and at 390 px (a phone).
// The first image must start within 1,200 px of the top at 1280 px, and nothing may scroll
// sideways at 390 px (neither the page nor a table inside it). Screenshots go to test-results/.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { openChromium } from './helpers/chromium.js';
import { showMarkdown } from './helpers/github-markdown.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_SHEET, contactSheets } from '../src/publish/contact-sheet.js';
import { commentBody, jobSummary, presetLabel, type CommentInput } from '../src/publish/markdown.js';
import { commentMarker } from '../src/github/comment.js';
import type { Finding } from '../src/report/types.js';
import { buildReport } from '../src/report/index.js';
import { SOURCES } from '../src/store/sources.js';
import type { RenderedSet } from '../src/publish/set.js';
import { makeSet } from './fakes/sets.js';

const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-comment-'));
let context: BrowserContext;
let page: Page;
let set: RenderedSet;
let input: Omit<CommentInput, 'report'>;

const LOCALES = ['en-US', 'de-DE', 'ja', 'ar'];
const apple = { source: SOURCES.appleSpecs.url, verified: SOURCES.appleSpecs.verified };
const play = { source: SOURCES.playPreview.url, verified: SOURCES.playPreview.verified };
const house = { source: SOURCES.storeshotsRules.url, verified: SOURCES.storeshotsRules.verified };
// The example's own findings (storeshots render examples/habitual: 0 errors, 5 warnings).
const EXAMPLE: Finding[] = [
  {
    rule: 'appstore.required-slot',
    severity: 'warning',
    message:
      'The manifest has no iPhone 6.3" (Dynamic Island, medium) (APP_IPHONE_61) set; Apple\'s page (2026-10) lists it as required for iPhone apps (sources disagree whether the 6.9" set scales down to it). Add appstore.iphone_6_3',
    ...apple,
  },
  ...LOCALES.map(
    (l): Finding => ({
      rule: 'play.promo-eligibility',
      severity: 'warning',
      message: `${l} Android phone has 3 screenshot(s) of at least 1080 px at 9:16 or 16:9; Play asks for 4 to make the app eligible for promotion and recommendations`,
      locale: l,
      preset: 'play.phone',
      ...play,
    }),
  ),
];
// A failing run of the same set: German headlines that do not fit.
const ERRORS: Finding[] = ['home', 'stats', 'photo'].map((slide, i) => ({
  rule: 'text.overflow',
  severity: 'error',
  message: `de-DE/appstore.iphone_6_9/0${i + 1}-${slide}.png: the headline "Halte fest, was wirklich zählt" does not fit its 1188x520 px box even at the smallest allowed size (64 px; it needed 58.5 px). Shorten the text, allow more lines or lower headline.min-size`,
  path: `de-DE/appstore.iphone_6_9/0${i + 1}-${slide}.png`,
  locale: 'de-DE',
  preset: 'appstore.iphone_6_9',
  slide,
  ...house,
}));

const show = (markdown: string, width: number, name: string) => showMarkdown(page, dir, markdown, width, name);

beforeAll(async () => {
  set = await makeSet({
    locales: LOCALES,
    presets: ['appstore.iphone_6_9', 'appstore.ipad_13', 'play.phone'],
    slides: ['home', 'stats', 'photo'],
  });
  // The contact sheets exactly as the Action makes them, served from disk instead of the previews branch.
  const sheets = await contactSheets(set.outDir, set.report.images, { ...COMMENT_SHEET, label: presetLabel });
  const previews = sheets.map((s, i) => {
    const name = `${i}-${s.label}.${s.ext}`;
    writeFileSync(path.join(dir, name), s.content);
    return { label: s.label, name, url: name };
  });
  const sha = '3f9c2e1d4b5a69788796a5b4c3d2e1f0a9b8c7d6';
  input = {
    sha,
    commitUrl: `https://github.com/acme/habitual/commit/${sha}`,
    runUrl: 'https://github.com/acme/habitual/actions/runs/1001',
    artifact: { name: 'storeshots', id: 42, url: 'https://github.com/acme/habitual/actions/runs/1001/artifacts/42' },
    previews,
    rulesBase: 'https://github.com/acme/storeshots/blob/v1/docs/lint.md',
  };
  context = await openChromium(mkdtempSync(path.join(tmpdir(), 'storeshots-chromium-')), { width: 1280, height: 900 }, [
    '--allow-file-access-from-files',
  ]);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
});

const comment = (findings: readonly Finding[], extra: Partial<CommentInput> = {}) =>
  `${commentMarker('')}\n${commentBody({ report: buildReport(set.report.images, [...findings]), ...input, ...extra })}`;

describe("the example's comment in Chromium with GitHub's markdown CSS", () => {
  for (const [name, findings] of [
    ['example', EXAMPLE],
    ['errors', [...ERRORS, ...EXAMPLE]],
  ] as const) {
    it(`${name}: verdict and counts first, then findings, then the sheets; first image within 1,200 px at 1280 px`, async () => {
      const md = comment(findings);
      const wide = await show(md, 1280, `${name}-1280`);
      expect(wide.firstImageTop, 'an image is shown').toBeDefined();
      expect(wide.firstImageTop!).toBeLessThanOrEqual(1200);
      expect(wide.pageScrollsSideways).toBe(false);
      // Reading order: verdict line, findings, then one sheet per locale.
      const at = (s: string) => md.indexOf(s);
      expect(at('images (4 locales × 3 presets)')).toBeLessThan(at('play.promo-eligibility'));
      expect(at('play.promo-eligibility')).toBeLessThan(at('<details'));
      // Open: only locales with errors (or the first, when nothing failed).
      const open = [...md.matchAll(/<details open><summary><b>([^<]+)<\/b>/g)].map((m) => m[1]);
      expect(open).toEqual(name === 'errors' ? ['de-DE'] : ['en-US']);
      console.log(`${name} comment: ${wide.height} px tall at 1280 px, first image at ${wide.firstImageTop} px`);
    });

    it(`${name}: nothing scrolls sideways on a 390 px phone`, async () => {
      const phone = await show(comment(findings), 390, `${name}-390`);
      expect(phone.pageScrollsSideways).toBe(false);
      expect(phone.innerScrollers).toEqual([]);
    });
  }

  it('labels every sheet by preset and links the short SHA to its commit', () => {
    const md = comment(EXAMPLE);
    expect(md).toContain(
      '[`3f9c2e1`](https://github.com/acme/habitual/commit/3f9c2e1d4b5a69788796a5b4c3d2e1f0a9b8c7d6)',
    );
    for (const l of LOCALES)
      expect(md).toContain(
        `<summary><b>${l}</b> · iPhone 6.9" (Dynamic Island, large): 3 · iPad 13": 3 · Android phone: 3`,
      );
    // Each place is said once: a message does not repeat the image's path.
    expect(comment(ERRORS)).not.toContain(': de-DE/appstore.iphone_6_9/01-home.png:');
  });

  it('(planted) the checks bite: a findings table fails at 390 px, and findings without a cap push the first image down', async () => {
    // The job summary's table form of the findings, with their paths: it scrolls inside on a phone.
    const table = await show(
      jobSummary({ report: buildReport(set.report.images, [...ERRORS, ...EXAMPLE]), timings: [] }),
      390,
      'planted-table-390',
    );
    expect(table.innerScrollers.length).toBeGreaterThan(0);
    // Fifty findings, none folded away: the first sheet starts far below 1,200 px.
    const many = Array.from({ length: 50 }, (_, i) => ({ ...ERRORS[0]!, slide: `s${i}` }));
    const long = await show(comment(many, { maxFindings: 50 }), 1280, 'planted-long-1280');
    expect(long.firstImageTop!).toBeGreaterThan(1200);
  });
});
