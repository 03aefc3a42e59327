import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseBuildFlags } from '../../src/build/build-flags.ts';
import { parseHeapUsage, runWarnings, warningsAfterRun } from '../../src/build/run-warnings.ts';
import { SCHEMA_VERSION, zeroTotals, type LeakReport } from '../../src/model/report.ts';

// Real Fluent Bit 5.1 runs under Valgrind 3.19 (see /work/shared/corpus/README.md).
const CORPUS = path.resolve('../shared/corpus/fluent-bit');
const corpus = (name: string): string[] => readFileSync(path.join(CORPUS, name), 'utf8').split('\n');
const skip = existsSync(CORPUS) ? false : 'the shared corpus (../shared/corpus) is not here';

function report(warnings: string[] = []): LeakReport {
  return { schemaVersion: SCHEMA_VERSION, complete: true, incompleteReasons: [], totals: zeroTotals(), processes: [], leaks: [], errors: [], suppressions: [], warnings };
}

describe('runWarnings on real Fluent Bit output', { skip }, () => {
  it('warns once about "client switching stacks?" from a build without FLB_VALGRIND', () => {
    const output = corpus('g1-novg-build-sigterm.txt');
    const w = runWarnings({ report: report(), output, isFluentBit: true, heap: parseHeapUsage(output) });
    assert.equal(w.length, 1);
    assert.match(w[0] ?? '', /^Valgrind printed "client switching stacks\?".*-DFLB_VALGRIND=On/);
  });
  it('leaves the warning to the report when the parser already made it', () => {
    const output = corpus('g1-novg-build-sigterm.txt');
    assert.deepEqual(runWarnings({ report: report(['"client switching stacks?": ...']), output, isFluentBit: true }), []);
  });
  it('says nothing about a clean FLB_VALGRIND build, a failed startup, or a supervisor parent', () => {
    for (const name of ['a3-sigterm-null-textonly.txt', 'j1-startup-failure-bad-plugin.txt', 'f1-supervisor-sigterm.txt']) {
      const output = corpus(name);
      assert.deepEqual(runWarnings({ report: report(), output, isFluentBit: true, heap: parseHeapUsage(output), buildFlags: ['FLB_HAVE_VALGRIND'] }), [], name);
    }
  });
});

describe('runWarnings', () => {
  it('reads total heap usage with thousands separators, per process', () => {
    assert.deepEqual(parseHeapUsage(['==1==   total heap usage: 5,605 allocs, 4,101 frees, 11,957,356 bytes allocated', 'x', '==2==   total heap usage: 10 allocs, 10 frees, 77,783 bytes allocated']), [
      { allocs: 5605, frees: 4101, bytesAllocated: 11957356 },
      { allocs: 10, frees: 10, bytesAllocated: 77783 },
    ]);
  });
  it('suspects an invisible allocator when a Fluent Bit run shows almost no allocations', () => {
    const w = runWarnings({ report: report(), output: [], isFluentBit: true, heap: [{ allocs: 12, frees: 12, bytesAllocated: 4096 }] });
    assert.equal(w.length, 1);
    assert.match(w[0] ?? '', /^Valgrind saw only 12 heap allocations in this Fluent Bit run.*jemalloc.*-DFLB_JEMALLOC=Off/);
    // Not for other programs: a small C program may allocate little.
    assert.deepEqual(runWarnings({ report: report(), output: [], isFluentBit: false, heap: [{ allocs: 12, frees: 12, bytesAllocated: 4096 }] }), []);
  });
  it('names jemalloc and missing Valgrind support from the build flags', () => {
    const w = runWarnings({ report: null, output: [], isFluentBit: true, buildFlags: ['FLB_HAVE_JEMALLOC', 'FLB_HAVE_TLS'] });
    assert.equal(w.length, 2);
    assert.match(w[0] ?? '', /built without Valgrind support/);
    assert.match(w[1] ?? '', /built with jemalloc \(FLB_HAVE_JEMALLOC under Build Flags\)/);
  });
  it('reads Fluent Bit help build flags', () => {
    assert.deepEqual(parseBuildFlags(['Usage: fluent-bit [OPTION]', '', ' Build Flags = FLB_HAVE_VALGRIND FLB_HAVE_TLS']), ['FLB_HAVE_VALGRIND', 'FLB_HAVE_TLS']);
    assert.equal(parseBuildFlags(['usage: other [-h]']), null);
  });
});

describe('runWarnings on an XML run', () => {
  it('takes errors inside the coroutine switch as the sign of a build without FLB_VALGRIND', () => {
    const r = report();
    r.errors.push({ kind: 'InvalidWrite', fingerprint: 'InvalidWrite:x', what: 'Invalid write of size 8', count: 9653, pids: [1], stack: [{ fn: 'co_swap_function', obj: '/b/bin/fluent-bit' }] });
    const w = runWarnings({ report: r, output: [], isFluentBit: true });
    assert.equal(w.length, 1);
    assert.match(w[0] ?? '', /^Memcheck reported errors inside the coroutine switch \(co_swap_function\): .*-DFLB_VALGRIND=On/);
  });
});

describe('warningsAfterRun', () => {
  it('knows Fluent Bit by its banner when it was not built here', () => {
    const heap = '==1==   total heap usage: 9 allocs, 9 frees, 1,024 bytes allocated';
    assert.equal(warningsAfterRun(report(), ['Fluent Bit v5.1.1', heap]).length, 1);
    assert.deepEqual(warningsAfterRun(report(), ['my daemon 1.0', heap]), []);
  });
});
