// The code cites the docs (`docs/store-rules.md#app-store-required-sets`) instead of documents a
// clone does not have: every cited page and anchor must exist, with anchors computed the way GitHub
// renders headings (github-slugger), so a renamed heading fails here instead of leaving a dead link.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { DELIVER_DISPLAY_TYPES } from '../src/store/facts.js';
import { APPSTORE_LOCALES, PLAY_LOCALES } from '../src/store/locales.js';
import { PRESETS } from '../src/store/presets.js';
import { SOURCES } from '../src/store/sources.js';
import { ROOT } from './helpers/root.js';

const TEXT = /\.(ts|mts|mjs|js|json|md|yml|yaml)$/;

function filesUnder(rel: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const abs = path.join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (TEXT.test(name)) out.push(abs);
    }
  };
  walk(path.join(ROOT, rel));
  return out;
}

/** A heading's text as GitHub shows it: links reduced to their text, HTML tags dropped. */
const headingText = (h: string) => h.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');

/** Every anchor a markdown file has on GitHub: its headings' slugs and explicit `<a id>`s. */
function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) anchors.add(slugger.slug(headingText(h[1]!)));
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]!);
  }
  return anchors;
}

const anchorCache = new Map<string, Set<string> | undefined>();
function anchorsOfFile(abs: string): Set<string> | undefined {
  if (!anchorCache.has(abs)) {
    let text: string | undefined;
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      text = undefined;
    }
    anchorCache.set(abs, text === undefined ? undefined : anchorsOf(text));
  }
  return anchorCache.get(abs);
}

/** What is wrong with a link to `file` (absolute) and `anchor` (without #), or undefined. */
function brokenLink(file: string, anchor: string | undefined): string | undefined {
  const anchors = anchorsOfFile(file);
  if (!anchors) return `${path.relative(ROOT, file)} does not exist`;
  if (anchor && !anchors.has(anchor)) return `${path.relative(ROOT, file)} has no heading or anchor #${anchor}`;
  return undefined;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

describe('citations of docs/ in the code', () => {
  const sources = ['src', '__tests__', 'scripts', 'schema', 'bench']
    .flatMap(filesUnder)
    .concat(path.join(ROOT, 'action.yml'));

  it('name a docs/ page and anchor that exist', () => {
    const cited: string[] = [];
    const broken: string[] = [];
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bdocs\/([\w.-]+\.md)(?:#([\w-]+))?/g)) {
        const where = `${path.relative(ROOT, file)}:${lineOf(text, m.index)}`;
        cited.push(where);
        const why = brokenLink(path.join(ROOT, 'docs', m[1]!), m[2]);
        if (why) broken.push(`${where}: ${m[0]}: ${why}`);
      }
    }
    expect(broken).toEqual([]);
    expect(cited.length).toBeGreaterThan(30);
  });

  it('cite no document the repository does not ship', () => {
    // Built from parts so this file does not match itself.
    const unshipped = new RegExp(
      ['SPEC' + ' §', 'STORE' + '-RULES', 'SPEC' + '\\.md', 'ENGINEERING' + '\\.md'].join('|'),
    );
    const found = [...sources, ...filesUnder('docs'), path.join(ROOT, 'README.md')].flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((l, i) => (unshipped.test(l) ? [`${path.relative(ROOT, file)}:${i + 1}: ${l.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});

describe('links between the docs', () => {
  it('every relative link in README.md and docs/*.md reaches a file and anchor that exist', () => {
    const broken: string[] = [];
    let links = 0;
    for (const file of [path.join(ROOT, 'README.md'), ...filesUnder('docs')]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]*)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
        const [rel, anchor] = target.split('#') as [string, string | undefined];
        const dest = rel ? path.resolve(path.dirname(file), rel) : file;
        links++;
        if (!dest.endsWith('.md')) {
          try {
            statSync(dest);
          } catch {
            broken.push(`${path.relative(ROOT, file)}:${lineOf(text, m.index)}: ${target}: no such file`);
          }
          continue;
        }
        const why = brokenLink(dest, anchor);
        if (why) broken.push(`${path.relative(ROOT, file)}:${lineOf(text, m.index)}: ${target}: ${why}`);
      }
    }
    expect(broken).toEqual([]);
    expect(links).toBeGreaterThan(30);
  });

  it('computes anchors as GitHub does', () => {
    const a = anchorsOf(
      '# report.json\n## `POST /v1/renders`\n```sh\n# not a heading\n```\n## Exit codes\n## Exit codes\n<a id="rule-x"></a>',
    );
    expect([...a]).toEqual(['reportjson', 'post-v1renders', 'exit-codes', 'exit-codes-1', 'rule-x']);
  });
});

// Files docs/architecture.md names that other branches of issue #18 create (i18e: one render engine
// and route plugins; i18h: src/project.ts; i18o: src/outcome.ts). Empty this list once they are merged.
const PENDING = new Set<string>();

describe('docs/architecture.md', () => {
  it('names files and folders that exist', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
    const named = new Set([...doc.matchAll(/`((?:src|__tests__|scripts|schema|bin)\/[\w./-]*)`/g)].map((m) => m[1]!));
    const missing = [...named]
      .filter((p) => !PENDING.has(p))
      .filter((p) => {
        try {
          statSync(path.join(ROOT, p));
          return false;
        } catch {
          return true;
        }
      });
    expect(missing).toEqual([]);
    expect(named.size).toBeGreaterThan(40);
  });
});

describe('docs/store-rules.md and docs/interfaces.md agree with src/store', () => {
  it('lists every source with its link and verified date, and no other', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/store-rules.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `(\w+)` \| (.*) \| (\d{4}-\d{2}-\d{2}) \|$/gm)];
    expect(rows.map((r) => r[1]).sort()).toEqual(Object.keys(SOURCES).sort());
    for (const [, id, source, verified] of rows) {
      const s = SOURCES[id as keyof typeof SOURCES];
      expect(source, id).toContain(`(${s.url})`);
      expect(verified, id).toBe(s.verified);
    }
  });

  it("lists deliver's size -> display type table and both stores' locale codes as src/store has them", () => {
    const doc = readFileSync(path.join(ROOT, 'docs/store-rules.md'), 'utf8');
    const section = doc.slice(
      doc.indexOf('## deliver: size to display type'),
      doc.indexOf('## App Store locale codes'),
    );
    const rows = [...section.matchAll(/^\| `(APP_\w+)`[^|]* \| ([\dx, ]+) \|$/gm)];
    expect(Object.fromEntries(rows.map((r) => [r[1], r[2]!.split(', ')]))).toEqual(
      Object.fromEntries(
        Object.entries(DELIVER_DISPLAY_TYPES).map(([type, sizes]) => [type, sizes.map(([w, h]) => `${w}x${h}`)]),
      ),
    );
    expect(doc).toContain(`\n\`${APPSTORE_LOCALES.join(' ')}\`\n`);
    expect(doc).toContain(`\n\`${PLAY_LOCALES.join(' ')}\`\n`);
  });

  it('lists every preset with its device and sizes', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/interfaces.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| ((?:appstore|play)\.\w+) \| ([^|]+) \| (\d+x\d+) \|([^|]*)\|$/gm)];
    const fmt = (s: { width: number; height: number }) => `${s.width}x${s.height}`;
    expect(rows.map((r) => r[1])).toEqual(PRESETS.map((p) => p.id));
    for (const [, id, device, size, also] of rows) {
      const p = PRESETS.find((q) => q.id === id)!;
      expect(device!.trim(), id).toBe(p.device === 'none' ? '(none)' : p.device);
      expect(size, id).toBe(fmt(p.size));
      if (p.store === 'appstore') expect(also!.trim(), id).toBe(p.accepted.slice(1).map(fmt).join(', '));
    }
  });
});
