// The sentences and frame lines Valgrind prints, in every form found in real output
// (examples copied from the corpus and the fixtures).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Frame } from '../../src/model/report.ts';
import { parseFrameLine } from '../../src/parse/text-frame.ts';
import { errorKindOf, parseLossRecord, parseSummaryLine, parseVersionLine } from '../../src/parse/valgrind-text.ts';

test('lines: at/by frames in every form Valgrind prints', () => {
  const table: [string, Frame | undefined][] = [
    ['   at 0x4001177: main (invalid_rw.c:6)', { fn: 'main', file: 'invalid_rw.c', line: 6 }],
    ['   by 0x48417B4: malloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)', { fn: 'malloc', obj: '/usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so' }],
    ['   by 0x1: ???', { fn: '???' }],
    ['   by 0x4C3A5F1: ??? (in /usr/lib/libssl.so.3)', { fn: '???', obj: '/usr/lib/libssl.so.3' }],
    ['   by 0x5270250: (below main) (libc_start_call_main.h:74)', { fn: '(below main)', file: 'libc_start_call_main.h', line: 74 }],
    ['   at 0x........: main (badjump.c:17)', { fn: 'main', file: 'badjump.c', line: 17 }],
    ['   by 0x100B377: flb_ra_parser_create (/src/fluent-bit/src/flb_ra_parser.c:206)', { fn: 'flb_ra_parser_create', dir: '/src/fluent-bit/src', file: 'flb_ra_parser.c', line: 206 }],
    ['   at 0x4849013: operator new(unsigned long) (vg_replace_malloc.c:422)', { fn: 'operator new(unsigned long)', file: 'vg_replace_malloc.c', line: 422 }],
    ['   by 0x4F1A2B3: Foo::bar(int) const (in /usr/lib/libfoo.so.1)', { fn: 'Foo::bar(int) const', obj: '/usr/lib/libfoo.so.1' }],
    ['   at 0x5318545: clock_nanosleep@@GLIBC_2.17 (clock_nanosleep.c:48)', { fn: 'clock_nanosleep@@GLIBC_2.17', file: 'clock_nanosleep.c', line: 48 }],
    ['   by 0x109000: f (weird name.c:x)', { fn: 'f (weird name.c:x)' }],
    ['   definitely lost: 252 bytes in 4 blocks', undefined],
    ['at 0x1: main (a.c:1)', undefined], // not indented: a headline, not a frame
    ['    <inherited from parent>', undefined],
  ];
  for (const [line, want] of table) assert.deepEqual(parseFrameLine(line), want, line);
});

test('lines: loss record headlines, with separators, direct/indirect parts and deltas', () => {
  const table: [string, ReturnType<typeof parseLossRecord>][] = [
    ['40 bytes in 1 blocks are definitely lost in loss record 1 of 1', { kind: 'definitelyLost', direct: 40, indirect: 0, blocks: 1 }],
    ['48,224 (13,152 direct, 35,072 indirect) bytes in 274 blocks are definitely lost in loss record 8 of 8', { kind: 'definitelyLost', direct: 13152, indirect: 35072, blocks: 274 }],
    ['32 bytes in 1 blocks are indirectly lost in loss record 1 of 7', { kind: 'indirectlyLost', direct: 32, indirect: 0, blocks: 1 }],
    ['1 bytes in 1 blocks are possibly lost in loss record 1 of 1,250', { kind: 'possiblyLost', direct: 1, indirect: 0, blocks: 1 }],
    ['48 bytes in 1 blocks are still reachable in loss record 4 of 7', { kind: 'stillReachable', direct: 48, indirect: 0, blocks: 1 }],
    ['2,000 (+2,000) bytes in 1 (+1) blocks are definitely lost in new loss record 2 of 2', { kind: 'definitelyLost', direct: 2000, indirect: 0, blocks: 1 }],
    ['0 (-10) bytes in 0 (-1) blocks are definitely lost in loss record 1 of 3', { kind: 'definitelyLost', direct: 0, indirect: 0, blocks: 0 }],
    ['Invalid read of size 4', undefined],
    ['LEAK SUMMARY:', undefined],
  ];
  for (const [line, want] of table) assert.deepEqual(parseLossRecord(line), want, line);
});

test('lines: LEAK SUMMARY lines, old and new, with deltas', () => {
  assert.deepEqual(parseSummaryLine('   definitely lost: 13,592 bytes in 285 blocks'), { key: 'definitelyLost', amount: { bytes: 13592, blocks: 285 } });
  assert.deepEqual(parseSummaryLine('        suppressed: 0 (+0) bytes in 0 (+0) blocks'), { key: 'suppressed', amount: { bytes: 0, blocks: 0 } });
  assert.deepEqual(parseSummaryLine('   still reachable: 2,010 (+2,000) bytes in 2 (+1) blocks'), { key: 'stillReachable', amount: { bytes: 2010, blocks: 2 } });
  assert.deepEqual(parseSummaryLine('   definitely lost: 64 bytes in 4 blocks.'), { key: 'definitelyLost', amount: { bytes: 64, blocks: 4 } }); // 3.3.0
  assert.equal(parseSummaryLine('                      of which reachable via heuristic:'), undefined);
  assert.equal(parseSummaryLine('                        newarray           : 320 bytes in 4 blocks'), undefined);
});

test('lines: error headlines map to Valgrind kinds; versions from the preamble', () => {
  const table: [string, string][] = [
    ['Invalid read of size 8', 'InvalidRead'],
    ['Invalid write of size 4', 'InvalidWrite'],
    ['Conditional jump or move depends on uninitialised value(s)', 'UninitCondition'],
    ['Use of uninitialised value of size 8', 'UninitValue'],
    ['Syscall param write(buf) points to uninitialised byte(s)', 'SyscallParam'],
    ['Invalid free() / delete / delete[] / realloc()', 'InvalidFree'],
    ['Mismatched free() / delete / delete []', 'MismatchedFree'],
    ['Source and destination overlap in memcpy(0x4a4a040, 0x4a4a042, 8)', 'Overlap'],
    ['Jump to the invalid address stated on the next line', 'InvalidJump'],
    ["Argument 'size' of function malloc has a fishy (possibly negative) value: -1", 'FishyValue'],
    ['realloc() with size 0', 'ReallocSizeZero'],
    ['Something Valgrind will say one day', 'Other'],
  ];
  for (const [what, kind] of table) assert.equal(errorKindOf(what), kind, what);
  assert.equal(parseVersionLine('Using Valgrind-3.19.0 and LibVEX; rerun with -h for copyright info'), '3.19.0');
  assert.equal(parseVersionLine('Using valgrind-3.3.0.SVN, a dynamic binary instrumentation'), '3.3.0.SVN');
  assert.equal(parseVersionLine('Using Valgrind-3.18.1-42b08ed5bd-20211015 and LibVEX'), '3.18.1-42b08ed5bd-20211015');
});
