// How sharp and @napi-rs/canvas reach a runner that only checked out the action (see
// docs/native-packages.md): dist/ is pure JavaScript; on first use the exact versions pinned
// in our lockfile are installed with npm into the runner's tool cache (once per runner, per
// version set, per platform), and the action's own folder gets a node_modules link to them,
// so the renderer's plain `import('sharp')` resolves with no hook and no setup step.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  lstatSync,
  readlinkSync,
  unlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../util/paths.js';
import { sha256 } from '../util/hash.js';

declare global {
  // Replaced at build time by scripts/build.mjs with the versions from package-lock.json.
  var __STORESHOTS_NATIVES__: Record<string, string> | undefined;
}

// piscina is plain JavaScript but cannot be bundled (it starts its worker from its own folder):
// it travels with the natives so the Action renders on every core, not in one thread.
export const NATIVE_PACKAGES = ['sharp', '@napi-rs/canvas', 'piscina'] as const;

/** The exact versions to install: baked into the bundle, else read from the lockfile (running from source). */
export function pinnedVersions(root = packageRoot()): Record<string, string> {
  const baked = globalThis.__STORESHOTS_NATIVES__;
  if (baked) return baked;
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version: string }>;
  };
  return Object.fromEntries(NATIVE_PACKAGES.map((n) => [n, lock.packages[`node_modules/${n}`]!.version]));
}

function resolvable(name: string, from: string): boolean {
  try {
    createRequire(path.join(from, 'noop.js')).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** glibc or musl matters for the prebuilt binaries npm picks; the key keeps them apart. */
function libc(): string {
  if (process.platform !== 'linux') return '';
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return report?.header?.glibcVersionRuntime ? '-gnu' : '-musl';
}

export function nativeCacheDir(toolCacheDir: string, versions: Record<string, string>): string {
  const key = sha256(JSON.stringify(versions)).slice(0, 12);
  return path.join(toolCacheDir, 'storeshots-natives', `${key}-${process.platform}-${process.arch}${libc()}`);
}

/** npm as shipped beside the running node, else the one on PATH. */
function npmCommand(): { cmd: string; args: string[]; shell: boolean } {
  const dir = path.dirname(process.execPath);
  for (const cli of [
    path.join(dir, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    path.join(dir, 'node_modules', 'npm', 'bin', 'npm-cli.js'),
  ]) {
    if (existsSync(cli)) return { cmd: process.execPath, args: [cli], shell: false };
  }
  return { cmd: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: [], shell: process.platform === 'win32' };
}

export interface EnsureNativesOptions {
  toolCacheDir: string;
  /** The folder whose node_modules the bundle resolves from (the action's checkout). */
  root?: string;
  log?: (message: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface NativesResult {
  /** Where the packages came from. */
  source: 'present' | 'cache' | 'installed';
  dir?: string;
}

/** Makes sharp and @napi-rs/canvas importable from the action's folder; installs them once per runner. */
export function ensureNatives(o: EnsureNativesOptions): NativesResult {
  const root = o.root ?? packageRoot();
  if (NATIVE_PACKAGES.every((n) => resolvable(n, path.join(root, 'dist')))) return { source: 'present' };
  const versions = pinnedVersions(root);
  const dir = nativeCacheDir(o.toolCacheDir, versions);
  const done = path.join(dir, '.storeshots-complete');
  let source: NativesResult['source'] = 'cache';
  if (!existsSync(done)) {
    source = 'installed';
    const specs = Object.entries(versions).map(([n, v]) => `${n}@${v}`);
    o.log?.(`Installing ${specs.join(' ')} for ${process.platform}-${process.arch} into ${dir}`);
    // Install next to the target and rename: two jobs on one runner never see half a folder.
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    writeFileSync(
      path.join(tmp, 'package.json'),
      `${JSON.stringify({ name: 'storeshots-natives', private: true, dependencies: versions }, null, 2)}\n`,
    );
    const npm = npmCommand();
    const env = { ...(o.env ?? process.env) };
    // Settings from an enclosing `npm run` (tests) must not redirect this install.
    for (const k of Object.keys(env))
      if (/^npm_(config_(global|prefix|local_prefix|save.*|dry_run)|package_|lifecycle_)/i.test(k)) delete env[k];
    const r = spawnSync(
      npm.cmd,
      [
        ...npm.args,
        'install',
        '--no-audit',
        '--no-fund',
        '--omit=dev',
        '--no-package-lock',
        '--loglevel=error',
        ...specs,
      ],
      {
        cwd: tmp,
        env,
        encoding: 'utf8',
        shell: npm.shell,
        timeout: 10 * 60_000,
      },
    );
    if (r.status !== 0) {
      rmSync(tmp, { recursive: true, force: true });
      throw new Error(
        `Could not install ${specs.join(' ')} with npm (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr || r.stdout || '').trim().slice(-2000)}\n` +
          'The runner must reach the npm registry (or set npm_config_registry to a mirror); see docs/native-packages.md.',
      );
    }
    writeFileSync(path.join(tmp, '.storeshots-complete'), `${JSON.stringify(versions)}\n`);
    try {
      renameSync(tmp, dir);
    } catch {
      // Another job finished first: its copy is as good as ours.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(done)) throw new Error(`Could not move the native packages into ${dir}`);
    }
  }
  linkNodeModules(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return { source, dir };
}

/** root/node_modules -> the cached node_modules (a junction on Windows: no admin right needed). */
function linkNodeModules(link: string, target: string): void {
  let st;
  try {
    st = lstatSync(link);
  } catch {
    /* absent */
  }
  if (st?.isSymbolicLink()) {
    if (path.resolve(path.dirname(link), readlinkSync(link)) === path.resolve(target)) return;
    unlinkSync(link);
  } else if (st) {
    throw new Error(`${link} exists and is not a link: remove it, or install sharp and @napi-rs/canvas there yourself`);
  }
  symlinkSync(target, link, process.platform === 'win32' ? 'junction' : 'dir');
}
