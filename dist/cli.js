#!/usr/bin/env node
import { createRequire as __flbCreateRequire } from 'node:module';
const require = __flbCreateRequire(import.meta.url);
import {
  SettingsError,
  UsageError,
  describeError,
  execLines,
  helpText,
  installCancelHandlers,
  isUserError,
  judgeFiles,
  parseCliArgs,
  readSettings,
  reportFileOf,
  runPipeline,
  settingsRules,
  writeReportFile
} from "./chunks/chunk-2QHFUVON.js";
import {
  localContext,
  renderSummary
} from "./chunks/chunk-SNPFMP5N.js";
import {
  isAllocatorFrame
} from "./chunks/chunk-EA6RZQWF.js";
import {
  buildFluentBit
} from "./chunks/chunk-NFQYSGYF.js";
import "./chunks/chunk-DT67M3DM.js";
import "./chunks/chunk-YGYQYLWH.js";
import "./chunks/chunk-2LFC2PKW.js";

// src/entry/cli.ts
import os from "node:os";
import path from "node:path";
import { writeFile } from "node:fs/promises";

// src/publish/console.ts
var ROWS = [
  ["definitelyLost", "definitely lost"],
  ["indirectlyLost", "indirectly lost"],
  ["possiblyLost", "possibly lost"],
  ["stillReachable", "still reachable"],
  ["suppressed", "suppressed"]
];
var TOP = 5;
function renderConsoleSummary(report, verdict, reportFile) {
  const limitOf = (what) => {
    const c = verdict.checks.find((x) => x.what === what);
    if (!c) return "";
    if (c.limit === null) return "not checked";
    return `limit ${c.limit}${c.exceeded ? "  OVER" : ""}`;
  };
  const lines = [`flb-valgrind: ${verdict.outcome.toUpperCase()}`, ""];
  for (const [key, label] of ROWS) {
    const a = report.totals[key];
    const amount = `${a.bytes} bytes in ${a.blocks} block${a.blocks === 1 ? "" : "s"}`;
    lines.push(`  ${label.padEnd(16)} ${amount.padEnd(28)} ${limitOf(key)}`.trimEnd());
  }
  lines.push(`  ${"errors".padEnd(16)} ${String(report.totals.errors).padEnd(28)} ${limitOf("errors")}`.trimEnd());
  if (verdict.reasons.length > 0) {
    lines.push("", "Why:", ...verdict.reasons.map((r) => `  - ${r.replaceAll("\n", "\n    ")}`));
  }
  const leaks = report.leaks.filter((l) => l.kind !== "stillReachable").slice(0, TOP);
  if (leaks.length > 0) {
    lines.push("", "Top leaks:");
    for (const l of leaks) {
      const label = ROWS.find(([k]) => k === l.kind)?.[1] ?? l.kind;
      lines.push(`  ${l.bytes + l.indirectBytes} bytes ${label} in ${l.blocks} block${l.blocks === 1 ? "" : "s"}: ${shortStack(l.stack)}`);
    }
  }
  const errors = report.errors.slice(0, TOP);
  if (errors.length > 0) {
    lines.push("", "Top errors:", ...errors.map((e) => `  ${e.count}x ${e.kind}: ${shortStack(e.stack)}`));
  }
  for (const w of report.warnings) lines.push("", `Warning: ${w}`);
  if (reportFile) lines.push("", `Report: ${reportFile}`);
  return `${lines.join("\n")}
`;
}
function shortStack(stack) {
  return stack.filter((f) => !isAllocatorFrame(f)).slice(0, 4).map((f) => {
    const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ""}` : f.obj ?? "";
    return `${f.fn ?? "???"}${where ? ` (${where})` : ""}`;
  }).join(" < ");
}

// src/build/node-io.ts
function execWithNode(cmd, args, opts) {
  return execLines(cmd, args, opts);
}
function nodeBuildIO(out = process.stderr) {
  return {
    exec: execWithNode,
    async group(name, fn) {
      out.write(`== ${name}
`);
      try {
        return await fn();
      } finally {
        out.write(`== end of ${name}
`);
      }
    },
    info: (msg) => void out.write(`${msg}
`),
    warning: (msg) => void out.write(`warning: ${msg}
`),
    annotate: (a) => void out.write(`${a.file}:${a.line}${a.col ? `:${a.col}` : ""}: ${a.level}: ${a.message}
`)
  };
}

// src/entry/cli.ts
async function main(argv, io) {
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      io.stdout(helpText(args.command));
      return 0;
    }
    const settings = readSettings((n) => args.inputs.get(n), { workspace: io.cwd, cpuCount: os.availableParallelism() }, settingsRules, args.command ?? "run");
    const log = cliLog(io);
    const controller = new AbortController();
    const uninstall = installCancelHandlers(controller);
    try {
      const result = args.command === "report" ? await judgeFiles(args.files.map((f) => path.resolve(io.cwd, f)), settings.policy) : await runPipeline(settings, { log, abort: controller.signal, build: (b, outDir) => buildFluentBit(b, nodeBuildIO({ write: io.stderr }), outDir) });
      if (args.json) await writeReportFile(path.resolve(io.cwd, args.json), reportFileOf(result, settings.policy));
      if (args.markdown) {
        const view = { ...result, policy: settings.policy, context: localContext(io.cwd) };
        await writeFile(path.resolve(io.cwd, args.markdown), renderSummary(view));
      }
      io.stdout(renderConsoleSummary(result.report, result.verdict, result.reportFile));
      return result.verdict.outcome === "pass" ? 0 : 1;
    } finally {
      uninstall();
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof SettingsError) {
      io.stderr(`flb-valgrind: ${e.message}
`);
      return 2;
    }
    io.stderr(`flb-valgrind: ${describeError(e)}
`);
    return isUserError(e) ? 2 : 1;
  }
}
function cliLog(io) {
  return {
    info: (m) => io.stderr(`${m}
`),
    warning: (m) => io.stderr(`warning: ${m}
`),
    group: async (name, fn) => {
      io.stderr(`--- ${name} ---
`);
      try {
        return await fn();
      } finally {
        io.stderr(`--- end of ${name.toLowerCase()} ---
`);
      }
    },
    output: (chunk) => io.stderr(chunk)
  };
}

// src/entry/cli-main.ts
process.exitCode = await main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd()
});
