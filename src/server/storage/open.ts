// Which storage a node uses, from `--database` (docs/scaling.md): none (or `sqlite`) keeps the
// zero-setup default, SQLite and files under --data; a `postgres://` or `postgresql://` URL selects
// PostgreSQL for rows and blobs, shared by every node given the same URL. Anything else is refused
// with an error naming the flag (a typo must not silently fall back to a private SQLite file on one
// node). The password never appears in an error.
import { UserError } from '../../util/errors.js';
import { FsBlobStore } from './fs-blobs.js';
import { PgBlobStore } from './pg-blobs.js';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { BlobStore, ServiceStore } from './types.js';

export type StorageChoice = { engine: 'sqlite' } | { engine: 'postgres'; url: string };

const EXAMPLE = 'postgres://user:password@host:5432/database';

/** The URL with its password replaced by `***` (for messages and logs). */
export function redactUrl(raw: string): string {
  return raw.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

export function parseDatabaseFlag(raw: string | undefined, flag = '--database'): StorageChoice {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'sqlite') return { engine: 'sqlite' };
  const shown = redactUrl(value);
  const bad = (why: string) =>
    new UserError(`${flag}: "${shown}" ${why}; expected ${EXAMPLE}, or leave it out for SQLite under --data`);
  if (!/^postgres(ql)?:\/\//i.test(value)) throw bad('is not a PostgreSQL URL');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad('is not a valid URL');
  }
  if (!url.hostname && !url.searchParams.get('host')) throw bad('names no host');
  if (url.pathname.replace(/^\//, '') === '') throw bad('names no database');
  if (url.port && !(Number(url.port) >= 1 && Number(url.port) <= 65_535)) throw bad('has no valid port');
  return { engine: 'postgres', url: value };
}

export interface OpenedStorage {
  store: ServiceStore;
  blobs: BlobStore;
  /** Where the rows live, for the start-up line and /healthz (no password). */
  where: string;
}

/** Opens (and migrates) the chosen storage. A PostgreSQL that cannot be reached fails with the URL, password hidden. */
export async function openStorage(
  choice: StorageChoice,
  dataDir: string,
  opts: { log?: (msg: string) => void; reconnectMs?: number } = {},
): Promise<OpenedStorage> {
  if (choice.engine === 'sqlite') {
    const store = new SqliteStore(dataDir);
    await store.migrate();
    return { store, blobs: new FsBlobStore(dataDir), where: dataDir };
  }
  const store = PostgresStore.open({ url: choice.url, ...opts });
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw new UserError(`--database: cannot use ${redactUrl(choice.url)}: ${(e as Error).message}`);
  }
  return { store, blobs: new PgBlobStore(store.pool), where: redactUrl(choice.url) };
}
