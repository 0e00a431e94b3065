// Line-breaking costs (issue #16): how long each language's break data takes to load (TeX
// hyphenation patterns, BudouX models: once per render thread that meets the language), how long
// breaking, fitting and wrapping the typography corpus takes, and `storeshots validate` on the
// example (which now lays the text out). Usage: node bench/breaks.mjs [--before DIR] where DIR
// is a built checkout (dist/) to time validate against. Results go to BENCHMARKS.md by hand.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const load = () => loadavg()[0].toFixed(2);
// Inside the checkout, so the bundle resolves the native packages from node_modules.
mkdirSync(path.join(ROOT, 'node_modules/.cache'), { recursive: true });
const out = mkdtempSync(path.join(ROOT, 'node_modules/.cache/storeshots-bench-breaks-'));
const { build } = await import('esbuild');
await build({
  entryPoints: [path.join(ROOT, 'bench/breaks-lib.ts')],
  outdir: out,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  logLevel: 'warning',
  external: ['sharp', '@napi-rs/canvas'],
  banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
});
const lib = await import(pathToFileURL(path.join(out, 'breaks-lib.js')).href);
console.log(`node ${process.version}, load average ${load()}`);
const langs = ['de-DE', 'fi', 'nl-NL', 'ru', 'ta-IN', 'hu', 'en-US', 'ja', 'zh-Hans', 'zh-Hant'];
for (const r of await lib.loadTimes(langs)) console.log(`load ${r.locale}: ${r.ms.toFixed(0)} ms`);
const c = await lib.layoutCorpus(ROOT, 20);
console.log(
  `corpus (${c.blocks} blocks): first ${c.firstMs.toFixed(0)} ms (measuring), then ${c.warmMs.toFixed(1)} ms per round`,
);

const validate = (dir) => {
  const t = performance.now();
  execFileSync(
    process.execPath,
    [path.join(dir, 'bin/storeshots.js'), 'validate', '-c', path.join(ROOT, 'examples/habitual/screenshots.yml')],
    { stdio: 'pipe' },
  );
  return performance.now() - t;
};
const before = process.argv.indexOf('--before');
for (let i = 0; i < 3; i++) {
  const a = validate(ROOT);
  const b = before > 0 ? validate(path.resolve(process.argv[before + 1])) : undefined;
  console.log(
    `validate example: after ${a.toFixed(0)} ms${b === undefined ? '' : `, before ${b.toFixed(0)} ms`} (load ${load()})`,
  );
}
