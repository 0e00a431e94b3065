// The manifest's validators precompiled for dist/ (scripts/validators.mjs, ajv standalone code)
// against the same validators compiled by ajv from source (src/manifest/validators.ts): the same
// verdict and the same errors (the error messages users see are made from them) on valid
// manifests and themes and on broken ones.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { precompiledValidators } from '../scripts/validators.mjs';
import { validator, VALIDATORS, type Validator } from '../src/manifest/validators.js';
import { ROOT } from './helpers/root.js';

let precompiled: (name: keyof typeof VALIDATORS) => Validator;

beforeAll(async () => {
  const code = await precompiledValidators({
    formatsFrom: pathToFileURL(path.join(ROOT, 'src/manifest/formats.ts')).href,
    runtimeFrom: (name: string) => pathToFileURL(path.join(ROOT, `node_modules/ajv/dist/runtime/${name}.js`)).href,
  });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'storeshots-validators-test-')), 'validators.mjs');
  writeFileSync(file, code);
  ({ validator: precompiled } = await import(pathToFileURL(file).href));
}, 120_000);

const example = parse(readFileSync(path.join(ROOT, 'examples/habitual/screenshots.yml'), 'utf8')) as Record<
  string,
  unknown
>;
const clone = <T>(v: T): T => structuredClone(v);

/** Broken manifests: one mistake each, of every kind of keyword the schema uses. */
function brokenManifests(): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const edit = (what: string, f: (m: Record<string, unknown>) => void) => {
    const m = clone(example);
    f(m);
    out.push([what, m]);
  };
  edit('unknown top-level key', (m) => (m.bogus = 3));
  edit('wrong version', (m) => (m.version = 2));
  edit('no slides', (m) => delete m.slides);
  edit('locales not a list', (m) => (m.locales = 'en-US'));
  edit('empty locales', (m) => (m.locales = []));
  edit('a colour that is no CSS colour', (m) => (m.style = { background: { gradient: ['#12', 'nope'] } }));
  edit('a device colour that is neither a finish nor a colour', (m) => (m.style = { device: { color: 'plaid' } }));
  edit('a number where a string goes', (m) => ((m.slides as Array<Record<string, unknown>>)[0]!.headline = 42));
  edit('an unknown key in a slide', (m) => ((m.slides as Array<Record<string, unknown>>)[0]!.colour = 'red'));
  edit('a long string', (m) => ((m.app as Record<string, unknown>).name = 'x'.repeat(5000)));
  edit('output with a bad format', (m) => (m.output = { format: 'gif' }));
  edit('several mistakes at once', (m) => {
    m.extra = true;
    m.presets = [{ id: 7 }];
    m.style = { headline: { weight: 'heavy', size: -3 } };
  });
  return out;
}

const themes = () =>
  readdirSync(path.join(ROOT, 'templates'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, (JSON.parse(readFileSync(path.join(ROOT, 'templates', f), 'utf8')) as { style: unknown }).style]);

function same(name: keyof typeof VALIDATORS, data: unknown): { valid: boolean } {
  const a = validator(name);
  const b = precompiled(name);
  const valid = a(data);
  expect(b(data)).toBe(valid);
  expect(clone(b.errors ?? null)).toEqual(clone(a.errors ?? null));
  return { valid };
}

describe('the precompiled manifest validators', () => {
  it('exist for every validator of the source module', () => {
    for (const name of Object.keys(VALIDATORS) as Array<keyof typeof VALIDATORS>)
      expect(typeof precompiled(name)).toBe('function');
  });

  it('accept the example manifest and every shipped theme, as the source does', () => {
    expect(same('manifest', example).valid).toBe(true);
    for (const [, style] of themes()) expect(same('style', style).valid).toBe(true);
  });

  it.each(brokenManifests())('refuse a manifest with %s, with the same errors', (_what, m) => {
    expect(same('manifest', m).valid).toBe(false);
  });

  it('refuse broken theme styles with the same errors', () => {
    for (const [, style] of themes()) {
      const s = clone(style) as Record<string, unknown>;
      s.bogus = 1;
      s.background = { gradient: ['red', 'not-a-colour'], angle: 'sideways' };
      expect(same('style', s).valid).toBe(false);
    }
  });
});
