import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judge } from '../../src/judge/judge.ts';
import { SCHEMA_VERSION, zeroTotals, type LeakReport, type ProcessReport } from '../../src/model/report.ts';
import type { RunInfo } from '../../src/model/run.ts';
import type { Policy } from '../../src/settings/types.ts';

const policy: Policy = { maxDefinitelyLostBytes: 0, maxPossiblyLostBytes: 0, maxIndirectlyLostBytes: null, maxErrors: 0 };

function report(patch: Partial<LeakReport> = {}, totals: Partial<LeakReport['totals']> = {}): LeakReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    complete: true,
    incompleteReasons: [],
    totals: { ...zeroTotals(), ...totals },
    processes: [],
    leaks: [],
    errors: [],
    suppressions: [],
    warnings: [],
    ...patch,
  };
}

function run(patch: Partial<RunInfo> = {}): RunInfo {
  return {
    command: ['valgrind', 'prog'],
    cwd: '/w',
    durationSeconds: 30,
    stopSignal: 'SIGTERM',
    end: 'stopped',
    exitCode: 0,
    exitSignal: null,
    signals: [{ signal: 'SIGTERM', atMs: 31000, reason: 'stop' }],
    readyAfterMs: 1000,
    shutdownMs: 700,
    totalMs: 31700,
    outputTail: ['last line'],
    outputFile: '/o/out.log',
    xmlFiles: ['/o/valgrind.1.xml'],
    ...patch,
  };
}

test('a clean, complete run passes with every check listed', () => {
  const v = judge(report({}, { stillReachable: { bytes: 33, blocks: 1 } }), policy, run());
  assert.equal(v.outcome, 'pass');
  assert.deepEqual(v.reasons, []);
  assert.deepEqual(v.checks.map((c) => [c.what, c.actual, c.limit, c.exceeded]), [
    ['definitelyLost', 0, 0, false],
    ['indirectlyLost', 0, null, false],
    ['possiblyLost', 0, 0, false],
    ['errors', 0, 0, false],
  ]);
});

test('bytes over a limit fail, naming the input; at the limit passes', () => {
  const totals = { definitelyLost: { bytes: 40, blocks: 1 }, possiblyLost: { bytes: 10, blocks: 1 }, indirectlyLost: { bytes: 500, blocks: 3 } };
  const v = judge(report({}, totals), { ...policy, maxPossiblyLostBytes: 10 }, run());
  assert.equal(v.outcome, 'fail');
  assert.deepEqual(v.reasons, ['definitely lost: 40 bytes, over the limit of 0 bytes (max-definitely-lost-bytes)']);
  const strict = judge(report({}, totals), { ...policy, maxIndirectlyLostBytes: 499 });
  assert.ok(strict.reasons.includes('indirectly lost: 500 bytes, over the limit of 499 bytes (max-indirectly-lost-bytes)'));
});

test('memory errors count against max-errors', () => {
  const v = judge(report({}, { errors: 3 }), { ...policy, maxErrors: 2 });
  assert.equal(v.outcome, 'fail');
  assert.deepEqual(v.reasons, ['memory errors: 3, over the limit of 2 (max-errors)']);
});

test('an incomplete report is never a pass, even with zero leaks', () => {
  const v = judge(report({ complete: false, incompleteReasons: ['valgrind.9.xml ends before </valgrindoutput> (truncated)'] }), policy, run());
  assert.equal(v.outcome, 'incomplete');
  assert.deepEqual(v.reasons, ['valgrind.9.xml ends before </valgrindoutput> (truncated)']);
  assert.equal(judge(report({ complete: false }), policy).outcome, 'incomplete');
});

test('how the run ended decides when the report cannot be judged', () => {
  const early = judge(report(), policy, run({ end: 'exited-early', exitCode: 3, totalMs: 900, outputTail: ['error: no such plugin'] }));
  assert.equal(early.outcome, 'incomplete');
  assert.match(early.reasons[0] ?? '', /^the program exited with code 3 after 0\.9 s, before the 30 s duration ended; its last output:\nerror: no such plugin$/);

  const notReady = judge(report(), policy, run({ end: 'not-ready', totalMs: 5000 }));
  assert.equal(notReady.outcome, 'incomplete');
  assert.match(notReady.reasons[0] ?? '', /never printed the ready pattern/);

  const killed = judge(report(), policy, run({ end: 'hung-killed', signals: [
    { signal: 'SIGTERM', atMs: 1, reason: 'stop' }, { signal: 'SIGUSR1', atMs: 2, reason: 'escalate' }, { signal: 'SIGKILL', atMs: 3, reason: 'kill' }] }));
  assert.equal(killed.outcome, 'incomplete');
  assert.match(killed.reasons[0] ?? '', /after SIGTERM, then SIGUSR1, then SIGKILL: it was killed with SIGKILL and Valgrind wrote no leak report/);
});

test('a hung shutdown rescued by escalation is a failure in itself', () => {
  const v = judge(report(), policy, run({ end: 'hung-escalated', exitSignal: 'SIGUSR1', signals: [
    { signal: 'SIGTERM', atMs: 1, reason: 'stop' }, { signal: 'SIGUSR1', atMs: 2, reason: 'escalate' }] }));
  assert.equal(v.outcome, 'fail');
  assert.match(v.reasons[0] ?? '', /^hung shutdown: the program did not exit after SIGTERM; SIGUSR1 made Valgrind write its report/);
});

test('a crash fails with its signal, not as an early exit', () => {
  const proc: ProcessReport = { pid: 7, file: 'x', complete: true, incompleteReasons: [], fatalSignal: 'SIGSEGV', totalsSource: 'records', totals: zeroTotals() };
  const v = judge(report({ processes: [proc] }), policy, run({ end: 'exited-early', exitSignal: 'SIGSEGV', exitCode: null }));
  assert.equal(v.outcome, 'fail');
  assert.deepEqual(v.reasons, ['process 7 crashed with SIGSEGV']);
  const noProc = judge(report(), policy, run({ end: 'exited-early', exitSignal: 'SIGSEGV', exitCode: null, totalMs: 2000 }));
  assert.match(noProc.reasons[0] ?? '', /^the program crashed with SIGSEGV after 2\.0 s/);
});
