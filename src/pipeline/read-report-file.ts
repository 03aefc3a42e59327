import { readFile } from 'node:fs/promises';
import { LEAK_KINDS, SCHEMA_VERSION, type Amount, type Frame, type Leak, type MemError, type ProcessReport, type Totals } from '../model/report.ts';
import type { ReportFile } from '../model/report-file.ts';
import type { RunInfo, BuildInfo } from '../model/run.ts';

/** A report.json that cannot be read or is not one this version wrote. */
export class ReportFileError extends Error {
  override name = 'ReportFileError';
}

/**
 * Reads a report.json written by this action (`report-file`, or the CLI's `report`),
 * checking every field the judge and the renderers use. It may come from a fork's run:
 * strings stay untrusted (the renderers escape them), but shapes are verified here.
 */
export async function readReportFile(file: string): Promise<ReportFile> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new ReportFileError(`'report-file' ${file} cannot be read as JSON: ${(e as Error).message}`);
  }
  if (!isReportFile(data)) {
    throw new ReportFileError(`'report-file' ${file} is not a flb-valgrind report (schemaVersion ${SCHEMA_VERSION}): ${reportProblem(data)}`);
  }
  return data;
}

/** True when every field the judge and the renderers read has its type. */
export function isReportFile(x: unknown): x is ReportFile {
  return reportProblem(x) === null;
}

type Check = (x: unknown) => string | null;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const count: Check = (x) => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? null : 'not a whole number');
const str: Check = (x) => (typeof x === 'string' ? null : 'not a string');
const bool: Check = (x) => (typeof x === 'boolean' ? null : 'not true or false');
const optional = (c: Check): Check => (x) => (x === undefined ? null : c(x));
const nullable = (c: Check): Check => (x) => (x === null ? null : c(x));
const oneOf = (values: readonly string[]): Check => (x) => (typeof x === 'string' && values.includes(x) ? null : `not one of ${values.join(', ')}`);
const array = (c: Check): Check => (x) => {
  if (!Array.isArray(x)) return 'not a list';
  for (let i = 0; i < x.length; i++) {
    const p = c(x[i]);
    if (p) return `[${i}] ${p}`;
  }
  return null;
};
const object = (fields: Record<string, Check>): Check => (x) => {
  if (!isObj(x)) return 'not an object';
  for (const [k, c] of Object.entries(fields)) {
    const p = c(x[k]);
    if (p) return `${k} ${p}`;
  }
  return null;
};

const amount = object({ bytes: count, blocks: count } satisfies Record<keyof Amount, Check>);
const totals = object({
  definitelyLost: amount,
  indirectlyLost: amount,
  possiblyLost: amount,
  stillReachable: amount,
  suppressed: amount,
  errors: count,
} satisfies Record<keyof Totals, Check>);
const frame = object({ fn: optional(str), file: optional(str), dir: optional(str), line: optional(count), obj: optional(str) } satisfies Record<keyof Frame, Check>);
const stack = array(frame);
const leak = object({
  kind: oneOf(LEAK_KINDS),
  fingerprint: str,
  bytes: count,
  indirectBytes: count,
  blocks: count,
  records: count,
  pids: array(count),
  stack,
  suppression: optional(str),
} satisfies Partial<Record<keyof Leak, Check>>);
const memError = object({ kind: str, fingerprint: str, what: str, count, pids: array(count), stack, auxwhat: optional(str), auxStack: optional(stack) } satisfies Partial<Record<keyof MemError, Check>>);
const processReport = object({
  pid: count,
  file: str,
  complete: bool,
  incompleteReasons: array(str),
  fatalSignal: optional(str),
  totalsSource: oneOf(['summary', 'records']),
  totals,
} satisfies Partial<Record<keyof ProcessReport, Check>>);
const verdict = object({
  outcome: oneOf(['pass', 'fail', 'incomplete']),
  reasons: array(str),
  checks: array(object({ what: str, actual: count, limit: nullable(count), exceeded: bool })),
});
const run = object({
  command: array(str),
  cwd: str,
  durationSeconds: count,
  stopSignal: str,
  end: oneOf(['stopped', 'hung-escalated', 'hung-killed', 'exited-early', 'not-ready', 'cancelled']),
  exitCode: nullable(count),
  exitSignal: nullable(str),
  signals: array(object({ signal: str, atMs: count, reason: oneOf(['stop', 'escalate', 'kill', 'cancel']) })),
  totalMs: count,
  outputTail: array(str),
  xmlFiles: array(str),
} satisfies Partial<Record<keyof RunInfo, Check>>);
const build = object({ sourceDir: str, buildDir: str, binary: str, cmakeOptions: array(str), cached: bool } satisfies Partial<Record<keyof BuildInfo, Check>>);

const reportProblem = object({
  schemaVersion: (x) => (x === SCHEMA_VERSION ? null : `is ${JSON.stringify(x)}`),
  complete: bool,
  incompleteReasons: array(str),
  totals,
  processes: array(processReport),
  leaks: array(leak),
  errors: array(memError),
  suppressions: array(object({ name: str, count })),
  warnings: array(str),
  verdict: optional(verdict),
  run: optional(run),
  build: optional(build),
});
