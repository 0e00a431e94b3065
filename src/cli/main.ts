// The storeshots CLI (docs/interfaces.md#cli). Each command returns its exit code; errors are reported once, here.
import { Command, CommanderError, Option } from 'commander';
import { UserError, RenderError } from '../util/errors.js';
import type { CliIO } from './io.js';
import { validateCommand } from './validate.js';
import { presetsCommand } from './presets.js';
import { initCommand } from './init.js';
import { renderCommand } from './render.js';
import { lintCommand } from './lint.js';
import { serveCommand } from './serve.js';
import { importFrameitCommand } from './import.js';
import { mergeCommand } from './merge.js';
import { diffCommand } from './diff.js';
import { VERSION } from '../version.js';

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

export async function main(argv: string[], io: CliIO): Promise<number> {
  let code = 0;
  const program = new Command('storeshots')
    .description('App Store and Google Play marketing screenshots from one YAML manifest: render, lint and ship from CI.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- commander hands options as any
  const run = (fn: (...args: any[]) => Promise<number> | number) =>
    async (...args: unknown[]) => {
      code = await fn(...args);
    };

  program
    .command('render')
    .description('Render every (locale, preset, slide) of the manifest, lint the images and write DIR/report.json')
    .option('-c, --config <file>', 'manifest file (default: screenshots.yml, then storeshots.yml)')
    .option('-o, --out <dir>', 'output folder (default: output.dir of the manifest, else storeshots-out)')
    .option('-l, --locale <locale>', 'only this locale (repeatable, or comma-separated)', collect)
    .option('-p, --preset <preset>', 'only this preset (repeatable)', collect)
    .option('-s, --slide <slide>', 'only this slide (repeatable)', collect)
    .option('--shard <i/n>', 'render share i of n (for a CI matrix)')
    .option('-j, --jobs <n>', 'parallel workers (default: number of cores)')
    .option('--no-cache', 'render every image even when a cached copy matches')
    .option('--cache-dir <dir>', 'render cache folder (default: .storeshots-cache)')
    .addOption(new Option('--layout <layout>', 'output layout').choices(['flat', 'fastlane']))
    .addOption(new Option('--fail-on <level>', 'exit 1 on lint findings at or above this level').choices(['error', 'warning', 'never']).default('error'))
    .option('--pseudo', 'also render the pseudo and pseudo-rtl locales')
    .option('--remote <url>', 'render through a render API (docs/render-api.md) instead of on this machine')
    .option('--api-key <key>', 'API key for --remote (default: $STORESHOTS_API_KEY)')
    .option('--timeout <seconds>', 'with --remote: how long to wait for the renders (default 1800)')
    .action(run((opts) => renderCommand(opts, io)));

  program
    .command('merge')
    .description('Combine the output folders of a sharded render (--shard i/n) into one set, lint it as a whole and write DIR/report.json')
    .argument('<dir...>', "the shards' output folders (or their downloaded artifacts)")
    .option('-c, --config <file>', 'manifest file the shards rendered (default: screenshots.yml, then storeshots.yml)')
    .option('-o, --out <dir>', 'output folder (default: output.dir of the manifest, else storeshots-out)')
    .option('-l, --locale <locale>', 'the --locale filters the shards used', collect)
    .option('-p, --preset <preset>', 'the --preset filters the shards used', collect)
    .option('-s, --slide <slide>', 'the --slide filters the shards used', collect)
    .addOption(new Option('--layout <layout>', 'output layout the shards used').choices(['flat', 'fastlane']))
    .option('--pseudo', 'the shards rendered the pseudo locales too')
    .addOption(new Option('--fail-on <level>', 'exit 1 on lint findings at or above this level').choices(['error', 'warning', 'never']).default('error'))
    .action(run((dirs: string[], opts) => mergeCommand(dirs, opts, io)));

  program
    .command('diff')
    .description('Compare two rendered sets (folders with report.json) image by image: exit 0 when nothing changed, 1 when something did')
    .argument('<base>', 'the earlier set: an output folder or a downloaded artifact')
    .argument('<head>', 'the later set')
    .option('--json', 'print { changed, added, removed, unchanged } as JSON')
    .option('-o, --out <dir>', 'write before/after copies, diff images, diff.json and diff.html here')
    .option('--threshold <share>', 'a share of changed pixels at or below which an image counts as unchanged (0.001 or 0.1%; default 0.001%)')
    .action(run((base: string, head: string, opts) => diffCommand(base, head, opts, io)));

  program
    .command('validate')
    .description('Check the manifest: schema, files, fonts, locales, presets and translations; no rendering')
    .option('-c, --config <file>', 'manifest file')
    .action(run((opts) => validateCommand(opts, io)));

  program
    .command('lint')
    .description('Lint existing images against the store rules: a folder, a fastlane screenshots/ or metadata/android/ tree, or files')
    .argument('<path...>', 'files or folders')
    .addOption(new Option('--store <store>', 'which store the images are for (default: guessed from the layout)').choices(['appstore', 'play']))
    .option('--json', 'print the findings as JSON (the report.json findings shape)')
    .action(run((paths: string[], opts) => lintCommand(paths, opts, io)));

  program
    .command('presets')
    .description('List the store presets with their sizes')
    .option('--json', 'print JSON')
    .option('--locales', 'list the locale codes each store accepts instead')
    .action(run((opts) => presetsCommand(opts, io)));

  program
    .command('init')
    .description('Write a starter manifest (screenshots.yml) and folders for the current project')
    .option('--force', 'overwrite an existing manifest')
    .option('--dir <dir>', 'where to write (default: the current folder)')
    .action(run((opts) => initCommand(opts, io)));

  program
    .command('serve')
    .description('Run the render API (docs/render-api.md)')
    .option('--port <n>', 'port to listen on', '8787')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--data <dir>', 'folder for the job database and images', '.storeshots-data')
    .option('--keys <file>', 'file of API keys, one a line (or $STORESHOTS_API_KEYS)')
    .action(run((opts) => serveCommand(opts, io)));

  program
    .command('import')
    .description('Move an existing setup to storeshots')
    .command('frameit')
    .description('Write a storeshots manifest from a fastlane frameit setup (Framefile.json, title.strings, keyword.strings) and list what has no equivalent')
    .argument('[dir]', 'folder with Framefile.json (default: fastlane/screenshots, then fastlane/metadata/android)')
    .option('-o, --out <file>', 'manifest to write', 'screenshots.yml')
    .option('--force', 'overwrite an existing manifest')
    .option('--json', 'print the findings as JSON')
    .action(run((dir: string | undefined, opts) => importFrameitCommand(dir, opts, io)));

  program
    .command('upload')
    .description('Upload a rendered set to App Store Connect or Google Play: only what changed, with the plan printed first')
    .argument('[dir]', "the render's output folder (report.json) or a fastlane folder (default: output.dir of the manifest, else storeshots-out)")
    .addOption(new Option('--store <store>', 'which store').choices(['appstore', 'play']).makeOptionMandatory())
    .option('--dry-run', 'print the plan against what is live and change nothing')
    .option('--json', 'print the plan as JSON')
    .option('-c, --config <file>', 'manifest to read app.bundle-id / app.package from')
    .option('--bundle-id <id>', 'App Store bundle id (default: app.bundle-id of the manifest)')
    .option('--package <name>', 'Play package name (default: app.package of the manifest)')
    .option('--app-version <version>', 'App Store version to edit (default: the one that can be edited)')
    .option('-l, --locale <locale>', 'only this locale (repeatable, or comma-separated)', collect)
    .option('--asc-key-id <id>', 'App Store Connect API key id (default: $ASC_KEY_ID)')
    .option('--asc-issuer-id <id>', 'App Store Connect issuer id (default: $ASC_ISSUER_ID)')
    .option('--asc-private-key <file>', 'the AuthKey_<id>.p8 file (default: the text in $ASC_PRIVATE_KEY)')
    .option('--play-service-account <file>', 'Play service account key JSON (default: the text in $PLAY_SERVICE_ACCOUNT_JSON)')
    .option('--changes-not-sent-for-review', 'Play: commit with changesNotSentForReview (send for review from Play Console)')
    .option('--ignore-lint', 'upload even images whose report.json has lint errors')
    // Loaded on demand, like serve: the store clients are not needed by the other commands.
    .action(run(async (dir: string | undefined, opts) => (await import('./upload.js')).uploadCommand(dir, opts, io)));

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    }
    return reportError(e, io);
  }
  return code;
}

export function reportError(e: unknown, io: CliIO): number {
  if (e instanceof UserError) {
    io.stderr(`${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof RenderError) {
    io.stderr(`storeshots: ${e.message}\n`);
    return 3;
  }
  const err = e as Error;
  io.stderr(`storeshots: ${err?.message ?? String(e)}\n`);
  if (io.env.STORESHOTS_DEBUG) io.stderr(`${err?.stack ?? ''}\n`);
  return 3;
}
