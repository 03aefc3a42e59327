import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_READY_PATTERN, escalateSignalFor, planFromSettings } from '../../src/run/plan.ts';
import { runSettings } from '../helpers/run-settings.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/fluent-bit/', import.meta.url));

const settings = runSettings;

test('planFromSettings: -c CONFIG before args, seconds to ms, XML in out-dir, escalation by stop signal', () => {
  const plan = planFromSettings(settings({ config: '/etc/flb.conf', durationSeconds: 2, readyPattern: /ready/ }), '/usr/bin/valgrind', '/opt/fluent-bit');
  assert.deepEqual(plan.args, ['-c', '/etc/flb.conf', '-i', 'dummy', '-o', 'null']);
  assert.equal(plan.durationMs, 2000);
  assert.equal(plan.readyTimeoutMs, 120_000);
  assert.equal(plan.shutdownTimeoutMs, 30_000);
  assert.ok(plan.valgrindArgs.includes('--xml-file=/work/ws/out/valgrind.%p.xml'));
  assert.equal(plan.escalateSignal, 'SIGUSR1');
  assert.equal(plan.cwd, '/work/ws');
  assert.equal(escalateSignalFor('SIGINT'), 'SIGUSR1');
  assert.equal(escalateSignalFor('SIGUSR1'), null);
});

test('DEFAULT_READY_PATTERN matches Fluent Bit 4.1 and 5.1 ready lines, not a failed startup', () => {
  const re = new RegExp(DEFAULT_READY_PATTERN);
  assert.ok(re.test('[2026/11/24 21:38:58.392] [ info] [sp] stream processor started'));
  assert.ok(re.test('[2026/11/24 22:02:55.883610204] [ info] [engine] Shutdown Grace Period=5, Shutdown Input Grace Period=2'));
  assert.ok(!re.test('[2026/11/24 22:07:34.868] [error] configuration file contains errors, aborting.'));
  assert.ok(!re.test('[2026/11/24 21:38:58.246] [ info] [fluent bit] version=5.1.1, commit=d55459d492, pid=23604'));
});

test('DEFAULT_READY_PATTERN: ready in every Fluent Bit run of the corpus that started, never in the one that failed', { skip: !existsSync(CORPUS) && 'needs ../shared/corpus' }, async () => {
  const re = new RegExp(DEFAULT_READY_PATTERN);
  const runs = (await readdir(CORPUS)).filter((f) => f.endsWith('.stderr'));
  assert.ok(runs.length >= 10);
  for (const run of runs) {
    const lines = (await readFile(path.join(CORPUS, run), 'utf8')).split('\n');
    assert.equal(lines.some((l) => re.test(l)), !run.startsWith('j1-startup-failure'), run);
  }
});
