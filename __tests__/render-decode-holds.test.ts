// The thread's decode LRU (render/decode-cache.ts) is shared by every image a thread draws at once
// (the render service's in-process batches run a set's images side by side). An entry one image
// still draws from must outlive its eviction: it is freed only once evicted and released by every
// image holding it. Without that, a canvas freed (width 0) under an image in progress failed the
// example's render (`drawImage` of a 0-size canvas) once cleaned status bars joined the cache.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../src/plan/types.js';
import { renderSetBatch } from '../src/render/batch.js';
import { cachedDecode, decodeStats, Holds, setDecodeBudget } from '../src/render/decode-cache.js';
import { computeSetFacts, renderJob } from '../src/render/job.js';
import { sha256 } from '../src/util/hash.js';
import { variant } from './fixtures/render/jobs.js';

const KEEP = 48 * 1024 * 1024;
let dir: string;
const files: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'storeshots-holds-'));
  for (const name of ['a', 'b', 'c']) {
    const f = path.join(dir, name);
    writeFileSync(f, name);
    files.push(f);
  }
});
afterAll(() => {
  setDecodeBudget(KEEP);
  rmSync(dir, { recursive: true, force: true });
});

/** A cached value of `bytes` for `file`, its disposal written to `log`. */
function entry(file: string, bytes: number, log: string[], holds: Holds, made = { n: 0 }) {
  const name = path.basename(file);
  return cachedDecode(
    file,
    'test',
    async () => {
      made.n++;
      await new Promise((r) => setTimeout(r, 5));
      return { name, bytes };
    },
    (v) => v.bytes,
    (v) => log.push(`freed ${v.name}`),
    holds,
  );
}

describe('the decode cache with holds', () => {
  it('frees an evicted entry only after the last task holding it releases it', async () => {
    setDecodeBudget(0);
    setDecodeBudget(100);
    const log: string[] = [];
    const first = new Holds();
    const second = new Holds();
    await entry(files[0]!, 60, log, first);
    await entry(files[0]!, 60, log, second);
    // b pushes the budget over: a is the least recently used, but two tasks hold it.
    const other = new Holds();
    await entry(files[1]!, 60, log, other);
    expect(log).toEqual([]);
    first.release();
    expect(log).toEqual([]);
    // b is held too: neither can go, the cache is over its budget until one is released.
    expect(decodeStats()).toMatchObject({ bytes: 120, entries: 2, held: 2 });
    second.release();
    expect(log).toEqual(['freed a']);
    expect(decodeStats()).toMatchObject({ bytes: 60, entries: 1, held: 1 });
    other.release();
    // Within the budget now: b stays for the next task, unheld.
    expect(log).toEqual(['freed a']);
    expect(decodeStats()).toMatchObject({ bytes: 60, entries: 1, held: 0 });
  });

  it('frees a value too large to keep when its task releases it, and makes an entry once for tasks asking together', async () => {
    setDecodeBudget(0);
    setDecodeBudget(100);
    const log: string[] = [];
    const big = new Holds();
    await entry(files[2]!, 500, log, big);
    expect(log).toEqual([]);
    big.release();
    expect(log).toEqual(['freed c']);

    const made = { n: 0 };
    const holds = [new Holds(), new Holds(), new Holds()];
    const got = await Promise.all(holds.map((h) => entry(files[0]!, 10, log, h, made)));
    expect(made.n).toBe(1);
    expect(new Set(got).size).toBe(1);
    for (const h of holds) h.release();
    expect(log).toEqual(['freed c']);
  });
});

describe('images of one thread drawn side by side under a small decode budget', () => {
  it('have the bytes of the same images drawn alone (status bar cleaned, screenshots evicted while in use)', async () => {
    // The example's style cleans the status bar: each screenshot is kept decoded and cleaned, two
    // canvases of 10 MB for a 1080x2400 capture; the budget holds about one, so every image evicts
    // what another image of the thread is about to draw from.
    const ids = ['home', 'stats', 'photo'];
    const jobs: Job[] = ids.flatMap((slide) =>
      ['en-US', 'de-DE'].map((locale) => {
        const j = variant(`${locale}/play.phone/${slide}`, { size: { width: 360, height: 640 }, set: 'holds' });
        return { ...j, id: `${locale}-${slide}`, output: { ...j.output, path: `${locale}-${slide}.png` } };
      }),
    );
    expect(jobs[0]!.style['status-bar']).toBe('clean');
    const facts = await computeSetFacts(jobs);
    setDecodeBudget(0);
    const solo: Record<string, string> = {};
    for (const j of jobs) solo[j.id] = sha256((await renderJob(j, jobs, facts)).buffer);

    setDecodeBudget(12 * 1024 * 1024);
    const got: Record<string, string> = {};
    await renderSetBatch({ set: jobs, jobs }, { onImage: (i) => void (got[i.job.id] = sha256(i.bytes)) });
    expect(got).toEqual(solo);
    expect(decodeStats().held).toBe(0);
  }, 120_000);
});
