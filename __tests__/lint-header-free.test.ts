// Lint's reader gives back the pixel data it inflates to check a PNG (8-17 MB for a store-sized
// image) as soon as it has checked its length, not at the next garbage collection (lint/header.ts
// verifyPngData, util/free.ts freeNow): a render thread checks every image it encodes. Seen from
// outside: node's zlib is wrapped (the real inflateSync, its result passed through untouched) so the
// test holds the buffer the reader inflated, and that buffer's ArrayBuffer is detached by the time
// readImageFacts returns. The bytes the caller passed, and small buffers that may share Node's
// pool with other data, are never detached.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type * as Zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readImageFacts } from '../src/lint/header.js';
import { loadProject } from '../src/project.js';
import { renderSetBatch, type SetImage } from '../src/render/batch.js';
import { sha256 } from '../src/util/hash.js';
import { ROOT, smallProject, type SmallProject } from './helpers/small-project.js';

/** What the reader's pixel-data inflates returned (the calls with an output limit: verifyPngData's). */
const inflated: Buffer[] = [];

vi.mock('node:zlib', async (importOriginal) => {
  const real = await importOriginal<typeof Zlib>();
  const inflateSync = (data: Zlib.InputType, opts?: Zlib.ZlibOptions): Buffer => {
    const out = real.inflateSync(data, opts);
    if (opts?.maxOutputLength !== undefined) inflated.push(out);
    return out;
  };
  return { ...real, default: { ...real, inflateSync }, inflateSync };
});

beforeEach(() => {
  inflated.length = 0;
});

const detached = (b: Buffer) => (b.buffer as ArrayBuffer & { detached: boolean }).detached;

const png = (width: number, height: number, opts: { channels?: 3 | 4; interlace?: boolean } = {}) =>
  sharp({ create: { width, height, channels: opts.channels ?? 3, background: { r: 10, g: 20, b: 30 } } })
    .png({ progressive: opts.interlace ?? false })
    .toBuffer();

describe("lint's reader frees the pixel data it inflated", () => {
  it('detaches the inflated bytes of a 1320x2868 PNG before returning, and leaves the caller its bytes', () => {
    // A file read as lint reads it: 108 KB, in an ArrayBuffer of its own (one that could be detached).
    const buf = readFileSync(path.join(ROOT, 'examples/habitual/shots/en-US/iphone/home.png'));
    expect(buf.buffer.byteLength).toBe(buf.length);
    const hash = sha256(buf);
    const facts = readImageFacts(buf);
    expect(facts).toMatchObject({ format: 'png', width: 1320, height: 2868 });
    expect(inflated.length).toBe(1);
    expect(detached(inflated[0]!)).toBe(true);
    expect(inflated[0]!.length).toBe(0);
    // The caller's buffer is untouched: still readable, same bytes, readable again.
    expect(detached(buf)).toBe(false);
    expect(sha256(buf)).toBe(hash);
    expect(readImageFacts(buf)).toEqual(facts);
  });

  it('detaches them for an RGBA, an interlaced and a 2064x2752 PNG too', async () => {
    for (const b of [
      await png(1290, 2796, { channels: 4 }),
      await png(1242, 2688, { interlace: true }),
      await png(2064, 2752),
    ]) {
      inflated.length = 0;
      readImageFacts(b);
      expect(inflated.length).toBe(1);
      expect(detached(inflated[0]!)).toBe(true);
    }
  });

  it("never detaches a small image's inflated bytes, a slice of Node's shared pool", async () => {
    // 20x20 RGB: 20 rows of 61 bytes; zlib allocates an output this small from the pool. freeNow
    // skips ArrayBuffers no larger than the pool, and Node 24 marks its pool undetachable besides
    // (so removing freeNow's check alone does not make this fail: it pins the outcome).
    const neighbour = Buffer.from('a neighbour in the pool');
    const facts = readImageFacts(await png(20, 20));
    expect(facts).toMatchObject({ width: 20, height: 20 });
    expect(inflated.length).toBe(1);
    expect(detached(inflated[0]!)).toBe(false);
    expect(inflated[0]!.length).toBe(20 * 61);
    expect(neighbour.toString()).toBe('a neighbour in the pool');
  });
});

describe('a render thread', () => {
  let project: SmallProject;
  beforeAll(() => {
    project = smallProject();
  });
  afterAll(() => rmSync(project.dir, { recursive: true, force: true }));

  it('has given back the inflated bytes of every image it encoded and checked when the batch ends', async () => {
    const { plan } = loadProject({ config: project.manifest, cwd: project.dir });
    const set = plan.all.filter((j) => j.set === 'en-US/play.phone');
    inflated.length = 0;
    const images: SetImage[] = [];
    await renderSetBatch({ set, jobs: set }, { onImage: (i) => void images.push(i) });
    expect(images.length).toBe(3);
    // One check per image (540x960), each freed.
    expect(inflated.length).toBe(3);
    for (const b of inflated) expect(detached(b)).toBe(true);
    for (const i of images) expect(i.record.width).toBe(540);
  }, 120_000);
});
