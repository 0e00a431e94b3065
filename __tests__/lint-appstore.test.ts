// The App Store's per-image rules (src/lint/rules/appstore.ts) on real files: images written with
// sharp into temporary folders (our flat layout <locale>/<preset>/NN-slide.png, or loose files),
// bytes patched where sharp cannot write the defect (a DPI of 0, a YCCK JPEG, a foreign ICC
// profile), then `storeshots lint`'s own entry point (lintPaths) reads them. Every message is
// compared whole: the rule's wording is what the user reads.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../src/lint/index.js';
import { APPSTORE } from '../src/store/facts.js';
import { writeImage } from './fixtures/lint/images.js';
import { tempDirs } from './helpers/temp.js';

const temp = tempDirs('storeshots-lint-appstore-');

/** Findings of one lint run as "severity rule path: message", the set-level slot warnings left out
 * (a one-file folder always misses slots; lint-paths.test.ts tests those). */
async function lint(d: string, paths: string[], store?: 'appstore' | 'play'): Promise<string[]> {
  const r = await lintPaths(paths, { cwd: d, store });
  return r.findings
    .filter((f) => f.rule !== 'appstore.required-slot')
    .map((f) => `${f.severity} ${f.rule} ${f.path}: ${f.message}`);
}

/** A solid RGB image; a PNG made of it gets 72 DPI with `at72` (libvips writes 25 DPI), a JPEG has no density. */
const solid = (w: number, h: number, background = '#285aa0') =>
  sharp({ create: { width: w, height: h, channels: 3, background } });

function write(file: string, buf: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, buf);
}

/** A PNG chunk (length, type, data, CRC). */
function pngChunk(type: string, data: Buffer): Buffer {
  const c = Buffer.alloc(12 + data.length);
  c.writeUInt32BE(data.length, 0);
  c.write(type, 4, 'latin1');
  data.copy(c, 8);
  c.writeUInt32BE(crc32(c.subarray(4, 8 + data.length)), 8 + data.length);
  return c;
}

/** The PNG with its chunks of `type` dropped and `extra` inserted right after IHDR. */
function rechunk(png: Buffer, drop: string[], extra: Buffer[] = []): Buffer {
  const parts: Buffer[] = [png.subarray(0, 8)];
  let off = 8;
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    const chunk = png.subarray(off, off + 12 + len);
    if (!drop.includes(type)) parts.push(chunk);
    if (type === 'IHDR') parts.push(...extra);
    off += 12 + len;
  }
  return Buffer.concat(parts);
}

/** pHYs in pixels per metre (unit 1 = metre), as PNG stores a density. */
const phys = (pxPerMetre: number) => {
  const d = Buffer.alloc(9);
  d.writeUInt32BE(pxPerMetre, 0);
  d.writeUInt32BE(pxPerMetre, 4);
  d[8] = 1;
  return pngChunk('pHYs', d);
};

const at72 = (png: Buffer) => rechunk(png, ['pHYs'], [phys(Math.round(APPSTORE.minDpi / 0.0254))]);

/** A minimal ICC v2 profile (ICC.1:2001-04 §6): the 128-byte header naming the data colour space,
 * and a 'desc' textDescriptionType tag when a name is given. */
function iccProfile(space: string, name?: string): Buffer {
  const tags: Buffer[] = [];
  if (name !== undefined) {
    const text = Buffer.from(`${name}\0`, 'latin1');
    const desc = Buffer.alloc(12 + text.length + 4 + 4 + 2 + 1 + 67);
    desc.write('desc', 0, 'latin1');
    desc.writeUInt32BE(text.length, 8);
    text.copy(desc, 12);
    tags.push(desc);
  }
  const tableEnd = 132 + tags.length * 12;
  const size = tableEnd + tags.reduce((n, t) => n + t.length, 0);
  const p = Buffer.alloc(size);
  p.writeUInt32BE(size, 0);
  p.writeUInt32BE(0x02100000, 8); // version 2.1
  p.write('mntr', 12, 'latin1');
  p.write(space.padEnd(4, ' '), 16, 'latin1');
  p.write('XYZ ', 20, 'latin1');
  p.write('acsp', 36, 'latin1');
  p.writeUInt32BE(tags.length, 128);
  let at = tableEnd;
  tags.forEach((t, i) => {
    p.write('desc', 132 + i * 12, 'latin1');
    p.writeUInt32BE(at, 132 + i * 12 + 4);
    p.writeUInt32BE(t.length, 132 + i * 12 + 8);
    t.copy(p, at);
    at += t.length;
  });
  return p;
}

/** An iCCP chunk: keyword, NUL, compression method 0, the zlib-compressed profile. */
const iccp = (keyword: string, profile: Buffer) =>
  pngChunk('iCCP', Buffer.concat([Buffer.from(`${keyword}\0\0`, 'latin1'), deflateSync(profile)]));

/** A JPEG with an APP2 ICC_PROFILE segment (one part) inserted after SOI. */
function jpegWithIcc(jpeg: Buffer, profile: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from('ICC_PROFILE\0', 'latin1'), Buffer.from([1, 1]), profile]);
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xffe2, 0);
  seg.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), seg, body, jpeg.subarray(2)]);
}

/** A JPEG with a JFIF APP0 segment (ITU T.871) inserted after SOI, declaring `dpi` dots per inch.
 * sharp writes its density into Exif only; lint reads the JFIF density. */
function jpegWithJfif(jpeg: Buffer, dpi: number): Buffer {
  const seg = Buffer.alloc(18);
  seg.writeUInt16BE(0xffe0, 0);
  seg.writeUInt16BE(16, 2);
  seg.write('JFIF\0', 4, 'latin1');
  seg.writeUInt16BE(0x0102, 9); // version 1.02
  seg[11] = 1; // units: dots per inch
  seg.writeUInt16BE(dpi, 12);
  seg.writeUInt16BE(dpi, 14);
  return Buffer.concat([jpeg.subarray(0, 2), seg, jpeg.subarray(2)]);
}

const SLOT = 'out/en-US/appstore.iphone_6_9';
const OK = APPSTORE.minDpi;

describe('appstore.format: PNG or JPEG data in a .png, .jpg or .jpeg file', () => {
  it('a WebP image given by name is an error naming its format, with the note that the store was guessed', async () => {
    const d = temp();
    write(`${d}/shot.webp`, await solid(1320, 2868).webp().toBuffer());
    expect(await lint(d, ['shot.webp'])).toEqual([
      'error appstore.format shot.webp: shot.webp is a WebP image; the App Store takes only PNG or JPEG (.png, .jpg, .jpeg) (taken as an App Store image from its size; pass --store to say which)',
    ]);
    // --store says which store: no note; and the format error is the only one (no size rule on a WebP's 0x0).
    expect(await lint(d, ['shot.webp'], 'appstore')).toEqual([
      'error appstore.format shot.webp: shot.webp is a WebP image; the App Store takes only PNG or JPEG (.png, .jpg, .jpeg)',
    ]);
  });

  it('a GIF in our flat layout is a format error and nothing else: the size rule does not judge what it cannot size', async () => {
    const d = temp();
    write(`${d}/${SLOT}/01-home.gif`, await solid(1320, 2868).gif().toBuffer());
    expect(await lint(d, ['out'])).toEqual([
      `error appstore.format ${SLOT}/01-home.gif: ${SLOT}/01-home.gif is a GIF image; the App Store takes only PNG or JPEG (.png, .jpg, .jpeg)`,
    ]);
  });

  it('PNG data in a file without an extension, or named .webp, is an extension error', async () => {
    const d = temp();
    write(`${d}/shot`, at72(await solid(1320, 2868).png().toBuffer()));
    write(`${d}/shot.webp`, at72(await solid(1320, 2868, '#a05a28').png().toBuffer()));
    expect(await lint(d, ['shot', 'shot.webp'], 'appstore')).toEqual([
      'error appstore.format shot: shot has the extension "(none)"; the App Store takes only .png, .jpg and .jpeg (deliver: "Invalid file extension")',
      'error appstore.format shot.webp: shot.webp has the extension ".webp"; the App Store takes only .png, .jpg and .jpeg (deliver: "Invalid file extension")',
    ]);
  });

  it('PNG in .png and JPEG in .jpg or .jpeg at an accepted size pass every App Store image rule', async () => {
    const d = temp();
    await writeImage(`${d}/${SLOT}/01-home.png`, { width: 1320, height: 2868 });
    await writeImage(`${d}/${SLOT}/02-stats.jpg`, { width: 1290, height: 2796, format: 'jpeg' });
    await writeImage(`${d}/${SLOT}/03-share.jpeg`, { width: 1260, height: 2736, format: 'jpeg' });
    expect(await lint(d, ['out'])).toEqual([]);
  });

  it('PNG data in a .jpg or a .jpeg file is an extension mismatch that says to rename it .png or re-encode it as JPEG', async () => {
    const d = temp();
    await writeImage(`${d}/${SLOT}/01-home.jpg`, { width: 1320, height: 2868 });
    await writeImage(`${d}/${SLOT}/02-stats.jpeg`, { width: 1320, height: 2868 });
    expect(await lint(d, ['out'])).toEqual([
      `error format.extension-mismatch ${SLOT}/01-home.jpg: ${SLOT}/01-home.jpg is named .jpg but holds PNG data; rename it to .png or re-encode it as JPEG`,
      `error format.extension-mismatch ${SLOT}/02-stats.jpeg: ${SLOT}/02-stats.jpeg is named .jpeg but holds PNG data; rename it to .png or re-encode it as JPEG`,
    ]);
  });
});

describe('appstore.colorspace: RGB only', () => {
  it('greyscale is named greyscale; a YCCK JPEG (Adobe transform 2) is named CMYK (YCCK)', async () => {
    const d = temp();
    write(`${d}/${SLOT}/01-grey.png`, at72(await solid(1320, 2868).toColourspace('b-w').png().toBuffer()));
    const cmyk = await solid(1320, 2868).toColourspace('cmyk').jpeg().toBuffer();
    // libjpeg marks a CMYK JPEG with an Adobe APP14 segment whose last byte is the transform (0 =
    // CMYK, 2 = YCCK); the header is what the rule reads.
    const adobe = cmyk.indexOf(Buffer.from('Adobe', 'latin1'));
    expect(adobe).toBeGreaterThan(0);
    const ycck = Buffer.from(cmyk);
    ycck[adobe + 11] = 2;
    write(`${d}/${SLOT}/02-cmyk.jpg`, cmyk);
    write(`${d}/${SLOT}/03-ycck.jpg`, ycck);
    const fix = 'App Store Connect requires the RGB colour space. Convert it to RGB (sRGB or Display P3)';
    expect(await lint(d, ['out'])).toEqual([
      `error appstore.colorspace ${SLOT}/01-grey.png: ${SLOT}/01-grey.png is greyscale; ${fix}`,
      `error appstore.colorspace ${SLOT}/02-cmyk.jpg: ${SLOT}/02-cmyk.jpg is CMYK; ${fix}`,
      `error appstore.colorspace ${SLOT}/03-ycck.jpg: ${SLOT}/03-ycck.jpg is CMYK (YCCK); ${fix}`,
    ]);
  });

  it('RGB pixels with a CMYK or grey ICC profile are errors naming the profile when it has a name', async () => {
    const d = temp();
    const png = await solid(1320, 2868).png().toBuffer();
    write(
      `${d}/${SLOT}/01-named.png`,
      rechunk(at72(png), ['sRGB', 'iCCP'], [iccp('Coated', iccProfile('CMYK', 'US Web Coated'))]),
    );
    const jpeg = await solid(1320, 2868).jpeg().toBuffer();
    write(`${d}/${SLOT}/02-nameless.jpg`, jpegWithIcc(jpeg, iccProfile('GRAY')));
    write(`${d}/${SLOT}/03-rgb.jpg`, jpegWithIcc(jpeg, iccProfile('RGB', 'Display')));
    expect(await lint(d, ['out'])).toEqual([
      `error appstore.colorspace ${SLOT}/01-named.png: ${SLOT}/01-named.png embeds a CMYK ICC profile ("US Web Coated"); App Store Connect requires the RGB colour space`,
      `error appstore.colorspace ${SLOT}/02-nameless.jpg: ${SLOT}/02-nameless.jpg embeds a GRAY ICC profile; App Store Connect requires the RGB colour space`,
    ]);
  });
});

describe('appstore.dpi: a declared density below 72 DPI', () => {
  it(`warns below ${OK} DPI; ${OK} DPI, no density at all and a density of 0 pass`, async () => {
    const d = temp();
    const png = await solid(1320, 2868).png().toBuffer();
    // 71 DPI and 72 DPI as PNG stores them (pixels per metre, rounded back to 71 and 72).
    write(`${d}/${SLOT}/01-low.png`, rechunk(png, ['pHYs'], [phys(Math.round((OK - 1) / 0.0254))]));
    write(`${d}/${SLOT}/02-ok.png`, rechunk(png, ['pHYs'], [phys(Math.round(OK / 0.0254))]));
    write(`${d}/${SLOT}/03-none.png`, rechunk(png, ['pHYs']));
    write(`${d}/${SLOT}/04-zero.png`, rechunk(png, ['pHYs'], [phys(0)]));
    write(`${d}/${SLOT}/05-low.jpg`, jpegWithJfif(await solid(1320, 2868).jpeg().toBuffer(), 30));
    write(`${d}/${SLOT}/06-ok.jpg`, jpegWithJfif(await solid(1320, 2868, '#a05a28').jpeg().toBuffer(), OK));
    expect(await lint(d, ['out'])).toEqual([
      `warning appstore.dpi ${SLOT}/01-low.png: ${SLOT}/01-low.png declares ${OK - 1} DPI; App Store Connect asks for at least ${OK} DPI. Set the density to 72 or remove it`,
      `warning appstore.dpi ${SLOT}/05-low.jpg: ${SLOT}/05-low.jpg declares 30 DPI; App Store Connect asks for at least ${OK} DPI. Set the density to 72 or remove it`,
    ]);
  });
});

describe('appstore.size: the exact pixel sizes of the slot', () => {
  it('a JPEG or PNG of another display type names the slot App Store Connect would file it in; an unknown size does not', async () => {
    const d = temp();
    await writeImage(`${d}/${SLOT}/01-ipad.jpg`, { width: 2064, height: 2752, format: 'jpeg' });
    await writeImage(`${d}/${SLOT}/02-odd.png`, { width: 1000, height: 2000 });
    const accepts =
      'not a size appstore.iphone_6_9 (iPhone 6.9" (Dynamic Island, large)) accepts: 1320x2868, 1290x2796, 1260x2736, 2868x1320, 2796x1290, 2736x1260';
    expect(await lint(d, ['out'])).toEqual([
      `error appstore.size ${SLOT}/01-ipad.jpg: ${SLOT}/01-ipad.jpg is 2064x2752, ${accepts}; it is a iPad 13" (APP_IPAD_PRO_3GEN_129) size, so App Store Connect files it in that slot instead`,
      `error appstore.size ${SLOT}/02-odd.png: ${SLOT}/02-odd.png is 1000x2000, ${accepts}`,
    ]);
  });

  it('a loose file no display takes says so, with the nearest size only when one is within about 1%', async () => {
    const d = temp();
    await writeImage(`${d}/far.png`, { width: 1000, height: 1000 });
    await writeImage(`${d}/near.jpg`, { width: 1320, height: 2870, format: 'jpeg' });
    expect(await lint(d, ['far.png', 'near.jpg'], 'appstore')).toEqual([
      'error appstore.size far.png: far.png is 1000x1000, which App Store Connect accepts for no display (deliver: "Invalid screen size")',
      'error appstore.size near.jpg: near.jpg is 1320x2870, which App Store Connect accepts for no display (deliver: "Invalid screen size"); the nearest accepted size is 1320x2868 (iPhone 6.9" (Dynamic Island, large) (APP_IPHONE_67))',
    ]);
  });

  it('"about 1%" is 1% of the long side, that 1% included: 762x1000 is 10 px from 768x1004', async () => {
    const d = temp();
    await writeImage(`${d}/edge.png`, { width: 762, height: 1000 });
    await writeImage(`${d}/over.png`, { width: 761, height: 1000 });
    expect(await lint(d, ['edge.png', 'over.png'], 'appstore')).toEqual([
      'error appstore.size edge.png: edge.png is 762x1000, which App Store Connect accepts for no display (deliver: "Invalid screen size"); the nearest accepted size is 768x1004 (APP_IPAD_97)',
      'error appstore.size over.png: over.png is 761x1000, which App Store Connect accepts for no display (deliver: "Invalid screen size")',
    ]);
  });

  it('the nearest size names the slot deliver files that size in, and of two equally near sizes the one deliver lists first', async () => {
    const d = temp();
    // 2048x2732 is listed for the 12.9" 2nd generation and the 13"; deliver files it as the 13".
    await writeImage(`${d}/ipad.png`, { width: 2049, height: 2732 });
    // 768x1014 is 10 px from 768x1004 and from 768x1024.
    await writeImage(`${d}/tie.png`, { width: 768, height: 1014 });
    expect(await lint(d, ['ipad.png', 'tie.png'], 'appstore')).toEqual([
      'error appstore.size ipad.png: ipad.png is 2049x2732, which App Store Connect accepts for no display (deliver: "Invalid screen size"); the nearest accepted size is 2048x2732 (iPad 13" (APP_IPAD_PRO_3GEN_129))',
      'error appstore.size tie.png: tie.png is 768x1014, which App Store Connect accepts for no display (deliver: "Invalid screen size"); the nearest accepted size is 768x1004 (APP_IPAD_97)',
    ]);
  });
});

describe('appstore.deliver-slot: deliver files the image by its path and size, not by our folder', () => {
  it('names why: "app_ipad_pro_129" in the path sends a 2048x2732 image in the iPad 13" folder to the 12.9" 2nd generation', async () => {
    const d = temp();
    await writeImage(`${d}/out/en-US/appstore.ipad_13/01-app_ipad_pro_129.png`, { width: 2048, height: 2732 });
    expect(await lint(d, ['out'])).toEqual([
      'warning appstore.deliver-slot out/en-US/appstore.ipad_13/01-app_ipad_pro_129.png: out/en-US/appstore.ipad_13/01-app_ipad_pro_129.png: deliver will upload this 2048x2732 image as APP_IPAD_PRO_129, not iPad 13", because its path contains "app_ipad_pro_129" (or "12.9" and "2nd generation"); rename the file or folder',
    ]);
  });
});
