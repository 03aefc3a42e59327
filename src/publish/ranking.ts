/** The order in which leaks and errors are shown and annotated: over-threshold kinds first. */

import { LEAK_KINDS, type Leak, type MemError } from '../model/report.ts';
import type { Verdict } from '../model/verdict.ts';

/** True when the verdict found this leak kind over its threshold. */
export function leakKindExceeded(verdict: Verdict, kind: Leak['kind']): boolean {
  return verdict.checks.some((c) => c.what === kind && c.exceeded);
}

/** True when the number of memory errors is over its threshold. */
export function errorsExceeded(verdict: Verdict): boolean {
  return verdict.checks.some((c) => c.what === 'errors' && c.exceeded);
}

/**
 * Leaks in display order: kinds over their threshold first, then Valgrind's kind order,
 * then bytes (direct + indirect) descending. Stable for equal keys.
 */
export function rankLeaks(leaks: readonly Leak[], verdict: Verdict): Leak[] {
  const rank = (l: Leak): number => (leakKindExceeded(verdict, l.kind) ? 0 : 10) + LEAK_KINDS.indexOf(l.kind);
  return leaks
    .map((leak, i) => ({ leak, i }))
    .sort((a, b) => rank(a.leak) - rank(b.leak) || b.leak.bytes + b.leak.indirectBytes - (a.leak.bytes + a.leak.indirectBytes) || a.i - b.i)
    .map((x) => x.leak);
}

/** Errors in display order: most occurrences first (the model's order), stable. */
export function rankErrors(errors: readonly MemError[]): MemError[] {
  return errors
    .map((error, i) => ({ error, i }))
    .sort((a, b) => b.error.count - a.error.count || a.i - b.i)
    .map((x) => x.error);
}
