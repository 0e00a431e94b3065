// The image comparison under `storeshots diff`, on pictures drawn in memory: pixel-identical
// images (a re-encode) score 0, noise (anti-aliasing, a one-level colour shift, a few stray
// pixels under the threshold) counts as unchanged and is listed as such, a changed area is
// scored by its exact pixel count, boxed where it is, painted red in the diff image, and shown
// side by side. Sets are matched by (locale, preset, slide), whatever their paths.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import pixelmatch from 'pixelmatch';
import { compareRaw, PIXEL_THRESHOLD, type Raw } from '../src/diff/compare.js';
import {
  DEFAULT_THRESHOLD,
  diffSets,
  diffVerdict,
  formatShare,
  hasChanges,
  parseThreshold,
} from '../src/diff/index.js';
import { clone, disc, fillRect, picture, png, readJson, writeSet } from './helpers/diff-sets.js';
import { runCli } from './helpers/cli.js';
import type { DiffResult } from '../src/diff/types.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'storeshots-diff-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const dir = (name: string) => path.join(tmp, `${n++}-${name}`);

const W = 400;
const H = 600;
const decodePng = async (file: string): Promise<Raw> => {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

/** A base and a head set of one image each (plus an untouched second slide), diffed. */
async function diffOne(before: Buffer, after: Buffer, opts: { threshold?: number; out?: boolean } = {}) {
  const same = await png(picture(W, H, 7));
  const base = dir('base');
  const head = dir('head');
  await writeSet(base, [
    { locale: 'en-US', preset: 'play.phone', slide: 'home', bytes: before },
    { locale: 'en-US', preset: 'play.phone', slide: 'stats', bytes: same },
  ]);
  await writeSet(head, [
    { locale: 'en-US', preset: 'play.phone', slide: 'home', bytes: after },
    { locale: 'en-US', preset: 'play.phone', slide: 'stats', bytes: same },
  ]);
  const out = opts.out ? dir('out') : undefined;
  const r = await diffSets(base, head, { threshold: opts.threshold, outDir: out });
  return { r, base, head, out };
}

describe('comparing two pictures', () => {
  it('scores pixel-identical images 0 with no region', () => {
    const a = picture(W, H);
    const c = compareRaw(a, clone(a));
    expect(c).toMatchObject({ pixels: 0, score: 0, regions: [], width: W, height: H });
  });

  it('scores a changed rectangle by its exact pixel count and boxes it', () => {
    const a = picture(W, H);
    const b = fillRect(clone(a), 100, 50, 80, 30, [255, 255, 255]);
    const c = compareRaw(a, b);
    expect(c.pixels).toBe(80 * 30);
    expect(c.score).toBeCloseTo((80 * 30) / (W * H), 12);
    expect(c.regions).toHaveLength(1);
    const [box] = c.regions;
    // The box frames the rectangle with at most two cells (8 px here) to spare on each side.
    expect(box!.x).toBeLessThanOrEqual(100);
    expect(box!.y).toBeLessThanOrEqual(50);
    expect(box!.x + box!.width).toBeGreaterThanOrEqual(180);
    expect(box!.y + box!.height).toBeGreaterThanOrEqual(80);
    expect(box!.x).toBeGreaterThanOrEqual(100 - 16);
    expect(box!.x + box!.width).toBeLessThanOrEqual(180 + 16);
  });

  it('gives far-apart changes a box each, in reading order', () => {
    const a = picture(W, H);
    const b = fillRect(fillRect(clone(a), 300, 500, 20, 20, [0, 0, 0]), 20, 20, 10, 10, [255, 255, 255]);
    const c = compareRaw(a, b);
    expect(c.pixels).toBe(20 * 20 + 10 * 10);
    expect(c.regions).toHaveLength(2);
    expect(c.regions[0]!.y).toBeLessThan(c.regions[1]!.y);
  });

  it('leaves anti-aliasing out: a disc moved by a third of a pixel scores a stray pixel at most, far below the threshold', () => {
    const a = disc(picture(W, H), 200.0, 300.0, 60);
    const b = disc(picture(W, H), 200.33, 300.0, 60);
    // Counting anti-aliased pixels too, the moved edge is dozens of pixels.
    const withAA = pixelmatch(a.data, b.data, undefined, W, H, { threshold: PIXEL_THRESHOLD, includeAA: true });
    expect(withAA).toBeGreaterThan(20);
    const c = compareRaw(a, b);
    expect(c.pixels).toBeLessThanOrEqual(2);
    expect(c.score).toBeLessThanOrEqual(DEFAULT_THRESHOLD);
  });

  it('leaves imperceptible colour shifts out (one level on every pixel)', () => {
    const a = picture(W, H);
    const b = clone(a);
    for (let i = 0; i < b.data.length; i += 4) b.data[i] = Math.min(255, b.data[i]! + 1);
    expect(compareRaw(a, b).pixels).toBe(0);
  });

  it('compares images of different sizes on the larger canvas, everything outside the smaller one changed', () => {
    const a = picture(W, H);
    // Ten more rows, white: what the transparent padding of the smaller image compares as.
    const b = fillRect(picture(W, H + 10), 0, H, W, 10, [255, 255, 255]);
    b.data.set(a.data);
    const c = compareRaw(a, b);
    expect([c.width, c.height]).toEqual([W, H + 10]);
    expect(c.pixels).toBe(W * 10);
    expect(c.regions).toHaveLength(1);
    expect(c.regions[0]).toMatchObject({ x: 0, width: W });
    expect(c.regions[0]!.y).toBeLessThanOrEqual(H);
    expect(c.regions[0]!.y + c.regions[0]!.height).toBe(H + 10);
  });
});

describe('diffSets', () => {
  it('counts a re-encode (other bytes, same pixels) as unchanged and lists it with score 0', async () => {
    const pic = picture(W, H);
    const [a, b] = [await png(pic, 9), await png(pic, 1, true)];
    expect(a.equals(b)).toBe(false);
    const { r } = await diffOne(a, b);
    expect(r).toMatchObject({ changed: [], added: [], removed: [], unchanged: 2 });
    expect(r.belowThreshold).toHaveLength(1);
    expect(r.belowThreshold[0]).toMatchObject({ slide: 'home', score: 0, pixels: 0 });
    expect(hasChanges(r)).toBe(false);
    expect(diffVerdict(r)).toBe(
      '0 changed · 0 added · 0 removed · 2 unchanged (1 of them differ only below the threshold)',
    );
  });

  it('counts a few stray pixels as unchanged at or below the threshold and as changed above it', async () => {
    const a = picture(W, H);
    const b = clone(a);
    for (const [x, y] of [
      [10, 10],
      [200, 300],
      [390, 590],
    ] as const)
      fillRect(b, x, y, 1, 1, [0, 255, 0]);
    const score = 3 / (W * H);
    const below = await diffOne(await png(a), await png(b), { threshold: score });
    expect(below.r.changed).toEqual([]);
    expect(below.r.belowThreshold[0]).toMatchObject({ pixels: 3 });
    expect(below.r.belowThreshold[0]!.score).toBeCloseTo(score, 12);
    const above = await diffOne(await png(a), await png(b), { threshold: score * 0.99 });
    expect(above.r.changed.map((e) => e.pixels)).toEqual([3]);
    expect(above.r.belowThreshold).toEqual([]);
  });

  it('the default threshold keeps one changed 8x8 block (64 px, less than a letter) a change', async () => {
    expect(64 / (W * H)).toBeGreaterThan(DEFAULT_THRESHOLD);
    const a = picture(W, H);
    const { r } = await diffOne(await png(a), await png(fillRect(clone(a), 10, 10, 8, 8, [255, 255, 255])));
    expect(r.changed).toHaveLength(1);
  });

  it('writes a diff image with the changed pixels red inside the box, a side-by-side and the before/after copies', async () => {
    const a = picture(W, H);
    const b = fillRect(clone(a), 100, 50, 80, 30, [255, 255, 255]);
    const { r, out } = await diffOne(await png(a), await png(b), { out: true });
    expect(r.changed).toHaveLength(1);
    const e = r.changed[0]!;
    expect(e).toMatchObject({
      locale: 'en-US',
      preset: 'play.phone',
      slide: 'home',
      path: 'en-US/play.phone/01-home.png',
      pixels: 2400,
      width: W,
      height: H,
    });
    expect(e.basePath).toBeUndefined();
    expect(r.unchanged).toBe(1);

    const diff = await decodePng(path.join(out!, e.diff!));
    expect([diff.width, diff.height]).toEqual([W, H]);
    let redInside = 0;
    let redOutside = 0;
    const box = e.regions[0]!;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = (y * W + x) * 4;
        if (diff.data[i] === 255 && diff.data[i + 1] === 0 && diff.data[i + 2] === 0) {
          if (x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height) redInside++;
          else redOutside++;
        }
      }
    }
    expect(redInside).toBe(2400);
    expect(redOutside).toBe(0);

    const side = await sharp(path.join(out!, e.sideBySide!)).metadata();
    expect(side.width).toBeGreaterThan(2 * W);
    expect(side.height).toBe(H);
    expect(readFileSync(path.join(out!, e.before!)).equals(await png(a))).toBe(true);
    expect(readFileSync(path.join(out!, e.after!)).equals(await png(b))).toBe(true);
    expect(readJson<DiffResult>(path.join(out!, 'diff.json'))).toEqual(JSON.parse(JSON.stringify(r)));
    expect(readFileSync(path.join(out!, 'diff.html'), 'utf8')).toContain(
      '1 changed · 0 added · 0 removed · 1 unchanged',
    );
  });

  it('matches images by (locale, preset, slide), not by path: another layout and order still line up', async () => {
    const home = await png(picture(W, H, 1));
    const stats = await png(picture(W, H, 2));
    const photo = await png(picture(W, H, 3));
    const base = dir('flat');
    const head = dir('fastlane');
    await writeSet(base, [
      { locale: 'de-DE', preset: 'appstore.iphone_6_9', slide: 'home', bytes: home },
      { locale: 'de-DE', preset: 'appstore.iphone_6_9', slide: 'stats', bytes: stats },
      { locale: 'de-DE', preset: 'appstore.iphone_6_9', slide: 'gone', bytes: photo },
    ]);
    const changedStats = await png(fillRect(picture(W, H, 2), 0, 0, 50, 50, [0, 0, 0]));
    await writeSet(head, [
      {
        locale: 'de-DE',
        preset: 'appstore.iphone_6_9',
        slide: 'stats',
        index: 1,
        path: 'fastlane/screenshots/de-DE/01_appstore.iphone_6_9_stats.png',
        bytes: changedStats,
      },
      {
        locale: 'de-DE',
        preset: 'appstore.iphone_6_9',
        slide: 'home',
        index: 2,
        path: 'fastlane/screenshots/de-DE/02_appstore.iphone_6_9_home.png',
        bytes: home,
      },
      {
        locale: 'de-DE',
        preset: 'appstore.iphone_6_9',
        slide: 'new',
        index: 3,
        path: 'fastlane/screenshots/de-DE/03_appstore.iphone_6_9_new.png',
        bytes: photo,
      },
    ]);
    const r = await diffSets(base, head);
    expect(r.unchanged).toBe(1);
    expect(r.changed.map((e) => [e.slide, e.path, e.basePath, e.pixels])).toEqual([
      [
        'stats',
        'fastlane/screenshots/de-DE/01_appstore.iphone_6_9_stats.png',
        'de-DE/appstore.iphone_6_9/02-stats.png',
        2500,
      ],
    ]);
    expect(r.added.map((e) => [e.slide, e.path, e.width, e.height])).toEqual([
      ['new', 'fastlane/screenshots/de-DE/03_appstore.iphone_6_9_new.png', W, H],
    ]);
    expect(r.removed.map((e) => [e.slide, e.path])).toEqual([['gone', 'de-DE/appstore.iphone_6_9/03-gone.png']]);
    expect(diffVerdict(r)).toBe('1 changed · 1 added · 1 removed · 1 unchanged');
  });
});

describe('storeshots diff (CLI)', () => {
  it('exits 1 on a change and prints the changed image, 0 and "counted as unchanged" on noise only', async () => {
    const a = picture(W, H);
    const changed = await diffOne(await png(a), await png(fillRect(clone(a), 0, 0, 48, 50, [0, 0, 0])));
    const r1 = await runCli(['diff', changed.base, changed.head]);
    expect(r1.code, r1.stderr).toBe(1);
    expect(r1.stdout).toContain('changed  en-US/play.phone/01-home.png  1% of pixels (2400 px, 1 area(s))');
    expect(r1.stdout).toContain('1 changed · 0 added · 0 removed · 1 unchanged\n');

    const noisy = disc(picture(W, H), 200.33, 300, 60);
    const noise = await diffOne(await png(disc(picture(W, H), 200, 300, 60)), await png(noisy));
    const r0 = await runCli(['diff', noise.base, noise.head]);
    expect(r0.code, r0.stderr).toBe(0);
    expect(r0.stdout).toMatch(
      /same {5}en-US\/play\.phone\/01-home\.png {2}bytes differ, pixels by [\d.]+% \([12] px\): at or below --threshold 0\.001%, counted as unchanged/,
    );
    expect(r0.stdout).toContain(
      '0 changed · 0 added · 0 removed · 2 unchanged (1 of them differ only below the threshold)',
    );
  });

  it('--json prints { changed, added, removed, unchanged } with the diff image paths under --out', async () => {
    const a = picture(W, H);
    const { base, head } = await diffOne(await png(a), await png(fillRect(clone(a), 0, 0, 48, 50, [0, 0, 0])));
    const out = dir('json-out');
    const r = await runCli(['diff', base, head, '--json', '--out', out, '--threshold', '0.5%']);
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout) as DiffResult;
    expect(Object.keys(json)).toEqual(['changed', 'added', 'removed', 'unchanged', 'belowThreshold', 'threshold']);
    expect(json.threshold).toBe(0.005);
    expect(json.changed[0]).toMatchObject({
      locale: 'en-US',
      preset: 'play.phone',
      slide: 'home',
      path: 'en-US/play.phone/01-home.png',
      score: 0.01,
    });
    for (const k of ['before', 'after', 'diff', 'sideBySide'] as const)
      expect(readFileSync(path.join(out, json.changed[0]![k]!)).length).toBeGreaterThan(100);
    // A threshold above the change makes it unchanged.
    const r2 = await runCli(['diff', base, head, '--json', '--threshold', '0.02']);
    expect(r2.code).toBe(0);
    expect(JSON.parse(r2.stdout)).toMatchObject({ changed: [], unchanged: 2, belowThreshold: [{ pixels: 2400 }] });
  });

  it('exits 1 when an image was only added or only removed', async () => {
    const a = await png(picture(W, H, 1));
    const b = await png(picture(W, H, 2));
    const one = dir('one');
    const two = dir('two');
    await writeSet(one, [{ locale: 'en-US', preset: 'play.phone', slide: 'home', bytes: a }]);
    await writeSet(two, [
      { locale: 'en-US', preset: 'play.phone', slide: 'home', bytes: a },
      { locale: 'en-US', preset: 'play.phone', slide: 'stats', bytes: b },
    ]);
    const added = await runCli(['diff', one, two]);
    expect(added.code, added.stderr).toBe(1);
    expect(added.stdout).toBe(
      'added    en-US/play.phone/02-stats.png\n0 changed · 1 added · 0 removed · 1 unchanged\n',
    );
    const removed = await runCli(['diff', two, one]);
    expect(removed.code, removed.stderr).toBe(1);
    expect(removed.stdout).toBe(
      'removed  en-US/play.phone/02-stats.png\n0 changed · 0 added · 1 removed · 1 unchanged\n',
    );
  });

  it('lists at most 20 byte-only differences and counts the rest', async () => {
    const base = dir('many-a');
    const head = dir('many-b');
    const specs = Array.from({ length: 23 }, (_, k) => ({
      locale: 'en-US',
      preset: 'play.phone',
      slide: `s${k}`,
      pic: picture(20, 30, k),
    }));
    await writeSet(base, await Promise.all(specs.map(async (x) => ({ ...x, bytes: await png(x.pic, 9) }))));
    await writeSet(head, await Promise.all(specs.map(async (x) => ({ ...x, bytes: await png(x.pic, 1, true) }))));
    const r = await runCli(['diff', base, head]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('same     en-US/'))).toHaveLength(20);
    expect(r.stdout).toContain(
      'same     … and 3 more image(s) whose bytes differ at or below --threshold 0.001% (--json lists them)\n',
    );
    expect(r.stdout).toContain(
      '0 changed · 0 added · 0 removed · 23 unchanged (23 of them differ only below the threshold)',
    );
  });

  it('writes scores as percentages people read', () => {
    expect([0, 0.00001, 0.0054, 0.0113, 0.5, 1].map(formatShare)).toEqual([
      '0%',
      '0.001%',
      '0.54%',
      '1.1%',
      '50%',
      '100%',
    ]);
  });

  it('parses --threshold as a share or a percentage and refuses anything else with exit 2', async () => {
    expect(parseThreshold('0.001')).toBe(0.001);
    expect(parseThreshold('0.1%')).toBeCloseTo(0.001, 12);
    expect(parseThreshold('0')).toBe(0);
    for (const bad of ['abc', '2', '-0.1', '150%', ''])
      expect(() => parseThreshold(bad), bad).toThrow(
        /Expected a share of pixels from 0 to 1 .* for --threshold but received/,
      );
    const r = await runCli(['diff', tmp, tmp, '--threshold', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--threshold but received "lots"');
  });
});
