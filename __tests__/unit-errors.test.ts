// errorMessage(e): what every catch block reports, whatever was thrown.
import { describe, expect, it } from 'vitest';
import { errorMessage, RenderError, UserError } from '../src/util/errors.js';

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
