// The options more than one command takes, each declared once: its flags, value, parser, choices and
// default live here; a command adds it with `.addOption(...)` and may word the help line its own way.
// Typed through @commander-js/extra-typings, so every command's `.opts()` has a real type.
import { type Command, Option } from '@commander-js/extra-typings';
import type { CliIO } from './io.js';

/** What a command's action needs from main(): the surroundings, and where its exit code goes. */
export interface CliContext {
  io: CliIO;
  /** Records the exit code main() returns. */
  done(code: number): void;
}

/** The typed `.opts()` of a command declared by `declare(program)`. */
export type OptionsOf<D extends (program: Command) => { opts(): object }> = ReturnType<ReturnType<D>['opts']>;

/** Repeatable and comma-separated: `-l en-US -l de-DE` or `-l en-US,de-DE`. */
export const collect = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export const configOption = (description = 'manifest file (default: screenshots.yml, then storeshots.yml)') =>
  new Option('-c, --config <file>', description);

export const outDirOption = (
  description = 'output folder (default: output.dir of the manifest, else storeshots-out)',
) => new Option('-o, --out <dir>', description);

export const localeOption = (description = 'only this locale (repeatable, or comma-separated)') =>
  new Option('-l, --locale <locale>', description).argParser(collect);

export const presetOption = (description = 'only this preset (repeatable)') =>
  new Option('-p, --preset <preset>', description).argParser(collect);

export const slideOption = (description = 'only this slide (repeatable)') =>
  new Option('-s, --slide <slide>', description).argParser(collect);

export const appearanceOption = (description = 'only this appearance, light or dark (repeatable; with appearances:)') =>
  new Option('--appearance <appearance>', description).argParser(collect);

export const layoutOption = (description = 'output layout') =>
  new Option('--layout <layout>', description).choices(['flat', 'fastlane']);

export const pseudoOption = (description: string) => new Option('--pseudo', description);

export const failOnOption = () =>
  new Option('--fail-on <level>', 'exit 1 on lint findings at or above this level')
    .choices(['error', 'warning', 'never'])
    .default('error');

export const storeOption = (description: string) =>
  new Option('--store <store>', description).choices(['appstore', 'play']);

export const jsonOption = (description: string) => new Option('--json', description);

export const forceOption = (description = 'overwrite an existing manifest') => new Option('--force', description);
