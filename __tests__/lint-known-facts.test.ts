// Lint's facts read once (issue #19): the render thread reads lint's facts of the bytes it encoded,
// the render cache keeps them with the entry, and lint uses them only for bytes on disk with their
// SHA-256. An image whose bytes changed after it was rendered or cached (same size, other bytes) is
// read afresh and caught; unchanged bytes are not inflated again.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readImageFacts, UnreadableImageError } from '../src/lint/header.js';
import { runPipeline, type PipelineOptions } from '../src/pipeline.js';
import type { CacheMeta } from '../src/render/cache.js';
import type { RenderedImage } from '../src/render/types.js';
import type { Report } from '../src/report/types.js';
import { privateWorker, smallProject, type SmallProject } from './helpers/small-project.js';

let p: SmallProject;
let cacheDir: string;
let workerFile: string;

async function run(o: Partial<PipelineOptions> = {}) {
  const r = await runPipeline({ cwd: p.dir, cacheDir, workerFile, jobs: 2, ...o });
  return { ...r, report: JSON.parse(readFileSync(r.reportFile, 'utf8')) as Report };
}

/** The same number of bytes, one of them changed in the middle of the PNG's pixel data. */
function flipMiddle(file: string): void {
  const bytes = readFileSync(file);
  bytes[bytes.length >> 1] = 255 - bytes[bytes.length >> 1]!;
  writeFileSync(file, bytes);
}

const metaFiles = () =>
  (readdirSync(path.join(cacheDir, 'v1'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(cacheDir, 'v1', f));

const TARGET = 'en-US/play.phone/02-stats.png';
let cold: Awaited<ReturnType<typeof run>>;

beforeAll(async () => {
  p = smallProject();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'storeshots-known-facts-'));
  workerFile = privateWorker();
  cold = await run();
}, 180_000);

describe("lint's facts of an image, read once", () => {
  it('are read in the render thread and kept with each cache entry, for the bytes written', () => {
    expect(cold.report.findings.filter((f) => f.rule === 'image.unreadable')).toEqual([]);
    const metas = metaFiles().map((f) => JSON.parse(readFileSync(f, 'utf8')) as CacheMeta);
    expect(metas).toHaveLength(6);
    for (const m of metas) {
      expect(m.facts).toMatchObject({ format: 'png', sha256: m.sha256, bytes: m.bytes, width: 540, height: 960 });
    }
    for (const img of cold.images) {
      expect(img.facts?.sha256).toBe(img.record.sha256);
      expect(readImageFacts(readFileSync(img.file))).toEqual(img.facts);
    }
  });

  it('are used as they are only for bytes with their hash', () => {
    const img = cold.images[0]!;
    const bytes = readFileSync(img.file);
    // The known facts come back for the same bytes (a marked copy shows they were not read again) ...
    const marked = { ...img.facts!, iccName: 'marked' };
    expect(readImageFacts(bytes, marked).iccName).toBe('marked');
    // ... and not for other bytes of the same length: those are read, and a broken PNG is refused.
    bytes[bytes.length >> 1] = 255 - bytes[bytes.length >> 1]!;
    expect(() => readImageFacts(bytes, marked)).toThrow(UnreadableImageError);
  });

  it('does not hide an output file changed on disk after a cached run wrote it, before lint', async () => {
    const warm = await run({
      onImage: (img: RenderedImage) => {
        if (img.record.path === TARGET) flipMiddle(img.file);
      },
    });
    expect(warm.report.summary).toMatchObject({ rendered: 0, cached: 6 });
    const broken = warm.report.findings.filter((f) => f.rule === 'image.unreadable');
    expect(broken.map((f) => f.path)).toEqual([TARGET]);
    expect(broken[0]!.message).toMatch(/broken PNG/);
  });

  it('does not hide a cache entry whose bytes changed behind its record (same size, trusted mtime)', async () => {
    const target = cold.report.images.find((i) => i.path === TARGET)!;
    const metaFile = metaFiles().find(
      (f) => (JSON.parse(readFileSync(f, 'utf8')) as CacheMeta).sha256 === target.sha256,
    )!;
    const img = metaFile.replace(/\.json$/, '.img');
    flipMiddle(img);
    // The entry's record now names the changed file's mtime: the cache copies it without hashing it.
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as CacheMeta;
    writeFileSync(metaFile, JSON.stringify({ ...meta, imgMtimeMs: statSync(img).mtimeMs }));
    const r = await run();
    expect(r.report.summary).toMatchObject({ rendered: 0, cached: 6 });
    const broken = r.report.findings.filter((f) => f.rule === 'image.unreadable');
    expect(broken.map((f) => f.path)).toEqual([TARGET]);
    // Everything else linted as on the cold run.
    expect(r.report.findings.filter((f) => f.rule !== 'image.unreadable')).toEqual(cold.report.findings);
  });
});
