import type { CliIO } from './io.js';
import { RenderError } from '../util/errors.js';

export interface RenderOptions {
  config?: string;
  out?: string;
  locale?: string[];
  preset?: string[];
  slide?: string[];
  shard?: string;
  jobs?: string;
  cache?: boolean;
  cacheDir?: string;
  layout?: 'flat' | 'fastlane';
  failOn?: 'error' | 'warning' | 'never';
  pseudo?: boolean;
  remote?: string;
  apiKey?: string;
}

export async function renderCommand(_opts: RenderOptions, _io: CliIO): Promise<number> {
  throw new RenderError('render is not built yet');
}
