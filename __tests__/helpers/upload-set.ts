// A rendered set on disk, as `storeshots render` leaves it (flat layout + report.json), made with
// sharp from solid colours so tests can say exactly which images changed between two runs.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { buildReport } from '../../src/report/index.js';
import { resolvePreset } from '../../src/store/presets.js';
import type { ImageRecord } from '../../src/report/types.js';

export interface SlideSpec {
  slide: string;
  /** #rrggbb: the image content (same colour + size = same bytes). */
  color: string;
}

export interface SetSpec {
  locale: string;
  preset: string;
  slides: SlideSpec[];
}

const cache = new Map<string, Buffer>();

export async function png(width: number, height: number, color: string): Promise<Buffer> {
  const key = `${width}x${height}${color}`;
  let b = cache.get(key);
  if (!b) {
    b = await sharp({ create: { width, height, channels: 3, background: color } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    cache.set(key, b);
  }
  return b;
}

/** Writes OUT/<locale>/<preset>/<NN>-<slide>.png and OUT/report.json; returns OUT. */
export async function writeRenderedSet(
  specs: SetSpec[],
  out = mkdtempSync(path.join(tmpdir(), 'storeshots-upload-')),
): Promise<string> {
  const images: ImageRecord[] = [];
  for (const s of specs) {
    const { size } = resolvePreset(s.preset)!;
    for (const [i, sl] of s.slides.entries()) {
      const bytes = await png(size.width, size.height, sl.color);
      const rel = `${s.locale}/${s.preset}/${String(i + 1).padStart(2, '0')}-${sl.slide}.png`;
      mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
      writeFileSync(path.join(out, rel), bytes);
      images.push({
        path: rel,
        locale: s.locale,
        preset: s.preset,
        slide: sl.slide,
        index: i + 1,
        width: size.width,
        height: size.height,
        format: 'png',
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        cached: false,
      });
    }
  }
  writeFileSync(path.join(out, 'report.json'), `${JSON.stringify(buildReport(images, []), null, 2)}\n`);
  return out;
}

export const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A clock that only moves when the code under test sleeps: no real waiting, waits recorded. */
export function fakeClock(start = Date.parse('2026-12-02T08:00:00Z')) {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    advance: (ms: number) => void (now += ms),
    transport: (log: string[] = []) => ({
      fetch: globalThis.fetch,
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        now += ms;
      },
      log: (l: string) => void log.push(l),
    }),
  };
}
