// The shared corpus of real Valgrind output: totals must equal what Valgrind's own summaries
// state (../shared/corpus/protocol6/EXPECTED.md, third-party/PROVENANCE.md, the text logs'
// LEAK SUMMARY), summed over processes. Skipped when the corpus is absent.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { LeakReport, Totals } from '../../src/model/report.ts';
import { parseFiles } from '../../src/parse/index.ts';
import { repoRoot } from './golden-cases.ts';

const corpus = path.resolve(repoRoot, '../shared/corpus');
const present = existsSync(corpus);

/** DL/IL/PL/SR/SUP as "bytes/blocks", the notation of EXPECTED.md. */
function amounts(t: Totals): string {
  return [t.definitelyLost, t.indirectlyLost, t.possiblyLost, t.stillReachable, t.suppressed].map((a) => `${a.bytes}/${a.blocks}`).join(' ');
}

function totalsTest(name: string, files: string[], check: (r: LeakReport) => void): void {
  test(`corpus: ${name}`, async (t) => {
    if (!present) {
      t.skip(`corpus absent: ${corpus}`);
      return;
    }
    check(await parseFiles(files.map((f) => path.join(corpus, f))));
  });
}

function expectTotals(r: LeakReport, want: string, errors: number, complete = true): void {
  assert.equal(amounts(r.totals), want);
  assert.equal(r.totals.errors, errors);
  assert.equal(r.complete, complete, r.incompleteReasons.join('; '));
  // Where Valgrind printed a summary, the records must agree with it.
  assert.deepEqual(r.warnings.filter((w) => w.includes('add up to') || w.includes("more than Valgrind's error summary")), []);
}

// protocol6/: per program, the text LEAK SUMMARY of EXPECTED.md (identical in 3.19, 3.26, 3.27)
// and the memory errors (ERROR SUMMARY minus the leak contexts it also counts).
const PROGRAMS: Record<string, { totals: string; errors: number; signal?: string }> = {
  definite_only: { totals: '40/1 0/0 0/0 0/0 0/0', errors: 0 },
  delta: { totals: '2010/2 0/0 0/0 0/0 0/0', errors: 0 },
  fork_leak: { totals: '264/3 0/0 0/0 16/1 0/0', errors: 0 },
  heuristic: { totals: '0/0 0/0 0/0 128/1 0/0', errors: 0 },
  invalid_rw: { totals: '0/0 0/0 0/0 0/0 0/0', errors: 4 },
  leak_kinds: { totals: '132/2 96/3 64/1 48/1 0/0', errors: 0 },
  leak_kinds_supp: { totals: '32/1 96/3 64/1 48/1 100/1', errors: 0 },
  segv: { totals: '24/1 0/0 0/0 8/1 0/0', errors: 1, signal: 'SIGSEGV' },
};

const p6 = present ? readdirSync(path.join(corpus, 'protocol6')).filter((f) => /\.(xml|txt)$/.test(f)) : [];
for (const f of p6) {
  const program = f.slice(0, f.indexOf('.'));
  const want = PROGRAMS[program];
  if (!want) continue;
  const incomplete = f === 'leak_kinds.vg326.q.txt' || f === 'invalid_rw.vg326.q-s.txt' || f === 'leak_kinds.xml_and_log.vg326.txt';
  totalsTest(`protocol6/${f}`, [`protocol6/${f}`], (r) => {
    if (incomplete) {
      // -q text logs have no ERROR SUMMARY; the empty file has nothing at all.
      assert.equal(r.complete, false);
      assert.ok(r.incompleteReasons.length > 0);
      return;
    }
    let totals = want.totals;
    // Protocol 4 and -q XML print no suppressed leaks: Valgrind gives nothing to count.
    if (program === 'leak_kinds_supp' && f.endsWith('.vg319.xml')) totals = totals.replace(/ 100\/1$/, ' 0/0');
    expectTotals(r, totals, want.errors);
    if (want.signal !== undefined) assert.ok(r.processes.every((p) => p.fatalSignal === want.signal));
    if (program === 'fork_leak') assert.equal(r.processes.length, 2);
    const v6 = /\.vg32\d+\.xml$/.test(f) && !f.includes('.q');
    if (v6 && program !== 'invalid_rw') assert.ok(r.processes.every((p) => p.totalsSource === 'summary'), 'protocol 6 summary used');
  });
}

totalsTest('protocol6/fork_vg3271 (one XML per process)', ['protocol6/fork_vg3271/fork_leak.14109.xml', 'protocol6/fork_vg3271/fork_leak.14110.xml'], (r) => {
  expectTotals(r, '264/3 0/0 0/0 16/1 0/0', 0);
  assert.deepEqual(r.processes.map((p) => p.pid), [14109, 14110]);
  // lose(32) before the fork leaks in both processes, lose(200) in the child: one identity.
  const lose = r.leaks.find((l) => l.kind === 'definitelyLost');
  assert.ok(lose);
  assert.equal(lose.bytes, 264);
  assert.equal(lose.records, 3);
  assert.deepEqual(lose.pids, [14109, 14110]);
});

totalsTest('protocol6/fork_vg3271 (one log per process)', ['protocol6/fork_vg3271/fork_leak.14111.txt', 'protocol6/fork_vg3271/fork_leak.14112.txt'], (r) =>
  expectTotals(r, '264/3 0/0 0/0 16/1 0/0', 0),
);

// fluent-bit/: the text logs' own LEAK SUMMARY / ERROR SUMMARY; XML sums checked against the records by hand.
totalsTest('fluent-bit/a1 clean XML', ['fluent-bit/a1-sigterm-null.xml'], (r) => {
  expectTotals(r, '0/0 0/0 0/0 0/0 0/0', 0);
  // Run without --show-leak-kinds=all, protocol 4: still reachable is unknown (indirect cannot exist without lost roots).
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0] ?? '', /so the reachable totals are not known/);
});
totalsTest('fluent-bit/a3 "All heap blocks were freed"', ['fluent-bit/a3-sigterm-null-textonly.txt'], (r) => expectTotals(r, '0/0 0/0 0/0 0/0 0/0', 0));
totalsTest('fluent-bit/b2 SIGUSR1: 374,721 bytes possibly lost', ['fluent-bit/b2-sigusr1-null.xml'], (r) => {
  assert.equal(r.totals.possiblyLost.bytes, 374721);
  assert.equal(r.complete, true);
  assert.equal(r.processes[0]?.fatalSignal, 'SIGUSR1');
  assert.equal(r.leaks.reduce((n, l) => n + l.records, 0), 856, 'every loss record counted once');
});
totalsTest('fluent-bit/b5 SIGKILL: truncated, never a pass', ['fluent-bit/b5-sigkill-null.xml'], (r) => {
  assert.equal(r.complete, false);
  assert.match(r.incompleteReasons.join('\n'), /<\/valgrindoutput>.*RUNNING/);
});
totalsTest('fluent-bit/b8 SIGUSR1 text', ['fluent-bit/b8-errexit-sigusr1.txt'], (r) => {
  expectTotals(r, '0/0 0/0 374265/1287 398090/1830 0/0', 0);
  assert.equal(r.processes[0]?.fatalSignal, 'SIGUSR1');
});
totalsTest('fluent-bit/c1 clean realistic pipeline', ['fluent-bit/c1-conf-multi-gensupp.xml'], (r) => expectTotals(r, '0/0 0/0 0/0 0/0 0/0', 0));
totalsTest('fluent-bit/d3 log_to_metrics leak, suppressions', ['fluent-bit/d3-leaky-errexit-gensupp.txt'], (r) => {
  expectTotals(r, '13592/285 36568/1425 0/0 0/0 0/0', 0);
  const big = r.leaks[0];
  assert.ok(big);
  assert.equal(big.bytes, 13152);
  assert.equal(big.indirectBytes, 35072);
  assert.match(big.suppression ?? '', /^\{\n {3}<insert_a_suppression_name_here>\n {3}Memcheck:Leak\n[\s\S]*fun:flb_ra_create[\s\S]*\}$/);
  assert.ok(r.leaks.every((l) => l.suppression !== undefined));
});
// d5: direct bytes from <xwhat><text> ("48,224 (13,152 direct, 35,072 indirect)"), not <leakedbytes>.
totalsTest('fluent-bit/d5 direct bytes from <xwhat><text>', ['fluent-bit/d5-leaky-allkinds-xml.xml'], (r) => expectTotals(r, '13600/286 36736/1430 0/0 0/0 0/0', 0));
totalsTest('fluent-bit/f1 supervisor: two processes in one log', ['fluent-bit/f1-supervisor-sigterm.txt'], (r) => {
  expectTotals(r, '0/0 0/0 0/0 46452/1504 0/0', 0);
  assert.deepEqual(r.processes.map((p) => p.pid), [12520, 12622]);
});
totalsTest('fluent-bit/f2 supervisor: one log per process', ['fluent-bit/f2-supervisor-logfile-pid.14084.txt', 'fluent-bit/f2-supervisor-logfile-pid.14088.txt'], (r) =>
  expectTotals(r, '0/0 0/0 0/0 46452/1504 0/0', 0),
);
totalsTest('fluent-bit/g1 client switching stacks: 9,653 false errors', ['fluent-bit/g1-novg-build-sigterm.txt'], (r) => {
  expectTotals(r, '0/0 0/0 0/0 0/0 0/0', 9653);
  assert.ok(r.warnings.some((w) => w.includes('client switching stacks')));
});
totalsTest('fluent-bit/j1 startup failure', ['fluent-bit/j1-startup-failure-bad-plugin.txt'], (r) => expectTotals(r, '0/0 0/0 0/0 0/0 0/0', 0));

// third-party/: the totals PROVENANCE.md lists as stated by each file.
const THIRD: [string, string, number, boolean?][] = [
  ['cargo-valgrind/version6.xml', '0/0 0/0 0/0 64146/2095 0/0', 0],
  ['cargo-valgrind/version6-2.xml', '0/0 0/0 0/0 456/1 0/0', 0],
  ['minishell-0bvim/valgrind-out.txt', '664/26 1346/63 0/0 273/16 1024019/1130', 0],
  ['minishell-6police/valgrind.log', '0/0 0/0 0/0 0/0 208235/222', 3],
  ['gerobot/x.x', '0/0 0/0 0/0 18944/1 0/0', 0],
  ['bluid/lol', '0/0 0/0 0/0 207261/2746 0/0', 0],
  ['qpalm/valgrind-out.txt', '0/0 0/0 0/0 8/1 0/0', 0],
  ['gwion/valgrind.log', '0/0 0/0 0/0 0/0 0/0', 0],
  ['valgrind-log-parser/valgrind_log.txt', '1000/1 0/0 0/0 0/0 0/0', 1],
  ['valgrind-3.26.0/lks.stderr.exp', '48/3 32/2 0/0 64/4 96/6', 0],
  ['valgrind-3.26.0/leak-segv-jmp.stderr.exp', '1000/1 0/0 200000/1 200000/1 0/0', 0],
  ['valgrind-3.26.0/reallocarray.stderr.exp', '0/0 0/0 0/0 0/0 0/0', 2],
  ['valgrind-3.3.0/leak-cycle.stderr.exp64', '64/4 224/14 0/0 0/0 0/0', 0],
];
for (const [file, totals, errors] of THIRD) totalsTest(`third-party/${file}`, [`third-party/${file}`], (r) => expectTotals(r, totals, errors));

totalsTest('third-party: five processes in one log are five processes', ['third-party/minishell-0bvim/valgrind-out.txt'], (r) => {
  assert.deepEqual(r.processes.map((p) => p.pid).sort(), [77263, 77266, 77267, 77273, 77325]);
});
totalsTest('third-party: empty file', ['third-party/sonar-cxx/valgrind-result-empty.xml'], (r) => {
  assert.equal(r.complete, false);
  assert.match(r.incompleteReasons[0] ?? '', /empty/);
});
totalsTest('third-party: protocol 2, truncated and hard-wrapped', ['third-party/visualvalgrind/valtest-protocol2.xml'], (r) => {
  assert.equal(r.complete, false);
  assert.equal(r.processes[0]?.protocolVersion, 2);
  assert.ok(r.errors.length > 0);
});
totalsTest('third-party: protocol 5 FdNotClosed', ['third-party/valgrind-3.25.0/fdleak_open_xml.stderr.exp'], (r) => {
  assert.equal(r.processes[0]?.protocolVersion, 5);
  assert.deepEqual(r.errors.map((e) => e.kind), ['FdNotClosed']);
  assert.equal(r.totals.errors, 1);
});
totalsTest('third-party: unknown kinds and errors without a stack are kept', ['third-party/analysis-model/valgrind.xml', 'third-party/hudson-valgrind-plugin-fargies/corrupted-file.xml'], (r) => {
  const kinds = r.errors.map((e) => e.kind);
  assert.ok(kinds.includes('Not_A_Real_Error'));
  assert.ok(kinds.includes('CorruptedUninitCondition'));
});
totalsTest('third-party: <errorcounts> give the occurrences', ['third-party/hudson-valgrind-plugin-fargies/app-run-1.xml'], (r) => {
  // 10 SyscallParam and 21 UninitCondition contexts; <errorcounts> sums them to 181,061.
  assert.equal(r.totals.errors, 181061);
  assert.equal(r.suppressions.length > 0, true);
});
totalsTest('third-party: protocol 4 with a fatal signal', ['third-party/tiledb/valgrind.xml'], (r) => {
  assert.equal(r.complete, true);
  assert.equal(r.processes[0]?.fatalSignal, 'SIGSEGV');
});

test('corpus: every file parses without throwing into finite totals', async (t) => {
  if (!present) {
    t.skip(`corpus absent: ${corpus}`);
    return;
  }
  const all: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else all.push(p);
    }
  };
  walk(corpus);
  for (const f of all) {
    const r = await parseFiles([f]);
    for (const a of Object.values(r.totals)) {
      const n = typeof a === 'number' ? [a] : [a.bytes, a.blocks];
      assert.ok(n.every(Number.isFinite), `${f}: ${JSON.stringify(r.totals)}`);
    }
    if (r.complete) assert.ok(r.processes.length > 0);
  }
});
