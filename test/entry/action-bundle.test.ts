import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { compileProgram } from '../helpers/c-programs.ts';
import { bundleMissing, runAction } from './bundle.ts';
import { valgrindTextSummary } from './valgrind-text-oracle.ts';

const missing = bundleMissing();
const quick = { duration: '1', 'shutdown-timeout': '20', 'ready-timeout': '30' };

test('the action bundle fails a leaking daemon with exact totals in its outputs and a job summary', { skip: missing ?? false }, async () => {
  const binary = await compileProgram('leaky-daemon');
  const [r, oracle] = await Promise.all([runAction({ binary, ...quick }), valgrindTextSummary(binary)]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.equal(r.outputs.get('verdict'), 'fail');
  // Exactly what Valgrind's own text LEAK SUMMARY says for the same program...
  assert.equal(r.outputs.get('definitely-lost-bytes'), String(oracle.definitelyLost));
  assert.equal(r.outputs.get('indirectly-lost-bytes'), String(oracle.indirectlyLost));
  assert.equal(r.outputs.get('possibly-lost-bytes'), String(oracle.possiblyLost));
  assert.equal(r.outputs.get('still-reachable-bytes'), String(oracle.stillReachable));
  assert.equal(r.outputs.get('suppressed-bytes'), String(oracle.suppressed));
  // ...which is what test/programs/leaky-daemon.c leaks by construction.
  assert.deepEqual(oracle, { definitelyLost: 56, indirectlyLost: 100, possiblyLost: 64, stillReachable: 33, suppressed: 0 });
  assert.equal(r.outputs.get('errors'), '0');
  assert.equal(r.outputs.get('binary'), binary);
  const report = JSON.parse(await readFile(r.outputs.get('report') as string, 'utf8'));
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.verdict.outcome, 'fail');
  assert.match(r.stdout, /::error::Verdict: fail%0A- definitely lost: 56 bytes, over the limit of 0 bytes \(max-definitely-lost-bytes\)/);
  assert.match(r.summary, /fail/i, 'the job summary is written');
  assert.match(r.stdout, /::group::Program output/);
});

test('a forked child is judged too: totals are summed over processes, as Valgrind counts each', { skip: missing ?? false }, async () => {
  const binary = await compileProgram('forking-daemon');
  const [r, oracle] = await Promise.all([runAction({ binary, ...quick }), valgrindTextSummary(binary)]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.equal(r.outputs.get('definitely-lost-bytes'), String(oracle.definitelyLost));
  assert.equal(r.outputs.get('still-reachable-bytes'), String(oracle.stillReachable));
  assert.equal(oracle.definitelyLost, 200, "the child's leak (test/programs/forking-daemon.c)");
  const report = JSON.parse(await readFile(r.outputs.get('report') as string, 'utf8'));
  assert.equal(report.processes.length, 2);
});

test('the action bundle passes a daemon that frees everything', { skip: missing ?? false }, async () => {
  const binary = await compileProgram('clean-daemon');
  const r = await runAction({ binary, ...quick });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.outputs.get('verdict'), 'pass');
  assert.equal(r.outputs.get('definitely-lost-bytes'), '0');
  assert.doesNotMatch(r.stdout, /::error::/);
});

test('fail-on-threshold false reports the failure as a warning and passes the step', { skip: missing ?? false }, async () => {
  const binary = await compileProgram('leaky-daemon');
  const r = await runAction({ binary, ...quick, 'fail-on-threshold': 'false' });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.outputs.get('verdict'), 'fail');
  assert.match(r.stdout, /::warning::Verdict: fail/);
});

test('a bad input fails the step with one clear message and no stack trace', { skip: missing ?? false }, async () => {
  const r = await runAction({ binary: '/bin/true', duration: '90s', 'stop-signal': 'SIGKILL' });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /::error::2 inputs are invalid:%0A- 'duration' must be a whole number of seconds from 1 to 21600, got '90s'%0A- 'stop-signal' must be one of SIGTERM/);
  assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at .*\.js:\d+/, 'no stack trace');
});

test('a missing binary is named before anything runs', { skip: missing ?? false }, async () => {
  const r = await runAction({ binary: 'build/bin/fluent-bit' });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /::error::'binary' .*build\/bin\/fluent-bit does not exist or is not executable/);
});
