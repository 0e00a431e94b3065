// Colours of a captured image, for tests that check what a page drew where.
import sharp from 'sharp';
import { expect } from 'vitest';

/** The colour at (x, y) of an image, as #rrggbb. */
export async function pixel(bytes: Buffer, x: number, y: number): Promise<string> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return `#${[data[i]!, data[i + 1]!, data[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Whether two #rrggbb colours differ by at most `tolerance` in each channel (encoders round colours). */
export const near = (hex: string, want: string, tolerance = 8) => {
  const a = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const b = [1, 3, 5].map((i) => Number.parseInt(want.slice(i, i + 2), 16));
  return a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);
};

/** Expects the colour at (x, y) near `want`, naming `what` and both colours when it is not. */
export async function expectColour(bytes: Buffer, x: number, y: number, want: string, what: string) {
  const got = await pixel(bytes, x, y);
  expect(near(got, want), `${what}: (${x}, ${y}) is ${got}, not ${want}`).toBe(true);
}
