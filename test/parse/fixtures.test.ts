// What each of our Valgrind 3.19 fixtures must give, checked against the numbers Valgrind's
// own text LEAK SUMMARY and ERROR SUMMARY print for the same program (fixtures/*/README.md).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { LeakReport, Totals } from '../../src/model/report.ts';
import { parseFiles } from '../../src/parse/index.ts';
import { fixtures, repoRoot } from './golden-cases.ts';

process.chdir(repoRoot); // --suppressions= paths inside the fixtures are repo-relative

const parse = (...rel: string[]): Promise<LeakReport> => parseFiles(rel.map((r) => `${fixtures}/${r}`));

function amounts(t: Totals): string {
  return [t.definitelyLost, t.indirectlyLost, t.possiblyLost, t.stillReachable, t.suppressed].map((a) => `${a.bytes}/${a.blocks}`).join(' ');
}

// kinds.default.txt: LEAK SUMMARY 252/4 192/6 64/1 48/1 0/0; ERROR SUMMARY 12 errors from 10 contexts,
// 5 of them leak contexts (--errors-for-leak-kinds=definite,possible): 7 memory errors.
const KINDS = '252/4 192/6 64/1 48/1 0/0';

test('kinds: XML (protocol 4, no summary) and text give the totals of Valgrind\'s LEAK SUMMARY', async () => {
  for (const f of ['kinds/kinds.default.xml', 'kinds/kinds.default.txt', 'kinds/kinds.s.txt', 'kinds/kinds.stderr.txt', 'kinds/kinds.summary.txt']) {
    const r = await parse(f);
    assert.equal(amounts(r.totals), KINDS, f);
    assert.equal(r.totals.errors, 7, f);
    assert.equal(r.complete, true, f);
  }
  const xml = await parse('kinds/kinds.default.xml');
  assert.equal(xml.processes[0]?.totalsSource, 'records');
  assert.equal((await parse('kinds/kinds.default.txt')).processes[0]?.totalsSource, 'summary');
});

test('kinds: a definitely lost record counts its direct bytes; the indirect ones stay on the record', async () => {
  const r = await parse('kinds/kinds.default.xml');
  const tree = r.leaks.find((l) => l.kind === 'definitelyLost' && l.stack.some((f) => f.fn === 'lose_tree'));
  assert.ok(tree);
  assert.deepEqual([tree.bytes, tree.indirectBytes, tree.blocks], [32, 192, 1]); // "224 (32 direct, 192 indirect)"
  assert.deepEqual(r.leaks.map((l) => l.kind), ['definitelyLost', 'definitelyLost', 'definitelyLost', 'indirectlyLost', 'indirectlyLost', 'possiblyLost', 'stillReachable']);
  const plain = r.leaks.find((l) => l.stack.some((f) => f.fn === 'lose_plain'));
  assert.deepEqual([plain?.bytes, plain?.records], [200, 2], 'two records of one path merge');
});

test('kinds: errors carry kind, what, count, stack and the auxiliary stack', async () => {
  for (const f of ['kinds/kinds.default.xml', 'kinds/kinds.s.txt']) {
    const r = await parse(f);
    const byKind = new Map(r.errors.map((e) => [e.kind, e]));
    assert.deepEqual([...byKind.keys()].sort(), ['InvalidFree', 'InvalidRead', 'InvalidWrite', 'SyscallParam', 'UninitCondition']);
    // <errorcounts> in XML, the "-s" listing in text: the loop's uninitialised condition occurred 3 times.
    assert.equal(byKind.get('UninitCondition')?.count, 3, f);
    assert.equal(r.errors[0]?.kind, 'UninitCondition', 'sorted by count');
    const read = byKind.get('InvalidRead');
    assert.equal(read?.what, 'Invalid read of size 4');
    assert.match(read?.auxwhat ?? '', /^Address 0x[0-9a-f]+ is 4 bytes after a block of size 40 alloc'd$/);
    assert.equal(read?.stack[0]?.fn, 'main');
    assert.equal(read?.stack[0]?.file, 'kinds.c');
    assert.deepEqual(read?.auxStack?.map((s) => s.fn), ['malloc', 'main']);
    assert.match(byKind.get('SyscallParam')?.what ?? '', /^Syscall param write\(buf\) points to uninitialised byte\(s\)$/);
  }
});

test('kinds: without -s a text log knows each context once, but the total from ERROR SUMMARY', async () => {
  const r = await parse('kinds/kinds.default.txt');
  assert.equal(r.errors.find((e) => e.kind === 'UninitCondition')?.count, 1);
  assert.equal(r.totals.errors, 7);
});

test('kinds: --gen-suppressions=all blocks stay with their records; suppressions used and unused', async () => {
  const xml = await parse('kinds/kinds.gensupp.xml');
  assert.equal(amounts(xml.totals), '232/3 192/6 64/1 48/1 0/0'); // protocol 4 XML does not list suppressed leaks
  assert.ok(xml.warnings.some((w) => w.includes('suppressed counted as 0')));
  assert.deepEqual(xml.suppressions, [{ name: 'kinds_strdup_leak', count: 1 }]);
  assert.deepEqual(xml.unusedSuppressions, [{ name: 'kinds_never_matches', file: 'test/parse/fixtures/kinds/used.supp' }]);
  for (const item of [...xml.leaks, ...xml.errors]) assert.match(item.suppression ?? '', /^\{\n {3}<insert_a_suppression_name_here>\n {3}Memcheck:\w+\n[\s\S]*\n\}$/);
  const tree = xml.leaks.find((l) => l.stack.some((f) => f.fn === 'lose_tree'));
  assert.match(tree?.suppression ?? '', /match-leak-kinds: definite\n {3}fun:calloc\n {3}fun:mk\n {3}fun:lose_tree\n {3}fun:main\n\}/);

  const txt = await parse('kinds/kinds.gensupp.txt');
  assert.equal(amounts(txt.totals), '232/3 192/6 64/1 48/1 20/1'); // the text summary knows the suppressed bytes
  assert.deepEqual(
    txt.leaks.map((l) => l.suppression),
    xml.leaks.map((l) => l.suppression),
    'the same blocks in text and XML',
  );
});

test('kinds: a -v text log names its suppressions files and their use: the unused one is reported', async () => {
  const r = await parse('kinds/kinds.verbose.txt');
  assert.deepEqual(r.suppressions, [{ name: 'kinds_strdup_leak', count: 1 }]);
  assert.deepEqual(r.unusedSuppressions, [{ name: 'kinds_never_matches', file: 'test/parse/fixtures/kinds/used.supp' }]);
  assert.equal(r.totals.suppressed.bytes, 20);
  assert.equal(r.errors.find((e) => e.kind === 'UninitCondition')?.count, 3, '-v lists the contexts with counts, like -s');
});

test('kinds: program output on the same line as Valgrind\'s prefix does not hide a record', async () => {
  const r = await parse('kinds/kinds.stderr.txt');
  assert.ok(r.errors.some((e) => e.kind === 'InvalidFree'));
  assert.equal(r.errors.length, 5);
});

test('kinds: leak check summary only (no loss records) still has totals from LEAK SUMMARY', async () => {
  const r = await parse('kinds/kinds.summary.txt');
  assert.deepEqual(r.leaks, []);
  assert.equal(amounts(r.totals), KINDS);
});

test('fork: one file per process, a shared XML file and a shared log give the summed totals', async () => {
  const perPid = (ext: string): string[] =>
    readdirSync(path.join(repoRoot, fixtures, 'fork')).filter((f) => new RegExp(`^fork\\.\\d+\\.${ext}$`).test(f)).map((f) => `fork/${f}`);
  const cases: [string[], number][] = [
    [perPid('xml'), 2],
    [perPid('txt'), 2],
    [['fork/fork.shared.xml'], 2],
    [['fork/fork.shared.txt'], 2],
  ];
  for (const [files, n] of cases) {
    const r = await parse(...files);
    assert.equal(amounts(r.totals), '264/3 0/0 0/0 16/1 0/0', files.join());
    assert.equal(r.processes.length, n);
    assert.equal(r.complete, true);
  }
  const shared = await parse('fork/fork.shared.xml');
  assert.equal(shared.processes[1]?.pid, 0, 'the appended fragment has no PID of its own');
  assert.ok(shared.warnings.some((w) => w.includes('several processes')));
  const log = await parse('fork/fork.shared.txt');
  const lose = log.leaks.find((l) => l.kind === 'definitelyLost');
  assert.equal(lose?.pids.length, 2);
  assert.equal(lose?.records, 3);
});

test('crash: a fatal signal is recorded and the leak check after it still counts', async () => {
  for (const f of ['crash/crash.xml', 'crash/crash.txt']) {
    const r = await parse(f);
    assert.equal(r.complete, true, f);
    assert.equal(r.processes[0]?.fatalSignal, 'SIGSEGV', f);
    assert.equal(amounts(r.totals), '24/1 0/0 0/0 8/1 0/0', f);
    assert.equal(r.totals.errors, 1, f);
    assert.deepEqual(r.errors.map((e) => e.kind), ['InvalidWrite'], f);
  }
  const source = await parse('crash/crash.c');
  assert.equal(source.complete, false);
  assert.match(source.incompleteReasons[0] ?? '', /crash\.c: not Valgrind output/);
});

test('truncated: every hand-cut file is incomplete with a reason', async () => {
  const files = ['kinds.killed-running.xml', 'kinds.cut-in-leaks.xml', 'kinds.no-close.xml', 'kinds.cut-in-records.txt', 'kinds.cut-in-summary.txt'];
  for (const f of files) {
    const r = await parse(`truncated/${f}`);
    assert.equal(r.complete, false, f);
    assert.match(r.incompleteReasons.join('\n'), /ends before/, f);
  }
  // Cut inside LEAK SUMMARY: the partial summary is not trusted; the records are summed instead.
  const r = await parse('truncated/kinds.cut-in-summary.txt');
  assert.equal(r.processes[0]?.totalsSource, 'records');
  assert.equal(amounts(r.totals), KINDS);
});
