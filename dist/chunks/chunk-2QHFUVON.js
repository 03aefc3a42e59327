#!/usr/bin/env node
import { createRequire as __flbCreateRequire } from 'node:module';
const require = __flbCreateRequire(import.meta.url);
import {
  LEAK_KINDS,
  SCHEMA_VERSION,
  addTotals,
  fingerprintOfKey,
  identityKey,
  zeroTotals
} from "./chunk-EA6RZQWF.js";
import {
  AptError,
  BuildError,
  aptInstall,
  isExecutable,
  onPath,
  validateCmakeOptions
} from "./chunk-DT67M3DM.js";

// src/run/plan.ts
import path2 from "node:path";

// src/run/valgrind-args.ts
import path from "node:path";

// src/run/errors.ts
var RunError = class extends Error {
  name = "RunError";
};
var ValgrindNotFoundError = class extends RunError {
  name = "ValgrindNotFoundError";
};

// src/run/valgrind-args.ts
function defaultValgrindArgs(xmlPattern) {
  return [
    "--tool=memcheck",
    "--xml=yes",
    `--xml-file=${xmlPattern}`,
    "--leak-check=full",
    "--show-leak-kinds=all",
    "--errors-for-leak-kinds=definite,possible",
    "--num-callers=40",
    "--error-limit=no",
    "--trace-children=no",
    "--child-silent-after-fork=no"
  ];
}
function flagName(arg) {
  const eq = arg.indexOf("=");
  return eq === -1 ? arg : arg.slice(0, eq);
}
function buildValgrindArgs(settings, xmlPattern) {
  const problem = validateValgrindArgs(settings.valgrindArgs);
  if (problem !== null) throw new RunError(problem);
  const userNames = new Set(settings.valgrindArgs.map(flagName));
  const defaults = defaultValgrindArgs(xmlPattern).filter((arg) => !userNames.has(flagName(arg)));
  const suppressions = settings.suppressions.map(
    (file) => `--suppressions=${path.resolve(settings.workingDirectory, file)}`
  );
  return [...defaults, ...settings.valgrindArgs, ...suppressions];
}
var OWNED_BY_ACTION = /* @__PURE__ */ new Set(["--xml-file", "--xml-fd", "--xml-socket", "--log-file", "--log-fd", "--log-socket"]);
var EXITS_AT_ONCE = /* @__PURE__ */ new Set(["-h", "--help", "--help-debug", "--help-dyn-options", "--version"]);
function validateValgrindArgs(args) {
  for (const arg of args) {
    const problem = checkOne(arg);
    if (problem !== null) return `'valgrind-args' ${problem}`;
  }
  return null;
}
function checkOne(arg) {
  const name = flagName(arg);
  const value = arg.slice(name.length + 1);
  if (!arg.startsWith("-") || arg === "-" || arg === "--") {
    return `takes only Valgrind options starting with '-', got '${arg}'; put the program's own arguments in 'args'`;
  }
  if (arg === "-q" || name === "--quiet") {
    return `cannot contain '${arg}': quiet mode removes the leak and error summaries the report needs; remove it (-v and other options are accepted)`;
  }
  if (name === "--xml") {
    return value === "yes" ? null : `cannot contain '${arg}': the report is read from Valgrind's XML; accepted: '--xml=yes' or leaving it out`;
  }
  if (OWNED_BY_ACTION.has(name)) {
    return `cannot contain '${arg}': the action writes Valgrind's output itself, one XML file per process in 'out-dir'; remove it`;
  }
  if (name === "--tool") {
    return value === "memcheck" ? null : `cannot contain '${arg}': only memcheck writes leak reports; accepted: '--tool=memcheck' or leaving it out`;
  }
  if (name === "--leak-check" && value === "no") {
    return `cannot contain '${arg}': without a leak check every run would pass; accepted: '--leak-check=full' or '--leak-check=summary'`;
  }
  if (EXITS_AT_ONCE.has(name)) {
    return `cannot contain '${arg}': Valgrind would print it and exit without running the program; remove it`;
  }
  return null;
}

// src/run/plan.ts
var DEFAULT_READY_PATTERN = String.raw`\[sp\] stream processor started|\[engine\] Shutdown Grace Period=`;
var XML_FILE_PATTERN = "valgrind.%p.xml";
var OUTPUT_FILE = "program-output.log";
var DEFAULT_ESCALATE_SIGNAL = "SIGUSR1";
var DEFAULT_ESCALATE_TIMEOUT_MS = 2e4;
var DEFAULT_CANCEL_GRACE_MS = 2e3;
function escalateSignalFor(stopSignal) {
  return stopSignal === DEFAULT_ESCALATE_SIGNAL || stopSignal === "SIGKILL" ? null : DEFAULT_ESCALATE_SIGNAL;
}
function planFromSettings(settings, valgrind, program) {
  const config = settings.config === null ? [] : ["-c", settings.config];
  return {
    valgrind,
    valgrindArgs: buildValgrindArgs(settings, path2.join(settings.outDir, XML_FILE_PATTERN)),
    program,
    args: [...config, ...settings.args],
    cwd: settings.workingDirectory,
    outDir: settings.outDir,
    durationMs: settings.durationSeconds * 1e3,
    readyPattern: settings.readyPattern,
    readyTimeoutMs: settings.readyTimeoutSeconds * 1e3,
    stopSignal: settings.stopSignal,
    shutdownTimeoutMs: settings.shutdownTimeoutSeconds * 1e3,
    escalateSignal: escalateSignalFor(settings.stopSignal),
    escalateTimeoutMs: DEFAULT_ESCALATE_TIMEOUT_MS
  };
}

// src/settings/errors.ts
var SettingsError = class extends Error {
  constructor(problems) {
    super(problems.length === 1 ? problems[0] : `${problems.length} inputs are invalid:
- ${problems.join("\n- ")}`);
    this.problems = problems;
    this.name = "SettingsError";
  }
  problems;
};

// src/settings/read-settings.ts
import path3 from "node:path";

// src/settings/shell-words.ts
function splitShellWords(line) {
  const words = [];
  let word = "";
  let inWord = false;
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === "\\" && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\") {
      if (i + 1 >= line.length) return { error: "ends with a lone backslash" };
      const next = line[++i];
      if (next !== "\n") word += next;
      inWord = inWord || next !== "\n";
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { error: `has an unclosed ${quote === "'" ? "single" : "double"} quote` };
  if (inWord) words.push(word);
  return { words };
}

// src/settings/inputs.ts
var spec = (group, name, def, description, kind = "string", cli = true) => ({ name, default: def, description, kind, cli, group });
var INPUTS = [
  spec("run", "binary", "", "Program to run under Valgrind, e.g. build/bin/fluent-bit. Required unless `build` is true (then the built bin/fluent-bit)."),
  spec("run", "args", "", "Arguments for the program, split the way a shell would (quotes honoured), never run through a shell. E.g. `-i dummy -o null`."),
  spec("run", "config", "", "A Fluent Bit configuration file, passed as `-c FILE`."),
  spec("run", "working-directory", ".", "Directory the program runs in; relative paths of the other inputs are taken from the workspace."),
  spec("run", "duration", "60", "Seconds the program runs after it is ready, before the stop signal (1 to 21600)."),
  spec("run", "ready-pattern", DEFAULT_READY_PATTERN, "Regular expression matched against the program's output; the duration starts when it matches. Empty: start at launch."),
  spec("run", "ready-timeout", "120", "Seconds to wait for `ready-pattern` before giving up (the run is then incomplete)."),
  spec("run", "stop-signal", "SIGTERM", "The one signal sent after the duration: SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1 or SIGUSR2."),
  spec("run", "shutdown-timeout", "60", "Seconds to wait for the program to exit after the stop signal. Past it the shutdown is hung: SIGUSR1 makes Valgrind write its report, then SIGKILL."),
  spec("run", "valgrind-args", "", "Extra Valgrind flags, e.g. `--track-origins=yes`. A flag given here replaces the default of the same name; flags that would break the report (`-q`, `--xml=no`, `--log-file`, ...) are refused."),
  spec("run", "suppressions", "", "Valgrind suppression files, one per line.", "multiline"),
  spec("run", "out-dir", "flb-valgrind-out", "Where the XML logs, the program's output, report.json and the build log go."),
  spec("run", "install-valgrind", "false", "Install Valgrind with apt-get (through sudo when not root) if it is missing.", "boolean"),
  spec("judge", "max-definitely-lost-bytes", "0", "Fail when more bytes than this are definitely lost."),
  spec("judge", "max-possibly-lost-bytes", "0", "Fail when more bytes than this are possibly lost."),
  spec("judge", "max-indirectly-lost-bytes", "", "Fail when more bytes than this are indirectly lost. Empty: reported, not checked."),
  spec("judge", "max-errors", "0", "Fail when Valgrind reports more memory errors than this (invalid reads and writes, uninitialised values, bad frees...)."),
  spec("judge", "fail-on-threshold", "true", "Fail the step when a threshold is exceeded or the run could not be judged. `false`: report only.", "boolean"),
  spec("build", "build", "false", "Compile Fluent Bit with `-DFLB_VALGRIND=On -DFLB_JEMALLOC=Off` before the run.", "boolean"),
  spec("build", "source-dir", ".", "The Fluent Bit source tree to build."),
  spec("build", "build-dir", "", "The CMake build directory. Empty: `build-valgrind` inside `source-dir`."),
  spec("build", "build-type", "Debug", "CMAKE_BUILD_TYPE: Debug, RelWithDebInfo, Release or MinSizeRel."),
  spec("build", "cmake-options", "", "Extra CMake options, e.g. `-DFLB_OUT_KAFKA=Off`. Options that turn FLB_VALGRIND off or FLB_JEMALLOC on are refused."),
  spec("build", "build-jobs", "", "Parallel compile jobs. Empty: the runner's CPU count."),
  spec("build", "ccache", "auto", "Use ccache: `auto` (when installed), `true` (install it if missing) or `false`."),
  spec("build", "install-deps", "false", "Install missing build dependencies with apt-get on Debian/Ubuntu runners (through sudo when not root).", "boolean"),
  spec("build", "cache", "true", "Cache ccache's directory and the built binary across workflow runs with the Actions cache.", "boolean", false),
  spec("report", "report-file", "", "Publish an existing report.json (from an earlier run's artifact) instead of running anything: re-judged with this step's thresholds. For PRs from forks, see docs/forks.md.", "string", false),
  spec("report", "pr-number", "", "The pull request to comment on. Empty: the one of the triggering event.", "string", false),
  spec("report", "comment", "always", "The sticky PR comment: `always`, `on-failure` (only when the verdict is not pass, and kept up to date once posted), `on-change` (only when the totals differ from the comment already there) or `never`.", "string", false),
  spec("report", "comment-key", "", "Tells this step's comment apart from others on the same PR. Empty: derived from workflow, job and `matrix`.", "string", false),
  spec("report", "matrix", "", "In a matrix job, `${{ toJSON(matrix) }}`: an action cannot see the matrix, and its values keep each leg's comment and artifact apart.", "string", false),
  spec("report", "github-token", "${{ github.token }}", "Token for the PR comment. PRs from forks get a read-only token: see the README for the two-workflow pattern.", "string", false),
  spec("report", "annotations", "true", "Annotate the source lines that allocated each leak or error.", "boolean", false),
  spec("report", "upload-artifact", "true", "Upload report.json, the XML logs, the output, the build log and a suppressions file as an artifact.", "boolean", false),
  spec("report", "artifact-name", "", "Name of the artifact. Empty: `flb-valgrind-` plus the job and the `matrix` values (names must be unique in a run).", "string", false),
  spec("report", "retention-days", "", "Days to keep the artifact (1 to 90). Empty: the repository's default.", "string", false)
];
function inputSpec(name) {
  const found = INPUTS.find((i) => i.name === name);
  if (!found) throw new Error(`unknown input '${name}'`);
  return found;
}

// src/settings/validate.ts
var STOP_SIGNALS = ["SIGTERM", "SIGINT", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2"];
var TRUE = ["true", "True", "TRUE"];
var FALSE = ["false", "False", "FALSE"];
var InputReader = class {
  /** `get` returns undefined for an input that was not given at all. */
  constructor(get) {
    this.get = get;
  }
  get;
  problems = [];
  /** The trimmed value, or the input's default when empty. */
  raw(name) {
    const value = (this.get(name) ?? "").trim();
    return value === "" ? inputSpec(name).default : value;
  }
  /** A problem for `name`, in the one format every message uses. */
  fail(name, value, accepted) {
    this.problems.push(`'${name}' must be ${accepted}, got '${value}'`);
  }
  optional(name) {
    const value = this.raw(name);
    return value === "" ? null : value;
  }
  wholeNumber(name, min, max, unit = "") {
    return this.optionalWholeNumber(name, min, max, unit) ?? min;
  }
  optionalWholeNumber(name, min, max, unit = "") {
    const value = this.raw(name);
    if (value === "") return null;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const what = unit ? `a whole number of ${unit}` : "a whole number";
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
      this.fail(name, value, `${what} ${range}`);
      return null;
    }
    return n;
  }
  boolean(name) {
    const value = this.raw(name);
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value)) return false;
    this.fail(name, value, "true or false");
    return inputSpec(name).default === "true";
  }
  oneOf(name, values) {
    const value = this.raw(name);
    const found = values.find((v) => v.toLowerCase() === value.toLowerCase());
    if (found) return found;
    this.fail(name, value, `one of ${values.join(", ")}`);
    return values[0];
  }
  regex(name) {
    const value = this.get(name) === void 0 ? inputSpec(name).default : this.rawAllowEmpty(name);
    if (value === "") return null;
    try {
      return new RegExp(value);
    } catch (e) {
      this.fail(name, value, `a valid JavaScript regular expression (${e.message})`);
      return null;
    }
  }
  /** A signal name, with or without the SIG prefix, in any case. */
  signal(name, allowed) {
    const value = this.raw(name);
    const upper = value.toUpperCase();
    const full = upper.startsWith("SIG") ? upper : `SIG${upper}`;
    if (allowed.includes(full)) return full;
    this.fail(name, value, `one of ${allowed.join(", ")}`);
    return allowed[0];
  }
  words(name) {
    const value = this.raw(name);
    const split = splitShellWords(value);
    if ("error" in split) {
      this.problems.push(`'${name}' ${split.error}: got '${value}'; quote words the way a shell would`);
      return [];
    }
    return split.words;
  }
  /** Non-empty lines, trimmed; `#` starts a comment line. */
  lines(name) {
    return this.raw(name).split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  }
  /** The value as given, where an explicitly empty value means "none" rather than "default". */
  rawAllowEmpty(name) {
    return (this.get(name) ?? "").trim();
  }
};

// src/settings/read-settings.ts
var MAX_SECONDS = 6 * 60 * 60;
var MAX_BYTES = Number.MAX_SAFE_INTEGER;
function readSettings(get, env, rules = {}, purpose = "run") {
  const r = new InputReader(get);
  const fromWorkspace = (p) => path3.resolve(env.workspace, p);
  const build2 = readBuild(r, env, fromWorkspace);
  const run2 = readRun(r, fromWorkspace);
  const reportFile = r.optional("report-file");
  const settings = {
    reportFile: reportFile === null ? null : fromWorkspace(reportFile),
    run: run2,
    build: build2,
    policy: readPolicy(r),
    failOnThreshold: r.boolean("fail-on-threshold"),
    report: readReport(r)
  };
  if (reportFile !== null && build2.enabled) {
    r.problems.push("'report-file' publishes an existing report, so it cannot be combined with 'build: true'");
  }
  if (purpose === "run" && reportFile === null && run2.binary === null && !build2.enabled) {
    r.problems.push("'binary' is required unless 'build' is true: set 'binary' to the program to run (e.g. build/bin/fluent-bit), or 'build: true' to compile Fluent Bit first");
  }
  checkRule(r, "valgrind-args", run2.valgrindArgs, rules.valgrindArgs);
  checkRule(r, "cmake-options", build2.cmakeOptions, rules.cmakeOptions);
  if (r.problems.length > 0) throw new SettingsError(r.problems);
  return settings;
}
function checkRule(r, name, words, rule) {
  const problem = rule?.(words);
  if (problem) r.problems.push(problem.includes(`'${name}'`) ? problem : `'${name}': ${problem}`);
}
function readRun(r, fromWorkspace) {
  const binary = r.optional("binary");
  const config = r.optional("config");
  return {
    // Like a shell: a bare name is looked up on PATH, a name with a slash is a path.
    binary: binary === null ? null : binary.includes("/") ? fromWorkspace(binary) : binary,
    args: r.words("args"),
    config: config === null ? null : fromWorkspace(config),
    workingDirectory: fromWorkspace(r.raw("working-directory")),
    durationSeconds: r.wholeNumber("duration", 1, MAX_SECONDS, "seconds"),
    readyPattern: r.regex("ready-pattern"),
    readyTimeoutSeconds: r.wholeNumber("ready-timeout", 1, MAX_SECONDS, "seconds"),
    stopSignal: r.signal("stop-signal", STOP_SIGNALS),
    shutdownTimeoutSeconds: r.wholeNumber("shutdown-timeout", 1, MAX_SECONDS, "seconds"),
    valgrindArgs: r.words("valgrind-args"),
    suppressions: r.lines("suppressions").map(fromWorkspace),
    outDir: fromWorkspace(r.raw("out-dir")),
    installValgrind: r.boolean("install-valgrind")
  };
}
function readPolicy(r) {
  return {
    maxDefinitelyLostBytes: r.wholeNumber("max-definitely-lost-bytes", 0, MAX_BYTES, "bytes"),
    maxPossiblyLostBytes: r.wholeNumber("max-possibly-lost-bytes", 0, MAX_BYTES, "bytes"),
    maxIndirectlyLostBytes: r.optionalWholeNumber("max-indirectly-lost-bytes", 0, MAX_BYTES, "bytes"),
    maxErrors: r.wholeNumber("max-errors", 0, MAX_BYTES, "errors")
  };
}
function readBuild(r, env, fromWorkspace) {
  const sourceDir = fromWorkspace(r.raw("source-dir"));
  const buildDir = r.optional("build-dir");
  return {
    enabled: r.boolean("build"),
    sourceDir,
    buildDir: buildDir === null ? path3.join(sourceDir, "build-valgrind") : fromWorkspace(buildDir),
    buildType: r.oneOf("build-type", ["Debug", "RelWithDebInfo", "Release", "MinSizeRel"]),
    cmakeOptions: r.words("cmake-options"),
    jobs: r.optionalWholeNumber("build-jobs", 1, 1024, "jobs") ?? Math.max(1, env.cpuCount),
    ccache: r.oneOf("ccache", ["auto", "true", "false"]),
    installDeps: r.boolean("install-deps"),
    cache: r.boolean("cache")
  };
}
function readReport(r) {
  return {
    prNumber: r.optionalWholeNumber("pr-number", 1, Number.MAX_SAFE_INTEGER),
    comment: r.oneOf("comment", ["always", "on-failure", "on-change", "never"]),
    commentKey: r.optional("comment-key"),
    matrix: r.optional("matrix"),
    // Outside a workflow the default expression is not expanded: no token then.
    githubToken: r.raw("github-token").startsWith("${{") ? "" : r.raw("github-token"),
    annotations: r.boolean("annotations"),
    uploadArtifact: r.boolean("upload-artifact"),
    artifactName: artifactName(r),
    retentionDays: r.optionalWholeNumber("retention-days", 1, 90, "days")
  };
}
var BAD_ARTIFACT_CHARS = /[":<>|*?\r\n\\/]/;
function artifactName(r) {
  const name = r.optional("artifact-name");
  if (name !== null && BAD_ARTIFACT_CHARS.test(name)) {
    r.fail("artifact-name", name, 'a name without any of " : < > | * ? \\ / or line breaks');
    return null;
  }
  return name;
}

// src/entry/rules.ts
var settingsRules = {
  valgrindArgs: validateValgrindArgs,
  cmakeOptions: validateCmakeOptions
};

// src/pipeline/run-pipeline.ts
import { mkdir as mkdir2, open as open2, writeFile } from "node:fs/promises";
import path8 from "node:path";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

// src/judge/judge.ts
var LIMIT_INPUT = {
  definitelyLost: "max-definitely-lost-bytes",
  indirectlyLost: "max-indirectly-lost-bytes",
  possiblyLost: "max-possibly-lost-bytes",
  errors: "max-errors"
};
var LABEL = {
  definitelyLost: "definitely lost",
  indirectlyLost: "indirectly lost",
  possiblyLost: "possibly lost",
  errors: "memory errors"
};
function judge(report, policy, run2) {
  const t = report.totals;
  const checks = [
    check("definitelyLost", t.definitelyLost.bytes, policy.maxDefinitelyLostBytes),
    check("indirectlyLost", t.indirectlyLost.bytes, policy.maxIndirectlyLostBytes),
    check("possiblyLost", t.possiblyLost.bytes, policy.maxPossiblyLostBytes),
    check("errors", t.errors, policy.maxErrors)
  ];
  const incomplete = [...report.incompleteReasons, ...run2 ? runIncomplete(run2) : []];
  if (!report.complete && report.incompleteReasons.length === 0) incomplete.push("the Valgrind report is incomplete");
  const failures = [...run2 ? runFailures(run2) : [], ...crashes(report, run2), ...checks.filter((c) => c.exceeded).map(describe)];
  const outcome = incomplete.length > 0 ? "incomplete" : failures.length > 0 ? "fail" : "pass";
  return { outcome, reasons: [...incomplete, ...failures], checks };
}
function check(what, actual, limit) {
  return { what, actual, limit, exceeded: limit !== null && actual > limit };
}
function describe(c) {
  const unit = c.what === "errors" ? "" : " bytes";
  return `${LABEL[c.what]}: ${c.actual}${unit}, over the limit of ${c.limit}${unit} (${LIMIT_INPUT[c.what]})`;
}
var seconds = (ms) => `${(ms / 1e3).toFixed(1)} s`;
function exitStatus(run2) {
  if (run2.exitSignal) return `was killed by ${run2.exitSignal}`;
  return `exited with code ${run2.exitCode ?? "unknown"}`;
}
function runIncomplete(run2) {
  switch (run2.end) {
    case "exited-early":
      if (run2.exitSignal && run2.exitSignal !== run2.stopSignal) return [];
      return [`the program ${exitStatus(run2)} after ${seconds(run2.totalMs)}, before the ${run2.durationSeconds} s duration ended${tail(run2)}`];
    case "not-ready":
      return [`the program never printed the ready pattern; it was stopped after ${seconds(run2.totalMs)}${tail(run2)}`];
    case "hung-killed":
      return [`the program did not exit after ${run2.signals.map((s) => s.signal).join(", then ")}: it was killed with SIGKILL and Valgrind wrote no leak report`];
    case "cancelled":
      return ["the run was cancelled before it finished"];
    default:
      return [];
  }
}
function runFailures(run2) {
  if (run2.end !== "hung-escalated") return [];
  const escalation = run2.signals.find((s) => s.reason === "escalate");
  return [
    `hung shutdown: the program did not exit after ${run2.stopSignal}; ${escalation?.signal ?? "a second signal"} made Valgrind write its report without the program's cooperation (leaks of interrupted work are included)`
  ];
}
function crashes(report, run2) {
  const escalated = new Set(run2?.signals.map((s) => s.signal) ?? []);
  const crashed = report.processes.filter((p) => p.fatalSignal && !escalated.has(p.fatalSignal));
  if (crashed.length > 0) return crashed.map((p) => `process ${p.pid} crashed with ${p.fatalSignal}`);
  if (run2?.end === "exited-early" && run2.exitSignal && run2.exitSignal !== run2.stopSignal) {
    return [`the program crashed with ${run2.exitSignal} after ${seconds(run2.totalMs)}${tail(run2)}`];
  }
  return [];
}
function tail(run2) {
  const last = run2.outputTail.slice(-5).join("\n");
  return last ? `; its last output:
${last}` : "";
}

// src/parse/index.ts
import { open } from "node:fs/promises";
import path4 from "node:path";

// src/parse/merge.ts
function addPids(into, from) {
  for (const p of from) if (!into.includes(p)) into.push(p);
}
function mergeLeaks(results) {
  const byFp = /* @__PURE__ */ new Map();
  for (const r of results) {
    for (const l of r.leaks) {
      const had = byFp.get(l.fingerprint);
      if (!had) {
        byFp.set(l.fingerprint, { ...l, pids: [...l.pids], stack: l.stack });
        continue;
      }
      had.bytes += l.bytes;
      had.indirectBytes += l.indirectBytes;
      had.blocks += l.blocks;
      had.records += l.records;
      addPids(had.pids, l.pids);
      if (had.suppression === void 0 && l.suppression !== void 0) had.suppression = l.suppression;
    }
  }
  const order = new Map(LEAK_KINDS.map((k, i) => [k, i]));
  return [...byFp.values()].sort(
    (a, b) => (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0) || b.bytes - a.bytes || b.indirectBytes - a.indirectBytes || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)
  );
}
function mergeErrors(results) {
  const byFp = /* @__PURE__ */ new Map();
  for (const r of results) {
    for (const e of r.errors) {
      const had = byFp.get(e.fingerprint);
      if (!had) {
        byFp.set(e.fingerprint, { ...e, pids: [...e.pids] });
        continue;
      }
      had.count += e.count;
      addPids(had.pids, e.pids);
      if (had.suppression === void 0 && e.suppression !== void 0) had.suppression = e.suppression;
    }
  }
  return [...byFp.values()].sort(
    (a, b) => b.count - a.count || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)
  );
}
function mergeSuppressions(results) {
  const counts = /* @__PURE__ */ new Map();
  for (const r of results) for (const s of r.suppressions) counts.set(s.name, (counts.get(s.name) ?? 0) + s.count);
  return [...counts].map(([name, count2]) => ({ name, count: count2 })).sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
}
function mergeReport(results, problems, unused) {
  const incompleteReasons = [
    ...problems.map((p) => `${p.file}: ${p.reason}`),
    ...results.flatMap((r) => r.process.incompleteReasons)
  ];
  const warnings = [];
  for (const w of results.flatMap((r) => r.warnings)) if (!warnings.includes(w)) warnings.push(w);
  const report = {
    schemaVersion: SCHEMA_VERSION,
    complete: incompleteReasons.length === 0 && results.length > 0 && results.every((r) => r.process.complete),
    incompleteReasons: results.length === 0 && problems.length === 0 ? ["no Valgrind output was given"] : incompleteReasons,
    totals: results.reduce((t, r) => addTotals(t, r.process.totals), zeroTotals()),
    processes: results.map((r) => r.process),
    leaks: mergeLeaks(results),
    errors: mergeErrors(results),
    suppressions: mergeSuppressions(results),
    warnings
  };
  if (unused !== void 0) report.unusedSuppressions = unused;
  return report;
}

// src/parse/suppressions-file.ts
import { readFile } from "node:fs/promises";
function suppressionNames(text) {
  const names = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] ?? "").trim() !== "{") continue;
    for (let j = i + 1; j < lines.length; j++) {
      const t = (lines[j] ?? "").trim();
      if (t === "" || t.startsWith("#")) continue;
      if (t !== "}") names.push(t);
      i = j;
      break;
    }
  }
  return names;
}
async function findUnusedSuppressions(files, results) {
  const used = new Set(results.flatMap((r) => r.suppressions.filter((s) => s.count > 0).map((s) => s.name)));
  let readAny = false;
  const unused = [];
  for (const file of files) {
    let text;
    try {
      text = await readFile(file, "utf8");
    } catch {
      continue;
    }
    readAny = true;
    for (const name of suppressionNames(text)) if (!used.has(name)) unused.push({ name, file });
  }
  return readAny ? unused : void 0;
}

// src/parse/text-report.ts
import { isAscii } from "node:buffer";

// src/parse/process-builder.ts
function zeroLeakSummary() {
  const { errors: _errors, ...rest } = zeroTotals();
  return rest;
}
function own(s) {
  return s === void 0 || s.length < 13 ? s : Buffer.from(s, "utf8").toString("utf8");
}
function ownFrames(stack2, pool) {
  const shared = (s) => {
    let p = pool.get(s);
    if (p === void 0) {
      p = own(s);
      pool.set(p, p);
    }
    return p;
  };
  return stack2.map((f) => {
    const o = {};
    if (f.fn !== void 0) o.fn = own(f.fn);
    if (f.file !== void 0) o.file = shared(f.file);
    if (f.dir !== void 0) o.dir = shared(f.dir);
    if (f.line !== void 0) o.line = f.line;
    if (f.obj !== void 0) o.obj = shared(f.obj);
    return o;
  });
}
var KIND_WORDS = {
  definitelyLost: "definitely lost",
  indirectlyLost: "indirectly lost",
  possiblyLost: "possibly lost",
  stillReachable: "still reachable"
};
var ProcessBuilder = class {
  pid = 0;
  ppid;
  tool;
  valgrindVersion;
  protocolVersion;
  argv;
  fatalSignal;
  /** The last leak summary Valgrind printed (the exit one), if any. */
  summary;
  inUseAtExit;
  /** Non-leak errors counted by a source other than the records (text ERROR SUMMARY). */
  errorsTotal;
  /** Protocol 6 `<error_summary><errors>`: every error, leak errors included. */
  errorSummaryErrors;
  incompleteReasons = [];
  warnings = [];
  suppressions = [];
  leaks = /* @__PURE__ */ new Map();
  errors = /* @__PURE__ */ new Map();
  /** One copy of each object path, directory and file name in the kept stacks. */
  pool = /* @__PURE__ */ new Map();
  /** Adds a loss record, merging it into an earlier one with the same identity. */
  addLeak(r) {
    const key = identityKey(r.kind, r.stack);
    const had = this.leaks.get(key);
    if (had) {
      had.bytes += r.direct;
      had.indirectBytes += r.indirect;
      had.blocks += r.blocks;
      had.records += 1;
      if (had.suppression === void 0 && r.suppression !== void 0) had.suppression = own(r.suppression);
      return had;
    }
    const leak2 = {
      kind: r.kind,
      fingerprint: fingerprintOfKey(key),
      bytes: r.direct,
      indirectBytes: r.indirect,
      blocks: r.blocks,
      records: 1,
      pids: [],
      stack: ownFrames(r.stack, this.pool)
    };
    if (r.suppression !== void 0) leak2.suppression = own(r.suppression);
    this.leaks.set(key, leak2);
    return leak2;
  }
  /** Adds an error context with `count` occurrences, merging by identity. */
  addError(r, count2) {
    const key = identityKey(r.kind, r.stack);
    const had = this.errors.get(key);
    if (had) {
      had.count += count2;
      if (had.suppression === void 0 && r.suppression !== void 0) had.suppression = own(r.suppression);
      return had;
    }
    const e = { kind: own(r.kind), fingerprint: fingerprintOfKey(key), what: own(r.what), count: count2, pids: [], stack: ownFrames(r.stack, this.pool) };
    if (r.auxwhat !== void 0) e.auxwhat = own(r.auxwhat);
    if (r.auxStack !== void 0 && r.auxStack.length > 0) e.auxStack = ownFrames(r.auxStack, this.pool);
    if (r.suppression !== void 0) e.suppression = own(r.suppression);
    this.errors.set(key, e);
    return e;
  }
  /** Finds the error context with this identity, if read already. */
  findError(kind, stack2) {
    return this.errors.get(identityKey(kind, stack2));
  }
  /** Forgets the loss records read so far: a later leak check (the exit one) supersedes them. */
  resetLeaks() {
    this.leaks.clear();
  }
  /** Whether a loss record of this kind was read. */
  hasLeakOf(kind) {
    for (const l of this.leaks.values()) if (l.kind === kind) return true;
    return false;
  }
  /** Totals, the consistency check of records against the summary, and the process report. */
  finish(file, format, complete) {
    const fromRecords = zeroLeakSummary();
    const kindsSeen = /* @__PURE__ */ new Set();
    const leaks = [...this.leaks.values()];
    for (const l of leaks) {
      l.pids = [this.pid];
      fromRecords[l.kind].bytes += l.bytes;
      fromRecords[l.kind].blocks += l.blocks;
      kindsSeen.add(l.kind);
    }
    const errors = [...this.errors.values()];
    for (const e of errors) e.pids = [this.pid];
    const recordErrors = errors.reduce((n, e) => n + e.count, 0);
    const warnings = [...this.warnings];
    if (this.summary) {
      for (const k of LEAK_KINDS) {
        const s = this.summary[k];
        const r = fromRecords[k];
        if (kindsSeen.has(k) && (s.bytes !== r.bytes || s.blocks !== r.blocks)) {
          warnings.push(
            `${file}: pid ${this.pid}: the ${KIND_WORDS[k]} records add up to ${r.bytes} bytes in ${r.blocks} blocks, but Valgrind's summary says ${s.bytes} bytes in ${s.blocks} blocks; the summary is used`
          );
        }
      }
    }
    const errorCount = this.errorsTotal ?? recordErrors;
    if (this.errorSummaryErrors !== void 0 && errorCount > this.errorSummaryErrors) {
      warnings.push(`${file}: pid ${this.pid}: the error records count ${errorCount} errors, more than Valgrind's error summary (${this.errorSummaryErrors})`);
    }
    const source = this.summary ?? fromRecords;
    const totals2 = {
      definitelyLost: { ...source.definitelyLost },
      indirectlyLost: { ...source.indirectlyLost },
      possiblyLost: { ...source.possiblyLost },
      stillReachable: { ...source.stillReachable },
      suppressed: { ...source.suppressed },
      errors: errorCount
    };
    const process2 = {
      pid: this.pid,
      file,
      complete: complete && this.incompleteReasons.length === 0,
      incompleteReasons: [...this.incompleteReasons],
      totalsSource: this.summary ? "summary" : "records",
      totals: totals2,
      format
    };
    if (this.ppid !== void 0) process2.ppid = this.ppid;
    if (this.tool !== void 0) process2.tool = this.tool;
    if (this.valgrindVersion !== void 0) process2.valgrindVersion = this.valgrindVersion;
    if (this.protocolVersion !== void 0) process2.protocolVersion = this.protocolVersion;
    if (this.argv !== void 0) process2.argv = this.argv;
    if (this.fatalSignal !== void 0) process2.fatalSignal = this.fatalSignal;
    if (this.inUseAtExit !== void 0) process2.inUseAtExit = this.inUseAtExit;
    return { process: process2, leaks, errors, suppressions: [...this.suppressions], warnings };
  }
};

// src/parse/text-frame.ts
var NON_ASCII = /[\x80-\xff]/;
function fromLatin1(s) {
  return NON_ASCII.test(s) ? Buffer.from(s, "latin1").toString("utf8") : s;
}
function parseFrameLine(line) {
  return parseFrameAt(line, 0, line.length);
}
function parseFrameAt(s, start, end) {
  let i = start;
  while (s.charCodeAt(i) === 32 && i < end) i++;
  const c = s.charCodeAt(i);
  const atOrBy = c === 97 && s.charCodeAt(i + 1) === 116 || c === 98 && s.charCodeAt(i + 1) === 121;
  if (i === start || !atOrBy || s.charCodeAt(i + 2) !== 32 || i + 3 > end) return void 0;
  i += 3;
  if (s.charCodeAt(i) === 48 && s.charCodeAt(i + 1) === 120) {
    const colon2 = s.indexOf(": ", i);
    if (colon2 < 0 || colon2 + 2 > end) return void 0;
    i = colon2 + 2;
  }
  const open3 = s.charCodeAt(end - 1) === 41 ? s.lastIndexOf(" (", end - 1) : -1;
  if (open3 < i) return { fn: s.slice(i, end) };
  const where = open3 + 2;
  if (s.startsWith("in ", where)) return { fn: s.slice(i, open3), obj: s.slice(where + 3, end - 1) };
  const colon = s.lastIndexOf(":", end - 2);
  if (colon < where || colon >= end - 2) return { fn: s.slice(i, end) };
  let n = 0;
  for (let k = colon + 1; k < end - 1; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return { fn: s.slice(i, end) };
    n = n * 10 + d;
  }
  const frame2 = { fn: s.slice(i, open3) };
  const slash = s.lastIndexOf("/", colon);
  if (slash >= where) {
    frame2.dir = s.slice(where, slash);
    frame2.file = s.slice(slash + 1, colon);
  } else {
    frame2.file = s.slice(where, colon);
  }
  frame2.line = n;
  return frame2;
}

// src/parse/valgrind-text.ts
function parseCount(s) {
  const m = /^\s*([\d,]+)/.exec(s);
  return m?.[1] !== void 0 ? Number(m[1].replaceAll(",", "")) : Number.NaN;
}
function stripDeltas(s) {
  return s.includes("(+") || s.includes("(-") ? s.replace(/\s?\([+-][\d,x.]*\)/g, "") : s;
}
var KIND_WORDS2 = {
  "definitely lost": "definitelyLost",
  "indirectly lost": "indirectlyLost",
  "possibly lost": "possiblyLost",
  "still reachable": "stillReachable"
};
var XML_LEAK_KINDS = {
  Leak_DefinitelyLost: "definitelyLost",
  Leak_IndirectlyLost: "indirectlyLost",
  Leak_PossiblyLost: "possiblyLost",
  Leak_StillReachable: "stillReachable"
};
var LOSS_RECORD = /^([\d,]+) (?:\(([\d,]+) direct, ([\d,]+) indirect\) )?bytes in ([\d,]+) blocks are (definitely lost|indirectly lost|possibly lost|still reachable) in (?:new |increased |decreased )?loss record /;
function parseLossRecord(line) {
  const m = LOSS_RECORD.exec(stripDeltas(line));
  if (!m) return void 0;
  const kind = KIND_WORDS2[m[5] ?? ""];
  if (kind === void 0) return void 0;
  const total = parseCount(m[1] ?? "");
  const direct = m[2] !== void 0 ? parseCount(m[2]) : total;
  const indirect = m[3] !== void 0 ? parseCount(m[3]) : 0;
  return { kind, direct, indirect, blocks: parseCount(m[4] ?? "") };
}
var SUMMARY_LINE = /^\s*(definitely lost|indirectly lost|possibly lost|still reachable|suppressed): ([\d,]+).*? bytes in ([\d,]+)/;
function parseSummaryLine(line) {
  const m = SUMMARY_LINE.exec(stripDeltas(line));
  if (!m) return void 0;
  const key = m[1] === "suppressed" ? "suppressed" : KIND_WORDS2[m[1] ?? ""];
  if (key === void 0) return void 0;
  return { key, amount: { bytes: parseCount(m[2] ?? ""), blocks: parseCount(m[3] ?? "") } };
}
function parseVersionLine(line) {
  return /Using [Vv]algrind-([^\s,;]+)/.exec(line)?.[1];
}
function errorKindOf(what) {
  if (what.startsWith("Invalid read")) return "InvalidRead";
  if (what.startsWith("Invalid write")) return "InvalidWrite";
  if (what.startsWith("Invalid free")) return "InvalidFree";
  if (what.startsWith("Mismatched free")) return "MismatchedFree";
  if (what.startsWith("Conditional jump or move depends on uninitialised")) return "UninitCondition";
  if (what.startsWith("Use of uninitialised value")) return "UninitValue";
  if (what.startsWith("Syscall param")) return "SyscallParam";
  if (what.startsWith("Source and destination overlap")) return "Overlap";
  if (what.startsWith("Jump to the invalid address")) return "InvalidJump";
  if (what.includes("has a fishy")) return "FishyValue";
  if (what.startsWith("Invalid alignment") || what.includes("alignment value")) return "InvalidAlignment";
  if (what.startsWith("Invalid size value")) return "InvalidSize";
  if (what.startsWith("Illegal memory pool") || what.includes("memory pool")) return "InvalidMemPool";
  if (what.startsWith("Unaddressable byte(s) found during client check")) return "ClientCheck";
  if (what.startsWith("Uninitialised byte(s) found during client check")) return "ClientCheck";
  if (what.startsWith("Realloc size") || what.includes("realloc() with size 0")) return "ReallocSizeZero";
  if (/^File descriptor \d+ .*already closed/.test(what)) return "FdBadClose";
  if (/^Open (file descriptor|AF_\w+ socket)/.test(what)) return "FdNotClosed";
  return "Other";
}

// src/parse/text-process.ts
var CLIENT_SWITCHING = "Warning: client switching stacks?";
var TextProcess = class {
  b = new ProcessBuilder();
  /** A line Valgrind writes was seen for this PID. */
  recognised = false;
  /** The entry the last finished record went into (a suppression block that follows belongs to it). */
  lastEntry;
  rec;
  /** The current line starts no record but may be an error's headline if frames follow. */
  candidate;
  section = "none";
  leakDraft;
  heapSeen = false;
  leakCheckDone = false;
  errorSummary;
  printedContexts = 0;
  listedCount;
  constructor(pid) {
    this.b.pid = pid;
  }
  /** Handles one line without its prefix. */
  line(c) {
    const c0 = c.charCodeAt(0);
    if (c0 === 32) {
      this.indented(c);
      return;
    }
    this.endRecord();
    this.candidate = void 0;
    if (c.length === 0) return;
    const loss = parseLossRecord(c);
    if (loss) {
      this.startRecord(c, loss);
      return;
    }
    this.headline(c);
  }
  frame(frame2) {
    if (this.rec === void 0 && this.candidate !== void 0) this.startRecord(this.candidate, void 0);
    this.candidate = void 0;
    this.rec?.sink?.push(frame2);
  }
  indented(c) {
    const frame2 = c.charCodeAt(3) !== 32 ? parseFrameLine(c) : void 0;
    if (frame2) {
      this.frame(frame2);
      return;
    }
    if (this.section === "leak") {
      const s = parseSummaryLine(c);
      if (s && this.leakDraft) {
        this.leakDraft[s.key] = s.amount;
        if (s.key === "suppressed") this.b.summary = this.leakDraft;
      }
      return;
    }
    if (c.startsWith("    in use at exit:") || c.startsWith("malloc/free: in use at exit:")) {
      this.b.inUseAtExit = this.amount(c);
      return;
    }
    const rec = this.rec;
    if (rec && c.charCodeAt(1) !== 32) {
      if (rec.auxStack === void 0) {
        rec.auxwhat = c.trim();
        rec.sink = rec.auxStack = [];
      } else {
        rec.sink = void 0;
      }
    }
  }
  amount(c) {
    const m = /([\d,]+) bytes in ([\d,]+) blocks/.exec(c);
    return { bytes: parseCount(m?.[1] ?? ""), blocks: parseCount(m?.[2] ?? "") };
  }
  /** A non-indented line that is not a loss record. */
  headline(c) {
    this.section = "none";
    if (c === "HEAP SUMMARY:" || c.startsWith("searching for pointers to")) {
      this.heapSeen = this.recognised = true;
      this.b.resetLeaks();
    } else if (c.startsWith("malloc/free: in use at exit:")) {
      this.heapSeen = this.recognised = true;
      this.b.inUseAtExit = this.amount(c);
    } else if (c === "LEAK SUMMARY:") {
      this.section = "leak";
      this.recognised = this.leakCheckDone = true;
      this.leakDraft = zeroLeakSummary();
    } else if (c.startsWith("All heap blocks were freed")) {
      this.recognised = this.leakCheckDone = true;
      this.b.summary = zeroLeakSummary();
    } else if (c.startsWith("ERROR SUMMARY:")) {
      const m = /^ERROR SUMMARY: ([\d,]+) errors? from ([\d,]+) contexts?/.exec(c);
      if (m) this.errorSummary = { errors: parseCount(m[1] ?? ""), contexts: parseCount(m[2] ?? "") };
      this.recognised = true;
    } else if (/^[\d,]+ errors? in context \d+ of \d+:$/.test(c)) {
      this.listedCount = parseCount(c);
    } else if (c.startsWith("Process terminating with default action of signal")) {
      this.b.fatalSignal = /\((SIG\w+)\)/.exec(c)?.[1] ?? c.slice(51).trim();
      this.section = "fatal";
      this.recognised = true;
    } else if (this.header(c)) {
      this.recognised = true;
    } else if (c.startsWith(CLIENT_SWITCHING)) {
      this.warn('"client switching stacks?": the program switches stacks (coroutines) without telling Valgrind; errors near it are likely false (build Fluent Bit with -DFLB_VALGRIND=On)');
    } else if (!c.startsWith("Warning:") && !c.startsWith("Thread ") && !c.startsWith("FILE DESCRIPTORS") && !c.startsWith("Open ")) {
      this.candidate = c;
    }
  }
  header(c) {
    if (c.startsWith("Memcheck, a memory error detector")) this.b.tool = "memcheck";
    else if (c.startsWith("Using ")) {
      const v = parseVersionLine(c);
      if (v === void 0) return false;
      this.b.valgrindVersion = v;
    } else if (c.startsWith("Command: ")) this.b.argv = c.slice(9).split(" ");
    else if (c.startsWith("Parent PID: ")) this.b.ppid = parseCount(c.slice(12));
    else return false;
    return true;
  }
  warn(w) {
    if (!this.b.warnings.includes(w)) this.b.warnings.push(w);
  }
  startRecord(what, loss) {
    const stack2 = [];
    this.rec = { what, loss, listedCount: this.listedCount, stack: stack2, sink: stack2 };
    this.listedCount = void 0;
    this.section = "none";
    this.recognised = true;
  }
  /** Ends the record being read (at a blank or non-indented line, or the end of input). */
  endRecord() {
    const rec = this.rec;
    if (!rec) return;
    this.rec = void 0;
    if (rec.loss) {
      if (rec.listedCount !== void 0) return;
      const { kind: kind2, direct, indirect, blocks } = rec.loss;
      this.lastEntry = this.b.addLeak({ kind: kind2, direct: direct || 0, indirect: indirect || 0, blocks: blocks || 0, stack: rec.stack });
      return;
    }
    const kind = errorKindOf(rec.what);
    if (rec.listedCount !== void 0) {
      const e = this.b.findError(kind, rec.stack);
      if (e) e.count = Math.max(e.count, rec.listedCount);
      return;
    }
    const r = { kind, what: rec.what, stack: rec.stack, ...rec.auxwhat !== void 0 ? { auxwhat: rec.auxwhat, auxStack: rec.auxStack ?? [] } : {} };
    this.lastEntry = this.b.addError(r, 1);
    this.printedContexts++;
  }
  /** Completeness, error count and the process report. */
  finish(file) {
    this.endRecord();
    const b = this.b;
    if (this.errorSummary === void 0) {
      b.incompleteReasons.push(
        `${file}: pid ${b.pid}: the log ends before Valgrind's ERROR SUMMARY: the process was killed or is still running, or Valgrind ran with -q`
      );
    } else {
      const errors = this.errorSummary.errors - this.errorSummary.contexts + this.printedContexts;
      if (errors >= 0) b.errorsTotal = errors;
      if (!this.leakCheckDone) {
        b.incompleteReasons.push(
          this.heapSeen ? `${file}: pid ${b.pid}: no LEAK SUMMARY: Valgrind ran with --leak-check=no` : `${file}: pid ${b.pid}: no HEAP SUMMARY: the leak check did not run`
        );
      }
    }
    return b.finish(file, "text", this.errorSummary !== void 0 && this.leakCheckDone);
  }
};

// src/parse/text-report.ts
var MAX_LINE = 1 << 20;
var TextReportParser = class {
  constructor(file) {
    this.file = file;
  }
  file;
  carry = "";
  carryAscii = true;
  ascii = true;
  procs = /* @__PURE__ */ new Map();
  prefixed = false;
  last;
  supp;
  suppressionFiles = [];
  /** Whether any line Valgrind writes was found. */
  get isValgrind() {
    for (const p of this.procs.values()) if (p.recognised) return true;
    return false;
  }
  write(chunk) {
    const s = this.carry.length > 0 ? this.carry + chunk.toString("latin1") : chunk.toString("latin1");
    this.ascii = (this.carry.length === 0 || this.carryAscii) && isAscii(chunk);
    let pos = 0;
    for (; ; ) {
      const nl = s.indexOf("\n", pos);
      if (nl < 0) break;
      this.line(s, pos, s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      pos = nl + 1;
    }
    this.carry = s.length - pos > MAX_LINE ? "" : s.slice(pos);
    this.carryAscii = this.ascii;
  }
  /** The processes read, in the order their first line appeared. */
  end() {
    if (this.carry.length > 0) this.line(this.carry, 0, this.carry.length);
    this.carry = "";
    this.endSuppression();
    const out = [];
    for (const p of this.procs.values()) if (p.recognised) out.push(p.finish(this.file));
    return out;
  }
  proc(pid) {
    let p = this.procs.get(pid);
    if (!p) {
      p = new TextProcess(pid);
      this.procs.set(pid, p);
    }
    return p;
  }
  /** The line s[start, end). */
  line(s, start, end) {
    if (this.prefixedAt(s, start, end)) return;
    if (this.prefixed) {
      const k = s.indexOf("==", start);
      if (k > start && k < end && this.prefixedAt(s, k, end)) return;
    }
    const l = this.text(s, start, end);
    if (this.supp !== void 0 || l === "{") {
      this.suppressionLine(l);
      return;
    }
    if (!this.prefixed) {
      this.last = this.proc(0);
      this.last.line(l);
    }
  }
  text(s, start, end) {
    const t = s.slice(start, end);
    return this.ascii ? t : fromLatin1(t);
  }
  /** Handles "==123== text" or "--123-- text" at s[at, end); false if there is no prefix there. */
  prefixedAt(s, at, end) {
    const c0 = s.charCodeAt(at);
    if (c0 !== 61 && c0 !== 45 || s.charCodeAt(at + 1) !== c0) return false;
    let pid = 0;
    let k = at + 2;
    for (; k < end; k++) {
      const d = s.charCodeAt(k) - 48;
      if (d < 0 || d > 9) break;
      pid = pid * 10 + d;
    }
    if (k === at + 2 || s.charCodeAt(k) !== c0 || s.charCodeAt(k + 1) !== c0) return false;
    const from = Math.min(s.charCodeAt(k + 2) === 32 ? k + 3 : k + 2, end);
    this.prefixedLine(this.enter(pid), c0 === 45, this.text(s, from, end));
    return true;
  }
  /** The process of a prefixed line: the last one seen, for the suppression blocks that follow. */
  enter(pid) {
    if (!this.prefixed) {
      this.prefixed = true;
      const bare = this.procs.get(0);
      if (bare && !bare.recognised) this.procs.delete(0);
    }
    this.endSuppression();
    const p = this.proc(pid);
    this.last = p;
    return p;
  }
  prefixedLine(p, verbose, c) {
    if (!verbose) {
      if (c === "{") this.suppressionLine(c);
      else p.line(c);
      return;
    }
    const used = /^used_suppression:\s+([\d,]+) (\S+)(?: (\S+):\d+)?/.exec(c);
    if (used) {
      p.b.suppressions.push({ name: own(used[2] ?? ""), count: parseCount(used[1] ?? "") });
      this.suppressionFile(used[3]);
    } else if (c.startsWith("Reading suppressions file: ")) {
      this.suppressionFile(c.slice(27));
    }
  }
  /** A user's suppressions file (Valgrind's own default.supp is not the user's to prune). */
  suppressionFile(f) {
    if (f === void 0 || f.endsWith("/default.supp") || this.suppressionFiles.includes(f)) return;
    this.suppressionFiles.push(f);
  }
  suppressionLine(l) {
    if (this.supp === void 0) {
      this.last?.endRecord();
      this.supp = [];
    }
    this.supp.push(l);
    if (l.trim() === "}") this.endSuppression();
  }
  endSuppression() {
    const lines = this.supp;
    if (lines === void 0) return;
    this.supp = void 0;
    const entry = this.last?.lastEntry;
    if (entry && entry.suppression === void 0) entry.suppression = lines.join("\n");
  }
};

// src/parse/xml-error.ts
var XmlErrorReader = class {
  err;
  stacks = 0;
  frames;
  frame;
  /** Whether an `<error>` is being read. */
  get active() {
    return this.err !== void 0;
  }
  begin() {
    this.err = { kind: "", what: "", xwhat: "", unique: "", stack: [] };
    this.stacks = 0;
    this.frames = this.frame = void 0;
  }
  open(name, parent) {
    const err = this.err;
    if (!err) return;
    if (name === "frame") {
      if (this.frames) this.frame = {};
    } else if (name === "stack") {
      this.frames = void 0;
      if (parent !== "error") return;
      if (this.stacks === 0) this.frames = err.stack;
      else if (this.stacks === 1) this.frames = err.auxStack = [];
      this.stacks++;
    }
  }
  /** An element inside the error closed; `text` decodes its content. */
  close(name, parent, text) {
    const err = this.err;
    if (!err) return;
    const frame2 = this.frame;
    switch (name) {
      case "ip":
        return;
      case "fn":
        if (frame2) frame2.fn = text();
        return;
      case "obj":
        if (frame2) frame2.obj = text();
        return;
      case "dir":
        if (frame2) frame2.dir = text();
        return;
      case "file":
        if (frame2) frame2.file = text();
        return;
      case "line":
        if (frame2) {
          const n = Number.parseInt(text(), 10);
          if (n === n) frame2.line = n;
        }
        return;
      case "frame":
        if (frame2 && this.frames) this.frames.push(frame2);
        this.frame = void 0;
        return;
      case "stack":
        this.frames = void 0;
        return;
    }
    if (parent === "error") {
      if (name === "kind") err.kind = text();
      else if (name === "what") err.what = text();
      else if (name === "auxwhat") err.auxwhat ??= text();
      else if (name === "unique") err.unique = text();
      else if (name === "leakedbytes") err.leakedBytes = parseCount(text());
      else if (name === "leakedblocks") err.leakedBlocks = parseCount(text());
    } else if (parent === "xwhat") {
      if (name === "text") err.xwhat = text();
      else if (name === "leakedbytes") err.leakedBytes = parseCount(text());
      else if (name === "leakedblocks") err.leakedBlocks = parseCount(text());
    } else if (parent === "suppression" && name === "rawtext") {
      err.suppression = text().trim();
    }
  }
  /** The error read, once its end tag (or the end of its parent) was seen. */
  end() {
    const err = this.err;
    this.err = this.frames = this.frame = void 0;
    return err;
  }
};
function leakRecordOf(err) {
  const kind = XML_LEAK_KINDS[err.kind];
  if (kind === void 0) return void 0;
  const line = parseLossRecord(err.xwhat || err.what);
  const direct = line && line.direct === line.direct ? line.direct : err.leakedBytes ?? 0;
  const indirect = line && line.indirect === line.indirect ? line.indirect : 0;
  const blocks = err.leakedBlocks ?? line?.blocks ?? 0;
  const rec = { kind, direct: direct || 0, indirect, blocks: blocks || 0, stack: err.stack };
  if (err.suppression !== void 0) rec.suppression = err.suppression;
  return rec;
}
function errorRecordOf(err) {
  const rec = { kind: err.kind || "Unknown", what: err.what || err.xwhat, stack: err.stack };
  if (err.auxwhat !== void 0) rec.auxwhat = err.auxwhat;
  if (err.auxStack !== void 0) rec.auxStack = err.auxStack;
  if (err.suppression !== void 0) rec.suppression = err.suppression;
  return rec;
}
var ErrorCounts = class {
  byUnique = /* @__PURE__ */ new Map();
  uncounted = /* @__PURE__ */ new Set();
  register(unique, entry) {
    let key = unique || `#${this.byUnique.size}`;
    if (this.byUnique.has(key)) key = `${key}#${this.byUnique.size}`;
    this.byUnique.set(key, entry);
    this.uncounted.add(key);
  }
  add(unique, count2) {
    const e = this.byUnique.get(unique);
    if (!e || count2 !== count2) return;
    e.count += count2;
    this.uncounted.delete(unique);
  }
  settle() {
    for (const u of this.uncounted) {
      const e = this.byUnique.get(u);
      if (e) e.count += 1;
    }
    this.uncounted.clear();
  }
};

// src/parse/xml-scanner.ts
import { isAscii as isAscii2 } from "node:buffer";
var MAX_CARRY = 4 * 1024 * 1024;
var NON_ASCII2 = /[\x80-\xff]/;
var ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
var NAMED = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
function decodeEntities(s) {
  if (!s.includes("&")) return s;
  return s.replace(ENTITY, (m, dec, hex, name) => {
    if (name !== void 0) return NAMED[name] ?? m;
    const code = dec !== void 0 ? Number(dec) : Number.parseInt(hex ?? "", 16);
    return code > 0 && code <= 1114111 ? String.fromCodePoint(code) : m;
  });
}
function utf8(s) {
  return NON_ASCII2.test(s) ? Buffer.from(s, "latin1").toString("utf8") : s;
}
function plainAscii(chunk) {
  return isAscii2(chunk) && chunk.indexOf(38) < 0;
}
function nameEnd(s, from, limit) {
  let k = from;
  while (k < limit) {
    const c = s.charCodeAt(k);
    if (c <= 32 || c === 47 || c === 62) break;
    k++;
  }
  return k;
}
var XmlScanner = class {
  constructor(sink) {
    this.sink = sink;
  }
  sink;
  carry = "";
  s = "";
  textStart = 0;
  textEnd = 0;
  cdata;
  plain = true;
  lastOpen = "";
  carryPlain = true;
  /** Bytes dropped because a tag or a text never ended within MAX_CARRY. */
  overflowed = false;
  text() {
    if (this.cdata !== void 0) return utf8(this.cdata);
    const t = this.s.slice(this.textStart, this.textEnd);
    return this.plain ? t.trim() : decodeEntities(utf8(t)).trim();
  }
  write(chunk) {
    const s = this.carry.length > 0 ? this.carry + chunk.toString("latin1") : chunk.toString("latin1");
    this.s = s;
    this.plain = (this.carry.length === 0 || this.carryPlain) && plainAscii(chunk);
    const pos = this.scan(s);
    if (s.length - pos > MAX_CARRY) {
      this.overflowed = true;
      this.carry = "";
    } else {
      this.carry = s.slice(pos);
    }
    this.carryPlain = this.plain;
  }
  scan(s) {
    const sink = this.sink;
    let pos = 0;
    for (; ; ) {
      const lt = s.indexOf("<", pos);
      if (lt < 0) return pos;
      const c = s.charCodeAt(lt + 1);
      if (c === 47) {
        const last = this.lastOpen;
        const quick = s.charCodeAt(lt + 2 + last.length) === 62 && s.startsWith(last, lt + 2);
        const ne = quick ? lt + 2 + last.length : nameEnd(s, lt + 2, s.length);
        const gt = s.charCodeAt(ne) === 62 ? ne : s.indexOf(">", ne);
        if (gt < 0) return pos;
        this.textStart = pos;
        this.textEnd = lt;
        sink.close(quick ? last : s.slice(lt + 2, ne), this);
        this.cdata = void 0;
        pos = gt + 1;
      } else if (c === 33) {
        if (s.startsWith("<![CDATA[", lt)) {
          const e = s.indexOf("]]>", lt + 9);
          if (e < 0) return pos;
          this.cdata = (this.cdata ?? "") + s.slice(lt + 9, e);
          pos = e + 3;
        } else if (s.startsWith("<!--", lt)) {
          const e = s.indexOf("-->", lt + 4);
          if (e < 0) return pos;
          pos = e + 3;
        } else {
          const gt = s.indexOf(">", lt + 2);
          if (gt < 0 || lt + 9 > s.length) return pos;
          pos = gt + 1;
        }
      } else if (c === 63) {
        const e = s.indexOf("?>", lt + 2);
        if (e < 0) return pos;
        pos = e + 2;
      } else if (c === c) {
        const ne = nameEnd(s, lt + 1, s.length);
        const gt = s.charCodeAt(ne) === 62 ? ne : s.indexOf(">", ne);
        if (gt < 0) return pos;
        const name = s.slice(lt + 1, ne);
        this.lastOpen = name;
        this.cdata = void 0;
        sink.open(name);
        if (s.charCodeAt(gt - 1) === 47) {
          this.textStart = this.textEnd = gt;
          sink.close(name, this);
        }
        pos = gt + 1;
      } else {
        return pos;
      }
    }
  }
};

// src/parse/xml-report.ts
var KNOWN_PROTOCOL = 6;
var SUMMARY_KEYS = {
  definitely_lost: "definitelyLost",
  indirectly_lost: "indirectlyLost",
  possibly_lost: "possiblyLost",
  still_reachable: "stillReachable",
  suppressed: "suppressed"
};
var XmlReportParser = class {
  constructor(file) {
    this.file = file;
  }
  file;
  scanner = new XmlScanner(this);
  stack = [];
  results = [];
  error = new XmlErrorReader();
  proc;
  counts = new ErrorCounts();
  sawRoot = false;
  notValgrind = false;
  rootClosed = false;
  finished = false;
  headless = false;
  lastState;
  suppressionText;
  lastEntry;
  summary;
  summaryHasNumbers = false;
  pair = { count: 0, unique: "", name: "" };
  vargv = [];
  argv = [];
  content;
  /** The text of the element being closed ('' for one closed implicitly). */
  text = () => this.content ? this.content.text() : "";
  write(chunk) {
    this.scanner.write(chunk);
  }
  /** Whether the input looked like Valgrind's XML at all (a `<valgrindoutput>` root). */
  get isValgrind() {
    return this.sawRoot && !this.notValgrind;
  }
  /** The processes read, in file order. */
  end() {
    if (this.proc) this.finishProcess();
    return this.results;
  }
  /** Every `--suppressions=` file named in the processes' Valgrind arguments. */
  get suppressionFiles() {
    return [...new Set(this.vargv.filter((a) => a.startsWith("--suppressions=")).map((a) => a.slice(15)))];
  }
  open(name) {
    if (this.notValgrind) return;
    const parent = this.stack[this.stack.length - 1];
    if (parent === void 0) {
      if (name === "valgrindoutput") {
        this.startProcess(false);
        this.stack.push(name);
        return;
      }
      if (!this.sawRoot) {
        this.notValgrind = true;
        return;
      }
      this.startProcess(true);
      this.stack.push("valgrindoutput");
    }
    this.stack.push(name);
    if (this.error.active) {
      this.error.open(name, parent);
    } else if (name === "error") {
      if (parent === "valgrindoutput") this.error.begin();
    } else if (name === "suppression") {
      this.suppressionText = void 0;
    } else if (name === "leak_summary") {
      if (parent === "valgrindoutput") this.summary = zeroLeakSummary();
    } else if (name === "pair") {
      this.pair = { count: 0, unique: "", name: "" };
    }
  }
  close(name, content) {
    const stack2 = this.stack;
    if (stack2[stack2.length - 1] !== name) {
      const at = stack2.lastIndexOf(name);
      if (at < 0) return;
      while (stack2.length > at + 1) this.closeElement(stack2.pop(), void 0);
    }
    stack2.pop();
    this.closeElement(name, content);
  }
  closeElement(name, content) {
    const proc = this.proc;
    if (!proc) return;
    const parent = this.stack[this.stack.length - 1];
    this.content = content;
    if (this.error.active) {
      if (name === "error" && parent === "valgrindoutput") this.finishError(proc);
      else this.error.close(name, parent, this.text);
      return;
    }
    this.closeOther(name, parent, this.text, proc);
  }
  closeOther(name, parent, text, proc) {
    switch (name) {
      case "rawtext":
        this.suppressionText = text().trim();
        return;
      case "suppression":
        if (this.lastEntry && this.lastEntry.suppression === void 0 && this.suppressionText !== void 0) {
          this.lastEntry.suppression = own(this.suppressionText);
        }
        return;
      case "bytes":
      case "blocks":
        this.closeAmount(name, parent, parseCount(text()), proc);
        return;
      case "leak_summary":
        if (this.summary && this.summaryHasNumbers) proc.summary = this.summary;
        this.summaryHasNumbers = false;
        this.summary = void 0;
        return;
      case "all_heap_blocks_freed":
        if (text() === "true" && !this.summary) proc.summary = zeroLeakSummary();
        return;
      case "count":
        if (parent === "pair") this.pair.count = parseCount(text());
        return;
      case "unique":
        if (parent === "pair") this.pair.unique = text();
        return;
      case "name":
        if (parent === "pair") this.pair.name = text();
        return;
      case "pair":
        if (parent === "errorcounts") this.counts.add(this.pair.unique, this.pair.count);
        else if (parent === "suppcounts" && this.pair.name !== "") proc.suppressions.push({ name: own(this.pair.name), count: this.pair.count || 0 });
        return;
      case "state":
        if (parent === "status") this.closeState(text(), proc);
        return;
      case "errors":
        if (parent === "error_summary") {
          const n = parseCount(text());
          if (n === n) proc.errorSummaryErrors = n;
        }
        return;
      case "signame":
        if (parent === "fatal_signal") proc.fatalSignal = text();
        return;
      case "line":
        if (parent === "preamble") proc.valgrindVersion ??= parseVersionLine(text());
        return;
      case "exe":
      case "arg":
        if (parent === "vargv") this.vargv.push(text());
        else if (parent === "argv") this.argv.push(text());
        return;
      case "argv":
        proc.argv = this.argv;
        return;
      case "valgrindoutput":
        this.rootClosed = true;
        return;
    }
    if (parent === "valgrindoutput") this.closeHeader(name, text, proc);
  }
  closeHeader(name, text, proc) {
    const n = name === "tool" ? Number.NaN : parseCount(text());
    if (name === "tool") proc.tool = text();
    else if (n !== n || this.headless) return;
    else if (name === "pid") proc.pid = n;
    else if (name === "ppid") proc.ppid = n;
    else if (name === "protocolversion") {
      proc.protocolVersion = n;
      if (n > KNOWN_PROTOCOL) {
        proc.warnings.push(`${this.file}: XML protocol ${n} is newer than ${KNOWN_PROTOCOL}; what this parser knows was read, the rest ignored`);
      }
    }
  }
  closeAmount(name, parent, n, proc) {
    if (n !== n) return;
    const key = SUMMARY_KEYS[parent ?? ""];
    if (key && this.summary && this.stack.includes("leak_summary")) {
      this.summary[key][name] = n;
      this.summaryHasNumbers = true;
    } else if (parent === "memory_in_use_at_exit") {
      (proc.inUseAtExit ??= { bytes: 0, blocks: 0 })[name] = n;
    }
  }
  closeState(state, proc) {
    this.lastState = state;
    if (state === "FINISHED") {
      this.finished = true;
      proc.resetLeaks();
    }
  }
  finishError(proc) {
    const err = this.error.end();
    if (!err) return;
    const leak2 = leakRecordOf(err);
    if (leak2) {
      this.lastEntry = proc.addLeak(leak2);
      return;
    }
    const entry = proc.addError(errorRecordOf(err), 0);
    this.lastEntry = entry;
    this.counts.register(err.unique, entry);
  }
  startProcess(headless) {
    if (this.proc) this.finishProcess();
    this.sawRoot = true;
    this.proc = new ProcessBuilder();
    this.headless = headless;
    this.rootClosed = this.finished = false;
    this.lastState = this.lastEntry = this.summary = void 0;
    this.error.end();
    this.counts = new ErrorCounts();
    this.argv = [];
    if (headless) {
      this.proc.warnings.push(
        `${this.file}: holds the reports of several processes (a child forked without exec writes into its parent's XML file, whichever exits first writing first); only the file header names a PID, so the reports after the first are given PID 0`
      );
    }
  }
  finishProcess() {
    const proc = this.proc;
    if (!proc) return;
    this.proc = void 0;
    this.error.end();
    this.counts.settle();
    if (!this.rootClosed) {
      proc.incompleteReasons.push(
        this.finished ? `${this.file}: the XML ends before </valgrindoutput>: the leak report is cut short (disk full, or Valgrind killed while writing it)` : `${this.file}: the XML ends before </valgrindoutput> (last state ${this.lastState ?? "unknown"}): Valgrind was killed (SIGKILL?) or the disk filled before its leak check`
      );
    } else if (!this.finished) {
      proc.incompleteReasons.push(`${this.file}: Valgrind never reported the FINISHED state: the leak check may be missing`);
    }
    if (this.scanner.overflowed) proc.incompleteReasons.push(`${this.file}: a tag or text longer than 4 MiB was dropped: not Valgrind's XML`);
    if (!proc.summary) this.noteMissingTotals(proc);
    this.results.push(proc.finish(this.file, "xml", this.rootClosed && this.finished));
  }
  /** Without a summary block, what Valgrind did not print is missing from the totals: say so. */
  noteMissingTotals(proc) {
    if (proc.suppressions.some((s) => s.count > 0)) {
      proc.warnings.push(`${this.file}: suppressed leaks are not listed in XML without a summary block (protocol < 6 or -q): suppressed counted as 0`);
    }
    const flag = this.vargv.filter((a) => a.startsWith("--show-leak-kinds=") || a === "--show-reachable=yes").pop() ?? "--show-leak-kinds=definite,possible";
    if (flag === "--show-reachable=yes") return;
    const shown = flag.slice(18).split(",");
    const noRoots = !proc.hasLeakOf("definitelyLost") && !proc.hasLeakOf("possiblyLost") && shown.includes("definite") && shown.includes("possible");
    const hidden = ["definite", "indirect", "possible", "reachable"].filter((k) => !shown.includes(k) && !(k === "indirect" && noRoots));
    if (shown.includes("all") || hidden.length === 0) return;
    proc.warnings.push(
      `${this.file}: Valgrind ran with ${flag} and this XML has no summary block, so the ${hidden.join("/")} totals are not known (counted as 0); run with --show-leak-kinds=all`
    );
  }
};

// src/parse/index.ts
var ParseInputError = class extends Error {
  constructor(file, cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`cannot read Valgrind output '${file}': ${why}`, { cause });
    this.file = file;
  }
  file;
  name = "ParseInputError";
};
var FileParser = class {
  constructor(file) {
    this.file = file;
  }
  file;
  parser;
  bytes = 0;
  write(chunk) {
    if (chunk.length === 0) return;
    this.bytes += chunk.length;
    if (!this.parser) {
      const first = /[^\s\xEF\xBB\xBF]/.exec(chunk.toString("latin1"));
      if (!first) return;
      this.parser = first[0] === "<" ? new XmlReportParser(this.file) : new TextReportParser(this.file);
    }
    this.parser.write(chunk);
  }
  end() {
    const none = { file: this.file, results: [], suppressionFiles: [] };
    if (this.bytes === 0) return { ...none, problem: "the file is empty: the process wrote no report (killed before it started, or never run)" };
    if (!this.parser) return { ...none, problem: "the file holds only blank characters: no Valgrind report" };
    const results = this.parser.end();
    if (!this.parser.isValgrind || results.length === 0) {
      const what = this.parser instanceof XmlReportParser ? "XML without <valgrindoutput>" : "text with no line Valgrind writes";
      return { ...none, problem: `not Valgrind output (${what})` };
    }
    return { file: this.file, results, suppressionFiles: this.parser.suppressionFiles };
  }
};
var READ_SIZE = 1 << 20;
var FEED_SIZE = 1 << 15;
async function parseFile(file) {
  let fh;
  try {
    fh = await open(file, "r");
  } catch (e) {
    throw new ParseInputError(file, e);
  }
  const parser = new FileParser(file);
  let buf = Buffer.allocUnsafe(READ_SIZE);
  let spare = Buffer.allocUnsafe(READ_SIZE);
  let pending = fh.read(buf, 0, READ_SIZE, null);
  try {
    for (; ; ) {
      let bytesRead;
      try {
        ({ bytesRead } = await pending);
      } catch (e) {
        throw new ParseInputError(file, e);
      }
      if (bytesRead === 0) break;
      pending = fh.read(spare, 0, READ_SIZE, null);
      for (let at = 0; at < bytesRead; at += FEED_SIZE) parser.write(buf.subarray(at, Math.min(at + FEED_SIZE, bytesRead)));
      [buf, spare] = [spare, buf];
    }
  } finally {
    await pending.then(
      () => fh.close(),
      () => fh.close()
    );
  }
  return parser.end();
}
async function parseFiles(files) {
  const results = [];
  const problems = [];
  const suppressionFiles = /* @__PURE__ */ new Set();
  const seen = /* @__PURE__ */ new Set();
  for (const file of files) {
    const key = path4.resolve(file);
    if (seen.has(key)) continue;
    seen.add(key);
    const r = await parseFile(file);
    results.push(...r.results);
    if (r.problem !== void 0) problems.push({ file, reason: r.problem });
    for (const s of r.suppressionFiles) suppressionFiles.add(s);
  }
  const unused = suppressionFiles.size > 0 ? await findUnusedSuppressions([...suppressionFiles], results) : void 0;
  return mergeReport(results, problems, unused);
}

// src/run/run-under-valgrind.ts
import { spawn } from "node:child_process";
import path7 from "node:path";

// src/run/output-capture.ts
import { createWriteStream } from "node:fs";
import { once } from "node:events";
var MAX_LINE2 = 4096;
var OutputCapture = class _OutputCapture {
  constructor(file, sink, readyPattern, tailLines) {
    this.file = file;
    this.sink = sink;
    this.tailLines = tailLines;
    file.on("error", (e) => this.fileError ??= e);
    this.readyPattern = readyPattern === null ? null : new RegExp(readyPattern.source, readyPattern.flags.replace(/[gy]/g, ""));
  }
  file;
  sink;
  tailLines;
  ring = [];
  partial = /* @__PURE__ */ new Map();
  readyPattern;
  onReady = null;
  /** The first error of the output file or of the sink; writing to it stops there. */
  fileError = null;
  sinkError = null;
  ended = [];
  /** Opens (truncates) the output file. */
  static async open(filePath, sink, readyPattern, tailLines) {
    const file = createWriteStream(filePath);
    await once(file, "open");
    return new _OutputCapture(file, sink, readyPattern, tailLines);
  }
  /** Calls `listener` once, on the first line that matches the ready pattern. */
  whenReady(listener) {
    this.onReady = listener;
  }
  /** Reads a stream of the program to its end. */
  attach(stream) {
    stream.setEncoding("utf8");
    this.partial.set(stream, "");
    stream.on("data", (chunk) => this.take(stream, chunk));
    this.ended.push(
      new Promise((resolve) => {
        stream.once("close", resolve);
        stream.once("error", () => resolve());
      }).then(() => this.flushPartial(stream))
    );
  }
  take(stream, chunk) {
    if (this.fileError === null) this.file.write(chunk);
    if (this.sinkError === null) {
      try {
        this.sink.write(chunk);
      } catch (e) {
        this.sinkError = e instanceof Error ? e : new Error(String(e));
      }
    }
    const text = (this.partial.get(stream) ?? "") + chunk;
    let start = 0;
    let nl;
    while ((nl = text.indexOf("\n", start)) !== -1) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    const rest = text.slice(start, start + MAX_LINE2);
    this.partial.set(stream, rest);
  }
  flushPartial(stream) {
    const rest = this.partial.get(stream) ?? "";
    if (rest !== "") this.line(rest);
    this.partial.set(stream, "");
  }
  line(raw) {
    const text = (raw.endsWith("\r") ? raw.slice(0, -1) : raw).slice(0, MAX_LINE2);
    this.ring.push(text);
    if (this.ring.length > this.tailLines) this.ring.shift();
    if (this.onReady !== null && this.readyPattern !== null && this.readyPattern.test(text)) {
      const listener = this.onReady;
      this.onReady = null;
      listener();
    }
  }
  /** The last lines seen, oldest first. */
  tail() {
    return [...this.ring];
  }
  /** Flushes and closes the output file. */
  async close() {
    for (const stream of this.partial.keys()) this.flushPartial(stream);
    if (this.file.closed || this.file.destroyed) return;
    const closed = new Promise((resolve) => {
      this.file.once("close", resolve);
      this.file.once("error", () => resolve());
    });
    this.file.end();
    await closed;
  }
};

// src/run/process-group.ts
import { readdir, readFile as readFile2 } from "node:fs/promises";
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (e) {
    if (e.code === "ESRCH") return false;
    throw e;
  }
}
async function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
  } catch (e) {
    return e.code !== "ESRCH";
  }
  let entries;
  try {
    entries = await readdir("/proc");
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat3 = await readFile2(`/proc/${entry}/stat`, "utf8").catch(() => null);
    if (stat3 === null) continue;
    const fields = stat3.slice(stat3.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid && fields[0] !== "Z" && fields[0] !== "X") return true;
  }
  return false;
}
async function waitForGroupGone(pgid, timeoutMs, stopped = () => false, pollMs = 20) {
  const deadline = performance.now() + timeoutMs;
  for (; ; ) {
    if (!await groupAlive(pgid)) return true;
    if (stopped() || performance.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(1, deadline - performance.now()))));
  }
}

// src/run/preflight.ts
import { access, constants, mkdir, readdir as readdir2, rm, stat } from "node:fs/promises";
import path5 from "node:path";
var XML_FILE = /^valgrind\.\d+\.xml$/;
async function preflight(plan) {
  await mkdir(plan.outDir, { recursive: true });
  if (!(await stat(plan.cwd).catch(() => null))?.isDirectory()) {
    throw new RunError(`The working directory '${plan.cwd}' does not exist; check 'working-directory'`);
  }
  if (plan.program.includes("/")) {
    const program = path5.resolve(plan.cwd, plan.program);
    try {
      await access(program, constants.X_OK);
    } catch {
      throw new RunError(`The program '${program}' does not exist or is not executable; check 'binary' (or the build stage's output)`);
    }
  }
  for (const arg of plan.valgrindArgs) {
    if (!arg.startsWith("--suppressions=")) continue;
    const file = path5.resolve(plan.cwd, arg.slice("--suppressions=".length));
    try {
      await access(file, constants.R_OK);
    } catch {
      throw new RunError(`The suppressions file '${file}' does not exist or is not readable; check 'suppressions'`);
    }
  }
  for (const name of await readdir2(plan.outDir)) {
    if (XML_FILE.test(name)) await rm(path5.join(plan.outDir, name), { force: true });
  }
}
async function listXmlFiles(outDir) {
  const names = (await readdir2(outDir)).filter((name) => XML_FILE.test(name)).sort((a, b) => pidOf(a) - pidOf(b));
  const files = [];
  for (const name of names) {
    const file = path5.join(outDir, name);
    if ((await stat(file).catch(() => null))?.isFile()) files.push(file);
  }
  return files;
}
function pidOf(xmlName) {
  return Number(xmlName.split(".")[1]);
}
function pidOfXml(file) {
  return pidOf(path5.basename(file));
}

// src/run/vgdb-pipes.ts
import { readdir as readdir3, rm as rm2 } from "node:fs/promises";
import path6 from "node:path";
async function removeVgdbPipes(pids, env = process.env) {
  const dir = env.TMPDIR || "/tmp";
  const ids = new Set(pids.map(String));
  let names;
  try {
    names = await readdir3(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /^vgdb-pipe-.*?-(\d+)-by-/.exec(name)?.[1];
    if (pid !== void 0 && ids.has(pid)) await rm2(path6.join(dir, name), { force: true });
  }
}

// src/run/run-under-valgrind.ts
var KILL_WAIT_MS = 5e3;
var PIPE_DRAIN_MS = 500;
async function runUnderValgrind(plan, sink) {
  await preflight(plan);
  const command = [plan.valgrind, ...plan.valgrindArgs, plan.program, ...plan.args];
  const outputFile = path7.join(plan.outDir, OUTPUT_FILE);
  const output = await OutputCapture.open(outputFile, sink, plan.readyPattern, plan.tailLines ?? 50);
  const run2 = new Run(plan, sink, output);
  try {
    if (plan.abort?.aborted) {
      sink.info("Cancelled before the program started.");
      return await run2.info(command, outputFile, "cancelled");
    }
    await run2.start(command);
    const end = await run2.supervise();
    const info = await run2.info(command, outputFile, end);
    if (output.fileError !== null) sink.info(`Could not keep the whole output in ${outputFile}: ${output.fileError.message}`);
    if (output.sinkError !== null) sink.info(`Streaming the program's output to the log stopped: ${output.sinkError.message}; ${outputFile} has all of it.`);
    return info;
  } finally {
    await run2.cleanUp();
  }
}
var Run = class {
  constructor(plan, sink, output) {
    this.plan = plan;
    this.sink = sink;
    this.output = output;
    this.exited = new Promise((resolve) => this.resolveExit = resolve);
    this.ready = new Promise(
      (resolve) => output.whenReady(() => {
        this.readyAtMs = this.now();
        resolve("ready");
      })
    );
    this.aborted = new Promise((resolve) => {
      const signal = plan.abort;
      if (signal === void 0) return;
      this.abortListener = () => resolve("abort");
      signal.addEventListener("abort", this.abortListener, { once: true });
    });
  }
  plan;
  sink;
  output;
  child = null;
  t0 = 0;
  exit = null;
  exitAtMs = null;
  exited;
  resolveExit = () => {
  };
  ready;
  readyAtMs = null;
  aborted;
  abortListener = null;
  killOnExit = null;
  signals = [];
  stopAtMs = null;
  stopDelayMs = null;
  now() {
    return performance.now() - this.t0;
  }
  get pid() {
    const pid = this.child?.pid;
    if (pid === void 0) throw new RunError("internal: the program has no process id");
    return pid;
  }
  /** Spawns Valgrind as the leader of a new process group, so the whole group can be signalled. */
  async start(command) {
    const [file, ...args] = command;
    this.t0 = performance.now();
    const child = spawn(file, args, {
      cwd: this.plan.cwd,
      env: this.plan.env ?? process.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"]
    });
    this.child = child;
    const spawned = new Promise((resolve) => {
      child.once("spawn", () => resolve(null));
      child.once("error", resolve);
    });
    child.once("exit", (code, signal) => {
      this.exit = { code, signal };
      this.exitAtMs = this.now();
      this.resolveExit("exit");
    });
    const error = await spawned;
    if (error !== null) {
      this.child = null;
      throw new RunError(`Could not start Valgrind ('${file}' in '${this.plan.cwd}'): ${error.message}`);
    }
    this.output.attach(child.stdout);
    this.output.attach(child.stderr);
    const pid = this.pid;
    this.killOnExit = () => void signalGroup(pid, "SIGKILL");
    process.once("exit", this.killOnExit);
    this.sink.info(`Started Valgrind (pid ${this.pid}): ${command.join(" ")}`);
  }
  /** Waits for the first of the given events, or the timeout (null: none). */
  async wait(timeoutMs, events) {
    let timer;
    const all = [...events];
    if (timeoutMs !== null) all.push(new Promise((resolve) => timer = setTimeout(resolve, Math.max(0, timeoutMs), "timeout")));
    try {
      return await Promise.race(all);
    } finally {
      clearTimeout(timer);
    }
  }
  send(signal, reason) {
    const atMs = this.now();
    if (!signalGroup(this.pid, signal)) return;
    this.signals.push({ signal, atMs: Math.round(atMs), reason });
    if ((reason === "stop" || reason === "cancel") && this.exit === null) this.stopAtMs ??= atMs;
  }
  /**
   * Waits until the top process has exited and the rest of its group is gone.
   * 'abort' when cancelled meanwhile (if `abortable`).
   */
  async waitGone(timeoutMs, abortable) {
    const deadline = this.now() + timeoutMs;
    const events = abortable ? [this.exited, this.aborted] : [this.exited];
    const woke = await this.wait(timeoutMs, events);
    if (woke !== "exit") return woke === "abort" ? "abort" : "timeout";
    let abort = false;
    void this.aborted.then(() => abort = abortable);
    const gone = await waitForGroupGone(this.pid, deadline - this.now(), () => abort);
    if (gone) return "gone";
    return abort ? "abort" : "timeout";
  }
  /** The whole run after the spawn; returns how it ended. */
  async supervise() {
    const { plan, sink } = this;
    let readyAt;
    if (plan.readyPattern === null) {
      readyAt = 0;
    } else {
      const woke2 = await this.wait(plan.readyTimeoutMs, [this.ready, this.exited, this.aborted]);
      if (woke2 === "exit") return this.exitedEarly();
      if (woke2 === "abort") return this.cancel();
      if (woke2 === "timeout") return this.notReady();
      readyAt = this.readyAtMs ?? this.now();
      sink.info(`Ready after ${seconds2(readyAt)}: running for ${seconds2(plan.durationMs)}.`);
    }
    this.readyAtMs = readyAt;
    const stopAt = readyAt + plan.durationMs;
    const woke = await this.wait(stopAt - this.now(), [this.exited, this.aborted]);
    if (woke === "exit") return this.exitedEarly();
    if (woke === "abort") return this.cancel();
    this.send(plan.stopSignal, "stop");
    this.stopDelayMs = Math.max(0, (this.stopAtMs ?? stopAt) - stopAt);
    sink.info(`Duration over: sent ${plan.stopSignal}; waiting up to ${seconds2(plan.shutdownTimeoutMs)} for the program to exit.`);
    return this.shutDown();
  }
  async shutDown() {
    const { plan, sink } = this;
    const first = await this.waitGone(plan.shutdownTimeoutMs, true);
    if (first === "gone") return "stopped";
    if (first === "abort") return this.cancel();
    if (plan.escalateSignal === null) {
      sink.info(`Hung shutdown: still running ${seconds2(plan.shutdownTimeoutMs)} after ${plan.stopSignal}; sending SIGKILL (no report).`);
      await this.kill();
      return "hung-killed";
    }
    sink.info(
      `Hung shutdown: still running ${seconds2(plan.shutdownTimeoutMs)} after ${plan.stopSignal}; sending ${plan.escalateSignal} so Valgrind writes its report without the program's cooperation.`
    );
    this.send(plan.escalateSignal, "escalate");
    const second = await this.waitGone(plan.escalateTimeoutMs, true);
    if (second === "gone") return "hung-escalated";
    if (second === "abort") return this.cancel();
    sink.info(`Still running ${seconds2(plan.escalateTimeoutMs)} after ${plan.escalateSignal}; sending SIGKILL (no report).`);
    await this.kill();
    return "hung-killed";
  }
  /** The top process exited before the duration ended; stops what remains of its group. */
  async exitedEarly() {
    const { plan, sink } = this;
    const when = this.readyAtMs === null && plan.readyPattern !== null ? "before it was ready" : "before the duration ended";
    sink.info(`The program exited ${when} (${describeExit(this.exit)}).`);
    if (await groupAlive(this.pid)) {
      sink.info(`Processes of its group still run: sending ${plan.stopSignal}.`);
      this.send(plan.stopSignal, "stop");
      if (await this.waitGone(plan.shutdownTimeoutMs, false) !== "gone") await this.kill();
    }
    return "exited-early";
  }
  async notReady() {
    const { plan, sink } = this;
    sink.info(
      `Not ready: no output line matched the ready pattern /${plan.readyPattern?.source}/ within ${seconds2(plan.readyTimeoutMs)}; sending ${plan.stopSignal}. Set 'ready-pattern' to a line the program prints once it works (empty: start the clock at launch), or raise 'ready-timeout'.`
    );
    this.send(plan.stopSignal, "stop");
    if (await this.waitGone(plan.shutdownTimeoutMs, false) !== "gone") await this.kill();
    return "not-ready";
  }
  async cancel() {
    const grace = this.plan.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS;
    const stopSent = this.signals.length > 0;
    this.sink.info(`Cancelled: ${stopSent || this.exit !== null ? "" : `sending ${this.plan.stopSignal}, then `}SIGKILL after ${seconds2(grace)} if still running.`);
    if (this.exit === null && !stopSent) this.send(this.plan.stopSignal, "cancel");
    if (await this.waitGone(grace, false) !== "gone") await this.kill();
    return "cancelled";
  }
  async kill() {
    this.send("SIGKILL", "kill");
    if (await this.waitGone(KILL_WAIT_MS, false) !== "gone") {
      this.sink.info(`Processes of group ${this.pid} survived SIGKILL for ${seconds2(KILL_WAIT_MS)}.`);
    }
  }
  /** Kills whatever is left of the group (also after an exception) and closes the output. */
  async cleanUp() {
    if (this.abortListener !== null) this.plan.abort?.removeEventListener("abort", this.abortListener);
    if (this.child !== null && await groupAlive(this.pid)) await this.kill();
    if (this.killOnExit !== null) process.off("exit", this.killOnExit);
    await this.output.close();
    const killed = this.signals.some((s) => s.signal === "SIGKILL");
    if (killed && !this.plan.valgrindArgs.some((a) => a.startsWith("--vgdb-prefix="))) {
      const pids = [this.pid, ...(await listXmlFiles(this.plan.outDir)).map(pidOfXml)];
      await removeVgdbPipes(pids, this.plan.env ?? process.env);
    }
  }
  /** Collects RunInfo once the group is gone; waits briefly for the pipes to drain. */
  async info(command, outputFile, end) {
    if (this.child !== null) {
      const drained = await this.wait(PIPE_DRAIN_MS, [Promise.all(this.output.ended).then(() => "exit")]);
      if (drained === "timeout") {
        this.sink.info(
          "The output stayed open after the process group ended: a process left the group (daemonised, e.g. `fluent-bit -d`?) and was not stopped. Run the program in the foreground."
        );
        this.child.stdout?.destroy();
        this.child.stderr?.destroy();
      }
    }
    await this.output.close();
    const xmlFiles = await listXmlFiles(this.plan.outDir);
    const doneAtMs = this.now();
    const exit = this.exit;
    return {
      command,
      cwd: this.plan.cwd,
      durationSeconds: this.plan.durationMs / 1e3,
      stopSignal: this.plan.stopSignal,
      end,
      exitCode: exit?.code ?? null,
      exitSignal: exit?.signal ?? null,
      signals: [...this.signals],
      readyAfterMs: this.readyAtMs === null ? null : Math.round(this.readyAtMs),
      shutdownMs: this.stopAtMs !== null && this.exitAtMs !== null ? Math.round(this.exitAtMs - this.stopAtMs) : null,
      totalMs: Math.round(this.exitAtMs ?? (this.child === null ? 0 : doneAtMs)),
      outputTail: this.output.tail(),
      outputFile,
      xmlFiles,
      ...this.plan.valgrindVersion === void 0 ? {} : { valgrindVersion: this.plan.valgrindVersion },
      ...this.child === null ? {} : { pid: this.pid },
      stopDelayMs: this.stopDelayMs === null ? null : round1(this.stopDelayMs),
      finishMs: this.exitAtMs === null ? null : round1(doneAtMs - this.exitAtMs)
    };
  }
};
function describeExit(exit) {
  if (exit === null) return "still running";
  return exit.signal !== null ? `killed by ${exit.signal}` : `exit status ${exit.code}`;
}
function seconds2(ms) {
  return `${(ms / 1e3).toFixed(ms % 1e3 === 0 ? 0 : 1)} s`;
}
function round1(ms) {
  return Math.round(ms * 10) / 10;
}

// src/pipeline/preflight.ts
import { stat as stat2 } from "node:fs/promises";

// src/run/find-valgrind.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";

// src/system/exec.ts
import { spawn as spawn2 } from "node:child_process";
import os from "node:os";
function lineSplitter(onLine) {
  let rest = "";
  return {
    push(chunk) {
      const parts = (rest + chunk.toString("utf8")).split("\n");
      rest = parts.pop() ?? "";
      for (const p of parts) onLine(p.endsWith("\r") ? p.slice(0, -1) : p);
    },
    flush() {
      if (rest !== "") onLine(rest);
      rest = "";
    }
  };
}
function execLines(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn2(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const onLine = opts.onLine ?? (() => {
    });
    const out = lineSplitter(onLine);
    const err = lineSplitter(onLine);
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      out.flush();
      err.flush();
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

// src/run/find-valgrind.ts
var execFileAsync = promisify(execFile);
var HOW_TO_INSTALL = "Install it first (Debian/Ubuntu: 'sudo apt-get install -y valgrind'), or set 'install-valgrind: true' to let the action install it";
async function findValgrind(env = process.env) {
  const found = await onPath("valgrind", env);
  if (found === null) throw new ValgrindNotFoundError(`Valgrind was not found on PATH. ${HOW_TO_INSTALL}.`);
  let stdout;
  try {
    ({ stdout } = await execFileAsync(found, ["--version"], { env, timeout: 3e4 }));
  } catch (e) {
    const detail = (e.stderr ?? "").trim() || e.message;
    throw new ValgrindNotFoundError(`Valgrind at ${found} does not run ('valgrind --version' failed: ${detail}). Reinstall it. ${HOW_TO_INSTALL}.`);
  }
  const version = /valgrind-(\S+)/.exec(stdout)?.[1];
  if (version === void 0) throw new ValgrindNotFoundError(`${found} --version printed '${stdout.trim()}', not a Valgrind version. ${HOW_TO_INSTALL}.`);
  return { path: found, version };
}
async function installValgrind(log, env = process.env) {
  try {
    await aptInstall((cmd, args, o) => execLines(cmd, args, o), ["valgrind"], { env, isRoot: process.getuid?.() === 0, onLine: (l) => log.info(l) });
  } catch (e) {
    if (!(e instanceof AptError)) throw e;
    if (e.reason === "no-apt-get") {
      throw new ValgrindNotFoundError("'install-valgrind' uses apt-get, which this system does not have; install Valgrind with the system's package manager before this step");
    }
    if (e.reason === "no-sudo") throw new ValgrindNotFoundError("'install-valgrind' needs root or sudo to run apt-get; install Valgrind before this step");
    throw new RunError(`Installing Valgrind failed: ${e.message}`);
  }
}

// src/pipeline/preflight.ts
async function ensureProgram(run2, built) {
  const problems = [];
  const program = run2.binary ?? built;
  if (program === null) throw new SettingsError(["'binary' is required unless 'build' is true"]);
  const found = program.includes("/") ? await isExecutable(program) ? program : null : await onPath(program);
  if (found === null) {
    problems.push(
      program.includes("/") ? `'binary' ${program} does not exist or is not executable; build it first (or set 'build: true')` : `'binary' ${program} was not found on PATH; give a path such as build/bin/fluent-bit`
    );
  }
  if (run2.config !== null && !await isFile(run2.config)) problems.push(`'config' ${run2.config} does not exist`);
  for (const s of run2.suppressions) if (!await isFile(s)) problems.push(`'suppressions' ${s} does not exist`);
  if (!await isDirectory(run2.workingDirectory)) problems.push(`'working-directory' ${run2.workingDirectory} is not a directory`);
  if (found === null || problems.length > 0) throw new SettingsError(problems);
  return found;
}
async function ensureValgrind(install, log) {
  try {
    return await findValgrind();
  } catch (e) {
    if (!install) throw e;
    log.info("Valgrind is missing: installing it with apt-get (install-valgrind: true)");
    await installValgrind(log);
    return findValgrind();
  }
}
async function isFile(p) {
  return stat2(p).then((s) => s.isFile(), () => false);
}
async function isDirectory(p) {
  return stat2(p).then((s) => s.isDirectory(), () => false);
}

// src/pipeline/read-report-file.ts
import { readFile as readFile3 } from "node:fs/promises";
var ReportFileError = class extends Error {
  name = "ReportFileError";
};
async function readReportFile(file) {
  let data;
  try {
    data = JSON.parse(await readFile3(file, "utf8"));
  } catch (e) {
    throw new ReportFileError(`'report-file' ${file} cannot be read as JSON: ${e.message}`);
  }
  if (!isReportFile(data)) {
    throw new ReportFileError(`'report-file' ${file} is not a flb-valgrind report (schemaVersion ${SCHEMA_VERSION}): ${reportProblem(data)}`);
  }
  return data;
}
function isReportFile(x) {
  return reportProblem(x) === null;
}
var isObj = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
var count = (x) => typeof x === "number" && Number.isSafeInteger(x) && x >= 0 ? null : "not a whole number";
var str = (x) => typeof x === "string" ? null : "not a string";
var bool = (x) => typeof x === "boolean" ? null : "not true or false";
var optional = (c) => (x) => x === void 0 ? null : c(x);
var nullable = (c) => (x) => x === null ? null : c(x);
var oneOf = (values) => (x) => typeof x === "string" && values.includes(x) ? null : `not one of ${values.join(", ")}`;
var array = (c) => (x) => {
  if (!Array.isArray(x)) return "not a list";
  for (let i = 0; i < x.length; i++) {
    const p = c(x[i]);
    if (p) return `[${i}] ${p}`;
  }
  return null;
};
var object = (fields) => (x) => {
  if (!isObj(x)) return "not an object";
  for (const [k, c] of Object.entries(fields)) {
    const p = c(x[k]);
    if (p) return `${k} ${p}`;
  }
  return null;
};
var amount = object({ bytes: count, blocks: count });
var totals = object({
  definitelyLost: amount,
  indirectlyLost: amount,
  possiblyLost: amount,
  stillReachable: amount,
  suppressed: amount,
  errors: count
});
var frame = object({ fn: optional(str), file: optional(str), dir: optional(str), line: optional(count), obj: optional(str) });
var stack = array(frame);
var leak = object({
  kind: oneOf(LEAK_KINDS),
  fingerprint: str,
  bytes: count,
  indirectBytes: count,
  blocks: count,
  records: count,
  pids: array(count),
  stack,
  suppression: optional(str)
});
var memError = object({ kind: str, fingerprint: str, what: str, count, pids: array(count), stack, auxwhat: optional(str), auxStack: optional(stack) });
var processReport = object({
  pid: count,
  file: str,
  complete: bool,
  incompleteReasons: array(str),
  fatalSignal: optional(str),
  totalsSource: oneOf(["summary", "records"]),
  totals
});
var verdict = object({
  outcome: oneOf(["pass", "fail", "incomplete"]),
  reasons: array(str),
  checks: array(object({ what: str, actual: count, limit: nullable(count), exceeded: bool }))
});
var run = object({
  command: array(str),
  cwd: str,
  durationSeconds: count,
  stopSignal: str,
  end: oneOf(["stopped", "hung-escalated", "hung-killed", "exited-early", "not-ready", "cancelled"]),
  exitCode: nullable(count),
  exitSignal: nullable(str),
  signals: array(object({ signal: str, atMs: count, reason: oneOf(["stop", "escalate", "kill", "cancel"]) })),
  totalMs: count,
  outputTail: array(str),
  xmlFiles: array(str)
});
var build = object({ sourceDir: str, buildDir: str, binary: str, cmakeOptions: array(str), cached: bool });
var reportProblem = object({
  schemaVersion: (x) => x === SCHEMA_VERSION ? null : `is ${JSON.stringify(x)}`,
  complete: bool,
  incompleteReasons: array(str),
  totals,
  processes: array(processReport),
  leaks: array(leak),
  errors: array(memError),
  suppressions: array(object({ name: str, count })),
  warnings: array(str),
  verdict: optional(verdict),
  run: optional(run),
  build: optional(build)
});

// src/build/run-warnings.ts
var SWITCHING = /client switching stacks\?/;
var COROUTINE_SWITCH = /^(co_swap_function|co_switch|swapcontext)$/;
var DEFAULT_MIN_ALLOCS = 200;
function parseHeapUsage(lines) {
  const out = [];
  const num = (s) => Number(s.replace(/,/g, ""));
  for (const l of lines) {
    const m = /total heap usage: ([\d,]+) allocs, ([\d,]+) frees, ([\d,]+) bytes allocated/.exec(l);
    if (m) out.push({ allocs: num(m[1]), frees: num(m[2]), bytesAllocated: num(m[3]) });
  }
  return out;
}
function runWarnings(input) {
  const warnings = [];
  const known = input.report?.warnings ?? [];
  const flags = input.buildFlags ?? null;
  const coroutineErrors = (input.report?.errors ?? []).filter((e) => e.stack[0]?.fn !== void 0 && COROUTINE_SWITCH.test(e.stack[0].fn));
  if ((input.output.some((l) => SWITCHING.test(l)) || coroutineErrors.length > 0) && !known.some((w) => SWITCHING.test(w))) {
    warnings.push(
      `${coroutineErrors.length > 0 ? `Memcheck reported errors inside the coroutine switch (${coroutineErrors[0]?.stack[0]?.fn})` : 'Valgrind printed "client switching stacks?"'}: the program switches (coroutine) stacks without telling Valgrind, so errors near a switch are false. Fluent Bit must be built with -DFLB_VALGRIND=On (FLB_HAVE_VALGRIND under Build Flags in 'fluent-bit -h'): set 'build: true', or rebuild it with that option.`
    );
  } else if (input.isFluentBit && flags !== null && !flags.includes("FLB_HAVE_VALGRIND")) {
    warnings.push(
      "This Fluent Bit was built without Valgrind support (FLB_HAVE_VALGRIND is not under Build Flags in 'fluent-bit -h'): memcheck may report false errors from coroutine stack switches. Rebuild with -DFLB_VALGRIND=On, or set 'build: true'."
    );
  }
  if (flags?.includes("FLB_HAVE_JEMALLOC")) {
    warnings.push(
      "This Fluent Bit was built with jemalloc (FLB_HAVE_JEMALLOC under Build Flags): memcheck cannot see jemalloc's allocations, so leaks go unreported. Rebuild with -DFLB_JEMALLOC=Off, or set 'build: true'."
    );
  } else if (input.isFluentBit && input.heap && input.heap.length > 0) {
    const most = Math.max(...input.heap.map((h) => h.allocs));
    const min = input.minHeapAllocs ?? DEFAULT_MIN_ALLOCS;
    if (most < min) {
      warnings.push(
        `Valgrind saw only ${most} heap allocation${most === 1 ? "" : "s"} in this Fluent Bit run, where even a failed startup makes about a thousand: it probably allocates through an allocator memcheck cannot see (jemalloc, FLB_JEMALLOC=On, or another statically linked malloc), and leaks go unreported. Rebuild with -DFLB_JEMALLOC=Off, or set 'build: true'.`
      );
    }
  }
  return warnings;
}
function warningsAfterRun(report, output, build2) {
  const isFluentBit = build2 !== void 0 || output.some((l) => /^Fluent Bit v\d/.test(l));
  return runWarnings({ report, output, isFluentBit, buildFlags: build2?.buildFlags ?? null, heap: parseHeapUsage(output) });
}

// src/pipeline/run-pipeline.ts
async function runPipeline(settings, deps) {
  const { log } = deps;
  const outDir = settings.run.outDir;
  await mkdir2(outDir, { recursive: true });
  const build2 = settings.build.enabled ? await buildStage(settings.build, outDir, deps) : void 0;
  const program = await ensureProgram(settings.run, build2?.binary ?? null);
  const valgrind = await ensureValgrind(settings.run.installValgrind, log);
  const plan = { ...planFromSettings(settings.run, valgrind.path, program), abort: deps.abort };
  log.info(`Running ${program} under Valgrind ${valgrind.version} for ${settings.run.durationSeconds} s after it is ready`);
  const run2 = await log.group("Program output", () => runUnderValgrind(plan, { write: (c) => log.output(c), info: (m) => log.info(m) }));
  run2.valgrindVersion ??= valgrind.version;
  const report = await parseFiles(run2.xmlFiles);
  if (run2.xmlFiles.length === 0) {
    report.complete = false;
    report.incompleteReasons.push(`Valgrind wrote no XML file into ${outDir}`);
  }
  for (const w of warningsAfterRun(report, await linesOfInterest(run2.outputFile), build2)) {
    report.warnings.push(w);
    log.warning(w);
  }
  const verdict2 = judge(report, settings.policy, run2);
  const result = { report, verdict: verdict2, run: run2, ...build2 ? { build: build2 } : {} };
  const reportFile = await writeReportFile(path8.join(outDir, "report.json"), reportFileOf(result, settings.policy));
  return { ...result, program, reportFile };
}
async function judgeFiles(files, policy) {
  const first = files[0];
  if (first !== void 0 && await looksLikeJson(first)) {
    if (files.length > 1) throw new SettingsError([`give either one report.json or Valgrind output files, not both: got ${files.length} files`]);
    return rejudgeReportFile(first, policy);
  }
  const report = await parseFiles(files);
  return { report, verdict: judge(report, policy), reportFile: null };
}
async function rejudgeReportFile(file, policy) {
  const { verdict: _previous, policy: _previousPolicy, run: run2, build: build2, ...report } = await readReportFile(file);
  return { report, verdict: judge(report, policy, run2), ...run2 ? { run: run2 } : {}, ...build2 ? { build: build2 } : {}, reportFile: file };
}
async function linesOfInterest(file) {
  const wanted = /client switching stacks\?|total heap usage|^Fluent Bit v\d/;
  const lines = [];
  const stream = createReadStream(file, { encoding: "utf8" });
  try {
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) if (wanted.test(line)) lines.push(line);
  } catch {
  }
  return lines;
}
async function looksLikeJson(file) {
  const handle = await open2(file).catch(() => null);
  if (!handle) return false;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    return buffer.subarray(0, bytesRead).toString("utf8").trimStart().startsWith("{");
  } finally {
    await handle.close();
  }
}
function reportFileOf(result, policy) {
  const { report, verdict: verdict2, run: run2, build: build2 } = result;
  return { ...report, verdict: verdict2, policy, ...run2 ? { run: run2 } : {}, ...build2 ? { build: build2 } : {} };
}
async function buildStage(settings, outDir, deps) {
  if (!deps.build) throw new Error("the build stage is not available here");
  return deps.build(settings, outDir);
}
async function writeReportFile(target, file) {
  await writeFile(target, `${JSON.stringify(file, null, 2)}
`);
  return target;
}

// src/run/cancel.ts
function installCancelHandlers(controller) {
  const onSignal = (signal) => {
    if (!controller.signal.aborted) controller.abort(new Error(`Cancelled by ${signal}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}

// src/entry/cli-args.ts
var UsageError = class extends Error {
  name = "UsageError";
};
var CLI_INPUTS = INPUTS.filter((i) => i.cli);
var REPORT_GROUPS = ["judge"];
function parseCliArgs(argv) {
  const [command, ...rest] = argv;
  if (command === void 0 || command === "-h" || command === "--help" || command === "help") {
    return { command: null, help: true, inputs: /* @__PURE__ */ new Map(), files: [], json: null, markdown: null };
  }
  if (command !== "run" && command !== "report") {
    throw new UsageError(`unknown command '${command}': use 'flb-valgrind run [options] -- PROGRAM [ARGS...]' or 'flb-valgrind report [options] FILE...'`);
  }
  const args = { command, help: false, inputs: /* @__PURE__ */ new Map(), files: [], json: null, markdown: null };
  const positional = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--") {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (arg === "-h" || arg === "--help") {
      args.help = true;
      continue;
    }
    if (!arg.startsWith("--")) {
      if (command === "run") throw new UsageError(`unexpected '${arg}': put the program after '--', as in 'flb-valgrind run --duration 30 -- ./fluent-bit -i dummy -o null'`);
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? void 0 : eq);
    const inline = eq === -1 ? void 0 : arg.slice(eq + 1);
    const takeValue = () => {
      if (inline !== void 0) return inline;
      const next = rest[i + 1];
      if (next === void 0) throw new UsageError(`--${name} needs a value`);
      i++;
      return next;
    };
    if (name === "json" || name === "markdown") {
      args[name] = takeValue();
      continue;
    }
    const negated = name.startsWith("no-") ? cliInput(name.slice(3), command) : void 0;
    if (negated?.kind === "boolean" && inline === void 0) {
      args.inputs.set(negated.name, "false");
      continue;
    }
    const input = cliInput(name, command);
    if (!input) throw new UsageError(`unknown option --${name} for '${command}'; see 'flb-valgrind ${command} --help'`);
    if (input.kind === "boolean") {
      args.inputs.set(name, inline ?? "true");
    } else if (input.kind === "multiline" && args.inputs.has(name)) {
      args.inputs.set(name, `${args.inputs.get(name)}
${takeValue()}`);
    } else {
      args.inputs.set(name, takeValue());
    }
  }
  if (command === "run" && positional.length > 0) {
    if (args.inputs.has("binary") || args.inputs.has("args")) {
      throw new UsageError("give the program either after '--' or with --binary/--args, not both");
    }
    const building = args.inputs.get("build") === "true";
    if (!building) args.inputs.set("binary", positional[0]);
    args.inputs.set("args", positional.slice(building ? 0 : 1).map(quoteWord).join(" "));
  }
  if (command === "report") args.files = positional;
  if (!args.help && command === "report" && args.files.length === 0) {
    throw new UsageError("'report' needs at least one Valgrind XML or text file: flb-valgrind report valgrind.1234.xml");
  }
  return args;
}
function cliInput(name, command) {
  const input = CLI_INPUTS.find((i) => i.name === name);
  if (!input) return void 0;
  return command === "run" || REPORT_GROUPS.includes(input.group) ? input : void 0;
}
function quoteWord(word) {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
function helpText(command) {
  const flags = (groups) => CLI_INPUTS.filter((i) => groups.includes(i.group)).map((i) => {
    const head = i.kind === "boolean" ? `  --${i.name}, --no-${i.name}` : `  --${i.name} ${i.kind === "multiline" ? "VALUE (repeatable)" : "VALUE"}`;
    const def = i.default ? ` [default: ${i.default}]` : "";
    return `${head}
      ${i.description.replaceAll("`", "")}${def}`;
  }).join("\n");
  const common = `  --json FILE
      Write the report (JSON) to FILE.
  --markdown FILE
      Write the summary (Markdown, as in the job summary) to FILE.
  -h, --help
      This help.`;
  const exits = "Exit codes: 0 pass, 1 fail or incomplete, 2 bad input or usage.";
  if (command === "report") {
    return `Usage: flb-valgrind report [options] FILE...

Judges existing Valgrind output (XML or text, one file per process).

Options:
${flags(REPORT_GROUPS)}
${common}

${exits}
`;
  }
  if (command === "run") {
    return `Usage: flb-valgrind run [options] -- PROGRAM [ARGS...]
       flb-valgrind run --build [options] -- [ARGS...]

Runs PROGRAM (with --build: the fluent-bit it builds) under Valgrind memcheck for
--duration seconds after it is ready, stops it with one signal, and judges the leak report.

Options:
${flags(["run", "judge", "build"])}
${common}

${exits}
`;
  }
  return `Usage:
  flb-valgrind run [options] -- PROGRAM [ARGS...]   run under Valgrind and judge
  flb-valgrind report [options] FILE...            judge existing Valgrind output

'flb-valgrind COMMAND --help' lists the options.
${exits}
`;
}

// src/entry/errors.ts
var KNOWN = [SettingsError, UsageError, RunError, BuildError, ParseInputError, ReportFileError];
function describeError(e) {
  if (KNOWN.some((k) => e instanceof k)) return e.message;
  const message = e instanceof Error ? e.message : String(e);
  return `${message} (an unexpected error: please report it with the step's log)`;
}
function isUserError(e) {
  return e instanceof SettingsError || e instanceof UsageError || e instanceof ParseInputError || e instanceof ReportFileError;
}

export {
  OUTPUT_FILE,
  SettingsError,
  readSettings,
  settingsRules,
  execLines,
  runPipeline,
  judgeFiles,
  rejudgeReportFile,
  reportFileOf,
  writeReportFile,
  installCancelHandlers,
  UsageError,
  parseCliArgs,
  helpText,
  describeError,
  isUserError
};
