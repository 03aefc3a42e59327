import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MemError } from '../../src/model/report.ts';
import { renderSuppressions } from '../../src/publish/suppressions.ts';
import { leak, reportOf } from './fixtures.ts';

const VALGRIND_BLOCK = `{
   <insert_a_suppression_name_here>
   Memcheck:Leak
   match-leak-kinds: definite
   fun:malloc
   fun:_ZN3foo3barEv
   fun:main
}`;

describe('renderSuppressions', () => {
  it('builds a leak block from the stack, kind by kind', () => {
    const text = renderSuppressions(reportOf([leak('definitelyLost', 40, 'flb_log_to_metrics_create', 'a.c', 1), leak('possiblyLost', 8, 'flb_coro_create', 'b.c', 2)]));
    assert.ok(
      text.includes(
        [
          '{',
          '   flb-valgrind-1-definite-flb_log_to_metrics_create',
          '   Memcheck:Leak',
          '   match-leak-kinds: definite',
          '   fun:malloc',
          '   fun:flb_log_to_metrics_create',
          '   fun:main',
          '   fun:(below main)',
          '}',
        ].join('\n'),
      ),
      text,
    );
    assert.match(text, /match-leak-kinds: possible\n {3}fun:malloc\n {3}fun:flb_coro_create/);
  });

  it("uses Valgrind's own block when it printed one, named", () => {
    const text = renderSuppressions(reportOf([leak('definitelyLost', 40, 'foo::bar()', 'a.cc', 1, { suppression: VALGRIND_BLOCK })]));
    assert.match(text, /\{\n {3}flb-valgrind-1-definite-foo::bar_\n {3}Memcheck:Leak\n {3}match-leak-kinds: definite\n {3}fun:malloc\n {3}fun:_ZN3foo3barEv/);
  });

  it('writes fun:* for demangled C++ names and obj: or ... for frames without one', () => {
    const l = leak('definitelyLost', 8, 'x', 'x.c', 1, {
      stack: [{ fn: 'std::map<int, std::vector<int>>::operator|', obj: '/lib/a.so' }, { obj: '/usr/lib/libz.so.1' }, {}],
    });
    assert.match(renderSuppressions(reportOf([l])), /match-leak-kinds: definite\n {3}fun:\*\n {3}obj:\/usr\/lib\/libz\.so\.1\n {3}\.\.\.\n\}/);
  });

  it('deduplicates identical blocks', () => {
    const a = leak('definitelyLost', 8, 'f', 'x.c', 1);
    const text = renderSuppressions(reportOf([a, { ...a, fingerprint: 'other' }]));
    assert.equal(text.match(/Memcheck:Leak/g)?.length, 1);
  });

  it('maps memory errors to their suppression kinds, and lists the ones it cannot', () => {
    const err = (kind: string, what: string): MemError => ({ kind, what, fingerprint: kind + what, count: 1, pids: [1], stack: [{ fn: 'f' }] });
    const text = renderSuppressions(
      reportOf([], [err('InvalidRead', 'Invalid read of size 8'), err('UninitCondition', 'Conditional jump or move depends on uninitialised value(s)'), err('SyscallParam', 'Syscall param write(buf) points to uninitialised byte(s)'), err('ClientCheck', 'weird\nthing')]),
    );
    assert.match(text, /Memcheck:Addr8\n {3}fun:f/);
    assert.match(text, /Memcheck:Cond\n {3}fun:f/);
    assert.match(text, /Memcheck:Param\n {3}write\(buf\)\n {3}fun:f/);
    assert.match(text, /^# ClientCheck: weird thing \(no suppression kind known/m);
  });
});
