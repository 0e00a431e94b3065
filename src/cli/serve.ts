import type { CliIO } from './io.js';
import { RenderError } from '../util/errors.js';

export async function serveCommand(_opts: { port: string; host: string; data: string; keys?: string }, _io: CliIO): Promise<number> {
  throw new RenderError('serve is not built yet');
}
