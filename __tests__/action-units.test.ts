// The Action's pure parts: inputs, action.yml, context, annotations, markdown, sheet layout.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT, parseInputs } from '../src/action/inputs.js';
import { readContext } from '../src/action/context.js';
import { findingAnnotations } from '../src/action/annotations.js';
import { HOME_REPOSITORY, ruleAnchor, ruleLink, rulesDocBase } from '../src/action/links.js';
import { SOURCES } from '../src/store/sources.js';
import { RULES } from '../src/lint/rules.js';
import { VERSION } from '../src/version.js';
import type { Finding } from '../src/report/types.js';
import { sanitizeReport } from '../src/action/modes/comment.js';
import { loadProject } from '../src/project.js';
import { commentBody, countsTable, jobSummary } from '../src/publish/markdown.js';
import { layoutSheet } from '../src/publish/contact-sheet.js';
import { joinInside as imageFile } from '../src/util/paths.js';
import { buildReport } from '../src/report/index.js';
import type { ImageRecord } from '../src/report/types.js';
import { UserError } from '../src/util/errors.js';
import { nativeCacheDir, pinnedVersions } from '../src/action/natives.js';
import { UPLOAD_INPUT } from '../src/action/modes/upload.js';

import { ROOT } from './helpers/root.js';

const actionYml = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
  branding: object;
};
const reader = (m: Record<string, string>) => (n: string) => m[n] ?? '';
/** What the runner passes when the workflow sets nothing: action.yml's defaults. */
const defaults = Object.fromEntries(Object.entries(actionYml.inputs).map(([k, v]) => [k, v.default ?? '']));

describe('action.yml', () => {
  it('declares every input the code reads, each with a typed description and a default, and runs on node24', () => {
    expect(Object.keys(actionYml.inputs).sort()).toEqual(
      [...Object.values(INPUT), ...Object.values(UPLOAD_INPUT)].sort(),
    );
    for (const [name, i] of Object.entries(actionYml.inputs)) {
      expect(i.description, name).toMatch(/^(string|boolean|number|list|[a-z-]+ \|)/);
      expect(i.default, name).toBeDefined();
    }
    expect(actionYml.inputs['github-token']!.default).toBe('${{ github.token }}');
    expect(actionYml.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
    // GitHub's metadata syntax: a Feather icon name and one of nine colours; nothing else under branding.
    const branding = actionYml.branding as Record<string, unknown>;
    expect(Object.keys(branding).sort()).toEqual(['color', 'icon']);
    expect(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']).toContain(
      branding.color,
    );
    expect(branding.icon).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('lists the outputs the issue names', () => {
    expect(Object.keys(actionYml.outputs).sort()).toEqual(
      [
        'images',
        'errors',
        'warnings',
        'report',
        'artifact-id',
        'artifact-url',
        'comment-id',
        'pull-request-number',
        'pull-request-url',
        'pull-request-operation',
        'renders',
        'upload-plan',
        'upload-changes',
        'changed',
        'added',
        'removed',
      ].sort(),
    );
  });

  it('its defaults parse', () => {
    const i = parseInputs(reader({ ...defaults, 'github-token': 'ghs_x' }));
    expect(i).toMatchObject({
      mode: 'local',
      failOn: 'error',
      uploadArtifact: true,
      comment: true,
      previewImages: true,
      releasePr: 'auto',
      overwrite: true,
      prBranch: 'storeshots/screenshots',
      artifactName: 'storeshots',
      artifactNameGiven: false,
    });
    expect(i.remote).toEqual({
      apiUrl: undefined,
      apiKey: undefined,
      webhookSecret: undefined,
      wait: 'poll',
      timeoutMinutes: 30,
    });
  });
});

describe('inputs', () => {
  it('empty is unset; lists split on commas and lines', () => {
    const i = parseInputs(
      reader({
        locales: ' en-US, de-DE\nja ',
        presets: '',
        'retention-days': '7',
        'pr-labels': 'a,,b',
        'pr-path': './ios/',
      }),
    );
    expect(i.locales).toEqual(['en-US', 'de-DE', 'ja']);
    expect(i.presets).toEqual([]);
    expect(i.retentionDays).toBe(7);
    expect(i.prLabels).toEqual(['a', 'b']);
    expect(i.prPath).toBe('ios');
    expect(i.manifest).toBeUndefined();
  });

  it('checks booleans and numbers instead of coercing them, and lists every problem in one error', () => {
    let err: unknown;
    try {
      parseInputs(
        reader({
          comment: 'yes',
          'retention-days': '0',
          'upload-artifact': '1',
          shard: '3/2',
          'pr-branch': 'a..b',
          mode: 'cloud',
        }),
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).problems.map((p) => p.field).sort()).toEqual([
      'comment',
      'mode',
      'pr-branch',
      'retention-days',
      'shard',
      'upload-artifact',
    ]);
    expect((err as UserError).message).toContain(
      'Expected true, false or changes-only for input comment but received "yes"',
    );
    expect((err as UserError).message).toContain(
      'Expected a whole number of 1 or more for input retention-days but received "0"',
    );
  });

  it('comment: changes-only comments (only when something changed); diff-base is artifact, render or none', () => {
    expect(parseInputs(reader({ comment: 'changes-only' }))).toMatchObject({ comment: true, commentChangesOnly: true });
    expect(parseInputs(reader({ comment: 'false' }))).toMatchObject({ comment: false, commentChangesOnly: false });
    expect(parseInputs(reader({}))).toMatchObject({ comment: true, commentChangesOnly: false, diffBase: 'artifact' });
    for (const v of ['artifact', 'render', 'none'] as const)
      expect(parseInputs(reader({ 'diff-base': v })).diffBase).toBe(v);
    expect(() => parseInputs(reader({ 'diff-base': 'main' }))).toThrow(
      'Expected one of artifact, render, none for input diff-base but received "main"',
    );
  });

  it('passes retention-days through for GitHub to cap (repositories may allow up to 400 days)', () => {
    expect(parseInputs(reader({ 'retention-days': '400' })).retentionDays).toBe(400);
    expect(parseInputs(reader({ 'retention-days': '1' })).retentionDays).toBe(1);
    expect(() => parseInputs(reader({ 'retention-days': '1.5' }))).toThrow(/retention-days/);
  });

  it('release-pr replaces pull-request; the old name still works, with a deprecation warning', () => {
    expect(parseInputs(reader({ 'release-pr': 'true' }))).toMatchObject({ releasePr: true, deprecations: [] });
    const old = parseInputs(reader({ 'release-pr': 'auto', 'pull-request': 'false' }));
    expect(old.releasePr).toBe(false);
    expect(old.deprecations.join()).toMatch(/pull-request is deprecated: it is now release-pr/);
    // Both given and at odds: say so rather than guess.
    expect(() => parseInputs(reader({ 'release-pr': 'true', 'pull-request': 'false' }))).toThrow(/pull-request/);
    expect(parseInputs(reader({ 'release-pr': 'true', 'pull-request': 'true' })).releasePr).toBe(true);
  });

  it('accepts the YAML spellings of booleans that core.getBooleanInput accepts', () => {
    expect(
      parseInputs(reader({ comment: 'False', 'upload-artifact': 'TRUE', 'release-pr': 'true', overwrite: 'FALSE' })),
    ).toMatchObject({ comment: false, uploadArtifact: true, releasePr: true, overwrite: false });
  });
});

describe('context', () => {
  const ctx = (name: string, payload: object, extra: Record<string, string> = {}) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ctx-'));
    writeFileSync(path.join(dir, 'e.json'), JSON.stringify(payload));
    return readContext({
      GITHUB_EVENT_NAME: name,
      GITHUB_EVENT_PATH: path.join(dir, 'e.json'),
      GITHUB_REPOSITORY: 'acme/app',
      ...extra,
    });
  };
  it('tells a fork PR from a same-repo PR, and a tag push or release from a branch push', () => {
    const pr = (head: string | undefined) => ({
      pull_request: { number: 3, head: { sha: 'x', repo: head ? { full_name: head } : null }, base: { ref: 'main' } },
    });
    expect(ctx('pull_request', pr('acme/app')).fromFork).toBe(false);
    expect(ctx('pull_request', pr('someone/app')).fromFork).toBe(true);
    expect(ctx('pull_request', pr(undefined)).fromFork).toBe(true); // deleted fork
    expect(ctx('push', {}, { GITHUB_REF: 'refs/tags/v1' }).isRelease).toBe(true);
    expect(ctx('push', {}, { GITHUB_REF: 'refs/heads/main' }).isRelease).toBe(false);
    expect(ctx('release', {}).isRelease).toBe(true);
  });
});

describe('annotations', () => {
  const project = loadProject({ config: 'examples/habitual/screenshots.yml', cwd: ROOT });
  const manifest = readFileSync(path.join(ROOT, 'examples/habitual/screenshots.yml'), 'utf8').split('\n');
  const base = {
    severity: 'warning' as const,
    message: 'm',
    source: 'https://example.com/rule',
    verified: '2026-01-01',
  };
  const annotate = (...fs: Finding[]) => findingAnnotations(fs, project.plan, ROOT, ROOT);
  const lineOf = (a: { startLine?: number }) => manifest[a.startLine! - 1]!;

  it("puts an image finding on the slide's line and a set finding with a preset on that preset's entry", () => {
    const [slide, set] = annotate(
      { ...base, rule: 'image.duplicate', locale: 'de-DE', preset: 'play.phone', slide: 'stats' },
      { ...base, rule: 'appstore.count', severity: 'error', locale: 'ja', preset: 'appstore.ipad_13' },
    );
    expect(slide!.file).toBe('examples/habitual/screenshots.yml');
    expect(lineOf(slide!)).toContain('id: stats');
    expect(set!.file).toBe('examples/habitual/screenshots.yml');
    expect(lineOf(set!)).toContain('appstore.ipad_13');
    expect(set!.severity).toBe('error');
    expect(slide!.message).toContain('https://example.com/rule');
  });

  it("puts a text finding on the offending locale's headline (or subtitle) line", () => {
    const [head, sub, missing] = annotate(
      {
        ...base,
        rule: 'text.overflow',
        locale: 'de-DE',
        preset: 'play.phone',
        slide: 'stats',
        message: 'de-DE/play.phone/02-stats.png: the headline "Sieh deinen Fortschritt" does not fit',
      },
      {
        ...base,
        rule: 'text.contrast',
        locale: 'ja',
        preset: 'appstore.iphone_6_9',
        slide: 'home',
        message: 'x: the subtitle "連続記録" (#fff) has a contrast of 1.2:1',
      },
      {
        ...base,
        rule: 'text.missing-translation',
        locale: 'ar',
        preset: 'play.phone',
        slide: 'photo',
        message: 'x: no ar headline for slide "photo"',
      },
    );
    expect(lineOf(head!)).toBe('      de-DE: Sieh deinen Fortschritt');
    expect(head!.startColumn).toBe(7);
    expect(lineOf(sub!)).toMatch(/^ {6}ja: 連続記録/);
    // Slide "photo" has an ar headline line in the example: the finding points at it.
    expect(lineOf(missing!)).toMatch(/^ {6}ar: /);
  });

  it('puts a finding about the whole set (no slide, no preset) on the presets: line, not line 1', () => {
    const [slot, total] = annotate(
      { ...base, rule: 'appstore.required-slot', severity: 'error', message: 'The manifest has no 6.3" set' },
      {
        ...base,
        rule: 'play.min-total',
        severity: 'error',
        locale: 'ja',
        message: 'The ja Play listing has 1 screenshot',
      },
    );
    expect(lineOf(slot!)).toMatch(/^presets:/);
    expect(slot!.startLine).toBeGreaterThan(1);
    expect(lineOf(total!)).toMatch(/^presets:/);
  });

  it('links a house rule to its row in docs/lint.md of the running copy', () => {
    const house = { ...base, rule: 'text.overflow', source: SOURCES.storeshotsRules.url };
    const [a] = findingAnnotations(
      [house],
      project.plan,
      ROOT,
      ROOT,
      rulesDocBase({ serverUrl: 'https://github.com', actionRepository: 'acme/storeshots', actionRef: 'v1' }),
    );
    expect(a!.message).toContain('https://github.com/acme/storeshots/blob/v1/docs/lint.md#rule-text-overflow');
  });
});

describe('links', () => {
  it('follow where the action runs, else the project home at this version', () => {
    expect(
      rulesDocBase({
        serverUrl: 'https://ghe.example.com',
        actionRepository: 'tools/storeshots',
        actionRef: 'release/2',
      }),
    ).toBe('https://ghe.example.com/tools/storeshots/blob/release%2F2/docs/lint.md');
    expect(rulesDocBase({ serverUrl: 'https://github.com' })).toBe(
      `https://github.com/${HOME_REPOSITORY}/blob/v${VERSION}/docs/lint.md`,
    );
    expect(
      ruleLink(
        { rule: 'appstore.count', source: 'https://developer.apple.com/x' },
        'https://github.com/a/b/blob/v1/docs/lint.md',
      ),
    ).toBe('https://developer.apple.com/x');
  });

  it("a house rule links to its row in the running copy's docs/lint.md; other sources, or no running copy, keep the source", () => {
    const base = 'https://github.com/a/b/blob/v1/docs/lint.md';
    const house = SOURCES.storeshotsRules.url;
    expect(ruleLink({ rule: 'text.overflow', source: house }, base)).toBe(`${base}#rule-text-overflow`);
    // The house page with its own anchor (a report written by another copy) is still a house rule.
    expect(ruleLink({ rule: 'input.exif-orientation', source: `${house}#rule-x` }, base)).toBe(
      `${base}#rule-input-exif-orientation`,
    );
    // A page that only ends with the house page's address is not it.
    const other = `https://example.com/?from=${house}`;
    expect(ruleLink({ rule: 'text.overflow', source: other }, base)).toBe(other);
    expect(ruleLink({ rule: 'text.overflow', source: house }, undefined)).toBe(house);
    expect(ruleLink({ rule: 'text.overflow', source: house }, '')).toBe(house);
  });

  it('a rule anchor is lower-case letters and digits in runs joined by single hyphens, none at either end', () => {
    expect(ruleAnchor('appstore.size')).toBe('rule-appstore-size');
    expect(ruleAnchor('Play.Min--Side_2')).toBe('rule-play-min-side-2');
    expect(ruleAnchor('.text..overflow.')).toBe('rule-text-overflow');
  });

  it("package.json's repository is the home the links fall back to", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository?: { url?: string } };
    expect(pkg.repository?.url).toContain(`github.com/${HOME_REPOSITORY}`);
  });

  it('docs/lint.md has an anchor on every rule that links to it', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/lint.md'), 'utf8');
    for (const r of RULES) expect(doc, r.id).toContain(`<a id="${ruleAnchor(r.id)}"></a>`);
  });
});

const rec = (locale: string, preset: string, index: number, w = 1320, h = 2868): ImageRecord => ({
  path: `${locale}/${preset}/${index}.png`,
  locale,
  preset,
  slide: `s${index}`,
  index,
  width: w,
  height: h,
  format: 'png',
  bytes: 1,
  sha256: 'x',
  cached: false,
});

describe('markdown', () => {
  it('counts per (locale, preset)', () => {
    const r = buildReport([rec('en-US', 'a', 1), rec('en-US', 'a', 2), rec('en-US', 'b', 1), rec('ja', 'a', 1)], []);
    expect(countsTable(r)).toBe('| locale | a | b |\n|---|---:|---:|\n| en-US | 2 | 1 |\n| ja | 1 | 0 |');
  });

  it('the summary links the artifact and lists timings; the comment says when there are no findings', () => {
    const r = buildReport([rec('en-US', 'a', 1)], []);
    const s = jobSummary({
      report: r,
      timings: [['render', 2500]],
      artifact: { name: 'storeshots', url: 'https://github.com/a/b/actions/runs/1/artifacts/2' },
    });
    expect(s).toContain('[storeshots](https://github.com/a/b/actions/runs/1/artifacts/2)');
    expect(s).toContain('| render | 2.5 |');
    expect(commentBody({ report: r })).toContain('No lint findings.');
  });
});

describe('comment mode input', () => {
  it("drops malformed records from another run's report and recounts", () => {
    const bad = {
      version: 1,
      images: [rec('en-US', 'a', 1), { path: '../../etc/passwd', locale: 1 }, rec('en-US', 'a', 2, -5, 10)],
      findings: [{ rule: 'x', severity: 'fatal', message: 'm' }],
      summary: { images: 999, errors: 0 },
    };
    const r = sanitizeReport(bad as never);
    expect(r.images).toHaveLength(1);
    expect(r.findings).toHaveLength(0);
    expect(r.summary.images).toBe(1);
  });

  it("a finding without a source in another run's report still makes the comment, its rule linked nowhere", () => {
    const r = sanitizeReport({
      version: 1,
      images: [rec('en-US', 'a', 1)],
      findings: [{ rule: 'text.overflow', severity: 'warning', message: 'too long' }],
      summary: { images: 1, errors: 0 },
    } as never);
    const body = commentBody({ report: r, rulesBase: 'https://github.com/a/b/blob/v1/docs/lint.md' });
    expect(body).toContain('[text.overflow](#)');
    expect(body).toContain('too long');
  });

  it('never resolves an image path outside the set', () => {
    expect(imageFile('/out', '../x.png')).toBeUndefined();
    expect(imageFile('/out', '/etc/passwd')).toBeUndefined();
    expect(imageFile('/out', 'en-US/a.png')).toBe(path.resolve('/out/en-US/a.png'));
  });
});

describe('contact sheet layout', () => {
  it('a row per preset, slides in order, scaled to one row height', () => {
    const l = layoutSheet([rec('en', 'p', 2), rec('en', 'p', 1), rec('en', 'q', 1, 1080, 1920)], {
      rowHeight: 100,
      gap: 10,
    });
    expect(l.items.map((i) => [i.record.preset, i.record.index, i.left, i.top, i.width, i.height])).toEqual([
      ['p', 1, 10, 10, 46, 100],
      ['p', 2, 66, 10, 46, 100],
      ['q', 1, 10, 120, 56, 100],
    ]);
    expect([l.width, l.height]).toEqual([122, 230]);
  });

  it('shrinks the rows until the widest fits', () => {
    const many = Array.from({ length: 10 }, (_, i) => rec('en', 'mac', i + 1, 2880, 1800));
    const l = layoutSheet(many, { maxWidth: 2400 });
    expect(l.width).toBeLessThanOrEqual(2400);
    expect(l.items[0]!.height).toBeLessThan(360);
  });
});

describe('native packages', () => {
  it("pins the lockfile's exact versions and keys the cache by version, platform and libc", () => {
    const v = pinnedVersions(ROOT);
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
    expect(v).toEqual({
      sharp: lock.packages['node_modules/sharp'].version,
      '@napi-rs/canvas': lock.packages['node_modules/@napi-rs/canvas'].version,
      piscina: lock.packages['node_modules/piscina'].version,
    });
    const a = nativeCacheDir('/cache', v);
    expect(a).toMatch(new RegExp(`^/cache/storeshots-natives/[0-9a-f]{12}-${process.platform}-${process.arch}`));
    expect(nativeCacheDir('/cache', { ...v, sharp: '0.0.1' })).not.toBe(a);
  });
});
