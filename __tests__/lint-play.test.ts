// Google Play's per-image rules (src/lint/rules/play.ts) on real files: images written with sharp
// into supply trees (metadata/android/<locale>/images/<folder>/) and loose files in temporary
// folders, read by `storeshots lint`'s own entry point (lintPaths). Every message is compared
// whole. Thresholds come from src/store/facts.ts (PLAY), so a test states the rule, not a copy of it.
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../src/lint/index.js';
import { getRule } from '../src/lint/rules.js';
import { PLAY } from '../src/store/facts.js';
import { tempDirs } from './helpers/temp.js';

const temp = tempDirs('storeshots-lint-play-');

/** Per-image findings of one lint run as "severity rule path: message" (set rules such as counts and
 * promotion eligibility left out: lint-paths.test.ts tests those). */
async function lint(d: string, paths: string[], store?: 'appstore' | 'play'): Promise<string[]> {
  const r = await lintPaths(paths, { cwd: d, store });
  return r.findings
    .filter((f) => getRule(f.rule)?.scope === 'image')
    .map((f) => `${f.severity} ${f.rule} ${f.path}: ${f.message}`);
}

let hue = 0;
/** A solid image in a colour no other call used (no two files share bytes). */
const solid = (w: number, h: number, channels: 3 | 4 = 3) => {
  hue += 1;
  return sharp({
    create: {
      width: w,
      height: h,
      channels,
      background: { r: (hue * 53) % 256, g: (hue * 97) % 256, b: 40, alpha: 0.5 },
    },
  });
};
/** Random pixels: PNG cannot compress them, so the file is about width x height x channels bytes. */
const noise = (w: number, h: number, channels: 3 | 4) =>
  sharp(randomBytes(w * h * channels), { raw: { width: w, height: h, channels } }).png({ compressionLevel: 0 });

/** A PNG grown past `bytes` by a tEXt chunk before IEND (the pixels, and what lint reads of them, unchanged). */
function padded(png: Buffer, bytes: number): Buffer {
  const data = Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.alloc(bytes, 'a')]);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write('tEXt', 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  const iend = png.length - 12;
  return Buffer.concat([png.subarray(0, iend), head, data, crc, png.subarray(iend)]);
}

function write(file: string, buf: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, buf);
}

const IMAGES = 'metadata/android/en-US/images';
const PHONE = `${IMAGES}/phoneScreenshots`;
const TABLET = `${IMAGES}/tenInchScreenshots`;
const WEAR = `${IMAGES}/wearScreenshots`;

describe('play.format and play.alpha-channel', () => {
  it('a WebP in a .png is an error; 16-bit, indexed and greyscale PNGs and greyscale or CMYK JPEGs are warnings', async () => {
    const d = temp();
    write(`${d}/${PHONE}/1.png`, await solid(1080, 1920).webp().toBuffer());
    write(`${d}/${PHONE}/2.png`, await solid(1080, 1920).toColourspace('rgb16').png().toBuffer());
    write(`${d}/${PHONE}/3.png`, await solid(1080, 1920).png({ palette: true }).toBuffer());
    write(`${d}/${PHONE}/4.png`, await solid(1080, 1920).toColourspace('b-w').png().toBuffer());
    write(`${d}/${PHONE}/5.jpg`, await solid(1080, 1920).toColourspace('b-w').jpeg().toBuffer());
    write(`${d}/${PHONE}/6.jpg`, await solid(1080, 1920).toColourspace('cmyk').jpeg().toBuffer());
    write(`${d}/${PHONE}/7.jpg`, await solid(1080, 1920).jpeg().toBuffer());
    write(`${d}/${PHONE}/8.png`, await solid(1080, 1920).png().toBuffer());
    const asks = 'Google Play asks for JPEG or 24-bit PNG (8 bits per RGB channel)';
    expect(await lint(d, ['metadata'])).toEqual([
      `error play.format ${PHONE}/1.png: ${PHONE}/1.png is a WebP image; Google Play takes JPEG or 24-bit PNG`,
      `warning format.extension-mismatch ${PHONE}/1.png: ${PHONE}/1.png is named .png but holds WebP data; rename it to .webp or re-encode it as PNG`,
      `warning play.format ${PHONE}/2.png: ${PHONE}/2.png is a 48-bit PNG; ${asks}`,
      `warning play.format ${PHONE}/3.png: ${PHONE}/3.png is an indexed-colour PNG; ${asks}`,
      `warning play.format ${PHONE}/4.png: ${PHONE}/4.png is a greyscale PNG; ${asks}`,
      `warning play.format ${PHONE}/5.jpg: ${PHONE}/5.jpg is a greyscale JPEG; Google Play asks for RGB images`,
      `warning play.format ${PHONE}/6.jpg: ${PHONE}/6.jpg is a CMYK JPEG; Google Play asks for RGB images`,
    ]);
  });

  it('a greyscale PNG with alpha is judged by its alpha alone (no format warning on top)', async () => {
    const d = temp();
    const grey = await sharp(Buffer.alloc(1080 * 1920 * 2, 128), { raw: { width: 1080, height: 1920, channels: 2 } })
      .toColourspace('b-w')
      .png()
      .toBuffer();
    expect(grey[25]).toBe(4); // IHDR colour type 4: greyscale with alpha
    write(`${d}/${PHONE}/1.png`, grey);
    const found = await lint(d, ['metadata']);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^error play\\.alpha-channel ${PHONE}/1\\.png: `));
  });

  it('a loose file without a .png, .jpg or .jpeg name is an extension error; the store guessed is said', async () => {
    const d = temp();
    write(`${d}/shot`, await solid(1080, 1920).png().toBuffer());
    write(`${d}/shot.webp`, await solid(1080, 1920).png().toBuffer());
    const only = 'Play (and supply) take only .png, .jpg and .jpeg';
    expect(await lint(d, ['shot', 'shot.webp'], 'play')).toEqual([
      `error play.format shot: shot has the extension "(none)"; ${only}`,
      `error play.format shot.webp: shot.webp has the extension ".webp"; ${only}`,
    ]);
    // 1080x1920 is no App Store size, so lint takes the file for Play and says it guessed.
    write(`${d}/alpha.png`, await solid(1080, 1920, 4).png().toBuffer());
    expect(await lint(d, ['alpha.png'])).toEqual([
      'error play.alpha-channel alpha.png: alpha.png has an alpha channel (PNG colour type 6, RGBA); Google Play takes JPEG or 24-bit PNG without alpha. Flatten it onto a background (taken as a Google Play image from its size; pass --store to say which)',
    ]);
  });

  it('the icon may have alpha and is judged by play.icon alone: 512x512, PNG, at most 1024 KB', async () => {
    const d = temp();
    write(`${d}/a/${IMAGES}/icon.png`, await solid(512, 512, 4).png().toBuffer());
    expect(await lint(d, ['a'])).toEqual([]);
    write(`${d}/b/${IMAGES}/icon.png`, await solid(500, 500).jpeg().toBuffer());
    write(`${d}/c/${IMAGES}/icon.png`, await noise(512, 512, 4).toBuffer());
    write(`${d}/w/${IMAGES}/icon.png`, await solid(512, 512, 4).webp().toBuffer());
    const [b, c] = [`b/${IMAGES}/icon.png`, `c/${IMAGES}/icon.png`];
    const kb = Math.ceil(statSync(`${d}/${c}`).size / 1024);
    expect(kb).toBeGreaterThan(PLAY.icon.maxBytes / 1024);
    // A WebP icon is the wrong format even though lint does not read a WebP's size.
    const w = `w/${IMAGES}/icon.png`;
    expect(await lint(d, ['w'])).toEqual([
      `error play.icon ${w}: ${w} is WebP; the Play icon must be a 32-bit PNG`,
      `warning format.extension-mismatch ${w}: ${w} is named .png but holds WebP data; rename it to .webp or re-encode it as PNG`,
    ]);
    // An icon over the screenshots' 8 MB cap is still judged by play.icon alone.
    write(`${d}/big/${IMAGES}/icon.png`, padded(await solid(512, 512, 4).png().toBuffer(), PLAY.maxFileBytes + 1));
    const big = `big/${IMAGES}/icon.png`;
    const bigKb = Math.ceil(statSync(`${d}/${big}`).size / 1024);
    expect(await lint(d, ['big'])).toEqual([
      `error play.icon ${big}: ${big} is ${bigKb} KB; the Play icon may be at most 1024 KB`,
    ]);
    expect(await lint(d, ['b', 'c'])).toEqual([
      `error play.icon ${b}: ${b} is 500x500; the Play icon must be 512x512`,
      `error play.icon ${b}: ${b} is JPEG; the Play icon must be a 32-bit PNG`,
      `error play.icon ${c}: ${c} is ${kb} KB; the Play icon may be at most 1024 KB`,
      `warning format.extension-mismatch ${b}: ${b} is named .png but holds JPEG data; rename it to .jpg or re-encode it as PNG`,
    ]);
  });
});

describe('play sizes: sides, aspect ratio, file size, feature graphic and TV banner', () => {
  it(`sides: at least ${PLAY.minSide} px (Wear OS ${PLAY.wearMinSide}), at most ${PLAY.maxSide} px; tablets are recommended ${PLAY.largeMinSide} px and may reach ${PLAY.largeMaxSide} px`, async () => {
    const d = temp();
    write(
      `${d}/${PHONE}/1.png`,
      await solid(PLAY.minSide - 1, 600)
        .png()
        .toBuffer(),
    );
    write(`${d}/${PHONE}/2.png`, await solid(PLAY.minSide, 600).png().toBuffer());
    write(
      `${d}/${PHONE}/3.png`,
      await solid(2000, PLAY.maxSide + 1)
        .png()
        .toBuffer(),
    );
    write(`${d}/${PHONE}/4.png`, await solid(2000, PLAY.maxSide).png().toBuffer());
    write(
      `${d}/${TABLET}/1.png`,
      await solid(PLAY.largeMinSide - 1, 1600)
        .png()
        .toBuffer(),
    );
    write(`${d}/${TABLET}/2.png`, await solid(PLAY.largeMinSide, 1600).png().toBuffer());
    write(
      `${d}/${TABLET}/3.jpg`,
      await solid(2400, PLAY.maxSide + 1)
        .jpeg()
        .toBuffer(),
    );
    write(
      `${d}/${TABLET}/4.jpg`,
      await solid(4000, PLAY.largeMaxSide + 1)
        .jpeg()
        .toBuffer(),
    );
    write(`${d}/${TABLET}/5.jpg`, await solid(4000, PLAY.largeMaxSide).jpeg().toBuffer());
    write(`${d}/${TABLET}/6.jpg`, await solid(2400, PLAY.maxSide).jpeg().toBuffer());
    write(
      `${d}/${WEAR}/1.png`,
      await solid(PLAY.wearMinSide - 1, PLAY.wearMinSide - 1)
        .png()
        .toBuffer(),
    );
    write(`${d}/${WEAR}/2.png`, await solid(PLAY.wearMinSide, PLAY.wearMinSide).png().toBuffer());
    const [t3, t4] = [`${PLAY.maxSide + 1}`, `${PLAY.largeMaxSide + 1}`];
    expect(await lint(d, ['metadata'])).toEqual([
      `error play.min-side ${PHONE}/1.png: ${PHONE}/1.png is ${PLAY.minSide - 1}x600; its short side is below Play's minimum of ${PLAY.minSide} px`,
      `error play.max-side ${PHONE}/3.png: ${PHONE}/3.png is 2000x${t3}; its long side is above Play's maximum of ${PLAY.maxSide} px`,
      `error play.max-side ${TABLET}/4.jpg: ${TABLET}/4.jpg is 4000x${t4}; its long side is above Play's ${PLAY.largeMaxSide} px maximum for tablets`,
      `error play.min-side ${WEAR}/1.png: ${WEAR}/1.png is ${PLAY.wearMinSide - 1}x${PLAY.wearMinSide - 1}; its short side is below Play's minimum of ${PLAY.wearMinSide} px`,
      `warning play.min-side ${TABLET}/1.png: ${TABLET}/1.png is ${PLAY.largeMinSide - 1}x1600; Play recommends tablet screenshots of at least ${PLAY.largeMinSide} px on each side`,
      `warning play.max-side ${TABLET}/3.jpg: ${TABLET}/3.jpg is 2400x${t3}; Play's general maximum is ${PLAY.maxSide} px (large-screen slots are documented up to ${PLAY.largeMaxSide} px, but sources disagree)`,
      `warning play.max-side ${TABLET}/5.jpg: ${TABLET}/5.jpg is 4000x${PLAY.largeMaxSide}; Play's general maximum is ${PLAY.maxSide} px (large-screen slots are documented up to ${PLAY.largeMaxSide} px, but sources disagree)`,
    ]);
  });

  it('7-inch tablet screenshots are tablets too: the recommended side and the tablet maximum apply', async () => {
    const d = temp();
    const seven = `${IMAGES}/sevenInchScreenshots`;
    write(
      `${d}/${seven}/1.png`,
      await solid(PLAY.largeMinSide - 1, 1600)
        .png()
        .toBuffer(),
    );
    write(
      `${d}/${seven}/2.jpg`,
      await solid(2400, PLAY.maxSide + 1)
        .jpeg()
        .toBuffer(),
    );
    expect(await lint(d, ['metadata'])).toEqual([
      `warning play.min-side ${seven}/1.png: ${seven}/1.png is ${PLAY.largeMinSide - 1}x1600; Play recommends tablet screenshots of at least ${PLAY.largeMinSide} px on each side`,
      `warning play.max-side ${seven}/2.jpg: ${seven}/2.jpg is 2400x${PLAY.maxSide + 1}; Play's general maximum is ${PLAY.maxSide} px (large-screen slots are documented up to ${PLAY.largeMaxSide} px, but sources disagree)`,
    ]);
  });

  it(`aspect ratio: at most ${PLAY.maxAspect}:1, Wear OS square`, async () => {
    const d = temp();
    write(`${d}/${PHONE}/1.png`, await solid(1000, 2001).png().toBuffer());
    write(`${d}/${PHONE}/2.png`, await solid(1000, 2000).png().toBuffer());
    write(`${d}/${PHONE}/3.png`, await solid(2001, 1000).png().toBuffer());
    write(`${d}/${WEAR}/1.png`, await solid(454, 455).png().toBuffer());
    const refuses = `Play refuses screenshots whose long side is more than ${PLAY.maxAspect} x the short side`;
    expect(await lint(d, ['metadata'])).toEqual([
      `error play.aspect-ratio ${PHONE}/1.png: ${PHONE}/1.png is 1000x2001 (2.00:1); ${refuses}`,
      `error play.aspect-ratio ${PHONE}/3.png: ${PHONE}/3.png is 2001x1000 (2.00:1); ${refuses}`,
      `error play.aspect-ratio ${WEAR}/1.png: ${WEAR}/1.png is 454x455; Wear OS screenshots must be square (1:1)`,
    ]);
  });

  it('file size: a screenshot over the cap is a warning; the feature graphic and the TV banner have exact sizes', async () => {
    const d = temp();
    // 1700 x 1700 x 3 bytes of noise: just over 8 MB.
    write(`${d}/${PHONE}/1.png`, await noise(1700, 1700, 3).toBuffer());
    write(`${d}/${IMAGES}/featureGraphic.png`, await solid(1024, 501).png().toBuffer());
    write(`${d}/${IMAGES}/tvBanner.png`, await solid(1280, 721).png().toBuffer());
    write(`${d}/wide/${IMAGES}/featureGraphic.png`, await solid(1023, 500).png().toBuffer());
    write(`${d}/wide/${IMAGES}/tvBanner.png`, await solid(1279, 720).png().toBuffer());
    const wide = `wide/${IMAGES}`;
    expect(await lint(d, ['wide'])).toEqual([
      `error play.feature-graphic-size ${wide}/featureGraphic.png: ${wide}/featureGraphic.png is 1023x500; the Play feature graphic must be exactly 1024x500`,
      `warning play.tv-banner-size ${wide}/tvBanner.png: ${wide}/tvBanner.png is 1279x720; the Play TV banner is 1280x720`,
    ]);
    // The feature graphic is not a screenshot: its own size rule judges it, never the screenshot sides.
    write(
      `${d}/huge/${IMAGES}/featureGraphic.png`,
      await solid(PLAY.maxSide + 1, 500)
        .png()
        .toBuffer(),
    );
    const huge = `huge/${IMAGES}/featureGraphic.png`;
    expect(await lint(d, ['huge'])).toEqual([
      `error play.feature-graphic-size ${huge}: ${huge} is ${PLAY.maxSide + 1}x500; the Play feature graphic must be exactly 1024x500`,
    ]);
    write(`${d}/ok/${IMAGES}/featureGraphic.jpg`, await solid(1024, 500).jpeg().toBuffer());
    write(`${d}/ok/${IMAGES}/tvBanner.jpg`, await solid(1280, 720).jpeg().toBuffer());
    expect(await lint(d, ['ok'])).toEqual([]);
    const r = await lint(d, ['metadata']);
    const mb = (statSync(`${d}/${PHONE}/1.png`).size / 1024 / 1024).toFixed(1);
    expect(Number(mb)).toBeGreaterThan(PLAY.maxFileBytes / 1024 / 1024);
    expect(r).toEqual([
      `error play.feature-graphic-size ${IMAGES}/featureGraphic.png: ${IMAGES}/featureGraphic.png is 1024x501; the Play feature graphic must be exactly 1024x500`,
      `warning play.file-size ${PHONE}/1.png: ${PHONE}/1.png is ${mb} MB; keep Play images under 8 MB (use JPEG or a smaller PNG)`,
      `warning play.tv-banner-size ${IMAGES}/tvBanner.png: ${IMAGES}/tvBanner.png is 1280x721; the Play TV banner is 1280x720`,
    ]);
  });
});
