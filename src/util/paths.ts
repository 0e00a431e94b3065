// Where the package's own files (templates/, fonts/, schema/) are, from source or from the dist bundle.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
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
 * True when `file` lies under `dir` (or is `dir` itself, with `self`), comparing resolved paths
 * lexically: "..", "a/../../b" and a sibling sharing a prefix (/a/bc is not under /a/b) are
 * outside; a name that merely starts with two dots ("..x") is inside. Symbolic links are not
 * followed: use isReallyInside where the file is read afterwards and links may point anywhere.
 */
export function isInside(dir: string, file: string, opts: { self?: boolean } = {}): boolean {
  if (dir.includes('\0') || file.includes('\0')) return false;
  const rel = path.relative(path.resolve(dir), path.resolve(file));
  if (rel === '') return opts.self === true;
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/**
 * `dir` + a relative path from data we do not trust (report.json, a service's answer): the
 * absolute file, or undefined when the path is empty, absolute (or names a drive), holds a NUL,
 * or leads out of `dir` or to `dir` itself.
 */
export function joinInside(dir: string, rel: string): string | undefined {
  if (
    typeof rel !== 'string' ||
    rel === '' ||
    rel.includes('\0') ||
    path.isAbsolute(rel) ||
    path.win32.isAbsolute(rel) ||
    /^[a-zA-Z]:/.test(rel)
  )
    return undefined;
  const abs = path.resolve(dir, rel);
  return isInside(dir, abs) ? abs : undefined;
}

/**
 * isInside after following symbolic links of both (the two must exist): a link inside `dir`
 * that points elsewhere is outside. False when either cannot be resolved.
 */
export function isReallyInside(dir: string, file: string, opts: { self?: boolean } = {}): boolean {
  let realDir: string;
  let realFile: string;
  try {
    realDir = realpathSync(dir);
    realFile = realpathSync(file);
  } catch {
    return false;
  }
  return isInside(realDir, realFile, opts);
}

/**
 * Resolves a path from a manifest against its folder, refusing paths that leave both the
 * manifest's folder and the working directory (a hostile manifest must not read /etc/passwd).
 */
export function resolveInside(baseDir: string, p: string, cwd = process.cwd()): string | undefined {
  if (p.includes('\0')) return undefined;
  const abs = path.resolve(baseDir, p);
  return isInside(baseDir, abs, { self: true }) || isInside(cwd, abs, { self: true }) ? abs : undefined;
}
