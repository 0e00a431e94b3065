// `storeshots upload`: one entry for the CLI and the Action. Reads the rendered set, resolves the
// store's credentials (flags, else environment), builds the plan against what is live, and (unless
// dry-run) applies it. Credentials are only ever handed to the store clients: never printed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findManifest, loadManifest } from '../manifest/load.js';
import type { Store } from '../store/presets.js';
import { RenderError, UserError, errorMessage } from '../util/errors.js';
import { ascRun, UploadBlocked, type AscOptions } from './asc.js';
import { ASC_DEFAULT_URL, type AscCredentials } from './asc-client.js';
import { defaultTransport, StoreHttpError, type Transport } from './http.js';
import { readLocalSets } from './local.js';
import { parseServiceAccount, type PlayServiceAccount } from './play-auth.js';
import { PLAY_DEFAULT_URL, playRun } from './play.js';
import { planJson, type PlanJson, type SetPlan } from './plan.js';

export { planText, planMarkdown, planChanges } from './plan.js';

export interface UploadOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The rendered set: a render's output folder (report.json) or a fastlane tree. */
  dir?: string;
  store: Store;
  dryRun?: boolean;
  config?: string;
  bundleId?: string;
  packageName?: string;
  version?: string;
  locales?: string[];
  ascKeyId?: string;
  ascIssuerId?: string;
  /** Path of the .p8 file. */
  ascPrivateKey?: string;
  /** Path of the service account JSON. */
  playServiceAccount?: string;
  changesNotSentForReview?: boolean;
  /** Upload even images whose report.json has lint errors (the store may refuse them). */
  ignoreLint?: boolean;
  onPlan?: (sets: SetPlan[]) => void | Promise<void>;
  transport?: Transport;
  asc?: AscOptions;
}

export interface UploadResult {
  store: Store;
  app: string;
  dir: string;
  dryRun: boolean;
  sets: SetPlan[];
  json: PlanJson;
  skipped: string[];
  /** Per-set failures after the run (an asset that ended FAILED); empty when everything landed. */
  failures: string[];
}

const empty = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

function readSecretFile(cwd: string, file: string, flag: string): string {
  const abs = path.resolve(cwd, file);
  try {
    return readFileSync(abs, 'utf8');
  } catch (e) {
    throw new UserError(`${flag} ${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The secret values of a run's credentials, for masking in CI logs. */
export function credentialSecrets(
  o: Pick<UploadOptions, 'cwd' | 'env' | 'ascPrivateKey' | 'playServiceAccount'>,
): string[] {
  const out: string[] = [];
  const add = (v: string | undefined) => {
    if (!v) return;
    out.push(v);
    for (const line of v.split(/\r?\n|\\n/))
      if (line.trim().length >= 8 && !/^-----(BEGIN|END) /.test(line.trim())) out.push(line.trim());
  };
  add(empty(o.env.ASC_PRIVATE_KEY));
  const sa = empty(o.env.PLAY_SERVICE_ACCOUNT_JSON);
  add(sa);
  try {
    const j = JSON.parse(sa ?? '{}') as { private_key?: string; private_key_id?: string };
    add(j.private_key);
    add(j.private_key_id);
  } catch {
    /* not JSON: masked whole above */
  }
  return out;
}

function appId(o: UploadOptions): string {
  const flag = o.store === 'appstore' ? o.bundleId : o.packageName;
  if (empty(flag)) return flag!.trim();
  const field = o.store === 'appstore' ? 'bundle-id' : 'package';
  let file: string | undefined;
  try {
    file = findManifest(o.config, o.cwd);
  } catch {
    file = undefined;
  }
  if (file && existsSync(file)) {
    const m = loadManifest(file, path.relative(o.cwd, file) || file).manifest;
    const v = m.app?.[field];
    if (v) return v;
  }
  throw new UserError(
    `upload --store ${o.store} needs the ${o.store === 'appstore' ? 'bundle id' : 'package name'}: pass ${o.store === 'appstore' ? '--bundle-id' : '--package'} or set app.${field} in the manifest`,
  );
}

function ascCredentials(o: UploadOptions): AscCredentials {
  const keyId = empty(o.ascKeyId) ?? empty(o.env.ASC_KEY_ID);
  const issuerId = empty(o.ascIssuerId) ?? empty(o.env.ASC_ISSUER_ID);
  const privateKey = o.ascPrivateKey
    ? readSecretFile(o.cwd, o.ascPrivateKey, '--asc-private-key')
    : empty(o.env.ASC_PRIVATE_KEY);
  const missing = [
    !keyId && '--asc-key-id or ASC_KEY_ID',
    !issuerId && '--asc-issuer-id or ASC_ISSUER_ID',
    !privateKey && '--asc-private-key FILE or ASC_PRIVATE_KEY',
  ].filter(Boolean);
  if (missing.length)
    throw new UserError(
      `App Store Connect credentials missing: ${missing.join(', ')} (an API key from App Store Connect > Users and Access > Integrations)`,
    );
  return { keyId: keyId!, issuerId: issuerId!, privateKey: privateKey! };
}

function playCredentials(o: UploadOptions): PlayServiceAccount {
  const text = o.playServiceAccount
    ? readSecretFile(o.cwd, o.playServiceAccount, '--play-service-account')
    : empty(o.env.PLAY_SERVICE_ACCOUNT_JSON);
  if (!text)
    throw new UserError(
      'Google Play credentials missing: pass --play-service-account FILE or set PLAY_SERVICE_ACCOUNT_JSON (a service account key, JSON)',
    );
  try {
    return parseServiceAccount(
      text,
      o.playServiceAccount ? `--play-service-account ${o.playServiceAccount}` : 'PLAY_SERVICE_ACCOUNT_JSON',
    );
  } catch (e) {
    throw new UserError(errorMessage(e));
  }
}

function defaultDir(o: UploadOptions): string {
  try {
    const file = findManifest(o.config, o.cwd);
    const out = loadManifest(file, path.relative(o.cwd, file) || file).manifest.output?.dir;
    if (out) return path.resolve(path.dirname(file), out);
  } catch {
    /* no manifest: the default folder */
  }
  return path.resolve(o.cwd, 'storeshots-out');
}

export async function runUpload(o: UploadOptions): Promise<UploadResult> {
  const app = appId(o);
  const creds = o.store === 'appstore' ? { asc: ascCredentials(o) } : { play: playCredentials(o) };
  const dir = o.dir ? path.resolve(o.cwd, o.dir) : defaultDir(o);
  const { sets, skipped, lintErrors } = readLocalSets(dir, o.store, { cwd: o.cwd, locales: o.locales });
  if (lintErrors.length && !o.ignoreLint) {
    throw new UserError(
      `${lintErrors.length} image(s) to upload have lint errors in report.json, which the store would refuse or show wrong:\n${lintErrors
        .slice(0, 10)
        .map((l) => `  ${l}`)
        .join('\n')}${lintErrors.length > 10 ? '\n  …' : ''}\nFix them and render again, or pass --ignore-lint.`,
    );
  }
  if (!sets.length)
    throw new UserError(
      `${path.relative(o.cwd, dir) || '.'} holds no ${o.store === 'appstore' ? 'App Store' : 'Play'} images to upload${skipped.length ? ` (${skipped.length} skipped: ${skipped.slice(0, 3).join('; ')})` : ''}`,
    );
  const envUrl = o.store === 'appstore' ? empty(o.env.STORESHOTS_ASC_API_URL) : empty(o.env.STORESHOTS_PLAY_API_URL);
  const baseUrl = envUrl ?? (o.store === 'appstore' ? ASC_DEFAULT_URL : PLAY_DEFAULT_URL);
  try {
    new URL(baseUrl);
  } catch {
    throw new UserError(
      `Expected a URL for ${o.store === 'appstore' ? 'STORESHOTS_ASC_API_URL' : 'STORESHOTS_PLAY_API_URL'} but received ${JSON.stringify(baseUrl)}`,
    );
  }
  const run = { t: o.transport ?? defaultTransport(), baseUrl, dryRun: Boolean(o.dryRun), onPlan: o.onPlan, ...creds };
  const target = { app, version: empty(o.version), changesNotSentForReview: o.changesNotSentForReview };
  try {
    const r = o.store === 'appstore' ? await ascRun(run, target, sets, o.asc) : await playRun(run, target, sets);
    return {
      store: o.store,
      app,
      dir,
      dryRun: run.dryRun,
      sets: r.plan,
      json: planJson(o.store, r.plan),
      skipped,
      failures: r.failures,
    };
  } catch (e) {
    if (e instanceof UploadBlocked || e instanceof StoreHttpError) throw new RenderError(e.message);
    throw e;
  }
}
