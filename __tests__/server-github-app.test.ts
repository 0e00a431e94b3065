// `github_dispatch` with GitHub App credentials: the real service (built bin) finds the app's
// installation on the target repository, mints an installation token limited to that repository
// with `contents: write`, caches it across renders, and dispatches with it. The loopback GitHub
// checks every request and response against GitHub's OpenAPI description and the app's JWT
// against its public key.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/server/config.js';
import { verifyDispatch } from '../src/util/signature.js';
import { FakeGitHub } from './fakes/github.js';
import { api, b64, cleanup, SCREEN_PNG, startService, type ServerHandle } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const SECRET = 'whsec_app_test';
const APP_ID = 424242;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

describe('github_dispatch with a GitHub App', () => {
  let github: FakeGitHub;
  let s: ServerHandle;
  let dir: string;

  beforeAll(async () => {
    github = await new FakeGitHub({ owner: 'octo', repo: 'app' }).start();
    github.app = { id: APP_ID, publicKey, installationId: 77, installed: true };
    dir = mkdtempSync(path.join(tmpdir(), 'storeshots-app-'));
    writeFileSync(path.join(dir, 'app.pem'), PEM);
    s = await startService({
      env: {
        STORESHOTS_WEBHOOK_SECRET: SECRET,
        STORESHOTS_GITHUB_API_URL: github.url,
        STORESHOTS_GITHUB_APP_ID: String(APP_ID),
        STORESHOTS_GITHUB_APP_PRIVATE_KEY_FILE: path.join(dir, 'app.pem'),
        // Set too: the app is preferred, so this token must never reach GitHub.
        STORESHOTS_GITHUB_TOKEN: 'ghp_person',
      },
    });
  });
  afterAll(async () => {
    await s?.stop();
    await github?.stop();
    if (s) cleanup(s.data);
    if (dir) cleanup(dir);
  });

  const render = (repository: string) => ({
    async: true,
    canvas: { preset: 'play.phone' },
    slides: [{ id: 'home', headline: 'Hello', screenshot: { data: b64(SCREEN_PNG) } }],
    github_dispatch: { repository, event_type: 'screenshots-ready' },
  });

  // The bound turns a missing delivery into a failure that shows the service's log.
  const until = (done: () => boolean, what: string) =>
    waitFor(done, { timeoutMs: 30_000, intervalMs: 20, what: () => `${what}; the service logged: ${s.stderr()}` });
  const dispatchLog = () => github.log.filter((l) => l.path.endsWith('/dispatches'));

  it('dispatches with an installation token for the repository, minted once for several renders', async () => {
    const first = await api(s.url, 'POST', '/v1/renders', render('octo/app'));
    expect(first.status).toBe(202);
    await until(() => github.dispatches.length >= 1, 'the first dispatch');
    const second = await api(s.url, 'POST', '/v1/renders', render('octo/app'));
    expect(second.status).toBe(202);
    await until(() => github.dispatches.length >= 2, 'the second dispatch');

    expect(github.violations).toEqual([]);
    // One token for both dispatches, limited to the one repository and to what a dispatch needs.
    expect(github.installationTokens).toEqual([
      { token: 'ghs_installation_1', repositories: ['app'], permissions: { contents: 'write' } },
    ]);
    const calls = github.log.map((l) => `${l.method} ${l.path} ${l.status}`);
    expect(calls).toEqual([
      'GET /repos/octo/app/installation 200',
      'POST /app/installations/77/access_tokens 201',
      'POST /repos/octo/app/dispatches 204',
      'POST /repos/octo/app/dispatches 204',
    ]);
    for (const [i, r] of [first, second].entries()) {
      const body = github.dispatches[i];
      expect(body.event_type).toBe('screenshots-ready');
      expect(body.client_payload.render_id).toBe(r.body.id);
      expect(verifyDispatch(SECRET, body.client_payload).ok).toBe(true);
    }
  });

  it('mints a fresh token when GitHub refuses the cached one, and retries', async () => {
    const minted = github.installationTokens.length;
    const before = github.dispatches.length;
    github.faults.push({ method: 'POST', path: '/dispatches', status: 401, message: 'Bad credentials' });
    const r = await api(s.url, 'POST', '/v1/renders', render('octo/app'));
    expect(r.status).toBe(202);
    await until(() => github.dispatches.length > before, 'the dispatch after a refused token');
    expect(github.installationTokens.length).toBe(minted + 1);
    expect(
      dispatchLog()
        .slice(-2)
        .map((l) => l.status),
    ).toEqual([401, 204]);
    expect(github.violations).toEqual([]);
  });

  it('gives up at once, saying why, when the app is not installed on the repository', async () => {
    const before = github.log.length;
    const r = await api(s.url, 'POST', '/v1/renders', render('octo/other'));
    expect(r.status).toBe(202);
    await until(() => /not installed on octo\/other\); giving up/.test(s.stderr()), 'the delivery to give up');
    expect(s.stderr()).toContain(`attempt 1 failed (the GitHub App ${APP_ID} is not installed on octo/other)`);
    // One lookup, no token, no dispatch, no retry.
    expect(github.log.slice(before).map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual([
      'GET /repos/octo/other/installation 404',
    ]);
  });
});

describe('GitHub App configuration', () => {
  const load = (env: NodeJS.ProcessEnv) => () => loadConfig({ port: '0', host: '127.0.0.1', data: 'd' }, env, '/');
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

  it('reads the key inline (with \\n escapes) and prefers nothing else', () => {
    const cfg = load({
      STORESHOTS_GITHUB_APP_ID: '12',
      STORESHOTS_GITHUB_APP_PRIVATE_KEY: PEM.replace(/\n/g, '\\n'),
    })();
    expect(cfg.githubApp).toEqual({ appId: 12, privateKey: PEM });
    expect(load({})().githubApp).toBeUndefined();
  });

  it('refuses incomplete or wrong credentials with a message that names the variable and not the key', () => {
    expect(load({ STORESHOTS_GITHUB_APP_ID: '12' })).toThrow(
      'STORESHOTS_GITHUB_APP_ID is set without a private key: set STORESHOTS_GITHUB_APP_PRIVATE_KEY_FILE',
    );
    expect(load({ STORESHOTS_GITHUB_APP_PRIVATE_KEY: PEM })).toThrow(
      'a GitHub App private key is set but STORESHOTS_GITHUB_APP_ID is not',
    );
    expect(load({ STORESHOTS_GITHUB_APP_ID: 'my-app', STORESHOTS_GITHUB_APP_PRIVATE_KEY: PEM })).toThrow(
      'Expected a GitHub App id (a positive integer) for STORESHOTS_GITHUB_APP_ID but received "my-app"',
    );
    const garbage = 'not-a-key-but-a-secret-value';
    const bad = load({ STORESHOTS_GITHUB_APP_ID: '12', STORESHOTS_GITHUB_APP_PRIVATE_KEY: garbage });
    expect(bad).toThrow('STORESHOTS_GITHUB_APP_PRIVATE_KEY is not a PEM private key');
    expect(bad).not.toThrow(garbage);
    expect(load({ STORESHOTS_GITHUB_APP_ID: '12', STORESHOTS_GITHUB_APP_PRIVATE_KEY: ec })).toThrow(
      'STORESHOTS_GITHUB_APP_PRIVATE_KEY holds an EC key: GitHub Apps sign with an RSA key',
    );
    expect(
      load({
        STORESHOTS_GITHUB_APP_ID: '12',
        STORESHOTS_GITHUB_APP_PRIVATE_KEY: PEM,
        STORESHOTS_GITHUB_APP_PRIVATE_KEY_FILE: 'app.pem',
      }),
    ).toThrow('set one of STORESHOTS_GITHUB_APP_PRIVATE_KEY and STORESHOTS_GITHUB_APP_PRIVATE_KEY_FILE, not both');
    expect(
      load({ STORESHOTS_GITHUB_APP_ID: '12', STORESHOTS_GITHUB_APP_PRIVATE_KEY_FILE: '/nonexistent/app.pem' }),
    ).toThrow('cannot read the GitHub App private key /nonexistent/app.pem: ');
  });
});
