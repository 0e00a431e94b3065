// The zero-setup BlobStore: files under --data at <data>/<key>, the paths the service always used
// (renders/<id>/inputs, renders/<id>/out, renders/<id>/outputs, projects/<id>/uploads), so data dirs
// written before storage/ existed keep working. Rows of those data dirs name absolute paths under
// --data: accepted as keys too. A put is durable when it resolves (temp file, fsync, rename).
import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from './types.js';

/** Writes a file so that it is on disk before we say so: temp file, fsync, rename. */
export function writeDurable(file: string, data: Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

const missing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

export class FsBlobStore implements BlobStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The file of a key; a key that would leave the root is refused (never read or written). */
  localPath(key: string): string {
    const file = path.isAbsolute(key) ? path.resolve(key) : path.resolve(this.root, key);
    if (file !== this.root && !file.startsWith(`${this.root}${path.sep}`))
      throw new Error(`blob key outside the data folder: ${key}`);
    return file;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    writeDurable(this.localPath(key), bytes);
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.localPath(key));
    } catch (e) {
      if (missing(e)) return undefined;
      throw e;
    }
  }

  async stream(key: string): Promise<NodeJS.ReadableStream | undefined> {
    const file = this.localPath(key);
    if (!(await this.stat(key))) return undefined;
    return createReadStream(file);
  }

  async stat(key: string): Promise<{ bytes: number } | undefined> {
    try {
      const s = await stat(this.localPath(key));
      return s.isFile() ? { bytes: s.size } : undefined;
    } catch (e) {
      if (missing(e)) return undefined;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.localPath(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const dir = this.localPath(prefix);
    let names: string[];
    try {
      names = (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((d) => d.isFile() && !d.name.endsWith('.tmp'))
        .map((d) => path.relative(this.root, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
    } catch (e) {
      if (missing(e)) return [];
      throw e;
    }
    return names.sort();
  }

  async deletePrefix(prefix: string): Promise<void> {
    const dir = this.localPath(prefix);
    if (dir === this.root) throw new Error('refusing to delete every blob');
    await rm(dir, { recursive: true, force: true });
  }
}
