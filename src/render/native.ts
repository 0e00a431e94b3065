// The one place native code is loaded: @napi-rs/canvas (Skia: drawing, shaping) and sharp
// (libvips: decoding, resizing, encoding). Loaded lazily, so the manifest, lint and the API
// server's routing never pay for (or break on) a native module they do not use.
import { createRequire } from 'node:module';
import { RenderError, errorMessage } from '../util/errors.js';

export type CanvasModule = typeof import('@napi-rs/canvas');
export type SharpModule = typeof import('sharp').default;

const require = createRequire(import.meta.url);
let canvasMod: CanvasModule | undefined;
let sharpMod: SharpModule | undefined;

function load<T>(name: string): T {
  try {
    return require(name) as T;
  } catch (e) {
    const why = errorMessage(e).split('\n')[0];
    throw new RenderError(
      `cannot load the native module ${name} (${why}). It ships prebuilt binaries per platform: ` +
        `reinstall with "npm install --include=optional" on the machine that renders (not a copy of node_modules from another OS/CPU), ` +
        `or render remotely with --remote`,
      { cause: e },
    );
  }
}

export function canvas(): CanvasModule {
  return (canvasMod ??= load<CanvasModule>('@napi-rs/canvas'));
}

export function sharp(): SharpModule {
  if (!sharpMod) {
    sharpMod = load<SharpModule>('sharp');
    // Renders are byte-identical only without libvips' operation cache guessing; one thread per
    // image keeps memory flat on 2-core CI runners.
    sharpMod.cache(false);
  }
  return sharpMod;
}
