// `storeshots init`: a commented starter manifest plus placeholder screenshots, so that
// `storeshots render` works at once and the user replaces the placeholders with real captures.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../util/errors.js';
import { getPreset } from '../store/presets.js';
import type { Command } from '@commander-js/extra-typings';
import type { CliIO } from './io.js';
import { type CliContext, type OptionsOf, forceOption } from './options.js';

const declare = (program: Command) =>
  program
    .command('init')
    .description('Write a starter manifest (screenshots.yml) and folders for the current project')
    .addOption(forceOption())
    .option('--dir <dir>', 'where to write (default: the current folder)');

export function registerInit(program: Command, cli: CliContext): void {
  declare(program).action(async (opts) => cli.done(await initCommand(opts, cli.io)));
}

export const STARTER_MANIFEST = `# yaml-language-server: $schema=./node_modules/storeshots/schema/screenshots.schema.json
# storeshots manifest: raw screenshots + headlines -> App Store and Google Play images.
# Render:   npx storeshots render        Check only:   npx storeshots validate
version: 1
app: { name: My App }

# BCP 47 codes; each is mapped to the App Store's and Play's own codes on export.
locales: [en-US, de-DE]

# Store slots to render (list them all with: npx storeshots presets).
presets: [appstore.iphone_6_9, play.phone]

# A built-in look (aurora, paper, midnight, glass, mesh, photo), from-icon (colours of app.icon) or a path to your own theme file.
theme: aurora

# Overrides of the theme's tokens for every slide.
style:
  background: { gradient: ["#4f46e5", "#0ea5e9"], angle: 180 }
  headline: { color: "#ffffff", weight: 800 }

# Where the raw captures are: {locale}, {device} (iphone, ipad, android-phone, ...) and {slide}.
screenshots: shots/{locale}/{device}/{slide}.png

slides:
  - id: home
    headline:
      en-US: Everything at a glance
      de-DE: Alles auf einen Blick
  - id: detail
    headline:
      en-US: Details when you **need** them
      de-DE: Details, wenn du sie **brauchst**

fallback-locale: en-US
output: { dir: storeshots-out, format: png, layout: flat }   # layout: flat | fastlane
`;

export async function initCommand(opts: OptionsOf<typeof declare>, io: CliIO): Promise<number> {
  const dir = path.resolve(io.cwd, opts.dir ?? '.');
  const file = path.join(dir, 'screenshots.yml');
  if (existsSync(file) && !opts.force) {
    throw new UserError(`${path.relative(io.cwd, file) || file} already exists; pass --force to overwrite it`);
  }
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  // Native code comes from its one module (a failed load explains how to fix it).
  const { sharp } = await import('../render/native.js');
  for (const locale of ['en-US', 'de-DE']) {
    for (const [device, presetId] of [
      ['iphone', 'appstore.iphone_6_9'],
      ['android-phone', 'play.phone'],
    ] as const) {
      const size = getPreset(presetId)!.size;
      for (const [slide, color] of [
        ['home', '#e0e7ff'],
        ['detail', '#fce7f3'],
      ] as const) {
        const p = path.join(dir, 'shots', locale, device, `${slide}.png`);
        if (existsSync(p)) continue;
        mkdirSync(path.dirname(p), { recursive: true });
        const label = `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}"><rect width="100%" height="100%" fill="${color}"/><rect x="8%" y="12%" width="84%" height="10%" rx="40" fill="#ffffff"/><rect x="8%" y="26%" width="84%" height="30%" rx="40" fill="#ffffff"/></svg>`;
        await sharp()(Buffer.from(label)).png().toFile(p);
        written.push(path.relative(io.cwd, p));
      }
    }
  }
  writeFileSync(file, STARTER_MANIFEST);
  io.stdout(`wrote ${path.relative(io.cwd, file) || file}\n`);
  if (written.length)
    io.stdout(
      `wrote ${written.length} placeholder screenshot(s) under ${path.relative(io.cwd, path.join(dir, 'shots')) || 'shots'}/: replace them with your captures\n`,
    );
  io.stdout('next: npx storeshots render\n');
  return 0;
}
