// Bad input gets a clear error naming the file, and leaves no partial output behind.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { ROOT } from './fixtures/render/jobs.js';
import { pngChunk as chunk } from './helpers/png.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const GOOD = path.join(ROOT, 'examples/habitual/shots/en-US/android-phone/home.png');

/** A valid PNG header claiming width x height, with one tiny compressed row: a decompression bomb's shape. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-slide project in a temp folder; `shot` is written as its screenshot. */
function project(shot: Buffer | undefined, extra = ''): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-bad-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'shots'));
  if (shot) writeFileSync(path.join(dir, 'shots/home.png'), shot);
  writeFileSync(
    path.join(dir, 'screenshots.yml'),
    `version: 1\nlocales: [en-US]\npresets: [play.phone]\nscreenshots: shots/{slide}.png\nslides:\n  - id: home\n    headline: Track every habit\n${extra}`,
  );
  return dir;
}

function outputFiles(dir: string): string[] {
  const out = path.join(dir, 'storeshots-out');
  return existsSync(out)
    ? (readdirSync(out, { recursive: true }) as string[]).filter((f) => /\.(png|jpg|tmp)$/.test(f))
    : [];
}

describe('bad input', () => {
  it('renders the good case (the baseline the other cases break)', async () => {
    const dir = project(readFileSync(GOOD));
    // One slide is below Play's minimum count: lint says so, which is not this test's business.
    const r = await runCli(['render', '--fail-on', 'never'], dir);
    expect(r.stderr).not.toMatch(/storeshots:/);
    expect(r.code).toBe(0);
    expect(outputFiles(dir)).toEqual([path.join('en-US', 'play.phone', '01-home.png')]);
  });

  it('refuses a corrupt PNG, naming it', async () => {
    const dir = project(
      Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), Buffer.from('definitely not a PNG body')]),
    );
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(path.join(dir, 'shots/home.png'));
    expect(outputFiles(dir)).toEqual([]);
  });

  it('refuses a truncated PNG, naming it', async () => {
    const good = readFileSync(GOOD);
    const dir = project(good.subarray(0, Math.floor(good.length / 2)));
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/corrupt or truncated/);
    expect(r.stderr).toContain('shots/home.png');
    expect(outputFiles(dir)).toEqual([]);
  });

  it('refuses a 20000x20000 image from its header, before decoding', async () => {
    const dir = project(pngHeaderOnly(20000, 20000));
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/20000x20000 \(400 MP\)/);
    expect(r.stderr).toContain('shots/home.png');
    expect(outputFiles(dir)).toEqual([]);
  });

  it('refuses a screenshot whose aspect is far from the device screen', async () => {
    const dir = project(pngHeaderOnly(2400, 1080));
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/is 2400x1080 \(aspect 2\.22\) but the android-phone screen/);
    expect(outputFiles(dir)).toEqual([]);
  });

  it('reports a missing font file named in the style before rendering, at its line (exit 2)', async () => {
    const dir = project(readFileSync(GOOD), 'style:\n  headline: { font: fonts/Missing-Bold.ttf }\n');
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'screenshots.yml:9:21: error: Font file not found: fonts/Missing-Bold.ttf (style.headline.font)',
    );
    expect(outputFiles(dir)).toEqual([]);
  });

  it('reports a missing font file listed in fonts: before rendering (exit 2)', async () => {
    const dir = project(readFileSync(GOOD), 'fonts: [fonts/Nope.otf]\n');
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Font file not found: fonts\/Nope\.otf/);
  });

  it('reports an unknown theme with the built-in list', async () => {
    const dir = project(readFileSync(GOOD), 'theme: auroa\n');
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown theme "auroa" \(did you mean "aurora"\?\)/);
    expect(r.stderr).toMatch(/midnight/);
  });

  it('refuses a theme file whose style breaks the schema', async () => {
    const dir = project(readFileSync(GOOD), 'theme: ./bad-theme.json\n');
    writeFileSync(
      path.join(dir, 'bad-theme.json'),
      JSON.stringify({ style: { headline: { weight: 1200 }, sparkle: true } }),
    );
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/style\.headline\.weight must be <= 900/);
    expect(r.stderr).toMatch(/sparkle/);
  });

  it('refuses a frame PNG without a transparent screen', async () => {
    const dir = project(readFileSync(GOOD), 'style:\n  device: { frame: solid.png }\n');
    copyFileSync(GOOD, path.join(dir, 'solid.png'));
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/solid\.png has no transparent screen area/);
  });
});
