// Bundles the entry points into dist/ with esbuild. `--check` rebuilds into a temporary folder
// and fails when dist/ differs (CI runs it, so a stale bundle never ships).
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { precompiledValidators } from './validators.mjs';

const check = process.argv.includes('--check');
const root = path.resolve(import.meta.dirname, '..');
// `--outdir DIR` builds elsewhere (the Action's tests build a private copy, safe from concurrent rebuilds of dist/).
const outArg = process.argv.indexOf('--outdir');
const outdir = check
  ? mkdtempSync(path.join(tmpdir(), 'storeshots-dist-'))
  : outArg > 0
    ? path.resolve(process.argv[outArg + 1])
    : path.join(root, 'dist');

// Native and heavy optional packages stay outside the bundle: they are resolved at run time.
// piscina starts its own worker script from beside its code (__dirname), so it stays a real package.
export const EXTERNAL = ['sharp', '@napi-rs/canvas', 'playwright-core', 'fsevents', 'piscina'];
export const ENTRIES = ['src/cli.ts', 'src/action.ts', 'src/server/index.ts', 'src/render/worker.ts'].filter((e) =>
  existsSync(path.join(root, e)),
);

// The exact native versions of the lockfile, for the Action's first-run install (src/action/natives.ts).
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const natives = Object.fromEntries(
  ['sharp', '@napi-rs/canvas', 'piscina'].map((n) => [n, lock.packages[`node_modules/${n}`].version]),
);

// src/manifest/validators.ts compiles the schema at run time from source; dist/ gets it precompiled.
const validatorsSource = path.join(root, 'src/manifest/validators.ts');
const precompiled = {
  name: 'precompiled-validators',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]manifest[\\/]validators\.ts$/ }, async (args) =>
      path.resolve(args.path) === validatorsSource
        ? { contents: await precompiledValidators(), loader: 'js', resolveDir: path.dirname(validatorsSource) }
        : undefined,
    );
  },
};

// Build beside the target, then swap folders: a test reading dist/ while someone rebuilds never sees it empty.
const buildDir = check ? outdir : `${outdir}.build-${process.pid}`;
rmSync(buildDir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(ENTRIES.map((e) => [e.replace(/^src\//, '').replace(/\.ts$/, ''), e])),
  outdir: buildDir,
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  external: EXTERNAL,
  legalComments: 'none',
  define: { 'globalThis.__STORESHOTS_NATIVES__': JSON.stringify(natives) },
  logLevel: 'warning',
  plugins: [precompiled],
  banner: {
    js: "import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);",
  },
});

if (!check) {
  const old = `${outdir}.old-${process.pid}`;
  if (existsSync(outdir)) renameSync(outdir, old);
  renameSync(buildDir, outdir);
  rmSync(old, { recursive: true, force: true });
}

if (check) {
  const list = (dir) =>
    existsSync(dir)
      ? readdirSync(dir, { recursive: true })
          .filter((f) => f.endsWith('.js'))
          .sort()
      : [];
  const a = list(outdir);
  const b = list(path.join(root, 'dist'));
  const stale =
    a.length !== b.length ||
    a.some(
      (f, i) => f !== b[i] || !readFileSync(path.join(outdir, f)).equals(readFileSync(path.join(root, 'dist', f))),
    );
  rmSync(outdir, { recursive: true, force: true });
  if (stale) {
    console.error('dist/ is stale: run "npm run build" and commit dist/.');
    process.exit(1);
  }
  console.log('dist/ is up to date');
}
