import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BuildInfo } from '../model/run.ts';
import type { BuildSettings } from '../settings/types.ts';
import { binaryCacheKey, ccacheCacheKeys, sourceTreeIdentity } from './cache-keys.ts';
import { readBuildFlags } from './build-flags.ts';
import { ccacheDir, ccacheEnv, readCcacheStats, resolveCcache, zeroCcacheStats } from './ccache.ts';
import { chooseGenerator, cmakeArgs, userGenerator } from './cmake-options.ts';
import { parseCompileDiagnostics } from './compile-errors.ts';
import { cmakeFilesHash, configureKey, configureSnapshotDir, restoreConfigure, saveConfigure } from './configure-cache.ts';
import type { Compiler } from './compiler.ts';
import { aptInstall, checkBuildDeps, missingDepsMessage, preflight, type Toolchain } from './preflight.ts';
import { findSourceFile } from './source-paths.ts';
import { BuildError, type BuildCache, type BuildIO, type CacheScope } from './types.ts';

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

/** Written next to the binary: what it was built from, so an unchanged tree is not rebuilt. */
const MARKER = 'flb-valgrind-build.json';
const MAX_ANNOTATIONS = 10;

interface Marker {
  key: string;
  version?: string;
  cmakeOptions: string[];
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

  const { compiler, ninja, cmakeVersion } = await ensureDependencies(io, settings, { cwd: sourceDir, env, isRoot });
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
  await resetStaleConfiguration(buildDir, await readMarker(markerFile), cmakeOptions, generator.name);
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
  const marker: Marker = { key, ...(version ? { version } : {}), cmakeOptions };
  await fs.writeFile(markerFile, `${JSON.stringify(marker, null, 2)}\n`);

  const stats = cc.enabled ? await readCcacheStats(io, sourceDir, cc.env) : null;
  io.info(
    `Built ${version ?? binary} in ${Math.round((Date.now() - started) / 1000)} s (configure ${timings.configureSeconds} s${snapshot?.used ? ' from a cached configuration' : ''}, compile ${timings.compileSeconds} s` +
      `${stats ? `; ccache ${stats.hits} hits, ${stats.misses} misses` : cc.enabled ? '; ccache' : '; no ccache'}).`,
  );
  if (useCache) {
    await useCache.save([binary, markerFile], key).catch((e: Error) => io.warning(`Could not cache the built binary: ${e.message}`));
    // Every save is a new key (keys are immutable); skip it when the build added nothing.
    const nothingNew = stats !== null && stats.misses === 0 && cc.restoredFrom !== undefined && snapshot?.used === true;
    if (cc.keys && !nothingNew) await useCache.save(cc.paths, cc.keys.key).catch((e: Error) => io.warning(`Could not cache the ccache directory: ${e.message}`));
  }
  return info(false, cc.enabled, version, { ...timings, ...(snapshot?.used ? { configureFromCache: true } : {}), ...(stats ? { ccacheHits: stats.hits, ccacheMisses: stats.misses } : {}), ...(buildFlags ? { buildFlags } : {}) });
}

interface CcacheSetup {
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
async function prepareCcache(
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

/**
 * CMake keeps every -D it was ever given in CMakeCache.txt: an option dropped since the last
 * configure would stay in force and the binary would not match its key, so the cache goes
 * when the options changed. A build dir made with another generator cannot be reused at all.
 */
async function resetStaleConfiguration(buildDir: string, previous: Marker | null, cmakeOptions: string[], generator: string): Promise<void> {
  const cacheFile = path.join(buildDir, 'CMakeCache.txt');
  const cached = await fs.readFile(cacheFile, 'utf8').catch(() => null);
  if (cached === null) return;
  const used = /^CMAKE_GENERATOR:INTERNAL=(.*)$/m.exec(cached)?.[1];
  if (used !== undefined && used !== generator) {
    await fs.rm(path.join(buildDir, 'CMakeFiles'), { recursive: true, force: true });
    await fs.rm(cacheFile, { force: true });
  } else if (!previous || previous.cmakeOptions.join('\n') !== cmakeOptions.join('\n')) {
    await fs.rm(cacheFile, { force: true });
  }
}

/** Preflight; with install-deps, apt-get what is missing (and Ninja, which builds faster) and look again. */
async function ensureDependencies(io: BuildIO, settings: BuildSettings, opts: { cwd: string; env: NodeJS.ProcessEnv; isRoot: boolean }): Promise<Toolchain> {
  const pre = { cwd: opts.cwd, env: opts.env, cmakeOptions: settings.cmakeOptions };
  if (settings.installDeps) {
    const first = await checkBuildDeps(io, pre);
    const wanted = [...first.missing, ...first.absentOptional].map((m) => m.aptPackage);
    if (!first.ninja && userGenerator(settings.cmakeOptions) === null) wanted.push('ninja-build');
    // g++ too: Fluent Bit builds its C++ parts (simdutf) only when a C++ compiler is found.
    if (first.missing.length > 0) await aptInstall(io, [...new Set([...wanted, ...(first.compiler ? [] : ['g++'])])], opts);
    else if (wanted.length > 0) await aptInstall(io, [...new Set(wanted)], opts).catch((e: Error) => io.warning(e.message));
    const again = await checkBuildDeps(io, pre);
    if (again.missing.length > 0) throw new BuildError(`${missingDepsMessage(again.missing)} (apt-get install did not provide them)`);
    return { compiler: again.compiler, ninja: again.ninja, cmakeVersion: again.cmakeVersion };
  }
  return preflight(io, pre);
}

/** The binary's version when the build dir's marker says it was built with this key; undefined otherwise. */
async function reusableBinary(io: BuildIO, markerFile: string, binary: string, key: string): Promise<string | undefined> {
  const marker = await readMarker(markerFile);
  if (marker?.key !== key || !existsSync(binary)) return undefined;
  return (await readVersion(io, binary, path.dirname(markerFile))) ?? '';
}

async function restoreBinary(io: BuildIO, cache: BuildCache, paths: string[], key: string, markerFile: string, binary: string): Promise<string | undefined> {
  const hit = await cache.restore(paths, key, []).catch((e: Error) => {
    io.warning(`Could not restore a cached binary: ${e.message}`);
    return undefined;
  });
  if (hit !== key) return undefined;
  const version = await reusableBinary(io, markerFile, binary, key);
  if (version === undefined) io.warning(`The cached binary for ${key} did not come back whole: building.`);
  return version;
}

async function readMarker(file: string): Promise<Marker | null> {
  try {
    const data: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    if (typeof data === 'object' && data !== null && 'key' in data && typeof data.key === 'string') {
      const options = 'cmakeOptions' in data && Array.isArray(data.cmakeOptions) ? data.cmakeOptions.filter((o): o is string => typeof o === 'string') : [];
      return { key: data.key, cmakeOptions: options };
    }
  } catch {
    // No marker, or not ours: build.
  }
  return null;
}

/** `fluent-bit --version`'s first line ("Fluent Bit v5.1.1"), or undefined when it does not answer. */
export async function readVersion(io: BuildIO, binary: string, cwd: string): Promise<string | undefined> {
  const lines: string[] = [];
  const code = await io.exec(binary, ['--version'], { cwd, onLine: (l) => lines.push(l) }).catch(() => -1);
  const first = lines.find((l) => l.trim() !== '')?.trim();
  return code === 0 ? first : undefined;
}

/** Reads `fluent-bit -h`'s build flags; warns when FLB_HAVE_VALGRIND is not among them. */
async function checkValgrindSupport(io: BuildIO, binary: string, cwd: string): Promise<string[] | null> {
  const flags = await readBuildFlags(io, binary, cwd);
  if (flags !== null && !flags.includes('FLB_HAVE_VALGRIND')) {
    io.warning(`${binary} was built without FLB_HAVE_VALGRIND (not listed under Build Flags in 'fluent-bit -h'): memcheck will report false errors from coroutine stack switches.`);
  }
  return flags;
}

/** The deepest directory holding both (ccache's base_dir). */
function commonDir(a: string, b: string): string {
  const pa = path.resolve(a).split(path.sep);
  const pb = path.resolve(b).split(path.sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join(path.sep) || path.sep;
}

interface StepContext {
  sourceDir: string;
  buildDir: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  tail: number;
  /** On failure, annotate the errors and show the tail (else only throw). */
  report: boolean;
}

type Timings = Required<Pick<BuildInfo, 'configureSeconds' | 'compileSeconds'>>;

/** cmake configure, then cmake --build; the seconds each took. */
async function configureAndBuild(io: BuildIO, log: WriteStream, commands: { configure: string[]; build: string[]; buildTitle: string }, ctx: StepContext): Promise<Timings> {
  const configureSeconds = await step(io, log, 'Configure Fluent Bit (cmake)', 'cmake', commands.configure, ctx);
  const compileSeconds = await step(io, log, commands.buildTitle, 'cmake', commands.build, ctx);
  return { configureSeconds, compileSeconds };
}

/** Finds the CMake configuration snapshot for this tree and options, and puts it into a fresh build dir. */
async function prepareSnapshot(
  io: BuildIO,
  o: { sourceDir: string; buildDir: string; outDir: string; ccacheDir: string; cmakeOptions: string[]; generator: string; compiler: Compiler | null; cmakeVersion: string; env: NodeJS.ProcessEnv },
): Promise<{ dir: string; key: string; used: boolean }> {
  const dir = configureSnapshotDir(o.ccacheDir);
  const files = await cmakeFilesHash(o.sourceDir, [o.buildDir, o.outDir, o.ccacheDir, dir]);
  const key = configureKey(files, {
    cmakeOptions: o.cmakeOptions,
    generator: o.generator,
    compilerBanner: o.compiler?.banner ?? '',
    cmakeVersion: o.cmakeVersion,
    buildDir: o.buildDir,
    image: [o.env.ImageOS, o.env.ImageVersion].filter(Boolean).join('-'),
  });
  const used = await restoreConfigure(dir, key, o.buildDir);
  if (used) io.info('Configuring from a cached CMake configuration of the same CMake files and options (its checks are skipped).');
  return { dir, key, used };
}

/**
 * Runs one build command in a log group, every line to the group and the log; resolves
 * with the seconds it took. On failure annotates the errors and throws.
 */
async function step(io: BuildIO, log: WriteStream, title: string, cmd: string, args: string[], ctx: StepContext): Promise<number> {
  const started = Date.now();
  log.write(`$ ${cmd} ${args.join(' ')}\n`);
  const lines: string[] = [];
  const code = await io.group(title, async () => {
    io.info(`${cmd} ${args.join(' ')}`);
    try {
      return await io.exec(cmd, args, {
        cwd: ctx.sourceDir,
        env: ctx.env,
        onLine: (line) => {
          lines.push(line);
          log.write(`${line}\n`);
          io.info(line);
        },
      });
    } catch (e) {
      throw new BuildError(`Cannot run ${cmd}: ${(e as Error).message}`, ctx.logFile);
    }
  });
  if (code === 0) return Math.round((Date.now() - started) / 100) / 10;
  if (!ctx.report) throw new BuildError(`${title} failed (${cmd} exited with ${code}).`, ctx.logFile);
  const diagnostics = parseCompileDiagnostics(lines).filter((d) => d.severity === 'error');
  const exists = (p: string): boolean => existsSync(p);
  for (const d of diagnostics.slice(0, MAX_ANNOTATIONS)) {
    const file = findSourceFile(d.file, { dirs: [ctx.sourceDir, ctx.buildDir], roots: [ctx.sourceDir, ctx.workspace], workspace: ctx.workspace }, exists);
    if (file) io.annotate({ level: 'error', file, line: d.line, ...(d.col ? { col: d.col } : {}), message: d.message });
  }
  io.info(`--- last ${Math.min(ctx.tail, lines.length)} lines of ${title} ---`);
  for (const l of lines.slice(-ctx.tail)) io.info(l);
  const first = diagnostics[0];
  const what = first
    ? `${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}, the first: ${first.file}:${first.line}: ${first.message}`
    : 'see the end of the log above';
  throw new BuildError(`${title} failed (${cmd} exited with ${code}): ${what}. Full build log: ${ctx.logFile}`, ctx.logFile);
}
