// Signed, expiring download links for a render's images and archive: usable without the API key (in a
// pull-request comment, behind a CDN, by another tool), made afresh on every poll, refused after they
// expire. The signature is HMAC-SHA256 over the path and the expiry, with the first of the signing
// secrets; every secret in the list still verifies, so a secret can be rotated without breaking the
// links already handed out (put the new one first, drop the old one after the link lifetime).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { errorMessage, UserError } from '../util/errors.js';

/** The file under --data that holds the generated secret when STORESHOTS_LINK_SECRETS is not set. */
export const LINK_SECRET_FILE = 'link-secret';

export type LinkCheck = 'ok' | 'expired' | 'invalid';

export class LinkSigner {
  constructor(private readonly secrets: readonly Buffer[]) {
    if (secrets.length === 0) throw new Error('LinkSigner needs at least one secret');
  }

  private mac(secret: Buffer, pathname: string, expires: number): Buffer {
    return createHmac('sha256', secret).update(`GET ${pathname}\n${expires}`).digest();
  }

  /** `pathname?expires=<unix s>&signature=<base64url>`: the path is signed without the host, so a
   * changed STORESHOTS_PUBLIC_URL does not void links. */
  sign(pathname: string, expires: number): string {
    const signature = this.mac(this.secrets[0]!, pathname, expires).toString('base64url');
    return `${pathname}?expires=${expires}&signature=${signature}`;
  }

  check(pathname: string, expires: string, signature: string, nowMs: number): LinkCheck {
    // Node decodes base64url leniently: the unused low bits of the last character and stray characters
    // are dropped, so several strings decode to the same bytes. Only the one canonical spelling is genuine.
    const given = Buffer.from(signature, 'base64url');
    const canonical = given.toString('base64url') === signature;
    const at = Number(expires);
    // Compared against every secret without stopping early; the expiry is judged only for a genuine link,
    // so a forged one never learns whether its time was right.
    let genuine = false;
    for (const s of this.secrets) {
      const want = this.mac(s, pathname, at);
      if (given.length === want.length && timingSafeEqual(given, want)) genuine = true;
    }
    if (!genuine || !canonical) return 'invalid';
    return at * 1000 > nowMs ? 'ok' : 'expired';
  }
}

/**
 * The signing secrets: STORESHOTS_LINK_SECRETS (comma-separated, at least 32 characters each, the first
 * signs), or else a random secret kept in --data/link-secret, made on first start, so links survive a
 * restart. Deleting that file (or changing the variable) voids every link handed out.
 */
export function loadLinkSecrets(env: NodeJS.ProcessEnv, dataDir: string): Buffer[] {
  const raw = env.STORESHOTS_LINK_SECRETS?.trim();
  if (raw) {
    const list = raw.split(',').map((s) => s.trim());
    list.forEach((s, i) => {
      if (s.length < 32)
        throw new UserError(
          `STORESHOTS_LINK_SECRETS: secret ${i + 1} of ${list.length} is ${s.length} characters; use at least 32 (e.g. openssl rand -hex 32)`,
        );
    });
    return list.map((s) => Buffer.from(s, 'utf8'));
  }
  const file = path.join(dataDir, LINK_SECRET_FILE);
  try {
    return [Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8')];
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new UserError(`cannot read the link signing secret ${file}: ${errorMessage(e)}`);
  }
  const secret = randomBytes(32).toString('hex');
  // 'wx': never overwrite a secret another start wrote meanwhile (the data folder is locked, but be sure).
  writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
  chmodSync(file, 0o600);
  return [Buffer.from(secret, 'utf8')];
}

/**
 * The signing secrets of a node whose store other nodes share (PostgreSQL): STORESHOTS_LINK_SECRETS
 * when set (it must then be the same on every node), else one random secret kept in the database,
 * made by whichever node starts first, so a link one node signs verifies on every other. Without a
 * shared store (SQLite), loadLinkSecrets' file under --data.
 */
export async function linkSecretsOf(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  shared?: (name: string, make: () => string) => Promise<string>,
): Promise<Buffer[]> {
  if (env.STORESHOTS_LINK_SECRETS?.trim() || !shared) return loadLinkSecrets(env, dataDir);
  const secret = await shared('link_secret', () => randomBytes(32).toString('hex'));
  return [Buffer.from(secret, 'utf8')];
}
