// The review comment as a reviewer meets it: the example (4 locales × 3 presets × 3 slides)
// rendered twice through the CLI, the second time with one German headline changed, compared
// (src/diff), and the comment the Action would post (commentBody with the changes, the before |
// after | diff pictures and the contact sheets exactly as the Action makes them, served from
// disk instead of the previews branch) rendered by markdown-it in github-markdown-css in
// Debian's Chromium at 1280 px and 390 px. scripts/comment-shot.mjs runs this file and copies
// test-results/comment-diff-1280.png to docs/comment-diff.png for the README.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffPictures, diffSets } from '../src/diff/index.js';
import type { DiffResult } from '../src/diff/types.js';
import { commentMarker } from '../src/github/comment.js';
import { COMMENT_SHEET, contactSheets } from '../src/publish/contact-sheet.js';
import { commentBody, presetLabel, type CommentInput } from '../src/publish/markdown.js';
import { readReport } from '../src/report/read.js';
import { openChromium } from './helpers/chromium.js';
import { EXAMPLE, ROOT, runCli } from './helpers/cli.js';
import { showMarkdown } from './helpers/github-markdown.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'storeshots-diff-comment-'));
const base = path.join(tmp, 'base');
const head = path.join(tmp, 'head');
let context: BrowserContext;
let page: Page;
let diff: DiffResult;
let input: CommentInput;

const show = (markdown: string, width: number, name: string) => showMarkdown(page, tmp, markdown, width, name);
const ALT = 'before, after and difference of de-DE stats';

beforeAll(async () => {
  const project = path.join(tmp, 'project');
  cpSync(path.dirname(EXAMPLE), project, { recursive: true });
  const manifest = path.join(project, 'screenshots.yml');
  const yaml = readFileSync(manifest, 'utf8');
  writeFileSync(manifest, yaml.replace('de-DE: Sieh deinen Fortschritt', 'de-DE: Sieh deine Fortschritte'));
  const cache = ['--fail-on', 'never', '--cache-dir', path.join(tmp, 'cache')];
  const r1 = await runCli(['render', '-c', EXAMPLE, '--out', base, ...cache], ROOT);
  expect(r1.code, r1.stderr).toBe(0);
  const r2 = await runCli(['render', '-c', manifest, '--out', head, ...cache], ROOT);
  expect(r2.code, r2.stderr).toBe(0);
  const out = path.join(head, 'storeshots-diff');
  diff = await diffSets(base, head, { outDir: out });
  // The pictures and sheets as the Action makes them (src/action/publish.ts), as files next to the page.
  const pictures = await diffPictures(out, diff, { max: 10, height: 400 });
  const report = readReport(head);
  const sheets = await contactSheets(head, report.images, { ...COMMENT_SHEET, label: presetLabel });
  const file = (content: Buffer, i: number, kind: string) => {
    const name = `${kind}-${i}.jpg`;
    writeFileSync(path.join(tmp, name), content);
    return name;
  };
  const run = 'https://github.com/acme/habitual/actions/runs/5002';
  const artifact = { name: 'storeshots', id: 42, url: `${run}/artifacts/42` };
  input = {
    report,
    sha: '3f9c2e1d4b5a69788796a5b4c3d2e1f0a9b8c7d6',
    commitUrl: 'https://github.com/acme/habitual/commit/3f9c2e1d4b5a69788796a5b4c3d2e1f0a9b8c7d6',
    runUrl: run,
    artifact,
    previews: sheets.map((s, i) => ({ label: s.label, name: `sheet-${i}`, url: file(s.content, i, 'sheet') })),
    rulesBase: 'https://github.com/acme/storeshots/blob/v1/docs/lint.md',
    changes: {
      base: 'Compared with run [5001](https://github.com/acme/habitual/actions/runs/5001) on main at `c0ffee1`.',
      diff,
      pictures: new Map(pictures.map((p, i) => [p.label, file(p.content, i, 'change')])),
      artifact,
      diffHtml: 'storeshots-diff/diff.html',
    },
  };
  context = await openChromium(mkdtempSync(path.join(tmpdir(), 'storeshots-chromium-')), { width: 1280, height: 900 }, [
    '--allow-file-access-from-files',
  ]);
  page = await context.newPage();
}, 600_000);

afterAll(async () => {
  await context?.close();
});

const comment = (extra: Partial<CommentInput> = {}) => `${commentMarker('')}\n${commentBody({ ...input, ...extra })}`;

describe('the review comment in Chromium with GitHub’s markdown CSS', () => {
  it('one German headline changed: the verdict, then its 3 before | after | diff pictures first; the sheets fold away', async () => {
    expect(diff.changed).toHaveLength(3);
    const md = comment();
    expect(md).toContain('🔍 **3 changed · 0 added · 0 removed · 45 unchanged**.');
    const wide = await show(md, 1280, 'diff-1280');
    expect(wide.pageScrollsSideways).toBe(false);
    const changes = wide.images.filter((i) => i.alt === ALT);
    expect(changes).toHaveLength(3);
    // The first picture a reviewer sees is the change, near the top; no contact sheet shows (all folded).
    expect(wide.images[0]!.alt).toBe(ALT);
    expect(wide.images[0]!.top).toBeLessThanOrEqual(400);
    expect(wide.images).toHaveLength(3);
    // Big enough to read the headline: each strip at its natural size, at least 500 px wide.
    for (const c of changes) expect(c.width).toBeGreaterThanOrEqual(500);
    console.log(
      `review comment: ${wide.height} px tall at 1280 px; pictures at ${changes.map((c) => Math.round(c.top)).join(', ')} px`,
    );
  });

  it('on a 390 px phone nothing scrolls sideways and each picture fits the column', async () => {
    const phone = await show(comment(), 390, 'diff-390');
    expect(phone.pageScrollsSideways).toBe(false);
    expect(phone.innerScrollers).toEqual([]);
    const changes = phone.images.filter((i) => i.alt === ALT);
    expect(changes).toHaveLength(3);
    for (const c of changes) expect(c.width).toBeLessThanOrEqual(390 - 2 * 15);
  });

  it('nothing changed: one line, no picture', async () => {
    const same: DiffResult = { ...diff, changed: [], unchanged: 36 };
    const md = comment({ changes: { ...input.changes!, diff: same } });
    const r = await show(md, 1280, 'diff-none-1280');
    expect(r.images).toEqual([]);
    // The title, one line, the links: well under a screen.
    expect(r.height).toBeLessThan(300);
    expect(md).toContain('**No visual change**: 0 changed · 0 added · 0 removed · 36 unchanged');
  });

  it('(planted) the checks bite: without a comparison the first picture is a contact sheet', async () => {
    const r = await show(comment({ changes: undefined }), 1280, 'planted-no-diff-1280');
    expect(r.images[0]!.alt).not.toBe(ALT);
    expect(r.images.filter((i) => i.alt === ALT)).toHaveLength(0);
  });
});
