// Where the service's images live when it runs on many machines (issue #20): put/get times of a
// typical 2 MB screenshot and a 50 MB archive in PostgreSQL, three ways, beside the local disk:
// - bytea in 1 MiB chunks (PgBlobStore, src/server/storage/pg-blobs.ts: what the service uses),
// - bytea in one row (the same table, one chunk of any size),
// - a large object (lo_from_bytea / lo_get, server-side functions),
// - a file: write + fsync + rename, read (FsBlobStore on one machine).
// Bytes are random (PNG/JPEG do not compress either). Starts its own PostgreSQL (Debian's
// binaries, as the postgres user when root, 127.0.0.1 only, default durability: fsync on) unless
// --database URL is given. Usage: node bench/pg-blobs.mjs [--database URL] [--images 20] [--archives 3]
// Results go to docs/scaling.md by hand.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import net from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values: opt } = parseArgs({
  options: {
    database: { type: 'string' },
    images: { type: 'string', default: '20' },
    archives: { type: 'string', default: '3' },
  },
});
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

mkdirSync(path.join(ROOT, 'node_modules/.cache'), { recursive: true });
const out = mkdtempSync(path.join(ROOT, 'node_modules/.cache/storeshots-bench-pg-'));
const { build } = await import('esbuild');
await build({
  entryPoints: [
    path.join(ROOT, 'src/server/storage/pg-blobs.ts'),
    path.join(ROOT, 'src/server/storage/pg-migrations.ts'),
  ],
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  external: ['pg'],
  logLevel: 'error',
});
const { PgBlobStore } = await import(pathToFileURL(path.join(out, 'pg-blobs.js')).href);
const { migrate } = await import(pathToFileURL(path.join(out, 'pg-migrations.js')).href);

// A throwaway cluster, as __tests__/helpers/postgres.ts makes one (fsync left on here).
let cluster;
async function startCluster() {
  const base = '/usr/lib/postgresql';
  const v = readdirSync(base)
    .filter((d) => existsSync(path.join(base, d, 'bin/initdb')))
    .sort()
    .at(-1);
  if (!v) throw new Error('PostgreSQL is not installed; pass --database URL');
  const bin = path.join(base, v, 'bin');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-bench-pg-'));
  if (asRoot) {
    const id = (f) => Number(execFileSync('id', [f, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const run = (b, args) => {
    const [cmd, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, b), ...args]]
      : [path.join(bin, b), args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`${b} failed: ${r.stdout}${r.stderr}`);
  };
  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  run('pg_ctl', [
    '-D',
    data,
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`,
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-t',
    '60',
    'start',
  ]);
  cluster = {
    stop: () => {
      run('pg_ctl', ['-D', data, '-m', 'fast', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

const url = opt.database ?? (await startCluster());
const pool = new pg.Pool({ connectionString: url, max: 2 });
try {
  await migrate(pool);
  await pool.query('CREATE TABLE IF NOT EXISTS bench_one (key TEXT PRIMARY KEY, data BYTEA NOT NULL)');
  await pool.query('ALTER TABLE bench_one ALTER COLUMN data SET STORAGE EXTERNAL');
  const blobs = new PgBlobStore(pool);
  const disk = mkdtempSync(path.join(tmpdir(), 'storeshots-bench-disk-'));

  const ways = {
    'bytea, 1 MiB chunks (PgBlobStore)': {
      put: (k, b) => blobs.put(k, b),
      get: (k) => blobs.get(k),
    },
    'bytea, one row': {
      put: (k, b) =>
        pool.query(
          'INSERT INTO bench_one (key, data) VALUES ($1,$2) ON CONFLICT (key) DO UPDATE SET data = excluded.data',
          [k, b],
        ),
      get: async (k) => (await pool.query('SELECT data FROM bench_one WHERE key = $1', [k])).rows[0].data,
    },
    'large object (lo_from_bytea / lo_get)': {
      oids: new Map(),
      async put(k, b) {
        const r = await pool.query('SELECT lo_from_bytea(0, $1) AS oid', [b]);
        this.oids.set(k, r.rows[0].oid);
      },
      async get(k) {
        return (await pool.query('SELECT lo_get($1) AS data', [this.oids.get(k)])).rows[0].data;
      },
    },
    'local file (fsync + rename)': {
      async put(k, b) {
        const f = path.join(disk, k.replaceAll('/', '_'));
        const fd = openSync(`${f}.tmp`, 'w');
        writeSync(fd, b);
        fsyncSync(fd);
        closeSync(fd);
        renameSync(`${f}.tmp`, f);
      },
      get: async (k) => readFileSync(path.join(disk, k.replaceAll('/', '_'))),
    },
  };

  const cases = [
    { label: '2 MB image', bytes: 2_000_000, n: Number(opt.images) },
    { label: '50 MB archive', bytes: 50_000_000, n: Number(opt.archives) },
  ];
  console.log(`load average before: ${load()}`);
  console.log('| how | object | put ms (median) | get ms (median) | put MB/s | get MB/s |');
  console.log('|---|---|---|---|---|---|');
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (const c of cases) {
    const payloads = Array.from({ length: c.n }, () => randomBytes(c.bytes));
    for (const [name, w] of Object.entries(ways)) {
      const puts = [];
      const gets = [];
      for (const [i, b] of payloads.entries()) {
        const key = `bench/${c.bytes}/${i}`;
        let t = performance.now();
        await w.put(key, b);
        puts.push(performance.now() - t);
        t = performance.now();
        const back = await w.get(key);
        gets.push(performance.now() - t);
        if (!back.equals(b)) throw new Error(`${name}: ${key} came back different`);
      }
      const mb = c.bytes / 1e6;
      const [p, g] = [median(puts), median(gets)];
      console.log(
        `| ${name} | ${c.label} | ${p.toFixed(0)} | ${g.toFixed(0)} | ${(mb / (p / 1000)).toFixed(0)} | ${(mb / (g / 1000)).toFixed(0)} |`,
      );
    }
  }
  const size = await pool.query(
    "SELECT pg_total_relation_size('blob_chunks') AS chunks, (SELECT SUM(bytes) FROM blobs) AS payload, (SELECT COUNT(*) FROM blobs) AS n",
  );
  const s = size.rows[0];
  console.log(
    `blob_chunks on disk: ${(Number(s.chunks) / 1e6).toFixed(1)} MB for ${(Number(s.payload) / 1e6).toFixed(1)} MB of payload in ${s.n} blobs (${((Number(s.chunks) / Number(s.payload) - 1) * 100).toFixed(1)}% overhead)`,
  );
  console.log(`load average after: ${load()}`);
  rmSync(disk, { recursive: true, force: true });
} finally {
  await pool.end();
  cluster?.stop();
  rmSync(out, { recursive: true, force: true });
}
