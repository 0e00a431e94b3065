// BlobStore in PostgreSQL: every node reads the images, inputs and outputs any node wrote, with no
// shared disk and nothing else to run. One `blobs` row per key (its size) and its bytes as `bytea`
// chunks of CHUNK bytes in `blob_chunks` (docs/scaling.md has the measurement that chose bytea
// chunks over large objects, and the sizing). A put replaces the key's chunks in one transaction
// (concurrent puts of one key wait on its row); a get reads them in one statement, so it never
// sees half of a put; a stream reads chunk by chunk inside one REPEATABLE READ transaction, so a
// 50 MB archive is never whole in memory and never mixes two versions.
import { Readable } from 'node:stream';
import type pg from 'pg';
import type { BlobStore } from './types.js';

/** 1 MiB: a typical 1-3 MB screenshot is 1-3 rows; each row stays far below bytea's 1 GB limit. */
export const CHUNK = 1 << 20;

function checkKey(key: string): void {
  if (
    !key ||
    key.startsWith('/') ||
    key.split('/').some((s) => s === '' || s === '.' || s === '..') ||
    key.includes('\0')
  )
    throw new Error(`blob key "${key}" is not a relative path without empty, '.' or '..' segments`);
}

/** `prefix/` as a LIKE pattern, its own % and _ escaped. */
function under(prefix: string): string {
  return `${prefix.replace(/\/+$/, '').replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
}

export class PgBlobStore implements BlobStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async put(key: string, bytes: Uint8Array): Promise<void> {
    checkKey(key);
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const chunks = Math.ceil(buf.length / CHUNK);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query(
        'INSERT INTO blobs (key, bytes, chunks, created_at) VALUES ($1,$2,$3,$4) ON CONFLICT (key) DO UPDATE SET bytes = excluded.bytes, chunks = excluded.chunks, created_at = excluded.created_at',
        [key, buf.length, chunks, this.now()],
      );
      await client.query('DELETE FROM blob_chunks WHERE key = $1', [key]);
      for (let n = 0; n < chunks; n++)
        await client.query('INSERT INTO blob_chunks (key, n, data) VALUES ($1,$2,$3)', [
          key,
          n,
          buf.subarray(n * CHUNK, (n + 1) * CHUNK),
        ]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch((r: Error) => {
        broken = r;
      });
      throw e;
    } finally {
      client.release(broken);
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    checkKey(key);
    const r = await this.pool.query<{ bytes: number; data: Buffer | null }>(
      'SELECT b.bytes, c.data FROM blobs b LEFT JOIN blob_chunks c ON c.key = b.key WHERE b.key = $1 ORDER BY c.n',
      [key],
    );
    if (r.rows.length === 0) return undefined;
    return Buffer.concat(r.rows.flatMap((row) => (row.data ? [row.data] : [])));
  }

  async stream(key: string): Promise<NodeJS.ReadableStream | undefined> {
    checkKey(key);
    const client = await this.pool.connect();
    let chunks: number;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const head = await client.query<{ chunks: number }>('SELECT chunks FROM blobs WHERE key = $1', [key]);
      if (head.rows.length === 0) {
        await client.query('COMMIT');
        client.release();
        return undefined;
      }
      chunks = head.rows[0]!.chunks;
    } catch (e) {
      client.release(e as Error);
      throw e;
    }
    // Ends the read-only transaction and hands the connection back, however the reading ended: all
    // read, a query failed, or the reader stopped early (the stream destroyed: Node throws an abort
    // into the generator). Only a connection that cannot even roll back is dropped from the pool.
    let released = false;
    const release = async (): Promise<void> => {
      if (released) return;
      released = true;
      let broken: Error | undefined;
      await client.query('ROLLBACK').catch((e: Error) => {
        broken = e;
      });
      client.release(broken);
    };
    async function* read(): AsyncGenerator<Buffer> {
      try {
        for (let n = 0; n < chunks; n++) {
          const r = await client.query<{ data: Buffer }>('SELECT data FROM blob_chunks WHERE key = $1 AND n = $2', [
            key,
            n,
          ]);
          if (!r.rows[0]) throw new Error(`blob ${key}: chunk ${n} of ${chunks} is missing`);
          yield r.rows[0].data;
        }
      } finally {
        await release();
      }
    }
    return Readable.from(read(), { objectMode: false });
  }

  async stat(key: string): Promise<{ bytes: number } | undefined> {
    checkKey(key);
    const r = await this.pool.query<{ bytes: number }>('SELECT bytes FROM blobs WHERE key = $1', [key]);
    return r.rows[0] ? { bytes: r.rows[0].bytes } : undefined;
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.pool.query('DELETE FROM blobs WHERE key = $1', [key]);
  }

  async list(prefix: string): Promise<string[]> {
    const r = await this.pool.query<{ key: string }>(
      "SELECT key FROM blobs WHERE key LIKE $1 ESCAPE '\\' ORDER BY key",
      [under(prefix)],
    );
    return r.rows.map((row) => row.key);
  }

  async deletePrefix(prefix: string): Promise<void> {
    await this.pool.query("DELETE FROM blobs WHERE key LIKE $1 ESCAPE '\\'", [under(prefix)]);
  }
}
