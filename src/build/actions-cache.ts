import * as cache from '@actions/cache';
import type { BuildCache } from './types.ts';

/**
 * The Actions cache (@actions/cache) as a BuildCache. A key that exists already cannot be
 * saved again: that is not an error here (the same binary was cached by an earlier run).
 */
export function actionsBuildCache(): BuildCache | undefined {
  if (!cache.isFeatureAvailable()) return undefined;
  return {
    restore: (paths, key, restoreKeys) => cache.restoreCache(paths, key, restoreKeys),
    async save(paths, key) {
      try {
        await cache.saveCache(paths, key);
      } catch (e) {
        if (e instanceof cache.ReserveCacheError) return; // already saved under this key
        throw e;
      }
    },
  };
}
