import type { LeakReport } from '../model/report.ts';
import type { RunInfo } from '../model/run.ts';
import type { Check, Outcome, Verdict } from '../model/verdict.ts';
import type { Policy } from '../settings/types.ts';

const LIMIT_INPUT = {
  definitelyLost: 'max-definitely-lost-bytes',
  indirectlyLost: 'max-indirectly-lost-bytes',
  possiblyLost: 'max-possibly-lost-bytes',
  errors: 'max-errors',
} as const;

const LABEL = {
  definitelyLost: 'definitely lost',
  indirectlyLost: 'indirectly lost',
  possiblyLost: 'possibly lost',
  errors: 'memory errors',
} as const;

/**
 * Judges a report against the policy and, when the run stage ran, how the run ended.
 * `incomplete` (the run could not be judged) outranks `fail`, which outranks `pass`.
 */
export function judge(report: LeakReport, policy: Policy, run?: RunInfo): Verdict {
  const t = report.totals;
  const checks: Check[] = [
    check('definitelyLost', t.definitelyLost.bytes, policy.maxDefinitelyLostBytes),
    check('indirectlyLost', t.indirectlyLost.bytes, policy.maxIndirectlyLostBytes),
    check('possiblyLost', t.possiblyLost.bytes, policy.maxPossiblyLostBytes),
    check('errors', t.errors, policy.maxErrors),
  ];
  const incomplete = [...report.incompleteReasons, ...(run ? runIncomplete(run) : [])];
  if (!report.complete && report.incompleteReasons.length === 0) incomplete.push('the Valgrind report is incomplete');
  const failures = [...(run ? runFailures(run) : []), ...crashes(report, run), ...checks.filter((c) => c.exceeded).map(describe)];

  const outcome: Outcome = incomplete.length > 0 ? 'incomplete' : failures.length > 0 ? 'fail' : 'pass';
  return { outcome, reasons: [...incomplete, ...failures], checks };
}

function check(what: Check['what'], actual: number, limit: number | null): Check {
  return { what, actual, limit, exceeded: limit !== null && actual > limit };
}

function describe(c: Check): string {
  const unit = c.what === 'errors' ? '' : ' bytes';
  return `${LABEL[c.what]}: ${c.actual}${unit}, over the limit of ${c.limit}${unit} (${LIMIT_INPUT[c.what]})`;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function exitStatus(run: RunInfo): string {
  if (run.exitSignal) return `was killed by ${run.exitSignal}`;
  return `exited with code ${run.exitCode ?? 'unknown'}`;
}

/** Ends of a run after which the leak totals say nothing about the intended run. */
function runIncomplete(run: RunInfo): string[] {
  switch (run.end) {
    case 'exited-early':
      // A crash is judged below as a failure in its own right.
      if (run.exitSignal && run.exitSignal !== run.stopSignal) return [];
      return [`the program ${exitStatus(run)} after ${seconds(run.totalMs)}, before the ${run.durationSeconds} s duration ended${tail(run)}`];
    case 'not-ready':
      return [`the program never printed the ready pattern; it was stopped after ${seconds(run.totalMs)}${tail(run)}`];
    case 'hung-killed':
      return [`the program did not exit after ${run.signals.map((s) => s.signal).join(', then ')}: it was killed with SIGKILL and Valgrind wrote no leak report`];
    case 'cancelled':
      return ['the run was cancelled before it finished'];
    default:
      return [];
  }
}

function runFailures(run: RunInfo): string[] {
  if (run.end !== 'hung-escalated') return [];
  const escalation = run.signals.find((s) => s.reason === 'escalate');
  return [
    `hung shutdown: the program did not exit after ${run.stopSignal}; ${escalation?.signal ?? 'a second signal'} made Valgrind write its report without the program's cooperation (leaks of interrupted work are included)`,
  ];
}

function crashes(report: LeakReport, run?: RunInfo): string[] {
  const escalated = new Set(run?.signals.map((s) => s.signal) ?? []);
  const crashed = report.processes.filter((p) => p.fatalSignal && !escalated.has(p.fatalSignal));
  if (crashed.length > 0) return crashed.map((p) => `process ${p.pid} crashed with ${p.fatalSignal}`);
  if (run?.end === 'exited-early' && run.exitSignal && run.exitSignal !== run.stopSignal) {
    return [`the program crashed with ${run.exitSignal} after ${seconds(run.totalMs)}${tail(run)}`];
  }
  return [];
}

function tail(run: RunInfo): string {
  const last = run.outputTail.slice(-5).join('\n');
  return last ? `; its last output:\n${last}` : '';
}
