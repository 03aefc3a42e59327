// The action's bundle on a real Fluent Bit binary built with -DFLB_VALGRIND=On: runs when
// FLB_BINARY names one, and is skipped, saying so, otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { bundleMissing, runAction } from './bundle.ts';

const binary = process.env.FLB_BINARY;
const skip = !binary
  ? 'FLB_BINARY is not set: the action is not tried on a real Fluent Bit binary (point it at one built with -DFLB_VALGRIND=On)'
  : (bundleMissing() ?? false);

test('real Fluent Bit, -i dummy -o null: ready on its own log line, one SIGTERM, a clean pass', { skip }, async () => {
  const r = await runAction({ binary: binary as string, args: '-i dummy -o null', duration: '5' });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.outputs.get('verdict'), 'pass');
  const report = JSON.parse(await readFile(r.outputs.get('report') as string, 'utf8'));
  assert.equal(report.run.end, 'stopped');
  assert.deepEqual(report.run.signals.map((s: { signal: string }) => s.signal), ['SIGTERM']);
  assert.equal(report.complete, true);
  assert.equal(report.totals.definitelyLost.bytes, 0);
});

test('real Fluent Bit stopped with SIGUSR1 (no handler): Valgrind still reports; the interrupted work shows as possibly lost', { skip }, async () => {
  const r = await runAction({ binary: binary as string, args: '-i dummy -o null', duration: '3', 'stop-signal': 'SIGUSR1' });
  assert.equal(r.code, 1, r.stdout);
  const report = JSON.parse(await readFile(r.outputs.get('report') as string, 'utf8'));
  assert.equal(report.complete, true, 'Valgrind wrote its whole report');
  assert.equal(report.run.exitSignal, 'SIGUSR1');
  assert.ok(report.totals.possiblyLost.bytes > 0, 'the noise of a non-graceful end (corpus b2-sigusr1-null: 374,721 bytes)');
  assert.match(r.stdout, /::error::Verdict: fail%0A- possibly lost: \d+ bytes, over the limit of 0 bytes/);
});

test('real Fluent Bit with an unknown plugin exits early: incomplete, with its exit status and last lines', { skip }, async () => {
  const r = await runAction({ binary: binary as string, args: '-i no_such_plugin -o null', duration: '5' });
  assert.equal(r.code, 1);
  assert.equal(r.outputs.get('verdict'), 'incomplete');
  assert.match(r.stdout, /::error::Verdict: incomplete%0A- the program exited with code 1 after/);
});
