#!/usr/bin/env node
import { createRequire as __flbCreateRequire } from 'node:module';
const require = __flbCreateRequire(import.meta.url);
import {
  AptError,
  BuildError,
  aptInstall,
  chooseGenerator,
  cmakeArgs,
  detectCompiler,
  isCmakeFalse,
  parseDefines,
  userGenerator
} from "./chunk-DT67M3DM.js";
import {
  findSourceFile
} from "./chunk-YGYQYLWH.js";

// src/build/cache-keys.ts
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
function sha256(parts) {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex");
}
function insideOf(root, paths) {
  return paths.map((p) => path.relative(root, p)).filter((r) => r !== "" && !r.startsWith("..") && !path.isAbsolute(r)).map((r) => r.split(path.sep).join("/"));
}
async function gitLines(io, cwd, args) {
  const lines = [];
  try {
    const code = await io.exec("git", args, { cwd, onLine: (l) => lines.push(l) });
    return code === 0 ? lines : null;
  } catch {
    return null;
  }
}
async function sourceTreeIdentity(io, sourceDir, exclude) {
  const tree = await gitLines(io, sourceDir, ["rev-parse", "HEAD:./"]);
  if (tree && tree[0]) {
    const excludes = insideOf(sourceDir, exclude).map((r) => `:(exclude)${r}`);
    const status = await gitLines(io, sourceDir, ["status", "--porcelain=v1", "--untracked-files=all", "--", ".", ...excludes]);
    if (status !== null) {
      if (status.length === 0) return { hash: tree[0], how: "git" };
      const diff = await gitLines(io, sourceDir, ["diff", "HEAD", "--binary", "--", ".", ...excludes]) ?? [];
      const untracked = await gitLines(io, sourceDir, ["ls-files", "--others", "--exclude-standard", "--", ".", ...excludes]) ?? [];
      const parts = [tree[0], "\0", diff.join("\n")];
      for (const rel of untracked.sort()) {
        parts.push("\0", rel, "\0");
        parts.push(await fs.readFile(path.join(sourceDir, rel)).catch(() => Buffer.from("(unreadable)")));
      }
      return { hash: sha256(parts), how: "git+changes" };
    }
  }
  return { hash: await contentHash(sourceDir, exclude), how: "content" };
}
async function contentHash(root, exclude, include = () => true) {
  const skip = new Set(exclude.map((p) => path.resolve(p)));
  const h = createHash("sha256");
  const walk = async (dir) => {
    const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.name === ".git" || skip.has(abs)) continue;
      if (e.isDirectory()) await walk(abs);
      else if ((e.isFile() || e.isSymbolicLink()) && include(e.name)) {
        h.update(path.relative(root, abs)).update("\0");
        h.update(e.isFile() ? await fs.readFile(abs) : await fs.readlink(abs)).update("\0");
      }
    }
  };
  await walk(path.resolve(root));
  return h.digest("hex");
}
function binaryCacheKey(tree, cmakeOptions, compiler, platform = process.platform, arch = process.arch) {
  const digest = sha256([tree.hash, "\0", cmakeOptions.join("\n"), "\0", compiler?.banner ?? "unknown compiler"]).slice(0, 40);
  return `flb-bin-${platform}-${arch}-${digest}`;
}
function keyPart(s) {
  return s.replace(/[,\s]+/g, "_");
}
function ccacheCacheKeys(scope, compiler, buildType, platform = process.platform, arch = process.arch) {
  const base = `flb-ccache-${platform}-${arch}-${keyPart(compiler ? `${compiler.id}${compiler.version}` : "cc")}-${keyPart(buildType)}-`;
  const restoreKeys = [`${base}${keyPart(scope.ref)}-`];
  if (scope.baseRef && scope.baseRef !== scope.ref) restoreKeys.push(`${base}${keyPart(scope.baseRef)}-`);
  restoreKeys.push(base);
  return { key: `${base}${keyPart(scope.ref)}-${keyPart(scope.unique)}`, restoreKeys };
}
function cacheScopeFromEnv(env) {
  const ref = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || "local";
  const unique = [env.GITHUB_SHA?.slice(0, 12), env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT].filter(Boolean).join("-") || `t${Date.now()}`;
  return { ref, ...env.GITHUB_BASE_REF ? { baseRef: env.GITHUB_BASE_REF } : {}, unique };
}

// src/build/build-fluent-bit.ts
import { createWriteStream, existsSync as existsSync3 } from "node:fs";
import fs6 from "node:fs/promises";
import path7 from "node:path";

// src/build/binary-reuse.ts
import { existsSync } from "node:fs";
import fs2 from "node:fs/promises";
import path2 from "node:path";

// src/build/build-flags.ts
function parseBuildFlags(helpLines) {
  for (const line of helpLines) {
    const m = /^\s*Build Flags\s*=?(.*)$/.exec(line);
    if (m) return m[1].split(/\s+/).filter((w) => w !== "");
  }
  return null;
}
async function readBuildFlags(io, binary, cwd) {
  const lines = [];
  await io.exec(binary, ["-h"], { cwd, onLine: (l) => lines.push(l) }).catch(() => -1);
  return parseBuildFlags(lines);
}

// src/build/binary-reuse.ts
var MARKER = "flb-valgrind-build.json";
async function reusableBinary(io, markerFile, binary, key) {
  const marker = await readMarker(markerFile);
  if (marker?.key !== key || !existsSync(binary)) return void 0;
  return await readVersion(io, binary, path2.dirname(markerFile)) ?? "";
}
async function restoreBinary(io, cache, paths, key, markerFile, binary) {
  const hit = await cache.restore(paths, key, []).catch((e) => {
    io.warning(`Could not restore a cached binary: ${e.message}`);
    return void 0;
  });
  if (hit !== key) return void 0;
  const version = await reusableBinary(io, markerFile, binary, key);
  if (version === void 0) io.warning(`The cached binary for ${key} did not come back whole: building.`);
  return version;
}
async function readMarker(file) {
  try {
    const data = JSON.parse(await fs2.readFile(file, "utf8"));
    if (typeof data === "object" && data !== null && "key" in data && typeof data.key === "string") {
      const options = "cmakeOptions" in data && Array.isArray(data.cmakeOptions) ? data.cmakeOptions.filter((o) => typeof o === "string") : [];
      return { key: data.key, cmakeOptions: options };
    }
  } catch {
  }
  return null;
}
async function readVersion(io, binary, cwd) {
  const lines = [];
  const code = await io.exec(binary, ["--version"], { cwd, onLine: (l) => lines.push(l) }).catch(() => -1);
  const first = lines.find((l) => l.trim() !== "")?.trim();
  return code === 0 ? first : void 0;
}
async function checkValgrindSupport(io, binary, cwd) {
  const flags = await readBuildFlags(io, binary, cwd);
  if (flags !== null && !flags.includes("FLB_HAVE_VALGRIND")) {
    io.warning(`${binary} was built without FLB_HAVE_VALGRIND (not listed under Build Flags in 'fluent-bit -h'): memcheck will report false errors from coroutine stack switches.`);
  }
  return flags;
}
async function writeMarker(file, marker) {
  await fs2.writeFile(file, `${JSON.stringify(marker, null, 2)}
`);
}

// src/build/ccache.ts
import os2 from "node:os";
import path5 from "node:path";

// src/build/configure-cache.ts
import { createHash as createHash2 } from "node:crypto";
import fs3 from "node:fs/promises";
import path3 from "node:path";
var CMAKE_FILE = /^(CMakeLists\.txt|.*\.cmake)$/;
var KEEP = 3;
function cmakeFilesHash(root, exclude) {
  return contentHash(root, exclude, (name) => CMAKE_FILE.test(name));
}
function configureKey(cmakeFiles, id) {
  const parts = [cmakeFiles, id.cmakeOptions.join("\n"), id.generator, id.compilerBanner, id.cmakeVersion, path3.resolve(id.buildDir), id.image, process.platform, process.arch];
  return createHash2("sha256").update(parts.join("\0")).digest("hex").slice(0, 40);
}
async function restoreConfigure(snapshots, key, buildDir) {
  const target = path3.join(buildDir, "CMakeCache.txt");
  if (await exists(target)) return false;
  const source = path3.join(snapshots, `${key}.CMakeCache.txt`);
  if (!await exists(source)) return false;
  await fs3.mkdir(buildDir, { recursive: true });
  await fs3.copyFile(source, target);
  return true;
}
async function saveConfigure(snapshots, key, buildDir) {
  await fs3.mkdir(snapshots, { recursive: true });
  await fs3.copyFile(path3.join(buildDir, "CMakeCache.txt"), path3.join(snapshots, `${key}.CMakeCache.txt`));
  const all = await Promise.all(
    (await fs3.readdir(snapshots)).filter((f) => f.endsWith(".CMakeCache.txt")).map(async (f) => ({ f, t: (await fs3.stat(path3.join(snapshots, f))).mtimeMs }))
  );
  for (const { f } of all.sort((a, b) => b.t - a.t).slice(KEEP)) await fs3.rm(path3.join(snapshots, f), { force: true });
}
function configureSnapshotDir(ccacheDir2) {
  return path3.join(path3.dirname(ccacheDir2), `${path3.basename(ccacheDir2)}-flb-cmake`);
}
async function exists(p) {
  return fs3.access(p).then(() => true, () => false);
}
async function prepareSnapshot(io, o) {
  const dir = configureSnapshotDir(o.ccacheDir);
  const files = await cmakeFilesHash(o.sourceDir, [o.buildDir, o.outDir, o.ccacheDir, dir]);
  const key = configureKey(files, {
    cmakeOptions: o.cmakeOptions,
    generator: o.generator,
    compilerBanner: o.compiler?.banner ?? "",
    cmakeVersion: o.cmakeVersion,
    buildDir: o.buildDir,
    image: [o.env.ImageOS, o.env.ImageVersion].filter(Boolean).join("-")
  });
  const used = await restoreConfigure(dir, key, o.buildDir);
  if (used) io.info("Configuring from a cached CMake configuration of the same CMake files and options (its checks are skipped).");
  return { dir, key, used };
}

// src/build/preflight.ts
import fs4 from "node:fs/promises";
import os from "node:os";
import path4 from "node:path";
async function runs(io, cmd, args, opts, onLine) {
  try {
    return await io.exec(cmd, args, { cwd: opts.cwd, env: opts.env, ...onLine ? { onLine } : {} }) === 0;
  } catch {
    return false;
  }
}
async function hasHeader(io, compiler, header, opts) {
  if (compiler === null) {
    return fs4.access(path4.join("/usr/include", header)).then(() => true, () => false);
  }
  const dir = await fs4.mkdtemp(path4.join(os.tmpdir(), "flb-preflight-"));
  try {
    const file = path4.join(dir, "probe.c");
    await fs4.writeFile(file, `#include <${header}>
int main(void) { return 0; }
`);
    return await runs(io, compiler.command, ["-fsyntax-only", file], opts);
  } finally {
    await fs4.rm(dir, { recursive: true, force: true });
  }
}
function optionIsOff(cmakeOptions, name) {
  return parseDefines(cmakeOptions).some((d) => d.kind === "set" && d.name === name && isCmakeFalse(d.value));
}
async function checkBuildDeps(io, opts) {
  const compiler = await detectCompiler(io, opts.cwd, opts.env);
  const chosen = userGenerator(opts.cmakeOptions);
  const ninja = await runs(io, "ninja", ["--version"], opts);
  const cmakeLines = [];
  const checks = [
    [{ what: "cmake", aptPackage: "cmake" }, () => runs(io, "cmake", ["--version"], opts, (l) => cmakeLines.push(l))],
    // Without -G: Ninja when installed, else make.
    chosen === "Ninja" ? [{ what: "ninja", aptPackage: "ninja-build" }, async () => ninja] : [{ what: "make", aptPackage: "make" }, async () => chosen === null && ninja || runs(io, "make", ["--version"], opts)],
    [{ what: `a C compiler (${opts.env.CC?.trim() || "cc"})`, aptPackage: "gcc" }, async () => compiler !== null],
    [{ what: "flex", aptPackage: "flex" }, () => runs(io, "flex", ["--version"], opts)],
    [{ what: "bison", aptPackage: "bison" }, () => runs(io, "bison", ["--version"], opts)],
    [{ what: "valgrind/valgrind.h", aptPackage: "valgrind" }, () => hasHeader(io, compiler, "valgrind/valgrind.h", opts)]
  ];
  if (!optionIsOff(opts.cmakeOptions, "FLB_CONFIG_YAML")) {
    checks.push([{ what: "yaml.h (libyaml)", aptPackage: "libyaml-dev" }, () => hasHeader(io, compiler, "yaml.h", opts)]);
  }
  const optional = [
    [{ what: "openssl/ssl.h", aptPackage: "libssl-dev", optional: "Fluent Bit builds without TLS" }, () => hasHeader(io, compiler, "openssl/ssl.h", opts)],
    [{ what: "pkg-config", aptPackage: "pkg-config", optional: "system libraries are found by header probes only" }, () => runs(io, "pkg-config", ["--version"], opts)]
  ];
  const missing = [];
  for (const [req, present] of checks) if (!await present()) missing.push(req);
  const absentOptional = [];
  for (const [req, present] of optional) if (!await present()) absentOptional.push(req);
  return { compiler, ninja, cmakeVersion: cmakeLines[0]?.trim() ?? "", missing, absentOptional };
}
function listWords(items) {
  return items.length <= 1 ? items[0] ?? "" : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
function missingDepsMessage(missing) {
  const packages = [...new Set(missing.map((m) => m.aptPackage))];
  return `Cannot build Fluent Bit: ${listWords(missing.map((m) => m.what))} ${missing.length === 1 ? "is" : "are"} missing. On Debian/Ubuntu install them with 'sudo apt-get install -y ${packages.join(" ")}', or set 'install-deps: true'.`;
}
async function preflight(io, opts) {
  const result = await checkBuildDeps(io, opts);
  for (const o of result.absentOptional) io.warning(`${o.what} not found (${o.optional}); apt package ${o.aptPackage}.`);
  if (result.missing.length > 0) throw new BuildError(missingDepsMessage(result.missing));
  return { compiler: result.compiler, ninja: result.ninja, cmakeVersion: result.cmakeVersion };
}
async function aptInstall2(io, packages, opts) {
  const exec = (cmd, args, o) => io.exec(cmd, args, { cwd: opts.cwd, env: o.env, onLine: o.onLine });
  await io.group(`Installing ${packages.join(" ")}`, async () => {
    try {
      await aptInstall(exec, packages, { env: opts.env, isRoot: opts.isRoot, onLine: (l) => io.info(l) });
    } catch (e) {
      if (!(e instanceof AptError)) throw e;
      throw new BuildError(`Cannot install ${packages.join(" ")}: ${e.message}${e.reason === "failed" ? "" : ". 'install-deps' works on Debian/Ubuntu runners only."}`);
    }
  });
}
async function ensureBuildDeps(io, settings, opts) {
  const pre = { cwd: opts.cwd, env: opts.env, cmakeOptions: settings.cmakeOptions };
  if (settings.installDeps) {
    const first = await checkBuildDeps(io, pre);
    const wanted = [...first.missing, ...first.absentOptional].map((m) => m.aptPackage);
    if (!first.ninja && userGenerator(settings.cmakeOptions) === null) wanted.push("ninja-build");
    if (first.missing.length > 0) await aptInstall2(io, [.../* @__PURE__ */ new Set([...wanted, ...first.compiler ? [] : ["g++"]])], opts);
    else if (wanted.length > 0) await aptInstall2(io, [...new Set(wanted)], opts).catch((e) => io.warning(e.message));
    const again = await checkBuildDeps(io, pre);
    if (again.missing.length > 0) throw new BuildError(`${missingDepsMessage(again.missing)} (apt-get install did not provide them)`);
    return { compiler: again.compiler, ninja: again.ninja, cmakeVersion: again.cmakeVersion };
  }
  return preflight(io, pre);
}

// src/build/ccache.ts
async function ccacheRuns(io, cwd, env) {
  try {
    return await io.exec("ccache", ["--version"], { cwd, env }) === 0;
  } catch {
    return false;
  }
}
async function resolveCcache(io, mode, opts) {
  if (mode === "false") return false;
  if (await ccacheRuns(io, opts.cwd, opts.env)) return true;
  if (mode === "auto") {
    io.info("ccache not found: building without it (set ccache: true to install it).");
    return false;
  }
  await aptInstall2(io, ["ccache"], opts);
  if (!await ccacheRuns(io, opts.cwd, opts.env)) throw new BuildError("'ccache' is true but ccache does not run after installing it.");
  return true;
}
function ccacheDir(env) {
  if (env.CCACHE_DIR) return env.CCACHE_DIR;
  if (env.RUNNER_TEMP) return path5.join(env.RUNNER_TEMP, "flb-ccache");
  return path5.join(os2.homedir(), ".cache", "ccache");
}
function ccacheEnv(env, dir, baseDir) {
  return {
    ...env,
    CCACHE_DIR: dir,
    CCACHE_BASEDIR: baseDir,
    CCACHE_NOHASHDIR: "true",
    // A runner image update that replaces the compiler must not reuse objects.
    CCACHE_COMPILERCHECK: env.CCACHE_COMPILERCHECK ?? "content",
    // A Debug Fluent Bit build is about 250 MB of objects in ccache.
    CCACHE_MAXSIZE: env.CCACHE_MAXSIZE ?? "1G"
  };
}
function parseCcacheStats(lines) {
  const values = /* @__PURE__ */ new Map();
  for (const l of lines) {
    const m = /^(\w+)\t(\d+)$/.exec(l.trim());
    if (m) values.set(m[1], Number(m[2]));
  }
  if (!values.has("cache_miss")) return null;
  const hits = (values.get("direct_cache_hit") ?? 0) + (values.get("preprocessed_cache_hit") ?? 0);
  return { hits, directHits: values.get("direct_cache_hit") ?? 0, misses: values.get("cache_miss") ?? 0 };
}
async function zeroCcacheStats(io, cwd, env) {
  await io.exec("ccache", ["--zero-stats"], { cwd, env }).catch(() => 1);
}
async function readCcacheStats(io, cwd, env) {
  const lines = [];
  const code = await io.exec("ccache", ["--print-stats"], { cwd, env, onLine: (l) => lines.push(l) }).catch(() => 1);
  return code === 0 ? parseCcacheStats(lines) : null;
}
async function prepareCcache(io, settings, opts) {
  const { sourceDir, buildDir } = settings;
  const dir = ccacheDir(opts.env);
  const enabled = await resolveCcache(io, settings.ccache, { cwd: sourceDir, env: opts.env, isRoot: opts.isRoot });
  const paths = [dir, configureSnapshotDir(dir)];
  if (!enabled) return { enabled, dir, paths, env: opts.env };
  const env = ccacheEnv(opts.env, dir, commonDir(sourceDir, buildDir));
  const setup = { enabled, dir, paths, env };
  if (opts.cache && opts.scope) {
    setup.keys = ccacheCacheKeys(opts.scope, opts.compiler, settings.buildType);
    const hit = await opts.cache.restore(paths, setup.keys.key, setup.keys.restoreKeys).catch((e) => {
      io.warning(`Could not restore the ccache directory: ${e.message}`);
      return void 0;
    });
    if (hit) setup.restoredFrom = hit;
    io.info(hit ? `ccache directory restored from cache key ${hit}` : "No cached ccache directory yet: a cold build.");
  }
  await zeroCcacheStats(io, sourceDir, env);
  return setup;
}
function commonDir(a, b) {
  const pa = path5.resolve(a).split(path5.sep);
  const pb = path5.resolve(b).split(path5.sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join(path5.sep) || path5.sep;
}

// src/build/cmake-steps.ts
import { existsSync as existsSync2 } from "node:fs";
import fs5 from "node:fs/promises";
import path6 from "node:path";

// src/build/compile-errors.ts
var GCC = /^(?<file>[^\s:][^:]*):(?<line>\d+):(?:(?<col>\d+):)?\s+(?<sev>fatal error|error|warning):\s+(?<msg>.*)$/;
var CMAKE = /^CMake (?<sev>Error|Warning)(?: \(dev\))? at (?<file>[^:]+):(?<line>\d+)(?: \([^)]*\))?:\s*$/;
function parseCompileDiagnostics(lines, opts = {}) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const push = (d) => {
    if (d.severity === "warning" && !opts.warnings) return;
    const key = `${d.severity}\0${d.file}\0${d.line}\0${d.col ?? ""}\0${d.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(d);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
    const g = GCC.exec(line)?.groups;
    if (g) {
      push({
        severity: g.sev === "warning" ? "warning" : "error",
        file: g.file,
        line: Number(g.line),
        ...g.col ? { col: Number(g.col) } : {},
        message: g.msg.trim()
      });
      continue;
    }
    const c = CMAKE.exec(line)?.groups;
    if (c) {
      const body = [];
      for (let j = i + 1; j < lines.length; j++) {
        const next = lines[j];
        if (next.trim() === "") {
          if (body.length > 0) break;
          continue;
        }
        if (!/^\s/.test(next)) break;
        body.push(next.trim());
      }
      push({ severity: c.sev === "Error" ? "error" : "warning", file: c.file, line: Number(c.line), message: body.join(" ") || `CMake ${c.sev}` });
    }
  }
  return out;
}

// src/build/cmake-steps.ts
var MAX_ANNOTATIONS = 10;
async function resetStaleConfiguration(buildDir, previousOptions, cmakeOptions, generator) {
  const cacheFile = path6.join(buildDir, "CMakeCache.txt");
  const cached = await fs5.readFile(cacheFile, "utf8").catch(() => null);
  if (cached === null) return;
  const used = /^CMAKE_GENERATOR:INTERNAL=(.*)$/m.exec(cached)?.[1];
  if (used !== void 0 && used !== generator) {
    await fs5.rm(path6.join(buildDir, "CMakeFiles"), { recursive: true, force: true });
    await fs5.rm(cacheFile, { force: true });
  } else if (previousOptions === null || previousOptions.join("\n") !== cmakeOptions.join("\n")) {
    await fs5.rm(cacheFile, { force: true });
  }
}
async function configureAndBuild(io, log, commands, ctx) {
  const fresh = !existsSync2(path6.join(ctx.buildDir, "CMakeCache.txt"));
  let configureSeconds = await step(io, log, "Configure Fluent Bit (cmake)", "cmake", commands.configure, ctx);
  if (fresh) configureSeconds += await step(io, log, "Configure Fluent Bit again (cmake: settles the flags of a fresh build dir)", "cmake", commands.configure, ctx);
  const compileSeconds = await step(io, log, commands.buildTitle, "cmake", commands.build, ctx);
  return { configureSeconds: Math.round(configureSeconds * 10) / 10, compileSeconds };
}
async function step(io, log, title, cmd, args, ctx) {
  const started = Date.now();
  log.write(`$ ${cmd} ${args.join(" ")}
`);
  const lines = [];
  const code = await io.group(title, async () => {
    io.info(`${cmd} ${args.join(" ")}`);
    try {
      return await io.exec(cmd, args, {
        cwd: ctx.sourceDir,
        env: ctx.env,
        onLine: (line) => {
          lines.push(line);
          log.write(`${line}
`);
          io.info(line);
        }
      });
    } catch (e) {
      throw new BuildError(`Cannot run ${cmd}: ${e.message}`, ctx.logFile);
    }
  });
  if (code === 0) return Math.round((Date.now() - started) / 100) / 10;
  if (!ctx.report) throw new BuildError(`${title} failed (${cmd} exited with ${code}).`, ctx.logFile);
  const diagnostics = parseCompileDiagnostics(lines).filter((d) => d.severity === "error");
  const exists2 = (p) => existsSync2(p);
  for (const d of diagnostics.slice(0, MAX_ANNOTATIONS)) {
    const file = findSourceFile(d.file, { dirs: [ctx.sourceDir, ctx.buildDir], roots: [ctx.sourceDir, ctx.workspace], workspace: ctx.workspace }, exists2);
    if (file) io.annotate({ level: "error", file, line: d.line, ...d.col ? { col: d.col } : {}, message: d.message });
  }
  io.info(`--- last ${Math.min(ctx.tail, lines.length)} lines of ${title} ---`);
  for (const l of lines.slice(-ctx.tail)) io.info(l);
  const first = diagnostics[0];
  const what = first ? `${diagnostics.length} error${diagnostics.length === 1 ? "" : "s"}, the first: ${first.file}:${first.line}: ${first.message}` : "see the end of the log above";
  throw new BuildError(`${title} failed (${cmd} exited with ${code}): ${what}. Full build log: ${ctx.logFile}`, ctx.logFile);
}

// src/build/build-fluent-bit.ts
function builtBinary(buildDir) {
  return path7.join(buildDir, "bin", "fluent-bit");
}
async function buildFluentBit(settings, io, outDir, options = {}) {
  const started = Date.now();
  const env = options.env ?? process.env;
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  const { sourceDir, buildDir } = settings;
  const workspace = options.workspace ?? sourceDir;
  const useCache = settings.cache && options.cache !== void 0 ? options.cache : void 0;
  const binary = builtBinary(buildDir);
  const markerFile = path7.join(buildDir, MARKER);
  await fs6.mkdir(outDir, { recursive: true });
  const logFile = path7.join(outDir, "build.log");
  if (!existsSync3(path7.join(sourceDir, "CMakeLists.txt"))) {
    throw new BuildError(`'source-dir' must be a Fluent Bit source tree with a CMakeLists.txt, got '${sourceDir}'.`);
  }
  const { compiler, ninja, cmakeVersion } = await ensureBuildDeps(io, settings, { cwd: sourceDir, env, isRoot });
  const cmakeOptions = cmakeArgs(settings, compiler);
  const tree = await sourceTreeIdentity(io, sourceDir, [buildDir, outDir, ccacheDir(env)]);
  const key = binaryCacheKey(tree, cmakeOptions, compiler);
  const info = (cached, ccache, version2, extra = {}) => ({
    sourceDir,
    buildDir,
    binary,
    ...version2 ? { version: version2 } : {},
    cmakeOptions,
    cached,
    ccache,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    logFile,
    cacheKey: key,
    ...compiler ? { compiler: compiler.banner } : {},
    ...extra
  });
  const reused = await reusableBinary(io, markerFile, binary, key) ?? (useCache ? await restoreBinary(io, useCache, [binary, markerFile], key, markerFile, binary) : void 0);
  if (reused !== void 0) {
    io.info(`Fluent Bit is up to date (${tree.how === "content" ? "source content" : `git tree ${tree.hash.slice(0, 12)}${tree.how === "git+changes" ? " with local changes" : ""}`}, same options): ${binary}`);
    await fs6.writeFile(logFile, `Reused ${binary}, built from the same source tree and options (key ${key}).
`);
    const buildFlags2 = await readBuildFlags(io, binary, buildDir);
    return info(true, false, reused || void 0, buildFlags2 ? { buildFlags: buildFlags2 } : {});
  }
  const cc = await prepareCcache(io, settings, { env, isRoot, compiler, cache: useCache, scope: options.scope });
  const generator = chooseGenerator(settings.cmakeOptions, ninja);
  await resetStaleConfiguration(buildDir, (await readMarker(markerFile))?.cmakeOptions ?? null, cmakeOptions, generator.name);
  const snapshot = cc.enabled ? await prepareSnapshot(io, { sourceDir, buildDir, outDir, ccacheDir: cc.dir, cmakeOptions, generator: generator.name, compiler, cmakeVersion, env }) : void 0;
  const launcher = ["C", "CXX"].map((lang) => `-DCMAKE_${lang}_COMPILER_LAUNCHER=${cc.enabled ? "ccache" : ""}`);
  const commands = {
    configure: ["-S", sourceDir, "-B", buildDir, ...generator.args, ...cmakeOptions, ...launcher],
    build: ["--build", buildDir, "--parallel", String(settings.jobs)],
    buildTitle: `Build Fluent Bit (${settings.jobs} jobs${cc.enabled ? ", ccache" : ""})`
  };
  let timings;
  const log = createWriteStream(logFile);
  try {
    const ctx = { sourceDir, buildDir, workspace, env: cc.env, logFile, tail: options.tailLines ?? 40, report: true };
    try {
      timings = await configureAndBuild(io, log, commands, { ...ctx, report: !snapshot?.used });
    } catch (e) {
      if (!snapshot?.used || !(e instanceof BuildError)) throw e;
      io.warning("The build from a cached CMake configuration failed: configuring from scratch.");
      await fs6.rm(path7.join(buildDir, "CMakeCache.txt"), { force: true });
      timings = await configureAndBuild(io, log, commands, ctx);
    }
  } finally {
    await new Promise((resolve) => log.end(resolve));
  }
  if (snapshot) await saveConfigure(snapshot.dir, snapshot.key, buildDir).catch((e) => io.warning(`Could not keep the CMake configuration: ${e.message}`));
  if (!existsSync3(binary)) {
    throw new BuildError(`The build succeeded but produced no ${binary}: is '${sourceDir}' a Fluent Bit source tree (FLB_BINARY on)? Build log: ${logFile}`, logFile);
  }
  const version = await readVersion(io, binary, buildDir);
  const buildFlags = await checkValgrindSupport(io, binary, buildDir);
  await writeMarker(markerFile, { key, ...version ? { version } : {}, cmakeOptions });
  const stats = cc.enabled ? await readCcacheStats(io, sourceDir, cc.env) : null;
  io.info(
    `Built ${version ?? binary} in ${Math.round((Date.now() - started) / 1e3)} s (configure ${timings.configureSeconds} s${snapshot?.used ? " from a cached configuration" : ""}, compile ${timings.compileSeconds} s${stats ? `; ccache ${stats.hits} hits (${stats.directHits} direct), ${stats.misses} misses` : cc.enabled ? "; ccache" : "; no ccache"}).`
  );
  if (useCache) {
    await useCache.save([binary, markerFile], key).catch((e) => io.warning(`Could not cache the built binary: ${e.message}`));
    const nothingNew = stats !== null && stats.misses === 0 && stats.directHits === stats.hits && cc.restoredFrom !== void 0 && snapshot?.used === true;
    if (cc.keys && !nothingNew) await useCache.save(cc.paths, cc.keys.key).catch((e) => io.warning(`Could not cache the ccache directory: ${e.message}`));
  }
  return info(false, cc.enabled, version, { ...timings, ...snapshot?.used ? { configureFromCache: true } : {}, ...stats ? { ccacheHits: stats.hits, ccacheMisses: stats.misses, ccacheDirectHits: stats.directHits } : {}, ...buildFlags ? { buildFlags } : {} });
}

export {
  cacheScopeFromEnv,
  buildFluentBit
};
