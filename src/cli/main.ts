// The storeshots CLI (docs/interfaces.md#cli). Each command returns its exit code; errors are reported once, here.
import { Command, CommanderError } from '@commander-js/extra-typings';
import { UserError, RenderError, errorMessage } from '../util/errors.js';
import type { CliIO } from './io.js';
import type { CliContext } from './options.js';
import { registerRender } from './render.js';
import { registerMerge } from './merge.js';
import { registerDiff } from './diff.js';
import { registerValidate } from './validate.js';
import { registerLint } from './lint.js';
import { registerPresets } from './presets.js';
import { registerInit } from './init.js';
import { registerServe } from './serve.js';
import { registerImport } from './import.js';
import { registerUpload } from './upload.js';
import { VERSION } from '../version.js';

/** The commands in the order `storeshots --help` lists them; each file declares its own options. */
const COMMANDS = [
  registerRender,
  registerMerge,
  registerDiff,
  registerValidate,
  registerLint,
  registerPresets,
  registerInit,
  registerServe,
  registerImport,
  registerUpload,
];

export async function main(argv: string[], io: CliIO): Promise<number> {
  let code = 0;
  const program = new Command('storeshots')
    .description(
      'App Store and Google Play marketing screenshots from one YAML manifest: render, lint and ship from CI.',
    )
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const cli: CliContext = { io, done: (c) => void (code = c) };
  for (const register of COMMANDS) register(program, cli);

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
  io.stderr(`storeshots: ${errorMessage(e)}\n`);
  if (io.env.STORESHOTS_DEBUG) io.stderr(`${e instanceof Error ? (e.stack ?? '') : ''}\n`);
  return 3;
}
