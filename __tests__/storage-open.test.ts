// `--database`: which storage a node opens. No value keeps SQLite under --data; a PostgreSQL URL
// opens (and migrates) the shared store and blobs on a real server; anything else is refused with
// the flag named and the password hidden.
import { expect, it } from 'vitest';
import { openStorage, parseDatabaseFlag, redactUrl } from '../src/server/storage/open.js';
import { describePg, usePostgres } from './helpers/postgres.js';
import { tempDirs } from './helpers/temp.js';

const tempDir = tempDirs('storeshots-open-');
const HINT = 'expected postgres://user:password@host:5432/database, or leave it out for SQLite under --data';

it('keeps SQLite when --database is absent, empty or "sqlite"', () => {
  for (const v of [undefined, '', '  ', 'sqlite']) expect(parseDatabaseFlag(v)).toEqual({ engine: 'sqlite' });
});

it('selects PostgreSQL for postgres:// and postgresql:// URLs, socket hosts included', () => {
  for (const url of [
    'postgres://u:pw@db.internal:5432/shots',
    'postgresql://db/shots',
    'postgres:///shots?host=/run/postgresql',
  ])
    expect(parseDatabaseFlag(url)).toEqual({ engine: 'postgres', url });
});

it('refuses anything else with the flag named, the reason, an example, and no password', () => {
  const cases: [string, string][] = [
    ['postgress://u:hunter2@h/db', '"postgress://u:***@h/db" is not a PostgreSQL URL'],
    ['mysql://h/db', '"mysql://h/db" is not a PostgreSQL URL'],
    ['/var/lib/storeshots', '"/var/lib/storeshots" is not a PostgreSQL URL'],
    ['postgres://u:hunter2@host', '"postgres://u:***@host" names no database'],
    ['postgres://u:hunter2@host:99999/db', '"postgres://u:***@host:99999/db" is not a valid URL'],
    ['postgres://u:hunter2@/db', '"postgres://u:***@/db" is not a valid URL'],
    ['postgres:///db', '"postgres:///db" names no host'],
  ];
  for (const [raw, why] of cases) expect(() => parseDatabaseFlag(raw)).toThrow(`--database: ${why}; ${HINT}`);
  expect(redactUrl('postgres://u:p%40ss@h/db')).toBe('postgres://u:***@h/db');
});

it('opens SQLite and files under --data by default', async () => {
  const dir = tempDir();
  const { store, blobs, where } = await openStorage({ engine: 'sqlite' }, dir);
  try {
    expect([store.engine, store.shared, where]).toEqual(['sqlite', false, dir]);
    await blobs.put('renders/rnd_1/out/01.png', Buffer.from('png'));
    expect(blobs.localPath?.('renders/rnd_1/out/01.png')).toBe(`${dir}/renders/rnd_1/out/01.png`);
  } finally {
    await store.close();
  }
});

describePg('--database postgres://…', () => {
  const pg = usePostgres();

  it('opens the shared store and blobs, migrated, and a second node sees what the first wrote', async () => {
    const a = await openStorage(parseDatabaseFlag(pg.url()), tempDir());
    const b = await openStorage(parseDatabaseFlag(pg.url()), tempDir());
    try {
      expect([a.store.engine, a.store.shared, a.where]).toEqual(['postgres', true, pg.url()]);
      await a.blobs.put('renders/rnd_1/out/01.png', Buffer.from('png bytes'));
      expect(await b.blobs.get('renders/rnd_1/out/01.png')).toEqual(Buffer.from('png bytes'));
      expect(b.blobs.localPath).toBeUndefined();
      await a.store.addUsage('alpha', '2026-12', 3);
      expect(await b.store.usage('alpha', '2026-12')).toBe(3);
    } finally {
      await a.store.close();
      await b.store.close();
    }
  });

  it('fails clearly, password hidden, when the database does not exist or nothing listens', async () => {
    const port = pg.cluster().port;
    await expect(
      openStorage(parseDatabaseFlag(`postgres://postgres:hunter2@127.0.0.1:${port}/nope`), tempDir()),
    ).rejects.toThrow(
      `--database: cannot use postgres://postgres:***@127.0.0.1:${port}/nope: database "nope" does not exist`,
    );
    // A port nothing listens on: retried for reconnectMs, then the refusal.
    await expect(
      openStorage(parseDatabaseFlag('postgres://postgres:hunter2@127.0.0.1:1/db'), tempDir(), { reconnectMs: 300 }),
    ).rejects.toThrow(
      '--database: cannot use postgres://postgres:***@127.0.0.1:1/db: connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});
