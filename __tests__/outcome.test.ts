// The one outcome module every front end uses: fail-on, how a finding reads, and where a problem
// is annotated. The CLI tests and the Action's end-to-end tests check the same functions through
// their front ends; these pin each behaviour on its own.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  annotationFile,
  countFindings,
  failingCount,
  failOnMessage,
  findingCommand,
  findingLine,
  formatFinding,
  problemPlace,
} from '../src/outcome.js';
import type { Finding } from '../src/report/types.js';

const finding = (over: Partial<Finding> = {}): Finding => ({
  rule: 'text.overflow',
  severity: 'warning',
  message: 'headline runs over its box',
  source: 'docs/lint.md#rule-text-overflow',
  verified: '2026-01-01',
  ...over,
});

describe('fail-on', () => {
  const findings = [finding({ severity: 'error' }), finding(), finding(), finding({ severity: 'error' }), finding()];

  it('counts errors and warnings', () => {
    expect(countFindings(findings)).toEqual({ errors: 2, warnings: 3 });
    expect(countFindings([])).toEqual({ errors: 0, warnings: 0 });
  });

  it('fails on errors only by default level, on both at warning, never at never', () => {
    const counts = countFindings(findings);
    expect(failingCount(counts, 'error')).toBe(2);
    expect(failingCount(counts, 'warning')).toBe(5);
    expect(failingCount(counts, 'never')).toBe(0);
    expect(failingCount({ errors: 0, warnings: 4 }, 'error')).toBe(0);
    expect(failingCount({ errors: 0, warnings: 4 }, 'warning')).toBe(4);
  });

  it('says how many findings reached which level', () => {
    expect(failOnMessage(1, 'error')).toBe(
      '1 lint finding at or above fail-on: error (see the annotations and the job summary)',
    );
    expect(failOnMessage(3, 'warning')).toBe(
      '3 lint findings at or above fail-on: warning (see the annotations and the job summary)',
    );
  });
});

describe('a finding on a terminal', () => {
  it('is one line with its path before the message, unless the message starts with it', () => {
    expect(findingLine(finding({ path: 'en-US/x/01-home.png' }))).toBe(
      'warning: text.overflow: en-US/x/01-home.png: headline runs over its box\n',
    );
    expect(findingLine(finding({ severity: 'error', path: 'a.png', message: 'a.png is 10x10' }))).toBe(
      'error: text.overflow: a.png is 10x10\n',
    );
    expect(findingLine(finding())).toBe('warning: text.overflow: headline runs over its box\n');
  });

  it('reads in `storeshots lint` as severity, rule and message, then its source', () => {
    expect(formatFinding(finding({ severity: 'error' }))).toBe(
      'error   text.overflow: headline runs over its box\n        docs/lint.md#rule-text-overflow (verified 2026-01-01)\n',
    );
  });

  it('becomes a workflow command on its file, with the command syntax escaped', () => {
    const f = finding({ severity: 'error', rule: 'a:b,c', path: 'de/x,1.png', message: '100% over\nthe line' });
    expect(findingCommand(f)).toBe(
      '::error file=de/x%2C1.png,title=a%3Ab%2Cc::100%25 over%0Athe line (docs/lint.md#rule-text-overflow, verified 2026-01-01)\n',
    );
    expect(findingCommand(finding())).toBe(
      '::warning title=text.overflow::headline runs over its box (docs/lint.md#rule-text-overflow, verified 2026-01-01)\n',
    );
  });
});

describe('a problem as an annotation', () => {
  const ws = path.resolve('/repo');

  it('sits on its file, relative to the workspace, at its line and column', () => {
    const p = {
      severity: 'warning' as const,
      message: 'unknown key',
      at: { file: 'shots/screenshots.yml', line: 4, column: 7 },
    };
    expect(problemPlace(p, ws)).toEqual({ file: 'shots/screenshots.yml', startLine: 4, startColumn: 7 });
    const abs = { ...p, at: { ...p.at, file: path.join(ws, 'a', 'b.yml') } };
    expect(problemPlace(abs, ws)).toEqual({ file: 'a/b.yml', startLine: 4, startColumn: 7 });
  });

  it('has no place when the problem has no position', () => {
    expect(problemPlace({ severity: 'error', message: 'no manifest' }, ws)).toEqual({});
  });

  it('names its file with / separators on a Windows runner too', () => {
    const p = { severity: 'error' as const, message: 'x', at: { file: 'shots\\screenshots.yml', line: 1, column: 1 } };
    expect(problemPlace(p, 'D:\\a\\repo', path.win32)).toEqual({
      file: 'shots/screenshots.yml',
      startLine: 1,
      startColumn: 1,
    });
    expect(
      annotationFile('C:\\a\\repo\\shots\\de\\strings.json', 'C:\\a\\repo\\shots', 'C:\\a\\repo', path.win32),
    ).toBe('shots/de/strings.json');
    expect(annotationFile('de/strings.json', '/w/shots', '/w')).toBe('shots/de/strings.json');
  });
});
