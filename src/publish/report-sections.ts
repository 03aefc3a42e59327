/**
 * The markdown sections shared by the job summary and the PR comment. Each takes the
 * view and how much detail to show; every untrusted string goes through escape.ts.
 */

import type { Frame, Leak, MemError } from '../model/report.ts';
import type { RunInfo } from '../model/run.ts';
import type { Check } from '../model/verdict.ts';
import { cellCode, codeSpan, fencedBlock, htmlCode, htmlText, mdText, safeUrl, truncate } from './escape.ts';
import { CHECK_LABEL, KIND_LABEL, OUTCOME_ICON, OUTCOME_WORD, bytes, capital, count, duration, plural } from './format.ts';
import type { ReportView } from './report-view.ts';
import { firstWorkspaceFrame, frameWhere, siteFrame, sourceUrl } from './source-location.ts';

/** Longest function or path shown in a table cell; the stack shows it whole (up to NAME_MAX). */
const CELL_MAX = 120;
const NAME_MAX = 1000;
const REASONS_MAX = 20;
const REASON_CHARS = 500;

/** How much of the lists to show; the fitting loop lowers these until the text fits. */
export interface Detail {
  leaks: number;
  errors: number;
  /** How many of the shown leak rows get a collapsible stack. */
  leakStacks: number;
  errorStacks: number;
  frames: number;
}

/** `## ❌ Valgrind memcheck: Fail` and the reasons and notes. */
export function verdictSection(view: ReportView, heading: string): string {
  const { verdict, report } = view;
  const lines = [`${heading} ${OUTCOME_ICON[verdict.outcome]} Valgrind memcheck: ${OUTCOME_WORD[verdict.outcome]}`, ''];
  const reasons = verdict.reasons.slice(0, REASONS_MAX).map((r) => `- ${mdText(truncate(r, REASON_CHARS))}`);
  if (verdict.reasons.length > REASONS_MAX) reasons.push(`- …and ${count(verdict.reasons.length - REASONS_MAX)} more`);
  if (reasons.length > 0) lines.push(...reasons, '');
  else lines.push(`No leak or memory error over its threshold in ${plural(report.processes.length, 'process', 'processes')}.`, '');
  const notes = report.warnings.slice(0, REASONS_MAX).map((w) => `> ${mdText(truncate(w, REASON_CHARS))}`);
  if (notes.length > 0) lines.push(...notes.flatMap((n) => [n, '>']).slice(0, -1), '');
  return lines.join('\n');
}

function status(check: Check | undefined, complete: boolean): string {
  if (!check || check.limit === null) return 'not checked';
  if (check.exceeded) return '❌ over';
  // Totals of an incomplete report are a lower bound: "within" would claim too much.
  return complete ? '✅ within' : '⚠️ unknown';
}

function limit(check: Check | undefined, unit: string): string {
  if (!check || check.limit === null) return '—';
  return `${count(check.limit)} ${unit}`;
}

/** The totals of each kind against its threshold. */
export function totalsTable(view: ReportView): string {
  const { totals } = view.report;
  const checkOf = (what: string): Check | undefined => view.verdict.checks.find((c) => c.what === what);
  const rows = [
    '| Kind | Bytes | Blocks | Limit | Status |',
    '| :-- | --: | --: | --: | :-- |',
    ...(['definitelyLost', 'indirectlyLost', 'possiblyLost'] as const).map((k) => {
      const c = checkOf(k);
      return `| ${CHECK_LABEL[k]} | ${count(totals[k].bytes)} | ${count(totals[k].blocks)} | ${limit(c, 'bytes')} | ${status(c, view.report.complete)} |`;
    }),
    `| Still reachable | ${count(totals.stillReachable.bytes)} | ${count(totals.stillReachable.blocks)} | — | not checked |`,
    `| Suppressed | ${count(totals.suppressed.bytes)} | ${count(totals.suppressed.blocks)} | — | not checked |`,
    `| Memory errors | ${plural(totals.errors, 'error')} | | ${limit(checkOf('errors'), 'errors')} | ${status(checkOf('errors'), view.report.complete)} |`,
  ];
  return `${rows.join('\n')}\n`;
}

/** A link to the frame's source at the commit, or its `file:line` as Valgrind printed it. */
function frameLocation(view: ReportView, frame: Frame | null, inTable: boolean): string {
  if (!frame) return '';
  const site = firstWorkspaceFrame([frame], view.context.workspace);
  if (site) {
    const label = truncate(`${site.path}${site.line ? `:${site.line}` : ''}`, inTable ? CELL_MAX : NAME_MAX);
    const text = inTable ? cellCode(label) : codeSpan(label);
    const url = sourceUrl(view.context, site.path, site.line);
    return url ? `[${text}](${safeUrl(url)})` : text;
  }
  const where = frameWhere(frame);
  if (!where) return '';
  return inTable ? cellCode(truncate(where, CELL_MAX)) : codeSpan(truncate(where, NAME_MAX));
}

function fnCell(frame: Frame | null): string {
  return frame?.fn ? cellCode(truncate(frame.fn, CELL_MAX)) : '';
}

function leakBytes(l: Leak): string {
  return l.indirectBytes > 0 ? `${count(l.bytes)} (+${count(l.indirectBytes)} indirect)` : count(l.bytes);
}

/** The numbered stack of a leak or error, in-repo frames linked. */
function stackList(view: ReportView, stack: Frame[], frames: number): string[] {
  const shown = stack.slice(0, frames).map((f, i) => {
    const fn = f.fn ? codeSpan(truncate(f.fn, NAME_MAX)) : '`???`';
    const where = frameLocation(view, f, false);
    return `${i + 1}. ${fn}${where ? ` ${where}` : ''}`;
  });
  if (stack.length > frames) shown.push(`${frames + 1}. …${count(stack.length - frames)} more frames in report.json`);
  return shown;
}

function details(summaryHtml: string, body: string[]): string {
  return ['<details><summary>' + summaryHtml + '</summary>', '', ...body, '', '</details>', ''].join('\n');
}

/** The leaks table (top `detail.leaks` of `leaks`) and the stacks of the first `detail.leakStacks`. */
export function leaksSection(view: ReportView, leaks: Leak[], detail: Detail, heading: string): string {
  if (leaks.length === 0) return '';
  const shown = leaks.slice(0, detail.leaks);
  const title = shown.length < leaks.length ? `Leaks (top ${count(shown.length)} of ${count(leaks.length)})` : `Leaks (${count(leaks.length)})`;
  const out = [`${heading} ${title}`, ''];
  if (shown.length === 0) return `${out.join('\n')}All ${count(leaks.length)} are listed in the job summary and in report.json.\n`;
  out.push('| # | Kind | Bytes | Blocks | Function | Location |', '| --: | :-- | --: | --: | :-- | :-- |');
  shown.forEach((l, i) => {
    const site = siteFrame(l.stack, view.context.workspace);
    out.push(`| ${i + 1} | ${KIND_LABEL[l.kind].replace(' ', '\u00A0')} | ${leakBytes(l)} | ${count(l.blocks)} | ${fnCell(site)} | ${frameLocation(view, site, true)} |`);
  });
  out.push('');
  shown.slice(0, detail.leakStacks).forEach((l, i) => {
    const site = siteFrame(l.stack, view.context.workspace);
    const head = `<b>#${i + 1}</b> ${capital(KIND_LABEL[l.kind])}: ${htmlText(bytes(l.bytes))} in ${htmlText(plural(l.blocks, 'block'))}${site?.fn ? ` in ${htmlCode(truncate(site.fn, CELL_MAX))}` : ''}`;
    const seen = l.records > 1 || l.pids.length > 1 ? [`Seen in ${plural(l.records, 'loss record')}, process${l.pids.length === 1 ? '' : 'es'} ${l.pids.join(', ')}.`, ''] : [];
    out.push(details(head, [...seen, ...stackList(view, l.stack, detail.frames)]));
  });
  return out.join('\n');
}

/** The memory errors table and stacks. */
export function errorsSection(view: ReportView, errors: MemError[], detail: Detail, heading: string): string {
  if (errors.length === 0) return '';
  const shown = errors.slice(0, detail.errors);
  const title = shown.length < errors.length ? `Memory errors (top ${count(shown.length)} of ${count(errors.length)})` : `Memory errors (${count(errors.length)})`;
  const out = [`${heading} ${title}`, ''];
  if (shown.length === 0) return `${out.join('\n')}All ${count(errors.length)} are listed in the job summary and in report.json.\n`;
  out.push('| # | Kind | Count | What | Function | Location |', '| --: | :-- | --: | :-- | :-- | :-- |');
  shown.forEach((e, i) => {
    const site = siteFrame(e.stack, view.context.workspace);
    out.push(`| ${i + 1} | ${cellCode(truncate(e.kind, 40))} | ${count(e.count)} | ${mdText(truncate(e.what, CELL_MAX))} | ${fnCell(site)} | ${frameLocation(view, site, true)} |`);
  });
  out.push('');
  shown.slice(0, detail.errorStacks).forEach((e, i) => {
    const site = siteFrame(e.stack, view.context.workspace);
    const head = `<b>#${i + 1}</b> ${htmlText(truncate(e.what, CELL_MAX))}${site?.fn ? ` in ${htmlCode(truncate(site.fn, CELL_MAX))}` : ''}`;
    const body = stackList(view, e.stack, detail.frames);
    if (e.auxwhat) {
      body.push('', mdText(truncate(e.auxwhat, REASON_CHARS)), '');
      if (e.auxStack) body.push(...stackList(view, e.auxStack, detail.frames));
    }
    out.push(details(head, body));
  });
  return out.join('\n');
}

/** Quotes an argument for display the way a POSIX shell would need it. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function exitText(run: RunInfo): string {
  if (run.exitSignal) return `killed by ${run.exitSignal}`;
  return run.exitCode === null ? 'exit status unknown' : `exit code ${run.exitCode}`;
}

/** The processes Valgrind reported on. */
export function processesSection(view: ReportView, heading: string): string {
  const { processes } = view.report;
  if (processes.length === 0) return '';
  const pids = new Set(processes.map((p) => p.pid));
  const top = processes.find((p) => p.ppid === undefined || !pids.has(p.ppid));
  const out = [`${heading} Processes`, '', '| PID | Parent | Exit | Signal | Complete | Totals from |', '| --: | --: | :-- | :-- | :-- | :-- |'];
  for (const p of processes) {
    const exit = view.run && p === top ? (view.run.exitCode === null ? '—' : String(view.run.exitCode)) : '—';
    const signal = p.fatalSignal ? cellCode(p.fatalSignal) : view.run && p === top && view.run.exitSignal ? cellCode(view.run.exitSignal) : '—';
    const complete = p.complete ? '✅ yes' : `❌ no: ${mdText(truncate(p.incompleteReasons.join('; ') || 'incomplete', REASON_CHARS))}`;
    const source = p.totalsSource === 'summary' ? "Valgrind's summary" : 'loss records';
    out.push(`| ${p.pid} | ${p.ppid ?? '—'} | ${exit} | ${signal} | ${complete} | ${source} |`);
  }
  return `${out.join('\n')}\n`;
}

function valgrindVersion(view: ReportView): string | null {
  return view.run?.valgrindVersion ?? view.report.processes.find((p) => p.valgrindVersion)?.valgrindVersion ?? null;
}

/** How it ran: command, timings, signals, versions; with the output tail when `tailLines` > 0. */
export function runSection(view: ReportView, heading: string, tailLines: number): string {
  const { run, build } = view;
  const out = [`${heading} How it ran`, ''];
  if (run) {
    out.push(`- Command: ${codeSpan(run.command.map(shellQuote).join(' '))}`);
    const ready = run.readyAfterMs !== null ? `, ready after ${duration(run.readyAfterMs)}` : '';
    out.push(`- Ran ${count(run.durationSeconds)} s${ready}, stop signal ${codeSpan(run.stopSignal)}, ended: ${mdText(run.end)}, ${mdText(exitText(run))}, ${duration(run.totalMs)} in all${run.shutdownMs !== null ? ` (shutdown ${duration(run.shutdownMs)})` : ''}`);
    if (run.signals.length > 0) out.push(`- Signals sent: ${run.signals.map((s) => `${codeSpan(s.signal)} at ${duration(s.atMs)} (${s.reason})`).join(', ')}`);
  }
  const vg = valgrindVersion(view);
  if (vg) out.push(`- Valgrind: ${codeSpan(vg)}`);
  if (build) {
    const how = build.cached ? 'restored from the cache' : `built in ${duration(build.seconds * 1000)}${build.ccache ? ' with ccache' : ''}`;
    out.push(`- Fluent Bit: ${build.version ? codeSpan(truncate(build.version, 200)) : 'version unknown'}, ${how}`);
  }
  if (run && tailLines > 0) out.push('', outputTail(run, tailLines));
  return out.length > 2 ? `${out.join('\n')}\n` : '';
}

/** The last lines the program printed, collapsed; '' without output. */
export function outputTail(run: RunInfo, lines: number): string {
  if (run.outputTail.length === 0) return '';
  const tail = run.outputTail.slice(-lines).map((l) => truncate(l, 400));
  return details(`Last ${plural(tail.length, 'line')} of output`, [fencedBlock(tail.join('\n'))]);
}

/** One line for the comment: what ran and with which versions. */
export function runLine(view: ReportView): string {
  const parts: string[] = [];
  const { run, build } = view;
  if (run) parts.push(`Ran ${count(run.durationSeconds)} s, stopped with ${codeSpan(run.stopSignal)} (${mdText(exitText(run))})`);
  const vg = valgrindVersion(view);
  if (vg) parts.push(`Valgrind ${codeSpan(vg)}`);
  if (build?.version) parts.push(codeSpan(truncate(build.version, 120)));
  return parts.length > 0 ? `${parts.join(' · ')}\n` : '';
}

/** The artifact link line, when there is an artifact. */
export function artifactLine(view: ReportView): string {
  if (!view.artifactUrl) return '';
  return `📦 [Download the evidence](${safeUrl(view.artifactUrl)}): report.json, the XML logs, the program's output and a suppressions file.\n`;
}
