/**
 * The report model: the contract between the pipeline's stages and with users
 * (report.json, the artifact, `flb-valgrind report --json`, baselines).
 * Totals are named and counted as Valgrind's own LEAK SUMMARY counts them.
 */

export const SCHEMA_VERSION = 1;

/** The four leak kinds of Valgrind's LEAK SUMMARY, in its order. */
export const LEAK_KINDS = ['definitelyLost', 'indirectlyLost', 'possiblyLost', 'stillReachable'] as const;
export type LeakKind = (typeof LEAK_KINDS)[number];

export interface Amount {
  bytes: number;
  blocks: number;
}

export interface Totals {
  definitelyLost: Amount;
  indirectlyLost: Amount;
  possiblyLost: Amount;
  stillReachable: Amount;
  suppressed: Amount;
  /** Memory errors other than leaks, each occurrence once (Valgrind's ERROR SUMMARY without leaks). */
  errors: number;
}

/** One stack frame as Valgrind prints it; absent fields were not known to Valgrind. */
export interface Frame {
  fn?: string;
  file?: string;
  dir?: string;
  line?: number;
  obj?: string;
}

/** One leak, merged across records and processes by fingerprint. */
export interface Leak {
  kind: LeakKind;
  /** Kind plus normalised top frames: stable across commits, line shifts and runs. */
  fingerprint: string;
  /** Direct bytes, as LEAK SUMMARY counts them. */
  bytes: number;
  /** Bytes indirectly lost through this block (definitely/possibly lost records only). */
  indirectBytes: number;
  blocks: number;
  /** How many loss records (across processes) were merged into this leak. */
  records: number;
  pids: number[];
  stack: Frame[];
  /** The `--gen-suppressions=all` block Valgrind printed for this record, if any. */
  suppression?: string;
}

/** One memory error other than a leak (InvalidRead, UninitCondition, InvalidFree, ...). */
export interface MemError {
  /** Valgrind's kind, e.g. `InvalidRead`, `UninitCondition`, `SyscallParam`, `FdNotClosed`. */
  kind: string;
  fingerprint: string;
  /** Valgrind's one-line description of the first occurrence. */
  what: string;
  /** Occurrences, summed over processes. */
  count: number;
  pids: number[];
  stack: Frame[];
  /** Secondary description and stack ("Address 0x.. is 0 bytes after a block ..."). */
  auxwhat?: string;
  auxStack?: Frame[];
  suppression?: string;
}

/** What is known of one Valgrind process (one per XML file, or per PID in a text log). */
export interface ProcessReport {
  pid: number;
  ppid?: number;
  /** The file it was read from. */
  file: string;
  tool?: string;
  valgrindVersion?: string;
  protocolVersion?: number;
  argv?: string[];
  /** The whole report was read: closed document, leak check done. */
  complete: boolean;
  /** Why not complete, in words a user can act on. */
  incompleteReasons: string[];
  /** The program died of this signal (Valgrind's `<fatal_signal>` or "Process terminating"). */
  fatalSignal?: string;
  /** Where the totals came from: Valgrind's own summary block, or summed from the records. */
  totalsSource: 'summary' | 'records';
  totals: Totals;
  /** Which output it was read from: Valgrind's XML or its text log. */
  format?: 'xml' | 'text';
  /** HEAP SUMMARY "in use at exit" (`<memory_in_use_at_exit>` in protocol 6), when printed. */
  inUseAtExit?: Amount;
}

export interface SuppressionCount {
  name: string;
  count: number;
}

export interface LeakReport {
  schemaVersion: typeof SCHEMA_VERSION;
  /** Every process's report was read whole. A report that is not complete never passes. */
  complete: boolean;
  incompleteReasons: string[];
  /** Summed over processes. */
  totals: Totals;
  processes: ProcessReport[];
  /** Sorted: kind order of LEAK_KINDS, then bytes descending. */
  leaks: Leak[];
  /** Sorted by count descending. */
  errors: MemError[];
  /** Suppressions used, with counts (from `<suppcounts>` / "used_suppression"). */
  suppressions: SuppressionCount[];
  /** Things worth a look that do not change the totals (e.g. "client switching stacks?"). */
  warnings: string[];
  /**
   * Suppressions in the files passed with `--suppressions=` that matched nothing in any
   * process (only when those files could be read): candidates for pruning.
   */
  unusedSuppressions?: UnusedSuppression[];
}

export interface UnusedSuppression {
  name: string;
  /** The suppressions file it is defined in. */
  file: string;
}

/** A zeroed Amount. */
export function zeroAmount(): Amount {
  return { bytes: 0, blocks: 0 };
}

/** Zeroed totals. */
export function zeroTotals(): Totals {
  return {
    definitelyLost: zeroAmount(),
    indirectlyLost: zeroAmount(),
    possiblyLost: zeroAmount(),
    stillReachable: zeroAmount(),
    suppressed: zeroAmount(),
    errors: 0,
  };
}

/** Sums totals field by field. */
export function addTotals(a: Totals, b: Totals): Totals {
  const add = (x: Amount, y: Amount): Amount => ({ bytes: x.bytes + y.bytes, blocks: x.blocks + y.blocks });
  return {
    definitelyLost: add(a.definitelyLost, b.definitelyLost),
    indirectlyLost: add(a.indirectlyLost, b.indirectlyLost),
    possiblyLost: add(a.possiblyLost, b.possiblyLost),
    stillReachable: add(a.stillReachable, b.stillReachable),
    suppressed: add(a.suppressed, b.suppressed),
    errors: a.errors + b.errors,
  };
}
