/** Small literal reports for the publish tests: a typical failing run, 300 distinct leaks, hostile names. */

import { SCHEMA_VERSION, zeroTotals, type Frame, type Leak, type LeakReport, type MemError } from '../../src/model/report.ts';
import type { BuildInfo, RunInfo } from '../../src/model/run.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import type { Policy } from '../../src/settings/types.ts';
import type { PublishContext } from '../../src/publish/context.ts';
import type { ReportView } from '../../src/publish/report-view.ts';

export const WS = '/home/runner/work/fluent-bit/fluent-bit';

export const GITHUB_CONTEXT: PublishContext = {
  workspace: WS,
  serverUrl: 'https://github.com',
  repository: 'fluent/fluent-bit',
  sha: '0123456789abcdef0123456789abcdef01234567',
  runUrl: 'https://github.com/fluent/fluent-bit/actions/runs/42',
  eventName: 'pull_request',
  prNumber: 7,
  workflow: 'leaks',
  job: 'valgrind',
  matrix: null,
};

export const POLICY: Policy = { maxDefinitelyLostBytes: 0, maxPossiblyLostBytes: 0, maxIndirectlyLostBytes: null, maxErrors: 0 };

const malloc: Frame = { fn: 'malloc', file: 'vg_replace_malloc.c', dir: '/build/valgrind/coregrind/m_replacemalloc', line: 381, obj: '/usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so' };
const main: Frame = { fn: 'main', file: 'fluent-bit.c', dir: `${WS}/src`, line: 1412, obj: `${WS}/build/bin/fluent-bit` };
const libcStart: Frame = { fn: '(below main)', file: 'libc-start.c', dir: './csu/../sysdeps/nptl', line: 58, obj: '/usr/lib/x86_64-linux-gnu/libc.so.6' };

export const leak = (kind: Leak['kind'], bytes: number, fn: string, file: string, line: number, extra: Partial<Leak> = {}): Leak => ({
  kind,
  fingerprint: `${kind}|${fn}|${file}`,
  bytes,
  indirectBytes: 0,
  blocks: 1,
  records: 1,
  pids: [4242],
  // ccache base_dir makes the directory relative to the build tree: resolved by the renderer.
  stack: [malloc, { fn, file, dir: `${WS}/build/src/../../src`, line, obj: `${WS}/build/bin/fluent-bit` }, main, libcStart],
  ...extra,
});

export function verdictFor(report: LeakReport, policy: Policy = POLICY): Verdict {
  const t = report.totals;
  const checks: Verdict['checks'] = [
    { what: 'definitelyLost', actual: t.definitelyLost.bytes, limit: policy.maxDefinitelyLostBytes, exceeded: t.definitelyLost.bytes > policy.maxDefinitelyLostBytes },
    { what: 'indirectlyLost', actual: t.indirectlyLost.bytes, limit: policy.maxIndirectlyLostBytes, exceeded: policy.maxIndirectlyLostBytes !== null && t.indirectlyLost.bytes > policy.maxIndirectlyLostBytes },
    { what: 'possiblyLost', actual: t.possiblyLost.bytes, limit: policy.maxPossiblyLostBytes, exceeded: t.possiblyLost.bytes > policy.maxPossiblyLostBytes },
    { what: 'errors', actual: t.errors, limit: policy.maxErrors, exceeded: t.errors > policy.maxErrors },
  ];
  // Worded like the judge (src/judge), kept literal here so the goldens change only with the renderers.
  const label = { definitelyLost: 'definitely lost', indirectlyLost: 'indirectly lost', possiblyLost: 'possibly lost', errors: 'memory errors' } as const;
  const input = { definitelyLost: 'max-definitely-lost-bytes', indirectlyLost: 'max-indirectly-lost-bytes', possiblyLost: 'max-possibly-lost-bytes', errors: 'max-errors' } as const;
  const reasons = checks
    .filter((c) => c.exceeded)
    .map((c) => {
      const unit = c.what === 'errors' ? '' : ' bytes';
      return `${label[c.what]}: ${c.actual}${unit}, over the limit of ${c.limit}${unit} (${input[c.what]})`;
    });
  return { outcome: reasons.length > 0 ? 'fail' : 'pass', reasons, checks };
}

export function reportOf(leaks: Leak[], errors: MemError[] = [], patch: Partial<LeakReport> = {}): LeakReport {
  const totals = zeroTotals();
  for (const l of leaks) {
    totals[l.kind].bytes += l.bytes;
    totals[l.kind].blocks += l.blocks;
  }
  totals.errors = errors.reduce((n, e) => n + e.count, 0);
  return {
    schemaVersion: SCHEMA_VERSION,
    complete: true,
    incompleteReasons: [],
    totals,
    processes: [
      { pid: 4242, file: '/tmp/out/valgrind-4242.xml', tool: 'memcheck', valgrindVersion: 'valgrind-3.22.0', protocolVersion: 4, argv: ['fluent-bit'], complete: true, incompleteReasons: [], totalsSource: 'records', totals },
    ],
    leaks,
    errors,
    suppressions: [],
    warnings: [],
    ...patch,
  };
}

export const RUN: RunInfo = {
  command: ['valgrind', '--leak-check=full', '--xml=yes', '--xml-file=/tmp/out/valgrind-%p.xml', `${WS}/build/bin/fluent-bit`, '-i', 'dummy', '-o', 'null'],
  cwd: WS,
  durationSeconds: 60,
  stopSignal: 'SIGTERM',
  end: 'stopped',
  exitCode: 0,
  exitSignal: null,
  signals: [{ signal: 'SIGTERM', atMs: 61_700, reason: 'stop' }],
  readyAfterMs: 1_700,
  shutdownMs: 1_200,
  totalMs: 62_900,
  outputTail: ['[2026/11/24 22:00:00] [ info] [engine] service has stopped (0 pending tasks)', '==4242== All heap blocks were freed -- no leaks are possible'],
  outputFile: '/tmp/out/output.log',
  xmlFiles: ['/tmp/out/valgrind-4242.xml'],
  valgrindVersion: 'valgrind-3.22.0',
};

export const BUILD: BuildInfo = {
  sourceDir: WS,
  buildDir: `${WS}/build`,
  binary: `${WS}/build/bin/fluent-bit`,
  version: 'Fluent Bit v5.1.0',
  cmakeOptions: ['-DFLB_VALGRIND=On', '-DFLB_JEMALLOC=Off'],
  cached: false,
  ccache: true,
  seconds: 41,
  logFile: `${WS}/build/build.log`,
};

const invalidRead: MemError = {
  kind: 'InvalidRead',
  fingerprint: 'InvalidRead|flb_sds_len|flb_sds.h',
  what: 'Invalid read of size 8',
  count: 3,
  pids: [4242],
  stack: [{ fn: 'flb_sds_len', file: 'flb_sds.h', dir: `${WS}/include/fluent-bit`, line: 51 }, { fn: 'cb_dummy_collect', file: 'in_dummy.c', dir: `${WS}/plugins/in_dummy`, line: 88 }, main],
  auxwhat: 'Address 0x4a8b040 is 0 bytes after a block of size 16 alloc\'d',
  auxStack: [malloc, { fn: 'flb_sds_create_size', file: 'flb_sds.c', dir: `${WS}/src`, line: 60 }],
};

/** A failing run: one definite leak with an indirect child, a possible leak, still reachable memory, an invalid read. */
export function typicalView(): ReportView {
  const report = reportOf(
    [
      leak('definitelyLost', 40, 'flb_log_to_metrics_create', 'flb_log_to_metrics.c', 210, { indirectBytes: 100, records: 2, pids: [4242, 4243] }),
      leak('indirectlyLost', 100, 'flb_sds_create_size', 'flb_sds.c', 60),
      leak('possiblyLost', 320, 'flb_coro_create', 'flb_coro.h', 190),
      leak('stillReachable', 33, 'flb_config_init', 'flb_config.c', 301),
    ],
    [invalidRead],
    { warnings: ['client switching stacks? (Fluent Bit built without FLB_VALGRIND?)'] },
  );
  return { report, verdict: verdictFor(report), policy: POLICY, run: RUN, build: BUILD, context: GITHUB_CONTEXT, artifactUrl: 'https://github.com/fluent/fluent-bit/actions/runs/42/artifacts/9001' };
}

/** 300 distinct definite leaks, sizes descending, one plugin file each. */
export function manyLeaksView(n = 300): ReportView {
  const leaks = Array.from({ length: n }, (_, i) => leak('definitelyLost', (n - i) * 16, `flb_plugin_${i}_init`, `plugin_${i}.c`, 10 + i));
  const report = reportOf(leaks);
  return { report, verdict: verdictFor(report), policy: POLICY, run: RUN, build: BUILD, context: GITHUB_CONTEXT, artifactUrl: 'https://github.com/fluent/fluent-bit/actions/runs/42/artifacts/9001' };
}

/** Names that break naive markdown, HTML, mention and workflow-command handling. */
export const HOSTILE_NAMES = [
  'std::map<int, std::vector<int>>::operator|',
  'operator||',
  'a|b|c',
  'tick`tock``',
  '<script>alert(1)</script>',
  '@octocat see #1',
  '100% <b>bold</b> & "quoted"',
  'line1\r\nline2::error::injected',
  'file:name,with,commas',
];

export function hostileView(): ReportView {
  const leaks = HOSTILE_NAMES.map((name, i) => {
    const l = leak('definitelyLost', 8 * (HOSTILE_NAMES.length - i), name, `dir (${i})/we|rd @me ${name.slice(0, 6)}.c`, 7 + i);
    return l;
  });
  const errors: MemError[] = [{ ...invalidRead, what: 'Invalid read | of `size` 8 <img src=x onerror=alert(1)> @octocat', fingerprint: 'x' }];
  const report = reportOf(leaks, errors, { warnings: ['warning with | pipe and <tag> and @someone'] });
  const verdict = verdictFor(report);
  verdict.reasons.push('new leak in `operator|` from @octocat <img src=x>');
  const run: RunInfo = { ...RUN, outputTail: ['```', '</details>', '@octocat <script>x</script>', '::error::not a command', '\u001b[31mred\u001b[0m'] };
  return { report, verdict, policy: POLICY, run, build: BUILD, context: GITHUB_CONTEXT, artifactUrl: null };
}

/** A run that hung at shutdown and was killed: no leak records, an incomplete process. */
export function incompleteView(): ReportView {
  const report = reportOf([], [], {
    complete: false,
    incompleteReasons: ['valgrind-4242.xml ends before </valgrindoutput>: the process was killed (SIGKILL) before Valgrind wrote its leak report'],
  });
  report.processes = report.processes.map((p) => ({ ...p, complete: false, incompleteReasons: ['no leak check: the document is not closed'], fatalSignal: 'SIGKILL' }));
  const run: RunInfo = {
    ...RUN,
    end: 'hung-killed',
    exitCode: null,
    exitSignal: 'SIGKILL',
    signals: [
      { signal: 'SIGTERM', atMs: 61_700, reason: 'stop' },
      { signal: 'SIGUSR1', atMs: 121_700, reason: 'escalate' },
      { signal: 'SIGKILL', atMs: 131_700, reason: 'kill' },
    ],
    shutdownMs: null,
    totalMs: 131_800,
    outputTail: ['[engine] caught signal (SIGTERM)', '[ warn] [engine] service will shutdown in max 5 seconds', '[ info] [output:null:null.0] thread worker #0 stopping...'],
  };
  const verdict: Verdict = {
    outcome: 'incomplete',
    reasons: ['the program did not exit after SIGTERM, then SIGUSR1, then SIGKILL: it was killed with SIGKILL and Valgrind wrote no leak report', ...report.incompleteReasons],
    checks: verdictFor(report).checks,
  };
  return { report, verdict, policy: POLICY, run, build: { ...BUILD, cached: true }, context: GITHUB_CONTEXT, artifactUrl: null };
}
