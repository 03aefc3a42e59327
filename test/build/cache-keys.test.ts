import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { binaryCacheKey, cacheScopeFromEnv, ccacheCacheKeys } from '../../src/build/cache-keys.ts';
import { parseCcacheStats } from '../../src/build/ccache.ts';
import { parseCompilerVersion } from '../../src/build/compiler.ts';

const gcc = parseCompilerVersion('cc', 'cc (Debian 12.2.0-14+deb12u1) 12.2.0');

describe('cache keys', () => {
  it('keys ccache by compiler and build type, restoring this branch, then the base branch, then any', () => {
    const { key, restoreKeys } = ccacheCacheKeys({ ref: 'fix/leak', baseRef: 'master', unique: 'abc123-42-1' }, gcc, 'Debug', 'linux', 'x64');
    assert.equal(key, 'flb-ccache-linux-x64-gcc12.2.0-Debug-fix/leak-abc123-42-1');
    assert.deepEqual(restoreKeys, ['flb-ccache-linux-x64-gcc12.2.0-Debug-fix/leak-', 'flb-ccache-linux-x64-gcc12.2.0-Debug-master-', 'flb-ccache-linux-x64-gcc12.2.0-Debug-']);
    // A push to master has no base.
    assert.equal(ccacheCacheKeys({ ref: 'master', unique: 'u' }, gcc, 'Debug', 'linux', 'x64').restoreKeys.length, 2);
  });
  it('reads the scope from a pull request and from a push', () => {
    const pr = cacheScopeFromEnv({ GITHUB_HEAD_REF: 'fix/leak', GITHUB_REF_NAME: '12/merge', GITHUB_BASE_REF: 'master', GITHUB_SHA: '0123456789abcdef', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1' });
    assert.deepEqual(pr, { ref: 'fix/leak', baseRef: 'master', unique: '0123456789ab-42-1' });
    const push = cacheScopeFromEnv({ GITHUB_HEAD_REF: '', GITHUB_REF_NAME: 'master', GITHUB_BASE_REF: '', GITHUB_SHA: 'ffff', GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '2' });
    assert.deepEqual(push, { ref: 'master', unique: 'ffff-7-2' });
  });
  it('keys a binary on tree, options and compiler', () => {
    const tree = { hash: 'a'.repeat(40), how: 'git' as const };
    const k = binaryCacheKey(tree, ['-DFLB_VALGRIND=On'], gcc, 'linux', 'x64');
    assert.match(k, /^flb-bin-linux-x64-[0-9a-f]{40}$/);
    assert.equal(binaryCacheKey(tree, ['-DFLB_VALGRIND=On'], gcc, 'linux', 'x64'), k);
    assert.notEqual(binaryCacheKey(tree, ['-DFLB_VALGRIND=On', '-DFLB_TLS=Off'], gcc, 'linux', 'x64'), k);
    assert.notEqual(binaryCacheKey({ ...tree, hash: 'b'.repeat(40) }, ['-DFLB_VALGRIND=On'], gcc, 'linux', 'x64'), k);
    assert.notEqual(binaryCacheKey(tree, ['-DFLB_VALGRIND=On'], parseCompilerVersion('cc', 'gcc (Ubuntu 13.2.0) 13.2.0'), 'linux', 'x64'), k);
  });
});

describe('parseCcacheStats', () => {
  it('reads ccache 4 --print-stats', () => {
    const lines = ['cache_miss\t3', 'direct_cache_hit\t900', 'direct_cache_miss\t120', 'preprocessed_cache_hit\t117', 'stats_updated_timestamp\t1795560000'];
    assert.deepEqual(parseCcacheStats(lines), { hits: 1017, directHits: 900, misses: 3 });
    assert.equal(parseCcacheStats(['Cacheable calls: 10 / 10']), null);
  });
});
