#!/usr/bin/env node
import { createRequire as __flbCreateRequire } from 'node:module';
const require = __flbCreateRequire(import.meta.url);

// src/build/compiler.ts
function parseCompilerVersion(command, output) {
  const banner = output.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
  const id = /clang/i.test(banner) ? "clang" : /\b(gcc|g\+\+|cc)\b|GCC|Free Software Foundation/.test(output) ? "gcc" : "unknown";
  const versions = [...banner.matchAll(/\b(\d+)\.(\d+)(?:\.(\d+))?\b/g)];
  const picked = id === "clang" ? versions[0] : versions[versions.length - 1];
  const version = picked?.[0] ?? "";
  const major = picked ? Number(picked[1]) : null;
  return { command, id, version, major, banner };
}
async function detectCompiler(io, cwd, env) {
  const command = env.CC?.trim() || "cc";
  const lines = [];
  try {
    const code = await io.exec(command, ["--version"], { cwd, env, onLine: (l) => lines.push(l) });
    if (code !== 0) return null;
  } catch {
    return null;
  }
  return parseCompilerVersion(command, lines.join("\n"));
}
function needsSimdutfOff(compiler) {
  return compiler?.id === "gcc" && compiler.major !== null && compiler.major <= 12;
}

// src/build/cmake-options.ts
var FALSE_CONSTANTS = /* @__PURE__ */ new Set(["0", "OFF", "NO", "FALSE", "N", "IGNORE", "NOTFOUND", ""]);
function isCmakeFalse(value) {
  const v = value.trim().toUpperCase();
  return FALSE_CONSTANTS.has(v) || v.endsWith("-NOTFOUND");
}
function parseDefines(words) {
  const out = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const flag = w.startsWith("-D") ? "D" : w.startsWith("-U") ? "U" : null;
    if (flag === null) continue;
    let body = w.slice(2);
    let text = w;
    if (body === "" && i + 1 < words.length) {
      body = words[++i];
      text = `${w} ${body}`;
    }
    if (flag === "U") {
      out.push({ text, kind: "unset", name: body, value: "" });
      continue;
    }
    const eq = body.indexOf("=");
    const lhs = eq < 0 ? body : body.slice(0, eq);
    out.push({ text, kind: "set", name: lhs.split(":")[0], value: eq < 0 ? "" : body.slice(eq + 1) });
  }
  return out;
}
function globMatches(pattern, name) {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${re}$`).test(name);
}
var WHY_VALGRIND = 'without it Fluent Bit does not register its coroutine stacks with Valgrind, and memcheck reports "client switching stacks?" and thousands of false errors';
var WHY_JEMALLOC = "jemalloc takes its memory straight from the kernel, so memcheck cannot see its allocations and leaks go unreported";
function validateCmakeOptions(options) {
  const problems = [];
  for (const d of parseDefines(options)) {
    if (d.kind === "unset") {
      if (globMatches(d.name, "FLB_VALGRIND")) problems.push(`'cmake-options' must not unset FLB_VALGRIND, got '${d.text}': ${WHY_VALGRIND}`);
      else if (globMatches(d.name, "FLB_JEMALLOC")) problems.push(`'cmake-options' must not unset FLB_JEMALLOC, got '${d.text}': the action sets it Off because ${WHY_JEMALLOC}`);
    } else if (d.name === "FLB_VALGRIND" && isCmakeFalse(d.value)) {
      problems.push(`'cmake-options' must not turn FLB_VALGRIND off, got '${d.text}': ${WHY_VALGRIND}`);
    } else if (d.name === "FLB_JEMALLOC" && !isCmakeFalse(d.value)) {
      problems.push(`'cmake-options' must not turn FLB_JEMALLOC on, got '${d.text}': ${WHY_JEMALLOC}`);
    }
  }
  for (const w of options) {
    if (/^(-S|-B|-H)/.test(w) || w === "--build") {
      problems.push(`'cmake-options' must not set the source or build directory, got '${w}': use the 'source-dir' and 'build-dir' inputs`);
    }
  }
  return problems.length === 0 ? null : problems.join("; ");
}
function userGenerator(options) {
  for (let i = 0; i < options.length; i++) {
    const w = options[i];
    if (w === "-G") return options[i + 1] ?? null;
    if (w.startsWith("-G")) return w.slice(2);
  }
  return null;
}
function chooseGenerator(options, ninjaInstalled) {
  const chosen = userGenerator(options);
  if (chosen !== null) return { name: chosen, args: [] };
  return ninjaInstalled ? { name: "Ninja", args: ["-G", "Ninja"] } : { name: "Unix Makefiles", args: [] };
}
function cmakeArgs(settings, compiler = null) {
  const userSets = new Set(parseDefines(settings.cmakeOptions).map((d) => d.name));
  const debug = settings.buildType === "Debug";
  const defaults = [
    `-DCMAKE_BUILD_TYPE=${settings.buildType}`,
    // FLB_DEBUG (default On in Fluent Bit) forces CMAKE_BUILD_TYPE=Debug: turn it off for other build types.
    `-DFLB_DEBUG=${debug ? "On" : "Off"}`,
    "-DFLB_TESTS_RUNTIME=Off",
    "-DFLB_TESTS_INTERNAL=Off",
    "-DFLB_EXAMPLES=Off",
    // With FLB_SHARED_LIB, src/ is compiled twice (static and shared); the action only needs bin/fluent-bit.
    "-DFLB_SHARED_LIB=Off",
    // The WASM runtime (WAMR) is a large build few leak runs need.
    "-DFLB_WASM=Off",
    // libbacktrace only prints Fluent Bit's own stack on a crash, which Valgrind does anyway; its
    // autotools configure runs in every fresh build dir (measured: 12 of 45 s of a warm build).
    "-DFLB_BACKTRACE=Off"
  ];
  if (needsSimdutfOff(compiler) && !userSets.has("FLB_USE_SIMDUTF")) defaults.push("-DFLB_USE_SIMDUTF=No");
  const kept = defaults.filter((d) => !userSets.has(parseDefines([d])[0]?.name ?? ""));
  return [...kept, ...settings.cmakeOptions, "-DFLB_VALGRIND=On", "-DFLB_JEMALLOC=Off"];
}

// src/build/types.ts
var BuildError = class extends Error {
  constructor(message, logFile) {
    super(message);
    this.logFile = logFile;
    this.name = "BuildError";
  }
  logFile;
};

// src/system/which.ts
import { access, constants, stat } from "node:fs/promises";
import path from "node:path";
async function isExecutable(file) {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
async function onPath(name, env = process.env) {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    const candidate = path.resolve(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

// src/system/apt.ts
var AptError = class extends Error {
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
  reason;
  name = "AptError";
};
var LAST_LINES = 20;
async function aptInstall(exec, packages, opts) {
  if (await onPath("apt-get", opts.env) === null) throw new AptError("no-apt-get", "apt-get was not found: this is not a Debian or Ubuntu system");
  if (!opts.isRoot && await onPath("sudo", opts.env) === null) throw new AptError("no-sudo", "installing needs root, or sudo, and neither is available");
  const env = { ...opts.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-q"], ["install", "-y", "-q", "--no-install-recommends", ...packages]]) {
    const [cmd, argv] = opts.isRoot ? ["apt-get", args] : ["sudo", ["-n", "DEBIAN_FRONTEND=noninteractive", "apt-get", ...args]];
    const last = [];
    const onLine = (line) => {
      opts.onLine(line);
      last.push(line);
      if (last.length > LAST_LINES) last.shift();
    };
    const shown = `${cmd} ${argv.join(" ")}`;
    let code;
    try {
      code = await exec(cmd, argv, { env, onLine });
    } catch (e) {
      throw new AptError("failed", `'${shown}' did not start: ${e.message}`);
    }
    if (code !== 0) {
      const hint = opts.isRoot ? "" : " (not root: installing needs password-less sudo)";
      throw new AptError("failed", `'${shown}' failed with exit code ${code}${hint}${last.length > 0 ? `:
${last.join("\n")}` : ""}`);
    }
  }
}

export {
  detectCompiler,
  isCmakeFalse,
  parseDefines,
  validateCmakeOptions,
  userGenerator,
  chooseGenerator,
  cmakeArgs,
  isExecutable,
  onPath,
  AptError,
  aptInstall,
  BuildError
};
