#!/usr/bin/env node
import { createRequire as __flbCreateRequire } from 'node:module';
const require = __flbCreateRequire(import.meta.url);
import {
  LEAK_KINDS,
  isAllocatorFrame
} from "./chunk-EA6RZQWF.js";
import {
  repoRelativePath
} from "./chunk-YGYQYLWH.js";

// src/publish/escape.ts
var ZWSP = "\u200B";
var BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
var CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
var LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085]/g;
function oneLine(s) {
  return s.replace(LINE_BREAK, " ").replace(/\t/g, " ").replace(CONTROL, "\uFFFD").replace(BIDI, "\uFFFD");
}
function truncate(s, max) {
  const chars = [...s];
  if (chars.length <= max) return s;
  return `${chars.slice(0, Math.max(0, max - 1)).join("")}\u2026`;
}
function defuseReferences(s) {
  return s.replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`).replace(/#(?=\d)/g, `#${ZWSP}`).replace(/:\/\//g, `:${ZWSP}//`).replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}${ZWSP}.`);
}
var alnum = (c) => c !== void 0 && /[A-Za-z0-9]/.test(c);
function mdText(s) {
  const t = defuseReferences(oneLine(s));
  const inline = t.replace(/[\\`*[\]<>|~]|_/g, (c, i) => c === "_" && alnum(t[i - 1]) && alnum(t[i + 1]) ? c : `\\${c}`).replace(/&/g, "&amp;");
  return inline.replace(/^(\s*)(?:([#+\-=])|(\d+)([.)]))/, (_m, sp, mark, num, dot) => mark ? `${sp}\\${mark}` : `${sp}${num}\\${dot}`);
}
function codeSpan(s) {
  let text = oneLine(s);
  if (text === "") text = " ";
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || text.startsWith(" ") && text.endsWith(" ") && text.trim() !== "" ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}
function cellCode(s) {
  return `<code>${mdText(s)}</code>`;
}
function htmlText(s) {
  return defuseReferences(oneLine(s)).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
function htmlCode(s) {
  const escaped = oneLine(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<code>${escaped}</code>`;
}
function fencedBlock(text, info = "text") {
  const body = text.replace(/\r\n?/g, "\n").replace(CONTROL, "\uFFFD").replace(BIDI, "\uFFFD");
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info}
${body.replace(/\n+$/, "")}
${fence}`;
}
function safeUrl(url) {
  return url.replace(/[\s()<>"'`|\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
function encodePath(path) {
  return path.split("/").map((seg) => encodeURIComponent(seg).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join("/");
}
function commentSafe(s) {
  return oneLine(s).replace(/-{2,}/g, "-").replace(/[<>]/g, "_");
}
function escapeCommandData(s) {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeCommandProperty(s) {
  return escapeCommandData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// src/publish/context.ts
function localContext(workspace) {
  return {
    workspace,
    serverUrl: "https://github.com",
    repository: null,
    sha: null,
    runUrl: null,
    eventName: null,
    prNumber: null,
    workflow: null,
    job: null,
    matrix: null
  };
}
var nonEmpty = (s) => s && s.trim() !== "" ? s : null;
function isRecord(x) {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
function field(x, ...path) {
  let cur = x;
  for (const key of path) {
    if (typeof key === "number") {
      if (!Array.isArray(cur)) return void 0;
      cur = cur[key];
    } else {
      if (!isRecord(cur)) return void 0;
      cur = cur[key];
    }
  }
  return cur;
}
var positiveInt = (x) => typeof x === "number" && Number.isInteger(x) && x > 0 ? x : null;
function prNumberFromPayload(payload) {
  return positiveInt(field(payload, "pull_request", "number")) ?? (field(payload, "issue", "pull_request") !== void 0 ? positiveInt(field(payload, "issue", "number")) : null) ?? positiveInt(field(payload, "workflow_run", "pull_requests", 0, "number"));
}
function isForkPayload(payload) {
  const head = field(payload, "pull_request", "head", "repo", "full_name") ?? field(payload, "workflow_run", "head_repository", "full_name");
  const base = field(payload, "pull_request", "base", "repo", "full_name") ?? field(payload, "workflow_run", "repository", "full_name");
  return typeof head === "string" && typeof base === "string" && head !== base;
}
function readPublishContext(env, payload, cwd = "") {
  const serverUrl = (nonEmpty(env["GITHUB_SERVER_URL"]) ?? "https://github.com").replace(/\/+$/, "");
  const repository = nonEmpty(env["GITHUB_REPOSITORY"]);
  const runId = nonEmpty(env["GITHUB_RUN_ID"]);
  return {
    workspace: nonEmpty(env["GITHUB_WORKSPACE"]) ?? cwd,
    serverUrl,
    repository,
    sha: nonEmpty(env["GITHUB_SHA"]),
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : null,
    eventName: nonEmpty(env["GITHUB_EVENT_NAME"]),
    prNumber: prNumberFromPayload(payload),
    workflow: nonEmpty(env["GITHUB_WORKFLOW"]),
    job: nonEmpty(env["GITHUB_JOB"]),
    matrix: null,
    fromFork: isForkPayload(payload)
  };
}
function matrixValues(matrix) {
  if (!matrix || matrix.trim() === "" || matrix.trim() === "null") return null;
  let parsed;
  try {
    parsed = JSON.parse(matrix);
  } catch {
    return matrix.trim();
  }
  if (!isRecord(parsed)) return String(parsed);
  const values = Object.values(parsed).map((v) => typeof v === "string" ? v : JSON.stringify(v));
  return values.length > 0 ? values.join(", ") : null;
}
function defaultCommentKey(ctx) {
  const parts = [ctx.workflow, ctx.job, matrixValues(ctx.matrix)].filter((p) => p !== null && p !== "");
  return commentSafe(parts.length > 0 ? parts.join(" / ") : "default");
}
function defaultArtifactName(ctx) {
  const parts = ["flb-valgrind", ctx.job, matrixValues(ctx.matrix)].filter((p) => p !== null && p !== "");
  return parts.join("-").replace(/[":<>|*?\\/\r\n]+/g, "_").replace(/\s*,\s*/g, "-").replace(/\s+/g, "_").slice(0, 200);
}

// src/publish/format.ts
function count(n) {
  const sign = n < 0 ? "-" : "";
  const [int, frac] = Math.abs(n).toString().split(".");
  const grouped = (int ?? "0").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${sign}${grouped}.${frac}` : `${sign}${grouped}`;
}
function plural(n, one, many = `${one}s`) {
  return `${count(n)} ${n === 1 ? one : many}`;
}
function bytes(n) {
  const base = plural(n, "byte");
  if (n < 1024) return base;
  const units = ["KiB", "MiB", "GiB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${base} (${v.toFixed(1)} ${units[u]})`;
}
function duration(ms) {
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  const s = Math.round(ms / 1e3);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}
var KIND_LABEL = {
  definitelyLost: "definitely lost",
  indirectlyLost: "indirectly lost",
  possiblyLost: "possibly lost",
  stillReachable: "still reachable",
  suppressed: "suppressed"
};
var CHECK_LABEL = {
  definitelyLost: "Definitely lost",
  indirectlyLost: "Indirectly lost",
  possiblyLost: "Possibly lost",
  errors: "Memory errors"
};
var OUTCOME_ICON = { pass: "\u2705", fail: "\u274C", incomplete: "\u26A0\uFE0F" };
var OUTCOME_WORD = { pass: "Pass", fail: "Fail", incomplete: "Incomplete" };
function capital(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// src/publish/fit.ts
var half = (n) => n <= 1 ? 0 : Math.floor(n / 2);
function cutNote(full, detail, limitText, whereElse) {
  const cut = [];
  const stacks = full.leakStacks - detail.leakStacks + (full.errorStacks - detail.errorStacks);
  if (stacks > 0) cut.push(`${count(stacks)} stack${stacks === 1 ? "" : "s"}`);
  const rows = full.leaks - detail.leaks + (full.errors - detail.errors);
  if (rows > 0) cut.push(`${count(rows)} table row${rows === 1 ? "" : "s"}`);
  if (detail.frames < full.frames) cut.push(`stack frames past the ${count(detail.frames)}th`);
  if (cut.length === 0) return "";
  return `> \u2702\uFE0F Cut to fit ${limitText}: ${cut.join(", ")}. ${whereElse}
`;
}
function fitToLimit(render, full, limit2, measure) {
  let d = { ...full };
  for (; ; ) {
    const text2 = render(d);
    if (measure(text2) <= limit2) return { text: text2, detail: d };
    if (d.leakStacks + d.errorStacks > 0) d = { ...d, leakStacks: half(d.leakStacks), errorStacks: half(d.errorStacks) };
    else if (d.leaks + d.errors > 0) d = { ...d, leaks: half(d.leaks), errors: half(d.errors) };
    else break;
  }
  const note = "\n\n> \u2702\uFE0F Cut at the size limit; the full report is in report.json.\n";
  let text = render(d);
  let end = Math.max(0, limit2 - note.length - 16);
  while (end > 0 && measure(text.slice(0, end) + note) > limit2) end = Math.floor(end * 0.9);
  text = text.slice(0, end) + note;
  return { text, detail: d };
}

// src/publish/ranking.ts
function leakKindExceeded(verdict, kind) {
  return verdict.checks.some((c) => c.what === kind && c.exceeded);
}
function errorsExceeded(verdict) {
  return verdict.checks.some((c) => c.what === "errors" && c.exceeded);
}
function rankLeaks(leaks, verdict) {
  const rank = (l) => (leakKindExceeded(verdict, l.kind) ? 0 : 10) + LEAK_KINDS.indexOf(l.kind);
  return leaks.map((leak, i) => ({ leak, i })).sort((a, b) => rank(a.leak) - rank(b.leak) || b.leak.bytes + b.leak.indirectBytes - (a.leak.bytes + a.leak.indirectBytes) || a.i - b.i).map((x) => x.leak);
}
function rankErrors(errors) {
  return errors.map((error, i) => ({ error, i })).sort((a, b) => b.error.count - a.error.count || a.i - b.i).map((x) => x.error);
}

// src/publish/source-location.ts
import { posix } from "node:path";
function absoluteSource(frame) {
  if (!frame.file) return null;
  const joined = posix.isAbsolute(frame.file) ? frame.file : frame.dir && posix.isAbsolute(frame.dir) ? posix.join(frame.dir, frame.file) : null;
  return joined === null ? null : posix.normalize(joined);
}
function workspacePath(frame, workspace) {
  const abs = absoluteSource(frame);
  if (abs === null || workspace === "" || !posix.isAbsolute(workspace)) return null;
  return repoRelativePath(abs, void 0, workspace);
}
function firstWorkspaceFrame(stack, workspace) {
  for (const [index, frame] of stack.entries()) {
    const path = workspacePath(frame, workspace);
    if (path !== null) return { index, frame, path, line: frame.line ?? null };
  }
  return null;
}
function siteFrame(stack, workspace) {
  const inRepo = firstWorkspaceFrame(stack, workspace);
  if (inRepo) return inRepo.frame;
  return stack.find((f) => !isAllocatorFrame(f)) ?? stack[0] ?? null;
}
function sourceUrl(ctx, path, line) {
  if (!ctx.repository || !ctx.sha) return null;
  return `${ctx.serverUrl}/${ctx.repository}/blob/${ctx.sha}/${encodePath(path)}${line ? `#L${line}` : ""}`;
}
function frameWhere(frame) {
  if (frame.file) return `${frame.file}${frame.line ? `:${frame.line}` : ""}`;
  return frame.obj ?? "";
}

// src/publish/report-sections.ts
var CELL_MAX = 120;
var NAME_MAX = 1e3;
var REASONS_MAX = 20;
var REASON_CHARS = 500;
function verdictSection(view, heading) {
  const { verdict, report } = view;
  const lines = [`${heading} ${OUTCOME_ICON[verdict.outcome]} Valgrind memcheck: ${OUTCOME_WORD[verdict.outcome]}`, ""];
  const reasons = verdict.reasons.slice(0, REASONS_MAX).map((r) => `- ${mdText(truncate(r, REASON_CHARS))}`);
  if (verdict.reasons.length > REASONS_MAX) reasons.push(`- \u2026and ${count(verdict.reasons.length - REASONS_MAX)} more`);
  if (reasons.length > 0) lines.push(...reasons, "");
  else lines.push(`No leak or memory error over its threshold in ${plural(report.processes.length, "process", "processes")}.`, "");
  const notes = report.warnings.slice(0, REASONS_MAX).map((w) => `> ${mdText(truncate(w, REASON_CHARS))}`);
  if (notes.length > 0) lines.push(...notes.flatMap((n) => [n, ">"]).slice(0, -1), "");
  return lines.join("\n");
}
function status(check, complete) {
  if (!check || check.limit === null) return "not checked";
  if (check.exceeded) return "\u274C over";
  return complete ? "\u2705 within" : "\u26A0\uFE0F unknown";
}
function limit(check, unit) {
  if (!check || check.limit === null) return "\u2014";
  return `${count(check.limit)} ${unit}`;
}
function totalsTable(view) {
  const { totals } = view.report;
  const checkOf = (what) => view.verdict.checks.find((c) => c.what === what);
  const rows = [
    "| Kind | Bytes | Blocks | Limit | Status |",
    "| :-- | --: | --: | --: | :-- |",
    ...["definitelyLost", "indirectlyLost", "possiblyLost"].map((k) => {
      const c = checkOf(k);
      return `| ${CHECK_LABEL[k]} | ${count(totals[k].bytes)} | ${count(totals[k].blocks)} | ${limit(c, "bytes")} | ${status(c, view.report.complete)} |`;
    }),
    `| Still reachable | ${count(totals.stillReachable.bytes)} | ${count(totals.stillReachable.blocks)} | \u2014 | not checked |`,
    `| Suppressed | ${count(totals.suppressed.bytes)} | ${count(totals.suppressed.blocks)} | \u2014 | not checked |`,
    `| Memory errors | ${plural(totals.errors, "error")} | | ${limit(checkOf("errors"), "errors")} | ${status(checkOf("errors"), view.report.complete)} |`
  ];
  return `${rows.join("\n")}
`;
}
function frameLocation(view, frame, inTable) {
  if (!frame) return "";
  const site = firstWorkspaceFrame([frame], view.context.workspace);
  if (site) {
    const label = truncate(`${site.path}${site.line ? `:${site.line}` : ""}`, inTable ? CELL_MAX : NAME_MAX);
    const text = inTable ? cellCode(label) : codeSpan(label);
    const url = sourceUrl(view.context, site.path, site.line);
    return url ? `[${text}](${safeUrl(url)})` : text;
  }
  const where = frameWhere(frame);
  if (!where) return "";
  return inTable ? cellCode(truncate(where, CELL_MAX)) : codeSpan(truncate(where, NAME_MAX));
}
function fnCell(frame) {
  return frame?.fn ? cellCode(truncate(frame.fn, CELL_MAX)) : "";
}
function leakBytes(l) {
  return l.indirectBytes > 0 ? `${count(l.bytes)} (+${count(l.indirectBytes)} indirect)` : count(l.bytes);
}
function stackList(view, stack, frames) {
  const shown = stack.slice(0, frames).map((f, i) => {
    const fn = f.fn ? codeSpan(truncate(f.fn, NAME_MAX)) : "`???`";
    const where = frameLocation(view, f, false);
    return `${i + 1}. ${fn}${where ? ` ${where}` : ""}`;
  });
  if (stack.length > frames) shown.push(`${frames + 1}. \u2026${count(stack.length - frames)} more frames in report.json`);
  return shown;
}
function details(summaryHtml, body) {
  return ["<details><summary>" + summaryHtml + "</summary>", "", ...body, "", "</details>", ""].join("\n");
}
function leaksSection(view, leaks, detail, heading) {
  if (leaks.length === 0) return "";
  const shown = leaks.slice(0, detail.leaks);
  const title = shown.length < leaks.length ? `Leaks (top ${count(shown.length)} of ${count(leaks.length)})` : `Leaks (${count(leaks.length)})`;
  const out = [`${heading} ${title}`, ""];
  if (shown.length === 0) return `${out.join("\n")}All ${count(leaks.length)} are listed in the job summary and in report.json.
`;
  out.push("| # | Kind | Bytes | Blocks | Function | Location |", "| --: | :-- | --: | --: | :-- | :-- |");
  shown.forEach((l, i) => {
    const site = siteFrame(l.stack, view.context.workspace);
    out.push(`| ${i + 1} | ${KIND_LABEL[l.kind].replace(" ", "\xA0")} | ${leakBytes(l)} | ${count(l.blocks)} | ${fnCell(site)} | ${frameLocation(view, site, true)} |`);
  });
  out.push("");
  shown.slice(0, detail.leakStacks).forEach((l, i) => {
    const site = siteFrame(l.stack, view.context.workspace);
    const head = `<b>#${i + 1}</b> ${capital(KIND_LABEL[l.kind])}: ${htmlText(bytes(l.bytes))} in ${htmlText(plural(l.blocks, "block"))}${site?.fn ? ` in ${htmlCode(truncate(site.fn, CELL_MAX))}` : ""}`;
    const seen = l.records > 1 || l.pids.length > 1 ? [`Seen in ${plural(l.records, "loss record")}, process${l.pids.length === 1 ? "" : "es"} ${l.pids.join(", ")}.`, ""] : [];
    out.push(details(head, [...seen, ...stackList(view, l.stack, detail.frames)]));
  });
  return out.join("\n");
}
function errorsSection(view, errors, detail, heading) {
  if (errors.length === 0) return "";
  const shown = errors.slice(0, detail.errors);
  const title = shown.length < errors.length ? `Memory errors (top ${count(shown.length)} of ${count(errors.length)})` : `Memory errors (${count(errors.length)})`;
  const out = [`${heading} ${title}`, ""];
  if (shown.length === 0) return `${out.join("\n")}All ${count(errors.length)} are listed in the job summary and in report.json.
`;
  out.push("| # | Kind | Count | What | Function | Location |", "| --: | :-- | --: | :-- | :-- | :-- |");
  shown.forEach((e, i) => {
    const site = siteFrame(e.stack, view.context.workspace);
    out.push(`| ${i + 1} | ${cellCode(truncate(e.kind, 40))} | ${count(e.count)} | ${mdText(truncate(e.what, CELL_MAX))} | ${fnCell(site)} | ${frameLocation(view, site, true)} |`);
  });
  out.push("");
  shown.slice(0, detail.errorStacks).forEach((e, i) => {
    const site = siteFrame(e.stack, view.context.workspace);
    const head = `<b>#${i + 1}</b> ${htmlText(truncate(e.what, CELL_MAX))}${site?.fn ? ` in ${htmlCode(truncate(site.fn, CELL_MAX))}` : ""}`;
    const body = stackList(view, e.stack, detail.frames);
    if (e.auxwhat) {
      body.push("", mdText(truncate(e.auxwhat, REASON_CHARS)), "");
      if (e.auxStack) body.push(...stackList(view, e.auxStack, detail.frames));
    }
    out.push(details(head, body));
  });
  return out.join("\n");
}
function shellQuote(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
function exitText(run) {
  if (run.exitSignal) return `killed by ${run.exitSignal}`;
  return run.exitCode === null ? "exit status unknown" : `exit code ${run.exitCode}`;
}
function processesSection(view, heading) {
  const { processes } = view.report;
  if (processes.length === 0) return "";
  const pids = new Set(processes.map((p) => p.pid));
  const top = processes.find((p) => p.ppid === void 0 || !pids.has(p.ppid));
  const out = [`${heading} Processes`, "", "| PID | Parent | Exit | Signal | Complete | Totals from |", "| --: | --: | :-- | :-- | :-- | :-- |"];
  for (const p of processes) {
    const exit = view.run && p === top ? view.run.exitCode === null ? "\u2014" : String(view.run.exitCode) : "\u2014";
    const signal = p.fatalSignal ? cellCode(p.fatalSignal) : view.run && p === top && view.run.exitSignal ? cellCode(view.run.exitSignal) : "\u2014";
    const complete = p.complete ? "\u2705 yes" : `\u274C no: ${mdText(truncate(p.incompleteReasons.join("; ") || "incomplete", REASON_CHARS))}`;
    const source = p.totalsSource === "summary" ? "Valgrind's summary" : "loss records";
    out.push(`| ${p.pid} | ${p.ppid ?? "\u2014"} | ${exit} | ${signal} | ${complete} | ${source} |`);
  }
  return `${out.join("\n")}
`;
}
function valgrindVersion(view) {
  return view.run?.valgrindVersion ?? view.report.processes.find((p) => p.valgrindVersion)?.valgrindVersion ?? null;
}
function runSection(view, heading, tailLines) {
  const { run, build } = view;
  const out = [`${heading} How it ran`, ""];
  if (run) {
    out.push(`- Command: ${codeSpan(run.command.map(shellQuote).join(" "))}`);
    const ready = run.readyAfterMs !== null ? `, ready after ${duration(run.readyAfterMs)}` : "";
    out.push(`- Ran ${count(run.durationSeconds)} s${ready}, stop signal ${codeSpan(run.stopSignal)}, ended: ${mdText(run.end)}, ${mdText(exitText(run))}, ${duration(run.totalMs)} in all${run.shutdownMs !== null ? ` (shutdown ${duration(run.shutdownMs)})` : ""}`);
    if (run.signals.length > 0) out.push(`- Signals sent: ${run.signals.map((s) => `${codeSpan(s.signal)} at ${duration(s.atMs)} (${s.reason})`).join(", ")}`);
  }
  const vg = valgrindVersion(view);
  if (vg) out.push(`- Valgrind: ${codeSpan(vg)}`);
  if (build) {
    const how = build.cached ? "restored from the cache" : `built in ${duration(build.seconds * 1e3)}${build.ccache ? " with ccache" : ""}`;
    out.push(`- Fluent Bit: ${build.version ? codeSpan(truncate(build.version, 200)) : "version unknown"}, ${how}`);
  }
  if (run && tailLines > 0) out.push("", outputTail(run, tailLines));
  return out.length > 2 ? `${out.join("\n")}
` : "";
}
function outputTail(run, lines) {
  if (run.outputTail.length === 0) return "";
  const tail = run.outputTail.slice(-lines).map((l) => truncate(l, 400));
  return details(`Last ${plural(tail.length, "line")} of output`, [fencedBlock(tail.join("\n"))]);
}
function runLine(view) {
  const parts = [];
  const { run, build } = view;
  if (run) parts.push(`Ran ${count(run.durationSeconds)} s, stopped with ${codeSpan(run.stopSignal)} (${mdText(exitText(run))})`);
  const vg = valgrindVersion(view);
  if (vg) parts.push(`Valgrind ${codeSpan(vg)}`);
  if (build?.version) parts.push(codeSpan(truncate(build.version, 120)));
  return parts.length > 0 ? `${parts.join(" \xB7 ")}
` : "";
}
function artifactLine(view) {
  if (!view.artifactUrl) return "";
  return `\u{1F4E6} [Download the evidence](${safeUrl(view.artifactUrl)}): report.json, the XML logs, the program's output and a suppressions file.
`;
}

// src/publish/summary-markdown.ts
var SUMMARY_MAX_BYTES = 1e6;
var SUMMARY_DETAIL = { leaks: 100, errors: 50, leakStacks: 100, errorStacks: 50, frames: 30 };
var TAIL_LINES = 40;
function clampDetail(d, leaks, errors) {
  const l = Math.min(d.leaks, leaks);
  const e = Math.min(d.errors, errors);
  return { leaks: l, errors: e, leakStacks: Math.min(d.leakStacks, l), errorStacks: Math.min(d.errorStacks, e), frames: d.frames };
}
function renderSummary(input, options = {}) {
  const leaks = rankLeaks(input.report.leaks, input.verdict);
  const errors = rankErrors(input.report.errors);
  const full = clampDetail(SUMMARY_DETAIL, leaks.length, errors.length);
  const limit2 = options.maxBytes ?? SUMMARY_MAX_BYTES;
  const render = (d) => [
    verdictSection(input, "##"),
    totalsTable(input),
    artifactLine(input),
    cutNote(full, d, "GitHub's 1 MiB job summary", "All of them are in report.json."),
    leaksSection(input, leaks, d, "###"),
    errorsSection(input, errors, d, "###"),
    processesSection(input, "###"),
    runSection(input, "###", TAIL_LINES)
  ].filter((s) => s !== "").join("\n");
  return fitToLimit(render, full, limit2, (s) => Buffer.byteLength(s, "utf8")).text;
}

export {
  oneLine,
  truncate,
  codeSpan,
  safeUrl,
  commentSafe,
  escapeCommandData,
  escapeCommandProperty,
  localContext,
  readPublishContext,
  defaultCommentKey,
  defaultArtifactName,
  count,
  plural,
  bytes,
  KIND_LABEL,
  capital,
  leakKindExceeded,
  errorsExceeded,
  rankLeaks,
  rankErrors,
  workspacePath,
  firstWorkspaceFrame,
  frameWhere,
  cutNote,
  fitToLimit,
  verdictSection,
  totalsTable,
  leaksSection,
  errorsSection,
  processesSection,
  outputTail,
  runLine,
  artifactLine,
  clampDetail,
  renderSummary
};
