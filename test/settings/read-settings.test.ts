import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSettings } from '../../src/settings/read-settings.ts';
import { SettingsError } from '../../src/settings/errors.ts';
import { splitShellWords } from '../../src/settings/shell-words.ts';
import { DEFAULT_READY_PATTERN } from '../../src/settings/inputs.ts';

const env = { workspace: '/ws', cpuCount: 2 };
const read = (inputs: Record<string, string>) => readSettings((n) => inputs[n], env);

test('defaults: one literal with every field set from action.yml defaults', () => {
  const s = read({ binary: 'build/bin/fluent-bit' });
  assert.equal(s.run.binary, '/ws/build/bin/fluent-bit');
  assert.equal(s.run.durationSeconds, 60);
  assert.equal(s.run.readyPattern?.source, DEFAULT_READY_PATTERN);
  assert.equal(s.run.stopSignal, 'SIGTERM');
  assert.equal(s.run.outDir, '/ws/flb-valgrind-out');
  assert.deepEqual(s.policy, { maxDefinitelyLostBytes: 0, maxPossiblyLostBytes: 0, maxIndirectlyLostBytes: null, maxErrors: 0 });
  assert.equal(s.failOnThreshold, true);
  assert.equal(s.build.enabled, false);
  assert.equal(s.build.buildDir, '/ws/build-valgrind');
  assert.equal(s.build.jobs, 2);
  assert.equal(s.report.comment, 'always');
  assert.equal(s.report.githubToken, '');
});

test('values are parsed, paths resolved from the workspace, bare names left for PATH', () => {
  const s = read({
    binary: 'fluent-bit',
    args: `-i dummy -p 'dummy={"a": "b c"}' -o "null" back\\ slash`,
    config: 'conf/fb.conf',
    'ready-pattern': '',
    'stop-signal': 'int',
    suppressions: 'a.supp\n# comment\n\n  b.supp  ',
    'max-indirectly-lost-bytes': '100',
    'fail-on-threshold': 'False',
    'build-jobs': '8',
    ccache: 'TRUE',
  });
  assert.equal(s.run.binary, 'fluent-bit');
  assert.deepEqual(s.run.args, ['-i', 'dummy', '-p', 'dummy={"a": "b c"}', '-o', 'null', 'back slash']);
  assert.equal(s.run.config, '/ws/conf/fb.conf');
  assert.equal(s.run.readyPattern, null, 'an explicitly empty pattern means no wait');
  assert.equal(s.run.stopSignal, 'SIGINT');
  assert.deepEqual(s.run.suppressions, ['/ws/a.supp', '/ws/b.supp']);
  assert.equal(s.policy.maxIndirectlyLostBytes, 100);
  assert.equal(s.failOnThreshold, false);
  assert.equal(s.build.jobs, 8);
  assert.equal(s.build.ccache, 'true');
});

const BAD: { inputs: Record<string, string>; message: string }[] = [
  { inputs: { binary: 'x', duration: '90s' }, message: "'duration' must be a whole number of seconds from 1 to 21600, got '90s'" },
  { inputs: { binary: 'x', duration: '0' }, message: "'duration' must be a whole number of seconds from 1 to 21600, got '0'" },
  { inputs: { binary: 'x', 'ready-timeout': '-5' }, message: "'ready-timeout' must be a whole number of seconds from 1 to 21600, got '-5'" },
  { inputs: { binary: 'x', 'shutdown-timeout': '1.5' }, message: "'shutdown-timeout' must be a whole number of seconds from 1 to 21600, got '1.5'" },
  { inputs: { binary: 'x', 'stop-signal': 'SIGKILL' }, message: "'stop-signal' must be one of SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, got 'SIGKILL'" },
  { inputs: { binary: 'x', 'max-definitely-lost-bytes': '1k' }, message: "'max-definitely-lost-bytes' must be a whole number of bytes 0 or more, got '1k'" },
  { inputs: { binary: 'x', 'max-errors': 'none' }, message: "'max-errors' must be a whole number of errors 0 or more, got 'none'" },
  { inputs: { binary: 'x', 'fail-on-threshold': 'yes' }, message: "'fail-on-threshold' must be true or false, got 'yes'" },
  { inputs: { binary: 'x', 'ready-pattern': '([' }, message: "'ready-pattern' must be a valid JavaScript regular expression" },
  { inputs: { binary: 'x', args: "-i 'dummy" }, message: "'args' has an unclosed single quote: got '-i 'dummy'; quote words the way a shell would" },
  { inputs: { binary: 'x', 'build-type': 'Fast' }, message: "'build-type' must be one of Debug, RelWithDebInfo, Release, MinSizeRel, got 'Fast'" },
  { inputs: { binary: 'x', ccache: 'maybe' }, message: "'ccache' must be one of auto, true, false, got 'maybe'" },
  { inputs: { binary: 'x', comment: 'sometimes' }, message: "'comment' must be one of always, on-failure, on-change, never, got 'sometimes'" },
  { inputs: { binary: 'x', 'retention-days': '365' }, message: "'retention-days' must be a whole number of days from 1 to 90, got '365'" },
  { inputs: { binary: 'x', 'artifact-name': 'a/b' }, message: "'artifact-name' must be a name without any of" },
  { inputs: {}, message: "'binary' is required unless 'build' is true" },
  { inputs: { 'report-file': 'r.json', build: 'true' }, message: "'report-file' publishes an existing report, so it cannot be combined with 'build: true'" },
  { inputs: { 'report-file': 'r.json', 'pr-number': '#12' }, message: "'pr-number' must be a whole number 1 or more, got '#12'" },
];

for (const { inputs, message } of BAD) {
  test(`refuses ${JSON.stringify(inputs)}`, () => {
    assert.throws(() => read(inputs), (e: unknown) => {
      assert.ok(e instanceof SettingsError, `expected SettingsError, got ${String(e)}`);
      assert.ok(e.message.includes(message), `message:\n${e.message}\nexpected to include:\n${message}`);
      return true;
    });
  });
}

test('report-file needs no binary, and pr-number is read', () => {
  const s = read({ 'report-file': 'artifact/report.json', 'pr-number': '12' });
  assert.equal(s.reportFile, '/ws/artifact/report.json');
  assert.equal(s.report.prNumber, 12);
  assert.equal(read({ binary: 'x' }).reportFile, null);
});

test('every problem is reported at once', () => {
  assert.throws(() => read({ duration: 'x', 'max-errors': 'y' }), (e: unknown) => {
    assert.ok(e instanceof SettingsError);
    assert.equal(e.problems.length, 3);
    assert.match(e.message, /^3 inputs are invalid:\n- 'duration'/);
    return true;
  });
});

test('rules of other stages are applied to the split words', () => {
  const rules = { valgrindArgs: (a: string[]) => (a.includes('-q') ? "'valgrind-args' must not contain -q, got '-q'" : null) };
  assert.throws(() => readSettings((n) => ({ binary: 'x', 'valgrind-args': '--track-origins=yes -q' })[n], env, rules), /'valgrind-args' must not contain -q/);
});

test('shell words: quotes, escapes, no expansion', () => {
  assert.deepEqual(splitShellWords(`a "b \\"c\\" $HOME" 'd|e' f\\ g ""`), { words: ['a', 'b "c" $HOME', 'd|e', 'f g', ''] });
  assert.deepEqual(splitShellWords('  '), { words: [] });
  assert.deepEqual(splitShellWords('a "b'), { error: 'has an unclosed double quote' });
  assert.deepEqual(splitShellWords('a \\'), { error: 'ends with a lone backslash' });
});
