// Files a reader never sees half of: written (or copied) to a temporary name beside the target,
// then renamed over it; the temporary file is removed when anything fails.
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function viaTemp(file: string, make: (tmp: string) => void): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    make(tmp);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function writeFileAtomic(file: string, data: string | Buffer): void {
  viaTemp(file, (tmp) => writeFileSync(tmp, data));
}

export function copyFileAtomic(from: string, file: string): void {
  viaTemp(file, (tmp) => copyFileSync(from, tmp));
}
