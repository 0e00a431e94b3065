// The render cache across workflow runs: restored by prefix so an edited manifest still reuses
// its unchanged images, saved only when something was rendered, under a key made of the images
// it holds, and pruned to them. The cache service is a fake that stores folders by key the way
// the real one stores archives (exact key first, then the newest key with a restore prefix).
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cachePrefix, saveKey, withActionCache, type CacheService } from '../src/action/cache.js';
import { runPipeline } from '../src/pipeline.js';
import type { RenderStats } from '../src/render/index.js';
import { privateWorker, smallProject, type SmallProject } from './helpers/small-project.js';

class FakeCacheService implements CacheService {
  readonly store = mkdtempSync(path.join(tmpdir(), 'storeshots-cache-service-'));
  readonly saved: string[] = [];
  readonly calls: string[] = [];
  enabled = true;
  failRestore = false;
  available() {
    return this.enabled;
  }
  async restore(paths: string[], key: string, restoreKeys: string[]) {
    this.calls.push(`restore ${key} [${restoreKeys.join(',')}]`);
    if (this.failRestore) throw new Error('cache service: 503');
    const hit = this.saved.includes(key)
      ? key
      : [...this.saved].reverse().find((k) => restoreKeys.some((p) => k.startsWith(p)));
    if (hit) cpSync(path.join(this.store, hit), paths[0]!, { recursive: true });
    return hit;
  }
  async exists(_paths: string[], key: string) {
    this.calls.push(`exists ${key}`);
    return this.saved.includes(key);
  }
  async save(paths: string[], key: string) {
    this.calls.push(`save ${key}`);
    // @actions/cache logs a taken key (keys are immutable) and returns -1; it does not throw.
    if (this.saved.includes(key)) return -1;
    cpSync(paths[0]!, path.join(this.store, key), { recursive: true });
    this.saved.push(key);
    return this.saved.length;
  }
}

let p: SmallProject;
let workerFile: string;
const service = new FakeCacheService();
const log = { info: () => {}, warning: (m: string) => warnings.push(m) };
const warnings: string[] = [];
const entries = (dir: string) =>
  existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.img')).length : 0;

/** One workflow run on a fresh runner: an empty cache folder, then restore, render, save. */
async function workflowRun(runId: string, o: { shard?: string } = {}) {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'storeshots-runner-')), 'storeshots-cache');
  let stats: RenderStats | undefined;
  const r = await withActionCache(
    { dir, prefix: cachePrefix({ shard: o.shard }), service, log, runId },
    async (cacheDir) => {
      const result = await runPipeline({
        cwd: p.dir,
        cacheDir,
        workerFile,
        jobs: 2,
        shard: o.shard,
        onStats: (s) => (stats = s),
      });
      return { result, stats };
    },
  );
  return { ...r, stats: stats!, dir };
}

beforeAll(() => {
  p = smallProject();
  workerFile = privateWorker();
});

describe('the render cache in the Action', () => {
  it('keys by platform and shard, and by the images a cache holds', () => {
    expect(cachePrefix({ platform: 'linux', arch: 'x64' })).toBe('storeshots-render-v1-linux-x64-all-');
    expect(cachePrefix({ platform: 'linux', arch: 'x64', shard: '2/4' })).toBe(
      'storeshots-render-v1-linux-x64-shard-2-of-4-',
    );
    // A restore matches by prefix: no prefix may begin another one's keys.
    const prefixes = [
      {},
      { shard: '1/2' },
      { shard: '1/20' },
      { shard: '2/2' },
      { arch: 'arm' },
      { arch: 'arm64' },
    ].map((o) => cachePrefix({ platform: 'linux', arch: 'x64', ...o }));
    for (const a of prefixes)
      for (const b of prefixes) if (a !== b) expect(saveKey(b, ['k']).startsWith(a)).toBe(false);
    expect(saveKey('p-', ['b', 'a'])).toBe(saveKey('p-', ['a', 'b']));
    expect(saveKey('p-', ['a', 'b'])).not.toBe(saveKey('p-', ['a', 'c']));
  });

  it('saves after a first run, reuses everything on the next runner and saves nothing then', async () => {
    const first = await workflowRun('1');
    expect(first.restoredFrom).toBeUndefined();
    expect(first.stats.rendered).toBe(6);
    expect(first.savedAs).toBe(saveKey(cachePrefix({}), first.stats.keys));
    const second = await workflowRun('2');
    expect(second.restoredFrom).toBe(first.savedAs);
    expect(second.stats).toMatchObject({ rendered: 0, cached: 6 });
    expect(second.savedAs).toBeUndefined();
    expect(service.calls.at(-1)).toMatch(/^restore storeshots-render-v1-.*-run-2 \[storeshots-render-v1-/);
  });

  it('restores by prefix after a manifest edit, renders only what changed, and saves just the images in use', async () => {
    const before = service.saved.at(-1)!;
    p.write((y) => y.replace('de-DE: Sieh deinen Fortschritt', 'de-DE: Sieh deinen ganzen Fortschritt'));
    try {
      const r = await workflowRun('3');
      expect(r.restoredFrom).toBe(before);
      expect(r.stats.cached).toBeGreaterThanOrEqual(3);
      expect(r.stats.rendered).toBeGreaterThan(0);
      expect(r.savedAs).toBeDefined();
      expect(r.savedAs).not.toBe(before);
      // The replaced de-DE images are not carried into the new cache.
      expect(entries(path.join(service.store, r.savedAs!))).toBe(6);
    } finally {
      p.write();
    }
  });

  it('renders without a persistent cache when the service is not there, and warns when it fails', async () => {
    service.enabled = false;
    const calls = service.calls.length;
    const off = await workflowRun('4');
    expect(service.calls.length).toBe(calls);
    expect(off.stats.rendered).toBe(6);
    service.enabled = true;
    service.failRestore = true;
    const failing = await workflowRun('5');
    service.failRestore = false;
    expect(failing.stats.rendered).toBe(6);
    expect(warnings.at(-1)).toContain('Could not restore the render cache (cache service: 503)');
    // This set was saved before (run 2), but run 3's edited set is the newest cache, which the
    // next restore would take: the set is saved again under its key plus the run id.
    const key = saveKey(cachePrefix({}), failing.stats.keys);
    expect(service.saved).toContain(key);
    expect(failing.savedAs).toBe(`${key}-5`);
    const next = await workflowRun('5b');
    expect(next.restoredFrom).toBe(`${key}-5`);
    expect(next.stats).toMatchObject({ rendered: 0, cached: 6 });
  });

  it('does not report a cache the service did not save', async () => {
    // @actions/cache returns -1 (and logs why) when the key is taken by a concurrent job or the upload fails.
    const save = service.save.bind(service);
    service.save = async () => -1;
    const infos: string[] = [];
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'storeshots-runner-')), 'storeshots-cache');
    const r = await withActionCache(
      {
        dir,
        prefix: cachePrefix({ shard: '2/2' }),
        service,
        log: { info: (m) => infos.push(m), warning: () => {} },
        runId: '7',
      },
      async (cacheDir) => {
        let stats: RenderStats | undefined;
        const result = await runPipeline({
          cwd: p.dir,
          cacheDir,
          workerFile,
          jobs: 2,
          shard: '2/2',
          onStats: (s) => (stats = s),
        });
        return { result, stats };
      },
    );
    service.save = save;
    expect(r.savedAs).toBeUndefined();
    expect(infos.at(-1)).toMatch(/^Render cache not saved as storeshots-render-v1-.*-shard-2-of-2-[0-9a-f]{32}\.$/);
    expect(infos.join('\n')).not.toContain('Render cache saved');
  });

  it('keeps shards apart', async () => {
    const r = await workflowRun('6', { shard: '1/2' });
    expect(r.restoredFrom).toBeUndefined();
    expect(r.stats.rendered).toBe(3);
    expect(r.savedAs).toMatch(/^storeshots-render-v1-.*-shard-1-of-2-[0-9a-f]{32}$/);
    rmSync(r.dir, { recursive: true, force: true });
    // The other way round: a run of the whole set never restores a shard's (newer) cache.
    const whole = await workflowRun('6b');
    expect(whole.restoredFrom).toBeDefined();
    expect(whole.restoredFrom).not.toContain('shard');
    expect(whole.stats).toMatchObject({ rendered: 0, cached: 6 });
  });
});
