import { PRESETS, acceptedSizes } from '../store/presets.js';
import { APPSTORE_LOCALES, PLAY_LOCALES } from '../store/locales.js';
import { SOURCES } from '../store/sources.js';
import type { Command } from '@commander-js/extra-typings';
import type { CliIO } from './io.js';
import { type CliContext, type OptionsOf, jsonOption } from './options.js';

const declare = (program: Command) =>
  program
    .command('presets')
    .description('List the store presets with their sizes')
    .addOption(jsonOption('print JSON'))
    .option('--locales', 'list the locale codes each store accepts instead');

export function registerPresets(program: Command, cli: CliContext): void {
  declare(program).action(async (opts) => cli.done(await presetsCommand(opts, cli.io)));
}

const fmt = (s: { width: number; height: number }) => `${s.width}x${s.height}`;

export function presetsJson() {
  return PRESETS.map((p) => ({
    id: p.id,
    store: p.store,
    label: p.label,
    device: p.device,
    orientation: p.orientation,
    size: fmt(p.size),
    accepted: p.accepted.map(fmt),
    rotatable: p.rotatable,
    anySize: p.anySize,
    landscapeVariant: p.rotatable && p.orientation === 'portrait' ? `${p.id}@landscape` : undefined,
    allAccepted: acceptedSizes(p).map(fmt),
    maxCount: p.maxCount,
    displayType: p.displayType,
    fastlaneFolder:
      p.store === 'appstore'
        ? 'fastlane/screenshots/<locale>/'
        : `fastlane/metadata/android/<locale>/images/${p.playFolder === 'featureGraphic' ? 'featureGraphic.<ext>' : `${p.playFolder}/`}`,
    source: SOURCES[p.source].url,
    verified: SOURCES[p.source].verified,
  }));
}

export async function presetsCommand(opts: OptionsOf<typeof declare>, io: CliIO): Promise<number> {
  if (opts.locales) {
    const data = { appstore: APPSTORE_LOCALES, play: PLAY_LOCALES };
    io.stdout(
      opts.json
        ? `${JSON.stringify(data, null, 2)}\n`
        : `App Store: ${APPSTORE_LOCALES.join(' ')}\nGoogle Play: ${PLAY_LOCALES.join(' ')}\n`,
    );
    return 0;
  }
  const list = presetsJson();
  if (opts.json) {
    io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const rows = list.map((p) => [
    p.id,
    p.device,
    p.size,
    p.anySize ? "any size within Play's rules" : p.accepted.slice(1).join(', '),
    p.label,
  ]);
  const head = ['preset', 'device', 'default', 'also accepted', 'slot'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  io.stdout(`${[line(head), ...rows.map(line)].join('\n')}\n`);
  return 0;
}
