// The render cache across workflow runs, with @actions/cache. Restored by prefix (the newest
// cache of this platform and shard, whatever the manifest was), so an edited manifest still
// reuses every unchanged image; saved only when this run rendered something, under a key made
// of the images it holds (a re-run with the same set saves nothing), after dropping the entries
// this run did not use, so the cache stays the size of one set. Keys are immutable and a
// restore takes the newest match: a set cached before but not the newest (an edit reverted)
// is saved again under its key plus the run id, so the next run restores it.
import path from 'node:path';
import * as actionsCache from '@actions/cache';
import { RenderCache } from '../render/cache.js';
import type { RenderStats } from '../render/index.js';
import { sha256 } from '../util/hash.js';
import { errorMessage } from '../util/errors.js';

/** What the cache service does; @actions/cache by default, a fake in tests. */
export interface CacheService {
  available(): boolean;
  restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined>;
  /** Whether a cache of these paths is saved under exactly `key` (nothing is downloaded). */
  exists(paths: string[], key: string): Promise<boolean>;
  /** The saved cache's id; -1 when it was not saved (@actions/cache logs why and does not throw). */
  save(paths: string[], key: string): Promise<number>;
}

export const actionsCacheService: CacheService = {
  // @github/local-action's stand-in for @actions/cache has no isFeatureAvailable: treat it as "no service".
  available: () => typeof actionsCache.isFeatureAvailable === 'function' && actionsCache.isFeatureAvailable(),
  restore: (paths, key, restoreKeys) => actionsCache.restoreCache(paths, key, restoreKeys),
  // The service matches a key as a prefix too: only the same key is this set.
  exists: async (paths, key) => (await actionsCache.restoreCache(paths, key, [], { lookupOnly: true })) === key,
  save: (paths, key) => actionsCache.saveCache(paths, key),
};

/** Bumped when the cache folder's format changes (CACHE_FORMAT in src/render/cache.ts). */
const PREFIX = 'storeshots-render-v1';

/**
 * Restore matches keys by prefix, so no prefix may begin another: the whole set is `all-`,
 * a shard `shard-<i>-of-<n>-` (without `all-`, a whole run restored the newest shard's cache).
 */
export function cachePrefix(o: { platform?: string; arch?: string; shard?: string }): string {
  const part = o.shard ? `shard-${o.shard.replace('/', '-of-')}` : 'all';
  return `${PREFIX}-${o.platform ?? process.platform}-${o.arch ?? process.arch}-${part}-`;
}

/** The key a cache holding exactly these entries is saved under. */
export function saveKey(prefix: string, keys: Iterable<string>): string {
  return `${prefix}${sha256([...keys].sort().join('\n')).slice(0, 32)}`;
}

export interface CachedRunLog {
  info(message: string): void;
  warning(message: string): void;
}

export interface CachedRunResult<T> {
  result: T;
  restoredFrom?: string;
  savedAs?: string;
}

/**
 * Restores the cache into `dir`, runs `render` with it, then saves it when the run rendered
 * anything. Cache service trouble is a warning, never a failed run.
 */
export async function withActionCache<T>(
  o: { dir: string; prefix: string; service?: CacheService; log: CachedRunLog; runId: string },
  render: (cacheDir: string) => Promise<{ result: T; stats?: RenderStats }>,
): Promise<CachedRunResult<T>> {
  const service = o.service ?? actionsCacheService;
  let available = false;
  try {
    available = service.available();
  } catch (e) {
    o.log.warning(`Could not ask the Actions cache service (${errorMessage(e)}).`);
  }
  if (!available) {
    o.log.info('The Actions cache service is not available here: rendering without a persistent cache.');
    return { result: (await render(o.dir)).result };
  }
  let restoredFrom: string | undefined;
  try {
    // The primary key never exists (a run id): the prefix finds the newest cache.
    restoredFrom = await service.restore([o.dir], `${o.prefix}run-${o.runId}`, [o.prefix]);
    o.log.info(
      restoredFrom ? `Render cache restored from ${restoredFrom}` : 'No render cache yet for this platform and shard.',
    );
  } catch (e) {
    o.log.warning(`Could not restore the render cache (${errorMessage(e)}); rendering everything.`);
  }
  const { result, stats } = await render(o.dir);
  if (!stats || stats.rendered === 0) return { result, restoredFrom };
  let key = saveKey(o.prefix, stats.keys);
  if (key === restoredFrom) return { result, restoredFrom };
  const removed = new RenderCache(o.dir).prune({ keep: new Set(stats.keys) });
  if (removed) o.log.info(`Render cache: ${removed} entries this run did not use are not saved.`);
  try {
    // This set was cached before, yet another cache was the newest: save it again, as the newest.
    if (await service.exists([o.dir], key)) key = `${key}-${o.runId}`;
    const id = await service.save([o.dir], key);
    if (id === -1) {
      // Another job saved this key first (keys are immutable), or the service refused (logged above): both harmless.
      o.log.info(`Render cache not saved as ${key}.`);
      return { result, restoredFrom };
    }
    o.log.info(`Render cache saved as ${key} (${stats.keys.length} images).`);
    return { result, restoredFrom, savedAs: key };
  } catch (e) {
    o.log.info(`Render cache not saved (${errorMessage(e)}).`);
    return { result, restoredFrom };
  }
}

export function actionCacheDir(tempDir: string): string {
  return path.join(tempDir, 'storeshots-cache');
}
