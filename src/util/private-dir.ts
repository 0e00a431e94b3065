// A folder only this process can write to, for files it makes and reads back in one run (the
// manifest's web captures). A fixed name under the shared temporary folder (`/tmp/storeshots-x/`)
// could be made beforehand by another user of the machine, as a folder of theirs or a symlink to
// somewhere we would then write; mkdtemp makes a fresh folder with a random name and mode 0700, so
// nobody else can create, replace or link anything in it. It is deleted when the process exits.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made = new Map<string, string>();

/** This run's private folder for `purpose` (made on first use, 0700, removed at exit). */
export function privateRunDir(purpose: string): string {
  let dir = made.get(purpose);
  if (!dir) {
    dir = mkdtempSync(path.join(os.tmpdir(), `storeshots-${purpose}-`));
    made.set(purpose, dir);
    const created = dir;
    process.once('exit', () => rmSync(created, { recursive: true, force: true }));
  }
  return dir;
}
