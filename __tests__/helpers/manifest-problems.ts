// The lines of the one error a manifest text gets from parsing and the schema (m.yml:line:column: ...).
import { expect } from 'vitest';
import { parseManifest } from '../../src/manifest/load.js';
import { UserError } from '../../src/util/errors.js';

export function problems(text: string): string[] {
  try {
    parseManifest(text, 'm.yml', '/tmp');
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).message.split('\n');
  }
  return [];
}
