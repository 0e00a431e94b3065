// The tree a release tag of the Action holds: what a runner needs to run `uses: owner/storeshots@v1`
// and nothing else (no sources, tests, examples or docs beyond the README). A runner downloads the
// whole tree at the tag, so every file here is paid for on every job.
//
//   node scripts/release-tree.mjs --out DIR            builds dist/ fresh and writes the tree to DIR
//   node scripts/release-tree.mjs --out DIR --commit   also makes a git commit of DIR (parent: --parent SHA)
//                                                      and prints its id (.github/workflows/release.yml)
//
// The tree: action.yml, dist/ (only the files action.js and its render worker load), fonts/,
// templates/, schema/, README.md, LICENSE, and a package.json cut to what the code reads (its
// name, which marks the package root, and "type": "module" for dist/).
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const RELEASE_FILES = [
  'action.yml',
  'dist',
  'fonts',
  'templates',
  'schema',
  'README.md',
  'LICENSE',
  'package.json',
];
/** The bundles the Action starts: its entry, and the render worker piscina loads from beside it. */
const ENTRIES = ['action.js', 'render/worker.js'];

const root = path.resolve(import.meta.dirname, '..');

/** Files of a built dist/ that the entries load, following relative static and dynamic imports. */
export function reachable(dist, entries = ENTRIES) {
  const seen = new Set();
  const todo = [...entries];
  while (todo.length) {
    const rel = path.posix.normalize(todo.pop());
    if (seen.has(rel)) continue;
    const file = path.join(dist, rel);
    if (!existsSync(file)) throw new Error(`dist/${rel} is missing (imported by the Action's bundle)`);
    seen.add(rel);
    const code = readFileSync(file, 'utf8');
    // esbuild's own imports between bundles all land in chunks/ ("./chunks/x.js" from an entry, "./x.js" from
    // a chunk, e.g. the upload chunk loaded on demand); other "./x.js" strings are bundled code's text.
    for (const m of code.matchAll(
      /(?:from\s*|import\s*\(\s*|import\s*)["']((?:\.\/|\.\.\/)+[^"'/]*(?:\/[^"'/]+)*\.js)["']/g,
    )) {
      const target = path.posix.join(path.posix.dirname(rel), m[1]);
      if (target.startsWith('chunks/')) todo.push(target);
    }
  }
  return [...seen].sort();
}

export function buildReleaseTree(out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const dist = mkdtempSync(path.join(tmpdir(), 'storeshots-release-dist-'));
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--outdir', dist], {
    cwd: root,
    stdio: 'pipe',
  });
  for (const f of reachable(dist)) cpSync(path.join(dist, f), path.join(out, 'dist', f));
  rmSync(dist, { recursive: true, force: true });
  for (const f of ['action.yml', 'fonts', 'templates', 'schema', 'README.md', 'LICENSE'])
    cpSync(path.join(root, f), path.join(out, f), { recursive: true });
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const cut = {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description,
    type: pkg.type,
    license: pkg.license,
    repository: pkg.repository,
    engines: pkg.engines,
  };
  writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(cut, null, 2)}\n`);
  const have = readdirSync(out).sort();
  if (have.join() !== [...RELEASE_FILES].sort().join()) throw new Error(`release tree holds ${have.join(', ')}`);
  return out;
}

/** Bytes and files of a folder. */
export function sizeOf(dir) {
  let bytes = 0;
  let files = 0;
  for (const f of readdirSync(dir, { recursive: true })) {
    const s = statSync(path.join(dir, f));
    if (s.isFile()) {
      bytes += s.size;
      files++;
    }
  }
  return { bytes, files };
}

/** A commit of the folder's files (git plumbing on a private index: the checkout is not touched). */
export function commitTree(dir, message, parent) {
  const index = path.join(mkdtempSync(path.join(tmpdir(), 'storeshots-release-index-')), 'index');
  const git = (args, input) =>
    execFileSync('git', args, {
      cwd: root,
      input,
      env: { ...process.env, GIT_INDEX_FILE: index, GIT_WORK_TREE: dir },
      encoding: 'utf8',
    }).trim();
  git(['add', '--all', '--force', '.']);
  const tree = git(['write-tree']);
  return git(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const out = path.resolve(arg('--out') ?? path.join(root, 'release'));
  buildReleaseTree(out);
  const { bytes, files } = sizeOf(out);
  console.error(
    `release tree: ${files} files, ${(bytes / 1e6).toFixed(1)} MB in ${path.relative(process.cwd(), out) || '.'}`,
  );
  if (process.argv.includes('--commit')) {
    const pkg = JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8'));
    console.log(
      commitTree(
        out,
        `storeshots v${pkg.version} (release tree of ${execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()})`,
        arg('--parent'),
      ),
    );
  }
}
