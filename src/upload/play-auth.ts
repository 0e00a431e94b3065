// Google Play service-account auth. The access token is requested from the key file's own
// `token_uri` with an RS256 JWT-bearer assertion (RFC 7523), the way Google's Python library
// does; Node's google-auth-library JWT client always posts to Google's fixed endpoint, so we hand
// Google's OAuth2Client a refreshHandler that does this request, and the client does the rest
// (Authorization headers, renewal before expiry and after a 401).
import { OAuth2Client } from 'google-auth-library';
import { importPKCS8, SignJWT } from 'jose';
import { StoreHttpError, withRetry, type Transport } from './http.js';
import { UserError } from '../util/errors.js';

export const PLAY_SCOPE = 'https://www.googleapis.com/auth/androidpublisher';

export interface PlayServiceAccount {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri: string;
}

/** Parses and checks a service account key file's text; never echoes the key. */
export function parseServiceAccount(text: string, where: string): PlayServiceAccount {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new StoreHttpError(
      `${where} is not JSON: expected the service account key file downloaded from Google Cloud`,
      0,
      undefined,
    );
  }
  if (!j || typeof j !== 'object') throw new StoreHttpError(`${where} is not a service account key file`, 0, undefined);
  if (j.type !== 'service_account')
    throw new StoreHttpError(
      `Expected "service_account" for ${where} type but received ${JSON.stringify(j.type ?? null)}`,
      0,
      undefined,
    );
  for (const k of ['client_email', 'private_key', 'token_uri'] as const) {
    if (typeof j[k] !== 'string' || !(j[k] as string).length)
      throw new StoreHttpError(
        `Expected a string for ${where} ${k} but received ${j[k] === undefined ? 'nothing' : typeof j[k]}`,
        0,
        undefined,
      );
  }
  let uri: URL;
  try {
    uri = new URL(j.token_uri as string);
  } catch {
    throw new StoreHttpError(
      `Expected a URL for ${where} token_uri but received ${JSON.stringify(j.token_uri)}`,
      0,
      undefined,
    );
  }
  const loopback = uri.hostname === '127.0.0.1' || uri.hostname === 'localhost' || uri.hostname === '[::1]';
  if (uri.protocol !== 'https:' && !(uri.protocol === 'http:' && loopback))
    throw new StoreHttpError(
      `Expected an https URL for ${where} token_uri but received ${uri.protocol}//${uri.host}`,
      0,
      undefined,
    );
  return {
    client_email: j.client_email as string,
    private_key: j.private_key as string,
    private_key_id: typeof j.private_key_id === 'string' ? j.private_key_id : undefined,
    token_uri: uri.href,
  };
}

/** One token from token_uri. */
export async function fetchPlayToken(
  sa: PlayServiceAccount,
  t: Transport,
): Promise<{ access_token: string; expiry_date: number }> {
  let key: Awaited<ReturnType<typeof importPKCS8>>;
  try {
    key = await importPKCS8(sa.private_key, 'RS256');
  } catch {
    throw new UserError(
      'The service account private_key is not an RSA private key in PKCS#8 PEM: use the key file exactly as Google Cloud downloads it',
    );
  }
  const now = Math.floor(t.now() / 1000);
  const header: { alg: 'RS256'; typ: 'JWT'; kid?: string } = { alg: 'RS256', typ: 'JWT' };
  if (sa.private_key_id) header.kid = sa.private_key_id;
  const assertion = await new SignJWT({ scope: PLAY_SCOPE })
    .setProtectedHeader(header)
    .setIssuer(sa.client_email)
    .setAudience(sa.token_uri)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(key);
  return withRetry(
    t,
    'Google token request',
    true,
    async () => {
      const res = await t.fetch(sa.token_uri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
      });
      const body = (await res.json().catch(() => ({}))) as {
        access_token?: string;
        expires_in?: number;
        error?: string;
        error_description?: string;
      };
      if (!res.ok || !body.access_token) {
        const err = new StoreHttpError(
          `Google refused the service account ${sa.client_email} (${res.status}${body.error ? ` ${body.error}` : ''}${body.error_description ? `: ${body.error_description}` : ''})`,
          res.status,
          undefined,
        );
        (err as StoreHttpError & { retryAfter?: string | null }).retryAfter = res.headers.get('retry-after');
        throw err;
      }
      return { access_token: body.access_token, expiry_date: t.now() + (body.expires_in ?? 3600) * 1000 };
    },
    (e) =>
      e instanceof StoreHttpError
        ? { status: e.status, retryAfter: (e as StoreHttpError & { retryAfter?: string | null }).retryAfter }
        : { network: true },
  );
}

export function playAuthClient(sa: PlayServiceAccount, t: Transport): OAuth2Client {
  const client = new OAuth2Client({ forceRefreshOnFailure: true });
  client.refreshHandler = () => fetchPlayToken(sa, t);
  return client;
}
