// Where the package's own files (templates/, fonts/, schema/) are, from source or from the dist bundle.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = path.join(dir, 'package.json');
    if (existsSync(pj) && existsSync(path.join(dir, 'templates'))) {
      try {
        if ((JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'storeshots') return (root = dir);
      } catch {
        /* keep looking */
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('storeshots: cannot find the package root (templates/ beside package.json)');
    dir = up;
  }
}

/**
 * Resolves a path from a manifest against its folder, refusing paths that leave both the
 * manifest's folder and the working directory (a hostile manifest must not read /etc/passwd).
 */
export function resolveInside(baseDir: string, p: string, cwd = process.cwd()): string | undefined {
  if (p.includes('\0')) return undefined;
  const abs = path.resolve(baseDir, p);
  const inside = (dir: string) => {
    const rel = path.relative(path.resolve(dir), abs);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  return inside(baseDir) || inside(cwd) ? abs : undefined;
}
