// errorMessage(e): what every catch block reports, whatever was thrown.
import { describe, expect, it } from 'vitest';
import { errorMessage, fsErrorReason, RenderError, UserError } from '../src/util/errors.js';

describe('errorMessage', () => {
  it("is an Error's message, for the house errors too", () => {
    expect(errorMessage(new TypeError('bad thing'))).toBe('bad thing');
    expect(errorMessage(new RenderError('the worker stopped'))).toBe('the worker stopped');
    expect(
      errorMessage(
        new UserError([{ severity: 'error', message: 'no slides', at: { file: 'a.yml', line: 2, column: 3 } }]),
      ),
    ).toBe('a.yml:2:3: error: no slides');
    expect(errorMessage(new Error(''))).toBe('');
  });

  it('is the message of an error-like object (a rejection from another realm or a client library)', () => {
    expect(errorMessage({ message: 'from a worker', name: 'Error' })).toBe('from a worker');
  });

  it('is the thrown value as text otherwise', () => {
    expect(errorMessage('plain string')).toBe('plain string');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage(null)).toBe('null');
    expect(errorMessage({ message: 7 })).toBe('[object Object]');
  });
});

describe('fsErrorReason', () => {
  // Real errors from the file system, not hand-made codes: what lint and collect see.
  it('says in words why a path could not be read', async () => {
    const { mkdtempSync, readFileSync, readdirSync, writeFileSync, symlinkSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fs-reason-'));
    try {
      const thrown = (fn: () => unknown) => {
        try {
          fn();
        } catch (e) {
          return e;
        }
        throw new Error('did not throw');
      };
      writeFileSync(path.join(dir, 'file'), 'x');
      symlinkSync('loop', path.join(dir, 'loop'));
      expect(fsErrorReason(thrown(() => readFileSync(path.join(dir, 'missing'))))).toBe(
        'no such file (a broken symbolic link?)',
      );
      expect(fsErrorReason(thrown(() => readFileSync(path.join(dir, 'loop'))))).toBe('symbolic link loop');
      expect(fsErrorReason(thrown(() => readdirSync(path.join(dir, 'file'))))).toBe('not a folder');
      expect(fsErrorReason(thrown(() => readFileSync(dir)))).toBe('it is a folder');
      expect(fsErrorReason(new Error('odd'))).toBe('odd');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
