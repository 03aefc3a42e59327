import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMENT_MAX_CHARS, commentMarker, renderComment, stateLine, stateOf } from '../../src/publish/pr-comment.ts';
import { assertGolden } from './golden.ts';
import { HOSTILE_NAMES, hostileView, incompleteView, leak, manyLeaksView, reportOf, typicalView, verdictFor } from './fixtures.ts';
import { tableRows, toHtml } from './render-html.ts';

describe('renderComment', () => {
  it('starts with the hidden marker and renders a failing run (golden)', () => {
    const body = renderComment(typicalView(), 'leaks / valgrind');
    assert.ok(body.startsWith('<!-- flb-valgrind-action:leaks / valgrind -->\n'));
    assertGolden('comment-typical.md', body);
  });

  it('300 distinct leaks: the top 20 with stacks, saying where the rest are (golden)', () => {
    const body = renderComment(manyLeaksView(), 'leaks / valgrind');
    assert.match(body, /#### Leaks \(top 20 of 300\)/);
    assert.ok(body.length <= COMMENT_MAX_CHARS);
    assertGolden('comment-300-leaks.md', body);
  });

  it('hostile names stay inert and inside their cells (golden)', () => {
    const body = renderComment(hostileView(), 'ci --> <b>x</b>');
    assert.ok(body.startsWith('<!-- flb-valgrind-action:ci -_ _b_x_/b_ -->\n'), 'the key cannot close the marker comment');
    const html = toHtml(body);
    assert.doesNotMatch(html, /<script|<img|<b>bold/);
    assert.doesNotMatch(html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, ''), /@octocat|@someone/);
    const fns = tableRows(html).filter((r) => r[1] === 'definitely\u00A0lost').map((r) => r[4]?.replace(/\u200B/g, ''));
    assert.deepEqual(fns, HOSTILE_NAMES.map((n) => n.replace('\r\n', ' ')));
    assertGolden('comment-hostile.md', body);
  });

  it('an incomplete run: the reasons, the processes and the output tail instead of leak tables (golden)', () => {
    const body = renderComment(incompleteView(), 'leaks / valgrind');
    assert.match(body, /^### ⚠️ Valgrind memcheck: Incomplete$/m);
    assert.match(body, /#### Processes/);
    assert.doesNotMatch(body, /#### Leaks/);
    assertGolden('comment-incomplete.md', body);
  });

  it('cuts stacks first, then rows, to stay under 65,536 characters, and says what it cut', () => {
    // 300 leaks whose C++ names are 1,000 characters long: the full comment would be ~700 KB.
    const longName = (i: number): string => `ns${i}::${'Template<'.repeat(60)}int${'>'.repeat(60)}::${'x'.repeat(300)}`;
    const leaks = Array.from({ length: 300 }, (_, i) => leak('definitelyLost', 1000 - i, longName(i), `f${i}.cc`, i + 1, {
      stack: Array.from({ length: 16 }, (_, j) => ({ fn: `${longName(i)}_${j}`, file: `f${i}.cc`, dir: '/home/runner/work/fluent-bit/fluent-bit/src', line: j + 1 })),
    }));
    const report = reportOf(leaks);
    const body = renderComment({ ...typicalView(), report, verdict: verdictFor(report) }, 'k');
    assert.ok(body.length <= COMMENT_MAX_CHARS, `${body.length} characters`);
    assert.match(body, /✂️ Cut to fit GitHub's 65,536-character comment limit: \d+ stacks/);
    assert.match(body, /<!-- flb-valgrind-action:footer -->/, 'the footer survives');

    const small = renderComment(manyLeaksView(), 'k', { maxChars: 3_000 });
    assert.ok(small.length <= 3_000, `${small.length}`);
    assert.match(small, /Cut to fit GitHub's 65,536-character comment limit: 20 stacks, \d+ table rows/);
    assert.ok(small.startsWith(commentMarker('k')));
  });

  it('carries a state line that changes with the totals, not with links', () => {
    const a = typicalView();
    const b = { ...typicalView(), context: { ...a.context, sha: 'f'.repeat(40), runUrl: 'https://github.com/o/r/actions/runs/43' } };
    assert.equal(stateOf(renderComment(a, 'k')), stateOf(renderComment(b, 'k')));
    assert.equal(stateOf(renderComment(a, 'k')), stateLine(a));
    const fewer = reportOf([leak('definitelyLost', 8, 'f', 'x.c', 1)]);
    assert.notEqual(stateLine({ ...a, report: fewer, verdict: verdictFor(fewer) }), stateLine(a));
    assert.equal(stateOf('no state here'), null);
  });
});
