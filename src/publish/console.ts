import type { Frame, LeakReport } from '../model/report.ts';
import type { Verdict } from '../model/verdict.ts';
import { isAllocatorFrame } from '../parse/fingerprint.ts';

const ROWS = [
  ['definitelyLost', 'definitely lost'],
  ['indirectlyLost', 'indirectly lost'],
  ['possiblyLost', 'possibly lost'],
  ['stillReachable', 'still reachable'],
  ['suppressed', 'suppressed'],
] as const;

const TOP = 5;

/** Plain-text summary for a terminal (the CLI's stdout): verdict, totals against limits, reasons, top leaks. */
export function renderConsoleSummary(report: LeakReport, verdict: Verdict, reportFile: string | null): string {
  const limitOf = (what: string): string => {
    const c = verdict.checks.find((x) => x.what === what);
    if (!c) return '';
    if (c.limit === null) return 'not checked';
    return `limit ${c.limit}${c.exceeded ? '  OVER' : ''}`;
  };
  const lines = [`flb-valgrind: ${verdict.outcome.toUpperCase()}`, ''];
  for (const [key, label] of ROWS) {
    const a = report.totals[key];
    const amount = `${a.bytes} bytes in ${a.blocks} block${a.blocks === 1 ? '' : 's'}`;
    lines.push(`  ${label.padEnd(16)} ${amount.padEnd(28)} ${limitOf(key)}`.trimEnd());
  }
  lines.push(`  ${'errors'.padEnd(16)} ${String(report.totals.errors).padEnd(28)} ${limitOf('errors')}`.trimEnd());
  if (verdict.reasons.length > 0) {
    lines.push('', 'Why:', ...verdict.reasons.map((r) => `  - ${r.replaceAll('\n', '\n    ')}`));
  }
  const leaks = report.leaks.filter((l) => l.kind !== 'stillReachable').slice(0, TOP);
  if (leaks.length > 0) {
    lines.push('', 'Top leaks:');
    for (const l of leaks) {
      const label = ROWS.find(([k]) => k === l.kind)?.[1] ?? l.kind;
      lines.push(`  ${l.bytes + l.indirectBytes} bytes ${label} in ${l.blocks} block${l.blocks === 1 ? '' : 's'}: ${shortStack(l.stack)}`);
    }
  }
  const errors = report.errors.slice(0, TOP);
  if (errors.length > 0) {
    lines.push('', 'Top errors:', ...errors.map((e) => `  ${e.count}x ${e.kind}: ${shortStack(e.stack)}`));
  }
  for (const w of report.warnings) lines.push('', `Warning: ${w}`);
  if (reportFile) lines.push('', `Report: ${reportFile}`);
  return `${lines.join('\n')}\n`;
}

/** The first frames past the allocator, as `fn (file:line)`. */
function shortStack(stack: Frame[]): string {
  return stack
    .filter((f) => !isAllocatorFrame(f))
    .slice(0, 4)
    .map((f) => {
      const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : f.obj ?? '';
      return `${f.fn ?? '???'}${where ? ` (${where})` : ''}`;
    })
    .join(' < ');
}
