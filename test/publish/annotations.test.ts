import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANNOTATIONS_PER_LEVEL, annotationCommand, buildAnnotations, type Annotation } from '../../src/publish/annotations.ts';
import { HOSTILE_NAMES, hostileView, leak, manyLeaksView, reportOf, typicalView, verdictFor, POLICY, GITHUB_CONTEXT, WS } from './fixtures.ts';

/** Parses a workflow command back the way the runner does (ActionCommand.Parse: unescape %0D %0A %3A %2C %25). */
function parseCommand(line: string): { command: string; props: Record<string, string>; message: string } {
  const m = /^::(\w+)(?: ([^:]*))?::(.*)$/s.exec(line);
  assert.ok(m, `not a command: ${line}`);
  const unprop = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const undata = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const props: Record<string, string> = {};
  for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
    const i = kv.indexOf('=');
    props[kv.slice(0, i)] = unprop(kv.slice(i + 1));
  }
  return { command: m[1]!, props, message: undata(m[3]!) };
}

describe('buildAnnotations', () => {
  it('places each leak and error at its first frame inside the workspace, over-threshold kinds as errors', () => {
    const anns = buildAnnotations(typicalView());
    const brief = anns.map((a) => [a.level, a.file, a.line, a.title]);
    assert.deepEqual(brief, [
      ['error', 'include/fluent-bit/flb_sds.h', 51, 'InvalidRead ×3: Invalid read of size 8'],
      ['error', 'src/flb_log_to_metrics.c', 210, 'Definitely lost: 40 bytes (+100 indirect) in 1 block'],
      ['error', 'src/flb_coro.h', 190, 'Possibly lost: 320 bytes in 1 block'],
      ['warning', 'src/flb_sds.c', 60, 'Indirectly lost: 100 bytes in 1 block'],
    ]);
    assert.match(anns[1]!.message, /^Memory definitely lost over the threshold, allocated here:\n {2}at flb_log_to_metrics_create \(src\/flb_log_to_metrics\.c:210\)\n {2}at main \(src\/fluent-bit\.c:1412\)/);
  });

  it('resolves ccache-style `..` segments before making paths relative', () => {
    const l = leak('definitelyLost', 8, 'f', 'x.c', 3, { stack: [{ fn: 'f', dir: `${WS}/build/src/../../src/src`, file: '../lib/x.c', line: 3 }] });
    const [a] = buildAnnotations({ ...typicalView(), report: reportOf([l]), verdict: verdictFor(reportOf([l])) });
    assert.equal(a?.file, 'src/lib/x.c');
  });

  it('leaves frames outside the workspace unplaced', () => {
    const l = leak('definitelyLost', 8, 'f', 'x.c', 3, { stack: [{ fn: 'g_malloc', dir: '/usr/src/glib', file: 'gmem.c', line: 9 }] });
    const [a] = buildAnnotations({ ...typicalView(), report: reportOf([l]), verdict: verdictFor(reportOf([l])) });
    assert.equal(a?.file, undefined);
    assert.equal(a?.line, undefined);
  });

  it('keeps ten of each level and ends with one notice counting the rest', () => {
    const view = manyLeaksView(300);
    const withWarnings = reportOf([...view.report.leaks, ...Array.from({ length: 15 }, (_, i) => leak('indirectlyLost', 8, `ind_${i}`, `i${i}.c`, 1))]);
    const anns = buildAnnotations({ ...view, report: withWarnings, verdict: verdictFor(withWarnings) });
    const by = (l: Annotation['level']): Annotation[] => anns.filter((a) => a.level === l);
    assert.equal(by('error').length, ANNOTATIONS_PER_LEVEL);
    assert.equal(by('warning').length, ANNOTATIONS_PER_LEVEL);
    assert.equal(by('notice').length, 1);
    assert.equal(anns.at(-1)?.level, 'notice');
    assert.equal(anns.at(-1)?.title, '295 more leaks and errors not annotated');
    assert.match(anns.at(-1)!.message, /290 over the threshold and 5 within it or not checked are listed in the job summary/);
    assert.equal(by('error')[0]?.title, 'Definitely lost: 4,800 bytes (4.7 KiB) in 1 block', 'the largest first');
  });

  it('no notice when everything fits; still reachable memory is not annotated', () => {
    const anns = buildAnnotations(typicalView());
    assert.ok(anns.every((a) => a.level !== 'notice'));
    assert.ok(anns.every((a) => !a.title.startsWith('Still reachable')));
  });

  it('annotation commands round-trip hostile names through the runner\'s unescaping', () => {
    const view = hostileView();
    for (const a of buildAnnotations(view)) {
      const cmd = annotationCommand(a);
      assert.doesNotMatch(cmd, /[\r\n]/, 'one line');
      const parsed = parseCommand(cmd);
      assert.equal(parsed.command, a.level);
      assert.equal(parsed.props['file'], a.file);
      assert.equal(parsed.props['title'], a.title);
      assert.equal(parsed.props['line'], a.line === undefined ? undefined : String(a.line));
      assert.equal(parsed.message, a.message);
    }
    const files = buildAnnotations(view).map((a) => a.file);
    assert.ok(files.includes('src/dir (8)/we|rd @me file:n.c'), 'a path with `:` and `,` survives as a property');
    assert.ok(buildAnnotations(view).some((a) => a.message.includes(HOSTILE_NAMES[7]!.replace('\r\n', ' '))), 'line breaks inside a name are folded');
  });

  it('formats a command with every property', () => {
    assert.equal(
      annotationCommand({ level: 'error', file: 'src/a,b.c', line: 12, title: 'T: 100%', message: 'two\nlines' }),
      '::error file=src/a%2Cb.c,line=12,title=T%3A 100%25::two%0Alines',
    );
  });

  it('uses the policy to decide the level', () => {
    const report = reportOf([leak('definitelyLost', 8, 'f', 'x.c', 1)]);
    const lenient = { ...POLICY, maxDefinitelyLostBytes: 100 };
    const [a] = buildAnnotations({ report, verdict: verdictFor(report, lenient), policy: lenient, context: GITHUB_CONTEXT });
    assert.equal(a?.level, 'warning');
  });
});
