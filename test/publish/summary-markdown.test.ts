import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localContext } from '../../src/publish/context.ts';
import { SUMMARY_MAX_BYTES, renderSummary } from '../../src/publish/summary-markdown.ts';
import { assertGolden } from './golden.ts';
import { HOSTILE_NAMES, WS, hostileView, incompleteView, manyLeaksView, typicalView } from './fixtures.ts';
import { tableRows, toHtml } from './render-html.ts';

describe('renderSummary', () => {
  it('renders a failing run with links to the source at the commit (golden)', () => {
    assertGolden('summary-typical.md', renderSummary(typicalView()));
  });

  it('renders without a GitHub context: no links, same sections (golden, the CLI --markdown)', () => {
    const view = { ...typicalView(), context: localContext(WS), artifactUrl: null };
    const md = renderSummary(view);
    assert.doesNotMatch(md, /https?:\/\//);
    assert.match(md, /`src\/flb_log_to_metrics\.c:210`/);
    assertGolden('summary-local.md', md);
  });

  it('renders 300 distinct leaks: the top 100 with stacks, saying how many there are (golden)', () => {
    const md = renderSummary(manyLeaksView());
    assert.match(md, /### Leaks \(top 100 of 300\)/);
    assert.ok(Buffer.byteLength(md) < SUMMARY_MAX_BYTES);
    assertGolden('summary-300-leaks.md', md);
  });

  it('renders hostile names without breaking the tables, HTML or mentions (golden)', () => {
    const view = hostileView();
    const md = renderSummary(view);
    const html = toHtml(md);
    assert.doesNotMatch(html, /<script|<img|<b>bold/);
    // GitHub links mentions in text, never inside <code>.
    assert.doesNotMatch(html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, ''), /@octocat|@someone/, 'mentions in text are broken by a zero-width space');
    const leakRows = tableRows(html).filter((r) => r.length === 6 && r[1] === 'definitely\u00A0lost');
    assert.deepEqual(
      leakRows.map((r) => r[4]?.replace(/\u200B/g, '')),
      HOSTILE_NAMES.map((n) => n.replace(/\r\n/g, ' ')),
      'each hostile function name is one cell, shown as it is',
    );
    assertGolden('summary-hostile.md', md);
  });

  it('an incomplete run: reasons, signals sent, the killed process, the output tail (golden)', () => {
    const md = renderSummary(incompleteView());
    assert.match(md, /Signals sent: `SIGTERM` at 1 min 02 s \(stop\), `SIGUSR1` at 2 min 02 s \(escalate\), `SIGKILL` at 2 min 12 s \(kill\)/);
    assert.match(md, /\| 4242 \| — \| — \| <code>SIGKILL<\/code> \| ❌ no: no leak check: the document is not closed \|/);
    assert.match(md, /restored from the cache/);
    assertGolden('summary-incomplete.md', md);
  });

  it('a passing run with no leaks says so', () => {
    const view = typicalView();
    const report = { ...view.report, leaks: [], errors: [] };
    const md = renderSummary({ ...view, report, verdict: { outcome: 'pass', reasons: [], checks: view.verdict.checks.map((c) => ({ ...c, exceeded: false })) } });
    assert.match(md, /^## ✅ Valgrind memcheck: Pass/);
    assert.match(md, /No leak or memory error over its threshold in 1 process\./);
    assert.doesNotMatch(md, /### Leaks/);
  });

  it('cuts stacks before rows to fit a size limit, and says what it cut', () => {
    const full = renderSummary(manyLeaksView());
    const md = renderSummary(manyLeaksView(), { maxBytes: 60_000 });
    assert.ok(Buffer.byteLength(md) <= 60_000, `${Buffer.byteLength(md)} bytes`);
    assert.ok(Buffer.byteLength(full) > 60_000);
    assert.match(md, /Cut to fit GitHub's 1 MiB job summary: \d+ stacks/);
    assert.match(md, /### Leaks \(top 100 of 300\)/, 'rows are kept while stacks can go');
    const tiny = renderSummary(manyLeaksView(), { maxBytes: 8_000 });
    assert.ok(Buffer.byteLength(tiny) <= 8_000);
    assert.match(tiny, /100 stacks, \d+ table rows/);
  });
});
