// A loopback server for the protocol @actions/artifact (v2+) speaks: Twirp JSON on
// /twirp/github.actions.results.api.v1.ArtifactService/* and Azure-style blob uploads
// (PUT ?comp=block&blockid=…, then PUT ?comp=blocklist) at /<account>/<container>/<blob>.
// Errors are 4xx JSON (a 5xx makes the client retry for ~30 s).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { unzipSync } from 'fflate';

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';

export interface StoredArtifact {
  id: number;
  name: string;
  runBackendId: string;
  jobBackendId: string;
  /** The workflow run id (REST) this backend run stands for. */
  runId: number;
  blocks: Map<string, Buffer>;
  blob?: Buffer;
  finalized: boolean;
  size: number;
  hash?: string;
  expiresAt?: string;
  /** Past its retention: listed with expired: true, and its download answers 410. */
  expired?: boolean;
}

export class FakeArtifacts {
  readonly artifacts: StoredArtifact[] = [];
  readonly problems: string[] = [];
  /** Ids removed by DeleteArtifact. */
  readonly deleted: number[] = [];
  /** Backend run id -> REST run id. */
  readonly runs = new Map<string, number>();
  /** Other services sharing ACTIONS_RESULTS_URL (the cache): each answers true when it took the request. */
  readonly mounts: Array<(req: http.IncomingMessage, url: URL, raw: Buffer, res: http.ServerResponse) => boolean> = [];
  private server?: http.Server;
  url = '';
  private nextId = 41;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** An ACTIONS_RUNTIME_TOKEN: a JWT the client decodes (never verifies) for its backend ids. */
  static token(runBackendId: string, jobBackendId: string): string {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ scp: `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}` })}.sig`;
  }

  /** The files of a finalized artifact, unzipped. */
  files(name: string): Map<string, Buffer> {
    const a = [...this.artifacts].reverse().find((x) => x.name === name && x.finalized);
    if (!a?.blob) throw new Error(`no finalized artifact ${name}`);
    return new Map(
      Object.entries(unzipSync(new Uint8Array(a.blob)))
        .filter(([p]) => !p.endsWith('/'))
        .map(([p, d]) => [p, Buffer.from(d)]),
    );
  }

  /** REST view for the fake GitHub server (workflow_run downloads). */
  list(
    runId: number,
  ): Array<{ id: number; name: string; size: number; url: string; expired?: boolean; digest?: string }> {
    return this.artifacts
      .filter((a) => a.finalized && a.runId === runId)
      .map((a) => ({
        id: a.id,
        name: a.name,
        size: a.size,
        url: `${this.url}/acct/results/${a.id}.zip?sig=download`,
        expired: a.expired,
        digest: a.hash,
      }));
  }

  find(id: number): { id: number; url: string; expired?: boolean } | undefined {
    const a = this.artifacts.find((x) => x.finalized && x.id === id);
    return a && { id: a.id, url: `${this.url}/acct/results/${a.id}.zip?sig=download`, expired: a.expired };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    if (this.mounts.some((m) => m(req, url, raw, res))) return;
    const json = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith(SERVICE) && req.method === 'POST') {
      if (!/^Bearer .+\..+\..+$/.test(req.headers.authorization ?? ''))
        return json(401, { code: 'unauthenticated', msg: 'no runtime token' });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        return json(400, { code: 'malformed', msg: 'body is not JSON' });
      }
      return this.twirp(url.pathname.slice(SERVICE.length), body, json);
    }
    // Blob storage: /<account>/<container>/<blob>
    const m = /^\/[^/]+\/[^/]+\/(\d+)\.zip$/.exec(url.pathname);
    const a = m ? this.artifacts.find((x) => x.id === Number(m[1])) : undefined;
    if (!a) return json(404, { code: 'BlobNotFound' });
    if (req.method === 'PUT') {
      const comp = url.searchParams.get('comp');
      if (comp === 'block') {
        a.blocks.set(url.searchParams.get('blockid') ?? '', raw);
      } else if (comp === 'blocklist') {
        const ids = [...raw.toString('utf8').matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]*)<\//g)].map(
          (x) => x[1]!,
        );
        const missing = ids.filter((id) => !a.blocks.has(id));
        if (missing.length) return json(400, { code: 'InvalidBlockList' });
        a.blob = Buffer.concat(ids.map((id) => a.blocks.get(id)!));
      } else {
        a.blob = raw;
      }
      res.writeHead(201, {
        etag: `"0x${a.id}"`,
        'last-modified': new Date().toUTCString(),
        'x-ms-request-id': String(a.id),
        'x-ms-version': '2024-11-04',
      });
      res.end();
      return;
    }
    if (req.method === 'GET') {
      if (!a.blob) return json(404, { code: 'BlobNotFound' });
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(a.blob.length) });
      res.end(a.blob);
      return;
    }
    json(405, { code: 'method' });
  }

  private twirp(method: string, b: Record<string, unknown>, json: (status: number, body: object) => void): void {
    const need = (...keys: string[]) => {
      const missing = keys.filter((k) => b[k] === undefined || b[k] === '');
      if (missing.length)
        this.problems.push(`${method}: missing ${missing.join(', ')} (got ${Object.keys(b).join(', ')})`);
      return missing.length === 0;
    };
    switch (method) {
      case 'CreateArtifact': {
        if (!need('workflow_run_backend_id', 'workflow_job_run_backend_id', 'name', 'version'))
          return json(400, { code: 'invalid_argument', msg: 'missing field' });
        const a: StoredArtifact = {
          id: this.nextId++,
          name: String(b.name),
          runBackendId: String(b.workflow_run_backend_id),
          jobBackendId: String(b.workflow_job_run_backend_id),
          runId: this.runs.get(String(b.workflow_run_backend_id)) ?? 0,
          blocks: new Map(),
          finalized: false,
          size: 0,
          expiresAt: b.expires_at as string | undefined,
        };
        if (this.artifacts.some((x) => x.name === a.name && x.runBackendId === a.runBackendId && x.finalized)) {
          return json(409, {
            code: 'already_exists',
            msg: 'an artifact with this name already exists on the workflow run',
          });
        }
        this.artifacts.push(a);
        return json(200, {
          ok: true,
          signed_upload_url: `${this.url}/acct/results/${a.id}.zip?sig=upload&se=2099-01-01`,
        });
      }
      case 'FinalizeArtifact': {
        if (!need('workflow_run_backend_id', 'workflow_job_run_backend_id', 'name', 'size'))
          return json(400, { code: 'invalid_argument', msg: 'missing field' });
        const a = [...this.artifacts]
          .reverse()
          .find((x) => x.name === b.name && x.runBackendId === b.workflow_run_backend_id && !x.finalized);
        if (!a?.blob) return json(404, { code: 'not_found', msg: 'no upload for this artifact' });
        a.finalized = true;
        a.size = Number(b.size);
        a.hash = (b.hash as string | undefined) ?? undefined;
        return json(200, { ok: true, artifact_id: String(a.id) });
      }
      case 'ListArtifacts': {
        const list = this.artifacts.filter(
          (a) =>
            a.finalized &&
            a.runBackendId === b.workflow_run_backend_id &&
            (!b.name_filter || a.name === b.name_filter) &&
            (!b.id_filter || String(a.id) === String(b.id_filter)),
        );
        return json(200, {
          artifacts: list.map((a) => ({
            workflow_run_backend_id: a.runBackendId,
            workflow_job_run_backend_id: a.jobBackendId,
            database_id: String(a.id),
            name: a.name,
            size: String(a.size),
            created_at: new Date().toISOString(),
          })),
        });
      }
      case 'DeleteArtifact': {
        // The artifact service's own delete (what actions/upload-artifact's overwrite calls): by name, in this run.
        if (!need('workflow_run_backend_id', 'workflow_job_run_backend_id', 'name'))
          return json(400, { code: 'invalid_argument', msg: 'missing field' });
        const a = this.artifacts.find(
          (x) => x.finalized && x.name === b.name && x.runBackendId === b.workflow_run_backend_id,
        );
        if (!a) return json(404, { code: 'not_found', msg: 'no such artifact' });
        this.artifacts.splice(this.artifacts.indexOf(a), 1);
        this.deleted.push(a.id);
        return json(200, { ok: true, artifact_id: String(a.id) });
      }
      case 'GetSignedArtifactURL': {
        const a = this.artifacts.find(
          (x) => x.finalized && x.name === b.name && x.runBackendId === b.workflow_run_backend_id,
        );
        if (!a) return json(404, { code: 'not_found', msg: 'no such artifact' });
        return json(200, { signed_url: `${this.url}/acct/results/${a.id}.zip?sig=download` });
      }
      default:
        return json(404, { code: 'bad_route', msg: `no method ${method}` });
    }
  }
}
