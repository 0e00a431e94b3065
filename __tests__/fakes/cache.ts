// A loopback cache service for the protocol @actions/cache (v4+) speaks as "cache service v2"
// (ACTIONS_CACHE_SERVICE_V2 set): Twirp JSON POSTs with snake_case fields to
// /twirp/github.actions.results.api.v1.CacheService/{GetCacheEntryDownloadURL,CreateCacheEntry,
// FinalizeCacheEntryUpload} on ACTIONS_RESULTS_URL, the archive uploaded Azure-style to the signed
// URL (one PUT with x-ms-blob-type: BlockBlob, or PUT ?comp=block per chunk then ?comp=blocklist)
// and downloaded with GETs (a Range header honoured). It shares ACTIONS_RESULTS_URL with the
// artifact service, so it is mounted on a FakeArtifacts server. Entries are immutable per
// (key, version), and a lookup matches as GitHub documents: the key exactly, then as a prefix,
// then each restore key exactly, then as a prefix, the newest entry first, for the same version.
// What the client sends wrong goes to `problems`; errors are 4xx JSON (a 5xx costs retries).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/';
const BLOB = /^\/cacheacct\/actions-cache\/(\d+)\.tzst$/;

export interface CacheEntry {
  id: number;
  key: string;
  version: string;
  blocks: Map<string, Buffer>;
  blob?: Buffer;
  finalized: boolean;
  /** Order of finalization: the newest entry wins a prefix match. */
  seq: number;
}

/** Fields each method may carry (proto names, as the client sends them with useProtoFieldName). */
const FIELDS: Record<string, { required: string[]; optional: string[] }> = {
  GetCacheEntryDownloadURL: { required: ['key', 'version'], optional: ['restore_keys', 'metadata'] },
  CreateCacheEntry: { required: ['key', 'version'], optional: ['metadata'] },
  FinalizeCacheEntryUpload: { required: ['key', 'version', 'size_bytes'], optional: ['metadata'] },
};

export class FakeCache {
  readonly entries: CacheEntry[] = [];
  readonly problems: string[] = [];
  /** Every Twirp call, as "Method key" (lookups add "-> matched" or "-> miss"). */
  readonly calls: string[] = [];
  /** Archive downloads served. */
  downloads = 0;
  private url = '';
  private nextId = 1;
  private seq = 0;

  /** Serve on the artifact fake's origin (both services live at ACTIONS_RESULTS_URL). */
  attach(server: {
    url: string;
    mounts: Array<(req: http.IncomingMessage, url: URL, raw: Buffer, res: http.ServerResponse) => boolean>;
  }): this {
    this.url = server.url;
    server.mounts.push((req, url, raw, res) => this.handle(req, url, raw, res));
    return this;
  }

  /** The finalized entry saved under `key`. */
  entry(key: string): CacheEntry | undefined {
    return this.entries.find((e) => e.finalized && e.key === key);
  }

  /** The paths inside an entry's archive (tar through zstd or gzip, as the client made it). */
  listing(key: string): string[] {
    const e = this.entry(key);
    if (!e?.blob) throw new Error(`no cache entry ${key}`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'storeshots-fake-cache-')), 'cache.tzst');
    writeFileSync(file, e.blob);
    const gzip = e.blob[0] === 0x1f && e.blob[1] === 0x8b;
    const args = gzip ? ['-P', '-tzf', file] : ['-P', '--use-compress-program', 'unzstd', '-tf', file];
    return execFileSync('tar', args, { encoding: 'utf8' }).split('\n').filter(Boolean);
  }

  private handle(req: http.IncomingMessage, url: URL, raw: Buffer, res: http.ServerResponse): boolean {
    const json = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith(SERVICE)) {
      if (req.method !== 'POST') return (json(405, { code: 'bad_route', msg: 'POST only' }), true);
      if (!/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(req.headers.authorization ?? '')) {
        this.problems.push(`${url.pathname}: no bearer runtime token`);
        return (json(401, { code: 'unauthenticated', msg: 'no runtime token' }), true);
      }
      if (!/^application\/json/.test(req.headers['content-type'] ?? ''))
        this.problems.push(`${url.pathname}: content-type ${req.headers['content-type']}`);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        this.problems.push(`${url.pathname}: body is not JSON`);
        return (json(400, { code: 'malformed', msg: 'body is not JSON' }), true);
      }
      this.twirp(url.pathname.slice(SERVICE.length), body, json);
      return true;
    }
    const m = BLOB.exec(url.pathname);
    if (!m) return false;
    const e = this.entries.find((x) => x.id === Number(m[1]));
    if (!e) return (json(404, { code: 'BlobNotFound' }), true);
    if (req.method === 'PUT') {
      if (url.searchParams.get('sig') !== 'fake-cache-upload-sig')
        this.problems.push(`PUT on a URL not signed for upload: ${url.search}`);
      if (e.finalized) this.problems.push(`PUT to the finalized entry ${e.key}`);
      const comp = url.searchParams.get('comp');
      if (comp === 'block') {
        e.blocks.set(url.searchParams.get('blockid') ?? '', raw);
      } else if (comp === 'blocklist') {
        const ids = [...raw.toString('utf8').matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]*)<\//g)].map(
          (x) => x[1]!,
        );
        if (ids.some((id) => !e.blocks.has(id))) return (json(400, { code: 'InvalidBlockList' }), true);
        e.blob = Buffer.concat(ids.map((id) => e.blocks.get(id)!));
      } else {
        if (req.headers['x-ms-blob-type'] !== 'BlockBlob')
          this.problems.push(`Put Blob without x-ms-blob-type: BlockBlob (got ${req.headers['x-ms-blob-type']})`);
        e.blob = raw;
      }
      res.writeHead(201, {
        etag: `"0x${e.id}"`,
        'last-modified': new Date().toUTCString(),
        'x-ms-request-id': String(e.id),
        'x-ms-version': '2024-11-04',
      });
      res.end();
      return true;
    }
    if (req.method === 'GET') {
      if (url.searchParams.get('sig') !== 'fake-cache-download-sig')
        this.problems.push(`GET on a URL not signed for download: ${url.search}`);
      if (!e.finalized || !e.blob) return (json(404, { code: 'BlobNotFound' }), true);
      this.downloads++;
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(range[2] ? Number(range[2]) : e.blob.length - 1, e.blob.length - 1);
        res.writeHead(206, {
          'content-type': 'application/octet-stream',
          'content-length': String(end - start + 1),
          'content-range': `bytes ${start}-${end}/${e.blob.length}`,
        });
        res.end(e.blob.subarray(start, end + 1));
      } else {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(e.blob.length) });
        res.end(e.blob);
      }
      return true;
    }
    json(405, { code: 'method' });
    return true;
  }

  /** Checks the body's fields against the method's message; false when it cannot be served. */
  private valid(method: string, b: Record<string, unknown>): boolean {
    const f = FIELDS[method]!;
    const problems: string[] = [];
    for (const k of Object.keys(b))
      if (!f.required.includes(k) && !f.optional.includes(k)) problems.push(`unknown field ${k}`);
    for (const k of f.required) if (typeof b[k] !== 'string' || b[k] === '') problems.push(`missing ${k}`);
    if (typeof b.version === 'string' && !/^[0-9a-f]{64}$/.test(b.version))
      problems.push(`version is not a sha256: ${b.version}`);
    if (
      b.restore_keys !== undefined &&
      (!Array.isArray(b.restore_keys) || b.restore_keys.some((k) => typeof k !== 'string'))
    )
      problems.push('restore_keys is not a list of strings');
    // int64 travels as a decimal string in proto3 JSON.
    if (b.size_bytes !== undefined && !/^\d+$/.test(String(b.size_bytes)))
      problems.push(`size_bytes is not an int64: ${b.size_bytes}`);
    for (const k of [b.key, ...((Array.isArray(b.restore_keys) ? b.restore_keys : []) as unknown[])]) {
      if (typeof k === 'string' && (k.length > 512 || k.includes(','))) problems.push(`bad key ${k}`);
    }
    this.problems.push(...problems.map((p) => `${method}: ${p}`));
    return problems.length === 0;
  }

  private twirp(method: string, b: Record<string, unknown>, json: (status: number, body: object) => void): void {
    if (!FIELDS[method]) {
      this.problems.push(`unknown method ${method}`);
      return json(404, { code: 'bad_route', msg: `no method ${method}` });
    }
    if (!this.valid(method, b)) return json(400, { code: 'invalid_argument', msg: 'invalid request' });
    const key = String(b.key);
    const version = String(b.version);
    switch (method) {
      case 'GetCacheEntryDownloadURL': {
        const hit = this.lookup(key, (b.restore_keys as string[] | undefined) ?? [], version);
        this.calls.push(`${method} ${key} -> ${hit ? hit.key : 'miss'}`);
        if (!hit) return json(200, { ok: false });
        return json(200, {
          ok: true,
          signed_download_url: `${this.url}/cacheacct/actions-cache/${hit.id}.tzst?sig=fake-cache-download-sig&se=2099-01-01`,
          matched_key: hit.key,
        });
      }
      case 'CreateCacheEntry': {
        this.calls.push(`${method} ${key}`);
        if (this.entries.some((e) => e.key === key && e.version === version)) {
          // What GitHub answers when the key is taken (entries are immutable).
          return json(409, {
            code: 'already_exists',
            msg: 'cache entry with the same key, version, and scope already exists',
          });
        }
        const e: CacheEntry = { id: this.nextId++, key, version, blocks: new Map(), finalized: false, seq: 0 };
        this.entries.push(e);
        return json(200, {
          ok: true,
          signed_upload_url: `${this.url}/cacheacct/actions-cache/${e.id}.tzst?sig=fake-cache-upload-sig&se=2099-01-01`,
        });
      }
      case 'FinalizeCacheEntryUpload': {
        this.calls.push(`${method} ${key}`);
        const e = this.entries.find((x) => x.key === key && x.version === version && !x.finalized);
        if (!e?.blob) {
          this.problems.push(`${method}: no upload for ${key}`);
          return json(404, { code: 'not_found', msg: 'no upload for this cache entry' });
        }
        if (Number(b.size_bytes) !== e.blob.length)
          this.problems.push(`${method}: size_bytes ${b.size_bytes} but ${e.blob.length} bytes were uploaded`);
        e.finalized = true;
        e.seq = ++this.seq;
        return json(200, { ok: true, entry_id: String(e.id) });
      }
    }
  }

  private lookup(key: string, restoreKeys: string[], version: string): CacheEntry | undefined {
    const pool = this.entries.filter((e) => e.finalized && e.version === version).sort((a, b) => b.seq - a.seq);
    for (const k of [key, ...restoreKeys]) {
      const hit = pool.find((e) => e.key === k) ?? pool.find((e) => e.key.startsWith(k));
      if (hit) return hit;
    }
    return undefined;
  }
}
