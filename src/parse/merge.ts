/**
 * Many processes (files, fragments, PIDs of a text log) into one LeakReport: totals summed,
 * leaks and errors merged by fingerprint with their records, counts and PIDs.
 */
import type { Leak, LeakReport, MemError, SuppressionCount, UnusedSuppression } from '../model/report.ts';
import { LEAK_KINDS, SCHEMA_VERSION, addTotals, zeroTotals } from '../model/report.ts';
import type { ProcessResult } from './process-builder.ts';

/** Something wrong with a whole file (empty, not Valgrind output): the report is incomplete. */
export interface FileProblem {
  file: string;
  reason: string;
}

function addPids(into: number[], from: readonly number[]): void {
  for (const p of from) if (!into.includes(p)) into.push(p);
}

function mergeLeaks(results: readonly ProcessResult[]): Leak[] {
  const byFp = new Map<string, Leak>();
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
      if (had.suppression === undefined && l.suppression !== undefined) had.suppression = l.suppression;
    }
  }
  const order = new Map<string, number>(LEAK_KINDS.map((k, i) => [k, i]));
  return [...byFp.values()].sort(
    (a, b) =>
      (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0) ||
      b.bytes - a.bytes ||
      b.indirectBytes - a.indirectBytes ||
      (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0),
  );
}

function mergeErrors(results: readonly ProcessResult[]): MemError[] {
  const byFp = new Map<string, MemError>();
  for (const r of results) {
    for (const e of r.errors) {
      const had = byFp.get(e.fingerprint);
      if (!had) {
        byFp.set(e.fingerprint, { ...e, pids: [...e.pids] });
        continue;
      }
      had.count += e.count;
      addPids(had.pids, e.pids);
      if (had.suppression === undefined && e.suppression !== undefined) had.suppression = e.suppression;
    }
  }
  return [...byFp.values()].sort(
    (a, b) => b.count - a.count || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0),
  );
}

function mergeSuppressions(results: readonly ProcessResult[]): SuppressionCount[] {
  const counts = new Map<string, number>();
  for (const r of results) for (const s of r.suppressions) counts.set(s.name, (counts.get(s.name) ?? 0) + s.count);
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
}

/** One report from every process read and every file that could not be read as Valgrind output. */
export function mergeReport(
  results: readonly ProcessResult[],
  problems: readonly FileProblem[],
  unused?: UnusedSuppression[],
): LeakReport {
  const incompleteReasons = [
    ...problems.map((p) => `${p.file}: ${p.reason}`),
    ...results.flatMap((r) => r.process.incompleteReasons),
  ];
  const warnings: string[] = [];
  for (const w of results.flatMap((r) => r.warnings)) if (!warnings.includes(w)) warnings.push(w);
  const report: LeakReport = {
    schemaVersion: SCHEMA_VERSION,
    complete: incompleteReasons.length === 0 && results.length > 0 && results.every((r) => r.process.complete),
    incompleteReasons: results.length === 0 && problems.length === 0 ? ['no Valgrind output was given'] : incompleteReasons,
    totals: results.reduce((t, r) => addTotals(t, r.process.totals), zeroTotals()),
    processes: results.map((r) => r.process),
    leaks: mergeLeaks(results),
    errors: mergeErrors(results),
    suppressions: mergeSuppressions(results),
    warnings,
  };
  if (unused !== undefined) report.unusedSuppressions = unused;
  return report;
}
