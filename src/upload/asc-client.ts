// A small typed client for the part of the App Store Connect API that screenshots need
// (docs/upload.md says why not a generated or third-party client). Auth is Apple's API key:
// an ES256 JWT signed with the .p8 key (jose), 20 minutes long, renewed a minute before it
// expires and once after a 401.
import { importPKCS8, SignJWT } from 'jose';
import { StoreHttpError, withRetry, type Transport } from './http.js';
import { UserError } from '../util/errors.js';

export interface AscCredentials {
  keyId: string;
  issuerId: string;
  /** The .p8 file's text (PKCS#8 PEM). */
  privateKey: string;
}

/** Apple's maximum token lifetime. */
export const ASC_TOKEN_SECONDS = 20 * 60;
export const ASC_AUDIENCE = 'appstoreconnect-v1';
export const ASC_DEFAULT_URL = 'https://api.appstoreconnect.apple.com/';

export interface Resource<A = Record<string, unknown>> {
  type: string;
  id: string;
  attributes?: A;
  relationships?: Record<string, { data?: { type: string; id: string } | Array<{ type: string; id: string }> }>;
}
export interface Document<T> {
  data: T;
  links?: { next?: string };
}

export interface AppAttributes {
  bundleId?: string;
  name?: string;
}
export interface VersionAttributes {
  platform?: string;
  versionString?: string;
  appStoreState?: string;
  appVersionState?: string;
}
export interface LocalizationAttributes {
  locale?: string;
}
export interface SetAttributes {
  screenshotDisplayType?: string;
}
export interface UploadOperation {
  method?: string;
  url?: string;
  length?: number;
  offset?: number;
  requestHeaders?: Array<{ name?: string; value?: string }>;
}
export interface ScreenshotAttributes {
  fileSize?: number;
  fileName?: string;
  sourceFileChecksum?: string;
  uploadOperations?: UploadOperation[];
  assetDeliveryState?: {
    state?: 'AWAITING_UPLOAD' | 'UPLOAD_COMPLETE' | 'COMPLETE' | 'FAILED';
    errors?: Array<{ code?: string; description?: string }>;
  };
}

interface AppleError {
  status?: string;
  code?: string;
  title?: string;
  detail?: string;
}

const HINT: Record<number, string> = {
  401: 'check ASC_KEY_ID, ASC_ISSUER_ID and ASC_PRIVATE_KEY (the key may be revoked)',
  403: 'the API key needs the App Manager (or Admin) role for this app',
  409: 'App Store Connect refused the change in the current state',
};

export class AscClient {
  private token?: { value: string; exp: number };
  private key?: Awaited<ReturnType<typeof importPKCS8>>;
  readonly base: string;

  constructor(
    private readonly creds: AscCredentials,
    baseUrl: string,
    private readonly t: Transport,
  ) {
    this.base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  }

  /** Tokens issued so far (for the log and tests of renewal). */
  tokensIssued = 0;

  private async bearer(force = false): Promise<string> {
    const now = Math.floor(this.t.now() / 1000);
    if (!force && this.token && this.token.exp - 60 > now) return this.token.value;
    try {
      this.key ??= await importPKCS8(this.creds.privateKey.replace(/\\n/g, '\n').trim(), 'ES256');
    } catch {
      throw new UserError(
        'The App Store Connect private key (--asc-private-key or ASC_PRIVATE_KEY) is not an API key: expected the text of the AuthKey_<id>.p8 file (PKCS#8, EC P-256)',
      );
    }
    const exp = now + ASC_TOKEN_SECONDS;
    const value = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: this.creds.keyId, typ: 'JWT' })
      .setIssuer(this.creds.issuerId)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setAudience(ASC_AUDIENCE)
      .sign(this.key);
    this.tokensIssued++;
    this.token = { value, exp };
    return value;
  }

  /** One API call; JSON in and out. Retries 429 and (when safe) 5xx; renews the token once on 401. */
  async call<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    opts: { query?: Record<string, string>; body?: unknown } = {},
  ): Promise<T> {
    const url = new URL(path.replace(/^\//, ''), this.base);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
    const what = `${method} ${url.pathname}`;
    let renewed = false;
    return withRetry(
      this.t,
      what,
      method !== 'POST',
      async () => {
        let res = await this.send(method, url, opts.body, false);
        if (res.status === 401 && !renewed) {
          renewed = true;
          res = await this.send(method, url, opts.body, true);
        }
        const text = await res.text();
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        if (res.ok) return json as T;
        const errs = ((json as { errors?: AppleError[] })?.errors ?? []).map((e) =>
          [e.code, e.detail ?? e.title].filter(Boolean).join(': '),
        );
        const hint = HINT[res.status];
        const err = new StoreHttpError(
          `App Store Connect ${what} answered ${res.status}${errs.length ? `: ${errs.join('; ')}` : ''}${hint ? ` (${hint})` : ''}`,
          res.status,
          json,
        );
        (err as StoreHttpError & { retryAfter?: string | null }).retryAfter = res.headers.get('retry-after');
        throw err;
      },
      (e) =>
        e instanceof StoreHttpError
          ? {
              status: e.status || undefined,
              retryAfter: (e as StoreHttpError & { retryAfter?: string | null }).retryAfter,
            }
          : e instanceof UserError
            ? {}
            : { network: true },
    );
  }

  private async send(method: string, url: URL, body: unknown, force: boolean): Promise<Response> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${await this.bearer(force)}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.t.fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  /** Every page of a list (follows links.next within this API's host). */
  async list<A>(path: string, query: Record<string, string> = {}): Promise<Array<Resource<A>>> {
    const out: Array<Resource<A>> = [];
    let doc = await this.call<Document<Array<Resource<A>>>>('GET', path, { query });
    out.push(...doc.data);
    for (let pages = 1; doc.links?.next && pages < 50; pages++) {
      const next = new URL(doc.links.next, this.base);
      if (next.origin !== new URL(this.base).origin) break;
      doc = await this.call<Document<Array<Resource<A>>>>(
        'GET',
        next.pathname.slice(new URL(this.base).pathname.length),
        { query: Object.fromEntries(next.searchParams) },
      );
      out.push(...doc.data);
    }
    return out;
  }

  /** PUT one upload operation's byte range to the URL Apple gave, with the headers it asked for. */
  async putPart(op: UploadOperation, bytes: Buffer, label: string): Promise<void> {
    if (!op.url || op.offset === undefined || op.length === undefined)
      throw new StoreHttpError(
        `App Store Connect gave ${label} an upload operation without url, offset or length`,
        0,
        op,
      );
    const part = bytes.subarray(op.offset, op.offset + op.length);
    if (part.length !== op.length)
      throw new StoreHttpError(
        `App Store Connect asked for bytes ${op.offset}-${op.offset + op.length} of ${label}, which has ${bytes.length}`,
        0,
        op,
      );
    const headers: Record<string, string> = {};
    for (const h of op.requestHeaders ?? []) if (h.name) headers[h.name] = h.value ?? '';
    const what = `${op.method ?? 'PUT'} part at ${op.offset} of ${label}`;
    await withRetry(
      this.t,
      what,
      true,
      async () => {
        const res = await this.t.fetch(op.url!, { method: op.method ?? 'PUT', headers, body: part });
        await res.arrayBuffer();
        if (!res.ok) {
          const err = new StoreHttpError(`${what} answered ${res.status}`, res.status, undefined);
          (err as StoreHttpError & { retryAfter?: string | null }).retryAfter = res.headers.get('retry-after');
          throw err;
        }
      },
      (e) =>
        e instanceof StoreHttpError
          ? { status: e.status, retryAfter: (e as StoreHttpError & { retryAfter?: string | null }).retryAfter }
          : { network: true },
    );
  }
}
