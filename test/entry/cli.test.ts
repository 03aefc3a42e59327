import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/entry/cli.ts';
import { parseCliArgs, UsageError } from '../../src/entry/cli-args.ts';
import { compileProgram } from '../helpers/c-programs.ts';
import { CLI, ROOT, bundleMissing, runNode } from './bundle.ts';

const CORPUS = path.resolve(ROOT, '../shared/corpus');

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: ROOT });
  return { code, stdout, stderr };
}

test('flags: --kebab-case values, --flag=value, booleans, repeatable suppressions, program after --', () => {
  const a = parseCliArgs(['run', '--duration', '30', '--max-errors=2', '--no-fail-on-threshold', '--install-valgrind', '--suppressions', 'a.supp', '--suppressions', 'b.supp', '--json', 'r.json', '--', './fb', '-p', "it's here"]);
  assert.equal(a.command, 'run');
  assert.equal(a.inputs.get('duration'), '30');
  assert.equal(a.inputs.get('max-errors'), '2');
  assert.equal(a.inputs.get('fail-on-threshold'), 'false');
  assert.equal(a.inputs.get('install-valgrind'), 'true');
  assert.equal(a.inputs.get('suppressions'), 'a.supp\nb.supp');
  assert.equal(a.inputs.get('binary'), './fb');
  assert.equal(a.inputs.get('args'), `'-p' 'it'\\''s here'`);
  assert.equal(a.json, 'r.json');
});

test('with --build, every word after -- is an argument of the built fluent-bit', () => {
  const a = parseCliArgs(['run', '--build', '--source-dir', 'fb', '--', '-i', 'dummy', '-o', 'null']);
  assert.equal(a.inputs.get('binary'), undefined);
  assert.equal(a.inputs.get('args'), `'-i' 'dummy' '-o' 'null'`);
});

const USAGE: [string[], RegExp][] = [
  [['frobnicate'], /unknown command 'frobnicate'/],
  [['run', '--durration', '3'], /unknown option --durration for 'run'/],
  [['run', '--duration'], /--duration needs a value/],
  [['run', './fb'], /put the program after '--'/],
  [['report'], /'report' needs at least one Valgrind XML or text file/],
  [['report', '--duration', '3', 'x.xml'], /unknown option --duration for 'report'/],
  [['run', '--binary', 'x', '--', 'y'], /either after '--' or with --binary/],
];
for (const [argv, message] of USAGE) {
  test(`usage error: ${argv.join(' ')}`, async () => {
    assert.throws(() => parseCliArgs(argv), (e: unknown) => e instanceof UsageError && message.test(e.message));
    const r = await cli(argv);
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
  });
}

test('--help lists every flag with its default, and exits 0', async () => {
  const r = await cli(['run', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Usage: flb-valgrind run \[options\] -- PROGRAM/);
  assert.match(r.stdout, /--duration VALUE\n.*\[default: 60\]/);
  assert.match(r.stdout, /--fail-on-threshold, --no-fail-on-threshold/);
  assert.doesNotMatch(r.stdout, /github-token/);
  assert.match((await cli([])).stdout, /flb-valgrind report \[options\] FILE/);
});

test('a bad flag value exits 2 naming the flag', async () => {
  const r = await cli(['run', '--duration', '90s', '--', '/bin/true']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "flb-valgrind: 'duration' must be a whole number of seconds from 1 to 21600, got '90s'\n");
});

test('report judges a real leaking Fluent Bit run from the corpus, and writes JSON and markdown', async (t) => {
  const xml = path.join(CORPUS, 'fluent-bit/d5-leaky-allkinds-xml.xml');
  if (!existsSync(xml)) return t.skip(`corpus absent: ${xml}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-cli-'));
  const r = await cli(['report', '--json', path.join(dir, 'r.json'), '--markdown', path.join(dir, 's.md'), xml]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^flb-valgrind: FAIL/);
  const report = JSON.parse(await readFile(path.join(dir, 'r.json'), 'utf8'));
  assert.equal(report.verdict.outcome, 'fail');
  assert.ok(report.totals.definitelyLost.bytes > 0);
  assert.ok((await readFile(path.join(dir, 's.md'), 'utf8')).length > 0);
});

test('report with generous limits passes the same file', async (t) => {
  const xml = path.join(CORPUS, 'fluent-bit/a1-sigterm-null.xml');
  if (!existsSync(xml)) return t.skip(`corpus absent: ${xml}`);
  const r = await cli(['report', xml]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^flb-valgrind: PASS/);
});

test('report on a SIGKILLed run is incomplete, never a pass', async (t) => {
  const xml = path.join(CORPUS, 'fluent-bit/b5-sigkill-null.xml');
  if (!existsSync(xml)) return t.skip(`corpus absent: ${xml}`);
  const r = await cli(['report', '--max-definitely-lost-bytes', '999999999', '--max-possibly-lost-bytes', '999999999', xml]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^flb-valgrind: INCOMPLETE/);
});

test('the CLI bundle runs a leaking daemon: exit 1, the totals on stdout, report.json written', { skip: bundleMissing() ?? false }, async () => {
  const binary = await compileProgram('leaky-daemon');
  const out = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-cli-run-'));
  const r = await runNode([CLI, 'run', '--duration', '1', '--out-dir', out, '--', binary]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /definitely lost +56 bytes in 2 blocks +limit 0 +OVER/);
  assert.match(r.stdout, /possibly lost +64 bytes in 1 block +limit 0 +OVER/);
  assert.match(r.stderr, /--- Program output ---/);
  const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
  assert.equal(report.run.end, 'stopped');
  assert.deepEqual(report.run.signals.map((s: { signal: string }) => s.signal), ['SIGTERM']);
});

test('after the run, a stack-switch warning in the output reaches the report and stderr', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-warn-'));
  const script = path.join(dir, 'switching.sh');
  await writeFile(script, `#!/bin/sh\necho 'Warning: client switching stacks?  To suppress, use: --max-stackframe=1'\necho '[sp] stream processor started'\ntrap 'exit 0' TERM\nwhile :; do sleep 0.1; done\n`, { mode: 0o755 });
  const r = await cli(['run', '--duration', '1', '--out-dir', path.join(dir, 'out'), '--json', path.join(dir, 'r.json'), '--', script]);
  assert.match(r.stderr, /warning: Valgrind printed "client switching stacks\?"/);
  const report = JSON.parse(await readFile(path.join(dir, 'r.json'), 'utf8'));
  assert.ok(report.warnings.some((w: string) => w.includes('-DFLB_VALGRIND=On')), JSON.stringify(report.warnings));
});

test('report judges an earlier report.json again with new limits; a mix of JSON and XML is refused', async () => {
  const binary = await compileProgram('leaky-daemon');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-rejudge-'));
  const first = await cli(['run', '--duration', '1', '--out-dir', dir, '--', binary]);
  assert.equal(first.code, 1, first.stderr);
  const reportFile = path.join(dir, 'report.json');
  const again = await cli(['report', '--max-definitely-lost-bytes', '56', '--max-possibly-lost-bytes', '64', reportFile]);
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /^flb-valgrind: PASS/);
  const strict = await cli(['report', '--max-definitely-lost-bytes', '55', reportFile]);
  assert.equal(strict.code, 1);
  assert.match(strict.stdout, /definitely lost: 56 bytes, over the limit of 55 bytes/);
  const mixed = await cli(['report', reportFile, path.join(dir, 'other.xml')]);
  assert.equal(mixed.code, 2);
  assert.match(mixed.stderr, /give either one report\.json or Valgrind output files, not both/);
});
