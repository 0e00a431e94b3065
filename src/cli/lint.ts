import type { CliIO } from './io.js';
import { RenderError } from '../util/errors.js';

export async function lintCommand(_paths: string[], _opts: { store?: 'appstore' | 'play'; json?: boolean }, _io: CliIO): Promise<number> {
  throw new RenderError('lint is not built yet');
}
