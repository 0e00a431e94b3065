// Helpers for the localization tests: read a fixture strings file through the real registry.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { decodeStringsFile } from '../../src/l10n/text.js';
import { parserFor } from '../../src/manifest/strings.js';
import type { StringsTable } from '../../src/l10n/types.js';
import { UserError } from '../../src/util/errors.js';

import { ROOT } from './root.js';

export const L10N = path.join(ROOT, '__tests__/fixtures/l10n');

/** Parses a fixture file (path relative to fixtures/l10n) for one locale. */
export function parseFixture(rel: string, locale = 'en-US', perLocale = true): StringsTable {
  const parse = parserFor(rel);
  if (!parse) throw new Error(`no parser for ${rel}`);
  return parse(decodeStringsFile(readFileSync(path.join(L10N, rel)), rel), { file: rel, locale, perLocale });
}

/** Asserts that parsing fails with a UserError naming the file, the line (and column) and a message part. */
export function expectParseError(
  rel: string,
  line: number,
  message: RegExp | string,
  locale = 'de-DE',
  column?: number,
): UserError {
  let caught: unknown;
  try {
    parseFixture(rel, locale);
  } catch (e) {
    caught = e;
  }
  expect(caught, `${rel} should fail`).toBeInstanceOf(UserError);
  const err = caught as UserError;
  const at = err.problems[0]?.at;
  expect(at?.file).toBe(rel);
  expect(at?.line).toBe(line);
  if (column !== undefined) expect(at?.column).toBe(column);
  expect(err.message).toContain(`${rel}:${line}:`);
  if (typeof message === 'string') expect(err.message).toContain(message);
  else expect(err.message).toMatch(message);
  return err;
}

/** A temporary project: the given files, plus `shots/` linked to the example's screenshots. */
export function tempProject(files: Record<string, string | Buffer>, prefix = 'ss-l10n-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  if (!existsSync(path.join(dir, 'shots'))) symlinkSync(EXAMPLE_SHOTS, path.join(dir, 'shots'), 'dir');
  return dir;
}

/** Copies a fixture project (fixtures/l10n/projects/NAME) into a temporary folder with the example's screenshots. */
export function copyFixtureProject(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `ss-${name}-`));
  cpSync(path.join(L10N, 'projects', name), dir, { recursive: true });
  symlinkSync(EXAMPLE_SHOTS, path.join(dir, 'shots'), 'dir');
  return dir;
}

export const EXAMPLE_SHOTS = path.join(ROOT, 'examples/habitual/shots');

/** The frameit fixture (fixtures/l10n/frameit) copied into a temporary project folder, fonts dereferenced. */
export function frameitProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ss-frameit-'));
  cpSync(path.join(L10N, 'frameit'), dir, { recursive: true, dereference: true });
  return dir;
}

/** The real-world frameit fixture (fixtures/l10n/frameit-real: every pattern of issue #23) copied into a temporary project. */
export function frameitRealProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ss-frameit-real-'));
  cpSync(path.join(L10N, 'frameit-real'), dir, { recursive: true, dereference: true });
  return dir;
}
