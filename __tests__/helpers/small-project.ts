// A small real project for the speed, cache, shard and merge tests: two locales of the example's
// Android phone screenshots at 540x960 (Play takes any size in its range), three slides, a user
// font and a background image file, so every kind of input a cache key covers is present.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ROOT } from './root.js';
export { ROOT };

export interface SmallProject {
  dir: string;
  manifest: string;
  /** Rewrites the manifest with `edit` applied to its text. */
  write(edit?: (yaml: string) => string): void;
}

export const SMALL_MANIFEST = `version: 1
app: { name: Habitual }
locales: [en-US, de-DE]
presets:
  - { id: play.phone, size: 540x960 }
theme: aurora
fonts: [fonts/Inter.var.ttf]
style:
  background: { gradient: ["#4f46e5", "#0ea5e9"], angle: 180 }
  headline: { color: "#ffffff", weight: 800 }
screenshots: shots/{locale}/{device}/{slide}.png
slides:
  - id: home
    headline: { en-US: Track every habit, de-DE: Jede Gewohnheit im Blick }
    subtitle: { en-US: Streaks and stats, de-DE: Serien und Statistiken }
  - id: stats
    headline: { en-US: See your progress, de-DE: Sieh deinen Fortschritt }
  - id: photo
    headline: { en-US: Capture the moments, de-DE: Halte fest was zählt }
    style: { background: { image: backgrounds/dusk.jpg, fit: cover } }
fallback-locale: en-US
output: { dir: out, format: png, layout: flat }
`;

export function smallProject(): SmallProject {
  const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-small-'));
  for (const locale of ['en-US', 'de-DE']) {
    mkdirSync(path.join(dir, 'shots', locale), { recursive: true });
    cpSync(
      path.join(ROOT, 'examples/habitual/shots', locale, 'android-phone'),
      path.join(dir, 'shots', locale, 'android-phone'),
      { recursive: true },
    );
  }
  mkdirSync(path.join(dir, 'fonts'));
  cpSync(path.join(ROOT, 'fonts/Inter.var.ttf'), path.join(dir, 'fonts/Inter.var.ttf'));
  mkdirSync(path.join(dir, 'backgrounds'));
  cpSync(path.join(ROOT, 'templates/photo-dusk.jpg'), path.join(dir, 'backgrounds/dusk.jpg'));
  const manifest = path.join(dir, 'screenshots.yml');
  const p: SmallProject = {
    dir,
    manifest,
    write: (edit = (y) => y) => writeFileSync(manifest, edit(SMALL_MANIFEST)),
  };
  p.write();
  return p;
}

let built: string | undefined;

/**
 * The render worker bundle, built privately (scripts/build.mjs --outdir) into a folder laid out
 * like the package, so a concurrent rebuild of dist/ never pulls it away mid-test.
 */
export function privateWorker(): string {
  if (built) return built;
  const pkg = mkdtempSync(path.join(tmpdir(), 'storeshots-pkg-'));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--outdir', path.join(pkg, 'dist')], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  for (const f of ['package.json', 'templates', 'fonts', 'schema', 'node_modules'])
    symlinkSync(path.join(ROOT, f), path.join(pkg, f));
  return (built = path.join(pkg, 'dist/render/worker.js'));
}
