// Themes: small JSON files of style tokens. A name selects templates/<name>.json; a path loads a user's file.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { closest } from 'fastest-levenshtein';
import type { Style } from './types.js';
import { packageRoot, resolveInside } from '../util/paths.js';
import { UserError, errorMessage } from '../util/errors.js';
import { validator } from './validators.js';

export interface Theme {
  name: string;
  description?: string;
  style: Style;
}

export const DEFAULT_THEME = 'aurora';

// A theme's style obeys the same rules as the manifest's style: one definition, in the schema.
function styleErrors(style: unknown): string[] {
  const validateStyle = validator('style');
  if (validateStyle(style)) return [];
  return (validateStyle.errors ?? []).map(
    (e) =>
      `style${e.instancePath.replace(/\//g, '.')} ${e.message}${e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : ''}`,
  );
}

export function builtinThemes(): string[] {
  return readdirSync(path.join(packageRoot(), 'templates'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function loadTheme(ref: string | undefined, baseDir: string, cwd = process.cwd()): Theme {
  const name = ref ?? DEFAULT_THEME;
  const isPath = name.includes('/') || name.endsWith('.json');
  let file: string | undefined;
  if (isPath) {
    file = resolveInside(baseDir, name, cwd);
    if (!file) throw new UserError(`theme path "${name}" leaves the manifest's folder and the working directory`);
    if (!existsSync(file)) throw new UserError(`theme file "${name}" does not exist`);
  } else {
    const names = builtinThemes();
    if (!names.includes(name)) {
      throw new UserError(
        `Unknown theme "${name}" (did you mean "${closest(name, names)}"?); built-in themes: ${names.join(', ')}`,
      );
    }
    file = path.join(packageRoot(), 'templates', `${name}.json`);
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`theme ${name}: invalid JSON: ${errorMessage(e)}`);
  }
  const t = data as Partial<Theme>;
  if (!t || typeof t !== 'object' || !t.style || typeof t.style !== 'object') {
    throw new UserError(`theme ${name}: expected an object with a "style" object`);
  }
  const errors = styleErrors(t.style);
  if (errors.length) throw new UserError(`theme ${name} (${file}): ${errors.join('; ')}`);
  return { name: t.name ?? name, description: t.description, style: t.style };
}
