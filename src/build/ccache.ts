import os from 'node:os';
import path from 'node:path';
import type { BuildSettings, CcacheMode } from '../settings/types.ts';
import { ccacheCacheKeys } from './cache-keys.ts';
import type { Compiler } from './compiler.ts';
import { configureSnapshotDir } from './configure-cache.ts';
import { aptInstall } from './preflight.ts';
import { BuildError, type BuildCache, type BuildIO, type CacheScope } from './types.ts';

export interface CcacheStats {
  hits: number;
  /** Hits found without running the preprocessor (the fast kind); the others add manifests to the cache. */
  directHits: number;
  misses: number;
}

async function ccacheRuns(io: BuildIO, cwd: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    return (await io.exec('ccache', ['--version'], { cwd, env })) === 0;
  } catch {
    return false;
  }
}

/** Whether to compile through ccache: `auto` uses it when installed, `true` installs it when missing. */
export async function resolveCcache(io: BuildIO, mode: CcacheMode, opts: { cwd: string; env: NodeJS.ProcessEnv; isRoot: boolean }): Promise<boolean> {
  if (mode === 'false') return false;
  if (await ccacheRuns(io, opts.cwd, opts.env)) return true;
  if (mode === 'auto') {
    io.info('ccache not found: building without it (set ccache: true to install it).');
    return false;
  }
  await aptInstall(io, ['ccache'], opts);
  if (!(await ccacheRuns(io, opts.cwd, opts.env))) throw new BuildError("'ccache' is true but ccache does not run after installing it.");
  return true;
}

/** Where ccache keeps its files: CCACHE_DIR, else under RUNNER_TEMP in the action, else ccache's own default. */
export function ccacheDir(env: NodeJS.ProcessEnv): string {
  if (env.CCACHE_DIR) return env.CCACHE_DIR;
  if (env.RUNNER_TEMP) return path.join(env.RUNNER_TEMP, 'flb-ccache');
  return path.join(os.homedir(), '.cache', 'ccache');
}

/**
 * The environment for compiling through ccache. base_dir makes paths below it relative, so
 * a cache made in another checkout path still hits (stack paths then read
 * `build/src/../../src/x.c`: see repoRelativePath); hash_dir off for the same reason with -g.
 */
export function ccacheEnv(env: NodeJS.ProcessEnv, dir: string, baseDir: string): NodeJS.ProcessEnv {
  return {
    ...env,
    CCACHE_DIR: dir,
    CCACHE_BASEDIR: baseDir,
    CCACHE_NOHASHDIR: 'true',
    // A runner image update that replaces the compiler must not reuse objects.
    CCACHE_COMPILERCHECK: env.CCACHE_COMPILERCHECK ?? 'content',
    // A Debug Fluent Bit build is about 250 MB of objects in ccache.
    CCACHE_MAXSIZE: env.CCACHE_MAXSIZE ?? '1G',
  };
}

/** Reads hits and misses from `ccache --print-stats` (ccache 4) output (pure). */
export function parseCcacheStats(lines: string[]): CcacheStats | null {
  const values = new Map<string, number>();
  for (const l of lines) {
    const m = /^(\w+)\t(\d+)$/.exec(l.trim());
    if (m) values.set(m[1] as string, Number(m[2]));
  }
  if (!values.has('cache_miss')) return null;
  const hits = (values.get('direct_cache_hit') ?? 0) + (values.get('preprocessed_cache_hit') ?? 0);
  return { hits, directHits: values.get('direct_cache_hit') ?? 0, misses: values.get('cache_miss') ?? 0 };
}

/** Zeroes ccache's statistics (so the stats after the build are this build's). */
export async function zeroCcacheStats(io: BuildIO, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  await io.exec('ccache', ['--zero-stats'], { cwd, env }).catch(() => 1);
}

/** This build's ccache hits and misses, or null when ccache cannot tell (ccache 3). */
export async function readCcacheStats(io: BuildIO, cwd: string, env: NodeJS.ProcessEnv): Promise<CcacheStats | null> {
  const lines: string[] = [];
  const code = await io.exec('ccache', ['--print-stats'], { cwd, env, onLine: (l) => lines.push(l) }).catch(() => 1);
  return code === 0 ? parseCcacheStats(lines) : null;
}

export interface CcacheSetup {
  enabled: boolean;
  dir: string;
  /** What is cached across runs: the ccache directory and the CMake configuration snapshots. */
  paths: string[];
  /** The build's environment: with CCACHE_* when enabled. */
  env: NodeJS.ProcessEnv;
  /** Set when the ccache directory is cached across runs. */
  keys?: { key: string; restoreKeys: string[] };
  restoredFrom?: string;
}

/** Decides on ccache, restores its directory from the cache, and zeroes its statistics. */
export async function prepareCcache(
  io: BuildIO,
  settings: BuildSettings,
  opts: { env: NodeJS.ProcessEnv; isRoot: boolean; compiler: Compiler | null; cache: BuildCache | undefined; scope: CacheScope | undefined },
): Promise<CcacheSetup> {
  const { sourceDir, buildDir } = settings;
  const dir = ccacheDir(opts.env);
  const enabled = await resolveCcache(io, settings.ccache, { cwd: sourceDir, env: opts.env, isRoot: opts.isRoot });
  const paths = [dir, configureSnapshotDir(dir)];
  if (!enabled) return { enabled, dir, paths, env: opts.env };
  const env = ccacheEnv(opts.env, dir, commonDir(sourceDir, buildDir));
  const setup: CcacheSetup = { enabled, dir, paths, env };
  if (opts.cache && opts.scope) {
    setup.keys = ccacheCacheKeys(opts.scope, opts.compiler, settings.buildType);
    const hit = await opts.cache.restore(paths, setup.keys.key, setup.keys.restoreKeys).catch((e: Error) => {
      io.warning(`Could not restore the ccache directory: ${e.message}`);
      return undefined;
    });
    if (hit) setup.restoredFrom = hit;
    io.info(hit ? `ccache directory restored from cache key ${hit}` : 'No cached ccache directory yet: a cold build.');
  }
  await zeroCcacheStats(io, sourceDir, env);
  return setup;
}

/** The deepest directory holding both (ccache's base_dir). */
function commonDir(a: string, b: string): string {
  const pa = path.resolve(a).split(path.sep);
  const pb = path.resolve(b).split(path.sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join(path.sep) || path.sep;
}
