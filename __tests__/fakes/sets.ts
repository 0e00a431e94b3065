// Hand-made rendered sets for the publishing tests: real PNG files (made with sharp) and the
// report.json that goes with them, as the pipeline would leave them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { buildReport, writeReport } from '../../src/report/index.js';
import type { Finding, ImageRecord } from '../../src/report/types.js';
import type { RenderedSet } from '../../src/publish/set.js';

const SIZES: Record<string, [number, number]> = {
  'appstore.iphone_6_9': [1320, 2868],
  'appstore.ipad_13': [2064, 2752],
  'play.phone': [1080, 1920],
};

export interface SetSpec {
  locales?: string[];
  presets?: string[];
  slides?: string[];
  findings?: Finding[];
  /** Changes every pixel colour, for "the set changed". */
  tint?: number;
}

export async function makeSet(
  spec: SetSpec = {},
  outDir = mkdtempSync(path.join(tmpdir(), 'storeshots-set-')),
): Promise<RenderedSet> {
  const locales = spec.locales ?? ['en-US', 'de-DE'];
  const presets = spec.presets ?? ['appstore.iphone_6_9', 'play.phone'];
  const slides = spec.slides ?? ['home', 'stats'];
  const images: ImageRecord[] = [];
  for (const [li, locale] of locales.entries()) {
    for (const preset of presets) {
      for (const [si, slide] of slides.entries()) {
        const [width, height] = SIZES[preset] ?? [1080, 1920];
        const rel = `${locale}/${preset}/${String(si + 1).padStart(2, '0')}-${slide}.png`;
        const file = path.join(outDir, rel);
        mkdirSync(path.dirname(file), { recursive: true });
        const buf = await sharp({
          create: {
            width,
            height,
            channels: 3,
            background: { r: 40 * li + (spec.tint ?? 0), g: 90 + 60 * si, b: 200 },
          },
        })
          .png()
          .toBuffer();
        writeFileSync(file, buf);
        images.push({
          path: rel,
          locale,
          preset,
          slide,
          index: si + 1,
          width,
          height,
          format: 'png',
          bytes: buf.length,
          sha256: createHash('sha256').update(buf).digest('hex'),
          cached: false,
        });
      }
    }
  }
  const report = buildReport(images, spec.findings ?? []);
  const reportFile = writeReport(outDir, report);
  return { outDir, report, reportFile, timings: [['render', 1234]], partial: false };
}

export const FINDING: Finding = {
  rule: 'appstore.text-too-small',
  severity: 'error',
  message: 'Headline is 31 px | smaller than the 42 px <b>minimum</b> @team',
  path: 'de-DE/appstore.iphone_6_9/02-stats.png',
  locale: 'de-DE',
  preset: 'appstore.iphone_6_9',
  slide: 'stats',
  source: 'https://developer.apple.com/app-store/product-page/',
  verified: '2026-01-10',
};
