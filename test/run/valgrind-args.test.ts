import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildValgrindArgs, defaultValgrindArgs, validateValgrindArgs } from '../../src/run/valgrind-args.ts';
import { runSettings } from '../helpers/run-settings.ts';

const settings = runSettings;

const cases: { args: string[]; expected: string | null }[] = [
  { args: [], expected: null },
  { args: ['--track-origins=yes', '--num-callers=60', '-v', '--xml=yes', '--tool=memcheck', '--leak-check=summary'], expected: null },
  { args: ['-q'], expected: "'valgrind-args' cannot contain '-q': quiet mode removes the leak and error summaries the report needs; remove it (-v and other options are accepted)" },
  { args: ['--track-origins=yes', '--quiet'], expected: "'valgrind-args' cannot contain '--quiet': quiet mode removes the leak and error summaries the report needs; remove it (-v and other options are accepted)" },
  { args: ['--xml=no'], expected: "'valgrind-args' cannot contain '--xml=no': the report is read from Valgrind's XML; accepted: '--xml=yes' or leaving it out" },
  { args: ['--xml-file=/tmp/x.xml'], expected: "'valgrind-args' cannot contain '--xml-file=/tmp/x.xml': the action writes Valgrind's output itself, one XML file per process in 'out-dir'; remove it" },
  { args: ['--log-file=vg.txt'], expected: "'valgrind-args' cannot contain '--log-file=vg.txt': the action writes Valgrind's output itself, one XML file per process in 'out-dir'; remove it" },
  { args: ['--xml-fd=3'], expected: "'valgrind-args' cannot contain '--xml-fd=3': the action writes Valgrind's output itself, one XML file per process in 'out-dir'; remove it" },
  { args: ['--log-fd=9'], expected: "'valgrind-args' cannot contain '--log-fd=9': the action writes Valgrind's output itself, one XML file per process in 'out-dir'; remove it" },
  { args: ['--tool=helgrind'], expected: "'valgrind-args' cannot contain '--tool=helgrind': only memcheck writes leak reports; accepted: '--tool=memcheck' or leaving it out" },
  { args: ['--leak-check=no'], expected: "'valgrind-args' cannot contain '--leak-check=no': without a leak check every run would pass; accepted: '--leak-check=full' or '--leak-check=summary'" },
  { args: ['--version'], expected: "'valgrind-args' cannot contain '--version': Valgrind would print it and exit without running the program; remove it" },
  { args: ['fluent-bit'], expected: "'valgrind-args' takes only Valgrind options starting with '-', got 'fluent-bit'; put the program's own arguments in 'args'" },
  { args: ['--'], expected: "'valgrind-args' takes only Valgrind options starting with '-', got '--'; put the program's own arguments in 'args'" },
];

test('validateValgrindArgs: one message per rule, naming the input, the value and what is accepted', () => {
  for (const { args, expected } of cases) assert.equal(validateValgrindArgs(args), expected, args.join(' '));
});

test('defaults: XML per process, all leak kinds, deep stacks, never -q', () => {
  const args = defaultValgrindArgs('/out/valgrind.%p.xml');
  for (const flag of ['--xml=yes', '--xml-file=/out/valgrind.%p.xml', '--leak-check=full', '--show-leak-kinds=all', '--errors-for-leak-kinds=definite,possible', '--num-callers=40', '--child-silent-after-fork=no']) {
    assert.ok(args.includes(flag), flag);
  }
  assert.ok(!args.includes('-q'));
});

test('buildValgrindArgs: a user flag replaces the default of the same name; suppressions come last, resolved', () => {
  const args = buildValgrindArgs(
    settings({ valgrindArgs: ['--num-callers=80', '--track-origins=yes'], suppressions: ['flb.supp', '/abs/other.supp'] }),
    '/out/valgrind.%p.xml',
  );
  assert.equal(args.filter((a) => a.startsWith('--num-callers')).length, 1);
  assert.deepEqual(args.slice(-4), ['--num-callers=80', '--track-origins=yes', '--suppressions=/work/ws/flb.supp', '--suppressions=/abs/other.supp']);
  assert.ok(args.includes('--show-leak-kinds=all'));
});

test('buildValgrindArgs refuses what the validator refuses', () => {
  assert.throws(() => buildValgrindArgs(settings({ valgrindArgs: ['-q'] }), '/x/%p'), { name: 'RunError', message: /'valgrind-args' cannot contain '-q'/ });
});
