/**
 * Warnings after a run that the build could explain: Fluent Bit built without Valgrind
 * support, or with an allocator memcheck cannot see. Pure: plain data in, messages out.
 */
import type { LeakReport } from '../model/report.ts';
import type { BuildInfo } from '../model/run.ts';

/** Valgrind's HEAP SUMMARY "total heap usage" of one process. */
export interface HeapUsage {
  allocs: number;
  frees: number;
  bytesAllocated: number;
}

export interface RunWarningInput {
  report: LeakReport | null;
  /** What the program and Valgrind printed (the run's output tail, or the whole output). */
  output: string[];
  /** The program is Fluent Bit (built by the action, or a binary whose `-h` lists Build Flags). */
  isFluentBit: boolean;
  /** `fluent-bit -h`'s Build Flags, when known. */
  buildFlags?: string[] | null;
  /** Total heap usage per process, when Valgrind printed it (text logs, XML protocol 6). */
  heap?: HeapUsage[];
  /** Fewer allocations than this in every process of a Fluent Bit run is suspicious (default 200). */
  minHeapAllocs?: number;
}

const SWITCHING = /client switching stacks\?/;
const COROUTINE_SWITCH = /^(co_swap_function|co_switch|swapcontext)$/;

// Measured: Fluent Bit 5.1 makes ~5,600 allocations in a 30 s `-i dummy -o null` run under
// memcheck, and 985 when it fails at startup with an unknown plugin; a statically linked
// jemalloc replaces malloc inside the executable, where memcheck does not intercept it.
const DEFAULT_MIN_ALLOCS = 200;

/** Reads every "total heap usage: N allocs, M frees, B bytes allocated" line (text output). */
export function parseHeapUsage(lines: string[]): HeapUsage[] {
  const out: HeapUsage[] = [];
  const num = (s: string): number => Number(s.replace(/,/g, ''));
  for (const l of lines) {
    const m = /total heap usage: ([\d,]+) allocs, ([\d,]+) frees, ([\d,]+) bytes allocated/.exec(l);
    if (m) out.push({ allocs: num(m[1] as string), frees: num(m[2] as string), bytesAllocated: num(m[3] as string) });
  }
  return out;
}

/** The warnings to show after a run, each once; none when nothing looks wrong. */
export function runWarnings(input: RunWarningInput): string[] {
  const warnings: string[] = [];
  const known = input.report?.warnings ?? [];
  const flags = input.buildFlags ?? null;

  // With --xml=yes Valgrind prints no "client switching stacks?" at all (checked on 3.19):
  // what shows is errors raised inside Fluent Bit's coroutine switch (libco's co_swap_function).
  const coroutineErrors = (input.report?.errors ?? []).filter((e) => e.stack[0]?.fn !== undefined && COROUTINE_SWITCH.test(e.stack[0].fn));
  if ((input.output.some((l) => SWITCHING.test(l)) || coroutineErrors.length > 0) && !known.some((w) => SWITCHING.test(w))) {
    warnings.push(
      `${coroutineErrors.length > 0 ? `Memcheck reported errors inside the coroutine switch (${coroutineErrors[0]?.stack[0]?.fn})` : 'Valgrind printed "client switching stacks?"'}: ` +
        'the program switches (coroutine) stacks without telling Valgrind, so errors near a switch are false. ' +
        "Fluent Bit must be built with -DFLB_VALGRIND=On (FLB_HAVE_VALGRIND under Build Flags in 'fluent-bit -h'): set 'build: true', or rebuild it with that option.",
    );
  } else if (input.isFluentBit && flags !== null && !flags.includes('FLB_HAVE_VALGRIND')) {
    warnings.push(
      "This Fluent Bit was built without Valgrind support (FLB_HAVE_VALGRIND is not under Build Flags in 'fluent-bit -h'): memcheck may report false errors from coroutine stack switches. Rebuild with -DFLB_VALGRIND=On, or set 'build: true'.",
    );
  }

  if (flags?.includes('FLB_HAVE_JEMALLOC')) {
    warnings.push(
      "This Fluent Bit was built with jemalloc (FLB_HAVE_JEMALLOC under Build Flags): memcheck cannot see jemalloc's allocations, so leaks go unreported. Rebuild with -DFLB_JEMALLOC=Off, or set 'build: true'.",
    );
  } else if (input.isFluentBit && input.heap && input.heap.length > 0) {
    const most = Math.max(...input.heap.map((h) => h.allocs));
    const min = input.minHeapAllocs ?? DEFAULT_MIN_ALLOCS;
    if (most < min) {
      warnings.push(
        `Valgrind saw only ${most} heap allocation${most === 1 ? '' : 's'} in this Fluent Bit run, where even a failed startup makes about a thousand: ` +
          'it probably allocates through an allocator memcheck cannot see (jemalloc, FLB_JEMALLOC=On, or another statically linked malloc), and leaks go unreported. ' +
          "Rebuild with -DFLB_JEMALLOC=Off, or set 'build: true'.",
      );
    }
  }
  return warnings;
}

/**
 * runWarnings from what the pipeline has: the report, the program's output (the whole
 * output file: "client switching stacks?" comes early), and the build when there was one.
 * Without a build, the program is Fluent Bit when it printed its "Fluent Bit vX" banner.
 */
export function warningsAfterRun(report: LeakReport | null, output: string[], build?: BuildInfo): string[] {
  const isFluentBit = build !== undefined || output.some((l) => /^Fluent Bit v\d/.test(l));
  return runWarnings({ report, output, isFluentBit, buildFlags: build?.buildFlags ?? null, heap: parseHeapUsage(output) });
}
