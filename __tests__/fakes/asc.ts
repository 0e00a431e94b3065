// A loopback App Store Connect: the routes storeshots upload calls, with state (apps, versions,
// localizations, screenshot sets, screenshots and their upload parts), checking every request
// and response against Apple's published OpenAPI description (the trimmed copy made by
// scripts/trim-store-apis.mjs) and the ES256 API-key JWT against the key's public half.
// Faults are queued per operation and fire a set number of times.
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { LoopbackFake, type Fault } from './loopback.js';
import { OpenApi } from './openapi.js';

const DESCRIPTION = path.join(import.meta.dirname, '../fixtures/asc-openapi.json');
let shared: OpenApi | undefined;
const description = () =>
  (shared ??= new OpenApi(DESCRIPTION, { name: "Apple's App Store Connect OpenAPI description", closed: true }));

export interface AscFault extends Fault {
  /** e.g. 'POST /v1/appScreenshots', 'PUT upload', 'GET /v1/apps', 'commit FAILED', '* *' */
  op: string;
}

interface Shot {
  id: string;
  setId: string;
  fileName: string;
  fileSize: number;
  checksum?: string;
  state: 'AWAITING_UPLOAD' | 'UPLOAD_COMPLETE' | 'COMPLETE' | 'FAILED';
  errors: Array<{ code: string; description: string }>;
  parts: Array<{ offset: number; length: number; data?: Buffer }>;
  polls: number;
  failOnCommit?: boolean;
}

export interface FakeAscOptions {
  bundleId?: string;
  versions?: Array<{ platform?: string; versionString: string; state: string }>;
  locales?: string[];
  /** Bytes per upload operation (small, so that one screenshot takes several PUTs). */
  partSize?: number;
  /** GETs of a committed screenshot before it is COMPLETE. */
  processingPolls?: number;
  now?: () => number;
}

export class FakeAsc extends LoopbackFake<AscFault> {
  readonly keyId = 'ABC123DEFG';
  readonly issuerId = '57246542-96fe-1a63-e053-0824d011072a';
  readonly privateKeyPem: string;
  private readonly publicKey: KeyObject;
  protected override readonly anyOp = '* *';
  readonly requests: Array<{ method: string; path: string; status: number }> = [];
  readonly tokens = new Set<string>();
  now: () => number;
  readonly partSize: number;
  readonly processingPolls: number;
  readonly app = { id: '1234567890', bundleId: 'com.example.habitual' };
  readonly versions: Array<{ id: string; platform: string; versionString: string; state: string }>;
  readonly localizations: Array<{ id: string; versionId: string; locale: string }> = [];
  readonly sets: Array<{ id: string; locId: string; displayType: string; shots: string[] }> = [];
  readonly shots = new Map<string, Shot>();
  private seq = 0;

  constructor(o: FakeAscOptions = {}) {
    super();
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    this.publicKey = publicKey;
    if (o.bundleId) this.app.bundleId = o.bundleId;
    this.now = o.now ?? (() => Date.now());
    this.partSize = o.partSize ?? 4096;
    this.processingPolls = o.processingPolls ?? 1;
    this.versions = (
      o.versions ?? [
        { versionString: '2.0', state: 'READY_FOR_SALE' },
        { versionString: '2.1', state: 'PREPARE_FOR_SUBMISSION' },
      ]
    ).map((v) => ({
      id: this.id('ver'),
      platform: v.platform ?? 'IOS',
      versionString: v.versionString,
      state: v.state,
    }));
    for (const v of this.versions)
      for (const locale of o.locales ?? ['en-US', 'de-DE', 'ja'])
        this.localizations.push({ id: this.id('loc'), versionId: v.id, locale });
  }

  private id(prefix: string): string {
    return `${prefix}-${(++this.seq).toString().padStart(4, '0')}`;
  }

  /** Requests that change something (everything but GET). */
  mutations(): number {
    return this.requests.filter((r) => r.method !== 'GET').length;
  }

  /** The set as the store holds it: file names in order, with each asset's state. */
  setOf(
    locale: string,
    displayType: string,
    versionString = '2.1',
  ): Array<{ fileName: string; checksum?: string; state: string }> | undefined {
    const ver = this.versions.find((v) => v.versionString === versionString)!;
    const loc = this.localizations.find((l) => l.versionId === ver.id && l.locale === locale);
    const set = this.sets.find((s) => s.locId === loc?.id && s.displayType === displayType);
    return set?.shots
      .map((id) => this.shots.get(id)!)
      .map((s) => ({ fileName: s.fileName, checksum: s.checksum, state: s.state }));
  }

  /** Puts a finished screenshot into a set (what an earlier upload left). */
  seed(
    locale: string,
    displayType: string,
    files: Array<{ fileName: string; bytes: Buffer; state?: Shot['state'] }>,
    versionString = '2.1',
  ): void {
    const ver = this.versions.find((v) => v.versionString === versionString)!;
    const loc = this.localizations.find((l) => l.versionId === ver.id && l.locale === locale)!;
    let set = this.sets.find((s) => s.locId === loc.id && s.displayType === displayType);
    if (!set) this.sets.push((set = { id: this.id('set'), locId: loc.id, displayType, shots: [] }));
    for (const f of files) {
      const id = this.id('shot');
      this.shots.set(id, {
        id,
        setId: set.id,
        fileName: f.fileName,
        fileSize: f.bytes.length,
        checksum: createHash('md5').update(f.bytes).digest('hex'),
        state: f.state ?? 'COMPLETE',
        errors: [],
        parts: [],
        polls: 0,
      });
      set.shots.push(id);
    }
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, raw: Buffer, url: URL): Promise<void> {
    const method = req.method ?? 'GET';

    // Upload operations: the URLs this fake handed out, checked against the operation it gave.
    const up = /^\/__upload\/([^/]+)\/(\d+)$/.exec(url.pathname);
    if (up) return this.uploadPart(req, res, up[1]!, Number(up[2]), raw);

    const api = description();
    const found = api.find(method, url.pathname);
    const op = found ? `${method} ${found.template}` : `${method} ${url.pathname}`;
    let body: unknown;
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        this.violations.push(`${op}: body is not JSON`);
      }
    }
    this.violations.push(...api.checkRequest(method, url, body, req.headers['content-type']));
    const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method, path: url.pathname, status });
      const documented = found && (found.op.responses[String(status)] || found.op.responses.default);
      // Apple documents 429 (rate limits) on its own page, not per operation: its body is an ErrorResponse.
      if (!documented && status === 429)
        this.violations.push(...api.checkComponent('ErrorResponse', json, `${op} 429 response`));
      else
        this.violations.push(
          ...api.checkResponse(
            method,
            url,
            status,
            json,
            Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
          ),
        );
      const text = json === undefined ? '' : JSON.stringify(json);
      res.writeHead(status, { ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(text);
    };
    const error = (status: number, code: string, detail: string, headers: Record<string, string> = {}) =>
      send(
        status,
        {
          errors: [
            { id: this.id('err'), status: String(status), code, title: code.replace(/_/g, ' ').toLowerCase(), detail },
          ],
        },
        headers,
      );

    // Auth: Apple's API-key JWT (ES256, kid, iss, aud appstoreconnect-v1, at most 20 minutes).
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const authProblem = await this.checkToken(auth);
    if (authProblem)
      return error(401, 'NOT_AUTHORIZED', `Authentication credentials are missing or invalid: ${authProblem}`);

    const f = this.takeFault(op);
    if (f?.cut) {
      this.requests.push({ method, path: url.pathname, status: 0 });
      req.socket.destroy();
      return;
    }
    if (f?.status) {
      const codes: Record<number, string> = {
        401: 'NOT_AUTHORIZED',
        403: 'FORBIDDEN_ERROR',
        409: 'STATE_ERROR',
        429: 'RATE_LIMIT_EXCEEDED',
        500: 'UNEXPECTED_ERROR',
      };
      return error(
        f.status,
        codes[f.status] ?? 'ERROR',
        `planted fault ${f.status} on ${op}`,
        f.retryAfter ? { 'Retry-After': f.retryAfter } : {},
      );
    }
    if (!found) return error(404, 'NOT_FOUND', `no route ${op}`);
    const id = found.pathParams.id;
    const links = { self: url.href };
    const b = body as
      | {
          data?:
            | {
                attributes?: Record<string, unknown>;
                relationships?: Record<string, { data: { id: string } }>;
                id?: string;
              }
            | Array<{ id: string }>;
        }
      | undefined;

    switch (found.template) {
      case '/v1/apps': {
        const wanted = url.searchParams.get('filter[bundleId]')?.split(',');
        const data =
          !wanted || wanted.includes(this.app.bundleId)
            ? [{ type: 'apps', id: this.app.id, attributes: { bundleId: this.app.bundleId, name: 'Habitual' }, links }]
            : [];
        return send(200, { data, links, meta: { paging: { total: data.length, limit: 50 } } });
      }
      case '/v1/apps/{id}/appStoreVersions': {
        if (id !== this.app.id) return error(404, 'NOT_FOUND', 'no such app');
        const platform = url.searchParams.get('filter[platform]')?.split(',');
        const vs = url.searchParams.get('filter[versionString]')?.split(',');
        const data = this.versions
          .filter((v) => (!platform || platform.includes(v.platform)) && (!vs || vs.includes(v.versionString)))
          .map((v) => ({
            type: 'appStoreVersions',
            id: v.id,
            attributes: {
              platform: v.platform,
              versionString: v.versionString,
              appStoreState: v.state,
              appVersionState: v.state === 'READY_FOR_SALE' ? 'READY_FOR_DISTRIBUTION' : v.state,
            },
            links: { self: `${this.url}v1/appStoreVersions/${v.id}` },
          }));
        return send(200, { data, links, meta: { paging: { total: data.length, limit: 50 } } });
      }
      case '/v1/appStoreVersions/{id}/appStoreVersionLocalizations': {
        const data = this.localizations
          .filter((l) => l.versionId === id)
          .map((l) => ({ type: 'appStoreVersionLocalizations', id: l.id, attributes: { locale: l.locale } }));
        return send(200, { data, links, meta: { paging: { total: data.length, limit: 200 } } });
      }
      case '/v1/appStoreVersionLocalizations/{id}/appScreenshotSets': {
        const data = this.sets
          .filter((s) => s.locId === id)
          .map((s) => ({ type: 'appScreenshotSets', id: s.id, attributes: { screenshotDisplayType: s.displayType } }));
        return send(200, { data, links, meta: { paging: { total: data.length, limit: 50 } } });
      }
      case '/v1/appScreenshotSets': {
        const d = b!.data as {
          attributes: { screenshotDisplayType: string };
          relationships: { appStoreVersionLocalization: { data: { id: string } } };
        };
        const locId = d.relationships?.appStoreVersionLocalization?.data?.id;
        const loc = this.localizations.find((l) => l.id === locId);
        if (!loc) return error(422, 'ENTITY_ERROR.RELATIONSHIP.INVALID', 'no such localization');
        if (!this.editable(loc.versionId)) return error(409, 'STATE_ERROR', 'the version is not editable');
        if (this.sets.some((s) => s.locId === locId && s.displayType === d.attributes.screenshotDisplayType))
          return error(409, 'STATE_ERROR.SCREENSHOT_SET_EXISTS', 'a set of this display type exists');
        const set = {
          id: this.id('set'),
          locId: locId!,
          displayType: d.attributes.screenshotDisplayType,
          shots: [] as string[],
        };
        this.sets.push(set);
        return send(201, {
          data: { type: 'appScreenshotSets', id: set.id, attributes: { screenshotDisplayType: set.displayType } },
          links: { self: `${this.url}v1/appScreenshotSets/${set.id}` },
        });
      }
      case '/v1/appScreenshotSets/{id}/appScreenshots': {
        const set = this.sets.find((s) => s.id === id);
        if (!set) return error(404, 'NOT_FOUND', 'no such set');
        const data = set.shots.map((sid) => this.shotJson(this.shots.get(sid)!));
        return send(200, { data, links, meta: { paging: { total: data.length, limit: 50 } } });
      }
      case '/v1/appScreenshotSets/{id}/relationships/appScreenshots': {
        const set = this.sets.find((s) => s.id === id);
        if (!set) return error(404, 'NOT_FOUND', 'no such set');
        if (!this.editableSet(set.id)) return error(409, 'STATE_ERROR', 'the version is not editable');
        const ids = (b!.data as Array<{ id: string }>).map((x) => x.id);
        if (ids.length !== set.shots.length || [...ids].sort().join() !== [...set.shots].sort().join())
          return error(
            409,
            'ENTITY_ERROR.RELATIONSHIP.INVALID',
            `the new order must name every screenshot of the set once (${set.shots.length}), got ${ids.length}`,
          );
        set.shots = ids;
        return send(204);
      }
      case '/v1/appScreenshots': {
        const d = b!.data as {
          attributes: { fileName: string; fileSize: number };
          relationships: { appScreenshotSet: { data: { id: string } } };
        };
        const set = this.sets.find((s) => s.id === d.relationships.appScreenshotSet.data.id);
        if (!set) return error(422, 'ENTITY_ERROR.RELATIONSHIP.INVALID', 'no such set');
        if (!this.editableSet(set.id)) return error(409, 'STATE_ERROR', 'the version is not editable');
        if (set.shots.length >= 10)
          return error(409, 'STATE_ERROR.SCREENSHOT_SET_FULL', 'a set holds at most 10 screenshots');
        const shot: Shot = {
          id: this.id('shot'),
          setId: set.id,
          fileName: d.attributes.fileName,
          fileSize: d.attributes.fileSize,
          state: 'AWAITING_UPLOAD',
          errors: [],
          parts: [],
          polls: 0,
        };
        for (let off = 0; off < shot.fileSize; off += this.partSize)
          shot.parts.push({ offset: off, length: Math.min(this.partSize, shot.fileSize - off) });
        this.shots.set(shot.id, shot);
        set.shots.push(shot.id);
        return send(201, {
          data: this.shotJson(shot, true),
          links: { self: `${this.url}v1/appScreenshots/${shot.id}` },
        });
      }
      case '/v1/appScreenshots/{id}': {
        const shot = this.shots.get(id!);
        if (!shot) return error(404, 'NOT_FOUND', 'no such screenshot');
        if (method === 'GET') {
          if (shot.state === 'UPLOAD_COMPLETE' && ++shot.polls >= this.processingPolls) {
            if (shot.failOnCommit) {
              shot.state = 'FAILED';
              shot.errors = [
                {
                  code: 'IMAGE_INCORRECT_DIMENSIONS',
                  description: 'The dimensions of one or more screenshots are wrong.',
                },
              ];
            } else shot.state = 'COMPLETE';
          }
          return send(200, { data: this.shotJson(shot), links });
        }
        if (!this.editableSet(shot.setId)) return error(409, 'STATE_ERROR', 'the version is not editable');
        if (method === 'DELETE') {
          this.shots.delete(shot.id);
          const set = this.sets.find((s) => s.id === shot.setId)!;
          set.shots = set.shots.filter((x) => x !== shot.id);
          return send(204);
        }
        const attrs =
          (b!.data as { attributes?: { uploaded?: boolean; sourceFileChecksum?: string } }).attributes ?? {};
        if (attrs.uploaded) {
          const missing = shot.parts.filter((p) => !p.data);
          if (missing.length)
            return error(409, 'STATE_ERROR', `${missing.length} upload operation(s) were not performed`);
          const bytes = Buffer.concat(shot.parts.map((p) => p.data!));
          const md5 = createHash('md5').update(bytes).digest('hex');
          if (attrs.sourceFileChecksum !== md5)
            this.violations.push(
              `commit of ${shot.fileName}: sourceFileChecksum ${attrs.sourceFileChecksum} is not the MD5 of the uploaded bytes (${md5})`,
            );
          shot.checksum = attrs.sourceFileChecksum;
          shot.state = 'UPLOAD_COMPLETE';
          if (this.takeFault('commit FAILED')) shot.failOnCommit = true;
        }
        return send(200, { data: this.shotJson(shot), links });
      }
    }
    return error(404, 'NOT_FOUND', `unhandled ${op}`);
  }

  private editable(versionId: string): boolean {
    const st = this.versions.find((v) => v.id === versionId)?.state;
    return ['PREPARE_FOR_SUBMISSION', 'DEVELOPER_REJECTED', 'REJECTED', 'METADATA_REJECTED', 'INVALID_BINARY'].includes(
      st ?? '',
    );
  }

  private editableSet(setId: string): boolean {
    const set = this.sets.find((s) => s.id === setId)!;
    const loc = this.localizations.find((l) => l.id === set.locId)!;
    return this.editable(loc.versionId);
  }

  private shotJson(s: Shot, withOps = false): unknown {
    const attributes: Record<string, unknown> = {
      fileSize: s.fileSize,
      fileName: s.fileName,
      assetDeliveryState: { state: s.state, errors: s.errors, warnings: [] },
    };
    if (s.checksum) attributes.sourceFileChecksum = s.checksum;
    if (withOps) {
      attributes.uploadOperations = s.parts.map((p, i) => ({
        method: 'PUT',
        url: `${this.url}__upload/${s.id}/${i}`,
        length: p.length,
        offset: p.offset,
        requestHeaders: [{ name: 'Content-Type', value: 'image/png' }],
      }));
    }
    return {
      type: 'appScreenshots',
      id: s.id,
      attributes,
      relationships: { appScreenshotSet: { data: { type: 'appScreenshotSets', id: s.setId } } },
      links: { self: `${this.url}v1/appScreenshots/${s.id}` },
    };
  }

  private uploadPart(req: IncomingMessage, res: ServerResponse, shotId: string, n: number, raw: Buffer): void {
    const done = (status: number) => {
      this.requests.push({ method: req.method ?? '', path: 'upload', status });
      res.writeHead(status).end();
    };
    const f = this.takeFault('PUT upload');
    if (f?.cut) {
      this.requests.push({ method: 'PUT', path: 'upload', status: 0 });
      req.socket.destroy();
      return;
    }
    if (f?.status) return done(f.status);
    const shot = this.shots.get(shotId);
    const part = shot?.parts[n];
    if (!shot || !part) return done(404);
    if (req.method !== 'PUT')
      this.violations.push(`upload part ${n} of ${shot.fileName}: sent as ${req.method}, the operation said PUT`);
    if (req.headers['content-type'] !== 'image/png')
      this.violations.push(
        `upload part ${n} of ${shot.fileName}: Content-Type ${req.headers['content-type']}, the operation said image/png`,
      );
    if (req.headers.authorization)
      this.violations.push(`upload part ${n} of ${shot.fileName}: the API token was sent to the upload URL`);
    if (raw.length !== part.length)
      this.violations.push(
        `upload part ${n} of ${shot.fileName}: ${raw.length} bytes, the operation said ${part.length}`,
      );
    part.data = raw;
    done(200);
  }

  private async checkToken(token: string | undefined): Promise<string | undefined> {
    if (!token) return 'no bearer token';
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== 'ES256' || header.kid !== this.keyId || header.typ !== 'JWT')
        return `header ${JSON.stringify(header)}`;
      const { payload } = await jwtVerify(token, this.publicKey, {
        algorithms: ['ES256'],
        audience: 'appstoreconnect-v1',
        issuer: this.issuerId,
        currentDate: new Date(this.now()),
      });
      if (typeof payload.iat !== 'number' || typeof payload.exp !== 'number' || payload.exp - payload.iat > 20 * 60)
        return 'a token may live at most 20 minutes';
      this.tokens.add(token);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  }
}
