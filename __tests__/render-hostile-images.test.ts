// The hostile images of issue #13 (items 5, 7, 8, 9, 10), each with the message it must get:
// through validate (exit 2, positioned), the renderer's own input check, and lint.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import pixelmatch from 'pixelmatch';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../src/project.js';
import { renderPlan } from '../src/render/index.js';
import { probeImage } from '../src/render/images.js';
import { backgroundFile } from '../src/render/background.js';
import { FRAME_COLORS } from '../src/render/devices.js';
import { FRAME_FINISHES } from '../src/manifest/formats.js';
import { exampleJob } from './fixtures/render/jobs.js';
import { RenderError } from '../src/util/errors.js';
import { ROOT, runCli } from './helpers/cli.js';
import { smallProject } from './helpers/small-project.js';
import { pngChunk as chunk } from './helpers/png.js';

const GOOD = path.join(ROOT, 'examples/habitual/shots/en-US/android-phone/home.png');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'ss-hostile-img-'));
  dirs.push(d);
  return d;
}

/** A one-slide Play project (540x960, so renders are quick) whose screenshot is `shot`. */
function project(shot: Buffer | undefined, name = 'home.png'): string {
  const dir = tmp();
  mkdirSync(path.join(dir, 'shots'));
  if (shot) writeFileSync(path.join(dir, 'shots', name), shot);
  writeFileSync(
    path.join(dir, 'screenshots.yml'),
    `version: 1\nlocales: [en-US]\npresets: [{ id: play.phone, size: 540x960 }]\nscreenshots: shots/{slide}.${name.split('.').pop()}\nslides:\n  - id: home\n    headline: Track every habit\n`,
  );
  return dir;
}

/** A PNG with a valid signature and IHDR (RGB, 1080x1920) whose IDAT holds `idat`. */
function pngWithData(idat: Buffer, width = 1080, height = 1920): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// An iPhone HEIC's first box (ftyp, brand heic) and some bytes: sharp's prebuilt libheif cannot
// encode HEVC, and the sniffing reads only the header anyway.
const HEIC = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypheic', 'latin1'),
  Buffer.alloc(4),
  Buffer.from('mif1heic', 'latin1'),
  Buffer.alloc(2048, 7),
]);
const SVG = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="2400"><image href="file:///etc/passwd"/></svg>\n',
);

const formats: Record<string, Buffer> = {};
beforeAll(async () => {
  const small = sharp(GOOD).resize(108, 240);
  formats.WebP = await small.clone().webp().toBuffer();
  formats.AVIF = await small.clone().avif({ effort: 0 }).toBuffer();
  formats.GIF = await small.clone().gif().toBuffer();
  formats.TIFF = await small.clone().tiff().toBuffer();
  formats.SVG = SVG;
  formats['HEIC/HEIF'] = HEIC;
});

describe('#13 item 10: other formats renamed .png are named for what they are and refused', () => {
  for (const [name, article] of [
    ['WebP', 'a'],
    ['AVIF', 'an'],
    ['GIF', 'a'],
    ['TIFF', 'a'],
    ['SVG', 'an'],
    ['HEIC/HEIF', 'a'],
  ] as const) {
    it(`a ${name} named .png: validate says so at the slide (exit 2), and so does the renderer`, async () => {
      const dir = project(formats[name]);
      const r = await runCli(['validate'], dir);
      expect(r.code, r.stderr).toBe(2);
      const why = `is really ${article} ${name} image named .png; screenshots, backgrounds and frames must be PNG or JPEG`;
      expect(r.stderr).toContain(
        `screenshots.yml:6:5: error: Screenshot for en-US/play.phone/home shots/home.png ${why}`,
      );
      expect(r.stderr).not.toMatch(/bad seek|\n\s+at /);
      // The renderer (used by the render service too) checks the bytes itself.
      const err = await probeImage(path.join(dir, 'shots/home.png'), 'screenshot').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RenderError);
      expect((err as Error).message).toContain(why);
    });
  }

  it('a HEIC says how to fix it (it said "bad seek to 1024")', async () => {
    const r = await runCli(['validate'], project(HEIC));
    expect(r.stderr).toMatch(/HEIC\/HEIF image named \.png; .*\(an iPhone photo: export it as PNG or JPEG/);
  });

  it('a JPEG named .png is a JPEG: taken (the stores take both)', async () => {
    const r = await runCli(['validate'], project(await sharp(GOOD).jpeg().toBuffer()));
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('#13 item 7: the renderer opens only plain files', () => {
  it('a FIFO, a folder and a symlink to /dev/zero are named as what they are, without blocking', async () => {
    const dir = tmp();
    execFileSync('mkfifo', [path.join(dir, 'fifo.png')]);
    mkdirSync(path.join(dir, 'folder.png'));
    symlinkSync('/dev/zero', path.join(dir, 'zero.png'));
    const msg = async (f: string) =>
      ((await probeImage(path.join(dir, f), 'screenshot').catch((e: unknown) => e)) as Error).message;
    expect(await msg('fifo.png')).toBe(`screenshot ${path.join(dir, 'fifo.png')} is a named pipe (FIFO), not a file`);
    expect(await msg('folder.png')).toBe(`screenshot ${path.join(dir, 'folder.png')} is a folder, not a file`);
    expect(await msg('zero.png')).toBe(`screenshot ${path.join(dir, 'zero.png')} is a symlink to a device, not a file`);
  });
});

describe('#13 item 2: the renderer resolves builtin: only inside templates/ (the render service reaches it without validate)', () => {
  it('builtin:../../../../etc/passwd names nothing; builtin:photo-dusk.jpg is the shipped file', () => {
    const job = exampleJob('en-US/play.phone/home');
    expect(() => backgroundFile(job, 'builtin:../../../../../../etc/passwd')).toThrow(RenderError);
    expect(() => backgroundFile(job, 'builtin:../../../../../../etc/passwd')).toThrow(
      'background image builtin:../../../../../../etc/passwd names no image shipped in templates/',
    );
    expect(backgroundFile(job, 'builtin:photo-dusk.jpg')).toBe(path.join(ROOT, 'templates/photo-dusk.jpg'));
  });

  it('the frame finishes validate accepts are the ones the renderer draws', () => {
    expect([...FRAME_FINISHES].sort()).toEqual(Object.keys(FRAME_COLORS).sort());
  });
});

describe('#13 item 8: EXIF orientation is applied before layout, and lint reports it', () => {
  let sideways: Buffer;
  let upright: Buffer;
  beforeAll(async () => {
    // The same picture twice: stored upright, and stored turned a quarter with Orientation=6 to put it back.
    upright = await sharp(GOOD).resize(540, 1200).jpeg({ quality: 95 }).toBuffer();
    sideways = await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(sideways).metadata()).width).toBe(1200);
  });

  it('the header size is the displayed size', async () => {
    const dir = project(sideways, 'home.jpg');
    expect(await probeImage(path.join(dir, 'shots/home.jpg'), 'screenshot')).toEqual({
      file: path.join(dir, 'shots/home.jpg'),
      width: 540,
      height: 1200,
      orientation: 6,
    });
  });

  it('renders as the upright picture would, with an input.exif-orientation finding', async () => {
    const a = project(sideways, 'home.jpg');
    const b = project(upright, 'home.jpg');
    for (const d of [a, b]) {
      const r = await runCli(['render', '--no-cache', '--jobs', '1', '--fail-on', 'never'], d);
      expect(r.code, r.stderr).toBe(0);
    }
    const out = (d: string) =>
      sharp(path.join(d, 'storeshots-out/en-US/play.phone/01-home.png')).ensureAlpha().raw().toBuffer();
    const [pa, pb] = await Promise.all([out(a), out(b)]);
    const diff = pixelmatch(pa, pb, undefined, 540, 960, { threshold: 0.2 });
    expect(diff / (540 * 960)).toBeLessThan(0.005);
    const report = JSON.parse(readFileSync(path.join(a, 'storeshots-out/report.json'), 'utf8')) as {
      findings: Array<{ rule: string; message: string; severity: string }>;
    };
    expect(report.findings.filter((f) => f.rule === 'input.exif-orientation')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message:
          'en-US/play.phone/01-home.png: its screenshot home.jpg carries EXIF orientation 6; it was turned upright (turn it 90° clockwise) before layout',
      }),
    ]);
    const plain = JSON.parse(readFileSync(path.join(b, 'storeshots-out/report.json'), 'utf8')) as {
      findings: Array<{ rule: string }>;
    };
    expect(plain.findings.filter((f) => f.rule === 'input.exif-orientation')).toEqual([]);
  });

  it('storeshots lint reports a JPEG stored sideways with an orientation tag', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'shot.jpg'), sideways);
    const r = await runCli(['lint', '--store', 'play', '--json', path.join(dir, 'shot.jpg')], dir);
    const findings = JSON.parse(r.stdout).findings as Array<{ rule: string; message: string }>;
    expect(findings.find((f) => f.rule === 'image.exif-orientation')?.message).toBe(
      'shot.jpg is stored 1200x540 with EXIF orientation 6 (turn it 90° clockwise), so it shows as 540x1200; save it with upright pixels and no orientation tag',
    );
  });
});

describe('#13 item 9: lint verifies the PNG pixel stream', () => {
  const lintOne = async (png: Buffer) => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'shot.png'), png);
    const r = await runCli(['lint', '--store', 'play', '--json', path.join(dir, 'shot.png')], dir);
    return { code: r.code, findings: JSON.parse(r.stdout).findings as Array<{ rule: string; message: string }> };
  };

  it('a valid header with non-zlib pixel data is image.unreadable (it had 0 findings)', async () => {
    const r = await lintOne(pngWithData(Buffer.from('this is not a zlib stream at all, just text')));
    expect(r.code).toBe(1);
    expect(r.findings.find((f) => f.rule === 'image.unreadable')?.message).toMatch(
      /^shot\.png: cannot be read as an image: broken PNG: the pixel data is not a valid zlib stream \(.+\); the store cannot decode it$/,
    );
  });

  it('pixel data that ends early, or fails its checksum, is named', async () => {
    const rowBytes = 1 + 1080 * 3;
    const short = await lintOne(pngWithData(deflateSync(Buffer.alloc(rowBytes * 100))));
    expect(short.findings.find((f) => f.rule === 'image.unreadable')?.message).toContain(
      `the pixel data ends after ${rowBytes * 100} of ${rowBytes * 1920} bytes`,
    );
    const z = deflateSync(Buffer.alloc(rowBytes * 1920));
    z[z.length - 1] = z[z.length - 1]! ^ 0xff;
    const bad = await lintOne(pngWithData(z));
    expect(bad.findings.find((f) => f.rule === 'image.unreadable')?.message).toContain('fails its zlib checksum');
  });

  it('a header past the pixel limit is refused without inflating', async () => {
    const r = await lintOne(pngWithData(deflateSync(Buffer.alloc(64)), 10_000, 10_000));
    expect(r.findings.find((f) => f.rule === 'image.unreadable')?.message).toContain(
      '10000x10000 is 100 MP, over the 40 MP this tool decodes',
    );
  });

  it('a whole PNG passes (the example screenshot)', async () => {
    const r = await lintOne(readFileSync(GOOD));
    expect(r.findings.filter((f) => f.rule === 'image.unreadable')).toEqual([]);
  });
});

describe('#13 item 5: a worker failure is a render failure naming the job (exit 3)', () => {
  it('a worker that dies mid-task gives a RenderError naming its job, not a bare pool error', async () => {
    const p = smallProject();
    dirs.push(p.dir);
    const crash = path.join(p.dir, 'crash-worker.mjs');
    writeFileSync(crash, 'export default async function () { process.exit(9); }\n');
    const { plan } = loadProject({ cwd: p.dir });
    const err = await renderPlan(plan, { jobs: 2, workerFile: crash, noCache: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderError);
    expect((err as Error).message).toMatch(
      // A batch is a set's jobs (render/index.ts batchesOf): the others of the batch are counted.
      /^rendering (en-US|de-DE)\/play\.phone\/(home|stats|photo) \(and 2 more job\(s\) of its batch\) failed: the render worker stopped: .*code: 9/,
    );
    expect(existsSync(path.join(p.dir, 'out'))).toBe(false);
  });
});
