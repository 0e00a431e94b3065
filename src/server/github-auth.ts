// Credentials for `github_dispatch`. A service that renders for many repositories should not hold
// one personal token for all of them: with a GitHub App (app id + private key) each dispatch goes out
// with an installation token for the target repository only, limited to `contents: write` (what
// repository_dispatch needs). @octokit/auth-app signs the app's JWT, mints installation tokens and
// caches them until shortly before they expire; the static STORESHOTS_GITHUB_TOKEN stays the simple path.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAppAuth } from '@octokit/auth-app';
import { request } from '@octokit/request';
import { errorMessage, expected, UserError } from '../util/errors.js';

export interface GitHubAppCredentials {
  appId: number;
  /** PEM text of the app's private key. */
  privateKey: string;
}

/** A failure that another attempt cannot fix (the app is not installed on the repository). */
export class DispatchAuthError extends Error {
  readonly permanent = true;
}

export interface DispatchAuth {
  /** The Authorization header for a dispatch to `owner/repo`. */
  authorization(repository: string): Promise<string>;
  /** Forget what is cached for the repository (after GitHub refused its token). */
  forget(repository: string): void;
}

/** Reads STORESHOTS_GITHUB_APP_ID with STORESHOTS_GITHUB_APP_PRIVATE_KEY (PEM text) or
 * STORESHOTS_GITHUB_APP_PRIVATE_KEY_FILE; undefined when no app is configured. */
export function loadGitHubApp(env: NodeJS.ProcessEnv, cwd: string): GitHubAppCredentials | undefined {
  const rawId = env.STORESHOTS_GITHUB_APP_ID?.trim();
  const inline = env.STORESHOTS_GITHUB_APP_PRIVATE_KEY?.trim();
  const file = env.STORESHOTS_GITHUB_APP_PRIVATE_KEY_FILE?.trim();
  if (!rawId && !inline && !file) return undefined;
  if (!rawId)
    throw new UserError(
      'a GitHub App private key is set but STORESHOTS_GITHUB_APP_ID is not: set the app id shown on the app’s settings page',
    );
  if (!/^\d+$/.test(rawId) || Number(rawId) < 1)
    throw new UserError(expected('a GitHub App id (a positive integer)', 'STORESHOTS_GITHUB_APP_ID', rawId));
  if (inline && file)
    throw new UserError(
      'set one of STORESHOTS_GITHUB_APP_PRIVATE_KEY and STORESHOTS_GITHUB_APP_PRIVATE_KEY_FILE, not both',
    );
  if (!inline && !file)
    throw new UserError(
      'STORESHOTS_GITHUB_APP_ID is set without a private key: set STORESHOTS_GITHUB_APP_PRIVATE_KEY_FILE (the .pem file GitHub gave you) or STORESHOTS_GITHUB_APP_PRIVATE_KEY',
    );
  let privateKey: string;
  const where = file ? `STORESHOTS_GITHUB_APP_PRIVATE_KEY_FILE (${file})` : 'STORESHOTS_GITHUB_APP_PRIVATE_KEY';
  if (file) {
    try {
      privateKey = readFileSync(path.resolve(cwd, file), 'utf8');
    } catch (e) {
      throw new UserError(`cannot read the GitHub App private key ${file}: ${errorMessage(e)}`);
    }
  } else {
    // Environment variables often carry a PEM with its line breaks written as \n.
    privateKey = inline!.replace(/\\n/g, '\n');
  }
  let type: string | undefined;
  try {
    type = createPrivateKey(privateKey).asymmetricKeyType;
  } catch {
    // The key itself never goes into a message or a log.
    throw new UserError(
      `${where} is not a PEM private key (GitHub Apps use the RSA .pem file from the app’s settings)`,
    );
  }
  if (type !== 'rsa')
    throw new UserError(`${where} holds an ${type?.toUpperCase()} key: GitHub Apps sign with an RSA key`);
  return { appId: Number(rawId), privateKey };
}

export function tokenAuth(token: string): DispatchAuth {
  return { authorization: async () => `Bearer ${token}`, forget: () => undefined };
}

export function appAuth(app: GitHubAppCredentials, apiUrl: string): DispatchAuth {
  const gh = request.defaults({
    baseUrl: apiUrl,
    headers: { 'user-agent': 'storeshots-render-service', 'x-github-api-version': '2022-11-28' },
  });
  const auth = createAppAuth({ appId: app.appId, privateKey: app.privateKey, request: gh });
  // owner/repo -> installation id; an installation outlives its tokens, so it is looked up once.
  const installations = new Map<string, number>();
  // Repositories whose cached token GitHub refused: the next token is minted afresh.
  const stale = new Set<string>();

  const installationOf = async (repository: string): Promise<number> => {
    const known = installations.get(repository);
    if (known !== undefined) return known;
    const [owner, repo] = repository.split('/') as [string, string];
    const { token } = await auth({ type: 'app' });
    try {
      const res = await gh('GET /repos/{owner}/{repo}/installation', {
        owner,
        repo,
        headers: { authorization: `Bearer ${token}` },
      });
      installations.set(repository, res.data.id);
      return res.data.id;
    } catch (e) {
      if ((e as { status?: number }).status === 404)
        throw new DispatchAuthError(`the GitHub App ${app.appId} is not installed on ${repository}`);
      throw e;
    }
  };

  return {
    async authorization(repository) {
      const installationId = await installationOf(repository);
      const { token } = await auth({
        type: 'installation',
        installationId,
        repositoryNames: [repository.split('/')[1]!],
        permissions: { contents: 'write' },
        refresh: stale.delete(repository),
      });
      return `Bearer ${token}`;
    },
    forget(repository) {
      installations.delete(repository);
      stale.add(repository);
    },
  };
}
