import { createWriteStream, existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BuildInfo } from '../model/run.ts';
import type { BuildSettings } from '../settings/types.ts';
import { checkValgrindSupport, MARKER, readMarker, readVersion, restoreBinary, reusableBinary, writeMarker } from './binary-reuse.ts';
import { readBuildFlags } from './build-flags.ts';
import { binaryCacheKey, sourceTreeIdentity } from './cache-keys.ts';
import { ccacheDir, prepareCcache, readCcacheStats } from './ccache.ts';
import { chooseGenerator, cmakeArgs } from './cmake-options.ts';
import { configureAndBuild, resetStaleConfiguration, type StepContext, type Timings } from './cmake-steps.ts';
import { prepareSnapshot, saveConfigure } from './configure-cache.ts';
import { ensureBuildDeps } from './preflight.ts';
import { BuildError, type BuildCache, type BuildIO, type CacheScope } from './types.ts';

export { readVersion };

export interface BuildOptions {
  /** Restores and saves the ccache directory and the built binary; used only when settings.cache. */
  cache?: BuildCache;
  /** Branch and run identity for the ccache key; without it the ccache directory is not cached. */
  scope?: CacheScope;
  /** The repository root, for annotation paths (default: sourceDir). */
  workspace?: string;
  /** The environment of cmake and the compiler (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Whether we are root, so apt-get runs without sudo (default: process.getuid() === 0). */
  isRoot?: boolean;
  /** How many log lines to show when the build fails (default 40). */
  tailLines?: number;
}

/** The built binary's path inside a build directory. */
export function builtBinary(buildDir: string): string {
  return path.join(buildDir, 'bin', 'fluent-bit');
}

/**
 * Builds Fluent Bit with FLB_VALGRIND=On and FLB_JEMALLOC=Off (or reuses a binary built from
 * the same tree, options and compiler), through ccache when available. Writes the build log
 * to `outDir/build.log`. Throws BuildError with an actionable message.
 */
export async function buildFluentBit(settings: BuildSettings, io: BuildIO, outDir: string, options: BuildOptions = {}): Promise<BuildInfo> {
  const started = Date.now();
  const env = options.env ?? process.env;
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  const { sourceDir, buildDir } = settings;
  const workspace = options.workspace ?? sourceDir;
  const useCache = settings.cache && options.cache !== undefined ? options.cache : undefined;
  const binary = builtBinary(buildDir);
  const markerFile = path.join(buildDir, MARKER);

  await fs.mkdir(outDir, { recursive: true });
  const logFile = path.join(outDir, 'build.log');
  if (!existsSync(path.join(sourceDir, 'CMakeLists.txt'))) {
    throw new BuildError(`'source-dir' must be a Fluent Bit source tree with a CMakeLists.txt, got '${sourceDir}'.`);
  }

  const { compiler, ninja, cmakeVersion } = await ensureBuildDeps(io, settings, { cwd: sourceDir, env, isRoot });
  const cmakeOptions = cmakeArgs(settings, compiler);
  const tree = await sourceTreeIdentity(io, sourceDir, [buildDir, outDir, ccacheDir(env)]);
  const key = binaryCacheKey(tree, cmakeOptions, compiler);
  const info = (cached: boolean, ccache: boolean, version: string | undefined, extra: Partial<BuildInfo> = {}): BuildInfo => ({
    sourceDir,
    buildDir,
    binary,
    ...(version ? { version } : {}),
    cmakeOptions,
    cached,
    ccache,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    logFile,
    cacheKey: key,
    ...(compiler ? { compiler: compiler.banner } : {}),
    ...extra,
  });

  // No rebuild when this build dir, or the cache, holds a binary built from the same tree and options.
  const reused = (await reusableBinary(io, markerFile, binary, key)) ?? (useCache ? await restoreBinary(io, useCache, [binary, markerFile], key, markerFile, binary) : undefined);
  if (reused !== undefined) {
    io.info(`Fluent Bit is up to date (${tree.how === 'content' ? 'source content' : `git tree ${tree.hash.slice(0, 12)}${tree.how === 'git+changes' ? ' with local changes' : ''}`}, same options): ${binary}`);
    await fs.writeFile(logFile, `Reused ${binary}, built from the same source tree and options (key ${key}).\n`);
    const buildFlags = await readBuildFlags(io, binary, buildDir);
    return info(true, false, reused || undefined, buildFlags ? { buildFlags } : {});
  }

  const cc = await prepareCcache(io, settings, { env, isRoot, compiler, cache: useCache, scope: options.scope });
  const generator = chooseGenerator(settings.cmakeOptions, ninja);
  await resetStaleConfiguration(buildDir, (await readMarker(markerFile))?.cmakeOptions ?? null, cmakeOptions, generator.name);
  const snapshot = cc.enabled ? await prepareSnapshot(io, { sourceDir, buildDir, outDir, ccacheDir: cc.dir, cmakeOptions, generator: generator.name, compiler, cmakeVersion, env }) : undefined;

  // Given empty when ccache is off, so a launcher from an earlier configure does not stick.
  const launcher = ['C', 'CXX'].map((lang) => `-DCMAKE_${lang}_COMPILER_LAUNCHER=${cc.enabled ? 'ccache' : ''}`);
  const commands = {
    configure: ['-S', sourceDir, '-B', buildDir, ...generator.args, ...cmakeOptions, ...launcher],
    build: ['--build', buildDir, '--parallel', String(settings.jobs)],
    buildTitle: `Build Fluent Bit (${settings.jobs} jobs${cc.enabled ? ', ccache' : ''})`,
  };
  let timings: Timings;
  const log = createWriteStream(logFile);
  try {
    const ctx: StepContext = { sourceDir, buildDir, workspace, env: cc.env, logFile, tail: options.tailLines ?? 40, report: true };
    try {
      // From a snapshot, a failure is reported only if it happens again from scratch.
      timings = await configureAndBuild(io, log, commands, { ...ctx, report: !snapshot?.used });
    } catch (e) {
      if (!snapshot?.used || !(e instanceof BuildError)) throw e;
      io.warning('The build from a cached CMake configuration failed: configuring from scratch.');
      await fs.rm(path.join(buildDir, 'CMakeCache.txt'), { force: true });
      timings = await configureAndBuild(io, log, commands, ctx);
    }
  } finally {
    await new Promise<void>((resolve) => log.end(resolve));
  }
  if (snapshot) await saveConfigure(snapshot.dir, snapshot.key, buildDir).catch((e: Error) => io.warning(`Could not keep the CMake configuration: ${e.message}`));
  if (!existsSync(binary)) {
    throw new BuildError(`The build succeeded but produced no ${binary}: is '${sourceDir}' a Fluent Bit source tree (FLB_BINARY on)? Build log: ${logFile}`, logFile);
  }

  const version = await readVersion(io, binary, buildDir);
  const buildFlags = await checkValgrindSupport(io, binary, buildDir);
  await writeMarker(markerFile, { key, ...(version ? { version } : {}), cmakeOptions });

  const stats = cc.enabled ? await readCcacheStats(io, sourceDir, cc.env) : null;
  io.info(
    `Built ${version ?? binary} in ${Math.round((Date.now() - started) / 1000)} s (configure ${timings.configureSeconds} s${snapshot?.used ? ' from a cached configuration' : ''}, compile ${timings.compileSeconds} s` +
      `${stats ? `; ccache ${stats.hits} hits (${stats.directHits} direct), ${stats.misses} misses` : cc.enabled ? '; ccache' : '; no ccache'}).`,
  );
  if (useCache) {
    await useCache.save([binary, markerFile], key).catch((e: Error) => io.warning(`Could not cache the built binary: ${e.message}`));
    // Every save is a new key (keys are immutable); skip it when the build added nothing.
    const nothingNew = stats !== null && stats.misses === 0 && stats.directHits === stats.hits && cc.restoredFrom !== undefined && snapshot?.used === true;
    if (cc.keys && !nothingNew) await useCache.save(cc.paths, cc.keys.key).catch((e: Error) => io.warning(`Could not cache the ccache directory: ${e.message}`));
  }
  return info(false, cc.enabled, version, { ...timings, ...(snapshot?.used ? { configureFromCache: true } : {}), ...(stats ? { ccacheHits: stats.hits, ccacheMisses: stats.misses, ccacheDirectHits: stats.directHits } : {}), ...(buildFlags ? { buildFlags } : {}) });
}

