// The render service's configuration: command-line options plus STORESHOTS_* environment variables,
// parsed once into a checked object. Numbers are checked, not coerced (docs/architecture.md#inputs-are-checked-not-coerced).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError, expected, errorMessage } from '../util/errors.js';
import { sha256 } from '../util/hash.js';
import { CAPTURE_DEFAULTS, type CaptureConfig } from '../capture/limits.js';
import { findBrowser } from '../capture/browser.js';
import { FilterListError, type FilterList, loadFilterLists } from '../capture/blocking.js';
import { type GitHubAppCredentials, loadGitHubApp } from './github-auth.js';
import { loadSmtp, type SmtpConfig } from './mail.js';

export interface ServeOptions {
  port: string;
  host: string;
  data: string;
  keys?: string;
  /** --browser PATH: the Chromium for web capture (else $STORESHOTS_BROWSER, else PATH). */
  browser?: string;
  /** --database URL: PostgreSQL shared by many nodes (else $STORESHOTS_DATABASE_URL, else SQLite under --data). */
  database?: string;
  /** --translate-url URL: the operator's LibreTranslate server (else $STORESHOTS_TRANSLATE_URL; unset: no translation). */
  translateUrl?: string;
}

/** The operator's LibreTranslate server for POST /v1/translate (docs/render-api.md#translation). */
export interface TranslateConfig {
  /** Base URL, without a trailing slash (`/languages` and `/translate` are appended). */
  url: string;
  apiKey?: string;
  /** Deadline of one request to LibreTranslate, ms. */
  timeoutMs: number;
  /** Retries of one request after a 429 or 5xx (its Retry-After honoured up to 10 s: translate/libretranslate.ts). */
  retries: number;
  /** Texts per request to LibreTranslate (its --batch-limit, when the operator set one). */
  batchTexts: number;
}

export interface Limits {
  /** Largest request body, JSON or multipart (413 above). */
  bodyBytes: number;
  /** Largest screenshot, fetched, decoded from base64 or uploaded. */
  screenshotBytes: number;
  /** Largest screenshot in pixels (width x height), checked from the header before decoding. */
  screenshotPixels: number;
  fetchTimeoutMs: number;
  maxRedirects: number;
  renderTimeoutMs: number;
  /** Requests per key per window; 0 turns rate limiting off. */
  rateLimit: number;
  rateWindowSeconds: number;
  /** Images per key per calendar month (UTC); undefined = unlimited. */
  monthlyQuota?: number;
  slidesPerRender: number;
  rendersPerBulk: number;
  /** Images one whole-set job may make (locales x presets x slides), and files it may upload. */
  setImages: number;
  /** Decode memory all render workers share (bytes); a job larger than this runs alone. */
  decodeBudgetBytes: number;
  /** Web capture: the browser and its limits (docs/render-api.md#web-capture). */
  capture: CaptureConfig;
  /** Stored projects per key (docs/render-api.md#projects). */
  projectsPerKey: number;
  /** Bytes of screenshots uploaded to projects, per key. */
  projectBytesPerKey: number;
}

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** sha256 (hex) of every accepted API key at start; empty = open (loopback only). The keys file is
   * reloaded while running (keys.ts); whether the server is open is decided once, here. */
  keyHashes: string[];
  /** Absolute path of --keys FILE, watched for changes and re-read on SIGHUP. */
  keysFile?: string;
  /** Keys from STORESHOTS_API_KEYS (kept across reloads of the file), as sha256 hex. */
  envKeyHashes: string[];
  webhookSecret?: string;
  githubToken?: string;
  /** A GitHub App for `github_dispatch` (preferred over githubToken when both are set). */
  githubApp?: GitHubAppCredentials;
  githubApiUrl: string;
  /** Machine translation through the operator's LibreTranslate; undefined: not configured (501). */
  translate?: TranslateConfig;
  /** The operator's SMTP server for schedules' email destinations; undefined: no mail (those are refused). */
  smtp?: SmtpConfig;
  allowPrivateUrls: boolean;
  /** `host:port` origins that may be private or loopback even without allowPrivateUrls. */
  allowHosts: Set<string>;
  /** Base of the absolute URLs in responses and dispatches; default: from the request's Host. */
  publicUrl?: string;
  limits: Limits;
  resultTtlSeconds: number;
  /** Lifetime of the signed download links in an answer (never past the render's expiry). */
  linkTtlSeconds: number;
  idempotencyTtlSeconds: number;
  sweepIntervalMs: number;
  webhook: { backoffBaseMs: number; backoffMaxMs: number; maxAttempts: number; timeoutMs: number };
  /** Render worker threads. */
  workers: number;
  /** Renders processed at the same time (each spreads its slides over the workers). */
  concurrency: number;
  /** How often the delivery and sweep loops look for due work (and workers for queued jobs). */
  pollMs: number;
  /** A claimed job's lease (STORESHOTS_LEASE_MS): a worker that dies holding one loses the job this long after its last renewal. */
  leaseMs: number;
  /** allscreenshots' scheduled captures (docs/render-api.md#schedules-v1schedules). */
  schedules: {
    /** The shortest gap a schedule's cron expression may leave between two runs (STORESHOTS_SCHEDULE_MIN_INTERVAL_SECONDS). */
    minIntervalSeconds: number;
    /** Schedules one key may hold (STORESHOTS_MAX_SCHEDULES). */
    perKey: number;
    /** How often each API node looks for due schedules (STORESHOTS_SCHEDULE_POLL_MS). */
    pollMs: number;
  };
  logLevel: string;
}

/** What outbound requests (screenshot URLs, webhooks) may reach. */
export const netPolicy = (c: ServerConfig) => ({ allowPrivate: c.allowPrivateUrls, allowHosts: c.allowHosts });

export const hashKey = (key: string) => sha256(key);

const MiB = 1024 * 1024;

function int(env: NodeJS.ProcessEnv, name: string, def: number | undefined, min = 0): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return def;
  if (!/^-?\d+$/.test(raw.trim()) || Number(raw) < min)
    throw new UserError(expected(`an integer >= ${min}`, name, raw));
  return Number(raw);
}

const req = (v: number | undefined) => v as number;

const envKeys = (env: NodeJS.ProcessEnv) =>
  (env.STORESHOTS_API_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);

/** The keys of a keys file: one a line, blank lines and # comments ignored. */
export function parseKeysFile(text: string): string[] {
  const keys: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const k = line.trim();
    if (k && !k.startsWith('#')) keys.push(k);
  }
  return keys;
}

function loadKeys(env: NodeJS.ProcessEnv, file: string | undefined, cwd: string): string[] {
  const keys = envKeys(env);
  if (file) {
    let text: string;
    try {
      text = readFileSync(path.resolve(cwd, file), 'utf8');
    } catch (e) {
      throw new UserError(`cannot read the keys file ${file}: ${errorMessage(e)}`);
    }
    keys.push(...parseKeysFile(text));
  }
  return keys;
}

function parseHosts(raw: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const h of (raw ?? '')
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean)) {
    if (!/^[a-z0-9.-]+:\d{1,5}$|^\[[0-9a-f:]+\]:\d{1,5}$/.test(h))
      throw new UserError(expected('comma-separated host:port entries', 'STORESHOTS_ALLOW_HOSTS', raw));
    out.add(h);
  }
  return out;
}

/** The LibreTranslate server, from --translate-url or STORESHOTS_TRANSLATE_URL; undefined when neither is set. */
function loadTranslate(opts: ServeOptions, env: NodeJS.ProcessEnv): TranslateConfig | undefined {
  const flag = opts.translateUrl !== undefined;
  const raw = (flag ? opts.translateUrl : env.STORESHOTS_TRANSLATE_URL)?.trim();
  if (!raw) return undefined;
  const name = flag ? '--translate-url' : 'STORESHOTS_TRANSLATE_URL';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(expected('the http(s) base URL of a LibreTranslate server', name, raw));
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash)
    throw new UserError(expected('the http(s) base URL of a LibreTranslate server (no query)', name, raw));
  // The key travels in the request body (LibreTranslate's api_key field), never in the URL or logs.
  if (url.username || url.password)
    throw new UserError(`${name}: put the LibreTranslate API key in STORESHOTS_TRANSLATE_API_KEY, not in the URL`);
  return {
    url: url.toString().replace(/\/+$/, ''),
    apiKey: env.STORESHOTS_TRANSLATE_API_KEY?.trim() || undefined,
    timeoutMs: req(int(env, 'STORESHOTS_TRANSLATE_TIMEOUT_MS', 30_000, 1)),
    retries: req(int(env, 'STORESHOTS_TRANSLATE_RETRIES', 2, 0)),
    batchTexts: req(int(env, 'STORESHOTS_TRANSLATE_BATCH_TEXTS', 25, 1)),
  };
}

/** The operator's ad-blocking lists, parsed at start: a file that cannot be used stops the service, named. */
function filterLists(env: NodeJS.ProcessEnv, cwd: string): FilterList[] {
  try {
    return loadFilterLists(env.STORESHOTS_FILTER_LISTS, cwd);
  } catch (e) {
    if (e instanceof FilterListError) throw new UserError(e.message);
    throw e;
  }
}

const isLoopbackHost = (h: string) => h === '127.0.0.1' || h === '::1' || h === 'localhost' || h.startsWith('127.');

export function loadConfig(opts: ServeOptions, env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  if (!/^\d+$/.test(opts.port) || Number(opts.port) > 65535)
    throw new UserError(expected('a port number 0-65535', '--port', opts.port));
  const keys = loadKeys(env, opts.keys, cwd);
  if (keys.length === 0 && !isLoopbackHost(opts.host)) {
    throw new UserError(
      `refusing to serve on ${opts.host} without API keys: set STORESHOTS_API_KEYS or --keys FILE (an open server is only allowed on loopback)`,
    );
  }
  const publicUrl = env.STORESHOTS_PUBLIC_URL?.trim() || undefined;
  if (publicUrl && !/^https?:\/\/[^/]+/.test(publicUrl))
    throw new UserError(expected('an http(s) URL', 'STORESHOTS_PUBLIC_URL', publicUrl));
  const githubApiUrl = (env.STORESHOTS_GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
  const cores = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const workers = req(int(env, 'STORESHOTS_WORKERS', cores, 1));
  const browser = findBrowser(opts.browser, env);
  if (browser.problem) throw new UserError(`${opts.browser ? '--browser' : 'STORESHOTS_BROWSER'}: ${browser.problem}`);
  return {
    host: opts.host,
    port: Number(opts.port),
    dataDir: path.resolve(cwd, opts.data),
    keyHashes: [...new Set(keys.map(hashKey))],
    keysFile: opts.keys ? path.resolve(cwd, opts.keys) : undefined,
    envKeyHashes: [...new Set(envKeys(env).map(hashKey))],
    webhookSecret: env.STORESHOTS_WEBHOOK_SECRET || undefined,
    githubToken: env.STORESHOTS_GITHUB_TOKEN || undefined,
    githubApp: loadGitHubApp(env, cwd),
    githubApiUrl,
    translate: loadTranslate(opts, env),
    smtp: loadSmtp(env),
    allowPrivateUrls: env.STORESHOTS_ALLOW_PRIVATE_URLS === '1' || env.STORESHOTS_ALLOW_PRIVATE_URLS === 'true',
    allowHosts: parseHosts(env.STORESHOTS_ALLOW_HOSTS),
    publicUrl: publicUrl?.replace(/\/+$/, ''),
    limits: {
      bodyBytes: req(int(env, 'STORESHOTS_MAX_BODY_BYTES', 48 * MiB, 1024)),
      screenshotBytes: req(int(env, 'STORESHOTS_MAX_SCREENSHOT_BYTES', 15 * MiB, 1024)),
      screenshotPixels: req(int(env, 'STORESHOTS_MAX_SCREENSHOT_PIXELS', 40_000_000, 1)),
      fetchTimeoutMs: req(int(env, 'STORESHOTS_FETCH_TIMEOUT_MS', 15_000, 1)),
      maxRedirects: req(int(env, 'STORESHOTS_FETCH_MAX_REDIRECTS', 5, 0)),
      renderTimeoutMs: req(int(env, 'STORESHOTS_RENDER_TIMEOUT_MS', 300_000, 1)),
      rateLimit: req(int(env, 'STORESHOTS_RATE_LIMIT', 600, 0)),
      rateWindowSeconds: req(int(env, 'STORESHOTS_RATE_WINDOW_SECONDS', 60, 1)),
      monthlyQuota: int(env, 'STORESHOTS_MONTHLY_QUOTA', undefined, 0),
      slidesPerRender: 10,
      rendersPerBulk: 20,
      setImages: req(int(env, 'STORESHOTS_MAX_SET_IMAGES', 200, 1)),
      decodeBudgetBytes: req(int(env, 'STORESHOTS_DECODE_BUDGET_BYTES', 512 * MiB, MiB)),
      capture: {
        ...CAPTURE_DEFAULTS,
        browser: browser.path,
        timeoutMs: req(int(env, 'STORESHOTS_CAPTURE_TIMEOUT_MS', CAPTURE_DEFAULTS.timeoutMs, 1)),
        concurrency: req(int(env, 'STORESHOTS_CAPTURE_CONCURRENCY', 2, 1)),
        idleMs: req(int(env, 'STORESHOTS_CAPTURE_IDLE_MS', 60_000, 0)),
        filterLists: filterLists(env, cwd),
      },
      projectsPerKey: req(int(env, 'STORESHOTS_MAX_PROJECTS', 100, 0)),
      projectBytesPerKey: req(int(env, 'STORESHOTS_MAX_PROJECT_BYTES', 256 * MiB, 0)),
    },
    resultTtlSeconds: req(int(env, 'STORESHOTS_RESULT_TTL_SECONDS', 7 * 86_400, 0)),
    linkTtlSeconds: req(int(env, 'STORESHOTS_LINK_TTL_SECONDS', 3_600, 1)),
    idempotencyTtlSeconds: req(int(env, 'STORESHOTS_IDEMPOTENCY_TTL_SECONDS', 86_400, 1)),
    sweepIntervalMs: req(int(env, 'STORESHOTS_SWEEP_INTERVAL_MS', 60_000, 10)),
    webhook: {
      backoffBaseMs: req(int(env, 'STORESHOTS_WEBHOOK_BACKOFF_MS', 5_000, 1)),
      backoffMaxMs: req(int(env, 'STORESHOTS_WEBHOOK_BACKOFF_MAX_MS', 3_600_000, 1)),
      maxAttempts: req(int(env, 'STORESHOTS_WEBHOOK_MAX_ATTEMPTS', 25, 1)),
      timeoutMs: req(int(env, 'STORESHOTS_WEBHOOK_TIMEOUT_MS', 10_000, 1)),
    },
    workers,
    concurrency: req(int(env, 'STORESHOTS_CONCURRENCY', Math.max(1, Math.min(4, workers)), 1)),
    pollMs: req(int(env, 'STORESHOTS_POLL_MS', 250, 5)),
    leaseMs: req(int(env, 'STORESHOTS_LEASE_MS', 30_000, 300)),
    schedules: {
      minIntervalSeconds: req(int(env, 'STORESHOTS_SCHEDULE_MIN_INTERVAL_SECONDS', 60, 1)),
      perKey: req(int(env, 'STORESHOTS_MAX_SCHEDULES', 100, 0)),
      pollMs: req(int(env, 'STORESHOTS_SCHEDULE_POLL_MS', 1_000, 10)),
    },
    logLevel: env.STORESHOTS_LOG_LEVEL || 'warn',
  };
}
