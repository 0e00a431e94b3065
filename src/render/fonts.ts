// Fonts for drawing: the shipped files in fonts/ (never system fonts, so renders match on every
// machine), user font files from the manifest and per-locale fallback chains, registered with
// the canvas. Which file makes which family, the chains and the coverage check (a character no
// font covers is an error instead of tofu) live in coverage.ts, pure JS, shared with validate.
import { existsSync } from 'node:fs';
import { RenderError } from '../util/errors.js';
import { notAFile } from '../util/files.js';
import { canvas } from './native.js';
import { SHIPPED, addUserFont, familyFiles, fontsDir, resolveChain, type FontRequest } from './coverage.js';

export { fontsDir, missingGlyphs, type FontRequest } from './coverage.js';

const registered = new Set<string>();

function registerFamily(alias: string): void {
  if (registered.has(alias)) return;
  for (const file of familyFiles(alias)) {
    if (!existsSync(file))
      throw new RenderError(
        `font file not found: ${file}${file.startsWith(fontsDir()) ? " (the package's fonts/ folder is incomplete: reinstall storeshots)" : ''}`,
      );
    const why = notAFile(file);
    if (why) throw new RenderError(`font file ${file} ${why}`);
    if (!canvas().GlobalFonts.registerFromPath(file, alias))
      throw new RenderError(`cannot load font file ${file}: not a TrueType/OpenType font Skia can read`);
  }
  registered.add(alias);
}

export function registerShippedFonts(): void {
  for (const alias of Object.keys(SHIPPED)) registerFamily(alias);
}

/** Registers a user's font file (once) and returns its alias; its own family name also selects it. */
export function registerUserFont(file: string): string {
  const alias = addUserFont(file);
  registerFamily(alias);
  return alias;
}

/** The fallback chain for one text block, every family of it registered with the canvas. */
export function familyChain(req: FontRequest): string[] {
  registerShippedFonts();
  for (const f of req.userFonts) registerUserFont(f);
  const chain = resolveChain(req);
  for (const alias of chain) registerFamily(alias);
  return chain;
}

/** A CSS font shorthand for the canvas: families quoted, in chain order. */
export function cssFont(weight: number, size: number, chain: string[]): string {
  return `${weight} ${size}px ${chain.map((f) => `"${f}"`).join(', ')}`;
}
