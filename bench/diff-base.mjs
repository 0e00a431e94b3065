// What a pull request's comparison costs when the base is rendered on the runner (diff-base:
// render, or no base artifact yet): the example (36 images) rendered cold, then the head with one
// German headline changed and the base again, both from the same render cache (as the Action
// does), then `storeshots diff` with --out (the comment's pictures come from that folder).
// `npx node bench/diff-base.mjs [--runs N]` (Node 24 of node_modules/.bin; dist/ built first). Prints a markdown table.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 1;
const bin = path.join(root, 'bin/storeshots.js');

function timed(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0 && !(args[0] === 'diff' && r.status === 1)) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return ms;
}
const drawn = (out) => JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).summary.rendered;

const rows = [];
for (let i = 0; i < runs; i++) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'storeshots-bench-diff-'));
  const project = path.join(tmp, 'project');
  cpSync(path.join(root, 'examples/habitual'), project, {
    recursive: true,
    filter: (s) => !s.includes('storeshots-out'),
  });
  const base = path.join(project, 'screenshots.yml');
  const head = path.join(project, 'head.yml');
  writeFileSync(
    head,
    readFileSync(base, 'utf8').replace('de-DE: Sieh deinen Fortschritt', 'de-DE: Sieh deine Fortschritte'),
  );
  const cache = ['--fail-on', 'never', '--cache-dir', path.join(tmp, 'cache')];
  const load = loadavg()[0].toFixed(1);
  const cold = timed(['render', '-c', base, '--out', path.join(tmp, 'cold'), ...cache]);
  const h = timed(['render', '-c', head, '--out', path.join(tmp, 'head'), ...cache]);
  const b = timed(['render', '-c', base, '--out', path.join(tmp, 'base'), ...cache]);
  const d = timed(['diff', path.join(tmp, 'base'), path.join(tmp, 'head'), '--out', path.join(tmp, 'diff')]);
  rows.push([
    i + 1,
    load,
    (cold / 1000).toFixed(1),
    `${(h / 1000).toFixed(1)} (${drawn(path.join(tmp, 'head'))} drawn)`,
    `${(b / 1000).toFixed(1)} (${drawn(path.join(tmp, 'base'))} drawn)`,
    (d / 1000).toFixed(1),
  ]);
  rmSync(tmp, { recursive: true, force: true });
}
console.log(
  '| run | load avg | cold render, 36 images (s) | head, cache warm (s) | base, cache warm (s) | diff --out (s) |',
);
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
