// A loopback Google Play Developer API (androidpublisher v3 edits and images) and OAuth2 token
// endpoint. Every request and response is checked against Google's discovery document (trimmed
// copy); the token endpoint checks the JWT-bearer assertion (RFC 7523) against the service
// account's public key, and the API accepts only tokens it issued. Edits are transactional as on
// Play: changes are seen by the store only when the edit is committed.
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { Discovery } from './discovery.js';
import { LoopbackFake, type Fault } from './loopback.js';

let shared: Discovery | undefined;
const description = () => (shared ??= new Discovery());

export interface PlayFault extends Fault {
  /** A discovery method id ('edits.images.upload'), or 'token'. */
  op: string;
}

interface Img {
  id: string;
  sha1: string;
  sha256: string;
  url: string;
}

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export class FakePlay extends LoopbackFake<PlayFault> {
  readonly packageName = 'com.example.habitual';
  readonly clientEmail = 'storeshots@example-project.iam.gserviceaccount.com';
  readonly keyId = 'a1b2c3d4e5f6';
  readonly privateKeyPem: string;
  private readonly publicKey: KeyObject;
  readonly requests: Array<{ op: string; status: number }> = [];
  readonly issued = new Map<string, number>();
  languages = ['en-US', 'de-DE', 'ja-JP'];
  /** What the store shows: `${language}/${imageType}` -> images in order. */
  live = new Map<string, Img[]>();
  edits = new Map<string, { images: Map<string, Img[]>; open: boolean }>();
  commits: Array<{ editId: string; changesNotSentForReview: boolean }> = [];
  private seq = 0;

  constructor(readonly now: () => number = () => Date.now()) {
    super();
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    this.publicKey = publicKey;
  }

  /** The service account key file a user downloads, pointing at this fake's token endpoint. */
  serviceAccountJson(): string {
    return JSON.stringify({
      type: 'service_account',
      project_id: 'example-project',
      private_key_id: this.keyId,
      private_key: this.privateKeyPem,
      client_email: this.clientEmail,
      client_id: '1234567890',
      token_uri: `${this.url}token`,
    });
  }

  seed(language: string, imageType: string, images: Buffer[]): void {
    this.live.set(
      `${language}/${imageType}`,
      images.map((b) => this.image(b)),
    );
  }

  private image(b: Buffer): Img {
    const id = `${++this.seq}${createHash('sha1').update(b).digest('hex').slice(0, 12)}`;
    return {
      id,
      sha1: createHash('sha1').update(b).digest('hex'),
      sha256: createHash('sha256').update(b).digest('hex'),
      url: `${this.url}img/${id}`,
    };
  }

  /** Non-GET API requests, the token endpoint aside. */
  mutations(): number {
    return this.requests.filter(
      (r) => !['edits.images.list', 'token', 'edits.insert', 'edits.validate', 'edits.delete'].includes(r.op),
    ).length;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, raw: Buffer, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    if (url.pathname === '/token' && method === 'POST') return this.token(req, res, raw);

    const api = description();
    const found = api.find(method, url.pathname);
    const op = found?.m.id.replace(/^androidpublisher\./, '') ?? `${method} ${url.pathname}`;
    this.violations.push(...api.checkRequest(method, url, raw, req.headers['content-type']));
    const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ op, status });
      this.violations.push(...api.checkResponse(method, url, status, json));
      res.writeHead(status, {
        ...(json === undefined ? {} : { 'content-type': 'application/json; charset=UTF-8' }),
        ...headers,
      });
      res.end(json === undefined ? '' : JSON.stringify(json));
    };
    const error = (status: number, message: string, headers: Record<string, string> = {}) =>
      send(status, { error: { code: status, message, status: STATUS[status] ?? 'UNKNOWN' } }, headers);

    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const exp = token ? this.issued.get(token) : undefined;
    if (!token || exp === undefined || exp <= this.now())
      return error(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token.');
    const f = this.takeFault(op);
    if (f?.cut) {
      this.requests.push({ op, status: 0 });
      req.socket.destroy();
      return;
    }
    if (f?.status) {
      if (f.status === 401) this.issued.delete(token); // the token was revoked: the client must get a new one
      return error(f.status, `planted fault ${f.status} on ${op}`, f.retryAfter ? { 'Retry-After': f.retryAfter } : {});
    }
    if (!found) return error(404, `no such method ${op}`);
    const p = found.params;
    if (p.packageName !== this.packageName) return error(404, `Package not found: ${p.packageName}`);
    const edit = p.editId ? this.edits.get(p.editId) : undefined;
    if (p.editId && !edit?.open) return error(400, `This Edit has been deleted.`);
    const key = `${p.language}/${p.imageType}`;
    if (p.language && !this.languages.includes(p.language))
      return error(404, `There is no store listing for language ${p.language}.`);
    switch (op) {
      case 'edits.insert': {
        const id = `edit-${++this.seq}`;
        this.edits.set(id, { images: new Map([...this.live].map(([k, v]) => [k, [...v]])), open: true });
        return send(200, { id, expiryTimeSeconds: String(Math.floor(this.now() / 1000) + 3600) });
      }
      case 'edits.delete':
        edit!.open = false;
        return send(204);
      case 'edits.validate':
        return send(200, { id: p.editId });
      case 'edits.commit':
        edit!.open = false;
        this.live = edit!.images;
        this.commits.push({
          editId: p.editId!,
          changesNotSentForReview: url.searchParams.get('changesNotSentForReview') === 'true',
        });
        return send(200, { id: p.editId });
      case 'edits.images.list':
        return send(200, (edit!.images.get(key) ?? []).length ? { images: edit!.images.get(key) } : {});
      case 'edits.images.delete': {
        const list = edit!.images.get(key) ?? [];
        if (!list.some((i) => i.id === p.imageId)) return error(404, `No image ${p.imageId}`);
        edit!.images.set(
          key,
          list.filter((i) => i.id !== p.imageId),
        );
        return send(204);
      }
      case 'edits.images.upload': {
        const list = edit!.images.get(key) ?? [];
        const max = ['featureGraphic', 'icon', 'tvBanner'].includes(p.imageType!) ? 1 : 8;
        if (list.length >= max) return error(400, `Too many images of type ${p.imageType} (at most ${max})`);
        const img = this.image(raw);
        edit!.images.set(key, [...list, img]);
        return send(200, { image: img });
      }
    }
    return error(404, `unhandled ${op}`);
  }

  private async token(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ op: 'token', status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
    };
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
      this.violations.push(`token: Content-Type ${req.headers['content-type']}`);
    const form = new URLSearchParams(raw.toString('utf8'));
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      this.violations.push(`token: grant_type ${form.get('grant_type')}`);
    const f = this.takeFault('token');
    if (f?.status)
      return reply(
        f.status,
        { error: f.status === 429 ? 'rate_limited' : 'invalid_grant', error_description: `planted fault ${f.status}` },
        f.retryAfter ? { 'Retry-After': f.retryAfter } : {},
      );
    try {
      const assertion = form.get('assertion') ?? '';
      const h = decodeProtectedHeader(assertion);
      if (h.alg !== 'RS256' || h.kid !== this.keyId) throw new Error(`header ${JSON.stringify(h)}`);
      const { payload } = await jwtVerify(assertion, this.publicKey, {
        algorithms: ['RS256'],
        issuer: this.clientEmail,
        audience: `${this.url}token`,
        currentDate: new Date(this.now()),
      });
      if (payload.scope !== 'https://www.googleapis.com/auth/androidpublisher')
        throw new Error(`scope ${String(payload.scope)}`);
      if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number' || payload.exp - payload.iat > 3600)
        throw new Error('an assertion may live at most one hour');
    } catch (e) {
      return reply(400, { error: 'invalid_grant', error_description: `Invalid JWT: ${(e as Error).message}` });
    }
    const access = `ya29.fake-${++this.seq}`;
    this.issued.set(access, this.now() + 3600_000);
    return reply(200, { access_token: access, expires_in: 3599, token_type: 'Bearer' });
  }
}
